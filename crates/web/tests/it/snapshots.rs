//! The main pages as HTML snapshots (insta), over a fixed clock and fixed data, in Kazakh and Russian: a
//! change to a template, a message or what a page shows is a reviewed diff. Tokens that are random by design
//! (the anti-CSRF token, the forms' idempotency keys) are replaced by placeholders before comparing.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use store::{Accounts, Role};

use super::{account, app_over, lone_resettlers, now, sc_operator, send, sqlite, to_pavlodar};

/// Replaces the value of every hidden input `name` with `[name]`.
fn redact(html: &str, name: &str) -> String {
    let marker = format!(r#"name="{name}" value=""#);
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(&marker) {
        let (head, tail) = rest.split_at(at + marker.len());
        out.push_str(head);
        out.push_str(&format!("[{name}]"));
        rest = tail.find('"').map_or("", |end| &tail[end..]);
    }
    out.push_str(rest);
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn main_pages() {
    let (store, _dir) = sqlite().await;
    account(&store, "leb.55", Role::LocalExecutiveBody, Some("550000000")).await;
    account(&store, "admin.kz", Role::Administrator, None).await;
    account(&store, "analyst.kz", Role::Analyst, None).await;
    let app = app_over(store.clone());
    let input = to_pavlodar(&lone_resettlers()[0]);
    let operator = sc_operator();
    let case = app
        .submit_quota_application(
            &operator,
            &input,
            store::IdempotencyKey::parse("snapshot-case-1").expect("key"),
            now(),
        )
        .await
        .expect("accepted at the counter: under review")
        .applied
        .case;
    let service = web::router(Arc::new(web::AppState::new(app, Arc::new(now))));
    let later = now().checked_add(jiff::SignedDuration::from_hours(1)).expect("later");
    let mut n = 0;
    let mut session = async |login: &str, lang: &str| {
        n += 1;
        let token = format!("snapshot-token-{n}");
        store
            .put_session(&app::identity::token_hash(&token), login, "csrf", later, None)
            .await
            .expect("session");
        store.set_lang(login, lang).await.expect("lang");
        format!("{}={token}", web::extract::COOKIE)
    };
    let get = |uri: &str, cookie: Option<&str>, lang: &str| {
        let mut r = Request::get(uri).header(header::ACCEPT_LANGUAGE, lang);
        if let Some(c) = cookie {
            r = r.header(header::COOKIE, c);
        }
        r.body(Body::empty()).expect("request")
    };
    for lang in ["kk", "ru"] {
        let (status, _, html) = send(&service, get("/ui/sign-in", None, lang)).await;
        assert_eq!(status, StatusCode::OK);
        insta::assert_snapshot!(format!("sign_in_{lang}"), redact(&html, "csrf"));
        let cookie = session("leb.55", lang).await;
        let (status, _, html) = send(&service, get(&format!("/ui/cases/{}", case.0), Some(&cookie), lang)).await;
        assert_eq!(status, StatusCode::OK);
        insta::assert_snapshot!(
            format!("case_under_review_{lang}"),
            redact(&redact(&html, "csrf"), "key")
        );
        let decide = format!("/ui/quota/applications/{}/decide", case.0);
        let (status, _, html) = send(&service, get(&decide, Some(&cookie), lang)).await;
        assert_eq!(status, StatusCode::OK);
        insta::assert_snapshot!(format!("decide_{lang}"), redact(&redact(&html, "csrf"), "key"));
        let (status, _, html) = send(&service, get("/ui/queue", Some(&cookie), lang)).await;
        assert_eq!(status, StatusCode::OK);
        insta::assert_snapshot!(format!("queue_{lang}"), redact(&html, "csrf"));
    }
    let cookie = session("analyst.kz", "kk").await;
    let (_, _, html) = send(&service, get("/ui/stats", Some(&cookie), "kk")).await;
    insta::assert_snapshot!("stats_kk", redact(&html, "csrf"));
    let cookie = session("admin.kz", "ru").await;
    let (_, _, html) = send(&service, get("/ui/admin/users", Some(&cookie), "ru")).await;
    insta::assert_snapshot!("users_ru", redact(&html, "csrf"));
}
