//! The router answered in-process (`oneshot`), over a real SQLite store.

#![allow(clippy::expect_used, clippy::panic, clippy::indexing_slicing, reason = "test code")]

use std::sync::Arc;

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use tower::ServiceExt;
use web::{AppState, router};

async fn app() -> (axum::Router, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite://{}", dir.path().join("qonys.db").display());
    let store = store_sqlite::SqliteStore::open(&url).await.expect("store");
    (router(Arc::new(AppState::new(store))), dir)
}

async fn get(app: &axum::Router, path: &str, request_id: Option<&str>) -> (StatusCode, axum::http::HeaderMap, String) {
    let mut request = Request::get(path);
    if let Some(id) = request_id {
        request = request.header("x-request-id", id);
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::empty()).expect("request"))
        .await
        .expect("response");
    let (parts, body) = response.into_parts();
    let body = String::from_utf8(to_bytes(body, 1 << 20).await.expect("body").to_vec()).expect("utf-8");
    (parts.status, parts.headers, body)
}

#[tokio::test]
async fn health_and_readiness() {
    let (app, _dir) = app().await;
    let (status, headers, body) = get(&app, "/health", None).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, r#"{"status":"ok"}"#));
    assert!(headers.get("x-request-id").is_some());
    let (status, _, body) = get(&app, "/ready", None).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, r#"{"status":"ready"}"#));
}

#[tokio::test]
async fn every_answer_carries_security_headers_and_a_request_id() {
    let (app, _dir) = app().await;
    for path in ["/health", "/metrics", "/no/such/page"] {
        let (_, headers, _) = get(&app, path, None).await;
        for (name, value) in [
            ("x-content-type-options", "nosniff"),
            ("x-frame-options", "DENY"),
            ("referrer-policy", "no-referrer"),
            ("cache-control", "no-store"),
        ] {
            assert_eq!(
                headers.get(name).and_then(|v| v.to_str().ok()),
                Some(value),
                "{path}: {name}"
            );
        }
        assert!(headers.get(header::CONTENT_SECURITY_POLICY).is_some(), "{path}");
    }
    // A gateway's request id is kept; a malformed one is replaced.
    let (_, headers, _) = get(&app, "/health", Some("gateway-1234-abcd")).await;
    assert_eq!(
        headers.get("x-request-id").and_then(|v| v.to_str().ok()),
        Some("gateway-1234-abcd")
    );
    let (_, headers, _) = get(&app, "/health", Some("not/an;id")).await;
    let replaced = headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .expect("an id");
    assert_ne!(replaced, "not/an;id");
}

#[tokio::test]
async fn an_unknown_route_is_a_json_404_with_its_request_id() {
    let (app, _dir) = app().await;
    let (status, headers, body) = get(&app, "/api/v1/nothing", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let v: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(v["code"], "not_found");
    assert_eq!(
        v["request_id"].as_str(),
        headers.get("x-request-id").and_then(|h| h.to_str().ok())
    );
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_status() {
    let (app, _dir) = app().await;
    for _ in 0..3 {
        get(&app, "/health", None).await;
    }
    get(&app, "/nowhere/42", None).await;
    let (status, headers, body) = get(&app, "/metrics", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.starts_with("text/plain"))
    );
    assert!(
        body.contains(r#"qonys_http_requests_total{route="/health",status="200"} 3"#),
        "{body}"
    );
    assert!(
        body.contains(r#"qonys_http_requests_total{route="unmatched",status="404"} 1"#),
        "{body}"
    );
}
