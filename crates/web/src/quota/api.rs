//! The quota service's JSON routes. The use cases authorise: only the service provider of the case's region
//! decides (anyone else gets the same 404 as for a missing case); a citizen files for themselves, confirming
//! with the one-time code of a confirmation.

use std::sync::Arc;

use app::quota::{AtCounter, CommissionInput, DocumentInput, Preview};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::{case_id, decided_json, inclusion};
use crate::extract::{ApiSession, ApiWrite, Key};
use crate::{ApiError, AppState, Backend, Deps};

type Body<T> = Result<crate::extract::Json<T>, ApiError>;

fn body<T>(b: Body<T>) -> Result<T, ApiError> {
    b.map(|crate::extract::Json(t)| t)
}

#[derive(Debug, Default, serde::Deserialize)]
pub(crate) struct DocumentBody {
    kind: String,
    #[serde(default)]
    attachment: Option<i64>,
    #[serde(default)]
    presented: bool,
    #[serde(default)]
    valid_until: Option<String>,
}

#[derive(Debug, serde::Deserialize)]
pub(crate) struct ApplicationBody {
    iin: String,
    category: String,
    territory: String,
    #[serde(default)]
    family: Vec<String>,
    #[serde(default)]
    employment: Option<String>,
    #[serde(default)]
    documents: Vec<DocumentBody>,
    #[serde(default)]
    consent: bool,
    #[serde(default)]
    waited: Option<String>,
    #[serde(default)]
    served: Option<String>,
    /// A citizen's filing: the confirmation's ticket and the code the SMS brought.
    #[serde(default)]
    ticket: Option<String>,
    #[serde(default)]
    code: Option<String>,
    /// At the counter: refuse to accept on these grounds of A 14.4 instead of accepting.
    #[serde(default)]
    refuse: Vec<String>,
    /// A home visit's case, when the application is taken at home.
    #[serde(default)]
    visit: Option<i64>,
}

impl ApplicationBody {
    fn application(&self) -> app::QuotaApplication {
        app::QuotaApplication {
            iin: self.iin.clone(),
            category: self.category.clone(),
            territory: self.territory.clone(),
            family: self.family.clone(),
            employment: self.employment.clone(),
            documents: self
                .documents
                .iter()
                .map(|d| DocumentInput {
                    kind: d.kind.clone(),
                    attachment: d.attachment.map(|a| a.to_string()),
                    presented: d.presented,
                    valid_until: d.valid_until.clone(),
                })
                .collect(),
            consent: self.consent,
            waited: self.waited.clone(),
            served: self.served.clone(),
        }
    }
}

fn submitted_json(s: &app::Submitted) -> serde_json::Value {
    json!({
        "case": s.applied.case.0,
        "number": s.number.to_string(),
        "state": s.state,
        "grounds": s.grounds,
        "deadlines": s.deadlines.iter().map(|r| json!({
            "name": r.name,
            "limit": r.deadline.limit.key(),
            "due": r.deadline.due.to_string(),
            "basis": r.deadline.basis.to_string(),
            "binds": r.binds.key(),
            "duty": r.duty,
            "calendar_edition": r.deadline.calendar_edition,
        })).collect::<Vec<_>>(),
        "replayed": s.applied.replayed,
    })
}

/// `POST /api/v1/quota-applications`: filed by a citizen for themselves (with a confirmed code), registered by a
/// career centre, or taken at the State Corporation's counter (accepted, or refused with `refuse` grounds).
pub(crate) async fn submit<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    ApiWrite(session): ApiWrite,
    Key(key): Key,
    b: Body<ApplicationBody>,
) -> Result<Response, ApiError> {
    let b = body(b)?;
    let input = b.application();
    let now = (state.clock)();
    let p = session.principal(store::Channel::Api);
    let submitted = match p.role {
        store::Role::Citizen => {
            let ticket = b.ticket.as_deref().unwrap_or_default();
            let code = b.code.as_deref().unwrap_or_default();
            state
                .app
                .confirm_act(&session, ticket, &app::quota::application_digest(&input), code, now)
                .await?;
            state.app.submit_quota_application(&p, &input, key, now).await?
        }
        store::Role::StateCorporationOperator => {
            let outcome = if b.refuse.is_empty() {
                AtCounter::Accept
            } else {
                AtCounter::Refuse(b.refuse.clone())
            };
            state
                .app
                .receive_at_counter(&p, &input, &outcome, b.visit.map(store::CaseId), key, now)
                .await?
        }
        _ => state.app.submit_quota_application(&p, &input, key, now).await?,
    };
    let status = if submitted.applied.replayed {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok((status, Json(submitted_json(&submitted))).into_response())
}

/// `POST /api/v1/quota-applications/confirmations`: a citizen's application checked, and the one-time code that
/// confirms it sent by SMS; the answer is the confirmation's ticket.
pub(crate) async fn confirmation<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    ApiWrite(session): ApiWrite,
    b: Body<ApplicationBody>,
) -> Result<Response, ApiError> {
    let b = body(b)?;
    let p = session.principal(store::Channel::Api);
    if p.role != store::Role::Citizen {
        return Err(ApiError::not_found());
    }
    let input = b.application();
    let now = (state.clock)();
    state.app.check_quota_application(&p, &input, now).await?;
    let lang = session.lang().and_then(|l| l.parse().ok()).unwrap_or_default();
    let c = state
        .app
        .begin_confirmation(&session, &app::quota::application_digest(&input), lang, now)
        .await?;
    Ok((StatusCode::CREATED, Json(json!({ "ticket": c.ticket }))).into_response())
}

#[derive(Debug, serde::Deserialize)]
pub(crate) struct HomeVisitBody {
    iin: String,
    category: String,
    territory: String,
}

/// `POST /api/v1/quota-applications/home-visits`: a request for the documents to be taken at home.
pub(crate) async fn home_visit<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    ApiWrite(session): ApiWrite,
    Key(key): Key,
    b: Body<HomeVisitBody>,
) -> Result<Response, ApiError> {
    let b = body(b)?;
    let p = session.principal(store::Channel::Api);
    let s = state
        .app
        .request_home_visit(&p, &b.iin, &b.category, &b.territory, key, (state.clock)())
        .await?;
    Ok((StatusCode::CREATED, Json(submitted_json(&s))).into_response())
}

#[derive(Debug, Default, serde::Deserialize)]
pub(crate) struct StepBody {
    #[serde(default)]
    grounds: Vec<String>,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    reasoning: Option<String>,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    protocol: String,
    #[serde(default)]
    members: Vec<String>,
    #[serde(default)]
    outcome: String,
}

/// What a step route does.
#[derive(Debug, Clone, Copy)]
pub(crate) enum StepKind {
    Forward,
    Accept,
    RefuseToAccept,
    Commission,
    Decide,
    Revoke,
}

async fn step<S: Backend, R: Deps>(
    state: &AppState<S, R>,
    session: &app::identity::Session,
    key: store::IdempotencyKey,
    id: &str,
    b: Option<StepBody>,
    kind: StepKind,
) -> Result<Json<serde_json::Value>, ApiError> {
    let id = case_id(id).ok_or_else(ApiError::not_found)?;
    let p = session.principal(store::Channel::Api);
    let b = b.unwrap_or_default();
    let now = (state.clock)();
    let a = &state.app;
    let d = match kind {
        StepKind::Forward => a.forward_quota_application(&p, id, key, now).await?,
        StepKind::Accept => a.accept_quota_application(&p, id, key, now).await?,
        StepKind::RefuseToAccept => {
            a.refuse_to_accept_quota_application(&p, id, &b.grounds, key, now)
                .await?
        }
        StepKind::Commission => {
            let input = CommissionInput {
                date: b.date,
                protocol: b.protocol,
                members: b.members.join("\n"),
                outcome: b.outcome,
            };
            a.record_quota_commission(&p, id, &input, key, now).await?
        }
        StepKind::Decide => {
            // Before the input is looked at: someone who may not decide learns nothing from the answer.
            if !app::authz::may_decide_quota(&p, &store::plan::region_of_case(id)) {
                return Err(ApiError::not_found());
            }
            let decision = inclusion(&b.decision, b.grounds)?;
            a.decide_quota_inclusion(&p, id, &decision, b.reasoning.as_deref(), key, now)
                .await?
        }
        StepKind::Revoke => a.revoke_quota_inclusion(&p, id, &b.reason, key, now).await?,
    };
    Ok(Json(decided_json(&d)))
}

macro_rules! step_route {
    ($name:ident, $kind:expr, $doc:literal) => {
        #[doc = $doc]
        pub(crate) async fn $name<S: Backend, R: Deps>(
            State(state): State<Arc<AppState<S, R>>>,
            ApiWrite(session): ApiWrite,
            Key(key): Key,
            Path(id): Path<String>,
            b: Body<StepBody>,
        ) -> Result<Json<serde_json::Value>, ApiError> {
            step(
                &state,
                &session,
                key,
                &id,
                crate::extract::optional_json(b)?,
                $kind,
            )
            .await
        }
    };
}

step_route!(
    forward,
    StepKind::Forward,
    "`POST /api/v1/quota-applications/{id}/forward`"
);
step_route!(
    accept,
    StepKind::Accept,
    "`POST /api/v1/quota-applications/{id}/accept`"
);
step_route!(
    refuse_to_accept,
    StepKind::RefuseToAccept,
    "`POST /api/v1/quota-applications/{id}/refusal-to-accept` with `{\"grounds\": [...]}`"
);
step_route!(
    commission,
    StepKind::Commission,
    "`POST /api/v1/quota-applications/{id}/commission` with the protocol's date, number, members and outcome"
);
step_route!(
    decide,
    StepKind::Decide,
    "`POST /api/v1/quota-applications/{id}/decision` with `{\"decision\": \"include\"|\"refuse\"|\"declined\", \"grounds\": [...], \"reasoning\": \"…\"}`"
);
step_route!(
    revoke,
    StepKind::Revoke,
    "`POST /api/v1/quota-applications/{id}/revoke` with `{\"reason\": \"…\"}`"
);

/// `GET /api/v1/quota-applications/{id}/assessment`: the grounds weighed against the facts, and the places.
pub(crate) async fn assessment<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    ApiSession(session): ApiSession,
    Path(id): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let id = case_id(&id).ok_or_else(ApiError::not_found)?;
    let p = session.principal(store::Channel::Api);
    let a = state.app.assess_quota_case(&p, id, (state.clock)()).await?;
    Ok(Json(json!({
        "grounds": a.grounds.iter().map(|g| json!({
            "code": g.ground.code,
            "basis": g.ground.basis.to_string(),
            "finding": g.finding.key(),
            "facts": g.facts,
        })).collect::<Vec<_>>(),
        "places_left": a.places_left,
        "places_needed": a.places_needed,
        "refusal_to_accept": a.refusal_to_accept,
        "commission_needed": a.commission_needed,
        "commission_recorded": a.commission.is_some(),
    })))
}

/// `POST /api/v1/quota-applications/{id}/decision-preview`: what the decision would do.
pub(crate) async fn preview<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    ApiWrite(session): ApiWrite,
    Path(id): Path<String>,
    b: Body<StepBody>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let id = case_id(&id).ok_or_else(ApiError::not_found)?;
    let p = session.principal(store::Channel::Api);
    if !app::authz::may_decide_quota(&p, &store::plan::region_of_case(id)) {
        return Err(ApiError::not_found());
    }
    let b = body(b)?;
    let decision = inclusion(&b.decision, b.grounds)?;
    Ok(Json(
        match state
            .app
            .preview_quota_decision(&p, id, &decision, (state.clock)())
            .await?
        {
            Preview::Included { places } => json!({ "outcome": "included", "places": places }),
            Preview::Refused { grounds } => json!({ "outcome": "refused", "grounds": grounds }),
            Preview::NoPlaces { left, needed, ground } => {
                json!({ "outcome": "refused", "grounds": [ground], "places_left": left, "places_needed": needed })
            }
        },
    ))
}

#[derive(Debug, serde::Deserialize)]
pub(crate) struct PlacesQuery {
    year: Option<i16>,
}

/// `GET /api/v1/quota-places?year=…`: the quotas with places left, for anyone signed in (the portal offers
/// them to applicants).
pub(crate) async fn places<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    ApiSession(session): ApiSession,
    Query(q): Query<PlacesQuery>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let now = (state.clock)();
    let year = q.year.unwrap_or_else(|| app::kz_today(now).year());
    let p = session.principal(store::Channel::Api);
    let places = state.app.quota_places(&p, year).await?;
    Ok(Json(json!(
        places
            .iter()
            .map(|q| json!({
                "territory": q.key.territory.as_str(),
                "category": q.key.category.key(),
                "unit": q.unit.key(),
                "left": q.remaining(),
            }))
            .collect::<Vec<_>>()
    )))
}
