//! The router answered in-process (`oneshot`), over a real SQLite store.

#![allow(clippy::expect_used, clippy::panic, clippy::indexing_slicing, reason = "test code")]

use std::sync::Arc;

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use tower::ServiceExt;

mod background;
mod fuzz;
mod matrix;
mod pages;
mod readings;
mod resettlement;
mod security;
mod snapshots;
use web::{AppState, router};

fn now() -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_773_806_400).expect("fixed time")
}

/// The sandbox population every test instance answers from.
fn population() -> registries::sandbox::Population {
    registries::sandbox::Population::generate(9, 500, |_| {})
}

/// The service over `store`, with the sandbox registries and a fixed clock.
fn service<S: web::Backend>(store: S) -> axum::Router {
    router(Arc::new(AppState::new(app_over(store), Arc::new(now))))
}

fn app_over<S: web::Backend>(store: S) -> app::App<S, registries::sandbox::SandboxRegistries> {
    app::App::new(
        store,
        registries::sandbox::SandboxRegistries::new(population()),
        app::Laws::new(legal::Law::embedded().expect("law")),
    )
}

/// A fresh SQLite store in a temporary directory (which lives as long as the guard returned with it).
async fn sqlite() -> (store_sqlite::SqliteStore, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite://{}", dir.path().join("qonys.db").display());
    (store_sqlite::SqliteStore::open(&url).await.expect("store"), dir)
}

/// The IINs of the residents who apply alone as resettlers (no family link, not kandases), in order.
fn lone_resettlers() -> Vec<String> {
    population()
        .residents
        .iter()
        .filter(|r| r.kinship.is_none() && r.kandas.is_none())
        .map(|r| r.record.iin.as_str().to_owned())
        .collect()
}

/// The State Corporation operator of Pavlodar who receives the tests' applications.
fn sc_operator() -> app::Principal {
    app::Principal::staff(
        "sc.55",
        store::Role::StateCorporationOperator,
        Some("55"),
        store::Channel::StateCorporation,
    )
}

/// A resettler's application to Pavlodar, received at the State Corporation.
fn to_pavlodar(iin: &str) -> app::QuotaApplication {
    app::QuotaApplication {
        iin: iin.to_owned(),
        category: "resettler".into(),
        territory: "550000000".into(),
        employment: Some("9".into()),
        consent: true,
        ..app::QuotaApplication::default()
    }
}

/// A resettler's application to Pavlodar received at a career centre and forwarded to the provider: the case
/// waits for the provider's check (`received`).
async fn received_in_pavlodar<S: store::Store + store::Attachments, R: registries::Registries + Sync>(
    app: &app::App<S, R>,
    iin: &str,
    key: &str,
) -> app::Submitted {
    let centre = app::Principal::staff(
        "cc.55",
        store::Role::CareerCentre,
        Some("55"),
        store::Channel::CareerCentre,
    );
    let submitted = app
        .submit_quota_application(
            &centre,
            &to_pavlodar(iin),
            store::IdempotencyKey::parse(&format!("{key}-receive")).expect("key"),
            now(),
        )
        .await
        .expect("received at the career centre");
    app.forward_quota_application(
        &centre,
        submitted.applied.case,
        store::IdempotencyKey::parse(&format!("{key}-forward")).expect("key"),
        now(),
    )
    .await
    .expect("forwarded");
    submitted
}

/// An account whose password is "correct horse battery staple".
async fn account(store: &impl store::Accounts, login: &str, role: store::Role, territory: Option<&str>) {
    let admin = store::Actor::new("admin.01", store::Role::Administrator, store::Channel::Cli).expect("actor");
    let account = store::AccountRecord {
        login: login.into(),
        handle: app::identity::new_handle(),
        role,
        territory: territory.map(|t| kz::Kato::parse(t).expect("KATO")),
        password_hash: app::identity::hash_password("correct horse battery staple").expect("hash"),
    };
    store.put_account(&account, &admin, now()).await.expect("account");
}

async fn app() -> (axum::Router, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite://{}", dir.path().join("qonys.db").display());
    let store = store_sqlite::SqliteStore::open(&url).await.expect("store");
    account(
        &store,
        "lmc.officer.07",
        store::Role::LabourMobilityCentre,
        Some("550000000"),
    )
    .await;
    (service(store), dir)
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
    // A signed PDF is not text: read lossily, the tests look at text answers only.
    let body = String::from_utf8_lossy(&to_bytes(body, 1 << 20).await.expect("body")).into_owned();
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
    // Read from the loopback network (the default that may read them).
    let local = std::net::SocketAddr::from(([127, 0, 0, 1], 40_000));
    let request = Request::get("/metrics")
        .extension(axum::extract::ConnectInfo(local))
        .body(Body::empty())
        .expect("request");
    let (status, headers, body) = send(&app, request).await;
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

async fn send(app: &axum::Router, request: Request<Body>) -> (StatusCode, axum::http::HeaderMap, String) {
    let response = app.clone().oneshot(request).await.expect("response");
    let (parts, body) = response.into_parts();
    // A signed PDF is not text: read lossily, the tests look at text answers only.
    let body = String::from_utf8_lossy(&to_bytes(body, 1 << 20).await.expect("body")).into_owned();
    (parts.status, parts.headers, body)
}

/// A sign-in form posted as a browser posts it after loading the sign-in page: with the page's pre-session
/// cookie and the forms' anti-CSRF token.
async fn sign_in_form(app: &axum::Router, path: &str, fields: &str) -> Request<Body> {
    let (status, headers, html) = get(app, "/ui/sign-in", None).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let pre = headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("qonys_pre="))
        .and_then(|v| v.split(';').next())
        .expect("a pre-session cookie")
        .to_owned();
    let marker = r#"name="csrf" value=""#;
    let form = html.find(r#"action="/ui/sign-in""#).expect("the sign-in form");
    let start = form + html[form..].find(marker).expect("the token") + marker.len();
    let csrf = html[start..].split('"').next().expect("value");
    Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, pre)
        .body(Body::from(format!("{fields}&csrf={csrf}")))
        .expect("request")
}

fn sign_in(login: &str, password: &str) -> Request<Body> {
    let body = serde_json::json!({ "login": login, "password": password }).to_string();
    Request::post("/api/v1/session")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body))
        .expect("request")
}

#[tokio::test]
async fn sign_in_me_and_sign_out_with_csrf() {
    let (app, _dir) = app().await;
    // Wrong password and unknown login get the same answer.
    for (login, password) in [("lmc.officer.07", "wrong"), ("nobody", "correct horse battery staple")] {
        let (status, _, body) = send(&app, sign_in(login, password)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert!(body.contains(r#""code":"login_failed""#), "{body}");
    }
    let (status, headers, body) = send(&app, sign_in("lmc.officer.07", "correct horse battery staple")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let cookie = headers
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .expect("a session cookie")
        .to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let session = cookie.split(';').next().expect("name=value").to_owned();
    let signed: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(
        (signed["role"].as_str(), signed["territory"].as_str()),
        (Some("labour_mobility_centre"), Some("550000000"))
    );
    let csrf = signed["csrf"].as_str().expect("csrf").to_owned();
    assert!(!body.contains("password"), "no hash leaves the server");

    let me = |cookie: Option<&str>| {
        let mut r = Request::get("/api/v1/me");
        if let Some(c) = cookie {
            r = r.header(header::COOKIE, c);
        }
        r.body(Body::empty()).expect("request")
    };
    let (status, _, body) = send(&app, me(Some(&session))).await;
    assert_eq!((status, body.contains("lmc.officer.07")), (StatusCode::OK, true));
    let (status, _, body) = send(&app, me(None)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(body.contains("not_signed_in"));

    // Signing out needs the anti-CSRF token; afterwards the cookie signs no one in.
    let out = |csrf: Option<&str>| {
        let mut r = Request::delete("/api/v1/session").header(header::COOKIE, &session);
        if let Some(t) = csrf {
            r = r.header("x-csrf-token", t);
        }
        r.body(Body::empty()).expect("request")
    };
    let (status, _, body) = send(&app, out(None)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(body.contains("csrf_token_missing"));
    let (status, _, _) = send(&app, out(Some(&csrf))).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(send(&app, me(Some(&session))).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_malformed_body_is_a_coded_400() {
    let (app, _dir) = app().await;
    let request = Request::post("/api/v1/session")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{not json"))
        .expect("request");
    let (status, _, body) = send(&app, request).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains(r#""code":"invalid_json""#), "{body}");
}

#[derive(Clone)]
struct Signed {
    cookie: String,
    csrf: String,
}

async fn signed(app: &axum::Router, login: &str) -> Signed {
    let (status, headers, body) = send(app, sign_in(login, "correct horse battery staple")).await;
    assert!(
        status == StatusCode::OK || status == StatusCode::ACCEPTED,
        "{login}: {body}"
    );
    let cookie = headers
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .expect("cookie")
        .split(';')
        .next()
        .expect("pair")
        .to_owned();
    let v: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    Signed {
        cookie,
        csrf: v["csrf"].as_str().expect("csrf").to_owned(),
    }
}

fn submit(who: &Signed, key: Option<&str>, csrf: bool, body: &serde_json::Value) -> Request<Body> {
    let mut r = Request::post("/api/v1/quota-applications")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::COOKIE, &who.cookie);
    if csrf {
        r = r.header("x-csrf-token", &who.csrf);
    }
    if let Some(k) = key {
        r = r.header("idempotency-key", k);
    }
    r.body(Body::from(body.to_string())).expect("request")
}

fn read(who: Option<&Signed>, id: &str) -> Request<Body> {
    let mut r = Request::get(format!("/api/v1/cases/{id}"));
    if let Some(w) = who {
        r = r.header(header::COOKIE, &w.cookie);
    }
    r.body(Body::empty()).expect("request")
}

#[tokio::test]
async fn applications_and_case_reads_are_authorised_by_role_and_region() {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite://{}", dir.path().join("qonys.db").display());
    let store = store_sqlite::SqliteStore::open(&url).await.expect("store");
    for (login, role, territory) in [
        ("sc.pavlodar", store::Role::StateCorporationOperator, Some("550000000")),
        ("lmc.pavlodar", store::Role::LabourMobilityCentre, Some("550000000")),
        ("cc.north", store::Role::CareerCentre, Some("590000000")),
        ("admin.all", store::Role::Administrator, None),
    ] {
        account(&store, login, role, territory).await;
    }
    let iin = population()
        .residents
        .iter()
        .find(|r| r.kandas.is_none())
        .expect("a resident")
        .record
        .iin
        .as_str()
        .to_owned();
    let app = service(store);
    let sc = signed(&app, "sc.pavlodar").await;
    // Taken at the counter with the package checked: accepted, and the decision's 14 working days run.
    let body = serde_json::json!({
        "iin": iin, "category": "resettler", "territory": "550000000", "employment": "9", "consent": true,
        "documents": [{ "kind": "identity", "presented": true }],
    });

    // The write needs its key and its anti-CSRF token.
    assert_eq!(
        send(&app, submit(&sc, None, true, &body)).await.0,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        send(&app, submit(&sc, Some("web-intake-000001"), false, &body)).await.0,
        StatusCode::FORBIDDEN
    );
    let (status, _, created) = send(&app, submit(&sc, Some("web-intake-000001"), true, &body)).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let created: serde_json::Value = serde_json::from_str(&created).expect("JSON");
    assert_eq!(created["number"], "QN-55-2026-000001");
    assert_eq!(created["deadlines"][0]["name"], "decide_by");
    // 19 and 20 March, then Nauryz (23 March and the two days off carried from the weekend) to 10 April.
    assert_eq!(created["deadlines"][0]["due"], "2026-04-10");
    let (status, _, again) = send(&app, submit(&sc, Some("web-intake-000001"), true, &body)).await;
    assert_eq!((status, again.contains(r#""replayed":true"#)), (StatusCode::OK, true));
    // Outside the operator's region: refused.
    let almaty = serde_json::json!({
        "iin": iin, "category": "resettler", "territory": "750000000", "employment": "9", "consent": true,
    });
    assert_eq!(
        send(&app, submit(&sc, Some("web-intake-000002"), true, &almaty))
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    // Every bad field at once, with its code.
    let bad =
        serde_json::json!({ "iin": "900101300008", "category": "x", "territory": "550000000", "employment": "77" });
    let (status, _, errors) = send(&app, submit(&sc, Some("web-intake-000003"), true, &bad)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    for code in ["iin_check_digit", "invalid_category"] {
        assert!(errors.contains(code), "{code}: {errors}");
    }

    // Reads: staff of the region and national staff see it; others get the same 404 as a missing case.
    let id = created["case"].as_i64().expect("case id").to_string();
    let lmc = signed(&app, "lmc.pavlodar").await;
    let (status, _, case) = send(&app, read(Some(&lmc), &id)).await;
    assert_eq!(status, StatusCode::OK, "{case}");
    assert!(
        case.contains(r#""state":"under_review""#) && !case.contains(&iin),
        "the IIN is not echoed: {case}"
    );
    let admin_all = signed(&app, "admin.all").await;
    assert_eq!(send(&app, read(Some(&admin_all), &id)).await.0, StatusCode::OK);
    let missing = send(&app, read(Some(&lmc), "5520260000099")).await;
    for who in ["cc.north"] {
        let w = signed(&app, who).await;
        let (status, _, body) = send(&app, read(Some(&w), &id)).await;
        assert_eq!(
            (status, body.contains("not_found")),
            (StatusCode::NOT_FOUND, true),
            "{who}"
        );
        assert_eq!(status, missing.0, "{who}: a foreign case looks like a missing one");
    }
    assert_eq!(send(&app, read(None, &id)).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn every_listed_route_exists_in_the_router() {
    let (app, _dir) = app().await;
    let mut seen = std::collections::BTreeSet::new();
    for web::Route { method, path, .. } in web::ALL_ROUTES {
        assert!(seen.insert((method, path)), "{method} {path} listed twice");
        let uri = path.replace("{id}", "1");
        let request = Request::builder()
            .method(*method)
            .uri(&uri)
            .body(Body::empty())
            .expect("request");
        let (status, _, body) = send(&app, request).await;
        // Unsigned and bodiless, a route answers 200, 400 or 401; an unrouted one 404 or 405.
        assert!(
            status != StatusCode::METHOD_NOT_ALLOWED
                && !(status == StatusCode::NOT_FOUND && body.contains("not_found") && !path.contains('{')),
            "{method} {path} is listed but not routed: {status}"
        );
    }
}

/// Past a few wrong passwords every attempt waits a delay (429 with `Retry-After`), the right password too;
/// the delay ends, and then the owner signs in: guesses are slowed, the owner is never locked out.
#[tokio::test]
async fn repeated_failures_slow_the_login_down_without_locking_the_owner_out() {
    let (app, _dir) = app().await;
    for _ in 0..5 {
        assert_eq!(
            send(&app, sign_in("lmc.officer.07", "wrong")).await.0,
            StatusCode::UNAUTHORIZED
        );
    }
    // The sixth attempt, at the same instant as the fifth, must wait.
    let (status, headers, body) = send(&app, sign_in("lmc.officer.07", "correct horse battery staple")).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert!(body.contains("login_throttled"));
    assert_eq!(
        headers.get(header::RETRY_AFTER).and_then(|v| v.to_str().ok()),
        Some("1")
    );
}

#[tokio::test]
async fn the_openapi_document_describes_exactly_the_routes() {
    let (app, _dir) = app().await;
    let (status, _, body) = get(&app, "/api/openapi.json", None).await;
    assert_eq!(status, StatusCode::OK);
    let doc: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(doc["openapi"], "3.1.0");
    let mut described = std::collections::BTreeSet::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in item.as_object().expect("operations").keys() {
            described.insert((method.to_uppercase(), path.clone()));
        }
    }
    // The JSON routes; the web pages, their static files and the API's own documentation page are HTML.
    let routed: std::collections::BTreeSet<(String, String)> = web::ALL_ROUTES
        .iter()
        .filter(|r| !r.is_page())
        .map(|r| (r.method.to_owned(), r.path.to_owned()))
        .collect();
    assert!(routed.len() >= 10, "{routed:?}");
    assert_eq!(described, routed, "every route is described, and nothing else");
}

/// Two instances of the service over one PostgreSQL database: a session made through one is honoured by the
/// other, and a case created through one is read through the other.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_two_instances_share_sessions_and_cases() {
    let Some(url) = store_postgres::testing::fresh_database("web_two_instances").await else {
        return;
    };
    let instance = async || service(store_postgres::PgStore::connect(&url).await.expect("store"));
    let (a, b) = (instance().await, instance().await);
    let store = store_postgres::PgStore::connect(&url).await.expect("store");
    account(
        &store,
        "sc.pavlodar",
        store::Role::StateCorporationOperator,
        Some("550000000"),
    )
    .await;
    let session = signed(&a, "sc.pavlodar").await;
    let population = registries::sandbox::Population::generate(9, 500, |_| {});
    let iin = population
        .residents
        .iter()
        .find(|r| r.kandas.is_none())
        .expect("a resident")
        .record
        .iin
        .as_str()
        .to_owned();
    // Taken at the counter with the package checked: accepted, and the decision's 14 working days run.
    let body = serde_json::json!({
        "iin": iin, "category": "resettler", "territory": "550000000", "employment": "9", "consent": true,
        "documents": [{ "kind": "identity", "presented": true }],
    });
    let (status, _, created) = send(&b, submit(&session, Some("two-instances-0001"), true, &body)).await;
    assert_eq!(
        status,
        StatusCode::CREATED,
        "the session made on one instance works on the other: {created}"
    );
    let id = serde_json::from_str::<serde_json::Value>(&created).expect("JSON")["case"]
        .as_i64()
        .expect("id")
        .to_string();
    assert_eq!(send(&a, read(Some(&session), &id)).await.0, StatusCode::OK);
}
