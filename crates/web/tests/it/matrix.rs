//! The authorization matrix: every route × every role (and no one signed in) × a case or territory of the
//! account's own region and of another. A route without a row here fails the test, so a new route cannot ship
//! without its decision.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use store::Role;

use super::{account, app_over, now, population, send};

/// Who asks: no one, or a signed-in account of a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Anonymous,
    Signed(Role),
}

/// Whether the case or territory the request is about is in the account's region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Own,
    Foreign,
}

const OK: StatusCode = StatusCode::OK;
const SEE_OTHER: StatusCode = StatusCode::SEE_OTHER;
const NOT_FOUND: StatusCode = StatusCode::NOT_FOUND;

fn staff(role: Role) -> bool {
    matches!(
        role,
        Role::StateCorporationOperator
            | Role::CareerCentre
            | Role::LabourMobilityCentre
            | Role::LocalExecutiveBody
            | Role::Commission
            | Role::AppealBody
            | Role::Administrator
    )
}

/// Staff without a region (they work for the whole country).
fn national(role: Role) -> bool {
    matches!(role, Role::AppealBody | Role::Administrator)
}

fn receives(role: Role) -> bool {
    matches!(role, Role::StateCorporationOperator | Role::CareerCentre)
}

/// Reading a case: regional staff in their region, national staff everywhere; an applicant their own case on
/// the page (the JSON route is for staff); everyone else sees "not found".
fn case_read(who: Who, scope: Scope, page: bool) -> StatusCode {
    match who {
        Who::Anonymous if page => SEE_OTHER,
        Who::Anonymous => StatusCode::UNAUTHORIZED,
        Who::Signed(r) if staff(r) && (scope == Scope::Own || national(r)) => OK,
        Who::Signed(Role::Citizen) if page && scope == Scope::Own => OK,
        Who::Signed(_) => NOT_FOUND,
    }
}

type Expect = fn(Who, Scope) -> StatusCode;

/// The answer each route gives.
const ROWS: &[(&str, &str, Expect)] = &[
    ("GET", "/health", |_, _| OK),
    ("GET", "/ready", |_, _| OK),
    ("GET", "/metrics", |_, _| OK),
    ("GET", "/api/openapi.json", |_, _| OK),
    ("GET", "/api/docs", |_, _| OK),
    ("GET", "/static/{name}", |_, _| OK),
    // Signing in with the account's own password; no one signed in sends a wrong one.
    ("POST", "/api/v1/session", |w, _| match w {
        Who::Anonymous => StatusCode::UNAUTHORIZED,
        Who::Signed(Role::Citizen) => StatusCode::ACCEPTED,
        Who::Signed(_) => OK,
    }),
    ("DELETE", "/api/v1/session", |w, _| match w {
        Who::Anonymous => StatusCode::UNAUTHORIZED,
        Who::Signed(_) => StatusCode::NO_CONTENT,
    }),
    ("POST", "/api/v1/session/code", |w, _| match w {
        Who::Anonymous => StatusCode::UNAUTHORIZED,
        Who::Signed(_) => StatusCode::NO_CONTENT,
    }),
    ("GET", "/api/v1/me", |w, _| match w {
        Who::Anonymous => StatusCode::UNAUTHORIZED,
        Who::Signed(_) => OK,
    }),
    ("POST", "/api/v1/quota-applications", |w, s| match w {
        Who::Anonymous => StatusCode::UNAUTHORIZED,
        Who::Signed(r) if receives(r) && s == Scope::Own => StatusCode::CREATED,
        Who::Signed(_) => StatusCode::FORBIDDEN,
    }),
    ("GET", "/api/v1/cases/{id}", |w, s| case_read(w, s, false)),
    ("GET", "/", |_, _| SEE_OTHER),
    (
        "GET",
        "/ui/sign-in",
        |w, _| if w == Who::Anonymous { OK } else { SEE_OTHER },
    ),
    ("POST", "/ui/sign-in", |w, _| match w {
        Who::Anonymous => StatusCode::UNAUTHORIZED,
        Who::Signed(_) => SEE_OTHER,
    }),
    // Nothing waits for a code: back to signing in.
    ("GET", "/ui/sign-in/code", |_, _| SEE_OTHER),
    ("POST", "/ui/sign-in/code", |_, _| SEE_OTHER),
    ("POST", "/ui/sign-out", |_, _| SEE_OTHER),
    ("POST", "/ui/lang", |_, _| SEE_OTHER),
    ("GET", "/ui/cabinet", |w, _| match w {
        Who::Signed(r) if !staff(r) && r != Role::Analyst => OK,
        _ => SEE_OTHER,
    }),
    ("GET", "/ui/stats", |w, _| match w {
        Who::Anonymous => SEE_OTHER,
        Who::Signed(Role::Analyst | Role::Administrator) => OK,
        Who::Signed(_) => NOT_FOUND,
    }),
    ("GET", "/ui/queue", |w, _| match w {
        Who::Anonymous => SEE_OTHER,
        Who::Signed(r) if staff(r) => OK,
        Who::Signed(_) => NOT_FOUND,
    }),
    ("GET", "/ui/cases/{id}", |w, s| case_read(w, s, true)),
    ("GET", "/ui/quota/applications/new", |w, _| match w {
        Who::Anonymous => SEE_OTHER,
        Who::Signed(r) if receives(r) => OK,
        Who::Signed(_) => NOT_FOUND,
    }),
    ("POST", "/ui/quota/applications", |w, s| match w {
        Who::Anonymous => SEE_OTHER,
        Who::Signed(r) if receives(r) && s == Scope::Own => SEE_OTHER,
        Who::Signed(r) if receives(r) => StatusCode::UNPROCESSABLE_ENTITY,
        Who::Signed(_) => NOT_FOUND,
    }),
    ("GET", "/ui/admin/outbox", |w, _| match w {
        Who::Anonymous => SEE_OTHER,
        Who::Signed(Role::Administrator) => OK,
        Who::Signed(_) => NOT_FOUND,
    }),
    ("GET", "/ui/admin/law", admin_page),
    ("GET", "/ui/admin/users", admin_page),
    // The administrator's forms, sent with only the anti-CSRF token: the administrator gets the form back with
    // its errors, everyone else "not found".
    ("POST", "/ui/admin/law/editions", admin_form),
    ("POST", "/ui/admin/law/transfers", admin_form),
    ("POST", "/ui/admin/law/holidays", admin_form),
    ("POST", "/ui/admin/law/withdrawals", admin_form),
    ("POST", "/ui/admin/quotas", admin_form),
    ("POST", "/ui/admin/users", admin_form),
    ("GET", "/api/v1/cases/{id}/history", |w, s| case_read(w, s, false)),
    // Figures without personal data: staff, the analyst, the administrator.
    ("GET", "/api/v1/quotas", |w, _| match w {
        Who::Anonymous => StatusCode::UNAUTHORIZED,
        Who::Signed(r) if staff(r) || r == Role::Analyst => OK,
        Who::Signed(_) => NOT_FOUND,
    }),
    ("PUT", "/api/v1/quotas/{year}/{territory}/{category}", admin_api),
    ("GET", "/api/v1/law/amendments", admin_api),
    // An amendment the law refuses (a transfer onto a weekday): the administrator gets its reason.
    ("POST", "/api/v1/law/amendments", |w, s| match admin_api(w, s) {
        OK => StatusCode::UNPROCESSABLE_ENTITY,
        other => other,
    }),
    ("GET", "/api/v1/cases", |w, _| match w {
        Who::Anonymous => StatusCode::UNAUTHORIZED,
        Who::Signed(r) if staff(r) => OK,
        Who::Signed(_) => NOT_FOUND,
    }),
    // Decisions, by the service provider of the case's region only. These rows run in this order on the same
    // own case, after the administrator's PUT above set Pavlodar's quota: accepted, included, revoked (the
    // place given back), after which every page form finds a revoked case (409).
    ("POST", "/api/v1/quota-applications/{id}/accept", |w, s| {
        decides(w, s, true, OK)
    }),
    ("POST", "/api/v1/quota-applications/{id}/decision", |w, s| {
        decides(w, s, true, OK)
    }),
    ("POST", "/api/v1/quota-applications/{id}/revoke", |w, s| {
        decides(w, s, true, OK)
    }),
    ("POST", "/ui/quota/applications/{id}/accept", |w, s| {
        decides(w, s, false, StatusCode::CONFLICT)
    }),
    ("POST", "/ui/quota/applications/{id}/decision", |w, s| {
        decides(w, s, false, StatusCode::CONFLICT)
    }),
    ("POST", "/ui/quota/applications/{id}/revoke", |w, s| {
        decides(w, s, false, StatusCode::CONFLICT)
    }),
];

fn decides(who: Who, scope: Scope, api: bool, own: StatusCode) -> StatusCode {
    match who {
        Who::Anonymous if api => StatusCode::UNAUTHORIZED,
        Who::Anonymous => SEE_OTHER,
        Who::Signed(Role::LocalExecutiveBody) if scope == Scope::Own => own,
        Who::Signed(_) => NOT_FOUND,
    }
}

fn admin_page(who: Who, _: Scope) -> StatusCode {
    match who {
        Who::Anonymous => SEE_OTHER,
        Who::Signed(Role::Administrator) => OK,
        Who::Signed(_) => NOT_FOUND,
    }
}

fn admin_api(who: Who, _: Scope) -> StatusCode {
    match who {
        Who::Anonymous => StatusCode::UNAUTHORIZED,
        Who::Signed(Role::Administrator) => OK,
        Who::Signed(_) => NOT_FOUND,
    }
}

fn admin_form(who: Who, _: Scope) -> StatusCode {
    match who {
        Who::Anonymous => SEE_OTHER,
        Who::Signed(Role::Administrator) => StatusCode::UNPROCESSABLE_ENTITY,
        Who::Signed(_) => NOT_FOUND,
    }
}

const PASSWORD: &str = "correct horse battery staple";

/// The login of each role's account: the applicant signs in with their IIN.
fn login_of(role: Role, applicant: &str) -> String {
    if role == Role::Citizen {
        applicant.to_owned()
    } else {
        format!("matrix.{}", role.key())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_every_role_own_and_foreign() {
    // Every route has a row and every row a route.
    let rows: std::collections::BTreeSet<(&str, &str)> = ROWS.iter().map(|(m, p, _)| (*m, *p)).collect();
    let routes: std::collections::BTreeSet<(&str, &str)> = web::ALL_ROUTES.iter().map(|r| (r.method, r.path)).collect();
    assert_eq!(rows, routes, "the matrix and the router list the same routes");
    assert_eq!(rows.len(), ROWS.len(), "one row per route");

    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite://{}", dir.path().join("qonys.db").display());
    let store = store_sqlite::SqliteStore::open(&url).await.expect("store");
    let people = population();
    let mut applicants = people
        .residents
        .iter()
        .filter(|r| r.kinship.is_none() && r.kandas.is_none());
    let (mine, theirs) = (
        applicants.next().expect("a resident").record.iin.as_str().to_owned(),
        applicants.next().expect("another").record.iin.as_str().to_owned(),
    );
    // Regional staff work in Pavlodar (55); national staff everywhere.
    for role in Role::ALL {
        let territory = (staff(*role) && !national(*role)).then_some("550000000");
        account(&store, &login_of(*role, &mine), *role, territory).await;
    }
    // The applicant's own case in Pavlodar, and someone else's case in Almaty.
    let app = app_over(store.clone());
    // A national operator receives both, so the setup does not depend on the matrix's own rules.
    let operator = app::Principal::staff(
        "setup.national",
        Role::StateCorporationOperator,
        None,
        store::Channel::StateCorporation,
    );
    let submit = |iin: &str, territory: &str| app::QuotaApplication {
        iin: iin.to_owned(),
        category: "resettler".into(),
        territory: territory.to_owned(),
        employment: Some("9".into()),
        consent: true,
        ..app::QuotaApplication::default()
    };
    let key = |s: &str| store::IdempotencyKey::parse(s).expect("key");
    let own_case = app
        .submit_quota_application(&operator, &submit(&mine, "550000000"), key("matrix-own-case"), now())
        .await
        .expect("own case")
        .applied
        .case
        .0;
    let foreign_case = app
        .submit_quota_application(
            &operator,
            &submit(&theirs, "750000000"),
            key("matrix-foreign-case"),
            now(),
        )
        .await
        .expect("foreign case")
        .applied
        .case
        .0;
    let state = web::AppState::new(app.with_sandbox_channels(), Arc::new(now));
    let service = web::router(Arc::new(state));

    let mut sessions = 0u32;
    let mut checked = 0u32;
    let mut failures = Vec::new();
    let whos: Vec<Who> = std::iter::once(Who::Anonymous)
        .chain(Role::ALL.iter().map(|r| Who::Signed(*r)))
        .collect();
    for (method, path, expect) in ROWS {
        for who in &whos {
            for scope in [Scope::Own, Scope::Foreign] {
                // A fresh session for every request: some routes end it.
                let (cookie, csrf) = match who {
                    Who::Anonymous => (String::new(), String::new()),
                    Who::Signed(role) => {
                        sessions += 1;
                        let token = format!("matrix-token-{sessions}");
                        let csrf = format!("matrix-csrf-{sessions}");
                        store::Accounts::put_session(
                            &store,
                            &app::identity::token_hash(&token),
                            &login_of(*role, &mine),
                            &csrf,
                            now().checked_add(jiff::SignedDuration::from_hours(1)).expect("later"),
                            None,
                        )
                        .await
                        .expect("session");
                        (format!("{}={token}", web::extract::COOKIE), csrf)
                    }
                };
                let case = if scope == Scope::Own { own_case } else { foreign_case };
                let territory = if scope == Scope::Own { "550000000" } else { "750000000" };
                let uri = path
                    .replace("{id}", &case.to_string())
                    .replace("{name}", "app.css")
                    .replace("{year}", "2026")
                    .replace("{territory}", territory)
                    .replace("{category}", "resettler");
                let uri = if *path == "/api/v1/quotas" {
                    format!("{uri}?year=2026")
                } else {
                    uri
                };
                let login = match who {
                    Who::Anonymous => "nobody.at.all".to_owned(),
                    Who::Signed(role) => login_of(*role, &mine),
                };
                let password = if *who == Who::Anonymous { "wrong" } else { PASSWORD };
                let n = checked;
                let (content_type, body) = match (*method, *path) {
                    ("POST", "/api/v1/session") => (
                        "application/json",
                        serde_json::json!({ "login": login, "password": password }).to_string(),
                    ),
                    ("POST", "/api/v1/session/code") => ("application/json", r#"{"code":"123456"}"#.to_owned()),
                    // Each receiving role through its own channel.
                    ("POST", "/api/v1/quota-applications") => (
                        "application/json",
                        serde_json::json!({
                            "iin": mine, "category": "resettler", "territory": territory,
                            "channel": if *who == Who::Signed(Role::CareerCentre) { "career_centre" } else { "state_corporation" },
                        })
                        .to_string(),
                    ),
                    ("POST", "/ui/sign-in") => (
                        "application/x-www-form-urlencoded",
                        format!("login={login}&password={}", password.replace(' ', "+")),
                    ),
                    ("POST", "/ui/quota/applications") => (
                        "application/x-www-form-urlencoded",
                        format!(
                            "iin={mine}&category=resettler&territory={territory}&channel=state_corporation&csrf={csrf}&key=matrix-ui-{n:06}"
                        ),
                    ),
                    ("PUT", _) => (
                        "application/json",
                        r#"{"unit":"persons","total":1000,"basis":"akimat resolution No. 1"}"#.to_owned(),
                    ),
                    ("POST", "/api/v1/law/amendments") => (
                        "application/json",
                        r#"{"kind":"transfer","day_off":"2027-01-08","working_day":"2027-01-11","act":"x","source":"x"}"#.to_owned(),
                    ),
                    ("POST", "/api/v1/quota-applications/{id}/decision") => ("application/json", r#"{"decision":"include"}"#.to_owned()),
                    ("POST", p) if p.starts_with("/ui/quota/applications/{id}") => (
                        "application/x-www-form-urlencoded",
                        format!("csrf={csrf}&key=matrix-ui-{n:06}&decision=include"),
                    ),
                    ("POST", "/ui/lang") => (
                        "application/x-www-form-urlencoded",
                        format!("lang=ru&back=/ui/queue&csrf={csrf}"),
                    ),
                    ("POST", _) => ("application/x-www-form-urlencoded", format!("csrf={csrf}&code=123456")),
                    _ => ("application/json", String::new()),
                };
                let mut request = Request::builder()
                    .method(*method)
                    .uri(&uri)
                    .header(header::CONTENT_TYPE, content_type)
                    .header(web::extract::CSRF_HEADER, &csrf)
                    .header("idempotency-key", format!("matrix-api-{n:06}"));
                if !cookie.is_empty() {
                    request = request.header(header::COOKIE, &cookie);
                }
                let (status, _, answer) = send(&service, request.body(Body::from(body)).expect("request")).await;
                let expected = expect(*who, scope);
                if status != expected {
                    failures.push(format!(
                        "{method} {path} as {who:?} ({scope:?}): {status}, expected {expected}: {}",
                        answer.chars().take(160).collect::<String>()
                    ));
                }
                // A case the account may not see answers like one that does not exist.
                if path.contains("{id}") && status == NOT_FOUND {
                    assert!(
                        !answer.contains(&mine) && !answer.contains(&theirs),
                        "{path}: no IIN in a refusal"
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked}:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(
        checked,
        u32::try_from(ROWS.len() * whos.len() * 2).expect("small"),
        "every cell was asked"
    );
}
