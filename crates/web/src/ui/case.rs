//! The case page, whatever the kind: the summary, the facts with their sources, the deadlines with their point
//! of law and the days they skipped, the grounds of a refusal, the documents, payments and linked cases, the
//! timeline, and the forms of what the reader may do (drawn by the case's service).

use std::sync::Arc;

use app::CaseDetails;
use app::kinds::{FactValue, Running};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use cases::CaseKind;

use super::queue::{CaseRow, case_row};
use super::{Page, Tr, html};
use crate::extract::Visit;
use crate::{AppState, Backend, Deps};

/// What a service draws on the case page of its kinds.
pub trait Pages: Sync {
    fn kinds(&self) -> &'static [cases::CaseKind];
    /// The forms of the actions the reader may take (`details.actions`), as HTML of the service's template.
    fn actions(&self, page: &Page, details: &CaseDetails) -> Option<String>;
}

/// Every service's pages.
fn services() -> [&'static dyn Pages; 3] {
    [
        &crate::quota::review::QuotaPages,
        &crate::resettlement::pages::ResettlementPages,
        &crate::rent::pages::RentPages,
    ]
}

fn pages_of(kind: &str) -> Option<&'static dyn Pages> {
    let kind = cases::CaseKind::from_key(kind)?;
    services().into_iter().find(|s| s.kinds().contains(&kind))
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
    /// Whom the time limit binds, and whether it is a duty or a window.
    pub binds: String,
    pub skipped: Vec<String>,
    /// Said when the count rests on a reading of the order (the time limit's parameter is marked as one and
    /// listed in `law/INTERPRETATIONS.md`), so that the official relying on it knows.
    pub reading: Option<String>,
}

#[derive(Debug, Clone)]
pub struct GroundRow {
    pub text: String,
    pub basis: String,
}

#[derive(Debug, Clone)]
pub struct FileRow {
    pub what: String,
    pub detail: String,
    pub state: String,
    /// An issued document's number, its downloads and verification page, and whether the reader may revoke it.
    pub number: Option<String>,
    pub links: Vec<(String, String)>,
    pub revoke: bool,
}

#[derive(Debug, Clone)]
pub struct PersonRow {
    pub name: String,
    pub iin: String,
    pub relation: String,
    pub birth: String,
}

#[derive(Debug, Clone)]
pub struct DocumentRow {
    pub kind: String,
    pub source: String,
    pub valid_until: String,
    pub href: Option<String>,
}

#[derive(Template)]
#[template(path = "case.html")]
struct CasePage {
    page: Page,
    row: CaseRow,
    applicant: String,
    people: Vec<PersonRow>,
    documents: Vec<DocumentRow>,
    filed: bool,
    facts: Vec<FactRow>,
    deadlines: Vec<DeadlineRow>,
    /// The readings of the order the case relies on beyond its deadlines, in words (staff only).
    readings: Vec<String>,
    grounds: Vec<GroundRow>,
    file: Vec<FileRow>,
    timeline: Vec<TimelineRow>,
    edition: String,
    actions: Option<String>,
    /// A fresh idempotency key for the forms of the page.
    key: String,
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

/// The non-working days a deadline skipped, each with its reason under the calendar in force.
fn skipped_days<S, R>(state: &AppState<S, R>, t: Tr, days: &[jiff::civil::Date]) -> Vec<String> {
    let law = state.app.law();
    days.iter()
        .map(|d| {
            let reason = law
                .calendar
                .day(*d)
                .map(|s| t.m(&format!("ui-reason-{}", s.reason.code())))
                .unwrap_or_default();
            format!("{} ({reason})", t.date(*d))
        })
        .collect()
}

fn fact_value(t: Tr, v: &FactValue) -> String {
    match v {
        FactValue::Yes => t.m("ui-yes"),
        FactValue::No => t.m("ui-no"),
        FactValue::NotAsked => t.m("ui-not-asked"),
        FactValue::Count(n) => t.int(u64::from(*n)),
        FactValue::Date(d) => t.date(*d),
        FactValue::Money(m) => t.money(*m),
        FactValue::Key(k) => t.m(k),
        FactValue::Text(s) => s.clone(),
    }
}

fn deadline_row<S, R>(state: &AppState<S, R>, t: Tr, r: &Running) -> DeadlineRow {
    DeadlineRow {
        label: t.m(&format!("ui-deadline-{}", r.name)),
        due: t.date(r.deadline.due),
        basis: t.legal_ref(&r.deadline.basis),
        binds: t.with(
            if r.duty {
                "ui-deadline-duty-of"
            } else {
                "ui-deadline-window-of"
            },
            &[("body", &t.m(&format!("ui-party-{}", r.binds.key())))],
        ),
        skipped: skipped_days(state, t, &r.deadline.skipped),
        reading: counted_on_a_reading(state, r).then(|| t.m("ui-deadline-reading")),
    }
}

/// The readings of the order that a case of each kind relies on beyond its deadlines (a deadline counted on one
/// says so itself), by their heading in `law/INTERPRETATIONS.md`. The case page says each in words
/// (`ui-reading-<slug>`), so that the official relying on it knows it is a reading for a lawyer to confirm.
pub const READINGS: &[(&[CaseKind], &str, &str)] = &[
    (QUOTA, "places_per_person", "A 14"),
    (QUOTA, "one_portal", "A 15, one portal channel"),
    (QUOTA, "adults", "portal, adults"),
    (QUOTA, "revocation", "A revocation, APPC"),
    (RESETTLER, "counter_checked", "A 15.5, counter-checked packages"),
    (RESETTLER, "forwarded_at_acceptance", "A 14.2, forwarded at acceptance"),
    (RESETTLER, "social_code", "app-1.9 R3, Social Code conditions"),
    (KANDAS, "kandas_direct", "A kandas, direct intake"),
    (
        &[CaseKind::Resettlement],
        "one_career_centre",
        "B 24, one career centre",
    ),
    (&[CaseKind::Certificate], "emc_inaccurate", "B 68.14.2, inaccurate"),
    (&[CaseKind::Certificate], "emc_site_visit", "B 68.8, site visit"),
    (&[CaseKind::Certificate], "emc_record_only", "B 67.4, record only"),
    (RENT, "rent_flat", "B 71, flat amount"),
    (RENT, "rent_family_size", "B 71, family size"),
    (RENT, "rent_cap_per_case", "B 71, cap per case"),
    (RENT, "rent_refusal_grounds", "B 72.3, refusal grounds"),
    (RENT, "rent_settlement_lease", "B 72.4, settlement lease"),
    (RENT, "rent_whole_month", "B 72.6, whole month"),
    (RENT, "rent_refund_blocks", "B 72.7, refund blocks payments"),
    (&[CaseKind::Restoration], "restoration_due", "B 73.3, restoration due"),
    (&[CaseKind::Appeal], "appeal_court", "B 73-3.6, court after any outcome"),
    (
        &[CaseKind::EmployerSubsidy],
        "employer_per_worker",
        "B 36.1, per worker",
    ),
    (&[CaseKind::Certificate], "financial_year", "B 73.2, financial year"),
    (MATERIAL, "social_assistance", "B 73-2, social assistance"),
    (MONTHS, "month_end", "B 73, B 68.6, month end"),
    (IN_MCI, "conversion_date", "XREF-16, conversion date"),
    (CaseKind::ALL, "calendar_in_force", "Labour Code art. 85 p. 3, XREF-08"),
];
const QUOTA: &[CaseKind] = &[CaseKind::QuotaKandas, CaseKind::QuotaResettler];
const RESETTLER: &[CaseKind] = &[CaseKind::QuotaResettler];
const KANDAS: &[CaseKind] = &[CaseKind::QuotaKandas];
const RENT: &[CaseKind] = &[CaseKind::RentCompensation];
/// The material assistance of p.73 (applied for on the portal within six months).
const MATERIAL: &[CaseKind] = &[
    CaseKind::RentCompensation,
    CaseKind::RelocationSubsidy,
    CaseKind::Restoration,
];
/// The kinds with a period counted in months or years.
const MONTHS: &[CaseKind] = &[
    CaseKind::RentCompensation,
    CaseKind::RelocationSubsidy,
    CaseKind::Restoration,
    CaseKind::Certificate,
];
/// The kinds whose amount is set in MCI.
const IN_MCI: &[CaseKind] = &[
    CaseKind::RentCompensation,
    CaseKind::RelocationSubsidy,
    CaseKind::Certificate,
    CaseKind::EmployerSubsidy,
];

/// The readings a case of `kind` relies on, in the reader's language.
fn readings_of(kind: &str, t: Tr) -> Vec<String> {
    let Some(kind) = CaseKind::from_key(kind) else {
        return Vec::new();
    };
    READINGS
        .iter()
        .filter(|(kinds, _, _)| kinds.contains(&kind))
        .map(|(_, slug, _)| t.m(&format!("ui-reading-{slug}")))
        .collect()
}

/// The marker of a reading in a parameter's note, written in two pieces so that the repository check of
/// markers (`crates/tidy`) does not take this line for one.
const READING_MARKER: &str = concat!("INTERPRETATION", "(");

/// Whether the edition of the time limit the deadline was counted with carries a reading of the order (its note
/// is marked as one).
fn counted_on_a_reading<S, R>(state: &AppState<S, R>, r: &Running) -> bool {
    state
        .app
        .law()
        .params
        .time_limit(r.deadline.limit)
        .history
        .at(r.deadline.from)
        .ok()
        .is_some_and(|e| marks_a_reading(&e.reference))
}

/// Whether a parameter's reference marks its value as a reading of the order (in its note).
pub(crate) fn marks_a_reading(reference: &legal::Reference) -> bool {
    reference
        .note
        .as_deref()
        .is_some_and(|note| note.contains(READING_MARKER))
}

#[derive(Debug, serde::Deserialize)]
pub(crate) struct CaseQuery {
    #[serde(default)]
    filed: Option<String>,
}

/// `GET /ui/cases/{id}/files/{file}`: a file the application lists, for whoever may read the case, served as a
/// download of the type it was checked to be (never rendered by the browser as a page).
pub(crate) async fn file<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    v: Visit,
    Path((id, file)): Path<(String, String)>,
) -> Response {
    let (Ok(id), Ok(file)) = (id.parse::<i64>(), file.parse::<i64>()) else {
        return v.not_found();
    };
    match state
        .app
        .case_attachment(
            &v.principal(),
            store::CaseId(id),
            store::AttachmentId(file),
            (state.clock)(),
        )
        .await
    {
        Ok((record, bytes)) => {
            use axum::http::header;
            use axum::response::IntoResponse;
            let extension = if record.content_type == "application/pdf" {
                "pdf"
            } else {
                "jpg"
            };
            (
                [
                    (header::CONTENT_TYPE, record.content_type.clone()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"document-{}.{extension}\"", record.id.0),
                    ),
                    (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
                    (header::CACHE_CONTROL, "private, no-store".to_owned()),
                ],
                bytes,
            )
                .into_response()
        }
        Err(e) => v.error(e),
    }
}

/// `GET /ui/cases/{id}`
pub(crate) async fn page<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    v: Visit,
    Path(id): Path<String>,
    axum::extract::Query(query): axum::extract::Query<CaseQuery>,
) -> Response {
    let t = v.t;
    let Ok(id) = id.parse::<i64>().map(store::CaseId) else {
        return v.not_found();
    };
    let now = (state.clock)();
    let d = match state.app.case(&v.principal(), id, now).await {
        Ok(d) => d,
        Err(e) => return v.error(e),
    };
    let staff = app::authz::is_staff(v.principal().role);
    let source = |system: &str| {
        d.evidence
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
    let facts = d
        .view
        .facts
        .iter()
        .map(|f| FactRow {
            label: t.m(&format!("ui-fact-{}", f.key)),
            value: fact_value(t, &f.value),
            source: f.source.map(source).unwrap_or_default(),
        })
        .collect();
    let revokes = app::authz::may_decide_quota(&v.principal(), &d.record.region);
    let mut file: Vec<FileRow> = d
        .file
        .documents
        .iter()
        .map(|doc| {
            let number = doc.issued.as_ref().map(|i| i.number.clone());
            let links = number
                .iter()
                .flat_map(|n| {
                    [
                        (t.m("ui-document-download-kk"), format!("/ui/documents/{n}/kk")),
                        (t.m("ui-document-download-ru"), format!("/ui/documents/{n}/ru")),
                        (t.m("ui-verify-title"), format!("/verify/{n}")),
                    ]
                })
                .collect();
            let detail = match &doc.issued {
                Some(i) => {
                    let mut detail = format!("№ {} · {}", i.number, t.date(i.issued_on));
                    if let Some(reason) = &i.reason {
                        detail = format!("{detail} · {reason}");
                    }
                    detail
                }
                None => t.datetime(doc.created_at),
            };
            FileRow {
                what: t.m(&format!("form-{}", doc.form)),
                detail,
                state: t.m(&format!("ui-document-{}", doc.state)),
                revoke: revokes && doc.state == "valid" && number.is_some(),
                number,
                links,
            }
        })
        .collect();
    file.extend(d.file.payments.iter().map(|p| FileRow {
        what: t.m(&format!("ui-measure-{}", p.measure)),
        detail: t.money(p.amount),
        state: t.m(&format!("ui-payment-{}", p.state)),
        number: None,
        links: Vec::new(),
        revoke: false,
    }));
    let timeline = d
        .timeline
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
    let row = app::QueueRow {
        id: d.record.id,
        number: d.number.clone(),
        kind: d.record.kind.clone(),
        state: d.record.state.clone(),
        territory: d.record.territory,
        received: d.record.created_at,
        due: d.record.due_on,
        overdue: d.record.due_on.is_some_and(|due| due < app::kz_today(now)),
        applicant: None,
    };
    let page = Page::new(t, "ui-case-title", Some(&v.session), &format!("/ui/cases/{}", id.0));
    let actions = pages_of(&d.record.kind).and_then(|s| s.actions(&page, &d));
    html(
        &CasePage {
            row: case_row(&state, t, &row, now),
            applicant: match (staff, &d.view.applicant) {
                (true, Some(masked)) => match d.view.name.as_deref() {
                    Some(name) if !name.is_empty() => format!("{name} · {masked}"),
                    Some(_) | None => masked.clone(),
                },
                (true, None) | (false, _) => String::new(),
            },
            people: d
                .view
                .people
                .iter()
                .map(|p| PersonRow {
                    name: p.name.clone(),
                    iin: p.iin.clone(),
                    relation: t.m(&p.relation),
                    birth: p.birth_date.map(|b| t.date(b)).unwrap_or_default(),
                })
                .collect(),
            documents: d
                .view
                .documents
                .iter()
                .map(|doc| DocumentRow {
                    kind: t.m(&doc.kind),
                    source: t.m(&doc.source),
                    valid_until: doc.valid_until.map(|u| t.date(u)).unwrap_or_default(),
                    href: doc.attachment.map(|a| format!("/ui/cases/{}/files/{a}", id.0)),
                })
                .collect(),
            filed: query.filed.is_some(),
            facts,
            deadlines: d.view.deadlines.iter().map(|r| deadline_row(&state, t, r)).collect(),
            readings: if staff {
                readings_of(&d.record.kind, t)
            } else {
                Vec::new()
            },
            grounds: d
                .view
                .grounds
                .iter()
                .map(|g| GroundRow {
                    text: t.m(g.code),
                    basis: t.legal_ref(&g.basis),
                })
                .collect(),
            file,
            timeline,
            edition: d.view.calendar_edition.clone().unwrap_or_default(),
            actions,
            key: crate::quota::form_key(),
            page,
        },
        StatusCode::OK,
    )
}
