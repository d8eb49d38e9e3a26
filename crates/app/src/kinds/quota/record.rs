//! The stored record of a quota case: what the machine's state needs and what the case keeps beside it (the
//! applicant and family as the registries gave them, the documents supplied, the consent, the commission's word,
//! the decision). Written by the use cases and read by every page, queue, job and document through
//! [`QuotaRecord::decode`] and [`QuotaRecord::encode`] only.

use std::fmt;

use cases::model::Reason;
use cases::quota_a14::{Category, Channel, Commission, CommissionBody, State};
use jiff::Timestamp;
use jiff::civil::Date;
use kz::{Iin, Sex};
use legal::params::QuotaOutcome;
use serde_json::{Map, Value, json};
use store::CaseRecord;

use crate::AppError;
use crate::kinds::Running;
use crate::kinds::codec::{self, Fields};

/// What the registries said of the applicant when the application came in (once-only: never asked again).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QuotaFacts {
    /// Permanent registration in the region of origin for at least the required time.
    pub registered: Option<bool>,
    pub job_seeker: Option<bool>,
    /// Kandas status (asked of kandases only).
    pub kandas: Option<bool>,
    /// On the lists of offences or of terrorist and extremist organisations (kandas ground K3).
    pub listed: Option<bool>,
    pub citizen: Option<bool>,
}

/// The applicant as the civil registry gives them, for the decision forms.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct PersonFacts {
    pub birth_date: Option<Date>,
    pub sex: Option<Sex>,
    pub nationality: Option<String>,
}

impl fmt::Debug for PersonFacts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PersonFacts(…)")
    }
}

/// A family member who moves with the applicant, as the civil registry gives them.
#[derive(Clone, PartialEq, Eq)]
pub struct FamilyMember {
    pub iin: Iin,
    pub name: String,
    pub birth_date: Date,
    pub sex: Sex,
    /// `spouse`, `child` or `parent`.
    pub kinship: String,
}

impl fmt::Debug for FamilyMember {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FamilyMember")
            .field("iin", &self.iin)
            .field("kinship", &self.kinship)
            .finish_non_exhaustive()
    }
}

/// Where a document on the checklist came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Supply {
    /// A file the applicant uploaded (its id in the attachments).
    Upload { attachment: i64 },
    /// Presented at the State Corporation's counter; the specialist certified the copy and returned the original
    /// (A 14.3).
    Counter,
    /// From an information system (the Digital Documents service, the Labour Market), with the answer's id.
    System { system: String, response: String },
}

/// One item of the checklist (appendix 1 row 8) as supplied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Supplied {
    /// The checklist key (`identity`, `marriage`, …).
    pub kind: String,
    pub supply: Supply,
    pub valid_until: Option<Date>,
}

/// The applicant's consent to access to restricted personal data (grounds K4, R2), when and through which channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consent {
    pub at: Timestamp,
    pub channel: String,
}

/// Waiting and service at the State Corporation's counter, in minutes (appendix 1 row 3, QUOTA-20, QUOTA-21).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counter {
    pub waited: u32,
    pub served: u32,
}

/// A quota case as stored.
#[derive(Clone, PartialEq, Eq)]
pub struct QuotaRecord {
    pub category: Category,
    pub channel: Channel,
    /// The applicant's IIN, masked.
    pub applicant: String,
    /// The applicant's name as the civil registry gives it (shown to staff who may read the case).
    pub name: String,
    pub person: PersonFacts,
    pub received_on: Date,
    pub facts: QuotaFacts,
    /// The family members who move with the applicant.
    pub family: Vec<FamilyMember>,
    /// The employment category of the application form (A-App 6), 1 to 9 (resettlers).
    pub employment: Option<u8>,
    pub documents: Vec<Supplied>,
    pub consent: Option<Consent>,
    /// The documents were taken at the applicant's home (appendix 1 row 10).
    pub home_visit: bool,
    pub counter: Option<Counter>,
    /// Quota places the inclusion took.
    pub places: Option<u32>,
    /// The applicant refused the territorial unit offered (grounds K5, R4).
    pub declined_unit: bool,
    /// The commission's word the decision followed (kept after the decision for its form).
    pub commission: Option<Commission>,
    /// The official's reasoning of the decision.
    pub reasoning: Option<Reason>,
    /// The day of the last decision (inclusion, refusal, revocation), with its basis.
    pub decided: Option<(Date, String)>,
    /// The deadline last recorded as overdue, and when.
    pub overdue: Option<(Date, Date)>,
    pub state: State,
}

impl fmt::Debug for QuotaRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Names, family and documents are personal data: only the shape of the case.
        f.debug_struct("QuotaRecord")
            .field("category", &self.category)
            .field("channel", &self.channel)
            .field("state", &self.state.key())
            .field("family", &self.family.len())
            .field("documents", &self.documents.len())
            .field("places", &self.places)
            .finish_non_exhaustive()
    }
}

fn channel_of(key: &str) -> Option<Channel> {
    [Channel::Portal, Channel::StateCorporation, Channel::CareerCentre]
        .into_iter()
        .find(|c| c.key() == key)
}

fn sex_key(s: Sex) -> &'static str {
    match s {
        Sex::Male => "male",
        Sex::Female => "female",
    }
}

fn sex_of(key: &str) -> Option<Sex> {
    match key {
        "male" => Some(Sex::Male),
        "female" => Some(Sex::Female),
        _ => None,
    }
}

fn outcome_of(key: &str) -> Option<QuotaOutcome> {
    [QuotaOutcome::Include, QuotaOutcome::Refuse]
        .into_iter()
        .find(|o| o.key() == key)
}

fn commission_json(c: &Commission) -> Value {
    json!({
        "body": c.body.key(),
        "date": c.date.to_string(),
        "protocol": c.protocol,
        "members": c.members,
        "outcome": c.outcome.key(),
    })
}

fn commission_of(case: &CaseRecord, f: &Fields<'_>) -> Result<Commission, AppError> {
    Ok(Commission {
        body: CommissionBody::from_key(f.str("body")?).ok_or_else(|| codec::corrupt(case, "commission"))?,
        date: f.date("date")?,
        protocol: f.str("protocol")?.to_owned(),
        members: f.texts("members")?,
        outcome: outcome_of(f.str("outcome")?).ok_or_else(|| codec::corrupt(case, "commission"))?,
    })
}

fn reason_of(case: &CaseRecord, text: &str, field: &str) -> Result<Reason, AppError> {
    Reason::parse(text).map_err(|_| codec::corrupt(case, field))
}

impl QuotaRecord {
    /// The record of a stored quota case.
    pub fn decode(case: &CaseRecord) -> Result<QuotaRecord, AppError> {
        let category = cases::CaseKind::from_key(&case.kind)
            .and_then(super::category_of)
            .ok_or_else(|| codec::corrupt(case, "not a quota case"))?;
        let f = Fields::of(case)?;
        let facts = f.object("facts")?;
        let s = f.object("state")?;
        let channel = channel_of(f.str("channel")?).ok_or_else(|| codec::corrupt(case, "channel"))?;
        let received_on = f.date("received_on")?;
        let state = match case.state.as_str() {
            "visit_requested" => State::VisitRequested {
                requested_on: s.date("requested_on")?,
            },
            "at_career_centre" => State::AtCareerCentre {
                received_on,
                forward_by: s.deadline("forward_by")?,
            },
            "received" => State::Received {
                channel,
                received_on,
                refuse_to_accept_by: s.deadline("refuse_to_accept_by")?,
                decide_by: s.deadline("decide_by")?,
            },
            "not_accepted" => State::NotAccepted {
                grounds: s.grounds("grounds", cases::quota_a14::ALL_GROUNDS)?,
            },
            "under_review" => State::UnderReview {
                received_on,
                decide_by: s.deadline("decide_by")?,
                commission: s
                    .opt_object("commission")?
                    .map(|c| commission_of(case, &c))
                    .transpose()?,
            },
            "included" => State::Included { on: s.date("on")? },
            "refused" => State::Refused {
                grounds: s.grounds("grounds", cases::quota_a14::ALL_GROUNDS)?,
            },
            "revoked" => State::Revoked {
                on: s.date("on")?,
                reason: reason_of(case, s.str("reason")?, "reason")?,
            },
            _ => return Err(codec::corrupt(case, "state")),
        };
        let person = match f.opt_object("person")? {
            Some(p) => PersonFacts {
                birth_date: p.opt_date("birth_date")?,
                sex: p.opt_str("sex").and_then(sex_of),
                nationality: p.opt_str("nationality").map(str::to_owned),
            },
            None => PersonFacts::default(),
        };
        let family = f
            .objects("family")?
            .iter()
            .map(|m| {
                Ok(FamilyMember {
                    iin: Iin::parse(m.str("iin")?).map_err(|_| codec::corrupt(case, "family"))?,
                    name: m.str("name")?.to_owned(),
                    birth_date: m.date("birth_date")?,
                    sex: sex_of(m.str("sex")?).ok_or_else(|| codec::corrupt(case, "family"))?,
                    kinship: m.str("kinship")?.to_owned(),
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        let documents = f
            .objects("documents")?
            .iter()
            .map(|d| {
                let supply = match d.str("supply")? {
                    "upload" => Supply::Upload {
                        attachment: d
                            .opt_i64("attachment")
                            .ok_or_else(|| codec::corrupt(case, "documents"))?,
                    },
                    "counter" => Supply::Counter,
                    "system" => Supply::System {
                        system: d.str("system")?.to_owned(),
                        response: d.str("response")?.to_owned(),
                    },
                    _ => return Err(codec::corrupt(case, "documents")),
                };
                Ok(Supplied {
                    kind: d.str("kind")?.to_owned(),
                    supply,
                    valid_until: d.opt_date("valid_until")?,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        let consent = f
            .opt_object("consent")?
            .map(|c| -> Result<Consent, AppError> {
                Ok(Consent {
                    at: c.timestamp("at")?,
                    channel: c.str("channel")?.to_owned(),
                })
            })
            .transpose()?;
        let counter = f.opt_object("counter")?.map(|c| Counter {
            waited: c.opt_u32("waited").unwrap_or(0),
            served: c.opt_u32("served").unwrap_or(0),
        });
        let overdue = f
            .opt_object("overdue")?
            .map(|o| -> Result<(Date, Date), AppError> { Ok((o.date("due")?, o.date("noted_on")?)) })
            .transpose()?;
        let decided = f
            .opt_object("decided")?
            .map(|d| -> Result<(Date, String), AppError> { Ok((d.date("on")?, d.str("basis")?.to_owned())) })
            .transpose()?;
        Ok(QuotaRecord {
            category,
            channel,
            applicant: f.str("applicant")?.to_owned(),
            name: f.opt_str("name").unwrap_or_default().to_owned(),
            person,
            received_on,
            facts: QuotaFacts {
                registered: facts.opt_bool("registered"),
                job_seeker: facts.opt_bool("job_seeker"),
                kandas: facts.opt_bool("kandas"),
                listed: facts.opt_bool("listed"),
                citizen: facts.opt_bool("citizen"),
            },
            family,
            employment: f.opt_u32("employment").and_then(|n| u8::try_from(n).ok()),
            documents,
            consent,
            home_visit: f.opt_bool("home_visit").unwrap_or(false),
            counter,
            places: f.opt_u32("places"),
            declined_unit: f.opt_bool("declined_unit").unwrap_or(false),
            commission: f
                .opt_object("commission")?
                .map(|c| commission_of(case, &c))
                .transpose()?,
            reasoning: f
                .opt_str("reasoning")
                .map(|r| reason_of(case, r, "reasoning"))
                .transpose()?,
            decided,
            overdue,
            state,
        })
    }

    /// The state key and payload to store.
    pub fn encode(&self) -> (&'static str, String) {
        let state = match &self.state {
            State::New => json!({}),
            State::VisitRequested { requested_on } => json!({ "requested_on": requested_on.to_string() }),
            State::AtCareerCentre { forward_by, .. } => json!({ "forward_by": codec::deadline(forward_by) }),
            State::Received {
                refuse_to_accept_by,
                decide_by,
                ..
            } => json!({
                "refuse_to_accept_by": codec::deadline(refuse_to_accept_by),
                "decide_by": codec::deadline(decide_by),
            }),
            State::UnderReview {
                decide_by, commission, ..
            } => {
                let mut m = Map::new();
                m.insert("decide_by".into(), codec::deadline(decide_by));
                if let Some(c) = commission {
                    m.insert("commission".into(), commission_json(c));
                }
                Value::Object(m)
            }
            State::NotAccepted { grounds } | State::Refused { grounds } => {
                json!({ "grounds": codec::grounds(grounds) })
            }
            State::Included { on } => json!({ "on": on.to_string() }),
            State::Revoked { on, reason } => json!({ "on": on.to_string(), "reason": reason.as_str() }),
        };
        let mut map = Map::new();
        map.insert("applicant".into(), json!(self.applicant));
        map.insert("name".into(), json!(self.name));
        map.insert("channel".into(), json!(self.channel.key()));
        map.insert("received_on".into(), json!(self.received_on.to_string()));
        map.insert(
            "person".into(),
            json!({
                "birth_date": self.person.birth_date.map(|d| d.to_string()),
                "sex": self.person.sex.map(sex_key),
                "nationality": self.person.nationality,
            }),
        );
        map.insert(
            "facts".into(),
            json!({
                "registered": self.facts.registered,
                "job_seeker": self.facts.job_seeker,
                "kandas": self.facts.kandas,
                "listed": self.facts.listed,
                "citizen": self.facts.citizen,
            }),
        );
        map.insert(
            "family".into(),
            Value::Array(
                self.family
                    .iter()
                    .map(|m| {
                        json!({
                            "iin": m.iin.as_str(),
                            "name": m.name,
                            "birth_date": m.birth_date.to_string(),
                            "sex": sex_key(m.sex),
                            "kinship": m.kinship,
                        })
                    })
                    .collect(),
            ),
        );
        if let Some(e) = self.employment {
            map.insert("employment".into(), json!(e));
        }
        map.insert(
            "documents".into(),
            Value::Array(
                self.documents
                    .iter()
                    .map(|d| {
                        let mut m = Map::new();
                        m.insert("kind".into(), json!(d.kind));
                        match &d.supply {
                            Supply::Upload { attachment } => {
                                m.insert("supply".into(), json!("upload"));
                                m.insert("attachment".into(), json!(attachment));
                            }
                            Supply::Counter => {
                                m.insert("supply".into(), json!("counter"));
                            }
                            Supply::System { system, response } => {
                                m.insert("supply".into(), json!("system"));
                                m.insert("system".into(), json!(system));
                                m.insert("response".into(), json!(response));
                            }
                        }
                        if let Some(until) = d.valid_until {
                            m.insert("valid_until".into(), json!(until.to_string()));
                        }
                        Value::Object(m)
                    })
                    .collect(),
            ),
        );
        if let Some(c) = &self.consent {
            map.insert(
                "consent".into(),
                json!({ "at": c.at.to_string(), "channel": c.channel }),
            );
        }
        if self.home_visit {
            map.insert("home_visit".into(), json!(true));
        }
        if let Some(c) = self.counter {
            map.insert("counter".into(), json!({ "waited": c.waited, "served": c.served }));
        }
        if let Some(places) = self.places {
            map.insert("places".into(), json!(places));
        }
        if self.declined_unit {
            map.insert("declined_unit".into(), json!(true));
        }
        if let Some(c) = &self.commission {
            map.insert("commission".into(), commission_json(c));
        }
        if let Some(r) = &self.reasoning {
            map.insert("reasoning".into(), json!(r.as_str()));
        }
        if let Some((on, basis)) = &self.decided {
            map.insert("decided".into(), json!({ "on": on.to_string(), "basis": basis }));
        }
        if let Some((due, noted_on)) = &self.overdue {
            map.insert(
                "overdue".into(),
                json!({ "due": due.to_string(), "noted_on": noted_on.to_string() }),
            );
        }
        map.insert("state".into(), state);
        (self.state.key(), Value::Object(map).to_string())
    }

    /// The places an inclusion takes in a quota counted in persons: the applicant and each member who moves.
    pub fn persons(&self) -> u32 {
        1 + u32::try_from(self.family.len()).unwrap_or(u32::MAX - 1)
    }

    /// Whether the category's commission must have its word recorded before this decision.
    pub fn commission_body(&self) -> CommissionBody {
        CommissionBody::of(self.category)
    }

    /// The deadlines running in the record's state: each binds the body that holds the case, which is the one
    /// whose lateness is recorded.
    pub fn running(&self) -> Vec<Running> {
        use cases::Party;
        match &self.state {
            State::AtCareerCentre { forward_by, .. } => vec![Running {
                name: "forward_by",
                deadline: forward_by.clone(),
                binds: Party::CareerCentre,
                duty: true,
            }],
            State::Received {
                refuse_to_accept_by,
                decide_by,
                ..
            } => vec![
                Running {
                    name: "refuse_to_accept_by",
                    deadline: refuse_to_accept_by.clone(),
                    binds: Party::ServiceProvider,
                    duty: false,
                },
                Running {
                    name: "decide_by",
                    deadline: decide_by.clone(),
                    binds: Party::ServiceProvider,
                    duty: true,
                },
            ],
            State::UnderReview { decide_by, .. } => vec![Running {
                name: "decide_by",
                deadline: decide_by.clone(),
                binds: Party::ServiceProvider,
                duty: true,
            }],
            State::New
            | State::VisitRequested { .. }
            | State::NotAccepted { .. }
            | State::Included { .. }
            | State::Refused { .. }
            | State::Revoked { .. } => Vec::new(),
        }
    }

    pub(crate) fn deadlines_mut(&mut self) -> Vec<(&'static str, &mut cases::Deadline)> {
        match &mut self.state {
            State::AtCareerCentre { forward_by, .. } => vec![("forward_by", forward_by)],
            State::Received {
                refuse_to_accept_by,
                decide_by,
                ..
            } => vec![("refuse_to_accept_by", refuse_to_accept_by), ("decide_by", decide_by)],
            State::UnderReview { decide_by, .. } => vec![("decide_by", decide_by)],
            State::New
            | State::VisitRequested { .. }
            | State::NotAccepted { .. }
            | State::Included { .. }
            | State::Refused { .. }
            | State::Revoked { .. } => Vec::new(),
        }
    }
}
