//! The administrator's law page: the law in force and its amendments (new parameter editions, transfers of
//! days off, holidays, withdrawals), this year's quotas and the form that sets one. Every change goes through a
//! use case that writes its audit record in the same transaction; anyone but an administrator gets the same
//! "not found" as for a page that does not exist.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use jiff::civil::Date;
use kz::ErrorCode;
use legal::amend::{Amendment, AmendmentRef, MessageArg};
use store::Role;

use crate::extract::Visit;
use crate::quota::FieldMessage;
use crate::ui::{Choice, Page, Tr, choices, html, masked_login};
use crate::{AppState, Backend, Deps};

/// The longest text a field of these forms keeps (a reference, a source); longer input is an error.
const MAX_TEXT: usize = 500;

const CONFIDENCE: &[&str] = &["high", "medium", "low"];
const HOLIDAY_KINDS: &[&str] = &["national", "state", "religious"];
const CATEGORIES: &[&str] = &["kandas", "resettler"];
const UNITS: &[&str] = &["persons", "families"];

#[derive(Debug, Clone)]
pub(crate) struct ParamRow {
    pub id: String,
    pub description: String,
    pub value: String,
    pub since: String,
    pub reference: String,
    /// Said when the value is a reading of the order (listed in `law/INTERPRETATIONS.md`).
    pub reading: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct QuotaRow {
    pub territory: String,
    pub category: String,
    pub unit: String,
    pub total: String,
    pub allocated: String,
}

#[derive(Debug, Clone)]
pub(crate) struct AmendmentRow {
    pub seq: i64,
    pub at: String,
    pub by: String,
    pub summary: String,
    /// Taken out of the law by a later withdrawal.
    pub withdrawn: bool,
    /// In force and not a withdrawal itself: the page offers to withdraw it.
    pub withdrawable: bool,
}

/// What the law page's forms hold: empty when first shown, the submitted values when one comes back with errors.
#[derive(serde::Deserialize, Default, Debug, Clone)]
#[serde(default)]
pub(crate) struct LawForms {
    csrf: String,
    parameter: String,
    start: String,
    end: String,
    value: String,
    act: String,
    point: String,
    confidence: String,
    source: String,
    day_off: String,
    working_day: String,
    date: String,
    key: String,
    holiday_kind: String,
    carried_over: String,
    territory: String,
    category: String,
    unit: String,
    total: String,
    year: String,
    basis: String,
    /// `1` from the preview button: show what the amendment would move, make nothing.
    preview: String,
}

/// The running deadlines an amendment would move, shown before it is made.
pub(crate) struct Preview {
    rows: Vec<PreviewRow>,
}

struct PreviewRow {
    number: String,
    deadline: String,
    from: String,
    to: String,
}

fn preview_of(t: Tr, moves: &[app::DeadlineMove]) -> Preview {
    let rows = moves
        .iter()
        .map(|m| PreviewRow {
            number: m.number.clone(),
            deadline: t.m(&format!("ui-deadline-{}", m.deadline)),
            from: t.date(m.from),
            to: t.date(m.to),
        })
        .collect();
    Preview { rows }
}

#[derive(Template)]
#[template(path = "law.html")]
struct LawPage {
    page: Page,
    today: String,
    params: Vec<ParamRow>,
    quotas: Vec<QuotaRow>,
    amendments: Vec<AmendmentRow>,
    edition: String,
    notice: Option<String>,
    /// What an amendment would do, asked for before making it.
    preview: Option<Preview>,
    /// The form the errors are about (`edition`, `transfer`, `holiday`, `quota`).
    form: String,
    errors: Vec<FieldMessage>,
    /// The loader's own words when it refused an amendment.
    detail: String,
    values: LawForms,
    parameters: Vec<Choice>,
    confidences: Vec<Choice>,
    holiday_keys: Vec<Choice>,
    holiday_kinds: Vec<Choice>,
    categories: Vec<Choice>,
    units: Vec<Choice>,
}

impl LawPage {
    fn error_for(&self, field: &str) -> Option<&FieldMessage> {
        self.errors.iter().find(|e| e.field == field)
    }
}

/// A parameter's value as the page shows it, in words and numbers of the language: time limits, the MCI,
/// amounts in MCI, the rent table, the conversion days, the financial year and the differentiation's effect.
/// A parameter the page does not know yet is shown in the notation of `law/params` (and of the amendment form).
fn shown_value(t: Tr, law: &legal::Law, p: &legal::params::InForce, on: Date) -> String {
    if let Some(limit) = legal::TimeLimitId::from_key(&p.id)
        .and_then(|id| law.params.time_limit(id).history.at(on).ok())
        .map(|e| e.value)
    {
        let unit = limit.unit.key();
        if unit == "same_day" {
            return t.m("ui-limit-same_day");
        }
        let key = match limit.direction {
            legal::params::Direction::After => "ui-limit-within",
            legal::params::Direction::Before => "ui-limit-before",
        };
        // The message chooses the unit's word and its plural form by the count (ru: «в течение 2 рабочих дней»).
        return t.with_args(
            key,
            &[
                ("count", render::Arg::Count(u64::from(limit.count))),
                ("unit", render::Arg::Text(unit)),
            ],
        );
    }
    if p.id == "mci"
        && let Ok(value) = law.params.mci.at(on)
    {
        return t.money(value.value);
    }
    let params = &law.params;
    if p.id == params.mci_conversion.id()
        && let Ok(e) = params.mci_conversion.at(on)
    {
        let day = |d: legal::params::ConversionDate| t.m(&format!("ui-conversion-{}", d.key()));
        let v = &e.value;
        return t.with(
            "ui-value-conversion",
            &[
                ("rent", &day(v.rent_compensation)),
                ("certificate", &day(v.certificate)),
                ("employer", &day(v.employer_subsidy)),
                ("relocation", &day(v.relocation_subsidy)),
            ],
        );
    }
    if p.id == params.financial_year.id()
        && let Some((start, end)) = params.financial_year.at(on).ok().and_then(|e| e.value.containing(on))
    {
        return t.with(
            "ui-value-financial_year",
            &[("start", &t.date(start)), ("end", &t.date(end))],
        );
    }
    if p.id == params.differentiation.id()
        && let Ok(e) = params.differentiation.at(on)
    {
        return t.m(&format!("ui-value-effect-{}", e.value.effect.key()));
    }
    // The rent table: each bracket of family size with its amount, in town and in the countryside.
    if p.id == params.rent.id()
        && let Ok(edition) = params.rent.at(on)
    {
        let side = |brackets: &[legal::params::Bracket]| {
            brackets
                .iter()
                .map(|b| {
                    t.with(
                        "ui-value-rent-bracket",
                        &[
                            ("from", &t.int(u64::from(b.from_members()))),
                            ("mci", &t.int(u64::from(b.mci().count()))),
                        ],
                    )
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let table = &edition.value;
        return t.with(
            "ui-value-rent",
            &[
                ("urban", &side(table.urban())),
                ("rural", &side(table.rural())),
                ("months", &t.int(u64::from(table.max_months()))),
            ],
        );
    }
    // Amounts in MCI, in words of the language: `1 625 АЕК`, `бір жұмыскерге 400 АЕК`.
    let in_mci = match p.unit.as_str() {
        "mci" => Some("ui-value-mci"),
        "mci_per_worker" => Some("ui-value-mci_per_worker"),
        "mci_per_person" => Some("ui-value-mci_per_person"),
        _ => None,
    };
    if let (Some(key), Ok(count)) = (in_mci, p.value.parse::<u64>()) {
        return t.with(key, &[("count", &t.int(count))]);
    }
    format!("{} {}", p.value, p.unit)
}

/// An amendment told in the reader's language, dates in the reader's form.
fn amendment_text(t: &Tr, a: &Amendment) -> String {
    let (key, args) = a.message_shown(|arg| match arg {
        MessageArg::Date(d) => t.date(d),
        MessageArg::Parameter(id) => t.m(&param_key(&id)),
        MessageArg::Text(s) => s,
    });
    let reference = reference_shown(&args, |stored| t.basis(stored));
    let mut args: Vec<(&str, &str)> = args.iter().map(|(n, v)| (*n, v.as_str())).collect();
    args.push(("reference", &reference));
    t.with(key, &args)
}

/// The act and point of an amendment's message as one reference in words (`budget-law-2027 9` is «статья 9
/// Закона …»); empty when the message has none.
fn reference_shown(args: &[(&str, String)], words: impl Fn(&str) -> String) -> String {
    let arg = |name: &str| args.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str());
    match (arg("act"), arg("point")) {
        (Some(act), Some(point)) => words(&format!("{act} {point}")),
        _ => String::new(),
    }
}

/// The catalog key of a parameter's name (Fluent keys have no dots).
pub fn param_key(id: &str) -> String {
    format!("param-{}", id.replace('.', "-"))
}

fn administrator(v: &Visit) -> bool {
    v.session.account().role == Role::Administrator
}

/// What went wrong with a submitted form.
struct Refusal {
    form: &'static str,
    errors: Vec<FieldMessage>,
    detail: String,
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct Done {
    #[serde(default)]
    done: String,
    /// Running deadlines an amendment moved.
    #[serde(default)]
    moved: Option<usize>,
}

async fn law_page<S: Backend, R: Deps>(
    state: &AppState<S, R>,
    v: &Visit,
    values: LawForms,
    refusal: Option<Refusal>,
    notice: Option<String>,
    preview: Option<Preview>,
) -> Response {
    let t = v.t;
    let today = app::kz_today((state.clock)());
    let law = state.app.law();
    let in_force = law.params.in_force(today);
    let params: Vec<ParamRow> = in_force
        .iter()
        .map(|p| ParamRow {
            id: p.id.clone(),
            description: t.m(&param_key(&p.id)),
            value: shown_value(t, &law, p, today),
            since: t.date(p.start),
            reference: t.legal_ref(&p.reference.legal),
            reading: crate::ui::case::marks_a_reading(&p.reference).then(|| t.m("ui-param-reading")),
        })
        .collect();
    let ids: Vec<&str> = in_force.iter().map(|p| p.id.as_str()).collect();
    let parameters = ids
        .iter()
        .map(|id| Choice {
            value: (*id).to_owned(),
            label: (*id).to_owned(),
            selected: *id == values.parameter,
        })
        .collect();
    let Ok(quotas) = state.app.quotas(&v.principal(), today.year()).await else {
        return v.unavailable();
    };
    let quotas = quotas
        .iter()
        .map(|q| QuotaRow {
            territory: format!("{} ({})", t.region(&q.key.territory), q.key.territory.as_str()),
            category: t.m(&format!("ui-category-{}", q.key.category.key())),
            unit: t.m(&format!("ui-unit-{}", q.unit.key())),
            total: t.int(u64::from(q.total)),
            allocated: t.int(u64::from(q.allocated)),
        })
        .collect();
    let Ok(records) = state.app.amendments(&v.principal()).await else {
        return v.unavailable();
    };
    let parsed: Vec<Option<Amendment>> = records.iter().map(|r| serde_json::from_str(&r.body).ok()).collect();
    let withdrawn: Vec<i64> = parsed
        .iter()
        .flatten()
        .filter_map(|a| match a {
            Amendment::Withdrawal { seq, .. } => i64::try_from(*seq).ok(),
            _ => None,
        })
        .collect();
    let amendments = records
        .iter()
        .zip(&parsed)
        .rev()
        .map(|(r, a)| AmendmentRow {
            seq: r.seq,
            at: t.datetime(r.at),
            by: masked_login(&r.account),
            summary: a.as_ref().map_or_else(|| r.body.clone(), |a| amendment_text(&t, a)),
            withdrawn: withdrawn.contains(&r.seq),
            withdrawable: !withdrawn.contains(&r.seq) && !matches!(a, Some(Amendment::Withdrawal { .. }) | None),
        })
        .collect();
    let holiday_keys = legal::calendar_data::holiday_names()
        .map(|names| {
            names
                .into_iter()
                .map(|(key, n)| Choice {
                    selected: key == values.key,
                    label: if t.lang == render::Lang::Ru { n.ru } else { n.kk },
                    value: key,
                })
                .collect()
        })
        .unwrap_or_default();
    let (status, form, errors, detail) = match refusal {
        Some(r) => (StatusCode::UNPROCESSABLE_ENTITY, r.form.to_owned(), r.errors, r.detail),
        None => (StatusCode::OK, String::new(), Vec::new(), String::new()),
    };
    let confidence = if values.confidence.is_empty() {
        "high"
    } else {
        values.confidence.as_str()
    };
    let unit = if values.unit.is_empty() {
        "persons"
    } else {
        values.unit.as_str()
    };
    let page = LawPage {
        page: Page::new(t, "ui-law-title", Some(&v.session), "/ui/admin/law"),
        today: t.date(today),
        params,
        quotas,
        amendments,
        edition: law.calendar.edition().to_owned(),
        notice,
        preview,
        form,
        errors,
        detail,
        confidences: choices(t, "ui-confidence-", CONFIDENCE, confidence),
        holiday_kinds: choices(t, "ui-holiday-kind-", HOLIDAY_KINDS, &values.holiday_kind),
        categories: choices(t, "ui-category-", CATEGORIES, &values.category),
        units: choices(t, "ui-unit-", UNITS, unit),
        parameters,
        holiday_keys,
        values,
    };
    html(&page, status)
}

/// `GET /ui/admin/law`: the parameters in force today with their references, the amendments made, the
/// calendar edition, this year's quotas, and the forms that change them.
pub(crate) async fn page<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    v: Visit,
    Query(done): Query<Done>,
) -> Response {
    if !administrator(&v) {
        return v.not_found();
    }
    let notice = match done.done.as_str() {
        "amended" => Some(match done.moved {
            Some(n) if n > 0 => v.t.with(
                "ui-law-amended-moved",
                &[("count", &v.t.int(u64::try_from(n).unwrap_or(u64::MAX)))],
            ),
            _ => v.t.m("ui-law-amended"),
        }),
        "quota" => Some(v.t.m("ui-quota-saved")),
        _ => None,
    };
    law_page(&state, &v, LawForms::default(), None, notice, None).await
}

/// Reads the fields of one form, collecting every error at once.
struct Fields {
    t: Tr,
    form: &'static str,
    errors: Vec<FieldMessage>,
}

impl Fields {
    fn new(t: Tr, form: &'static str) -> Fields {
        Fields {
            t,
            form,
            errors: Vec::new(),
        }
    }

    fn error(&mut self, field: &str, key: &str) {
        self.errors.push(FieldMessage {
            field: format!("{}-{field}", self.form),
            message: self.t.m(key),
        });
    }

    fn text(&mut self, field: &str, value: &str) -> String {
        let value = value.trim();
        if value.is_empty() {
            self.error(field, "ui-field-required");
        } else if value.chars().count() > MAX_TEXT {
            self.error(field, "ui-field-too-long");
        }
        value.to_owned()
    }

    fn one_of(&mut self, field: &str, value: &str, allowed: &[&str]) -> String {
        if !allowed.contains(&value) {
            self.error(field, "ui-field-choose");
        }
        value.to_owned()
    }

    fn date(&mut self, field: &str, value: &str) -> Option<Date> {
        let value = value.trim();
        if value.is_empty() {
            self.error(field, "ui-field-required");
            return None;
        }
        let parsed = value.parse::<Date>().ok();
        if parsed.is_none() {
            self.error(field, "invalid_date");
        }
        parsed
    }

    fn optional_date(&mut self, field: &str, value: &str) -> Option<Option<Date>> {
        if value.trim().is_empty() {
            Some(None)
        } else {
            self.date(field, value).map(Some)
        }
    }

    fn refusal(self) -> Option<Refusal> {
        (!self.errors.is_empty()).then(|| Refusal {
            form: self.form,
            errors: self.errors,
            detail: String::new(),
        })
    }
}

/// An amendment made, or only previewed.
enum Outcome {
    Amended(app::Amended),
    Previewed(Vec<app::DeadlineMove>),
}

/// The common end of the three amendment forms: amend (or preview), or show why not next to the form.
async fn amend<S: Backend, R: Deps>(
    state: &AppState<S, R>,
    v: &Visit,
    values: LawForms,
    form: &'static str,
    first_field: &str,
    amendment: Result<Amendment, Refusal>,
) -> Response {
    let amendment = match amendment {
        Ok(a) => a,
        Err(refusal) => return law_page(state, v, values, Some(refusal), None, None).await,
    };
    let p = v.principal();
    let now = (state.clock)();
    let outcome = if values.preview == "1" {
        state
            .app
            .preview_amendment(&p, &amendment, now)
            .await
            .map(Outcome::Previewed)
    } else {
        state.app.amend_law(&p, &amendment, now).await.map(Outcome::Amended)
    };
    match outcome {
        Ok(Outcome::Amended(amended)) => {
            let moved = amended.recount.map_or(0, |r| r.moved.len());
            Redirect::to(&format!("/ui/admin/law?done=amended&moved={moved}#amendments")).into_response()
        }
        Ok(Outcome::Previewed(moves)) => {
            let preview = preview_of(v.t, &moves);
            law_page(state, v, values, None, None, Some(preview)).await
        }
        Err(app::AppError::LawRefused { code, reason }) => {
            let refusal = Refusal {
                form,
                errors: vec![FieldMessage {
                    field: format!("{form}-{first_field}"),
                    message: v.t.m(code),
                }],
                detail: reason,
            };
            law_page(state, v, values, Some(refusal), None, None).await
        }
        Err(app::AppError::Store(store::StoreError::Changed { .. })) => {
            let refusal = Refusal {
                form,
                errors: vec![FieldMessage {
                    field: format!("{form}-{first_field}"),
                    message: v.t.m("changed_since_read"),
                }],
                detail: String::new(),
            };
            law_page(state, v, values, Some(refusal), None, None).await
        }
        Err(e) => v.error(e),
    }
}

/// Checks the session may post an administrator's form: the anti-CSRF token, then the role.
fn guard(v: &Visit, csrf: &str) -> Option<Response> {
    if !v.session.csrf_matches(csrf) {
        return Some(v.fail(StatusCode::FORBIDDEN, "csrf_token_missing"));
    }
    (!administrator(v)).then(|| v.not_found())
}

/// The common run of the amendment forms: the token and the role, every field read (all errors at once),
/// then the amendment made or the form shown again with why not.
async fn amend_from_form<S: Backend, R: Deps>(
    state: &AppState<S, R>,
    v: &Visit,
    form: LawForms,
    name: &'static str,
    first_field: &str,
    build: impl FnOnce(&mut Fields, &LawForms) -> Option<Amendment>,
) -> Response {
    if let Some(refused) = guard(v, &form.csrf) {
        return refused;
    }
    let mut f = Fields::new(v.t, name);
    let built = build(&mut f, &form);
    let amendment = match (f.refusal(), built) {
        (None, Some(a)) => Ok(a),
        // A field that could not be read has left its error.
        (refusal, _) => Err(refusal.unwrap_or(Refusal {
            form: name,
            errors: Vec::new(),
            detail: String::new(),
        })),
    };
    amend(state, v, form, name, first_field, amendment).await
}

/// `POST /ui/admin/law/editions`: a new edition of a parameter (next year's MCI, a changed time limit).
pub(crate) async fn add_edition<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    v: Visit,
    crate::extract::Form(form): crate::extract::Form<LawForms>,
) -> Response {
    amend_from_form(&state, &v, form, "edition", "parameter", |f, form| {
        let parameter = f.text("parameter", &form.parameter);
        let start = f.date("start", &form.start);
        let end = f.optional_date("end", &form.end);
        let value = f.text("value", &form.value);
        let act = f.text("act", &form.act);
        let point = f.text("point", &form.point);
        let confidence = f.one_of("confidence", &form.confidence, CONFIDENCE);
        let source = f.text("source", &form.source);
        if !act.is_empty() && legal::Act::from_key(&act).is_none() {
            f.error("act", "ui-act-unknown");
        }
        Some(Amendment::Edition {
            parameter,
            start: start?,
            end: end?,
            value,
            reference: AmendmentRef {
                act,
                point,
                confidence,
                source,
            },
        })
    })
    .await
}

/// `POST /ui/admin/law/transfers`: a day off moved by a government act.
pub(crate) async fn add_transfer<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    v: Visit,
    crate::extract::Form(form): crate::extract::Form<LawForms>,
) -> Response {
    amend_from_form(&state, &v, form, "transfer", "day_off", |f, form| {
        let day_off = f.date("day_off", &form.day_off);
        let working_day = f.date("working_day", &form.working_day);
        let act = f.text("act", &form.act);
        let source = f.text("source", &form.source);
        Some(Amendment::Transfer {
            day_off: day_off?,
            working_day: working_day?,
            act,
            source,
        })
    })
    .await
}

/// `POST /ui/admin/law/holidays`: a holiday or religious day off, with the days it carries over to.
pub(crate) async fn add_holiday<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    v: Visit,
    crate::extract::Form(form): crate::extract::Form<LawForms>,
) -> Response {
    amend_from_form(&state, &v, form, "holiday", "date", |f, form| {
        let date = f.date("date", &form.date);
        let key = f.text("key", &form.key);
        let holiday_kind = f.one_of("holiday_kind", &form.holiday_kind, HOLIDAY_KINDS);
        let source = f.text("source", &form.source);
        let mut carried_over = Vec::new();
        for day in form.carried_over.split([',', ' ', ';']).filter(|d| !d.is_empty()) {
            match day.parse::<Date>() {
                Ok(d) => carried_over.push(d),
                Err(_) => {
                    f.error("carried_over", "invalid_date");
                    break;
                }
            }
        }
        Some(Amendment::Holiday {
            date: date?,
            key,
            holiday_kind,
            source,
            carried_over,
        })
    })
    .await
}

#[derive(serde::Deserialize, Default, Debug, Clone)]
#[serde(default)]
pub(crate) struct WithdrawalForm {
    csrf: String,
    seq: String,
    reason: String,
}

/// `POST /ui/admin/law/withdrawals`: takes an earlier amendment out of the law, with the reason.
pub(crate) async fn add_withdrawal<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    v: Visit,
    crate::extract::Form(form): crate::extract::Form<WithdrawalForm>,
) -> Response {
    if let Some(refused) = guard(&v, &form.csrf) {
        return refused;
    }
    let seq = form.seq.trim().parse::<usize>().unwrap_or(0);
    let mut f = Fields::new(v.t, "withdrawal");
    let reason = f.text(&format!("reason-{seq}"), &form.reason);
    let amendment = match f.refusal() {
        None => Ok(Amendment::Withdrawal { seq, reason }),
        Some(refusal) => Err(refusal),
    };
    let field = format!("reason-{seq}");
    amend(&state, &v, LawForms::default(), "withdrawal", &field, amendment).await
}

/// `POST /ui/admin/quotas`: sets the size of a quota (audited by the store); never below what is allocated.
pub(crate) async fn set_quota<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    v: Visit,
    crate::extract::Form(form): crate::extract::Form<LawForms>,
) -> Response {
    if let Some(refused) = guard(&v, &form.csrf) {
        return refused;
    }
    let mut f = Fields::new(v.t, "quota");
    let territory = match kz::Kato::parse(form.territory.trim()) {
        Ok(k) => Some(k),
        Err(e) => {
            f.error("territory", e.code());
            None
        }
    };
    let category = store::QuotaCategory::from_key(&form.category);
    if category.is_none() {
        f.error("category", "ui-field-choose");
    }
    let unit = store::QuotaUnit::from_key(&form.unit);
    if unit.is_none() {
        f.error("unit", "ui-field-choose");
    }
    let year = form
        .year
        .trim()
        .parse::<i16>()
        .ok()
        .filter(|y| (2000..=2100).contains(y));
    if year.is_none() {
        f.error("year", "invalid_number");
    }
    let total = form.total.trim().parse::<u32>().ok();
    if total.is_none() {
        f.error("total", "invalid_number");
    }
    let basis = f.text("basis", &form.basis);
    let (Some(territory), Some(category), Some(unit), Some(year), Some(total), None) =
        (territory, category, unit, year, total, f.errors.first())
    else {
        let refusal = f.refusal();
        return law_page(&state, &v, form, refusal, None, None).await;
    };
    let key = store::QuotaKey {
        year,
        territory,
        category,
    };
    match state
        .app
        .set_quota(&v.principal(), &key, unit, total, &basis, (state.clock)())
        .await
    {
        Ok(_) => Redirect::to("/ui/admin/law?done=quota#quotas").into_response(),
        Err(app::AppError::Store(e @ store::StoreError::QuotaBelowAllocated { .. })) => {
            let refusal = Refusal {
                form: "quota",
                errors: vec![FieldMessage {
                    field: "quota-total".into(),
                    message: v.t.m(e.code()),
                }],
                detail: String::new(),
            };
            law_page(&state, &v, form, Some(refusal), None, None).await
        }
        Err(e) => v.error(e),
    }
}
