//! The personal cabinet: an applicant's cases (their own and their family's) with their status (QUOTA-09),
//! the notices sent to them, and for an employer's representative their organisation.

use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::queue::{CaseRow, case_row};
use super::{MessageRow, Page, html, message_text, start_page};
use crate::extract::Visit;
use crate::{AppState, Backend, Deps};

/// The messages a cabinet shows.
const MESSAGES: u32 = 20;

#[derive(Debug, Clone)]
pub struct Organisation {
    pub name: String,
    pub bin: String,
    pub region: String,
    pub source: String,
}

#[derive(Template)]
#[template(path = "cabinet.html")]
struct CabinetPage {
    page: Page,
    rows: Vec<CaseRow>,
    show_applicant: bool,
    messages: Vec<MessageRow>,
    /// For an employer's representative: the organisation of their BIN, as the legal-entities registry holds it.
    organisation: Option<Organisation>,
    employer: bool,
}

/// `GET /ui/cabinet`
pub(crate) async fn page<S: Backend, R: Deps>(State(state): State<Arc<AppState<S, R>>>, v: Visit) -> Response {
    let t = v.t;
    if start_page(v.session.account()) != "/ui/cabinet" {
        return Redirect::to(start_page(v.session.account())).into_response();
    }
    let now = (state.clock)();
    let p = v.principal();
    let rows = match state.app.cabinet(&p, now).await {
        Ok(rows) => rows.iter().map(|r| case_row(&state, t, r, now)).collect(),
        Err(e) => return v.error(e),
    };
    let employer = p.role == store::Role::Employer;
    let organisation = match &p.subject {
        Some(store::Party::Organisation(bin)) => registries::LegalEntities::entity(state.app.registries(), bin, now)
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
        Some(store::Party::Person(_)) | None => None,
    };
    let messages = state
        .app
        .my_messages(&p, MESSAGES)
        .await
        .unwrap_or_default()
        .into_iter()
        // One line per notice: the cabinet copy stands for its SMS and e-mail.
        .filter(|m| !(m.template.starts_with("notice_") && m.channel != "cabinet"))
        .map(|m| MessageRow {
            at: t.datetime(m.created_at),
            text: message_text(t, &m),
            recipient: String::new(),
            channel: String::new(),
            sent: m.sent_at.is_some(),
        })
        .collect();
    html(
        &CabinetPage {
            page: Page::new(t, "ui-cabinet-title", Some(&v.session), "/ui/cabinet"),
            rows,
            show_applicant: false,
            messages,
            organisation,
            employer,
        },
        StatusCode::OK,
    )
}
