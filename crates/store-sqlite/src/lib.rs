//! The SQLite adapter of the [`store::Store`] port: the embedded default.
//!
//! One writer connection behind a mutex (SQLite has one writer at a time anyway) and a few reader connections;
//! WAL so readers never block the writer, `synchronous = FULL` so a committed decision survives a power cut.
//! Every write is an `IMMEDIATE` transaction, so it holds the write lock from its first statement and can never
//! fail half-way on a lock upgrade. Statements are prepared once per connection and cached; work runs on
//! tokio's blocking pool, one hand-off per command.
//!
//! The database is untrusted input: rows are parsed back through the domain parsers and a bad one is
//! [`StoreError::Corrupt`], never a panic.

mod columns;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use jiff::Timestamp;
use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior, params};
use store::audit::{GENESIS, Verifier, combine};
use store::plan::{Head, Plan, ReadArgs, Seen, chain_of, next_record, plan, region_of, region_of_case};
use store::{
    Actor, Admin, Applied, AuditReport, CaseId, CaseRecord, Command, IdempotencyKey, Quota, QuotaKey, QuotaUnit,
    ReadPurpose, Store, StoreError, Table, sql,
};

use store::rows;
use store::write::{Value, WriteTable, case_query_args, rows_of};

use crate::columns::SqliteRow;

/// Schema versions, applied in order; `PRAGMA user_version` records the last one applied.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_core.sql"),
    include_str!("../migrations/0002_sandbox.sql"),
    include_str!("../migrations/0003_accounts.sql"),
    include_str!("../migrations/0004_login_failures.sql"),
    include_str!("../migrations/0005_queues_outbox.sql"),
    include_str!("../migrations/0006_law_amendments.sql"),
    include_str!("../migrations/0007_case_members.sql"),
    include_str!("../migrations/0008_audit_head_per_statement.sql"),
    include_str!("../migrations/0009_service_platform.sql"),
    include_str!("../migrations/0014_quota_service.sql"),
    include_str!("../migrations/0015_documents_issued.sql"),
    include_str!("../migrations/0020_ledger.sql"),
    include_str!("../migrations/0021_cases_by_kind_state_id.sql"),
];

/// Reader connections kept open.
const READERS: usize = 4;

fn unavailable(e: &rusqlite::Error) -> StoreError {
    let text = e.to_string();
    // The unique index `cases_one_open_quota` (migration 0014): SQLite names its columns, not the index.
    if text.contains("UNIQUE constraint failed: cases.applicant_kind, cases.applicant") {
        return StoreError::Duplicate {
            what: "open quota application".into(),
        };
    }
    StoreError::Unavailable(text)
}

/// The shared statements with SQLite's `?N` placeholders.
fn q(statement: &str) -> String {
    statement.replace('$', "?")
}

struct Statements {
    read_for_command: String,
    lock_head: String,
    heads: String,
    chains: String,
    /// The statements of `store::write`, in `WriteTable::ALL` order.
    writes: Vec<String>,
    insert_audit: String,
    select_case: String,
    select_quota: String,
    upsert_quota: String,
    count_cases: String,
    audit_page: String,
    raw_insert: String,
}

impl Statements {
    fn write(&self, table: WriteTable) -> &str {
        let i = WriteTable::ALL.iter().position(|t| *t == table).unwrap_or_default();
        self.writes.get(i).map_or("", String::as_str)
    }

    fn new() -> Statements {
        Statements {
            read_for_command: q(sql::READ_FOR_COMMAND),
            lock_head: q(sql::LOCK_HEAD),
            heads: q(sql::HEADS),
            chains: q(sql::CHAINS),
            writes: WriteTable::ALL.iter().map(|t| q(t.sql())).collect(),
            insert_audit: q(sql::INSERT_AUDIT),
            select_case: q(sql::SELECT_CASE),
            select_quota: q(sql::SELECT_QUOTA),
            upsert_quota: q(sql::UPSERT_QUOTA),
            count_cases: q(sql::COUNT_CASES),
            audit_page: q(sql::AUDIT_PAGE),
            raw_insert: q(sql::RAW_INSERT),
        }
    }
}

/// What a queued write does once it runs: its result goes to its caller after the group's COMMIT.
type Deliver = Box<dyn FnOnce(Result<(), StoreError>) + Send>;
/// A queued write: runs inside the group's transaction (or is told the group could not begin, `None`) and says
/// whether its changes are to be kept.
type Job = Box<dyn FnOnce(Option<(&rusqlite::Transaction<'_>, &Statements)>) -> (bool, Deliver) + Send>;

/// Writes wait here for the writer; whoever holds the writer runs all that wait in one transaction.
const GROUP: usize = 64;

struct Inner {
    path: PathBuf,
    queue: Mutex<std::collections::VecDeque<Job>>,
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
    sql: Statements,
}

/// The store over one SQLite file.
#[derive(Clone)]
pub struct SqliteStore {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore")
            .field("path", &self.inner.path)
            .finish_non_exhaustive()
    }
}

fn open_connection(path: &Path) -> Result<Connection, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| unavailable(&e))?;
    conn.busy_timeout(Duration::from_secs(10))
        .map_err(|e| unavailable(&e))?;
    // WAL: readers never block the writer. FULL: a committed decision survives a power cut.
    // temp_store MEMORY: the savepoint journal of a group of commands stays in memory instead of spilling
    // to a temporary file past 64 KiB (the group is bounded, and a crash needs none of it).
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;",
    )
    .map_err(|e| unavailable(&e))?;
    // Plans that do not depend on bound values: otherwise SQLite marks a statement whose plan looked at a
    // bound value to be prepared again whenever that value changes, and every command's read was parsed and
    // planned anew.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)
        .map_err(|e| unavailable(&e))?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(conn)
}

fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| unavailable(&e))?;
    let applied: i64 = tx
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| unavailable(&e))?;
    for (version, script) in (1i64..).zip(MIGRATIONS) {
        if version > applied {
            tx.execute_batch(script).map_err(|e| unavailable(&e))?;
            tx.execute_batch(&format!("PRAGMA user_version = {version}"))
                .map_err(|e| unavailable(&e))?;
        }
    }
    tx.commit().map_err(|e| unavailable(&e))
}

fn lock<T>(m: &Mutex<T>) -> Result<MutexGuard<'_, T>, StoreError> {
    m.lock()
        .map_err(|_| StoreError::Unavailable("a database connection was poisoned by a panic".into()))
}

/// Runs blocking database work off the async threads.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
) -> Result<T, StoreError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| StoreError::Unavailable(format!("database task: {e}")))?
}

/// Takes the writer and runs queued writes in groups until the queue is empty.
fn drain(inner: &Inner) {
    let Ok(mut conn) = inner.writer.lock() else { return };
    loop {
        let jobs: Vec<Job> = match inner.queue.lock() {
            Ok(mut queue) => {
                let n = queue.len().min(GROUP);
                queue.drain(..n).collect()
            }
            Err(_) => return,
        };
        if jobs.is_empty() {
            return;
        }
        let tx = match conn.transaction_with_behavior(TransactionBehavior::Immediate) {
            Ok(tx) => tx,
            Err(e) => {
                for job in jobs {
                    let (_, deliver) = job(None);
                    deliver(Err(unavailable(&e)));
                }
                continue;
            }
        };
        let mut delivers = Vec::with_capacity(jobs.len());
        let mut broken = None;
        for job in jobs {
            if let Err(e) = tx.execute_batch("SAVEPOINT job") {
                broken = Some(unavailable(&e));
            }
            let (keep, deliver) = job(Some((&tx, &inner.sql)));
            let undo = if keep {
                "RELEASE job"
            } else {
                "ROLLBACK TO job; RELEASE job"
            };
            if let Err(e) = tx.execute_batch(undo) {
                broken = Some(unavailable(&e));
            }
            delivers.push(deliver);
        }
        let committed = match broken {
            Some(e) => Err(e),
            None => tx.commit().map_err(|e| unavailable(&e)),
        };
        for deliver in delivers {
            deliver(committed.clone());
        }
    }
}

fn one_row(changed: usize, what: &str) -> Result<(), StoreError> {
    if changed == 1 {
        Ok(())
    } else {
        Err(StoreError::Unavailable(format!(
            "{what}: {changed} rows written, 1 expected"
        )))
    }
}

impl SqliteStore {
    /// Opens (creating if missing) `sqlite://PATH` or a plain path and brings the schema up to date.
    pub async fn open(location: &str) -> Result<SqliteStore, StoreError> {
        let path = PathBuf::from(
            location
                .strip_prefix("sqlite://")
                .or(location.strip_prefix("sqlite:"))
                .unwrap_or(location),
        );
        if path.as_os_str().is_empty() || path.to_str().is_some_and(|p| p.contains(":memory:")) {
            return Err(StoreError::Unavailable(
                "SQLite needs a file path (an in-memory database is one connection)".into(),
            ));
        }
        blocking(move || {
            let mut writer = open_connection(&path)?;
            migrate(&mut writer)?;
            Ok(SqliteStore {
                inner: Arc::new(Inner {
                    path,
                    queue: Mutex::new(std::collections::VecDeque::new()),
                    writer: Mutex::new(writer),
                    readers: Mutex::new(Vec::new()),
                    sql: Statements::new(),
                }),
            })
        })
        .await
    }

    /// Runs `f` inside a savepoint of the writer's IMMEDIATE transaction, keeping its changes when it returns
    /// `Ok(_, true)`; the answer comes after the transaction commits.
    ///
    /// Group commit: writes that arrive while the writer is busy wait in a queue, and the next holder of the
    /// writer runs them all (up to [`GROUP`]) in one transaction, each in its own savepoint, so a failing write
    /// is rolled back alone and one fsync serves them all. No answer is given before its write is durable.
    async fn write<T: Send + 'static>(
        &self,
        f: impl FnOnce(&rusqlite::Transaction<'_>, &Statements) -> Result<(T, bool), StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let (answer, wait) = tokio::sync::oneshot::channel::<Result<T, StoreError>>();
        let job: Job = Box::new(move |tx| {
            let Some((tx, s)) = tx else {
                // The group could not begin: the write did not run.
                let deliver: Deliver = Box::new(move |r: Result<(), StoreError>| {
                    let e = r
                        .err()
                        .unwrap_or_else(|| StoreError::Unavailable("the write did not run".into()));
                    drop(answer.send(Err(e)));
                });
                return (false, deliver);
            };
            match f(tx, s) {
                Ok((value, true)) => (
                    true,
                    Box::new(move |committed: Result<(), StoreError>| drop(answer.send(committed.map(|()| value)))),
                ),
                // Nothing to keep (a replay): the answer holds whatever the group's fate.
                Ok((value, false)) => (false, Box::new(move |_| drop(answer.send(Ok(value))))),
                Err(e) => (false, Box::new(move |_| drop(answer.send(Err(e))))),
            }
        });
        lock(&self.inner.queue)?.push_back(job);
        let inner = Arc::clone(&self.inner);
        // Fire and forget: the holder of the writer drains the queue; an empty queue ends the task at once.
        drop(tokio::task::spawn_blocking(move || drain(&inner)));
        wait.await
            .map_err(|_| StoreError::Unavailable("the writer stopped before answering".into()))?
    }

    /// Runs `f` on a reader connection.
    async fn read<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Connection, &Statements) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let inner = Arc::clone(&self.inner);
        blocking(move || {
            let conn = match lock(&inner.readers)?.pop() {
                Some(conn) => conn,
                None => open_connection(&inner.path)?,
            };
            let result = f(&conn, &inner.sql);
            let mut readers = lock(&inner.readers)?;
            if readers.len() < READERS {
                readers.push(conn);
            }
            result
        })
        .await
    }
}

fn read_seen(tx: &rusqlite::Transaction<'_>, s: &Statements, a: &ReadArgs<'_>, head: Head) -> Result<Seen, StoreError> {
    let args = params![
        a.key,
        a.target,
        a.quota_year,
        a.quota_territory,
        a.quota_category,
        a.region,
        a.year
    ];
    tx.prepare_cached(&s.read_for_command)
        .and_then(|mut st| st.query_row(args, |r| Ok(rows::seen(&SqliteRow(r), head))))
        .map_err(|e| unavailable(&e))?
}

/// Locks a chain's head (creating it on the chain's first write) and returns it.
fn lock_head(tx: &rusqlite::Transaction<'_>, s: &Statements, chain: &str) -> Result<Head, StoreError> {
    tx.prepare_cached(&s.lock_head)
        .and_then(|mut st| st.query_row([chain], |r| Ok(rows::head(&SqliteRow(r), chain, 0))))
        .map_err(|e| unavailable(&e))?
}

fn insert_audit(tx: &rusqlite::Transaction<'_>, s: &Statements, r: &store::AuditRecord) -> Result<(), StoreError> {
    let changed = tx
        .prepare_cached(&s.insert_audit)
        .and_then(|mut st| {
            st.execute(params![
                r.seq,
                r.at,
                r.account,
                r.role,
                r.on_behalf_of,
                r.channel,
                r.action,
                r.basis,
                r.case_id,
                r.detail,
                r.prev_hash,
                r.hash,
                r.chain
            ])
        })
        .map_err(|e| unavailable(&e))?;
    one_row(changed, "audit")
}

fn apply_in(tx: &rusqlite::Transaction<'_>, s: &Statements, cmd: &Command) -> Result<(Applied, bool), StoreError> {
    let fingerprint = cmd.fingerprint();
    let head = lock_head(tx, s, &chain_of(cmd))?;
    let seen = read_seen(tx, s, &ReadArgs::of(cmd), head)?;
    let plan = match plan(cmd, &fingerprint, &seen)? {
        Plan::Replay(first) => return Ok((first, false)),
        Plan::Write(plan) => plan,
    };
    write_plan(tx, s, cmd, &fingerprint, &plan)?;
    Ok((plan.applied, true))
}

/// Every row of a decided write, as `store::write` gives them: one statement per row, each changing exactly
/// one row.
fn write_plan(
    tx: &rusqlite::Transaction<'_>,
    s: &Statements,
    cmd: &Command,
    fingerprint: &str,
    plan: &store::plan::WritePlan,
) -> Result<(), StoreError> {
    for row in rows_of(cmd, fingerprint, plan) {
        let table = row.table;
        let values: Vec<rusqlite::types::Value> = row.values.into_iter().map(value).collect();
        let changed = tx
            .prepare_cached(s.write(table))
            .and_then(|mut st| st.execute(rusqlite::params_from_iter(values.iter())))
            .map_err(|e| unavailable(&e))?;
        // A revocation changes the document only while it is valid.
        if table != WriteTable::DocumentRevoke {
            one_row(changed, table.name())?;
        }
    }
    Ok(())
}

fn value(v: Value) -> rusqlite::types::Value {
    match v {
        Value::Null => rusqlite::types::Value::Null,
        Value::Int(i) => rusqlite::types::Value::Integer(i),
        Value::Text(t) => rusqlite::types::Value::Text(t),
        Value::Bytes(b) => rusqlite::types::Value::Blob(b),
    }
}

impl Store for SqliteStore {
    async fn add_amendment(
        &self,
        body: &str,
        summary: &str,
        expected: i64,
        actor: &Actor,
        basis: &str,
        at: Timestamp,
    ) -> Result<store::AmendmentRecord, StoreError> {
        let (body, summary, actor, basis) = (body.to_owned(), summary.to_owned(), actor.clone(), basis.to_owned());
        self.write(move |tx, s| {
            let head = lock_head(tx, s, "00")?;
            let last: i64 = tx
                .query_row(&q(sql::LAST_AMENDMENT), [], |r| r.get(0))
                .map_err(|e| unavailable(&e))?;
            if last != expected {
                return Err(StoreError::Changed {
                    what: "law amendments".into(),
                });
            }
            let record = store::AmendmentRecord {
                seq: expected + 1,
                at,
                account: actor.account().to_owned(),
                body,
            };
            tx.execute(
                &q(sql::INSERT_AMENDMENT),
                params![record.seq, record.at.to_string(), record.account, record.body],
            )
            .map_err(|e| unavailable(&e))?;
            let detail = serde_json::json!({ "amendment": record.seq, "summary": summary }).to_string();
            insert_audit(
                tx,
                s,
                &next_record(&head, at, &actor, "law.amend", &basis, None, &detail),
            )?;
            Ok((record, true))
        })
        .await
    }

    async fn list_quotas(&self, year: i16) -> Result<Vec<Quota>, StoreError> {
        self.read(move |conn, _| {
            let mut st = conn.prepare_cached(&q(sql::LIST_QUOTAS)).map_err(|e| unavailable(&e))?;
            st.query_map([i64::from(year)], |r| Ok(rows::quota_record(&SqliteRow(r))))
                .map_err(|e| unavailable(&e))?
                .map(|r| r.map_err(|e| unavailable(&e))?)
                .collect()
        })
        .await
    }

    async fn replay(&self, key: &IdempotencyKey) -> Result<Option<store::Replay>, StoreError> {
        let key = key.as_str().to_owned();
        self.read(move |conn, _| {
            conn.prepare_cached(&q(sql::REPLAY))
                .and_then(|mut st| st.query_row([key], |r| Ok(rows::replay(&SqliteRow(r)))).optional())
                .map_err(|e| unavailable(&e))?
                .transpose()
        })
        .await
    }

    async fn amendments(&self) -> Result<Vec<store::AmendmentRecord>, StoreError> {
        self.read(move |conn, _| {
            let mut st = conn.prepare_cached(&q(sql::AMENDMENTS)).map_err(|e| unavailable(&e))?;
            st.query_map([], |r| Ok(rows::amendment_record(&SqliteRow(r))))
                .map_err(|e| unavailable(&e))?
                .map(|r| r.map_err(|e| unavailable(&e))?)
                .collect()
        })
        .await
    }

    async fn ledger_by_order(&self, month: &str) -> Result<Vec<store::OrderBalance>, StoreError> {
        let month = month.to_owned();
        self.read(move |conn, _| {
            let mut st = conn
                .prepare_cached(&q(sql::LEDGER_BY_ORDER))
                .map_err(|e| unavailable(&e))?;
            st.query_map([month], |r| Ok(rows::order_balance(&SqliteRow(r))))
                .map_err(|e| unavailable(&e))?
                .map(|r| r.map_err(|e| unavailable(&e))?)
                .collect()
        })
        .await
    }

    async fn ledger_by_account(&self, month: &str) -> Result<Vec<store::AccountBalance>, StoreError> {
        let month = month.to_owned();
        self.read(move |conn, _| {
            let mut st = conn
                .prepare_cached(&q(sql::LEDGER_BY_ACCOUNT))
                .map_err(|e| unavailable(&e))?;
            st.query_map([month], |r| Ok(rows::account_balance(&SqliteRow(r))))
                .map_err(|e| unavailable(&e))?
                .map(|r| r.map_err(|e| unavailable(&e))?)
                .collect()
        })
        .await
    }

    async fn payment_totals(&self, measure: &str, period: &str) -> Result<store::PaymentTotals, StoreError> {
        let (measure, period) = (measure.to_owned(), period.to_owned());
        self.read(move |conn, _| {
            conn.prepare_cached(&q(sql::PAYMENT_TOTALS))
                .and_then(|mut st| st.query_row([measure, period], |r| Ok(rows::payment_totals(&SqliteRow(r)))))
                .map_err(|e| unavailable(&e))?
        })
        .await
    }

    async fn apply(&self, cmd: &Command) -> Result<Applied, StoreError> {
        let cmd = cmd.clone();
        self.write(move |tx, s| apply_in(tx, s, &cmd)).await
    }

    async fn read_case(
        &self,
        id: CaseId,
        reader: &Actor,
        purpose: &ReadPurpose,
        at: Timestamp,
    ) -> Result<CaseRecord, StoreError> {
        let (reader, purpose) = (reader.clone(), purpose.clone());
        self.write(move |tx, s| {
            // The case's chain first (its id says which), so the read and its record are in one locked step.
            let head = lock_head(tx, s, &region_of_case(id))?;
            let row = tx
                .prepare_cached(&s.select_case)
                .and_then(|mut st| {
                    st.query_row([id.0], |r| Ok(rows::case_record(&SqliteRow(r))))
                        .optional()
                })
                .map_err(|e| unavailable(&e))?;
            let case = row.ok_or_else(|| StoreError::NotFound {
                what: format!("case {id}"),
            })??;
            let detail = serde_json::json!({ "reason": purpose.reason }).to_string();
            let record = next_record(
                &head,
                at,
                &reader,
                "case.read",
                purpose.basis(&case.kind),
                Some(id.0),
                &detail,
            );
            insert_audit(tx, s, &record)?;
            Ok((case, true))
        })
        .await
    }

    async fn set_quota(
        &self,
        key: &QuotaKey,
        unit: QuotaUnit,
        total: u32,
        actor: &Actor,
        basis: &str,
        at: Timestamp,
    ) -> Result<Quota, StoreError> {
        let (key, actor, basis) = (key.clone(), actor.clone(), basis.to_owned());
        self.write(move |tx, s| {
            let args = params![i64::from(key.year), key.territory.as_str(), key.category.key()];
            let current = tx
                .prepare_cached(&s.select_quota)
                .and_then(|mut st| st.query_row(args, |r| Ok(rows::quota_record(&SqliteRow(r)))).optional())
                .map_err(|e| unavailable(&e))?
                .transpose()?;
            let allocated = current.as_ref().map_or(0, |q| q.allocated);
            if total < allocated {
                return Err(StoreError::QuotaBelowAllocated { key, allocated });
            }
            tx.prepare_cached(&s.upsert_quota)
                .and_then(|mut st| {
                    st.execute(params![
                        i64::from(key.year),
                        key.territory.as_str(),
                        key.category.key(),
                        unit.key(),
                        i64::from(total)
                    ])
                })
                .map_err(|e| unavailable(&e))?;
            let head = lock_head(tx, s, region_of(&key.territory))?;
            let detail = store::plan::quota_set_detail(&key, unit, total, current.as_ref().map(|q| q.total), allocated);
            insert_audit(
                tx,
                s,
                &next_record(&head, at, &actor, "quota.set", &basis, None, &detail),
            )?;
            Ok((
                Quota {
                    key,
                    unit,
                    total,
                    allocated,
                },
                true,
            ))
        })
        .await
    }

    async fn quota(&self, key: &QuotaKey) -> Result<Quota, StoreError> {
        let key = key.clone();
        self.read(move |conn, s| {
            conn.prepare_cached(&s.select_quota)
                .and_then(|mut st| {
                    st.query_row(
                        params![i64::from(key.year), key.territory.as_str(), key.category.key()],
                        |r| Ok(rows::quota_record(&SqliteRow(r))),
                    )
                    .optional()
                })
                .map_err(|e| unavailable(&e))?
                .ok_or_else(|| StoreError::NotFound {
                    what: format!("quota {key}"),
                })?
        })
        .await
    }

    async fn count_cases(&self, query: &store::CaseQuery) -> Result<u64, StoreError> {
        let args: Vec<rusqlite::types::Value> = case_query_args(query).into_iter().map(value).collect();
        self.read(move |conn, s| {
            let n: i64 = conn
                .prepare_cached(&s.count_cases)
                .and_then(|mut st| st.query_row(rusqlite::params_from_iter(args.iter()), |r| r.get(0)))
                .map_err(|e| unavailable(&e))?;
            u64::try_from(n).map_err(|e| StoreError::Corrupt {
                table: "cases",
                id: "count".into(),
                reason: e.to_string(),
            })
        })
        .await
    }

    async fn list_cases(&self, query: &store::CaseQuery) -> Result<Vec<CaseRecord>, StoreError> {
        let args: Vec<rusqlite::types::Value> = case_query_args(query).into_iter().map(value).collect();
        self.read(move |conn, _| {
            let mut st = conn.prepare_cached(&q(sql::LIST_CASES)).map_err(|e| unavailable(&e))?;
            let rows = st
                .query_map(rusqlite::params_from_iter(args.iter()), |r| {
                    Ok(rows::case_record(&SqliteRow(r)))
                })
                .map_err(|e| unavailable(&e))?;
            rows.map(|r| r.map_err(|e| unavailable(&e))?).collect()
        })
        .await
    }

    async fn cases_in_state(
        &self,
        kind: &str,
        state: &str,
        after: Option<CaseId>,
        limit: u32,
    ) -> Result<Vec<CaseRecord>, StoreError> {
        let (kind, state) = (kind.to_owned(), state.to_owned());
        let after = after.map_or(i64::MIN, |c| c.0);
        self.read(move |conn, _| {
            let mut st = conn
                .prepare_cached(&q(sql::CASES_IN_STATE))
                .map_err(|e| unavailable(&e))?;
            let rows = st
                .query_map(params![kind, state, after, i64::from(limit)], |r| {
                    Ok(rows::case_record(&SqliteRow(r)))
                })
                .map_err(|e| unavailable(&e))?;
            rows.map(|r| r.map_err(|e| unavailable(&e))?).collect()
        })
        .await
    }

    async fn case_counts(&self) -> Result<Vec<store::CaseCount>, StoreError> {
        self.read(|conn, _| {
            let mut st = conn.prepare_cached(&q(sql::CASE_COUNTS)).map_err(|e| unavailable(&e))?;
            st.query_map([], |r| Ok(rows::case_count(&SqliteRow(r))))
                .map_err(|e| unavailable(&e))?
                .map(|r| r.map_err(|e| unavailable(&e))?)
                .collect()
        })
        .await
    }

    async fn case_history(&self, id: CaseId) -> Result<(Vec<store::AuditRecord>, Vec<store::Evidence>), StoreError> {
        self.read(move |conn, _| {
            let mut audit = conn.prepare_cached(&q(sql::CASE_AUDIT)).map_err(|e| unavailable(&e))?;
            let records = audit
                .query_map(params![region_of_case(id), id.0], |r| {
                    Ok(rows::audit_record(&SqliteRow(r)))
                })
                .map_err(|e| unavailable(&e))?
                .map(|r| r.map_err(|e| unavailable(&e))?)
                .collect::<Result<Vec<_>, _>>()?;
            let mut evidence = conn
                .prepare_cached(&q(sql::CASE_EVIDENCE))
                .map_err(|e| unavailable(&e))?;
            let kept = evidence
                .query_map([id.0], |r| Ok(rows::evidence_record(&SqliteRow(r))))
                .map_err(|e| unavailable(&e))?
                .map(|r| r.map_err(|e| unavailable(&e))?)
                .collect::<Result<Vec<_>, _>>()?;
            Ok((records, kept))
        })
        .await
    }

    async fn case_of_party(&self, id: CaseId, party: &store::Party) -> Result<Option<CaseRecord>, StoreError> {
        let (kind, number) = (party.kind_key(), party.number().to_owned());
        self.read(move |conn, _| {
            conn.prepare_cached(&q(sql::SELECT_CASE_OF_PARTY))
                .and_then(|mut st| {
                    st.query_row(params![id.0, kind, number], |r| Ok(rows::case_record(&SqliteRow(r))))
                        .optional()
                })
                .map_err(|e| unavailable(&e))?
                .transpose()
        })
        .await
    }

    async fn case_file(&self, id: CaseId) -> Result<store::CaseFile, StoreError> {
        self.read(move |conn, _| {
            fn all<T>(
                conn: &Connection,
                statement: &str,
                id: i64,
                parse: fn(&SqliteRow<'_, '_>) -> Result<T, StoreError>,
            ) -> Result<Vec<T>, StoreError> {
                let mut st = conn.prepare_cached(&q(statement)).map_err(|e| unavailable(&e))?;
                st.query_map([id], |r| Ok(parse(&SqliteRow(r))))
                    .map_err(|e| unavailable(&e))?
                    .map(|r| r.map_err(|e| unavailable(&e))?)
                    .collect()
            }
            Ok(store::CaseFile {
                links: all(conn, sql::CASE_LINKS, id.0, |r| rows::link_record(r))?,
                documents: all(conn, sql::CASE_DOCUMENTS, id.0, |r| rows::document_record(r))?,
                payments: all(conn, sql::CASE_PAYMENTS, id.0, |r| rows::payment_record(r))?,
            })
        })
        .await
    }

    async fn document(&self, number: &str) -> Result<Option<store::DocumentRecord>, StoreError> {
        let number = number.to_owned();
        self.read(move |conn, _| {
            conn.prepare_cached(&q(sql::DOCUMENT_BY_NUMBER))
                .and_then(|mut st| {
                    st.query_row([number], |r| Ok(rows::document_record(&SqliteRow(r))))
                        .optional()
                })
                .map_err(|e| unavailable(&e))?
                .transpose()
        })
        .await
    }

    async fn document_pdf(&self, number: &str, lang: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let statement = match lang {
            "kk" => sql::DOCUMENT_PDF_KK,
            "ru" => sql::DOCUMENT_PDF_RU,
            _ => return Ok(None),
        };
        let number = number.to_owned();
        self.read(move |conn, _| {
            let found: Option<Option<Vec<u8>>> = conn
                .prepare_cached(&q(statement))
                .and_then(|mut st| st.query_row([number], |r| r.get(0)).optional())
                .map_err(|e| unavailable(&e))?;
            Ok(found.flatten())
        })
        .await
    }

    async fn record(&self, chain: &str, entry: &store::AuditEntry) -> Result<(), StoreError> {
        let (chain, entry) = (chain.to_owned(), entry.clone());
        self.write(move |tx, s| {
            let head = lock_head(tx, s, &chain)?;
            let record = next_record(
                &head,
                entry.at,
                &entry.actor,
                &entry.action,
                &entry.basis,
                None,
                &entry.detail,
            );
            insert_audit(tx, s, &record)?;
            Ok(((), true))
        })
        .await
    }

    async fn verify_audit(&self) -> Result<AuditReport, StoreError> {
        self.read(|conn, s| {
            // One read transaction: the head and the records are of the same moment.
            conn.execute_batch("BEGIN").map_err(|e| unavailable(&e))?;
            let result = (|| {
                let mut heads = std::collections::BTreeMap::new();
                let mut stmt = conn.prepare_cached(&s.heads).map_err(|e| unavailable(&e))?;
                let mut rows = stmt.query([]).map_err(|e| unavailable(&e))?;
                while let Some(row) = rows.next().map_err(|e| unavailable(&e))? {
                    let chain: String = row.get(0).map_err(|e| unavailable(&e))?;
                    let head = rows::head(&SqliteRow(row), &chain, 1)?;
                    heads.insert(chain, head);
                }
                drop(rows);
                // A chain with records and no head shows as broken: its head defaults to the genesis.
                let mut stmt = conn.prepare_cached(&s.chains).map_err(|e| unavailable(&e))?;
                let with_records: Vec<String> = stmt
                    .query_map([], |r| r.get(0))
                    .and_then(Iterator::collect)
                    .map_err(|e| unavailable(&e))?;
                for chain in with_records {
                    heads.entry(chain.clone()).or_insert(Head {
                        chain,
                        seq: 0,
                        hash: GENESIS.to_owned(),
                    });
                }
                let mut stmt = conn.prepare_cached(&s.audit_page).map_err(|e| unavailable(&e))?;
                let mut reports = Vec::new();
                for head in heads.values() {
                    let mut verifier = Verifier::new(&head.chain);
                    let mut after = i64::MIN;
                    'pages: loop {
                        let mut rows = stmt
                            .query(params![head.chain, after, sql::AUDIT_PAGE_SIZE])
                            .map_err(|e| unavailable(&e))?;
                        let mut any = false;
                        while let Some(row) = rows.next().map_err(|e| unavailable(&e))? {
                            any = true;
                            let record = rows::audit_record(&SqliteRow(row))?;
                            after = record.seq;
                            if !verifier.push(&record) {
                                break 'pages;
                            }
                        }
                        if !any {
                            break;
                        }
                    }
                    reports.push(verifier.finish(head.seq, &head.hash));
                }
                Ok(combine(reports))
            })();
            conn.execute_batch("COMMIT").map_err(|e| unavailable(&e))?;
            result
        })
        .await
    }
}

impl store::Outbox for SqliteStore {
    async fn enqueue(&self, message: &store::NewMessage, at: Timestamp) -> Result<i64, StoreError> {
        let message = message.clone();
        self.write(move |tx, _| {
            let id: i64 = tx
                .query_row(
                    &q(sql::ENQUEUE),
                    params![
                        message.channel,
                        message.recipient,
                        message.template,
                        message.args,
                        message.body,
                        store::sortable(at)
                    ],
                    |r| r.get(0),
                )
                .map_err(|e| unavailable(&e))?;
            Ok((id, true))
        })
        .await
    }

    async fn claim_messages(
        &self,
        worker: &str,
        now: Timestamp,
        until: Timestamp,
        limit: u32,
    ) -> Result<Vec<store::Message>, StoreError> {
        let worker = worker.to_owned();
        self.write(move |tx, _| {
            let mut st = tx
                .prepare_cached(&q(sql::CLAIM_MESSAGES_SERIAL))
                .map_err(|e| unavailable(&e))?;
            let claimed = st
                .query_map(
                    params![worker, store::sortable(until), store::sortable(now), i64::from(limit)],
                    |r| Ok(rows::message_record(&SqliteRow(r))),
                )
                .map_err(|e| unavailable(&e))?
                .map(|r| r.map_err(|e| unavailable(&e))?)
                .collect::<Result<Vec<_>, _>>()?;
            Ok((claimed, true))
        })
        .await
    }

    async fn mark_sent(&self, id: i64, worker: &str, at: Timestamp) -> Result<bool, StoreError> {
        let worker = worker.to_owned();
        self.write(move |tx, _| {
            let changed = tx
                .execute(&q(sql::MARK_SENT), params![id, worker, store::sortable(at)])
                .map_err(|e| unavailable(&e))?;
            Ok((changed == 1, true))
        })
        .await
    }

    async fn claim_job(&self, name: &str, holder: &str, now: Timestamp, until: Timestamp) -> Result<bool, StoreError> {
        let (name, holder) = (name.to_owned(), holder.to_owned());
        self.write(move |tx, _| {
            let got: Option<String> = tx
                .query_row(
                    &q(sql::CLAIM_JOB),
                    params![name, holder, store::sortable(until), store::sortable(now)],
                    |r| r.get(0),
                )
                .optional()
                .map_err(|e| unavailable(&e))?;
            Ok((got.is_some(), true))
        })
        .await
    }

    async fn messages_to(&self, recipient: &str, limit: u32) -> Result<Vec<store::Message>, StoreError> {
        let recipient = recipient.to_owned();
        self.read(move |conn, _| {
            let mut st = conn.prepare_cached(&q(sql::MESSAGES_TO)).map_err(|e| unavailable(&e))?;
            st.query_map(params![recipient, i64::from(limit)], |r| {
                Ok(rows::message_record(&SqliteRow(r)))
            })
            .map_err(|e| unavailable(&e))?
            .map(|r| r.map_err(|e| unavailable(&e))?)
            .collect()
        })
        .await
    }

    async fn recent_messages(&self, limit: u32) -> Result<Vec<store::Message>, StoreError> {
        self.read(move |conn, _| {
            let mut st = conn
                .prepare_cached(&q(sql::RECENT_MESSAGES))
                .map_err(|e| unavailable(&e))?;
            st.query_map([i64::from(limit)], |r| Ok(rows::message_record(&SqliteRow(r))))
                .map_err(|e| unavailable(&e))?
                .map(|r| r.map_err(|e| unavailable(&e))?)
                .collect()
        })
        .await
    }
}

impl store::Accounts for SqliteStore {
    async fn put_account(
        &self,
        account: &store::AccountRecord,
        actor: &Actor,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let (account, actor) = (account.clone(), actor.clone());
        self.write(move |tx, s| {
            let territory = account.territory.map(|k| k.as_str().to_owned());
            tx.execute(
                &q(sql::END_SESSIONS_ON_CHANGE),
                params![account.login, account.password_hash, account.role.key(), territory],
            )
            .map_err(|e| unavailable(&e))?;
            tx.execute(
                &q(sql::PUT_ACCOUNT),
                params![
                    account.login,
                    account.role.key(),
                    territory,
                    account.password_hash,
                    account.handle
                ],
            )
            .map_err(|e| unavailable(&e))?;
            let head = lock_head(tx, s, "00")?;
            let detail = store::write::account_detail(&account);
            insert_audit(
                tx,
                s,
                &next_record(
                    &head,
                    at,
                    &actor,
                    "account.put",
                    "account administration",
                    None,
                    &detail,
                ),
            )?;
            Ok(((), true))
        })
        .await
    }

    async fn list_accounts(&self, limit: u32) -> Result<Vec<store::AccountRecord>, StoreError> {
        self.read(move |conn, _| {
            let mut st = conn
                .prepare_cached(&q(sql::LIST_ACCOUNTS))
                .map_err(|e| unavailable(&e))?;
            st.query_map([i64::from(limit)], |r| Ok(rows::account_record(&SqliteRow(r))))
                .map_err(|e| unavailable(&e))?
                .map(|r| r.map_err(|e| unavailable(&e))?)
                .collect()
        })
        .await
    }

    async fn account(&self, login: &str) -> Result<Option<store::AccountRecord>, StoreError> {
        let login = login.to_owned();
        self.read(move |conn, _| {
            conn.prepare_cached(&q(sql::GET_ACCOUNT))
                .and_then(|mut st| {
                    st.query_row([login], |r| Ok(rows::account_record(&SqliteRow(r))))
                        .optional()
                })
                .map_err(|e| unavailable(&e))?
                .transpose()
        })
        .await
    }

    async fn put_session(
        &self,
        token_hash: &str,
        login: &str,
        csrf: &str,
        expires_at: Timestamp,
        otp_hash: Option<&str>,
    ) -> Result<(), StoreError> {
        let (token_hash, login, csrf) = (token_hash.to_owned(), login.to_owned(), csrf.to_owned());
        let otp_hash = otp_hash.map(str::to_owned);
        self.write(move |tx, _| {
            tx.execute(
                &q(sql::PUT_SESSION),
                params![token_hash, login, csrf, store::sortable(expires_at), otp_hash],
            )
            .map_err(|e| unavailable(&e))?;
            Ok(((), true))
        })
        .await
    }

    async fn confirm_session(&self, token_hash: &str) -> Result<(), StoreError> {
        let token_hash = token_hash.to_owned();
        self.write(move |tx, _| {
            tx.execute(&q(sql::CONFIRM_SESSION), [token_hash])
                .map_err(|e| unavailable(&e))?;
            Ok(((), true))
        })
        .await
    }

    async fn otp_failed(&self, token_hash: &str) -> Result<u32, StoreError> {
        let token_hash = token_hash.to_owned();
        self.write(move |tx, _| {
            let n: Option<i64> = tx
                .query_row(&q(sql::OTP_FAILED), [token_hash], |r| r.get(0))
                .optional()
                .map_err(|e| unavailable(&e))?;
            Ok((n.map_or(u32::MAX, |n| u32::try_from(n).unwrap_or(u32::MAX)), true))
        })
        .await
    }

    async fn set_lang(&self, login: &str, lang: &str) -> Result<(), StoreError> {
        let (login, lang) = (login.to_owned(), lang.to_owned());
        self.write(move |tx, _| {
            tx.execute(&q(sql::SET_LANG), params![login, lang])
                .map_err(|e| unavailable(&e))?;
            Ok(((), true))
        })
        .await
    }

    async fn session(&self, token_hash: &str, now: Timestamp) -> Result<Option<store::SessionRecord>, StoreError> {
        let token_hash = token_hash.to_owned();
        let found = self
            .read(move |conn, _| {
                conn.prepare_cached(&q(sql::GET_SESSION))
                    .and_then(|mut st| {
                        st.query_row([token_hash], |r| Ok(rows::session_record(&SqliteRow(r))))
                            .optional()
                    })
                    .map_err(|e| unavailable(&e))?
                    .transpose()
            })
            .await?;
        Ok(found.filter(|s| s.expires_at > now))
    }

    async fn login_attempt(
        &self,
        login: &str,
        source: &str,
        at: Timestamp,
        since: Timestamp,
    ) -> Result<store::Attempts, StoreError> {
        let (login, source) = (login.to_owned(), source.to_owned());
        // One writer at a time: the insert and the counts are never interleaved with another attempt's.
        self.write(move |tx, _| {
            let id: i64 = tx
                .query_row(
                    &q(sql::LOGIN_ATTEMPT),
                    params![login, source, store::sortable(at)],
                    |r| r.get(0),
                )
                .map_err(|e| unavailable(&e))?;
            let attempts = tx
                .query_row(
                    &q(sql::LOGIN_ATTEMPTS),
                    params![login, source, store::sortable(since), id],
                    |r| Ok(rows::attempts(&SqliteRow(r))),
                )
                .map_err(|e| unavailable(&e))??;
            Ok((attempts, true))
        })
        .await
    }

    async fn clear_login_attempts(&self, login: &str) -> Result<(), StoreError> {
        let login = login.to_owned();
        self.write(move |tx, _| {
            tx.execute(&q(sql::CLEAR_LOGIN_ATTEMPTS), [login])
                .map_err(|e| unavailable(&e))?;
            Ok(((), true))
        })
        .await
    }

    async fn drop_session(&self, token_hash: &str) -> Result<(), StoreError> {
        let token_hash = token_hash.to_owned();
        self.write(move |tx, _| {
            tx.execute(&q(sql::DROP_SESSION), [token_hash])
                .map_err(|e| unavailable(&e))?;
            Ok(((), true))
        })
        .await
    }

    async fn sessions_of(&self, login: &str, now: Timestamp) -> Result<Vec<store::SessionSummary>, StoreError> {
        let login = login.to_owned();
        let all: Vec<store::SessionSummary> = self
            .read(move |conn, _| {
                let mut st = conn
                    .prepare_cached(&q(sql::LIST_SESSIONS))
                    .map_err(|e| unavailable(&e))?;
                st.query_map([login], |r| Ok(rows::session_summary(&SqliteRow(r))))
                    .map_err(|e| unavailable(&e))?
                    .map(|r| r.map_err(|e| unavailable(&e))?)
                    .collect()
            })
            .await?;
        Ok(all.into_iter().filter(|s| s.expires_at > now).collect())
    }

    async fn end_sessions(&self, login: &str, keep: Option<&str>) -> Result<u64, StoreError> {
        let (login, keep) = (login.to_owned(), keep.unwrap_or_default().to_owned());
        self.write(move |tx, _| {
            let n = tx
                .execute(&q(sql::END_SESSIONS), params![login, keep])
                .map_err(|e| unavailable(&e))?;
            Ok((u64::try_from(n).unwrap_or(u64::MAX), true))
        })
        .await
    }
}

impl Admin for SqliteStore {
    async fn execute_unchecked(&self, sql: &str) -> Result<u64, StoreError> {
        let sql = sql.to_owned();
        let inner = Arc::clone(&self.inner);
        blocking(move || {
            let conn = lock(&inner.writer)?;
            conn.execute_batch(&sql).map_err(|e| unavailable(&e))?;
            Ok(conn.changes())
        })
        .await
    }

    async fn count_rows(&self, table: Table) -> Result<i64, StoreError> {
        self.read(move |conn, _| {
            conn.query_row(&format!("SELECT COUNT(*) FROM {}", table.name()), [], |r| r.get(0))
                .map_err(|e| unavailable(&e))
        })
        .await
    }

    async fn raw_reset(&self) -> Result<(), StoreError> {
        self.execute_unchecked(&format!(
            "{}; {}; {}",
            sql::RAW_TABLE,
            sql::RAW_CLEAR,
            sql::RAW_COMMAND_CLEAR
        ))
        .await
        .map(|_| ())
    }

    async fn raw_insert(&self, id: i64, payload: &str) -> Result<(), StoreError> {
        let payload = payload.to_owned();
        let inner = Arc::clone(&self.inner);
        blocking(move || {
            let conn = lock(&inner.writer)?;
            let changed = conn
                .prepare_cached(&inner.sql.raw_insert)
                .and_then(|mut st| st.execute(params![id, payload]))
                .map_err(|e| unavailable(&e))?;
            one_row(changed, "bench_raw")
        })
        .await
    }

    async fn raw_command(&self, cmd: &Command, n: i64) -> Result<(), StoreError> {
        let cmd = cmd.clone();
        self.write(move |tx, s| {
            let plan = store::plan::raw_plan(&cmd, n);
            write_plan(tx, s, &cmd, "raw", &plan)?;
            Ok(((), true))
        })
        .await
    }

    async fn raw_rows(&self, rows: Vec<store::write::Row>) -> Result<(), StoreError> {
        self.write(move |tx, s| {
            for row in rows {
                let values: Vec<rusqlite::types::Value> = row.values.into_iter().map(value).collect();
                tx.prepare_cached(s.write(row.table))
                    .and_then(|mut st| st.execute(rusqlite::params_from_iter(values.iter())))
                    .map_err(|e| unavailable(&e))?;
            }
            Ok(((), true))
        })
        .await
    }

    async fn ping(&self) -> Result<(), StoreError> {
        self.read(|conn, _| conn.query_row("SELECT 1", [], |_| Ok(())).map_err(|e| unavailable(&e)))
            .await
    }

    async fn audit_records(&self) -> Result<Vec<store::AuditRecord>, StoreError> {
        self.read(|conn, _| {
            let mut st = conn.prepare_cached(&q(sql::ALL_AUDIT)).map_err(|e| unavailable(&e))?;
            st.query_map([], |r| Ok(rows::audit_record(&SqliteRow(r))))
                .map_err(|e| unavailable(&e))?
                .map(|r| r.map_err(|e| unavailable(&e))?)
                .collect()
        })
        .await
    }

    async fn quota_digests(&self) -> Result<Vec<(String, String)>, StoreError> {
        self.read(|conn, _| {
            let mut st = conn.prepare_cached(&q(sql::ALL_QUOTAS)).map_err(|e| unavailable(&e))?;
            st.query_map([], |r| Ok(rows::quota_digest(&SqliteRow(r))))
                .map_err(|e| unavailable(&e))?
                .map(|r| r.map_err(|e| unavailable(&e))?)
                .collect()
        })
        .await
    }

    async fn case_digests(&self) -> Result<Vec<(i64, String)>, StoreError> {
        self.read(|conn, _| {
            let mut st = conn.prepare_cached(&q(sql::CASE_ROWS)).map_err(|e| unavailable(&e))?;
            st.query_map([], |r| Ok(rows::case_digest(&SqliteRow(r))))
                .map_err(|e| unavailable(&e))?
                .map(|r| r.map_err(|e| unavailable(&e))?)
                .collect()
        })
        .await
    }

    async fn sandbox_reset(&self, seed: u64, persons: u64) -> Result<(), StoreError> {
        let (seed, persons) = (
            i64::from_ne_bytes(seed.to_ne_bytes()),
            i64::try_from(persons).unwrap_or(i64::MAX),
        );
        self.write(move |tx, _| {
            tx.execute(sql::SANDBOX_CLEAR, []).map_err(|e| unavailable(&e))?;
            tx.execute(&q(sql::SANDBOX_META), params![seed, persons])
                .map_err(|e| unavailable(&e))?;
            Ok(((), true))
        })
        .await
    }

    async fn sandbox_insert(&self, rows: Vec<store::SandboxRow>) -> Result<(), StoreError> {
        self.write(move |tx, _| {
            let mut insert = tx
                .prepare_cached(&q(sql::SANDBOX_INSERT))
                .map_err(|e| unavailable(&e))?;
            for r in &rows {
                insert
                    .execute(params![
                        r.iin,
                        r.household,
                        r.kinship,
                        r.surname,
                        r.given,
                        r.patronymic,
                        r.latin,
                        r.sex,
                        r.birth_date,
                        r.citizen,
                        r.nationality,
                        r.kato,
                        r.registered_since,
                        r.kandas_since,
                        r.job_seeker_since,
                        r.owns_home,
                        r.employer_bin
                    ])
                    .map_err(|e| unavailable(&e))?;
            }
            Ok(((), true))
        })
        .await
    }

    async fn close(&self) {
        // Connections close when the last handle is dropped; WAL is checkpointed then.
        if let Ok(mut readers) = self.inner.readers.lock() {
            readers.clear();
        }
    }
}

impl store::Attachments for SqliteStore {
    async fn put_attachment(
        &self,
        file: &store::NewAttachment,
        at: Timestamp,
    ) -> Result<store::AttachmentId, StoreError> {
        let file = file.clone();
        self.write(move |tx, _| {
            let size = i64::try_from(file.body.len()).map_err(|e| StoreError::Unavailable(e.to_string()))?;
            let id: i64 = tx
                .query_row(
                    &q(sql::INSERT_ATTACHMENT),
                    params![
                        file.owner.kind_key(),
                        file.owner.number(),
                        file.name,
                        file.content_type,
                        size,
                        file.sha256,
                        file.body,
                        store::sortable(at)
                    ],
                    |r| r.get(0),
                )
                .map_err(|e| unavailable(&e))?;
            Ok((store::AttachmentId(id), true))
        })
        .await
    }

    async fn attachment(
        &self,
        id: store::AttachmentId,
    ) -> Result<Option<(store::AttachmentRecord, Vec<u8>)>, StoreError> {
        self.read(move |conn, _| {
            let mut st = conn
                .prepare_cached(&q(sql::SELECT_ATTACHMENT))
                .map_err(|e| unavailable(&e))?;
            let mut rows = st.query([id.0]).map_err(|e| unavailable(&e))?;
            let Some(row) = rows.next().map_err(|e| unavailable(&e))? else {
                return Ok(None);
            };
            let record = rows::attachment_record(&SqliteRow(row))?;
            let body: Vec<u8> = row.get(8).map_err(|e| unavailable(&e))?;
            Ok(Some((record, body)))
        })
        .await
    }

    async fn attachments(&self, ids: &[store::AttachmentId]) -> Result<Vec<store::AttachmentRecord>, StoreError> {
        let ids = ids.to_vec();
        self.read(move |conn, _| {
            let mut st = conn
                .prepare_cached(&q(sql::SELECT_ATTACHMENT))
                .map_err(|e| unavailable(&e))?;
            let mut out = Vec::new();
            for id in ids {
                let mut rows = st.query([id.0]).map_err(|e| unavailable(&e))?;
                if let Some(row) = rows.next().map_err(|e| unavailable(&e))? {
                    out.push(rows::attachment_record(&SqliteRow(row))?);
                }
            }
            out.sort_by_key(|a| a.id);
            Ok(out)
        })
        .await
    }
}
