//! Voluntary resettlement on the web (Rules B p.24, order No. 359 appendices 10 and 11): the career centre
//! receives the application and takes each step from the case page and over JSON; the participant gives notice
//! of a move from their own case page.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use store::{Outbox, Role};

use super::{account, app_over, lone_resettlers, now, send, sqlite};

const PASSWORD: &str = "correct+horse+battery+staple";

fn form(uri: &str, cookie: Option<&str>, body: &str) -> Request<Body> {
    let mut r = Request::post(uri).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(c) = cookie {
        r = r.header(header::COOKIE, c);
    }
    r.body(Body::from(body.to_owned())).expect("request")
}

fn page(uri: &str, cookie: &str) -> Request<Body> {
    Request::get(uri)
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .expect("request")
}

fn cookie_of(headers: &axum::http::HeaderMap) -> String {
    headers
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .expect("a cookie")
        .to_owned()
}

fn location(headers: &axum::http::HeaderMap) -> String {
    headers
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

fn hidden(html: &str, name: &str) -> String {
    let marker = format!(r#"name="{name}" value=""#);
    let start = html.find(&marker).expect("the input") + marker.len();
    html[start..].split('"').next().expect("value").to_owned()
}

/// A staff member signed in on the pages: the session cookie and its anti-CSRF token.
async fn staff(service: &axum::Router, login: &str) -> (String, String) {
    let (status, headers, _) = send(
        service,
        super::sign_in_form(service, "/ui/sign-in", &format!("login={login}&password={PASSWORD}")).await,
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let cookie = cookie_of(&headers);
    let (_, _, apply) = send(service, page("/ui/resettlement/apply", &cookie)).await;
    (cookie.clone(), hidden(&apply, "csrf"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_participant_is_referred_settles_and_gives_notice_of_a_move() {
    let (store, _dir) = sqlite().await;
    account(&store, "cc.55", Role::CareerCentre, Some("550000000")).await;
    account(&store, "cc.75", Role::CareerCentre, Some("750000000")).await;
    let iin = lone_resettlers()[3].clone();
    account(&store, &iin, Role::Citizen, None).await;
    let service = web::router(Arc::new(web::AppState::new(app_over(store.clone()), Arc::new(now))));
    let (cookie, csrf) = staff(&service, "cc.55").await;

    // The career centre receives the application of a person of its region; a wrong IIN is explained next to
    // its field, and the centre of another region may not receive it.
    let (status, _, html) = send(
        &service,
        form(
            "/ui/resettlement/apply",
            Some(&cookie),
            &format!("csrf={csrf}&key=res-apply-0&iin=123&territory=550000000"),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains(r#"id="iin-error""#), "{html}");
    let (other, other_csrf) = staff(&service, "cc.75").await;
    let (status, _, _) = send(
        &service,
        form(
            "/ui/resettlement/apply",
            Some(&other),
            &format!("csrf={other_csrf}&key=res-apply-9&iin={iin}&territory=550000000"),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, headers, _) = send(
        &service,
        form(
            "/ui/resettlement/apply",
            Some(&cookie),
            &format!("csrf={csrf}&key=res-apply-1&iin={iin}&territory=550000000"),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let to_case = location(&headers);
    let id: i64 = to_case
        .trim_start_matches("/ui/cases/")
        .trim_end_matches("#case-state")
        .parse()
        .expect("the case page");
    let case_page = format!("/ui/cases/{id}");

    // The queue of the career centre lists it; the case page offers the commission's form, and nothing else.
    let (_, _, queue) = send(&service, page("/ui/queue", &cookie)).await;
    assert!(queue.contains("QN-55-2026-000001"), "{queue}");
    let (status, _, applied) = send(&service, page(&case_page, &cookie)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!applied.contains(&iin), "no IIN in clear");
    assert!(applied.contains(&format!(r#"action="/ui/resettlement/cases/{id}/commission""#)));
    assert!(!applied.contains(&format!(r#"action="/ui/resettlement/cases/{id}/referral""#)));
    // The other region's centre does not see the case at all.
    let (status, _, _) = send(&service, page(&case_page, &other)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // The commission's decision from the page: members one a line, date and protocol.
    let (status, _, _) = send(
        &service,
        form(
            &format!("/ui/resettlement/cases/{id}/commission"),
            Some(&cookie),
            &format!(
                "csrf={csrf}&key=res-commission-1&date=2026-03-17&protocol=4&outcome=approve\
                 &members=%D0%90%D1%85%D0%BC%D0%B5%D1%82%D0%BE%D0%B2%D0%B0+%D0%93.+%D0%A1.%0AB.+Member"
            ),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, _, participant) = send(&service, page(&case_page, &cookie)).await;
    assert!(participant.contains("Ахметова Г. С., B. Member"), "{participant}");
    assert!(participant.contains(&format!(r#"action="/ui/resettlement/cases/{id}/referral""#)));

    // The referral over JSON; the tear-off notification matched by the referral's number.
    let post = |path: String, key: &str, body: &str| {
        Request::post(path)
            .header(header::COOKIE, &cookie)
            .header(web::extract::CSRF_HEADER, &csrf)
            .header("idempotency-key", key)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_owned()))
            .expect("request")
    };
    let referral = r#"{"destination":"551010000","occupation":"сварщик","family":2}"#;
    let (status, _, body) = send(
        &service,
        post(
            format!("/api/v1/resettlement-applications/{id}/referral"),
            "res-refer-1",
            referral,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(
        (v["state"].as_str(), v["number"].as_str()),
        (Some("referred"), Some("QN-55-2026-000001"))
    );
    // Sent again with its key: the first answer.
    let (status, _, again) = send(
        &service,
        post(
            format!("/api/v1/resettlement-applications/{id}/referral"),
            "res-refer-1",
            referral,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&again).expect("JSON")["replayed"],
        true
    );
    let (status, _, body) = send(
        &service,
        post(
            format!("/api/v1/resettlement-applications/{id}/tear-off"),
            "res-tear-off-1",
            r#"{"referral_number":"QN-55-2026-000002/1"}"#,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("referral_number_mismatch"), "{body}");
    let (status, _, body) = send(
        &service,
        post(
            format!("/api/v1/resettlement-applications/{id}/tear-off"),
            "res-tear-off-2",
            r#"{"referral_number":"QN-55-2026-000001/1"}"#,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains(r#""state":"settled""#), "{body}");

    // The social contract from the page.
    let (_, _, settled) = send(&service, page(&case_page, &cookie)).await;
    assert!(settled.contains(&format!(r#"action="/ui/resettlement/cases/{id}/contract""#)));
    let (status, _, _) = send(
        &service,
        form(
            &format!("/ui/resettlement/cases/{id}/contract"),
            Some(&cookie),
            &format!("csrf={csrf}&key=res-contract-1&number=SK-17&date=2026-03-18"),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, _, contracted) = send(&service, page(&case_page, &cookie)).await;
    assert!(contracted.contains("SK-17 (2026-03-18)"), "{contracted}");
    assert!(
        !contracted.contains(r#"action="/ui/resettlement/cases/"#),
        "the move is the participant's to notify"
    );

    // The participant signs in with their code, sees the case and gives notice of a move six days ahead: it is
    // recorded, as late.
    let (status, headers, _) = send(
        &service,
        super::sign_in_form(&service, "/ui/sign-in", &format!("login={iin}&password={PASSWORD}")).await,
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let citizen = cookie_of(&headers);
    let sms = store.messages_to(&iin, 10).await.expect("outbox");
    let code: String = sms
        .iter()
        .find(|m| m.body.contains("коды"))
        .expect("the code")
        .body
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let (_, _, code_page) = send(&service, page("/ui/sign-in/code", &citizen)).await;
    let citizen_csrf = hidden(&code_page, "csrf");
    let (status, _, _) = send(
        &service,
        form(
            "/ui/sign-in/code",
            Some(&citizen),
            &format!("code={code}&csrf={citizen_csrf}"),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, _, cabinet) = send(&service, page("/ui/cabinet", &citizen)).await;
    assert!(cabinet.contains("QN-55-2026-000001"), "{cabinet}");
    let (status, _, own) = send(&service, page(&case_page, &citizen)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        own.contains(&format!(r#"action="/ui/resettlement/cases/{id}/move-notice""#)),
        "{own}"
    );
    let (status, _, _) = send(
        &service,
        form(
            &format!("/ui/resettlement/cases/{id}/move-notice"),
            Some(&citizen),
            &format!("csrf={citizen_csrf}&key=res-move-1&moving_on=2026-03-24&reasons=%D0%96%D2%B1%D0%BC%D1%8B%D1%81"),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, _, moved) = send(&service, page(&case_page, &cookie)).await;
    assert!(moved.contains("2026-03-24") || moved.contains("24 наурыз"), "{moved}");
    let person = store::Party::Person(kz::Iin::parse(&iin).expect("IIN"));
    let record = store::Store::case_of_party(&store, store::CaseId(id), &person)
        .await
        .expect("read")
        .expect("the case");
    assert_eq!(record.state, "move_notified");
    assert!(record.payload.contains(r#""timely":false"#), "{}", record.payload);

    // The new contract at the new place.
    let (status, _, body) = send(
        &service,
        post(
            format!("/api/v1/resettlement-applications/{id}/contract"),
            "res-contract-2",
            r#"{"number":"SK-29","date":"2026-03-25"}"#,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains(r#""state":"under_contract""#), "{body}");
}

/// RES-01: a kandas takes part whatever their region or state of origin: the career centre receives the
/// application of a kandas of the register over JSON, and nothing asks where they came from; their status, asked
/// of the register, is kept on the case.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kandas_applies_whatever_their_origin() {
    let (store, _dir) = sqlite().await;
    account(&store, "cc.55", Role::CareerCentre, Some("550000000")).await;
    let kandas = super::population()
        .residents
        .iter()
        .find(|r| r.kandas.is_some())
        .expect("a kandas in the population")
        .record
        .iin
        .as_str()
        .to_owned();
    let service = web::router(Arc::new(web::AppState::new(app_over(store.clone()), Arc::new(now))));
    let (cookie, csrf) = staff(&service, "cc.55").await;
    let request = Request::post("/api/v1/resettlement-applications")
        .header(header::COOKIE, &cookie)
        .header(web::extract::CSRF_HEADER, &csrf)
        .header("idempotency-key", "res-kandas-1")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(
            serde_json::json!({ "iin": kandas, "territory": "550000000" }).to_string(),
        ))
        .expect("request");
    let (status, _, body) = send(&service, request).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(v["state"], "applied");
    let person = store::Party::Person(kz::Iin::parse(&kandas).expect("IIN"));
    let case = v["case"].as_i64().expect("the case");
    let record = store::Store::case_of_party(&store, store::CaseId(case), &person)
        .await
        .expect("read")
        .expect("the case");
    assert!(record.payload.contains(r#""kandas":true"#), "{}", record.payload);
}
