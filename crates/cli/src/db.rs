//! The database of `--database`: SQLite (a file) or PostgreSQL, behind the one store port.

use jiff::Timestamp;
use store::{
    Actor, Admin, Applied, AuditReport, CaseId, CaseRecord, Command, Quota, QuotaKey, QuotaUnit, ReadPurpose, Store,
    StoreError, Table,
};
use store_postgres::PgStore;
use store_sqlite::SqliteStore;

#[derive(Debug, Clone)]
pub(crate) enum Db {
    Sqlite(SqliteStore),
    Postgres(PgStore),
}

impl Db {
    /// Opens `sqlite://PATH` or `postgres://…` and brings the schema up to date.
    pub(crate) async fn open(url: &str) -> Result<Db, StoreError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            PgStore::connect(url).await.map(Db::Postgres)
        } else if url.starts_with("sqlite:") {
            SqliteStore::open(url).await.map(Db::Sqlite)
        } else {
            Err(StoreError::Unavailable(
                "the database URL must start with sqlite:// or postgres://".into(),
            ))
        }
    }

    pub(crate) fn backend(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }
}

/// Forwards a call to whichever adapter is open.
macro_rules! both {
    ($self:ident, $s:ident => $call:expr) => {
        match $self {
            Db::Sqlite($s) => $call,
            Db::Postgres($s) => $call,
        }
    };
}

impl Store for Db {
    async fn apply(&self, cmd: &Command) -> Result<Applied, StoreError> {
        both!(self, s => s.apply(cmd).await)
    }

    async fn ledger_by_order(&self, month: &str) -> Result<Vec<store::OrderBalance>, StoreError> {
        both!(self, s => s.ledger_by_order(month).await)
    }

    async fn ledger_by_account(&self, month: &str) -> Result<Vec<store::AccountBalance>, StoreError> {
        both!(self, s => s.ledger_by_account(month).await)
    }

    async fn cases_in_state(
        &self,
        kind: &str,
        state: &str,
        after: Option<CaseId>,
        limit: u32,
    ) -> Result<Vec<CaseRecord>, StoreError> {
        both!(self, s => s.cases_in_state(kind, state, after, limit).await)
    }

    async fn payment_totals(&self, measure: &str, period: &str) -> Result<store::PaymentTotals, StoreError> {
        both!(self, s => s.payment_totals(measure, period).await)
    }

    async fn read_case(
        &self,
        id: CaseId,
        reader: &Actor,
        purpose: &ReadPurpose,
        at: Timestamp,
    ) -> Result<CaseRecord, StoreError> {
        both!(self, s => s.read_case(id, reader, purpose, at).await)
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
        both!(self, s => s.set_quota(key, unit, total, actor, basis, at).await)
    }

    async fn quota(&self, key: &QuotaKey) -> Result<Quota, StoreError> {
        both!(self, s => s.quota(key).await)
    }

    async fn count_cases(&self, query: &store::CaseQuery) -> Result<u64, StoreError> {
        both!(self, s => s.count_cases(query).await)
    }

    async fn verify_audit(&self) -> Result<AuditReport, StoreError> {
        both!(self, s => s.verify_audit().await)
    }

    async fn list_cases(&self, query: &store::CaseQuery) -> Result<Vec<CaseRecord>, StoreError> {
        both!(self, s => s.list_cases(query).await)
    }

    async fn case_counts(&self) -> Result<Vec<store::CaseCount>, StoreError> {
        both!(self, s => s.case_counts().await)
    }

    async fn case_history(&self, id: CaseId) -> Result<(Vec<store::AuditRecord>, Vec<store::Evidence>), StoreError> {
        both!(self, s => s.case_history(id).await)
    }

    async fn case_of_party(&self, id: CaseId, party: &store::Party) -> Result<Option<CaseRecord>, StoreError> {
        both!(self, s => s.case_of_party(id, party).await)
    }

    async fn case_file(&self, id: CaseId) -> Result<store::CaseFile, StoreError> {
        both!(self, s => s.case_file(id).await)
    }

    async fn document(&self, number: &str) -> Result<Option<store::DocumentRecord>, StoreError> {
        both!(self, s => s.document(number).await)
    }

    async fn document_pdf(&self, number: &str, lang: &str) -> Result<Option<Vec<u8>>, StoreError> {
        both!(self, s => s.document_pdf(number, lang).await)
    }

    async fn record(&self, chain: &str, entry: &store::AuditEntry) -> Result<(), StoreError> {
        both!(self, s => s.record(chain, entry).await)
    }

    async fn add_amendment(
        &self,
        body: &str,
        summary: &str,
        expected: i64,
        actor: &Actor,
        basis: &str,
        at: Timestamp,
    ) -> Result<store::AmendmentRecord, StoreError> {
        both!(self, s => s.add_amendment(body, summary, expected, actor, basis, at).await)
    }

    async fn list_quotas(&self, year: i16) -> Result<Vec<Quota>, StoreError> {
        both!(self, s => s.list_quotas(year).await)
    }

    async fn replay(&self, key: &store::IdempotencyKey) -> Result<Option<store::Replay>, StoreError> {
        both!(self, s => s.replay(key).await)
    }

    async fn amendments(&self) -> Result<Vec<store::AmendmentRecord>, StoreError> {
        both!(self, s => s.amendments().await)
    }
}

impl store::Outbox for Db {
    async fn enqueue(&self, message: &store::NewMessage, at: Timestamp) -> Result<i64, StoreError> {
        both!(self, s => s.enqueue(message, at).await)
    }

    async fn claim_messages(
        &self,
        worker: &str,
        now: Timestamp,
        until: Timestamp,
        limit: u32,
    ) -> Result<Vec<store::Message>, StoreError> {
        both!(self, s => s.claim_messages(worker, now, until, limit).await)
    }

    async fn mark_sent(&self, id: i64, worker: &str, at: Timestamp) -> Result<bool, StoreError> {
        both!(self, s => s.mark_sent(id, worker, at).await)
    }

    async fn claim_job(&self, name: &str, holder: &str, now: Timestamp, until: Timestamp) -> Result<bool, StoreError> {
        both!(self, s => s.claim_job(name, holder, now, until).await)
    }

    async fn messages_to(&self, recipient: &str, limit: u32) -> Result<Vec<store::Message>, StoreError> {
        both!(self, s => s.messages_to(recipient, limit).await)
    }

    async fn recent_messages(&self, limit: u32) -> Result<Vec<store::Message>, StoreError> {
        both!(self, s => s.recent_messages(limit).await)
    }
}

impl store::Accounts for Db {
    async fn put_account(
        &self,
        account: &store::AccountRecord,
        actor: &Actor,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        both!(self, s => s.put_account(account, actor, at).await)
    }

    async fn list_accounts(&self, limit: u32) -> Result<Vec<store::AccountRecord>, StoreError> {
        both!(self, s => s.list_accounts(limit).await)
    }

    async fn account(&self, login: &str) -> Result<Option<store::AccountRecord>, StoreError> {
        both!(self, s => s.account(login).await)
    }

    async fn put_session(
        &self,
        token_hash: &str,
        login: &str,
        csrf: &str,
        expires_at: Timestamp,
        otp_hash: Option<&str>,
    ) -> Result<(), StoreError> {
        both!(self, s => s.put_session(token_hash, login, csrf, expires_at, otp_hash).await)
    }

    async fn confirm_session(&self, token_hash: &str) -> Result<(), StoreError> {
        both!(self, s => s.confirm_session(token_hash).await)
    }

    async fn otp_failed(&self, token_hash: &str) -> Result<u32, StoreError> {
        both!(self, s => s.otp_failed(token_hash).await)
    }

    async fn set_lang(&self, login: &str, lang: &str) -> Result<(), StoreError> {
        both!(self, s => s.set_lang(login, lang).await)
    }

    async fn session(&self, token_hash: &str, now: Timestamp) -> Result<Option<store::SessionRecord>, StoreError> {
        both!(self, s => s.session(token_hash, now).await)
    }

    async fn drop_session(&self, token_hash: &str) -> Result<(), StoreError> {
        both!(self, s => s.drop_session(token_hash).await)
    }

    async fn sessions_of(&self, login: &str, now: Timestamp) -> Result<Vec<store::SessionSummary>, StoreError> {
        both!(self, s => s.sessions_of(login, now).await)
    }

    async fn end_sessions(&self, login: &str, keep: Option<&str>) -> Result<u64, StoreError> {
        both!(self, s => s.end_sessions(login, keep).await)
    }

    async fn login_attempt(
        &self,
        login: &str,
        source: &str,
        at: Timestamp,
        since: Timestamp,
    ) -> Result<store::Attempts, StoreError> {
        both!(self, s => s.login_attempt(login, source, at, since).await)
    }

    async fn clear_login_attempts(&self, login: &str) -> Result<(), StoreError> {
        both!(self, s => s.clear_login_attempts(login).await)
    }
}

impl Admin for Db {
    async fn execute_unchecked(&self, sql: &str) -> Result<u64, StoreError> {
        both!(self, s => s.execute_unchecked(sql).await)
    }

    async fn count_rows(&self, table: Table) -> Result<i64, StoreError> {
        both!(self, s => s.count_rows(table).await)
    }

    async fn raw_reset(&self) -> Result<(), StoreError> {
        both!(self, s => s.raw_reset().await)
    }

    async fn raw_insert(&self, id: i64, payload: &str) -> Result<(), StoreError> {
        both!(self, s => s.raw_insert(id, payload).await)
    }

    async fn close(&self) {
        both!(self, s => s.close().await)
    }

    async fn raw_command(&self, cmd: &Command, n: i64) -> Result<(), StoreError> {
        both!(self, s => s.raw_command(cmd, n).await)
    }

    async fn raw_rows(&self, rows: Vec<store::write::Row>) -> Result<(), StoreError> {
        both!(self, s => s.raw_rows(rows).await)
    }

    async fn ping(&self) -> Result<(), StoreError> {
        both!(self, s => s.ping().await)
    }

    async fn audit_records(&self) -> Result<Vec<store::AuditRecord>, StoreError> {
        both!(self, s => s.audit_records().await)
    }

    async fn quota_digests(&self) -> Result<Vec<(String, String)>, StoreError> {
        both!(self, s => s.quota_digests().await)
    }

    async fn case_digests(&self) -> Result<Vec<(i64, String)>, StoreError> {
        both!(self, s => s.case_digests().await)
    }

    async fn sandbox_reset(&self, seed: u64, persons: u64) -> Result<(), StoreError> {
        both!(self, s => s.sandbox_reset(seed, persons).await)
    }

    async fn sandbox_insert(&self, rows: Vec<store::SandboxRow>) -> Result<(), StoreError> {
        both!(self, s => s.sandbox_insert(rows).await)
    }
}

impl store::Attachments for Db {
    async fn put_attachment(
        &self,
        file: &store::NewAttachment,
        at: Timestamp,
    ) -> Result<store::AttachmentId, StoreError> {
        both!(self, s => s.put_attachment(file, at).await)
    }

    async fn attachment(
        &self,
        id: store::AttachmentId,
    ) -> Result<Option<(store::AttachmentRecord, Vec<u8>)>, StoreError> {
        both!(self, s => s.attachment(id).await)
    }

    async fn attachments(&self, ids: &[store::AttachmentId]) -> Result<Vec<store::AttachmentRecord>, StoreError> {
        both!(self, s => s.attachments(ids).await)
    }
}
