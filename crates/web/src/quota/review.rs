//! The work on a received quota case, on its page and on the decision page: the career centre forwards; the
//! provider accepts a package or refuses to accept it (A 15.5, within two working days); the commission's word is
//! recorded from its protocol; the provider decides on the grounds weighed against the facts, sees what the
//! decision will do (no places left, the commission's word missing) before confirming it, and may revoke an
//! inclusion with a reason.

use std::sync::Arc;

use app::CaseDetails;
use app::quota::{Assessed, Preview};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use cases::quota_a14::CommissionBody;

use super::{case_id, form_key, inclusion};
use crate::extract::{PageForm, Visit};
use crate::ui::case::Pages;
use crate::ui::{Choice, Page, Tr, html};
use crate::{AppState, Backend, Deps};

#[derive(Template)]
#[template(path = "quota/actions.html")]
struct Actions<'a> {
    page: &'a Page,
    id: i64,
    take_at_home: Option<String>,
    forward: bool,
    accept: bool,
    refuse_to_accept: Vec<Choice>,
    commission: bool,
    commission_body: String,
    /// What the commission's word is called: the kandas commission's recommendation, the regional commission's
    /// decision.
    commission_word: String,
    commission_button: String,
    decide: bool,
    revoke: bool,
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
        let has = |a: &str| d.actions.contains(&a);
        let category = app::kinds::quota_kind_of(&d.record.kind)?;
        let body = CommissionBody::of(category);
        Actions {
            page,
            id: d.record.id.0,
            take_at_home: has("take_at_home").then(|| match &d.record.applicant {
                Some(store::Party::Person(iin)) => iin.as_str().to_owned(),
                _ => String::new(),
            }),
            forward: has("forward"),
            accept: has("accept"),
            refuse_to_accept: if has("refuse_to_accept") {
                cases::quota_a14::Refuser::ServiceProvider
                    .grounds()
                    .iter()
                    .map(|g| Choice {
                        value: g.code.to_owned(),
                        label: page.t.m(g.code),
                        selected: false,
                    })
                    .collect()
            } else {
                Vec::new()
            },
            commission: has("record_commission"),
            commission_body: page.t.m(&format!("ui-{}", body.key())),
            commission_word: page.t.m(commission_word(body)),
            commission_button: page.t.m(match body {
                CommissionBody::Kandas => "ui-act-record_commission",
                CommissionBody::RegionalEmployment => "ui-act-record_commission_decision",
            }),
            decide: has("decide"),
            revoke: has("revoke"),
            key: form_key(),
        }
        .render()
        .ok()
    }
}

/// The label of a commission's word: the kandas commission recommends, the regional commission decides
/// (appendices 2, 3 and 5).
fn commission_word(body: CommissionBody) -> &'static str {
    match body {
        CommissionBody::Kandas => "ui-fact-commission_outcome",
        CommissionBody::RegionalEmployment => "ui-fact-commission_decision",
    }
}

/// One ground as the decision page shows it.
#[derive(Debug, Clone)]
pub struct GroundLine {
    pub code: String,
    pub text: String,
    pub basis: String,
    pub finding: String,
    pub finding_key: String,
    pub facts: String,
}

#[derive(Template)]
#[template(path = "quota/decide.html")]
struct DecidePage {
    page: Page,
    id: i64,
    number: String,
    applicant: String,
    grounds: Vec<GroundLine>,
    places: String,
    commission: String,
    commission_missing: bool,
    key: String,
}

#[derive(Template)]
#[template(path = "quota/preview.html")]
struct PreviewPage {
    page: Page,
    id: i64,
    outcome: String,
    warning: Option<String>,
    /// The decision would be refused as it stands (the commission's word missing or saying otherwise): the
    /// page says why and offers no confirmation.
    blocked: bool,
    decision: String,
    grounds: Vec<String>,
    reasoning: String,
    key: String,
}

fn ground_lines(t: Tr, a: &Assessed) -> Vec<GroundLine> {
    a.grounds
        .iter()
        .map(|g| GroundLine {
            code: g.ground.code.to_owned(),
            text: t.m(g.ground.code),
            basis: t.legal_ref(&g.ground.basis),
            finding: t.m(&format!("ui-finding-{}", g.finding.key())),
            finding_key: g.finding.key().to_owned(),
            facts: g
                .facts
                .iter()
                .map(|f| t.m(&format!("ui-fact-{f}")))
                .collect::<Vec<_>>()
                .join("; "),
        })
        .collect()
}

/// `GET /ui/quota/applications/{id}/decide`: the grounds weighed against the facts, the places, the
/// commission's word, and the decision form.
pub(crate) async fn decide_page<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    v: Visit,
    Path(id): Path<String>,
) -> Response {
    let t = v.t;
    let Some(id) = case_id(&id) else {
        return v.not_found();
    };
    let p = v.principal();
    if !app::authz::may_decide_quota(&p, &store::plan::region_of_case(id)) {
        return v.not_found();
    }
    let now = (state.clock)();
    let details = match state.app.case(&p, id, now).await {
        Ok(d) => d,
        Err(e) => return v.error(e),
    };
    if details.record.state != "under_review" {
        return v.fail(StatusCode::CONFLICT, "event_not_allowed");
    }
    let a = match state.app.assess_quota_case(&p, id, now).await {
        Ok(a) => a,
        Err(e) => return v.error(e),
    };
    html(
        &DecidePage {
            page: Page::new(
                t,
                "ui-decide-title",
                Some(&v.session),
                &format!("/ui/quota/applications/{}/decide", id.0),
            ),
            id: id.0,
            number: details.number.clone(),
            applicant: details.view.name.clone().unwrap_or_default(),
            grounds: ground_lines(t, &a),
            places: t.with(
                "ui-places-left-needed",
                &[
                    (
                        "left",
                        &a.places_left.map_or_else(|| "—".to_owned(), |l| t.int(u64::from(l))),
                    ),
                    ("needed", &t.int(u64::from(a.places_needed))),
                ],
            ),
            commission: a.commission.as_ref().map_or_else(
                || {
                    t.m(match CommissionBody::of(a.category) {
                        CommissionBody::Kandas => "ui-commission-not-recorded",
                        CommissionBody::RegionalEmployment => "ui-commission-decision-not-recorded",
                    })
                },
                |c| {
                    t.with(
                        "ui-commission-recorded",
                        &[
                            ("body", &t.m(&format!("ui-{}", c.body.key()))),
                            ("date", &t.date(c.date)),
                            ("protocol", &c.protocol),
                            ("outcome", &t.m(&format!("ui-commission-{}", c.outcome.key()))),
                        ],
                    )
                },
            ),
            commission_missing: a.commission_needed && a.commission.is_none(),
            key: form_key(),
        },
        StatusCode::OK,
    )
}

/// `POST /ui/quota/applications/{id}/decision-preview`: what the decision would do, with its confirmation.
pub(crate) async fn preview<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    Path(id): Path<String>,
    form: PageForm,
) -> Response {
    let v = &form.visit;
    let t = v.t;
    let Some(id) = case_id(&id) else {
        return v.not_found();
    };
    let p = v.principal();
    if !app::authz::may_decide_quota(&p, &store::plan::region_of_case(id)) {
        return v.not_found();
    }
    let decision = match inclusion(form.get("decision"), form.all("grounds")) {
        Ok(d) => d,
        Err(e) => return v.fail(e.status, e.message_key()),
    };
    let mut blocked = None;
    let preview = match state
        .app
        .preview_quota_decision(&p, id, &decision, (state.clock)())
        .await
    {
        Ok(preview) => Some(preview),
        Err(app::AppError::Rejected(cases::Rejected::Unmet { code })) => {
            blocked = Some(code);
            None
        }
        Err(e) => return v.error(e),
    };
    let (outcome, warning) = match &preview {
        None => (t.m("ui-decision-blocked"), blocked.map(|code| t.m(code))),
        Some(preview) => match preview {
            Preview::Included { places } => (t.count("ui-preview-included", "places", u64::from(*places)), None),
            Preview::Refused { grounds } => (
                t.with(
                    "ui-preview-refused",
                    &[(
                        "grounds",
                        &grounds.iter().map(|g| t.m(g)).collect::<Vec<_>>().join("; "),
                    )],
                ),
                None,
            ),
            Preview::NoPlaces { left, needed, ground } => (
                t.with("ui-preview-refused", &[("grounds", &t.m(ground))]),
                Some(t.with(
                    "ui-preview-no-places",
                    &[
                        ("left", &t.int(u64::from(*left))),
                        ("needed", &t.int(u64::from(*needed))),
                    ],
                )),
            ),
        },
    };
    html(
        &PreviewPage {
            blocked: preview.is_none(),
            page: Page::new(
                t,
                "ui-decision-preview-title",
                Some(&v.session),
                &format!("/ui/cases/{}", id.0),
            ),
            id: id.0,
            outcome,
            warning,
            decision: form.get("decision").to_owned(),
            grounds: form.all("grounds"),
            reasoning: form
                .get("reasoning")
                .chars()
                .take(cases::model::Reason::MAX_CHARS)
                .collect(),
            key: form.get("key").to_owned(),
        },
        StatusCode::OK,
    )
}

/// What a form on the case page does.
enum Action {
    Forward,
    Accept,
    RefuseToAccept,
    Commission,
    Decide,
    Revoke,
}

async fn act<S: Backend, R: Deps>(state: &AppState<S, R>, form: &PageForm, id: &str, action: Action) -> Response {
    let v = &form.visit;
    let Some(id) = case_id(id) else {
        return v.not_found();
    };
    let p = v.principal();
    let Some(key) = form.key() else {
        return v.fail(StatusCode::BAD_REQUEST, "idempotency_key_required");
    };
    let now = (state.clock)();
    let app = &state.app;
    let done = match action {
        Action::Forward => app.forward_quota_application(&p, id, key, now).await,
        Action::Accept => app.accept_quota_application(&p, id, key, now).await,
        Action::RefuseToAccept => {
            app.refuse_to_accept_quota_application(&p, id, &form.all("grounds"), key, now)
                .await
        }
        Action::Commission => {
            let input = app::quota::CommissionInput {
                date: form.get("date").to_owned(),
                protocol: form.get("protocol").to_owned(),
                members: form.get("members").to_owned(),
                outcome: form.get("outcome").to_owned(),
            };
            app.record_quota_commission(&p, id, &input, key, now).await
        }
        Action::Revoke => app.revoke_quota_inclusion(&p, id, form.get("reason"), key, now).await,
        Action::Decide => match inclusion(form.get("decision"), form.all("grounds")) {
            Ok(decision) => {
                let reasoning = Some(form.get("reasoning")).filter(|r| !r.trim().is_empty());
                app.decide_quota_inclusion(&p, id, &decision, reasoning, key, now).await
            }
            Err(e) => return v.fail(e.status, e.message_key()),
        },
    };
    match done {
        Ok(_) => Redirect::to(&format!("/ui/cases/{}#case-state", id.0)).into_response(),
        Err(e) => v.error(e),
    }
}

macro_rules! form_route {
    ($name:ident, $action:expr, $doc:literal) => {
        #[doc = $doc]
        pub(crate) async fn $name<S: Backend, R: Deps>(
            State(state): State<Arc<AppState<S, R>>>,
            Path(id): Path<String>,
            form: PageForm,
        ) -> Response {
            act(&state, &form, &id, $action).await
        }
    };
}

form_route!(forward, Action::Forward, "`POST /ui/quota/applications/{id}/forward`");
form_route!(accept, Action::Accept, "`POST /ui/quota/applications/{id}/accept`");
form_route!(
    refuse_to_accept,
    Action::RefuseToAccept,
    "`POST /ui/quota/applications/{id}/refusal-to-accept`"
);
form_route!(
    commission,
    Action::Commission,
    "`POST /ui/quota/applications/{id}/commission`"
);
form_route!(decide, Action::Decide, "`POST /ui/quota/applications/{id}/decision`");
form_route!(revoke, Action::Revoke, "`POST /ui/quota/applications/{id}/revoke`");
