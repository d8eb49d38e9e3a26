//! Rules B p.70 and p.73: the relocation subsidy and the restoration of a missed application period.
//!
//! Relocation subsidy (material assistance, so the six-month window of p.73 applies, RELOC-04). The Labour
//! Mobility Centre decides «өтінішті қарап» (appendix 15: having considered the application), so applying only
//! files the application; the decision is the centre's, and a refusal names its grounds:
//! ```text
//! New ──apply(included_on, persons, petition?)──▶ Applied{application (on = today), persons}  app-15  RELOC-02
//! Applied ──grant──▶ Granted{amount}, when the application was in time or restored     B 70, app-15  RELOC-02…04
//! Applied ──grant──▶ Refused(deadline grounds), when it was not: the law allows no grant  B 73.1, 73.3, 73.4  RELOC-04
//! Applied ──refuse──▶ Refused(relocation_conditions_not_met), the reasons in the decision  B 70  RELOC-02, RELOC-03
//! Granted ──paid──▶ Paid                                                               B 70  RELOC-02
//! ```
//! The window ([`Application::late`]) is measured on the day the application was made, not the day it is decided;
//! the rent compensation (`rent_b72`) is measured the same way. The order sets no time limit for the decision or
//! the payment (the payment is scheduled without a due date).
//!
//! Restoration petition, on its own (DEADLINE-03, DEADLINE-04):
//! ```text
//! New ──petition(included_on, evidence)──▶ Restored | Refused(restoration_late, restoration_no_evidence)  B 73.3, 73.4
//! ```
//! The applicant's notice says which: `notice_restoration_granted` or `notice_restoration_refused`.
//! The amount and the window come from `rules` (`p70_relocation_subsidy`, `p73_application_windows`); the
//! relocation amount per person is an unverified configurable value (XREF-02), and the decision says so.

use std::num::NonZeroU32;

use jiff::civil::Date;
use kz::Money;
use legal::{Act, LegalRef};
use rules::rules_b::p73_application_windows::RestorationPetition;
use rules::rules_b::{p70_relocation_subsidy, p73_application_windows};
use rules::{Outcome, RuleError};

use crate::machine::{Ctx, Effect, Grounds, Party, Rejected, Step, not_allowed};

pub const P70: LegalRef = LegalRef::new(Act::RulesB, "70");
pub const APP_15: LegalRef = LegalRef::new(Act::Order359, "app-15");

/// A reasoned refusal of the relocation subsidy on the conditions of p.70, which the order does not reproduce
/// (XREF-02): the reasons are stated in the decision.
pub const RELOCATION_CONDITIONS_NOT_MET: rules::Ground = rules::Ground {
    code: "relocation_conditions_not_met",
    basis: P70,
    requirement: "RELOC-03",
};
pub const P73_1: LegalRef = LegalRef::new(Act::RulesB, "73.1");
pub const P73_3: LegalRef = LegalRef::new(Act::RulesB, "73.3");
pub const P73_2: LegalRef = LegalRef::new(Act::RulesB, "73-2");

/// An application for material assistance as p.73 measures it: the day it was made, the day of inclusion in the
/// regional quota its six months run from, and the restoration petition filed with it, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Application {
    pub on: Date,
    pub included_on: Date,
    pub petition: Option<RestorationPetition>,
}

impl Application {
    /// The grounds on which the application is out of time (p.73 parts 1, 3 and 4), or `None` when it was made
    /// within the six months or is restored. Measured on the day it was made, not the day it is decided.
    pub fn late(&self, ctx: &Ctx<'_>) -> Result<Option<Grounds>, Rejected> {
        let window = p73_application_windows::material_assistance_application(
            ctx.params,
            ctx.calendar,
            self.included_on,
            self.on,
            self.petition,
        )
        .map_err(law)?;
        match window.outcome {
            Outcome::Granted(_) => Ok(None),
            Outcome::Refused(grounds) => Grounds::new(grounds).map(Some),
        }
    }
}

/// Rules B p.73-2: social assistance is assigned from the date of application, and the date of application is
/// the day the application and its documents were registered on the portal (DEADLINE-05, DEADLINE-06).
/// INTERPRETATION(B 73-2, social assistance): "social assistance" and "the portal" are not defined further
/// (AMB-33); this is the date any assistance the rules call social runs from.
pub fn social_assistance_from(registered_on_portal: Date) -> (Date, LegalRef) {
    (registered_on_portal, P73_2)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Relocation {
    New,
    /// Filed and awaiting the centre's decision.
    Applied {
        application: Application,
        persons: NonZeroU32,
    },
    Granted {
        amount: Money,
        on: Date,
    },
    Refused {
        grounds: Grounds,
    },
    Paid {
        amount: Money,
        on: Date,
    },
}

impl Relocation {
    pub fn key(&self) -> &'static str {
        match self {
            Relocation::New => "new",
            Relocation::Applied { .. } => "applied",
            Relocation::Granted { .. } => "granted",
            Relocation::Refused { .. } => "refused",
            Relocation::Paid { .. } => "paid",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RelocationEvent {
    Apply {
        included_on: Date,
        persons: NonZeroU32,
        petition: Option<RestorationPetition>,
    },
    /// The centre grants the subsidy (a late application not restored is refused instead, on its grounds).
    Grant,
    /// The centre refuses on the conditions of p.70, with reasons.
    Refuse,
    Paid,
}

impl RelocationEvent {
    pub fn key(&self) -> &'static str {
        match self {
            RelocationEvent::Apply { .. } => "apply",
            RelocationEvent::Grant => "grant",
            RelocationEvent::Refuse => "refuse",
            RelocationEvent::Paid => "paid",
        }
    }
}

fn law(e: RuleError) -> Rejected {
    Rejected::Law(e)
}

pub fn relocation(state: &Relocation, event: RelocationEvent, ctx: &Ctx<'_>) -> Result<Step<Relocation>, Rejected> {
    let today = ctx.today;
    match (state, event) {
        (
            Relocation::New,
            RelocationEvent::Apply {
                included_on,
                persons,
                petition,
            },
        ) => Ok(Step::new(
            Relocation::Applied {
                application: Application {
                    on: today,
                    included_on,
                    petition,
                },
                persons,
            },
            APP_15,
            &["RELOC-02"],
        )),
        (Relocation::Applied { application, persons }, RelocationEvent::Grant) => {
            if let Some(grounds) = application.late(ctx)? {
                return Ok(
                    Step::new(Relocation::Refused { grounds }, P73_1, &["RELOC-04", "DEADLINE-01"]).with(
                        Effect::Notify {
                            to: Party::Applicant,
                            message: "notice_relocation_refused",
                        },
                    ),
                );
            }
            let decision = p70_relocation_subsidy::relocation_subsidy(ctx.params, today, *persons).map_err(law)?;
            let amount = decision.amount().unwrap_or(Money::ZERO);
            Ok(Step::new(
                Relocation::Granted { amount, on: today },
                P70,
                &["RELOC-02", "RELOC-03", "RELOC-04"],
            )
            .with(Effect::IssueDocument { form: "app-15" })
            .with(Effect::SchedulePayment { by: None })
            .with(Effect::Notify {
                to: Party::Applicant,
                message: "notice_relocation_granted",
            }))
        }
        (Relocation::Applied { .. }, RelocationEvent::Refuse) => Ok(Step::new(
            Relocation::Refused {
                grounds: Grounds::new(vec![RELOCATION_CONDITIONS_NOT_MET])?,
            },
            P70,
            &["RELOC-02", "RELOC-03"],
        )
        .with(Effect::Notify {
            to: Party::Applicant,
            message: "notice_relocation_refused",
        })),
        (Relocation::Granted { amount, .. }, RelocationEvent::Paid) => Ok(Step::new(
            Relocation::Paid {
                amount: *amount,
                on: today,
            },
            P70,
            &["RELOC-02"],
        )),
        (
            Relocation::New
            | Relocation::Applied { .. }
            | Relocation::Granted { .. }
            | Relocation::Refused { .. }
            | Relocation::Paid { .. },
            event @ (RelocationEvent::Apply { .. }
            | RelocationEvent::Grant
            | RelocationEvent::Refuse
            | RelocationEvent::Paid),
        ) => not_allowed(state.key(), event.key()),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Restoration {
    New,
    /// The period is restored until the date; the application may now be made.
    Restored {
        until: Date,
    },
    Refused {
        grounds: Grounds,
    },
}

impl Restoration {
    pub fn key(&self) -> &'static str {
        match self {
            Restoration::New => "new",
            Restoration::Restored { .. } => "restored",
            Restoration::Refused { .. } => "refused",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RestorationEvent {
    Petition { included_on: Date, evidence: bool },
}

impl RestorationEvent {
    pub fn key(self) -> &'static str {
        match self {
            RestorationEvent::Petition { .. } => "petition",
        }
    }
}

pub fn restoration(state: &Restoration, event: RestorationEvent, ctx: &Ctx<'_>) -> Result<Step<Restoration>, Rejected> {
    let today = ctx.today;
    match (state, event) {
        (Restoration::New, RestorationEvent::Petition { included_on, evidence }) => {
            let petition = RestorationPetition {
                filed_on: today,
                evidence,
            };
            let window = p73_application_windows::material_assistance_application(
                ctx.params,
                ctx.calendar,
                included_on,
                today,
                Some(petition),
            )
            .map_err(law)?;
            let next = match window.outcome {
                Outcome::Granted(p73_application_windows::Timing::Restored { petition_until, .. }) => {
                    Restoration::Restored { until: petition_until }
                }
                // Still inside the six months: nothing to restore, the application can be made as it is.
                Outcome::Granted(p73_application_windows::Timing::InTime { deadline }) => {
                    Restoration::Restored { until: deadline }
                }
                Outcome::Refused(grounds) => Restoration::Refused {
                    grounds: Grounds::new(grounds)?,
                },
            };
            // The notice tells the petitioner the outcome, not only that the petition was considered.
            let notice = match next {
                Restoration::Refused { .. } => Effect::Notify {
                    to: Party::Applicant,
                    message: "notice_restoration_refused",
                },
                Restoration::New | Restoration::Restored { .. } => Effect::Notify {
                    to: Party::Applicant,
                    message: "notice_restoration_granted",
                },
            };
            Ok(Step::new(next, P73_3, &["DEADLINE-03", "DEADLINE-04"]).with(notice))
        }
        (Restoration::Restored { .. } | Restoration::Refused { .. }, event @ RestorationEvent::Petition { .. }) => {
            not_allowed(state.key(), event.key())
        }
    }
}
