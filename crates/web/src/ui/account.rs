//! The account page: the signed-in person's sessions (until when each lasts, which one is this), each of which
//! they may end, or all the others at once.

use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::{Page, html};
use crate::extract::{PageForm, Visit};
use crate::{AppState, Backend, Deps};

#[derive(Debug, Clone)]
struct SessionRow {
    id: String,
    until: String,
    current: bool,
    confirmed: bool,
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    page: Page,
    sessions: Vec<SessionRow>,
    ended: bool,
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct Done {
    #[serde(default)]
    done: String,
}

/// `GET /ui/account`
pub(crate) async fn page<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    axum::extract::Query(done): axum::extract::Query<Done>,
    v: Visit,
) -> Response {
    let t = v.t;
    let sessions = match state.app.sessions(&v.session, (state.clock)()).await {
        Ok(s) => s,
        Err(e) => return v.error(e),
    };
    let sessions = sessions
        .into_iter()
        .map(|s| SessionRow {
            id: s.id,
            until: t.datetime(s.expires_at),
            current: s.current,
            confirmed: s.confirmed,
        })
        .collect();
    html(
        &AccountPage {
            page: Page::new(t, "ui-account-title", Some(&v.session), "/ui/account"),
            sessions,
            ended: done.done == "ended",
        },
        StatusCode::OK,
    )
}

/// `POST /ui/account/sessions`: ends the session `id`, or with `all` every other session of the account.
pub(crate) async fn end<S: Backend, R: Deps>(State(state): State<Arc<AppState<S, R>>>, form: PageForm) -> Response {
    let v = &form.visit;
    let result = if form.get("all").is_empty() {
        state.app.end_session(&v.session, form.get("id"), (state.clock)()).await
    } else {
        state.app.end_other_sessions(&v.session).await.map(|_| ())
    };
    match result {
        Ok(()) => Redirect::to("/ui/account?done=ended").into_response(),
        Err(e) => v.error(e),
    }
}
