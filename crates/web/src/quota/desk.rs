//! The desks where applications are taken for a person: the State Corporation's counter (and its employee at
//! the home of someone who cannot come) and the career centre. The specialist finds the person by IIN (what
//! the registries hold is shown, not asked), goes through the checklist with the originals, and either accepts
//! the package (the acceptance notice is handed over and the package forwarded at once, A 14.2, 14.5) or refuses
//! to accept it on the grounds of A 14.4 (the receipt); a career centre registers it and forwards it.

use std::sync::Arc;

use app::quota::{AtCounter, PortalStart};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::portal::{DocumentField, RelativeOption};
use super::{FieldMessage, application_from, case_id, field_messages, form_key};
use crate::extract::{PageUpload, Visit};
use crate::ui::{Choice, Page, Tr, choices, html};
use crate::{AppState, Backend, Deps};

#[derive(Template)]
#[template(path = "quota/desk.html")]
struct DeskPage {
    page: Page,
    errors: Vec<FieldMessage>,
    iin: String,
    found: Option<Found>,
    counter: bool,
    visit: String,
    key: String,
}

impl DeskPage {
    fn error_for(&self, field: &str) -> Option<&FieldMessage> {
        self.errors.iter().find(|e| e.field == field)
    }
}

/// What the registries gave for the person at the desk, and the form to fill.
struct Found {
    consent: bool,
    name: String,
    birth: String,
    relatives: Vec<RelativeOption>,
    categories: Vec<Choice>,
    territory: String,
    employment: Vec<(String, String, bool)>,
    documents: Vec<DocumentField>,
    grounds: Vec<Choice>,
}

#[derive(Debug, serde::Deserialize)]
pub(crate) struct DeskQuery {
    #[serde(default)]
    iin: String,
    #[serde(default)]
    visit: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    territory: String,
    /// What the official already filled in, shown again with the errors.
    #[serde(skip)]
    kept: Kept,
}

/// The rest of a submitted desk form, so that an error costs the official no retyping.
#[derive(Debug, Default)]
struct Kept {
    employment: String,
    family: Vec<String>,
    presented: Vec<String>,
    /// Validity dates and uploaded files by document key.
    valid: Vec<(String, String)>,
    uploaded: Vec<(String, String)>,
    grounds: Vec<String>,
    consent: bool,
}

fn desk(v: &Visit) -> bool {
    matches!(
        v.principal().role,
        store::Role::StateCorporationOperator | store::Role::CareerCentre
    )
}

fn found(t: Tr, v: &Visit, start: &PortalStart, q: &DeskQuery) -> Found {
    let (category, territory, kept) = (q.category.as_str(), q.territory.as_str(), &q.kept);
    let by_key = |pairs: &[(String, String)], key: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let category = if category.is_empty() {
        if start.kandas { "kandas" } else { "resettler" }
    } else {
        category
    };
    let checklist = if category == "kandas" {
        &start.kandas_checklist
    } else {
        &start.resettler_checklist
    };
    Found {
        consent: kept.consent,
        name: start.name.clone(),
        birth: t.date(start.birth_date),
        relatives: start
            .relatives
            .iter()
            .map(|r| RelativeOption {
                iin: r.iin.as_str().to_owned(),
                label: format!(
                    "{} ({}, {})",
                    r.name,
                    t.m(&format!("ui-kinship-{}", r.kinship)),
                    t.date(r.birth_date)
                ),
                checked: kept.family.iter().any(|f| f == r.iin.as_str()),
            })
            .collect(),
        categories: choices(t, "ui-category-", &["kandas", "resettler"], category),
        territory: if territory.is_empty() {
            v.session
                .account()
                .territory
                .as_ref()
                .map(|k| k.as_str().to_owned())
                .unwrap_or_default()
        } else {
            territory.chars().take(9).collect()
        },
        employment: (1..=9)
            .map(|n: u8| {
                let value = n.to_string();
                let selected = kept.employment == value;
                (value, t.m(&format!("ui-employment-{n}")), selected)
            })
            .collect(),
        documents: checklist
            .iter()
            .map(|i| DocumentField {
                key: i.key.clone(),
                label: t.m(&format!("ui-doc-{}", i.key)),
                required: i.required,
                from_system: i
                    .system
                    .as_deref()
                    .map(|s| t.m(&format!("ui-system-{s}")))
                    .unwrap_or_default(),
                uploaded: by_key(&kept.uploaded, &i.key),
                valid: by_key(&kept.valid, &i.key),
                presented: kept.presented.contains(&i.key),
            })
            .collect(),
        grounds: cases::quota_a14::Refuser::StateCorporation
            .grounds()
            .iter()
            .map(|g| Choice {
                value: g.code.to_owned(),
                label: t.m(g.code),
                selected: kept.grounds.iter().any(|k| k == g.code),
            })
            .collect(),
    }
}

/// A use case's invalid fields as the desk shows them: an open case is the applicant's, not the officer's.
fn desk_messages(t: Tr, e: &app::AppError) -> Vec<FieldMessage> {
    match e {
        app::AppError::OpenCase { number } => vec![FieldMessage {
            field: "iin".into(),
            message: t.with("quota_open_case_staff", &[("number", number)]),
        }],
        other => field_messages(t, other),
    }
}

async fn render<S: Backend, R: Deps>(
    state: &AppState<S, R>,
    v: &Visit,
    q: &DeskQuery,
    mut errors: Vec<FieldMessage>,
    status: StatusCode,
) -> Response {
    let t = v.t;
    let found_person = if q.iin.trim().is_empty() {
        None
    } else {
        match state
            .app
            .quota_desk_lookup(&v.principal(), &q.iin, (state.clock)())
            .await
        {
            Ok(start) => Some(found(t, v, &start, q)),
            Err(e) => {
                errors.extend(desk_messages(t, &e));
                None
            }
        }
    };
    let status = if found_person.is_none() && !errors.is_empty() && status == StatusCode::OK {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        status
    };
    html(
        &DeskPage {
            page: Page::new(t, "ui-desk-title", Some(&v.session), "/ui/quota/desk"),
            errors,
            iin: q.iin.chars().take(12).collect(),
            found: found_person,
            counter: v.principal().role == store::Role::StateCorporationOperator,
            visit: q.visit.clone(),
            key: form_key(),
        },
        status,
    )
}

/// `GET /ui/quota/desk?iin=…[&visit=…]`: the person by IIN, then the form.
pub(crate) async fn page<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    v: Visit,
    Query(q): Query<DeskQuery>,
) -> Response {
    if !desk(&v) {
        return v.not_found();
    }
    render(&state, &v, &q, Vec::new(), StatusCode::OK).await
}

/// `POST /ui/quota/desk`: the checklist gone through; the outcome (`accept` or `refuse` at the counter, the
/// registration at a career centre); scanned copies, if any, stored for the applicant.
pub(crate) async fn submit<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    mut form: PageUpload,
) -> Response {
    if !desk(&form.visit) {
        return form.visit.not_found();
    }
    let now = (state.clock)();
    let p = form.visit.principal();
    let t = form.visit.t;
    let iin = form.get("iin").trim().to_owned();
    let mut errors = Vec::new();
    let mut uploaded: Vec<(String, String)> = Vec::new();
    for (field, name, bytes) in std::mem::take(&mut form.files) {
        let Some(kind) = field.strip_prefix("file-") else {
            continue;
        };
        match state.app.upload_attachment(&p, Some(&iin), &name, bytes, now).await {
            Ok(id) => uploaded.push((kind.to_owned(), id.0.to_string())),
            Err(e) => errors.extend(desk_messages(t, &e)),
        }
    }
    let query = DeskQuery {
        iin: iin.clone(),
        visit: form.get("visit").to_owned(),
        category: form.get("category").to_owned(),
        territory: form.get("territory").to_owned(),
        kept: Kept {
            employment: form.get("employment").to_owned(),
            family: form.all("family"),
            presented: form
                .names()
                .filter_map(|n| n.strip_prefix("presented-").map(str::to_owned))
                .collect(),
            valid: form
                .names()
                .filter_map(|n| n.strip_prefix("valid-").map(|k| (k.to_owned(), form.get(n).to_owned())))
                .collect(),
            uploaded: uploaded
                .iter()
                .cloned()
                .chain(
                    form.names()
                        .filter_map(|n| n.strip_prefix("doc-").map(|k| (k.to_owned(), form.get(n).to_owned()))),
                )
                .collect(),
            grounds: form.all("grounds"),
            consent: !form.get("consent").is_empty(),
        },
    };
    if !errors.is_empty() {
        return render(&state, &form.visit, &query, errors, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let get = |name: &str| -> String {
        if let Some(kind) = name.strip_prefix("doc-")
            && let Some((_, id)) = uploaded.iter().find(|(k, _)| k == kind)
        {
            return id.clone();
        }
        form.get(name).to_owned()
    };
    let input = application_from(get, |n| form.all(n));
    let Some(key) = form.key() else {
        return form.visit.fail(StatusCode::BAD_REQUEST, "idempotency_key_required");
    };
    let visit = case_id(form.get("visit"));
    let done = if p.role == store::Role::StateCorporationOperator {
        let outcome = if form.get("outcome") == "refuse" {
            AtCounter::Refuse(form.all("grounds"))
        } else {
            AtCounter::Accept
        };
        state
            .app
            .receive_at_counter(&p, &input, &outcome, visit, key, now)
            .await
    } else {
        state.app.submit_quota_application(&p, &input, key, now).await
    };
    match done {
        Ok(s) => Redirect::to(&format!("/ui/cases/{}", s.applied.case.0)).into_response(),
        Err(e @ (app::AppError::Invalid(_) | app::AppError::OpenCase { .. })) => {
            let errors = desk_messages(t, &e);
            render(&state, &form.visit, &query, errors, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => form.visit.error(e),
    }
}
