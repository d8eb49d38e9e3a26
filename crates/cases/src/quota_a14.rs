//! Rules A p.14–15 and the service standard (order No. 359 appendix 1): inclusion in the regional quota.
//!
//! ```text
//! (none) ──submit(state_corporation)──▶ Received{forward_by = today}              A 14.2  QUOTA-04
//! (none) ──submit(career_centre)─────▶ Received{forward_by = today + 1 wd}        A 15.3  QUOTA-11
//! (none) ──submit(portal)────────────▶ Received{forward_by = today (registered)}  A 15.6  QUOTA-15
//! (none) ──refuse_to_accept(grounds)──▶ NotAccepted (receipt, form A-App 8)        A 14.4  QUOTA-06
//! Received ──accept──────────────────▶ UnderReview{decide_by = received + 14 wd}   A 15.4, app-1.3  QUOTA-12, QUOTA-19
//! Received ──refuse_to_accept(grounds)▶ NotAccepted (notice within 2 wd of receipt) A 15.5  QUOTA-13, QUOTA-14
//! UnderReview ──include──────────────▶ Included (quota places taken)              app-1.9  QUOTA-23
//! UnderReview ──refuse(grounds)──────▶ Refused (K1–K5 / R1–R5)                    app-1.9  QUOTA-31…40
//! UnderReview ──no_quota─────────────▶ Refused (K5 / R4)                          app-1.9  QUOTA-35, QUOTA-39
//! Included ──revoke──────────────────▶ Revoked (quota places released)            app-1.9
//! ```
//!
//! The State Corporation refuses to accept at the counter only on an incomplete package or expired documents
//! (A 14.4); the provider also on documents whose validity ends on the day of the decision on inclusion (A 15.5).
//! A ground that is not the refusing body's own is rejected ([`Refuser::grounds`]).
//!
//! The term of the service (14 working days) runs from the day of receipt: the day the State Corporation or a
//! career centre received the package, or the day a portal application was registered (A 15.6).
//!
//! INTERPRETATION(A app-1.3, from receipt): the order does not say from when the 14 working days run (AMB-07);
//! they are counted from receipt, which for a portal application is its registration on the day it is filed.
//! INTERPRETATION(A 15.5, from receipt): the provider's refusal-to-accept notice is due within two working days of
//! receipt; the order does not say from when they count (AMB-07).
//! INTERPRETATION(A 15.5, counter-checked packages): the provider's two working days run for every channel, also
//! for a package the State Corporation already checked at its counter (A 14.4); the order neither extends nor
//! excludes the provider's check there.
//! INTERPRETATION(A app-1, commission not recorded): the decision on inclusion or refusal is recorded without the
//! commission's recommendation or decision (date, number), which the decision forms print (appendices 2, 3, 5;
//! AMB-48).

use jiff::civil::Date;
use legal::{Act, LegalRef, TimeLimitId};
use rules::Ground;

use crate::machine::{Ctx, Deadline, Effect, Grounds, Party, Rejected, Step, not_allowed};

pub const P14_2: LegalRef = LegalRef::new(Act::RulesA, "14.2");
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// No application yet.
    New,
    Received {
        channel: Channel,
        received_on: Date,
        forward_by: Deadline,
        refuse_to_accept_by: Deadline,
    },
    NotAccepted {
        grounds: Grounds,
    },
    UnderReview {
        received_on: Date,
        decide_by: Deadline,
    },
    Included {
        on: Date,
    },
    Refused {
        grounds: Grounds,
    },
    Revoked {
        on: Date,
    },
}

impl State {
    pub fn key(&self) -> &'static str {
        match self {
            State::New => "new",
            State::Received { .. } => "received",
            State::NotAccepted { .. } => "not_accepted",
            State::UnderReview { .. } => "under_review",
            State::Included { .. } => "included",
            State::Refused { .. } => "refused",
            State::Revoked { .. } => "revoked",
        }
    }

    /// The nearest deadline that runs in this state, for the work queues: a received application is
    /// forwarded or refused for acceptance, one under review is decided.
    pub fn next_due(&self) -> Option<&Deadline> {
        match self {
            State::Received {
                forward_by,
                refuse_to_accept_by,
                ..
            } => Some(if forward_by.due <= refuse_to_accept_by.due {
                forward_by
            } else {
                refuse_to_accept_by
            }),
            State::UnderReview { decide_by, .. } => Some(decide_by),
            State::New
            | State::NotAccepted { .. }
            | State::Included { .. }
            | State::Refused { .. }
            | State::Revoked { .. } => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Submit {
        channel: Channel,
    },
    RefuseToAccept {
        grounds: Vec<Ground>,
    },
    Accept,
    Include,
    Refuse {
        grounds: Vec<Ground>,
    },
    /// The quota of the territorial unit has no places left (found when allocating).
    NoQuota,
    Revoke,
}

impl Event {
    pub fn key(&self) -> &'static str {
        match self {
            Event::Submit { .. } => "submit",
            Event::RefuseToAccept { .. } => "refuse_to_accept",
            Event::Accept => "accept",
            Event::Include => "include",
            Event::Refuse { .. } => "refuse",
            Event::NoQuota => "no_quota",
            Event::Revoke => "revoke",
        }
    }
}

/// The one transition function of this machine.
pub fn step(category: Category, state: &State, event: Event, ctx: &Ctx<'_>) -> Result<Step<State>, Rejected> {
    let today = ctx.today;
    match (state, event) {
        (State::New, Event::Submit { channel }) => {
            let (limit, basis, requirements): (TimeLimitId, LegalRef, &'static [&'static str]) = match channel {
                Channel::StateCorporation => (TimeLimitId::QuotaScForward, P14_2, &["QUOTA-04"]),
                Channel::CareerCentre => (TimeLimitId::QuotaCareerCentreForward, P15_3, &["QUOTA-11"]),
                Channel::Portal => (TimeLimitId::QuotaPortalRegistration, P15_6, &["QUOTA-15"]),
            };
            let next = State::Received {
                channel,
                received_on: today,
                forward_by: ctx.due(limit, today)?,
                refuse_to_accept_by: ctx.due(TimeLimitId::QuotaRefusalToAcceptNotice, today)?,
            };
            Ok(Step::new(next, basis, requirements).with(Effect::Forward {
                to: Party::ServiceProvider,
            }))
        }
        (State::New | State::Received { .. }, Event::RefuseToAccept { grounds }) => {
            // At the counter (nothing received yet) the State Corporation refuses; afterwards the provider notifies.
            let (refuser, basis, requirements): (Refuser, LegalRef, &'static [&'static str]) =
                if matches!(state, State::New) {
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
        (State::Received { received_on, .. }, Event::Accept) => {
            let decide_by = ctx.due(TimeLimitId::QuotaServiceTerm, *received_on)?;
            Ok(Step::new(
                State::UnderReview {
                    received_on: *received_on,
                    decide_by,
                },
                P15_4,
                &["QUOTA-12", "QUOTA-19"],
            )
            .with(Effect::IssueDocument { form: "rules-a-app-7" })
            .with(Effect::Notify {
                to: Party::Applicant,
                message: "notice_quota_accepted",
            }))
        }
        (State::UnderReview { .. }, Event::Include) => {
            let form = match category {
                Category::Kandas => "app-2",
                Category::Resettler => "app-5",
            };
            Ok(Step::new(State::Included { on: today }, GROUNDS, &["QUOTA-23"])
                .with(Effect::AllocateQuota)
                .with(Effect::IssueDocument { form })
                .with(Effect::Notify {
                    to: Party::Applicant,
                    message: "notice_quota_included",
                }))
        }
        (State::UnderReview { .. }, Event::Refuse { grounds }) => {
            if let Some(foreign) = grounds.iter().find(|g| !category.grounds().contains(g)) {
                return Err(Rejected::NotAllowed {
                    state: "under_review",
                    event: foreign.code,
                });
            }
            refuse(category, Grounds::new(grounds)?)
        }
        (State::UnderReview { .. }, Event::NoQuota) => refuse(category, Grounds::new(vec![category.no_quota()])?),
        (State::Included { .. }, Event::Revoke) => Ok(Step::new(State::Revoked { on: today }, GROUNDS, &["QUOTA-23"])
            .with(Effect::ReleaseQuota)
            .with(Effect::Notify {
                to: Party::Applicant,
                message: "notice_quota_revoked",
            })),
        (
            State::New
            | State::Received { .. }
            | State::NotAccepted { .. }
            | State::UnderReview { .. }
            | State::Included { .. }
            | State::Refused { .. }
            | State::Revoked { .. },
            event @ (Event::Submit { .. }
            | Event::RefuseToAccept { .. }
            | Event::Accept
            | Event::Include
            | Event::Refuse { .. }
            | Event::NoQuota
            | Event::Revoke),
        ) => not_allowed(state.key(), event.key()),
    }
}

fn refuse(category: Category, grounds: Grounds) -> Result<Step<State>, Rejected> {
    let form = match category {
        Category::Kandas => "app-3",
        Category::Resettler => "app-6",
    };
    // Each ground carries its own requirement ID (QUOTA-31…40); the step is the decision of refusal.
    Ok(Step::new(State::Refused { grounds }, GROUNDS, &["QUOTA-23"])
        .with(Effect::IssueDocument { form })
        .with(Effect::Notify {
            to: Party::Applicant,
            message: "notice_quota_refused",
        }))
}
