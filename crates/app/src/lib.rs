//! Use cases: the one crate that puts the law, the case machines, the registries and the store together.
//!
//! Every operation takes the [`Principal`] who acts and checks the policy itself (a case the principal may not
//! see is [`AppError::NotFound`]), parses its input at the edge into domain values (every bad field reported at
//! once with its code), asks the information systems what they hold instead of asking the applicant (keeping
//! each answer as evidence), steps the case machine, and writes the step as one store command with everything
//! the step does (quota places, notices, payments, documents) in the same transaction. It takes `now` as an
//! argument; it never reads the clock.

pub mod admin;
pub mod authz;
pub mod cases_view;
mod deadlines;
pub mod effects;
pub mod identity;
pub mod issuing;
pub mod kinds;
pub mod law;
mod principal;
pub mod quota;
pub mod rent;
pub mod resettlement;

pub use cases_view::{CaseDetails, Queue, QueueFilter, QueueRow};
pub use deadlines::{DeadlineMove, DeadlineRecount, DeadlineSweep};
pub use law::{Amended, Laws};
pub use principal::Principal;
pub use quota::{Decided, Inclusion, QuotaApplication, Submitted};

use cases::{ApplicationNumber, Rejected};
use jiff::Timestamp;
use registries::{Answer, RegistryError};
use store::{Evidence, StoreError};

/// A bad field of the input, with its message code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub code: &'static str,
}

/// Why a use case did not do what it was asked. Each has a stable code (`code()`) the catalogs hold the kk and
/// ru text of; the edges turn them into answers (HTTP statuses, exit codes).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AppError {
    #[error("invalid input: {0:?}")]
    Invalid(Vec<FieldError>),
    #[error(transparent)]
    Rejected(Rejected),
    #[error("an information system failed: {}", .0.code())]
    Registry(RegistryError),
    #[error(transparent)]
    Store(StoreError),
    /// The law with an amendment does not load; `code` is the stable reason (`legal::amend::AmendError::code`).
    #[error("the law refuses the amendment: {reason}")]
    LawRefused { code: &'static str, reason: String },
    /// Nothing there, or nothing the principal may see: the two answers are the same on purpose.
    #[error("not found")]
    NotFound,
    /// The principal may see it but not do this.
    #[error("forbidden")]
    Forbidden,
    /// Not signed in, or the credentials, the session or the one-time code are not right (`code` says which).
    #[error("not signed in: {0}")]
    Unauthenticated(&'static str),
    /// Too many attempts: try again after `retry_after` seconds.
    #[error("{code}: retry after {retry_after} s")]
    Throttled { code: &'static str, retry_after: u64 },
    /// The person has an application for inclusion in the quota still being dealt with: its number.
    #[error("an open application exists")]
    OpenCase { number: String },
    /// The request is well formed but the state of things forbids it (`code` says why).
    #[error("refused: {0}")]
    Refused(&'static str),
}

impl AppError {
    /// Every code an `AppError` of its own (not the wrapped errors) can have, for the catalogs.
    pub const CODES: &'static [&'static str] = &[
        "invalid_input",
        "not_found",
        "forbidden",
        "not_signed_in",
        "login_failed",
        "code_required",
        "code_wrong",
        "code_attempts_exhausted",
        "code_expired",
        "login_throttled",
        "csrf_token_missing",
        "last_administrator",
        "password_too_short",
        "invalid_role",
        "idempotency_key_required",
        "unknown_language",
        "form_not_issued",
        "signer_without_certificate",
        "document_not_valid",
        "quota_open_case",
        "no_places_here",
        "confirmation_mismatch",
        "not_written",
        "consent_required",
        "applicant_not_adult",
        "not_a_relative",
        "documents_missing",
        "invalid_document_kind",
        "invalid_attachment",
        "invalid_employment_category",
        "employment_category_required",
        "invalid_minutes",
        "invalid_date",
        "protocol_required",
        "members_required",
        "invalid_outcome",
        "invalid_category",
        "invalid_ground",
        "file_empty",
        "file_too_large",
        "file_type_not_allowed",
        "reason_required",
        "reason_too_long",
        "reason_control_characters",
        "occupation_required",
        "invalid_family_count",
        "referral_number_mismatch",
        "contract_number_required",
        "invalid_territory",
        "invalid_locality",
        "invalid_family_size",
        "invalid_iban",
        "invalid_amount",
        "invalid_refund_path",
        "invalid_month",
        "relocation_amount_unknown",
        "rent_month_refused",
        "no_payee",
        "order_invalid",
        "nothing_to_export",
        "export_failed",
        "invalid_bank_file",
        "payer_not_configured",
        "nothing_returned",
    ];

    pub fn code(&self) -> &'static str {
        match self {
            AppError::Invalid(_) => "invalid_input",
            AppError::Rejected(r) => r.code(),
            AppError::Registry(r) => r.code(),
            AppError::Store(s) => s.code(),
            AppError::LawRefused { code, .. } => code,
            AppError::NotFound => "not_found",
            AppError::OpenCase { .. } => "quota_open_case",
            AppError::Forbidden => "forbidden",
            AppError::Unauthenticated(code) | AppError::Refused(code) => code,
            AppError::Throttled { code, .. } => code,
        }
    }

    pub(crate) fn invalid(field: &'static str, code: &'static str) -> AppError {
        AppError::Invalid(vec![FieldError { field, code }])
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> AppError {
        match e {
            StoreError::NotFound { .. } => AppError::NotFound,
            other => AppError::Store(other),
        }
    }
}

/// The civil date in Kazakhstan at `now`: one time zone, UTC+5, since 1 March 2024.
pub fn kz_today(now: Timestamp) -> jiff::civil::Date {
    kz_time(now).date()
}

/// The civil date and time in Kazakhstan at `now`.
pub fn kz_time(now: Timestamp) -> jiff::civil::DateTime {
    jiff::tz::offset(5).to_datetime(now)
}

pub(crate) fn evidence<T>(answer: &Answer<T>, payload: &serde_json::Value) -> Evidence {
    Evidence {
        system: answer.evidence.system.key().to_owned(),
        requested_at: answer.evidence.requested_at,
        response_id: answer.evidence.response_id.clone(),
        payload: payload.to_string(),
    }
}

/// A stored case's application number as people read it (`QN-75-2026-000001`), or its id if the stored parts
/// do not make one.
pub fn number_of(case: &store::CaseRecord) -> String {
    ApplicationNumber::new(&case.region, case.year, case.sequence)
        .map_or_else(|_| case.id.to_string(), |n| n.to_string())
}

/// The use cases over a store and the registries, under the law in force. Its parts are private: the edges
/// reach the store only through the use cases, which authorise every read and write.
pub struct App<S, R> {
    store: S,
    registries: R,
    law: Laws,
    /// Sandbox delivery channels (demo mode): the administrator may read the messages they carry.
    sandbox: bool,
    /// Who pays the measures and how (configuration); without it no bank file is written.
    payout: Option<rent::bank::Payout>,
    /// The signing authority: without one, the documents the steps issue are recorded as requested only.
    issuing: Option<std::sync::Arc<issuing::Issuing>>,
    /// How hard guessing passwords and one-time codes is made (configuration).
    sign_in_policy: identity::SignInPolicy,
}

impl<S, R> std::fmt::Debug for App<S, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App").finish_non_exhaustive()
    }
}

impl<S, R> App<S, R> {
    pub fn new(store: S, registries: R, law: Laws) -> App<S, R> {
        App {
            store,
            registries,
            law,
            sandbox: false,
            payout: None,
            issuing: None,
            sign_in_policy: identity::SignInPolicy::default(),
        }
    }

    /// Other limits of sign-in attempts and one-time codes than the defaults.
    pub fn with_sign_in_policy(mut self, policy: identity::SignInPolicy) -> App<S, R> {
        self.sign_in_policy = policy;
        self
    }

    /// Issues the documents of the steps: rendered, signed by the official who takes the step, and stored
    /// with it.
    pub fn with_issuing(mut self, issuing: issuing::Issuing) -> App<S, R> {
        self.issuing = Some(std::sync::Arc::new(issuing));
        self
    }

    /// The signing authority, if the service issues documents.
    pub fn issuing(&self) -> Option<&issuing::Issuing> {
        self.issuing.as_deref()
    }

    /// The payer the bank files are written for.
    pub fn with_payout(mut self, payout: rent::bank::Payout) -> App<S, R> {
        self.payout = Some(payout);
        self
    }

    /// Delivers notices through sandbox channels whose messages the administrator may read (demo mode).
    pub fn with_sandbox_channels(mut self) -> App<S, R> {
        self.sandbox = true;
        self
    }

    pub fn sandbox_channels(&self) -> bool {
        self.sandbox
    }

    /// The law in force now; a use case keeps it for its whole run, so it decides on one law.
    pub fn law(&self) -> std::sync::Arc<legal::Law> {
        self.law.get()
    }

    /// The registries, for what they say of the signed-in person's own organisation (the employer cabinet)
    /// and for the demo loader.
    pub fn registries(&self) -> &R {
        &self.registries
    }
}
