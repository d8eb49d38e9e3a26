//! The background work on deadlines, for every kind of case through its descriptor: recording a duty whose
//! time limit passed, and counting running deadlines again after the calendar changed. Also the deliveries of
//! the outbox. One instance at a time does the deadline job (a lease in the database).
//!
//! INTERPRETATION(Labour Code art. 85 p. 3, XREF-08): working days are those of the calendar in force, so a
//! transfer decreed while a time limit runs moves its end. A deadline that has already passed stays as it was
//! (its overdue record stands); one still running is moved, earlier or later, with an audit record naming the
//! old and the new date and the calendar edition used.

use jiff::Timestamp;
use serde_json::{Map, Value, json};
use store::{CaseWrite, Command, IdempotencyKey, Store, StoreError};

use crate::kinds::{self, codec};
use crate::{App, AppError, Principal, kz_today, number_of};

/// What a deadline check did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DeadlineSweep {
    /// Cases with a duty whose time limit had passed.
    pub overdue: usize,
    /// Of those, the ones recorded now (the others were recorded by an earlier check).
    pub recorded: usize,
    /// Running deadlines counted again and moved because the calendar changed.
    pub recounted: usize,
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
    pub number: String,
    /// Which of the case's deadlines moves, by the name the case page gives it (`ui-deadline-<name>`).
    pub deadline: &'static str,
    pub limit: legal::TimeLimitId,
    pub from: jiff::civil::Date,
    pub to: jiff::civil::Date,
    recounted: kinds::Recounted,
}

/// How long an instance holds the deadline job once it has taken it.
const DEADLINE_JOB_LEASE: jiff::SignedDuration = jiff::SignedDuration::from_secs(5 * 60);
/// How long an instance holds the messages it claimed for delivery.
const DELIVERY_LEASE: jiff::SignedDuration = jiff::SignedDuration::from_secs(60);
/// Messages delivered per round.
const DELIVERY_BATCH: u32 = 100;
/// The most running cases one check looks at; the rest wait for the next check.
const SWEEP: u32 = 100_000;

/// A note the system writes on a case without changing its state: the payload and the deadline as given,
/// with one audit record.
struct Note<'a> {
    key: IdempotencyKey,
    at: Timestamp,
    actor: &'a store::Actor,
    action: &'static str,
    basis: String,
    payload: String,
    due_on: Option<jiff::civil::Date>,
    detail: Value,
}

/// Writes `note` on `case`: `Ok(true)` when written now, `Ok(false)` when it was written before (the key's
/// replay) or the case changed meanwhile (left for the next run).
async fn write_note<S: Store>(store: &S, case: &store::CaseRecord, note: Note<'_>) -> Result<bool, AppError> {
    let command = Command {
        key: note.key,
        at: note.at,
        actor: note.actor.clone(),
        action: note.action.into(),
        basis: note.basis,
        case: CaseWrite::Update {
            id: case.id,
            expected_version: case.version,
            state: case.state.clone(),
            payload: note.payload,
            due_on: note.due_on,
        },
        ops: Vec::new(),
        evidence: Vec::new(),
        detail: note.detail.to_string(),
    };
    match store.apply(&command).await {
        Ok(applied) => Ok(!applied.replayed),
        Err(StoreError::Conflict { .. } | StoreError::IdempotencyMismatch { .. }) => Ok(false),
        Err(e) => Err(AppError::Store(e)),
    }
}

/// The running deadlines of `cases` that `law` counts to another day than the one stored, as of `day`.
fn plan_moves(
    cases: Vec<store::CaseRecord>,
    law: &legal::Law,
    day: jiff::civil::Date,
) -> Result<(usize, Vec<DeadlineMove>), AppError> {
    let mut checked = 0;
    let mut moves = Vec::new();
    for case in cases {
        let Some(kind) = kinds::of_kind(&case.kind) else {
            continue;
        };
        checked += 1;
        if let Some(recounted) = kind.recount(&case, law, day)?
            && let Some((name, limit, from, to)) = recounted.moved.first().copied()
        {
            moves.push(DeadlineMove {
                number: number_of(&case),
                case,
                deadline: name,
                limit,
                from,
                to,
                recounted,
            });
        }
    }
    Ok((checked, moves))
}

impl<S: Store, R: Sync> App<S, R> {
    async fn running_cases(&self, day: jiff::civil::Date) -> Result<Vec<store::CaseRecord>, AppError> {
        let query = store::CaseQuery {
            due_from: Some(day),
            limit: SWEEP,
            ..store::CaseQuery::default()
        };
        Ok(self.store.list_cases(&query).await?)
    }

    /// The running deadlines `amendment` would move if made now, without making it: the law is amended in
    /// memory exactly as [`App::amend_law`] would (every check of the `law/` files), nothing is written.
    pub async fn preview_amendment(
        &self,
        p: &Principal,
        amendment: &legal::amend::Amendment,
        now: Timestamp,
    ) -> Result<Vec<DeadlineMove>, AppError> {
        if !crate::authz::may_administer(p) {
            return Err(AppError::NotFound);
        }
        let law = self.amended_with(amendment).await?;
        let day = kz_today(now);
        let (_, moves) = plan_moves(self.running_cases(day).await?, &law, day)?;
        Ok(moves)
    }

    /// Counts again every running deadline of an open case under the law in force and writes the ones that
    /// moved (`deadline.recounted`). Repeating it, from any instance, writes nothing more: the idempotency key
    /// is made of the case and both dates. A case changed meanwhile is left for the next recount.
    pub(crate) async fn recount_deadlines(
        &self,
        actor: &store::Actor,
        now: Timestamp,
    ) -> Result<DeadlineRecount, AppError> {
        let day = kz_today(now);
        let law = self.law.get();
        let (checked, moves) = plan_moves(self.running_cases(day).await?, &law, day)?;
        let mut recount = DeadlineRecount {
            checked,
            moved: Vec::new(),
        };
        for m in moves {
            let Some(key) = IdempotencyKey::parse(&format!("recount-{}-{}-{}", m.case.id.0, m.from, m.to)) else {
                continue;
            };
            let moved: Vec<Value> = m
                .recounted
                .moved
                .iter()
                .map(|(name, limit, from, to)| {
                    json!({ "deadline": name, "limit": limit.key(), "from": from.to_string(), "to": to.to_string() })
                })
                .collect();
            let basis = law
                .params
                .time_limit(m.limit)
                .history
                .at(m.to)
                .map_or_else(|_| String::new(), |e| e.reference.legal.to_string());
            let detail = json!({
                "state": m.case.state,
                "limit": m.limit.key(),
                "from": m.from.to_string(),
                "to": m.to.to_string(),
                "moved": moved,
                "calendar_edition": m.recounted.calendar_edition,
            });
            let note = Note {
                key,
                at: now,
                actor,
                action: "deadline.recounted",
                basis,
                payload: m.recounted.payload.clone(),
                due_on: m.recounted.due_on,
                detail,
            };
            if write_note(&self.store, &m.case, note).await? {
                recount.moved.push((m.case.id, m.from, m.to));
            }
        }
        Ok(recount)
    }

    /// Records, once per case and deadline, that a duty's time limit has passed: an audit record
    /// `deadline.overdue` citing the time limit's point of law, and an `overdue` entry in the case's details.
    /// Only duties count: a window that closed (the time to refuse a package, say) is not overdue. The
    /// idempotency key is made of the case and the due date, so a check repeated by any instance records
    /// nothing twice.
    pub(crate) async fn record_overdue(&self, actor: &store::Actor, now: Timestamp) -> Result<DeadlineSweep, AppError> {
        let day = kz_today(now);
        let query = store::CaseQuery {
            due_before: Some(day),
            limit: SWEEP,
            ..store::CaseQuery::default()
        };
        let mut sweep = DeadlineSweep::default();
        for case in self.store.list_cases(&query).await? {
            let Some(kind) = kinds::of_kind(&case.kind) else {
                continue;
            };
            let Some(passed) = kind
                .running(&case)?
                .into_iter()
                .filter(|r| r.duty && r.deadline.due < day)
                .min_by_key(|r| r.deadline.due)
            else {
                continue;
            };
            sweep.overdue += 1;
            let due = passed.deadline.due;
            let Some(key) = IdempotencyKey::parse(&format!("overdue-{}-{due}", case.id.0)) else {
                continue;
            };
            let mut payload: Map<String, Value> =
                serde_json::from_str(&case.payload).map_err(|_| codec::corrupt(&case, "payload"))?;
            let noted = payload
                .get("overdue")
                .and_then(|o| o.get("due"))
                .and_then(Value::as_str);
            if noted == Some(due.to_string().as_str()) {
                continue;
            }
            payload.insert(
                "overdue".into(),
                json!({ "due": due.to_string(), "noted_on": day.to_string() }),
            );
            let detail = json!({
                "state": case.state,
                "deadline": passed.name,
                "limit": passed.deadline.limit.key(),
                "binds": passed.binds.key(),
                "due": due.to_string(),
            });
            let note = Note {
                key,
                at: now,
                actor,
                action: "deadline.overdue",
                basis: passed.deadline.basis.to_string(),
                payload: Value::Object(payload).to_string(),
                due_on: case.due_on,
                detail,
            };
            if write_note(&self.store, &case, note).await? {
                sweep.recorded += 1;
            }
        }
        Ok(sweep)
    }

    /// The deadline check, done by whichever instance holds the job's lease (taken through the database):
    /// counts running deadlines again if the calendar changed (an amendment made by another instance or from
    /// the command line), then records every duty whose time limit has passed. `None` when another instance
    /// holds the job.
    pub async fn check_deadlines(&self, holder: &str, now: Timestamp) -> Result<Option<DeadlineSweep>, AppError>
    where
        S: store::Outbox,
    {
        let until = now.saturating_add(DEADLINE_JOB_LEASE).unwrap_or(now);
        if !self.store.claim_job("deadlines", holder, now, until).await? {
            return Ok(None);
        }
        let actor = Principal::system().actor()?;
        let recount = self.recount_deadlines(&actor, now).await?;
        let sweep = self.record_overdue(&actor, now).await?;
        Ok(Some(DeadlineSweep {
            recounted: recount.moved.len(),
            ..sweep
        }))
    }

    /// Delivers what the outbox holds through the sandbox channels: claims a batch for `worker` (so another
    /// instance never sends the same message) and marks each sent. Returns how many were sent.
    pub async fn deliver_outbox(&self, worker: &str, now: Timestamp) -> Result<usize, AppError>
    where
        S: store::Outbox,
    {
        let lease = now.saturating_add(DELIVERY_LEASE).unwrap_or(now);
        let mut sent = 0;
        for message in self.store.claim_messages(worker, now, lease, DELIVERY_BATCH).await? {
            // The sandbox gateways accept everything, and the cabinet needs none; a real gateway's answer
            // decides here.
            if self.store.mark_sent(message.id, worker, now).await? {
                sent += 1;
            }
        }
        Ok(sent)
    }
}
