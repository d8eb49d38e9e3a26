//! What every case machine shares: the context a step runs in, deadlines, effects, the step itself and the
//! rejection of an event a state does not accept.

use calendar::Calendar;
use jiff::civil::Date;
use legal::{LegalRef, Params, TimeLimitId};
use rules::time_limits;
use rules::{Ground, RuleError};

/// What a transition may read: the day it happens and the law. Never the clock, never a database.
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    pub today: Date,
    pub params: &'a Params,
    pub calendar: &'a Calendar,
}

impl Ctx<'_> {
    /// The due date of a named time limit counted from `from`, with the calendar edition it was computed on and
    /// the point of law that sets the limit (from `law/params`, never typed here).
    pub fn due(&self, limit: TimeLimitId, from: Date) -> Result<Deadline, Rejected> {
        let due = time_limits::due(self.params, self.calendar, limit, from).map_err(Rejected::Law)?;
        Ok(Deadline {
            limit,
            from,
            due: due.due,
            calendar_edition: due.calendar_edition,
            basis: basis_of(self.params, limit, from)?,
            skipped: due.skipped.into_iter().map(|d| d.date).collect(),
            resumed_with: None,
        })
    }

    /// `n` working days from today (a suspended clock resumed with what was left of it).
    pub fn resume(&self, limit: TimeLimitId, remaining: calendar::WorkingDays) -> Result<Deadline, Rejected> {
        let d = self
            .calendar
            .add_working_days(self.today, remaining)
            .map_err(|e| Rejected::Law(RuleError::Calendar(e)))?;
        Ok(Deadline {
            limit,
            from: self.today,
            due: d.due,
            calendar_edition: Some(d.edition),
            basis: basis_of(self.params, limit, self.today)?,
            skipped: d.skipped.into_iter().map(|s| s.date).collect(),
            resumed_with: Some(remaining),
        })
    }

    /// The same deadline counted again from its start under this context's law (a changed calendar moves a
    /// running deadline).
    pub fn recount(&self, deadline: &Deadline) -> Result<Deadline, Rejected> {
        match deadline.resumed_with {
            None => self.due(deadline.limit, deadline.from),
            Some(n) => Ctx {
                today: deadline.from,
                ..*self
            }
            .resume(deadline.limit, n),
        }
    }

    /// Working days left until `deadline`, counted from today (zero when it has passed).
    pub fn remaining(&self, deadline: &Deadline) -> Result<calendar::WorkingDays, Rejected> {
        let n = self
            .calendar
            .working_days_between(self.today, deadline.due)
            .map_err(|e| Rejected::Law(RuleError::Calendar(e)))?;
        Ok(calendar::WorkingDays::new(u16::try_from(n.max(0)).unwrap_or(u16::MAX)))
    }
}

/// The reference of the edition of `limit` in force on `on`.
fn basis_of(params: &Params, limit: TimeLimitId, on: Date) -> Result<LegalRef, Rejected> {
    let edition = params
        .time_limit(limit)
        .history
        .at(on)
        .map_err(|e| Rejected::Law(RuleError::from(e)))?;
    Ok(edition.reference.legal.clone())
}

/// A due date as stored on the case: the limit, where it was counted from, the date, the calendar edition it
/// was counted on, the point of law that sets it and the non-working days it skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    pub limit: TimeLimitId,
    /// Day 0 of the count.
    pub from: Date,
    pub due: Date,
    /// `None` for limits in calendar days, months or years (the civil calendar has no editions).
    pub calendar_edition: Option<String>,
    /// The point of law of the time limit's edition in force on `from` (`law/params/time-limits.toml`).
    pub basis: LegalRef,
    /// Non-working days between `from` and `due` that the count skipped (working-day limits only).
    pub skipped: Vec<Date>,
    /// For a suspended clock resumed on `from`: the working days that were left. `None`: the limit's own length.
    pub resumed_with: Option<calendar::WorkingDays>,
}

/// Who an effect is addressed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    Applicant,
    StateCorporation,
    CareerCentre,
    ServiceProvider,
    LabourMobilityCentre,
    AppealBody,
    Employer,
}

impl Party {
    pub fn key(self) -> &'static str {
        match self {
            Party::Applicant => "applicant",
            Party::StateCorporation => "state_corporation",
            Party::CareerCentre => "career_centre",
            Party::ServiceProvider => "service_provider",
            Party::LabourMobilityCentre => "labour_mobility_centre",
            Party::AppealBody => "appeal_body",
            Party::Employer => "employer",
        }
    }
}

/// What a step asks the application to do once the store has committed it. Descriptions, not actions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// A notice to a party; `message` is a catalog key.
    Notify { to: Party, message: &'static str },
    /// Hand the case to another body.
    Forward { to: Party },
    /// Take places of the regional quota (in the same transaction as the decision).
    AllocateQuota,
    /// Give the places back.
    ReleaseQuota,
    /// A payment to be made: `by` is the due date the order sets for it (the certificate's two working days of
    /// p.69), `None` where the order sets none (the relocation subsidy, the employer's subsidies, a month of rent).
    SchedulePayment { by: Option<Date> },
    /// A document of the order's appendices to be issued (e.g. `app-5`).
    IssueDocument { form: &'static str },
}

/// A transition that happened: the next state, what to do after commit, and why it was allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step<S> {
    pub next: S,
    pub effects: Vec<Effect>,
    pub basis: LegalRef,
    pub requirements: &'static [&'static str],
}

impl<S> Step<S> {
    pub fn new(next: S, basis: LegalRef, requirements: &'static [&'static str]) -> Step<S> {
        Step {
            next,
            effects: Vec::new(),
            basis,
            requirements,
        }
    }

    pub fn with(mut self, effect: Effect) -> Step<S> {
        self.effects.push(effect);
        self
    }
}

/// An event the case cannot take now. A refusal on the merits is not this: it is a state with its grounds.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejected {
    #[error("{event} is not possible while the case is {state}")]
    NotAllowed { state: &'static str, event: &'static str },
    /// A refusal needs at least one of its enumerated grounds.
    #[error("a refusal needs its grounds")]
    NoGrounds,
    /// The state takes the event, but a condition the law sets for it does not hold (`code` says which).
    #[error("{code}")]
    Unmet { code: &'static str },
    /// The law on that date is not known (no edition of a time limit), or the calendar does not cover it.
    #[error(transparent)]
    Law(RuleError),
}

impl Rejected {
    pub const CODES: &'static [&'static str] = &[
        "event_not_allowed",
        "refusal_without_grounds",
        "commission_not_recorded",
        "commission_recommends_otherwise",
        "commission_decided_otherwise",
        "commission_of_another_body",
        "commission_date_in_future",
        "revocation_not_provided",
    ];

    pub fn code(&self) -> &'static str {
        match self {
            Rejected::NotAllowed { .. } => "event_not_allowed",
            Rejected::NoGrounds => "refusal_without_grounds",
            Rejected::Unmet { code } => code,
            Rejected::Law(e) => e.code(),
        }
    }
}

/// The shortcut every machine uses for an event its state does not take.
pub(crate) fn not_allowed<T>(state: &'static str, event: &'static str) -> Result<T, Rejected> {
    Err(Rejected::NotAllowed { state, event })
}

/// Grounds of a refusal, never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grounds(Vec<Ground>);

impl Grounds {
    pub fn new(grounds: Vec<Ground>) -> Result<Grounds, Rejected> {
        if grounds.is_empty() {
            Err(Rejected::NoGrounds)
        } else {
            Ok(Grounds(grounds))
        }
    }

    pub fn as_slice(&self) -> &[Ground] {
        &self.0
    }
}
