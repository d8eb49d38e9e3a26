//! Taking part in voluntary resettlement (Rules B p.24, order No. 359 appendices 10 and 11): its stored record
//! and descriptor. The machine is `cases::resettlement_b24`; the record keeps what the steps are given besides
//! the state: the commission's decision, the referral with its number, the tear-off notification, the social
//! contracts and the notices of a move.

use cases::resettlement_b24::{self, State};
use cases::{CaseKind, Ctx};
use jiff::civil::Date;
use legal::{Law, LegalRef};
use serde_json::{Map, Value, json};
use store::{CaseRecord, Role};

use super::codec::{self, Fields};
use super::{CaseView, Fact, FactValue, Kind, Recounted, Running, Sample};
use crate::AppError;

/// The regional commission's decision on participation (appendix 10), as the career centre records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommissionRecord {
    pub date: Date,
    pub protocol: String,
    pub members: Vec<String>,
    pub approved: bool,
}

/// The referral (appendix 11): its number, the settlement it sends the participant to, the occupation and the
/// family members who move.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Referral {
    pub number: String,
    pub issued_on: Date,
    pub destination: kz::Kato,
    pub occupation: String,
    pub family: u32,
    /// The day the receiving career centre returned the tear-off notification.
    pub returned_on: Option<Date>,
}

/// A social contract concluded at the place of residence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contract {
    pub number: String,
    pub date: Date,
}

/// A notice of a move within the region of reception (p.24).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoveNotice {
    pub given_on: Date,
    pub moving_on: Date,
    pub reasons: String,
    pub timely: bool,
}

/// A resettlement case as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResettlementRecord {
    /// The applicant's IIN, masked.
    pub applicant: String,
    pub name: String,
    pub applied_on: Date,
    /// `portal` or `career_centre`.
    pub channel: String,
    /// Whether the applicant is a kandas (they take part whatever their region or state of origin).
    pub kandas: bool,
    pub commission: Option<CommissionRecord>,
    pub referral: Option<Referral>,
    pub contracts: Vec<Contract>,
    pub moves: Vec<MoveNotice>,
    pub state: State,
}

fn kato(case: &CaseRecord, text: &str) -> Result<kz::Kato, AppError> {
    kz::Kato::parse(text).map_err(|_| codec::corrupt(case, "destination"))
}

impl ResettlementRecord {
    pub fn decode(case: &CaseRecord) -> Result<ResettlementRecord, AppError> {
        if CaseKind::from_key(&case.kind) != Some(CaseKind::Resettlement) {
            return Err(codec::corrupt(case, "not a resettlement case"));
        }
        let f = Fields::of(case)?;
        let s = f.object("state")?;
        let state = match case.state.as_str() {
            "applied" => State::Applied { on: s.date("on")? },
            "not_admitted" => State::NotAdmitted { on: s.date("on")? },
            "participant" => State::Participant {
                since: s.date("since")?,
            },
            "referred" => State::Referred {
                on: s.date("on")?,
                destination: kato(case, s.str("destination")?)?,
            },
            "settled" => State::Settled { on: s.date("on")? },
            "under_contract" => State::UnderContract {
                since: s.date("since")?,
            },
            "move_notified" => State::MoveNotified {
                moving_on: s.date("moving_on")?,
                notice_by: s.deadline("notice_by")?,
                timely: s.opt_bool("timely").ok_or_else(|| codec::corrupt(case, "timely"))?,
            },
            _ => return Err(codec::corrupt(case, "state")),
        };
        let commission = match f.opt_object("commission")? {
            None => None,
            Some(c) => Some(CommissionRecord {
                date: c.date("date")?,
                protocol: c.str("protocol")?.to_owned(),
                members: c.texts("members")?,
                approved: c.opt_bool("approved").ok_or_else(|| codec::corrupt(case, "approved"))?,
            }),
        };
        let referral = match f.opt_object("referral")? {
            None => None,
            Some(r) => Some(Referral {
                number: r.str("number")?.to_owned(),
                issued_on: r.date("issued_on")?,
                destination: kato(case, r.str("destination")?)?,
                occupation: r.str("occupation")?.to_owned(),
                family: r.u32("family")?,
                returned_on: r.opt_date("returned_on")?,
            }),
        };
        let contracts = f
            .objects("contracts")?
            .iter()
            .map(|c| {
                Ok(Contract {
                    number: c.str("number")?.to_owned(),
                    date: c.date("date")?,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        let moves = f
            .objects("moves")?
            .iter()
            .map(|m| {
                Ok(MoveNotice {
                    given_on: m.date("given_on")?,
                    moving_on: m.date("moving_on")?,
                    reasons: m.str("reasons")?.to_owned(),
                    timely: m.opt_bool("timely").ok_or_else(|| codec::corrupt(case, "timely"))?,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        Ok(ResettlementRecord {
            applicant: f.str("applicant")?.to_owned(),
            name: f.opt_str("name").unwrap_or_default().to_owned(),
            applied_on: f.date("applied_on")?,
            channel: f.str("channel")?.to_owned(),
            kandas: f.opt_bool("kandas").unwrap_or(false),
            commission,
            referral,
            contracts,
            moves,
            state,
        })
    }

    pub fn encode(&self) -> (&'static str, String) {
        let state = match &self.state {
            State::New => json!({}),
            State::Applied { on } | State::NotAdmitted { on } | State::Settled { on } => {
                json!({ "on": on.to_string() })
            }
            State::Participant { since } | State::UnderContract { since } => json!({ "since": since.to_string() }),
            State::Referred { on, destination } => {
                json!({ "on": on.to_string(), "destination": destination.as_str() })
            }
            State::MoveNotified {
                moving_on,
                notice_by,
                timely,
            } => json!({
                "moving_on": moving_on.to_string(),
                "notice_by": codec::deadline(notice_by),
                "timely": timely,
            }),
        };
        let mut map = Map::new();
        map.insert("applicant".into(), json!(self.applicant));
        map.insert("name".into(), json!(self.name));
        map.insert("applied_on".into(), json!(self.applied_on.to_string()));
        map.insert("channel".into(), json!(self.channel));
        map.insert("kandas".into(), json!(self.kandas));
        if let Some(c) = &self.commission {
            map.insert(
                "commission".into(),
                json!({
                    "date": c.date.to_string(),
                    "protocol": c.protocol,
                    "members": c.members,
                    "approved": c.approved,
                }),
            );
        }
        if let Some(r) = &self.referral {
            let mut referral = json!({
                "number": r.number,
                "issued_on": r.issued_on.to_string(),
                "destination": r.destination.as_str(),
                "occupation": r.occupation,
                "family": r.family,
            });
            if let (Some(on), Value::Object(m)) = (r.returned_on, &mut referral) {
                m.insert("returned_on".into(), json!(on.to_string()));
            }
            map.insert("referral".into(), referral);
        }
        map.insert(
            "contracts".into(),
            json!(
                self.contracts
                    .iter()
                    .map(|c| json!({ "number": c.number, "date": c.date.to_string() }))
                    .collect::<Vec<_>>()
            ),
        );
        map.insert(
            "moves".into(),
            json!(
                self.moves
                    .iter()
                    .map(|m| json!({
                        "given_on": m.given_on.to_string(),
                        "moving_on": m.moving_on.to_string(),
                        "reasons": m.reasons,
                        "timely": m.timely,
                    }))
                    .collect::<Vec<_>>()
            ),
        );
        map.insert("state".into(), state);
        (self.state.key(), Value::Object(map).to_string())
    }

    /// No time limit binds a body in these states: the notice of a move is the participant's duty before the
    /// move (kept on the case with its day, and whether it was timely), not a body's.
    pub fn running(&self) -> Vec<Running> {
        Vec::new()
    }
}

#[derive(Debug)]
pub(crate) struct Resettlement;

const STATES: &[&str] = &[
    "applied",
    "not_admitted",
    "participant",
    "referred",
    "settled",
    "under_contract",
    "move_notified",
];

/// Why staff read a resettlement case: Rules B p.24 and the forms of appendices 10 and 11.
const READ_BASIS: LegalRef = resettlement_b24::P24;

impl Kind for Resettlement {
    fn kinds(&self) -> &'static [CaseKind] {
        &[CaseKind::Resettlement]
    }

    fn states(&self) -> &'static [&'static str] {
        STATES
    }

    fn awaiting(&self, role: Role) -> &'static [&'static str] {
        match role {
            // The career centre records the commission's decision, refers, takes back the tear-off notification
            // (a referral not confirmed stays in its queue), concludes the contracts.
            Role::CareerCentre => &["applied", "participant", "referred", "settled", "move_notified"],
            Role::Citizen
            | Role::StateCorporationOperator
            | Role::LabourMobilityCentre
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
            (Role::CareerCentre, "applied") => &["record_commission"],
            (Role::CareerCentre, "participant") => &["refer"],
            (Role::CareerCentre, "referred") => &["tear_off"],
            (Role::CareerCentre, "settled" | "move_notified") => &["contract"],
            (Role::Citizen, "under_contract") => &["move_notice"],
            _ => &[],
        }
    }

    fn read_basis(&self) -> LegalRef {
        READ_BASIS
    }

    fn running(&self, case: &CaseRecord) -> Result<Vec<Running>, AppError> {
        Ok(ResettlementRecord::decode(case)?.running())
    }

    fn view(&self, case: &CaseRecord) -> Result<CaseView, AppError> {
        let r = ResettlementRecord::decode(case)?;
        let mut facts = vec![
            Fact {
                key: "applied_on",
                value: FactValue::Date(r.applied_on),
                source: None,
            },
            Fact {
                key: "kandas",
                value: Some(r.kandas).into(),
                source: None,
            },
        ];
        if let Some(c) = &r.commission {
            facts.push(Fact {
                key: "commission_protocol",
                value: FactValue::Text(c.protocol.clone()),
                source: None,
            });
            facts.push(Fact {
                key: "commission_date",
                value: FactValue::Date(c.date),
                source: None,
            });
            facts.push(Fact {
                key: "commission_members",
                value: FactValue::Text(c.members.join(", ")),
                source: None,
            });
        }
        if let Some(referral) = &r.referral {
            facts.push(Fact {
                key: "referral_number",
                value: FactValue::Text(referral.number.clone()),
                source: None,
            });
            facts.push(Fact {
                key: "referral_destination",
                value: FactValue::Text(referral.destination.as_str().to_owned()),
                source: None,
            });
            facts.push(Fact {
                key: "referral_occupation",
                value: FactValue::Text(referral.occupation.clone()),
                source: None,
            });
            facts.push(Fact {
                key: "referral_family",
                value: FactValue::Count(referral.family),
                source: None,
            });
            if let Some(on) = referral.returned_on {
                facts.push(Fact {
                    key: "tear_off_returned_on",
                    value: FactValue::Date(on),
                    source: None,
                });
            }
        }
        if let Some(c) = r.contracts.last() {
            facts.push(Fact {
                key: "social_contract",
                value: FactValue::Text(format!("{} ({})", c.number, c.date)),
                source: None,
            });
        }
        if let Some(m) = r.moves.last() {
            facts.push(Fact {
                key: "move_on",
                value: FactValue::Date(m.moving_on),
                source: None,
            });
            facts.push(Fact {
                key: "move_timely",
                value: Some(m.timely).into(),
                source: None,
            });
            facts.push(Fact {
                key: "move_reasons",
                value: FactValue::Text(m.reasons.clone()),
                source: None,
            });
        }
        Ok(CaseView {
            facts,
            applicant: Some(r.applicant),
            name: Some(r.name),
            ..CaseView::default()
        })
    }

    fn recount(&self, case: &CaseRecord, _law: &Law, _day: Date) -> Result<Option<Recounted>, AppError> {
        // Nothing runs (see `running`); the record must still read.
        ResettlementRecord::decode(case)?;
        Ok(None)
    }

    fn samples(&self, law: &Law, day: Date) -> Result<Vec<Sample>, AppError> {
        use resettlement_b24::Event;
        let ctx = Ctx {
            today: day,
            params: &law.params,
            calendar: &law.calendar,
        };
        let step = |s: &State, e: Event| {
            resettlement_b24::step(s, e, &ctx)
                .map(|s| s.next)
                .map_err(AppError::Rejected)
        };
        let destination = kz::Kato::parse("551010000").map_err(|_| AppError::Refused("invalid_territory"))?;
        let applied = step(&State::New, Event::Apply)?;
        let participant = step(&applied, Event::Approve)?;
        let referred = step(&participant, Event::Refer { destination })?;
        let settled = step(&referred, Event::Arrived)?;
        let contract = step(&settled, Event::Contract)?;
        let moving_on = day.checked_add(jiff::Span::new().days(30)).unwrap_or(day);
        let moved = step(&contract, Event::MoveNotice { moving_on })?;
        let states = vec![
            applied.clone(),
            step(&applied, Event::Refuse)?,
            participant,
            referred,
            settled,
            contract,
            moved,
        ];
        let mut out = Vec::new();
        for state in states {
            let record = ResettlementRecord {
                applicant: "********1235".into(),
                name: "Сапарова Әлия".into(),
                applied_on: day,
                channel: "portal".into(),
                kandas: true,
                commission: Some(CommissionRecord {
                    date: day,
                    protocol: "12".into(),
                    members: vec!["Ахметов Б.".into()],
                    approved: true,
                }),
                referral: Some(Referral {
                    number: "QN-55-2026-000007/1".into(),
                    issued_on: day,
                    destination,
                    occupation: "дәнекерлеуші".into(),
                    family: 2,
                    returned_on: Some(day),
                }),
                contracts: vec![Contract {
                    number: "СК-1".into(),
                    date: day,
                }],
                moves: vec![MoveNotice {
                    given_on: day,
                    moving_on,
                    reasons: "жұмыс".into(),
                    timely: true,
                }],
                state,
            };
            let (key, payload) = record.encode();
            out.push(Sample {
                kind: CaseKind::Resettlement,
                state: key.to_owned(),
                payload,
                due_on: super::next_due(&record.running()),
            });
        }
        Ok(out)
    }
}
