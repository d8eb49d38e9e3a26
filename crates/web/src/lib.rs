//! The web service's edge: the router made from one route table (`routes`), request ids, JSON errors with
//! stable codes and the request id, security headers, a body limit and a timeout, and the operational
//! endpoints (`/health`, `/ready`, `/metrics`). Handlers stay thin: they take what the extractors give, call a
//! use case of `app` (which authorises), and turn its result or error into a response. One folder per service
//! (`quota/`), the generic pages in `ui/`, the administrator's in `admin/`.
// The OpenAPI document is one `json!` literal, deeper than the macro's default recursion allows.
#![recursion_limit = "512"]

pub mod admin;
mod api;
mod auth;
mod cases_api;
mod documents;
mod error;
pub mod extract;
mod metrics;
pub mod openapi;
pub mod quota;
pub mod rent;
pub mod resettlement;
pub mod routes;
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
use axum::{Json, Router};
use registries::Registries;
use serde_json::json;
use store::{Accounts, Admin, Outbox, Store};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

pub use crate::error::ApiError;
pub use crate::metrics::Metrics;
pub use crate::routes::{ALL_ROUTES, Access, Route, is_page};

/// Everything the service needs of its database.
pub trait Backend: Store + Admin + Accounts + Outbox + store::Attachments + 'static {}
impl<T: Store + Admin + Accounts + Outbox + store::Attachments + 'static> Backend for T {}

/// Everything the service needs of the information systems.
pub trait Deps: Registries + Sync + Send + 'static {}
impl<T: Registries + Sync + Send + 'static> Deps for T {}

/// Largest request body accepted (applications carry no files; documents come from information systems).
const BODY_LIMIT: usize = 1024 * 1024;
/// A request that takes longer is answered 408 and its work abandoned.
const TIMEOUT: Duration = Duration::from_secs(30);

pub static REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The time now, read by the edge that runs the service (`qonys serve`); tests pass a fixed one.
pub type Clock = Arc<dyn Fn() -> jiff::Timestamp + Send + Sync>;

/// What every handler can reach: the use cases (over the store and the registries), the clock, the metrics.
pub struct AppState<S, R> {
    pub app: app::App<S, R>,
    pub metrics: Metrics,
    pub clock: Clock,
    /// Whether the proxy in front of the service is trusted: the last address of `X-Forwarded-For` names the
    /// client, and `X-Forwarded-Proto: https` says the client's connection is TLS.
    pub trust_proxy: bool,
    /// Whether the service is always reached over TLS (it sends HSTS and `Secure` cookies on every answer).
    pub https: bool,
    /// Who may read `/metrics`.
    pub metrics_access: MetricsAccess,
    ids: RequestIds,
}

/// A network in CIDR notation (`10.0.0.0/8`, `::1/128`; a bare address is the one address).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Network {
    address: std::net::IpAddr,
    prefix: u8,
}

impl std::str::FromStr for Network {
    type Err = &'static str;

    fn from_str(s: &str) -> Result<Network, &'static str> {
        let (address, prefix) = match s.trim().split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s.trim(), None),
        };
        let address: std::net::IpAddr = address.parse().map_err(|_| "invalid_network")?;
        let bits = if address.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) => p.parse::<u8>().ok().filter(|p| *p <= bits).ok_or("invalid_network")?,
            None => bits,
        };
        Ok(Network { address, prefix })
    }
}

impl Network {
    /// Whether `ip` is in the network (an IPv4-mapped IPv6 address counts as its IPv4 address).
    pub fn contains(&self, ip: std::net::IpAddr) -> bool {
        use std::net::IpAddr as A;
        let ip = match ip {
            A::V6(v6) => v6.to_ipv4_mapped().map_or(A::V6(v6), A::V4),
            v4 @ A::V4(_) => v4,
        };
        let prefix = u32::from(self.prefix);
        match (self.address, ip) {
            (A::V4(net), A::V4(ip)) => {
                let mask = u32::MAX.checked_shl(32 - prefix).unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (A::V6(net), A::V6(ip)) => {
                let mask = u128::MAX.checked_shl(128 - prefix).unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            (A::V4(_), A::V6(_)) | (A::V6(_), A::V4(_)) => false,
        }
    }
}

/// Who may read `/metrics`: a client in one of the networks, or one that sends `Authorization: Bearer TOKEN`.
/// By default only the loopback networks.
#[derive(Debug, Clone)]
pub struct MetricsAccess {
    pub networks: Vec<Network>,
    pub token: Option<String>,
}

impl Default for MetricsAccess {
    fn default() -> MetricsAccess {
        MetricsAccess {
            networks: ["127.0.0.0/8", "::1/128"]
                .iter()
                .filter_map(|n| n.parse().ok())
                .collect(),
            token: None,
        }
    }
}

impl MetricsAccess {
    fn allows(&self, client: Option<std::net::IpAddr>, headers: &axum::http::HeaderMap) -> bool {
        let by_token = self.token.as_deref().is_some_and(|token| {
            headers
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.strip_prefix("Bearer "))
                .is_some_and(|sent| app::identity::same_token(sent.trim(), token))
        });
        by_token || client.is_some_and(|ip| self.networks.iter().any(|n| n.contains(ip)))
    }
}

impl<S, R> std::fmt::Debug for AppState<S, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState").finish_non_exhaustive()
    }
}

impl<S, R> AppState<S, R> {
    /// Whether the client's connection is TLS: always when the service is configured so, or when the trusted
    /// proxy says `X-Forwarded-Proto: https`.
    pub fn secure(&self, headers: &axum::http::HeaderMap) -> bool {
        self.https
            || (self.trust_proxy
                && headers
                    .get("x-forwarded-proto")
                    .and_then(|v| v.to_str().ok())
                    .is_some_and(|v| v.trim().eq_ignore_ascii_case("https")))
    }

    /// The client's address: the peer's, or behind the trusted proxy the last address of `X-Forwarded-For`
    /// (the one the proxy added; earlier ones are the client's own word).
    pub fn client(
        &self,
        parts_headers: &axum::http::HeaderMap,
        peer: Option<std::net::IpAddr>,
    ) -> Option<std::net::IpAddr> {
        let forwarded = self
            .trust_proxy
            .then(|| {
                parts_headers
                    .get_all("x-forwarded-for")
                    .iter()
                    .filter_map(|v| v.to_str().ok())
                    .flat_map(|v| v.split(','))
                    .next_back()
                    .and_then(|v| v.trim().parse::<std::net::IpAddr>().ok())
            })
            .flatten();
        forwarded.or(peer)
    }

    pub fn new(app: app::App<S, R>, clock: Clock) -> AppState<S, R> {
        AppState {
            app,
            metrics: Metrics::default(),
            clock,
            trust_proxy: false,
            https: false,
            metrics_access: MetricsAccess::default(),
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

/// The request id of the current request, for error bodies and pages.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

/// A client-supplied id is kept when it looks like one (so a gateway's id follows the request), else a new one.
fn accepted_id(value: Option<&HeaderValue>) -> Option<String> {
    let s = value?.to_str().ok()?;
    let ok = (8..=64).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    ok.then(|| s.to_owned())
}

/// Over TLS: HSTS, and every cookie set is `Secure`.
fn harden_for_tls(response: &mut Response) {
    response.headers_mut().insert(
        header::STRICT_TRANSPORT_SECURITY,
        HeaderValue::from_static("max-age=31536000; includeSubDomains"),
    );
    let cookies: Vec<HeaderValue> = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| match v.to_str() {
            Ok(text) if !text.split(';').any(|a| a.trim().eq_ignore_ascii_case("secure")) => {
                HeaderValue::from_str(&format!("{text}; Secure")).unwrap_or_else(|_| v.clone())
            }
            Ok(_) | Err(_) => v.clone(),
        })
        .collect();
    if !cookies.is_empty() {
        response.headers_mut().remove(header::SET_COOKIE);
        for cookie in cookies {
            response.headers_mut().append(header::SET_COOKIE, cookie);
        }
    }
}

/// Whether the path or the query of a request, decoded, holds a NUL character (refused before any handler).
fn has_nul(uri: &axum::http::Uri) -> bool {
    let encoded_nul = |s: &str| s.as_bytes().windows(3).any(|w| w.eq_ignore_ascii_case(b"%00"));
    encoded_nul(uri.path())
        || uri
            .query()
            .is_some_and(|q| form_urlencoded::parse(q.as_bytes()).any(|(k, v)| k.contains('\0') || v.contains('\0')))
}

async fn request_context<S: Send + Sync + 'static, R: Send + Sync + 'static>(
    State(state): State<Arc<AppState<S, R>>>,
    mut request: Request,
    next: Next,
) -> Response {
    let id = accepted_id(request.headers().get(&REQUEST_ID)).unwrap_or_else(|| state.ids.next());
    if has_nul(request.uri()) {
        let mut response = ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, extract::NUL_CODE).into_response();
        if let Ok(value) = HeaderValue::from_str(&id) {
            response.headers_mut().insert(REQUEST_ID.clone(), value);
        }
        return response;
    }
    let route = routes::label(
        request.extensions().get::<MatchedPath>().map(MatchedPath::as_str),
        request.uri().path(),
    );
    let method = request.method().clone();
    request.extensions_mut().insert(RequestId(id.clone()));
    let secure = state.secure(request.headers());
    let started = std::time::Instant::now();
    let mut response = next.run(request).await;
    if secure {
        harden_for_tls(&mut response);
    }
    let status = response.status();
    state.metrics.record(route, status.as_u16(), started.elapsed());
    // JSON error bodies carry the request id too.
    if response.extensions().get::<ApiError>().is_some() {
        let (mut parts, _) = response.into_parts();
        let error = parts.extensions.remove::<ApiError>();
        let fields: Vec<serde_json::Value> = error
            .as_ref()
            .map(|e| e.fields.iter().map(|(f, c)| json!({ "field": f, "code": c })).collect())
            .unwrap_or_default();
        let body = json!({
            "code": error.as_ref().map_or("internal", |e| e.code),
            "field": error.as_ref().and_then(|e| e.field),
            "fields": fields,
            "request_id": id,
        });
        let headers = std::mem::take(&mut parts.headers);
        response = (parts.status, Json(body)).into_response();
        for (name, value) in &headers {
            if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
                response.headers_mut().insert(name.clone(), value.clone());
            }
        }
    }
    if status.is_server_error() {
        tracing::error!(request_id = %id, %method, route = %route, status = status.as_u16(), "request failed");
    }
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(REQUEST_ID.clone(), value);
    }
    response
}

pub(crate) async fn health() -> Json<serde_json::Value> {
    Json(json!({ "status": "ok" }))
}

pub(crate) async fn ready<S: Backend, R: Deps>(State(state): State<Arc<AppState<S, R>>>) -> Response {
    match state.app.ready().await {
        Ok(()) => Json(json!({ "status": "ready" })).into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "not ready");
            ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "store_unavailable").into_response()
        }
    }
}

pub(crate) async fn metrics_text<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    request: Request,
) -> Response {
    let peer = request
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip());
    let client = state.client(request.headers(), peer);
    if !state.metrics_access.allows(client, request.headers()) {
        return ApiError::new(StatusCode::FORBIDDEN, "forbidden").into_response();
    }
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        state.metrics.render(),
    )
        .into_response()
}

fn cookie_with(token: &str, max_age: i64) -> String {
    format!(
        "{}={token}; HttpOnly; SameSite=Strict; Path=/; Max-Age={max_age}",
        extract::COOKIE
    )
}

/// The cookie of a new session.
pub fn session_cookie(token: &str) -> String {
    cookie_with(token, app::identity::SESSION_SECONDS)
}

/// The cookie that ends a session in the browser.
pub fn expired_cookie() -> String {
    cookie_with("", 0)
}

async fn not_found() -> ApiError {
    ApiError::not_found()
}

/// The whole service.
pub fn router<S: Backend, R: Deps>(state: Arc<AppState<S, R>>) -> Router {
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
    let mut app = routes::routes::<S, R>()
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
