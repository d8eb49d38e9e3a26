//! Rules A p.14–15 and the service standard (order No. 359 appendix 1): inclusion in the regional quota.
//!
//! Resettlers (A 14–15, whose paragraphs open «Қоныс аударушыларды … енгізу үшін»):
//! ```text
//! New ──accept_at_counter (State Corporation)──▶ UnderReview + A-App 7 handed over, forwarded   A 14.2, 14.5  QUOTA-04, 07
//! New ──refuse_to_accept (counter, 14.4 grounds)──▶ NotAccepted + receipt A-App 8               A 14.4  QUOTA-06
//! New ──submit(portal)──────────▶ Received{refuse_to_accept_by = 2 wd, decide_by = 14 wd}       A 15.6  QUOTA-15
//! New ──submit(career_centre)───▶ AtCareerCentre{forward_by = 1 wd}                             A 15.2  QUOTA-10
//! New ──request_home_visit──────▶ VisitRequested (then accepted or refused at home)           app-1.10  QUOTA-41
//! AtCareerCentre ──forward──────▶ Received                                                      A 15.3  QUOTA-11
//! Received ──accept─────────────▶ UnderReview + A-App 7                                         A 15.4  QUOTA-12
//! Received ──refuse_to_accept (15.5 grounds, within 2 wd)──▶ NotAccepted + receipt A-App 8      A 15.5  QUOTA-13, 14
//! ```
//! Kandases (appendix 1 and, outside the order, Rules A as they stood: XREF-01; see `law/params/rules-a`):
//! ```text
//! New ──submit(any channel)─────▶ UnderReview{decide_by = 14 wd}        intake `direct`          app-1.3  QUOTA-19
//! New ──submit(any channel)─────▶ Received (the provider's check)      intake `provider_check`  XREF-01
//! ```
//! Both:
//! ```text
//! UnderReview ──record_commission──▶ UnderReview (the commission's word recorded)    app-2, app-3, app-5
//! UnderReview ──include────────────▶ Included (quota places taken) + decision         app-1.9  QUOTA-23
//! UnderReview ──refuse(grounds)────▶ Refused (K1–K5 / R1–R5) + decision               app-1.9  QUOTA-31…40
//! UnderReview ──no_quota───────────▶ Refused (K5 / R4)                                app-1.9  QUOTA-35, 39
//! Included ──revoke(reason)────────▶ Revoked (quota places given back)                outside the order (APPC)
//! ```
//! A decision the commissions' parameter lists (`law/params/rules-a/commissions.toml`) needs the commission's
//! word recorded first, and follows it: an inclusion needs a recommendation to include.
//!
//! The State Corporation refuses to accept at the counter only on an incomplete package or expired documents
//! (A 14.4); the provider also on documents whose validity ends on the day of the decision on inclusion (A 15.5).
//! A ground that is not the refusing body's own is rejected ([`Refuser::grounds`]).
//!
//! INTERPRETATION(A app-1.3, from receipt): the order does not say from when the 14 working days run (AMB-07);
//! they are counted from receipt, which for a portal application is its registration on the day it is filed.
//! INTERPRETATION(A 15.5, from receipt): the provider's refusal-to-accept notice is due within two working days of
//! receipt; the order does not say from when they count (AMB-07).
//! INTERPRETATION(A 15.5, counter-checked packages): a package the State Corporation accepted at its counter
//! (A 14.4–14.5: checked, certified, acceptance notice handed over) goes to review; the provider's two working days
//! to refuse acceptance run for the portal and career-centre channels, whose packages no one has checked.
//! INTERPRETATION(A 14.2, forwarded at acceptance): the State Corporation's same-day forwarding is done by the
//! acceptance at the counter itself (the package goes through the gateway as the acceptance is recorded), so no
//! deadline of the State Corporation is left running.

use jiff::civil::Date;
use legal::params::{KandasIntakeMode, QuotaOutcome};
use legal::{Act, LegalRef, TimeLimitId};
use rules::{Ground, RuleError};

use crate::machine::{Ctx, Deadline, Effect, Grounds, Party, Rejected, Step, not_allowed};
use crate::model::Reason;

pub const P14_2: LegalRef = LegalRef::new(Act::RulesA, "14.2");
pub const P14_5: LegalRef = LegalRef::new(Act::RulesA, "14.5");
/// Documents taken at home for applicants who cannot come (appendix 1, row 10).
pub const HOME_VISIT: LegalRef = LegalRef::new(Act::Order359, "app-1.10");
pub const P15_2: LegalRef = LegalRef::new(Act::RulesA, "15.2");
pub const P14_4: LegalRef = LegalRef::new(Act::RulesA, "14.4");
pub const P15_3: LegalRef = LegalRef::new(Act::RulesA, "15.3");
pub const P15_4: LegalRef = LegalRef::new(Act::RulesA, "15.4");
pub const P15_5: LegalRef = LegalRef::new(Act::RulesA, "15.5");
pub const P15_6: LegalRef = LegalRef::new(Act::RulesA, "15.6");
pub const SERVICE_TERM: LegalRef = LegalRef::new(Act::Order359, "app-1.3");
pub const GROUNDS: LegalRef = LegalRef::new(Act::Order359, "app-1.9");

/// The two sub-types of the service (QUOTA-16).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Kandas,
    Resettler,
}

/// Where the application came in (QUOTA-03, QUOTA-18).
///
/// INTERPRETATION(A 15, one portal channel): `Portal` stands for both the Migration.enbek.kz portal and the
/// e-government web portal, and both are registered on the day of filing, although A 15.6 fixes that day only for
/// Migration.enbek.kz (AMB-08).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    StateCorporation,
    CareerCentre,
    Portal,
}

impl Channel {
    pub fn key(self) -> &'static str {
        match self {
            Channel::StateCorporation => "state_corporation",
            Channel::CareerCentre => "career_centre",
            Channel::Portal => "portal",
        }
    }
}

/// Refusal to accept the package at the State Corporation's counter (p.14 part 4, QUOTA-06), with a receipt (form
/// A-App 8): «толық құжаттар жиынтығын ұсынбаған жағдайда, сондай-ақ мерзімі өткен құжаттар ұсынса».
pub const SC_INCOMPLETE_PACKAGE: Ground = Ground {
    code: "quota_incomplete_package",
    basis: P14_4,
    requirement: "QUOTA-06",
};
pub const SC_EXPIRED_DOCUMENTS: Ground = Ground {
    code: "quota_expired_documents",
    basis: P14_4,
    requirement: "QUOTA-06",
};
/// Refusal to accept by the service provider (p.15 part 5, QUOTA-14), with a receipt (form A-App 8): 1) an
/// incomplete package; 2) «қолданылу мерзімі өткен құжаттарды және (немесе) қолданылу мерзімі … шешім
/// қабылданған күні аяқталатын құжаттарды» — expired documents, or documents expiring on the day of the decision
/// on inclusion. The last ground is the provider's only: the State Corporation does not have it.
pub const INCOMPLETE_PACKAGE: Ground = Ground {
    code: "quota_incomplete_package",
    basis: P15_5,
    requirement: "QUOTA-14",
};
pub const EXPIRED_DOCUMENTS: Ground = Ground {
    code: "quota_expired_documents",
    basis: P15_5,
    requirement: "QUOTA-14",
};
pub const EXPIRING_DOCUMENTS: Ground = Ground {
    code: "quota_expiring_documents",
    basis: P15_5,
    requirement: "QUOTA-14",
};

const SC_REFUSAL_TO_ACCEPT: &[Ground] = &[SC_INCOMPLETE_PACKAGE, SC_EXPIRED_DOCUMENTS];
const PROVIDER_REFUSAL_TO_ACCEPT: &[Ground] = &[INCOMPLETE_PACKAGE, EXPIRED_DOCUMENTS, EXPIRING_DOCUMENTS];

/// Who refuses to accept a package, each on the grounds of its own point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refuser {
    /// At the counter, before anything is received (p.14 part 4).
    StateCorporation,
    /// After receipt (p.15 part 5).
    ServiceProvider,
}

impl Refuser {
    /// The grounds this body may refuse to accept on.
    pub fn grounds(self) -> &'static [Ground] {
        match self {
            Refuser::StateCorporation => SC_REFUSAL_TO_ACCEPT,
            Refuser::ServiceProvider => PROVIDER_REFUSAL_TO_ACCEPT,
        }
    }

    /// The body's own grounds for the codes given; a code that is not one of them is the first error.
    fn own(self, given: &[Ground]) -> Result<Vec<Ground>, &'static str> {
        given
            .iter()
            .map(|g| {
                self.grounds()
                    .iter()
                    .find(|own| own.code == g.code)
                    .cloned()
                    .ok_or(g.code)
            })
            .collect()
    }
}

/// Grounds for refusing inclusion, kandas list (appendix 1, row 9).
pub const K1_NOT_KANDAS: Ground = Ground {
    code: "quota_k1_not_kandas",
    basis: GROUNDS,
    requirement: "QUOTA-31",
};
pub const K2_UNRELIABLE: Ground = Ground {
    code: "quota_k2_unreliable_data",
    basis: GROUNDS,
    requirement: "QUOTA-32",
};
/// K3: «… Қазақстан Республикасының аумағында құқық бұзушылықтар жасағаны туралы әшкерелейтін мәліметтердің және
/// олардың террористік немесе экстремистік ұйымдарға жататындығы туралы өзге де ақпараттың болуы» — the two limbs
/// are joined with «және» (and), not «немесе» (or).
pub const K3_OFFENCES: Ground = Ground {
    code: "quota_k3_offences",
    basis: GROUNDS,
    requirement: "QUOTA-33",
};
pub const K4_NO_CONSENT: Ground = Ground {
    code: "quota_k4_no_consent",
    basis: GROUNDS,
    requirement: "QUOTA-34",
};
pub const K5_NO_QUOTA: Ground = Ground {
    code: "quota_k5_no_quota",
    basis: GROUNDS,
    requirement: "QUOTA-35",
};
/// Grounds for refusing inclusion, resettler list (appendix 1, row 9).
pub const R1_UNRELIABLE: Ground = Ground {
    code: "quota_r1_unreliable_data",
    basis: GROUNDS,
    requirement: "QUOTA-36",
};
pub const R2_NO_CONSENT: Ground = Ground {
    code: "quota_r2_no_consent",
    basis: GROUNDS,
    requirement: "QUOTA-37",
};
pub const R3_SOCIAL_CODE: Ground = Ground {
    code: "quota_r3_social_code",
    basis: GROUNDS,
    requirement: "QUOTA-38",
};
pub const R4_NO_QUOTA: Ground = Ground {
    code: "quota_r4_no_quota",
    basis: GROUNDS,
    requirement: "QUOTA-39",
};
pub const R5_CATEGORY: Ground = Ground {
    code: "quota_r5_category",
    basis: GROUNDS,
    requirement: "QUOTA-40",
};

/// Every ground of this machine, for catalogs and documents.
pub const ALL_GROUNDS: &[Ground] = &[
    SC_INCOMPLETE_PACKAGE,
    SC_EXPIRED_DOCUMENTS,
    INCOMPLETE_PACKAGE,
    EXPIRED_DOCUMENTS,
    EXPIRING_DOCUMENTS,
    K1_NOT_KANDAS,
    K2_UNRELIABLE,
    K3_OFFENCES,
    K4_NO_CONSENT,
    K5_NO_QUOTA,
    R1_UNRELIABLE,
    R2_NO_CONSENT,
    R3_SOCIAL_CODE,
    R4_NO_QUOTA,
    R5_CATEGORY,
];

const KANDAS_GROUNDS: &[Ground] = &[K1_NOT_KANDAS, K2_UNRELIABLE, K3_OFFENCES, K4_NO_CONSENT, K5_NO_QUOTA];
const RESETTLER_GROUNDS: &[Ground] = &[R1_UNRELIABLE, R2_NO_CONSENT, R3_SOCIAL_CODE, R4_NO_QUOTA, R5_CATEGORY];

impl Category {
    /// The refusal grounds of this sub-type's list.
    pub fn grounds(self) -> &'static [Ground] {
        match self {
            Category::Kandas => KANDAS_GROUNDS,
            Category::Resettler => RESETTLER_GROUNDS,
        }
    }

    fn no_quota(self) -> Ground {
        match self {
            Category::Kandas => K5_NO_QUOTA,
            Category::Resettler => R4_NO_QUOTA,
        }
    }
}

/// The body whose word a decision follows (the decision forms, appendices 2, 3 and 5; XREF-22).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommissionBody {
    /// «Қандастарды қабылдау жөніндегі комиссия»: recommends (appendices 2 and 3).
    Kandas,
    /// «Халықты жұмыспен қамту мәселелері жөніндегі өңірлік комиссия»: decides (appendix 5).
    RegionalEmployment,
}

impl CommissionBody {
    pub fn key(self) -> &'static str {
        match self {
            CommissionBody::Kandas => "kandas_commission",
            CommissionBody::RegionalEmployment => "regional_employment_commission",
        }
    }

    pub fn from_key(key: &str) -> Option<CommissionBody> {
        [CommissionBody::Kandas, CommissionBody::RegionalEmployment]
            .into_iter()
            .find(|b| b.key() == key)
    }

    /// The code of a decision taken against the commission's word.
    pub fn otherwise_code(self) -> &'static str {
        match self {
            CommissionBody::Kandas => "commission_recommends_otherwise",
            CommissionBody::RegionalEmployment => "commission_decided_otherwise",
        }
    }

    /// The commission of a category.
    pub fn of(category: Category) -> CommissionBody {
        match category {
            Category::Kandas => CommissionBody::Kandas,
            Category::Resettler => CommissionBody::RegionalEmployment,
        }
    }
}

/// A commission's recommendation or decision as its protocol records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commission {
    pub body: CommissionBody,
    pub date: Date,
    pub protocol: String,
    /// The members present, as the protocol lists them.
    pub members: Vec<String>,
    pub outcome: QuotaOutcome,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// No application yet.
    New,
    /// An applicant who cannot come asked, through the contact centre, for the documents to be taken at home: the
    /// State Corporation's employee visits and takes the application as at the counter.
    VisitRequested {
        requested_on: Date,
    },
    /// At the career centre, which forwards it to the provider (A 15.2–15.3).
    AtCareerCentre {
        received_on: Date,
        forward_by: Deadline,
    },
    /// With the provider, whose check of the package is pending (A 15.4–15.5).
    Received {
        channel: Channel,
        received_on: Date,
        refuse_to_accept_by: Deadline,
        decide_by: Deadline,
    },
    NotAccepted {
        grounds: Grounds,
    },
    UnderReview {
        received_on: Date,
        decide_by: Deadline,
        commission: Option<Commission>,
    },
    Included {
        on: Date,
    },
    Refused {
        grounds: Grounds,
    },
    Revoked {
        on: Date,
        reason: Reason,
    },
}

impl State {
    pub fn key(&self) -> &'static str {
        match self {
            State::New => "new",
            State::VisitRequested { .. } => "visit_requested",
            State::AtCareerCentre { .. } => "at_career_centre",
            State::Received { .. } => "received",
            State::NotAccepted { .. } => "not_accepted",
            State::UnderReview { .. } => "under_review",
            State::Included { .. } => "included",
            State::Refused { .. } => "refused",
            State::Revoked { .. } => "revoked",
        }
    }

    /// Whether the application is still being dealt with (a second one of the same person is refused).
    pub fn is_open(&self) -> bool {
        match self {
            State::VisitRequested { .. }
            | State::AtCareerCentre { .. }
            | State::Received { .. }
            | State::UnderReview { .. } => true,
            State::New
            | State::NotAccepted { .. }
            | State::Included { .. }
            | State::Refused { .. }
            | State::Revoked { .. } => false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A request for the documents to be taken at home (appendix 1 row 10, QUOTA-41).
    RequestHomeVisit,
    /// Filed on the portal, received by a career centre, or (kandases) received through any channel.
    Submit {
        channel: Channel,
    },
    /// The State Corporation's specialist accepts a complete package at the counter (resettlers).
    AcceptAtCounter,
    RefuseToAccept {
        grounds: Vec<Ground>,
    },
    /// The career centre sends the application on to the provider.
    Forward,
    /// The provider accepts a complete package.
    Accept,
    RecordCommission {
        commission: Commission,
    },
    Include,
    Refuse {
        grounds: Vec<Ground>,
    },
    /// The quota of the territorial unit has no places left (found when allocating).
    NoQuota,
    Revoke {
        reason: Reason,
    },
}

impl Event {
    pub fn key(&self) -> &'static str {
        match self {
            Event::RequestHomeVisit => "request_home_visit",
            Event::Submit { .. } => "submit",
            Event::AcceptAtCounter => "accept_at_counter",
            Event::RefuseToAccept { .. } => "refuse_to_accept",
            Event::Forward => "forward",
            Event::Accept => "accept",
            Event::RecordCommission { .. } => "record_commission",
            Event::Include => "include",
            Event::Refuse { .. } => "refuse",
            Event::NoQuota => "no_quota",
            Event::Revoke { .. } => "revoke",
        }
    }
}

/// The law's reading of the procedure on the day: how kandases are received, which decisions need a commission's
/// word, whether an inclusion may be revoked and on what basis.
struct Procedure {
    kandas_intake: KandasIntakeMode,
    kandas_intake_basis: LegalRef,
    commissions: Vec<QuotaOutcome>,
    revocation: Option<LegalRef>,
}

fn procedure(category: Category, ctx: &Ctx<'_>) -> Result<Procedure, Rejected> {
    let law = |e: legal::NotCovered| Rejected::Law(RuleError::from(e));
    let intake = ctx.params.kandas_intake.at(ctx.today).map_err(law)?;
    let commissions = ctx.params.quota_commissions.at(ctx.today).map_err(law)?;
    let revocation = ctx.params.quota_revocation.at(ctx.today).map_err(law)?;
    Ok(Procedure {
        kandas_intake: intake.value.intake,
        kandas_intake_basis: intake.reference.legal.clone(),
        commissions: match category {
            Category::Kandas => commissions.value.kandas.clone(),
            Category::Resettler => commissions.value.resettler.clone(),
        },
        revocation: revocation.value.allowed.then(|| revocation.reference.legal.clone()),
    })
}

/// The provider's check of a package: two working days to refuse acceptance, fourteen to decide, from receipt.
fn received(channel: Channel, received_on: Date, ctx: &Ctx<'_>) -> Result<State, Rejected> {
    Ok(State::Received {
        channel,
        received_on,
        refuse_to_accept_by: ctx.due(TimeLimitId::QuotaRefusalToAcceptNotice, received_on)?,
        decide_by: ctx.due(TimeLimitId::QuotaServiceTerm, received_on)?,
    })
}

fn under_review(received_on: Date, ctx: &Ctx<'_>) -> Result<State, Rejected> {
    Ok(State::UnderReview {
        received_on,
        decide_by: ctx.due(TimeLimitId::QuotaServiceTerm, received_on)?,
        commission: None,
    })
}

/// The notice that an application was registered, to the applicant.
fn registered(step: Step<State>) -> Step<State> {
    step.with(Effect::Notify {
        to: Party::Applicant,
        message: "notice_quota_registered",
    })
}

/// Whether a decision may be taken on the commission's word as recorded: where the law wants the word, it must be
/// there and say the same.
fn commission_allows(
    procedure: &Procedure,
    commission: Option<&Commission>,
    outcome: QuotaOutcome,
) -> Result<(), Rejected> {
    if !procedure.commissions.contains(&outcome) {
        return Ok(());
    }
    match commission {
        None => Err(Rejected::Unmet {
            code: "commission_not_recorded",
        }),
        Some(c) if c.outcome != outcome => Err(Rejected::Unmet {
            code: c.body.otherwise_code(),
        }),
        Some(_) => Ok(()),
    }
}

/// The one transition function of this machine.
pub fn step(category: Category, state: &State, event: Event, ctx: &Ctx<'_>) -> Result<Step<State>, Rejected> {
    let today = ctx.today;
    let procedure = procedure(category, ctx)?;
    let provider_checks_kandas = procedure.kandas_intake == KandasIntakeMode::ProviderCheck;
    match (state, event) {
        (State::New, Event::RequestHomeVisit) => {
            Ok(
                Step::new(State::VisitRequested { requested_on: today }, HOME_VISIT, &["QUOTA-41"])
                    .with(Effect::Forward {
                        to: Party::StateCorporation,
                    })
                    .with(Effect::Notify {
                        to: Party::Applicant,
                        message: "notice_quota_home_visit",
                    }),
            )
        }
        // At home the employee takes a kandas's application as at the counter.
        (
            State::VisitRequested { .. },
            Event::Submit {
                channel: Channel::StateCorporation,
            },
        ) if category == Category::Kandas => Ok(registered(Step::new(
            under_review(today, ctx)?,
            HOME_VISIT,
            &["QUOTA-19", "QUOTA-41"],
        ))),
        (State::New, Event::Submit { channel }) => match (category, channel) {
            (Category::Resettler, Channel::Portal) => Ok(registered(Step::new(
                received(channel, today, ctx)?,
                P15_6,
                &["QUOTA-09", "QUOTA-15"],
            ))),
            (Category::Resettler, Channel::CareerCentre) => Ok(registered(Step::new(
                State::AtCareerCentre {
                    received_on: today,
                    forward_by: ctx.due(TimeLimitId::QuotaCareerCentreForward, today)?,
                },
                P15_2,
                &["QUOTA-10"],
            ))),
            // At the counter the resettler's package is accepted or refused, never merely received.
            (Category::Resettler, Channel::StateCorporation) => not_allowed("new", "submit"),
            (Category::Kandas, channel) if provider_checks_kandas => Ok(registered(Step::new(
                received(channel, today, ctx)?,
                procedure.kandas_intake_basis,
                &["QUOTA-19"],
            ))),
            (Category::Kandas, _) => Ok(registered(Step::new(
                under_review(today, ctx)?,
                SERVICE_TERM,
                &["QUOTA-19"],
            ))),
        },
        (State::New | State::VisitRequested { .. }, Event::AcceptAtCounter) if category == Category::Resettler => Ok(
            Step::new(under_review(today, ctx)?, P14_5, &["QUOTA-04", "QUOTA-05", "QUOTA-07"])
                .with(Effect::IssueDocument { form: "rules-a-app-7" })
                .with(Effect::Forward {
                    to: Party::ServiceProvider,
                })
                .with(Effect::Notify {
                    to: Party::Applicant,
                    message: "notice_quota_accepted",
                }),
        ),
        (State::AtCareerCentre { received_on, .. }, Event::Forward) => Ok(Step::new(
            received(Channel::CareerCentre, *received_on, ctx)?,
            P15_3,
            &["QUOTA-11"],
        )
        .with(Effect::Forward {
            to: Party::ServiceProvider,
        })),
        (State::New | State::VisitRequested { .. } | State::Received { .. }, Event::RefuseToAccept { grounds })
            if category == Category::Resettler || provider_checks_kandas =>
        {
            // At the counter (nothing received yet) the State Corporation refuses; afterwards the provider notifies.
            let (refuser, basis, requirements): (Refuser, LegalRef, &'static [&'static str]) =
                if matches!(state, State::New | State::VisitRequested { .. }) {
                    if category == Category::Kandas {
                        return not_allowed("new", "refuse_to_accept");
                    }
                    (Refuser::StateCorporation, P14_4, &["QUOTA-06"])
                } else {
                    (Refuser::ServiceProvider, P15_5, &["QUOTA-13", "QUOTA-14"])
                };
            let grounds = refuser.own(&grounds).map_err(|foreign| Rejected::NotAllowed {
                state: state.key(),
                event: foreign,
            })?;
            let grounds = Grounds::new(grounds)?;
            Ok(Step::new(State::NotAccepted { grounds }, basis, requirements)
                .with(Effect::IssueDocument { form: "rules-a-app-8" })
                .with(Effect::Notify {
                    to: Party::Applicant,
                    message: "notice_quota_not_accepted",
                }))
        }
        (
            State::Received {
                received_on, decide_by, ..
            },
            Event::Accept,
        ) => {
            let next = State::UnderReview {
                received_on: *received_on,
                decide_by: decide_by.clone(),
                commission: None,
            };
            let step = Step::new(next, P15_4, &["QUOTA-12", "QUOTA-19"]);
            // The acceptance notice (form A-App 7) is the resettlers'; a kandas is told the application is accepted.
            let step = match category {
                Category::Resettler => step.with(Effect::IssueDocument { form: "rules-a-app-7" }),
                Category::Kandas => step,
            };
            Ok(step.with(Effect::Notify {
                to: Party::Applicant,
                message: "notice_quota_accepted",
            }))
        }
        (
            State::UnderReview {
                received_on, decide_by, ..
            },
            Event::RecordCommission { commission },
        ) => {
            if commission.body != CommissionBody::of(category) {
                return Err(Rejected::Unmet {
                    code: "commission_of_another_body",
                });
            }
            if commission.date > today {
                return Err(Rejected::Unmet {
                    code: "commission_date_in_future",
                });
            }
            let basis = match category {
                Category::Kandas => FORM_KANDAS_INCLUDED,
                Category::Resettler => FORM_RESETTLER_INCLUDED,
            };
            Ok(Step::new(
                State::UnderReview {
                    received_on: *received_on,
                    decide_by: decide_by.clone(),
                    commission: Some(commission),
                },
                basis,
                &["QUOTA-23"],
            ))
        }
        (State::UnderReview { commission, .. }, Event::Include) => {
            commission_allows(&procedure, commission.as_ref(), QuotaOutcome::Include)?;
            let form = match category {
                Category::Kandas => "app-2",
                Category::Resettler => "app-5",
            };
            Ok(
                Step::new(State::Included { on: today }, GROUNDS, &["QUOTA-23", "QUOTA-24"])
                    .with(Effect::AllocateQuota)
                    .with(Effect::IssueDocument { form })
                    .with(Effect::Notify {
                        to: Party::Applicant,
                        message: "notice_quota_included",
                    }),
            )
        }
        (State::UnderReview { commission, .. }, Event::Refuse { grounds }) => {
            if let Some(foreign) = grounds.iter().find(|g| !category.grounds().contains(g)) {
                return Err(Rejected::NotAllowed {
                    state: "under_review",
                    event: foreign.code,
                });
            }
            commission_allows(&procedure, commission.as_ref(), QuotaOutcome::Refuse)?;
            refuse(category, Grounds::new(grounds)?)
        }
        // No places left is a fact of the quota, not a finding: no commission's word is needed for it.
        (State::UnderReview { .. }, Event::NoQuota) => refuse(category, Grounds::new(vec![category.no_quota()])?),
        (State::Included { .. }, Event::Revoke { reason }) => match procedure.revocation {
            Some(basis) => Ok(Step::new(State::Revoked { on: today, reason }, basis, &["QUOTA-23"])
                .with(Effect::ReleaseQuota)
                .with(Effect::Notify {
                    to: Party::Applicant,
                    message: "notice_quota_revoked",
                })),
            None => Err(Rejected::Unmet {
                code: "revocation_not_provided",
            }),
        },
        (
            State::New
            | State::VisitRequested { .. }
            | State::AtCareerCentre { .. }
            | State::Received { .. }
            | State::NotAccepted { .. }
            | State::UnderReview { .. }
            | State::Included { .. }
            | State::Refused { .. }
            | State::Revoked { .. },
            event @ (Event::RequestHomeVisit
            | Event::Submit { .. }
            | Event::AcceptAtCounter
            | Event::RefuseToAccept { .. }
            | Event::Forward
            | Event::Accept
            | Event::RecordCommission { .. }
            | Event::Include
            | Event::Refuse { .. }
            | Event::NoQuota
            | Event::Revoke { .. }),
        ) => not_allowed(state.key(), event.key()),
    }
}

/// The decision forms, which name the commission whose word the decision follows.
pub const FORM_KANDAS_INCLUDED: LegalRef = LegalRef::new(Act::Order359, "app-2");
pub const FORM_RESETTLER_INCLUDED: LegalRef = LegalRef::new(Act::Order359, "app-5");

fn refuse(category: Category, grounds: Grounds) -> Result<Step<State>, Rejected> {
    let form = match category {
        Category::Kandas => "app-3",
        Category::Resettler => "app-6",
    };
    // Each ground carries its own requirement ID (QUOTA-31…40); the step is the decision of refusal.
    Ok(
        Step::new(State::Refused { grounds }, GROUNDS, &["QUOTA-23", "QUOTA-24"])
            .with(Effect::IssueDocument { form })
            .with(Effect::Notify {
                to: Party::Applicant,
                message: "notice_quota_refused",
            }),
    )
}
