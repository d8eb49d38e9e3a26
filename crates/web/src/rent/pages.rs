//! The pages of rent compensation and the relocation subsidy: the citizen's application and payments, the
//! forms on the case page (the career centre sends on; the Labour Mobility Centre decides), and the centre's
//! payroll page with the bank file and the bank's notification.

use std::sync::Arc;

use app::CaseDetails;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use crate::extract::{PageForm, PageUpload, Visit};
use crate::quota::{FieldMessage, case_id, field_messages, form_key};
use crate::ui::case::Pages;
use crate::ui::{Choice, Page, Tr, html};
use crate::{AppState, Backend, Deps};

#[derive(Template)]
#[template(path = "rent/apply.html")]
struct ApplyPage {
    page: Page,
    key: String,
    errors: Vec<FieldMessage>,
    done: Vec<String>,
    territory: String,
    included_on: String,
    family: String,
    account: String,
}

fn apply_page(v: &Visit, errors: Vec<FieldMessage>, done: Vec<String>, input: &app::rent::RentApplication) -> Response {
    html(
        &ApplyPage {
            page: Page::new(v.t, "ui-rent-apply-title", Some(&v.session), "/ui/rent/apply"),
            key: form_key(),
            errors,
            done,
            territory: input.territory.clone(),
            included_on: input.included_on.clone(),
            family: input.family.clone(),
            account: input.account.clone(),
        },
        StatusCode::OK,
    )
}

fn citizen(v: &Visit) -> bool {
    v.principal().role == store::Role::Citizen
}

/// `GET /ui/rent/apply`
pub(crate) async fn apply_form<S: Backend, R: Deps>(State(_state): State<Arc<AppState<S, R>>>, v: Visit) -> Response {
    if !citizen(&v) {
        return v.not_found();
    }
    let input = app::rent::RentApplication {
        family: "1".into(),
        ..app::rent::RentApplication::default()
    };
    apply_page(&v, Vec::new(), Vec::new(), &input)
}

/// `POST /ui/rent/apply`
pub(crate) async fn apply<S: Backend, R: Deps>(State(state): State<Arc<AppState<S, R>>>, form: PageForm) -> Response {
    let v = &form.visit;
    if !citizen(v) {
        return v.not_found();
    }
    let Some(key) = form.key() else {
        return v.fail(StatusCode::BAD_REQUEST, "idempotency_key_required");
    };
    let input = app::rent::RentApplication {
        territory: form.get("territory").to_owned(),
        included_on: form.get("included_on").to_owned(),
        locality: form.get("locality").to_owned(),
        family: form.get("family").to_owned(),
        account: form.get("account").to_owned(),
        relocation: form.get("relocation") == "on",
        petition: form.get("petition") == "on",
    };
    match state.app.apply_rent(&v.principal(), &input, key, (state.clock)()).await {
        Ok(s) => {
            let mut done = vec![v.t.with("ui-rent-applied", &[("number", &s.rent_number)])];
            if let Some((_, n)) = &s.relocation {
                done.push(v.t.with("ui-rent-applied-relocation", &[("number", n)]));
            }
            apply_page(v, Vec::new(), done, &input)
        }
        Err(e @ app::AppError::Invalid(_)) => {
            let errors = field_messages(v.t, &e);
            let mut page = apply_page(v, errors, Vec::new(), &input);
            *page.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            page
        }
        Err(e) => v.error(e),
    }
}

#[derive(Debug, Clone)]
pub struct PaymentRow {
    pub case: i64,
    pub number: String,
    pub measure: String,
    pub period: String,
    pub amount: String,
    pub status: String,
    pub status_key: String,
}

#[derive(Template)]
#[template(path = "rent/payments.html")]
struct PaymentsPage {
    page: Page,
    rows: Vec<PaymentRow>,
    /// The cases with a returned payment, (id, number), each with its form for a new account.
    returned: Vec<(i64, String)>,
    key: String,
}

/// `GET /ui/rent/payments`: the applicant's payment schedule and history.
pub(crate) async fn payments<S: Backend, R: Deps>(State(state): State<Arc<AppState<S, R>>>, v: Visit) -> Response {
    let t = v.t;
    let lines = match state.app.my_payments(&v.principal()).await {
        Ok(l) => l,
        Err(e) => return v.error(e),
    };
    let mut returned: Vec<(i64, String)> = Vec::new();
    for l in lines.iter().filter(|l| l.status == app::kinds::OrderStatus::Returned) {
        if !returned.iter().any(|(c, _)| *c == l.case.0) {
            returned.push((l.case.0, l.number.clone()));
        }
    }
    let rows = lines
        .iter()
        .map(|l| PaymentRow {
            case: l.case.0,
            number: l.number.clone(),
            measure: t.m(&format!("ui-measure-{}", l.measure)),
            period: if l.period.is_empty() {
                "—".into()
            } else {
                l.period.clone()
            },
            amount: t.money(l.amount),
            status: t.m(&format!("ui-order-{}", l.status.key())),
            status_key: l.status.key().to_owned(),
        })
        .collect();
    html(
        &PaymentsPage {
            page: Page::new(t, "ui-rent-payments-title", Some(&v.session), "/ui/rent/payments"),
            rows,
            returned,
            key: form_key(),
        },
        StatusCode::OK,
    )
}

#[derive(Template)]
#[template(path = "rent/actions.html")]
struct Actions<'a> {
    page: &'a Page,
    id: i64,
    forward: bool,
    grant: bool,
    refuse: Vec<Choice>,
    terminate: Vec<Choice>,
    overpaid: bool,
    paths: Vec<Choice>,
    refunded: bool,
    relocation: bool,
    key: String,
}

fn choices(t: Tr, codes: Vec<&'static str>) -> Vec<Choice> {
    codes
        .into_iter()
        .map(|code| Choice {
            value: code.to_owned(),
            label: t.m(code),
            selected: false,
        })
        .collect()
}

/// The forms of the rent and relocation cases on the case page.
#[derive(Debug)]
pub(crate) struct RentPages;

impl Pages for RentPages {
    fn kinds(&self) -> &'static [cases::CaseKind] {
        &[cases::CaseKind::RentCompensation, cases::CaseKind::RelocationSubsidy]
    }

    fn actions(&self, page: &Page, d: &CaseDetails) -> Option<String> {
        if d.actions.is_empty() {
            return None;
        }
        let has = |a: &str| d.actions.contains(&a);
        let t = page.t;
        let rent = d.record.kind == cases::CaseKind::RentCompensation.key();
        Actions {
            page,
            id: d.record.id.0,
            forward: rent && has("forward"),
            grant: rent && has("grant"),
            refuse: if rent && has("refuse") {
                choices(t, app::rent::exclusion_codes())
            } else {
                Vec::new()
            },
            terminate: if has("terminate") {
                choices(t, app::rent::termination_codes())
            } else {
                Vec::new()
            },
            overpaid: has("overpaid"),
            paths: ["application", "centre_decision", "court_decision"]
                .iter()
                .map(|p| Choice {
                    value: (*p).to_owned(),
                    label: t.m(&format!("ui-refund-{p}")),
                    selected: *p == "centre_decision",
                })
                .collect(),
            refunded: has("refunded"),
            relocation: !rent && has("grant"),
            key: form_key(),
        }
        .render()
        .ok()
    }
}

fn to_case(id: store::CaseId) -> Response {
    Redirect::to(&format!("/ui/cases/{}#case-state", id.0)).into_response()
}

/// `POST /ui/rent/applications/{id}/forward`
pub(crate) async fn forward<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    Path(raw): Path<String>,
    form: PageForm,
) -> Response {
    let v = &form.visit;
    let (Some(id), Some(key)) = (case_id(&raw), form.key()) else {
        return v.not_found();
    };
    match state.app.forward_rent(&v.principal(), id, key, (state.clock)()).await {
        Ok(_) => to_case(id),
        Err(e) => v.error(e),
    }
}

/// `POST /ui/rent/applications/{id}/decision`
pub(crate) async fn decide<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    Path(raw): Path<String>,
    form: PageForm,
) -> Response {
    let v = &form.visit;
    let (Some(id), Some(key)) = (case_id(&raw), form.key()) else {
        return v.not_found();
    };
    let decision = match app::rent::RentDecision::parse(
        form.get("action"),
        &form.all("grounds"),
        form.get("amount"),
        form.get("path"),
    ) {
        Ok(d) => d,
        Err(e) => return v.error(e),
    };
    match state
        .app
        .decide_rent(&v.principal(), id, decision, key, (state.clock)())
        .await
    {
        Ok(_) => to_case(id),
        Err(e) => v.error(e),
    }
}

/// `POST /ui/relocation/applications/{id}/decision`
pub(crate) async fn decide_relocation<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    Path(raw): Path<String>,
    form: PageForm,
) -> Response {
    let v = &form.visit;
    let (Some(id), Some(key)) = (case_id(&raw), form.key()) else {
        return v.not_found();
    };
    let grant = match form.get("decision") {
        "grant" => true,
        "refuse" => false,
        _ => return v.fail(StatusCode::UNPROCESSABLE_ENTITY, "invalid_outcome"),
    };
    match state
        .app
        .decide_relocation(&v.principal(), id, grant, key, (state.clock)())
        .await
    {
        Ok(_) => to_case(id),
        Err(e) => v.error(e),
    }
}

#[derive(Debug, Clone)]
pub struct OrderRow {
    pub period: String,
    pub measure: String,
    pub status: String,
    pub status_key: String,
    pub count: String,
    pub total: String,
}

#[derive(Template)]
#[template(path = "rent/payroll.html")]
struct PayrollPage {
    page: Page,
    month: String,
    today: String,
    message: Option<String>,
    /// (order id, outcome key, outcome text)
    outcomes: Vec<(String, String, String)>,
    error: Option<String>,
    rows: Vec<OrderRow>,
    /// The month shown: its orders by locality and family size, their count and total, and the exceptions.
    groups: Vec<GroupRow>,
    month_count: String,
    month_total: String,
    /// (case id, application number, reason key, reason text)
    exceptions: Vec<(String, String, String, String)>,
}

#[derive(Debug, Clone)]
pub struct GroupRow {
    pub locality: String,
    pub family: String,
    pub count: String,
    pub total: String,
}

async fn payroll_page<S: Backend, R: Deps>(
    state: &AppState<S, R>,
    v: &Visit,
    message: Option<String>,
    outcomes: Vec<(String, String, String)>,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    payroll_month_page(state, v, None, message, outcomes, error, status).await
}

async fn payroll_month_page<S: Backend, R: Deps>(
    state: &AppState<S, R>,
    v: &Visit,
    shown: Option<&str>,
    message: Option<String>,
    outcomes: Vec<(String, String, String)>,
    mut error: Option<String>,
    mut status: StatusCode,
) -> Response {
    let t = v.t;
    let now = (state.clock)();
    let lines = match state.app.payroll_overview(&v.principal(), now).await {
        Ok(l) => l,
        Err(e) => return v.error(e),
    };
    let today = app::kz_today(now);
    let current = format!("{:04}-{:02}", today.year(), today.month());
    let month = match shown.map(app::rent::bank::parse_month) {
        Some(Ok(m)) => m,
        Some(Err(_)) | None => {
            if shown.is_some() && error.is_none() {
                error = Some(t.m("invalid_month"));
                status = StatusCode::UNPROCESSABLE_ENTITY;
            }
            match app::rent::bank::parse_month(&current) {
                Ok(m) => m,
                Err(e) => return v.error(e),
            }
        }
    };
    let breakdown = match state.app.payroll_month(&v.principal(), month, now).await {
        Ok(b) => b,
        Err(e) => return v.error(e),
    };
    html(
        &PayrollPage {
            page: Page::new(t, "ui-payroll-title", Some(&v.session), "/ui/rent/payroll"),
            month: month.to_string(),
            today: today.to_string(),
            message,
            outcomes,
            error,
            groups: breakdown
                .groups
                .iter()
                .map(|g| GroupRow {
                    locality: t.m(&format!("ui-locality-{}", g.locality)),
                    family: t.int(u64::from(g.family)),
                    count: t.int(u64::from(g.count)),
                    total: t.money(g.total),
                })
                .collect(),
            month_count: t.int(u64::from(breakdown.count)),
            month_total: t.money(breakdown.total),
            exceptions: breakdown
                .exceptions
                .iter()
                .map(|x| {
                    (
                        x.case.0.to_string(),
                        x.number.clone(),
                        x.reason.to_owned(),
                        t.m(&format!("ui-payroll-exception-{}", x.reason)),
                    )
                })
                .collect(),
            rows: lines
                .iter()
                .map(|l| OrderRow {
                    period: if l.period.is_empty() {
                        "—".into()
                    } else {
                        l.period.clone()
                    },
                    measure: t.m(&format!("ui-measure-{}", l.measure)),
                    status: t.m(&format!("ui-order-{}", l.status.key())),
                    status_key: l.status.key().to_owned(),
                    count: t.int(u64::from(l.count)),
                    total: t.money(l.total),
                })
                .collect(),
        },
        status,
    )
}

fn error_text(t: Tr, e: &app::AppError) -> String {
    match e {
        app::AppError::Invalid(fields) => fields.iter().map(|f| t.m(f.code)).collect::<Vec<_>>().join("; "),
        other => t.m(crate::ApiError::from(other.clone()).message_key()),
    }
}

/// `GET /ui/rent/payroll`: the centre's orders by month and status, the payroll, the bank file and the bank's
/// notification.
pub(crate) async fn payroll<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    Query(q): Query<MonthQuery>,
    v: Visit,
) -> Response {
    payroll_month_page(&state, &v, q.month.as_deref(), None, Vec::new(), None, StatusCode::OK).await
}

/// The month the payroll page shows (`?month=YYYY-MM`; the current month by default).
#[derive(Debug, serde::Deserialize)]
pub(crate) struct MonthQuery {
    month: Option<String>,
}

/// `POST /ui/rent/payroll`: the month paid for every paying case of the region, once.
pub(crate) async fn run_payroll<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    form: PageForm,
) -> Response {
    let v = &form.visit;
    let t = v.t;
    let p = v.principal();
    if !app::rent::may_decide_rent(&p, p.region.as_deref().unwrap_or("00")) || p.region.is_none() {
        return v.not_found();
    }
    let result = match app::rent::bank::parse_month(form.get("month")) {
        Ok(month) => state.app.run_payroll(&p, month, (state.clock)()).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(r) => {
            let message = t.with(
                "ui-payroll-done",
                &[
                    ("scheduled", &t.int(u64::from(r.scheduled))),
                    ("already", &t.int(u64::from(r.already))),
                    ("refused", &t.int(u64::from(r.refused))),
                    ("total", &t.money(r.total)),
                ],
            );
            let month = form.get("month").trim().to_owned();
            payroll_month_page(&state, v, Some(&month), Some(message), Vec::new(), None, StatusCode::OK).await
        }
        Err(app::AppError::NotFound) => v.not_found(),
        Err(e) => {
            let text = error_text(t, &e);
            payroll_page(
                &state,
                v,
                None,
                Vec::new(),
                Some(text),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

/// `POST /ui/rent/bank-file`: the region's orders not yet sent, downloaded as a pain.001 file.
pub(crate) async fn bank_file<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    form: PageForm,
) -> Response {
    let v = &form.visit;
    let p = v.principal();
    if !app::rent::may_decide_rent(&p, p.region.as_deref().unwrap_or("00")) || p.region.is_none() {
        return v.not_found();
    }
    let Ok(date) = form.get("execution_date").trim().parse::<jiff::civil::Date>() else {
        let text = v.t.m("invalid_date");
        return payroll_page(
            &state,
            v,
            None,
            Vec::new(),
            Some(text),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    match state.app.export_bank_file(&p, date, (state.clock)()).await {
        Ok(file) => super::api::download(&file),
        Err(e) => {
            let text = error_text(v.t, &e);
            payroll_page(&state, v, None, Vec::new(), Some(text), StatusCode::CONFLICT).await
        }
    }
}

/// `POST /ui/rent/bank-notification`: a camt.054 file uploaded and reconciled with the orders sent.
pub(crate) async fn bank_notification<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    form: PageUpload,
) -> Response {
    let v = &form.visit;
    let t = v.t;
    let p = v.principal();
    if !app::rent::may_decide_rent(&p, p.region.as_deref().unwrap_or("00")) || p.region.is_none() {
        return v.not_found();
    }
    let bytes = form
        .files
        .iter()
        .find(|(field, _, _)| field == "file")
        .map(|(_, _, b)| b.clone())
        .unwrap_or_default();
    match state.app.reconcile_bank_file(&p, &bytes, (state.clock)()).await {
        Ok(r) => {
            let message = t.with(
                "ui-bank-reconciled",
                &[
                    ("count", &t.int(r.orders.len() as u64)),
                    ("unknown", &t.int(u64::from(r.unknown))),
                ],
            );
            let outcomes = r
                .orders
                .iter()
                .map(|(id, o)| (id.clone(), o.clone(), t.m(&format!("ui-bank-outcome-{o}"))))
                .collect();
            payroll_page(&state, v, Some(message), outcomes, None, StatusCode::OK).await
        }
        Err(e) => {
            let text = error_text(t, &e);
            payroll_page(
                &state,
                v,
                None,
                Vec::new(),
                Some(text),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

/// `POST /ui/rent/payments/{id}/account`: the applicant's new account for the payments the bank returned.
pub(crate) async fn new_account<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    Path(raw): Path<String>,
    form: PageForm,
) -> Response {
    let v = &form.visit;
    let (Some(id), Some(key)) = (case_id(&raw), form.key()) else {
        return v.not_found();
    };
    match state
        .app
        .give_new_account(&v.principal(), id, form.get("account"), key, (state.clock)())
        .await
    {
        Ok(_) => Redirect::to("/ui/rent/payments").into_response(),
        Err(e) => v.error(e),
    }
}
