//! The relocation subsidy (Rules B p.70, order No. 359 appendices 13 and 15): its stored record, its one payment
//! order and its descriptor.

use std::num::NonZeroU32;

use cases::material_b73::{self, Relocation as State, RelocationEvent as Event};
use cases::{CaseKind, Ctx};
use jiff::civil::Date;
use kz::Money;
use legal::{Act, Law, LegalRef};
use serde_json::{Map, Value, json};
use store::{CaseRecord, Role};

use super::codec::{self, Fields};
use super::rent::{
    OrderLine, OrderStatus, deadline_grounds, decode_application, decode_orders, encode_application, encode_orders,
    masked_account, order_facts,
};
use super::{CaseView, Fact, FactValue, Kind, Recounted, Running, Sample};
use crate::AppError;

/// A relocation case as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelocationRecord {
    /// The applicant's IIN, masked.
    pub applicant: String,
    pub name: String,
    pub received_on: Date,
    /// The persons who move, the applicant included.
    pub persons: NonZeroU32,
    /// The account the subsidy is paid to; shown masked.
    pub account: String,
    pub orders: Vec<OrderLine>,
    pub state: State,
}

fn grounds() -> Vec<rules::Ground> {
    let mut all = deadline_grounds();
    all.push(material_b73::RELOCATION_CONDITIONS_NOT_MET);
    all
}

impl RelocationRecord {
    pub fn decode(case: &CaseRecord) -> Result<RelocationRecord, AppError> {
        if CaseKind::from_key(&case.kind) != Some(CaseKind::RelocationSubsidy) {
            return Err(codec::corrupt(case, "not a relocation case"));
        }
        let f = Fields::of(case)?;
        let persons = NonZeroU32::new(f.u32("persons")?).ok_or_else(|| codec::corrupt(case, "persons"))?;
        let s = f.object("state")?;
        let state = match case.state.as_str() {
            "applied" => State::Applied {
                application: decode_application(&s.object("application")?)?,
                persons,
            },
            "granted" => State::Granted {
                amount: s.money("amount")?,
                on: s.date("on")?,
            },
            "refused" => State::Refused {
                grounds: s.grounds("grounds", &grounds())?,
            },
            "paid" => State::Paid {
                amount: s.money("amount")?,
                on: s.date("on")?,
            },
            _ => return Err(codec::corrupt(case, "state")),
        };
        Ok(RelocationRecord {
            applicant: f.str("applicant")?.to_owned(),
            name: f.opt_str("name").unwrap_or_default().to_owned(),
            received_on: f.date("received_on")?,
            persons,
            account: f.str("account")?.to_owned(),
            orders: decode_orders(case, &f)?,
            state,
        })
    }

    pub fn encode(&self) -> (&'static str, String) {
        let state = match &self.state {
            State::New => json!({}),
            State::Applied { application, .. } => json!({ "application": encode_application(application) }),
            State::Granted { amount, on } | State::Paid { amount, on } => {
                json!({ "amount": amount.tiyn(), "on": on.to_string() })
            }
            State::Refused { grounds } => json!({ "grounds": codec::grounds(grounds) }),
        };
        let mut map = Map::new();
        map.insert("applicant".into(), json!(self.applicant));
        map.insert("name".into(), json!(self.name));
        map.insert("received_on".into(), json!(self.received_on.to_string()));
        map.insert("persons".into(), json!(self.persons.get()));
        map.insert("account".into(), json!(self.account));
        map.insert("orders".into(), encode_orders(&self.orders));
        map.insert("state".into(), state);
        (self.state.key(), Value::Object(map).to_string())
    }
}

#[derive(Debug)]
pub(crate) struct RelocationKind;

const STATES: &[&str] = &["applied", "granted", "refused", "paid"];

/// Why staff read a relocation case: Rules B p.70.
const READ_BASIS: LegalRef = LegalRef::new(Act::RulesB, "70");

impl Kind for RelocationKind {
    fn kinds(&self) -> &'static [CaseKind] {
        &[CaseKind::RelocationSubsidy]
    }

    fn states(&self) -> &'static [&'static str] {
        STATES
    }

    fn awaiting(&self, role: Role) -> &'static [&'static str] {
        match role {
            Role::LabourMobilityCentre => &["applied"],
            Role::Citizen
            | Role::CareerCentre
            | Role::StateCorporationOperator
            | Role::LocalExecutiveBody
            | Role::Commission
            | Role::AppealBody
            | Role::Employer
            | Role::Analyst
            | Role::Administrator
            | Role::System => &[],
        }
    }

    fn actions(&self, role: Role, state: &str) -> &'static [&'static str] {
        match (role, state) {
            (Role::LabourMobilityCentre, "applied") => &["grant", "refuse"],
            _ => &[],
        }
    }

    fn read_basis(&self) -> LegalRef {
        READ_BASIS
    }

    /// The order sets no time limit for the decision or the payment.
    fn running(&self, case: &CaseRecord) -> Result<Vec<Running>, AppError> {
        RelocationRecord::decode(case).map(|_| Vec::new())
    }

    fn view(&self, case: &CaseRecord) -> Result<CaseView, AppError> {
        let r = RelocationRecord::decode(case)?;
        let mut facts = vec![
            Fact {
                key: "persons",
                value: FactValue::Count(r.persons.get()),
                source: None,
            },
            Fact {
                key: "account",
                value: FactValue::Text(masked_account(&r.account)),
                source: None,
            },
        ];
        let mut grounds = Vec::new();
        match &r.state {
            State::Applied { application, .. } => facts.push(Fact {
                key: "included_on",
                value: FactValue::Date(application.included_on),
                source: None,
            }),
            State::Granted { amount, .. } | State::Paid { amount, .. } => facts.push(Fact {
                key: "amount",
                value: FactValue::Money(*amount),
                source: None,
            }),
            State::Refused { grounds: g } => grounds = g.as_slice().to_vec(),
            State::New => {}
        }
        order_facts(&r.orders, &mut facts);
        Ok(CaseView {
            facts,
            grounds,
            applicant: Some(r.applicant),
            name: Some(r.name),
            ..CaseView::default()
        })
    }

    fn recount(&self, case: &CaseRecord, _law: &Law, _day: Date) -> Result<Option<Recounted>, AppError> {
        RelocationRecord::decode(case).map(|_| None)
    }

    fn samples(&self, law: &Law, day: Date) -> Result<Vec<Sample>, AppError> {
        let ctx = Ctx {
            today: day,
            params: &law.params,
            calendar: &law.calendar,
        };
        let step = |s: &State, e: Event| {
            material_b73::relocation(s, e, &ctx)
                .map(|s| s.next)
                .map_err(AppError::Rejected)
        };
        let persons = NonZeroU32::MIN.saturating_add(2);
        let included_on = day.checked_sub(jiff::Span::new().days(30)).unwrap_or(day);
        let applied = step(
            &State::New,
            Event::Apply {
                included_on,
                persons,
                petition: None,
            },
        )?;
        let granted = step(&applied, Event::Grant)?;
        let states = vec![
            applied.clone(),
            step(&applied, Event::Refuse)?,
            step(&granted, Event::Paid)?,
            granted,
        ];
        let mut out = Vec::new();
        for state in states {
            let orders = match &state {
                State::Granted { amount, .. } | State::Paid { amount, .. } => vec![OrderLine {
                    period: String::new(),
                    amount: *amount,
                    status: if matches!(state, State::Paid { .. }) {
                        OrderStatus::Paid
                    } else {
                        OrderStatus::Scheduled
                    },
                    file: None,
                    reason: None,
                    attempt: 1,
                }],
                State::New | State::Applied { .. } | State::Refused { .. } => Vec::new(),
            };
            let record = RelocationRecord {
                applicant: "********1235".into(),
                name: "Сапарова Әлия".into(),
                received_on: day,
                persons,
                account: "KZ18722S000012345678".into(),
                orders,
                state,
            };
            let (key, payload) = record.encode();
            out.push(Sample {
                kind: CaseKind::RelocationSubsidy,
                state: key.to_owned(),
                payload,
                due_on: None,
            });
        }
        Ok(out)
    }
}

/// The amount a granted (or paid) relocation case pays, if it does.
pub(crate) fn amount_of(state: &State) -> Option<Money> {
    match state {
        State::Granted { amount, .. } | State::Paid { amount, .. } => Some(*amount),
        State::New | State::Applied { .. } | State::Refused { .. } => None,
    }
}
