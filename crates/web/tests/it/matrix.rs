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
    // Only a configured network or token reads the metrics; the matrix asks from 10.0.x.x, not configured.
    ("GET", "/metrics", |_, _| StatusCode::FORBIDDEN),
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
    // Each receiving role files for an applicant of its own (the counter accepts, the career centre registers);
    // a citizen without a confirmed code is refused; no one else files.
    ("POST", "/api/v1/quota-applications", |w, s| match w {
        Who::Anonymous => StatusCode::UNAUTHORIZED,
        Who::Signed(r) if receives(r) && s == Scope::Own => StatusCode::CREATED,
        Who::Signed(Role::Citizen) => StatusCode::UNPROCESSABLE_ENTITY,
        Who::Signed(_) => StatusCode::FORBIDDEN,
    }),
    // The applicant already has an open application: checked and refused before any code is sent.
    ("POST", "/api/v1/quota-applications/confirmations", |w, _| match w {
        Who::Anonymous => StatusCode::UNAUTHORIZED,
        Who::Signed(Role::Citizen) => StatusCode::CONFLICT,
        Who::Signed(_) => NOT_FOUND,
    }),
    // The applicant (or the State Corporation taking the call) asks for a visit; the open application answers.
    ("POST", "/api/v1/quota-applications/home-visits", |w, s| match w {
        Who::Anonymous => StatusCode::UNAUTHORIZED,
        Who::Signed(Role::Citizen) => StatusCode::CONFLICT,
        Who::Signed(Role::StateCorporationOperator) if s == Scope::Own => StatusCode::CONFLICT,
        Who::Signed(_) => StatusCode::FORBIDDEN,
    }),
    ("GET", "/api/v1/quota-places", |w, _| match w {
        Who::Anonymous => StatusCode::UNAUTHORIZED,
        Who::Signed(_) => OK,
    }),
    // The same answer whether or not the IIN has an account, and whoever asks.
    ("POST", "/api/v1/session/citizen", |_, _| StatusCode::ACCEPTED),
    ("POST", "/ui/sign-in/citizen", |_, _| SEE_OTHER),
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
    // Everyone signed in has their account page; ending a session that is not theirs finds none.
    ("GET", "/ui/account", |w, _| match w {
        Who::Anonymous => SEE_OTHER,
        Who::Signed(_) => OK,
    }),
    ("POST", "/ui/account/sessions", |w, _| match w {
        Who::Anonymous => SEE_OTHER,
        Who::Signed(_) => NOT_FOUND,
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
    // A file the case lists, to whoever may read the case.
    ("GET", "/ui/cases/{id}/files/{file}", |w, s| case_read(w, s, true)),
    // The portal's application form, for a citizen; their open application is named instead of a second form.
    ("GET", "/ui/quota/apply", |w, _| match w {
        Who::Anonymous => SEE_OTHER,
        Who::Signed(Role::Citizen) => OK,
        Who::Signed(_) => NOT_FOUND,
    }),
    // The form comes back with the open application named.
    ("POST", "/ui/quota/apply", |w, _| match w {
        Who::Anonymous => SEE_OTHER,
        Who::Signed(Role::Citizen) => StatusCode::UNPROCESSABLE_ENTITY,
        Who::Signed(_) => NOT_FOUND,
    }),
    // No confirmation is waiting.
    ("POST", "/ui/quota/apply/confirm", |w, _| match w {
        Who::Anonymous => SEE_OTHER,
        Who::Signed(Role::Citizen) => StatusCode::UNPROCESSABLE_ENTITY,
        Who::Signed(_) => NOT_FOUND,
    }),
    ("POST", "/ui/quota/home-visit", |w, _| match w {
        Who::Anonymous => SEE_OTHER,
        Who::Signed(Role::Citizen) => StatusCode::CONFLICT,
        Who::Signed(_) => NOT_FOUND,
    }),
    // The desk of the counter and the career centre: an applicant looked up in their region.
    ("GET", "/ui/quota/desk", |w, _| match w {
        Who::Anonymous => SEE_OTHER,
        Who::Signed(r) if receives(r) => OK,
        Who::Signed(_) => NOT_FOUND,
    }),
    // In the own region the form comes back with the applicant's open application named.
    ("POST", "/ui/quota/desk", |w, s| match w {
        Who::Anonymous => SEE_OTHER,
        Who::Signed(r) if receives(r) && s == Scope::Own => StatusCode::UNPROCESSABLE_ENTITY,
        Who::Signed(r) if receives(r) => StatusCode::FORBIDDEN,
        Who::Signed(_) => NOT_FOUND,
    }),
    // Figures without personal data: staff and the analyst.
    ("GET", "/ui/quota/places", |w, _| match w {
        Who::Anonymous => SEE_OTHER,
        Who::Signed(r) if staff(r) || r == Role::Analyst => OK,
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
    // The review, on the own case the career centre registered, in this order, after the administrator's PUT
    // above set Pavlodar's quota: forwarded by the career centre, accepted, the commission's decision recorded
    // (by the provider, then again by the commission's secretary), assessed, previewed, included and revoked
    // (the place given back); after which a refusal to accept and every page form find a revoked case (409).
    ("POST", "/api/v1/quota-applications/{id}/forward", |w, s| {
        acts(w, s, true, Role::CareerCentre, OK)
    }),
    ("POST", "/api/v1/quota-applications/{id}/accept", |w, s| {
        decides(w, s, true, OK)
    }),
    (
        "POST",
        "/api/v1/quota-applications/{id}/commission",
        |w, s| match acts(w, s, true, Role::Commission, OK) {
            NOT_FOUND => decides(w, s, true, OK),
            other => other,
        },
    ),
    ("GET", "/api/v1/quota-applications/{id}/assessment", |w, s| match w {
        Who::Signed(Role::Citizen) => NOT_FOUND,
        _ => case_read(w, s, false),
    }),
    ("POST", "/api/v1/quota-applications/{id}/decision-preview", |w, s| {
        decides(w, s, true, OK)
    }),
    ("POST", "/api/v1/quota-applications/{id}/decision", |w, s| {
        decides(w, s, true, OK)
    }),
    ("POST", "/api/v1/quota-applications/{id}/revoke", |w, s| {
        decides(w, s, true, OK)
    }),
    ("POST", "/api/v1/quota-applications/{id}/refusal-to-accept", |w, s| {
        decides(w, s, true, StatusCode::CONFLICT)
    }),
    ("POST", "/ui/quota/applications/{id}/forward", |w, s| {
        acts(w, s, false, Role::CareerCentre, StatusCode::CONFLICT)
    }),
    ("POST", "/ui/quota/applications/{id}/accept", |w, s| {
        decides(w, s, false, StatusCode::CONFLICT)
    }),
    ("POST", "/ui/quota/applications/{id}/refusal-to-accept", |w, s| {
        decides(w, s, false, StatusCode::CONFLICT)
    }),
    ("POST", "/ui/quota/applications/{id}/commission", |w, s| {
        match acts(w, s, false, Role::Commission, StatusCode::CONFLICT) {
            NOT_FOUND => decides(w, s, false, StatusCode::CONFLICT),
            other => other,
        }
    }),
    ("GET", "/ui/quota/applications/{id}/decide", |w, s| {
        decides(w, s, false, StatusCode::CONFLICT)
    }),
    ("POST", "/ui/quota/applications/{id}/decision-preview", |w, s| {
        decides(w, s, false, StatusCode::CONFLICT)
    }),
    ("POST", "/ui/quota/applications/{id}/decision", |w, s| {
        decides(w, s, false, StatusCode::CONFLICT)
    }),
    ("POST", "/ui/quota/applications/{id}/revoke", |w, s| {
        decides(w, s, false, StatusCode::CONFLICT)
    }),
    // Voluntary resettlement. A citizen applies for themselves anywhere, a career centre in its region.
    ("POST", "/api/v1/resettlement-applications", |w, s| match w {
        Who::Anonymous => StatusCode::UNAUTHORIZED,
        Who::Signed(Role::Citizen) => StatusCode::CREATED,
        Who::Signed(Role::CareerCentre) if s == Scope::Own => StatusCode::CREATED,
        Who::Signed(_) => StatusCode::FORBIDDEN,
    }),
    ("GET", "/ui/resettlement/apply", |w, _| match w {
        Who::Anonymous => SEE_OTHER,
        Who::Signed(Role::Citizen | Role::CareerCentre) => OK,
        Who::Signed(_) => NOT_FOUND,
    }),
    ("POST", "/ui/resettlement/apply", |w, s| match w {
        Who::Anonymous | Who::Signed(Role::Citizen) => SEE_OTHER,
        Who::Signed(Role::CareerCentre) if s == Scope::Own => SEE_OTHER,
        Who::Signed(Role::CareerCentre) => StatusCode::FORBIDDEN,
        Who::Signed(_) => NOT_FOUND,
    }),
    // The steps, sent with empty fields against the own region's quota case: the career centre of the region
    // is told what is missing (the tear-off, which has no field to check first, finds no resettlement case);
    // everyone else is answered as if the case did not exist.
    ("POST", "/api/v1/resettlement-applications/{id}/commission", |w, s| {
        acts(w, s, true, Role::CareerCentre, StatusCode::UNPROCESSABLE_ENTITY)
    }),
    ("POST", "/api/v1/resettlement-applications/{id}/referral", |w, s| {
        acts(w, s, true, Role::CareerCentre, StatusCode::UNPROCESSABLE_ENTITY)
    }),
    ("POST", "/api/v1/resettlement-applications/{id}/tear-off", |w, s| {
        acts(w, s, true, Role::CareerCentre, NOT_FOUND)
    }),
    ("POST", "/api/v1/resettlement-applications/{id}/contract", |w, s| {
        acts(w, s, true, Role::CareerCentre, StatusCode::UNPROCESSABLE_ENTITY)
    }),
    ("POST", "/api/v1/resettlement-applications/{id}/move-notice", |w, _| {
        move_step(w, true)
    }),
    ("POST", "/ui/resettlement/cases/{id}/commission", |w, s| {
        acts(w, s, false, Role::CareerCentre, StatusCode::UNPROCESSABLE_ENTITY)
    }),
    ("POST", "/ui/resettlement/cases/{id}/referral", |w, s| {
        acts(w, s, false, Role::CareerCentre, StatusCode::UNPROCESSABLE_ENTITY)
    }),
    ("POST", "/ui/resettlement/cases/{id}/tear-off", |w, s| {
        acts(w, s, false, Role::CareerCentre, NOT_FOUND)
    }),
    ("POST", "/ui/resettlement/cases/{id}/contract", |w, s| {
        acts(w, s, false, Role::CareerCentre, StatusCode::UNPROCESSABLE_ENTITY)
    }),
    ("POST", "/ui/resettlement/cases/{id}/move-notice", |w, _| {
        move_step(w, false)
    }),
    // Rent compensation and the relocation subsidy. A citizen applies for themselves; the case routes are asked
    // about a quota case, which no rent or relocation route acts on ("not found" for everyone); the payroll and
    // the bank files are the Labour Mobility Centre's of its region (no payer is configured here: 409).
    ("POST", "/api/v1/rent-applications", |w, _| match w {
        Who::Anonymous => StatusCode::UNAUTHORIZED,
        Who::Signed(Role::Citizen) => StatusCode::CREATED,
        Who::Signed(_) => StatusCode::FORBIDDEN,
    }),
    ("POST", "/api/v1/rent-applications/{id}/forward", api_not_found),
    ("POST", "/api/v1/rent-applications/{id}/decision", api_not_found),
    ("POST", "/api/v1/relocation-applications/{id}/decision", api_not_found),
    // A new account for a returned payment, asked about a quota case: only the applicant's rent or
    // relocation case has one.
    ("POST", "/api/v1/rent-applications/{id}/account", api_not_found),
    ("POST", "/ui/rent/payments/{id}/account", page_not_found),
    ("POST", "/api/v1/rent-payroll", |w, s| centre(w, s, true, OK)),
    ("POST", "/api/v1/bank-files", |w, s| {
        centre(w, s, true, StatusCode::CONFLICT)
    }),
    ("POST", "/api/v1/bank-notifications", |w, s| {
        centre(w, s, true, StatusCode::UNPROCESSABLE_ENTITY)
    }),
    ("GET", "/ui/rent/apply", citizen_page),
    ("POST", "/ui/rent/apply", citizen_page),
    ("GET", "/ui/rent/payments", citizen_page),
    ("POST", "/ui/rent/applications/{id}/forward", page_not_found),
    ("POST", "/ui/rent/applications/{id}/decision", page_not_found),
    ("POST", "/ui/relocation/applications/{id}/decision", page_not_found),
    ("GET", "/ui/rent/payroll", |w, s| centre(w, s, false, OK)),
    ("POST", "/ui/rent/payroll", |w, s| centre(w, s, false, OK)),
    ("POST", "/ui/rent/bank-file", |w, s| {
        centre(w, s, false, StatusCode::CONFLICT)
    }),
    // Sent without a file, the form is not one: refused before anything is read.
    ("POST", "/ui/rent/bank-notification", |w, _| match w {
        Who::Anonymous => SEE_OTHER,
        Who::Signed(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
    }),
    // The acceptance notice each case's counter step issued. Its public head and the check of a file are for
    // anyone; its file for whoever may read the case (the applicant included); revoking it for the provider of
    // the case's region: the API first, after which the page form finds it revoked (409).
    ("GET", "/verify/{number}", |_, _| OK),
    ("POST", "/verify/{number}", |_, _| OK),
    ("GET", "/api/v1/documents/{number}", |_, _| OK),
    ("POST", "/api/v1/documents/{number}/verification", |_, _| OK),
    ("GET", "/api/v1/documents/{number}/pdf", |w, s| match w {
        Who::Signed(Role::Citizen) if s == Scope::Own => OK,
        other => case_read(other, s, false),
    }),
    ("GET", "/ui/documents/{number}/{lang}", |w, s| case_read(w, s, true)),
    ("POST", "/api/v1/documents/{number}/revoke", |w, s| {
        decides(w, s, true, OK)
    }),
    ("POST", "/ui/documents/{number}/revoke", |w, s| {
        decides(w, s, false, StatusCode::CONFLICT)
    }),
];

fn api_not_found(who: Who, _: Scope) -> StatusCode {
    match who {
        Who::Anonymous => StatusCode::UNAUTHORIZED,
        Who::Signed(_) => NOT_FOUND,
    }
}

fn page_not_found(who: Who, _: Scope) -> StatusCode {
    match who {
        Who::Anonymous => SEE_OTHER,
        Who::Signed(_) => NOT_FOUND,
    }
}

fn citizen_page(who: Who, _: Scope) -> StatusCode {
    match who {
        Who::Anonymous => SEE_OTHER,
        Who::Signed(Role::Citizen) => OK,
        Who::Signed(_) => NOT_FOUND,
    }
}

/// The Labour Mobility Centre of the region (its account works in Pavlodar whatever the scope).
fn centre(who: Who, _: Scope, api: bool, own: StatusCode) -> StatusCode {
    match who {
        Who::Anonymous if api => StatusCode::UNAUTHORIZED,
        Who::Anonymous => SEE_OTHER,
        Who::Signed(Role::LabourMobilityCentre) => own,
        Who::Signed(_) => NOT_FOUND,
    }
}

/// The demo authority of the matrix: the setup's operator, the counter's and the provider's accounts sign what
/// their steps issue.
fn issuing() -> app::issuing::Issuing {
    let officials = [
        "setup.national",
        "matrix.state_corporation_operator",
        "matrix.local_executive_body",
    ]
    .map(|login| documents::pki::Official {
        login,
        name: "Жұмабаев Нұрлан Серікұлы",
        position: "Басшы",
        organisation: "Басқарма",
    });
    let authority = documents::pki::demo_authority(
        &officials,
        jiff::Timestamp::from_second(1_767_225_600).expect("1 January 2026"),
        10,
    )
    .expect("authority");
    let mut issuing = app::issuing::Issuing::new("https://qonys.example.kz", authority.ca.certificate_pem.clone());
    for o in &authority.officials {
        issuing
            .add_official(&o.login, &o.certificate_pem, &o.key_pem)
            .expect("key");
    }
    issuing
}

fn decides(who: Who, scope: Scope, api: bool, own: StatusCode) -> StatusCode {
    acts(who, scope, api, Role::LocalExecutiveBody, own)
}

/// A step only `role` takes, in its own region.
fn acts(who: Who, scope: Scope, api: bool, role: Role, own: StatusCode) -> StatusCode {
    match who {
        Who::Anonymous if api => StatusCode::UNAUTHORIZED,
        Who::Anonymous => SEE_OTHER,
        Who::Signed(r) if r == role && scope == Scope::Own => own,
        Who::Signed(_) => NOT_FOUND,
    }
}

/// The notice of a move: the participant only; the date and the reasons are checked before the case is read.
fn move_step(who: Who, api: bool) -> StatusCode {
    match who {
        Who::Anonymous if api => StatusCode::UNAUTHORIZED,
        Who::Anonymous => SEE_OTHER,
        Who::Signed(Role::Citizen) => StatusCode::UNPROCESSABLE_ENTITY,
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

/// A `multipart/form-data` body of text fields.
fn multipart(fields: &[(&str, &str)]) -> (&'static str, String) {
    let mut body = String::new();
    for (name, value) in fields {
        body.push_str(&format!(
            "--matrix-boundary\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        ));
    }
    body.push_str("--matrix-boundary--\r\n");
    ("multipart/form-data; boundary=matrix-boundary", body)
}

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
    // Whom the State Corporation and the career centre file for in the submission row.
    let (at_counter, at_centre) = (
        applicants.next().expect("a third").record.iin.as_str().to_owned(),
        applicants.next().expect("a fourth").record.iin.as_str().to_owned(),
    );
    // Citizens who sign in by code in the matrix, one per request so that no login is throttled.
    let spare: Vec<String> = applicants.map(|r| r.record.iin.as_str().to_owned()).take(64).collect();
    // Regional staff work in Pavlodar (55); national staff everywhere.
    for role in Role::ALL {
        let territory = (staff(*role) && !national(*role)).then_some("550000000");
        account(&store, &login_of(*role, &mine), *role, territory).await;
    }
    // The applicant's own case in Pavlodar, and someone else's case in Almaty, each with a scanned document.
    // The matrix signs the same accounts in many times at one instant: one-time codes unspaced and uncapped, so
    // that only who asks decides.
    let unlimited = app::identity::SignInPolicy {
        code_spacing_seconds: 0,
        codes_per_account: u32::MAX - 1,
        codes_per_source: u32::MAX - 1,
        ..app::identity::SignInPolicy::default()
    };
    let app = app_over(store.clone())
        .with_issuing(issuing())
        .with_sign_in_policy(unlimited);
    // A national career centre registers the own case, so the setup does not depend on the matrix's own rules;
    // a national operator accepts the foreign one at the counter, which issues its acceptance notice.
    let centre = app::Principal::staff("setup.national", Role::CareerCentre, None, store::Channel::CareerCentre);
    let operator = app::Principal::staff(
        "setup.national",
        Role::StateCorporationOperator,
        None,
        store::Channel::StateCorporation,
    );
    let submit = |iin: &str, territory: &str, file: store::AttachmentId| app::QuotaApplication {
        iin: iin.to_owned(),
        category: "resettler".into(),
        territory: territory.to_owned(),
        employment: Some("9".into()),
        documents: vec![app::quota::DocumentInput {
            kind: "identity".into(),
            attachment: Some(file.0.to_string()),
            presented: true,
            valid_until: None,
        }],
        consent: true,
        ..app::QuotaApplication::default()
    };
    let key = |s: &str| store::IdempotencyKey::parse(s).expect("key");
    let scan = |by: &app::Principal, iin: String| {
        let app = &app;
        let by = by.clone();
        async move {
            app.upload_attachment(&by, Some(&iin), "passport.pdf", b"%PDF-1.4 scan".to_vec(), now())
                .await
                .expect("upload")
        }
    };
    let (own_file, foreign_file) = (scan(&centre, mine.clone()).await, scan(&operator, theirs.clone()).await);
    let own_case = app
        .submit_quota_application(
            &centre,
            &submit(&mine, "550000000", own_file),
            key("matrix-own-case"),
            now(),
        )
        .await
        .expect("own case")
        .applied
        .case
        .0;
    let foreign_case = app
        .submit_quota_application(
            &operator,
            &submit(&theirs, "750000000", foreign_file),
            key("matrix-foreign-case"),
            now(),
        )
        .await
        .expect("foreign case")
        .applied
        .case
        .0;
    // The acceptance notice of a case: the foreign case's from the counter; the own case's from the provider's
    // acceptance among the rows above, so it is looked up when a document's row asks for it.
    let notice = async |case: i64| {
        store::Store::case_file(&store, store::CaseId(case))
            .await
            .expect("file")
            .documents
            .iter()
            .find(|d| d.form == "rules-a-app-7")
            .and_then(|d| d.issued.as_ref().map(|i| i.number.clone()))
            .expect("the acceptance notice")
    };
    let foreign_document = notice(foreign_case).await;
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
                let file = if scope == Scope::Own { own_file } else { foreign_file };
                let uri = path
                    .replace("{id}", &case.to_string())
                    .replace("{file}", &file.0.to_string())
                    .replace("{name}", "app.css")
                    .replace("{year}", "2026")
                    .replace("{territory}", territory)
                    .replace("{category}", "resettler")
                    .replace(
                        "{number}",
                        &if !path.contains("{number}") {
                            String::new()
                        } else if scope == Scope::Own {
                            notice(own_case).await
                        } else {
                            foreign_document.clone()
                        },
                    )
                    .replace("{lang}", "kk");
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
                    // Each receiving role for an applicant of its own, through its own channel; a citizen for
                    // themselves.
                    ("POST", "/api/v1/quota-applications" | "/api/v1/quota-applications/confirmations") => {
                        let iin = match who {
                            Who::Signed(Role::StateCorporationOperator) => &at_counter,
                            Who::Signed(Role::CareerCentre) => &at_centre,
                            _ => &mine,
                        };
                        (
                            "application/json",
                            serde_json::json!({
                                "iin": iin, "category": "resettler", "territory": territory,
                                "employment": "9", "consent": true,
                                "documents": [{ "kind": "identity", "presented": true }],
                            })
                            .to_string(),
                        )
                    }
                    ("POST", "/api/v1/quota-applications/home-visits") => (
                        "application/json",
                        serde_json::json!({ "iin": mine, "category": "resettler", "territory": territory }).to_string(),
                    ),
                    ("POST", "/api/v1/session/citizen") => (
                        "application/json",
                        serde_json::json!({ "iin": spare[n as usize % spare.len()] }).to_string(),
                    ),
                    ("POST", "/ui/sign-in/citizen") => (
                        "application/x-www-form-urlencoded",
                        format!("iin={}", spare[n as usize % spare.len()]),
                    ),
                    ("POST", "/api/v1/quota-applications/{id}/commission") => (
                        "application/json",
                        serde_json::json!({
                            "date": "2026-03-02", "protocol": "7", "outcome": "include",
                            "members": ["A. Member", "B. Member", "C. Member"],
                        })
                        .to_string(),
                    ),
                    ("POST", "/api/v1/quota-applications/{id}/revoke") => {
                        ("application/json", r#"{"reason":"documents found forged"}"#.to_owned())
                    }
                    // The application forms carry files: multipart.
                    ("POST", "/ui/quota/apply" | "/ui/quota/desk") => multipart(&[
                        ("csrf", &csrf),
                        ("key", &format!("matrix-ui-{n:06}")),
                        ("iin", &mine),
                        ("category", "resettler"),
                        ("territory", territory),
                        ("employment", "9"),
                        ("consent", "on"),
                    ]),
                    ("POST", "/ui/quota/home-visit") => (
                        "application/x-www-form-urlencoded",
                        format!("csrf={csrf}&key=matrix-ui-{n:06}&category=resettler&territory={territory}"),
                    ),
                    ("POST", "/api/v1/quota-applications/{id}/refusal-to-accept") => {
                        ("application/json", r#"{"grounds":["quota_incomplete_package"]}"#.to_owned())
                    }
                    ("POST", "/ui/sign-in") => (
                        "application/x-www-form-urlencoded",
                        format!("login={login}&password={}", password.replace(' ', "+")),
                    ),
                    ("PUT", _) => (
                        "application/json",
                        r#"{"unit":"persons","total":1000,"basis":"akimat resolution No. 1"}"#.to_owned(),
                    ),
                    ("POST", "/api/v1/law/amendments") => (
                        "application/json",
                        r#"{"kind":"transfer","day_off":"2027-01-08","working_day":"2027-01-11","act":"x","source":"x"}"#.to_owned(),
                    ),
                    ("POST", "/api/v1/rent-applications") => (
                        "application/json",
                        serde_json::json!({
                            "territory": territory, "included_on": "2026-02-02", "locality": "urban",
                            "family": 2, "account": "KZ18722S000012345678",
                        })
                        .to_string(),
                    ),
                    ("POST", "/api/v1/rent-applications/{id}/decision") => ("application/json", r#"{"action":"grant"}"#.to_owned()),
                    ("POST", "/api/v1/relocation-applications/{id}/decision") => ("application/json", r#"{"grant":true}"#.to_owned()),
                    ("POST", "/api/v1/rent-payroll") => ("application/json", r#"{"month":"2026-03"}"#.to_owned()),
                    ("POST", "/api/v1/rent-applications/{id}/account") => ("application/json", r#"{"account":"KZ86125KZT5004100100"}"#.to_owned()),
                    ("POST", "/api/v1/bank-files") => ("application/json", r#"{"execution_date":"2026-03-19"}"#.to_owned()),
                    ("POST", p) if p.starts_with("/ui/rent/") || p.starts_with("/ui/relocation/") => (
                        "application/x-www-form-urlencoded",
                        format!(
                            "csrf={csrf}&key=matrix-ui-{n:06}&territory={territory}&included_on=2026-02-02&locality=urban&family=2&account=KZ18722S000012345678&action=grant&decision=grant&month=2026-03&execution_date=2026-03-19"
                        ),
                    ),
                    ("POST", "/api/v1/quota-applications/{id}/decision" | "/api/v1/quota-applications/{id}/decision-preview") => {
                        ("application/json", r#"{"decision":"include"}"#.to_owned())
                    }
                    ("POST", "/api/v1/resettlement-applications") => (
                        "application/json",
                        serde_json::json!({ "iin": mine, "territory": territory }).to_string(),
                    ),
                    ("POST", p) if p.starts_with("/api/v1/resettlement-applications/") => ("application/json", "{}".to_owned()),
                    ("POST", "/ui/resettlement/apply") => (
                        "application/x-www-form-urlencoded",
                        format!("iin={mine}&territory={territory}&csrf={csrf}&key=matrix-ui-{n:06}"),
                    ),
                    ("POST", p) if p.starts_with("/ui/resettlement/cases/") => (
                        "application/x-www-form-urlencoded",
                        format!("csrf={csrf}&key=matrix-ui-{n:06}"),
                    ),
                    // Every field any step form takes, so that only who asks and the case's state decide.
                    ("POST", p) if p.starts_with("/ui/quota/applications/{id}") => (
                        "application/x-www-form-urlencoded",
                        format!(
                            "csrf={csrf}&key=matrix-ui-{n:06}&decision=include&grounds=quota_incomplete_package\
                             &reason=documents+found+forged&date=2026-03-02&protocol=7&outcome=include\
                             &members=A.+Member%0AB.+Member%0AC.+Member"
                        ),
                    ),
                    ("POST", "/api/v1/documents/{number}/revoke") => {
                        ("application/json", r#"{"reason":"issued in error"}"#.to_owned())
                    }
                    ("POST", "/ui/documents/{number}/revoke") => (
                        "application/x-www-form-urlencoded",
                        format!("csrf={csrf}&key=matrix-ui-{n:06}&reason=issued+in+error"),
                    ),
                    ("POST", "/ui/lang") => (
                        "application/x-www-form-urlencoded",
                        format!("lang=ru&back=/ui/queue&csrf={csrf}"),
                    ),
                    ("POST", _) => ("application/x-www-form-urlencoded", format!("csrf={csrf}&code=123456")),
                    _ => ("application/json", String::new()),
                };
                // The sign-in forms come from the sign-in page: its pre-session cookie and token.
                let pre = "0".repeat(64);
                let (cookie, body) = if *method == "POST" && matches!(*path, "/ui/sign-in" | "/ui/sign-in/citizen") {
                    let joined = if cookie.is_empty() {
                        format!("qonys_pre={pre}")
                    } else {
                        format!("{cookie}; qonys_pre={pre}")
                    };
                    (joined, format!("{body}&csrf={}", web::ui::sign_in::login_csrf(&pre)))
                } else {
                    (cookie.clone(), body)
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
                // Each request from an address of its own, so that per-source throttling does not decide.
                let peer = std::net::SocketAddr::from(([10, 0, (n >> 8) as u8, n as u8], 40_000));
                let request = request.extension(axum::extract::ConnectInfo(peer));
                let (status, _, answer) = send(&service, request.body(Body::from(body)).expect("request")).await;
                let expected = expect(*who, scope);
                if status != expected {
                    failures.push(format!(
                        "{method} {path} as {who:?} ({scope:?}): {status}, expected {expected}: {}",
                        answer.find("role=\"alert\"").or(answer.find("error")).map_or(
                            answer.chars().take(160).collect::<String>(),
                            |i| answer[i.saturating_sub(100)..].chars().take(400).collect()
                        )
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
