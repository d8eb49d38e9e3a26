//! The quota inclusion case (Rules A p.14–15, order No. 359 appendix 1): its stored record and descriptor.

use cases::quota_a14::{self, Category, Channel, State};
use cases::{CaseKind, Ctx, Party};
use jiff::civil::Date;
use legal::{Law, LegalRef};
use serde_json::{Map, Value, json};
use store::{CaseRecord, Role};

use super::codec::{self, Fields};
use super::{CaseView, Fact, FactValue, Kind, Recounted, Running, Sample};
use crate::AppError;

/// What the registries said of the applicant when the application came in (once-only: never asked again).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QuotaFacts {
    /// Permanent registration in the region for at least the required time.
    pub registered: Option<bool>,
    pub job_seeker: Option<bool>,
    /// Kandas status (asked of kandases only).
    pub kandas: Option<bool>,
}

/// A quota case as stored: the machine's state and what the case keeps beside it. Written by the use cases,
/// read by every page, queue and job, through [`QuotaRecord::decode`] and [`QuotaRecord::encode`] only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotaRecord {
    pub category: Category,
    pub channel: Channel,
    /// The applicant's IIN, masked.
    pub applicant: String,
    /// The applicant's name as the civil registry gives it (shown to staff who may read the case).
    pub name: String,
    pub received_on: Date,
    pub facts: QuotaFacts,
    /// Family members who move with the applicant.
    pub family: u32,
    /// Quota places the inclusion took.
    pub places: Option<u32>,
    /// The day of the last decision (inclusion, refusal, revocation), with its basis.
    pub decided: Option<(Date, String)>,
    /// The deadline last recorded as overdue, and when.
    pub overdue: Option<(Date, Date)>,
    pub state: State,
}

pub(crate) fn category_of(kind: CaseKind) -> Option<Category> {
    match kind {
        CaseKind::QuotaKandas => Some(Category::Kandas),
        CaseKind::QuotaResettler => Some(Category::Resettler),
        CaseKind::Resettlement
        | CaseKind::Certificate
        | CaseKind::RentCompensation
        | CaseKind::RelocationSubsidy
        | CaseKind::Restoration
        | CaseKind::EmployerSubsidy
        | CaseKind::Appeal => None,
    }
}

pub(crate) fn kind_of(category: Category) -> CaseKind {
    match category {
        Category::Kandas => CaseKind::QuotaKandas,
        Category::Resettler => CaseKind::QuotaResettler,
    }
}

fn channel_key(c: Channel) -> &'static str {
    c.key()
}

fn channel_of(key: &str) -> Option<Channel> {
    [Channel::Portal, Channel::StateCorporation, Channel::CareerCentre]
        .into_iter()
        .find(|c| c.key() == key)
}

impl QuotaRecord {
    /// The record of a stored quota case.
    pub fn decode(case: &CaseRecord) -> Result<QuotaRecord, AppError> {
        let category = CaseKind::from_key(&case.kind)
            .and_then(category_of)
            .ok_or_else(|| codec::corrupt(case, "not a quota case"))?;
        let f = Fields::of(case)?;
        let facts = f.object("facts")?;
        let s = f.object("state")?;
        let state = match case.state.as_str() {
            "received" => State::Received {
                channel: channel_of(f.str("channel")?).ok_or_else(|| codec::corrupt(case, "channel"))?,
                received_on: f.date("received_on")?,
                forward_by: s.deadline("forward_by")?,
                refuse_to_accept_by: s.deadline("refuse_to_accept_by")?,
            },
            "not_accepted" => State::NotAccepted {
                grounds: s.grounds("grounds", quota_a14::ALL_GROUNDS)?,
            },
            "under_review" => State::UnderReview {
                received_on: f.date("received_on")?,
                decide_by: s.deadline("decide_by")?,
            },
            "included" => State::Included { on: s.date("on")? },
            "refused" => State::Refused {
                grounds: s.grounds("grounds", quota_a14::ALL_GROUNDS)?,
            },
            "revoked" => State::Revoked { on: s.date("on")? },
            _ => return Err(codec::corrupt(case, "state")),
        };
        let overdue = match f.object("overdue") {
            Ok(o) => Some((o.date("due")?, o.date("noted_on")?)),
            Err(_) => None,
        };
        let decided = match f.object("decided") {
            Ok(d) => Some((d.date("on")?, d.str("basis")?.to_owned())),
            Err(_) => None,
        };
        Ok(QuotaRecord {
            category,
            channel: channel_of(f.str("channel")?).ok_or_else(|| codec::corrupt(case, "channel"))?,
            applicant: f.str("applicant")?.to_owned(),
            name: f.opt_str("name").unwrap_or_default().to_owned(),
            received_on: f.date("received_on")?,
            facts: QuotaFacts {
                registered: facts.opt_bool("registered"),
                job_seeker: facts.opt_bool("job_seeker"),
                kandas: facts.opt_bool("kandas"),
            },
            family: f.opt_u32("family").unwrap_or(0),
            places: f.opt_u32("places"),
            decided,
            overdue,
            state,
        })
    }

    /// The state key and payload to store.
    pub fn encode(&self) -> (&'static str, String) {
        let state = match &self.state {
            State::Received {
                forward_by,
                refuse_to_accept_by,
                ..
            } => json!({
                "forward_by": codec::deadline(forward_by),
                "refuse_to_accept_by": codec::deadline(refuse_to_accept_by),
            }),
            State::UnderReview { decide_by, .. } => json!({ "decide_by": codec::deadline(decide_by) }),
            State::NotAccepted { grounds } | State::Refused { grounds } => {
                json!({ "grounds": codec::grounds(grounds) })
            }
            State::Included { on } | State::Revoked { on } => json!({ "on": on.to_string() }),
            State::New => json!({}),
        };
        let mut map = Map::new();
        map.insert("applicant".into(), json!(self.applicant));
        map.insert("name".into(), json!(self.name));
        map.insert("channel".into(), json!(channel_key(self.channel)));
        map.insert("received_on".into(), json!(self.received_on.to_string()));
        map.insert(
            "facts".into(),
            json!({
                "registered": self.facts.registered,
                "job_seeker": self.facts.job_seeker,
                "kandas": self.facts.kandas,
            }),
        );
        map.insert("family".into(), json!(self.family));
        if let Some(places) = self.places {
            map.insert("places".into(), json!(places));
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

    /// The deadlines running in the record's state.
    pub fn running(&self) -> Vec<Running> {
        match &self.state {
            State::Received {
                channel,
                forward_by,
                refuse_to_accept_by,
                ..
            } => vec![
                Running {
                    name: "forward_by",
                    deadline: forward_by.clone(),
                    binds: match channel {
                        Channel::StateCorporation => Party::StateCorporation,
                        Channel::CareerCentre => Party::CareerCentre,
                        Channel::Portal => Party::ServiceProvider,
                    },
                    duty: true,
                },
                Running {
                    name: "refuse_to_accept_by",
                    deadline: refuse_to_accept_by.clone(),
                    binds: Party::ServiceProvider,
                    duty: false,
                },
            ],
            State::UnderReview { decide_by, .. } => vec![Running {
                name: "decide_by",
                deadline: decide_by.clone(),
                binds: Party::ServiceProvider,
                duty: true,
            }],
            State::New
            | State::NotAccepted { .. }
            | State::Included { .. }
            | State::Refused { .. }
            | State::Revoked { .. } => Vec::new(),
        }
    }

    fn deadlines_mut(&mut self) -> Vec<(&'static str, &mut cases::Deadline)> {
        match &mut self.state {
            State::Received {
                forward_by,
                refuse_to_accept_by,
                ..
            } => vec![("forward_by", forward_by), ("refuse_to_accept_by", refuse_to_accept_by)],
            State::UnderReview { decide_by, .. } => vec![("decide_by", decide_by)],
            State::New
            | State::NotAccepted { .. }
            | State::Included { .. }
            | State::Refused { .. }
            | State::Revoked { .. } => Vec::new(),
        }
    }
}

/// The descriptor.
#[derive(Debug)]
pub(crate) struct Quota;

const STATES: &[&str] = &[
    "received",
    "under_review",
    "included",
    "refused",
    "not_accepted",
    "revoked",
];

/// Why staff read a quota case: the service of Rules A p.15.
const READ_BASIS: LegalRef = LegalRef::new(legal::Act::RulesA, "15");

impl Kind for Quota {
    fn kinds(&self) -> &'static [CaseKind] {
        &[CaseKind::QuotaKandas, CaseKind::QuotaResettler]
    }

    fn states(&self) -> &'static [&'static str] {
        STATES
    }

    /// The State Corporation and career centres forward what they received (A 14.2, 15.3); the service
    /// provider accepts or refuses to accept a received package and decides one under review (A 15.4, 15.5).
    fn awaiting(&self, role: Role) -> &'static [&'static str] {
        match role {
            Role::StateCorporationOperator | Role::CareerCentre => &["received"],
            Role::LocalExecutiveBody => &["received", "under_review"],
            Role::Citizen
            | Role::LabourMobilityCentre
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
            (Role::LocalExecutiveBody, "received") => &["accept"],
            (Role::LocalExecutiveBody, "under_review") => &["decide"],
            (Role::LocalExecutiveBody, "included") => &["revoke"],
            _ => &[],
        }
    }

    fn read_basis(&self) -> LegalRef {
        READ_BASIS
    }

    fn running(&self, case: &CaseRecord) -> Result<Vec<Running>, AppError> {
        Ok(QuotaRecord::decode(case)?.running())
    }

    fn view(&self, case: &CaseRecord) -> Result<CaseView, AppError> {
        let r = QuotaRecord::decode(case)?;
        let mut facts = vec![
            Fact {
                key: "category",
                value: FactValue::Key(format!(
                    "ui-category-{}",
                    match r.category {
                        Category::Kandas => "kandas",
                        Category::Resettler => "resettler",
                    }
                )),
                source: None,
            },
            Fact {
                key: "channel",
                value: FactValue::Key(format!("ui-channel-{}", r.channel.key())),
                source: None,
            },
            Fact {
                key: "registered_one_year",
                value: r.facts.registered.into(),
                source: Some("address_register"),
            },
            Fact {
                key: "job_seeker",
                value: r.facts.job_seeker.into(),
                source: Some("labour_market"),
            },
        ];
        if r.category == Category::Kandas {
            facts.push(Fact {
                key: "kandas",
                value: r.facts.kandas.into(),
                source: Some("kandas_register"),
            });
        }
        facts.push(Fact {
            key: "family",
            value: FactValue::Count(r.family),
            source: Some("civil_registry"),
        });
        if let Some(places) = r.places {
            facts.push(Fact {
                key: "places",
                value: FactValue::Count(places),
                source: None,
            });
        }
        let deadlines = r.running();
        let grounds = match &r.state {
            State::NotAccepted { grounds } | State::Refused { grounds } => grounds.as_slice().to_vec(),
            State::New
            | State::Received { .. }
            | State::UnderReview { .. }
            | State::Included { .. }
            | State::Revoked { .. } => Vec::new(),
        };
        Ok(CaseView {
            calendar_edition: deadlines.iter().find_map(|d| d.deadline.calendar_edition.clone()),
            facts,
            deadlines,
            grounds,
            applicant: Some(r.applicant),
            name: Some(r.name),
        })
    }

    fn recount(&self, case: &CaseRecord, law: &Law, day: Date) -> Result<Option<Recounted>, AppError> {
        let mut r = QuotaRecord::decode(case)?;
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
        use quota_a14::Event;
        let ctx = Ctx {
            today: day,
            params: &law.params,
            calendar: &law.calendar,
        };
        let step = |s: &State, e: Event, c: Category| {
            quota_a14::step(c, s, e, &ctx)
                .map(|s| s.next)
                .map_err(AppError::Rejected)
        };
        let mut out = Vec::new();
        for category in [Category::Kandas, Category::Resettler] {
            let received = step(
                &State::New,
                Event::Submit {
                    channel: Channel::Portal,
                },
                category,
            )?;
            let review = step(&received, Event::Accept, category)?;
            let included = step(&review, Event::Include, category)?;
            let states = vec![
                received.clone(),
                step(
                    &received,
                    Event::RefuseToAccept {
                        grounds: vec![quota_a14::INCOMPLETE_PACKAGE],
                    },
                    category,
                )?,
                review.clone(),
                step(&review, Event::NoQuota, category)?,
                step(&included, Event::Revoke, category)?,
                included,
            ];
            for state in states {
                let record = QuotaRecord {
                    category,
                    channel: Channel::Portal,
                    applicant: "********1235".into(),
                    name: "Сапарова Әлия".into(),
                    received_on: day,
                    facts: QuotaFacts {
                        registered: Some(true),
                        job_seeker: Some(true),
                        kandas: (category == Category::Kandas).then_some(true),
                    },
                    family: 2,
                    places: matches!(state, State::Included { .. } | State::Revoked { .. }).then_some(3),
                    decided: None,
                    overdue: None,
                    state,
                };
                let (key, payload) = record.encode();
                out.push(Sample {
                    kind: kind_of(category),
                    state: key.to_owned(),
                    payload,
                    due_on: super::next_due(&record.running()),
                });
            }
        }
        Ok(out)
    }
}
