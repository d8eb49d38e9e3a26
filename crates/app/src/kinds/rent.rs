//! Compensation of rent and utilities (Rules B p.71–72, order No. 359 appendices 13 and 16): its stored record,
//! the payment orders it has scheduled and what the bank said of them, and its descriptor.

use cases::rent_b72::{self, RefundPath, State};
use cases::{CaseKind, Ctx, Party};
use jiff::civil::Date;
use kz::Money;
use legal::{Act, Law, LegalRef};
use rules::rules_b::p71_rent_compensation::{MAX_MONTHS_GROUND, RentExclusion, RentTermination};
use rules::rules_b::p73_application_windows::RestorationPetition;
use rules::{HouseholdSize, Locality};
use serde_json::{Map, Value, json};
use store::{CaseRecord, Role};

use super::codec::{self, Fields};
use super::{CaseView, Fact, FactValue, Kind, Recounted, Running, Sample};
use crate::AppError;

/// Where a payment order of a case stands with the bank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderStatus {
    /// Scheduled by the decision or the payroll; not yet in a bank file.
    Scheduled,
    /// Written to a bank file; the bank has not reported it.
    Exported,
    /// The bank booked the transfer.
    Paid,
    /// The bank returned it (closed account, wrong name): a new account is needed before it is sent again.
    Returned,
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 4] = [
        OrderStatus::Scheduled,
        OrderStatus::Exported,
        OrderStatus::Paid,
        OrderStatus::Returned,
    ];

    pub fn key(self) -> &'static str {
        match self {
            OrderStatus::Scheduled => "scheduled",
            OrderStatus::Exported => "exported",
            OrderStatus::Paid => "paid",
            OrderStatus::Returned => "returned",
        }
    }

    pub fn from_key(key: &str) -> Option<OrderStatus> {
        OrderStatus::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// One payment order of a case: the month it pays (`2026-03`, empty for a one-off payment), the amount and where
/// it stands. The store keeps one payment row per case, measure and period, so an order is scheduled once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderLine {
    pub period: String,
    pub amount: Money,
    pub status: OrderStatus,
    /// The bank file it went out in.
    pub file: Option<String>,
    /// The ISO return reason, when returned.
    pub reason: Option<String>,
    /// The attempt: 1, and one more each time a returned order is sent again to a new account.
    pub attempt: u8,
}

pub(crate) fn encode_orders(orders: &[OrderLine]) -> Value {
    json!(
        orders
            .iter()
            .map(|o| json!({
                "period": o.period,
                "amount": o.amount.tiyn(),
                "status": o.status.key(),
                "file": o.file,
                "reason": o.reason,
                "attempt": o.attempt,
            }))
            .collect::<Vec<_>>()
    )
}

pub(crate) fn decode_orders(case: &CaseRecord, f: &Fields<'_>) -> Result<Vec<OrderLine>, AppError> {
    f.objects("orders")?
        .iter()
        .map(|o| {
            Ok(OrderLine {
                period: o.str("period")?.to_owned(),
                amount: o.money("amount")?,
                status: OrderStatus::from_key(o.str("status")?).ok_or_else(|| codec::corrupt(case, "status"))?,
                file: o.opt_str("file").map(str::to_owned),
                reason: o.opt_str("reason").map(str::to_owned),
                attempt: u8::try_from(o.opt_u32("attempt").unwrap_or(1))
                    .ok()
                    .filter(|a| *a >= 1)
                    .ok_or_else(|| codec::corrupt(case, "attempt"))?,
            })
        })
        .collect()
}

pub(crate) fn encode_application(a: &cases::material_b73::Application) -> Value {
    json!({
        "on": a.on.to_string(),
        "included_on": a.included_on.to_string(),
        "petition": a.petition.map(|p| json!({ "filed_on": p.filed_on.to_string(), "evidence": p.evidence })),
    })
}

pub(crate) fn decode_application(f: &Fields<'_>) -> Result<cases::material_b73::Application, AppError> {
    let petition = match f.opt_object("petition")? {
        Some(p) => Some(RestorationPetition {
            filed_on: p.date("filed_on")?,
            evidence: p.opt_bool("evidence").unwrap_or(false),
        }),
        None => None,
    };
    Ok(cases::material_b73::Application {
        on: f.date("on")?,
        included_on: f.date("included_on")?,
        petition,
    })
}

/// The facts of the orders a case page shows: one line per order, the month and the status.
pub(crate) fn order_facts(orders: &[OrderLine], facts: &mut Vec<Fact>) {
    for o in orders {
        facts.push(Fact {
            key: "payment_order",
            value: FactValue::Text(format!(
                "{} {} {}",
                if o.period.is_empty() { "—" } else { o.period.as_str() },
                o.amount,
                o.status.key()
            )),
            source: None,
        });
    }
}

/// A rent case as stored: the machine's state and what the case keeps beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RentRecord {
    /// The applicant's IIN, masked.
    pub applicant: String,
    pub name: String,
    pub received_on: Date,
    pub locality: Locality,
    /// The family that moves, the applicant included.
    pub family: HouseholdSize,
    /// The account the compensation is paid to (IBAN checked at the edge); shown masked.
    pub account: String,
    /// The monthly amount, fixed by the grant from the p.71 table.
    pub monthly: Option<Money>,
    pub orders: Vec<OrderLine>,
    pub state: State,
}

fn exclusion_grounds() -> Vec<rules::Ground> {
    let mut all: Vec<rules::Ground> = RentExclusion::ALL.iter().map(|e| e.ground()).collect();
    all.extend(RentTermination::ALL.iter().map(|t| t.ground()));
    all.push(MAX_MONTHS_GROUND);
    all.extend(deadline_grounds());
    all
}

/// The grounds of p.73 a late application is refused on.
pub(crate) fn deadline_grounds() -> Vec<rules::Ground> {
    use rules::rules_b::p73_application_windows as w;
    vec![
        w::DEADLINE_MISSED,
        w::RESTORATION_LATE,
        w::RESTORATION_NO_EVIDENCE,
        w::OUTSIDE_FINANCIAL_YEAR,
    ]
}

fn path_key(p: RefundPath) -> &'static str {
    match p {
        RefundPath::Application => "application",
        RefundPath::LabourMobilityCentreDecision => "centre_decision",
        RefundPath::CourtDecision => "court_decision",
    }
}

fn path_of(key: &str) -> Option<RefundPath> {
    [
        RefundPath::Application,
        RefundPath::LabourMobilityCentreDecision,
        RefundPath::CourtDecision,
    ]
    .into_iter()
    .find(|p| path_key(*p) == key)
}

fn encode_state(state: &State) -> Value {
    match state {
        State::New => json!({ "key": "new" }),
        State::Listed {
            forward_by,
            application,
        } => json!({
            "key": "listed",
            "forward_by": codec::deadline(forward_by),
            "application": encode_application(application),
        }),
        State::UnderReview { application } => {
            json!({ "key": "under_review", "application": encode_application(application) })
        }
        State::Paying { months_paid } => json!({ "key": "paying", "months_paid": months_paid }),
        State::Refused { grounds } => json!({ "key": "refused", "grounds": codec::grounds(grounds) }),
        State::Terminated { grounds, months_paid } => {
            json!({ "key": "terminated", "grounds": codec::grounds(grounds), "months_paid": months_paid })
        }
        State::Completed { months_paid } => json!({ "key": "completed", "months_paid": months_paid }),
        State::RefundDue { amount, path, then } => json!({
            "key": "refund_due",
            "amount": amount.tiyn(),
            "path": path_key(*path),
            "then": encode_state(then),
        }),
    }
}

fn months(case: &CaseRecord, s: &Fields<'_>) -> Result<u8, AppError> {
    u8::try_from(s.u32("months_paid")?).map_err(|_| codec::corrupt(case, "months_paid"))
}

fn decode_state(case: &CaseRecord, s: &Fields<'_>, depth: u8) -> Result<State, AppError> {
    Ok(match s.str("key")? {
        "listed" => State::Listed {
            forward_by: s.deadline("forward_by")?,
            application: decode_application(&s.object("application")?)?,
        },
        "under_review" => State::UnderReview {
            application: decode_application(&s.object("application")?)?,
        },
        "paying" => State::Paying {
            months_paid: months(case, s)?,
        },
        "refused" => State::Refused {
            grounds: s.grounds("grounds", &exclusion_grounds())?,
        },
        "terminated" => State::Terminated {
            grounds: s.grounds("grounds", &exclusion_grounds())?,
            months_paid: months(case, s)?,
        },
        "completed" => State::Completed {
            months_paid: months(case, s)?,
        },
        // A refund returns to the state before it, which is never itself a refund.
        "refund_due" if depth == 0 => State::RefundDue {
            amount: s.money("amount")?,
            path: path_of(s.str("path")?).ok_or_else(|| codec::corrupt(case, "path"))?,
            then: Box::new(decode_state(case, &s.object("then")?, 1)?),
        },
        _ => return Err(codec::corrupt(case, "state")),
    })
}

pub(crate) fn locality_of(key: &str) -> Option<Locality> {
    [Locality::Urban, Locality::Rural].into_iter().find(|l| l.key() == key)
}

/// The IBAN masked as staff and applicants see it.
pub(crate) fn masked_account(account: &str) -> String {
    kz::Iban::parse(account).map_or_else(|_| "****".into(), |i| i.masked())
}

impl RentRecord {
    pub fn decode(case: &CaseRecord) -> Result<RentRecord, AppError> {
        if CaseKind::from_key(&case.kind) != Some(CaseKind::RentCompensation) {
            return Err(codec::corrupt(case, "not a rent case"));
        }
        let f = Fields::of(case)?;
        let state = decode_state(case, &f.object("state")?, 0)?;
        if state.key() != case.state {
            return Err(codec::corrupt(case, "state"));
        }
        let family = u8::try_from(f.u32("family")?)
            .ok()
            .and_then(HouseholdSize::new)
            .ok_or_else(|| codec::corrupt(case, "family"))?;
        Ok(RentRecord {
            applicant: f.str("applicant")?.to_owned(),
            name: f.opt_str("name").unwrap_or_default().to_owned(),
            received_on: f.date("received_on")?,
            locality: locality_of(f.str("locality")?).ok_or_else(|| codec::corrupt(case, "locality"))?,
            family,
            account: f.str("account")?.to_owned(),
            monthly: f.opt_i64("monthly").map(Money::from_tiyn),
            orders: decode_orders(case, &f)?,
            state,
        })
    }

    pub fn encode(&self) -> (&'static str, String) {
        let mut map = Map::new();
        map.insert("applicant".into(), json!(self.applicant));
        map.insert("name".into(), json!(self.name));
        map.insert("received_on".into(), json!(self.received_on.to_string()));
        map.insert("locality".into(), json!(self.locality.key()));
        map.insert("family".into(), json!(self.family.get()));
        map.insert("account".into(), json!(self.account));
        if let Some(m) = self.monthly {
            map.insert("monthly".into(), json!(m.tiyn()));
        }
        map.insert("orders".into(), encode_orders(&self.orders));
        map.insert("state".into(), encode_state(&self.state));
        (self.state.key(), Value::Object(map).to_string())
    }

    /// The career centre sends the list within two working days (p.72 part 2); nothing else runs on a date.
    pub fn running(&self) -> Vec<Running> {
        match &self.state {
            State::Listed { forward_by, .. } => vec![Running {
                name: "forward_by",
                deadline: forward_by.clone(),
                binds: Party::CareerCentre,
                duty: true,
            }],
            State::New
            | State::UnderReview { .. }
            | State::Paying { .. }
            | State::Refused { .. }
            | State::Terminated { .. }
            | State::Completed { .. }
            | State::RefundDue { .. } => Vec::new(),
        }
    }

    fn deadlines_mut(&mut self) -> Vec<(&'static str, &mut cases::Deadline)> {
        match &mut self.state {
            State::Listed { forward_by, .. } => vec![("forward_by", forward_by)],
            State::New
            | State::UnderReview { .. }
            | State::Paying { .. }
            | State::Refused { .. }
            | State::Terminated { .. }
            | State::Completed { .. }
            | State::RefundDue { .. } => Vec::new(),
        }
    }

    /// The months paid so far by the machine's count.
    pub fn months_paid(&self) -> Option<u8> {
        fn of(s: &State) -> Option<u8> {
            match s {
                State::Paying { months_paid }
                | State::Terminated { months_paid, .. }
                | State::Completed { months_paid } => Some(*months_paid),
                State::RefundDue { then, .. } => of(then),
                State::New | State::Listed { .. } | State::UnderReview { .. } | State::Refused { .. } => None,
            }
        }
        of(&self.state)
    }
}

#[derive(Debug)]
pub(crate) struct Rent;

const STATES: &[&str] = &[
    "listed",
    "under_review",
    "paying",
    "refused",
    "terminated",
    "completed",
    "refund_due",
];

/// Why staff read a rent case: the procedure of Rules B p.72.
const READ_BASIS: LegalRef = LegalRef::new(Act::RulesB, "72");

impl Kind for Rent {
    fn kinds(&self) -> &'static [CaseKind] {
        &[CaseKind::RentCompensation]
    }

    fn states(&self) -> &'static [&'static str] {
        STATES
    }

    fn awaiting(&self, role: Role) -> &'static [&'static str] {
        match role {
            Role::CareerCentre => &["listed"],
            Role::LabourMobilityCentre => &["under_review", "refund_due"],
            Role::Citizen
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
            (Role::CareerCentre, "listed") => &["forward"],
            (Role::LabourMobilityCentre, "under_review") => &["grant", "refuse"],
            (Role::LabourMobilityCentre, "paying") => &["terminate", "overpaid"],
            (Role::LabourMobilityCentre, "terminated" | "completed") => &["overpaid"],
            (Role::LabourMobilityCentre, "refund_due") => &["refunded"],
            _ => &[],
        }
    }

    fn read_basis(&self) -> LegalRef {
        READ_BASIS
    }

    fn running(&self, case: &CaseRecord) -> Result<Vec<Running>, AppError> {
        Ok(RentRecord::decode(case)?.running())
    }

    fn view(&self, case: &CaseRecord) -> Result<CaseView, AppError> {
        let r = RentRecord::decode(case)?;
        let mut facts = vec![
            Fact {
                key: "locality",
                value: FactValue::Key(format!("ui-locality-{}", r.locality.key())),
                source: None,
            },
            Fact {
                key: "family",
                value: FactValue::Count(u32::from(r.family.get())),
                source: None,
            },
            Fact {
                key: "account",
                value: FactValue::Text(masked_account(&r.account)),
                source: None,
            },
        ];
        let application = match &r.state {
            State::Listed { application, .. } | State::UnderReview { application } => Some(*application),
            State::New
            | State::Paying { .. }
            | State::Refused { .. }
            | State::Terminated { .. }
            | State::Completed { .. }
            | State::RefundDue { .. } => None,
        };
        if let Some(a) = application {
            facts.push(Fact {
                key: "included_on",
                value: FactValue::Date(a.included_on),
                source: None,
            });
        }
        if let Some(m) = r.monthly {
            facts.push(Fact {
                key: "monthly",
                value: FactValue::Money(m),
                source: None,
            });
        }
        if let Some(n) = r.months_paid() {
            facts.push(Fact {
                key: "months_paid",
                value: FactValue::Count(u32::from(n)),
                source: None,
            });
        }
        if let State::RefundDue { amount, .. } = &r.state {
            facts.push(Fact {
                key: "refund_due",
                value: FactValue::Money(*amount),
                source: None,
            });
        }
        order_facts(&r.orders, &mut facts);
        let grounds = match &r.state {
            State::Refused { grounds } | State::Terminated { grounds, .. } => grounds.as_slice().to_vec(),
            State::New
            | State::Listed { .. }
            | State::UnderReview { .. }
            | State::Paying { .. }
            | State::Completed { .. }
            | State::RefundDue { .. } => Vec::new(),
        };
        let deadlines = r.running();
        Ok(CaseView {
            calendar_edition: deadlines.iter().find_map(|d| d.deadline.calendar_edition.clone()),
            facts,
            deadlines,
            grounds,
            applicant: Some(r.applicant),
            name: Some(r.name),
            ..CaseView::default()
        })
    }

    fn recount(&self, case: &CaseRecord, law: &Law, day: Date) -> Result<Option<Recounted>, AppError> {
        let mut r = RentRecord::decode(case)?;
        let (moved, edition) = super::recount_each(r.deadlines_mut(), law, day)?;
        if moved.is_empty() {
            return Ok(None);
        }
        let (_, payload) = r.encode();
        Ok(Some(Recounted {
            payload,
            due_on: super::next_due(&r.running()),
            moved,
            calendar_edition: edition,
        }))
    }

    fn samples(&self, law: &Law, day: Date) -> Result<Vec<Sample>, AppError> {
        use rent_b72::Event;
        let ctx = Ctx {
            today: day,
            params: &law.params,
            calendar: &law.calendar,
        };
        let step = |s: &State, e: Event| rent_b72::step(s, e, &ctx).map(|s| s.next).map_err(AppError::Rejected);
        let included_on = day.checked_sub(jiff::Span::new().days(30)).unwrap_or(day);
        let listed = step(
            &State::New,
            Event::Submit {
                included_on,
                petition: None,
            },
        )?;
        let review = step(&listed, Event::Forward)?;
        let paying = step(&review, Event::Grant)?;
        let one = step(&paying, Event::MonthPaid)?;
        let states = vec![
            listed.clone(),
            review.clone(),
            step(
                &review,
                Event::Refuse {
                    exclusions: vec![RentExclusion::EmployerHousing],
                },
            )?,
            one.clone(),
            step(
                &one,
                Event::Terminate {
                    grounds: vec![RentTermination::HousingPurchased],
                },
            )?,
            State::Completed { months_paid: 12 },
            step(
                &one,
                Event::Overpaid {
                    amount: Money::from_tiyn(4_000_000),
                    path: RefundPath::LabourMobilityCentreDecision,
                },
            )?,
        ];
        let monthly = Money::from_tiyn(6_488_000);
        let mut out = Vec::new();
        for state in states {
            let paid = !matches!(
                state,
                State::Listed { .. } | State::UnderReview { .. } | State::Refused { .. } | State::New
            );
            let record = RentRecord {
                applicant: "********1235".into(),
                name: "Сапарова Әлия".into(),
                received_on: day,
                locality: Locality::Urban,
                family: HouseholdSize::new(3).ok_or(AppError::Refused("family"))?,
                account: "KZ18722S000012345678".into(),
                monthly: paid.then_some(monthly),
                orders: if paid {
                    vec![OrderLine {
                        period: "2026-03".into(),
                        amount: monthly,
                        status: OrderStatus::Exported,
                        file: Some("QN-55-20260302-1".into()),
                        reason: None,
                        attempt: 1,
                    }]
                } else {
                    Vec::new()
                },
                state,
            };
            let (key, payload) = record.encode();
            out.push(Sample {
                kind: CaseKind::RentCompensation,
                state: key.to_owned(),
                payload,
                due_on: super::next_due(&record.running()),
            });
        }
        Ok(out)
    }
}
