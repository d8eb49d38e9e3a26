//! Cases over JSON, whatever their kind: the work queue, a case, its history. The use cases authorise (a case
//! the account may not see answers like a missing one) and audit staff reads.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State};
use serde_json::{Value, json};

use crate::extract::ApiSession;
use crate::{ApiError, AppState, Backend, Deps};

/// Page size when the request names none.
const DEFAULT_PAGE: u32 = 100;

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(crate) struct ListQuery {
    kind: String,
    /// A state, `awaiting` (what awaits the caller's role) or empty (every state).
    state: String,
    region: String,
    channel: String,
    /// `true`: only cases whose deadline has passed.
    overdue: String,
    limit: String,
    /// The `next` of the previous page.
    after: String,
}

fn case_id(raw: &str) -> Result<store::CaseId, ApiError> {
    raw.parse::<i64>().map(store::CaseId).map_err(|_| ApiError::not_found())
}

/// A page cursor as the API writes it: the case's deadline (or `-`) and its id.
fn cursor_text(c: &store::Cursor) -> String {
    format!(
        "{}.{}",
        c.due_on.map_or_else(|| "-".to_owned(), |d| d.to_string()),
        c.id.0
    )
}

fn parse_cursor(s: &str) -> Option<store::Cursor> {
    let (due, id) = s.split_once('.')?;
    Some(store::Cursor {
        due_on: if due == "-" { None } else { Some(due.parse().ok()?) },
        id: store::CaseId(id.parse().ok()?),
    })
}

/// `GET /api/v1/cases`: the work queue as JSON, soonest deadline first, in pages (`next` continues). Staff of
/// a region see their region only; national staff choose one or see all. The applicant is shown masked.
pub(crate) async fn list<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    ApiSession(session): ApiSession,
    Query(q): Query<ListQuery>,
) -> Result<Json<Value>, ApiError> {
    let p = session.principal(store::Channel::Api);
    let limit = if q.limit.is_empty() {
        DEFAULT_PAGE
    } else {
        match q.limit.parse::<u32>() {
            Ok(n) if (1..=app::cases_view::MAX_PAGE).contains(&n) => n,
            _ => return Err(ApiError::invalid("limit", "invalid_number")),
        }
    };
    let overdue = match q.overdue.as_str() {
        "" | "false" => false,
        "true" => true,
        _ => return Err(ApiError::invalid("overdue", "invalid_boolean")),
    };
    let after = if q.after.is_empty() {
        None
    } else {
        Some(parse_cursor(&q.after).ok_or_else(|| ApiError::invalid("after", "invalid_cursor"))?)
    };
    // A region of another than one's own is an empty list, not an error that would confirm anything.
    if let (Some(own), false) = (&p.region, q.region.is_empty())
        && *own != q.region
    {
        return Ok(Json(json!({ "cases": [], "total": 0, "next": null })));
    }
    let filter = app::QueueFilter {
        kind: (!q.kind.is_empty()).then(|| q.kind.clone()),
        states: match q.state.as_str() {
            "" => app::cases_view::States::Any,
            "awaiting" => app::cases_view::States::Awaiting,
            one => app::cases_view::States::One(one.to_owned()),
        },
        region: (!q.region.is_empty()).then(|| q.region.clone()),
        channel: (!q.channel.is_empty()).then(|| q.channel.clone()),
        overdue,
        after,
        limit,
    };
    let queue = state.app.queue(&p, &filter, (state.clock)()).await?;
    let rows: Vec<Value> = queue
        .rows
        .iter()
        .map(|r| {
            json!({
                "case": r.id.0,
                "number": r.number,
                "kind": r.kind,
                "state": r.state,
                "territory": r.territory.as_str(),
                "due_on": r.due.map(|d| d.to_string()),
                "overdue": r.overdue,
                "applicant": r.applicant.as_ref().map(|(masked, _)| masked),
            })
        })
        .collect();
    Ok(Json(json!({
        "cases": rows,
        "total": queue.total,
        "next": queue.next.as_ref().map(cursor_text),
    })))
}

/// `GET /api/v1/cases/{id}`: a case for staff of its region, the read recorded in the audit log.
pub(crate) async fn read<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    ApiSession(session): ApiSession,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let p = session.principal(store::Channel::Api);
    if !app::authz::is_staff(p.role) {
        return Err(ApiError::not_found());
    }
    let d = state.app.case(&p, case_id(&id)?, (state.clock)()).await?;
    let case = &d.record;
    Ok(Json(json!({
        "case": case.id.0,
        "number": d.number,
        "kind": case.kind,
        "state": case.state,
        "territory": case.territory.as_str(),
        "version": case.version,
        "created_at": case.created_at.to_string(),
        "updated_at": case.updated_at.to_string(),
        "deadlines": d.view.deadlines.iter().map(|r| json!({
            "name": r.name,
            "limit": r.deadline.limit.key(),
            "due": r.deadline.due.to_string(),
            "basis": r.deadline.basis.to_string(),
            "binds": r.binds.key(),
            "duty": r.duty,
            "calendar_edition": r.deadline.calendar_edition,
        })).collect::<Vec<_>>(),
        "grounds": d.view.grounds.iter().map(|g| json!({ "code": g.code, "basis": g.basis.to_string() })).collect::<Vec<_>>(),
        "details": serde_json::from_str::<Value>(&case.payload).unwrap_or(Value::Null),
    })))
}

/// `GET /api/v1/cases/{id}/history`: a case's audit records and the registry answers kept as evidence, for
/// staff of its region; the read is audited like the case's.
pub(crate) async fn history<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    ApiSession(session): ApiSession,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let p = session.principal(store::Channel::Api);
    if !app::authz::is_staff(p.role) {
        return Err(ApiError::not_found());
    }
    let id = case_id(&id)?;
    let d = state.app.case(&p, id, (state.clock)()).await?;
    Ok(Json(json!({
        "case": id.0,
        "records": d.timeline.iter().map(|r| json!({
            "chain": r.chain, "seq": r.seq, "at": r.at, "account": r.account, "role": r.role,
            "channel": r.channel, "action": r.action, "basis": r.basis,
            "detail": serde_json::from_str::<Value>(&r.detail).unwrap_or(Value::Null),
            "hash": r.hash,
        })).collect::<Vec<_>>(),
        "evidence": d.evidence.iter().map(|e| json!({
            "system": e.system, "requested_at": e.requested_at.to_string(), "response_id": e.response_id,
            "answer": serde_json::from_str::<Value>(&e.payload).unwrap_or(Value::Null),
        })).collect::<Vec<_>>(),
    })))
}
