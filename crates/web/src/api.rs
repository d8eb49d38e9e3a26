//! The JSON routes of the quota ledger, the law's amendments and a case's history. Each authorises by role
//! (and region, for a case) before it reads; writes need the session's anti-CSRF token, and the store writes
//! their audit record in the same transaction.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use legal::amend::Amendment;
use registries::Registries;
use serde_json::json;
use store::{Role, SessionRecord};

use crate::{ApiError, AppState, Backend, identity};

/// A bad field of a JSON request (422 `invalid_input` with the field and its code).
pub(crate) fn invalid(field: &'static str, code: &'static str) -> ApiError {
    ApiError {
        field: Some(field),
        fields: vec![(field, code)],
        ..ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_input")
    }
}

fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "not_found")
}

/// The session of a request, and for a write its anti-CSRF token checked.
async fn session<S: Backend, R>(
    state: &AppState<S, R>,
    headers: &HeaderMap,
    write: bool,
) -> Result<SessionRecord, ApiError> {
    let session = identity::signed_in(&state.app.store, headers, (state.clock)()).await?;
    if write {
        identity::check_csrf(&session, headers)?;
    }
    Ok(session)
}

fn administrator(session: &SessionRecord) -> Result<(), ApiError> {
    if session.account.role == Role::Administrator {
        Ok(())
    } else {
        Err(not_found())
    }
}

fn quota_json(q: &store::Quota) -> serde_json::Value {
    json!({
        "year": q.key.year,
        "territory": q.key.territory.as_str(),
        "category": q.key.category.key(),
        "unit": q.unit.key(),
        "total": q.total,
        "allocated": q.allocated,
    })
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(crate) struct YearQuery {
    year: String,
}

/// `GET /api/v1/quotas?year=2026`: every quota of the year with what is allocated; for staff, analysts and
/// the administrator (figures, no personal data).
pub(crate) async fn list_quotas<S: Backend, R: Registries + Sync + Send + 'static>(
    State(state): State<Arc<AppState<S, R>>>,
    headers: HeaderMap,
    Query(q): Query<YearQuery>,
) -> Response {
    let run = async {
        let session = session(&state, &headers, false).await?;
        let account = &session.account;
        if !app::authz::may_read_case(account, crate::home_region(account)) && !app::authz::may_see_aggregates(account)
        {
            return Err(not_found());
        }
        let year = q.year.parse::<i16>().map_err(|_| invalid("year", "invalid_number"))?;
        let quotas = state
            .app
            .store
            .list_quotas(year)
            .await
            .map_err(|e| ApiError::from_app(&app::AppError::Store(e)))?;
        Ok::<_, ApiError>(Json(
            json!({ "quotas": quotas.iter().map(quota_json).collect::<Vec<_>>() }),
        ))
    };
    run.await.into_response()
}

#[derive(serde::Deserialize)]
pub(crate) struct QuotaBody {
    unit: String,
    total: u32,
    /// The act that sets the quota (its number and date).
    basis: String,
}

/// `PUT /api/v1/quotas/{year}/{territory}/{category}`: sets a quota (administrator; audited); never below
/// the places already allocated (409 `quota_below_allocated`).
pub(crate) async fn put_quota<S: Backend, R: Registries + Sync + Send + 'static>(
    State(state): State<Arc<AppState<S, R>>>,
    headers: HeaderMap,
    Path((year, territory, category)): Path<(String, String, String)>,
    body: Result<Json<QuotaBody>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let run = async {
        let session = session(&state, &headers, true).await?;
        administrator(&session)?;
        let Ok(Json(body)) = body else {
            return Err(ApiError::new(StatusCode::BAD_REQUEST, "invalid_json"));
        };
        let year = year.parse::<i16>().map_err(|_| invalid("year", "invalid_number"))?;
        let territory = kz::Kato::parse(&territory).map_err(|e| invalid("territory", kz::ErrorCode::code(&e)))?;
        let category =
            store::QuotaCategory::from_key(&category).ok_or_else(|| invalid("category", "invalid_category"))?;
        let unit = store::QuotaUnit::from_key(&body.unit).ok_or_else(|| invalid("unit", "invalid_unit"))?;
        let basis = body.basis.trim();
        if basis.is_empty() || basis.chars().count() > 500 {
            return Err(invalid("basis", "field_required"));
        }
        let actor = crate::actor_of(&session.account, store::Channel::Api)?;
        let key = store::QuotaKey {
            year,
            territory,
            category,
        };
        match state
            .app
            .store
            .set_quota(&key, unit, body.total, &actor, basis, (state.clock)())
            .await
        {
            Ok(q) => Ok(Json(quota_json(&q))),
            Err(e @ store::StoreError::QuotaBelowAllocated { .. }) => {
                Err(ApiError::new(StatusCode::CONFLICT, e.code()))
            }
            Err(e) => Err(ApiError::from_app(&app::AppError::Store(e))),
        }
    };
    run.await.into_response()
}

fn amendment_json(r: &store::AmendmentRecord) -> serde_json::Value {
    json!({
        "seq": r.seq,
        "at": r.at.to_string(),
        "by": r.account,
        "amendment": serde_json::from_str::<serde_json::Value>(&r.body).unwrap_or(serde_json::Value::Null),
    })
}

/// `GET /api/v1/law/amendments`: the amendments of the law in force, in order (administrator).
pub(crate) async fn list_amendments<S: Backend, R: Registries + Sync + Send + 'static>(
    State(state): State<Arc<AppState<S, R>>>,
    headers: HeaderMap,
) -> Response {
    let run = async {
        let session = session(&state, &headers, false).await?;
        administrator(&session)?;
        let records = state
            .app
            .store
            .amendments()
            .await
            .map_err(|e| ApiError::from_app(&app::AppError::Store(e)))?;
        Ok::<_, ApiError>(Json(
            json!({ "amendments": records.iter().map(amendment_json).collect::<Vec<_>>() }),
        ))
    };
    run.await.into_response()
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct PreviewQuery {
    /// `true` or `false` (the default).
    #[serde(default)]
    preview: String,
}

/// `POST /api/v1/law/amendments`: amends the law (administrator). The body is the amendment, e.g.
/// `{"kind": "transfer", "day_off": "2027-01-08", "working_day": "2027-01-16", "act": "...", "source": "..."}`;
/// 422 with the law's stable reason when the law does not load with it, 409 when another was added meanwhile.
/// With `?preview=true` nothing is made: 200 with the running deadlines the amendment would move.
pub(crate) async fn add_amendment<S: Backend, R: Registries + Sync + Send + 'static>(
    State(state): State<Arc<AppState<S, R>>>,
    headers: HeaderMap,
    Query(query): Query<PreviewQuery>,
    body: Result<Json<Amendment>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let run = async {
        let session = session(&state, &headers, true).await?;
        administrator(&session)?;
        let Ok(Json(amendment)) = body else {
            return Err(ApiError::new(StatusCode::BAD_REQUEST, "invalid_json"));
        };
        let actor = crate::actor_of(&session.account, store::Channel::Api)?;
        let preview = match query.preview.as_str() {
            "" | "false" => false,
            "true" => true,
            _ => return Err(invalid("preview", "invalid_boolean")),
        };
        if preview {
            let moves = state
                .app
                .preview_amendment(&amendment, (state.clock)())
                .await
                .map_err(|e| ApiError::from_app(&e))?;
            let moved: Vec<serde_json::Value> = moves
                .iter()
                .map(|m| {
                    json!({
                        "case": m.case.id.0,
                        "limit": m.limit.key(),
                        "from": m.from.to_string(),
                        "to": m.to.to_string(),
                    })
                })
                .collect();
            return Ok((
                StatusCode::OK,
                Json(json!({ "preview": true, "deadlines_moved": moved })),
            ));
        }
        let amended = state
            .app
            .amend_law(&amendment, &actor, (state.clock)())
            .await
            .map_err(|e| ApiError::from_app(&e))?;
        let mut body = amendment_json(&amended.record);
        // How many running deadlines moved; null when the deadline job will count them at its next run.
        if let Some(fields) = body.as_object_mut() {
            fields.insert("deadlines_moved".into(), json!(amended.recount.map(|r| r.moved.len())));
        }
        Ok::<_, ApiError>((StatusCode::CREATED, Json(body)))
    };
    run.await.into_response()
}

/// `GET /api/v1/cases/{id}/history`: a case's audit records and the registry answers kept as evidence, for
/// staff of its region; the read is audited like the case's.
pub(crate) async fn case_history<S: Backend, R: Registries + Sync + Send + 'static>(
    State(state): State<Arc<AppState<S, R>>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let run = async {
        let session = session(&state, &headers, false).await?;
        let id = id.parse::<i64>().map(store::CaseId).map_err(|_| not_found())?;
        if !app::authz::may_read_case(&session.account, &store::plan::region_of_case(id)) {
            return Err(not_found());
        }
        let actor = crate::actor_of(&session.account, store::Channel::Api)?;
        let purpose = store::ReadPurpose {
            basis: "rules-a 15".into(),
            reason: "case history".into(),
        };
        let now = (state.clock)();
        let store_error = |e: store::StoreError| match e {
            store::StoreError::NotFound { .. } => not_found(),
            e => ApiError::from_app(&app::AppError::Store(e)),
        };
        state
            .app
            .store
            .read_case(id, &actor, &purpose, now)
            .await
            .map_err(store_error)?;
        let (records, evidence) = state.app.store.case_history(id).await.map_err(store_error)?;
        Ok::<_, ApiError>(Json(json!({
            "case": id.0,
            "records": records.iter().map(|r| json!({
                "chain": r.chain, "seq": r.seq, "at": r.at, "account": r.account, "role": r.role,
                "channel": r.channel, "action": r.action, "basis": r.basis,
                "detail": serde_json::from_str::<serde_json::Value>(&r.detail).unwrap_or(serde_json::Value::Null),
                "hash": r.hash,
            })).collect::<Vec<_>>(),
            "evidence": evidence.iter().map(|e| json!({
                "system": e.system, "requested_at": e.requested_at.to_string(), "response_id": e.response_id,
                "answer": serde_json::from_str::<serde_json::Value>(&e.payload).unwrap_or(serde_json::Value::Null),
            })).collect::<Vec<_>>(),
        })))
    };
    run.await.into_response()
}
