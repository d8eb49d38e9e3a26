//! The quota service's pages: the form staff fill in for an applicant at their desk, and the decision forms on
//! the case page (accept, include or refuse with grounds, revoke), for the service provider of the region.

use std::sync::Arc;

use app::CaseDetails;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::{case_id, inclusion};
use crate::extract::{PageForm, Visit};
use crate::ui::case::Pages;
use crate::ui::{Choice, Page, Tr, choices, html};
use crate::{AppState, Backend, Deps};

/// A fresh idempotency key for a form: each showing of a form acts once, however often it is sent.
fn form_key() -> String {
    format!("ui-{}", app::identity::new_token().get(..32).unwrap_or("0"))
}

#[derive(Debug, Clone)]
pub struct FieldMessage {
    pub field: String,
    pub message: String,
}

#[derive(Template)]
#[template(path = "quota/new_application.html")]
struct NewApplicationPage {
    page: Page,
    errors: Vec<FieldMessage>,
    iin: String,
    categories: Vec<Choice>,
    channels: Vec<Choice>,
    territory: String,
    key: String,
}

impl NewApplicationPage {
    fn error_for(&self, field: &str) -> Option<&FieldMessage> {
        self.errors.iter().find(|e| e.field == field)
    }
}

/// The channel a member of staff receives through.
fn own_channel(role: store::Role) -> &'static str {
    match role {
        store::Role::CareerCentre => "career_centre",
        _ => "state_corporation",
    }
}

struct Filled {
    iin: String,
    category: String,
    territory: String,
    channel: String,
    key: String,
}

fn new_application_page(t: Tr, v: &Visit, errors: Vec<FieldMessage>, form: &Filled) -> NewApplicationPage {
    NewApplicationPage {
        page: Page::new(t, "ui-new-title", Some(&v.session), "/ui/quota/applications/new"),
        errors,
        iin: form.iin.chars().take(32).collect(),
        categories: choices(t, "ui-category-", &["kandas", "resettler"], &form.category),
        channels: choices(
            t,
            "ui-channel-",
            &[own_channel(v.session.account().role)],
            &form.channel,
        ),
        territory: if form.territory.is_empty() {
            v.session
                .account()
                .territory
                .as_ref()
                .map(|k| k.as_str().to_owned())
                .unwrap_or_default()
        } else {
            form.territory.chars().take(32).collect()
        },
        key: form.key.clone(),
    }
}

fn receives(v: &Visit) -> bool {
    let p = v.principal();
    app::authz::may_receive_quota_application(&p, p.region.as_deref().unwrap_or("00"))
}

/// `GET /ui/quota/applications/new`
pub(crate) async fn new_application(v: Visit) -> Response {
    if !receives(&v) {
        return v.not_found();
    }
    let form = Filled {
        iin: String::new(),
        category: "resettler".into(),
        territory: String::new(),
        channel: own_channel(v.session.account().role).into(),
        key: form_key(),
    };
    html(&new_application_page(v.t, &v, Vec::new(), &form), StatusCode::OK)
}

/// `POST /ui/quota/applications`: receives the application; bad fields come back next to their inputs.
pub(crate) async fn submit<S: Backend, R: Deps>(State(state): State<Arc<AppState<S, R>>>, form: PageForm) -> Response {
    let v = &form.visit;
    let t = v.t;
    if !receives(v) {
        return v.not_found();
    }
    // The form carries a fresh key each time it is shown, so a double submission is received once; a form
    // without one (sent by hand) gets one of its own.
    let key = form
        .key()
        .or_else(|| store::IdempotencyKey::parse(&form_key()))
        .ok_or_else(|| v.fail(StatusCode::BAD_REQUEST, "idempotency_key_required"));
    let key = match key {
        Ok(key) => key,
        Err(refused) => return refused,
    };
    let filled = Filled {
        iin: form.get("iin").to_owned(),
        category: form.get("category").to_owned(),
        territory: form.get("territory").to_owned(),
        channel: form.get("channel").to_owned(),
        key: form.get("key").to_owned(),
    };
    // Staff receive applications to their region's territories: said next to the field, before anything else.
    let region = filled.territory.trim().get(..2).unwrap_or_default();
    if !app::authz::may_receive_quota_application(&v.principal(), region) {
        let errors = vec![FieldMessage {
            field: "territory".into(),
            message: t.m("ui-territory-not-yours"),
        }];
        return html(
            &new_application_page(t, v, errors, &filled),
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    let input = app::QuotaApplication {
        iin: filled.iin.clone(),
        category: filled.category.clone(),
        territory: filled.territory.clone(),
        channel: own_channel(v.session.account().role).into(),
    };
    match state
        .app
        .submit_quota_application(&v.principal(), &input, key, (state.clock)())
        .await
    {
        Ok(submitted) => Redirect::to(&format!("/ui/cases/{}", submitted.applied.case.0)).into_response(),
        Err(app::AppError::Invalid(fields)) => {
            let errors = fields
                .iter()
                .map(|f| FieldMessage {
                    field: f.field.to_owned(),
                    message: t.m(f.code),
                })
                .collect();
            html(
                &new_application_page(t, v, errors, &filled),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(e) => v.error(e),
    }
}

/// What a decision form does.
enum Action {
    Accept,
    Decide,
    Revoke,
}

/// The common part of the decision forms: the decision, then back to the case.
async fn act<S: Backend, R: Deps>(state: &AppState<S, R>, form: &PageForm, id: &str, action: Action) -> Response {
    let v = &form.visit;
    let Some(id) = case_id(id) else {
        return v.not_found();
    };
    let p = v.principal();
    if !app::authz::may_decide_quota(&p, &store::plan::region_of_case(id)) {
        return v.not_found();
    }
    let Some(key) = form.key() else {
        return v.fail(StatusCode::BAD_REQUEST, "idempotency_key_required");
    };
    let now = (state.clock)();
    let done = match action {
        Action::Accept => state.app.accept_quota_application(&p, id, key, now).await,
        Action::Revoke => state.app.revoke_quota_inclusion(&p, id, key, now).await,
        Action::Decide => match inclusion(form.get("decision"), form.all("grounds")) {
            Ok(decision) => state.app.decide_quota_inclusion(&p, id, &decision, key, now).await,
            Err(e) => return v.fail(e.status, e.message_key()),
        },
    };
    match done {
        Ok(_) => Redirect::to(&format!("/ui/cases/{}#case-state", id.0)).into_response(),
        Err(e) => v.error(e),
    }
}

/// `POST /ui/quota/applications/{id}/accept`
pub(crate) async fn accept<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    Path(id): Path<String>,
    form: PageForm,
) -> Response {
    act(&state, &form, &id, Action::Accept).await
}

/// `POST /ui/quota/applications/{id}/decision`: `decision=include`, or `decision=refuse` with one `grounds` per
/// ground.
pub(crate) async fn decide<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    Path(id): Path<String>,
    form: PageForm,
) -> Response {
    act(&state, &form, &id, Action::Decide).await
}

/// `POST /ui/quota/applications/{id}/revoke`
pub(crate) async fn revoke<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    Path(id): Path<String>,
    form: PageForm,
) -> Response {
    act(&state, &form, &id, Action::Revoke).await
}

#[derive(Template)]
#[template(path = "quota/actions.html")]
struct Actions<'a> {
    page: &'a Page,
    id: i64,
    accept: bool,
    decide: bool,
    revoke: bool,
    grounds: Vec<Choice>,
    key: String,
}

/// The quota service's part of the case page.
#[derive(Debug)]
pub(crate) struct QuotaPages;

impl Pages for QuotaPages {
    fn kinds(&self) -> &'static [cases::CaseKind] {
        &[cases::CaseKind::QuotaKandas, cases::CaseKind::QuotaResettler]
    }

    fn actions(&self, page: &Page, d: &CaseDetails) -> Option<String> {
        if d.actions.is_empty() {
            return None;
        }
        let category = match cases::CaseKind::from_key(&d.record.kind)? {
            cases::CaseKind::QuotaKandas => cases::quota_a14::Category::Kandas,
            _ => cases::quota_a14::Category::Resettler,
        };
        let has = |a: &str| d.actions.contains(&a);
        Actions {
            page,
            id: d.record.id.0,
            accept: has("accept"),
            decide: has("decide"),
            revoke: has("revoke"),
            grounds: category
                .grounds()
                .iter()
                .map(|g| Choice {
                    value: g.code.to_owned(),
                    label: page.t.m(g.code),
                    selected: false,
                })
                .collect(),
            key: form_key(),
        }
        .render()
        .ok()
    }
}
