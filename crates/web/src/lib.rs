//! The web service's edge: the axum router with request ids, JSON errors with stable codes and the request id,
//! security headers, a body limit and a timeout, and the operational endpoints (`/health`, `/ready`,
//! `/metrics`). Handlers stay thin: they parse, call a use case, and turn its result or error into a response.

pub mod identity;
mod metrics;

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
use serde_json::json;
use store::{Accounts, Admin, Store};
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
];

/// Largest request body accepted (applications carry no files; documents come from information systems).
const BODY_LIMIT: usize = 1024 * 1024;
/// A request that takes longer is answered 408 and its work abandoned.
const TIMEOUT: Duration = Duration::from_secs(30);

pub static REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The routes without parameters, for metric labels.
const ROUTES: &[&str] = &["/health", "/ready", "/metrics", "/api/v1/session", "/api/v1/me"];

/// The time now, read by the edge that runs the service (`qonys serve`); tests pass a fixed one.
pub type Clock = Arc<dyn Fn() -> jiff::Timestamp + Send + Sync>;

/// How long a session lasts without signing in again.
const SESSION_SECONDS: i64 = 8 * 3600;

/// What every handler can reach.
pub struct AppState<S> {
    pub store: S,
    pub metrics: Metrics,
    pub clock: Clock,
    ids: RequestIds,
}

impl<S> std::fmt::Debug for AppState<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState").finish_non_exhaustive()
    }
}

impl<S> AppState<S> {
    pub fn new(store: S, clock: Clock) -> AppState<S> {
        AppState {
            store,
            metrics: Metrics::default(),
            clock,
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
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str) -> ApiError {
        ApiError {
            status,
            code,
            field: None,
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

async fn request_context<S: Send + Sync + 'static>(
    State(state): State<Arc<AppState<S>>>,
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
        let body = json!({
            "code": error.map_or("internal", |e| e.code),
            "field": error.and_then(|e| e.field),
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

async fn ready<S: Store + Admin + 'static>(State(state): State<Arc<AppState<S>>>) -> Response {
    match state.store.ping().await {
        Ok(()) => Json(json!({ "status": "ready" })).into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "not ready");
            ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "store_unavailable").into_response()
        }
    }
}

async fn metrics_text<S: Send + Sync + 'static>(State(state): State<Arc<AppState<S>>>) -> Response {
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

fn account_json(account: &store::AccountRecord) -> serde_json::Value {
    json!({
        "login": account.login,
        "role": account.role.key(),
        "territory": account.territory.map(|k| k.as_str().to_owned()),
    })
}

fn session_cookie(token: &str, max_age: i64) -> String {
    format!(
        "{}={token}; HttpOnly; SameSite=Strict; Path=/; Max-Age={max_age}",
        identity::COOKIE
    )
}

async fn sign_in<S: Store + Admin + Accounts + 'static>(
    State(state): State<Arc<AppState<S>>>,
    body: Result<Json<Credentials>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let Ok(Json(credentials)) = body else {
        return ApiError::new(StatusCode::BAD_REQUEST, "invalid_json").into_response();
    };
    let account = match state.store.account(credentials.login.trim()).await {
        Ok(account) => account,
        Err(_) => return ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "store_unavailable").into_response(),
    };
    let hash = account
        .as_ref()
        .map_or(DECOY_HASH.as_str(), |a| a.password_hash.as_str());
    let matches = identity::verify_password(&credentials.password, hash);
    let Some(account) = account.filter(|_| matches) else {
        return ApiError::new(StatusCode::UNAUTHORIZED, "login_failed").into_response();
    };
    let (token, csrf) = (identity::new_token(), identity::new_token());
    let expires_at = (state.clock)()
        .saturating_add(jiff::SignedDuration::from_secs(SESSION_SECONDS))
        .unwrap_or((state.clock)());
    if state
        .store
        .put_session(&identity::token_hash(&token), &account.login, &csrf, expires_at)
        .await
        .is_err()
    {
        return ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "store_unavailable").into_response();
    }
    let mut body = account_json(&account);
    if let Some(map) = body.as_object_mut() {
        map.insert("csrf".into(), json!(csrf));
    }
    let mut response = Json(body).into_response();
    if let Ok(cookie) = HeaderValue::from_str(&session_cookie(&token, SESSION_SECONDS)) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

async fn me<S: Store + Admin + Accounts + 'static>(
    State(state): State<Arc<AppState<S>>>,
    headers: axum::http::HeaderMap,
) -> Response {
    match identity::signed_in(&state.store, &headers, (state.clock)()).await {
        Ok(session) => Json(account_json(&session.account)).into_response(),
        Err(e) => e.into_response(),
    }
}

async fn sign_out<S: Store + Admin + Accounts + 'static>(
    State(state): State<Arc<AppState<S>>>,
    headers: axum::http::HeaderMap,
) -> Response {
    let session = match identity::signed_in(&state.store, &headers, (state.clock)()).await {
        Ok(session) => session,
        Err(e) => return e.into_response(),
    };
    if let Err(e) = identity::check_csrf(&session, &headers) {
        return e.into_response();
    }
    let token = identity::session_token(&headers).unwrap_or_default();
    if state.store.drop_session(&identity::token_hash(token)).await.is_err() {
        return ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "store_unavailable").into_response();
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    if let Ok(cookie) = HeaderValue::from_str(&session_cookie("", 0)) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "not_found")
}

/// The whole service.
pub fn router<S: Store + Admin + Accounts + 'static>(state: Arc<AppState<S>>) -> Router {
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
        .route("/ready", get(ready::<S>))
        .route("/metrics", get(metrics_text::<S>))
        .route(
            "/api/v1/session",
            axum::routing::post(sign_in::<S>).delete(sign_out::<S>),
        )
        .route("/api/v1/me", get(me::<S>))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(Arc::clone(&state), request_context::<S>))
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
