//! Taking part in voluntary resettlement: the application (appendix 10), the referral with its tear-off
//! notification (appendix 11), the social contract, and the notice of a move inside the region of reception
//! (Rules B p.24).
//!
//! Participation and referral:
//! ```text
//! New ──apply──────────▶ Applied                                          app-10  RES-05
//! Applied ──approve────▶ Participant                                      app-10  RES-05
//! Applied ──refuse─────▶ NotAdmitted                                      app-10  RES-05
//! Participant ──refer──▶ Referred (referral No., destination)             app-11  RES-06
//! Referred ──arrived───▶ Settled (tear-off notification returned)         app-11  RES-07
//! Settled ──contract───▶ UnderContract (the social contract of the tear-off notification)  app-11  RES-07
//! UnderContract ──move_notice(moving_on)──▶ MoveNotified{timely}          B 24    RES-03
//! MoveNotified ──contract──▶ UnderContract (a new contract at the new place) B 24  RES-04
//! ```
//! A notice is timely when given at least ten calendar days before the move (the limit `move_notice`); a late
//! notice is still recorded, with `timely: false`: the order states the duty, not a consequence (AMB-16).

use jiff::civil::Date;
use legal::{Act, LegalRef, TimeLimitId};

use crate::machine::{Ctx, Deadline, Effect, Party, Rejected, Step, not_allowed};

pub const P24: LegalRef = LegalRef::new(Act::RulesB, "24");
pub const APP_10: LegalRef = LegalRef::new(Act::Order359, "app-10");
pub const APP_11: LegalRef = LegalRef::new(Act::Order359, "app-11");

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    New,
    Applied {
        on: Date,
    },
    NotAdmitted {
        on: Date,
    },
    Participant {
        since: Date,
    },
    Referred {
        on: Date,
        destination: kz::Kato,
    },
    Settled {
        on: Date,
    },
    UnderContract {
        since: Date,
    },
    MoveNotified {
        moving_on: Date,
        notice_by: Deadline,
        timely: bool,
    },
}

impl State {
    pub fn key(&self) -> &'static str {
        match self {
            State::New => "new",
            State::Applied { .. } => "applied",
            State::NotAdmitted { .. } => "not_admitted",
            State::Participant { .. } => "participant",
            State::Referred { .. } => "referred",
            State::Settled { .. } => "settled",
            State::UnderContract { .. } => "under_contract",
            State::MoveNotified { .. } => "move_notified",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Apply,
    Approve,
    Refuse,
    Refer { destination: kz::Kato },
    Arrived,
    Contract,
    MoveNotice { moving_on: Date },
}

impl Event {
    pub fn key(&self) -> &'static str {
        match self {
            Event::Apply => "apply",
            Event::Approve => "approve",
            Event::Refuse => "refuse",
            Event::Refer { .. } => "refer",
            Event::Arrived => "arrived",
            Event::Contract => "contract",
            Event::MoveNotice { .. } => "move_notice",
        }
    }
}

pub fn step(state: &State, event: Event, ctx: &Ctx<'_>) -> Result<Step<State>, Rejected> {
    let today = ctx.today;
    match (state, event) {
        (State::New, Event::Apply) => Ok(Step::new(State::Applied { on: today }, APP_10, &["RES-05"])),
        (State::Applied { .. }, Event::Approve) => {
            Ok(
                Step::new(State::Participant { since: today }, APP_10, &["RES-05"]).with(Effect::Notify {
                    to: Party::Applicant,
                    message: "notice_participation_approved",
                }),
            )
        }
        (State::Applied { .. }, Event::Refuse) => Ok(Step::new(State::NotAdmitted { on: today }, APP_10, &["RES-05"])
            .with(Effect::Notify {
                to: Party::Applicant,
                message: "notice_participation_refused",
            })),
        (State::Participant { .. }, Event::Refer { destination }) => {
            Ok(
                Step::new(State::Referred { on: today, destination }, APP_11, &["RES-06"])
                    .with(Effect::IssueDocument { form: "app-11" }),
            )
        }
        (State::Referred { .. }, Event::Arrived) => Ok(Step::new(State::Settled { on: today }, APP_11, &["RES-07"])
            .with(Effect::Notify {
                to: Party::CareerCentre,
                message: "notice_referral_tear_off",
            })),
        // The first social contract: the one the referral's tear-off notification records (appendix 11). The order
        // does not reproduce the paragraph of Rules B that governs it (XREF-02).
        (State::Settled { .. }, Event::Contract) => {
            Ok(Step::new(State::UnderContract { since: today }, APP_11, &["RES-07"]))
        }
        // p.24: a new social contract at the new place of residence after a move within the region.
        (State::MoveNotified { .. }, Event::Contract) => {
            Ok(Step::new(State::UnderContract { since: today }, P24, &["RES-04"]))
        }
        (State::UnderContract { .. }, Event::MoveNotice { moving_on }) => {
            let notice_by = ctx.due(TimeLimitId::MoveNotice, moving_on)?;
            let timely = today <= notice_by.due;
            Ok(Step::new(
                State::MoveNotified {
                    moving_on,
                    notice_by,
                    timely,
                },
                P24,
                &["RES-03"],
            )
            // INTERPRETATION(B 24, one career centre): the notice goes to the career centre of the case, although
            // p.24 says «тиісті мансап орталықтарын» (the relevant career centres, plural): which ones — of the old
            // place, the new place, or both — is not stated (AMB-16).
            .with(Effect::Notify {
                to: Party::CareerCentre,
                message: "notice_move_within_region",
            }))
        }
        (
            State::New
            | State::Applied { .. }
            | State::NotAdmitted { .. }
            | State::Participant { .. }
            | State::Referred { .. }
            | State::Settled { .. }
            | State::UnderContract { .. }
            | State::MoveNotified { .. },
            event @ (Event::Apply
            | Event::Approve
            | Event::Refuse
            | Event::Refer { .. }
            | Event::Arrived
            | Event::Contract
            | Event::MoveNotice { .. }),
        ) => not_allowed(state.key(), event.key()),
    }
}
