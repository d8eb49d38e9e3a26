//! The statements both adapters run, in PostgreSQL's placeholder style (`$1`); the SQLite adapter rewrites the
//! placeholders to `?1` once. Schema (types, triggers) differs and stays in each adapter's migrations.

/// Takes the lock of a chain's head, creating the head on the chain's first write, and returns it (seq, hash):
/// the first statement of every write.
pub const LOCK_HEAD: &str = "\
INSERT INTO audit_head (chain, seq, hash) \
VALUES ($1, 0, '0000000000000000000000000000000000000000000000000000000000000000') \
ON CONFLICT (chain) DO UPDATE SET seq = audit_head.seq RETURNING seq, hash";

/// Everything a command depends on, in one row (see `plan::Seen` and `plan::ReadArgs` for the arguments).
/// The last sequence is read as `ORDER BY … DESC LIMIT 1`, one index probe whatever the statistics say;
/// PostgreSQL planned `MAX(…) WHERE …` on a young table as a scan of every case of the region.
pub const READ_FOR_COMMAND: &str = "\
SELECT COALESCE((SELECT sequence FROM cases WHERE region = $6 AND year = $7 ORDER BY sequence DESC LIMIT 1), 0), \
       i.fingerprint, i.case_id, i.version, i.audit_seq, ic.region, ic.year, ic.sequence, \
       u.version, u.region, u.year, u.sequence, qt.total, qt.allocated \
FROM (SELECT 1 AS one) AS o \
LEFT JOIN idempotency i ON i.key = $1 \
LEFT JOIN cases ic ON ic.id = i.case_id \
LEFT JOIN cases u ON u.id = $2 \
LEFT JOIN quotas qt ON qt.year = $3 AND qt.territory = $4 AND qt.category = $5";

/// Every chain's head, in chain order.
pub const HEADS: &str = "SELECT chain, seq, hash FROM audit_head ORDER BY chain";

/// Chains that have records, whether or not their head is still there.
pub const CHAINS: &str = "SELECT DISTINCT chain FROM audit ORDER BY chain";

pub const INSERT_CASE: &str = "\
INSERT INTO cases (id, kind, territory, region, year, sequence, state, payload, version, created_at, updated_at) \
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $9)";

/// Under the head lock the version read cannot change; the condition makes a mismatch write no row.
pub const UPDATE_CASE: &str = "\
UPDATE cases SET state = $1, payload = $2, version = version + 1, updated_at = $3 WHERE id = $4 AND version = $5";

pub const ALLOCATE: &str = "\
UPDATE quotas SET allocated = allocated + $1 \
WHERE year = $2 AND territory = $3 AND category = $4 AND allocated + $1 <= total";

pub const RELEASE: &str = "\
UPDATE quotas SET allocated = allocated - $1 \
WHERE year = $2 AND territory = $3 AND category = $4 AND allocated >= $1";

pub const INSERT_AUDIT: &str = "\
INSERT INTO audit (seq, at, account, role, on_behalf_of, channel, action, basis, case_id, detail, prev_hash, hash, chain) \
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";

pub const INSERT_EVIDENCE: &str = "\
INSERT INTO evidence (case_id, audit_seq, system, requested_at, response_id, payload) VALUES ($1, $2, $3, $4, $5, $6)";

pub const INSERT_IDEMPOTENCY: &str = "\
INSERT INTO idempotency (key, fingerprint, case_id, version, audit_seq) VALUES ($1, $2, $3, $4, $5)";

pub const SELECT_CASE: &str = "\
SELECT id, kind, territory, region, year, sequence, state, payload, version, created_at, updated_at \
FROM cases WHERE id = $1";

pub const SELECT_QUOTA: &str = "\
SELECT year, territory, category, unit, total, allocated FROM quotas \
WHERE year = $1 AND territory = $2 AND category = $3";

pub const UPSERT_QUOTA: &str = "\
INSERT INTO quotas (year, territory, category, unit, total, allocated) VALUES ($1, $2, $3, $4, $5, 0) \
ON CONFLICT (year, territory, category) DO UPDATE SET unit = $4, total = $5";

pub const COUNT_CASES: &str = "SELECT COUNT(*) FROM cases WHERE kind = $1 AND state = $2";

pub const AUDIT_PAGE: &str = "\
SELECT seq, at, account, role, on_behalf_of, channel, action, basis, case_id, detail, prev_hash, hash, chain \
FROM audit WHERE chain = $1 AND seq > $2 ORDER BY seq LIMIT $3";

/// Audit records read per round trip when verifying the chain.
pub const AUDIT_PAGE_SIZE: i64 = 10_000;

/// The benchmark's peer: one row per transaction.
pub const RAW_TABLE: &str = "CREATE TABLE IF NOT EXISTS bench_raw (id BIGINT PRIMARY KEY, payload TEXT NOT NULL)";
pub const RAW_CLEAR: &str = "DELETE FROM bench_raw";
pub const RAW_INSERT: &str = "INSERT INTO bench_raw (id, payload) VALUES ($1, $2)";

pub const SANDBOX_CLEAR: &str = "DELETE FROM sandbox_persons";
pub const SANDBOX_META: &str = "\
INSERT INTO sandbox_meta (id, seed, persons) VALUES (1, $1, $2) \
ON CONFLICT (id) DO UPDATE SET seed = $1, persons = $2";
pub const SANDBOX_INSERT: &str = "\
INSERT INTO sandbox_persons (iin, household, kinship, surname, given, patronymic, latin, sex, birth_date, citizen, \
nationality, kato, registered_since, kandas_since, job_seeker_since, owns_home, employer_bin) \
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)";
pub const RAW_COMMAND_CLEAR: &str = "\
DELETE FROM evidence WHERE case_id >= 1000000000000000000; \
DELETE FROM idempotency WHERE case_id >= 1000000000000000000; \
DELETE FROM audit WHERE chain = 'raw'; DELETE FROM cases WHERE id >= 1000000000000000000;";

pub const PUT_ACCOUNT: &str = "\
INSERT INTO accounts (login, role, territory, password_hash) VALUES ($1, $2, $3, $4) \
ON CONFLICT (login) DO UPDATE SET role = $2, territory = $3, password_hash = $4";
pub const GET_ACCOUNT: &str = "SELECT login, role, territory, password_hash FROM accounts WHERE login = $1";
pub const PUT_SESSION: &str = "INSERT INTO sessions (token_hash, login, csrf, expires_at) VALUES ($1, $2, $3, $4)";
pub const GET_SESSION: &str = "\
SELECT a.login, a.role, a.territory, a.password_hash, s.csrf, s.expires_at \
FROM sessions s JOIN accounts a ON a.login = s.login WHERE s.token_hash = $1";
pub const DROP_SESSION: &str = "DELETE FROM sessions WHERE token_hash = $1";
pub const LOGIN_FAILED: &str = "INSERT INTO login_failures (login, at) VALUES ($1, $2)";
/// Timestamps are written by `store::sortable` (fixed shape), so text order is time order.
pub const LOGIN_FAILURES: &str = "SELECT COUNT(*) FROM login_failures WHERE login = $1 AND at > $2";
pub const CLEAR_LOGIN_FAILURES: &str = "DELETE FROM login_failures WHERE login = $1";
