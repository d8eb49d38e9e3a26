//! The quota inclusion service on the web: its JSON routes (`api`) and its pages (`pages`). Receiving an
//! application from any channel, accepting the package, including or refusing, revoking.

pub mod api;
pub mod pages;

/// A decision's result as JSON.
pub(crate) fn decided_json(d: &app::Decided) -> serde_json::Value {
    serde_json::json!({
        "case": d.applied.case.0,
        "state": d.state,
        "grounds": d.grounds,
        "version": d.applied.version,
        "replayed": d.applied.replayed,
    })
}

/// What a decision form or body asks: include, or refuse on grounds.
pub(crate) fn inclusion(decision: &str, grounds: Vec<String>) -> Result<app::Inclusion, crate::ApiError> {
    match decision {
        "include" => Ok(app::Inclusion::Include),
        "refuse" if !grounds.is_empty() => Ok(app::Inclusion::Refuse(grounds)),
        "refuse" => Err(crate::ApiError::invalid("grounds", "refusal_without_grounds")),
        _ => Err(crate::ApiError::invalid("decision", "invalid_decision")),
    }
}

pub(crate) fn case_id(raw: &str) -> Option<store::CaseId> {
    raw.parse::<i64>().ok().map(store::CaseId)
}
