//! The web pages in-process: the applicant's sign-in with a one-time code, errors next to their fields in
//! Kazakh and Russian, and every message key the pages use present in both catalogs.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use render::{Catalog, Lang};
use store::{Outbox, Role};

use super::{
    account, app_over, lone_resettlers, now, population, received_in_pavlodar, sc_operator, send, sqlite, to_pavlodar,
};

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

fn location(headers: &axum::http::HeaderMap) -> &str {
    headers
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

/// The value of a hidden input `name` in a page.
fn hidden(html: &str, name: &str) -> String {
    let marker = format!(r#"name="{name}" value=""#);
    let start = html.find(&marker).expect("the input") + marker.len();
    html[start..].split('"').next().expect("value").to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_applicant_signs_in_with_an_sms_code_and_sees_only_their_cases() {
    let (store, _dir) = sqlite().await;
    let iin = lone_resettlers()[0].clone();
    account(&store, &iin, Role::Citizen, None).await;
    let app = app_over(store.clone());
    // Forwarded by a career centre: the provider may still refuse to accept it (Rules A p.15 part 5).
    let submitted = received_in_pavlodar(&app, &iin, "pages-case-0001").await;
    let service = web::router(Arc::new(web::AppState::new(app, Arc::new(now))));

    // Password first: the answer asks for the code and the SMS is in the outbox, not yet signed in.
    let (status, headers, _) = send(
        &service,
        super::sign_in_form(&service, "/ui/sign-in", &format!("login={iin}&password={PASSWORD}")).await,
    )
    .await;
    assert_eq!(
        (status, location(&headers)),
        (StatusCode::SEE_OTHER, "/ui/sign-in/code")
    );
    let cookie = cookie_of(&headers);
    let (status, headers, _) = send(&service, page("/ui/cabinet", &cookie)).await;
    assert_eq!(
        (status, location(&headers)),
        (StatusCode::SEE_OTHER, "/ui/sign-in"),
        "not yet"
    );
    let sms = store.messages_to(&iin, 1).await.expect("outbox");
    let code: String = sms[0].body.chars().filter(char::is_ascii_digit).collect();
    assert_eq!(code.len(), 6, "{:?}", sms[0].body);
    assert!(sms[0].body.contains("жүйеге кіру коды"), "Kazakh by default");

    // A wrong code is refused next to its field; the right one signs in.
    let (_, _, code_page) = send(&service, page("/ui/sign-in/code", &cookie)).await;
    let csrf = hidden(&code_page, "csrf");
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let (status, _, html) = send(
        &service,
        form("/ui/sign-in/code", Some(&cookie), &format!("code={wrong}&csrf={csrf}")),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains(r#"<p class="field-error" id="code-error">Код сәйкес келмейді"#),
        "{html}"
    );
    let (status, headers, _) = send(
        &service,
        form("/ui/sign-in/code", Some(&cookie), &format!("code={code}&csrf={csrf}")),
    )
    .await;
    assert_eq!((status, location(&headers)), (StatusCode::SEE_OTHER, "/ui/cabinet"));
    let (status, _, cabinet) = send(&service, page("/ui/cabinet", &cookie)).await;
    assert_eq!(status, StatusCode::OK);
    let number = submitted.number.to_string();
    assert!(cabinet.contains(&number), "{cabinet}");
    assert!(!cabinet.contains(&iin), "the IIN is masked on the page");
    let (status, _, case) = send(
        &service,
        page(&format!("/ui/cases/{}", submitted.applied.case.0), &cookie),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(case.contains(&number), "{case}");
    // The bases in words (the refusal to accept is due by Rules A p.15 part 5), never in the notation of `law/`.
    assert!(
        case.contains("енгізу қағидаларының 15-тармағының 5-бөлігі") && !case.contains("rules-a"),
        "{case}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_wrong_codes_end_the_session() {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite://{}", dir.path().join("qonys.db").display());
    let store = store_sqlite::SqliteStore::open(&url).await.expect("store");
    account(&store, "900101300007", Role::Citizen, None).await;
    let service = web::router(Arc::new(web::AppState::new(app_over(store), Arc::new(now))));
    let (_, headers, _) = send(
        &service,
        super::sign_in_form(
            &service,
            "/ui/sign-in",
            &format!("login=900101300007&password={PASSWORD}"),
        )
        .await,
    )
    .await;
    let cookie = cookie_of(&headers);
    let (_, _, code_page) = send(&service, page("/ui/sign-in/code", &cookie)).await;
    let csrf = hidden(&code_page, "csrf");
    let mut statuses = Vec::new();
    for _ in 0..6 {
        let (status, _, _) = send(
            &service,
            form("/ui/sign-in/code", Some(&cookie), &format!("code=99999x&csrf={csrf}")),
        )
        .await;
        statuses.push(status.as_u16());
    }
    assert_eq!(statuses, [422, 422, 422, 422, 429, 303], "the sixth finds no session");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_iin_is_explained_next_to_its_field_in_the_chosen_language() {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite://{}", dir.path().join("qonys.db").display());
    let store = store_sqlite::SqliteStore::open(&url).await.expect("store");
    account(&store, "sc.55", Role::StateCorporationOperator, Some("550000000")).await;
    let service = web::router(Arc::new(web::AppState::new(app_over(store), Arc::new(now))));
    let (status, headers, _) = send(
        &service,
        super::sign_in_form(&service, "/ui/sign-in", &format!("login=sc.55&password={PASSWORD}")).await,
    )
    .await;
    assert_eq!((status, location(&headers)), (StatusCode::SEE_OTHER, "/ui/queue"));
    let cookie = cookie_of(&headers);
    let (_, _, blank) = send(&service, page("/ui/quota/desk", &cookie)).await;
    let csrf = hidden(&blank, "csrf");
    let bad = "/ui/quota/desk?iin=12345";
    let (status, _, kk) = send(&service, page(bad, &cookie)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(kk.contains(r#"<html lang="kk">"#));
    assert!(
        kk.contains(r#"<p class="field-error" id="iin-error">ЖСН 12 цифрдан тұруы керек</p>"#),
        "{kk}"
    );
    assert!(
        kk.contains(r##"<a href="#iin">ЖСН 12 цифрдан тұруы керек</a>"##),
        "the summary links to the field"
    );
    assert!(kk.contains(r#"aria-describedby="iin-error""#));
    // The switch to Russian is remembered on the account, not only in the browser.
    let (status, headers, _) = send(
        &service,
        form(
            "/ui/lang",
            Some(&cookie),
            &format!("lang=ru&back=/ui/quota/desk&csrf={csrf}"),
        ),
    )
    .await;
    assert_eq!((status, location(&headers)), (StatusCode::SEE_OTHER, "/ui/quota/desk"));
    let (_, _, ru) = send(&service, page(bad, &cookie)).await;
    assert!(ru.contains(r#"<html lang="ru">"#));
    assert!(
        ru.contains(r#"id="iin-error">ИИН должен состоять из 12 цифр</p>"#),
        "{ru}"
    );
    // An open redirect is not possible through the switch.
    let (_, headers, _) = send(
        &service,
        form(
            "/ui/lang",
            Some(&cookie),
            &format!("lang=kk&back=//evil.example&csrf={csrf}"),
        ),
    )
    .await;
    assert_eq!(location(&headers), "/");
}

/// The keys missing from a catalog, as `lang: key`.
fn missing_messages<'a>(keys: impl IntoIterator<Item = &'a String>) -> Vec<String> {
    let catalog = Catalog::new();
    keys.into_iter()
        .flat_map(|k| {
            Lang::ALL
                .iter()
                .filter(|l| !catalog.has(**l, k))
                .map(move |l| format!("{l}: {k}"))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Every error code the service answers with (JSON or page) has a message in both catalogs: the last quoted
/// snake_case word of each line that makes an error.
#[test]
fn every_error_code_of_the_service_is_in_both_catalogs() {
    let sources = [
        include_str!("../../src/lib.rs"),
        include_str!("../../src/error.rs"),
        include_str!("../../src/extract.rs"),
        include_str!("../../src/auth.rs"),
        include_str!("../../src/api.rs"),
        include_str!("../../src/cases_api.rs"),
        include_str!("../../src/ui/mod.rs"),
        include_str!("../../src/ui/sign_in.rs"),
        include_str!("../../src/ui/queue.rs"),
        include_str!("../../src/quota/mod.rs"),
        include_str!("../../src/quota/api.rs"),
        include_str!("../../src/quota/portal.rs"),
        include_str!("../../src/quota/desk.rs"),
        include_str!("../../src/quota/review.rs"),
        include_str!("../../src/resettlement/mod.rs"),
        include_str!("../../src/resettlement/api.rs"),
        include_str!("../../src/resettlement/pages.rs"),
        include_str!("../../src/admin/law.rs"),
        include_str!("../../src/admin/users.rs"),
        include_str!("../../../app/src/lib.rs"),
        include_str!("../../../app/src/identity.rs"),
        include_str!("../../../app/src/admin.rs"),
        include_str!("../../../app/src/quota/mod.rs"),
        include_str!("../../../app/src/quota/intake.rs"),
        include_str!("../../../app/src/quota/review.rs"),
        include_str!("../../../app/src/quota/files.rs"),
        include_str!("../../../app/src/resettlement/mod.rs"),
        include_str!("../../../app/src/cases_view.rs"),
    ];
    let makers = [
        "ApiError::new(",
        "invalid(",
        ".fail(",
        "fields: vec![(",
        "f.error(",
        "error(\"",
        "Refused(\"",
        "Unauthenticated(\"",
        "code: \"",
    ];
    let mut codes = std::collections::BTreeSet::new();
    for line in sources.iter().flat_map(|s| s.lines()) {
        // A code computed from an error value (`e.code()`, `map_err(|code| …)`) is checked with that error type.
        if !makers.iter().any(|m| line.contains(m)) || line.contains("code(") || line.contains("|code|") {
            continue;
        }
        if let Some(code) = line
            .split('"')
            .skip(1)
            .step_by(2)
            .filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'_' || b == b'-'))
            .last()
        {
            codes.insert(code.to_owned());
        }
    }
    assert!(codes.len() > 20, "{codes:?}");
    codes.extend(store::StoreError::CODES.iter().map(|c| (*c).to_owned()));
    codes.extend(legal::amend::AmendError::CODES.iter().map(|c| (*c).to_owned()));
    codes.extend(cases::model::Reason::CODES.iter().map(|c| (*c).to_owned()));
    codes.extend(cases::Rejected::CODES.iter().map(|c| (*c).to_owned()));
    let catalog = Catalog::new();
    // Pages and JSON show these messages without arguments: none may need one, but those the error carries
    // the arguments of (`ApiError::args`).
    const WITH_ARGUMENTS: &[&str] = &["quota_open_case", "quota_open_case_staff"];
    for code in codes.iter().filter(|c| !WITH_ARGUMENTS.contains(&c.as_str())) {
        for lang in Lang::ALL {
            let text = catalog.message(lang, code, &[]);
            assert!(!text.contains("{$"), "{lang}: {code} needs an argument: {text}");
        }
    }
    let missing = missing_messages(&codes);
    assert!(missing.is_empty(), "{missing:?}");
}

/// Every key a page asks for, fixed or made from a value, is in both catalogs.
#[test]
fn every_message_of_the_pages_is_in_both_catalogs() {
    let mut keys: Vec<String> = Vec::new();
    let sources = [
        include_str!("../../src/ui/mod.rs"),
        include_str!("../../src/ui/sign_in.rs"),
        include_str!("../../src/ui/cabinet.rs"),
        include_str!("../../src/ui/queue.rs"),
        include_str!("../../src/ui/case.rs"),
        include_str!("../../src/admin/law.rs"),
        include_str!("../../src/admin/users.rs"),
        include_str!("../../src/quota/portal.rs"),
        include_str!("../../src/quota/desk.rs"),
        include_str!("../../src/quota/review.rs"),
        include_str!("../../src/quota/places.rs"),
        include_str!("../../src/resettlement/pages.rs"),
        include_str!("../../src/lib.rs"),
        include_str!("../../templates/base.html"),
        include_str!("../../templates/error.html"),
        include_str!("../../templates/sign_in.html"),
        include_str!("../../templates/code.html"),
        include_str!("../../templates/cabinet.html"),
        include_str!("../../templates/queue.html"),
        include_str!("../../templates/case_table.html"),
        include_str!("../../templates/case.html"),
        include_str!("../../templates/quota/apply.html"),
        include_str!("../../templates/quota/document_field.html"),
        include_str!("../../templates/quota/confirm.html"),
        include_str!("../../templates/quota/desk.html"),
        include_str!("../../templates/quota/decide.html"),
        include_str!("../../templates/quota/preview.html"),
        include_str!("../../templates/quota/places.html"),
        include_str!("../../templates/quota/actions.html"),
        include_str!("../../templates/resettlement/apply.html"),
        include_str!("../../templates/resettlement/actions.html"),
        include_str!("../../templates/outbox.html"),
        include_str!("../../templates/law.html"),
        include_str!("../../templates/stats.html"),
        include_str!("../../templates/users.html"),
    ];
    for source in sources {
        for quoted in source.split('"').skip(1).step_by(2) {
            if (quoted.starts_with("ui-") || quoted.starts_with("sms-"))
                && !quoted.ends_with('-')
                && !quoted.contains('{')
            {
                keys.push(quoted.to_owned());
            }
        }
    }
    assert!(keys.len() > 60, "{}", keys.len());
    let made = |prefix: &str, values: &[&str]| values.iter().map(|v| format!("{prefix}{v}")).collect::<Vec<_>>();
    keys.extend((1..=12).map(|m| format!("ui-month-{m}")));
    keys.extend(Role::ALL.iter().map(|r| format!("ui-role-{}", r.key())));
    keys.extend(made("ui-kind-", &["quota_kandas", "quota_resettler", "resettlement"]));
    keys.extend(made(
        "ui-state-",
        &[
            "received",
            "under_review",
            "included",
            "refused",
            "not_accepted",
            "revoked",
            "applied",
            "not_admitted",
            "participant",
            "referred",
            "settled",
            "under_contract",
            "move_notified",
        ],
    ));
    keys.extend(made("ui-category-", &["kandas", "resettler"]));
    keys.extend(made("ui-unit-", &["persons", "families"]));
    keys.extend(made(
        "ui-value-",
        &[
            "mci",
            "mci_per_worker",
            "mci_per_person",
            "rent",
            "rent-bracket",
            "conversion",
            "financial_year",
            "effect-record_only",
        ],
    ));
    keys.extend(made("ui-conversion-", &["first_day_of_month", "decision_date"]));
    keys.extend(made("ui-confidence-", &["high", "medium", "low"]));
    keys.extend(made("ui-holiday-kind-", &["national", "state", "religious"]));
    keys.extend(legal::amend::AmendError::CODES.iter().map(|c| (*c).to_owned()));
    // Every parameter the law page lists, by name.
    let law = legal::Law::embedded().expect("law");
    let params = law.params.in_force(jiff::civil::date(2026, 6, 1));
    assert!(params.len() > 20, "{}", params.len());
    keys.extend(params.iter().map(|p| web::admin::param_key(&p.id)));
    keys.extend(store::StoreError::CODES.iter().map(|c| (*c).to_owned()));
    keys.extend(store::Channel::ALL.iter().map(|c| format!("ui-channel-{}", c.key())));
    keys.extend(made(
        "ui-reason-",
        &[
            "weekday",
            "weekend",
            "holiday",
            "carried_over",
            "transferred_day_off",
            "transferred_working_day",
        ],
    ));
    keys.extend(registries::System::ALL.iter().map(|s| format!("ui-system-{}", s.key())));
    keys.extend(made(
        "ui-action-",
        &[
            "quota-submit",
            "quota-under_review",
            "quota-included",
            "quota-refused",
            "quota-not_accepted",
            "quota-revoked",
            "case-read",
            "deadline-overdue",
            "deadline-recounted",
        ],
    ));
    keys.extend(made(
        "ui-deadline-",
        &["forward_by", "refuse_to_accept_by", "decide_by", "reading"],
    ));
    keys.extend(made("ui-param-", &["reading"]));
    keys.extend(made("ui-", &["readings", "readings-intro"]));
    keys.extend(
        web::ui::case::READINGS
            .iter()
            .map(|(_, slug, _)| format!("ui-reading-{slug}")),
    );
    let missing = missing_messages(&keys);
    assert!(missing.is_empty(), "{missing:?}");
}

/// The administrator amends the law (next year's MCI), is told in Kazakh why an overlapping edition and a
/// transfer onto a weekday are refused, sets a quota, and adds a staff account; another instance over the same
/// database picks the amendment up.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_amends_the_law_sets_a_quota_and_adds_an_account() {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite://{}", dir.path().join("qonys.db").display());
    let store = store_sqlite::SqliteStore::open(&url).await.expect("store");
    account(&store, "admin.kz", Role::Administrator, None).await;
    let state = Arc::new(web::AppState::new(app_over(store.clone()), Arc::new(now)));
    let service = web::router(Arc::clone(&state));
    let (status, headers, _) = send(
        &service,
        super::sign_in_form(&service, "/ui/sign-in", &format!("login=admin.kz&password={PASSWORD}")).await,
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let cookie = cookie_of(&headers);
    let (status, _, blank) = send(&service, page("/ui/admin/law", &cookie)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(blank.contains("Әлі өзгеріс енгізілмеген"), "no amendments yet");
    assert!(
        blank.contains("4\u{a0}325,00 теңге"),
        "the MCI in force, as Kazakh writes amounts"
    );
    assert!(
        blank.contains("1\u{a0}625 АЕК") && blank.contains("бір жұмыскерге 400 АЕК"),
        "amounts in MCI in Kazakh words"
    );
    assert!(
        blank.contains(
            "Қалада: 1 адамнан бастап — 20 АЕК, 2 адамнан бастап — 25 АЕК, 5 адамнан бастап — 30 АЕК; ауылда: 1 \
             адамнан бастап — 15 АЕК"
        ) && blank.contains("ең көбі 12 ай"),
        "the rent table in Kazakh words"
    );
    assert!(
        blank.contains(
            "Жалдау шығыстарын өтеу: төлем қай ай үшін жасалса, сол айдың бірінші күні; сертификат: төлем туралы шешім"
        ) && blank.contains("Ағымдағы қаржы жылы: 2026 ж. 1 қаңтар – 2026 ж. 31 желтоқсан")
            && blank.contains("сомаға және қарау кезегіне әсер етпейді"),
        "the conversion days, the financial year and the differentiation's effect in Kazakh words"
    );
    assert!(
        !blank.contains("record_only") && !blank.contains("first_day_of_month"),
        "no notation left"
    );
    assert!(
        blank.contains("14 жұмыс күні ішінде"),
        "the term of the service, in words"
    );
    assert!(
        blank.contains("<td>№ 359 бұйрыққа 1-қосымшаның 3-тармағы</td>") && !blank.contains("rules-b 7"),
        "the parameters' references in words"
    );
    let csrf = hidden(&blank, "csrf");
    let on = jiff::civil::date(2027, 3, 1);
    assert!(state.app.law().params.mci.at(on).is_err(), "2027 is not covered before");

    let edition = |start: &str, value: &str| {
        format!(
            "csrf={csrf}&parameter=mci&start={start}&end=2027-12-31&value={value}&act=budget-law-2027\
             &point=art.+9&confidence=high&source=adilet.zan.kz"
        )
    };
    let (status, headers, _) = send(
        &service,
        form("/ui/admin/law/editions", Some(&cookie), &edition("2027-01-01", "4500")),
    )
    .await;
    assert_eq!(
        (status, location(&headers)),
        (StatusCode::SEE_OTHER, "/ui/admin/law?done=amended&moved=0#amendments")
    );
    let mci = state.app.law().params.mci.at(on).expect("covered").value.to_string();
    assert_eq!(mci, "4500.00", "in force at once");
    let (_, _, after) = send(&service, page("/ui/admin/law?done=amended", &cookie)).await;
    assert!(after.contains("Өзгеріс тіркелді"), "the notice");
    assert!(!after.contains("қайта есептелді"), "no deadline moved, none said to");
    let (_, _, moved) = send(&service, page("/ui/admin/law?done=amended&moved=3", &cookie)).await;
    assert!(
        moved.contains("3 істің жүріп жатқан мерзімі жаңа күнтізбе бойынша қайта есептелді"),
        "{moved}"
    );
    assert!(
        after.contains(
            "Айлық есептік көрсеткіш (АЕК), бір АЕК-тің теңгемен мәні: 4500, 2027 ж. 1 қаңтар күнінен \
             2027 ж. 31 желтоқсан күніне дейін («2027 – 2029 жылдарға арналған республикалық бюджет туралы» \
             Қазақстан Республикасының Заңы, art. 9)"
        ),
        "{after}"
    );

    // Overlapping 2026: the loader refuses, the reason is shown next to the form in Kazakh.
    let (status, _, refused) = send(
        &service,
        form("/ui/admin/law/editions", Some(&cookie), &edition("2026-06-01", "4700")),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.contains(r##"<a href="#edition-parameter">Заң бұл өзгерісті қабылдамайды"##),
        "{refused}"
    );
    assert!(refused.contains(r#"value="4700""#), "the form keeps what was typed");
    // Missing and malformed fields are named one by one.
    let (status, _, empty) = send(
        &service,
        form(
            "/ui/admin/law/editions",
            Some(&cookie),
            &format!("csrf={csrf}&start=1-2-3"),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["edition-start", "edition-value", "edition-act", "edition-confidence"] {
        assert!(empty.contains(&format!(r##"<a href="#{field}">"##)), "{field}");
    }
    // A transfer onto a weekday is refused; onto a Saturday it moves the working days.
    let transfer =
        |working: &str| format!("csrf={csrf}&day_off=2027-01-08&working_day={working}&act=decree+(test)&source=gov.kz");
    let (status, _, _) = send(
        &service,
        form("/ui/admin/law/transfers", Some(&cookie), &transfer("2027-01-11")),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _, _) = send(
        &service,
        form("/ui/admin/law/transfers", Some(&cookie), &transfer("2027-01-16")),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let law = state.app.law();
    assert!(
        !law.calendar
            .is_working_day(jiff::civil::date(2027, 1, 8))
            .expect("covered")
    );

    // Another instance over the same database applies both amendments when it refreshes.
    let other = app_over(store.clone());
    assert!(other.refresh_law().await.expect("refresh"), "changed");
    assert_eq!(other.law().params, law.params);
    assert_eq!(other.law().calendar.edition(), law.calendar.edition());
    assert!(!other.refresh_law().await.expect("refresh"), "nothing new");

    // A quota: set, then refused below what is allocated (nothing is allocated, so 0 is allowed).
    let quota = |total: &str| {
        format!(
            "csrf={csrf}&year=2026&territory=550000000&category=resettler&unit=families&total={total}&basis=akimat+resolution+12"
        )
    };
    let (status, headers, _) = send(&service, form("/ui/admin/quotas", Some(&cookie), &quota("321"))).await;
    assert_eq!(
        (status, location(&headers)),
        (StatusCode::SEE_OTHER, "/ui/admin/law?done=quota#quotas")
    );
    let key = store::QuotaKey {
        year: 2026,
        territory: kz::Kato::parse("550000000").expect("kato"),
        category: store::QuotaCategory::Resettler,
    };
    let q = store::Store::quota(&store, &key).await.expect("quota");
    assert_eq!((q.total, q.unit), (321, store::QuotaUnit::Families));
    let (status, _, bad) = send(&service, form("/ui/admin/quotas", Some(&cookie), &quota("many"))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.contains(r##"<a href="#quota-total">"##));

    // Accounts: an IIN is refused as a staff login; a good one is saved and listed.
    let iin = population().residents[0].record.iin.as_str().to_owned();
    let user = |login: &str| {
        format!("csrf={csrf}&login={login}&role=commission&territory=550000000&password=a+long+enough+secret")
    };
    let (status, _, refused) = send(&service, form("/ui/admin/users", Some(&cookie), &user(&iin))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.contains("ЖСН – өтініш берушінің логині"), "{refused}");
    assert!(!refused.contains(&iin), "the IIN is not echoed back");
    let (status, headers, _) = send(&service, form("/ui/admin/users", Some(&cookie), &user("commission.55"))).await;
    assert_eq!(
        (status, location(&headers)),
        (StatusCode::SEE_OTHER, "/ui/admin/users?done=saved")
    );
    let (_, _, listed) = send(&service, page("/ui/admin/users", &cookie)).await;
    assert!(listed.contains("<code>commission.55</code>"));
    let saved = store::Accounts::account(&store, "commission.55")
        .await
        .expect("read")
        .expect("saved");
    assert_eq!(saved.role, Role::Commission);
    assert!(app::identity::verify_password(
        "a long enough secret",
        &saved.password_hash
    ));

    // The same over JSON: a holiday amended in, the amendments listed, the year's quotas listed.
    let json = |method: &str, uri: &str, body: &str| {
        Request::builder()
            .method(method)
            .uri(uri)
            .header(header::COOKIE, &cookie)
            .header(web::extract::CSRF_HEADER, &csrf)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_owned()))
            .expect("request")
    };
    let holiday = r#"{"kind":"holiday","date":"2027-06-09","key":"unity_day","holiday_kind":"religious","source":"api test","carried_over":[]}"#;
    let (status, _, body) = send(&service, json("POST", "/api/v1/law/amendments", holiday)).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert!(body.contains(r#""seq":3"#), "{body}");
    assert!(
        !state
            .app
            .law()
            .calendar
            .is_working_day(jiff::civil::date(2027, 6, 9))
            .expect("covered")
    );
    let (status, _, body) = send(
        &service,
        json("POST", "/api/v1/law/amendments", r#"{"kind":"edition"}"#),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, _, body) = send(&service, json("GET", "/api/v1/law/amendments", "")).await;
    assert_eq!(status, StatusCode::OK);
    let listed: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(listed["amendments"].as_array().map(Vec::len), Some(3));
    assert_eq!(listed["amendments"][0]["amendment"]["parameter"], "mci");
    let (status, _, body) = send(&service, json("GET", "/api/v1/quotas?year=2026", "")).await;
    assert_eq!(status, StatusCode::OK);
    let quotas: serde_json::Value = serde_json::from_str(&body).expect("json");
    let pavlodar = quotas["quotas"]
        .as_array()
        .expect("quotas")
        .iter()
        .find(|q| q["territory"] == "550000000" && q["category"] == "resettler")
        .expect("the quota set above");
    assert_eq!(
        (pavlodar["total"].as_u64(), pavlodar["unit"].as_str()),
        (Some(321), Some("families"))
    );
    let (status, _, body) = send(
        &service,
        json(
            "PUT",
            "/api/v1/quotas/2026/550000000/resettler",
            r#"{"unit":"persons","total":5,"basis":" "}"#,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains(r#""field":"basis""#), "{body}");

    // A preview over JSON: what a holiday would move (no case here), nothing made; a bad flag is explained.
    let holiday = r#"{"kind":"transfer","day_off":"2027-02-05","working_day":"2027-02-13","act":"decree (test)","source":"gov.kz"}"#;
    let before = store::Store::amendments(&store).await.expect("read").len();
    let (status, _, body) = send(&service, json("POST", "/api/v1/law/amendments?preview=true", holiday)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&body).expect("json"),
        serde_json::json!({ "preview": true, "deadlines_moved": [] })
    );
    assert_eq!(store::Store::amendments(&store).await.expect("read").len(), before);
    let (status, _, body) = send(&service, json("POST", "/api/v1/law/amendments?preview=maybe", holiday)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body.contains(r#""field":"preview""#) && body.contains("invalid_boolean"),
        "{body}"
    );

    // The transfer withdrawn from its row of the page: 8 January 2027 is a working day again; withdrawing it
    // twice, or without a reason, is refused.
    let (status, _, _) = send(
        &service,
        form(
            "/ui/admin/law/withdrawals",
            Some(&cookie),
            &format!("csrf={csrf}&seq=2&reason="),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let withdraw = format!("csrf={csrf}&seq=2&reason=the+decree+was+revoked");
    let (status, headers, _) = send(&service, form("/ui/admin/law/withdrawals", Some(&cookie), &withdraw)).await;
    assert_eq!(
        (status, location(&headers)),
        (StatusCode::SEE_OTHER, "/ui/admin/law?done=amended&moved=0#amendments")
    );
    assert!(
        state
            .app
            .law()
            .calendar
            .is_working_day(jiff::civil::date(2027, 1, 8))
            .expect("covered")
    );
    let (status, _, twice) = send(&service, form("/ui/admin/law/withdrawals", Some(&cookie), &withdraw)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        twice.contains(r##"<a href="#withdrawal-reason-2">Кері қайтарып алатын өзгеріс жоқ"##),
        "{twice}"
    );
    let (_, _, page_after) = send(&service, page("/ui/admin/law", &cookie)).await;
    assert!(
        page_after.contains("<del>Демалыс күні ауыстырылды: 2027 ж. 8 қаңтар демалыс, 2027 ж. 16 қаңтар жұмыс күні"),
        "struck through, in Kazakh: {page_after}"
    );
    assert!(
        page_after.contains("№ 2 өзгерістің күші жойылды: the decree was revoked"),
        "the withdrawal with its reason as entered"
    );
    assert!(
        !page_after.contains(r#"id="withdrawal-reason-2""#),
        "no second withdrawal offered"
    );

    // Every change is in the audit chain, and the chain holds.
    let report = store::Store::verify_audit(&store).await.expect("verify");
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(store::Store::amendments(&store).await.expect("read").len(), 4);
}

/// The service provider of Pavlodar accepts a package and refuses it with a ground from the case page; over
/// JSON it accepts, includes (a quota place taken) and revokes (given back) another; a repeated form is decided
/// once; the queue lists the cases without IINs.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_service_provider_decides_from_the_case_page_and_over_json() {
    let (store, _dir) = sqlite().await;
    account(&store, "leb.55", Role::LocalExecutiveBody, Some("550000000")).await;
    let state = Arc::new(web::AppState::new(app_over(store.clone()), Arc::new(now)));
    let service = web::router(Arc::clone(&state));
    let people = population();
    let mut applicants = lone_resettlers().into_iter();
    // Registered at a career centre and forwarded: the provider checks the package first.
    let mut submit = async |n: u32| {
        let iin = applicants.next().expect("a resident");
        received_in_pavlodar(&state.app, &iin, &format!("decide-{n:04}"))
            .await
            .applied
            .case
            .0
    };
    let (paper, json_case) = (submit(1).await, submit(2).await);

    let (status, headers, _) = send(
        &service,
        super::sign_in_form(&service, "/ui/sign-in", &format!("login=leb.55&password={PASSWORD}")).await,
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let cookie = cookie_of(&headers);

    // The queue finds an application by its number: the case page opens; a malformed number is explained next
    // to its field; a number of another region opens nothing (the case page answers it like a missing one).
    let (status, headers, _) = send(&service, page("/ui/queue?number=qn-55-2026-000001", &cookie)).await;
    assert_eq!(
        (status, location(&headers)),
        (StatusCode::SEE_OTHER, format!("/ui/cases/{paper}").as_str())
    );
    let (status, _, bad) = send(&service, page("/ui/queue?number=QN-55-2026-1", &cookie)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.contains(r#"aria-describedby="number-error""#)
            && bad.contains("Өтініш нөмірі QN-75-2026-000123 түрінде жазылады"),
        "{bad}"
    );
    let (status, headers, _) = send(&service, page("/ui/queue?number=QN-75-2026-000001", &cookie)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _, _) = send(&service, page(location(&headers), &cookie)).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "Almaty's case is not Pavlodar's to see");
    let (_, _, received) = send(&service, page(&format!("/ui/cases/{paper}"), &cookie)).await;
    assert!(received.contains("Құжаттарды қабылдау"), "the accept form");
    assert!(
        !received.contains(&format!(r#"action="/ui/quota/applications/{paper}/decision""#)),
        "no inclusion before acceptance"
    );
    let csrf = hidden(&received, "csrf");
    let key = hidden(&received, "key");
    let accept = format!("csrf={csrf}&key={key}");
    let (status, headers, _) = send(
        &service,
        form(
            &format!("/ui/quota/applications/{paper}/accept"),
            Some(&cookie),
            &accept,
        ),
    )
    .await;
    assert_eq!(
        (status, location(&headers)),
        (StatusCode::SEE_OTHER, format!("/ui/cases/{paper}#case-state").as_str())
    );
    // The same form again (a double click): answered from the first, nothing new in the log.
    let before = store::Store::case_history(&store, store::CaseId(paper))
        .await
        .expect("history")
        .0
        .len();
    let (status, _, _) = send(
        &service,
        form(
            &format!("/ui/quota/applications/{paper}/accept"),
            Some(&cookie),
            &accept,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let after = store::Store::case_history(&store, store::CaseId(paper))
        .await
        .expect("history")
        .0
        .len();
    assert_eq!(
        after, before,
        "answered from the first: no second acceptance, not even a read"
    );

    let (_, _, accepted) = send(&service, page(&format!("/ui/cases/{paper}"), &cookie)).await;
    assert!(
        accepted.contains(&format!(r#"href="/ui/quota/applications/{paper}/decide""#)),
        "the way to the decision: {accepted}"
    );
    let (_, _, review) = send(
        &service,
        page(&format!("/ui/quota/applications/{paper}/decide"), &cookie),
    )
    .await;
    // The grounds weighed against the facts, and the decision previewed before it is made.
    assert!(
        review.contains(&format!(r#"action="/ui/quota/applications/{paper}/decision-preview""#))
            && review.contains(r#"value="quota_r1_unreliable_data""#)
            && review.contains(r#"data-ground="quota_r2_no_consent" data-finding="does_not_apply""#),
        "{review}"
    );
    let (status, _, preview) = send(
        &service,
        form(
            &format!("/ui/quota/applications/{paper}/decision-preview"),
            Some(&cookie),
            &format!(
                "csrf={csrf}&key={}&decision=refuse&grounds=quota_r1_unreliable_data",
                hidden(&review, "key")
            ),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        preview.contains(&format!(r#"action="/ui/quota/applications/{paper}/decision""#)),
        "{preview}"
    );
    let review = preview;
    let key = hidden(&review, "key");
    let (status, _, refused) = send(
        &service,
        form(
            &format!("/ui/quota/applications/{paper}/decision"),
            Some(&cookie),
            &format!("csrf={csrf}&key={key}&decision=refuse"),
        ),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a refusal needs a ground: {refused}"
    );
    let (status, _, _) = send(
        &service,
        form(
            &format!("/ui/quota/applications/{paper}/decision"),
            Some(&cookie),
            &format!(
                "csrf={csrf}&key={key}&decision=refuse&grounds=quota_r1_unreliable_data&grounds=quota_r2_no_consent"
            ),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, _, done) = send(&service, page(&format!("/ui/cases/{paper}"), &cookie)).await;
    assert!(
        !done.contains(r#"action="/ui/cases/"#),
        "a refused case has no decision left"
    );

    // Over JSON, with a quota of one place (one family) in Pavlodar.
    let admin = store::Actor::new("admin.01", Role::Administrator, store::Channel::Cli).expect("actor");
    let key55 = store::QuotaKey {
        year: 2026,
        territory: kz::Kato::parse("550000000").expect("kato"),
        category: store::QuotaCategory::Resettler,
    };
    store::Store::set_quota(&store, &key55, store::QuotaUnit::Families, 1, &admin, "test", now())
        .await
        .expect("quota");
    let post = |path: String, key: &str, body: &str| {
        Request::post(path)
            .header(header::COOKIE, &cookie)
            .header(web::extract::CSRF_HEADER, &csrf)
            .header("idempotency-key", key)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_owned()))
            .expect("request")
    };
    let (status, _, body) = send(
        &service,
        post(
            format!("/api/v1/quota-applications/{json_case}/accept"),
            "json-accept-1",
            "",
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _, body) = send(
        &service,
        post(
            format!("/api/v1/quota-applications/{json_case}/decision"),
            "json-decide-1",
            r#"{"decision":"refuse","grounds":["K1"]}"#,
        ),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a kandas ground on a resettler case: {body}"
    );
    assert!(body.contains(r#""code":"invalid_ground""#), "{body}");
    // A resettler is included on the regional commission's decision (order app-5), recorded first.
    let (status, _, body) = send(
        &service,
        post(
            format!("/api/v1/quota-applications/{json_case}/decision"),
            "json-decide-0",
            r#"{"decision":"include"}"#,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    let (status, _, body) = send(
        &service,
        post(
            format!("/api/v1/quota-applications/{json_case}/commission"),
            "json-commission-1",
            r#"{"date":"2026-03-17","protocol":"12","members":["Ахметова Г. С.","Бекенов Н. Т."],"outcome":"include"}"#,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _, body) = send(
        &service,
        post(
            format!("/api/v1/quota-applications/{json_case}/decision"),
            "json-decide-2",
            r#"{"decision":"include"}"#,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(r#""state":"included""#), "{body}");
    assert_eq!(store::Store::quota(&store, &key55).await.expect("quota").allocated, 1);
    let (status, _, body) = send(
        &service,
        post(
            format!("/api/v1/quota-applications/{json_case}/revoke"),
            "json-revoke-1",
            r#"{"reason":"the employment record was found forged"}"#,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(r#""state":"revoked""#), "{body}");
    assert_eq!(
        store::Store::quota(&store, &key55).await.expect("quota").allocated,
        0,
        "the place is back"
    );
    let (status, _, body) = send(
        &service,
        post(
            format!("/api/v1/quota-applications/{json_case}/revoke"),
            "json-revoke-2",
            r#"{"reason":"the employment record was found forged"}"#,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(body.contains(r#""code":"event_not_allowed""#), "{body}");

    // The queue as JSON: both cases, no IIN.
    let list = Request::get("/api/v1/cases?state=revoked")
        .header(header::COOKIE, &cookie)
        .body(Body::empty())
        .expect("request");
    let (status, _, body) = send(&service, list).await;
    assert_eq!(status, StatusCode::OK);
    let listed: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(listed["cases"].as_array().map(Vec::len), Some(1));
    assert_eq!(listed["cases"][0]["case"], json_case);
    assert!(
        !people.residents.iter().any(|r| body.contains(r.record.iin.as_str())),
        "no IIN in the list"
    );
    let elsewhere = Request::get("/api/v1/cases?region=75")
        .header(header::COOKIE, &cookie)
        .body(Body::empty())
        .expect("request");
    let (_, _, body) = send(&service, elsewhere).await;
    assert_eq!(body, r#"{"cases":[],"next":null,"total":0}"#);
    // The history: every step with its basis, the registry answers with their response ids.
    let history = Request::get(format!("/api/v1/cases/{json_case}/history"))
        .header(header::COOKIE, &cookie)
        .body(Body::empty())
        .expect("request");
    let (status, _, body) = send(&service, history).await;
    assert_eq!(status, StatusCode::OK);
    let history: serde_json::Value = serde_json::from_str(&body).expect("json");
    let actions: Vec<&str> = history["records"]
        .as_array()
        .expect("records")
        .iter()
        .filter_map(|r| r["action"].as_str())
        .filter(|a| *a != "case.read")
        .collect();
    assert_eq!(
        actions,
        [
            // registered, forwarded, accepted, the commission's decision recorded, included, revoked
            "quota.at_career_centre",
            "quota.received",
            "quota.under_review",
            "quota.under_review",
            "quota.included",
            "quota.revoked"
        ]
    );
    assert!(history["evidence"].as_array().is_some_and(|e| e.len() >= 4), "{body}");
    let report = store::Store::verify_audit(&store).await.expect("verify");
    assert!(report.is_intact(), "{report:?}");
}

#[test]
fn amounts_are_written_with_grouped_tenge_and_a_decimal_comma() {
    let kk = web::ui::Tr { lang: Lang::Kk };
    let ru = web::ui::Tr { lang: Lang::Ru };
    assert_eq!(
        kk.money(kz::Money::from_tiyn(702_812_500)),
        "7\u{a0}028\u{a0}125,00 теңге"
    );
    assert_eq!(ru.money(kz::Money::from_tiyn(432_505)), "4\u{a0}325,05 тенге");
    assert_eq!(ru.money(kz::Money::from_tiyn(-5)), "−0,05 тенге");
}

#[test]
fn whole_numbers_are_grouped_by_thousands_with_a_no_break_space() {
    let t = web::ui::Tr { lang: Lang::Kk };
    let cases = [
        (0, "0"),
        (999, "999"),
        (1_000, "1\u{a0}000"),
        (1_234_567, "1\u{a0}234\u{a0}567"),
        (u64::MAX, "18\u{a0}446\u{a0}744\u{a0}073\u{a0}709\u{a0}551\u{a0}615"),
    ];
    for (n, text) in cases {
        assert_eq!(t.int(n), text, "{n}");
    }
}

/// The applicant's spouse, who moves with them, follows the application and its status (QUOTA-09) in their own
/// cabinet and may open it;
/// someone else may not.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_family_member_follows_the_application_in_their_cabinet() {
    use registries::CivilRegistry;
    let (store, _dir) = sqlite().await;
    let app = app_over(store.clone());
    let people = population();
    let head = people
        .residents
        .iter()
        .find(|r| {
            r.kinship.is_none()
                && r.kandas.is_none()
                && app
                    .registries()
                    .relatives(&r.record.iin, now())
                    .is_ok_and(|f| f.value.iter().any(|m| m.kinship == registries::Kinship::Spouse))
        })
        .expect("a married resident");
    let spouse = app
        .registries()
        .relatives(&head.record.iin, now())
        .expect("family")
        .value
        .into_iter()
        .find(|m| m.kinship == registries::Kinship::Spouse)
        .expect("spouse")
        .iin;
    let case = app
        .submit_quota_application(
            &sc_operator(),
            // The spouse moves with the applicant, as the application names them.
            &app::QuotaApplication {
                family: vec![spouse.as_str().to_owned()],
                ..to_pavlodar(head.record.iin.as_str())
            },
            store::IdempotencyKey::parse("family-case-0001").expect("key"),
            now(),
        )
        .await
        .expect("received");
    let number = case.number.to_string();
    let case = case.applied.case.0;
    let stranger = lone_resettlers()
        .into_iter()
        .find(|i| i != head.record.iin.as_str())
        .expect("another resident");
    let service = web::router(Arc::new(web::AppState::new(app, Arc::new(now))));
    let later = now().checked_add(jiff::SignedDuration::from_hours(1)).expect("later");
    for (n, (iin, sees)) in [(spouse.as_str(), true), (stranger.as_str(), false)]
        .into_iter()
        .enumerate()
    {
        account(&store, iin, Role::Citizen, None).await;
        let token = format!("family-token-{n}");
        store::Accounts::put_session(&store, &app::identity::token_hash(&token), iin, "csrf", later, None)
            .await
            .expect("session");
        let cookie = format!("{}={token}", web::extract::COOKIE);
        let (_, _, cabinet) = send(&service, page("/ui/cabinet", &cookie)).await;
        assert_eq!(cabinet.contains(&number), sees, "{iin}: the case in the cabinet");
        let (status, _, _) = send(&service, page(&format!("/ui/cases/{case}"), &cookie)).await;
        assert_eq!(
            status,
            if sees { StatusCode::OK } else { StatusCode::NOT_FOUND },
            "the case page"
        );
    }
}

/// Each role's queue opens on the cases awaiting its action: the service provider's on those received and
/// under review, the career centre's on those it registered and has to forward; "any" shows every state.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_role_s_queue_opens_on_what_awaits_it() {
    let (store, _dir) = sqlite().await;
    let app = app_over(store.clone());
    let leb = app::Principal::staff("leb.55", Role::LocalExecutiveBody, Some("55"), store::Channel::Portal);
    let key = |s: String| store::IdempotencyKey::parse(&s).expect("key");
    let mut numbers = Vec::new();
    let centre = app::Principal::staff("cc.55", Role::CareerCentre, Some("55"), store::Channel::CareerCentre);
    for (n, iin) in lone_resettlers().iter().take(4).enumerate() {
        if n == 3 {
            // Registered at the career centre, not yet forwarded.
            let submitted = app
                .submit_quota_application(&centre, &to_pavlodar(iin), key(format!("queue-case-{n:04}")), now())
                .await
                .expect("registered");
            numbers.push(submitted.number.to_string());
            continue;
        }
        let submitted = received_in_pavlodar(&app, iin, &format!("queue-case-{n:04}")).await;
        let case = submitted.applied.case;
        if n < 2 {
            app.accept_quota_application(&leb, case, key(format!("queue-accept-{n:04}")), now())
                .await
                .expect("accepted");
        }
        if n == 1 {
            let refusal = app::Inclusion::Refuse(vec!["quota_r1_unreliable_data".into()]);
            app.decide_quota_inclusion(&leb, case, &refusal, None, key(format!("queue-refuse-{n:04}")), now())
                .await
                .expect("refused");
        }
        numbers.push(submitted.number.to_string());
    }
    let (under_review, refused, received, at_centre) = (&numbers[0], &numbers[1], &numbers[2], &numbers[3]);
    let all = [under_review, refused, received, at_centre];
    let service = web::router(Arc::new(web::AppState::new(app, Arc::new(now))));
    let later = now().checked_add(jiff::SignedDuration::from_hours(1)).expect("later");
    let cases: &[(&str, Role, &str, &[&String])] = &[
        (
            "leb.55",
            Role::LocalExecutiveBody,
            "/ui/queue",
            &[under_review, received],
        ),
        ("leb.55", Role::LocalExecutiveBody, "/ui/queue?state=", &all),
        (
            "leb.55",
            Role::LocalExecutiveBody,
            "/ui/queue?state=refused",
            &[refused],
        ),
        ("cc.55", Role::CareerCentre, "/ui/queue", &[at_centre]),
        // The counter awaits home visits only: every package it takes is accepted or refused on the spot.
        ("sc.55", Role::StateCorporationOperator, "/ui/queue", &[]),
        // The centre awaits certificates and complaints, not quota cases in the states of the same names.
        ("lmc.55", Role::LabourMobilityCentre, "/ui/queue", &[]),
        ("lmc.55", Role::LabourMobilityCentre, "/ui/queue?state=", &all),
    ];
    for (n, (login, role, uri, shown)) in cases.iter().enumerate() {
        account(&store, login, *role, Some("550000000")).await;
        let token = format!("queue-token-{n}");
        store::Accounts::put_session(&store, &app::identity::token_hash(&token), login, "csrf", later, None)
            .await
            .expect("session");
        let (status, _, html) = send(&service, page(uri, &format!("{}={token}", web::extract::COOKIE))).await;
        assert_eq!(status, StatusCode::OK);
        for number in all {
            assert_eq!(
                html.contains(number.as_str()),
                shown.contains(&number),
                "{login} {uri}: {number}"
            );
        }
        assert!(html.contains(r#"<option value="mine""#), "{login}: the awaiting filter");
    }
}

/// An employer's representative is identified by the organisation's BIN: the administrator cannot make an
/// employer account with anything else, and the cabinet shows the organisation as the legal-entities
/// registry holds it, with the answer's provenance.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_employer_is_known_by_the_organisation_s_bin() {
    let (store, _dir) = sqlite().await;
    account(&store, "admin.kz", Role::Administrator, None).await;
    let employer = population().employers.first().cloned().expect("an employer");
    let service = web::router(Arc::new(web::AppState::new(app_over(store.clone()), Arc::new(now))));
    let later = now().checked_add(jiff::SignedDuration::from_hours(1)).expect("later");
    let session = async |login: &str, n: u32| {
        let token = format!("employer-token-{n}");
        store::Accounts::put_session(&store, &app::identity::token_hash(&token), login, "csrf", later, None)
            .await
            .expect("session");
        format!("{}={token}", web::extract::COOKIE)
    };
    let admin = session("admin.kz", 1).await;
    let user = |login: &str| format!("csrf=csrf&login={login}&role=employer&territory=&password=a+long+enough+secret");
    let (status, _, refused) = send(&service, form("/ui/admin/users", Some(&admin), &user("acme.hr"))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.contains("ұйымның БСН-імен кіреді"), "{refused}");
    let bin = employer.bin.as_str();
    let (status, _, _) = send(&service, form("/ui/admin/users", Some(&admin), &user(bin))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let representative = session(bin, 2).await;
    let (status, _, cabinet) = send(&service, page("/ui/cabinet", &representative)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(cabinet.contains(&employer.name), "the organisation's name: {cabinet}");
    assert!(cabinet.contains(&format!("БСН {bin}")), "its BIN");
    assert!(cabinet.contains("legal_entities-"), "the registry's response id");
}

/// A day off decreed while a case's deadline runs: the administrator previews which deadlines it moves, makes
/// it, and the case's timeline says from which day to which.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_transfer_of_a_day_off_is_previewed_then_moves_a_running_deadline() {
    let (store, _dir) = sqlite().await;
    account(&store, "leb.55", Role::LocalExecutiveBody, Some("550000000")).await;
    let state = Arc::new(web::AppState::new(app_over(store.clone()), Arc::new(now)));
    let service = web::router(Arc::clone(&state));
    let input = to_pavlodar(&lone_resettlers()[0]);
    let career_centre = app::Principal::staff("cc.55", Role::CareerCentre, Some("55"), store::Channel::CareerCentre);
    let case = state
        .app
        .submit_quota_application(
            &career_centre,
            &input,
            store::IdempotencyKey::parse("page-recount-0001").expect("key"),
            now(),
        )
        .await
        .expect("received")
        .applied
        .case
        .0;
    // The administrator previews the transfer first: the page lists the deadline it would move, nothing is
    // written; then makes it.
    account(&store, "admin.kz", Role::Administrator, None).await;
    let (_, headers, _) = send(
        &service,
        super::sign_in_form(&service, "/ui/sign-in", &format!("login=admin.kz&password={PASSWORD}")).await,
    )
    .await;
    let admin = cookie_of(&headers);
    let (_, _, law_page) = send(&service, page("/ui/admin/law", &admin)).await;
    let csrf = hidden(&law_page, "csrf");
    let transfer = format!("csrf={csrf}&day_off=2026-03-19&working_day=2026-03-28&act=decree+(test)&source=gov.kz");
    let (status, _, preview) = send(
        &service,
        form(
            "/ui/admin/law/transfers",
            Some(&admin),
            &format!("{transfer}&preview=1"),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        preview.contains(
            "<td>QN-55-2026-000001</td><td>Құжаттарды жіберу мерзімі</td><td>2026 ж. 19 наурыз</td>\
             <td>2026 ж. 20 наурыз</td>"
        ),
        "{preview}"
    );
    assert!(
        preview.contains(r#"value="2026-03-28""#),
        "the form keeps what was entered"
    );
    assert!(
        store::Store::amendments(&store).await.expect("read").is_empty(),
        "a preview writes nothing"
    );
    let (status, headers, _) = send(&service, form("/ui/admin/law/transfers", Some(&admin), &transfer)).await;
    assert_eq!(
        (status, location(&headers)),
        (StatusCode::SEE_OTHER, "/ui/admin/law?done=amended&moved=1#amendments")
    );
    let (_, headers, _) = send(
        &service,
        super::sign_in_form(&service, "/ui/sign-in", &format!("login=leb.55&password={PASSWORD}")).await,
    )
    .await;
    let cookie = cookie_of(&headers);
    let (status, _, body) = send(&service, page(&format!("/ui/cases/{case}"), &cookie)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("Мерзім жаңа күнтізбе бойынша қайта есептелді: 2026 ж. 19 наурыз орнына 2026 ж. 20 наурыз"),
        "{body}"
    );
}

/// At the desk, a second application of a person with an open one is refused with the open case's number, in
/// words for the officer («У заявителя уже есть …»), not for the applicant («У вас есть …»).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_desk_tells_the_officer_the_applicant_has_an_open_case() {
    use store::Accounts;
    let (store, _dir) = sqlite().await;
    account(&store, "cc.55", Role::CareerCentre, Some("550000000")).await;
    let app = app_over(store.clone());
    let iin = lone_resettlers()[0].clone();
    let first = received_in_pavlodar(&app, &iin, "desk-open").await;
    let service = web::router(Arc::new(web::AppState::new(app, Arc::new(now))));
    let later = now().checked_add(jiff::SignedDuration::from_hours(1)).expect("later");
    for (n, (lang, expected)) in [
        ("kk", "Өтініш берушінің әлі қаралып жатқан өтініші бар"),
        ("ru", "У заявителя уже есть заявление, которое ещё рассматривается"),
    ]
    .into_iter()
    .enumerate()
    {
        let token = format!("desk-token-{n}");
        store
            .put_session(&app::identity::token_hash(&token), "cc.55", "csrf", later, None)
            .await
            .expect("session");
        store.set_lang("cc.55", lang).await.expect("lang");
        let mut body = String::new();
        for (name, value) in [
            ("csrf", "csrf"),
            ("key", &format!("desk-open-again-{n}")),
            ("iin", iin.as_str()),
            ("category", "resettler"),
            ("territory", "550000000"),
            ("employment", "9"),
            ("consent", "on"),
        ] {
            body.push_str(&format!(
                "--desk-boundary\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            ));
        }
        body.push_str("--desk-boundary--\r\n");
        let request = Request::post("/ui/quota/desk")
            .header(header::CONTENT_TYPE, "multipart/form-data; boundary=desk-boundary")
            .header(header::COOKIE, format!("{}={token}", web::extract::COOKIE))
            .header("x-csrf-token", "csrf")
            .body(Body::from(body))
            .expect("request");
        let (status, _, html) = send(&service, request).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{html}");
        assert!(html.contains(expected), "{lang}: {html}");
        assert!(html.contains(&first.number.to_string()), "the open case is named");
        assert!(
            !html.contains("У вас есть") && !html.contains("Сізде әлі"),
            "{lang}: {html}"
        );
    }
}
