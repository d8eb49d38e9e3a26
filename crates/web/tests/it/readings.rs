//! The case page tells the official when a deadline is counted on a reading of the order (a time limit whose
//! parameter is marked `INTERPRETATION`, listed in `law/INTERPRETATIONS.md`), and only then.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use store::{Accounts, Role};

use super::{account, app_over, lone_resettlers, now, sc_operator, send, sqlite, to_pavlodar};

/// Issue 11, the readings decided silently: the fourteen working days of appendix 1 row 3 are counted from
/// receipt, which the order does not say (AMB-07); the career centre's one working day to forward (A 15.3,
/// «өтініш келіп түскен күннен бастап бір жұмыс күні ішінде») is the order's own words. The page says so of the
/// first, in Kazakh and Russian, and not of the second.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_case_page_marks_a_deadline_counted_on_a_reading() {
    let (store, _dir) = sqlite().await;
    account(&store, "leb.55", Role::LocalExecutiveBody, Some("550000000")).await;
    let app = app_over(store.clone());
    let resettlers = lone_resettlers();
    let at_counter = app
        .submit_quota_application(
            &sc_operator(),
            &to_pavlodar(&resettlers[0]),
            store::IdempotencyKey::parse("reading-counter-1").expect("key"),
            now(),
        )
        .await
        .expect("accepted at the counter")
        .applied
        .case;
    let centre = app::Principal::staff("cc.55", Role::CareerCentre, Some("55"), store::Channel::CareerCentre);
    let at_centre = app
        .submit_quota_application(
            &centre,
            &to_pavlodar(&resettlers[1]),
            store::IdempotencyKey::parse("reading-centre-1").expect("key"),
            now(),
        )
        .await
        .expect("received at the career centre")
        .applied
        .case;
    let service = web::router(Arc::new(web::AppState::new(app, Arc::new(now))));
    let later = now().checked_add(jiff::SignedDuration::from_hours(1)).expect("later");
    let catalog = render::Catalog::new();
    for (n, lang) in [(1, render::Lang::Kk), (2, render::Lang::Ru)] {
        let token = format!("reading-token-{n}");
        store
            .put_session(&app::identity::token_hash(&token), "leb.55", "csrf", later, None)
            .await
            .expect("session");
        store.set_lang("leb.55", lang.code()).await.expect("lang");
        let cookie = format!("{}={token}", web::extract::COOKIE);
        let reading = catalog.message(lang, "ui-deadline-reading", &[]);
        assert!(!reading.is_empty());
        let page = async |case: store::CaseId| {
            let request = Request::get(format!("/ui/cases/{}", case.0))
                .header(header::COOKIE, &cookie)
                .body(Body::empty())
                .expect("request");
            let (status, _, html) = send(&service, request).await;
            assert_eq!(status, StatusCode::OK);
            html
        };
        assert_eq!(
            page(at_counter).await.matches(&reading).count(),
            1,
            "{lang:?}: the decision's 14 working days"
        );
        assert_eq!(
            page(at_centre).await.matches(&reading).count(),
            0,
            "{lang:?}: the career centre's one working day"
        );
    }
}

/// The law page marks every parameter in force whose value is a reading of the order (the 400 MCI per worker,
/// the fourteen working days from receipt, …), and no other.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_law_page_marks_the_parameters_that_are_readings() {
    let (store, _dir) = sqlite().await;
    account(&store, "admin.kz", Role::Administrator, None).await;
    let service = web::router(Arc::new(web::AppState::new(app_over(store.clone()), Arc::new(now))));
    let later = now().checked_add(jiff::SignedDuration::from_hours(1)).expect("later");
    let law = legal::Law::embedded().expect("law");
    let in_force = law.params.in_force(app::kz_today(now()));
    let readings = in_force
        .iter()
        .filter(|p| {
            p.reference
                .note
                .as_deref()
                .is_some_and(|n| n.contains("INTERPRETATION"))
        })
        .count();
    assert!(readings >= 5, "{readings}");
    assert!(readings < in_force.len());
    let catalog = render::Catalog::new();
    for (n, lang) in [(1, render::Lang::Kk), (2, render::Lang::Ru)] {
        let token = format!("law-reading-token-{n}");
        store
            .put_session(&app::identity::token_hash(&token), "admin.kz", "csrf", later, None)
            .await
            .expect("session");
        store.set_lang("admin.kz", lang.code()).await.expect("lang");
        let request = Request::get("/ui/admin/law")
            .header(header::COOKIE, format!("{}={token}", web::extract::COOKIE))
            .body(Body::empty())
            .expect("request");
        let (status, _, html) = send(&service, request).await;
        assert_eq!(status, StatusCode::OK);
        let reading = catalog.message(lang, "ui-param-reading", &[]);
        assert_eq!(html.matches(&reading).count(), readings, "{lang:?}");
    }
}

/// Every reading the case page names for a kind is an entry of `law/INTERPRETATIONS.md`, said in both languages;
/// a resettler's case page names the readings of the resettlers' quota and not those of the kandases or of other
/// services.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_case_page_names_the_readings_a_case_relies_on() {
    let list = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../law/INTERPRETATIONS.md"))
        .expect("law/INTERPRETATIONS.md");
    let catalog = render::Catalog::new();
    for (_, slug, heading) in web::ui::case::READINGS {
        assert!(
            list.lines().any(|l| l.strip_prefix("## ") == Some(heading)),
            "{heading} is not an entry of law/INTERPRETATIONS.md"
        );
        for lang in render::Lang::ALL {
            let key = format!("ui-reading-{slug}");
            assert_ne!(catalog.message(lang, &key, &[]), key, "{lang:?}");
        }
    }

    let (store, _dir) = sqlite().await;
    account(&store, "leb.55", Role::LocalExecutiveBody, Some("550000000")).await;
    let app = app_over(store.clone());
    let resettler = &lone_resettlers()[0];
    let case = app
        .submit_quota_application(
            &sc_operator(),
            &to_pavlodar(resettler),
            store::IdempotencyKey::parse("reading-list-1").expect("key"),
            now(),
        )
        .await
        .expect("accepted at the counter")
        .applied
        .case;
    let service = web::router(Arc::new(web::AppState::new(app, Arc::new(now))));
    let later = now().checked_add(jiff::SignedDuration::from_hours(1)).expect("later");
    let lang = render::Lang::Kk;
    let page = async |token: &str| {
        let request = Request::get(format!("/ui/cases/{}", case.0))
            .header(header::COOKIE, format!("{}={token}", web::extract::COOKIE))
            .header(header::ACCEPT_LANGUAGE, "kk")
            .body(Body::empty())
            .expect("request");
        let (status, _, html) = send(&service, request).await;
        assert_eq!(status, StatusCode::OK);
        html
    };
    store
        .put_session(
            &app::identity::token_hash("reading-list-token"),
            "leb.55",
            "csrf",
            later,
            None,
        )
        .await
        .expect("session");
    store.set_lang("leb.55", lang.code()).await.expect("lang");
    let html = page("reading-list-token").await;
    let said = |slug: &str| html.contains(&catalog.message(lang, &format!("ui-reading-{slug}"), &[]));
    for slug in [
        "places_per_person",
        "one_portal",
        "counter_checked",
        "forwarded_at_acceptance",
        "revocation",
    ] {
        assert!(said(slug), "{slug}");
    }
    for slug in ["kandas_direct", "rent_flat", "emc_site_visit"] {
        assert!(!said(slug), "{slug}");
    }
}

/// Every reading of `law/INTERPRETATIONS.md` is shown where an official relies on it: on the deadline it counts
/// (a time limit whose parameter carries its marker) or in the case page's list of readings.
#[test]
fn every_reading_is_shown_on_a_page() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../law/");
    let list = std::fs::read_to_string(format!("{root}INTERPRETATIONS.md")).expect("law/INTERPRETATIONS.md");
    let limits = std::fs::read_to_string(format!("{root}params/time-limits.toml")).expect("time-limits.toml");
    let unshown: Vec<&str> = list
        .lines()
        .filter_map(|l| l.strip_prefix("## "))
        .filter(|heading| {
            !web::ui::case::READINGS.iter().any(|(_, _, h)| h == heading)
                && !limits.contains(&format!("INTERPRETATION({heading})"))
        })
        .collect();
    assert!(unshown.is_empty(), "readings no page shows: {unshown:?}");
}
