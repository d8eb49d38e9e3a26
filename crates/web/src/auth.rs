//! Sign-in over JSON: `POST /api/v1/session` (an applicant's answer is 202 until the SMS code is confirmed with
//! `POST /api/v1/session/code`), `DELETE /api/v1/session`, `GET /api/v1/me`.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::extract::{ApiSession, ApiWrite, CSRF_HEADER, Source, session_token};
use crate::{ApiError, AppState, Backend, Deps, ui};

#[derive(serde::Deserialize)]
pub(crate) struct Credentials {
    login: String,
    password: String,
}

#[derive(serde::Deserialize)]
pub(crate) struct CodeBody {
    code: String,
}

fn account_json(account: &store::AccountRecord) -> serde_json::Value {
    json!({
        "login": account.login,
        "role": account.role.key(),
        "territory": account.territory.map(|k| k.as_str().to_owned()),
    })
}

fn with_cookie(mut response: Response, cookie: &str) -> Response {
    if let Ok(value) = HeaderValue::from_str(cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// `POST /api/v1/session`
pub(crate) async fn sign_in<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    Source(source): Source,
    headers: HeaderMap,
    body: Result<crate::extract::Json<Credentials>, ApiError>,
) -> Result<Response, ApiError> {
    let crate::extract::Json(credentials) = body?;
    let lang = ui::lang_of(&headers, None);
    let signed = state
        .app
        .sign_in(
            &credentials.login,
            &credentials.password,
            &source,
            lang,
            (state.clock)(),
        )
        .await?;
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
    Ok(with_cookie(
        (status, Json(body)).into_response(),
        &crate::session_cookie(&signed.token),
    ))
}

#[derive(serde::Deserialize)]
pub(crate) struct CitizenBody {
    iin: String,
}

/// `POST /api/v1/session/citizen`: a citizen begins a session with their IIN; the one-time code sent to their
/// phone confirms it (`POST /api/v1/session/code`). The answer is the same whether the IIN is known.
pub(crate) async fn sign_in_citizen<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    Source(source): Source,
    headers: HeaderMap,
    body: Result<crate::extract::Json<CitizenBody>, ApiError>,
) -> Result<Response, ApiError> {
    let crate::extract::Json(body) = body?;
    let lang = ui::lang_of(&headers, None);
    let signed = state
        .app
        .sign_in_with_code(&body.iin, &source, lang, (state.clock)())
        .await?;
    Ok(with_cookie(
        (
            StatusCode::ACCEPTED,
            Json(json!({ "csrf": signed.csrf, "code_required": true })),
        )
            .into_response(),
        &crate::session_cookie(&signed.token),
    ))
}

/// `POST /api/v1/session/code`: an applicant's one-time code confirms the session begun by `POST /session`.
pub(crate) async fn confirm_code<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    Source(source): Source,
    headers: HeaderMap,
    body: Result<crate::extract::Json<CodeBody>, ApiError>,
) -> Result<StatusCode, ApiError> {
    let crate::extract::Json(body) = body?;
    let token = session_token(&headers).ok_or_else(|| ApiError::new(StatusCode::UNAUTHORIZED, "not_signed_in"))?;
    let csrf = headers
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    state
        .app
        .confirm_code(token, &body.code, Some(csrf), &source, (state.clock)())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/me`
pub(crate) async fn me(ApiSession(session): ApiSession) -> Json<serde_json::Value> {
    Json(account_json(session.account()))
}

/// `DELETE /api/v1/session`
pub(crate) async fn sign_out<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    ApiWrite(_): ApiWrite,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let token = session_token(&headers).unwrap_or_default();
    state.app.sign_out(token).await?;
    Ok(with_cookie(
        StatusCode::NO_CONTENT.into_response(),
        &crate::expired_cookie(),
    ))
}
