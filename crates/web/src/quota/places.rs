//! `GET /ui/quota/places`: the year's quotas with the places taken and left, by territorial unit and category
//! (staff see their region's, analysts every region's).

use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use crate::extract::Visit;
use crate::ui::{Page, html};
use crate::{AppState, Backend, Deps};

#[derive(Debug, Clone)]
pub struct PlaceRow {
    pub territory: String,
    pub code: String,
    pub category: String,
    pub unit: String,
    pub total: String,
    pub allocated: String,
    pub left: String,
    pub exhausted: bool,
}

#[derive(Template)]
#[template(path = "quota/places.html")]
struct PlacesPage {
    page: Page,
    year: i16,
    rows: Vec<PlaceRow>,
}

pub(crate) async fn page<S: Backend, R: Deps>(State(state): State<Arc<AppState<S, R>>>, v: Visit) -> Response {
    let t = v.t;
    let p = v.principal();
    let year = app::kz_today((state.clock)()).year();
    let quotas = match state.app.quotas(&p, year).await {
        Ok(q) => q,
        Err(e) => return v.error(e),
    };
    let rows = quotas
        .iter()
        .filter(|q| {
            p.region
                .as_deref()
                .is_none_or(|r| q.key.territory.as_str().starts_with(r))
        })
        .map(|q| PlaceRow {
            territory: t.region(&q.key.territory),
            code: q.key.territory.as_str().to_owned(),
            category: t.m(&format!("ui-category-{}", q.key.category.key())),
            unit: t.m(&format!("ui-quota-unit-{}", q.unit.key())),
            total: t.int(u64::from(q.total)),
            allocated: t.int(u64::from(q.allocated)),
            left: t.int(u64::from(q.remaining())),
            exhausted: q.remaining() == 0,
        })
        .collect();
    html(
        &PlacesPage {
            page: Page::new(t, "ui-places-title", Some(&v.session), "/ui/quota/places"),
            year,
            rows,
        },
        StatusCode::OK,
    )
}
