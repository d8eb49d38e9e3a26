//! The storage port: what Qonys keeps and the guarantees it needs, with no database in sight.
//!
//! Every write is a [`Command`]: one case created or updated, optionally a quota allocated or released,
//! the evidence obtained from information systems, and one audit record, all in one transaction. A command
//! carries an idempotency key: a repeat returns the first result and changes nothing. A case carries a version:
//! an update against a stale version is a [`StoreError::Conflict`]. Reads of a case by staff are audited too
//! ([`Store::read_case`]), in the same hash chain.
//!
//! The adapters (`store-sql`, over SQLite and PostgreSQL) run the same [`conformance`] story.

pub mod audit;
pub mod conformance;
pub mod plan;
mod records;
pub mod rows;
pub mod sql;
pub mod witness;
pub mod write;

use std::future::Future;

pub use audit::{AuditBreak, AuditRecord, AuditReport, BreakKind, GENESIS};
pub use records::{
    Actor, ActorError, AmendmentRecord, Applied, AttachmentId, AttachmentRecord, CaseCount, CaseId, CaseQuery,
    CaseRecord, CaseWrite, Channel, Command, Cursor, DocumentRequest, Evidence, IdempotencyKey, IssuedDocument, Link,
    Message, NewAttachment, NewMessage, Op, Party, PaymentRequest, Posting, Quota, QuotaCategory, QuotaKey, QuotaOp,
    QuotaUnit, ReadPurpose, Relation, Replay, Role,
};

/// What can go wrong in the store. Legal outcomes (a refusal) are not errors; these are.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    #[error("{what} not found")]
    NotFound { what: String },
    /// The case changed since it was read: reload and decide again.
    #[error("case {case} is at version {actual}, not {expected}")]
    Conflict { case: CaseId, expected: i64, actual: i64 },
    /// No places left in the quota (nothing was written).
    #[error("quota {key} has no places left")]
    QuotaExhausted { key: QuotaKey },
    /// A quota cannot be set below the places already allocated.
    #[error("quota {key} has {allocated} places allocated; the total cannot be lower")]
    QuotaBelowAllocated { key: QuotaKey, allocated: u32 },
    /// Something was added since the caller read it (another administrator's amendment): read again and retry.
    #[error("{what} changed since it was read")]
    Changed { what: String },
    /// A row the database keeps unique exists already (one open quota application per person).
    #[error("{what} exists already")]
    Duplicate { what: String },
    /// The idempotency key was used for a different command.
    #[error("idempotency key {key} was used for a different command")]
    IdempotencyMismatch { key: String },
    /// A row could not be read back into a domain value: the database is untrusted input.
    #[error("corrupt row in {table} (id {id}): {reason}")]
    Corrupt {
        table: &'static str,
        id: String,
        reason: String,
    },
    /// The database could not be reached or refused the operation.
    #[error("store unavailable: {0}")]
    Unavailable(String),
}

impl StoreError {
    pub const CODES: &'static [&'static str] = &[
        "not_found",
        "version_conflict",
        "quota_exhausted",
        "quota_below_allocated",
        "idempotency_mismatch",
        "duplicate",
        "changed_since_read",
        "store_corrupt",
        "store_unavailable",
    ];

    pub fn code(&self) -> &'static str {
        match self {
            StoreError::NotFound { .. } => "not_found",
            StoreError::Conflict { .. } => "version_conflict",
            StoreError::QuotaExhausted { .. } => "quota_exhausted",
            StoreError::QuotaBelowAllocated { .. } => "quota_below_allocated",
            StoreError::IdempotencyMismatch { .. } => "idempotency_mismatch",
            StoreError::Duplicate { .. } => "duplicate",
            StoreError::Changed { .. } => "changed_since_read",
            StoreError::Corrupt { .. } => "store_corrupt",
            StoreError::Unavailable(_) => "store_unavailable",
        }
    }
}

/// The port. Adapters implement it; `app` uses it; the [`conformance`] story checks it.
pub trait Store: Send + Sync {
    /// Applies a command atomically (case, quota, evidence, audit record), or replays its first result.
    fn apply(&self, cmd: &Command) -> impl Future<Output = Result<Applied, StoreError>> + Send;

    /// Reads a case for a member of staff and records the read in the audit chain in the same transaction.
    fn read_case(
        &self,
        id: CaseId,
        reader: &Actor,
        purpose: &ReadPurpose,
        at: jiff::Timestamp,
    ) -> impl Future<Output = Result<CaseRecord, StoreError>> + Send;

    /// Sets (creates or changes) the size of a quota; allocations already made are kept and the new total may
    /// not be below them. Audited.
    fn set_quota(
        &self,
        quota: &QuotaKey,
        unit: QuotaUnit,
        total: u32,
        actor: &Actor,
        basis: &str,
        at: jiff::Timestamp,
    ) -> impl Future<Output = Result<Quota, StoreError>> + Send;

    /// The quota as it stands.
    fn quota(&self, key: &QuotaKey) -> impl Future<Output = Result<Quota, StoreError>> + Send;

    /// How many cases `query` finds (its `after` and `limit` ignored); not a read of personal data by itself.
    fn count_cases(&self, query: &CaseQuery) -> impl Future<Output = Result<u64, StoreError>> + Send;

    /// Walks the audit chain from the first record and reports the first broken link.
    fn verify_audit(&self) -> impl Future<Output = Result<AuditReport, StoreError>> + Send;

    /// Cases for a work queue or a personal cabinet, soonest deadline first. The caller has decided that the
    /// reader may see them (by region or as their applicant); a list shows no more than a case's number, kind,
    /// state and dates.
    fn list_cases(&self, query: &CaseQuery) -> impl Future<Output = Result<Vec<CaseRecord>, StoreError>> + Send;

    /// Up to `limit` cases of `kind` in `state` with an id above `after`, by id: the pages of a batch over a
    /// whole caseload (each page a lookup in an index, however far the batch has gone).
    fn cases_in_state(
        &self,
        kind: &str,
        state: &str,
        after: Option<CaseId>,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<CaseRecord>, StoreError>> + Send;

    /// Cases counted by region, kind and state (no personal data), in that order.
    fn case_counts(&self) -> impl Future<Output = Result<Vec<CaseCount>, StoreError>> + Send;

    /// A case's audit records (its timeline, oldest first) and the evidence kept on it. Only after
    /// [`Store::read_case`] has recorded the read, or for the case's own applicant.
    fn case_history(
        &self,
        id: CaseId,
    ) -> impl Future<Output = Result<(Vec<AuditRecord>, Vec<Evidence>), StoreError>> + Send;

    /// A case as its own party sees it (the applicant, or a family member it concerns): `None` when it does
    /// not exist or is someone else's. A person reading their own data is not a staff read: nothing is audited.
    fn case_of_party(
        &self,
        id: CaseId,
        party: &Party,
    ) -> impl Future<Output = Result<Option<CaseRecord>, StoreError>> + Send;

    /// What a case points to and what points to it, documents and payments it has: its file beside the case.
    fn case_file(&self, id: CaseId) -> impl Future<Output = Result<CaseFile, StoreError>> + Send;
    /// An issued document by its number (public: what its verification shows, no personal data).
    fn document(&self, number: &str) -> impl Future<Output = Result<Option<DocumentRecord>, StoreError>> + Send;
    /// The signed file of an issued document in `lang` (`kk`, `ru`); the caller authorises the read.
    fn document_pdf(
        &self,
        number: &str,
        lang: &str,
    ) -> impl Future<Output = Result<Option<Vec<u8>>, StoreError>> + Send;

    /// Appends an audit record that belongs to no case write (a staff search for a person's cases, say) to
    /// `chain`, with the chain's lock, in its own transaction.
    fn record(&self, chain: &str, entry: &AuditEntry) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Appends an amendment of the law as number `expected + 1`, with its audit record (chain `00`, action
    /// `law.amend`, `summary` as the detail), if exactly `expected` amendments exist; otherwise
    /// [`StoreError::Changed`] and nothing is written. The caller validated the law with the first `expected`.
    fn add_amendment(
        &self,
        body: &str,
        summary: &str,
        expected: i64,
        actor: &Actor,
        basis: &str,
        at: jiff::Timestamp,
    ) -> impl Future<Output = Result<AmendmentRecord, StoreError>> + Send;

    /// Every quota of `year`, by territory and category.
    fn list_quotas(&self, year: i16) -> impl Future<Output = Result<Vec<Quota>, StoreError>> + Send;

    /// What the idempotency `key` already did, if anything. A use case that must look at the case before
    /// building its command asks first, so a repeated request gets the first answer rather than being
    /// judged against the state the first one left. (Concurrent repeats are still caught by `apply`.)
    fn replay(&self, key: &IdempotencyKey) -> impl Future<Output = Result<Option<Replay>, StoreError>> + Send;

    /// Every amendment, in order.
    fn amendments(&self) -> impl Future<Output = Result<Vec<AmendmentRecord>, StoreError>> + Send;

    /// The ledger postings booked in `month` (`YYYY-MM`), summed per order, in case order.
    fn ledger_by_order(&self, month: &str) -> impl Future<Output = Result<Vec<OrderBalance>, StoreError>> + Send;

    /// The ledger postings booked in `month` per budget line, region and account.
    fn ledger_by_account(&self, month: &str) -> impl Future<Output = Result<Vec<AccountBalance>, StoreError>> + Send;

    /// The payment orders of `measure` for `period`: how many, for how many cases, and their total.
    fn payment_totals(
        &self,
        measure: &str,
        period: &str,
    ) -> impl Future<Output = Result<PaymentTotals, StoreError>> + Send;
}

/// The debits and credits of one payment order (case, measure, period) in a booking month, in tiyn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderBalance {
    pub case: CaseId,
    pub measure: String,
    pub period: String,
    pub debit: i64,
    pub credit: i64,
}

/// The debits and credits of one account of a budget line and region in a booking month, in tiyn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountBalance {
    pub budget_line: String,
    pub region: String,
    pub account: String,
    pub debit: i64,
    pub credit: i64,
}

/// The payment orders of a measure and period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PaymentTotals {
    pub orders: i64,
    pub cases: i64,
    /// In tiyn.
    pub total: i64,
}

/// An audit record to append on its own: who did what, on what basis, with what detail (personal data masked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub actor: Actor,
    pub action: String,
    pub basis: String,
    pub detail: String,
    pub at: jiff::Timestamp,
}

/// A link between two cases, from the case that points to the one it points to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRecord {
    pub from: CaseId,
    pub to: CaseId,
    pub relation: Relation,
}

/// A document a case step issued (its files apart: `Store::document_pdf`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRecord {
    pub id: i64,
    pub case: CaseId,
    pub form: String,
    /// `requested` (no signing authority), `valid`, `revoked` or `superseded`.
    pub state: String,
    pub audit_seq: i64,
    pub created_at: jiff::Timestamp,
    /// What an issued document carries besides its files; `None` for one only requested.
    pub issued: Option<IssuedHead>,
}

/// The head of an issued document: what its verification shows and what its files are checked against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedHead {
    pub number: String,
    pub issued_on: jiff::civil::Date,
    pub law_edition: String,
    pub signer: String,
    pub issuer_kk: String,
    pub issuer_ru: String,
    pub sha256_kk: String,
    pub sha256_ru: String,
    /// Why it was revoked or superseded, and when.
    pub reason: Option<String>,
    pub changed_at: Option<jiff::Timestamp>,
}

/// A payment a case step scheduled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentRecord {
    pub id: i64,
    pub case: CaseId,
    pub measure: String,
    pub period: String,
    pub amount: kz::Money,
    pub payee: Party,
    pub state: String,
    pub created_at: jiff::Timestamp,
}

/// The records beside a case: its links both ways, its documents and its payments, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CaseFile {
    pub links: Vec<LinkRecord>,
    pub documents: Vec<DocumentRecord>,
    pub payments: Vec<PaymentRecord>,
}

/// Messages to people, delivered through the database so that several instances never send one twice.
pub trait Outbox: Send + Sync {
    /// Queues a message; returns its id.
    fn enqueue(
        &self,
        message: &NewMessage,
        at: jiff::Timestamp,
    ) -> impl Future<Output = Result<i64, StoreError>> + Send;
    /// Claims up to `limit` unsent messages nobody holds (or whose holder's lease ended before `now`) for
    /// `worker` until `until`. Two workers never hold the same message at once.
    fn claim_messages(
        &self,
        worker: &str,
        now: jiff::Timestamp,
        until: jiff::Timestamp,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<Message>, StoreError>> + Send;
    /// Marks a claimed message sent; false when `worker` no longer holds it (its lease was taken over).
    fn mark_sent(
        &self,
        id: i64,
        worker: &str,
        at: jiff::Timestamp,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;
    /// The newest messages to one recipient, for their personal cabinet.
    fn messages_to(&self, recipient: &str, limit: u32)
    -> impl Future<Output = Result<Vec<Message>, StoreError>> + Send;
    /// Takes the lease of background job `name` for `holder` until `until` when nobody holds it (or the lease
    /// ended before `now`, or `holder` already has it); false when another instance holds it.
    fn claim_job(
        &self,
        name: &str,
        holder: &str,
        now: jiff::Timestamp,
        until: jiff::Timestamp,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;
    /// The newest messages, for the administrator's view of the sandbox channel.
    fn recent_messages(&self, limit: u32) -> impl Future<Output = Result<Vec<Message>, StoreError>> + Send;
}

/// Operations on the database outside the domain, for benchmarks and for tests that tamper on purpose.
pub trait Admin: Send + Sync {
    /// Runs SQL as given (tests only: it bypasses every guarantee of the port).
    fn execute_unchecked(&self, sql: &str) -> impl Future<Output = Result<u64, StoreError>> + Send;
    /// Rows in one of the store's tables.
    fn count_rows(&self, table: Table) -> impl Future<Output = Result<i64, StoreError>> + Send;
    /// Creates (or empties) the benchmark table of single-row inserts.
    fn raw_reset(&self) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// One row inserted in its own transaction: the first peer a command is measured against.
    fn raw_insert(&self, id: i64, payload: &str) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// The rows `cmd` would write (case, evidence, audit record, idempotency key) inserted as they are, in one
    /// transaction, with no lock, no read and no hashing: the second peer, the same data without Qonys.
    /// Rows go to ids from [`plan::RAW_BASE`] up; `raw_reset` removes them.
    fn raw_command(&self, cmd: &Command, n: i64) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Rows of `store::write` inserted as they are in one transaction, one statement per row on SQLite and
    /// per table on PostgreSQL, with no lock, no read and no hashing: the raw peer of a batch.
    fn raw_rows(&self, rows: Vec<write::Row>) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Closes connections, waiting for those in use.
    fn close(&self) -> impl Future<Output = ()> + Send;
    /// Whether the database answers (for readiness checks).
    fn ping(&self) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Every audit record, by chain and sequence (for checks over the whole log, such as that it holds no
    /// personal data; a production log is read chain by chain by `verify_audit`).
    fn audit_records(&self) -> impl Future<Output = Result<Vec<AuditRecord>, StoreError>> + Send;
    /// Every case row's digest as it is now (`plan::case_row_digest`), by id.
    fn case_digests(&self) -> impl Future<Output = Result<Vec<(i64, String)>, StoreError>> + Send;
    /// Every quota row's digest as it is now (`plan::quota_row_digest`), by key.
    fn quota_digests(&self) -> impl Future<Output = Result<Vec<(String, String)>, StoreError>> + Send;
    /// Empties the registries sandbox and records the seed and size of the population about to be loaded.
    fn sandbox_reset(&self, seed: u64, persons: u64) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Loads sandbox people, all in one transaction.
    fn sandbox_insert(&self, rows: Vec<SandboxRow>) -> impl Future<Output = Result<(), StoreError>> + Send;
}

/// One person of the registries sandbox, flattened for bulk loading (synthetic data only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SandboxRow {
    pub iin: String,
    pub household: i64,
    pub kinship: Option<&'static str>,
    pub surname: String,
    pub given: String,
    pub patronymic: Option<String>,
    pub latin: String,
    pub sex: &'static str,
    pub birth_date: String,
    pub citizen: bool,
    pub nationality: &'static str,
    pub kato: String,
    pub registered_since: String,
    pub kandas_since: Option<String>,
    pub job_seeker_since: Option<String>,
    pub owns_home: bool,
    pub employer_bin: Option<String>,
}

/// The tables [`Admin::count_rows`] can count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Cases,
    Evidence,
    Idempotency,
    Audit,
    SandboxPersons,
    Documents,
    Outbox,
}

impl Table {
    pub fn name(self) -> &'static str {
        match self {
            Table::Cases => "cases",
            Table::Evidence => "evidence",
            Table::Idempotency => "idempotency",
            Table::Audit => "audit",
            Table::SandboxPersons => "sandbox_persons",
            Table::Documents => "documents",
            Table::Outbox => "outbox",
        }
    }
}

/// A timestamp as stored where the database compares them as text: RFC 3339 in UTC with nanoseconds always
/// written, so text order is time order.
pub fn sortable(ts: jiff::Timestamp) -> String {
    const PRINTER: jiff::fmt::temporal::DateTimePrinter =
        jiff::fmt::temporal::DateTimePrinter::new().precision(Some(9));
    PRINTER.timestamp_to_string(&ts)
}

/// A person who signs in: staff (with the region they work in, `None` for the whole country) or an applicant.
#[derive(Clone, PartialEq, Eq)]
pub struct AccountRecord {
    pub login: String,
    /// The stable pseudonymous id the audit log knows the account by (a citizen's login is their IIN, and a
    /// hash chain can never be redacted).
    pub handle: String,
    pub role: Role,
    /// The region (two-digit KATO prefix of this KATO) the account may act in; `None`: every region.
    pub territory: Option<kz::Kato>,
    /// The password's Argon2id hash (PHC string); never the password.
    pub password_hash: String,
}

impl std::fmt::Debug for AccountRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // An applicant's login is their IIN.
        let login = match kz::Iin::parse(&self.login) {
            Ok(iin) => iin.masked(),
            Err(_) => self.login.clone(),
        };
        f.debug_struct("AccountRecord")
            .field("login", &login)
            .field("handle", &self.handle)
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

/// A signed-in session, found by the hash of its token (the token itself is only in the browser's cookie).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub account: AccountRecord,
    /// The anti-CSRF token the session's state-changing requests must echo.
    pub csrf: String,
    pub expires_at: jiff::Timestamp,
    /// The hash of the one-time code the session waits for; `None` once confirmed (or never needed).
    pub otp_hash: Option<String>,
    pub otp_failures: u32,
    /// The interface language the account chose (`kk`, `ru`), if it chose one.
    pub lang: Option<String>,
}

/// A session of an account as its owner sees it in the list of their sessions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionSummary {
    /// What the database keeps of the session's token (never the token).
    pub token_hash: String,
    pub expires_at: jiff::Timestamp,
    /// Signed in (no one-time code awaited).
    pub confirmed: bool,
}

/// Sign-in attempts counted for throttling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Attempts {
    /// Attempts of the login in the window, this one included.
    pub login: u32,
    /// Attempts from the source in the window, this one included.
    pub source: u32,
    /// The login's attempt before this one, in the window.
    pub previous_login: Option<jiff::Timestamp>,
    /// The source's attempt before this one, in the window.
    pub previous_source: Option<jiff::Timestamp>,
}

/// Files a person uploads with an application (a scanned document), kept apart from the case that lists them so
/// that an upload survives before the application is filed.
pub trait Attachments: Send + Sync {
    /// Stores a file; its id is what the application lists.
    fn put_attachment(
        &self,
        file: &NewAttachment,
        at: jiff::Timestamp,
    ) -> impl Future<Output = Result<AttachmentId, StoreError>> + Send;
    /// A file with its contents.
    fn attachment(
        &self,
        id: AttachmentId,
    ) -> impl Future<Output = Result<Option<(AttachmentRecord, Vec<u8>)>, StoreError>> + Send;
    /// The files of the given ids (those that exist), without their contents, in id order.
    fn attachments(
        &self,
        ids: &[AttachmentId],
    ) -> impl Future<Output = Result<Vec<AttachmentRecord>, StoreError>> + Send;
}

/// Accounts and sessions. Sessions live in the database so that several instances share them.
pub trait Accounts: Send + Sync {
    /// Creates or replaces an account; audited (chain `00`) as done by `actor`. A new password, role or region
    /// ends every session of the account in the same transaction.
    fn put_account(
        &self,
        account: &AccountRecord,
        actor: &Actor,
        at: jiff::Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    fn account(&self, login: &str) -> impl Future<Output = Result<Option<AccountRecord>, StoreError>> + Send;

    /// Accounts in login order, at most `limit`.
    fn list_accounts(&self, limit: u32) -> impl Future<Output = Result<Vec<AccountRecord>, StoreError>> + Send;
    /// A new session; with `otp_hash` it is not signed in until [`Accounts::confirm_session`].
    fn put_session(
        &self,
        token_hash: &str,
        login: &str,
        csrf: &str,
        expires_at: jiff::Timestamp,
        otp_hash: Option<&str>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// The one-time code was right: the session is signed in.
    fn confirm_session(&self, token_hash: &str) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// A wrong one-time code; returns the session's failures so far.
    fn otp_failed(&self, token_hash: &str) -> impl Future<Output = Result<u32, StoreError>> + Send;
    /// Remembers the interface language an account chose.
    fn set_lang(&self, login: &str, lang: &str) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// The session of a token hash, if it exists and has not expired at `now`.
    fn session(
        &self,
        token_hash: &str,
        now: jiff::Timestamp,
    ) -> impl Future<Output = Result<Option<SessionRecord>, StoreError>> + Send;
    fn drop_session(&self, token_hash: &str) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// The sessions of an account that have not expired at `now`, latest expiry first.
    fn sessions_of(
        &self,
        login: &str,
        now: jiff::Timestamp,
    ) -> impl Future<Output = Result<Vec<SessionSummary>, StoreError>> + Send;
    /// Ends every session of an account but the one of token hash `keep`; returns how many ended.
    fn end_sessions(&self, login: &str, keep: Option<&str>) -> impl Future<Output = Result<u64, StoreError>> + Send;
    /// Records a sign-in attempt of `login` from `source` before its password is checked, and counts, in the
    /// same transaction and excluding any concurrent attempt of the same login or source, the attempts of the
    /// login and of the source since `since` (this one included), with the time of the one before it.
    fn login_attempt(
        &self,
        login: &str,
        source: &str,
        at: jiff::Timestamp,
        since: jiff::Timestamp,
    ) -> impl Future<Output = Result<Attempts, StoreError>> + Send;
    /// A successful sign-in forgets the login's attempts.
    fn clear_login_attempts(&self, login: &str) -> impl Future<Output = Result<(), StoreError>> + Send;
}
