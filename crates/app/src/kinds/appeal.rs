//! A complaint against a Labour Mobility Centre or its official (Rules B p.73-3): its stored record and
//! descriptor.

use cases::appeal_b73_3::{self, State};
use cases::{CaseKind, Ctx, Party};
use jiff::civil::Date;
use legal::{Act, Law, LegalRef};
use serde_json::{Map, Value, json};
use store::{CaseRecord, Role};

use super::codec::{self, Fields};
use super::{CaseView, Fact, FactValue, Kind, Recounted, Running, Sample};
use crate::AppError;

/// What a complaint is against (the Administrative Procedural and Process Code art. 91, XREF-07).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Decision,
    Action,
    Inaction,
}

impl Subject {
    pub const ALL: &'static [Subject] = &[Subject::Decision, Subject::Action, Subject::Inaction];

    pub fn key(self) -> &'static str {
        match self {
            Subject::Decision => "decision",
            Subject::Action => "action",
            Subject::Inaction => "inaction",
        }
    }

    pub fn from_key(key: &str) -> Option<Subject> {
        Subject::ALL.iter().copied().find(|s| s.key() == key)
    }
}

/// A complaint case as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppealRecord {
    /// The complainant's IIN, masked.
    pub applicant: String,
    pub name: String,
    pub filed_on: Date,
    pub subject: Subject,
    /// The number of the case whose decision, action or inaction is complained of, when the case links to it.
    pub appealed: Option<String>,
    pub state: State,
}

impl AppealRecord {
    pub fn decode(case: &CaseRecord) -> Result<AppealRecord, AppError> {
        if CaseKind::from_key(&case.kind) != Some(CaseKind::Appeal) {
            return Err(codec::corrupt(case, "not an appeal"));
        }
        let f = Fields::of(case)?;
        let s = f.object("state")?;
        let state = match case.state.as_str() {
            "filed" => State::Filed {
                on: s.date("on")?,
                forward_by: s.deadline("forward_by")?,
                remedy_by: s.deadline("remedy_by")?,
            },
            "remedied" => State::Remedied { on: s.date("on")? },
            "under_consideration" => State::UnderConsideration {
                decide_by: s.deadline("decide_by")?,
            },
            "upheld" => State::Upheld { on: s.date("on")? },
            "upheld_in_part" => State::UpheldInPart { on: s.date("on")? },
            "dismissed" => State::Dismissed { on: s.date("on")? },
            "unanswered" => State::Unanswered {
                since: s.date("since")?,
                decide_by: s.deadline("decide_by")?,
            },
            _ => return Err(codec::corrupt(case, "state")),
        };
        Ok(AppealRecord {
            applicant: f.str("applicant")?.to_owned(),
            name: f.opt_str("name").unwrap_or_default().to_owned(),
            filed_on: f.date("filed_on")?,
            subject: Subject::from_key(f.str("subject")?).ok_or_else(|| codec::corrupt(case, "subject"))?,
            appealed: f.opt_str("appealed").map(str::to_owned),
            state,
        })
    }

    pub fn encode(&self) -> (&'static str, String) {
        let state = match &self.state {
            State::New => json!({}),
            State::Filed {
                on,
                forward_by,
                remedy_by,
            } => json!({
                "on": on.to_string(),
                "forward_by": codec::deadline(forward_by),
                "remedy_by": codec::deadline(remedy_by),
            }),
            State::Remedied { on } | State::Upheld { on } | State::UpheldInPart { on } | State::Dismissed { on } => {
                json!({ "on": on.to_string() })
            }
            State::UnderConsideration { decide_by } => json!({ "decide_by": codec::deadline(decide_by) }),
            State::Unanswered { since, decide_by } => {
                json!({ "since": since.to_string(), "decide_by": codec::deadline(decide_by) })
            }
        };
        let mut map = Map::new();
        map.insert("applicant".into(), json!(self.applicant));
        map.insert("name".into(), json!(self.name));
        map.insert("filed_on".into(), json!(self.filed_on.to_string()));
        map.insert("subject".into(), json!(self.subject.key()));
        if let Some(appealed) = &self.appealed {
            map.insert("appealed".into(), json!(appealed));
        }
        map.insert("state".into(), state);
        (self.state.key(), Value::Object(map).to_string())
    }

    /// The centre complained of forwards within its days (p.73-3 part 3) or satisfies the complaint in full
    /// within its window (part 4); the body that considers it answers within five working days (part 5).
    pub fn running(&self) -> Vec<Running> {
        match &self.state {
            State::Filed {
                forward_by, remedy_by, ..
            } => vec![
                Running {
                    name: "forward_by",
                    deadline: forward_by.clone(),
                    binds: Party::LabourMobilityCentre,
                    duty: true,
                },
                Running {
                    name: "remedy_by",
                    deadline: remedy_by.clone(),
                    binds: Party::LabourMobilityCentre,
                    duty: false,
                },
            ],
            State::UnderConsideration { decide_by } => vec![Running {
                name: "decide_by",
                deadline: decide_by.clone(),
                binds: Party::AppealBody,
                duty: true,
            }],
            State::New
            | State::Remedied { .. }
            | State::Upheld { .. }
            | State::UpheldInPart { .. }
            | State::Dismissed { .. }
            | State::Unanswered { .. } => Vec::new(),
        }
    }

    fn deadlines_mut(&mut self) -> Vec<(&'static str, &mut cases::Deadline)> {
        match &mut self.state {
            State::Filed {
                forward_by, remedy_by, ..
            } => vec![("forward_by", forward_by), ("remedy_by", remedy_by)],
            State::UnderConsideration { decide_by } => vec![("decide_by", decide_by)],
            State::New
            | State::Remedied { .. }
            | State::Upheld { .. }
            | State::UpheldInPart { .. }
            | State::Dismissed { .. }
            | State::Unanswered { .. } => Vec::new(),
        }
    }
}

#[derive(Debug)]
pub(crate) struct Appeal;

const STATES: &[&str] = &[
    "filed",
    "remedied",
    "under_consideration",
    "upheld",
    "upheld_in_part",
    "dismissed",
    "unanswered",
];

/// Why staff read a complaint: the procedure of Rules B p.73-3.
const READ_BASIS: LegalRef = LegalRef::new(Act::RulesB, "73-3");

impl Kind for Appeal {
    fn kinds(&self) -> &'static [CaseKind] {
        &[CaseKind::Appeal]
    }

    fn states(&self) -> &'static [&'static str] {
        STATES
    }

    fn awaiting(&self, role: Role) -> &'static [&'static str] {
        match role {
            Role::LabourMobilityCentre => &["filed"],
            Role::AppealBody => &["under_consideration", "unanswered"],
            Role::Citizen
            | Role::StateCorporationOperator
            | Role::CareerCentre
            | Role::LocalExecutiveBody
            | Role::Commission
            | Role::Employer
            | Role::Analyst
            | Role::Administrator
            | Role::System => &[],
        }
    }

    fn actions(&self, role: Role, state: &str) -> &'static [&'static str] {
        match (role, state) {
            (Role::LabourMobilityCentre, "filed") => &["remedy", "forward"],
            (Role::AppealBody, "under_consideration" | "unanswered") => &["uphold", "uphold_in_part", "dismiss"],
            _ => &[],
        }
    }

    fn read_basis(&self) -> LegalRef {
        READ_BASIS
    }

    fn running(&self, case: &CaseRecord) -> Result<Vec<Running>, AppError> {
        Ok(AppealRecord::decode(case)?.running())
    }

    fn view(&self, case: &CaseRecord) -> Result<CaseView, AppError> {
        let r = AppealRecord::decode(case)?;
        let mut facts = vec![
            Fact {
                key: "appeal_subject",
                value: FactValue::Key(format!("ui-appeal-subject-{}", r.subject.key())),
                source: None,
            },
            Fact {
                key: "filed_on",
                value: FactValue::Date(r.filed_on),
                source: None,
            },
        ];
        if let Some(appealed) = &r.appealed {
            facts.push(Fact {
                key: "appealed",
                value: FactValue::Text(appealed.clone()),
                source: None,
            });
        }
        facts.push(Fact {
            key: "court_open",
            value: Some(r.state.court_open()).into(),
            source: None,
        });
        let deadlines = r.running();
        Ok(CaseView {
            calendar_edition: deadlines.iter().find_map(|d| d.deadline.calendar_edition.clone()),
            facts,
            deadlines,
            grounds: Vec::new(),
            applicant: Some(r.applicant),
            name: Some(r.name),
            ..CaseView::default()
        })
    }

    fn recount(&self, case: &CaseRecord, law: &Law, day: Date) -> Result<Option<Recounted>, AppError> {
        let mut r = AppealRecord::decode(case)?;
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
        use appeal_b73_3::Event;
        let ctx = Ctx {
            today: day,
            params: &law.params,
            calendar: &law.calendar,
        };
        let step = |s: &State, e: Event, ctx: &Ctx<'_>| {
            appeal_b73_3::step(s, e, ctx)
                .map(|s| s.next)
                .map_err(AppError::Rejected)
        };
        let filed = step(&State::New, Event::File, &ctx)?;
        let considered = step(&filed, Event::Forward, &ctx)?;
        // No answer can only be recorded once the five working days have passed.
        let late = match &considered {
            State::UnderConsideration { decide_by } => decide_by.due.tomorrow().map_err(|_| {
                AppError::Rejected(cases::Rejected::NotAllowed {
                    state: "under_consideration",
                    event: "no_answer",
                })
            })?,
            _ => day,
        };
        let later = Ctx { today: late, ..ctx };
        let states = vec![
            filed.clone(),
            step(&filed, Event::Remedy, &ctx)?,
            considered.clone(),
            step(&considered, Event::Uphold, &ctx)?,
            step(&considered, Event::UpholdInPart, &ctx)?,
            step(&considered, Event::Dismiss, &ctx)?,
            step(&considered, Event::NoAnswer, &later)?,
        ];
        let mut out = Vec::new();
        for state in states {
            let record = AppealRecord {
                applicant: "********1235".into(),
                name: "Сапарова Әлия".into(),
                filed_on: day,
                subject: Subject::Decision,
                appealed: Some("55-2026-000017".into()),
                state,
            };
            let (key, payload) = record.encode();
            out.push(Sample {
                kind: CaseKind::Appeal,
                state: key.to_owned(),
                payload,
                due_on: super::next_due(&record.running()),
            });
        }
        Ok(out)
    }
}
