//! What handlers take from a request instead of checking it by hand: the signed-in session of a JSON request
//! (401 without one), a state-changing JSON request with its anti-CSRF header checked (403), the
//! `Idempotency-Key` (400), the client's address for throttling, a signed-in page visit (sent to sign in
//! otherwise), and a page form with its anti-CSRF field checked. Every text of a body passes through here: a
//! JSON body (`Json`), a form (`Form`, `PageForm`, `PageUpload`) with a NUL character anywhere is refused with
//! 422 `text_nul_character` before a handler sees it (PostgreSQL cannot store one).

use std::net::SocketAddr;
use std::sync::Arc;

use app::identity::Session;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use store::IdempotencyKey;

use crate::ui::{self, Tr};
use crate::{ApiError, AppState, Backend, Deps, RequestId};

/// The cookie that holds the session token.
pub const COOKIE: &str = "qonys_session";
/// The header a state-changing JSON request echoes the session's anti-CSRF token in.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// The largest page form accepted (forms carry no files).
const FORM_LIMIT: usize = 64 * 1024;

/// The code of a body refused for a NUL character in one of its texts.
pub const NUL_CODE: &str = "text_nul_character";

fn nul_refused() -> ApiError {
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, NUL_CODE)
}

/// Whether any text of a JSON value (a key or a string, at any depth) holds a NUL character.
fn json_has_nul(value: &serde_json::Value) -> bool {
    use serde_json::Value as V;
    match value {
        V::String(s) => s.contains('\0'),
        V::Array(items) => items.iter().any(json_has_nul),
        V::Object(map) => map.iter().any(|(k, v)| k.contains('\0') || json_has_nul(v)),
        V::Null | V::Bool(_) | V::Number(_) => false,
    }
}

/// Whether a decoded field's name or value holds a NUL character.
fn fields_have_nul<'a>(mut fields: impl Iterator<Item = (&'a str, &'a str)>) -> bool {
    fields.any(|(n, v)| n.contains('\0') || v.contains('\0'))
}

/// A JSON body: 400 `invalid_json` when it is not JSON of the expected shape, 422 `text_nul_character` when a
/// text of it holds a NUL character.
#[derive(Debug)]
pub struct Json<T>(pub T);

impl<St: Send + Sync, T: serde::de::DeserializeOwned> FromRequest<St> for Json<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &St) -> Result<Json<T>, ApiError> {
        let invalid = || ApiError::new(StatusCode::BAD_REQUEST, "invalid_json");
        let axum::Json(value) = axum::Json::<serde_json::Value>::from_request(request, state)
            .await
            .map_err(|_| invalid())?;
        if json_has_nul(&value) {
            return Err(nul_refused());
        }
        serde_json::from_value(value).map(Json).map_err(|_| invalid())
    }
}

/// An optional JSON body: none when absent or malformed, but a NUL character is refused all the same.
pub fn optional_json<T>(body: Result<Json<T>, ApiError>) -> Result<Option<T>, ApiError> {
    match body {
        Ok(Json(t)) => Ok(Some(t)),
        Err(e) if e.code == NUL_CODE => Err(e),
        Err(_) => Ok(None),
    }
}

/// A form of a page that needs no session (sign-in, language) or checks it itself: its fields decoded into
/// `T`, a NUL character refused with a 422 page in the visitor's language.
#[derive(Debug)]
pub struct Form<T>(pub T);

impl<St: Send + Sync, T: serde::de::DeserializeOwned> FromRequest<St> for Form<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &St) -> Result<Form<T>, Response> {
        let (parts, body) = request.into_parts();
        let t = Tr {
            lang: ui::lang_of(&parts.headers, None),
        };
        let Ok(bytes) = axum::body::to_bytes(body, FORM_LIMIT).await else {
            return Err(ui::error_page(
                t,
                None,
                StatusCode::PAYLOAD_TOO_LARGE,
                "request_too_large",
                None,
            ));
        };
        let decoded: Vec<(String, String)> = form_urlencoded::parse(&bytes).into_owned().collect();
        if fields_have_nul(decoded.iter().map(|(n, v)| (n.as_str(), v.as_str()))) {
            return Err(ui::error_page(
                t,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
                NUL_CODE,
                None,
            ));
        }
        let request = Request::from_parts(parts, axum::body::Body::from(bytes));
        axum::Form::<T>::from_request(request, state)
            .await
            .map(|axum::Form(t)| Form(t))
            .map_err(|_| ui::error_page(t, None, StatusCode::BAD_REQUEST, "invalid_form", None))
    }
}

/// The value of a cookie of the request.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| pair.trim().strip_prefix(name).and_then(|rest| rest.strip_prefix('=')))
}

/// The session token of the request's cookie, if any.
pub fn session_token(headers: &HeaderMap) -> Option<&str> {
    cookie(headers, COOKIE)
}

/// The signed-in session of a JSON request.
#[derive(Debug)]
pub struct ApiSession(pub Session);

impl<S: Backend, R: Deps> FromRequestParts<Arc<AppState<S, R>>> for ApiSession {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &Arc<AppState<S, R>>) -> Result<ApiSession, ApiError> {
        let token =
            session_token(&parts.headers).ok_or_else(|| ApiError::new(StatusCode::UNAUTHORIZED, "not_signed_in"))?;
        Ok(ApiSession(state.app.session(token, (state.clock)()).await?))
    }
}

/// A state-changing JSON request: signed in, and echoing the session's anti-CSRF token in `x-csrf-token`.
#[derive(Debug)]
pub struct ApiWrite(pub Session);

impl<S: Backend, R: Deps> FromRequestParts<Arc<AppState<S, R>>> for ApiWrite {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &Arc<AppState<S, R>>) -> Result<ApiWrite, ApiError> {
        let ApiSession(session) = ApiSession::from_request_parts(parts, state).await?;
        let sent = parts.headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok());
        if sent.is_some_and(|s| session.csrf_matches(s)) {
            Ok(ApiWrite(session))
        } else {
            Err(ApiError::new(StatusCode::FORBIDDEN, "csrf_token_missing"))
        }
    }
}

/// The `Idempotency-Key` every write of the API carries.
#[derive(Debug)]
pub struct Key(pub IdempotencyKey);

impl<St: Send + Sync> FromRequestParts<St> for Key {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &St) -> Result<Key, ApiError> {
        parts
            .headers
            .get("idempotency-key")
            .and_then(|v| v.to_str().ok())
            .and_then(IdempotencyKey::parse)
            .map(Key)
            .ok_or_else(|| ApiError::new(StatusCode::BAD_REQUEST, "idempotency_key_required"))
    }
}

/// Where a request comes from, for throttling sign-in attempts per source: the peer's address, or, behind a
/// proxy the service is told to trust, the address that proxy added last to `X-Forwarded-For`.
#[derive(Debug, Clone)]
pub struct Source(pub String);

impl<S: Backend, R: Deps> FromRequestParts<Arc<AppState<S, R>>> for Source {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &Arc<AppState<S, R>>) -> Result<Source, ApiError> {
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
        let client = state.client(&parts.headers, peer);
        Ok(Source(client.map_or_else(|| "unknown".into(), |ip| ip.to_string())))
    }
}

/// A signed-in visit to a page: the session, the language, and the request id that error pages show.
#[derive(Debug)]
pub struct Visit {
    pub session: Session,
    pub t: Tr,
    pub request_id: Option<RequestId>,
}

impl Visit {
    /// The visitor acting on pages.
    pub fn principal(&self) -> app::Principal {
        self.session.principal(store::Channel::Portal)
    }

    pub fn fail(&self, status: StatusCode, key: &str) -> Response {
        ui::error_page(self.t, Some(&self.session), status, key, self.request_id.as_ref())
    }

    /// A page the person may not see answers like a page that does not exist.
    pub fn not_found(&self) -> Response {
        self.fail(StatusCode::NOT_FOUND, "ui-not-found")
    }

    pub fn unavailable(&self) -> Response {
        self.fail(StatusCode::SERVICE_UNAVAILABLE, "ui-store-unavailable")
    }

    /// A use case's error as a page.
    pub fn error(&self, e: app::AppError) -> Response {
        let e = ApiError::from(e);
        match e.status {
            StatusCode::NOT_FOUND => self.not_found(),
            StatusCode::SERVICE_UNAVAILABLE => self.unavailable(),
            status if !e.args.is_empty() => {
                let args: Vec<(&str, &str)> = e.args.iter().map(|(k, v)| (*k, v.as_str())).collect();
                ui::error_page_text(
                    self.t,
                    Some(&self.session),
                    status,
                    self.t.with(e.message_key(), &args),
                    self.request_id.as_ref(),
                )
            }
            status => self.fail(status, e.message_key()),
        }
    }
}

/// A page handler that takes a `Visit` runs only for a confirmed session; anyone else is sent to sign in.
impl<S: Backend, R: Deps> FromRequestParts<Arc<AppState<S, R>>> for Visit {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &Arc<AppState<S, R>>) -> Result<Visit, Response> {
        let to_sign_in = || Redirect::to("/ui/sign-in").into_response();
        let token = session_token(&parts.headers).ok_or_else(to_sign_in)?;
        let session = state
            .app
            .session(token, (state.clock)())
            .await
            .map_err(|_| to_sign_in())?;
        let t = Tr {
            lang: ui::lang_of(&parts.headers, session.lang()),
        };
        Ok(Visit {
            session,
            t,
            request_id: parts.extensions.get::<RequestId>().cloned(),
        })
    }
}

/// A page form of a signed-in visit, its `csrf` field checked against the session (403 otherwise).
#[derive(Debug)]
pub struct PageForm {
    pub visit: Visit,
    fields: Vec<(String, String)>,
}

impl PageForm {
    /// A field's value (the first, when repeated), or "".
    pub fn get(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// Every value of a repeated field.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.fields
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// The form's idempotency key (each form carries a fresh one, so a double submission acts once).
    pub fn key(&self) -> Option<IdempotencyKey> {
        IdempotencyKey::parse(self.get("key"))
    }
}

impl<S: Backend, R: Deps> FromRequest<Arc<AppState<S, R>>> for PageForm {
    type Rejection = Response;

    async fn from_request(request: Request, state: &Arc<AppState<S, R>>) -> Result<PageForm, Response> {
        let (mut parts, body) = request.into_parts();
        let visit = Visit::from_request_parts(&mut parts, state).await?;
        let Ok(bytes) = axum::body::to_bytes(body, FORM_LIMIT).await else {
            return Err(visit.fail(StatusCode::PAYLOAD_TOO_LARGE, "request_too_large"));
        };
        let fields: Vec<(String, String)> = form_urlencoded::parse(&bytes).into_owned().collect();
        if fields_have_nul(fields.iter().map(|(n, v)| (n.as_str(), v.as_str()))) {
            return Err(visit.fail(StatusCode::UNPROCESSABLE_ENTITY, NUL_CODE));
        }
        let form = PageForm { visit, fields };
        if !form.visit.session.csrf_matches(form.get("csrf")) {
            return Err(form.visit.fail(StatusCode::FORBIDDEN, "csrf_token_missing"));
        }
        Ok(form)
    }
}

/// A page form with files (`multipart/form-data`) of a signed-in visit, its `csrf` field checked against the
/// session (403 otherwise). The whole request and each file are bounded; a file's bytes are read into memory
/// for the use case to check by their contents.
#[derive(Debug)]
pub struct PageUpload {
    pub visit: Visit,
    fields: Vec<(String, String)>,
    /// `(field, file name, bytes)` of every file field that carried one.
    pub files: Vec<(String, String, Vec<u8>)>,
}

/// The largest form with files accepted.
const UPLOAD_LIMIT: u64 = 24 * 1024 * 1024;

impl PageUpload {
    pub fn get(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v.as_str())
    }

    pub fn all(&self, name: &str) -> Vec<String> {
        self.fields
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// The names of the text fields sent, each once, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        let mut seen = Vec::new();
        self.fields.iter().filter_map(move |(n, _)| {
            if seen.contains(&n.as_str()) {
                None
            } else {
                seen.push(n.as_str());
                Some(n.as_str())
            }
        })
    }

    pub fn key(&self) -> Option<IdempotencyKey> {
        IdempotencyKey::parse(self.get("key"))
    }
}

impl<S: Backend, R: Deps> FromRequest<Arc<AppState<S, R>>> for PageUpload {
    type Rejection = Response;

    async fn from_request(request: Request, state: &Arc<AppState<S, R>>) -> Result<PageUpload, Response> {
        let (mut parts, body) = request.into_parts();
        let visit = Visit::from_request_parts(&mut parts, state).await?;
        let boundary = parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| multer::parse_boundary(v).ok());
        let Some(boundary) = boundary else {
            return Err(visit.fail(StatusCode::UNSUPPORTED_MEDIA_TYPE, "invalid_form"));
        };
        let limits = multer::SizeLimit::new()
            .whole_stream(UPLOAD_LIMIT)
            .per_field(u64::try_from(app::quota::files::MAX_BYTES).unwrap_or(u64::MAX) + 1);
        let mut multipart = multer::Multipart::with_constraints(
            body.into_data_stream(),
            boundary,
            multer::Constraints::new().size_limit(limits),
        );
        let mut fields = Vec::new();
        let mut files = Vec::new();
        loop {
            let field = match multipart.next_field().await {
                Ok(Some(field)) => field,
                Ok(None) => break,
                Err(multer::Error::FieldSizeExceeded { .. }) => {
                    return Err(visit.fail(StatusCode::PAYLOAD_TOO_LARGE, "file_too_large"));
                }
                Err(multer::Error::StreamSizeExceeded { .. }) => {
                    return Err(visit.fail(StatusCode::PAYLOAD_TOO_LARGE, "request_too_large"));
                }
                Err(_) => return Err(visit.fail(StatusCode::BAD_REQUEST, "invalid_form")),
            };
            let name = field.name().unwrap_or_default().to_owned();
            match field.file_name().map(str::to_owned) {
                Some(file_name) => {
                    let Ok(bytes) = field.bytes().await else {
                        return Err(visit.fail(StatusCode::PAYLOAD_TOO_LARGE, "file_too_large"));
                    };
                    // An empty file input sends a part with no name and no bytes: nothing was chosen.
                    if !bytes.is_empty() {
                        files.push((name, file_name, bytes.to_vec()));
                    }
                }
                None => {
                    let Ok(text) = field.text().await else {
                        return Err(visit.fail(StatusCode::BAD_REQUEST, "invalid_form"));
                    };
                    fields.push((name, text));
                }
            }
        }
        let names = files.iter().map(|(n, f, _)| (n.as_str(), f.as_str()));
        if fields_have_nul(fields.iter().map(|(n, v)| (n.as_str(), v.as_str())).chain(names)) {
            return Err(visit.fail(StatusCode::UNPROCESSABLE_ENTITY, NUL_CODE));
        }
        let upload = PageUpload { visit, fields, files };
        if !upload.visit.session.csrf_matches(upload.get("csrf")) {
            return Err(upload.visit.fail(StatusCode::FORBIDDEN, "csrf_token_missing"));
        }
        Ok(upload)
    }
}
