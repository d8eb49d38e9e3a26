//! The JSON routes of rent compensation, the relocation subsidy and their payments.

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::{bank_file_name, stepped_json};
use crate::extract::{ApiWrite, Key};
use crate::quota::case_id;
use crate::{ApiError, AppState, Backend, Deps};

type Body<T> = Result<crate::extract::Json<T>, ApiError>;

fn body<T>(b: Body<T>) -> Result<T, ApiError> {
    b.map(|crate::extract::Json(t)| t)
}

fn id(raw: &str) -> Result<store::CaseId, ApiError> {
    case_id(raw).ok_or_else(ApiError::not_found)
}

#[derive(Debug, serde::Deserialize)]
pub(crate) struct ApplicationBody {
    territory: String,
    included_on: String,
    locality: String,
    family: u32,
    account: String,
    #[serde(default)]
    relocation: bool,
    #[serde(default)]
    petition: bool,
}

/// `POST /api/v1/rent-applications`: a citizen applies for the compensation and, with `relocation`, the
/// relocation subsidy (B-App 13).
pub(crate) async fn apply<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    ApiWrite(session): ApiWrite,
    Key(key): Key,
    b: Body<ApplicationBody>,
) -> Result<Response, ApiError> {
    let b = body(b)?;
    let p = session.principal(store::Channel::Api);
    let input = app::rent::RentApplication {
        territory: b.territory,
        included_on: b.included_on,
        locality: b.locality,
        family: b.family.to_string(),
        account: b.account,
        relocation: b.relocation,
        petition: b.petition,
    };
    let s = state.app.apply_rent(&p, &input, key, (state.clock)()).await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({
            "case": s.rent.0,
            "number": s.rent_number,
            "relocation": s.relocation.map(|(c, n)| json!({ "case": c.0, "number": n })),
        })),
    )
        .into_response())
}

/// `POST /api/v1/rent-applications/{id}/forward`: the career centre sends the application on.
pub(crate) async fn forward<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    ApiWrite(session): ApiWrite,
    Key(key): Key,
    Path(raw): Path<String>,
) -> Result<Response, ApiError> {
    let p = session.principal(store::Channel::Api);
    let s = state.app.forward_rent(&p, id(&raw)?, key, (state.clock)()).await?;
    Ok(Json(stepped_json(&s)).into_response())
}

#[derive(Debug, Default, serde::Deserialize)]
pub(crate) struct DecisionBody {
    action: String,
    #[serde(default)]
    grounds: Vec<String>,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    path: String,
}

/// `POST /api/v1/rent-applications/{id}/decision`: the centre grants, refuses, stops, records an overpayment or
/// its refund.
pub(crate) async fn decide<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    ApiWrite(session): ApiWrite,
    Key(key): Key,
    Path(raw): Path<String>,
    b: Body<DecisionBody>,
) -> Result<Response, ApiError> {
    let b = body(b)?;
    let p = session.principal(store::Channel::Api);
    let case = id(&raw)?;
    let decision = app::rent::RentDecision::parse(&b.action, &b.grounds, &b.amount, &b.path)?;
    let s = state.app.decide_rent(&p, case, decision, key, (state.clock)()).await?;
    Ok(Json(stepped_json(&s)).into_response())
}

#[derive(Debug, serde::Deserialize)]
pub(crate) struct RelocationBody {
    grant: bool,
}

/// `POST /api/v1/relocation-applications/{id}/decision`: the centre grants or refuses the relocation subsidy.
pub(crate) async fn decide_relocation<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    ApiWrite(session): ApiWrite,
    Key(key): Key,
    Path(raw): Path<String>,
    b: Body<RelocationBody>,
) -> Result<Response, ApiError> {
    let b = body(b)?;
    let p = session.principal(store::Channel::Api);
    let s = state
        .app
        .decide_relocation(&p, id(&raw)?, b.grant, key, (state.clock)())
        .await?;
    Ok(Json(stepped_json(&s)).into_response())
}

#[derive(Debug, serde::Deserialize)]
pub(crate) struct PayrollBody {
    month: String,
}

/// `POST /api/v1/rent-payroll`: the month's payroll of the centre's region, each case paid once.
pub(crate) async fn payroll<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    ApiWrite(session): ApiWrite,
    b: Body<PayrollBody>,
) -> Result<Response, ApiError> {
    let b = body(b)?;
    let p = session.principal(store::Channel::Api);
    let month = app::rent::bank::parse_month(&b.month)?;
    let r = state.app.run_payroll(&p, month, (state.clock)()).await?;
    Ok(Json(json!({
        "month": month.to_string(),
        "scheduled": r.scheduled,
        "already": r.already,
        "refused": r.refused,
        "total": r.total.to_string(),
    }))
    .into_response())
}

#[derive(Debug, serde::Deserialize)]
pub(crate) struct ExportBody {
    execution_date: String,
}

/// `POST /api/v1/bank-files`: the region's orders not yet sent, as a pain.001.001.09 file.
pub(crate) async fn export<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    ApiWrite(session): ApiWrite,
    b: Body<ExportBody>,
) -> Result<Response, ApiError> {
    let b = body(b)?;
    let p = session.principal(store::Channel::Api);
    let date = b
        .execution_date
        .trim()
        .parse::<jiff::civil::Date>()
        .map_err(|_| ApiError::invalid("execution_date", "invalid_date"))?;
    let file = state.app.export_bank_file(&p, date, (state.clock)()).await?;
    Ok(download(&file))
}

pub(crate) fn download(file: &app::rent::BankFile) -> Response {
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "application/xml".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", bank_file_name(&file.message_id)),
            ),
        ],
        file.xml.clone(),
    )
        .into_response()
}

/// `POST /api/v1/bank-notifications`: a camt.054 notification (the body, XML) reconciled with the orders sent.
pub(crate) async fn reconcile<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    ApiWrite(session): ApiWrite,
    bytes: Bytes,
) -> Result<Response, ApiError> {
    let p = session.principal(store::Channel::Api);
    let r = state.app.reconcile_bank_file(&p, &bytes, (state.clock)()).await?;
    Ok(Json(json!({
        "orders": r.orders.iter().map(|(id, o)| json!({ "order": id, "outcome": o })).collect::<Vec<_>>(),
        "unknown_entries": r.unknown,
    }))
    .into_response())
}

#[derive(Debug, serde::Deserialize)]
pub(crate) struct AccountBody {
    account: String,
}

/// `POST /api/v1/rent-applications/{id}/account`: the applicant's new account for the payments the bank
/// returned; each is sent once more to it (also for the relocation case).
pub(crate) async fn new_account<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    ApiWrite(session): ApiWrite,
    Key(key): Key,
    Path(raw): Path<String>,
    b: Body<AccountBody>,
) -> Result<Response, ApiError> {
    let b = body(b)?;
    let p = session.principal(store::Channel::Api);
    let s = state
        .app
        .give_new_account(&p, id(&raw)?, &b.account, key, (state.clock)())
        .await?;
    Ok(Json(stepped_json(&s)).into_response())
}
