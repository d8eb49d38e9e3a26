//! The web interface: server-rendered pages (askama) that work without JavaScript; htmx, when present, only
//! refreshes the queue table in place. Every text comes from the kk/ru catalogs of `render`; Kazakh is the
//! default, the Russian switch is kept in a cookie and, for a signed-in person, on the account.
//!
//! Pages call the use cases, which authorise: a page the person may not see answers exactly like a page that
//! does not exist (404), and staff reads of a case are audited.

pub mod account;
pub mod cabinet;
pub mod case;
pub mod queue;
pub mod sign_in;

use std::sync::{Arc, LazyLock};

use app::identity::Session;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use render::{Catalog, Lang};
use store::Role;

use crate::extract::{Visit, session_token};
use crate::{AppState, Backend, Deps, RequestId};

static CATALOG: LazyLock<Catalog> = LazyLock::new(Catalog::new);

/// The cookie that keeps the language of someone not signed in.
pub const LANG_COOKIE: &str = "qonys_lang";

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
        let at = app::kz_time(ts);
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

    /// A region by its two-digit KATO prefix.
    pub fn region_of(&self, prefix: &str) -> String {
        kz::Kato::parse(&format!("{prefix}0000000")).map_or_else(|_| prefix.to_owned(), |k| self.region(&k))
    }

    /// The basis a record stores (`rules-a 15.4`) in words of the language.
    pub fn basis(&self, stored: &str) -> String {
        CATALOG.basis(self.lang, stored)
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
    /// Receives quota applications (the State Corporation, career centres).
    pub submits: bool,
    /// Sees the figures page (analysts, administrators).
    pub aggregates: bool,
    /// Applies on the portal for themselves.
    pub citizen: bool,
    /// Sees the quotas and the places left (staff and analysts).
    pub places: bool,
    /// Applies for voluntary resettlement: a citizen for themselves, a career centre for a person it receives.
    pub resettles: bool,
    /// Pays the measures of its region (the Labour Mobility Centre).
    pub payroll: bool,
}

/// A login as pages show it: an IIN masked.
pub fn masked_login(login: &str) -> String {
    kz::Iin::parse(login).map_or_else(|_| login.to_owned(), |iin| iin.masked())
}

impl Page {
    pub fn new(t: Tr, title_key: &str, session: Option<&Session>, path: &str) -> Page {
        Page {
            t,
            title: t.m(title_key),
            user: session.map(|s| {
                let p = s.principal(store::Channel::Portal);
                UserView {
                    name: masked_login(&s.account().login),
                    role: t.m(&format!("ui-role-{}", s.account().role.key())),
                    staff: app::authz::is_staff(p.role),
                    admin: p.role == Role::Administrator,
                    aggregates: app::authz::may_see_aggregates(&p),
                    submits: app::authz::may_receive_quota_application(&p, p.region.as_deref().unwrap_or("00")),
                    citizen: p.role == Role::Citizen,
                    places: app::authz::is_staff(p.role) || app::authz::may_see_aggregates(&p),
                    resettles: matches!(p.role, Role::Citizen | Role::CareerCentre),
                    payroll: p.region.as_deref().is_some_and(|r| app::rent::may_decide_rent(&p, r)),
                }
            }),
            csrf: session.map(|s| s.csrf().to_owned()).unwrap_or_default(),
            path: path.to_owned(),
        }
    }
}

/// The language of a request: the account's choice, else the cookie, else Russian when the browser prefers it
/// to Kazakh, else Kazakh.
pub fn lang_of(headers: &HeaderMap, chosen: Option<&str>) -> Lang {
    if let Some(lang) = chosen.and_then(|l| l.parse().ok()) {
        return lang;
    }
    if let Some(lang) = crate::extract::cookie(headers, LANG_COOKIE).and_then(|l| l.parse().ok()) {
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
pub(crate) async fn session_of<S: Backend, R: Deps>(state: &AppState<S, R>, headers: &HeaderMap) -> Option<Session> {
    let token = session_token(headers)?;
    state.app.session(token, (state.clock)()).await.ok()
}

pub fn html(template: &impl Template, status: StatusCode) -> Response {
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
pub fn error_page(
    t: Tr,
    session: Option<&Session>,
    status: StatusCode,
    code: &str,
    request_id: Option<&RequestId>,
) -> Response {
    error_page_text(t, session, status, t.m(code), request_id)
}

/// An error page with its message already in words (a message with arguments).
pub fn error_page_text(
    t: Tr,
    session: Option<&Session>,
    status: StatusCode,
    message: String,
    request_id: Option<&RequestId>,
) -> Response {
    let page = ErrorPage {
        page: Page::new(t, "ui-error-title", session, "/ui"),
        message,
        request_id: request_id.map(|r| r.0.clone()).unwrap_or_default(),
    };
    html(&page, status)
}

/// Where a person lands after signing in.
pub fn start_page(account: &store::AccountRecord) -> &'static str {
    let p = app::Principal::of(account, store::Channel::Portal);
    if app::authz::is_staff(p.role) {
        "/ui/queue"
    } else if app::authz::may_see_aggregates(&p) {
        "/ui/stats"
    } else {
        "/ui/cabinet"
    }
}

pub(crate) fn to_sign_in() -> Response {
    Redirect::to("/ui/sign-in").into_response()
}

/// `GET /`: where a person starts.
pub(crate) async fn home<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    headers: HeaderMap,
) -> Response {
    match session_of(&state, &headers).await {
        None => to_sign_in(),
        Some(s) => Redirect::to(start_page(s.account())).into_response(),
    }
}

/// One choice of a select list.
#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// The choices of `values`, labelled by the catalog keys `prefix` + value.
pub fn choices(t: Tr, prefix: &str, values: &[&str], selected: &str) -> Vec<Choice> {
    values
        .iter()
        .map(|v| Choice {
            value: (*v).to_owned(),
            label: t.m(&format!("{prefix}{v}")),
            selected: *v == selected,
        })
        .collect()
}

/// A message as the reader's cabinet shows it: a notice in the reader's language from its template, anything
/// else as it was sent.
pub fn message_text(t: Tr, m: &store::Message) -> String {
    let args: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&m.args).unwrap_or_default();
    if m.template.starts_with("notice_") {
        let text = t.m(&m.template);
        match args.get("number").and_then(serde_json::Value::as_str) {
            Some(number) if !number.is_empty() => {
                t.with("notice-about-case", &[("number", number), ("text", text.as_str())])
            }
            Some(_) | None => text,
        }
    } else {
        m.body.clone()
    }
}

#[derive(Debug, Clone)]
pub struct MessageRow {
    pub at: String,
    pub text: String,
    pub recipient: String,
    pub channel: String,
    pub sent: bool,
}

#[derive(Template)]
#[template(path = "outbox.html")]
struct OutboxPage {
    page: Page,
    messages: Vec<MessageRow>,
}

/// `GET /ui/admin/outbox`: the sandbox SMS and e-mail channels, for the administrator in demo mode.
pub(crate) async fn outbox<S: Backend, R: Deps>(State(state): State<Arc<AppState<S, R>>>, v: Visit) -> Response {
    let t = v.t;
    let messages = match state.app.sandbox_messages(&v.principal(), 50).await {
        Ok(m) => m
            .into_iter()
            .map(|m| MessageRow {
                at: t.datetime(m.created_at),
                recipient: masked_login(&m.recipient),
                channel: t.m(&format!("ui-message-channel-{}", m.channel)),
                text: m.body,
                sent: m.sent_at.is_some(),
            })
            .collect(),
        Err(e) => return v.error(e),
    };
    html(
        &OutboxPage {
            page: Page::new(t, "ui-outbox-title", Some(&v.session), "/ui/admin/outbox"),
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
pub(crate) async fn stats<S: Backend, R: Deps>(State(state): State<Arc<AppState<S, R>>>, v: Visit) -> Response {
    let t = v.t;
    let counts = match state.app.statistics(&v.principal()).await {
        Ok(c) => c,
        Err(e) => return v.error(e),
    };
    let total = t.int(counts.iter().map(|c| c.count).sum());
    let rows: Vec<CountRow> = counts
        .into_iter()
        .map(|c| CountRow {
            region: t.region_of(&c.region),
            kind: t.m(&format!("ui-kind-{}", c.kind)),
            state: t.m(&format!("ui-state-{}", c.state)),
            count: t.int(c.count),
        })
        .collect();
    html(
        &StatsPage {
            page: Page::new(t, "ui-stats-title", Some(&v.session), "/ui/stats"),
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
        Html(include_str!("../../static/docs.html")),
    )
        .into_response()
}

/// Static files compiled into the binary: the stylesheet, htmx and Swagger UI.
pub(crate) async fn static_file(Path(name): Path<String>) -> Response {
    let (body, kind): (&'static [u8], &'static str) = match name.as_str() {
        "app.css" => (include_bytes!("../../static/app.css"), "text/css; charset=utf-8"),
        "htmx.min.js" => (
            include_bytes!("../../static/vendor/htmx-2.0.11.min.js"),
            "text/javascript; charset=utf-8",
        ),
        "swagger-ui.js" => (
            include_bytes!("../../static/vendor/swagger-ui-bundle-5.35.0.js"),
            "text/javascript; charset=utf-8",
        ),
        "swagger-ui.css" => (
            include_bytes!("../../static/vendor/swagger-ui-5.35.0.css"),
            "text/css; charset=utf-8",
        ),
        "docs.js" => (include_bytes!("../../static/docs.js"), "text/javascript; charset=utf-8"),
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
