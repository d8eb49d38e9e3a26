//! An employer's participation and the employment subsidy (order No. 359 appendices 7 and 8; Rules B p.36,
//! whose text the order does not reproduce, XREF-02).
//!
//! ```text
//! New ──apply(workers)──────▶ Applied                                      app-7   EMP-01, EMP-05
//! Applied ──grant───────────▶ Granted{amount, keep_until = hired + 2 or 5 years}  app-7  EMP-02, EMP-06
//! Applied ──refuse──────────▶ Refused                                      app-7   EMP-06
//! Applied ──grant_housing(amount)──▶ Granted (part of the housing expenses)  app-9  EMP-07
//! Granted ──paid────────────▶ Paid (to the employer's current account)     app-8, app-9  EMP-08
//! ```
//! The part of the housing expenses compensated (Rules B p.36 sub-paragraph 2), XREF-02) has no amount in the
//! order: it is the amount the centre decides, taken as given.
//! The amount is `rules::rules_b::p36_employer_subsidy::employer_subsidy` (400 MCI per employed participant: a
//! configurable value marked unverified, p.36 not being in the order, and "per worker" a reading);
//! the employer undertakes permanent employment for at least two or five years (the limits
//! `employer_employment_short` and `employer_employment_long`).
//!
//! INTERPRETATION(app-7, from hiring): the two or five years run from the day the participant was hired; the
//! request form does not say from when, nor which of the two periods applies (AMB-42: the employer's choice is
//! taken as given).

use std::num::NonZeroU32;

use jiff::civil::Date;
use kz::Money;
use legal::{Act, LegalRef, TimeLimitId};
use rules::rules_b::p36_employer_subsidy;

use crate::machine::{Ctx, Deadline, Effect, Party, Rejected, Step, not_allowed};

pub const APP_7: LegalRef = LegalRef::new(Act::Order359, "app-7");
pub const APP_8: LegalRef = LegalRef::new(Act::Order359, "app-8");
pub const APP_9: LegalRef = LegalRef::new(Act::Order359, "app-9");

/// The employment term the employer undertakes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term {
    TwoYears,
    FiveYears,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    New,
    Applied {
        workers: NonZeroU32,
        hired_on: Date,
        term: Term,
    },
    Granted {
        amount: Money,
        keep_until: Deadline,
    },
    Refused {
        on: Date,
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
            State::Applied { .. } => "applied",
            State::Granted { .. } => "granted",
            State::Refused { .. } => "refused",
            State::Paid { .. } => "paid",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    Apply {
        workers: NonZeroU32,
        hired_on: Date,
        term: Term,
    },
    Grant,
    GrantHousing {
        amount: Money,
    },
    Refuse,
    Paid,
}

impl Event {
    pub fn key(self) -> &'static str {
        match self {
            Event::Apply { .. } => "apply",
            Event::Grant => "grant",
            Event::GrantHousing { .. } => "grant_housing",
            Event::Refuse => "refuse",
            Event::Paid => "paid",
        }
    }
}

pub fn step(state: &State, event: Event, ctx: &Ctx<'_>) -> Result<Step<State>, Rejected> {
    let today = ctx.today;
    match (state, event) {
        (
            State::New,
            Event::Apply {
                workers,
                hired_on,
                term,
            },
        ) => Ok(Step::new(
            State::Applied {
                workers,
                hired_on,
                term,
            },
            APP_7,
            &["EMP-01", "EMP-05"],
        )),
        (
            State::Applied {
                workers,
                hired_on,
                term,
            },
            Event::Grant,
        ) => {
            let decision =
                p36_employer_subsidy::employer_subsidy(ctx.params, today, *workers).map_err(Rejected::Law)?;
            let amount = decision.amount().unwrap_or(Money::ZERO);
            let limit = match term {
                Term::TwoYears => TimeLimitId::EmployerEmploymentShort,
                Term::FiveYears => TimeLimitId::EmployerEmploymentLong,
            };
            let keep_until = ctx.due(limit, *hired_on)?;
            Ok(
                Step::new(State::Granted { amount, keep_until }, APP_7, &["EMP-02", "EMP-06"])
                    .with(Effect::IssueDocument { form: "app-8" })
                    .with(Effect::SchedulePayment { by: None })
                    .with(Effect::Notify {
                        to: Party::Employer,
                        message: "notice_employer_subsidy_granted",
                    }),
            )
        }
        (State::Applied { hired_on, term, .. }, Event::GrantHousing { amount }) => {
            let limit = match term {
                Term::TwoYears => TimeLimitId::EmployerEmploymentShort,
                Term::FiveYears => TimeLimitId::EmployerEmploymentLong,
            };
            let keep_until = ctx.due(limit, *hired_on)?;
            Ok(Step::new(State::Granted { amount, keep_until }, APP_9, &["EMP-07"])
                .with(Effect::IssueDocument { form: "app-9" })
                .with(Effect::SchedulePayment { by: None })
                .with(Effect::Notify {
                    to: Party::Employer,
                    message: "notice_employer_housing_granted",
                }))
        }
        (State::Applied { .. }, Event::Refuse) => Ok(Step::new(State::Refused { on: today }, APP_7, &["EMP-06"]).with(
            Effect::Notify {
                to: Party::Employer,
                message: "notice_employer_subsidy_refused",
            },
        )),
        (State::Granted { amount, .. }, Event::Paid) => Ok(Step::new(
            State::Paid {
                amount: *amount,
                on: today,
            },
            APP_8,
            &["EMP-08"],
        )),
        (
            State::New | State::Applied { .. } | State::Granted { .. } | State::Refused { .. } | State::Paid { .. },
            event @ (Event::Apply { .. } | Event::Grant | Event::GrantHousing { .. } | Event::Refuse | Event::Paid),
        ) => not_allowed(state.key(), event.key()),
    }
}
