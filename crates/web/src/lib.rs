//! The web service's edge: the axum router with request ids, JSON errors with stable codes and the request id,
//! security headers, a body limit and a timeout, and the operational endpoints (`/health`, `/ready`,
//! `/metrics`). Handlers stay thin: they parse, call a use case, and turn its result or error into a response.

pub mod admin;
mod api;
mod decisions;
pub mod identity;
mod metrics;
pub mod openapi;
pub mod ui;

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use registries::Registries;
use serde_json::json;
use store::{Accounts, Admin, Outbox, Store};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

pub use crate::metrics::Metrics;

/// Every error code the service answers with, for the message catalogs.
pub const CODES: &[&str] = &[
    "not_found",
    "not_signed_in",
    "login_failed",
    "csrf_token_missing",
    "invalid_json",
    "internal",
    "store_unavailable",
    "code_required",
    "code_wrong",
    "code_attempts_exhausted",
    "unknown_language",
];

/// Everything the service needs of its database.
pub trait Backend: Store + Admin + Accounts + Outbox + 'static {}
impl<T: Store + Admin + Accounts + Outbox + 'static> Backend for T {}

/// Wrong one-time codes a session may send before it is ended.
const MAX_CODE_FAILURES: u32 = 5;
/// How long a session waiting for its one-time code lasts.
const CODE_SECONDS: i64 = 10 * 60;

/// Largest request body accepted (applications carry no files; documents come from information systems).
const BODY_LIMIT: usize = 1024 * 1024;
/// A request that takes longer is answered 408 and its work abandoned.
const TIMEOUT: Duration = Duration::from_secs(30);

pub static REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Every route of the service (method, path), for the authorization matrix test: a route added to the router
/// and not here fails that test.
pub const ALL_ROUTES: &[(&str, &str)] = &[
    ("GET", "/health"),
    ("GET", "/ready"),
    ("GET", "/metrics"),
    ("GET", "/api/openapi.json"),
    ("POST", "/api/v1/session"),
    ("DELETE", "/api/v1/session"),
    ("GET", "/api/v1/me"),
    ("POST", "/api/v1/quota-applications"),
    ("GET", "/api/v1/cases"),
    ("GET", "/api/v1/cases/{id}/history"),
    ("GET", "/api/v1/quotas"),
    ("PUT", "/api/v1/quotas/{year}/{territory}/{category}"),
    ("GET", "/api/v1/law/amendments"),
    ("POST", "/api/v1/law/amendments"),
    ("GET", "/api/v1/cases/{id}"),
    ("POST", "/api/v1/cases/{id}/accept"),
    ("POST", "/api/v1/cases/{id}/decision"),
    ("POST", "/api/v1/cases/{id}/revoke"),
    ("POST", "/api/v1/session/code"),
    ("GET", "/api/docs"),
    ("GET", "/static/{name}"),
    ("GET", "/"),
    ("GET", "/ui/sign-in"),
    ("POST", "/ui/sign-in"),
    ("GET", "/ui/sign-in/code"),
    ("POST", "/ui/sign-in/code"),
    ("POST", "/ui/sign-out"),
    ("POST", "/ui/lang"),
    ("GET", "/ui/cabinet"),
    ("GET", "/ui/queue"),
    ("GET", "/ui/cases/{id}"),
    ("POST", "/ui/cases/{id}/accept"),
    ("POST", "/ui/cases/{id}/decision"),
    ("POST", "/ui/cases/{id}/revoke"),
    ("GET", "/ui/applications/new"),
    ("POST", "/ui/applications"),
    ("GET", "/ui/admin/outbox"),
    ("GET", "/ui/admin/law"),
    ("POST", "/ui/admin/law/editions"),
    ("POST", "/ui/admin/law/transfers"),
    ("POST", "/ui/admin/law/holidays"),
    ("POST", "/ui/admin/law/withdrawals"),
    ("POST", "/ui/admin/quotas"),
    ("GET", "/ui/admin/users"),
    ("POST", "/ui/admin/users"),
    ("GET", "/ui/stats"),
];

/// Whether a route serves HTML (the web interface, its static files, the API's documentation page) rather
/// than JSON described in the OpenAPI document.
pub fn is_page(path: &str) -> bool {
    path == "/" || path.starts_with("/ui/") || path.starts_with("/static/") || path == "/api/docs"
}

/// The routes without parameters, for metric labels.
const ROUTES: &[&str] = &[
    "/health",
    "/ready",
    "/metrics",
    "/api/openapi.json",
    "/api/v1/session",
    "/api/v1/me",
    "/api/v1/quota-applications",
    "/api/v1/cases",
    "/api/v1/quotas",
    "/api/v1/law/amendments",
    "/api/v1/session/code",
    "/api/docs",
    "/",
    "/ui/sign-in",
    "/ui/sign-in/code",
    "/ui/sign-out",
    "/ui/lang",
    "/ui/cabinet",
    "/ui/queue",
    "/ui/applications/new",
    "/ui/applications",
    "/ui/admin/outbox",
    "/ui/admin/law",
    "/ui/admin/law/editions",
    "/ui/admin/law/transfers",
    "/ui/admin/law/holidays",
    "/ui/admin/law/withdrawals",
    "/ui/admin/quotas",
    "/ui/admin/users",
    "/ui/stats",
];

/// The time now, read by the edge that runs the service (`qonys serve`); tests pass a fixed one.
pub type Clock = Arc<dyn Fn() -> jiff::Timestamp + Send + Sync>;

/// Failed sign-ins of one login allowed within [`THROTTLE_WINDOW`] before it is refused without a check.
const MAX_FAILURES: u32 = 5;
const THROTTLE_WINDOW: jiff::SignedDuration = jiff::SignedDuration::from_secs(15 * 60);

/// How long a session lasts without signing in again.
const SESSION_SECONDS: i64 = 8 * 3600;

/// What every handler can reach: the use cases (over the store and the registries), the clock, the metrics.
pub struct AppState<S, R> {
    pub app: app::App<S, R>,
    pub metrics: Metrics,
    pub clock: Clock,
    /// Sandbox delivery channels (demo mode): the administrator may read the messages they carry.
    pub sandbox_channels: bool,
    ids: RequestIds,
}

impl<S, R> std::fmt::Debug for AppState<S, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState").finish_non_exhaustive()
    }
}

impl<S, R> AppState<S, R> {
    pub fn new(app: app::App<S, R>, clock: Clock) -> AppState<S, R> {
        AppState {
            app,
            metrics: Metrics::default(),
            clock,
            sandbox_channels: false,
            ids: RequestIds::new(),
        }
    }
}

/// Request ids: a per-process random prefix (from the OS-seeded hasher keys) and a counter. Never a clock.
#[derive(Debug)]
struct RequestIds {
    prefix: u64,
    next: AtomicU64,
}

impl RequestIds {
    fn new() -> RequestIds {
        RequestIds {
            prefix: RandomState::new().hash_one(0x716f_6e79_u64),
            next: AtomicU64::new(1),
        }
    }

    fn next(&self) -> String {
        format!(
            "{:012x}-{:08x}",
            self.prefix & 0xffff_ffff_ffff,
            self.next.fetch_add(1, Ordering::Relaxed)
        )
    }
}

/// The request id of the current request, for error bodies.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

/// An error answer: a stable code (message catalogs hold its kk/ru text), the field when it is about input,
/// and the request id so support can find the log line.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub field: Option<&'static str>,
    /// Every bad field of an input, each with its code.
    pub fields: Vec<(&'static str, &'static str)>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str) -> ApiError {
        ApiError {
            status,
            code,
            field: None,
            fields: Vec::new(),
        }
    }

    /// What a use case's error means to a client.
    pub fn from_app(e: &app::AppError) -> ApiError {
        match e {
            app::AppError::Invalid(fields) => ApiError {
                status: StatusCode::UNPROCESSABLE_ENTITY,
                code: "invalid_input",
                field: fields.first().map(|f| f.field),
                fields: fields.iter().map(|f| (f.field, f.code)).collect(),
            },
            app::AppError::Rejected(r) => ApiError::new(StatusCode::CONFLICT, r.code()),
            app::AppError::Registry(r) => ApiError::new(StatusCode::BAD_GATEWAY, r.code()),
            app::AppError::Store(store::StoreError::NotFound { .. }) => {
                ApiError::new(StatusCode::NOT_FOUND, "not_found")
            }
            app::AppError::Store(
                s @ (store::StoreError::Conflict { .. }
                | store::StoreError::IdempotencyMismatch { .. }
                | store::StoreError::Changed { .. }),
            ) => ApiError::new(StatusCode::CONFLICT, s.code()),
            app::AppError::LawRefused { code, .. } => ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code),
            app::AppError::Store(s) => {
                tracing::error!(error = %s, "store failure");
                ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "store_unavailable")
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(json!({ "code": self.code, "field": self.field }))).into_response();
        response.extensions_mut().insert(self);
        response
    }
}

/// A client-supplied id is kept when it looks like one (so a gateway's id follows the request), else a new one.
fn accepted_id(value: Option<&HeaderValue>) -> Option<String> {
    let s = value?.to_str().ok()?;
    let ok = (8..=64).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    ok.then(|| s.to_owned())
}

async fn request_context<S: Send + Sync + 'static, R: Send + Sync + 'static>(
    State(state): State<Arc<AppState<S, R>>>,
    mut request: Request,
    next: Next,
) -> Response {
    let id = accepted_id(request.headers().get(&REQUEST_ID)).unwrap_or_else(|| state.ids.next());
    // Metric labels stay bounded: a known route's path, or "unmatched".
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| {
            let path = request.uri().path();
            if ROUTES.contains(&path) {
                path.to_owned()
            } else {
                "unmatched".to_owned()
            }
        });
    let method = request.method().clone();
    request.extensions_mut().insert(RequestId(id.clone()));
    let started = std::time::Instant::now();
    let mut response = next.run(request).await;
    let status = response.status();
    state.metrics.record(&route, status.as_u16(), started.elapsed());
    // JSON error bodies carry the request id too.
    if response.extensions().get::<ApiError>().is_some() {
        let (parts, _) = response.into_parts();
        let error = parts.extensions.get::<ApiError>();
        let fields: Vec<serde_json::Value> = error
            .map(|e| e.fields.iter().map(|(f, c)| json!({ "field": f, "code": c })).collect())
            .unwrap_or_default();
        let body = json!({
            "code": error.map_or("internal", |e| e.code),
            "field": error.and_then(|e| e.field),
            "fields": fields,
            "request_id": id,
        });
        response = (parts.status, Json(body)).into_response();
    }
    if status.is_server_error() {
        tracing::error!(request_id = %id, %method, route = %route, status = status.as_u16(), "request failed");
    }
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(REQUEST_ID.clone(), value);
    }
    response
}

async fn health() -> Json<serde_json::Value> {
    Json(json!({ "status": "ok" }))
}

async fn ready<S: Backend, R: Registries + Sync + Send + 'static>(
    State(state): State<Arc<AppState<S, R>>>,
) -> Response {
    match state.app.store.ping().await {
        Ok(()) => Json(json!({ "status": "ready" })).into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "not ready");
            ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "store_unavailable").into_response()
        }
    }
}

async fn metrics_text<S: Send + Sync + 'static, R: Registries + Sync + Send + 'static>(
    State(state): State<Arc<AppState<S, R>>>,
) -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        state.metrics.render(),
    )
        .into_response()
}

#[derive(serde::Deserialize)]
struct Credentials {
    login: String,
    password: String,
}

/// An Argon2id hash of a random password no one knows: checked when the login is unknown, so an unknown login
/// takes as long to refuse as a wrong password.
static DECOY_HASH: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| identity::hash_password(&identity::new_token()).unwrap_or_default());

/// The `Idempotency-Key` every write of the API carries (400 `idempotency_key_required` without a valid one).
pub(crate) fn idempotency_key(headers: &axum::http::HeaderMap) -> Result<store::IdempotencyKey, ApiError> {
    headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .and_then(store::IdempotencyKey::parse)
        .ok_or_else(|| ApiError::new(StatusCode::BAD_REQUEST, "idempotency_key_required"))
}

/// The account as the actor of what it does through `channel`, for the audit log.
pub(crate) fn actor_of(account: &store::AccountRecord, channel: store::Channel) -> Result<store::Actor, ApiError> {
    store::Actor::new(&account.login, account.role, channel)
        .map_err(|_| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal"))
}

/// The region an account works in (two-digit KATO prefix), `00` for national accounts.
pub(crate) fn home_region(account: &store::AccountRecord) -> &str {
    account
        .territory
        .as_ref()
        .and_then(|k| k.as_str().get(..2))
        .unwrap_or("00")
}

fn account_json(account: &store::AccountRecord) -> serde_json::Value {
    json!({
        "login": account.login,
        "role": account.role.key(),
        "territory": account.territory.map(|k| k.as_str().to_owned()),
    })
}

fn cookie_with(token: &str, max_age: i64) -> String {
    format!(
        "{}={token}; HttpOnly; SameSite=Strict; Path=/; Max-Age={max_age}",
        identity::COOKIE
    )
}

/// The cookie of a new session.
pub fn session_cookie(token: &str) -> String {
    cookie_with(token, SESSION_SECONDS)
}

/// The cookie that ends a session in the browser.
pub fn expired_cookie() -> String {
    cookie_with("", 0)
}

/// A session begun: its token (for the cookie), its account and whether a one-time code was sent that must
/// confirm it first.
pub struct SignIn {
    pub token: String,
    pub csrf: String,
    pub account: store::AccountRecord,
    pub code_sent: bool,
}

impl std::fmt::Debug for SignIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignIn")
            .field("account", &self.account)
            .field("code_sent", &self.code_sent)
            .finish_non_exhaustive()
    }
}

fn unavailable() -> ApiError {
    ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "store_unavailable")
}

/// Checks a login and password (throttled per login, with the same work for unknown logins) and begins a
/// session. Applicants (IIN logins) get a one-time code by SMS through the outbox; their session signs them in
/// only once the code is confirmed.
pub async fn start_session<S: Backend, R>(
    state: &AppState<S, R>,
    login: &str,
    password: &str,
    lang: render::Lang,
) -> Result<SignIn, ApiError> {
    let now = (state.clock)();
    let login = login.trim();
    let window = now.saturating_sub(THROTTLE_WINDOW).unwrap_or(now);
    match state.app.store.login_failures(login, window).await {
        Ok(n) if n >= MAX_FAILURES => {
            return Err(ApiError::new(StatusCode::TOO_MANY_REQUESTS, "login_throttled"));
        }
        Ok(_) => {}
        Err(_) => return Err(unavailable()),
    }
    let account = state.app.store.account(login).await.map_err(|_| unavailable())?;
    let hash = account
        .as_ref()
        .map_or(DECOY_HASH.as_str(), |a| a.password_hash.as_str());
    let matches = identity::verify_password(password, hash);
    let Some(account) = account.filter(|_| matches) else {
        state
            .app
            .store
            .login_failed(login, now, window)
            .await
            .map_err(|_| unavailable())?;
        return Err(ApiError::new(StatusCode::UNAUTHORIZED, "login_failed"));
    };
    state
        .app
        .store
        .clear_login_failures(login)
        .await
        .map_err(|_| unavailable())?;
    let (token, csrf) = (identity::new_token(), identity::new_token());
    let needs_code = account.role == store::Role::Citizen;
    let code = needs_code.then(identity::new_code);
    let seconds = if needs_code { CODE_SECONDS } else { SESSION_SECONDS };
    let expires_at = now
        .saturating_add(jiff::SignedDuration::from_secs(seconds))
        .unwrap_or(now);
    let code_hash = code.as_ref().map(|c| identity::code_hash(&token, c));
    state
        .app
        .store
        .put_session(
            &identity::token_hash(&token),
            &account.login,
            &csrf,
            expires_at,
            code_hash.as_deref(),
        )
        .await
        .map_err(|_| unavailable())?;
    if let Some(code) = &code {
        let message = store::NewMessage {
            channel: "sms".into(),
            recipient: account.login.clone(),
            body: render::Catalog::new().message(lang, "sms-sign-in-code", &[("code", code)]),
        };
        state
            .app
            .store
            .enqueue(&message, now)
            .await
            .map_err(|_| unavailable())?;
    }
    Ok(SignIn {
        token,
        csrf,
        account,
        code_sent: code.is_some(),
    })
}

/// Confirms a waiting session with its one-time code; after [`MAX_CODE_FAILURES`] wrong codes the session is
/// ended and sign-in starts again. `csrf`, when given, must be the session's.
pub async fn confirm_code<S: Backend, R>(
    state: &AppState<S, R>,
    token: &str,
    code: &str,
    csrf: Option<&str>,
) -> Result<(), ApiError> {
    let now = (state.clock)();
    let hash = identity::token_hash(token);
    let session = match state.app.store.session(&hash, now).await {
        Ok(Some(s)) => s,
        Ok(None) => return Err(ApiError::new(StatusCode::UNAUTHORIZED, "not_signed_in")),
        Err(_) => return Err(unavailable()),
    };
    let Some(expected) = &session.otp_hash else {
        return Ok(());
    };
    if let Some(sent) = csrf
        && !identity::same_token(sent, &session.csrf)
    {
        return Err(ApiError::new(StatusCode::FORBIDDEN, "csrf_token_missing"));
    }
    let code = code.trim();
    if code.is_empty() {
        let mut e = ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "code_required");
        e.field = Some("code");
        return Err(e);
    }
    if identity::same_token(&identity::code_hash(token, code), expected) {
        state
            .app
            .store
            .confirm_session(&hash)
            .await
            .map_err(|_| unavailable())?;
        return Ok(());
    }
    let failures = state.app.store.otp_failed(&hash).await.map_err(|_| unavailable())?;
    if failures >= MAX_CODE_FAILURES {
        state.app.store.drop_session(&hash).await.map_err(|_| unavailable())?;
        return Err(ApiError::new(StatusCode::TOO_MANY_REQUESTS, "code_attempts_exhausted"));
    }
    let mut e = ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "code_wrong");
    e.field = Some("code");
    Err(e)
}

async fn sign_in<S: Backend, R: Registries + Sync + Send + 'static>(
    State(state): State<Arc<AppState<S, R>>>,
    headers: axum::http::HeaderMap,
    body: Result<Json<Credentials>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let Ok(Json(credentials)) = body else {
        return ApiError::new(StatusCode::BAD_REQUEST, "invalid_json").into_response();
    };
    let lang = ui::lang_of(&headers, None);
    match start_session(&state, &credentials.login, &credentials.password, lang).await {
        Ok(signed) => {
            let mut body = account_json(&signed.account);
            if let Some(map) = body.as_object_mut() {
                map.insert("csrf".into(), json!(signed.csrf));
                map.insert("code_required".into(), json!(signed.code_sent));
            }
            let status = if signed.code_sent {
                StatusCode::ACCEPTED
            } else {
                StatusCode::OK
            };
            let mut response = (status, Json(body)).into_response();
            if let Ok(cookie) = HeaderValue::from_str(&session_cookie(&signed.token)) {
                response.headers_mut().insert(header::SET_COOKIE, cookie);
            }
            response
        }
        Err(e) => e.into_response(),
    }
}

#[derive(serde::Deserialize)]
struct CodeBody {
    code: String,
}

/// `POST /api/v1/session/code`: an applicant's one-time code confirms the session begun by `POST /session`.
async fn confirm_session<S: Backend, R: Registries + Sync + Send + 'static>(
    State(state): State<Arc<AppState<S, R>>>,
    headers: axum::http::HeaderMap,
    body: Result<Json<CodeBody>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let Ok(Json(body)) = body else {
        return ApiError::new(StatusCode::BAD_REQUEST, "invalid_json").into_response();
    };
    let Some(token) = identity::session_token(&headers) else {
        return ApiError::new(StatusCode::UNAUTHORIZED, "not_signed_in").into_response();
    };
    let csrf = headers
        .get(identity::CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    match confirm_code(&state, token, &body.code, Some(csrf)).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => e.into_response(),
    }
}

/// How long an instance holds the deadline job once it has taken it.
const DEADLINE_JOB_LEASE: jiff::SignedDuration = jiff::SignedDuration::from_secs(5 * 60);

/// The deadline check, done by whichever instance holds the job's lease (taken through the database): counts
/// running deadlines again if the calendar changed (`App::recount_deadlines`: an amendment made by another
/// instance or from the command line), then records every deadline that has passed (`App::record_overdue`).
/// `None` when another instance holds the job.
pub async fn check_deadlines<S: Backend, R: Registries + Sync>(
    app: &app::App<S, R>,
    holder: &str,
    now: jiff::Timestamp,
) -> Result<Option<app::DeadlineSweep>, app::AppError> {
    let until = now.saturating_add(DEADLINE_JOB_LEASE).unwrap_or(now);
    if !app
        .store
        .claim_job("deadlines", holder, now, until)
        .await
        .map_err(app::AppError::Store)?
    {
        return Ok(None);
    }
    let actor = store::Actor::new("scheduler", store::Role::System, store::Channel::Scheduler)
        .map_err(|_| app::AppError::Store(store::StoreError::Unavailable("scheduler actor".into())))?;
    let recount = app.recount_deadlines(&actor, now).await?;
    let sweep = app.record_overdue(&actor, now).await?;
    Ok(Some(app::DeadlineSweep {
        recounted: recount.moved.len(),
        ..sweep
    }))
}

/// Delivers what the outbox holds through the sandbox channels: claims a batch for `worker` (so another
/// instance never sends the same message) and marks each sent. Returns how many were sent.
pub async fn deliver_outbox<S: Outbox>(
    store: &S,
    worker: &str,
    now: jiff::Timestamp,
) -> Result<usize, store::StoreError> {
    let lease = now.saturating_add(jiff::SignedDuration::from_secs(60)).unwrap_or(now);
    let mut sent = 0;
    for message in store.claim_messages(worker, now, lease, 100).await? {
        // The sandbox SMS gateway accepts everything; a real gateway's answer decides here.
        if store.mark_sent(message.id, worker, now).await? {
            tracing::info!(message = message.id, channel = %message.channel, "message delivered");
            sent += 1;
        }
    }
    Ok(sent)
}

async fn me<S: Backend, R: Registries + Sync + Send + 'static>(
    State(state): State<Arc<AppState<S, R>>>,
    headers: axum::http::HeaderMap,
) -> Response {
    match identity::signed_in(&state.app.store, &headers, (state.clock)()).await {
        Ok(session) => Json(account_json(&session.account)).into_response(),
        Err(e) => e.into_response(),
    }
}

async fn sign_out<S: Backend, R: Registries + Sync + Send + 'static>(
    State(state): State<Arc<AppState<S, R>>>,
    headers: axum::http::HeaderMap,
) -> Response {
    let session = match identity::signed_in(&state.app.store, &headers, (state.clock)()).await {
        Ok(session) => session,
        Err(e) => return e.into_response(),
    };
    if let Err(e) = identity::check_csrf(&session, &headers) {
        return e.into_response();
    }
    let token = identity::session_token(&headers).unwrap_or_default();
    if state
        .app
        .store
        .drop_session(&identity::token_hash(token))
        .await
        .is_err()
    {
        return ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "store_unavailable").into_response();
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    if let Ok(cookie) = HeaderValue::from_str(&expired_cookie()) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

#[derive(serde::Deserialize)]
struct QuotaApplicationBody {
    iin: String,
    category: String,
    territory: String,
    channel: String,
}

fn deadline_json(d: &cases::Deadline) -> serde_json::Value {
    json!({ "limit": d.limit.key(), "due": d.due.to_string(), "calendar_edition": d.calendar_edition })
}

/// `POST /api/v1/quota-applications`: staff receive an application (A 14-15). Needs a session, its anti-CSRF
/// token and an `Idempotency-Key`; the applicant is identified by IIN and checked against the registries.
async fn submit_quota_application<S: Backend, R: Registries + Sync + Send + 'static>(
    State(state): State<Arc<AppState<S, R>>>,
    headers: axum::http::HeaderMap,
    body: Result<Json<QuotaApplicationBody>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let now = (state.clock)();
    let session = match identity::signed_in(&state.app.store, &headers, now).await {
        Ok(session) => session,
        Err(e) => return e.into_response(),
    };
    if let Err(e) = identity::check_csrf(&session, &headers) {
        return e.into_response();
    }
    let key = match idempotency_key(&headers) {
        Ok(key) => key,
        Err(e) => return e.into_response(),
    };
    let Ok(Json(body)) = body else {
        return ApiError::new(StatusCode::BAD_REQUEST, "invalid_json").into_response();
    };
    let region = body.territory.trim().get(..2).unwrap_or_default().to_owned();
    if !app::authz::may_submit_quota_application(&session.account, &region) {
        return ApiError::new(StatusCode::FORBIDDEN, "forbidden").into_response();
    }
    let actor = match actor_of(&session.account, store::Channel::Api) {
        Ok(actor) => actor,
        Err(e) => return e.into_response(),
    };
    let input = app::QuotaApplication {
        iin: body.iin,
        category: body.category,
        territory: body.territory,
        channel: body.channel,
    };
    match state.app.submit_quota_application(&input, &actor, key, now).await {
        Ok(submitted) => {
            let status = if submitted.applied.replayed {
                StatusCode::OK
            } else {
                StatusCode::CREATED
            };
            let body = json!({
                "case": submitted.applied.case.0,
                "number": submitted.number.to_string(),
                "state": "received",
                "forward_by": deadline_json(&submitted.forward_by),
                "refuse_to_accept_by": deadline_json(&submitted.refuse_to_accept_by),
                "replayed": submitted.applied.replayed,
            });
            (status, Json(body)).into_response()
        }
        Err(e) => ApiError::from_app(&e).into_response(),
    }
}

/// `GET /api/v1/cases/{id}`: a case for staff of its region, the read recorded in the audit log. A case the
/// account may not see answers exactly like one that does not exist.
async fn read_case<S: Backend, R: Registries + Sync + Send + 'static>(
    State(state): State<Arc<AppState<S, R>>>,
    headers: axum::http::HeaderMap,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> Response {
    let now = (state.clock)();
    let session = match identity::signed_in(&state.app.store, &headers, now).await {
        Ok(session) => session,
        Err(e) => return e.into_response(),
    };
    let not_found = || ApiError::new(StatusCode::NOT_FOUND, "not_found").into_response();
    let Ok(id) = id.parse::<i64>().map(store::CaseId) else {
        return not_found();
    };
    // Checked before the read, so a refused look leaves no read in the log and learns nothing.
    if !app::authz::may_read_case(&session.account, &store::plan::region_of_case(id)) {
        return not_found();
    }
    let actor = match actor_of(&session.account, store::Channel::Api) {
        Ok(actor) => actor,
        Err(e) => return e.into_response(),
    };
    let purpose = store::ReadPurpose {
        basis: "rules-a 15".into(),
        reason: "case page".into(),
    };
    match state.app.store.read_case(id, &actor, &purpose, now).await {
        Ok(case) => {
            let number = cases::ApplicationNumber::new(&case.region, case.year, case.sequence)
                .map(|n| n.to_string())
                .ok();
            let payload: serde_json::Value = serde_json::from_str(&case.payload).unwrap_or(serde_json::Value::Null);
            Json(json!({
                "case": case.id.0,
                "number": number,
                "kind": case.kind,
                "state": case.state,
                "territory": case.territory.as_str(),
                "version": case.version,
                "created_at": case.created_at.to_string(),
                "updated_at": case.updated_at.to_string(),
                "details": payload,
            }))
            .into_response()
        }
        Err(store::StoreError::NotFound { .. }) => not_found(),
        Err(e) => ApiError::from_app(&app::AppError::Store(e)).into_response(),
    }
}

async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "not_found")
}

/// The whole service.
pub fn router<S: Backend, R: Registries + Sync + Send + 'static>(state: Arc<AppState<S, R>>) -> Router {
    let security = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; frame-ancestors 'none'",
        ),
        (header::CACHE_CONTROL, "no-store"),
    ];
    let mut app = Router::new()
        .route("/health", get(health))
        .route("/ready", get(ready::<S, R>))
        .route("/metrics", get(metrics_text::<S, R>))
        .route("/api/openapi.json", get(|| async { Json(openapi::document()) }))
        .route(
            "/api/v1/session",
            axum::routing::post(sign_in::<S, R>).delete(sign_out::<S, R>),
        )
        .route("/api/v1/me", get(me::<S, R>))
        .route(
            "/api/v1/quota-applications",
            axum::routing::post(submit_quota_application::<S, R>),
        )
        .route("/api/v1/cases", get(decisions::api_list::<S, R>))
        .route("/api/v1/cases/{id}/history", get(api::case_history::<S, R>))
        .route("/api/v1/quotas", get(api::list_quotas::<S, R>))
        .route(
            "/api/v1/quotas/{year}/{territory}/{category}",
            axum::routing::put(api::put_quota::<S, R>),
        )
        .route(
            "/api/v1/law/amendments",
            get(api::list_amendments::<S, R>).post(api::add_amendment::<S, R>),
        )
        .route("/api/v1/cases/{id}", get(read_case::<S, R>))
        .route(
            "/api/v1/cases/{id}/accept",
            axum::routing::post(decisions::api_accept::<S, R>),
        )
        .route(
            "/api/v1/cases/{id}/decision",
            axum::routing::post(decisions::api_decide::<S, R>),
        )
        .route(
            "/api/v1/cases/{id}/revoke",
            axum::routing::post(decisions::api_revoke::<S, R>),
        )
        .route("/api/v1/session/code", axum::routing::post(confirm_session::<S, R>))
        .route("/api/docs", get(ui::api_docs))
        .route("/static/{name}", get(ui::static_file))
        .route("/", get(ui::home::<S, R>))
        .route(
            "/ui/sign-in",
            get(ui::sign_in_page::<S, R>).post(ui::sign_in_submit::<S, R>),
        )
        .route(
            "/ui/sign-in/code",
            get(ui::code_page::<S, R>).post(ui::code_submit::<S, R>),
        )
        .route("/ui/sign-out", axum::routing::post(ui::sign_out::<S, R>))
        .route("/ui/lang", axum::routing::post(ui::set_lang::<S, R>))
        .route("/ui/cabinet", get(ui::cabinet::<S, R>))
        .route("/ui/queue", get(ui::queue::<S, R>))
        .route("/ui/cases/{id}", get(ui::case_page::<S, R>))
        .route(
            "/ui/cases/{id}/accept",
            axum::routing::post(decisions::ui_accept::<S, R>),
        )
        .route(
            "/ui/cases/{id}/decision",
            axum::routing::post(decisions::ui_decide::<S, R>),
        )
        .route(
            "/ui/cases/{id}/revoke",
            axum::routing::post(decisions::ui_revoke::<S, R>),
        )
        .route("/ui/applications/new", get(ui::new_application))
        .route("/ui/applications", axum::routing::post(ui::submit_application::<S, R>))
        .route("/ui/admin/outbox", get(ui::outbox::<S, R>))
        .route("/ui/admin/law", get(admin::law::<S, R>))
        .route(
            "/ui/admin/law/editions",
            axum::routing::post(admin::add_edition::<S, R>),
        )
        .route(
            "/ui/admin/law/transfers",
            axum::routing::post(admin::add_transfer::<S, R>),
        )
        .route(
            "/ui/admin/law/holidays",
            axum::routing::post(admin::add_holiday::<S, R>),
        )
        .route(
            "/ui/admin/law/withdrawals",
            axum::routing::post(admin::add_withdrawal::<S, R>),
        )
        .route("/ui/admin/quotas", axum::routing::post(admin::set_quota::<S, R>))
        .route(
            "/ui/admin/users",
            get(admin::users::<S, R>).post(admin::put_user::<S, R>),
        )
        .route("/ui/stats", get(ui::stats::<S, R>))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(
            Arc::clone(&state),
            request_context::<S, R>,
        ))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, TIMEOUT));
    for (name, value) in security {
        app = app.layer(SetResponseHeaderLayer::if_not_present(
            name,
            HeaderValue::from_static(value),
        ));
    }
    app.with_state(state)
}
