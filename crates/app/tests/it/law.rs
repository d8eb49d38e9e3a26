//! The procedure of Rules A as order No. 359 sets it, through the use cases: which body's time limit a case is
//! late against, which body refuses to accept a package and on which grounds, and what a kandas's application
//! is not (the resettlers' acceptance notice and facts).

use app::quota::AtCounter;
use app::{App, AppError, FieldError, Principal, QuotaApplication};
use jiff::Timestamp;
use registries::sandbox::SandboxRegistries;
use store::{Channel, QuotaCategory, QuotaKey, QuotaUnit, Role, Store};
use store_sqlite::SqliteStore;

use super::{admin, app, application, citizen, key, now, operator, provider};

/// `now()` moved on by whole days.
fn days_later(days: i64) -> Timestamp {
    now()
        .checked_add(jiff::SignedDuration::from_hours(24 * days))
        .expect("later")
}

/// Places in the 2026 quota of Pavlodar region for `category`, so that the portal offers it.
async fn places(app: &App<SqliteStore, SandboxRegistries>, category: QuotaCategory) {
    let quota = QuotaKey {
        year: 2026,
        territory: kz::Kato::parse("550000000").expect("Pavlodar"),
        category,
    };
    app.set_quota(&admin(), &quota, QuotaUnit::Families, 10, "akimat resolution", now())
        .await
        .expect("quota");
}

/// Heads of households (adults) of the sandbox population: resettlers registered as job seekers (whose package
/// is complete from the information systems), or kandases.
fn heads(app: &App<SqliteStore, SandboxRegistries>, kandas: bool) -> Vec<String> {
    app.registries()
        .population()
        .residents
        .iter()
        .filter(|r| r.kinship.is_none() && r.kandas.is_some() == kandas && (kandas || r.job_seeker.is_some()))
        .map(|r| r.record.iin.as_str().to_owned())
        .collect()
}

/// The error of one bad field.
fn invalid<T>(field: &'static str, code: &'static str) -> Result<T, AppError> {
    Err(AppError::Invalid(vec![FieldError { field, code }]))
}

fn portal(iin: &str) -> Principal {
    citizen(iin)
}

/// Issue 11, error 3: a case is recorded overdue only against a time limit that binds the body holding it. The
/// State Corporation's same-day forwarding (A 14.2) is done by the acceptance at its counter; A 15.4 sets no
/// limit («…хабарламаны алады»); the provider's two working days to refuse acceptance (A 15.5) are a window that
/// closes, not a duty; what runs while the provider reviews is the service term, «14 жұмыс күні» (appendix 1
/// row 3, QUOTA-19). A portal and a counter application of Wednesday 18 March 2026 are not late the next day,
/// nor after the two working days; both are late, against appendix 1 row 3 and the provider, after Friday 10
/// April (fourteen working days across Nauryz).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_11_overdue_only_against_the_limit_that_binds_the_body_holding_the_case() {
    let dir = tempfile::tempdir().expect("dir");
    let (app, store) = app(&dir).await;
    places(&app, QuotaCategory::Resettler).await;
    let heads = heads(&app, false);
    let on_portal = app
        .submit_quota_application(
            &portal(&heads[0]),
            &application(&heads[0], "550000000"),
            key("law-overdue-portal-01"),
            now(),
        )
        .await
        .expect("received from the portal");
    assert_eq!(on_portal.state, "received");
    let at_counter = app
        .submit_quota_application(
            &operator("55"),
            &application(&heads[1], "550000000"),
            key("law-overdue-counter-01"),
            now(),
        )
        .await
        .expect("accepted at the counter");
    assert_eq!(at_counter.state, "under_review");
    // The duties running: the provider's decision only, counted under appendix 1 row 3.
    for submitted in [&on_portal, &at_counter] {
        let duties: Vec<(&str, String, &str, String)> = submitted
            .deadlines
            .iter()
            .filter(|r| r.duty)
            .map(|r| {
                (
                    r.name,
                    r.deadline.basis.to_string(),
                    r.binds.key(),
                    r.deadline.due.to_string(),
                )
            })
            .collect();
        assert_eq!(
            duties,
            [(
                "decide_by",
                "order-359 app-1.3".to_owned(),
                "service_provider",
                "2026-04-10".to_owned()
            )],
            "{}",
            submitted.state
        );
    }
    // The next day, and once the two working days to refuse acceptance have passed: nothing is overdue.
    for later in [days_later(1), days_later(12)] {
        let sweep = app
            .check_deadlines("instance-a", later)
            .await
            .expect("check")
            .expect("the job's lease");
        assert_eq!(sweep, app::DeadlineSweep::default(), "{later}");
    }
    // Monday 13 April: the fourteen working days have passed for both.
    let sweep = app
        .check_deadlines("instance-a", days_later(26))
        .await
        .expect("check")
        .expect("the job's lease");
    assert_eq!((sweep.overdue, sweep.recorded), (2, 2));
    for case in [on_portal.applied.case, at_counter.applied.case] {
        let (timeline, _) = store.case_history(case).await.expect("history");
        let overdue: Vec<(&str, &str)> = timeline
            .iter()
            .filter(|r| r.action == "deadline.overdue")
            .map(|r| (r.basis.as_str(), r.detail.as_str()))
            .collect();
        assert_eq!(overdue.len(), 1, "{timeline:?}");
        assert_eq!(overdue[0].0, "order-359 app-1.3");
        assert!(
            overdue[0].1.contains(r#""binds":"service_provider""#),
            "{}",
            overdue[0].1
        );
    }
}

/// Issue 11, error 10: each body refuses to accept only on the grounds of its own point. The State Corporation at
/// its counter (A 14.4, QUOTA-06): «толық құжаттар жиынтығын ұсынбаған жағдайда, сондай-ақ мерзімі өткен
/// құжаттар ұсынса», and only a resettler's package; the provider (A 15.5, QUOTA-14) also documents whose validity
/// ends on the day of the decision on inclusion, and only while it checks a package it received. Each refusal
/// gives the receipt (A-App 8).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_11_each_body_refuses_to_accept_only_on_its_own_grounds() {
    let dir = tempfile::tempdir().expect("dir");
    let (app, store) = app(&dir).await;
    places(&app, QuotaCategory::Resettler).await;
    let resettlers = heads(&app, false);
    let kandases = heads(&app, true);
    let counter = |iin: &str, codes: &[&str], k: &str| {
        let app = &app;
        let outcome = AtCounter::Refuse(codes.iter().map(|c| (*c).to_owned()).collect());
        let input = application(iin, "550000000");
        let k = key(k);
        async move {
            app.receive_at_counter(&operator("55"), &input, &outcome, None, k, now())
                .await
                .map(|s| (s.state, s.grounds))
        }
    };
    // At the counter: not on documents expiring on the decision day, nor on a ground of refusing the service.
    for (n, foreign) in ["quota_expiring_documents", "quota_r1_unreliable_data"]
        .iter()
        .enumerate()
    {
        assert_eq!(
            counter(&resettlers[0], &[foreign], &format!("law-counter-foreign-{n:02}")).await,
            invalid("grounds", "invalid_ground"),
            "{foreign}"
        );
    }
    // A kandas's package is not the resettlers' procedure: the counter takes it.
    let kandas = QuotaApplication {
        category: "kandas".into(),
        ..application(&kandases[0], "550000000")
    };
    let refused_kandas = app
        .receive_at_counter(
            &operator("55"),
            &kandas,
            &AtCounter::Refuse(vec!["quota_incomplete_package".into()]),
            None,
            key("law-counter-kandas-01"),
            now(),
        )
        .await
        .map(|s| s.state);
    assert_eq!(refused_kandas, invalid("grounds", "counter_refusal_resettlers_only"));
    let refused = app
        .receive_at_counter(
            &operator("55"),
            &application(&resettlers[0], "550000000"),
            &AtCounter::Refuse(vec![
                "quota_incomplete_package".into(),
                "quota_expired_documents".into(),
            ]),
            None,
            key("law-counter-refuse-01"),
            now(),
        )
        .await
        .expect("refused at the counter");
    assert_eq!(
        (refused.state, refused.grounds.clone()),
        (
            "not_accepted",
            vec![
                "quota_incomplete_package".to_owned(),
                "quota_expired_documents".to_owned()
            ]
        )
    );
    let receipt = |case| {
        let store = &store;
        async move {
            store
                .case_file(case)
                .await
                .expect("file")
                .documents
                .iter()
                .map(|d| d.form.clone())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(receipt(refused.applied.case).await, ["rules-a-app-8"]);
    let (timeline, _) = store.case_history(refused.applied.case).await.expect("history");
    assert!(
        timeline.iter().any(|r| r.basis == "rules-a 14.4"),
        "the counter's refusal cites A 14.4: {timeline:?}"
    );

    // The provider, on a package from the portal: not on a ground of refusing the service; on documents whose
    // validity ends on the day of the decision, yes.
    let received = app
        .submit_quota_application(
            &portal(&resettlers[1]),
            &application(&resettlers[1], "550000000"),
            key("law-provider-portal-01"),
            now(),
        )
        .await
        .expect("received");
    assert_eq!(received.state, "received");
    let officer = provider("55");
    let foreign = app
        .refuse_to_accept_quota_application(
            &officer,
            received.applied.case,
            &["quota_r1_unreliable_data".to_owned()],
            key("law-provider-foreign-01"),
            now(),
        )
        .await
        .map(|d| d.state);
    assert_eq!(foreign, invalid("grounds", "invalid_ground"));
    let not_accepted = app
        .refuse_to_accept_quota_application(
            &officer,
            received.applied.case,
            &["quota_expiring_documents".to_owned()],
            key("law-provider-refuse-01"),
            now(),
        )
        .await
        .expect("refused by the provider");
    assert_eq!(
        (not_accepted.state.as_str(), not_accepted.grounds.clone()),
        ("not_accepted", vec!["quota_expiring_documents".to_owned()])
    );
    assert_eq!(receipt(received.applied.case).await, ["rules-a-app-8"]);
    let (timeline, _) = store.case_history(received.applied.case).await.expect("history");
    assert!(
        timeline.iter().any(|r| r.basis == "rules-a 15.5"),
        "the provider's refusal cites A 15.5: {timeline:?}"
    );

    // A package the State Corporation accepted is under review: there is no acceptance left to refuse.
    let accepted = app
        .submit_quota_application(
            &operator("55"),
            &application(&resettlers[2], "550000000"),
            key("law-provider-accepted-01"),
            now(),
        )
        .await
        .expect("accepted at the counter");
    let late = app
        .refuse_to_accept_quota_application(
            &officer,
            accepted.applied.case,
            &["quota_incomplete_package".to_owned()],
            key("law-provider-late-01"),
            now(),
        )
        .await;
    assert!(matches!(late, Err(AppError::Rejected(_))), "{late:?}");
}

/// Issue 11, error 1: a kandas is not run through the resettlers' procedure. The portal application goes to the
/// provider's review under appendix 1 row 3 (the kandas intake parameter, XREF-01, is `direct`), no acceptance
/// notice of the resettlers (A-App 7, A 14.5 and 15.4, «Қоныс аударушыларды … енгізу үшін») is made, and the
/// case shows the kandas's facts, not the resettlers' year of registration and job-seeker status (QUOTA-19).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_11_a_kandas_is_not_run_through_the_resettlers_procedure() {
    let dir = tempfile::tempdir().expect("dir");
    let (app, store) = app(&dir).await;
    places(&app, QuotaCategory::Kandas).await;
    let kandas = heads(&app, true);
    let input = QuotaApplication {
        category: "kandas".into(),
        ..application(&kandas[0], "550000000")
    };
    let submitted = app
        .submit_quota_application(&portal(&kandas[0]), &input, key("law-kandas-portal-01"), now())
        .await
        .expect("received");
    assert_eq!(submitted.state, "under_review");
    let case = submitted.applied.case;
    let file = store.case_file(case).await.expect("file");
    assert!(
        file.documents.iter().all(|d| d.form != "rules-a-app-7"),
        "the acceptance notice A-App 7 is the resettlers' form: {:?}",
        file.documents.iter().map(|d| &d.form).collect::<Vec<_>>()
    );
    let reader = Principal::staff("leb.55", Role::LocalExecutiveBody, Some("55"), Channel::Api);
    let page = app.case(&reader, case, now()).await.expect("case page");
    let facts: Vec<&str> = page.view.facts.iter().map(|f| f.key).collect();
    assert!(facts.contains(&"kandas"), "{facts:?}");
    for resettlers in ["registered_one_year", "job_seeker"] {
        assert!(!facts.contains(&resettlers), "{resettlers} in {facts:?}");
    }
}
