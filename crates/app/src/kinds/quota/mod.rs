//! The quota inclusion case (Rules A p.14–15, order No. 359 appendix 1): its stored record and descriptor.

mod document;
mod record;

use cases::quota_a14::{self, Category, Channel, State};
use cases::{CaseKind, Ctx};
use jiff::civil::Date;
use legal::{Law, LegalRef};
use store::{CaseRecord, Role};

pub use record::{Consent, Counter, FamilyMember, PersonFacts, QuotaFacts, QuotaRecord, Supplied, Supply};

use super::{CaseView, Fact, FactValue, Kind, Recounted, Sample};
use crate::AppError;

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

/// A synthetic IIN of a child born on 10 March 2015, for the samples.
fn child_iin() -> Result<kz::Iin, AppError> {
    (1..100)
        .find_map(|serial| kz::Iin::from_parts(jiff::civil::date(2015, 3, 10), kz::Sex::Female, serial).ok())
        .ok_or(AppError::Refused("invalid_input"))
}

/// The descriptor.
#[derive(Debug)]
pub(crate) struct Quota;

const STATES: &[&str] = &[
    "visit_requested",
    "at_career_centre",
    "received",
    "under_review",
    "included",
    "refused",
    "not_accepted",
    "revoked",
];

/// Why staff read a quota case: the service of Rules A p.15.
const READ_BASIS: LegalRef = LegalRef::new(legal::Act::RulesA, "15");

fn category_key(c: Category) -> &'static str {
    match c {
        Category::Kandas => "kandas",
        Category::Resettler => "resettler",
    }
}

impl Kind for Quota {
    fn kinds(&self) -> &'static [CaseKind] {
        &[CaseKind::QuotaKandas, CaseKind::QuotaResettler]
    }

    fn states(&self) -> &'static [&'static str] {
        STATES
    }

    /// The State Corporation visits those who asked for a home visit (appendix 1 row 10); a career centre
    /// forwards what it received (A 15.3); the provider checks a received package and decides one under review
    /// (A 15.4, 15.5, appendix 1), on the word of the commission, whose secretary records it.
    fn awaiting(&self, role: Role) -> &'static [&'static str] {
        match role {
            Role::StateCorporationOperator => &["visit_requested"],
            Role::CareerCentre => &["at_career_centre"],
            Role::LocalExecutiveBody => &["received", "under_review"],
            Role::Commission => &["under_review"],
            Role::Citizen
            | Role::LabourMobilityCentre
            | Role::AppealBody
            | Role::Employer
            | Role::Analyst
            | Role::Administrator
            | Role::System => &[],
        }
    }

    fn actions(&self, role: Role, state: &str) -> &'static [&'static str] {
        match (role, state) {
            (Role::StateCorporationOperator, "visit_requested") => &["take_at_home"],
            (Role::CareerCentre, "at_career_centre") => &["forward"],
            (Role::LocalExecutiveBody, "received") => &["accept", "refuse_to_accept"],
            (Role::LocalExecutiveBody, "under_review") => &["record_commission", "decide"],
            (Role::Commission, "under_review") => &["record_commission"],
            (Role::LocalExecutiveBody, "included") => &["revoke"],
            _ => &[],
        }
    }

    fn read_basis(&self) -> LegalRef {
        READ_BASIS
    }

    fn running(&self, case: &CaseRecord) -> Result<Vec<super::Running>, AppError> {
        Ok(QuotaRecord::decode(case)?.running())
    }

    fn view(&self, case: &CaseRecord) -> Result<CaseView, AppError> {
        let r = QuotaRecord::decode(case)?;
        let fact = |key, value, source| Fact { key, value, source };
        let mut facts = vec![
            fact(
                "category",
                FactValue::Key(format!("ui-category-{}", category_key(r.category))),
                None,
            ),
            fact(
                "channel",
                FactValue::Key(format!("ui-channel-{}", r.channel.key())),
                None,
            ),
            fact("citizen", r.facts.citizen.into(), Some("civil_registry")),
        ];
        match r.category {
            Category::Resettler => {
                facts.push(fact(
                    "registered_one_year",
                    r.facts.registered.into(),
                    Some("address_register"),
                ));
                facts.push(fact("job_seeker", r.facts.job_seeker.into(), Some("labour_market")));
                if let Some(e) = r.employment {
                    facts.push(fact("employment", FactValue::Key(format!("ui-employment-{e}")), None));
                }
            }
            Category::Kandas => {
                facts.push(fact("kandas", r.facts.kandas.into(), Some("kandas_register")));
                facts.push(fact("listed", r.facts.listed.into(), Some("offences")));
            }
        }
        facts.push(fact("consent", Some(r.consent.is_some()).into(), None));
        facts.push(fact(
            "family",
            FactValue::Count(u32::try_from(r.family.len()).unwrap_or(u32::MAX)),
            Some("civil_registry"),
        ));
        if r.home_visit {
            facts.push(fact("home_visit", FactValue::Yes, None));
        }
        if let Some(c) = r.counter {
            facts.push(fact("counter_waited", FactValue::Count(c.waited), None));
            facts.push(fact("counter_served", FactValue::Count(c.served), None));
        }
        if let Some(places) = r.places {
            facts.push(fact("places", FactValue::Count(places), None));
        }
        if r.declined_unit {
            facts.push(fact("declined_unit", FactValue::Yes, None));
        }
        let commission = match &r.state {
            State::UnderReview { commission, .. } => commission.as_ref(),
            _ => r.commission.as_ref(),
        };
        if let Some(c) = commission {
            facts.push(fact("commission", FactValue::Key(format!("ui-{}", c.body.key())), None));
            facts.push(fact("commission_date", FactValue::Date(c.date), None));
            facts.push(fact("commission_protocol", FactValue::Text(c.protocol.clone()), None));
            // The kandas commission recommends, the regional commission decides (appendices 2, 3 and 5).
            let word = match c.body {
                quota_a14::CommissionBody::Kandas => "commission_outcome",
                quota_a14::CommissionBody::RegionalEmployment => "commission_decision",
            };
            facts.push(fact(
                word,
                FactValue::Key(format!("ui-commission-{}", c.outcome.key())),
                None,
            ));
        }
        if let Some(reason) = &r.reasoning {
            facts.push(fact("reasoning", FactValue::Text(reason.as_str().to_owned()), None));
        }
        if let State::Revoked { reason, .. } = &r.state {
            facts.push(fact(
                "revocation_reason",
                FactValue::Text(reason.as_str().to_owned()),
                None,
            ));
        }
        let deadlines = r.running();
        let grounds = match &r.state {
            State::NotAccepted { grounds } | State::Refused { grounds } => grounds.as_slice().to_vec(),
            State::New
            | State::VisitRequested { .. }
            | State::AtCareerCentre { .. }
            | State::Received { .. }
            | State::UnderReview { .. }
            | State::Included { .. }
            | State::Revoked { .. } => Vec::new(),
        };
        let people = r
            .family
            .iter()
            .map(|m| super::PersonLine {
                name: m.name.clone(),
                iin: m.iin.masked(),
                relation: format!("ui-kinship-{}", m.kinship),
                birth_date: Some(m.birth_date),
            })
            .collect();
        let documents = r
            .documents
            .iter()
            .map(|d| super::DocumentLine {
                kind: format!("ui-doc-{}", d.kind),
                source: match &d.supply {
                    Supply::Upload { .. } => "ui-supply-upload".to_owned(),
                    Supply::Counter => "ui-supply-counter".to_owned(),
                    Supply::System { system, .. } => format!("ui-system-{system}"),
                },
                valid_until: d.valid_until,
                attachment: match d.supply {
                    Supply::Upload { attachment } => Some(attachment),
                    Supply::Counter | Supply::System { .. } => None,
                },
            })
            .collect();
        Ok(CaseView {
            calendar_edition: deadlines.iter().find_map(|d| d.deadline.calendar_edition.clone()),
            facts,
            deadlines,
            grounds,
            applicant: Some(r.applicant),
            name: Some(r.name),
            people,
            documents,
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

    /// The inclusion decisions (appendices 2 and 5), the refusals (3 and 6), the acceptance notice (A-App 7)
    /// and the refusal-to-accept receipt (A-App 8), from the case as the step leaves it.
    fn document(
        &self,
        case: &CaseRecord,
        form: &str,
        heading: &super::Heading,
    ) -> Result<documents::FormData, AppError> {
        document::fill(case, form, heading)
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
        let reason = |text| cases::model::Reason::parse(text).map_err(|_| AppError::Refused("reason_required"));
        let mut out = Vec::new();
        for category in [Category::Kandas, Category::Resettler] {
            let (received, review) = match category {
                Category::Resettler => {
                    let received = step(
                        &State::New,
                        Event::Submit {
                            channel: Channel::Portal,
                        },
                        category,
                    )?;
                    let review = step(&received, Event::Accept, category)?;
                    (Some(received), review)
                }
                Category::Kandas => (
                    None,
                    step(
                        &State::New,
                        Event::Submit {
                            channel: Channel::Portal,
                        },
                        category,
                    )?,
                ),
            };
            let commission = cases::quota_a14::Commission {
                body: cases::quota_a14::CommissionBody::of(category),
                date: day,
                protocol: "12".into(),
                members: vec!["Сапарова А. М.".into(), "Омаров Б. К.".into()],
                outcome: legal::params::QuotaOutcome::Include,
            };
            let decided = step(&review, Event::RecordCommission { commission }, category)?;
            let included = step(&decided, Event::Include, category)?;
            let mut states = vec![
                review.clone(),
                step(&review, Event::NoQuota, category)?,
                step(
                    &included,
                    Event::Revoke {
                        reason: reason("a false statement")?,
                    },
                    category,
                )?,
                step(&State::New, Event::RequestHomeVisit, category)?,
                included,
            ];
            if let Some(received) = received {
                states.push(step(
                    &received,
                    Event::RefuseToAccept {
                        grounds: vec![quota_a14::INCOMPLETE_PACKAGE],
                    },
                    category,
                )?);
                states.push(received);
                states.push(step(
                    &State::New,
                    Event::Submit {
                        channel: Channel::CareerCentre,
                    },
                    category,
                )?);
            }
            for state in states {
                let record = QuotaRecord {
                    category,
                    channel: Channel::Portal,
                    applicant: "********1235".into(),
                    name: "Сапарова Әлия".into(),
                    person: PersonFacts {
                        birth_date: Some(jiff::civil::date(1990, 1, 15)),
                        sex: Some(kz::Sex::Female),
                        nationality: Some("қазақ".into()),
                    },
                    received_on: day,
                    facts: QuotaFacts {
                        registered: Some(true),
                        job_seeker: Some(true),
                        kandas: (category == Category::Kandas).then_some(true),
                        listed: Some(false),
                        citizen: Some(category == Category::Resettler),
                    },
                    family: vec![FamilyMember {
                        iin: child_iin()?,
                        name: "Сапарова Дана".into(),
                        birth_date: jiff::civil::date(2015, 3, 10),
                        sex: kz::Sex::Female,
                        kinship: "child".into(),
                    }],
                    employment: (category == Category::Resettler).then_some(9),
                    documents: vec![Supplied {
                        kind: "identity".into(),
                        supply: Supply::System {
                            system: "digital_documents".into(),
                            response: "digital_documents-0001".into(),
                        },
                        valid_until: Some(jiff::civil::date(2030, 12, 31)),
                    }],
                    consent: Some(Consent {
                        at: jiff::Timestamp::from_second(1_772_438_400)
                            .map_err(|_| AppError::Refused("invalid_input"))?,
                        channel: "portal".into(),
                    }),
                    home_visit: matches!(state, State::VisitRequested { .. }),
                    counter: None,
                    places: matches!(state, State::Included { .. } | State::Revoked { .. }).then_some(2),
                    declined_unit: false,
                    commission: None,
                    reasoning: None,
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
