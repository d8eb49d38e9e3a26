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

/// The legal basis of the deadline that runs in a quota case's state (Rules A p.15), `None` when none runs.
pub(crate) fn running_basis(state: &str) -> Option<&'static str> {
    match state {
        "received" => Some("rules-a 15.4"),
        "under_review" => Some("rules-a 15.5"),
        _ => None,
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

impl<S: Store, R: Sync> App<S, R> {
    /// Counts again every running deadline of an open quota case under the law in force and writes the ones
    /// that moved (`deadline.recounted`). Repeating it, from any instance, writes nothing more: the idempotency
    /// key is made of the case and both dates. A case changed meanwhile (version conflict) is left for the next
    /// recount.
    pub async fn recount_deadlines(&self, actor: &Actor, now: Timestamp) -> Result<DeadlineRecount, AppError> {
        let day = today(now);
        let law = self.law.get();
        let ctx = Ctx {
            today: day,
            params: &law.params,
            calendar: &law.calendar,
        };
        let query = store::CaseQuery {
            due_from: Some(day),
            limit: 100_000,
            ..store::CaseQuery::default()
        };
        let cases = self.store.list_cases(&query).await.map_err(AppError::Store)?;
        let mut recount = DeadlineRecount::default();
        for case in cases {
            let quota = matches!(
                cases::CaseKind::from_key(&case.kind),
                Some(cases::CaseKind::QuotaKandas | cases::CaseKind::QuotaResettler)
            );
            let (true, Some(old), Some(basis)) = (quota, case.due_on, running_basis(&case.state)) else {
                continue;
            };
            recount.checked += 1;
            let (_, state) = quota_state(&case, &ctx)?;
            let Some(new) = state.next_due() else { continue };
            if new.due == old {
                continue;
            }
            let Some(key) = IdempotencyKey::parse(&format!("recount-{}-{old}-{}", case.id.0, new.due)) else {
                continue;
            };
            let mut payload: serde_json::Map<String, Value> =
                serde_json::from_str(&case.payload).map_err(|_| corrupt(&case, "payload"))?;
            if let cases::quota_a14::State::Received {
                forward_by,
                refuse_to_accept_by,
                ..
            } = &state
            {
                payload.insert("forward_by".into(), json!(forward_by.due.to_string()));
                payload.insert("refuse_to_accept_by".into(), json!(refuse_to_accept_by.due.to_string()));
            }
            payload.insert("calendar_edition".into(), json!(new.calendar_edition));
            let note = Note {
                key,
                at: now,
                actor,
                action: "deadline.recounted",
                basis,
                payload,
                due_on: Some(new.due),
                detail: json!({
                    "state": case.state,
                    "limit": new.limit.key(),
                    "from": old.to_string(),
                    "to": new.due.to_string(),
                    "calendar_edition": new.calendar_edition,
                }),
            };
            if write_note(&self.store, &case, note).await? {
                recount.moved.push((case.id, old, new.due));
            }
        }
        Ok(recount)
    }
}
