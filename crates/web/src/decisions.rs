//! Decisions on quota applications, as JSON (`/api/v1/cases/{id}/...`) and from the case page
//! (`/ui/cases/{id}/...`): accepting the package (A 15.4), including or refusing with enumerated grounds
//! (A 15.5; no places left turns an inclusion into the refusal on K5 / R4), revoking an inclusion. Only the
//! service provider of the case's region decides; anyone else gets the same 404 as for a missing case. The
//! use case reads the case (an audited read) and writes the step with its audit record and quota change.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, RawForm, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use registries::Registries;
use serde_json::json;
use store::{AccountRecord, CaseId};

use crate::ui::Visit;
use crate::{ApiError, AppState, Backend, identity};

/// What a decision does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Action {
    Accept,
    Decide(app::Inclusion),
    Revoke,
}

/// Runs `action` on case `id` for `account`: authorised by role and region first, so a refused attempt
/// leaves no read in the log.
async fn act<S: Backend, R: Registries + Sync + Send + 'static>(
    state: &AppState<S, R>,
    account: &AccountRecord,
    id: CaseId,
    action: &Action,
    key: store::IdempotencyKey,
    channel: store::Channel,
) -> Result<app::Decided, ApiError> {
    if !app::authz::may_decide_quota(account, &store::plan::region_of_case(id)) {
        return Err(ApiError::new(StatusCode::NOT_FOUND, "not_found"));
    }
    let actor = crate::actor_of(account, channel)?;
    let now = (state.clock)();
    let app = &state.app;
    let decided = match action {
        Action::Accept => app.accept_quota_application(id, &actor, key, now).await,
        Action::Decide(inclusion) => app.decide_quota_inclusion(id, inclusion, &actor, key, now).await,
        Action::Revoke => app.revoke_quota_inclusion(id, &actor, key, now).await,
    };
    decided.map_err(|e| ApiError::from_app(&e))
}

fn case_id(raw: &str) -> Option<CaseId> {
    raw.parse::<i64>().ok().map(CaseId)
}

#[derive(serde::Deserialize)]
pub(crate) struct DecisionBody {
    /// `include` or `refuse`
    decision: String,
    #[serde(default)]
    grounds: Vec<String>,
}

fn inclusion(decision: &str, grounds: Vec<String>) -> Result<app::Inclusion, ApiError> {
    match decision {
        "include" => Ok(app::Inclusion::Include),
        "refuse" if !grounds.is_empty() => Ok(app::Inclusion::Refuse(grounds)),
        "refuse" => Err(crate::api::invalid("grounds", "refusal_without_grounds")),
        _ => Err(crate::api::invalid("decision", "invalid_decision")),
    }
}

/// The common part of the JSON routes: session, anti-CSRF token, idempotency key, the case id.
async fn api<S: Backend, R: Registries + Sync + Send + 'static>(
    state: &AppState<S, R>,
    headers: &HeaderMap,
    id: &str,
    action: impl FnOnce() -> Result<Action, ApiError>,
) -> Response {
    let session = match identity::signed_in(&state.app.store, headers, (state.clock)()).await {
        Ok(session) => session,
        Err(e) => return e.into_response(),
    };
    if let Err(e) = identity::check_csrf(&session, headers) {
        return e.into_response();
    }
    let Some(id) = case_id(id) else {
        return ApiError::new(StatusCode::NOT_FOUND, "not_found").into_response();
    };
    // Before the input is looked at: someone who may not decide learns nothing from the answer.
    if !app::authz::may_decide_quota(&session.account, &store::plan::region_of_case(id)) {
        return ApiError::new(StatusCode::NOT_FOUND, "not_found").into_response();
    }
    let key = match crate::idempotency_key(headers) {
        Ok(key) => key,
        Err(e) => return e.into_response(),
    };
    let action = match action() {
        Ok(a) => a,
        Err(e) => return e.into_response(),
    };
    match act(state, &session.account, id, &action, key, store::Channel::Api).await {
        Ok(d) => Json(json!({
            "case": d.applied.case.0,
            "state": d.state,
            "grounds": d.grounds,
            "version": d.applied.version,
            "replayed": d.applied.replayed,
        }))
        .into_response(),
        Err(e) => e.into_response(),
    }
}

/// `POST /api/v1/cases/{id}/accept`
pub(crate) async fn api_accept<S: Backend, R: Registries + Sync + Send + 'static>(
    State(state): State<Arc<AppState<S, R>>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    api(&state, &headers, &id, || Ok(Action::Accept)).await
}

/// `POST /api/v1/cases/{id}/decision` with `{"decision": "include"}` or `{"decision": "refuse", "grounds":
/// ["R1"]}`.
pub(crate) async fn api_decide<S: Backend, R: Registries + Sync + Send + 'static>(
    State(state): State<Arc<AppState<S, R>>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Result<Json<DecisionBody>, axum::extract::rejection::JsonRejection>,
) -> Response {
    api(&state, &headers, &id, || {
        let Ok(Json(body)) = body else {
            return Err(ApiError::new(StatusCode::BAD_REQUEST, "invalid_json"));
        };
        inclusion(&body.decision, body.grounds).map(Action::Decide)
    })
    .await
}

/// `POST /api/v1/cases/{id}/revoke`
pub(crate) async fn api_revoke<S: Backend, R: Registries + Sync + Send + 'static>(
    State(state): State<Arc<AppState<S, R>>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    api(&state, &headers, &id, || Ok(Action::Revoke)).await
}

/// The most cases one list answer holds.
const LIST_LIMIT: u32 = 500;

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(crate) struct ListQuery {
    kind: String,
    state: String,
    region: String,
    due_before: String,
    limit: String,
}

/// `GET /api/v1/cases`: the work queue as JSON, soonest deadline first. Staff of a region see their region
/// only (a `region` of another is an empty list, not an error that would confirm anything); national staff
/// choose one or see all. No personal data: the applicant's IIN is not in the list.
pub(crate) async fn api_list<S: Backend, R: Registries + Sync + Send + 'static>(
    State(state): State<Arc<AppState<S, R>>>,
    headers: HeaderMap,
    Query(q): Query<ListQuery>,
) -> Response {
    let session = match identity::signed_in(&state.app.store, &headers, (state.clock)()).await {
        Ok(session) => session,
        Err(e) => return e.into_response(),
    };
    let account = &session.account;
    // Reading the queue is for those who read cases; the region is checked the same way.
    if !app::authz::may_read_case(account, crate::home_region(account)) {
        return ApiError::new(StatusCode::NOT_FOUND, "not_found").into_response();
    }
    let invalid = |field, code| crate::api::invalid(field, code).into_response();
    let due_before = if q.due_before.is_empty() {
        None
    } else {
        match q.due_before.parse::<jiff::civil::Date>() {
            Ok(d) => Some(d),
            Err(_) => return invalid("due_before", "invalid_date"),
        }
    };
    let limit = if q.limit.is_empty() {
        100
    } else {
        match q.limit.parse::<u32>() {
            Ok(n) if (1..=LIST_LIMIT).contains(&n) => n,
            _ => return invalid("limit", "invalid_number"),
        }
    };
    let region = match &account.territory {
        Some(_) => {
            let own = crate::home_region(account).to_owned();
            if !q.region.is_empty() && q.region != own {
                return Json(json!({ "cases": [] })).into_response();
            }
            Some(own)
        }
        None if q.region.is_empty() => None,
        None => Some(q.region.clone()),
    };
    let query = store::CaseQuery {
        region,
        applicant: None,
        kind: (!q.kind.is_empty()).then(|| q.kind.clone()),
        state: (!q.state.is_empty()).then(|| q.state.clone()),
        due_before,
        due_from: None,
        limit,
    };
    match state.app.store.list_cases(&query).await {
        Ok(cases) => {
            let rows: Vec<serde_json::Value> = cases
                .iter()
                .map(|c| {
                    json!({
                        "case": c.id.0,
                        "number": cases::ApplicationNumber::new(&c.region, c.year, c.sequence).map(|n| n.to_string()).ok(),
                        "kind": c.kind,
                        "state": c.state,
                        "territory": c.territory.as_str(),
                        "due_on": c.due_on.map(|d| d.to_string()),
                        "version": c.version,
                    })
                })
                .collect();
            Json(json!({ "cases": rows })).into_response()
        }
        Err(e) => ApiError::from_app(&app::AppError::Store(e)).into_response(),
    }
}

/// The form fields of the case page's decision forms, repeated `grounds` included.
struct DecisionForm {
    csrf: String,
    key: String,
    decision: String,
    grounds: Vec<String>,
}

fn decision_form(raw: &[u8]) -> DecisionForm {
    let mut form = DecisionForm {
        csrf: String::new(),
        key: String::new(),
        decision: String::new(),
        grounds: Vec::new(),
    };
    for (name, value) in form_urlencoded::parse(raw) {
        match name.as_ref() {
            "csrf" => form.csrf = value.into_owned(),
            "key" => form.key = value.into_owned(),
            "decision" => form.decision = value.into_owned(),
            "grounds" => form.grounds.push(value.into_owned()),
            _ => {}
        }
    }
    form
}

/// The common part of the page routes: the form's token and key, then the decision, then back to the case.
async fn page<S: Backend, R: Registries + Sync + Send + 'static>(
    state: &AppState<S, R>,
    v: &Visit,
    id: &str,
    raw: &[u8],
    action: impl FnOnce(DecisionForm) -> Result<Action, ApiError>,
) -> Response {
    let form = decision_form(raw);
    if !identity::same_token(&form.csrf, &v.session.csrf) {
        return v.fail(StatusCode::FORBIDDEN, "csrf_token_missing");
    }
    let Some(id) = case_id(id) else {
        return v.not_found();
    };
    if !app::authz::may_decide_quota(&v.session.account, &store::plan::region_of_case(id)) {
        return v.not_found();
    }
    let Some(key) = store::IdempotencyKey::parse(&form.key) else {
        return v.fail(StatusCode::BAD_REQUEST, "idempotency_key_required");
    };
    let action = match action(form) {
        Ok(a) => a,
        Err(e) => return v.fail(e.status, e.fields.first().map_or(e.code, |(_, code)| *code)),
    };
    match act(state, &v.session.account, id, &action, key, store::Channel::Portal).await {
        Ok(_) => Redirect::to(&format!("/ui/cases/{}#case-state", id.0)).into_response(),
        Err(e) => v.fail(e.status, e.code),
    }
}

/// `POST /ui/cases/{id}/accept`
pub(crate) async fn ui_accept<S: Backend, R: Registries + Sync + Send + 'static>(
    State(state): State<Arc<AppState<S, R>>>,
    v: Visit,
    Path(id): Path<String>,
    RawForm(raw): RawForm,
) -> Response {
    page(&state, &v, &id, &raw, |_| Ok(Action::Accept)).await
}

/// `POST /ui/cases/{id}/decision`: `decision=include`, or `decision=refuse` with one `grounds` per ground.
pub(crate) async fn ui_decide<S: Backend, R: Registries + Sync + Send + 'static>(
    State(state): State<Arc<AppState<S, R>>>,
    v: Visit,
    Path(id): Path<String>,
    RawForm(raw): RawForm,
) -> Response {
    page(&state, &v, &id, &raw, |f| {
        inclusion(&f.decision, f.grounds).map(Action::Decide)
    })
    .await
}

/// `POST /ui/cases/{id}/revoke`
pub(crate) async fn ui_revoke<S: Backend, R: Registries + Sync + Send + 'static>(
    State(state): State<Arc<AppState<S, R>>>,
    v: Visit,
    Path(id): Path<String>,
    RawForm(raw): RawForm,
) -> Response {
    page(&state, &v, &id, &raw, |_| Ok(Action::Revoke)).await
}
