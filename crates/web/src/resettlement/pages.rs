//! The resettlement pages: the application (a citizen for themselves on the portal, the career centre for a
//! person it receives) and the forms of the case page, each shown only to the body that takes the step.

use std::sync::Arc;

use app::CaseDetails;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::{Step, run};
use crate::extract::{PageForm, Visit};
use crate::quota::{FieldMessage, case_id, field_messages, form_key};
use crate::ui::case::Pages;
use crate::ui::{Page, html};
use crate::{AppState, Backend, Deps};

#[derive(Template)]
#[template(path = "resettlement/apply.html")]
struct ApplyPage {
    page: Page,
    errors: Vec<FieldMessage>,
    /// The career centre types the applicant's IIN; a citizen applies for themselves.
    centre: bool,
    iin: String,
    territory: String,
    key: String,
}

impl ApplyPage {
    fn error_for(&self, field: &str) -> Option<&FieldMessage> {
        self.errors.iter().find(|e| e.field == field)
    }
}

fn applies(v: &Visit) -> Option<bool> {
    match v.principal().role {
        store::Role::Citizen => Some(false),
        store::Role::CareerCentre => Some(true),
        store::Role::StateCorporationOperator
        | store::Role::LabourMobilityCentre
        | store::Role::LocalExecutiveBody
        | store::Role::Commission
        | store::Role::AppealBody
        | store::Role::Employer
        | store::Role::Analyst
        | store::Role::Administrator
        | store::Role::System => None,
    }
}

/// `GET /ui/resettlement/apply`
pub(crate) async fn apply_page<S: Backend, R: Deps>(State(_state): State<Arc<AppState<S, R>>>, v: Visit) -> Response {
    let Some(centre) = applies(&v) else {
        return v.not_found();
    };
    let territory = if centre {
        v.principal().region.map(|r| format!("{r}0000000")).unwrap_or_default()
    } else {
        String::new()
    };
    html(
        &ApplyPage {
            page: Page::new(v.t, "ui-resettlement-apply", Some(&v.session), "/ui/resettlement/apply"),
            errors: Vec::new(),
            centre,
            iin: String::new(),
            territory,
            key: form_key(),
        },
        StatusCode::OK,
    )
}

/// `POST /ui/resettlement/apply`: the application written, the case page shown.
pub(crate) async fn apply<S: Backend, R: Deps>(State(state): State<Arc<AppState<S, R>>>, form: PageForm) -> Response {
    let v = &form.visit;
    let Some(centre) = applies(v) else {
        return v.not_found();
    };
    let Some(key) = form.key() else {
        return v.fail(StatusCode::BAD_REQUEST, "idempotency_key_required");
    };
    let input = app::resettlement::ResettlementApplication {
        iin: form.get("iin").to_owned(),
        territory: form.get("territory").to_owned(),
    };
    match state
        .app
        .apply_for_resettlement(&v.principal(), &input, key, (state.clock)())
        .await
    {
        Ok(s) => Redirect::to(&format!("/ui/cases/{}#case-state", s.applied.case.0)).into_response(),
        Err(e @ app::AppError::Invalid(_)) => html(
            &ApplyPage {
                page: Page::new(v.t, "ui-resettlement-apply", Some(&v.session), "/ui/resettlement/apply"),
                errors: field_messages(v.t, &e),
                centre,
                iin: input.iin,
                territory: input.territory,
                key: form_key(),
            },
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(e) => v.error(e),
    }
}

#[derive(Template)]
#[template(path = "resettlement/actions.html")]
struct Actions<'a> {
    page: &'a Page,
    id: i64,
    commission: bool,
    refer: bool,
    tear_off: bool,
    contract: bool,
    move_notice: bool,
    key: String,
}

/// The resettlement service's part of the case page.
#[derive(Debug)]
pub(crate) struct ResettlementPages;

impl Pages for ResettlementPages {
    fn kinds(&self) -> &'static [cases::CaseKind] {
        &[cases::CaseKind::Resettlement]
    }

    fn actions(&self, page: &Page, d: &CaseDetails) -> Option<String> {
        if d.actions.is_empty() {
            return None;
        }
        let has = |a: &str| d.actions.contains(&a);
        Actions {
            page,
            id: d.record.id.0,
            commission: has("record_commission"),
            refer: has("refer"),
            tear_off: has("tear_off"),
            contract: has("contract"),
            move_notice: has("move_notice"),
            key: form_key(),
        }
        .render()
        .ok()
    }
}

async fn act<S: Backend, R: Deps>(state: &AppState<S, R>, form: &PageForm, id: &str, step: Step) -> Response {
    let v = &form.visit;
    let Some(id) = case_id(id) else {
        return v.not_found();
    };
    let Some(key) = form.key() else {
        return v.fail(StatusCode::BAD_REQUEST, "idempotency_key_required");
    };
    match run(state, &v.principal(), id, step, |name| form.get(name).to_owned(), key).await {
        Ok(_) => Redirect::to(&format!("/ui/cases/{}#case-state", id.0)).into_response(),
        Err(e) => v.error(e),
    }
}

macro_rules! form_route {
    ($name:ident, $step:expr, $doc:literal) => {
        #[doc = $doc]
        pub(crate) async fn $name<S: Backend, R: Deps>(
            State(state): State<Arc<AppState<S, R>>>,
            Path(id): Path<String>,
            form: PageForm,
        ) -> Response {
            act(&state, &form, &id, $step).await
        }
    };
}

form_route!(
    commission,
    Step::Commission,
    "`POST /ui/resettlement/cases/{id}/commission`"
);
form_route!(referral, Step::Referral, "`POST /ui/resettlement/cases/{id}/referral`");
form_route!(tear_off, Step::TearOff, "`POST /ui/resettlement/cases/{id}/tear-off`");
form_route!(contract, Step::Contract, "`POST /ui/resettlement/cases/{id}/contract`");
form_route!(
    move_notice,
    Step::MoveNotice,
    "`POST /ui/resettlement/cases/{id}/move-notice`"
);
