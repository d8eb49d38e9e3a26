//! Deadlines after the calendar changed. A running deadline is counted in working days on the legal calendar;
//! when an amendment adds a holiday or moves a day off, the due dates already stored on open cases (their
//! queue position and overdue check) are counted again from the same start under the law now in force.
//!
//! INTERPRETATION(Labour Code art. 85 p. 3, XREF-08): working days are those of the calendar in force, so a
//! transfer decreed while a time limit runs moves its end. A deadline that has already passed stays as it was
//! (its overdue record stands); one still running is moved, earlier or later, with an audit record naming the
//! old and the new date and the calendar edition used.

use jiff::Timestamp;
use serde_json::{Value, json};
use store::{Actor, CaseWrite, Command, IdempotencyKey, Store, StoreError};

use crate::{App, AppError, corrupt, quota_state, today};
use cases::Ctx;

/// The legal basis of the deadline the service provider answers for in a quota case's state, `None` when none
/// runs: the notice of refusal to accept (Rules A p.15 part 5) while the application is received, the term of
/// the service (order No. 359, appendix 1, item 3) while it is under review.
pub(crate) fn running_basis(state: &str) -> Option<&'static str> {
    match state {
        "received" => Some("rules-a 15.5"),
        "under_review" => Some("order-359 app-1.3"),
        _ => None,
    }
}

/// The point of law that sets a quota case's time limit (as `law/params/time-limits.toml` cites it), for the
/// record of a deadline that moved.
fn limit_basis(limit: legal::TimeLimitId, state: &str) -> Option<&'static str> {
    use legal::TimeLimitId as L;
    match limit {
        L::QuotaScForward => Some("rules-a 14.2"),
        L::QuotaCareerCentreForward => Some("rules-a 15.3"),
        L::QuotaPortalRegistration => Some("rules-a 15.6"),
        L::QuotaRefusalToAcceptNotice => Some("rules-a 15.5"),
        L::QuotaServiceTerm => Some("order-359 app-1.3"),
        _ => running_basis(state),
    }
}

/// A note the system writes on a case without changing its state: the payload and the deadline as given,
/// with one audit record.
pub(crate) struct Note<'a> {
    pub key: IdempotencyKey,
    pub at: Timestamp,
    pub actor: &'a Actor,
    pub action: &'static str,
    pub basis: &'static str,
    pub payload: serde_json::Map<String, Value>,
    pub due_on: Option<jiff::civil::Date>,
    pub detail: Value,
}

/// Writes `note` on `case`: `Ok(true)` when written now, `Ok(false)` when it was written before (the key's
/// replay) or the case changed meanwhile (left for the next run).
pub(crate) async fn write_note<S: Store>(
    store: &S,
    case: &store::CaseRecord,
    note: Note<'_>,
) -> Result<bool, AppError> {
    let command = Command {
        key: note.key,
        at: note.at,
        actor: note.actor.clone(),
        action: note.action.into(),
        basis: note.basis.into(),
        case: CaseWrite::Update {
            id: case.id,
            expected_version: case.version,
            state: case.state.clone(),
            payload: Value::Object(note.payload).to_string(),
            due_on: note.due_on,
        },
        quota: None,
        evidence: Vec::new(),
        detail: note.detail.to_string(),
    };
    match store.apply(&command).await {
        Ok(applied) => Ok(!applied.replayed),
        Err(StoreError::Conflict { .. } | StoreError::IdempotencyMismatch { .. }) => Ok(false),
        Err(e) => Err(AppError::Store(e)),
    }
}

/// What a recount did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeadlineRecount {
    /// Open cases whose deadline still runs.
    pub checked: usize,
    /// Cases whose due date moved, with the old and the new date.
    pub moved: Vec<(store::CaseId, jiff::civil::Date, jiff::civil::Date)>,
}

/// A running deadline that the law given counts to another day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineMove {
    pub case: store::CaseRecord,
    pub limit: legal::TimeLimitId,
    pub from: jiff::civil::Date,
    pub to: jiff::civil::Date,
    /// The running state rebuilt under the law given (its deadlines counted on it).
    state: cases::quota_a14::State,
    calendar_edition: Option<String>,
}

impl DeadlineMove {
    /// Which of the case's deadlines moves, by the name the case page gives it (`ui-deadline-<name>`).
    pub fn deadline(&self) -> &'static str {
        match self.limit {
            legal::TimeLimitId::QuotaServiceTerm => "decide_by",
            legal::TimeLimitId::QuotaRefusalToAcceptNotice => "refuse_to_accept_by",
            _ => "forward_by",
        }
    }
}

/// The running deadlines of `cases` that `law` counts to another day than the one stored, as of `day`; a
/// deadline already passed on `day` is left out.
fn plan_moves(
    cases: Vec<store::CaseRecord>,
    law: &legal::Law,
    day: jiff::civil::Date,
) -> Result<(usize, Vec<DeadlineMove>), AppError> {
    let ctx = Ctx {
        today: day,
        params: &law.params,
        calendar: &law.calendar,
    };
    let mut checked = 0;
    let mut moves = Vec::new();
    for case in cases {
        let quota = matches!(
            cases::CaseKind::from_key(&case.kind),
            Some(cases::CaseKind::QuotaKandas | cases::CaseKind::QuotaResettler)
        );
        let (true, Some(old), Some(_)) = (quota, case.due_on, running_basis(&case.state)) else {
            continue;
        };
        if old < day {
            continue;
        }
        checked += 1;
        let (_, state) = quota_state(&case, &ctx)?;
        let Some(new) = state.next_due().cloned() else {
            continue;
        };
        if new.due != old {
            moves.push(DeadlineMove {
                case,
                limit: new.limit,
                from: old,
                to: new.due,
                state,
                calendar_edition: new.calendar_edition,
            });
        }
    }
    Ok((checked, moves))
}

impl<S: Store, R: Sync> App<S, R> {
    async fn running_cases(&self, day: jiff::civil::Date) -> Result<Vec<store::CaseRecord>, AppError> {
        let query = store::CaseQuery {
            due_from: Some(day),
            limit: 100_000,
            ..store::CaseQuery::default()
        };
        self.store.list_cases(&query).await.map_err(AppError::Store)
    }

    /// The running deadlines `amendment` would move if made now, without making it: the law is amended in
    /// memory exactly as [`App::amend_law`] would (every check of the `law/` files), nothing is written.
    pub async fn preview_amendment(
        &self,
        amendment: &legal::amend::Amendment,
        now: Timestamp,
    ) -> Result<Vec<DeadlineMove>, AppError> {
        let law = self.amended_with(amendment).await?;
        let day = today(now);
        let (_, moves) = plan_moves(self.running_cases(day).await?, &law, day)?;
        Ok(moves)
    }

    /// Counts again every running deadline of an open quota case under the law in force and writes the ones
    /// that moved (`deadline.recounted`). Repeating it, from any instance, writes nothing more: the idempotency
    /// key is made of the case and both dates. A case changed meanwhile (version conflict) is left for the next
    /// recount.
    pub async fn recount_deadlines(&self, actor: &Actor, now: Timestamp) -> Result<DeadlineRecount, AppError> {
        let day = today(now);
        let law = self.law.get();
        let (checked, moves) = plan_moves(self.running_cases(day).await?, &law, day)?;
        let mut recount = DeadlineRecount {
            checked,
            moved: Vec::new(),
        };
        for m in moves {
            let (Some(basis), Some(key)) = (
                limit_basis(m.limit, &m.case.state),
                IdempotencyKey::parse(&format!("recount-{}-{}-{}", m.case.id.0, m.from, m.to)),
            ) else {
                continue;
            };
            let mut payload: serde_json::Map<String, Value> =
                serde_json::from_str(&m.case.payload).map_err(|_| corrupt(&m.case, "payload"))?;
            if let cases::quota_a14::State::Received {
                forward_by,
                refuse_to_accept_by,
                ..
            } = &m.state
            {
                payload.insert("forward_by".into(), json!(forward_by.due.to_string()));
                payload.insert("refuse_to_accept_by".into(), json!(refuse_to_accept_by.due.to_string()));
            }
            payload.insert("calendar_edition".into(), json!(m.calendar_edition));
            let note = Note {
                key,
                at: now,
                actor,
                action: "deadline.recounted",
                basis,
                payload,
                due_on: Some(m.to),
                detail: json!({
                    "state": m.case.state,
                    "limit": m.limit.key(),
                    "from": m.from.to_string(),
                    "to": m.to.to_string(),
                    "calendar_edition": m.calendar_edition,
                }),
            };
            if write_note(&self.store, &m.case, note).await? {
                recount.moved.push((m.case.id, m.from, m.to));
            }
        }
        Ok(recount)
    }
}
