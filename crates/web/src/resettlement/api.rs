//! The resettlement service's JSON routes. The use cases authorise: a citizen applies for themselves, a career
//! centre for a person of its region; the career centre of the case's region takes each step; the participant
//! gives notice of a move on their own case. A case someone may not act on answers like a missing one.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde_json::{Map, Value};

use super::{Step, run, stepped_json};
use crate::extract::{ApiWrite, Key};
use crate::quota::case_id;
use crate::{ApiError, AppState, Backend, Deps};

type Body = Result<crate::extract::Json<Map<String, Value>>, ApiError>;

fn fields(b: Body) -> Result<Map<String, Value>, ApiError> {
    b.map(|crate::extract::Json(m)| m)
}

/// A field of a JSON body as text: a string as it is, a number written out, a list of strings one a line.
fn text(m: &Map<String, Value>, name: &str) -> String {
    match m.get(name) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect::<Vec<_>>().join("\n"),
        _ => String::new(),
    }
}

/// `POST /api/v1/resettlement-applications`: `{ "territory": "KATO", "iin": "…" }` (the IIN when a career
/// centre receives it; a citizen applies for themselves).
pub(crate) async fn apply<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    ApiWrite(session): ApiWrite,
    Key(key): Key,
    b: Body,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let m = fields(b)?;
    let p = session.principal(store::Channel::Api);
    let input = app::resettlement::ResettlementApplication {
        iin: text(&m, "iin"),
        territory: text(&m, "territory"),
    };
    let s = state
        .app
        .apply_for_resettlement(&p, &input, key, (state.clock)())
        .await?;
    Ok((StatusCode::CREATED, Json(stepped_json(&s))))
}

async fn step<S: Backend, R: Deps>(
    state: &AppState<S, R>,
    session: &app::identity::Session,
    key: store::IdempotencyKey,
    id: &str,
    b: Body,
    step: Step,
) -> Result<Json<Value>, ApiError> {
    let id = case_id(id).ok_or_else(ApiError::not_found)?;
    let m = fields(b)?;
    let p = session.principal(store::Channel::Api);
    let s = run(state, &p, id, step, |name| text(&m, name), key).await?;
    Ok(Json(stepped_json(&s)))
}

macro_rules! step_route {
    ($name:ident, $step:expr, $doc:literal) => {
        #[doc = $doc]
        pub(crate) async fn $name<S: Backend, R: Deps>(
            State(state): State<Arc<AppState<S, R>>>,
            ApiWrite(session): ApiWrite,
            Key(key): Key,
            Path(id): Path<String>,
            b: Body,
        ) -> Result<Json<Value>, ApiError> {
            step(&state, &session, key, &id, b, $step).await
        }
    };
}

step_route!(
    commission,
    Step::Commission,
    "`POST /api/v1/resettlement-applications/{id}/commission`: `date`, `protocol`, `members` (a list), `outcome` (`approve` or `refuse`)."
);
step_route!(
    referral,
    Step::Referral,
    "`POST /api/v1/resettlement-applications/{id}/referral`: `destination` (KATO), `occupation`, `family` (a count)."
);
step_route!(
    tear_off,
    Step::TearOff,
    "`POST /api/v1/resettlement-applications/{id}/tear-off`: `referral_number` as the notification gives it."
);
step_route!(
    contract,
    Step::Contract,
    "`POST /api/v1/resettlement-applications/{id}/contract`: the social contract's `number` and `date`."
);
step_route!(
    move_notice,
    Step::MoveNotice,
    "`POST /api/v1/resettlement-applications/{id}/move-notice`: `moving_on` and `reasons`."
);
