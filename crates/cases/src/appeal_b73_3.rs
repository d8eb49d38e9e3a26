//! Rules B p.73-3: a complaint against a Labour Mobility Centre or an official, under the Administrative
//! Procedural and Process Code art. 91 (XREF-07).
//!
//! ```text
//! New ──file──────────────▶ Filed{forward_by, remedy_by = today + 3 wd}    B 73-3.2, 73-3.3  APPEAL-01…03
//! Filed ──remedy, until remedy_by──▶ Remedied (satisfied in full, not forwarded)  B 73-3.4  APPEAL-04, APPEAL-06
//! Filed ──forward─────────▶ UnderConsideration{decide_by = today + 5 wd}   B 73-3.3, 73-3.5  APPEAL-03, APPEAL-05
//! UnderConsideration | Unanswered ──uphold──────────▶ Upheld               B 73-3.5  APPEAL-05, APPEAL-06
//! UnderConsideration | Unanswered ──uphold_in_part──▶ UpheldInPart         B 73-3.5  APPEAL-05, APPEAL-06
//! UnderConsideration | Unanswered ──dismiss─────────▶ Dismissed            B 73-3.5  APPEAL-05, APPEAL-06
//! UnderConsideration ──no_answer, after decide_by──▶ Unanswered            B 73-3.5, 73-3.6  APPEAL-05, APPEAL-06
//! ```
//! The way to court (p.73-3 part 6: «сотқа жүгіну … сотқа дейінгі тәртіппен … шағымданғаннан кейін ғана рұқсат
//! етіледі») is open in every state the pre-trial complaint has come out of ([`State::court_open`]): satisfied by
//! the centre itself, upheld in full or in part, dismissed, or left without an answer when the five working days
//! of part 5 have passed. A late answer is still recorded.
//!
//! INTERPRETATION(B 73-3.5, from forwarding): the five working days run from registration with the body that
//! considers the complaint, which is the day it is forwarded.
//! INTERPRETATION(B 73-3.6, court after any outcome): the court is open once the complaint has an outcome or its
//! five working days have passed; the order does not say whether filing alone opens it, nor whether a complaint
//! satisfied in full by the centre itself counts as the pre-trial appeal (it is read as counting).

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
    UpheldInPart {
        on: Date,
    },
    Dismissed {
        on: Date,
    },
    /// The higher body did not answer within its five working days; the way to court is open.
    Unanswered {
        since: Date,
        decide_by: Deadline,
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
            State::UpheldInPart { .. } => "upheld_in_part",
            State::Dismissed { .. } => "dismissed",
            State::Unanswered { .. } => "unanswered",
        }
    }

    /// Whether the applicant may now go to court (p.73-3 part 6): after the pre-trial complaint, whatever its
    /// outcome, or when it went unanswered.
    pub fn court_open(&self) -> bool {
        match self {
            State::New | State::Filed { .. } | State::UnderConsideration { .. } => false,
            State::Remedied { .. }
            | State::Upheld { .. }
            | State::UpheldInPart { .. }
            | State::Dismissed { .. }
            | State::Unanswered { .. } => true,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    File,
    Remedy,
    Forward,
    Uphold,
    UpholdInPart,
    Dismiss,
    /// The five working days of consideration have passed without an answer.
    NoAnswer,
}

impl Event {
    pub fn key(self) -> &'static str {
        match self {
            Event::File => "file",
            Event::Remedy => "remedy",
            Event::Forward => "forward",
            Event::Uphold => "uphold",
            Event::UpholdInPart => "uphold_in_part",
            Event::Dismiss => "dismiss",
            Event::NoAnswer => "no_answer",
        }
    }
}

/// The higher body's answer (p.73-3 part 5), after which the way to court is open (part 6).
fn decided(next: State, message: &'static str) -> Step<State> {
    Step::new(next, P73_3_5, &["APPEAL-05", "APPEAL-06"]).with(Effect::Notify {
        to: Party::Applicant,
        message,
    })
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
                Step::new(State::Remedied { on: today }, P73_3_4, &["APPEAL-04", "APPEAL-06"]).with(Effect::Notify {
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
        (State::UnderConsideration { .. } | State::Unanswered { .. }, Event::Uphold) => {
            Ok(decided(State::Upheld { on: today }, "notice_appeal_upheld"))
        }
        (State::UnderConsideration { .. } | State::Unanswered { .. }, Event::UpholdInPart) => Ok(decided(
            State::UpheldInPart { on: today },
            "notice_appeal_upheld_in_part",
        )),
        (State::UnderConsideration { .. } | State::Unanswered { .. }, Event::Dismiss) => {
            Ok(decided(State::Dismissed { on: today }, "notice_appeal_dismissed"))
        }
        (State::UnderConsideration { decide_by }, Event::NoAnswer) if today > decide_by.due => Ok(Step::new(
            State::Unanswered {
                since: today,
                decide_by: decide_by.clone(),
            },
            P73_3_6,
            &["APPEAL-05", "APPEAL-06"],
        )
        .with(Effect::Notify {
            to: Party::Applicant,
            message: "notice_appeal_unanswered",
        })),
        (
            State::New
            | State::Filed { .. }
            | State::Remedied { .. }
            | State::UnderConsideration { .. }
            | State::Upheld { .. }
            | State::UpheldInPart { .. }
            | State::Dismissed { .. }
            | State::Unanswered { .. },
            event @ (Event::File
            | Event::Remedy
            | Event::Forward
            | Event::Uphold
            | Event::UpholdInPart
            | Event::Dismiss
            | Event::NoAnswer),
        ) => not_allowed(state.key(), event.key()),
    }
}
