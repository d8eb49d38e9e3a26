//! The payment under the economic mobility certificate (Rules B p.68–69, order No. 359 appendices 14 and 17):
//! its stored record and descriptor.

use cases::certificate_b68::{self, Clock, State};
use cases::{CaseKind, Ctx, Party};
use jiff::civil::Date;
use kz::Money;
use legal::{Act, Law, LegalRef};
use rules::rules_b::p67_certificate::{CertificateClaim, CertificateRefusal, certificate_payment};
use serde_json::{Map, Value, json};
use store::{CaseRecord, Role};

use super::codec::{self, Fields};
use super::{CaseView, Fact, FactValue, Kind, Recounted, Running, Sample};
use crate::AppError;

/// A certificate case as stored: the machine's state and what the case keeps beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateRecord {
    /// The applicant's IIN, masked.
    pub applicant: String,
    pub name: String,
    pub received_on: Date,
    /// The appraised value of the housing, from the appraisal act the applicant supplies.
    pub appraised: Money,
    /// The number of the referral for resettlement the certificate follows, when the case links to it.
    pub referral: Option<String>,
    pub state: State,
}

fn clock_key(c: Clock) -> &'static str {
    match c {
        Clock::Check => "check",
        Clock::Decision => "decision",
    }
}

fn grounds() -> Vec<rules::Ground> {
    CertificateRefusal::ALL.iter().map(|r| r.ground()).collect()
}

impl CertificateRecord {
    pub fn decode(case: &CaseRecord) -> Result<CertificateRecord, AppError> {
        if CaseKind::from_key(&case.kind) != Some(CaseKind::Certificate) {
            return Err(codec::corrupt(case, "not a certificate case"));
        }
        let f = Fields::of(case)?;
        let s = f.object("state")?;
        let site_visit = || s.opt_bool("site_visit").unwrap_or(false);
        let state = match case.state.as_str() {
            "registered" => State::Registered {
                forward_by: s.deadline("forward_by")?,
                site_visit: site_visit(),
            },
            "under_review" => State::UnderReview {
                decide_by: s.deadline("decide_by")?,
                site_visit: site_visit(),
            },
            "suspended" => State::Suspended {
                clock: match s.str("clock")? {
                    "check" => Clock::Check,
                    "decision" => Clock::Decision,
                    _ => return Err(codec::corrupt(case, "clock")),
                },
                remaining: s.working_days("remaining")?,
                since: s.date("since")?,
                site_visit: site_visit(),
            },
            "approved" => State::Approved {
                amount: s.money("amount")?,
                transfer_by: s.deadline("transfer_by")?,
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
        Ok(CertificateRecord {
            applicant: f.str("applicant")?.to_owned(),
            name: f.opt_str("name").unwrap_or_default().to_owned(),
            received_on: f.date("received_on")?,
            appraised: f.money("appraised")?,
            referral: f.opt_str("referral").map(str::to_owned),
            state,
        })
    }

    pub fn encode(&self) -> (&'static str, String) {
        let state = match &self.state {
            State::New => json!({}),
            State::Registered { forward_by, site_visit } => {
                json!({ "forward_by": codec::deadline(forward_by), "site_visit": site_visit })
            }
            State::UnderReview { decide_by, site_visit } => {
                json!({ "decide_by": codec::deadline(decide_by), "site_visit": site_visit })
            }
            State::Suspended {
                clock,
                remaining,
                since,
                site_visit,
            } => json!({
                "clock": clock_key(*clock),
                "remaining": remaining.get(),
                "since": since.to_string(),
                "site_visit": site_visit,
            }),
            State::Approved { amount, transfer_by } => {
                json!({ "amount": amount.tiyn(), "transfer_by": codec::deadline(transfer_by) })
            }
            State::Refused { grounds } => json!({ "grounds": codec::grounds(grounds) }),
            State::Paid { amount, on } => json!({ "amount": amount.tiyn(), "on": on.to_string() }),
        };
        let mut map = Map::new();
        map.insert("applicant".into(), json!(self.applicant));
        map.insert("name".into(), json!(self.name));
        map.insert("received_on".into(), json!(self.received_on.to_string()));
        map.insert("appraised".into(), json!(self.appraised.tiyn()));
        if let Some(referral) = &self.referral {
            map.insert("referral".into(), json!(referral));
        }
        map.insert("state".into(), state);
        (self.state.key(), Value::Object(map).to_string())
    }

    /// The career centre checks and forwards (p.68 part 7); the Labour Mobility Centre decides (part 13) and
    /// transfers (p.69). A suspended clock runs for no one.
    pub fn running(&self) -> Vec<Running> {
        let run = |name, deadline: &cases::Deadline, binds| Running {
            name,
            deadline: deadline.clone(),
            binds,
            duty: true,
        };
        match &self.state {
            State::Registered { forward_by, .. } => vec![run("forward_by", forward_by, Party::CareerCentre)],
            State::UnderReview { decide_by, .. } => {
                vec![run("decide_by", decide_by, Party::LabourMobilityCentre)]
            }
            State::Approved { transfer_by, .. } => {
                vec![run("transfer_by", transfer_by, Party::LabourMobilityCentre)]
            }
            State::New | State::Suspended { .. } | State::Refused { .. } | State::Paid { .. } => Vec::new(),
        }
    }

    fn deadlines_mut(&mut self) -> Vec<(&'static str, &mut cases::Deadline)> {
        match &mut self.state {
            State::Registered { forward_by, .. } => vec![("forward_by", forward_by)],
            State::UnderReview { decide_by, .. } => vec![("decide_by", decide_by)],
            State::Approved { transfer_by, .. } => vec![("transfer_by", transfer_by)],
            State::New | State::Suspended { .. } | State::Refused { .. } | State::Paid { .. } => Vec::new(),
        }
    }
}

#[derive(Debug)]
pub(crate) struct Certificate;

const STATES: &[&str] = &["registered", "under_review", "suspended", "approved", "refused", "paid"];

/// Why staff read a certificate case: the procedure of Rules B p.68.
const READ_BASIS: LegalRef = LegalRef::new(Act::RulesB, "68");

impl Kind for Certificate {
    fn kinds(&self) -> &'static [CaseKind] {
        &[CaseKind::Certificate]
    }

    fn states(&self) -> &'static [&'static str] {
        STATES
    }

    fn awaiting(&self, role: Role) -> &'static [&'static str] {
        match role {
            Role::CareerCentre => &["registered"],
            Role::LabourMobilityCentre => &["under_review", "suspended", "approved"],
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
            (Role::CareerCentre, "registered") => &["forward", "appraisal_contested"],
            (Role::LabourMobilityCentre, "registered") => &["site_visit"],
            (Role::LabourMobilityCentre, "under_review") => &["approve", "refuse", "site_visit", "appraisal_contested"],
            (Role::CareerCentre | Role::LabourMobilityCentre, "suspended") => &["appraisal_resolved"],
            (Role::LabourMobilityCentre, "approved") => &["transferred"],
            _ => &[],
        }
    }

    fn read_basis(&self) -> LegalRef {
        READ_BASIS
    }

    fn running(&self, case: &CaseRecord) -> Result<Vec<Running>, AppError> {
        Ok(CertificateRecord::decode(case)?.running())
    }

    fn view(&self, case: &CaseRecord) -> Result<CaseView, AppError> {
        let r = CertificateRecord::decode(case)?;
        let mut facts = vec![Fact {
            key: "appraised_value",
            value: FactValue::Money(r.appraised),
            source: None,
        }];
        if let Some(referral) = &r.referral {
            facts.push(Fact {
                key: "referral",
                value: FactValue::Text(referral.clone()),
                source: None,
            });
        }
        let mut grounds = Vec::new();
        match &r.state {
            State::Registered { site_visit, .. } | State::UnderReview { site_visit, .. } => facts.push(Fact {
                key: "site_visit",
                value: Some(*site_visit).into(),
                source: None,
            }),
            State::Suspended { since, remaining, .. } => {
                facts.push(Fact {
                    key: "suspended_since",
                    value: FactValue::Date(*since),
                    source: None,
                });
                facts.push(Fact {
                    key: "days_left",
                    value: FactValue::Count(u32::from(remaining.get())),
                    source: None,
                });
            }
            State::Approved { amount, .. } | State::Paid { amount, .. } => facts.push(Fact {
                key: "amount",
                value: FactValue::Money(*amount),
                source: None,
            }),
            State::Refused { grounds: g } => grounds = g.as_slice().to_vec(),
            State::New => {}
        }
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
        let mut r = CertificateRecord::decode(case)?;
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
        use certificate_b68::Event;
        let ctx = Ctx {
            today: day,
            params: &law.params,
            calendar: &law.calendar,
        };
        let step = |s: &State, e: Event| {
            certificate_b68::step(s, e, &ctx)
                .map(|s| s.next)
                .map_err(AppError::Rejected)
        };
        let appraised = Money::from_tiyn(2_500_000_000);
        let amount = certificate_payment(&law.params, &CertificateClaim::new(day, appraised))
            .map_err(|e| AppError::Rejected(cases::Rejected::Law(e)))?
            .amount()
            .unwrap_or(appraised);
        let registered = step(&State::New, Event::Submit)?;
        let review = step(&registered, Event::Forward)?;
        let approved = step(&review, Event::Approve { amount })?;
        let states = vec![
            registered.clone(),
            step(&registered, Event::AppraisalContested)?,
            review.clone(),
            step(
                &review,
                Event::Refuse {
                    grounds: vec![CertificateRefusal::OutsideDestination],
                },
            )?,
            step(&approved, Event::Transferred)?,
            approved,
        ];
        let mut out = Vec::new();
        for state in states {
            let record = CertificateRecord {
                applicant: "********1235".into(),
                name: "Сапарова Әлия".into(),
                received_on: day,
                appraised,
                referral: Some("55-2026-000017".into()),
                state,
            };
            let (key, payload) = record.encode();
            out.push(Sample {
                kind: CaseKind::Certificate,
                state: key.to_owned(),
                payload,
                due_on: super::next_due(&record.running()),
            });
        }
        Ok(out)
    }
}
