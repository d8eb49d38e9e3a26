//! The web interface: server-rendered pages (askama) that work without JavaScript; htmx, when present, only
//! refreshes the queue table in place. Every text comes from the kk/ru catalogs of `render`; Kazakh is the
//! default, the Russian switch is kept in a cookie and, for a signed-in person, on the account.
//!
//! Each handler authorises before it reads: a page the person may not see answers exactly like a page that does
//! not exist (404), and reads of a case by staff go through `Store::read_case`, which audits them.

use std::sync::{Arc, LazyLock};

use app::number_of;
use askama::Template;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use registries::Registries;
use render::{Catalog, Lang};
use store::{AccountRecord, CaseQuery, CaseRecord, Role, SessionRecord};

use crate::identity;
use crate::{AppState, Backend, RequestId, SignIn};

static CATALOG: LazyLock<Catalog> = LazyLock::new(Catalog::new);

/// The cookie that keeps the language of someone not signed in.
pub const LANG_COOKIE: &str = "qonys_lang";

/// Rows a queue or a cabinet shows at most.
const LIST_LIMIT: u32 = 200;

/// Kazakhstan keeps one time zone, UTC+5.
pub(crate) fn local(ts: jiff::Timestamp) -> jiff::civil::DateTime {
    jiff::tz::offset(5).to_datetime(ts)
}

/// Messages of one language, for templates: `{{ t.m("key") }}`.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    pub fn m(&self, key: &str) -> String {
        CATALOG.message(self.lang, key, &[])
    }

    pub fn with(&self, key: &str, args: &[(&str, &str)]) -> String {
        CATALOG.message(self.lang, key, args)
    }

    /// A message whose arguments may be counts, so that it can choose a plural form.
    pub fn with_args(&self, key: &str, args: &[(&str, render::Arg<'_>)]) -> String {
        CATALOG.message_args(self.lang, key, args)
    }

    /// A message with one count as its argument: `t.count("ui-overdue-by", "days", 3)`.
    pub fn count(&self, key: &str, name: &str, n: u64) -> String {
        self.with_args(key, &[(name, render::Arg::Count(n))])
    }

    /// A point of law in words of the language (never `rules-a 15.5`).
    pub fn legal_ref(&self, r: &legal::LegalRef) -> String {
        CATALOG.legal_ref(self.lang, r)
    }

    /// The basis a record stores (`rules-a 15.4`) in words of the language.
    pub fn basis(&self, stored: &str) -> String {
        CATALOG.basis(self.lang, stored)
    }

    /// A date as the language writes it: `2026 ж. 24 қараша`, `24 ноября 2026 г.`.
    pub fn date(&self, d: jiff::civil::Date) -> String {
        let month = self.m(&format!("ui-month-{}", d.month()));
        self.with(
            "ui-date",
            &[
                ("day", &d.day().to_string()),
                ("month", &month),
                ("year", &d.year().to_string()),
            ],
        )
    }

    /// A whole number as both languages group its digits: `12 345` (a no-break space between groups).
    pub fn int(&self, n: u64) -> String {
        let digits = n.to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 2);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push('\u{a0}');
            }
            out.push(c);
        }
        out
    }

    /// An amount of money as both languages write it: `4 325,00 теңге`.
    pub fn money(&self, m: kz::Money) -> String {
        let tiyn = m.tiyn();
        let sign = if tiyn < 0 { "−" } else { "" };
        let (tenge, rest) = (tiyn.unsigned_abs() / 100, tiyn.unsigned_abs() % 100);
        self.with(
            "ui-tenge",
            &[("amount", &format!("{sign}{},{rest:02}", self.int(tenge)))],
        )
    }

    pub fn datetime(&self, ts: jiff::Timestamp) -> String {
        let at = local(ts);
        format!("{}, {:02}:{:02}", self.date(at.date()), at.hour(), at.minute())
    }

    pub fn other(&self) -> Lang {
        match self.lang {
            Lang::Kk => Lang::Ru,
            Lang::Ru => Lang::Kk,
        }
    }

    pub fn region(&self, kato: &kz::Kato) -> String {
        let region = kato.region();
        match self.lang {
            Lang::Kk => region.name_kk.to_owned(),
            Lang::Ru => region.name_ru.to_owned(),
        }
    }
}

/// What every page needs: the language, who is signed in, the anti-CSRF token of their forms, the page's path
/// (for the language switch to come back to).
#[derive(Debug, Clone)]
pub struct Page {
    pub t: Tr,
    pub title: String,
    pub user: Option<UserView>,
    pub csrf: String,
    pub path: String,
}

#[derive(Debug, Clone)]
pub struct UserView {
    /// The login, masked when it is an IIN.
    pub name: String,
    pub role: String,
    pub staff: bool,
    pub admin: bool,
    pub submits: bool,
    /// Sees the figures page (analysts, administrators).
    pub aggregates: bool,
}

pub(crate) fn masked_login(login: &str) -> String {
    kz::Iin::parse(login).map_or_else(|_| login.to_owned(), |iin| iin.masked())
}

fn is_staff(role: Role) -> bool {
    app::authz::may_read_case(
        &AccountRecord {
            login: String::new(),
            role,
            territory: None,
            password_hash: String::new(),
        },
        "00",
    )
}

impl Page {
    pub(crate) fn new(t: Tr, title_key: &str, session: Option<&SessionRecord>, path: &str) -> Page {
        Page {
            t,
            title: t.m(title_key),
            user: session.map(|s| UserView {
                name: masked_login(&s.account.login),
                role: t.m(&format!("ui-role-{}", s.account.role.key())),
                staff: is_staff(s.account.role),
                admin: s.account.role == Role::Administrator,
                aggregates: app::authz::may_see_aggregates(&s.account),
                submits: app::authz::may_submit_quota_application(
                    &s.account,
                    s.account
                        .territory
                        .as_ref()
                        .map_or("00", |k| k.as_str().get(..2).unwrap_or("00")),
                ),
            }),
            csrf: session.map(|s| s.csrf.clone()).unwrap_or_default(),
            path: path.to_owned(),
        }
    }
}

/// The language of a request: the account's choice, else the cookie, else Russian when the browser prefers it
/// to Kazakh, else Kazakh.
pub fn lang_of(headers: &HeaderMap, session: Option<&SessionRecord>) -> Lang {
    if let Some(lang) = session.and_then(|s| s.lang.as_deref()).and_then(|l| l.parse().ok()) {
        return lang;
    }
    let cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            pair.trim()
                .strip_prefix(LANG_COOKIE)
                .and_then(|rest| rest.strip_prefix('='))
        });
    if let Some(lang) = cookie.and_then(|l| l.parse().ok()) {
        return lang;
    }
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let (ru, kk) = (accept.find("ru"), accept.find("kk"));
    match (ru, kk) {
        (Some(r), Some(k)) if r < k => Lang::Ru,
        (Some(_), None) => Lang::Ru,
        _ => Lang::Kk,
    }
}

/// The confirmed session of a request, if any.
async fn session_of<S: Backend, R>(state: &AppState<S, R>, headers: &HeaderMap) -> Option<SessionRecord> {
    identity::signed_in(&state.app.store, headers, (state.clock)())
        .await
        .ok()
}

pub(crate) fn html(template: &impl Template, status: StatusCode) -> Response {
    match template.render() {
        Ok(body) => (status, Html(body)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    page: Page,
    message: String,
    request_id: String,
}

/// An error as a page in the person's language, with the request id for support.
fn error_page(
    t: Tr,
    session: Option<&SessionRecord>,
    status: StatusCode,
    code: &str,
    request_id: Option<&RequestId>,
) -> Response {
    let page = ErrorPage {
        page: Page::new(t, "ui-error-title", session, "/ui"),
        message: t.m(code),
        request_id: request_id.map(|r| r.0.clone()).unwrap_or_default(),
    };
    html(&page, status)
}

/// Where a person lands after signing in.
fn start_page(account: &AccountRecord) -> &'static str {
    if is_staff(account.role) {
        "/ui/queue"
    } else if app::authz::may_see_aggregates(account) {
        "/ui/stats"
    } else {
        "/ui/cabinet"
    }
}

fn to_sign_in() -> Response {
    Redirect::to("/ui/sign-in").into_response()
}

/// A signed-in visit to a page: the session, the language, and the request id that error pages show.
pub(crate) struct Visit {
    pub(crate) session: SessionRecord,
    pub(crate) t: Tr,
    request_id: Option<RequestId>,
}

/// A page handler that takes a `Visit` runs only for a confirmed session; anyone else is sent to sign in.
impl<S: Backend, R: Registries + Sync + Send + 'static> FromRequestParts<Arc<AppState<S, R>>> for Visit {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &Arc<AppState<S, R>>,
    ) -> Result<Visit, Response> {
        let session = session_of(state, &parts.headers).await.ok_or_else(to_sign_in)?;
        let t = Tr {
            lang: lang_of(&parts.headers, Some(&session)),
        };
        Ok(Visit {
            session,
            t,
            request_id: parts.extensions.get::<RequestId>().cloned(),
        })
    }
}

impl Visit {
    pub(crate) fn fail(&self, status: StatusCode, key: &str) -> Response {
        error_page(self.t, Some(&self.session), status, key, self.request_id.as_ref())
    }

    /// A page the person may not see answers like a page that does not exist.
    pub(crate) fn not_found(&self) -> Response {
        self.fail(StatusCode::NOT_FOUND, "ui-not-found")
    }

    pub(crate) fn unavailable(&self) -> Response {
        self.fail(StatusCode::SERVICE_UNAVAILABLE, "ui-store-unavailable")
    }
}

/// `GET /`: where a person starts.
pub(crate) async fn home<S: Backend, R: Registries + Sync + Send + 'static>(
    State(state): State<Arc<AppState<S, R>>>,
    headers: HeaderMap,
) -> Response {
    match session_of(&state, &headers).await {
        None => to_sign_in(),
        Some(s) => Redirect::to(start_page(&s.account)).into_response(),
    }
}

#[derive(Template)]
#[template(path = "sign_in.html")]
struct SignInPage {
    page: Page,
    error: Option<String>,
    login: String,
}

pub(crate) async fn sign_in_page<S: Backend, R: Registries + Sync + Send + 'static>(
    State(state): State<Arc<AppState<S, R>>>,
    headers: HeaderMap,
) -> Response {
    if session_of(&state, &headers).await.is_some() {
        return Redirect::to("/").into_response();
    }
    let t = Tr {
        lang: lang_of(&headers, None),
    };
    html(
        &SignInPage {
            page: Page::new(t, "ui-sign-in-title", None, "/ui/sign-in"),
            error: None,
            login: String::new(),
        },
        StatusCode::OK,
    )
}

#[derive(serde::Deserialize)]
pub(crate) struct SignInForm {
    #[serde(default)]
    login: String,
    #[serde(default)]
    password: String,
}

fn with_cookie(mut response: Response, cookie: &str) -> Response {
    if let Ok(value) = HeaderValue::from_str(cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

pub(crate) async fn sign_in_submit<S: Backend, R: Registries + Sync + Send + 'static>(
    State(state): State<Arc<AppState<S, R>>>,
    headers: HeaderMap,
    axum::Form(form): axum::Form<SignInForm>,
) -> Response {
    let t = Tr {
        lang: lang_of(&headers, None),
    };
    match crate::start_session(&state, &form.login, &form.password, t.lang).await {
        Ok(SignIn {
            token,
            account,
            code_sent,
            ..
        }) => {
            let target = if code_sent {
                "/ui/sign-in/code"
            } else {
                start_page(&account)
            };
            with_cookie(Redirect::to(target).into_response(), &crate::session_cookie(&token))
        }
        Err(e) => {
            let page = SignInPage {
                page: Page::new(t, "ui-sign-in-title", None, "/ui/sign-in"),
                error: Some(t.m(e.code)),
                login: form.login.trim().chars().take(64).collect(),
            };
            html(&page, e.status)
        }
    }
}

#[derive(Template)]
#[template(path = "code.html")]
struct CodePage {
    page: Page,
    error: Option<String>,
}

/// The session of a request that still waits for its one-time code.
async fn pending_of<S: Backend, R>(state: &AppState<S, R>, headers: &HeaderMap) -> Option<SessionRecord> {
    let token = identity::session_token(headers)?;
    let session = state
        .app
        .store
        .session(&identity::token_hash(token), (state.clock)())
        .await
        .ok()??;
    session.otp_hash.is_some().then_some(session)
}

pub(crate) async fn code_page<S: Backend, R: Registries + Sync + Send + 'static>(
    State(state): State<Arc<AppState<S, R>>>,
    headers: HeaderMap,
) -> Response {
    let Some(pending) = pending_of(&state, &headers).await else {
        return to_sign_in();
    };
    let t = Tr {
        lang: lang_of(&headers, None),
    };
    let mut page = Page::new(t, "ui-code-title", None, "/ui/sign-in/code");
    page.csrf = pending.csrf;
    html(&CodePage { page, error: None }, StatusCode::OK)
}

#[derive(serde::Deserialize)]
pub(crate) struct CodeForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    csrf: String,
}

pub(crate) async fn code_submit<S: Backend, R: Registries + Sync + Send + 'static>(
    State(state): State<Arc<AppState<S, R>>>,
    headers: HeaderMap,
    axum::Form(form): axum::Form<CodeForm>,
) -> Response {
    let t = Tr {
        lang: lang_of(&headers, None),
    };
    let Some(token) = identity::session_token(&headers) else {
        return to_sign_in();
    };
    match crate::confirm_code(&state, token, &form.code, Some(&form.csrf)).await {
        Ok(()) => Redirect::to("/ui/cabinet").into_response(),
        Err(e) if e.code == "not_signed_in" => to_sign_in(),
        Err(e) => {
            let mut page = Page::new(t, "ui-code-title", None, "/ui/sign-in/code");
            page.csrf = form.csrf;
            html(
                &CodePage {
                    page,
                    error: Some(t.m(e.code)),
                },
                e.status,
            )
        }
    }
}

#[derive(serde::Deserialize)]
pub(crate) struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

pub(crate) async fn sign_out<S: Backend, R: Registries + Sync + Send + 'static>(
    State(state): State<Arc<AppState<S, R>>>,
    headers: HeaderMap,
    axum::Form(form): axum::Form<CsrfForm>,
) -> Response {
    if let Some(session) = session_of(&state, &headers).await
        && identity::same_token(&form.csrf, &session.csrf)
        && let Some(token) = identity::session_token(&headers)
    {
        let _ = state.app.store.drop_session(&identity::token_hash(token)).await;
    }
    with_cookie(Redirect::to("/ui/sign-in").into_response(), &crate::expired_cookie())
}

#[derive(serde::Deserialize)]
pub(crate) struct LangForm {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    back: String,
    #[serde(default)]
    csrf: String,
}

/// Only a path of this service: never `//host` or `https://…` (no open redirect).
fn local_path(back: &str) -> &str {
    let ok = back.starts_with('/') && !back.starts_with("//") && !back.contains('\\');
    if ok { back } else { "/" }
}

pub(crate) async fn set_lang<S: Backend, R: Registries + Sync + Send + 'static>(
    State(state): State<Arc<AppState<S, R>>>,
    headers: HeaderMap,
    axum::Form(form): axum::Form<LangForm>,
) -> Response {
    let Ok(lang) = form.lang.parse::<Lang>() else {
        let t = Tr {
            lang: lang_of(&headers, None),
        };
        return error_page(t, None, StatusCode::UNPROCESSABLE_ENTITY, "unknown_language", None);
    };
    if let Some(session) = session_of(&state, &headers).await
        && identity::same_token(&form.csrf, &session.csrf)
    {
        let _ = state.app.store.set_lang(&session.account.login, lang.code()).await;
    }
    let cookie = format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax", lang.code());
    with_cookie(Redirect::to(local_path(&form.back)).into_response(), &cookie)
}

/// One case in a list.
#[derive(Debug, Clone)]
pub struct CaseRow {
    pub id: i64,
    pub number: String,
    pub kind: String,
    pub state: String,
    pub territory: String,
    pub received: String,
    pub due: String,
    pub due_in: String,
    pub overdue: bool,
}

fn case_row<S, R>(state: &AppState<S, R>, t: Tr, case: &CaseRecord, today: jiff::civil::Date) -> CaseRow {
    let (due, due_in, overdue) = match case.due_on {
        None => (String::new(), String::new(), false),
        Some(due) => {
            let left = state.app.law.get().calendar.working_days_between(today, due).ok();
            let text = match left {
                Some(n) if n < 0 => t.count("ui-overdue-by", "days", n.unsigned_abs().into()),
                Some(0) => t.m("ui-due-today"),
                Some(n) => t.count("ui-working-days-left", "days", n.unsigned_abs().into()),
                None => String::new(),
            };
            (t.date(due), text, due < today)
        }
    };
    CaseRow {
        id: case.id.0,
        number: number_of(case),
        kind: t.m(&format!("ui-kind-{}", case.kind)),
        state: t.m(&format!("ui-state-{}", case.state)),
        territory: t.region(&case.territory),
        received: t.date(local(case.created_at).date()),
        due,
        due_in,
        overdue,
    }
}

#[derive(Debug, Clone)]
pub struct MessageRow {
    pub at: String,
    pub text: String,
    pub recipient: String,
    pub sent: bool,
}

#[derive(Template)]
#[template(path = "cabinet.html")]
struct CabinetPage {
    page: Page,
    rows: Vec<CaseRow>,
    messages: Vec<MessageRow>,
    /// For an employer's representative: the organisation of their BIN, as the legal-entities registry holds it.
    organisation: Option<Organisation>,
    employer: bool,
}

#[derive(Debug, Clone)]
pub struct Organisation {
    pub name: String,
    pub bin: String,
    pub region: String,
    pub source: String,
}

/// `GET /ui/cabinet`: an applicant's applications (their own and their family's) with their status
/// (QUOTA-09), and the messages sent to them.
pub(crate) async fn cabinet<S: Backend, R: Registries + Sync + Send + 'static>(
    State(state): State<Arc<AppState<S, R>>>,
    v: Visit,
) -> Response {
    let (session, t) = (&v.session, v.t);
    if start_page(&session.account) != "/ui/cabinet" {
        return Redirect::to(start_page(&session.account)).into_response();
    }
    let now = (state.clock)();
    let today = local(now).date();
    let rows = match kz::Iin::parse(&session.account.login) {
        Ok(iin) if session.account.role == Role::Citizen => {
            let query = CaseQuery {
                applicant: Some(iin),
                limit: LIST_LIMIT,
                ..CaseQuery::default()
            };
            match state.app.store.list_cases(&query).await {
                Ok(cases) => cases.iter().map(|c| case_row(&state, t, c, today)).collect(),
                Err(_) => {
                    return v.unavailable();
                }
            }
        }
        // An employer's cases (participation, subsidies, appendix 7) come with their own use cases.
        _ => Vec::new(),
    };
    let employer = session.account.role == Role::Employer;
    let organisation = match kz::Bin::parse(&session.account.login) {
        Ok(bin) if employer => registries::LegalEntities::entity(&state.app.registries, &bin, now)
            .ok()
            .map(|answer| Organisation {
                name: answer.value.name,
                bin: answer.value.bin.as_str().to_owned(),
                region: t.region(&answer.value.region),
                source: t.with(
                    "ui-source",
                    &[
                        ("system", &t.m("ui-system-legal_entities")),
                        ("at", &t.datetime(answer.evidence.requested_at)),
                        ("response", &answer.evidence.response_id),
                    ],
                ),
            }),
        _ => None,
    };
    let messages = match state.app.store.messages_to(&session.account.login, 20).await {
        Ok(m) => m
            .into_iter()
            .map(|m| MessageRow {
                at: t.datetime(m.created_at),
                text: m.body,
                recipient: String::new(),
                sent: m.sent_at.is_some(),
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    html(
        &CabinetPage {
            page: Page::new(t, "ui-cabinet-title", Some(session), "/ui/cabinet"),
            rows,
            messages,
            organisation,
            employer,
        },
        StatusCode::OK,
    )
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct QueueFilter {
    #[serde(default)]
    kind: String,
    /// Absent: the cases awaiting the role's action, when it has any; empty: every state; `mine`: awaiting
    /// the role's action; else one state.
    state: Option<String>,
    #[serde(default)]
    region: String,
    /// An application number to open (`QN-55-2026-000123`).
    #[serde(default)]
    number: String,
}

/// The states in which a case awaits this role: the State Corporation and career centres forward what they
/// received (A 14.2, 15.3); the service provider accepts or refuses to accept a received package and decides
/// one under review (A 15.4, 15.5).
fn action_states(role: Role) -> &'static [&'static str] {
    match role {
        Role::StateCorporationOperator | Role::CareerCentre => &["received"],
        Role::LocalExecutiveBody => &["received", "under_review"],
        Role::Citizen
        | Role::LabourMobilityCentre
        | Role::Commission
        | Role::AppealBody
        | Role::Employer
        | Role::Analyst
        | Role::Administrator
        | Role::System => &[],
    }
}

#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "queue.html")]
struct QueuePage {
    page: Page,
    rows: Vec<CaseRow>,
    kinds: Vec<Choice>,
    states: Vec<Choice>,
    /// The role has cases awaiting its action: the state filter offers them, chosen by default.
    awaiting: bool,
    awaiting_selected: bool,
    any_selected: bool,
    regions: Vec<Choice>,
    scope: String,
    /// The application number asked for, and why it is not one.
    number: String,
    number_error: Option<String>,
}

const QUEUE_KINDS: &[&str] = &["quota_kandas", "quota_resettler"];
const QUEUE_STATES: &[&str] = &[
    "received",
    "under_review",
    "included",
    "refused",
    "not_accepted",
    "revoked",
];

pub(crate) fn choices(t: Tr, prefix: &str, values: &[&str], selected: &str) -> Vec<Choice> {
    values
        .iter()
        .map(|v| Choice {
            value: (*v).to_owned(),
            label: t.m(&format!("{prefix}{v}")),
            selected: *v == selected,
        })
        .collect()
}

fn region_choices(t: Tr, selected: &str) -> Vec<Choice> {
    kz::Kato::regions()
        .iter()
        .map(|r| {
            let kato = kz::Kato::region_of(r);
            let prefix = kato.as_str().get(..2).unwrap_or_default().to_owned();
            Choice {
                selected: prefix == selected,
                label: t.region(&kato),
                value: prefix,
            }
        })
        .collect()
}

/// `GET /ui/queue`: the cases of the staff member's region (or of the region chosen, for national staff),
/// soonest deadline first, overdue ones marked.
pub(crate) async fn queue<S: Backend, R: Registries + Sync + Send + 'static>(
    State(state): State<Arc<AppState<S, R>>>,
    v: Visit,
    Query(filter): Query<QueueFilter>,
) -> Response {
    let (session, t) = (&v.session, v.t);
    if !is_staff(session.account.role) {
        return v.not_found();
    }
    // An application number opens its case; the case page answers a case of another region like a missing one.
    let number = filter.number.trim();
    let mut number_error = None;
    if !number.is_empty() {
        match number.parse::<cases::ApplicationNumber>() {
            Ok(n) => {
                let id = store::plan::case_id(
                    n.region(),
                    i16::try_from(n.year()).unwrap_or(i16::MAX),
                    i64::from(n.sequence()),
                );
                if let Ok(id) = id {
                    return Redirect::to(&format!("/ui/cases/{}", id.0)).into_response();
                }
                number_error = Some(t.m("application_number_format"));
            }
            Err(e) => number_error = Some(t.m(e.code())),
        }
    }
    let own_region = session
        .account
        .territory
        .as_ref()
        .and_then(|k| k.as_str().get(..2))
        .map(str::to_owned);
    // Staff of a region see their region whatever they ask for; national staff choose.
    let region = own_region
        .clone()
        .or_else(|| (filter.region.len() == 2).then(|| filter.region.clone()));
    let known = |v: &str, list: &[&str]| list.contains(&v).then(|| v.to_owned());
    let mine = action_states(session.account.role);
    let state_filter = match filter.state.as_deref() {
        None if !mine.is_empty() => "mine",
        None => "",
        Some(s) => s,
    };
    // Awaiting my action: one query per state, merged soonest deadline first as the store orders one.
    let states: Vec<Option<String>> = if state_filter == "mine" && !mine.is_empty() {
        mine.iter().map(|s| Some((*s).to_owned())).collect()
    } else {
        vec![known(state_filter, QUEUE_STATES)]
    };
    let today = local((state.clock)()).date();
    let mut cases = Vec::new();
    for wanted in states {
        let query = CaseQuery {
            region: region.clone(),
            applicant: None,
            kind: known(&filter.kind, QUEUE_KINDS),
            state: wanted,
            due_before: None,
            due_from: None,
            limit: LIST_LIMIT,
        };
        match state.app.store.list_cases(&query).await {
            Ok(found) => cases.extend(found),
            Err(_) => {
                return v.unavailable();
            }
        }
    }
    cases.sort_by_key(|c| (c.due_on.is_none(), c.due_on, c.id.0));
    cases.truncate(usize::try_from(LIST_LIMIT).unwrap_or(usize::MAX));
    let rows = cases.iter().map(|c| case_row(&state, t, c, today)).collect();
    let scope = match &region {
        Some(prefix) => kz::Kato::parse(&format!("{prefix}0000000")).map_or_else(|_| prefix.clone(), |k| t.region(&k)),
        None => t.m("ui-all-regions"),
    };
    html(
        &QueuePage {
            page: Page::new(t, "ui-queue-title", Some(session), "/ui/queue"),
            rows,
            kinds: choices(t, "ui-kind-", QUEUE_KINDS, &filter.kind),
            states: choices(t, "ui-state-", QUEUE_STATES, state_filter),
            awaiting: !mine.is_empty(),
            awaiting_selected: state_filter == "mine" && !mine.is_empty(),
            any_selected: known(state_filter, QUEUE_STATES).is_none() && state_filter != "mine",
            regions: if own_region.is_none() {
                region_choices(t, &filter.region)
            } else {
                Vec::new()
            },
            scope,
            number: number.to_owned(),
            number_error: number_error.clone(),
        },
        if number_error.is_some() {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        },
    )
}

#[derive(Debug, Clone)]
pub struct TimelineRow {
    pub at: String,
    pub action: String,
    pub who: String,
    pub channel: String,
    pub basis: String,
}

#[derive(Debug, Clone)]
pub struct FactRow {
    pub label: String,
    pub value: String,
    pub source: String,
}

#[derive(Debug, Clone)]
pub struct DeadlineRow {
    pub label: String,
    pub due: String,
    pub basis: String,
    pub skipped: Vec<String>,
}

#[derive(Template)]
#[template(path = "case.html")]
struct CasePage {
    page: Page,
    row: CaseRow,
    facts: Vec<FactRow>,
    deadlines: Vec<DeadlineRow>,
    timeline: Vec<TimelineRow>,
    edition: String,
    actions: Option<CaseActions>,
}

/// The decisions the service provider may take on the case in its state, each a form with a fresh
/// idempotency key (a double submission decides once).
#[derive(Debug, Clone)]
pub struct CaseActions {
    pub id: i64,
    pub accept: bool,
    pub decide: bool,
    pub revoke: bool,
    pub grounds: Vec<Choice>,
    pub key: String,
}

fn case_actions(t: Tr, account: &AccountRecord, case: &CaseRecord) -> Option<CaseActions> {
    use cases::quota_a14::Category;
    if !app::authz::may_decide_quota(account, &case.region) {
        return None;
    }
    let category = match case.kind.as_str() {
        "quota_kandas" => Category::Kandas,
        "quota_resettler" => Category::Resettler,
        _ => return None,
    };
    let (accept, decide, revoke) = match case.state.as_str() {
        "received" => (true, false, false),
        "under_review" => (false, true, false),
        "included" => (false, false, true),
        _ => return None,
    };
    Some(CaseActions {
        id: case.id.0,
        accept,
        decide,
        revoke,
        grounds: category
            .grounds()
            .iter()
            .map(|g| Choice {
                value: g.code.to_owned(),
                label: t.m(g.code),
                selected: false,
            })
            .collect(),
        key: format!("ui-{}", identity::new_token().get(..32).unwrap_or("0")),
    })
}

fn yes_no(t: Tr, v: Option<bool>) -> String {
    match v {
        Some(true) => t.m("ui-yes"),
        Some(false) => t.m("ui-no"),
        None => t.m("ui-not-asked"),
    }
}

/// What an audit record did, in the reader's language; a recounted deadline says from which day to which.
fn timeline_action(t: Tr, r: &store::audit::AuditRecord) -> String {
    let key = format!("ui-action-{}", r.action.replace('.', "-"));
    if r.action != "deadline.recounted" {
        return t.m(&key);
    }
    let detail: serde_json::Value = serde_json::from_str(&r.detail).unwrap_or_default();
    let day = |field: &str| {
        detail
            .get(field)
            .and_then(serde_json::Value::as_str)
            .and_then(|s| s.parse::<jiff::civil::Date>().ok())
            .map(|d| t.date(d))
            .unwrap_or_default()
    };
    t.with(&key, &[("from", &day("from")), ("to", &day("to"))])
}

/// The point of law by which a received application is forwarded to the service provider, by the channel it
/// came in through (the case machine's bases, `cases::quota_a14`).
fn forward_basis(channel: &str) -> legal::LegalRef {
    use cases::quota_a14::{Channel, P14_2, P15_3, P15_6};
    match channel {
        c if c == Channel::CareerCentre.key() => P15_3,
        c if c == Channel::Portal.key() => P15_6,
        _ => P14_2,
    }
}

/// The non-working days a deadline skipped between its start and its due date, each with its reason.
fn skipped_days<S, R>(state: &AppState<S, R>, t: Tr, from: jiff::civil::Date, due: jiff::civil::Date) -> Vec<String> {
    let mut out = Vec::new();
    let mut d = from;
    while d < due {
        d = match d.tomorrow() {
            Ok(next) => next,
            Err(_) => break,
        };
        if let Ok(day) = state.app.law.get().calendar.day(d)
            && !day.working
            && d < due
        {
            out.push(format!(
                "{} ({})",
                t.date(d),
                t.m(&format!("ui-reason-{}", day.reason.code()))
            ));
        }
    }
    out
}

/// `GET /ui/cases/{id}`: the case with its facts and their sources, its deadlines explained and its timeline.
pub(crate) async fn case_page<S: Backend, R: Registries + Sync + Send + 'static>(
    State(state): State<Arc<AppState<S, R>>>,
    v: Visit,
    Path(id): Path<String>,
) -> Response {
    let (session, t) = (&v.session, v.t);
    let Ok(id) = id.parse::<i64>().map(store::CaseId) else {
        return v.not_found();
    };
    let now = (state.clock)();
    let case = if is_staff(session.account.role) {
        if !app::authz::may_read_case(&session.account, &store::plan::region_of_case(id)) {
            return v.not_found();
        }
        let Ok(actor) = crate::actor_of(&session.account, store::Channel::Portal) else {
            return v.not_found();
        };
        let purpose = store::ReadPurpose {
            basis: "rules-a 15".into(),
            reason: "case page".into(),
        };
        match state.app.store.read_case(id, &actor, &purpose, now).await {
            Ok(case) => case,
            Err(store::StoreError::NotFound { .. }) => return v.not_found(),
            Err(_) => {
                return v.unavailable();
            }
        }
    } else {
        let Ok(iin) = kz::Iin::parse(&session.account.login) else {
            return v.not_found();
        };
        if session.account.role != Role::Citizen {
            return v.not_found();
        }
        match state.app.store.case_of_applicant(id, &iin).await {
            Ok(Some(case)) => case,
            Ok(None) => return v.not_found(),
            Err(_) => {
                return v.unavailable();
            }
        }
    };
    let (records, evidence) = state.app.store.case_history(id).await.unwrap_or_default();
    let today = local(now).date();
    let payload: serde_json::Value = serde_json::from_str(&case.payload).unwrap_or_default();
    let source = |system: &str| {
        evidence
            .iter()
            .find(|e| e.system == system)
            .map(|e| {
                t.with(
                    "ui-source",
                    &[
                        ("system", &t.m(&format!("ui-system-{}", e.system))),
                        ("at", &t.datetime(e.requested_at)),
                        ("response", &e.response_id),
                    ],
                )
            })
            .unwrap_or_default()
    };
    let fact = |key: &str| {
        payload
            .get("facts")
            .and_then(|f| f.get(key))
            .and_then(serde_json::Value::as_bool)
    };
    let mut facts = vec![
        FactRow {
            label: t.m("ui-fact-registered_one_year"),
            value: yes_no(t, fact("registered_one_year")),
            source: source("address_register"),
        },
        FactRow {
            label: t.m("ui-fact-job_seeker"),
            value: yes_no(t, fact("job_seeker")),
            source: source("labour_market"),
        },
    ];
    if case.kind == "quota_kandas" {
        facts.push(FactRow {
            label: t.m("ui-fact-kandas"),
            value: yes_no(t, fact("kandas")),
            source: source("kandas_register"),
        });
    }
    let date_of = |key: &str| {
        payload
            .get(key)
            .and_then(serde_json::Value::as_str)
            .and_then(|s| s.parse::<jiff::civil::Date>().ok())
    };
    let received = date_of("received_on");
    let mut deadlines = Vec::new();
    let channel = payload
        .get("channel")
        .and_then(serde_json::Value::as_str)
        .unwrap_or_default();
    for (key, basis) in [
        ("forward_by", forward_basis(channel)),
        ("refuse_to_accept_by", cases::quota_a14::P15_5),
    ] {
        if let (Some(from), Some(due)) = (received, date_of(key)) {
            deadlines.push(DeadlineRow {
                label: t.m(&format!("ui-deadline-{key}")),
                due: t.date(due),
                basis: t.legal_ref(&basis),
                skipped: skipped_days(&state, t, from, due),
            });
        }
    }
    if let (Some(due), "under_review") = (case.due_on, case.state.as_str()) {
        deadlines.push(DeadlineRow {
            label: t.m("ui-deadline-decide_by"),
            due: t.date(due),
            basis: t.legal_ref(&cases::quota_a14::SERVICE_TERM),
            skipped: received
                .map(|from| skipped_days(&state, t, from, due))
                .unwrap_or_default(),
        });
    }
    let timeline = records
        .iter()
        .map(|r| TimelineRow {
            at: r
                .at
                .parse::<jiff::Timestamp>()
                .map_or_else(|_| r.at.clone(), |ts| t.datetime(ts)),
            action: timeline_action(t, r),
            who: t.m(&format!("ui-role-{}", r.role)),
            channel: t.m(&format!("ui-channel-{}", r.channel)),
            basis: t.basis(&r.basis),
        })
        .collect();
    html(
        &CasePage {
            page: Page::new(t, "ui-case-title", Some(session), &format!("/ui/cases/{}", id.0)),
            row: case_row(&state, t, &case, today),
            facts,
            deadlines,
            timeline,
            edition: payload
                .get("calendar_edition")
                .and_then(serde_json::Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            actions: case_actions(t, &session.account, &case),
        },
        StatusCode::OK,
    )
}

#[derive(Debug, Clone)]
pub struct FieldMessage {
    pub field: String,
    pub message: String,
}

#[derive(Template)]
#[template(path = "new_application.html")]
struct NewApplicationPage {
    page: Page,
    errors: Vec<FieldMessage>,
    iin: String,
    categories: Vec<Choice>,
    channels: Vec<Choice>,
    territory: String,
}

impl NewApplicationPage {
    fn error_for(&self, field: &str) -> Option<&FieldMessage> {
        self.errors.iter().find(|e| e.field == field)
    }
}

fn may_submit_anywhere(account: &AccountRecord) -> bool {
    let region = account
        .territory
        .as_ref()
        .and_then(|k| k.as_str().get(..2))
        .unwrap_or("00");
    app::authz::may_submit_quota_application(account, region)
}

fn new_application_page(
    t: Tr,
    session: &SessionRecord,
    errors: Vec<FieldMessage>,
    form: &ApplicationForm,
) -> NewApplicationPage {
    NewApplicationPage {
        page: Page::new(t, "ui-new-title", Some(session), "/ui/applications/new"),
        errors,
        iin: form.iin.chars().take(32).collect(),
        categories: choices(t, "ui-category-", &["kandas", "resettler"], &form.category),
        channels: choices(
            t,
            "ui-channel-",
            &["state_corporation", "career_centre", "portal"],
            &form.channel,
        ),
        territory: if form.territory.is_empty() {
            session
                .account
                .territory
                .as_ref()
                .map(|k| k.as_str().to_owned())
                .unwrap_or_default()
        } else {
            form.territory.chars().take(32).collect()
        },
    }
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct ApplicationForm {
    #[serde(default)]
    iin: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    territory: String,
    #[serde(default)]
    channel: String,
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    key: String,
}

/// `GET /ui/applications/new`: the form staff fill in for an applicant at their desk.
pub(crate) async fn new_application(v: Visit) -> Response {
    let (session, t) = (&v.session, v.t);
    if !may_submit_anywhere(&session.account) {
        return v.not_found();
    }
    let form = ApplicationForm {
        category: "resettler".into(),
        channel: "state_corporation".into(),
        ..ApplicationForm::default()
    };
    html(&new_application_page(t, session, Vec::new(), &form), StatusCode::OK)
}

/// `POST /ui/applications`: receives the application; bad fields come back next to their inputs.
pub(crate) async fn submit_application<S: Backend, R: Registries + Sync + Send + 'static>(
    State(state): State<Arc<AppState<S, R>>>,
    v: Visit,
    axum::Form(form): axum::Form<ApplicationForm>,
) -> Response {
    let (session, t) = (&v.session, v.t);
    if !identity::same_token(&form.csrf, &session.csrf) {
        return v.fail(StatusCode::FORBIDDEN, "csrf_token_missing");
    }
    if !may_submit_anywhere(&session.account) {
        return v.not_found();
    }
    let region = form.territory.trim().get(..2).unwrap_or_default().to_owned();
    if !app::authz::may_submit_quota_application(&session.account, &region) {
        let errors = vec![FieldMessage {
            field: "territory".into(),
            message: t.m("ui-territory-not-yours"),
        }];
        return html(
            &new_application_page(t, session, errors, &form),
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    // The form carries a fresh key each time it is shown, so a double submission is received once.
    let key = store::IdempotencyKey::parse(&form.key)
        .or_else(|| store::IdempotencyKey::parse(&format!("ui-{}", identity::new_token().get(..32).unwrap_or("0"))));
    let Some(key) = key else {
        return v.fail(StatusCode::BAD_REQUEST, "idempotency_key_required");
    };
    let Ok(actor) = crate::actor_of(&v.session.account, store::Channel::Portal) else {
        return v.fail(StatusCode::INTERNAL_SERVER_ERROR, "internal");
    };
    let input = app::QuotaApplication {
        iin: form.iin.clone(),
        category: form.category.clone(),
        territory: form.territory.clone(),
        channel: form.channel.clone(),
    };
    match state
        .app
        .submit_quota_application(&input, &actor, key, (state.clock)())
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
                &new_application_page(t, session, errors, &form),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(e) => {
            let api = crate::ApiError::from_app(&e);
            v.fail(api.status, api.code)
        }
    }
}

#[derive(Template)]
#[template(path = "outbox.html")]
struct OutboxPage {
    page: Page,
    messages: Vec<MessageRow>,
}

/// `GET /ui/admin/outbox`: the sandbox SMS channel, for the administrator in demo mode.
pub(crate) async fn outbox<S: Backend, R: Registries + Sync + Send + 'static>(
    State(state): State<Arc<AppState<S, R>>>,
    v: Visit,
) -> Response {
    let (session, t) = (&v.session, v.t);
    if session.account.role != Role::Administrator || !state.sandbox_channels {
        return v.not_found();
    }
    let messages = match state.app.store.recent_messages(50).await {
        Ok(m) => m
            .into_iter()
            .map(|m| MessageRow {
                at: t.datetime(m.created_at),
                recipient: masked_login(&m.recipient),
                text: m.body,
                sent: m.sent_at.is_some(),
            })
            .collect(),
        Err(_) => {
            return v.unavailable();
        }
    };
    html(
        &OutboxPage {
            page: Page::new(t, "ui-outbox-title", Some(session), "/ui/admin/outbox"),
            messages,
        },
        StatusCode::OK,
    )
}

#[derive(Debug, Clone)]
pub struct CountRow {
    pub region: String,
    pub kind: String,
    pub state: String,
    pub count: String,
}

#[derive(Template)]
#[template(path = "stats.html")]
struct StatsPage {
    page: Page,
    rows: Vec<CountRow>,
    total: String,
}

/// `GET /ui/stats`: cases by region, kind and state, for the ministry's analysts; no personal data.
pub(crate) async fn stats<S: Backend, R: Registries + Sync + Send + 'static>(
    State(state): State<Arc<AppState<S, R>>>,
    v: Visit,
) -> Response {
    let (session, t) = (&v.session, v.t);
    if !app::authz::may_see_aggregates(&session.account) {
        return v.not_found();
    }
    let counts = match state.app.store.case_counts().await {
        Ok(c) => c,
        Err(_) => {
            return v.unavailable();
        }
    };
    let total = t.int(counts.iter().map(|c| c.count).sum());
    let rows: Vec<CountRow> = counts
        .into_iter()
        .map(|c| CountRow {
            region: kz::Kato::parse(&format!("{}0000000", c.region))
                .map_or_else(|_| c.region.clone(), |k| t.region(&k)),
            kind: t.m(&format!("ui-kind-{}", c.kind)),
            state: t.m(&format!("ui-state-{}", c.state)),
            count: t.int(c.count),
        })
        .collect();
    html(
        &StatsPage {
            page: Page::new(t, "ui-stats-title", Some(session), "/ui/stats"),
            rows,
            total,
        },
        StatusCode::OK,
    )
}

/// `GET /api/docs`: Swagger UI over `/api/openapi.json`, served from the vendored bundle.
pub(crate) async fn api_docs() -> Response {
    // Swagger UI sets inline styles and shows data: images; this page alone allows them.
    (
        [(
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
        )],
        Html(include_str!("../static/docs.html")),
    )
        .into_response()
}

/// Static files compiled into the binary: the stylesheet, htmx and Swagger UI.
pub(crate) async fn static_file(Path(name): Path<String>) -> Response {
    let (body, kind): (&'static [u8], &'static str) = match name.as_str() {
        "app.css" => (include_bytes!("../static/app.css"), "text/css; charset=utf-8"),
        "htmx.min.js" => (
            include_bytes!("../static/vendor/htmx-2.0.11.min.js"),
            "text/javascript; charset=utf-8",
        ),
        "swagger-ui.js" => (
            include_bytes!("../static/vendor/swagger-ui-bundle-5.35.0.js"),
            "text/javascript; charset=utf-8",
        ),
        "swagger-ui.css" => (
            include_bytes!("../static/vendor/swagger-ui-5.35.0.css"),
            "text/css; charset=utf-8",
        ),
        "docs.js" => (include_bytes!("../static/docs.js"), "text/javascript; charset=utf-8"),
        _ => return (StatusCode::NOT_FOUND, "").into_response(),
    };
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        body,
    )
        .into_response()
}
