//! The staff work queue: the cases of the staff member's region (or of the region national staff choose),
//! soonest deadline first, overdue ones marked, in pages; filters by kind, state, channel and overdue; a case
//! found by its application number, or a person's cases by IIN (an audited search).

use std::sync::Arc;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::{Choice, Page, Tr, choices, html};
use crate::extract::Visit;
use crate::{AppState, Backend, Deps};

/// Rows of a page of the queue.
const PAGE: u32 = 50;
/// The channels an application comes in through.
const CHANNELS: &[&str] = &["portal", "state_corporation", "career_centre"];

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
    /// The applicant's name and masked IIN, for staff.
    pub applicant: String,
}

pub(crate) fn case_row<S, R>(state: &AppState<S, R>, t: Tr, r: &app::QueueRow, now: jiff::Timestamp) -> CaseRow {
    let today = app::kz_today(now);
    let (due, due_in) = match r.due {
        None => (String::new(), String::new()),
        Some(due) => {
            let left = state.app.law().calendar.working_days_between(today, due).ok();
            let text = match left {
                Some(n) if n < 0 => t.count("ui-overdue-by", "days", n.unsigned_abs().into()),
                Some(0) => t.m("ui-due-today"),
                Some(n) => t.count("ui-working-days-left", "days", n.unsigned_abs().into()),
                None => String::new(),
            };
            (t.date(due), text)
        }
    };
    CaseRow {
        id: r.id.0,
        number: r.number.clone(),
        kind: t.m(&format!("ui-kind-{}", r.kind)),
        state: t.m(&format!("ui-state-{}", r.state)),
        territory: t.region(&r.territory),
        received: t.date(app::kz_today(r.received)),
        due,
        due_in,
        overdue: r.overdue,
        applicant: r
            .applicant
            .as_ref()
            .map(|(masked, name)| {
                if name.is_empty() {
                    masked.clone()
                } else {
                    format!("{name} · {masked}")
                }
            })
            .unwrap_or_default(),
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(crate) struct QueueQuery {
    kind: String,
    /// Absent: the cases awaiting the role's action; empty: every state; `mine`: awaiting; else one state.
    state: Option<String>,
    region: String,
    channel: String,
    /// `1`: only overdue cases.
    overdue: String,
    /// An application number to open (`QN-55-2026-000123`).
    number: String,
    /// A person's IIN to find their cases.
    iin: String,
    /// The page after this case (`due.id`).
    after: String,
}

#[derive(Template)]
#[template(path = "queue.html")]
struct QueuePage {
    page: Page,
    rows: Vec<CaseRow>,
    show_applicant: bool,
    kinds: Vec<Choice>,
    states: Vec<Choice>,
    channels: Vec<Choice>,
    /// The role has cases awaiting its action: the state filter offers them, chosen by default.
    awaiting: bool,
    awaiting_selected: bool,
    any_selected: bool,
    overdue: bool,
    regions: Vec<Choice>,
    scope: String,
    /// How many cases the filter finds in all, in words of the language.
    total: String,
    /// The link to the next page, when there is one.
    next: Option<String>,
    /// The application number asked for, and why it is not one.
    number: String,
    number_error: Option<String>,
    /// The IIN asked for, why it is not one, and whether a search was made.
    iin: String,
    iin_error: Option<String>,
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

fn cursor(s: &str) -> Option<store::Cursor> {
    let (due, id) = s.split_once('.')?;
    Some(store::Cursor {
        due_on: if due == "-" { None } else { Some(due.parse().ok()?) },
        id: store::CaseId(id.parse().ok()?),
    })
}

/// `GET /ui/queue`
pub(crate) async fn page<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    v: Visit,
    Query(q): Query<QueueQuery>,
) -> Response {
    let t = v.t;
    let p = v.principal();
    if !app::authz::is_staff(p.role) {
        return v.not_found();
    }
    let now = (state.clock)();
    // An application number opens its case; the case page answers a case of another region like a missing one.
    let number = q.number.trim();
    let mut number_error = None;
    if !number.is_empty() {
        match state.app.find_number(&p, number) {
            Ok(id) => return Redirect::to(&format!("/ui/cases/{}", id.0)).into_response(),
            Err(app::AppError::Invalid(fields)) => {
                number_error = Some(t.m(fields.first().map_or("application_number_format", |f| f.code)));
            }
            Err(e) => return v.error(e),
        }
    }
    let (kinds, states) = app::cases_view::kinds_and_states();
    let awaiting = app::cases_view::awaiting(p.role);
    let state_filter = match q.state.as_deref() {
        None if !awaiting.is_empty() => "mine",
        None => "",
        Some(s) => s,
    };
    let iin = q.iin.trim();
    let mut iin_error = None;
    let (rows, total, next, region) = if iin.is_empty() {
        let filter = app::QueueFilter {
            kind: (!q.kind.is_empty()).then(|| q.kind.clone()),
            states: match state_filter {
                "mine" => app::cases_view::States::Awaiting,
                "" => app::cases_view::States::Any,
                one => app::cases_view::States::One(one.to_owned()),
            },
            region: (q.region.len() == 2).then(|| q.region.clone()),
            channel: (!q.channel.is_empty()).then(|| q.channel.clone()),
            overdue: q.overdue == "1",
            after: cursor(&q.after),
            limit: PAGE,
        };
        match state.app.queue(&p, &filter, now).await {
            Ok(queue) => (queue.rows, queue.total, queue.next, queue.region),
            Err(e) => return v.error(e),
        }
    } else {
        match state.app.find_person(&p, iin, now).await {
            Ok(rows) => {
                let total = u64::try_from(rows.len()).unwrap_or(u64::MAX);
                (rows, total, None, p.region.clone())
            }
            Err(app::AppError::Invalid(fields)) => {
                iin_error = Some(t.m(fields.first().map_or("iin_length", |f| f.code)));
                (Vec::new(), 0, None, p.region.clone())
            }
            Err(e) => return v.error(e),
        }
    };
    let next = next.map(|c| {
        let mut query = form_urlencoded::Serializer::new(String::new());
        query
            .append_pair("kind", &q.kind)
            .append_pair("state", state_filter)
            .append_pair("region", &q.region)
            .append_pair("channel", &q.channel)
            .append_pair("overdue", &q.overdue)
            .append_pair(
                "after",
                &format!(
                    "{}.{}",
                    c.due_on.map_or_else(|| "-".to_owned(), |d| d.to_string()),
                    c.id.0
                ),
            );
        format!("/ui/queue?{}", query.finish())
    });
    let known = |v: &str| states.contains(&v);
    let scope = region
        .as_deref()
        .map_or_else(|| t.m("ui-all-regions"), |r| t.region_of(r));
    let invalid = number_error.is_some() || iin_error.is_some();
    html(
        &QueuePage {
            page: Page::new(t, "ui-queue-title", Some(&v.session), "/ui/queue"),
            rows: rows.iter().map(|r| case_row(&state, t, r, now)).collect(),
            show_applicant: true,
            kinds: choices(t, "ui-kind-", &kinds, &q.kind),
            states: choices(t, "ui-state-", &states, state_filter),
            channels: choices(t, "ui-channel-", CHANNELS, &q.channel),
            awaiting: !awaiting.is_empty(),
            awaiting_selected: state_filter == "mine" && !awaiting.is_empty(),
            any_selected: !known(state_filter) && state_filter != "mine",
            overdue: q.overdue == "1",
            regions: if p.region.is_none() {
                region_choices(t, &q.region)
            } else {
                Vec::new()
            },
            scope,
            total: t.with(
                if iin.is_empty() {
                    "ui-queue-total"
                } else {
                    "ui-search-found"
                },
                &[("count", &t.int(total))],
            ),
            next,
            number: number.to_owned(),
            number_error,
            iin: iin.chars().take(12).collect(),
            iin_error,
        },
        if invalid {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        },
    )
}
