//! Rules B p.71–72: compensation of rent and utilities, paid monthly for at most twelve months.
//!
//! ```text
//! New ──submit──────────▶ Listed{forward_by = today + 2 wd}                B 72.2  RENT-04, RENT-05
//! Listed ──forward──────▶ UnderReview                                      B 72.3  RENT-06
//! UnderReview ──grant───▶ Paying{months_paid = 0}                          B 72.3, 71  RENT-01, RENT-06
//! UnderReview ──refuse(exclusions)──▶ Refused                              B 72.4, 72.5  RENT-07…10
//! Paying ──month_paid──▶ Paying{months_paid + 1} | Completed at the limit  B 71    RENT-01
//! Paying ──terminate(grounds 1–6)──▶ Terminated                            B 72.6  RENT-11…16
//! Paying | Terminated | Completed ──overpaid(amount, path)──▶ RefundDue     B 72.7, 72.8  RENT-17, RENT-18
//! RefundDue ──refunded──▶ the state before (the overpayment settled)        B 72.8  RENT-18
//! ```
//! The monthly amount is `rules::rules_b::p71_rent_compensation::rent_compensation`; this machine keeps the
//! count of months against the limit in force (`rules-b.p71.rent_compensation`, `max_months`).

use jiff::civil::Date;
use legal::{Act, LegalRef, TimeLimitId};
use rules::Ground;
use rules::rules_b::p71_rent_compensation::{RentExclusion, RentTermination};

use crate::machine::{Ctx, Deadline, Effect, Grounds, Party, Rejected, Step, not_allowed};

pub const P71: LegalRef = LegalRef::new(Act::RulesB, "71");
pub const P72_2: LegalRef = LegalRef::new(Act::RulesB, "72.2");
pub const P72_3: LegalRef = LegalRef::new(Act::RulesB, "72.3");
pub const P72_4: LegalRef = LegalRef::new(Act::RulesB, "72.4");
pub const P72_6: LegalRef = LegalRef::new(Act::RulesB, "72.6");
pub const P72_7: LegalRef = LegalRef::new(Act::RulesB, "72.7");
pub const P72_8: LegalRef = LegalRef::new(Act::RulesB, "72.8");

/// How an overpayment is recovered (p.72 part 8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefundPath {
    /// On the recipient's own application (AMB-36).
    Application,
    LabourMobilityCentreDecision,
    CourtDecision,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    New,
    Listed {
        forward_by: Deadline,
    },
    UnderReview,
    Paying {
        months_paid: u8,
    },
    Refused {
        grounds: Grounds,
    },
    Terminated {
        grounds: Grounds,
        months_paid: u8,
    },
    Completed {
        months_paid: u8,
    },
    /// Subsidies paid beyond what was due are to be refunded; `then` is where the case returns when they are.
    RefundDue {
        amount: kz::Money,
        path: RefundPath,
        then: Box<State>,
    },
}

impl State {
    pub fn key(&self) -> &'static str {
        match self {
            State::New => "new",
            State::Listed { .. } => "listed",
            State::UnderReview => "under_review",
            State::Paying { .. } => "paying",
            State::Refused { .. } => "refused",
            State::Terminated { .. } => "terminated",
            State::Completed { .. } => "completed",
            State::RefundDue { .. } => "refund_due",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Submit,
    Forward,
    Grant,
    Refuse { exclusions: Vec<RentExclusion> },
    MonthPaid,
    Terminate { grounds: Vec<RentTermination> },
    Overpaid { amount: kz::Money, path: RefundPath },
    Refunded,
}

impl Event {
    pub fn key(&self) -> &'static str {
        match self {
            Event::Submit => "submit",
            Event::Forward => "forward",
            Event::Grant => "grant",
            Event::Refuse { .. } => "refuse",
            Event::MonthPaid => "month_paid",
            Event::Terminate { .. } => "terminate",
            Event::Overpaid { .. } => "overpaid",
            Event::Refunded => "refunded",
        }
    }
}

fn max_months(ctx: &Ctx<'_>, on: Date) -> Result<u8, Rejected> {
    let edition = ctx.params.rent.at(on).map_err(|e| Rejected::Law(e.into()))?;
    Ok(edition.value.max_months())
}

pub fn step(state: &State, event: Event, ctx: &Ctx<'_>) -> Result<Step<State>, Rejected> {
    let today = ctx.today;
    match (state, event) {
        (State::New, Event::Submit) => {
            let forward_by = ctx.due(TimeLimitId::RentListForward, today)?;
            Ok(Step::new(State::Listed { forward_by }, P72_2, &["RENT-04", "RENT-05"]))
        }
        (State::Listed { .. }, Event::Forward) => Ok(Step::new(State::UnderReview, P72_3, &["RENT-06"]).with(
            Effect::Forward {
                to: Party::LabourMobilityCentre,
            },
        )),
        (State::UnderReview, Event::Grant) => {
            Ok(
                Step::new(State::Paying { months_paid: 0 }, P72_3, &["RENT-01", "RENT-06"])
                    .with(Effect::IssueDocument { form: "app-16" })
                    .with(Effect::Notify {
                        to: Party::Applicant,
                        message: "notice_rent_granted",
                    }),
            )
        }
        (State::UnderReview, Event::Refuse { exclusions }) => {
            let grounds: Vec<Ground> = exclusions.into_iter().map(RentExclusion::ground).collect();
            Ok(Step::new(
                State::Refused {
                    grounds: Grounds::new(grounds)?,
                },
                P72_4,
                &["RENT-07", "RENT-08", "RENT-09", "RENT-10"],
            )
            .with(Effect::Notify {
                to: Party::Applicant,
                message: "notice_rent_refused",
            }))
        }
        (State::Paying { months_paid }, Event::MonthPaid) => {
            let paid = months_paid.saturating_add(1);
            let next = if paid >= max_months(ctx, today)? {
                State::Completed { months_paid: paid }
            } else {
                State::Paying { months_paid: paid }
            };
            Ok(Step::new(next, P71, &["RENT-01"]).with(Effect::SchedulePayment { by: None }))
        }
        (State::Paying { months_paid }, Event::Terminate { grounds }) => {
            let grounds: Vec<Ground> = grounds.into_iter().map(RentTermination::ground).collect();
            Ok(Step::new(
                State::Terminated {
                    grounds: Grounds::new(grounds)?,
                    months_paid: *months_paid,
                },
                P72_6,
                &["RENT-11", "RENT-12", "RENT-13", "RENT-14", "RENT-15", "RENT-16"],
            )
            .with(Effect::Notify {
                to: Party::Applicant,
                message: "notice_rent_terminated",
            }))
        }
        (
            State::Paying { .. } | State::Terminated { .. } | State::Completed { .. },
            Event::Overpaid { amount, path },
        ) => Ok(Step::new(
            State::RefundDue {
                amount,
                path,
                then: Box::new(state.clone()),
            },
            P72_7,
            &["RENT-17", "RENT-18"],
        )
        .with(Effect::Notify {
            to: Party::Applicant,
            message: "notice_rent_refund_due",
        })),
        (State::RefundDue { then, .. }, Event::Refunded) => Ok(Step::new((**then).clone(), P72_8, &["RENT-18"])),
        (
            State::New
            | State::Listed { .. }
            | State::UnderReview
            | State::Paying { .. }
            | State::Refused { .. }
            | State::Terminated { .. }
            | State::Completed { .. }
            | State::RefundDue { .. },
            event @ (Event::Submit
            | Event::Forward
            | Event::Grant
            | Event::Refuse { .. }
            | Event::MonthPaid
            | Event::Terminate { .. }
            | Event::Overpaid { .. }
            | Event::Refunded),
        ) => not_allowed(state.key(), event.key()),
    }
}
