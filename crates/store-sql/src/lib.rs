//! The SQL adapter of the [`store::Store`] port: one sqlx code path over `AnyPool` for SQLite (the embedded
//! default) and PostgreSQL, each with its own migrations.
//!
//! Concurrency. Every write transaction first updates the audit chain's head row, so writers queue on that
//! row: on PostgreSQL it is a row lock held to commit; on SQLite the first statement being a write takes the
//! database's write lock before any snapshot is read, so the busy timeout (not an error) handles a queue. In
//! this process SQLite writes also go through a one-connection pool. The quota allocation is a conditional
//! `UPDATE … WHERE allocated + n <= total`, and a `CHECK` constraint makes over-allocation impossible even for
//! a write that bypasses the adapter.
//!
//! The database is untrusted input: every row is parsed back into domain values and a bad one is
//! [`StoreError::Corrupt`], never a panic.

mod rows;

use std::str::FromStr;
use std::sync::Once;
use std::time::Duration;

use jiff::Timestamp;
use sqlx::AnyConnection;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{Any, AnyPool, Executor, Row, Transaction};
use store::audit::{AuditRecord, Verifier};
use store::{
    Actor, Applied, AuditReport, CaseId, CaseRecord, CaseWrite, Command, Quota, QuotaKey, QuotaOp, QuotaUnit,
    ReadPurpose, Store, StoreError,
};

use crate::rows::{audit_record, case_record, quota_record};

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// Audit records read per round trip by [`Store::verify_audit`].
const VERIFY_PAGE: i64 = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The store over a SQLite file or a PostgreSQL database.
#[derive(Debug, Clone)]
pub struct SqlStore {
    backend: Backend,
    /// Writes (and audited reads). One connection on SQLite.
    write: AnyPool,
    /// Unaudited reads (counts, quota state, the audit walk).
    read: AnyPool,
}

pub(crate) fn unavailable(e: &sqlx::Error) -> StoreError {
    StoreError::Unavailable(e.to_string())
}

impl SqlStore {
    /// Connects to `sqlite://PATH` (created if missing) or `postgres://…` and brings the schema up to date.
    pub async fn connect(url: &str) -> Result<SqlStore, StoreError> {
        static DRIVERS: Once = Once::new();
        DRIVERS.call_once(sqlx::any::install_default_drivers);
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            return Err(StoreError::Unavailable(
                "the database URL must start with sqlite: or postgres://".into(),
            ));
        };
        let (write, read) = match backend {
            Backend::Sqlite => {
                let url = if url.contains('?') {
                    url.to_owned()
                } else {
                    format!("{url}?mode=rwc")
                };
                let write = sqlite_pool(&url, 1).await?;
                // Migrate before the readers open, so they never see a half-made schema.
                SQLITE_MIGRATIONS
                    .run(&write)
                    .await
                    .map_err(|e| StoreError::Unavailable(e.to_string()))?;
                let read = sqlite_pool(&url, 4).await?;
                (write, read)
            }
            Backend::Postgres => {
                let pool = AnyPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(30))
                    .connect(url)
                    .await
                    .map_err(|e| unavailable(&e))?;
                POSTGRES_MIGRATIONS
                    .run(&pool)
                    .await
                    .map_err(|e| StoreError::Unavailable(e.to_string()))?;
                (pool.clone(), pool)
            }
        };
        Ok(SqlStore { backend, write, read })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Closes the pools, waiting for connections in use.
    pub async fn close(&self) {
        self.write.close().await;
        self.read.close().await;
    }

    /// Raw access for tests that tamper with the database on purpose and for benchmarks of the raw insert rate.
    pub fn pool(&self) -> &AnyPool {
        &self.write
    }

    /// Starts a write: a transaction whose first statement takes the chain head, returned as (seq, hash).
    async fn begin_write(&self) -> Result<(Transaction<'static, Any>, i64, String), StoreError> {
        let mut tx = self.write.begin().await.map_err(|e| unavailable(&e))?;
        tx.execute("UPDATE audit_head SET seq = seq WHERE id = 1")
            .await
            .map_err(|e| unavailable(&e))?;
        let head = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_one(&mut *tx)
            .await
            .map_err(|e| unavailable(&e))?;
        let seq: i64 = head.try_get(0).map_err(|e| unavailable(&e))?;
        let hash: String = head.try_get(1).map_err(|e| unavailable(&e))?;
        Ok((tx, seq, hash))
    }
}

async fn sqlite_pool(url: &str, connections: u32) -> Result<AnyPool, StoreError> {
    AnyPoolOptions::new()
        .max_connections(connections)
        .acquire_timeout(Duration::from_secs(30))
        .after_connect(|conn, _meta| {
            Box::pin(async move {
                // WAL: readers never block the writer. FULL: a committed decision survives a power cut.
                conn.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;")
                    .await?;
                Ok(())
            })
        })
        .connect(url)
        .await
        .map_err(|e| unavailable(&e))
}

/// Appends one sealed audit record and moves the head, inside the caller's transaction.
#[expect(clippy::too_many_arguments, reason = "one audit record's fields")]
async fn append_audit(
    tx: &mut Transaction<'static, Any>,
    head_seq: i64,
    head_hash: &str,
    at: Timestamp,
    actor: &Actor,
    action: &str,
    basis: &str,
    case_id: Option<CaseId>,
    detail: &str,
) -> Result<i64, StoreError> {
    let record = AuditRecord {
        seq: head_seq + 1,
        at: at.to_string(),
        account: actor.account().to_owned(),
        role: actor.role.key().to_owned(),
        on_behalf_of: actor.acting_for().map(str::to_owned),
        channel: actor.channel.key().to_owned(),
        action: action.to_owned(),
        basis: basis.to_owned(),
        case_id: case_id.map(|c| c.0),
        detail: detail.to_owned(),
        prev_hash: head_hash.to_owned(),
        hash: String::new(),
    }
    .seal();
    sqlx::query(
        "INSERT INTO audit (seq, at, account, role, on_behalf_of, channel, action, basis, case_id, detail, prev_hash, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(record.seq)
    .bind(&record.at)
    .bind(&record.account)
    .bind(&record.role)
    .bind(record.on_behalf_of.clone())
    .bind(&record.channel)
    .bind(&record.action)
    .bind(&record.basis)
    .bind(record.case_id)
    .bind(&record.detail)
    .bind(&record.prev_hash)
    .bind(&record.hash)
    .execute(&mut **tx)
    .await
    .map_err(|e| unavailable(&e))?;
    sqlx::query("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1")
        .bind(record.seq)
        .bind(&record.hash)
        .execute(&mut **tx)
        .await
        .map_err(|e| unavailable(&e))?;
    Ok(record.seq)
}

/// The first result of a command whose key was already used, or a mismatch if it was used for another command.
async fn replay(conn: &mut AnyConnection, cmd: &Command, fingerprint: &str) -> Result<Option<Applied>, StoreError> {
    let seen = sqlx::query("SELECT fingerprint, case_id, version, audit_seq FROM idempotency WHERE key = $1")
        .bind(cmd.key.as_str())
        .fetch_optional(&mut *conn)
        .await
        .map_err(|e| unavailable(&e))?;
    let Some(row) = seen else { return Ok(None) };
    let corrupt = |e: sqlx::Error| StoreError::Corrupt {
        table: "idempotency",
        id: cmd.key.as_str().to_owned(),
        reason: e.to_string(),
    };
    let first: String = row.try_get(0).map_err(corrupt)?;
    if first != fingerprint {
        return Err(StoreError::IdempotencyMismatch {
            key: cmd.key.as_str().to_owned(),
        });
    }
    let case: i64 = row.try_get(1).map_err(corrupt)?;
    let version: i64 = row.try_get(2).map_err(corrupt)?;
    let audit_seq: i64 = row.try_get(3).map_err(corrupt)?;
    let (region, year, sequence) = numbering(conn, case).await?;
    Ok(Some(Applied {
        case: CaseId(case),
        region,
        year,
        sequence,
        version,
        audit_seq,
        replayed: true,
    }))
}

/// The number part of an applied command, read back from the case row.
async fn numbering(conn: &mut AnyConnection, id: i64) -> Result<(String, i16, i64), StoreError> {
    let row = sqlx::query("SELECT region, year, sequence FROM cases WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(|e| unavailable(&e))?
        .ok_or_else(|| StoreError::Corrupt {
            table: "idempotency",
            id: id.to_string(),
            reason: "case missing".into(),
        })?;
    let corrupt = |reason: String| StoreError::Corrupt {
        table: "cases",
        id: id.to_string(),
        reason,
    };
    let region: String = row.try_get(0).map_err(|e| corrupt(e.to_string()))?;
    let year: i64 = row.try_get(1).map_err(|e| corrupt(e.to_string()))?;
    let sequence: i64 = row.try_get(2).map_err(|e| corrupt(e.to_string()))?;
    let year = i16::try_from(year).map_err(|e| corrupt(e.to_string()))?;
    Ok((region, year, sequence))
}

fn quota_params(key: &QuotaKey) -> (i64, String, &'static str) {
    (
        i64::from(key.year),
        key.territory.as_str().to_owned(),
        key.category.key(),
    )
}

async fn apply_quota(tx: &mut Transaction<'static, Any>, op: &QuotaOp) -> Result<(), StoreError> {
    let (key, amount, sql) = match op {
        QuotaOp::Allocate { key, amount } => (
            key,
            amount,
            "UPDATE quotas SET allocated = allocated + $1 \
             WHERE year = $2 AND territory = $3 AND category = $4 AND allocated + $1 <= total",
        ),
        QuotaOp::Release { key, amount } => (
            key,
            amount,
            "UPDATE quotas SET allocated = allocated - $1 \
             WHERE year = $2 AND territory = $3 AND category = $4 AND allocated >= $1",
        ),
    };
    let (year, territory, category) = quota_params(key);
    let done = sqlx::query(sql)
        .bind(i64::from(*amount))
        .bind(year)
        .bind(&territory)
        .bind(category)
        .execute(&mut **tx)
        .await
        .map_err(|e| unavailable(&e))?;
    if done.rows_affected() == 1 {
        return Ok(());
    }
    let exists = sqlx::query("SELECT 1 FROM quotas WHERE year = $1 AND territory = $2 AND category = $3")
        .bind(year)
        .bind(&territory)
        .bind(category)
        .fetch_optional(&mut **tx)
        .await
        .map_err(|e| unavailable(&e))?;
    match (exists, op) {
        (None, _) => Err(StoreError::NotFound {
            what: format!("quota {key}"),
        }),
        (Some(_), QuotaOp::Allocate { .. }) => Err(StoreError::QuotaExhausted { key: key.clone() }),
        (Some(_), QuotaOp::Release { .. }) => Err(StoreError::Corrupt {
            table: "quotas",
            id: key.to_string(),
            reason: "release of more places than allocated".into(),
        }),
    }
}

/// Writes the case part of a command; returns (case id, version, region, year, sequence).
async fn write_case(
    tx: &mut Transaction<'static, Any>,
    write: &CaseWrite,
    at: &str,
) -> Result<(i64, i64, String, i16, i64), StoreError> {
    match write {
        CaseWrite::Create {
            kind,
            territory,
            year,
            state,
            payload,
        } => {
            let region = territory.region().kato.get(..2).unwrap_or_default().to_owned();
            let next: i64 = sqlx::query(
                "INSERT INTO case_numbers (region, year, last) VALUES ($1, $2, 1) \
                 ON CONFLICT (region, year) DO UPDATE SET last = case_numbers.last + 1 RETURNING last",
            )
            .bind(&region)
            .bind(i64::from(*year))
            .fetch_one(&mut **tx)
            .await
            .and_then(|r| r.try_get(0))
            .map_err(|e| unavailable(&e))?;
            let id: i64 = sqlx::query(
                "INSERT INTO cases (kind, territory, region, year, sequence, state, payload, version, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8) RETURNING id",
            )
            .bind(kind)
            .bind(territory.as_str())
            .bind(&region)
            .bind(i64::from(*year))
            .bind(next)
            .bind(state)
            .bind(payload)
            .bind(at)
            .fetch_one(&mut **tx)
            .await
            .and_then(|r| r.try_get(0))
            .map_err(|e| unavailable(&e))?;
            Ok((id, 1, region, *year, next))
        }
        CaseWrite::Update {
            id,
            expected_version,
            state,
            payload,
        } => {
            let done = sqlx::query(
                "UPDATE cases SET state = $1, payload = $2, version = version + 1, updated_at = $3 \
                 WHERE id = $4 AND version = $5",
            )
            .bind(state)
            .bind(payload)
            .bind(at)
            .bind(id.0)
            .bind(*expected_version)
            .execute(&mut **tx)
            .await
            .map_err(|e| unavailable(&e))?;
            if done.rows_affected() != 1 {
                let actual = sqlx::query("SELECT version FROM cases WHERE id = $1")
                    .bind(id.0)
                    .fetch_optional(&mut **tx)
                    .await
                    .map_err(|e| unavailable(&e))?;
                return Err(match actual {
                    None => StoreError::NotFound {
                        what: format!("case {id}"),
                    },
                    Some(row) => StoreError::Conflict {
                        case: *id,
                        expected: *expected_version,
                        actual: row.try_get(0).map_err(|e| unavailable(&e))?,
                    },
                });
            }
            let (region, year, sequence) = numbering(tx, id.0).await?;
            Ok((id.0, expected_version + 1, region, year, sequence))
        }
    }
}

impl Store for SqlStore {
    async fn apply(&self, cmd: &Command) -> Result<Applied, StoreError> {
        let fingerprint = cmd.fingerprint();
        // A committed key never changes, so a repeat is answered from a reader without queueing for the lock.
        {
            let mut conn = self.read.acquire().await.map_err(|e| unavailable(&e))?;
            if let Some(first) = replay(&mut conn, cmd, &fingerprint).await? {
                return Ok(first);
            }
        }
        let (mut tx, head_seq, head_hash) = self.begin_write().await?;

        // Inside the lock, so two concurrent uses of a key cannot both pass this check.
        if let Some(first) = replay(&mut tx, cmd, &fingerprint).await? {
            tx.rollback().await.map_err(|e| unavailable(&e))?;
            return Ok(first);
        }

        let at = cmd.at.to_string();
        let (case, version, region, year, sequence) = write_case(&mut tx, &cmd.case, &at).await?;
        if let Some(op) = &cmd.quota {
            apply_quota(&mut tx, op).await?;
        }
        let audit_seq = append_audit(
            &mut tx,
            head_seq,
            &head_hash,
            cmd.at,
            &cmd.actor,
            &cmd.action,
            &cmd.basis,
            Some(CaseId(case)),
            &cmd.detail,
        )
        .await?;
        for e in &cmd.evidence {
            sqlx::query(
                "INSERT INTO evidence (case_id, audit_seq, system, requested_at, response_id, payload) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(case)
            .bind(audit_seq)
            .bind(&e.system)
            .bind(e.requested_at.to_string())
            .bind(&e.response_id)
            .bind(&e.payload)
            .execute(&mut *tx)
            .await
            .map_err(|e| unavailable(&e))?;
        }
        sqlx::query(
            "INSERT INTO idempotency (key, fingerprint, case_id, version, audit_seq) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(cmd.key.as_str())
        .bind(&fingerprint)
        .bind(case)
        .bind(version)
        .bind(audit_seq)
        .execute(&mut *tx)
        .await
        .map_err(|e| unavailable(&e))?;
        tx.commit().await.map_err(|e| unavailable(&e))?;
        Ok(Applied {
            case: CaseId(case),
            region,
            year,
            sequence,
            version,
            audit_seq,
            replayed: false,
        })
    }

    async fn read_case(
        &self,
        id: CaseId,
        reader: &Actor,
        purpose: &ReadPurpose,
        at: Timestamp,
    ) -> Result<CaseRecord, StoreError> {
        let (mut tx, head_seq, head_hash) = self.begin_write().await?;
        let row: Option<AnyRow> = sqlx::query(
            "SELECT id, kind, territory, region, year, sequence, state, payload, version, created_at, updated_at \
             FROM cases WHERE id = $1",
        )
        .bind(id.0)
        .fetch_optional(&mut *tx)
        .await
        .map_err(|e| unavailable(&e))?;
        let Some(row) = row else {
            return Err(StoreError::NotFound {
                what: format!("case {id}"),
            });
        };
        let case = case_record(&row)?;
        let detail = serde_json_string(&purpose.reason);
        append_audit(
            &mut tx,
            head_seq,
            &head_hash,
            at,
            reader,
            "case.read",
            &purpose.basis,
            Some(id),
            &detail,
        )
        .await?;
        tx.commit().await.map_err(|e| unavailable(&e))?;
        Ok(case)
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
        let (mut tx, head_seq, head_hash) = self.begin_write().await?;
        let (year, territory, category) = quota_params(key);
        let current = sqlx::query(
            "SELECT year, territory, category, unit, total, allocated FROM quotas \
             WHERE year = $1 AND territory = $2 AND category = $3",
        )
        .bind(year)
        .bind(&territory)
        .bind(category)
        .fetch_optional(&mut *tx)
        .await
        .map_err(|e| unavailable(&e))?;
        let allocated = match &current {
            Some(row) => quota_record(row)?.allocated,
            None => 0,
        };
        if total < allocated {
            return Err(StoreError::QuotaBelowAllocated {
                key: key.clone(),
                allocated,
            });
        }
        sqlx::query(
            "INSERT INTO quotas (year, territory, category, unit, total, allocated) VALUES ($1, $2, $3, $4, $5, 0) \
             ON CONFLICT (year, territory, category) DO UPDATE SET unit = $4, total = $5",
        )
        .bind(year)
        .bind(&territory)
        .bind(category)
        .bind(unit.key())
        .bind(i64::from(total))
        .execute(&mut *tx)
        .await
        .map_err(|e| unavailable(&e))?;
        let detail = format!(
            r#"{{"quota":"{key}","unit":"{}","total":{total},"previous_total":{}}}"#,
            unit.key(),
            current
                .as_ref()
                .map(quota_record)
                .transpose()?
                .map_or_else(|| "null".to_owned(), |q| q.total.to_string())
        );
        append_audit(
            &mut tx,
            head_seq,
            &head_hash,
            at,
            actor,
            "quota.set",
            basis,
            None,
            &detail,
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
        let (year, territory, category) = quota_params(key);
        let row = sqlx::query(
            "SELECT year, territory, category, unit, total, allocated FROM quotas \
             WHERE year = $1 AND territory = $2 AND category = $3",
        )
        .bind(year)
        .bind(&territory)
        .bind(category)
        .fetch_optional(&self.read)
        .await
        .map_err(|e| unavailable(&e))?
        .ok_or_else(|| StoreError::NotFound {
            what: format!("quota {key}"),
        })?;
        quota_record(&row)
    }

    async fn count_cases(&self, kind: &str, state: &str) -> Result<u64, StoreError> {
        let n: i64 = sqlx::query("SELECT COUNT(*) FROM cases WHERE kind = $1 AND state = $2")
            .bind(kind)
            .bind(state)
            .fetch_one(&self.read)
            .await
            .and_then(|r| r.try_get(0))
            .map_err(|e| unavailable(&e))?;
        u64::try_from(n).map_err(|e| StoreError::Corrupt {
            table: "cases",
            id: "count".into(),
            reason: e.to_string(),
        })
    }

    async fn verify_audit(&self) -> Result<AuditReport, StoreError> {
        // Head first: records appended during the walk are beyond it and not checked this time.
        let head = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_one(&self.read)
            .await
            .map_err(|e| unavailable(&e))?;
        let head_seq: i64 = head.try_get(0).map_err(|e| unavailable(&e))?;
        let head_hash: String = head.try_get(1).map_err(|e| unavailable(&e))?;
        let mut verifier = Verifier::default();
        let mut after = i64::MIN;
        'pages: loop {
            let rows = sqlx::query(
                "SELECT seq, at, account, role, on_behalf_of, channel, action, basis, case_id, detail, prev_hash, hash \
                 FROM audit WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3",
            )
            .bind(after)
            .bind(head_seq)
            .bind(VERIFY_PAGE)
            .fetch_all(&self.read)
            .await
            .map_err(|e| unavailable(&e))?;
            if rows.is_empty() {
                break;
            }
            for row in &rows {
                let record = audit_record(row)?;
                after = record.seq;
                if !verifier.push(&record) {
                    break 'pages;
                }
            }
        }
        Ok(verifier.finish(head_seq, &head_hash))
    }
}

/// A JSON string literal for an audit detail.
fn serde_json_string(s: &str) -> String {
    let escaped: String = s
        .chars()
        .flat_map(|c| match c {
            '"' => vec!['\\', '"'],
            '\\' => vec!['\\', '\\'],
            c if c.is_control() => format!("\\u{:04x}", u32::from(c)).chars().collect(),
            c => vec![c],
        })
        .collect();
    format!(r#"{{"reason":"{escaped}"}}"#)
}

/// A timestamp column back into a [`Timestamp`].
pub(crate) fn timestamp(table: &'static str, id: &str, s: &str) -> Result<Timestamp, StoreError> {
    Timestamp::from_str(s).map_err(|e| StoreError::Corrupt {
        table,
        id: id.to_owned(),
        reason: e.to_string(),
    })
}

/// Support for tests of this and other crates: fresh databases to run against.
pub mod testing {
    use sqlx::{Connection, Executor, PgConnection};

    /// The URL of a fresh, empty PostgreSQL database named after `name` on the server of `TEST_POSTGRES_URL`,
    /// or `None` when that variable is not set. Panics when it is set but the server cannot be used: a test run
    /// that asked for PostgreSQL must fail, not skip.
    #[expect(clippy::panic, reason = "test support: an unusable server must fail the test")]
    pub async fn fresh_postgres(name: &str) -> Option<String> {
        let base = std::env::var("TEST_POSTGRES_URL").ok()?;
        let db = format!("qonys_test_{name}");
        let result: Result<String, String> = async {
            let mut admin = PgConnection::connect(&base).await.map_err(|e| e.to_string())?;
            for sql in [
                format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"),
                format!("CREATE DATABASE {db}"),
            ] {
                admin.execute(sql.as_str()).await.map_err(|e| e.to_string())?;
            }
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
