//! The JSON routes of the quota ledger and the law's amendments. The use cases authorise; writes carry the
//! session's anti-CSRF token, and the store writes their audit record in the same transaction.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use legal::amend::Amendment;
use serde_json::json;

use crate::extract::{ApiSession, ApiWrite};
use crate::{ApiError, AppState, Backend, Deps};

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
pub(crate) async fn list_quotas<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    ApiSession(session): ApiSession,
    Query(q): Query<YearQuery>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let p = session.principal(store::Channel::Api);
    if !(app::authz::is_staff(p.role) || app::authz::may_see_aggregates(&p)) {
        return Err(ApiError::not_found());
    }
    let year = q
        .year
        .parse::<i16>()
        .map_err(|_| ApiError::invalid("year", "invalid_number"))?;
    let quotas = state.app.quotas(&p, year).await?;
    Ok(Json(
        json!({ "quotas": quotas.iter().map(quota_json).collect::<Vec<_>>() }),
    ))
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
pub(crate) async fn put_quota<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    ApiWrite(session): ApiWrite,
    Path((year, territory, category)): Path<(String, String, String)>,
    body: Result<crate::extract::Json<QuotaBody>, ApiError>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let p = session.principal(store::Channel::Api);
    if !app::authz::may_administer(&p) {
        return Err(ApiError::not_found());
    }
    let crate::extract::Json(body) = body?;
    let year = year
        .parse::<i16>()
        .map_err(|_| ApiError::invalid("year", "invalid_number"))?;
    let territory = kz::Kato::parse(&territory).map_err(|e| ApiError::invalid("territory", kz::ErrorCode::code(&e)))?;
    let category =
        store::QuotaCategory::from_key(&category).ok_or_else(|| ApiError::invalid("category", "invalid_category"))?;
    let unit = store::QuotaUnit::from_key(&body.unit).ok_or_else(|| ApiError::invalid("unit", "invalid_unit"))?;
    let key = store::QuotaKey {
        year,
        territory,
        category,
    };
    let q = state
        .app
        .set_quota(&p, &key, unit, body.total, &body.basis, (state.clock)())
        .await?;
    Ok(Json(quota_json(&q)))
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
pub(crate) async fn list_amendments<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    ApiSession(session): ApiSession,
) -> Result<Json<serde_json::Value>, ApiError> {
    let records = state.app.amendments(&session.principal(store::Channel::Api)).await?;
    Ok(Json(
        json!({ "amendments": records.iter().map(amendment_json).collect::<Vec<_>>() }),
    ))
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
pub(crate) async fn add_amendment<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    ApiWrite(session): ApiWrite,
    Query(query): Query<PreviewQuery>,
    body: Result<crate::extract::Json<Amendment>, ApiError>,
) -> Result<Response, ApiError> {
    let p = session.principal(store::Channel::Api);
    if !app::authz::may_administer(&p) {
        return Err(ApiError::not_found());
    }
    let crate::extract::Json(amendment) = body?;
    let preview = match query.preview.as_str() {
        "" | "false" => false,
        "true" => true,
        _ => return Err(ApiError::invalid("preview", "invalid_boolean")),
    };
    if preview {
        let moves = state.app.preview_amendment(&p, &amendment, (state.clock)()).await?;
        let moved: Vec<serde_json::Value> = moves
            .iter()
            .map(|m| {
                json!({
                    "case": m.case.id.0,
                    "number": m.number,
                    "deadline": m.deadline,
                    "limit": m.limit.key(),
                    "from": m.from.to_string(),
                    "to": m.to.to_string(),
                })
            })
            .collect();
        return Ok(Json(json!({ "preview": true, "deadlines_moved": moved })).into_response());
    }
    let amended = state.app.amend_law(&p, &amendment, (state.clock)()).await?;
    let mut body = amendment_json(&amended.record);
    // How many running deadlines moved; null when the deadline job will count them at its next run.
    if let Some(fields) = body.as_object_mut() {
        fields.insert("deadlines_moved".into(), json!(amended.recount.map(|r| r.moved.len())));
    }
    Ok((StatusCode::CREATED, Json(body)).into_response())
}
