//! The PostgreSQL adapter of the [`store::Store`] port, for several `qonys serve` instances on one database.
//!
//! A command alone is four round trips whatever its size: BEGIN; the chain-head lock and the read of everything
//! the command depends on (pipelined); every write (pipelined); COMMIT. Commands that arrive together are
//! written together, one transaction and one multi-row statement per table for the group (`group`).
//! Statements are prepared once per connection.
//! Writers queue on the `audit_head` row lock, so what a command read cannot change before it commits; the
//! quota's `CHECK (allocated <= total)` holds even against a write that bypasses the adapter.
//!
//! The database is untrusted input: rows are parsed back through the domain parsers and a bad one is
//! [`StoreError::Corrupt`], never a panic.

mod bind;
mod columns;
mod group;

use std::str::FromStr;

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Transaction};
// `try_join` and `try_join_all` poll in argument order, so requests go out in that order: a pipeline.
use futures_util::future::{BoxFuture, FutureExt, try_join, try_join_all};
use jiff::Timestamp;
use store::audit::{AuditRecord, GENESIS, Verifier, combine};
use store::plan::{Head, Plan, ReadArgs, chain_of, next_record, plan, region_of, region_of_case};
use store::write::{WriteTable, rows_of};
use store::{
    Actor, Admin, Applied, AuditReport, CaseId, CaseRecord, Command, IdempotencyKey, Quota, QuotaKey, QuotaUnit,
    ReadPurpose, Store, StoreError, Table, sql,
};
use tokio_postgres::NoTls;
use tokio_postgres::types::ToSql;

use store::rows;

use crate::columns::PgRow;

/// Schema versions, applied in order under an advisory lock (several instances may start at once).
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

/// Any number, the same in every instance: the advisory lock that serialises migrations.
const MIGRATION_LOCK: i64 = 0x0071_6f6e_7973;

const POOL_SIZE: usize = 16;

// The updates of a command, made to fail (division by zero) when they would touch no row, so that a write the
// read under the lock did not foresee aborts the transaction instead of committing around it. They are
// `sql::UPDATE_CASE`, `sql::ALLOCATE` and `sql::RELEASE` inside that guard.
const UPDATE_CASE_OR_FAIL: &str = "\
WITH u AS (UPDATE cases SET state = $1, payload = $2, version = version + 1, updated_at = $3, due_on = $6 \
WHERE id = $4 AND version = $5 RETURNING 1) SELECT 1 / COUNT(*) FROM u";
const CHANGE_QUOTA_OR_FAIL: &str = "\
WITH u AS (UPDATE quotas SET allocated = allocated + $1 \
WHERE year = $2 AND territory = $3 AND category = $4 AND allocated + $1 BETWEEN 0 AND total RETURNING 1) \
SELECT 1 / COUNT(*) FROM u";

fn unavailable(e: &impl PgErrorText) -> StoreError {
    let text = e.text();
    if text.contains("cases_one_open_quota") {
        return StoreError::Duplicate {
            what: "open quota application".into(),
        };
    }
    StoreError::Unavailable(text)
}

/// Error text with the server's message where there is one.
trait PgErrorText {
    fn text(&self) -> String;
}

impl PgErrorText for tokio_postgres::Error {
    fn text(&self) -> String {
        describe(self)
    }
}

impl PgErrorText for deadpool_postgres::PoolError {
    fn text(&self) -> String {
        match self {
            deadpool_postgres::PoolError::Backend(e) => describe(e),
            other => other.to_string(),
        }
    }
}

impl PgErrorText for deadpool_postgres::BuildError {
    fn text(&self) -> String {
        self.to_string()
    }
}

/// A driver error with the server's own message ("db error" alone says nothing).
fn describe(e: &tokio_postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("{}: {} ({})", e, db.message(), db.code().code()),
        None => e.to_string(),
    }
}

/// The store over one PostgreSQL database.
#[derive(Clone)]
pub struct PgStore {
    pool: Pool,
    /// Commands waiting to be written together (group commit).
    group: std::sync::Arc<group::Group>,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore").field("pool", &self.pool.status()).finish()
    }
}

impl PgStore {
    /// Connects to `postgres://…` and brings the schema up to date.
    pub async fn connect(url: &str) -> Result<PgStore, StoreError> {
        let config = tokio_postgres::Config::from_str(url).map_err(|e| unavailable(&e))?;
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(POOL_SIZE)
            .build()
            .map_err(|e| unavailable(&e))?;
        let store = PgStore {
            pool,
            group: std::sync::Arc::default(),
        };
        store.migrate().await?;
        Ok(store)
    }

    /// Creates the empty database `name` on the server of `server_url` (any database of that server the user
    /// may connect to) and returns its URL; one of that name left by an earlier run is dropped first. `name`
    /// may hold only a-z, 0-9 and `_`.
    pub async fn create_database(server_url: &str, name: &str) -> Result<String, StoreError> {
        let (server, _) = Self::server_of(server_url, name)?;
        Self::admin(
            server_url,
            &[
                format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                format!("CREATE DATABASE {name}"),
            ],
        )
        .await?;
        Ok(format!("{server}/{name}"))
    }

    /// Drops the database `name` on the server of `server_url`, closing its connections.
    pub async fn drop_database(server_url: &str, name: &str) -> Result<(), StoreError> {
        Self::server_of(server_url, name)?;
        Self::admin(server_url, &[format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")]).await
    }

    fn server_of<'u>(server_url: &'u str, name: &str) -> Result<(&'u str, &'u str), StoreError> {
        let plain = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !plain {
            return Err(StoreError::Unavailable(format!("not a plain database name: {name}")));
        }
        server_url
            .rsplit_once('/')
            .filter(|(server, _)| server.contains("://"))
            .ok_or_else(|| StoreError::Unavailable("the database URL names no database".into()))
    }

    /// Statements run one by one outside a transaction (CREATE and DROP DATABASE refuse to run in one).
    async fn admin(server_url: &str, statements: &[String]) -> Result<(), StoreError> {
        let (client, connection) = tokio_postgres::connect(server_url, NoTls)
            .await
            .map_err(|e| StoreError::Unavailable(describe(&e)))?;
        let task = tokio::spawn(connection);
        for sql in statements {
            client
                .batch_execute(sql)
                .await
                .map_err(|e| StoreError::Unavailable(describe(&e)))?;
        }
        drop(client);
        let _ = task.await;
        Ok(())
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        let mut client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        let tx = client.transaction().await.map_err(|e| unavailable(&e))?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
            .await
            .map_err(|e| unavailable(&e))?;
        tx.batch_execute("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY)")
            .await
            .map_err(|e| unavailable(&e))?;
        let applied: i64 = tx
            .query_one("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", &[])
            .await
            .map_err(|e| unavailable(&e))?
            .get(0);
        for (version, script) in (1i64..).zip(MIGRATIONS) {
            if version > applied {
                tx.batch_execute(script).await.map_err(|e| unavailable(&e))?;
                tx.execute("INSERT INTO schema_migrations (version) VALUES ($1)", &[&version])
                    .await
                    .map_err(|e| unavailable(&e))?;
            }
        }
        tx.commit().await.map_err(|e| unavailable(&e))
    }

    /// One command in a transaction of its own: four round trips (BEGIN with the lock and the read, then the
    /// writes with COMMIT), pipelined into two.
    async fn apply_one(&self, cmd: &Command) -> Result<Applied, StoreError> {
        let fingerprint = cmd.fingerprint();
        let args = ReadArgs::of(cmd);
        let client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        // Prepared once per connection; after the first command these are cache hits, not round trips.
        let chain = chain_of(cmd);
        let (lock, read) = try_join(
            client.prepare_cached(sql::LOCK_HEAD),
            client.prepare_cached(sql::READ_FOR_COMMAND),
        )
        .await
        .map_err(|e| unavailable(&e))?;
        let open = Open(Some(client));
        let c = open.client()?;
        // Round trip 1: BEGIN, the chain-head lock and the read, sent together.
        let params = read_params(&args);
        let began = try_join(
            c.batch_execute("BEGIN"),
            try_join(c.query_one(&lock, &[&chain]), c.query_one(&read, &params)),
        )
        .await;
        let (head, row) = match began {
            Ok((_, (head, row))) => (head, row),
            Err(e) => return Err(open.rollback(unavailable(&e)).await),
        };
        let seen = rows::head(&PgRow(&head), &chain, 0).and_then(|head| rows::seen(&PgRow(&row), head));
        let plan = match seen.and_then(|seen| plan(cmd, &fingerprint, &seen)) {
            Ok(Plan::Write(plan)) => plan,
            Ok(Plan::Replay(first)) => return open.rollback_with(Ok(first)).await,
            Err(e) => return Err(open.rollback(e).await),
        };
        // Round trip 2: every write and COMMIT, sent together. Each write affects exactly one row or fails, so a
        // failure aborts the transaction and the COMMIT behind it rolls back.
        let writes = command_writes(cmd, &fingerprint, &plan);
        let statements = match try_join_all(writes.iter().map(|w| c.prepare_cached(w.sql))).await {
            Ok(statements) => statements,
            Err(e) => return Err(open.rollback(unavailable(&e)).await),
        };
        let runs = writes.iter().zip(&statements).map(|(w, st)| {
            let params: Vec<&(dyn ToSql + Sync)> = w.params.iter().map(|p| p.as_ref() as &(dyn ToSql + Sync)).collect();
            async move { c.execute(st, &params).await }.boxed()
        });
        let (written, committed) = futures_util::future::join(try_join_all(runs), c.batch_execute("COMMIT")).await;
        written.map_err(|e| unavailable(&e))?;
        committed.map_err(|e| unavailable(&e))?;
        open.finish();
        Ok(plan.applied)
    }

    /// One staff read in a transaction of its own (two round trips: the lock with the case, then the audit
    /// record with COMMIT).
    async fn read_one(
        &self,
        id: CaseId,
        reader: &Actor,
        purpose: &ReadPurpose,
        at: Timestamp,
    ) -> Result<CaseRecord, StoreError> {
        let client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        let (lock, select, insert) = futures_util::future::try_join3(
            client.prepare_cached(sql::LOCK_HEAD),
            client.prepare_cached(sql::SELECT_CASE),
            client.prepare_cached(sql::INSERT_AUDIT),
        )
        .await
        .map_err(|e| unavailable(&e))?;
        let open = Open(Some(client));
        let c = open.client()?;
        // Round trip 1: BEGIN, the chain-head lock and the case, sent together; round trip 2: the audit record
        // of the read and COMMIT. The chain lock is held for one round trip, as in a command.
        let chain = region_of_case(id);
        let began = try_join(
            c.batch_execute("BEGIN"),
            try_join(c.query_one(&lock, &[&chain]), c.query_opt(&select, &[&id.0])),
        )
        .await;
        let (head, row) = match began {
            Ok((_, (head, row))) => (head, row),
            Err(e) => return Err(open.rollback(unavailable(&e)).await),
        };
        let Some(row) = row else {
            return open
                .rollback_with(Err(StoreError::NotFound {
                    what: format!("case {id}"),
                }))
                .await;
        };
        let read = rows::head(&PgRow(&head), &chain, 0).and_then(|head| {
            let case = rows::case_record(&PgRow(&row))?;
            let detail = serde_json::json!({ "reason": purpose.reason }).to_string();
            let record = next_record(
                &head,
                at,
                reader,
                "case.read",
                purpose.basis(&case.kind),
                Some(id.0),
                &detail,
            );
            Ok((case, record))
        });
        let (case, record) = match read {
            Ok(read) => read,
            Err(e) => return Err(open.rollback(e).await),
        };
        let write = audit_write(&record);
        let params: Vec<&(dyn ToSql + Sync)> = write.params.iter().map(|p| p.as_ref() as &(dyn ToSql + Sync)).collect();
        let (written, committed) =
            futures_util::future::join(c.execute(&insert, &params), c.batch_execute("COMMIT")).await;
        written.map_err(|e| unavailable(&e))?;
        committed.map_err(|e| unavailable(&e))?;
        open.finish();
        Ok(case)
    }

    /// Every row a statement gives on a pooled connection, each parsed.
    async fn read_all<T>(
        &self,
        statement: &str,
        params: &[&(dyn ToSql + Sync)],
        parse: impl Fn(&PgRow<'_>) -> Result<T, StoreError>,
    ) -> Result<Vec<T>, StoreError> {
        let client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        let rows = client.query(statement, params).await.map_err(|e| unavailable(&e))?;
        rows.iter().map(|r| parse(&PgRow(r))).collect()
    }

    /// The row a statement gives, if any, parsed.
    async fn read_opt<T>(
        &self,
        statement: &str,
        params: &[&(dyn ToSql + Sync)],
        parse: impl Fn(&PgRow<'_>) -> Result<T, StoreError>,
    ) -> Result<Option<T>, StoreError> {
        let client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        let row = client.query_opt(statement, params).await.map_err(|e| unavailable(&e))?;
        row.map(|r| parse(&PgRow(&r))).transpose()
    }

    /// Takes a chain's head lock inside `tx` (creating the head on the chain's first write) and returns it.
    async fn locked(tx: &Transaction<'_>, chain: &str) -> Result<Head, StoreError> {
        let lock = tx.prepare_cached(sql::LOCK_HEAD).await.map_err(|e| unavailable(&e))?;
        let row = tx.query_one(&lock, &[&chain]).await.map_err(|e| unavailable(&e))?;
        rows::head(&PgRow(&row), chain, 0)
    }
}

fn corrupt_head(e: &tokio_postgres::Error) -> StoreError {
    StoreError::Corrupt {
        table: "audit_head",
        id: "1".into(),
        reason: e.to_string(),
    }
}

/// The parameters of `sql::READ_FOR_COMMAND`, in its order.
fn read_params<'a>(a: &'a ReadArgs<'_>) -> [&'a (dyn ToSql + Sync); 7] {
    [
        &a.key,
        &a.target,
        &a.quota_year,
        &a.quota_territory,
        &a.quota_category,
        &a.region,
        &a.year,
    ]
}

/// A pooled connection in a transaction begun by hand (so that BEGIN can travel with the first statements).
/// Dropped before [`Open::finish`], after an error that could not be rolled back or when the future is cancelled,
/// the connection is closed instead of returned to the pool: the server rolls the transaction back, and no one
/// reuses a connection in the middle of a transaction.
struct Open(Option<deadpool_postgres::Object>);

impl Open {
    fn client(&self) -> Result<&deadpool_postgres::ClientWrapper, StoreError> {
        self.0
            .as_deref()
            .ok_or_else(|| StoreError::Unavailable("connection already released".into()))
    }

    /// Back to the pool: the transaction is over.
    fn finish(mut self) {
        drop(self.0.take());
    }

    /// Rolls back and returns `result`; if the rollback fails the connection is discarded.
    async fn rollback_with<T>(self, result: Result<T, StoreError>) -> Result<T, StoreError> {
        if let Ok(c) = self.client()
            && c.batch_execute("ROLLBACK").await.is_ok()
        {
            self.finish();
        }
        result
    }

    async fn rollback(self, e: StoreError) -> StoreError {
        match self.rollback_with::<()>(Err(e)).await {
            Err(e) => e,
            Ok(()) => StoreError::Unavailable("rollback reported success for an error".into()),
        }
    }
}

impl Drop for Open {
    fn drop(&mut self) {
        if let Some(object) = self.0.take() {
            drop(deadpool_postgres::Object::take(object));
        }
    }
}

/// One write of the pipeline: the statement, its parameters, and what it writes (for the error message).
struct Write {
    sql: &'static str,
    params: Vec<Box<dyn ToSql + Sync + Send>>,
    what: &'static str,
}

fn audit_write(r: &AuditRecord) -> Write {
    row_write(store::write::audit_row(r))
}

/// A row of `store::write` as one pipelined statement; a conditional change fails the statement (division by
/// zero) when it changes no row, so nothing after it in the pipeline commits.
fn row_write(row: store::write::Row) -> Write {
    let sql = match row.table {
        WriteTable::CaseUpdate => UPDATE_CASE_OR_FAIL,
        WriteTable::Quota => CHANGE_QUOTA_OR_FAIL,
        other => other.sql(),
    };
    Write {
        sql,
        what: row.table.name(),
        params: bind::params(row)
            .into_iter()
            .map(|p| Box::new(p) as Box<dyn ToSql + Sync + Send>)
            .collect(),
    }
}

/// Runs the writes pipelined (all sent before the first answer) and checks each wrote exactly one row.
async fn pipelined(tx: &Transaction<'_>, writes: &[Write]) -> Result<(), StoreError> {
    let statements = try_join_all(writes.iter().map(|w| tx.prepare_cached(w.sql)))
        .await
        .map_err(|e| unavailable(&e))?;
    let runs: Vec<BoxFuture<'_, Result<u64, tokio_postgres::Error>>> = writes
        .iter()
        .zip(&statements)
        .map(|(w, st)| {
            let params: Vec<&(dyn ToSql + Sync)> = w.params.iter().map(|p| p.as_ref() as &(dyn ToSql + Sync)).collect();
            async move { tx.execute(st, &params).await }.boxed()
        })
        .collect();
    let counts = try_join_all(runs).await.map_err(|e| unavailable(&e))?;
    for (w, n) in writes.iter().zip(counts) {
        if n != 1 {
            return Err(StoreError::Unavailable(format!(
                "{}: {n} rows written, 1 expected",
                w.what
            )));
        }
    }
    Ok(())
}

fn command_writes(cmd: &Command, fingerprint: &str, plan: &store::plan::WritePlan) -> Vec<Write> {
    rows_of(cmd, fingerprint, plan).into_iter().map(row_write).collect()
}

impl Store for PgStore {
    async fn add_amendment(
        &self,
        body: &str,
        summary: &str,
        expected: i64,
        actor: &Actor,
        basis: &str,
        at: Timestamp,
    ) -> Result<store::AmendmentRecord, StoreError> {
        let mut client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        let tx = client.transaction().await.map_err(|e| unavailable(&e))?;
        let head = PgStore::locked(&tx, "00").await?;
        let last: i64 = tx
            .query_one(sql::LAST_AMENDMENT, &[])
            .await
            .map_err(|e| unavailable(&e))?
            .get(0);
        if last != expected {
            return Err(StoreError::Changed {
                what: "law amendments".into(),
            });
        }
        let record = store::AmendmentRecord {
            seq: expected + 1,
            at,
            account: actor.account().to_owned(),
            body: body.to_owned(),
        };
        tx.execute(
            sql::INSERT_AMENDMENT,
            &[&record.seq, &record.at.to_string(), &record.account, &record.body],
        )
        .await
        .map_err(|e| unavailable(&e))?;
        let detail = serde_json::json!({ "amendment": record.seq, "summary": summary }).to_string();
        let audit = next_record(&head, at, actor, "law.amend", basis, None, &detail);
        pipelined(&tx, &[audit_write(&audit)]).await?;
        tx.commit().await.map_err(|e| unavailable(&e))?;
        Ok(record)
    }

    async fn list_quotas(&self, year: i16) -> Result<Vec<Quota>, StoreError> {
        self.read_all(sql::LIST_QUOTAS, &[&i64::from(year)], |r| rows::quota_record(r))
            .await
    }

    async fn replay(&self, key: &IdempotencyKey) -> Result<Option<store::Replay>, StoreError> {
        self.read_opt(sql::REPLAY, &[&key.as_str()], |r| rows::replay(r)).await
    }

    async fn amendments(&self) -> Result<Vec<store::AmendmentRecord>, StoreError> {
        self.read_all(sql::AMENDMENTS, &[], |r| rows::amendment_record(r)).await
    }

    async fn apply(&self, cmd: &Command) -> Result<Applied, StoreError> {
        self.apply_in_group(cmd).await
    }

    async fn ledger_by_order(&self, month: &str) -> Result<Vec<store::OrderBalance>, StoreError> {
        self.read_all(sql::LEDGER_BY_ORDER, &[&month], |r| rows::order_balance(r))
            .await
    }

    async fn ledger_by_account(&self, month: &str) -> Result<Vec<store::AccountBalance>, StoreError> {
        self.read_all(sql::LEDGER_BY_ACCOUNT, &[&month], |r| rows::account_balance(r))
            .await
    }

    async fn payment_totals(&self, measure: &str, period: &str) -> Result<store::PaymentTotals, StoreError> {
        let all = self
            .read_all(sql::PAYMENT_TOTALS, &[&measure, &period], |r| rows::payment_totals(r))
            .await?;
        Ok(all.into_iter().next().unwrap_or_default())
    }

    async fn read_case(
        &self,
        id: CaseId,
        reader: &Actor,
        purpose: &ReadPurpose,
        at: Timestamp,
    ) -> Result<CaseRecord, StoreError> {
        self.read_in_group(id, reader, purpose, at).await
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
        let mut client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        let tx = client.transaction().await.map_err(|e| unavailable(&e))?;
        let head = PgStore::locked(&tx, region_of(&key.territory)).await?;
        let (year, territory, category) = (i64::from(key.year), key.territory.as_str(), key.category.key());
        let current = tx
            .query_opt(sql::SELECT_QUOTA, &[&year, &territory, &category])
            .await
            .map_err(|e| unavailable(&e))?
            .map(|r| rows::quota_record(&PgRow(&r)))
            .transpose()?;
        let allocated = current.as_ref().map_or(0, |q| q.allocated);
        if total < allocated {
            return Err(StoreError::QuotaBelowAllocated {
                key: key.clone(),
                allocated,
            });
        }
        tx.execute(
            sql::UPSERT_QUOTA,
            &[&year, &territory, &category, &unit.key(), &i64::from(total)],
        )
        .await
        .map_err(|e| unavailable(&e))?;
        let detail = store::plan::quota_set_detail(key, unit, total, current.as_ref().map(|q| q.total), allocated);
        pipelined(
            &tx,
            &[audit_write(&next_record(
                &head,
                at,
                actor,
                "quota.set",
                basis,
                None,
                &detail,
            ))],
        )
        .await?;
        tx.commit().await.map_err(|e| unavailable(&e))?;
        Ok(Quota {
            key: key.clone(),
            unit,
            total,
            allocated,
        })
    }

    async fn quota(&self, key: &QuotaKey) -> Result<Quota, StoreError> {
        let client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        let (year, territory, category) = (i64::from(key.year), key.territory.as_str(), key.category.key());
        let row = client
            .query_opt(sql::SELECT_QUOTA, &[&year, &territory, &category])
            .await
            .map_err(|e| unavailable(&e))?
            .ok_or_else(|| StoreError::NotFound {
                what: format!("quota {key}"),
            })?;
        rows::quota_record(&PgRow(&row))
    }

    async fn count_cases(&self, query: &store::CaseQuery) -> Result<u64, StoreError> {
        let args = bind::query_params(query);
        let refs: Vec<&(dyn ToSql + Sync)> = args.iter().map(|a| a as &(dyn ToSql + Sync)).collect();
        let client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        let st = client
            .prepare_cached(sql::COUNT_CASES)
            .await
            .map_err(|e| unavailable(&e))?;
        let n: i64 = client.query_one(&st, &refs).await.map_err(|e| unavailable(&e))?.get(0);
        u64::try_from(n).map_err(|e| StoreError::Corrupt {
            table: "cases",
            id: "count".into(),
            reason: e.to_string(),
        })
    }

    async fn list_cases(&self, query: &store::CaseQuery) -> Result<Vec<CaseRecord>, StoreError> {
        let args = bind::query_params(query);
        let refs: Vec<&(dyn ToSql + Sync)> = args.iter().map(|a| a as &(dyn ToSql + Sync)).collect();
        let client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        let st = client
            .prepare_cached(sql::LIST_CASES)
            .await
            .map_err(|e| unavailable(&e))?;
        let rows = client.query(&st, &refs).await.map_err(|e| unavailable(&e))?;
        rows.iter().map(|r| rows::case_record(&PgRow(r))).collect()
    }

    async fn cases_in_state(
        &self,
        kind: &str,
        state: &str,
        after: Option<CaseId>,
        limit: u32,
    ) -> Result<Vec<CaseRecord>, StoreError> {
        let after = after.map_or(i64::MIN, |c| c.0);
        let limit = i64::from(limit);
        self.read_all(sql::CASES_IN_STATE, &[&kind, &state, &after, &limit], |r| {
            rows::case_record(r)
        })
        .await
    }

    async fn case_counts(&self) -> Result<Vec<store::CaseCount>, StoreError> {
        self.read_all(sql::CASE_COUNTS, &[], |r| rows::case_count(r)).await
    }

    async fn case_history(&self, id: CaseId) -> Result<(Vec<AuditRecord>, Vec<store::Evidence>), StoreError> {
        let client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        let audit = client
            .query(sql::CASE_AUDIT, &[&region_of_case(id), &id.0])
            .await
            .map_err(|e| unavailable(&e))?;
        let evidence = client
            .query(sql::CASE_EVIDENCE, &[&id.0])
            .await
            .map_err(|e| unavailable(&e))?;
        Ok((
            audit
                .iter()
                .map(|r| rows::audit_record(&PgRow(r)))
                .collect::<Result<_, _>>()?,
            evidence
                .iter()
                .map(|r| rows::evidence_record(&PgRow(r)))
                .collect::<Result<_, _>>()?,
        ))
    }

    async fn case_of_party(&self, id: CaseId, party: &store::Party) -> Result<Option<CaseRecord>, StoreError> {
        self.read_opt(
            sql::SELECT_CASE_OF_PARTY,
            &[&id.0, &party.kind_key(), &party.number()],
            |r| rows::case_record(r),
        )
        .await
    }

    async fn case_file(&self, id: CaseId) -> Result<store::CaseFile, StoreError> {
        Ok(store::CaseFile {
            links: self
                .read_all(sql::CASE_LINKS, &[&id.0], |r| rows::link_record(r))
                .await?,
            documents: self
                .read_all(sql::CASE_DOCUMENTS, &[&id.0], |r| rows::document_record(r))
                .await?,
            payments: self
                .read_all(sql::CASE_PAYMENTS, &[&id.0], |r| rows::payment_record(r))
                .await?,
        })
    }

    async fn document(&self, number: &str) -> Result<Option<store::DocumentRecord>, StoreError> {
        self.read_opt(sql::DOCUMENT_BY_NUMBER, &[&number], |r| rows::document_record(r))
            .await
    }

    async fn document_pdf(&self, number: &str, lang: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let statement = match lang {
            "kk" => sql::DOCUMENT_PDF_KK,
            "ru" => sql::DOCUMENT_PDF_RU,
            _ => return Ok(None),
        };
        let client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        let row = client
            .query_opt(statement, &[&number])
            .await
            .map_err(|e| unavailable(&e))?;
        match row {
            Some(row) => row.try_get::<_, Option<Vec<u8>>>(0).map_err(|e| unavailable(&e)),
            None => Ok(None),
        }
    }

    async fn record(&self, chain: &str, entry: &store::AuditEntry) -> Result<(), StoreError> {
        let mut client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        let tx = client.transaction().await.map_err(|e| unavailable(&e))?;
        let head = PgStore::locked(&tx, chain).await?;
        let record = next_record(
            &head,
            entry.at,
            &entry.actor,
            &entry.action,
            &entry.basis,
            None,
            &entry.detail,
        );
        pipelined(&tx, &[audit_write(&record)]).await?;
        tx.commit().await.map_err(|e| unavailable(&e))
    }

    async fn verify_audit(&self) -> Result<AuditReport, StoreError> {
        let mut client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        // One snapshot: the head and the records are of the same moment.
        let tx = client
            .build_transaction()
            .isolation_level(tokio_postgres::IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .await
            .map_err(|e| unavailable(&e))?;
        let mut heads = std::collections::BTreeMap::new();
        for row in tx.query(sql::HEADS, &[]).await.map_err(|e| unavailable(&e))? {
            let chain: String = row.try_get(0).map_err(|e| corrupt_head(&e))?;
            let head = rows::head(&PgRow(&row), &chain, 1)?;
            heads.insert(chain, head);
        }
        // A chain with records and no head shows as broken: its head defaults to the genesis.
        for row in tx.query(sql::CHAINS, &[]).await.map_err(|e| unavailable(&e))? {
            let chain: String = row.try_get(0).map_err(|e| corrupt_head(&e))?;
            heads.entry(chain.clone()).or_insert(Head {
                chain,
                seq: 0,
                hash: GENESIS.to_owned(),
            });
        }
        let page = tx.prepare_cached(sql::AUDIT_PAGE).await.map_err(|e| unavailable(&e))?;
        let mut reports = Vec::new();
        for head in heads.values() {
            let mut verifier = Verifier::new(&head.chain);
            let mut after = i64::MIN;
            'pages: loop {
                let rows = tx
                    .query(&page, &[&head.chain, &after, &sql::AUDIT_PAGE_SIZE])
                    .await
                    .map_err(|e| unavailable(&e))?;
                if rows.is_empty() {
                    break;
                }
                for row in &rows {
                    let record = rows::audit_record(&PgRow(row))?;
                    after = record.seq;
                    if !verifier.push(&record) {
                        break 'pages;
                    }
                }
            }
            reports.push(verifier.finish(head.seq, &head.hash));
        }
        tx.commit().await.map_err(|e| unavailable(&e))?;
        Ok(combine(reports))
    }
}

impl store::Outbox for PgStore {
    async fn enqueue(&self, message: &store::NewMessage, at: Timestamp) -> Result<i64, StoreError> {
        let client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        let row = client
            .query_one(
                sql::ENQUEUE,
                &[
                    &message.channel,
                    &message.recipient,
                    &message.template,
                    &message.args,
                    &message.body,
                    &store::sortable(at),
                ],
            )
            .await
            .map_err(|e| unavailable(&e))?;
        Ok(row.get(0))
    }

    async fn claim_messages(
        &self,
        worker: &str,
        now: Timestamp,
        until: Timestamp,
        limit: u32,
    ) -> Result<Vec<store::Message>, StoreError> {
        let client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        let rows = client
            .query(
                sql::CLAIM_MESSAGES,
                &[
                    &worker,
                    &store::sortable(until),
                    &store::sortable(now),
                    &i64::from(limit),
                ],
            )
            .await
            .map_err(|e| unavailable(&e))?;
        rows.iter().map(|r| rows::message_record(&PgRow(r))).collect()
    }

    async fn mark_sent(&self, id: i64, worker: &str, at: Timestamp) -> Result<bool, StoreError> {
        let client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        let changed = client
            .execute(sql::MARK_SENT, &[&id, &worker, &store::sortable(at)])
            .await
            .map_err(|e| unavailable(&e))?;
        Ok(changed == 1)
    }

    async fn claim_job(&self, name: &str, holder: &str, now: Timestamp, until: Timestamp) -> Result<bool, StoreError> {
        let client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        let row = client
            .query_opt(
                sql::CLAIM_JOB,
                &[&name, &holder, &store::sortable(until), &store::sortable(now)],
            )
            .await
            .map_err(|e| unavailable(&e))?;
        Ok(row.is_some())
    }

    async fn messages_to(&self, recipient: &str, limit: u32) -> Result<Vec<store::Message>, StoreError> {
        self.read_all(sql::MESSAGES_TO, &[&recipient, &i64::from(limit)], |r| {
            rows::message_record(r)
        })
        .await
    }

    async fn recent_messages(&self, limit: u32) -> Result<Vec<store::Message>, StoreError> {
        self.read_all(sql::RECENT_MESSAGES, &[&i64::from(limit)], |r| rows::message_record(r))
            .await
    }
}

impl store::Accounts for PgStore {
    async fn put_account(
        &self,
        account: &store::AccountRecord,
        actor: &Actor,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let mut client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        let tx = client.transaction().await.map_err(|e| unavailable(&e))?;
        let head = PgStore::locked(&tx, "00").await?;
        let territory = account.territory.map(|k| k.as_str().to_owned());
        tx.execute(
            sql::END_SESSIONS_ON_CHANGE,
            &[&account.login, &account.password_hash, &account.role.key(), &territory],
        )
        .await
        .map_err(|e| unavailable(&e))?;
        tx.execute(
            sql::PUT_ACCOUNT,
            &[
                &account.login,
                &account.role.key(),
                &territory,
                &account.password_hash,
                &account.handle,
            ],
        )
        .await
        .map_err(|e| unavailable(&e))?;
        let detail = store::write::account_detail(account);
        let record = next_record(&head, at, actor, "account.put", "account administration", None, &detail);
        pipelined(&tx, &[audit_write(&record)]).await?;
        tx.commit().await.map_err(|e| unavailable(&e))
    }

    async fn list_accounts(&self, limit: u32) -> Result<Vec<store::AccountRecord>, StoreError> {
        self.read_all(sql::LIST_ACCOUNTS, &[&i64::from(limit)], |r| rows::account_record(r))
            .await
    }

    async fn account(&self, login: &str) -> Result<Option<store::AccountRecord>, StoreError> {
        self.read_opt(sql::GET_ACCOUNT, &[&login], |r| rows::account_record(r))
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
        let client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        client
            .execute(
                sql::PUT_SESSION,
                &[&token_hash, &login, &csrf, &store::sortable(expires_at), &otp_hash],
            )
            .await
            .map_err(|e| unavailable(&e))
            .map(|_| ())
    }

    async fn confirm_session(&self, token_hash: &str) -> Result<(), StoreError> {
        let client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        client
            .execute(sql::CONFIRM_SESSION, &[&token_hash])
            .await
            .map_err(|e| unavailable(&e))
            .map(|_| ())
    }

    async fn otp_failed(&self, token_hash: &str) -> Result<u32, StoreError> {
        let client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        let row = client
            .query_opt(sql::OTP_FAILED, &[&token_hash])
            .await
            .map_err(|e| unavailable(&e))?;
        Ok(row.map_or(u32::MAX, |r| u32::try_from(r.get::<_, i64>(0)).unwrap_or(u32::MAX)))
    }

    async fn set_lang(&self, login: &str, lang: &str) -> Result<(), StoreError> {
        let client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        client
            .execute(sql::SET_LANG, &[&login, &lang])
            .await
            .map_err(|e| unavailable(&e))
            .map(|_| ())
    }

    async fn session(&self, token_hash: &str, now: Timestamp) -> Result<Option<store::SessionRecord>, StoreError> {
        let client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        let row = client
            .query_opt(sql::GET_SESSION, &[&token_hash])
            .await
            .map_err(|e| unavailable(&e))?;
        Ok(row
            .map(|r| rows::session_record(&PgRow(&r)))
            .transpose()?
            .filter(|s| s.expires_at > now))
    }

    async fn login_attempt(
        &self,
        login: &str,
        source: &str,
        at: Timestamp,
        since: Timestamp,
    ) -> Result<store::Attempts, StoreError> {
        let mut client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        let tx = client.transaction().await.map_err(|e| unavailable(&e))?;
        // The login's lock, then the source's: attempts of the same login or source are counted one after
        // another (a transaction takes one of each, always in this order, so two never wait on each other).
        for key in [format!("login:{login}"), format!("source:{source}")] {
            tx.execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", &[&key])
                .await
                .map_err(|e| unavailable(&e))?;
        }
        let id: i64 = tx
            .query_one(sql::LOGIN_ATTEMPT, &[&login, &source, &store::sortable(at)])
            .await
            .map_err(|e| unavailable(&e))?
            .get(0);
        let row = tx
            .query_one(sql::LOGIN_ATTEMPTS, &[&login, &source, &store::sortable(since), &id])
            .await
            .map_err(|e| unavailable(&e))?;
        let attempts = rows::attempts(&PgRow(&row))?;
        tx.commit().await.map_err(|e| unavailable(&e))?;
        Ok(attempts)
    }

    async fn clear_login_attempts(&self, login: &str) -> Result<(), StoreError> {
        let client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        client
            .execute(sql::CLEAR_LOGIN_ATTEMPTS, &[&login])
            .await
            .map_err(|e| unavailable(&e))
            .map(|_| ())
    }

    async fn drop_session(&self, token_hash: &str) -> Result<(), StoreError> {
        let client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        client
            .execute(sql::DROP_SESSION, &[&token_hash])
            .await
            .map_err(|e| unavailable(&e))
            .map(|_| ())
    }

    async fn sessions_of(&self, login: &str, now: Timestamp) -> Result<Vec<store::SessionSummary>, StoreError> {
        let all = self
            .read_all(sql::LIST_SESSIONS, &[&login], |r| rows::session_summary(r))
            .await?;
        Ok(all.into_iter().filter(|s| s.expires_at > now).collect())
    }

    async fn end_sessions(&self, login: &str, keep: Option<&str>) -> Result<u64, StoreError> {
        let client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        client
            .execute(sql::END_SESSIONS, &[&login, &keep.unwrap_or_default()])
            .await
            .map_err(|e| unavailable(&e))
    }
}

impl Admin for PgStore {
    async fn execute_unchecked(&self, sql: &str) -> Result<u64, StoreError> {
        let client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        client.execute(sql, &[]).await.map_err(|e| unavailable(&e))
    }

    async fn count_rows(&self, table: Table) -> Result<i64, StoreError> {
        let client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        let sql = format!("SELECT COUNT(*) FROM {}", table.name());
        Ok(client
            .query_one(sql.as_str(), &[])
            .await
            .map_err(|e| unavailable(&e))?
            .get(0))
    }

    async fn raw_reset(&self) -> Result<(), StoreError> {
        let client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        client
            .batch_execute(&format!(
                "{}; {}; {}",
                sql::RAW_TABLE,
                sql::RAW_CLEAR,
                sql::RAW_COMMAND_CLEAR
            ))
            .await
            .map_err(|e| unavailable(&e))
    }

    async fn raw_insert(&self, id: i64, payload: &str) -> Result<(), StoreError> {
        let client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        let insert = client
            .prepare_cached(sql::RAW_INSERT)
            .await
            .map_err(|e| unavailable(&e))?;
        client
            .execute(&insert, &[&id, &payload])
            .await
            .map_err(|e| unavailable(&e))
            .map(|_| ())
    }

    async fn raw_command(&self, cmd: &Command, n: i64) -> Result<(), StoreError> {
        // The same pipelining as a command (BEGIN with the first statements, COMMIT with the last), without
        // the lock, the read and the hashing.
        let plan = store::plan::raw_plan(cmd, n);
        let writes = command_writes(cmd, "raw", &plan);
        let client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        let statements = try_join_all(writes.iter().map(|w| client.prepare_cached(w.sql)))
            .await
            .map_err(|e| unavailable(&e))?;
        let open = Open(Some(client));
        let c = open.client()?;
        let runs = writes.iter().zip(&statements).map(|(w, st)| {
            let params: Vec<&(dyn ToSql + Sync)> = w.params.iter().map(|p| p.as_ref() as &(dyn ToSql + Sync)).collect();
            async move { c.execute(st, &params).await }.boxed()
        });
        let (begun, (written, committed)) = futures_util::future::join(
            c.batch_execute("BEGIN"),
            futures_util::future::join(try_join_all(runs), c.batch_execute("COMMIT")),
        )
        .await;
        begun.map_err(|e| unavailable(&e))?;
        written.map_err(|e| unavailable(&e))?;
        committed.map_err(|e| unavailable(&e))?;
        open.finish();
        Ok(())
    }

    async fn raw_rows(&self, rows: Vec<store::write::Row>) -> Result<(), StoreError> {
        // The group's way: BEGIN, one multi-row statement per table, COMMIT.
        let client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        let open = Open(Some(client));
        let c = open.client()?;
        if let Err(e) = c.batch_execute("BEGIN").await {
            return Err(open.rollback(unavailable(&e)).await);
        }
        if let Err(e) = group::write_rows(c, rows).await {
            return Err(open.rollback(e).await);
        }
        open.finish();
        Ok(())
    }

    async fn ping(&self) -> Result<(), StoreError> {
        let client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        client
            .query_one("SELECT 1", &[])
            .await
            .map_err(|e| unavailable(&e))
            .map(|_| ())
    }

    async fn audit_records(&self) -> Result<Vec<AuditRecord>, StoreError> {
        self.read_all(sql::ALL_AUDIT, &[], |r| rows::audit_record(r)).await
    }

    async fn quota_digests(&self) -> Result<Vec<(String, String)>, StoreError> {
        self.read_all(sql::ALL_QUOTAS, &[], |r| rows::quota_digest(r)).await
    }

    async fn case_digests(&self) -> Result<Vec<(i64, String)>, StoreError> {
        self.read_all(sql::CASE_ROWS, &[], |r| rows::case_digest(r)).await
    }

    async fn sandbox_reset(&self, seed: u64, persons: u64) -> Result<(), StoreError> {
        let mut client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        let tx = client.transaction().await.map_err(|e| unavailable(&e))?;
        let (seed, persons) = (
            i64::from_ne_bytes(seed.to_ne_bytes()),
            i64::try_from(persons).unwrap_or(i64::MAX),
        );
        tx.execute(sql::SANDBOX_CLEAR, &[]).await.map_err(|e| unavailable(&e))?;
        tx.execute(sql::SANDBOX_META, &[&seed, &persons])
            .await
            .map_err(|e| unavailable(&e))?;
        tx.commit().await.map_err(|e| unavailable(&e))
    }

    async fn sandbox_insert(&self, rows: Vec<store::SandboxRow>) -> Result<(), StoreError> {
        // One statement per chunk: the columns as arrays, unnested by the server (no per-row round trip).
        let mut client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        let tx = client.transaction().await.map_err(|e| unavailable(&e))?;
        let col =
            |f: &dyn Fn(&store::SandboxRow) -> Option<String>| rows.iter().map(f).collect::<Vec<Option<String>>>();
        let ints = |f: &dyn Fn(&store::SandboxRow) -> i64| rows.iter().map(f).collect::<Vec<i64>>();
        let (iin, kinship, surname, given, patronymic, latin, sex, birth) = (
            col(&|r| Some(r.iin.clone())),
            col(&|r| r.kinship.map(str::to_owned)),
            col(&|r| Some(r.surname.clone())),
            col(&|r| Some(r.given.clone())),
            col(&|r| r.patronymic.clone()),
            col(&|r| Some(r.latin.clone())),
            col(&|r| Some(r.sex.to_owned())),
            col(&|r| Some(r.birth_date.clone())),
        );
        let (nationality, kato, since, kandas, seeker, employer) = (
            col(&|r| Some(r.nationality.to_owned())),
            col(&|r| Some(r.kato.clone())),
            col(&|r| Some(r.registered_since.clone())),
            col(&|r| r.kandas_since.clone()),
            col(&|r| r.job_seeker_since.clone()),
            col(&|r| r.employer_bin.clone()),
        );
        let (household, citizen, owns) = (
            ints(&|r| r.household),
            ints(&|r| i64::from(r.citizen)),
            ints(&|r| i64::from(r.owns_home)),
        );
        tx.execute(
            "INSERT INTO sandbox_persons (iin, household, kinship, surname, given, patronymic, latin, sex, birth_date, \
             citizen, nationality, kato, registered_since, kandas_since, job_seeker_since, owns_home, employer_bin) \
             SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], \
             $8::text[], $9::text[], $10::bigint[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], \
             $16::bigint[], $17::text[])",
            &[
                &iin, &household, &kinship, &surname, &given, &patronymic, &latin, &sex, &birth, &citizen, &nationality,
                &kato, &since, &kandas, &seeker, &owns, &employer,
            ],
        )
        .await
        .map_err(|e| unavailable(&e))?;
        tx.commit().await.map_err(|e| unavailable(&e))
    }

    async fn close(&self) {
        self.pool.close();
    }
}

/// Support for tests of this and other crates: fresh databases to run against.
pub mod testing {
    /// The URL of a fresh, empty database named after `name` on the server of `TEST_POSTGRES_URL`, or `None`
    /// when that variable is not set. Panics when it is set but the server cannot be used: a test run that asked
    /// for PostgreSQL must fail, not skip. `TEST_POSTGRES_PREFIX` (default `qonys_test`) names the databases, so
    /// that two checkouts can run the suite on one server at once.
    #[expect(clippy::panic, reason = "test support: an unusable server must fail the test")]
    pub async fn fresh_database(name: &str) -> Option<String> {
        let base = std::env::var("TEST_POSTGRES_URL").ok()?;
        let prefix = std::env::var("TEST_POSTGRES_PREFIX").unwrap_or_else(|_| "qonys_test".to_owned());
        if !prefix
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            panic!("TEST_POSTGRES_PREFIX may hold only a-z, 0-9 and _");
        }
        let db = format!("{prefix}_{name}");
        let result: Result<String, String> = async {
            let (client, connection) = tokio_postgres::connect(&base, tokio_postgres::NoTls)
                .await
                .map_err(|e| e.to_string())?;
            let task = tokio::spawn(connection);
            // Separate statements: a multi-statement string runs as one transaction, which these refuse.
            for sql in [
                format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"),
                format!("CREATE DATABASE {db}"),
            ] {
                client.batch_execute(&sql).await.map_err(|e| super::describe(&e))?;
            }
            drop(client);
            let _ = task.await;
            let (server, _) = base.rsplit_once('/').ok_or("TEST_POSTGRES_URL has no database part")?;
            Ok(format!("{server}/{db}"))
        }
        .await;
        match result {
            Ok(url) => Some(url),
            Err(e) => panic!("TEST_POSTGRES_URL is set but PostgreSQL cannot be used: {e}"),
        }
    }
}

impl store::Attachments for PgStore {
    async fn put_attachment(
        &self,
        file: &store::NewAttachment,
        at: Timestamp,
    ) -> Result<store::AttachmentId, StoreError> {
        let client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        let size = i64::try_from(file.body.len()).map_err(|e| StoreError::Unavailable(e.to_string()))?;
        let row = client
            .query_one(
                sql::INSERT_ATTACHMENT,
                &[
                    &file.owner.kind_key(),
                    &file.owner.number(),
                    &file.name,
                    &file.content_type,
                    &size,
                    &file.sha256,
                    &file.body,
                    &store::sortable(at),
                ],
            )
            .await
            .map_err(|e| unavailable(&e))?;
        Ok(store::AttachmentId(row.get(0)))
    }

    async fn attachment(
        &self,
        id: store::AttachmentId,
    ) -> Result<Option<(store::AttachmentRecord, Vec<u8>)>, StoreError> {
        let client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        let Some(row) = client
            .query_opt(sql::SELECT_ATTACHMENT, &[&id.0])
            .await
            .map_err(|e| unavailable(&e))?
        else {
            return Ok(None);
        };
        let record = rows::attachment_record(&PgRow(&row))?;
        let body: Vec<u8> = row.try_get(8).map_err(|e| unavailable(&e))?;
        Ok(Some((record, body)))
    }

    async fn attachments(&self, ids: &[store::AttachmentId]) -> Result<Vec<store::AttachmentRecord>, StoreError> {
        let client = self.pool.get().await.map_err(|e| unavailable(&e))?;
        let mut out = Vec::new();
        for id in ids {
            if let Some(row) = client
                .query_opt(sql::SELECT_ATTACHMENT, &[&id.0])
                .await
                .map_err(|e| unavailable(&e))?
            {
                out.push(rows::attachment_record(&PgRow(&row))?);
            }
        }
        out.sort_by_key(|a| a.id);
        Ok(out)
    }
}
