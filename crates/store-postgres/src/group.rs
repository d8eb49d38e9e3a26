//! Group commit: commands that arrive while a writer is busy wait in a queue, and the next writer applies
//! them together in one transaction: one round trip takes the locks of all their chains (in chain order, so
//! two groups never wait for each other in a circle) and reads what each depends on; `plan_batch` decides them
//! in order as if applied one by one; a second round trip writes every row of the group with one multi-row
//! statement per table, and COMMIT. A database costs far less per row this way than per statement (see
//! `bench/run-pg-batching.sh`).
//!
//! The answers are what applying the commands one by one in queue order would give. If the group's
//! transaction fails for any reason (a conditional write that did not hold, a key another instance used at the
//! same moment), nothing of it was written and each command is applied again on its own.
//!
//! Staff reads of cases are grouped the same way, in a queue of their own: the locks, one select of every case
//! asked, and their `case.read` audit records chained and written with one statement.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::sync::{Mutex, MutexGuard, PoisonError};

use futures_util::future::{try_join, try_join_all};
use jiff::Timestamp;
use store::plan::{Plan, ReadArgs, chain_of, next_record, plan_batch, region_of_case};
use store::write::rows_of;
use store::{Actor, Applied, CaseId, CaseRecord, Command, ReadPurpose, StoreError, rows, sql};
use tokio_postgres::types::ToSql;

use crate::bind::{Column, group_columns, group_sql};
use crate::columns::PgRow;
use crate::{Open, PgStore, unavailable};

/// The most commands one transaction takes.
const GROUP: usize = 64;
/// Writers at once: one plans and writes while the other waits for the database.
const WRITERS: usize = 2;

pub(crate) struct Pending {
    cmd: Command,
    answer: tokio::sync::oneshot::Sender<Result<Applied, StoreError>>,
}

/// A staff read of a case waiting for its group: the case comes back with its `case.read` audit record written.
pub(crate) struct PendingRead {
    id: CaseId,
    reader: Actor,
    purpose: ReadPurpose,
    at: Timestamp,
    answer: tokio::sync::oneshot::Sender<Result<CaseRecord, StoreError>>,
}

pub(crate) struct Queue<T> {
    pending: VecDeque<T>,
    writers: usize,
}

impl<T> Default for Queue<T> {
    fn default() -> Queue<T> {
        Queue {
            pending: VecDeque::new(),
            writers: 0,
        }
    }
}

impl<T> Queue<T> {
    /// Adds `item`; true when the caller should start a writer.
    fn push(&mut self, item: T) -> bool {
        self.pending.push_back(item);
        let start = self.writers < WRITERS;
        if start {
            self.writers += 1;
        }
        start
    }

    /// The next group, or `None` (and one writer fewer) when nothing waits.
    fn next(&mut self) -> Option<Vec<T>> {
        if self.pending.is_empty() {
            self.writers -= 1;
            return None;
        }
        let n = self.pending.len().min(GROUP);
        Some(self.pending.drain(..n).collect())
    }
}

#[derive(Default)]
pub(crate) struct Group {
    commands: Mutex<Queue<Pending>>,
    reads: Mutex<Queue<PendingRead>>,
}

/// The queues hold no invariant a panicking holder could break half-way.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What waits in a queue: where it waits, how a group of them is done in one transaction, how one is done
/// alone, and where its answer goes.
trait Work: Sized + Send + 'static {
    type Answer: Send + 'static;
    fn queue(group: &Group) -> &Mutex<Queue<Self>>;
    fn reply(self, answer: Result<Self::Answer, StoreError>);
    fn together(
        store: &PgStore,
        group: &[Self],
    ) -> impl Future<Output = Result<Vec<Result<Self::Answer, StoreError>>, StoreError>> + Send;
    fn alone(store: &PgStore, job: &Self) -> impl Future<Output = Result<Self::Answer, StoreError>> + Send;
}

impl Work for Pending {
    type Answer = Applied;
    fn queue(group: &Group) -> &Mutex<Queue<Self>> {
        &group.commands
    }
    fn reply(self, answer: Result<Applied, StoreError>) {
        // The caller may have gone; the command stands either way.
        drop(self.answer.send(answer));
    }
    fn together(
        store: &PgStore,
        group: &[Self],
    ) -> impl Future<Output = Result<Vec<Result<Applied, StoreError>>, StoreError>> + Send {
        store.apply_group(group)
    }
    fn alone(store: &PgStore, job: &Self) -> impl Future<Output = Result<Applied, StoreError>> + Send {
        store.apply_one(&job.cmd)
    }
}

impl Work for PendingRead {
    type Answer = CaseRecord;
    fn queue(group: &Group) -> &Mutex<Queue<Self>> {
        &group.reads
    }
    fn reply(self, answer: Result<CaseRecord, StoreError>) {
        drop(self.answer.send(answer));
    }
    fn together(
        store: &PgStore,
        group: &[Self],
    ) -> impl Future<Output = Result<Vec<Result<CaseRecord, StoreError>>, StoreError>> + Send {
        store.read_group(group)
    }
    fn alone(store: &PgStore, job: &Self) -> impl Future<Output = Result<CaseRecord, StoreError>> + Send {
        store.read_one(job.id, &job.reader, &job.purpose, job.at)
    }
}

/// Queues `job` and waits for its answer; starts a worker when fewer than [`WRITERS`] are running. A worker is
/// a task of its own, so a caller that gives up does not stop it.
async fn submit<W: Work>(
    store: &PgStore,
    job: W,
    wait: tokio::sync::oneshot::Receiver<Result<W::Answer, StoreError>>,
) -> Result<W::Answer, StoreError> {
    if lock(W::queue(&store.group)).push(job) {
        let store = store.clone();
        drop(tokio::spawn(async move { drain::<W>(&store).await }));
    }
    wait.await
        .map_err(|_| StoreError::Unavailable("the writer stopped before answering".into()))?
}

/// A worker: groups until the queue is empty. One job, or a group whose transaction failed, is done one by
/// one in queue order.
async fn drain<W: Work>(store: &PgStore) {
    loop {
        // The guard is dropped here, before any await.
        let next = lock(W::queue(&store.group)).next();
        let Some(group) = next else {
            return;
        };
        let answers = if group.len() == 1 {
            None
        } else {
            W::together(store, &group).await.ok()
        };
        match answers {
            Some(answers) => {
                for (job, answer) in group.into_iter().zip(answers) {
                    job.reply(answer);
                }
            }
            None => {
                for job in group {
                    let answer = W::alone(store, &job).await;
                    job.reply(answer);
                }
            }
        }
    }
}

/// `sql::READ_FOR_COMMAND` for every command of a group in one statement: one row per command, in the order
/// given (the columns as there, the order last). Each lookup is a LATERAL subquery with LIMIT 1 (the keys are
/// unique) so that it stays an index lookup per command: as plain joins with the unnested arrays the planner
/// chose hash joins over a sequential scan of `cases` and `idempotency` for every group, a cost that grew with
/// the tables.
const READ_FOR_GROUP: &str = "\
SELECT COALESCE((SELECT sequence FROM cases WHERE region = a.region AND year = a.year \
       ORDER BY sequence DESC LIMIT 1), 0), \
       i.fingerprint, i.case_id, i.version, i.audit_seq, ic.region, ic.year, ic.sequence, \
       u.version, u.region, u.year, u.sequence, qt.total, qt.allocated, a.ord \
FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::bigint[]) \
     WITH ORDINALITY AS a(key, target, quota_year, quota_territory, quota_category, region, year, ord) \
LEFT JOIN LATERAL (SELECT fingerprint, case_id, version, audit_seq FROM idempotency WHERE key = a.key LIMIT 1) i \
     ON true \
LEFT JOIN LATERAL (SELECT region, year, sequence FROM cases WHERE id = i.case_id LIMIT 1) ic ON true \
LEFT JOIN LATERAL (SELECT version, region, year, sequence FROM cases WHERE id = a.target LIMIT 1) u ON true \
LEFT JOIN LATERAL (SELECT total, allocated FROM quotas WHERE year = a.quota_year AND territory = a.quota_territory \
     AND category = a.quota_category LIMIT 1) qt ON true \
ORDER BY a.ord";

const SELECT_CASES: &str = "\
SELECT id, kind, territory, region, year, sequence, state, payload, version, created_at, updated_at, applicant, \
due_on FROM cases WHERE id = ANY($1)";

impl PgStore {
    /// Queues `cmd` for the next group and waits for its answer.
    pub(crate) async fn apply_in_group(&self, cmd: &Command) -> Result<Applied, StoreError> {
        let (answer, wait) = tokio::sync::oneshot::channel();
        submit(
            self,
            Pending {
                cmd: cmd.clone(),
                answer,
            },
            wait,
        )
        .await
    }

    /// Queues a staff read for the next group of reads and waits for the case.
    pub(crate) async fn read_in_group(
        &self,
        id: CaseId,
        reader: &Actor,
        purpose: &ReadPurpose,
        at: Timestamp,
    ) -> Result<CaseRecord, StoreError> {
        let (answer, wait) = tokio::sync::oneshot::channel();
        let read = PendingRead {
            id,
            reader: reader.clone(),
            purpose: purpose.clone(),
            at,
            answer,
        };
        submit(self, read, wait).await
    }

    /// Reads the cases of `group` and writes their audit records in one transaction.
    async fn read_group(&self, group: &[PendingRead]) -> Result<Vec<Result<CaseRecord, StoreError>>, StoreError> {
        let chains: Vec<String> = group.iter().map(|p| region_of_case(p.id)).collect();
        let locks: Vec<&String> = chains.iter().collect::<BTreeSet<_>>().into_iter().collect();
        let ids: Vec<i64> = group.iter().map(|p| p.id.0).collect();
        let client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        let (lock_head, select) = try_join(
            client.prepare_cached(sql::LOCK_HEAD),
            client.prepare_cached(SELECT_CASES),
        )
        .await
        .map_err(|e| unavailable(&e))?;
        let open = Open(Some(client));
        let c = open.client()?;
        let lock_params: Vec<[&(dyn ToSql + Sync); 1]> = locks
            .iter()
            .map(|chain| -> [&(dyn ToSql + Sync); 1] { [*chain] })
            .collect();
        let began = try_join(
            c.batch_execute("BEGIN"),
            try_join(
                try_join_all(lock_params.iter().map(|p| c.query_one(&lock_head, p))),
                c.query(&select, &[&ids]),
            ),
        )
        .await;
        let (heads, found) = match began {
            Ok((_, (heads, found))) => (heads, found),
            Err(e) => return Err(open.rollback(unavailable(&e)).await),
        };
        let mut head_of = BTreeMap::new();
        for (chain, row) in locks.iter().zip(&heads) {
            match rows::head(&PgRow(row), chain, 0) {
                Ok(head) => {
                    head_of.insert((*chain).clone(), head);
                }
                Err(e) => return Err(open.rollback(e).await),
            }
        }
        let mut cases = BTreeMap::new();
        for row in &found {
            match rows::case_record(&PgRow(row)) {
                Ok(case) => {
                    cases.insert(case.id.0, case);
                }
                Err(e) => return Err(open.rollback(e).await),
            }
        }
        let mut audit = Vec::new();
        let mut answers = Vec::with_capacity(group.len());
        for (p, chain) in group.iter().zip(&chains) {
            let (Some(case), Some(head)) = (cases.get(&p.id.0), head_of.get_mut(chain)) else {
                answers.push(Err(StoreError::NotFound {
                    what: format!("case {}", p.id),
                }));
                continue;
            };
            let detail = serde_json::json!({ "reason": p.purpose.reason }).to_string();
            let record = next_record(
                head,
                p.at,
                &p.reader,
                "case.read",
                p.purpose.basis(&case.kind),
                Some(p.id.0),
                &detail,
            );
            head.seq = record.seq;
            head.hash = record.hash.clone();
            audit.push(store::write::audit_row(&record));
            answers.push(Ok(case.clone()));
        }
        if let Err(e) = write_rows(c, audit).await {
            return Err(open.rollback(e).await);
        }
        open.finish();
        Ok(answers)
    }

    /// Applies `group` in one transaction and gives each command its answer; an error means nothing was
    /// written.
    async fn apply_group(&self, group: &[Pending]) -> Result<Vec<Result<Applied, StoreError>>, StoreError> {
        let fingerprints: Vec<String> = group.iter().map(|p| p.cmd.fingerprint()).collect();
        let args: Vec<ReadArgs<'_>> = group.iter().map(|p| ReadArgs::of(&p.cmd)).collect();
        let chains: Vec<String> = group.iter().map(|p| chain_of(&p.cmd)).collect();
        let locks: Vec<&String> = chains.iter().collect::<BTreeSet<_>>().into_iter().collect();
        let client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        let (lock, read) = try_join(
            client.prepare_cached(sql::LOCK_HEAD),
            client.prepare_cached(READ_FOR_GROUP),
        )
        .await
        .map_err(|e| unavailable(&e))?;
        let open = Open(Some(client));
        let c = open.client()?;
        // Round trip 1: BEGIN, the locks in chain order, and the reads of every command in one statement.
        let keys: Vec<&str> = args.iter().map(|a| a.key).collect();
        let targets: Vec<i64> = args.iter().map(|a| a.target).collect();
        let quota_years: Vec<i64> = args.iter().map(|a| a.quota_year).collect();
        let quota_territories: Vec<&str> = args.iter().map(|a| a.quota_territory).collect();
        let quota_categories: Vec<&str> = args.iter().map(|a| a.quota_category).collect();
        let regions: Vec<&str> = args.iter().map(|a| a.region).collect();
        let years: Vec<i64> = args.iter().map(|a| a.year).collect();
        let lock_params: Vec<[&(dyn ToSql + Sync); 1]> = locks
            .iter()
            .map(|chain| -> [&(dyn ToSql + Sync); 1] { [*chain] })
            .collect();
        let began = try_join(
            c.batch_execute("BEGIN"),
            try_join(
                try_join_all(lock_params.iter().map(|p| c.query_one(&lock, p))),
                c.query(
                    &read,
                    &[
                        &keys,
                        &targets,
                        &quota_years,
                        &quota_territories,
                        &quota_categories,
                        &regions,
                        &years,
                    ],
                ),
            ),
        )
        .await;
        let (heads, reads) = match began {
            Ok((_, (heads, reads))) if reads.len() == group.len() => (heads, reads),
            Ok(_) => {
                let e = StoreError::Unavailable("the group's read did not give one row per command".into());
                return Err(open.rollback(e).await);
            }
            Err(e) => return Err(open.rollback(unavailable(&e)).await),
        };
        let mut head_of = BTreeMap::new();
        for (chain, row) in locks.iter().zip(&heads) {
            match rows::head(&PgRow(row), chain, 0) {
                Ok(head) => {
                    head_of.insert((*chain).clone(), head);
                }
                Err(e) => return Err(open.rollback(e).await),
            }
        }
        let mut decided = Vec::with_capacity(group.len());
        for (((p, fingerprint), chain), row) in group.iter().zip(&fingerprints).zip(&chains).zip(&reads) {
            let head = head_of.get(chain).cloned().unwrap_or_default();
            match rows::seen(&PgRow(row), head) {
                Ok(seen) => decided.push((&p.cmd, fingerprint.as_str(), seen)),
                Err(e) => return Err(open.rollback(e).await),
            }
        }
        let plans = plan_batch(&decided);
        let mut rows = Vec::new();
        for ((cmd, fingerprint, _), planned) in decided.iter().zip(&plans) {
            if let Ok(Plan::Write(w)) = planned {
                rows.extend(rows_of(cmd, fingerprint, w));
            }
        }
        // Round trip 2: every row, one statement per table, and COMMIT.
        let result = write_rows(c, rows).await;
        if let Err(e) = result {
            return Err(open.rollback(e).await);
        }
        open.finish();
        Ok(plans
            .into_iter()
            .map(|p| match p {
                Ok(Plan::Write(w)) => Ok(w.applied),
                Ok(Plan::Replay(first)) => Ok(first),
                Err(e) => Err(e),
            })
            .collect())
    }
}

/// Sends the group's statements (one per table, its rows as arrays) and COMMIT together; an error leaves the
/// transaction to be rolled back.
pub(crate) async fn write_rows(
    c: &deadpool_postgres::ClientWrapper,
    rows: Vec<store::write::Row>,
) -> Result<(), StoreError> {
    let tables = group_columns(rows);
    let prepared = try_join_all(tables.iter().map(|(table, _)| c.prepare_cached(group_sql(*table))))
        .await
        .map_err(|e| unavailable(&e))?;
    let params: Vec<Vec<&(dyn ToSql + Sync)>> = tables
        .iter()
        .map(|(_, columns)| columns.iter().map(Column::as_param).collect())
        .collect();
    let runs = params
        .iter()
        .zip(&prepared)
        .map(|(p, statement)| c.execute(statement, p));
    let (written, committed) = futures_util::future::join(try_join_all(runs), c.batch_execute("COMMIT")).await;
    written.map_err(|e| unavailable(&e))?;
    committed.map_err(|e| unavailable(&e))
}
