//! The intake use case over a real SQLite store and the registries sandbox.

#![allow(clippy::expect_used, clippy::panic, clippy::indexing_slicing, reason = "test code")]

use app::{App, AppError, FieldError, QuotaApplication};
use jiff::Timestamp;
use registries::CivilRegistry;
use registries::sandbox::{Population, SandboxRegistries};
use store::{Actor, Admin, Channel, IdempotencyKey, Role, Store, Table};
use store_sqlite::SqliteStore;

fn now() -> Timestamp {
    // Wednesday 18 March 2026, 09:00 in Kazakhstan.
    Timestamp::from_second(1_773_806_400).expect("fixed time")
}

fn operator() -> Actor {
    Actor::new(
        "sc.operator.001",
        Role::StateCorporationOperator,
        Channel::StateCorporation,
    )
    .expect("actor")
}

async fn app(dir: &tempfile::TempDir) -> App<SqliteStore, SandboxRegistries> {
    let url = format!("sqlite://{}", dir.path().join("qonys.db").display());
    App {
        store: SqliteStore::open(&url).await.expect("store"),
        registries: SandboxRegistries::new(Population::generate(11, 2_000, |_| {})),
        law: app::Laws::new(legal::Law::embedded().expect("law")),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_application_is_received_with_its_evidence_numbered_and_replayable() {
    let dir = tempfile::tempdir().expect("dir");
    let app = app(&dir).await;
    let resident = &app.registries.population().residents[0];
    let input = QuotaApplication {
        iin: resident.record.iin.as_str().into(),
        category: "resettler".into(),
        territory: "750000000".into(),
        channel: "state_corporation".into(),
    };
    let key = IdempotencyKey::parse("intake-0000000001").expect("key");
    let first = app
        .submit_quota_application(&input, &operator(), key.clone(), now())
        .await
        .expect("received");
    assert_eq!(first.number.to_string(), "QN-75-2026-000001");
    assert_eq!(
        first.forward_by.due.to_string(),
        "2026-03-18",
        "the State Corporation forwards the same day"
    );
    assert_eq!(first.refuse_to_accept_by.due.to_string(), "2026-03-20");
    assert_eq!(
        app.store.count_rows(Table::Evidence).await.expect("count"),
        5,
        "civil registry (the person and the family), addresses, labour market, offences"
    );
    // The family that moves with the applicant follows the case; a parent does not.
    let family = app
        .registries
        .relatives(&resident.record.iin, now())
        .expect("family")
        .value;
    assert!(
        family.iter().any(|r| r.kinship == registries::Kinship::Spouse),
        "the first resident heads a family: {family:?}"
    );
    for relative in &family {
        let follows = app
            .store
            .case_of_applicant(first.applied.case, &relative.iin)
            .await
            .expect("read")
            .is_some();
        let moves = matches!(
            relative.kinship,
            registries::Kinship::Spouse | registries::Kinship::Child
        );
        assert_eq!(follows, moves, "{:?}", relative.kinship);
    }
    let again = app
        .submit_quota_application(&input, &operator(), key, now())
        .await
        .expect("replay");
    assert!(again.applied.replayed);
    assert_eq!(again.number, first.number);
    assert_eq!(
        app.store
            .count_cases("quota_resettler", "received")
            .await
            .expect("count"),
        1
    );
    // A kandas application also asks the kandas register.
    let kandas = QuotaApplication {
        category: "kandas".into(),
        ..input
    };
    app.submit_quota_application(
        &kandas,
        &operator(),
        IdempotencyKey::parse("intake-0000000002").expect("key"),
        now(),
    )
    .await
    .expect("received");
    assert_eq!(app.store.count_rows(Table::Evidence).await.expect("count"), 11);
    assert!(app.store.verify_audit().await.expect("verify").is_intact());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_bad_field_is_reported_at_once_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("dir");
    let app = app(&dir).await;
    let input = QuotaApplication {
        iin: "900101300008".into(),
        category: "tourist".into(),
        territory: "99".into(),
        channel: "fax".into(),
    };
    let key = IdempotencyKey::parse("intake-bad-000001").expect("key");
    match app.submit_quota_application(&input, &operator(), key, now()).await {
        Err(AppError::Invalid(fields)) => assert_eq!(
            fields,
            vec![
                FieldError {
                    field: "iin",
                    code: "iin_check_digit"
                },
                FieldError {
                    field: "territory",
                    code: "kato_length"
                },
                FieldError {
                    field: "category",
                    code: "invalid_category"
                },
                FieldError {
                    field: "channel",
                    code: "invalid_channel"
                },
            ]
        ),
        other => panic!("expected invalid fields, got {other:?}"),
    }
    // A valid IIN the civil registry does not know is an input error on that field, not a crash.
    let stranger = QuotaApplication {
        iin: "900101300007".into(),
        category: "resettler".into(),
        territory: "750000000".into(),
        channel: "portal".into(),
    };
    let key = IdempotencyKey::parse("intake-bad-000002").expect("key");
    let result = app.submit_quota_application(&stranger, &operator(), key, now()).await;
    assert_eq!(
        result.map(|s| s.number),
        Err(AppError::Invalid(vec![FieldError {
            field: "iin",
            code: "registry_not_found"
        }]))
    );
    assert_eq!(app.store.count_rows(Table::Cases).await.expect("count"), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inclusion_takes_a_quota_place_and_a_full_quota_refuses_on_its_ground() {
    use app::Inclusion;
    use store::{QuotaCategory, QuotaKey, QuotaUnit};
    let dir = tempfile::tempdir().expect("dir");
    let app = app(&dir).await;
    let admin = Actor::new("admin.01", Role::Administrator, Channel::Cli).expect("actor");
    let officer = Actor::new("lmc.officer.07", Role::LocalExecutiveBody, Channel::Api).expect("actor");
    let key = QuotaKey {
        year: 2026,
        territory: kz::Kato::parse("550000000").expect("Pavlodar"),
        category: QuotaCategory::Resettler,
    };
    // Counted in families: one place per application, whatever the family's size.
    app.store
        .set_quota(
            &key,
            QuotaUnit::Families,
            1,
            &admin,
            "minister order of 12 Dec 2025",
            now(),
        )
        .await
        .expect("quota");
    let residents = &app.registries.population().residents;
    let mut decisions = Vec::new();
    for (i, resident) in residents.iter().filter(|r| r.kandas.is_none()).take(2).enumerate() {
        let input = QuotaApplication {
            iin: resident.record.iin.as_str().into(),
            category: "resettler".into(),
            territory: "550000000".into(),
            channel: "portal".into(),
        };
        let k = |s: &str| IdempotencyKey::parse(&format!("flow-{i}-{s}-0001")).expect("key");
        let submitted = app
            .submit_quota_application(&input, &officer, k("submit"), now())
            .await
            .expect("submitted");
        let case = submitted.applied.case;
        let accepted = app
            .accept_quota_application(case, &officer, k("accept"), now())
            .await
            .expect("accepted");
        assert_eq!(accepted.state, "under_review");
        let later = Timestamp::from_second(now().as_second() + 7 * 86_400).expect("time");
        decisions.push(
            app.decide_quota_inclusion(case, &Inclusion::Include, &officer, k("decide"), later)
                .await
                .expect("decided"),
        );
    }
    assert_eq!(decisions[0].state, "included");
    assert_eq!(
        (decisions[1].state.as_str(), decisions[1].grounds.clone()),
        ("refused", vec!["quota_r4_no_quota".to_owned()])
    );
    // The same request again gets the first answer, though the case has moved on from where it was judged.
    let case = decisions[1].applied.case;
    let later = Timestamp::from_second(now().as_second() + 8 * 86_400).expect("time");
    let again = app
        .decide_quota_inclusion(
            case,
            &Inclusion::Include,
            &officer,
            IdempotencyKey::parse("flow-1-decide-0001").expect("key"),
            later,
        )
        .await
        .expect("replayed");
    assert!(again.applied.replayed);
    assert_eq!(
        (again.state.as_str(), again.grounds.clone(), again.applied.version),
        (
            "refused",
            vec!["quota_r4_no_quota".to_owned()],
            decisions[1].applied.version
        )
    );
    // The same key for another case is a mismatch, not a decision.
    let other = app
        .revoke_quota_inclusion(
            decisions[0].applied.case,
            &officer,
            IdempotencyKey::parse("flow-1-decide-0001").expect("key"),
            later,
        )
        .await;
    assert!(
        matches!(
            other,
            Err(app::AppError::Store(store::StoreError::IdempotencyMismatch { .. }))
        ),
        "{other:?}"
    );
    assert_eq!(
        app.store.quota(&key).await.expect("quota").allocated,
        1,
        "one place, taken once"
    );
    // A decided case takes no second decision; an unknown ground is an input error.
    let again = app
        .decide_quota_inclusion(
            decisions[0].applied.case,
            &Inclusion::Include,
            &officer,
            IdempotencyKey::parse("flow-again-000001").expect("key"),
            now(),
        )
        .await;
    assert!(matches!(again, Err(AppError::Rejected(_))), "{again:?}");
    // Revoking the inclusion gives the place back; a second revocation is not possible.
    let revoke_key = |s: &str| IdempotencyKey::parse(&format!("flow-revoke-{s}-01")).expect("key");
    let revoked = app
        .revoke_quota_inclusion(decisions[0].applied.case, &officer, revoke_key("a"), now())
        .await
        .expect("revoked");
    assert_eq!(revoked.state, "revoked");
    assert_eq!(app.store.quota(&key).await.expect("quota").allocated, 0);
    assert!(
        app.revoke_quota_inclusion(decisions[0].applied.case, &officer, revoke_key("b"), now())
            .await
            .is_err()
    );
    assert!(app.store.verify_audit().await.expect("verify").is_intact());
}

/// A quota counted in persons takes a place for the applicant and each family member who moves with them,
/// and the revocation gives back exactly what the inclusion took.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_quota_in_persons_counts_the_family_that_moves() {
    use app::Inclusion;
    use store::{QuotaCategory, QuotaKey, QuotaUnit};
    let dir = tempfile::tempdir().expect("dir");
    let app = app(&dir).await;
    let admin = Actor::new("admin.01", Role::Administrator, Channel::Cli).expect("actor");
    let officer = Actor::new("leb.55", Role::LocalExecutiveBody, Channel::Api).expect("actor");
    let key = QuotaKey {
        year: 2026,
        territory: kz::Kato::parse("550000000").expect("Pavlodar"),
        category: QuotaCategory::Resettler,
    };
    // A head of household with a spouse and at least one child.
    let (head, size) = app
        .registries
        .population()
        .residents
        .iter()
        .filter(|r| r.kinship.is_none() && r.kandas.is_none())
        .find_map(|r| {
            let family = app.registries.relatives(&r.record.iin, now()).ok()?.value;
            let moving = family
                .iter()
                .filter(|m| matches!(m.kinship, registries::Kinship::Spouse | registries::Kinship::Child))
                .count();
            let children = family.iter().any(|m| m.kinship == registries::Kinship::Child);
            (children && moving >= 2).then(|| {
                (
                    r.record.iin.as_str().to_owned(),
                    1 + u32::try_from(moving).expect("small"),
                )
            })
        })
        .expect("a family with children");
    let apply = async |n: u32, total: u32| {
        app.store
            .set_quota(&key, QuotaUnit::Persons, total, &admin, "akimat resolution", now())
            .await
            .expect("quota");
        let input = QuotaApplication {
            iin: head.clone(),
            category: "resettler".into(),
            territory: "550000000".into(),
            channel: "state_corporation".into(),
        };
        let k = |s: &str| IdempotencyKey::parse(&format!("persons-{n}-{s}-01")).expect("key");
        let case = app
            .submit_quota_application(&input, &operator(), k("submit"), now())
            .await
            .expect("received")
            .applied
            .case;
        app.accept_quota_application(case, &officer, k("accept"), now())
            .await
            .expect("accepted");
        let decided = app
            .decide_quota_inclusion(case, &Inclusion::Include, &officer, k("decide"), now())
            .await
            .expect("decided");
        (case, decided.state)
    };
    // One place short of the family: refused on the no-quota ground, nothing taken.
    let (_, state) = apply(1, size - 1).await;
    assert_eq!(state, "refused");
    assert_eq!(app.store.quota(&key).await.expect("quota").allocated, 0);
    // Exactly the family's size: included, every place taken; revoked, every place back.
    let (case, state) = apply(2, size).await;
    assert_eq!(state, "included");
    assert_eq!(app.store.quota(&key).await.expect("quota").allocated, size);
    app.revoke_quota_inclusion(
        case,
        &officer,
        IdempotencyKey::parse("persons-revoke-01").expect("key"),
        now(),
    )
    .await
    .expect("revoked");
    assert_eq!(app.store.quota(&key).await.expect("quota").allocated, 0);
}

/// A day off decreed while a deadline runs moves the deadline: the recount writes the new date with its audit
/// record, once; a deadline that has already passed stays.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_transfer_of_a_day_off_moves_the_running_deadlines_once() {
    let dir = tempfile::tempdir().expect("dir");
    let app = app(&dir).await;
    let residents = &app.registries.population().residents;
    let submit = |n: usize, at: Timestamp| {
        let input = QuotaApplication {
            iin: residents[n].record.iin.as_str().into(),
            category: "resettler".into(),
            territory: "750000000".into(),
            channel: "career_centre".into(),
        };
        let app = &app;
        async move {
            app.submit_quota_application(
                &input,
                &operator(),
                IdempotencyKey::parse(&format!("intake-recount-{n:04}")).expect("key"),
                at,
            )
            .await
            .expect("received")
        }
    };
    // Received on Wednesday 18 March: the career centre forwards it by the next working day, Thursday 19.
    let running = submit(0, now()).await;
    assert_eq!(running.forward_by.due.to_string(), "2026-03-19");
    // Received on Monday 2 March: its deadlines passed before the amendment.
    let passed = submit(
        1,
        now()
            .checked_sub(jiff::SignedDuration::from_hours(16 * 24))
            .expect("earlier"),
    )
    .await;
    let admin = Actor::new("admin.01", Role::Administrator, Channel::Api).expect("actor");
    // Nothing to move under the law the cases were counted on.
    let unchanged = app.recount_deadlines(&admin, now()).await.expect("recount");
    assert_eq!((unchanged.checked, unchanged.moved.len()), (1, 0));
    // Thursday 19 March becomes a day off, Saturday 28 March a working day.
    let transfer = legal::amend::Amendment::Transfer {
        day_off: jiff::civil::date(2026, 3, 19),
        working_day: jiff::civil::date(2026, 3, 28),
        act: "Government decree (test)".into(),
        source: "adilet.zan.kz".into(),
    };
    // A preview tells what the amendment would move, and writes nothing.
    let preview = app.preview_amendment(&transfer, now()).await.expect("preview");
    assert_eq!(
        preview
            .iter()
            .map(|m| (m.case.id, m.from.to_string(), m.to.to_string()))
            .collect::<Vec<_>>(),
        vec![(running.applied.case, "2026-03-19".to_owned(), "2026-03-20".to_owned())]
    );
    assert!(app.store.amendments().await.expect("read").is_empty());
    assert_eq!(preview[0].case.version, 1);
    // The amendment counts the running deadlines again at once.
    let amended = app.amend_law(&transfer, &admin, now()).await.expect("amended");
    assert_eq!(
        amended.recount.expect("recounted").moved,
        vec![(
            running.applied.case,
            jiff::civil::date(2026, 3, 19),
            jiff::civil::date(2026, 3, 20)
        )]
    );
    let purpose = store::ReadPurpose {
        basis: "rules-a 15".into(),
        reason: "test".into(),
    };
    let case = app
        .store
        .read_case(running.applied.case, &admin, &purpose, now())
        .await
        .expect("case");
    assert_eq!(case.due_on, Some(jiff::civil::date(2026, 3, 20)));
    let payload: serde_json::Value = serde_json::from_str(&case.payload).expect("payload");
    assert_eq!(payload["forward_by"], "2026-03-20");
    let (timeline, _) = app.store.case_history(running.applied.case).await.expect("history");
    let recounted: Vec<_> = timeline.iter().filter(|r| r.action == "deadline.recounted").collect();
    assert_eq!(recounted.len(), 1, "{timeline:?}");
    let detail: serde_json::Value = serde_json::from_str(&recounted[0].detail).expect("detail");
    assert_eq!(
        (&detail["from"], &detail["to"], &detail["limit"]),
        (
            &serde_json::json!("2026-03-19"),
            &serde_json::json!("2026-03-20"),
            &serde_json::json!("quota_career_centre_forward")
        )
    );
    // The moved deadline is the career centre's forwarding, Rules A p.15 part 3.
    assert_eq!(recounted[0].basis, "rules-a 15.3");
    // The passed deadline stays; a second recount (another instance, the next minute) writes nothing.
    let old = app
        .store
        .read_case(passed.applied.case, &admin, &purpose, now())
        .await
        .expect("case");
    assert_eq!(old.version, 1);
    let again = app.recount_deadlines(&admin, now()).await.expect("recount");
    assert_eq!((again.checked, again.moved.len()), (1, 0));
    assert!(app.store.verify_audit().await.expect("verify").is_intact());
}
