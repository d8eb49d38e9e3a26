//! The quota inclusion service on the web: its JSON routes (`api`), the citizen's portal (`portal`), the State
//! Corporation's counter and the career centre's desk (`desk`), the provider's and the commission's work on a
//! case (`review`), and the quotas with their places left (`places`).

pub mod api;
pub mod desk;
pub mod places;
pub mod portal;
pub mod review;

use app::quota::DocumentInput;

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

/// What a decision form or body asks: include, refuse on grounds, or the applicant declined the unit.
pub(crate) fn inclusion(decision: &str, grounds: Vec<String>) -> Result<app::Inclusion, crate::ApiError> {
    match decision {
        "include" => Ok(app::Inclusion::Include),
        "refuse" if !grounds.is_empty() => Ok(app::Inclusion::Refuse(grounds)),
        "refuse" => Err(crate::ApiError::invalid("grounds", "refusal_without_grounds")),
        "declined" => Ok(app::Inclusion::Declined),
        _ => Err(crate::ApiError::invalid("decision", "invalid_decision")),
    }
}

pub(crate) fn case_id(raw: &str) -> Option<store::CaseId> {
    raw.parse::<i64>().ok().map(store::CaseId)
}

/// A fresh idempotency key for a form: each showing of a form acts once, however often it is sent.
pub(crate) fn form_key() -> String {
    format!("ui-{}", app::identity::new_token().get(..32).unwrap_or("0"))
}

/// An application from a form's fields (the same names on the portal, at the counter and in the API's JSON):
/// `iin`, `category`, `territory`, `family` (repeated), `employment`, `consent`, `waited`, `served`, and per
/// checklist item `doc-<key>` (an attachment id), `presented-<key>` and `valid-<key>`.
pub(crate) fn application_from(
    get: impl Fn(&str) -> String,
    all: impl Fn(&str) -> Vec<String>,
) -> app::QuotaApplication {
    const KINDS: &[&str] = &["identity", "marriage", "birth", "education", "labour", "job_seeker"];
    let documents = KINDS
        .iter()
        .map(|k| DocumentInput {
            kind: (*k).to_owned(),
            attachment: Some(get(&format!("doc-{k}"))).filter(|a| !a.trim().is_empty()),
            presented: get(&format!("presented-{k}")) == "on",
            valid_until: Some(get(&format!("valid-{k}"))).filter(|v| !v.trim().is_empty()),
        })
        .filter(|d| d.attachment.is_some() || d.presented)
        .collect();
    app::QuotaApplication {
        iin: get("iin").trim().to_owned(),
        category: get("category"),
        territory: get("territory").trim().to_owned(),
        family: all("family"),
        employment: Some(get("employment")).filter(|e| !e.trim().is_empty()),
        documents,
        consent: get("consent") == "on",
        waited: Some(get("waited")).filter(|w| !w.trim().is_empty()),
        served: Some(get("served")).filter(|s| !s.trim().is_empty()),
    }
}

/// The hidden fields that carry an application from its form to its confirmation.
pub(crate) fn hidden_fields(input: &app::QuotaApplication) -> Vec<(String, String)> {
    let mut out = vec![
        ("iin".to_owned(), input.iin.clone()),
        ("category".to_owned(), input.category.clone()),
        ("territory".to_owned(), input.territory.clone()),
    ];
    out.extend(input.family.iter().map(|f| ("family".to_owned(), f.clone())));
    if let Some(e) = &input.employment {
        out.push(("employment".to_owned(), e.clone()));
    }
    if input.consent {
        out.push(("consent".to_owned(), "on".to_owned()));
    }
    for d in &input.documents {
        if let Some(a) = &d.attachment {
            out.push((format!("doc-{}", d.kind), a.clone()));
        }
        if d.presented {
            out.push((format!("presented-{}", d.kind), "on".to_owned()));
        }
        if let Some(v) = &d.valid_until {
            out.push((format!("valid-{}", d.kind), v.clone()));
        }
    }
    out
}

/// A field's error message for a form.
#[derive(Debug, Clone)]
pub struct FieldMessage {
    pub field: String,
    pub message: String,
}

/// The messages of a use case's invalid fields, in the reader's language.
pub(crate) fn field_messages(t: crate::ui::Tr, e: &app::AppError) -> Vec<FieldMessage> {
    match e {
        app::AppError::Invalid(fields) => fields
            .iter()
            .map(|f| FieldMessage {
                field: f.field.to_owned(),
                message: t.m(f.code),
            })
            .collect(),
        app::AppError::OpenCase { number } => vec![FieldMessage {
            field: "iin".into(),
            message: t.with("quota_open_case", &[("number", number)]),
        }],
        other => vec![FieldMessage {
            field: "form".into(),
            message: t.m(crate::ApiError::from(other.clone()).message_key()),
        }],
    }
}
