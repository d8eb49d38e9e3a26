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
INSERT INTO cases (id, kind, territory, region, year, sequence, state, payload, version, created_at, updated_at, \
applicant_kind, applicant, channel, due_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $9, $10, $11, $12, $13)";

/// Under the head lock the version read cannot change; the condition makes a mismatch write no row.
pub const UPDATE_CASE: &str = "\
UPDATE cases SET state = $1, payload = $2, version = version + 1, updated_at = $3, due_on = $6 \
WHERE id = $4 AND version = $5";

/// Places taken (a positive change) or given back (a negative one); no row changes when the result would leave
/// 0..=total.
pub const CHANGE_QUOTA: &str = "\
UPDATE quotas SET allocated = allocated + $1 \
WHERE year = $2 AND territory = $3 AND category = $4 AND allocated + $1 BETWEEN 0 AND total";

pub const INSERT_LINK: &str = "INSERT INTO case_links (case_id, related_id, relation) VALUES ($1, $2, $3)";

pub const INSERT_MESSAGE: &str = "\
INSERT INTO outbox (channel, recipient, template, args, body, case_id, created_at) \
VALUES ($1, $2, $3, $4, $5, $6, $7)";

pub const INSERT_PAYMENT: &str = "\
INSERT INTO payments (case_id, measure, period, amount, payee_kind, payee, audit_seq, created_at, state) \
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'scheduled')";

pub const INSERT_LEDGER: &str = "\
INSERT INTO ledger (case_id, measure, period, attempt, event, account, side, amount, budget_line, region, month, \
booked_on, audit_seq, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)";

/// The ledger of a booking month summed per order: debits and credits of each (case, measure, period).
pub const LEDGER_BY_ORDER: &str = "\
SELECT case_id, measure, period, \
CAST(SUM(CASE WHEN side = 'debit' THEN amount ELSE 0 END) AS BIGINT), \
CAST(SUM(CASE WHEN side = 'credit' THEN amount ELSE 0 END) AS BIGINT) \
FROM ledger WHERE month = $1 GROUP BY case_id, measure, period ORDER BY case_id, measure, period";

/// The ledger of a booking month per budget line, region and account: debits and credits.
pub const LEDGER_BY_ACCOUNT: &str = "\
SELECT budget_line, region, account, \
CAST(SUM(CASE WHEN side = 'debit' THEN amount ELSE 0 END) AS BIGINT), \
CAST(SUM(CASE WHEN side = 'credit' THEN amount ELSE 0 END) AS BIGINT) \
FROM ledger WHERE month = $1 GROUP BY budget_line, region, account ORDER BY budget_line, region, account";

/// The payment orders of a measure and period: how many, for how many cases, and their total.
pub const PAYMENT_TOTALS: &str = "\
SELECT COUNT(*), COUNT(DISTINCT case_id), CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM payments \
WHERE measure = $1 AND period = $2";

pub const INSERT_DOCUMENT: &str = "\
INSERT INTO documents (case_id, form, audit_seq, created_at, state, number, issued_on, law_edition, signer, \
issuer_kk, issuer_ru, sha256_kk, pdf_kk, sha256_ru, pdf_ru) \
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)";

/// Revokes a valid document of the case (a document already revoked or superseded stays as it is).
pub const REVOKE_DOCUMENT: &str = "\
UPDATE documents SET state = 'revoked', reason = $1, changed_at = $2 \
WHERE number = $3 AND case_id = $4 AND state = 'valid'";

pub const INSERT_AUDIT: &str = "\
INSERT INTO audit (seq, at, account, role, on_behalf_of, channel, action, basis, case_id, detail, prev_hash, hash, chain) \
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";

pub const INSERT_EVIDENCE: &str = "\
INSERT INTO evidence (case_id, audit_seq, system, requested_at, response_id, payload) VALUES ($1, $2, $3, $4, $5, $6)";

pub const INSERT_IDEMPOTENCY: &str = "\
INSERT INTO idempotency (key, fingerprint, case_id, version, audit_seq) VALUES ($1, $2, $3, $4, $5)";

pub const INSERT_MEMBER: &str = "INSERT INTO case_members (case_id, iin) VALUES ($1, $2)";

pub const SELECT_CASE: &str = "\
SELECT id, kind, territory, region, year, sequence, state, payload, version, created_at, updated_at, applicant_kind, \
applicant, channel, due_on FROM cases WHERE id = $1";

/// Cases of a kind in a state by id, after a case: a batch's pages (the index on kind, state and id).
pub const CASES_IN_STATE: &str = "\
SELECT id, kind, territory, region, year, sequence, state, payload, version, created_at, updated_at, applicant_kind, \
applicant, channel, due_on FROM cases WHERE kind = $1 AND state = $2 AND id > $3 ORDER BY id LIMIT $4";

pub const SELECT_CASE_OF_PARTY: &str = "\
SELECT id, kind, territory, region, year, sequence, state, payload, version, created_at, updated_at, applicant_kind, \
applicant, channel, due_on FROM cases WHERE id = $1 AND ((applicant_kind = $2 AND applicant = $3) \
OR ($2 = 'person' AND id IN (SELECT case_id FROM case_members WHERE iin = $3)))";

/// The filter of a queue or a cabinet: an empty argument means "any". `$2`/`$3` are a party's kind and number
/// (the applicant's cases and, for a person, those of which they are a family member); `$4` and `$5` are
/// comma-separated lists of kinds and states (a `kind/state` entry: that state of that kind only); dates are ISO text, so text order is date order; `$9`-`$11`
/// continue after a case (its "no deadline" flag, its deadline or '', its id; `$11` < 0: from the start) in
/// the list's order.
macro_rules! case_filter {
    () => {
        "WHERE ($1 = '' OR region = $1) \
AND ($3 = '' OR (applicant_kind = $2 AND applicant = $3) \
OR ($2 = 'person' AND id IN (SELECT case_id FROM case_members WHERE iin = $3))) \
AND ($4 = '' OR (',' || $4 || ',') LIKE ('%,' || kind || ',%')) \
AND ($5 = '' OR (',' || $5 || ',') LIKE ('%,' || state || ',%') \
OR (',' || $5 || ',') LIKE ('%,' || kind || '/' || state || ',%')) \
AND ($6 = '' OR channel = $6) AND ($7 = '' OR due_on < $7) AND ($8 = '' OR due_on >= $8) \
AND (CAST($11 AS BIGINT) < 0 \
OR (CASE WHEN due_on IS NULL THEN 1 ELSE 0 END, COALESCE(due_on, ''), id) > (CAST($9 AS BIGINT), $10, CAST($11 AS BIGINT)))"
    };
}

/// A queue or a cabinet: soonest deadline first (none last), then by id, at most `$12`.
pub const LIST_CASES: &str = concat!(
    "SELECT id, kind, territory, region, year, sequence, state, payload, version, created_at, updated_at, \
applicant_kind, applicant, channel, due_on FROM cases ",
    case_filter!(),
    " ORDER BY CASE WHEN due_on IS NULL THEN 1 ELSE 0 END, due_on, id LIMIT $12"
);

/// How many cases the filter of [`LIST_CASES`] finds (`$12` is bound and unused, so both take the same
/// arguments).
pub const COUNT_CASES: &str = concat!(
    "SELECT COUNT(*) FROM cases ",
    case_filter!(),
    " AND CAST($12 AS BIGINT) >= 0"
);

/// Links from and to a case.
pub const CASE_LINKS: &str = "\
SELECT case_id, related_id, relation FROM case_links WHERE case_id = $1 OR related_id = $1 ORDER BY case_id, related_id";
pub const CASE_DOCUMENTS: &str = "\
SELECT id, case_id, form, state, audit_seq, created_at, number, issued_on, law_edition, signer, issuer_kk, issuer_ru, \
sha256_kk, sha256_ru, reason, changed_at FROM documents WHERE case_id = $1 ORDER BY id";
/// An issued document by its number (the columns of `CASE_DOCUMENTS`).
pub const DOCUMENT_BY_NUMBER: &str = "\
SELECT id, case_id, form, state, audit_seq, created_at, number, issued_on, law_edition, signer, issuer_kk, issuer_ru, \
sha256_kk, sha256_ru, reason, changed_at FROM documents WHERE number = $1";
/// The Kazakh and the Russian file of an issued document.
pub const DOCUMENT_PDF_KK: &str = "SELECT pdf_kk FROM documents WHERE number = $1";
pub const DOCUMENT_PDF_RU: &str = "SELECT pdf_ru FROM documents WHERE number = $1";
pub const CASE_PAYMENTS: &str = "\
SELECT id, case_id, measure, period, amount, payee_kind, payee, state, created_at FROM payments WHERE case_id = $1 \
ORDER BY id";

pub const CASE_COUNTS: &str = "\
SELECT region, kind, state, COUNT(*) FROM cases GROUP BY region, kind, state ORDER BY region, kind, state";

/// A case's timeline: its records in its region's chain.
pub const CASE_AUDIT: &str = "\
SELECT seq, at, account, role, on_behalf_of, channel, action, basis, case_id, detail, prev_hash, hash, chain \
FROM audit WHERE chain = $1 AND case_id = $2 ORDER BY seq";

pub const CASE_EVIDENCE: &str = "\
SELECT system, requested_at, response_id, payload FROM evidence WHERE case_id = $1 ORDER BY id";

/// Takes a job's lease when it is free, expired, or already the holder's; returns a row only then.
pub const CLAIM_JOB: &str = "\
INSERT INTO jobs (name, holder, lease_until) VALUES ($1, $2, $3) \
ON CONFLICT (name) DO UPDATE SET holder = $2, lease_until = $3 \
WHERE jobs.lease_until < $4 OR jobs.holder = $2 \
RETURNING holder";

pub const SET_LANG: &str = "UPDATE accounts SET lang = $2 WHERE login = $1";
pub const CONFIRM_SESSION: &str = "UPDATE sessions SET otp_hash = NULL WHERE token_hash = $1";
pub const OTP_FAILED: &str = "\
UPDATE sessions SET otp_failures = otp_failures + 1 WHERE token_hash = $1 RETURNING otp_failures";

pub const ENQUEUE: &str = "\
INSERT INTO outbox (channel, recipient, template, args, body, created_at) VALUES ($1, $2, $3, $4, $5, $6) \
RETURNING id";
pub const MARK_SENT: &str = "\
UPDATE outbox SET sent_at = $3 WHERE id = $1 AND claimed_by = $2 AND sent_at IS NULL";
pub const MESSAGES_TO: &str = "\
SELECT id, channel, recipient, template, args, body, case_id, created_at, sent_at, claimed_by FROM outbox WHERE recipient = $1 \
ORDER BY id DESC LIMIT $2";
pub const RECENT_MESSAGES: &str = "\
SELECT id, channel, recipient, template, args, body, case_id, created_at, sent_at, claimed_by FROM outbox ORDER BY id DESC LIMIT $1";

pub const SELECT_QUOTA: &str = "\
SELECT year, territory, category, unit, total, allocated FROM quotas \
WHERE year = $1 AND territory = $2 AND category = $3";

pub const UPSERT_QUOTA: &str = "\
INSERT INTO quotas (year, territory, category, unit, total, allocated) VALUES ($1, $2, $3, $4, $5, 0) \
ON CONFLICT (year, territory, category) DO UPDATE SET unit = $4, total = $5";

pub const AUDIT_PAGE: &str = "\
SELECT seq, at, account, role, on_behalf_of, channel, action, basis, case_id, detail, prev_hash, hash, chain \
FROM audit WHERE chain = $1 AND seq > $2 ORDER BY seq LIMIT $3";

/// Every case row's content a write's digest covers, by id.
pub const CASE_ROWS: &str = "SELECT id, version, state, payload, due_on FROM cases ORDER BY id";
pub const ALL_AUDIT: &str = "\
SELECT seq, at, account, role, on_behalf_of, channel, action, basis, case_id, detail, prev_hash, hash, chain \
FROM audit ORDER BY chain, seq";

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
/// Every row a raw command may write (see `write::rows_of`), children before the cases they refer to: a
/// command's documents, payments, links and messages too, or the cases cannot be deleted.
pub const RAW_COMMAND_CLEAR: &str = "\
DELETE FROM documents WHERE case_id >= 1000000000000000000; \
DELETE FROM payments WHERE case_id >= 1000000000000000000; \
DELETE FROM case_links WHERE case_id >= 1000000000000000000 OR related_id >= 1000000000000000000; \
DELETE FROM outbox WHERE case_id >= 1000000000000000000; \
DELETE FROM evidence WHERE case_id >= 1000000000000000000; \
DELETE FROM case_members WHERE case_id >= 1000000000000000000; \
DELETE FROM idempotency WHERE case_id >= 1000000000000000000; \
DELETE FROM audit WHERE chain = 'raw'; DELETE FROM cases WHERE id >= 1000000000000000000;";

/// An account keeps the handle it was created with.
pub const PUT_ACCOUNT: &str = "\
INSERT INTO accounts (login, role, territory, password_hash, handle) VALUES ($1, $2, $3, $4, $5) \
ON CONFLICT (login) DO UPDATE SET role = $2, territory = $3, password_hash = $4";
pub const GET_ACCOUNT: &str = "SELECT login, role, territory, password_hash, handle FROM accounts WHERE login = $1";
pub const PUT_SESSION: &str = "\
INSERT INTO sessions (token_hash, login, csrf, expires_at, otp_hash) VALUES ($1, $2, $3, $4, $5)";
pub const GET_SESSION: &str = "\
SELECT a.login, a.role, a.territory, a.password_hash, a.handle, s.csrf, s.expires_at, s.otp_hash, s.otp_failures, \
a.lang \
FROM sessions s JOIN accounts a ON a.login = s.login WHERE s.token_hash = $1";
pub const DROP_SESSION: &str = "DELETE FROM sessions WHERE token_hash = $1";
/// Ends the sessions of account `$1` when the account is about to change its password (`$2`), role (`$3`) or
/// region (`$4`): run before `PUT_ACCOUNT`, in its transaction.
pub const END_SESSIONS_ON_CHANGE: &str = "\
DELETE FROM sessions WHERE login = $1 AND EXISTS (SELECT 1 FROM accounts a WHERE a.login = $1 \
AND (a.password_hash <> $2 OR a.role <> $3 OR COALESCE(a.territory, '') <> COALESCE($4, '')))";
/// The sessions of an account, latest expiry first.
pub const LIST_SESSIONS: &str = "\
SELECT token_hash, expires_at, otp_hash FROM sessions WHERE login = $1 ORDER BY expires_at DESC, token_hash";
/// Ends every session of account `$1` but the one of token hash `$2` (`''` keeps none).
pub const END_SESSIONS: &str = "DELETE FROM sessions WHERE login = $1 AND token_hash <> $2";
pub const LOGIN_ATTEMPT: &str = "INSERT INTO login_failures (login, source, at) VALUES ($1, $2, $3) RETURNING id";
/// The attempts of a login (`$1`) and of a source (`$2`) after `$3`, with the time of each one's attempt before
/// attempt `$4` (the one just recorded). Timestamps are written by `store::sortable` (fixed shape), so text order
/// is time order.
pub const LOGIN_ATTEMPTS: &str = "\
SELECT (SELECT COUNT(*) FROM login_failures WHERE login = $1 AND at > $3), \
(SELECT COUNT(*) FROM login_failures WHERE source = $2 AND at > $3), \
(SELECT MAX(at) FROM login_failures WHERE login = $1 AND at > $3 AND id < $4), \
(SELECT MAX(at) FROM login_failures WHERE source = $2 AND at > $3 AND id < $4)";
pub const CLEAR_LOGIN_ATTEMPTS: &str = "DELETE FROM login_failures WHERE login = $1";

/// Claims messages for a worker. The subquery's row locks (PostgreSQL) keep two instances off the same rows;
/// SQLite runs one writer at a time and uses [`CLAIM_MESSAGES_SERIAL`].
pub const CLAIM_MESSAGES: &str = "\
UPDATE outbox SET claimed_by = $1, claimed_until = $2 WHERE id IN (\
SELECT id FROM outbox WHERE sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < $3) \
ORDER BY id LIMIT $4 FOR UPDATE SKIP LOCKED) \
RETURNING id, channel, recipient, template, args, body, case_id, created_at, sent_at, claimed_by";
pub const CLAIM_MESSAGES_SERIAL: &str = "\
UPDATE outbox SET claimed_by = $1, claimed_until = $2 WHERE id IN (\
SELECT id FROM outbox WHERE sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < $3) \
ORDER BY id LIMIT $4) \
RETURNING id, channel, recipient, template, args, body, case_id, created_at, sent_at, claimed_by";

pub const LIST_ACCOUNTS: &str = "\
SELECT login, role, territory, password_hash, handle FROM accounts ORDER BY login LIMIT $1";
pub const LAST_AMENDMENT: &str = "SELECT COALESCE(MAX(seq), 0) FROM law_amendments";
pub const INSERT_AMENDMENT: &str = "INSERT INTO law_amendments (seq, at, account, body) VALUES ($1, $2, $3, $4)";
pub const AMENDMENTS: &str = "SELECT seq, at, account, body FROM law_amendments ORDER BY seq";

/// The first result of an idempotency key: the case, its version then, the audit record's sequence, and that
/// record's detail (what the command did).
pub const REPLAY: &str = "\
SELECT i.case_id, c.region, c.year, c.sequence, i.version, i.audit_seq, a.detail \
FROM idempotency i JOIN cases c ON c.id = i.case_id \
LEFT JOIN audit a ON a.chain = c.region AND a.seq = i.audit_seq \
WHERE i.key = $1";

/// Every quota, in key order.
pub const ALL_QUOTAS: &str =
    "SELECT year, territory, category, unit, total, allocated FROM quotas ORDER BY year, territory, category";
pub const LIST_QUOTAS: &str = "\
SELECT year, territory, category, unit, total, allocated FROM quotas WHERE year = $1 ORDER BY territory, category";

pub const INSERT_ATTACHMENT: &str = "\
INSERT INTO attachments (owner_kind, owner, name, content_type, size, sha256, body, created_at) \
VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
pub const SELECT_ATTACHMENT: &str = "\
SELECT id, owner_kind, owner, name, content_type, size, sha256, created_at, body FROM attachments WHERE id = $1";
