//! The use cases over a real SQLite store and the registries sandbox.

#![allow(clippy::expect_used, clippy::panic, clippy::indexing_slicing, reason = "test code")]

mod documents;
mod grounds;
mod law;
mod payroll;
mod platform;
mod rent;
mod resettlement;

use app::{App, AppError, FieldError, Inclusion, Principal, QuotaApplication};
use jiff::Timestamp;
use registries::CivilRegistry;
use registries::sandbox::{Population, SandboxRegistries};
use store::{Admin, Channel, IdempotencyKey, Party, QuotaCategory, QuotaKey, QuotaUnit, Role, Store, Table};
use store_sqlite::SqliteStore;

pub(crate) fn now() -> Timestamp {
    // Wednesday 18 March 2026, 09:00 in Kazakhstan.
    Timestamp::from_second(1_773_806_400).expect("fixed time")
}

pub(crate) fn operator(region: &str) -> Principal {
    Principal::staff(
        "sc.operator.001",
        Role::StateCorporationOperator,
        Some(region),
        Channel::StateCorporation,
    )
}

pub(crate) fn provider(region: &str) -> Principal {
    Principal::staff("leb.officer.07", Role::LocalExecutiveBody, Some(region), Channel::Api)
}

pub(crate) fn admin() -> Principal {
    Principal::staff("admin.01", Role::Administrator, None, Channel::Api)
}

pub(crate) fn citizen(iin: &str) -> Principal {
    Principal::citizen("acc-citizen", kz::Iin::parse(iin).expect("IIN"), Channel::Portal)
}

pub(crate) fn key(s: &str) -> IdempotencyKey {
    IdempotencyKey::parse(s).expect("key")
}

/// The use cases over a fresh database, and the database itself for what the tests look at directly.
pub(crate) async fn app(dir: &tempfile::TempDir) -> (App<SqliteStore, SandboxRegistries>, SqliteStore) {
    let url = format!("sqlite://{}", dir.path().join("qonys.db").display());
    let store = SqliteStore::open(&url).await.expect("store");
    let app = App::new(
        store.clone(),
        SandboxRegistries::new(Population::generate(11, 2_000, |_| {})),
        app::Laws::new(legal::Law::embedded().expect("law")),
    );
    (app, store)
}

/// A resettler's application as a desk takes it: the employment category, the consent, no one moving along.
pub(crate) fn application(iin: &str, territory: &str) -> QuotaApplication {
    QuotaApplication {
        iin: iin.into(),
        category: "resettler".into(),
        territory: territory.into(),
        employment: Some("9".into()),
        consent: true,
        ..QuotaApplication::default()
    }
}

/// The commission's word on a case, recorded by the provider from its protocol.
pub(crate) async fn commission(
    app: &App<SqliteStore, SandboxRegistries>,
    officer: &Principal,
    case: store::CaseId,
    outcome: &str,
    k: IdempotencyKey,
) {
    let input = app::quota::CommissionInput {
        date: "2026-03-18".into(),
        protocol: "7".into(),
        members: "Ахметова Г. С.\nБекенов Н. Т.".into(),
        outcome: outcome.into(),
    };
    app.record_quota_commission(officer, case, &input, k, now())
        .await
        .expect("commission recorded");
}

pub(crate) fn deadline(s: &app::Submitted, name: &str) -> String {
    s.deadlines
        .iter()
        .find(|r| r.name == name)
        .map(|r| r.deadline.due.to_string())
        .expect("deadline")
}

/// QUOTA-04, QUOTA-07: at the State Corporation's counter a complete package is accepted at once (the
/// acceptance notice handed over, the package forwarded): the provider's fourteen working days run.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_application_is_received_with_its_evidence_numbered_and_replayable() {
    let dir = tempfile::tempdir().expect("dir");
    let (app, store) = app(&dir).await;
    let resident = &app.registries().population().residents[0];
    let family = app
        .registries()
        .relatives(&resident.record.iin, now())
        .expect("family")
        .value;
    assert!(
        family.iter().any(|r| r.kinship == registries::Kinship::Spouse),
        "the first resident heads a family: {family:?}"
    );
    // The spouse and the children move; a parent stays.
    let moving: Vec<kz::Iin> = family
        .iter()
        .filter(|m| matches!(m.kinship, registries::Kinship::Spouse | registries::Kinship::Child))
        .map(|m| m.iin)
        .collect();
    let input = QuotaApplication {
        family: moving.iter().map(|i| i.as_str().to_owned()).collect(),
        ..application(resident.record.iin.as_str(), "750000000")
    };
    let first = app
        .submit_quota_application(&operator("75"), &input, key("intake-0000000001"), now())
        .await
        .expect("received");
    assert_eq!(first.number.to_string(), "QN-75-2026-000001");
    assert_eq!(first.state, "under_review", "accepted at the counter");
    assert_eq!(
        deadline(&first, "decide_by"),
        "2026-04-10",
        "fourteen working days from receipt, across Nauryz"
    );
    assert_eq!(
        store.count_rows(Table::Evidence).await.expect("count"),
        5,
        "civil registry (the person and the family), addresses, labour market, offences"
    );
    for relative in &family {
        let follows = store
            .case_of_party(first.applied.case, &Party::Person(relative.iin))
            .await
            .expect("read")
            .is_some();
        assert_eq!(follows, moving.contains(&relative.iin), "{:?}", relative.kinship);
    }
    // The acceptance notice (A-App 7) is issued and the applicant told, in the same transaction.
    let file = store.case_file(first.applied.case).await.expect("file");
    assert_eq!(
        file.documents.iter().map(|d| d.form.as_str()).collect::<Vec<_>>(),
        ["rules-a-app-7"]
    );
    let again = app
        .submit_quota_application(&operator("75"), &input, key("intake-0000000001"), now())
        .await
        .expect("replay");
    assert!(again.applied.replayed);
    assert_eq!(again.number, first.number);
    let under_review = store::CaseQuery {
        kinds: vec!["quota_resettler".into()],
        states: vec!["under_review".into()],
        ..store::CaseQuery::default()
    };
    assert_eq!(store.count_cases(&under_review).await.expect("count"), 1);
    // A kandas application also asks the kandas register.
    let other = &app.registries().population().residents[1];
    let kandas = QuotaApplication {
        category: "kandas".into(),
        ..application(other.record.iin.as_str(), "750000000")
    };
    app.submit_quota_application(&operator("75"), &kandas, key("intake-0000000002"), now())
        .await
        .expect("received");
    assert_eq!(store.count_rows(Table::Evidence).await.expect("count"), 11);
    assert!(store.verify_audit().await.expect("verify").is_intact());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_bad_field_is_reported_at_once_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("dir");
    let (app, store) = app(&dir).await;
    let input = QuotaApplication {
        iin: "900101300008".into(),
        category: "tourist".into(),
        territory: "99".into(),
        employment: Some("10".into()),
        ..QuotaApplication::default()
    };
    match app
        .submit_quota_application(&operator("75"), &input, key("intake-bad-000001"), now())
        .await
    {
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
                    field: "employment",
                    code: "invalid_employment_category"
                },
            ]
        ),
        other => panic!("expected invalid fields, got {other:?}"),
    }
    // A valid IIN the civil registry does not know is an input error on that field, not a crash.
    let stranger = application("900101300007", "750000000");
    let result = app
        .submit_quota_application(&operator("75"), &stranger, key("intake-bad-000002"), now())
        .await;
    assert_eq!(
        result.map(|s| s.number),
        Err(AppError::Invalid(vec![FieldError {
            field: "iin",
            code: "registry_not_found"
        }]))
    );
    assert_eq!(store.count_rows(Table::Cases).await.expect("count"), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inclusion_takes_a_quota_place_and_a_full_quota_refuses_on_its_ground() {
    let dir = tempfile::tempdir().expect("dir");
    let (app, store) = app(&dir).await;
    let officer = provider("55");
    let quota = QuotaKey {
        year: 2026,
        territory: kz::Kato::parse("550000000").expect("Pavlodar"),
        category: QuotaCategory::Resettler,
    };
    // Counted in families: one place per application, whatever the family's size.
    app.set_quota(
        &admin(),
        &quota,
        QuotaUnit::Families,
        1,
        "minister order of 12 Dec 2025",
        now(),
    )
    .await
    .expect("quota");
    let residents = &app.registries().population().residents;
    let mut decisions = Vec::new();
    for (i, resident) in residents.iter().filter(|r| r.kandas.is_none()).take(2).enumerate() {
        let input = application(resident.record.iin.as_str(), "550000000");
        let k = |s: &str| key(&format!("flow-{i}-{s}-0001"));
        let submitted = app
            .submit_quota_application(&operator("55"), &input, k("submit"), now())
            .await
            .expect("submitted");
        let case = submitted.applied.case;
        assert_eq!(submitted.state, "under_review");
        commission(&app, &officer, case, "include", k("commission")).await;
        let later = Timestamp::from_second(now().as_second() + 7 * 86_400).expect("time");
        decisions.push(
            app.decide_quota_inclusion(&officer, case, &Inclusion::Include, None, k("decide"), later)
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
            &officer,
            case,
            &Inclusion::Include,
            None,
            key("flow-1-decide-0001"),
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
    // The same key for another case, or for another request on the same case, is a mismatch, not a decision.
    let other = app
        .revoke_quota_inclusion(
            &officer,
            decisions[0].applied.case,
            "a reason",
            key("flow-1-decide-0001"),
            later,
        )
        .await;
    assert!(
        matches!(
            other,
            Err(AppError::Store(store::StoreError::IdempotencyMismatch { .. }))
        ),
        "{other:?}"
    );
    let refuse_instead = app
        .decide_quota_inclusion(
            &officer,
            case,
            &Inclusion::Refuse(vec!["quota_r1_unreliable_data".into()]),
            None,
            key("flow-1-decide-0001"),
            later,
        )
        .await;
    assert!(
        matches!(
            refuse_instead,
            Err(AppError::Store(store::StoreError::IdempotencyMismatch { .. }))
        ),
        "{refuse_instead:?}"
    );
    assert_eq!(
        store.quota(&quota).await.expect("quota").allocated,
        1,
        "one place, taken once"
    );
    // A decided case takes no second decision.
    let again = app
        .decide_quota_inclusion(
            &officer,
            decisions[0].applied.case,
            &Inclusion::Include,
            None,
            key("flow-again-000001"),
            now(),
        )
        .await;
    assert!(matches!(again, Err(AppError::Rejected(_))), "{again:?}");
    // Revoking needs its reason; it gives the place back; a second revocation is not possible.
    assert_eq!(
        app.revoke_quota_inclusion(
            &officer,
            decisions[0].applied.case,
            "  ",
            key("flow-revoke-0-01"),
            now()
        )
        .await
        .map(|d| d.state),
        Err(AppError::Invalid(vec![FieldError {
            field: "reason",
            code: "reason_required"
        }]))
    );
    let revoked = app
        .revoke_quota_inclusion(
            &officer,
            decisions[0].applied.case,
            "false information on registration",
            key("flow-revoke-a-01"),
            now(),
        )
        .await
        .expect("revoked");
    assert_eq!(revoked.state, "revoked");
    assert_eq!(store.quota(&quota).await.expect("quota").allocated, 0);
    assert!(
        app.revoke_quota_inclusion(
            &officer,
            decisions[0].applied.case,
            "again",
            key("flow-revoke-b-01"),
            now()
        )
        .await
        .is_err()
    );
    assert!(store.verify_audit().await.expect("verify").is_intact());
}

/// A quota counted in persons takes a place for the applicant and each family member who moves with them,
/// and the revocation gives back exactly what the inclusion took.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_quota_in_persons_counts_the_family_that_moves() {
    let dir = tempfile::tempdir().expect("dir");
    let (app, store) = app(&dir).await;
    let officer = provider("55");
    let quota = QuotaKey {
        year: 2026,
        territory: kz::Kato::parse("550000000").expect("Pavlodar"),
        category: QuotaCategory::Resettler,
    };
    // A head of household with a spouse and at least one child.
    let (head, moving) = app
        .registries()
        .population()
        .residents
        .iter()
        .filter(|r| r.kinship.is_none() && r.kandas.is_none())
        .find_map(|r| {
            let family = app.registries().relatives(&r.record.iin, now()).ok()?.value;
            let moving: Vec<String> = family
                .iter()
                .filter(|m| matches!(m.kinship, registries::Kinship::Spouse | registries::Kinship::Child))
                .map(|m| m.iin.as_str().to_owned())
                .collect();
            let children = family.iter().any(|m| m.kinship == registries::Kinship::Child);
            (children && moving.len() >= 2).then(|| (r.record.iin.as_str().to_owned(), moving))
        })
        .expect("a family with children");
    let size = 1 + u32::try_from(moving.len()).expect("small");
    let apply = async |n: u32, total: u32| {
        app.set_quota(&admin(), &quota, QuotaUnit::Persons, total, "akimat resolution", now())
            .await
            .expect("quota");
        let input = QuotaApplication {
            family: moving.clone(),
            ..application(&head, "550000000")
        };
        let k = |s: &str| key(&format!("persons-{n}-{s}-01"));
        let case = app
            .submit_quota_application(&operator("55"), &input, k("submit"), now())
            .await
            .expect("received")
            .applied
            .case;
        commission(&app, &officer, case, "include", k("commission")).await;
        let decided = app
            .decide_quota_inclusion(&officer, case, &Inclusion::Include, None, k("decide"), now())
            .await
            .expect("decided");
        (case, decided.state)
    };
    // One place short of the family: refused on the no-quota ground, nothing taken.
    let (_, state) = apply(1, size - 1).await;
    assert_eq!(state, "refused");
    assert_eq!(store.quota(&quota).await.expect("quota").allocated, 0);
    // Exactly the family's size: included, every place taken; revoked, every place back.
    let (case, state) = apply(2, size).await;
    assert_eq!(state, "included");
    assert_eq!(store.quota(&quota).await.expect("quota").allocated, size);
    app.revoke_quota_inclusion(&officer, case, "moved elsewhere", key("persons-revoke-01"), now())
        .await
        .expect("revoked");
    assert_eq!(store.quota(&quota).await.expect("quota").allocated, 0);
}

/// A day off decreed while a deadline runs moves the deadline: the recount writes the new date with its audit
/// record, once; a deadline that has already passed stays.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_transfer_of_a_day_off_moves_the_running_deadlines_once() {
    let dir = tempfile::tempdir().expect("dir");
    let (app, store) = app(&dir).await;
    let residents = &app.registries().population().residents;
    let career_centre = Principal::staff("cc.75", Role::CareerCentre, Some("75"), Channel::CareerCentre);
    let submit = |n: usize, at: Timestamp| {
        let input = application(residents[n].record.iin.as_str(), "750000000");
        let (app, career_centre) = (&app, &career_centre);
        async move {
            app.submit_quota_application(career_centre, &input, key(&format!("intake-recount-{n:04}")), at)
                .await
                .expect("received")
        }
    };
    // Received on Wednesday 18 March: the career centre forwards it by the next working day, Thursday 19.
    let running = submit(0, now()).await;
    assert_eq!(deadline(&running, "forward_by"), "2026-03-19");
    // Received on Monday 2 March: its deadlines passed before the amendment.
    let passed = submit(
        1,
        now()
            .checked_sub(jiff::SignedDuration::from_hours(16 * 24))
            .expect("earlier"),
    )
    .await;
    // Nothing to move under the law the cases were counted on.
    let unchanged = app
        .check_deadlines("instance-a", now())
        .await
        .expect("check")
        .expect("the job's lease");
    assert_eq!(unchanged.recounted, 0);
    // Thursday 19 March becomes a day off, Saturday 28 March a working day.
    let transfer = legal::amend::Amendment::Transfer {
        day_off: jiff::civil::date(2026, 3, 19),
        working_day: jiff::civil::date(2026, 3, 28),
        act: "Government decree (test)".into(),
        source: "adilet.zan.kz".into(),
    };
    // A preview tells what the amendment would move, and writes nothing.
    let preview = app
        .preview_amendment(&admin(), &transfer, now())
        .await
        .expect("preview");
    assert_eq!(
        preview
            .iter()
            .map(|m| (m.case.id, m.deadline, m.from.to_string(), m.to.to_string()))
            .collect::<Vec<_>>(),
        vec![(
            running.applied.case,
            "forward_by",
            "2026-03-19".to_owned(),
            "2026-03-20".to_owned()
        )]
    );
    assert!(store.amendments().await.expect("read").is_empty());
    assert_eq!(preview[0].case.version, 1);
    // Only the administrator amends the law.
    assert_eq!(
        app.amend_law(&operator("75"), &transfer, now()).await.map(|_| ()),
        Err(AppError::NotFound)
    );
    // The amendment counts the running deadlines again at once.
    let amended = app.amend_law(&admin(), &transfer, now()).await.expect("amended");
    assert_eq!(
        amended.recount.expect("recounted").moved,
        vec![(
            running.applied.case,
            jiff::civil::date(2026, 3, 19),
            jiff::civil::date(2026, 3, 20)
        )]
    );
    let reader = admin().actor().expect("actor");
    let purpose = store::ReadPurpose::on("test", "test");
    let case = store
        .read_case(running.applied.case, &reader, &purpose, now())
        .await
        .expect("case");
    let payload: serde_json::Value = serde_json::from_str(&case.payload).expect("payload");
    assert_eq!(payload["state"]["forward_by"]["due"], "2026-03-20");
    let (timeline, _) = store.case_history(running.applied.case).await.expect("history");
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
    // The basis is the time limit's, from the law's parameters: the career centre's forwarding.
    assert_eq!(recounted[0].basis, "rules-a 15.3");
    // The passed deadline stays (its overdue record stands); a second recount (another instance, the next
    // minute) writes nothing.
    let old = store
        .read_case(passed.applied.case, &reader, &purpose, now())
        .await
        .expect("case");
    let old: serde_json::Value = serde_json::from_str(&old.payload).expect("payload");
    assert_eq!(old["state"]["forward_by"]["due"], "2026-03-03");
    assert_eq!(old["overdue"]["due"], "2026-03-03");
    let again = app
        .check_deadlines("instance-a", now())
        .await
        .expect("check")
        .expect("the job's lease");
    assert_eq!(again.recounted, 0);
    assert!(store.verify_audit().await.expect("verify").is_intact());
}
