//! The citizen's portal (QUOTA-15, the main channel): the application form that shows what the registries
//! already hold (never asked again), the quotas with places left, the family who move, the documents of the
//! checklist and the consent; then the one-time code that confirms it (standing in for the signature); then
//! the registration number. A person who cannot come asks for a home visit here.

use std::sync::Arc;

use app::quota::PortalStart;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::{FieldMessage, application_from, field_messages, form_key, hidden_fields};
use crate::extract::{PageForm, PageUpload, Visit};
use crate::ui::{Page, Tr, html};
use crate::{AppState, Backend, Deps};

/// A quota with places left, as the form offers it.
#[derive(Debug, Clone)]
pub struct PlaceOption {
    pub value: String,
    pub category: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Debug, Clone)]
pub struct RelativeOption {
    pub iin: String,
    pub label: String,
    pub checked: bool,
}

#[derive(Debug, Clone)]
pub struct DocumentField {
    pub key: String,
    pub label: String,
    pub required: bool,
    /// Held by an information system: not asked.
    pub from_system: String,
    /// A file already uploaded for it (its id), kept across a form shown again.
    pub uploaded: String,
    pub valid: String,
    /// At a desk: the original was presented.
    pub presented: bool,
}

#[derive(Template)]
#[template(path = "quota/apply.html")]
struct ApplyPage {
    page: Page,
    errors: Vec<FieldMessage>,
    name: String,
    birth: String,
    citizen: String,
    registered: String,
    job_seeker: String,
    kandas: String,
    open_case: Option<(i64, String)>,
    category: String,
    places: Vec<PlaceOption>,
    relatives: Vec<RelativeOption>,
    employment: Vec<(String, String, bool)>,
    kandas_documents: Vec<DocumentField>,
    resettler_documents: Vec<DocumentField>,
    consent: bool,
    key: String,
}

impl ApplyPage {
    fn error_for(&self, field: &str) -> Option<&FieldMessage> {
        self.errors.iter().find(|e| e.field == field)
    }
}

#[derive(Template)]
#[template(path = "quota/confirm.html")]
struct ConfirmPage {
    page: Page,
    error: Option<String>,
    summary: Vec<(String, String)>,
    hidden: Vec<(String, String)>,
    ticket: String,
    key: String,
}

/// The form as it was filled, to show again.
#[derive(Debug, Default)]
struct Filled {
    category: String,
    territory: String,
    family: Vec<String>,
    employment: String,
    documents: Vec<(String, String, String)>,
    consent: bool,
}

fn yes_no(t: Tr, v: bool) -> String {
    t.m(if v { "ui-yes" } else { "ui-no" })
}

fn document_fields(t: Tr, items: &[legal::params::ChecklistItem], filled: &Filled) -> Vec<DocumentField> {
    items
        .iter()
        .map(|i| {
            let (uploaded, valid) = filled
                .documents
                .iter()
                .find(|(k, _, _)| *k == i.key)
                .map(|(_, a, v)| (a.clone(), v.clone()))
                .unwrap_or_default();
            DocumentField {
                key: i.key.clone(),
                label: t.m(&format!("ui-doc-{}", i.key)),
                required: i.required,
                from_system: i
                    .system
                    .as_deref()
                    .map(|s| t.m(&format!("ui-system-{s}")))
                    .unwrap_or_default(),
                uploaded,
                valid,
                presented: false,
            }
        })
        .collect()
}

fn place_label(t: Tr, q: &store::Quota) -> String {
    let unit = if q.key.territory.as_str().ends_with("0000000") {
        t.region(&q.key.territory)
    } else {
        format!("{} · {}", t.region(&q.key.territory), q.key.territory.as_str())
    };
    t.with(
        "ui-place-option",
        &[("unit", &unit), ("left", &t.int(u64::from(q.remaining())))],
    )
}

fn apply_page(t: Tr, v: &Visit, start: &PortalStart, errors: Vec<FieldMessage>, filled: &Filled) -> ApplyPage {
    let category_key = |c: store::QuotaCategory| match c {
        store::QuotaCategory::Kandas => "kandas",
        store::QuotaCategory::Resettler => "resettler",
    };
    ApplyPage {
        page: Page::new(t, "ui-apply-title", Some(&v.session), "/ui/quota/apply"),
        errors,
        name: start.name.clone(),
        birth: t.date(start.birth_date),
        citizen: yes_no(t, start.citizen),
        registered: match (&start.region, start.registered_since) {
            (Some(region), Some(since)) => t.with(
                "ui-registered-since",
                &[("region", &t.region(region)), ("since", &t.date(since))],
            ),
            _ => t.m("ui-not-registered"),
        },
        job_seeker: yes_no(t, start.job_seeker),
        kandas: yes_no(t, start.kandas),
        open_case: start.open_case.as_ref().map(|(id, n)| (id.0, n.clone())),
        category: if filled.category.is_empty() {
            if start.kandas { "kandas" } else { "resettler" }.to_owned()
        } else {
            filled.category.clone()
        },
        places: start
            .places
            .iter()
            .map(|q| PlaceOption {
                value: q.key.territory.as_str().to_owned(),
                category: category_key(q.key.category).to_owned(),
                label: place_label(t, q),
                selected: filled.territory == q.key.territory.as_str()
                    && filled.category == category_key(q.key.category),
            })
            .collect(),
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
                checked: filled.family.iter().any(|f| f == r.iin.as_str()),
            })
            .collect(),
        employment: (1..=9)
            .map(|n: u8| {
                (
                    n.to_string(),
                    t.m(&format!("ui-employment-{n}")),
                    filled.employment == n.to_string(),
                )
            })
            .collect(),
        kandas_documents: document_fields(t, &start.kandas_checklist, filled),
        resettler_documents: document_fields(t, &start.resettler_checklist, filled),
        consent: filled.consent,
        key: form_key(),
    }
}

fn citizen(v: &Visit) -> bool {
    v.principal().role == store::Role::Citizen
}

/// `GET /ui/quota/apply`
pub(crate) async fn page<S: Backend, R: Deps>(State(state): State<Arc<AppState<S, R>>>, v: Visit) -> Response {
    if !citizen(&v) {
        return v.not_found();
    }
    match state.app.quota_portal_start(&v.principal(), (state.clock)()).await {
        Ok(start) => html(
            &apply_page(v.t, &v, &start, Vec::new(), &Filled::default()),
            StatusCode::OK,
        ),
        Err(e) => v.error(e),
    }
}

/// `POST /ui/quota/apply`: the form with its files. The files are stored (checked by their contents); the
/// application is checked as it would be filed; then a one-time code goes out by SMS and the confirmation page
/// shows what will be filed.
pub(crate) async fn submit<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    mut form: PageUpload,
) -> Response {
    let now = (state.clock)();
    if !citizen(&form.visit) {
        return form.visit.not_found();
    }
    let p = form.visit.principal();
    let t = form.visit.t;
    let mut errors = Vec::new();
    let mut uploaded: Vec<(String, String)> = Vec::new();
    for (field, name, bytes) in std::mem::take(&mut form.files) {
        let Some(kind) = field.strip_prefix("file-") else {
            continue;
        };
        match state.app.upload_attachment(&p, None, &name, bytes, now).await {
            Ok(id) => uploaded.push((kind.to_owned(), id.0.to_string())),
            Err(e) => errors.extend(field_messages(t, &e).into_iter().map(|m| FieldMessage {
                field: format!("doc-{kind}"),
                ..m
            })),
        }
    }
    // The place is chosen as `category:territory` from the quotas with places left.
    let place = form.get("place").to_owned();
    let (place_category, place_territory) = place.split_once(':').unwrap_or(("", ""));
    let get = |name: &str| -> String {
        if let Some(kind) = name.strip_prefix("doc-")
            && let Some((_, id)) = uploaded.iter().find(|(k, _)| k == kind)
        {
            return id.clone();
        }
        match name {
            "category" if form.get(name).is_empty() => place_category.to_owned(),
            "territory" if form.get(name).is_empty() => place_territory.to_owned(),
            _ => form.get(name).to_owned(),
        }
    };
    let mut input = application_from(get, |n| form.all(n));
    input.iin = match &p.subject {
        Some(store::Party::Person(iin)) => iin.as_str().to_owned(),
        _ => return form.visit.not_found(),
    };
    let filled = Filled {
        category: input.category.clone(),
        territory: input.territory.clone(),
        family: input.family.clone(),
        employment: input.employment.clone().unwrap_or_default(),
        documents: input
            .documents
            .iter()
            .map(|d| {
                (
                    d.kind.clone(),
                    d.attachment.clone().unwrap_or_default(),
                    d.valid_until.clone().unwrap_or_default(),
                )
            })
            .collect(),
        consent: input.consent,
    };
    if errors.is_empty()
        && let Err(e) = state.app.check_quota_application(&p, &input, now).await
    {
        errors = field_messages(t, &e);
    }
    if !errors.is_empty() {
        return match state.app.quota_portal_start(&p, now).await {
            Ok(start) => html(
                &apply_page(t, &form.visit, &start, errors, &filled),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            Err(e) => form.visit.error(e),
        };
    }
    let digest = app::quota::application_digest(&input);
    match state
        .app
        .begin_confirmation(&form.visit.session, &digest, t.lang, now)
        .await
    {
        Ok(confirmation) => html(
            &confirm_page(t, &form.visit, &input, None, &confirmation.ticket, form.get("key")),
            StatusCode::OK,
        ),
        Err(e) => form.visit.error(e),
    }
}

fn confirm_page(
    t: Tr,
    v: &Visit,
    input: &app::QuotaApplication,
    error: Option<String>,
    ticket: &str,
    key: &str,
) -> ConfirmPage {
    let mut summary = vec![
        (t.m("ui-category"), t.m(&format!("ui-category-{}", input.category))),
        (
            t.m("ui-destination"),
            kz::Kato::parse(&input.territory).map_or_else(|_| input.territory.clone(), |k| t.region(&k)),
        ),
        (t.m("ui-fact-family"), t.int(input.family.len() as u64)),
    ];
    if let Some(e) = &input.employment {
        summary.push((t.m("ui-fact-employment"), t.m(&format!("ui-employment-{e}"))));
    }
    for d in &input.documents {
        summary.push((t.m(&format!("ui-doc-{}", d.kind)), t.m("ui-supply-upload")));
    }
    ConfirmPage {
        page: Page::new(t, "ui-confirm-title", Some(&v.session), "/ui/quota/apply"),
        error,
        summary,
        hidden: hidden_fields(input),
        ticket: ticket.to_owned(),
        key: if key.is_empty() { form_key() } else { key.to_owned() },
    }
}

/// `POST /ui/quota/apply/confirm`: the one-time code, then the application is filed and its page opens.
pub(crate) async fn confirm<S: Backend, R: Deps>(State(state): State<Arc<AppState<S, R>>>, form: PageForm) -> Response {
    let v = &form.visit;
    if !citizen(v) {
        return v.not_found();
    }
    let now = (state.clock)();
    let p = v.principal();
    let mut input = application_from(|n| form.get(n).to_owned(), |n| form.all(n));
    input.iin = match &p.subject {
        Some(store::Party::Person(iin)) => iin.as_str().to_owned(),
        _ => return v.not_found(),
    };
    let ticket = form.get("ticket");
    let digest = app::quota::application_digest(&input);
    if let Err(e) = state
        .app
        .confirm_act(&v.session, ticket, &digest, form.get("code"), now)
        .await
    {
        let message = field_messages(v.t, &e).first().map(|m| m.message.clone());
        return html(
            &confirm_page(v.t, v, &input, message, ticket, form.get("key")),
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    let Some(key) = form.key() else {
        return v.fail(StatusCode::BAD_REQUEST, "idempotency_key_required");
    };
    match state.app.submit_quota_application(&p, &input, key, now).await {
        Ok(submitted) => Redirect::to(&format!("/ui/cases/{}?filed=1", submitted.applied.case.0)).into_response(),
        Err(e) => v.error(e),
    }
}

/// `POST /ui/quota/home-visit`: a person who cannot come asks for the documents to be taken at home.
pub(crate) async fn home_visit<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    form: PageForm,
) -> Response {
    let v = &form.visit;
    if !citizen(v) {
        return v.not_found();
    }
    let p = v.principal();
    let Some(store::Party::Person(iin)) = &p.subject else {
        return v.not_found();
    };
    let Some(key) = form.key() else {
        return v.fail(StatusCode::BAD_REQUEST, "idempotency_key_required");
    };
    match state
        .app
        .request_home_visit(
            &p,
            iin.as_str(),
            form.get("category"),
            form.get("territory"),
            key,
            (state.clock)(),
        )
        .await
    {
        Ok(s) => Redirect::to(&format!("/ui/cases/{}", s.applied.case.0)).into_response(),
        Err(e) => v.error(e),
    }
}
