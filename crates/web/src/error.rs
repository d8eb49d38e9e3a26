//! Errors as answers: a stable code (the message catalogs hold its kk/ru text), the field when it is about
//! input, and the request id so support can find the log line. Internal errors are logged, never shown.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// An error answer.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub field: Option<&'static str>,
    /// Every bad field of an input, each with its code.
    pub fields: Vec<(&'static str, &'static str)>,
    /// Seconds to wait before trying again (429).
    pub retry_after: Option<u64>,
    /// The message's arguments (the open application's number), also in the JSON.
    pub args: Vec<(&'static str, String)>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str) -> ApiError {
        ApiError {
            status,
            code,
            field: None,
            fields: Vec::new(),
            retry_after: None,
            args: Vec::new(),
        }
    }

    /// A bad field of a request (422 `invalid_input` with the field and its code).
    pub fn invalid(field: &'static str, code: &'static str) -> ApiError {
        ApiError {
            field: Some(field),
            fields: vec![(field, code)],
            ..ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_input")
        }
    }

    pub fn not_found() -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "not_found")
    }

    /// The message key a page shows for the error: the first bad field's code, else the error's.
    pub fn message_key(&self) -> &'static str {
        self.fields.first().map_or(self.code, |(_, code)| code)
    }
}

impl From<app::AppError> for ApiError {
    /// What a use case's error means to a client.
    fn from(e: app::AppError) -> ApiError {
        use app::AppError as E;
        use store::StoreError as S;
        match e {
            E::Invalid(fields) => ApiError {
                field: fields.first().map(|f| f.field),
                fields: fields.iter().map(|f| (f.field, f.code)).collect(),
                ..ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_input")
            },
            E::Rejected(r) => ApiError::new(StatusCode::CONFLICT, r.code()),
            E::Registry(r) => ApiError::new(StatusCode::BAD_GATEWAY, r.code()),
            E::NotFound | E::Store(S::NotFound { .. }) => ApiError::not_found(),
            E::Forbidden => ApiError::new(StatusCode::FORBIDDEN, "forbidden"),
            E::Unauthenticated(code) => ApiError::new(StatusCode::UNAUTHORIZED, code),
            E::Throttled { code, retry_after } => ApiError {
                retry_after: Some(retry_after),
                ..ApiError::new(StatusCode::TOO_MANY_REQUESTS, code)
            },
            E::OpenCase { number } => ApiError {
                args: vec![("number", number)],
                ..ApiError::new(StatusCode::CONFLICT, "quota_open_case")
            },
            E::Refused("csrf_token_missing") => ApiError::new(StatusCode::FORBIDDEN, "csrf_token_missing"),
            E::Refused(code) => ApiError::new(StatusCode::CONFLICT, code),
            E::Store(
                s @ (S::Conflict { .. }
                | S::IdempotencyMismatch { .. }
                | S::Changed { .. }
                | S::QuotaBelowAllocated { .. }
                | S::QuotaExhausted { .. }
                | S::Duplicate { .. }),
            ) => ApiError::new(StatusCode::CONFLICT, s.code()),
            E::LawRefused { code, .. } => ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code),
            E::Store(s @ (S::Corrupt { .. } | S::Unavailable(_))) => {
                tracing::error!(error = %s, "store failure");
                ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "store_unavailable")
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = json!({ "code": self.code, "field": self.field });
        if !self.args.is_empty()
            && let Some(map) = body.as_object_mut()
        {
            let args: serde_json::Map<String, serde_json::Value> =
                self.args.iter().map(|(k, v)| ((*k).to_owned(), json!(v))).collect();
            map.insert("args".into(), serde_json::Value::Object(args));
        }
        let mut response = (self.status, Json(body)).into_response();
        if let Some(seconds) = self.retry_after
            && let Ok(value) = axum::http::HeaderValue::from_str(&seconds.to_string())
        {
            response.headers_mut().insert(axum::http::header::RETRY_AFTER, value);
        }
        response.extensions_mut().insert(self);
        response
    }
}
