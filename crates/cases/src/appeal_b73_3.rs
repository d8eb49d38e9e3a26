//! Rules B p.73-3: a complaint against a Labour Mobility Centre or an official, under the Administrative
//! Procedural and Process Code art. 91 (XREF-07).
//!
//! ```text
//! New ──file──────────────▶ Filed{forward_by, remedy_by = today + 3 wd}  B 73-3.2, 73-3.3  APPEAL-01…03
//! Filed ──remedy, until remedy_by──▶ Remedied (satisfied in full, not forwarded)  B 73-3.4  APPEAL-04
//! Filed ──forward─────────▶ UnderConsideration{decide_by = + 5 wd}     B 73-3.3, 73-3.5  APPEAL-03, APPEAL-05
//! UnderConsideration ──uphold───▶ Upheld                               B 73-3.5  APPEAL-05
//! UnderConsideration ──dismiss──▶ Dismissed (court open after, 73-3.6) B 73-3.5, 73-3.6  APPEAL-05, APPEAL-06
//! ```
//! INTERPRETATION(73-3.5): the five working days run from registration with the body that considers the
//! complaint, which is the day it is forwarded.

use jiff::civil::Date;
use legal::{Act, LegalRef, TimeLimitId};

use crate::machine::{Ctx, Deadline, Effect, Party, Rejected, Step, not_allowed};

pub const P73_3_2: LegalRef = LegalRef::new(Act::RulesB, "73-3.2");
pub const P73_3_3: LegalRef = LegalRef::new(Act::RulesB, "73-3.3");
pub const P73_3_4: LegalRef = LegalRef::new(Act::RulesB, "73-3.4");
pub const P73_3_5: LegalRef = LegalRef::new(Act::RulesB, "73-3.5");
pub const P73_3_6: LegalRef = LegalRef::new(Act::RulesB, "73-3.6");

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    New,
    Filed {
        on: Date,
        forward_by: Deadline,
        remedy_by: Deadline,
    },
    Remedied {
        on: Date,
    },
    UnderConsideration {
        decide_by: Deadline,
    },
    Upheld {
        on: Date,
    },
    Dismissed {
        on: Date,
    },
}

impl State {
    pub fn key(&self) -> &'static str {
        match self {
            State::New => "new",
            State::Filed { .. } => "filed",
            State::Remedied { .. } => "remedied",
            State::UnderConsideration { .. } => "under_consideration",
            State::Upheld { .. } => "upheld",
            State::Dismissed { .. } => "dismissed",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    File,
    Remedy,
    Forward,
    Uphold,
    Dismiss,
}

impl Event {
    pub fn key(self) -> &'static str {
        match self {
            Event::File => "file",
            Event::Remedy => "remedy",
            Event::Forward => "forward",
            Event::Uphold => "uphold",
            Event::Dismiss => "dismiss",
        }
    }
}

pub fn step(state: &State, event: Event, ctx: &Ctx<'_>) -> Result<Step<State>, Rejected> {
    let today = ctx.today;
    match (state, event) {
        (State::New, Event::File) => {
            let forward_by = ctx.due(TimeLimitId::AppealForward, today)?;
            let remedy_by = ctx.due(TimeLimitId::AppealSelfRemedy, today)?;
            Ok(Step::new(
                State::Filed {
                    on: today,
                    forward_by,
                    remedy_by,
                },
                P73_3_2,
                &["APPEAL-01", "APPEAL-02", "APPEAL-03"],
            ))
        }
        // p.73-3 part 4: the complaint may be kept only if it is satisfied «үш жұмыс күні ішінде»; after that it
        // must go to the higher body.
        (State::Filed { remedy_by, .. }, Event::Remedy) if today <= remedy_by.due => {
            Ok(
                Step::new(State::Remedied { on: today }, P73_3_4, &["APPEAL-04"]).with(Effect::Notify {
                    to: Party::Applicant,
                    message: "notice_appeal_remedied",
                }),
            )
        }
        (State::Filed { .. }, Event::Forward) => {
            let decide_by = ctx.due(TimeLimitId::AppealConsideration, today)?;
            Ok(Step::new(
                State::UnderConsideration { decide_by },
                P73_3_3,
                &["APPEAL-03", "APPEAL-05"],
            )
            .with(Effect::Forward { to: Party::AppealBody }))
        }
        (State::UnderConsideration { .. }, Event::Uphold) => {
            Ok(
                Step::new(State::Upheld { on: today }, P73_3_5, &["APPEAL-05"]).with(Effect::Notify {
                    to: Party::Applicant,
                    message: "notice_appeal_upheld",
                }),
            )
        }
        (State::UnderConsideration { .. }, Event::Dismiss) => {
            Ok(
                Step::new(State::Dismissed { on: today }, P73_3_6, &["APPEAL-05", "APPEAL-06"]).with(Effect::Notify {
                    to: Party::Applicant,
                    message: "notice_appeal_dismissed",
                }),
            )
        }
        (
            State::New
            | State::Filed { .. }
            | State::Remedied { .. }
            | State::UnderConsideration { .. }
            | State::Upheld { .. }
            | State::Dismissed { .. },
            event @ (Event::File | Event::Remedy | Event::Forward | Event::Uphold | Event::Dismiss),
        ) => not_allowed(state.key(), event.key()),
    }
}
