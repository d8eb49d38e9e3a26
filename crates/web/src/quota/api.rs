//! `POST /api/v1/quota-applications` (receive) and `POST /api/v1/quota-applications/{id}/accept|decision|revoke`.
//! The use cases authorise (only the service provider of the case's region decides; anyone else gets the same
//! 404 as for a missing case) and write each step with its audit record, quota change and notices.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::{case_id, decided_json, inclusion};
use crate::extract::{ApiWrite, Key};
use crate::{ApiError, AppState, Backend, Deps};

#[derive(serde::Deserialize)]
pub(crate) struct ApplicationBody {
    iin: String,
    category: String,
    territory: String,
    channel: String,
}

/// `POST /api/v1/quota-applications`: an application received at the State Corporation or a career centre for
/// an applicant, or by the applicant on the portal.
pub(crate) async fn submit<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    ApiWrite(session): ApiWrite,
    Key(key): Key,
    body: Result<Json<ApplicationBody>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    let Ok(Json(body)) = body else {
        return Err(ApiError::new(StatusCode::BAD_REQUEST, "invalid_json"));
    };
    let input = app::QuotaApplication {
        iin: body.iin,
        category: body.category,
        territory: body.territory,
        channel: body.channel,
    };
    let p = session.principal(store::Channel::Api);
    let submitted = state
        .app
        .submit_quota_application(&p, &input, key, (state.clock)())
        .await?;
    let status = if submitted.applied.replayed {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    let body = json!({
        "case": submitted.applied.case.0,
        "number": submitted.number.to_string(),
        "state": submitted.state,
        "deadlines": submitted.deadlines.iter().map(|r| json!({
            "name": r.name,
            "limit": r.deadline.limit.key(),
            "due": r.deadline.due.to_string(),
            "basis": r.deadline.basis.to_string(),
            "binds": r.binds.key(),
            "duty": r.duty,
            "calendar_edition": r.deadline.calendar_edition,
        })).collect::<Vec<_>>(),
        "replayed": submitted.applied.replayed,
    });
    Ok((status, Json(body)).into_response())
}

#[derive(serde::Deserialize)]
pub(crate) struct DecisionBody {
    /// `include` or `refuse`
    decision: String,
    #[serde(default)]
    grounds: Vec<String>,
}

/// `POST /api/v1/quota-applications/{id}/accept`
pub(crate) async fn accept<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    ApiWrite(session): ApiWrite,
    Key(key): Key,
    Path(id): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let id = case_id(&id).ok_or_else(ApiError::not_found)?;
    let p = session.principal(store::Channel::Api);
    let d = state.app.accept_quota_application(&p, id, key, (state.clock)()).await?;
    Ok(Json(decided_json(&d)))
}

/// `POST /api/v1/quota-applications/{id}/decision` with `{"decision": "include"}` or `{"decision": "refuse",
/// "grounds": ["quota_r1_unreliable_data"]}`.
pub(crate) async fn decide<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    ApiWrite(session): ApiWrite,
    Key(key): Key,
    Path(id): Path<String>,
    body: Result<Json<DecisionBody>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let id = case_id(&id).ok_or_else(ApiError::not_found)?;
    let p = session.principal(store::Channel::Api);
    // Before the input is looked at: someone who may not decide learns nothing from the answer.
    if !app::authz::may_decide_quota(&p, &store::plan::region_of_case(id)) {
        return Err(ApiError::not_found());
    }
    let Ok(Json(body)) = body else {
        return Err(ApiError::new(StatusCode::BAD_REQUEST, "invalid_json"));
    };
    let decision = inclusion(&body.decision, body.grounds)?;
    let d = state
        .app
        .decide_quota_inclusion(&p, id, &decision, key, (state.clock)())
        .await?;
    Ok(Json(decided_json(&d)))
}

/// `POST /api/v1/quota-applications/{id}/revoke`
pub(crate) async fn revoke<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    ApiWrite(session): ApiWrite,
    Key(key): Key,
    Path(id): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let id = case_id(&id).ok_or_else(ApiError::not_found)?;
    let p = session.principal(store::Channel::Api);
    let d = state.app.revoke_quota_inclusion(&p, id, key, (state.clock)()).await?;
    Ok(Json(decided_json(&d)))
}
