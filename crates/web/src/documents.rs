//! Issued documents on the web: the public verification page of a document by its number (no sign-in: what a
//! bank or a police officer needs, and the check of an uploaded file), its JSON twin, the download of a signed
//! file by whoever may read the case, and the revocation of a document with its reason.

use std::sync::Arc;

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use render::Lang;
use serde_json::{Value, json};

use crate::error::ApiError;
use crate::extract::{ApiSession, ApiWrite, Key, PageForm, Visit};
use crate::ui::{Page, Tr, html, lang_of, session_of};
use crate::{AppState, Backend, Deps};

/// A document's head as the verification page shows it.
#[derive(Debug, Clone)]
pub(crate) struct DocumentView {
    pub number: String,
    pub form: String,
    pub date: String,
    pub issuer: String,
    pub state_key: String,
    pub state: String,
    pub reason: Option<String>,
}

fn view(t: Tr, d: &app::issuing::PublicDocument) -> DocumentView {
    DocumentView {
        number: d.number.clone(),
        form: t.m(&format!("form-{}", d.form)),
        date: t.date(d.issued_on),
        issuer: d.issuer.get(t.lang).to_owned(),
        state_key: d.state.clone(),
        state: t.m(&format!("ui-document-{}", d.state)),
        reason: d.reason.clone(),
    }
}

#[derive(Template)]
#[template(path = "documents/verify.html")]
struct VerifyPage {
    page: Page,
    number: String,
    document: Option<DocumentView>,
    /// The verdict on an uploaded file: whether it is the original, and the signature's words.
    upload: Option<(bool, String)>,
}

/// Whether a number can name a document (what the renderer accepts), so nothing else reaches the store.
fn plausible(number: &str) -> bool {
    !number.is_empty() && number.len() <= 64 && number.bytes().all(|b| b.is_ascii_alphanumeric() || b"-.".contains(&b))
}

async fn verify_response<S: Backend, R: Deps>(
    state: &AppState<S, R>,
    headers: &HeaderMap,
    number: &str,
    upload: Option<(bool, String)>,
) -> Response {
    let session = session_of(state, headers).await;
    let t = Tr {
        lang: lang_of(headers, None),
    };
    let document = if plausible(number) {
        state.app.verify_document(number).await.ok().map(|d| view(t, &d))
    } else {
        None
    };
    let status = if document.is_some() {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    let mut response = html(
        &VerifyPage {
            page: Page::new(t, "ui-verify-title", session.as_ref(), &format!("/verify/{number}")),
            number: number.to_owned(),
            document,
            upload,
        },
        status,
    );
    // What the page says changes with the document's state: never from a cache.
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    response
}

/// `GET /verify/{number}`: the document's type, number, date, issuing body and status, for anyone.
pub(crate) async fn verify_page<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    headers: HeaderMap,
    Path(number): Path<String>,
) -> Response {
    verify_response(&state, &headers, &number, None).await
}

/// The first file of a `multipart/form-data` body, bounded.
async fn uploaded_file(headers: &HeaderMap, body: axum::body::Body) -> Option<Vec<u8>> {
    let boundary = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| multer::parse_boundary(v).ok())?;
    let limit = u64::try_from(app::issuing::MAX_UPLOAD).unwrap_or(u64::MAX) + 1024;
    let mut multipart = multer::Multipart::with_constraints(
        body.into_data_stream(),
        boundary,
        multer::Constraints::new().size_limit(multer::SizeLimit::new().whole_stream(limit)),
    );
    while let Ok(Some(field)) = multipart.next_field().await {
        if field.file_name().is_some() {
            return field.bytes().await.ok().map(|b| b.to_vec());
        }
    }
    None
}

/// `POST /verify/{number}`: an uploaded PDF checked against the document (no sign-in; it changes nothing).
pub(crate) async fn verify_upload<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    Path(number): Path<String>,
    request: Request,
) -> Response {
    let (parts, body) = request.into_parts();
    let headers = parts.headers;
    let t = Tr {
        lang: lang_of(&headers, None),
    };
    let verdict = match uploaded_file(&headers, body).await {
        Some(pdf) if plausible(&number) => match state.app.verify_upload(Some(&number), &pdf, (state.clock)()).await {
            Ok(check) => {
                let words = t.m(&format!("ui-signature-{}", check.signature));
                Some((check.original, words))
            }
            Err(e) => Some((false, t.m(ApiError::from(e).message_key()))),
        },
        Some(_) | None => Some((false, t.m("file_empty"))),
    };
    verify_response(&state, &headers, &number, verdict).await
}

fn document_json(d: &app::issuing::PublicDocument) -> Value {
    json!({
        "number": d.number,
        "form": d.form,
        "issued_on": d.issued_on.to_string(),
        "issuer": { "kk": d.issuer.kk, "ru": d.issuer.ru },
        "status": d.state,
        "reason": d.reason,
    })
}

/// `GET /api/v1/documents/{number}`: the public head of a document.
pub(crate) async fn head<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    Path(number): Path<String>,
) -> Result<Json<Value>, ApiError> {
    if !plausible(&number) {
        return Err(ApiError::not_found());
    }
    let d = state.app.verify_document(&number).await?;
    Ok(Json(document_json(&d)))
}

/// `POST /api/v1/documents/{number}/verification` with the PDF as the body: whether it is the original.
pub(crate) async fn verification<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    Path(number): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    if !plausible(&number) {
        return Err(ApiError::not_found());
    }
    let check = state.app.verify_upload(Some(&number), &body, (state.clock)()).await?;
    Ok(Json(json!({
        "original": check.original,
        "signature": check.signature,
        "document": check.document.as_ref().map(document_json),
    })))
}

#[derive(Debug, serde::Deserialize)]
pub(crate) struct LangQuery {
    #[serde(default)]
    lang: Option<String>,
}

fn pdf_response(number: &str, lang: Lang, pdf: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{number}-{}.pdf\"", lang.code()),
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        pdf,
    )
        .into_response()
}

/// `GET /api/v1/documents/{number}/pdf?lang=kk|ru`: the signed file, for whoever may read its case.
pub(crate) async fn pdf<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    ApiSession(session): ApiSession,
    Path(number): Path<String>,
    Query(q): Query<LangQuery>,
) -> Result<Response, ApiError> {
    let lang: Lang = match q.lang.as_deref() {
        None => Lang::Kk,
        Some(l) => l.parse().map_err(|_| ApiError::invalid("lang", "unknown_language"))?,
    };
    if !plausible(&number) {
        return Err(ApiError::not_found());
    }
    let p = session.principal(store::Channel::Api);
    let (_, pdf) = state.app.document_file(&p, &number, lang, (state.clock)()).await?;
    Ok(pdf_response(&number, lang, pdf))
}

#[derive(Debug, Default, serde::Deserialize)]
pub(crate) struct RevokeBody {
    #[serde(default)]
    reason: String,
}

/// `POST /api/v1/documents/{number}/revoke` with `{"reason": "…"}`.
pub(crate) async fn revoke_api<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    ApiWrite(session): ApiWrite,
    Key(key): Key,
    Path(number): Path<String>,
    body: Result<crate::extract::Json<RevokeBody>, ApiError>,
) -> Result<Json<Value>, ApiError> {
    if !plausible(&number) {
        return Err(ApiError::not_found());
    }
    let p = session.principal(store::Channel::Api);
    let reason = crate::extract::optional_json(body)?
        .map(|b| b.reason)
        .unwrap_or_default();
    state
        .app
        .revoke_document(&p, &number, &reason, key, (state.clock)())
        .await?;
    let d = state.app.verify_document(&number).await?;
    Ok(Json(document_json(&d)))
}

/// `GET /ui/documents/{number}/{lang}`: the signed file, downloaded from the case page or the cabinet.
pub(crate) async fn download<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    v: Visit,
    Path((number, lang)): Path<(String, String)>,
) -> Response {
    let Ok(lang) = lang.parse::<Lang>() else {
        return v.not_found();
    };
    if !plausible(&number) {
        return v.not_found();
    }
    match state
        .app
        .document_file(&v.principal(), &number, lang, (state.clock)())
        .await
    {
        Ok((_, pdf)) => pdf_response(&number, lang, pdf),
        Err(e) => v.error(e),
    }
}

/// `POST /ui/documents/{number}/revoke`: the revocation form of the case page.
pub(crate) async fn revoke_form<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    Path(number): Path<String>,
    form: PageForm,
) -> Response {
    let v = &form.visit;
    let Some(key) = form.key() else {
        return v.fail(StatusCode::BAD_REQUEST, "idempotency_key_required");
    };
    if !plausible(&number) {
        return v.not_found();
    }
    match state
        .app
        .revoke_document(&v.principal(), &number, form.get("reason"), key, (state.clock)())
        .await
    {
        Ok(applied) => Redirect::to(&format!("/ui/cases/{}#file", applied.case.0)).into_response(),
        Err(e) => v.error(e),
    }
}
