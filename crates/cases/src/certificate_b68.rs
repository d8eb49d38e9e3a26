//! Rules B p.68–69: the payment under the economic mobility certificate.
//!
//! ```text
//! New ──submit──────────▶ Registered{forward_by = today + 3 wd}                 B 68.7   EMC-12, EMC-13
//! Registered ──forward──▶ UnderReview{decide_by = today + 3 wd}                 B 68.13  EMC-19
//! Registered | UnderReview ──site_visit──▶ (same state, visit ordered)          B 68.8   EMC-14
//! Registered ──appraisal_contested──▶ Suspended{Check, remaining working days}   B 68.12  EMC-18
//! UnderReview ──appraisal_contested──▶ Suspended{Decision, remaining}            B 68.12  EMC-18
//! Suspended{Check} ──appraisal_resolved──▶ Registered{forward_by = today + remaining}    B 68.12  EMC-18
//! Suspended{Decision} ──appraisal_resolved──▶ UnderReview{decide_by = today + remaining}  B 68.12  EMC-18
//! UnderReview ──approve(amount)──▶ Approved{transfer_by = today + 2 wd}         B 68.13, 69  EMC-19, EMC-25
//! UnderReview ──refuse(grounds 1–5)──▶ Refused                                  B 68.14  EMC-20…24
//! Approved ──transferred──▶ Paid                                                B 69     EMC-25
//! ```
//!
//! A suit contesting the appraisal stops the time limits of considering the application (p.68 part 12:
//! «…төлеу туралы өтінішті қарау мерзімдерін тоқтата тұрады», plural): the career centre's check and forwarding
//! (part 7) while it runs, the centre's decision (part 13) while that runs. Resuming gives back exactly the
//! working days that were left, counted again on the calendar from the day the dispute ends. Once the payment is
//! decided the suit stops nothing: p.69's two working days to transfer follow the decision, not the application's
//! consideration.
//!
//! INTERPRETATION(B 68.13, from forwarding): the centre's three working days «өтініш қабылданған күннен бастап»
//! run from the day the career centre forwards the application (AMB-27: accepted = received by the centre).
//! INTERPRETATION(B 68.8, site visit): a site visit ordered by the centre does not extend its three working days;
//! the order does not say that it does (AMB-28).

use calendar::WorkingDays;
use jiff::civil::Date;
use kz::Money;
use legal::{Act, LegalRef, TimeLimitId};
use rules::Ground;
use rules::rules_b::p67_certificate::CertificateRefusal;

use crate::machine::{Ctx, Deadline, Effect, Grounds, Party, Rejected, Step, not_allowed};

pub const P68_7: LegalRef = LegalRef::new(Act::RulesB, "68.7");
pub const P68_8: LegalRef = LegalRef::new(Act::RulesB, "68.8");
pub const P68_12: LegalRef = LegalRef::new(Act::RulesB, "68.12");
pub const P68_13: LegalRef = LegalRef::new(Act::RulesB, "68.13");
pub const P68_14: LegalRef = LegalRef::new(Act::RulesB, "68.14");
pub const P69: LegalRef = LegalRef::new(Act::RulesB, "69");

/// The time limit of considering the application that a suit stopped (p.68 part 12).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// The career centre's check and forwarding (p.68 part 7).
    Check,
    /// The Labour Mobility Centre's decision (p.68 part 13).
    Decision,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    New,
    Registered {
        forward_by: Deadline,
        site_visit: bool,
    },
    UnderReview {
        decide_by: Deadline,
        site_visit: bool,
    },
    /// A clock of considering the application stopped by a suit contesting the appraisal, with what was left of it.
    Suspended {
        clock: Clock,
        remaining: WorkingDays,
        since: Date,
        site_visit: bool,
    },
    Approved {
        amount: Money,
        transfer_by: Deadline,
    },
    Refused {
        grounds: Grounds,
    },
    Paid {
        amount: Money,
        on: Date,
    },
}

impl State {
    pub fn key(&self) -> &'static str {
        match self {
            State::New => "new",
            State::Registered { .. } => "registered",
            State::UnderReview { .. } => "under_review",
            State::Suspended { .. } => "suspended",
            State::Approved { .. } => "approved",
            State::Refused { .. } => "refused",
            State::Paid { .. } => "paid",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Submit,
    Forward,
    SiteVisit,
    AppraisalContested,
    AppraisalResolved,
    /// The amount comes from `rules::rules_b::p67_certificate::certificate_payment`.
    Approve {
        amount: Money,
    },
    Refuse {
        grounds: Vec<CertificateRefusal>,
    },
    Transferred,
}

impl Event {
    pub fn key(&self) -> &'static str {
        match self {
            Event::Submit => "submit",
            Event::Forward => "forward",
            Event::SiteVisit => "site_visit",
            Event::AppraisalContested => "appraisal_contested",
            Event::AppraisalResolved => "appraisal_resolved",
            Event::Approve { .. } => "approve",
            Event::Refuse { .. } => "refuse",
            Event::Transferred => "transferred",
        }
    }
}

/// A site visit ordered (p.68 part 8): the case stays where it is, with the visit recorded.
fn site_visit(next: State) -> Step<State> {
    Step::new(next, P68_8, &["EMC-14"]).with(Effect::Notify {
        to: Party::CareerCentre,
        message: "notice_emc_site_visit",
    })
}

/// A suit contesting the appraisal stops `clock`, keeping the working days left until `running`.
fn suspend(clock: Clock, running: &Deadline, site_visit: bool, ctx: &Ctx<'_>) -> Result<Step<State>, Rejected> {
    let remaining = ctx.remaining(running)?;
    Ok(Step::new(
        State::Suspended {
            clock,
            remaining,
            since: ctx.today,
            site_visit,
        },
        P68_12,
        &["EMC-18"],
    ))
}

pub fn step(state: &State, event: Event, ctx: &Ctx<'_>) -> Result<Step<State>, Rejected> {
    let today = ctx.today;
    match (state, event) {
        (State::New, Event::Submit) => {
            let forward_by = ctx.due(TimeLimitId::EmcCheckAndForward, today)?;
            Ok(Step::new(
                State::Registered {
                    forward_by,
                    site_visit: false,
                },
                P68_7,
                &["EMC-12", "EMC-13"],
            ))
        }
        (State::Registered { site_visit, .. }, Event::Forward) => {
            let decide_by = ctx.due(TimeLimitId::EmcDecision, today)?;
            Ok(Step::new(
                State::UnderReview {
                    decide_by,
                    site_visit: *site_visit,
                },
                P68_13,
                &["EMC-13", "EMC-19"],
            )
            .with(Effect::Forward {
                to: Party::LabourMobilityCentre,
            }))
        }
        (State::Registered { forward_by, .. }, Event::SiteVisit) => Ok(site_visit(State::Registered {
            forward_by: forward_by.clone(),
            site_visit: true,
        })),
        (State::UnderReview { decide_by, .. }, Event::SiteVisit) => Ok(site_visit(State::UnderReview {
            decide_by: decide_by.clone(),
            site_visit: true,
        })),
        (State::Registered { forward_by, site_visit }, Event::AppraisalContested) => {
            suspend(Clock::Check, forward_by, *site_visit, ctx)
        }
        (State::UnderReview { decide_by, site_visit }, Event::AppraisalContested) => {
            suspend(Clock::Decision, decide_by, *site_visit, ctx)
        }
        (
            State::Suspended {
                clock,
                remaining,
                site_visit,
                ..
            },
            Event::AppraisalResolved,
        ) => {
            let next = match clock {
                Clock::Check => State::Registered {
                    forward_by: ctx.resume(TimeLimitId::EmcCheckAndForward, *remaining)?,
                    site_visit: *site_visit,
                },
                Clock::Decision => State::UnderReview {
                    decide_by: ctx.resume(TimeLimitId::EmcDecision, *remaining)?,
                    site_visit: *site_visit,
                },
            };
            Ok(Step::new(next, P68_12, &["EMC-18"]))
        }
        (State::UnderReview { .. }, Event::Approve { amount }) => {
            let transfer_by = ctx.due(TimeLimitId::EmcTransfer, today)?;
            let by = transfer_by.due;
            Ok(
                Step::new(State::Approved { amount, transfer_by }, P68_13, &["EMC-19", "EMC-25"])
                    .with(Effect::IssueDocument { form: "app-14" })
                    .with(Effect::SchedulePayment { by: Some(by) })
                    .with(Effect::Notify {
                        to: Party::Applicant,
                        message: "notice_emc_approved",
                    }),
            )
        }
        (State::UnderReview { .. }, Event::Refuse { grounds }) => {
            let grounds: Vec<Ground> = grounds.into_iter().map(CertificateRefusal::ground).collect();
            Ok(Step::new(
                State::Refused {
                    grounds: Grounds::new(grounds)?,
                },
                P68_14,
                &["EMC-20", "EMC-21", "EMC-22", "EMC-23", "EMC-24"],
            )
            .with(Effect::IssueDocument { form: "app-17" })
            .with(Effect::Notify {
                to: Party::Applicant,
                message: "notice_emc_refused",
            }))
        }
        (State::Approved { amount, .. }, Event::Transferred) => Ok(Step::new(
            State::Paid {
                amount: *amount,
                on: today,
            },
            P69,
            &["EMC-25"],
        )),
        (
            State::New
            | State::Registered { .. }
            | State::UnderReview { .. }
            | State::Suspended { .. }
            | State::Approved { .. }
            | State::Refused { .. }
            | State::Paid { .. },
            event @ (Event::Submit
            | Event::Forward
            | Event::SiteVisit
            | Event::AppraisalContested
            | Event::AppraisalResolved
            | Event::Approve { .. }
            | Event::Refuse { .. }
            | Event::Transferred),
        ) => not_allowed(state.key(), event.key()),
    }
}
