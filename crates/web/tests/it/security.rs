//! Hostile input at the edge, on SQLite and PostgreSQL: a NUL character in any text is refused with 422 before
//! it reaches the database; the language switch only ever goes back to a path of this service.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use super::{account, send, service, sign_in, signed};

/// The service over `store` with the test officer's account.
async fn over<S: web::Backend>(store: S) -> axum::Router {
    account(
        &store,
        "lmc.officer.07",
        store::Role::LabourMobilityCentre,
        Some("550000000"),
    )
    .await;
    service(store)
}

fn form(path: &str, cookie: Option<&str>, body: &str) -> Request<Body> {
    let mut r = Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(c) = cookie {
        r = r.header(header::COOKIE, c);
    }
    r.body(Body::from(body.to_owned())).expect("request")
}

fn json(path: &str, body: &str) -> Request<Body> {
    Request::post(path)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_owned()))
        .expect("request")
}

async fn nul_is_refused_at_the_edge(app: axum::Router) {
    let who = signed(&app, "lmc.officer.07").await;
    let write = |path: &str, body: &str| {
        Request::post(path)
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::COOKIE, &who.cookie)
            .header("x-csrf-token", &who.csrf)
            .header("idempotency-key", "nul-0001")
            .body(Body::from(body.to_owned()))
            .expect("request")
    };
    let cases = [
        (
            "JSON sign-in, login",
            json("/api/v1/session", r#"{"login":"lmc\u0000","password":"x"}"#),
        ),
        (
            "JSON sign-in, password",
            json("/api/v1/session", r#"{"login":"lmc.officer.07","password":"a\u0000"}"#),
        ),
        (
            "JSON sign-in, a key",
            json("/api/v1/session", r#"{"login":"a","password":"b","\u0000":1}"#),
        ),
        (
            "JSON citizen sign-in",
            json("/api/v1/session/citizen", r#"{"iin":"\u0000"}"#),
        ),
        ("page sign-in", form("/ui/sign-in", None, "login=lmc%00&password=x")),
        ("page citizen sign-in", form("/ui/sign-in/citizen", None, "iin=%0012")),
        ("language switch", form("/ui/lang", None, "lang=kk&back=/%00")),
        (
            "a signed-in JSON write",
            write("/api/v1/quota-applications", r#"{"iin":"9\u0000","category":"x"}"#),
        ),
        (
            "a signed-in page form",
            form(
                "/ui/resettlement/apply",
                Some(&who.cookie),
                &format!("csrf={}&name=%00", who.csrf),
            ),
        ),
        (
            "a query",
            Request::get("/api/v1/cases?state=%00")
                .header(header::COOKIE, &who.cookie)
                .body(Body::empty())
                .expect("request"),
        ),
        (
            "a path",
            Request::get("/verify/QN%00").body(Body::empty()).expect("request"),
        ),
    ];
    for (what, request) in cases {
        let (status, _, body) = send(&app, request).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{what}: {body}");
        let is_json = body.starts_with('{');
        if is_json {
            assert!(body.contains(r#""code":"text_nul_character""#), "{what}: {body}");
        } else {
            // The page says it in the visitor's language (Kazakh by default).
            assert!(body.contains("нөлдік таңба"), "{what}: {body}");
        }
    }
    // Nothing was hurt: the officer still signs in.
    let (status, _, body) = send(&app, sign_in("lmc.officer.07", "correct horse battery staple")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test]
async fn a_nul_character_in_any_text_is_refused_with_422() {
    let (store, _dir) = super::sqlite().await;
    nul_is_refused_at_the_edge(over(store).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_a_nul_character_in_any_text_is_refused_with_422() {
    let Some(url) = store_postgres::testing::fresh_database("web_nul").await else {
        return;
    };
    let store = store_postgres::PgStore::connect(&url).await.expect("store");
    nul_is_refused_at_the_edge(over(store).await).await;
}

/// `back=` of the language switch: a local path is kept; anything a browser could read as another site, or
/// that cannot be a header, goes to `/`.
#[tokio::test]
async fn the_language_switch_only_goes_back_to_a_local_path() {
    let (store, _dir) = super::sqlite().await;
    let app = over(store).await;
    for (back, expected) in [
        ("/ui/cases/5?filed=1", "/ui/cases/5?filed=1"),
        ("/", "/"),
        ("/%09/evil.example", "/"),
        ("/%0A/evil.example", "/"),
        ("/%0D%0ASet-Cookie:x=1", "/"),
        ("/%01", "/"),
        ("/%7F", "/"),
        ("//evil.example", "/"),
        ("/%5Cevil.example", "/"),
        ("%5C%5Cevil.example", "/"),
        ("https://evil.example/", "/"),
        ("javascript:alert(1)", "/"),
        ("/%20/evil.example", "/"),
        ("/%D0%B0", "/"),
        ("", "/"),
    ] {
        let (status, headers, body) = send(&app, form("/ui/lang", None, &format!("lang=ru&back={back}"))).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{back}: {body}");
        assert_eq!(
            headers.get(header::LOCATION).and_then(|v| v.to_str().ok()),
            Some(expected),
            "{back}"
        );
    }
}

/// An idempotency key already used on a case for one action (accept) is refused for another (include) with
/// 409 `idempotency_mismatch`, and the decision is not silently skipped; repeating the first action replays.
async fn a_key_reused_for_another_action_is_a_mismatch<S: web::Backend + Clone>(store: S) {
    account(&store, "akimat.55", store::Role::LocalExecutiveBody, Some("550000000")).await;
    let iin = super::lone_resettlers()[0].clone();
    let case = super::received_in_pavlodar(&super::app_over(store.clone()), &iin, "mismatch")
        .await
        .applied
        .case;
    let app = service(store);
    let provider = signed(&app, "akimat.55").await;
    let step = |action: &str, body: &str| {
        Request::post(format!("/api/v1/quota-applications/{}/{action}", case.0))
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::COOKIE, &provider.cookie)
            .header("x-csrf-token", &provider.csrf)
            .header("idempotency-key", "same-key-0001")
            .body(Body::from(body.to_owned()))
            .expect("request")
    };
    let (status, _, body) = send(&app, step("accept", "{}")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    for (action, input) in [
        ("decision", r#"{"decision":"include"}"#),
        (
            "decision",
            r#"{"decision":"refuse","grounds":["quota_r1_unreliable_data"]}"#,
        ),
        ("refusal-to-accept", r#"{"grounds":["quota_incomplete_package"]}"#),
        ("revoke", r#"{"reason":"a reason"}"#),
    ] {
        let (status, _, body) = send(&app, step(action, input)).await;
        assert_eq!(status, StatusCode::CONFLICT, "{action} {input}: {body}");
        assert!(body.contains(r#""code":"idempotency_mismatch""#), "{action}: {body}");
    }
    let (status, _, body) = send(&app, step("accept", "{}")).await;
    assert_eq!(status, StatusCode::OK, "the first action replays: {body}");
}

#[tokio::test]
async fn an_idempotency_key_reused_for_another_action_is_409() {
    let (store, _dir) = super::sqlite().await;
    a_key_reused_for_another_action_is_a_mismatch(store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_an_idempotency_key_reused_for_another_action_is_409() {
    let Some(url) = store_postgres::testing::fresh_database("web_idem_mismatch").await else {
        return;
    };
    let store = store_postgres::PgStore::connect(&url).await.expect("store");
    a_key_reused_for_another_action_is_a_mismatch(store).await;
}

/// Login CSRF: the sign-in forms are refused (403, no session) unless they carry the token of the pre-session
/// cookie the sign-in page set, so another site cannot sign a browser into its own account.
#[tokio::test]
async fn a_sign_in_form_from_another_site_is_refused() {
    let (store, _dir) = super::sqlite().await;
    let app = over(store).await;
    let (status, headers, _) = super::get(&app, "/ui/sign-in", None).await;
    assert_eq!(status, StatusCode::OK);
    let pre = headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("qonys_pre="))
        .expect("a pre-session cookie")
        .to_owned();
    assert!(pre.contains("HttpOnly") && pre.contains("SameSite=Strict"), "{pre}");
    let pre = pre.split(';').next().expect("pair").to_owned();
    let other = web::ui::sign_in::login_csrf(&"1".repeat(64));
    let fields = "login=lmc.officer.07&password=correct+horse+battery+staple";
    for path in ["/ui/sign-in", "/ui/sign-in/citizen"] {
        let fields = if path == "/ui/sign-in" {
            fields
        } else {
            "iin=900101300007"
        };
        for (what, cookie, body) in [
            ("a cross-site form: no cookie, no token", None, fields.to_owned()),
            ("the cookie without the token", Some(pre.as_str()), fields.to_owned()),
            ("a token without the cookie", None, format!("{fields}&csrf={other}")),
            (
                "another pre-session's token",
                Some(pre.as_str()),
                format!("{fields}&csrf={other}"),
            ),
        ] {
            let (status, headers, body) = send(&app, form(path, cookie, &body)).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{path}, {what}: {body}");
            assert!(
                !headers
                    .get_all(header::SET_COOKIE)
                    .iter()
                    .any(|v| v.to_str().is_ok_and(|v| v.starts_with("qonys_session="))),
                "{path}, {what}: no session"
            );
        }
    }
    let (status, headers, body) = send(&app, super::sign_in_form(&app, "/ui/sign-in", fields).await).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert!(
        headers
            .get(header::SET_COOKIE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("qonys_session=")),
        "signed in"
    );
}

/// The `qonys_session=…` pair of a sign-in answer.
fn session_pair(headers: &axum::http::HeaderMap) -> String {
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("qonys_session="))
        .and_then(|v| v.split(';').next())
        .expect("a session cookie")
        .to_owned()
}

async fn me(app: &axum::Router, cookie: &str) -> StatusCode {
    let request = Request::get("/api/v1/me")
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .expect("request");
    send(app, request).await.0
}

/// A password reset, a change of role or of region ends every session of the account; an account change that
/// touches none of them (its language) ends none.
async fn sessions_end_when_the_account_changes<S: web::Backend + Clone>(store: S) {
    let app = over(store.clone()).await;
    let admin = store::Actor::new("admin.01", store::Role::Administrator, store::Channel::Cli).expect("actor");
    let original = store.account("lmc.officer.07").await.expect("read").expect("account");
    let changes: [(&str, store::AccountRecord); 4] = [
        (
            "password reset",
            store::AccountRecord {
                password_hash: app::identity::hash_password("correct horse battery staple").expect("hash"),
                ..original.clone()
            },
        ),
        (
            "role change",
            store::AccountRecord {
                role: store::Role::CareerCentre,
                ..original.clone()
            },
        ),
        (
            "region change",
            store::AccountRecord {
                territory: Some(kz::Kato::parse("750000000").expect("KATO")),
                ..original.clone()
            },
        ),
        (
            "region removed",
            store::AccountRecord {
                territory: None,
                ..original.clone()
            },
        ),
    ];
    for (what, changed) in changes {
        store
            .put_account(&original, &admin, super::now())
            .await
            .expect("restored");
        let (a, b) = (
            signed(&app, "lmc.officer.07").await,
            signed(&app, "lmc.officer.07").await,
        );
        assert_eq!(me(&app, &a.cookie).await, StatusCode::OK, "{what}");
        // The same account written again (no change) keeps the sessions.
        store.put_account(&original, &admin, super::now()).await.expect("same");
        assert_eq!(
            me(&app, &a.cookie).await,
            StatusCode::OK,
            "{what}: unchanged keeps them"
        );
        store
            .put_account(&changed, &admin, super::now())
            .await
            .expect("changed");
        for s in [&a, &b] {
            assert_eq!(
                me(&app, &s.cookie).await,
                StatusCode::UNAUTHORIZED,
                "{what} ends every session"
            );
        }
    }
}

#[tokio::test]
async fn a_password_role_or_region_change_ends_every_session() {
    let (store, _dir) = super::sqlite().await;
    sessions_end_when_the_account_changes(store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_a_password_role_or_region_change_ends_every_session() {
    let Some(url) = store_postgres::testing::fresh_database("web_sessions_end").await else {
        return;
    };
    let store = store_postgres::PgStore::connect(&url).await.expect("store");
    sessions_end_when_the_account_changes(store).await;
}

/// The account page lists the account's sessions, this one marked, and ends one or all the others.
async fn the_account_page_lists_and_ends_sessions<S: web::Backend>(store: S) {
    let app = over(store).await;
    let mut others = Vec::new();
    for _ in 0..3 {
        let (status, headers, _) = send(&app, sign_in("lmc.officer.07", "correct horse battery staple")).await;
        assert_eq!(status, StatusCode::OK);
        others.push(session_pair(&headers));
    }
    let mine = signed(&app, "lmc.officer.07").await;
    let page = |cookie: &str| {
        Request::get("/ui/account")
            .header(header::COOKIE, cookie)
            .body(Body::empty())
            .expect("request")
    };
    let (status, _, html) = send(&app, page(&mine.cookie)).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let ids: Vec<String> = html
        .match_indices(r#"name="id" value=""#)
        .map(|(i, m)| html[i + m.len()..].split('"').next().expect("id").to_owned())
        .collect();
    assert_eq!(ids.len(), 3, "every other session can be ended: {html}");
    assert_eq!(html.matches("осы сеанс").count(), 1, "this one is marked");
    let end = |body: String| form("/ui/account/sessions", Some(&mine.cookie), &body);
    // A made-up id ends nothing.
    let (status, _, _) = send(&app, end(format!("csrf={}&id=0123456789abcdef", mine.csrf))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Without the anti-CSRF token nothing is ended.
    let (status, _, _) = send(&app, end(format!("id={}", ids[0]))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let alive = async |app: &axum::Router| {
        let mut n = 0;
        for c in &others {
            if me(app, c).await == StatusCode::OK {
                n += 1;
            }
        }
        n
    };
    assert_eq!(alive(&app).await, 3);
    let (status, headers, _) = send(&app, end(format!("csrf={}&id={}", mine.csrf, ids[0]))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        headers.get(header::LOCATION).and_then(|v| v.to_str().ok()),
        Some("/ui/account?done=ended")
    );
    assert_eq!(alive(&app).await, 2, "one ended");
    let (status, _, _) = send(&app, end(format!("csrf={}&all=1", mine.csrf))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(alive(&app).await, 0, "all the others ended");
    assert_eq!(me(&app, &mine.cookie).await, StatusCode::OK, "this one kept");
}

#[tokio::test]
async fn the_account_page_lists_and_ends_sessions_sqlite() {
    let (store, _dir) = super::sqlite().await;
    the_account_page_lists_and_ends_sessions(store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_the_account_page_lists_and_ends_sessions() {
    let Some(url) = store_postgres::testing::fresh_database("web_sessions_page").await else {
        return;
    };
    let store = store_postgres::PgStore::connect(&url).await.expect("store");
    the_account_page_lists_and_ends_sessions(store).await;
}

/// A clock the test moves, and the service over `store` with `policy`.
fn moving_service<S: web::Backend>(
    store: S,
    policy: app::identity::SignInPolicy,
) -> (axum::Router, std::sync::Arc<std::sync::atomic::AtomicI64>) {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicI64, Ordering};
    let seconds = Arc::new(AtomicI64::new(super::now().as_second()));
    let read = Arc::clone(&seconds);
    let clock: web::Clock = Arc::new(move || jiff::Timestamp::from_second(read.load(Ordering::SeqCst)).expect("time"));
    let app = super::app_over(store).with_sign_in_policy(policy);
    (web::router(Arc::new(web::AppState::new(app, clock))), seconds)
}

fn citizen_sign_in(iin: &str, source: [u8; 4]) -> Request<Body> {
    let peer = std::net::SocketAddr::from((source, 40_000));
    Request::post("/api/v1/session/citizen")
        .header(header::CONTENT_TYPE, "application/json")
        .extension(axum::extract::ConnectInfo(peer))
        .body(Body::from(serde_json::json!({ "iin": iin }).to_string()))
        .expect("request")
}

/// One-time codes are spaced out and capped per account and per source over a window, whatever the session;
/// the owner is told by SMS when their account reaches the cap; the caps are configuration.
async fn codes_are_spaced_and_capped<S: web::Backend + Clone>(store: S) {
    use std::sync::atomic::Ordering;
    let residents = super::lone_resettlers();
    let iin = residents[0].clone();
    account(&store, &iin, store::Role::Citizen, None).await;
    let policy = app::identity::SignInPolicy {
        codes_per_account: 3,
        codes_per_source: 5,
        code_spacing_seconds: 60,
        code_tries_per_account: 6,
        code_tries_per_source: 100,
        ..app::identity::SignInPolicy::default()
    };
    let (app, clock) = moving_service(store.clone(), policy);
    let tick = |s: i64| {
        clock.fetch_add(s, Ordering::SeqCst);
    };
    let alerts = async || {
        store
            .messages_to(&iin, 50)
            .await
            .expect("outbox")
            .iter()
            .filter(|m| m.template == "sms-sign-in-alert")
            .count()
    };
    // The first code goes; another asked at once waits for the spacing.
    assert_eq!(
        send(&app, citizen_sign_in(&iin, [10, 0, 0, 1])).await.0,
        StatusCode::ACCEPTED
    );
    let (status, headers, body) = send(&app, citizen_sign_in(&iin, [10, 0, 0, 2])).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert!(body.contains("code_throttled"), "{body}");
    assert!(headers.get(header::RETRY_AFTER).is_some());
    // Spaced out, two more go (three in all, the refused one counted), then the account's cap holds for
    // the window, from any source, and the owner is told once.
    tick(61);
    assert_eq!(
        send(&app, citizen_sign_in(&iin, [10, 0, 0, 3])).await.0,
        StatusCode::ACCEPTED
    );
    tick(61);
    let (status, _, body) = send(&app, citizen_sign_in(&iin, [10, 0, 0, 4])).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert_eq!(alerts().await, 1, "the owner is told");
    tick(61);
    assert_eq!(
        send(&app, citizen_sign_in(&iin, [10, 0, 0, 5])).await.0,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(alerts().await, 1, "once");
    // After the window the owner gets a code again.
    tick(3600);
    assert_eq!(
        send(&app, citizen_sign_in(&iin, [10, 0, 0, 6])).await.0,
        StatusCode::ACCEPTED
    );

    // One source asking codes for many IINs is capped too.
    tick(3600);
    let mut answers = Vec::new();
    for other in &residents[1..8] {
        answers.push(send(&app, citizen_sign_in(other, [10, 9, 9, 9])).await.0.as_u16());
    }
    assert_eq!(answers, [202, 202, 202, 202, 202, 429, 429], "per source");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_time_codes_are_spaced_and_capped_per_account_and_source() {
    let (store, _dir) = super::sqlite().await;
    codes_are_spaced_and_capped(store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_one_time_codes_are_spaced_and_capped_per_account_and_source() {
    let Some(url) = store_postgres::testing::fresh_database("web_codes_capped").await else {
        return;
    };
    let store = store_postgres::PgStore::connect(&url).await.expect("store");
    codes_are_spaced_and_capped(store).await;
}

/// Wrong codes are capped per account across sessions: a new session (a new code, five more tries each
/// before) does not give more tries; past the cap even the right code is refused and the owner is told.
async fn code_tries_are_capped_across_sessions<S: web::Backend + Clone>(store: S) {
    use std::sync::atomic::Ordering;
    let iin = super::lone_resettlers()[0].clone();
    account(&store, &iin, store::Role::Citizen, None).await;
    let policy = app::identity::SignInPolicy {
        code_tries_per_account: 6,
        ..app::identity::SignInPolicy::default()
    };
    let (app, clock) = moving_service(store.clone(), policy);
    let try_code = |cookie: &str, csrf: &str, code: &str| {
        Request::post("/api/v1/session/code")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::COOKIE, cookie)
            .header("x-csrf-token", csrf)
            .body(Body::from(serde_json::json!({ "code": code }).to_string()))
            .expect("request")
    };
    let mut statuses = Vec::new();
    let mut last = None;
    for _ in 0..2 {
        let (status, headers, body) = send(&app, citizen_sign_in(&iin, [10, 0, 0, 1])).await;
        assert_eq!(status, StatusCode::ACCEPTED, "{body}");
        let cookie = session_pair(&headers);
        let csrf = serde_json::from_str::<serde_json::Value>(&body).expect("JSON")["csrf"]
            .as_str()
            .expect("csrf")
            .to_owned();
        let sms = store.messages_to(&iin, 1).await.expect("outbox");
        let code: String = sms[0].body.chars().filter(char::is_ascii_digit).collect();
        let wrong = if code == "000000" { "111111" } else { "000000" };
        for _ in 0..4 {
            statuses.push(send(&app, try_code(&cookie, &csrf, wrong)).await.0.as_u16());
        }
        last = Some((cookie, csrf, code));
        clock.fetch_add(61, Ordering::SeqCst);
    }
    // Four wrong in the first session, two in the second: the seventh try is past the account's cap.
    assert_eq!(statuses[..6], [422, 422, 422, 422, 422, 422], "{statuses:?}");
    assert_eq!(statuses[6..], [429, 401], "{statuses:?}");
    let (cookie, csrf, code) = last.expect("a session");
    let (status, _, _) = send(&app, try_code(&cookie, &csrf, &code)).await;
    assert_ne!(status, StatusCode::NO_CONTENT, "the right code too, past the cap");
    let alerts = store
        .messages_to(&iin, 50)
        .await
        .expect("outbox")
        .iter()
        .filter(|m| m.template == "sms-sign-in-alert")
        .count();
    assert_eq!(alerts, 1, "the owner is told");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn code_tries_are_capped_per_account_across_sessions() {
    let (store, _dir) = super::sqlite().await;
    code_tries_are_capped_across_sessions(store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_code_tries_are_capped_per_account_across_sessions() {
    let Some(url) = store_postgres::testing::fresh_database("web_code_tries").await else {
        return;
    };
    let store = store_postgres::PgStore::connect(&url).await.expect("store");
    code_tries_are_capped_across_sessions(store).await;
}

/// The service over a fresh SQLite store with the settings `configure` makes.
async fn configured(
    configure: impl FnOnce(&mut web::AppState<store_sqlite::SqliteStore, registries::sandbox::SandboxRegistries>),
) -> (axum::Router, tempfile::TempDir) {
    let (store, dir) = super::sqlite().await;
    account(
        &store,
        "lmc.officer.07",
        store::Role::LabourMobilityCentre,
        Some("550000000"),
    )
    .await;
    let mut state = web::AppState::new(super::app_over(store), std::sync::Arc::new(super::now));
    configure(&mut state);
    (web::router(std::sync::Arc::new(state)), dir)
}

fn metrics(peer: Option<[u8; 4]>, headers: &[(&str, &str)]) -> Request<Body> {
    let mut r = Request::get("/metrics");
    for (name, value) in headers {
        r = r.header(*name, *value);
    }
    if let Some(ip) = peer {
        r = r.extension(axum::extract::ConnectInfo(std::net::SocketAddr::from((ip, 40_000))));
    }
    r.body(Body::empty()).expect("request")
}

/// `/metrics` answers only a client in a configured network (by default loopback) or one with the configured
/// bearer token; behind the trusted proxy the client is the address the proxy added, not one a client wrote.
#[tokio::test]
async fn metrics_answer_only_a_configured_network_or_token() {
    let (default, _a) = configured(|_| {}).await;
    let (configured_app, _b) = configured(|s| {
        s.metrics_access = web::MetricsAccess {
            networks: vec![
                "10.0.0.0/8".parse().expect("CIDR"),
                "2001:db8::/32".parse().expect("CIDR"),
            ],
            token: Some("s3cret-token-for-scrapers".into()),
        };
        s.trust_proxy = true;
    })
    .await;
    for (what, app, request, expected) in [
        ("default, no peer", &default, metrics(None, &[]), StatusCode::FORBIDDEN),
        (
            "default, loopback",
            &default,
            metrics(Some([127, 0, 0, 1]), &[]),
            StatusCode::OK,
        ),
        (
            "default, elsewhere",
            &default,
            metrics(Some([192, 168, 1, 5]), &[]),
            StatusCode::FORBIDDEN,
        ),
        (
            "default, a token is not configured",
            &default,
            metrics(Some([192, 168, 1, 5]), &[("authorization", "Bearer anything")]),
            StatusCode::FORBIDDEN,
        ),
        (
            "in the network",
            &configured_app,
            metrics(Some([10, 1, 2, 3]), &[]),
            StatusCode::OK,
        ),
        (
            "outside it",
            &configured_app,
            metrics(Some([11, 1, 2, 3]), &[]),
            StatusCode::FORBIDDEN,
        ),
        (
            "the token",
            &configured_app,
            metrics(
                Some([11, 1, 2, 3]),
                &[("authorization", "Bearer s3cret-token-for-scrapers")],
            ),
            StatusCode::OK,
        ),
        (
            "a wrong token",
            &configured_app,
            metrics(
                Some([11, 1, 2, 3]),
                &[("authorization", "Bearer s3cret-token-for-scraperz")],
            ),
            StatusCode::FORBIDDEN,
        ),
        (
            "a client that writes a network address first, through the proxy",
            &configured_app,
            metrics(Some([10, 0, 0, 1]), &[("x-forwarded-for", "10.9.9.9, 203.0.113.7")]),
            StatusCode::FORBIDDEN,
        ),
        (
            "a client in the network, through the proxy",
            &configured_app,
            metrics(Some([127, 0, 0, 1]), &[("x-forwarded-for", "203.0.113.7, 10.4.4.4")]),
            StatusCode::OK,
        ),
    ] {
        let (status, _, body) = send(app, request).await;
        assert_eq!(status, expected, "{what}: {body}");
        if status == StatusCode::OK {
            assert!(body.contains("qonys_http_requests_total"), "{what}");
        }
    }
}

/// HSTS and `Secure` cookies when the client's connection is TLS: the service configured so, or the trusted
/// proxy saying `X-Forwarded-Proto: https`; never on the word of an untrusted client.
#[tokio::test]
async fn over_tls_answers_carry_hsts_and_secure_cookies() {
    let (plain, _a) = configured(|_| {}).await;
    let (proxied, _b) = configured(|s| s.trust_proxy = true).await;
    let (https, _c) = configured(|s| s.https = true).await;
    let page = |proto: Option<&str>| {
        let mut r = Request::get("/ui/sign-in");
        if let Some(p) = proto {
            r = r.header("x-forwarded-proto", p);
        }
        r.body(Body::empty()).expect("request")
    };
    for (what, app, request, tls) in [
        ("plain", &plain, page(None), false),
        ("an untrusted client's word", &plain, page(Some("https")), false),
        ("the trusted proxy, plain", &proxied, page(Some("http")), false),
        ("the trusted proxy, TLS", &proxied, page(Some("https")), true),
        ("configured TLS", &https, page(None), true),
        (
            "configured TLS, JSON sign-in",
            &https,
            sign_in("lmc.officer.07", "correct horse battery staple"),
            true,
        ),
    ] {
        let (status, headers, body) = send(app, request).await;
        assert!(status.is_success(), "{what}: {body}");
        let hsts = headers
            .get(header::STRICT_TRANSPORT_SECURITY)
            .and_then(|v| v.to_str().ok());
        let cookies: Vec<&str> = headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        assert!(!cookies.is_empty(), "{what}: a cookie is set");
        if tls {
            assert_eq!(hsts, Some("max-age=31536000; includeSubDomains"), "{what}");
            assert!(cookies.iter().all(|c| c.ends_with("; Secure")), "{what}: {cookies:?}");
        } else {
            assert_eq!(hsts, None, "{what}");
            assert!(cookies.iter().all(|c| !c.contains("Secure")), "{what}: {cookies:?}");
        }
    }
}
