//! Rules B p.71–72: compensation of rent and utilities, paid monthly for at most twelve months.
//!
//! ```text
//! New ──submit(included_on, petition?)──▶ Listed{forward_by = today + 2 wd, application}  B 72.2  RENT-04, RENT-05
//! Listed ──forward──────▶ UnderReview{application}                                 B 72.3  RENT-06
//! UnderReview ──grant───▶ Paying{months_paid = 0}, the application in time or restored  B 72.3, 71  RENT-01, RENT-06, RENT-19
//! UnderReview ──grant───▶ Refused(deadline grounds), late and not restored         B 73.1, 73.3, 73.4  RENT-19, DEADLINE-01
//! UnderReview ──refuse(exclusions)──▶ Refused                                      B 72.4, 72.5  RENT-07…10
//! Paying ──month_paid──▶ Paying{months_paid + 1} | Completed at the limit; its payment undated  B 71  RENT-01
//! Paying ──terminate(grounds 1–6)──▶ Terminated                                    B 72.6  RENT-11…16
//! Paying | Terminated | Completed ──overpaid(amount, path)──▶ RefundDue             B 72.7, 72.8  RENT-17, RENT-18
//! RefundDue ──refunded──▶ the state before (the overpayment settled)                B 72.8  RENT-18
//! ```
//! The compensation is material assistance (appendix 16: «Субсидиялар түрінде материалдық көмек тұрғын үйді жалдау
//! …»), so p.73 part 1 applies: it is given when applied for «өңірлік квотаға енгізілген сәттен бастап алты ай
//! мерзімнен кешіктірмей», restored on a petition under parts 3–4 (RENT-19). The window is measured on the day of
//! the application ([`Application`], shared with the relocation subsidy); the centre's grant of a late application not restored is the
//! refusal on its grounds.
//!
//! The monthly amount is `rules::rules_b::p71_rent_compensation::rent_compensation`; this machine keeps the
//! count of months against the limit in force (`rules-b.p71.rent_compensation`, `max_months`).
//!
//! INTERPRETATION(B 71, cap per case): the twelve months are the months paid on this case; the order says neither
//! whether they are consecutive nor from when they run (AMB-31 d).
//! INTERPRETATION(B 72.2, from application): the career centre's two working days to send the list run from the
//! day of the application; the order does not say from when (AMB-07).
//! INTERPRETATION(B 72.3, refusal grounds): the centre refuses only on the exclusions of p.72 parts 4–5 (and,
//! through a grant, on the window of p.73), although part 3 allows any refusal «себептерін дәлелді негіздей
//! отырып» (with reasons given); no other ground is enumerated in the order (AMB-32).
//! INTERPRETATION(B 72.7, refund blocks payments): while an overpayment is to be refunded no further month is
//! paid; the order says overpaid subsidies «қайтаруға жатады», not whether payments wait for the refund.

use jiff::civil::Date;
use legal::{Act, LegalRef, TimeLimitId};
use rules::Ground;
use rules::rules_b::p71_rent_compensation::{RentExclusion, RentTermination};
use rules::rules_b::p73_application_windows::RestorationPetition;

use crate::machine::{Ctx, Deadline, Effect, Grounds, Party, Rejected, Step, not_allowed};
use crate::material_b73::Application;

pub const P71: LegalRef = LegalRef::new(Act::RulesB, "71");
pub const P72_2: LegalRef = LegalRef::new(Act::RulesB, "72.2");
pub const P72_3: LegalRef = LegalRef::new(Act::RulesB, "72.3");
pub const P72_4: LegalRef = LegalRef::new(Act::RulesB, "72.4");
pub const P72_6: LegalRef = LegalRef::new(Act::RulesB, "72.6");
pub const P72_7: LegalRef = LegalRef::new(Act::RulesB, "72.7");
pub const P72_8: LegalRef = LegalRef::new(Act::RulesB, "72.8");
pub const P73_1: LegalRef = LegalRef::new(Act::RulesB, "73.1");

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
        application: Application,
    },
    UnderReview {
        application: Application,
    },
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
            State::UnderReview { .. } => "under_review",
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
    /// The application (appendix 13) with the day of inclusion in the regional quota and a restoration petition
    /// filed with it, if any.
    Submit {
        included_on: Date,
        petition: Option<RestorationPetition>,
    },
    Forward,
    Grant,
    Refuse {
        exclusions: Vec<RentExclusion>,
    },
    MonthPaid,
    Terminate {
        grounds: Vec<RentTermination>,
    },
    Overpaid {
        amount: kz::Money,
        path: RefundPath,
    },
    Refunded,
}

impl Event {
    pub fn key(&self) -> &'static str {
        match self {
            Event::Submit { .. } => "submit",
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
        (State::New, Event::Submit { included_on, petition }) => {
            let forward_by = ctx.due(TimeLimitId::RentListForward, today)?;
            let application = Application {
                on: today,
                included_on,
                petition,
            };
            Ok(Step::new(
                State::Listed {
                    forward_by,
                    application,
                },
                P72_2,
                &["RENT-04", "RENT-05"],
            ))
        }
        (State::Listed { application, .. }, Event::Forward) => Ok(Step::new(
            State::UnderReview {
                application: *application,
            },
            P72_3,
            &["RENT-06"],
        )
        .with(Effect::Forward {
            to: Party::LabourMobilityCentre,
        })),
        (State::UnderReview { application }, Event::Grant) => {
            if let Some(grounds) = application.late(ctx)? {
                return Ok(
                    Step::new(State::Refused { grounds }, P73_1, &["RENT-19", "DEADLINE-01"]).with(Effect::Notify {
                        to: Party::Applicant,
                        message: "notice_rent_refused",
                    }),
                );
            }
            Ok(Step::new(
                State::Paying { months_paid: 0 },
                P72_3,
                &["RENT-01", "RENT-06", "RENT-19"],
            )
            .with(Effect::IssueDocument { form: "app-16" })
            .with(Effect::Notify {
                to: Party::Applicant,
                message: "notice_rent_granted",
            }))
        }
        (State::UnderReview { .. }, Event::Refuse { exclusions }) => {
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
            | State::UnderReview { .. }
            | State::Paying { .. }
            | State::Refused { .. }
            | State::Terminated { .. }
            | State::Completed { .. }
            | State::RefundDue { .. },
            event @ (Event::Submit { .. }
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
