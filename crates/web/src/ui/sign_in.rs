//! Signing in and out on pages, the one-time code, and the language switch.
//!
//! The sign-in forms carry an anti-CSRF token bound to a pre-session cookie (`qonys_pre`, `SameSite=Strict`,
//! set by the sign-in page): a form posted from another site has neither, so it cannot sign a browser into
//! someone else's account (login CSRF).

use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use render::Lang;

use super::{LANG_COOKIE, Page, Tr, html, lang_of, session_of, start_page, to_sign_in};
use crate::extract::{Source, session_token};
use crate::{ApiError, AppState, Backend, Deps};

#[derive(Template)]
#[template(path = "sign_in.html")]
struct SignInPage {
    page: Page,
    error: Option<String>,
    login: String,
    /// The sign-in forms' anti-CSRF token, bound to the pre-session cookie.
    #[allow(
        dead_code,
        reason = "read only by the template, which the lint does not see in test builds"
    )]
    login_csrf: String,
}

/// The cookie that binds the sign-in forms' anti-CSRF token to the browser that loaded the page.
pub const PRE_SESSION_COOKIE: &str = "qonys_pre";

/// The anti-CSRF token of the sign-in forms for a pre-session cookie's value.
pub fn login_csrf(pre_session: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(format!("qonys sign-in form\n{pre_session}").as_bytes()))
}

/// The request's pre-session value when it has a well-formed one.
fn pre_session_of(headers: &HeaderMap) -> Option<&str> {
    crate::extract::cookie(headers, PRE_SESSION_COOKIE)
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Whether a sign-in form's `csrf` field belongs to the pre-session cookie it came with.
fn login_csrf_ok(headers: &HeaderMap, sent: &str) -> bool {
    pre_session_of(headers).is_some_and(|pre| app::identity::same_token(sent, &login_csrf(pre)))
}

/// The sign-in page with the forms' token: the browser's pre-session kept, or a new one set.
fn sign_in_page(headers: &HeaderMap, t: Tr, error: Option<String>, login: String, status: StatusCode) -> Response {
    let (pre, fresh) = match pre_session_of(headers) {
        Some(pre) => (pre.to_owned(), false),
        None => (app::identity::new_token(), true),
    };
    let page = SignInPage {
        page: Page::new(t, "ui-sign-in-title", None, "/ui/sign-in"),
        error,
        login,
        login_csrf: login_csrf(&pre),
    };
    let response = html(&page, status);
    if fresh {
        with_cookie(
            response,
            &format!("{PRE_SESSION_COOKIE}={pre}; HttpOnly; SameSite=Strict; Path=/ui/sign-in; Max-Age=3600"),
        )
    } else {
        response
    }
}

/// `GET /ui/sign-in`
pub(crate) async fn page<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    headers: HeaderMap,
) -> Response {
    if session_of(&state, &headers).await.is_some() {
        return Redirect::to("/").into_response();
    }
    let t = Tr {
        lang: lang_of(&headers, None),
    };
    sign_in_page(&headers, t, None, String::new(), StatusCode::OK)
}

#[derive(serde::Deserialize)]
pub(crate) struct SignInForm {
    #[serde(default)]
    login: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf: String,
}

fn with_cookie(mut response: Response, cookie: &str) -> Response {
    if let Ok(value) = HeaderValue::from_str(cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// `POST /ui/sign-in`
pub(crate) async fn submit<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    Source(source): Source,
    headers: HeaderMap,
    crate::extract::Form(form): crate::extract::Form<SignInForm>,
) -> Response {
    let t = Tr {
        lang: lang_of(&headers, None),
    };
    if !login_csrf_ok(&headers, &form.csrf) {
        let login = form.login.trim().chars().take(64).collect();
        let error = Some(t.m("csrf_token_missing"));
        return sign_in_page(&headers, t, error, login, StatusCode::FORBIDDEN);
    }
    match state
        .app
        .sign_in(&form.login, &form.password, &source, t.lang, (state.clock)())
        .await
    {
        Ok(signed) => {
            let target = if signed.code_sent {
                "/ui/sign-in/code"
            } else {
                start_page(&signed.account)
            };
            with_cookie(
                Redirect::to(target).into_response(),
                &crate::session_cookie(&signed.token),
            )
        }
        Err(e) => {
            let e = ApiError::from(e);
            let login = form.login.trim().chars().take(64).collect();
            sign_in_page(&headers, t, Some(t.m(e.code)), login, e.status)
        }
    }
}

#[derive(serde::Deserialize)]
pub(crate) struct CitizenForm {
    #[serde(default)]
    iin: String,
    #[serde(default)]
    csrf: String,
}

/// `POST /ui/sign-in/citizen`: a citizen signs in with their IIN; the one-time code goes to their phone.
pub(crate) async fn citizen<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    Source(source): Source,
    headers: HeaderMap,
    crate::extract::Form(form): crate::extract::Form<CitizenForm>,
) -> Response {
    let t = Tr {
        lang: lang_of(&headers, None),
    };
    if !login_csrf_ok(&headers, &form.csrf) {
        let error = Some(t.m("csrf_token_missing"));
        return sign_in_page(&headers, t, error, String::new(), StatusCode::FORBIDDEN);
    }
    match state
        .app
        .sign_in_with_code(&form.iin, &source, t.lang, (state.clock)())
        .await
    {
        Ok(signed) => with_cookie(
            Redirect::to("/ui/sign-in/code").into_response(),
            &crate::session_cookie(&signed.token),
        ),
        Err(e) => {
            let e = ApiError::from(e);
            let login = form.iin.trim().chars().take(12).collect();
            sign_in_page(&headers, t, Some(t.m(e.message_key())), login, e.status)
        }
    }
}

#[derive(Template)]
#[template(path = "code.html")]
struct CodePage {
    page: Page,
    error: Option<String>,
}

/// `GET /ui/sign-in/code`: the form of the one-time code, for a session that waits for it.
pub(crate) async fn code_page<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    headers: HeaderMap,
) -> Response {
    let pending = match session_token(&headers) {
        Some(token) => state.app.pending_session(token, (state.clock)()).await.ok().flatten(),
        None => None,
    };
    let Some(pending) = pending else {
        return to_sign_in();
    };
    let t = Tr {
        lang: lang_of(&headers, None),
    };
    let mut page = Page::new(t, "ui-code-title", None, "/ui/sign-in/code");
    page.csrf = pending.csrf().to_owned();
    html(&CodePage { page, error: None }, StatusCode::OK)
}

#[derive(serde::Deserialize)]
pub(crate) struct CodeForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    csrf: String,
}

/// `POST /ui/sign-in/code`
pub(crate) async fn code_submit<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    Source(source): Source,
    headers: HeaderMap,
    crate::extract::Form(form): crate::extract::Form<CodeForm>,
) -> Response {
    let t = Tr {
        lang: lang_of(&headers, None),
    };
    let Some(token) = session_token(&headers) else {
        return to_sign_in();
    };
    match state
        .app
        .confirm_code(token, &form.code, Some(&form.csrf), &source, (state.clock)())
        .await
    {
        Ok(()) => Redirect::to("/ui/cabinet").into_response(),
        Err(app::AppError::Unauthenticated(_)) => to_sign_in(),
        Err(e) => {
            let e = ApiError::from(e);
            let mut page = Page::new(t, "ui-code-title", None, "/ui/sign-in/code");
            page.csrf = form.csrf;
            html(
                &CodePage {
                    page,
                    error: Some(t.m(e.message_key())),
                },
                e.status,
            )
        }
    }
}

#[derive(serde::Deserialize)]
pub(crate) struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /ui/sign-out`
pub(crate) async fn sign_out<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    headers: HeaderMap,
    crate::extract::Form(form): crate::extract::Form<CsrfForm>,
) -> Response {
    if let Some(session) = session_of(&state, &headers).await
        && session.csrf_matches(&form.csrf)
        && let Some(token) = session_token(&headers)
    {
        let _ = state.app.sign_out(token).await;
    }
    with_cookie(Redirect::to("/ui/sign-in").into_response(), &crate::expired_cookie())
}

#[derive(serde::Deserialize)]
pub(crate) struct LangForm {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    back: String,
    #[serde(default)]
    csrf: String,
}

/// Only a path of this service: never `//host`, `/\\host` or `https://…`, and nothing but visible ASCII, so
/// that no tab or line break a browser drops can turn it into `//host` and every answer is a valid header (no
/// open redirect, never a 500); anything else goes to the start page.
pub(crate) fn local_path(back: &str) -> &str {
    let ok = back.starts_with('/')
        && !back.starts_with("//")
        && !back.contains('\\')
        && back.bytes().all(|b| b.is_ascii_graphic());
    if ok { back } else { "/" }
}

/// `POST /ui/lang`: switches the language (remembered on the account of a signed-in person).
pub(crate) async fn set_lang<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    headers: HeaderMap,
    crate::extract::Form(form): crate::extract::Form<LangForm>,
) -> Response {
    let Ok(lang) = form.lang.parse::<Lang>() else {
        let t = Tr {
            lang: lang_of(&headers, None),
        };
        return super::error_page(t, None, StatusCode::UNPROCESSABLE_ENTITY, "unknown_language", None);
    };
    if let Some(session) = session_of(&state, &headers).await
        && session.csrf_matches(&form.csrf)
    {
        let _ = state.app.set_language(&session, lang).await;
    }
    let cookie = format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax", lang.code());
    with_cookie(Redirect::to(local_path(&form.back)).into_response(), &cookie)
}
