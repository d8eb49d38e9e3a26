//! Background work shared by several instances: the deadline check is done by the one instance holding the
//! job's lease, and what it records is recorded once whoever runs it next.

use store::Store;

use super::{app_over, lone_resettlers, now, sqlite, to_pavlodar};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_passed_deadline_is_recorded_once_by_one_instance() {
    let (store, _dir) = sqlite().await;
    // Two instances over one database.
    let one = app_over(store.clone());
    let other = app_over(store.clone());
    // Registered by a career centre: its one working day to forward the package runs.
    let centre = app::Principal::staff(
        "cc.55",
        store::Role::CareerCentre,
        Some("55"),
        store::Channel::CareerCentre,
    );
    let submitted = one
        .submit_quota_application(
            &centre,
            &to_pavlodar(&lone_resettlers()[0]),
            store::IdempotencyKey::parse("background-case-01").expect("key"),
            now(),
        )
        .await
        .expect("case");
    let case = submitted.applied.case;
    let due = submitted
        .deadlines
        .iter()
        .filter(|r| r.duty)
        .map(|r| r.deadline.due)
        .min()
        .expect("a duty");

    // On the day of receipt nothing is overdue.
    let today = one.check_deadlines("instance-a", now()).await.expect("check");
    assert_eq!(today, Some(app::DeadlineSweep::default()));

    // Ten days later both instances check at once: the first lease has long ended, so either may take the
    // job, and exactly one does.
    let later = now()
        .checked_add(jiff::SignedDuration::from_hours(24 * 10))
        .expect("later");
    let (a, b) = tokio::join!(
        one.check_deadlines("instance-a", later),
        other.check_deadlines("instance-b", later)
    );
    let (a, b) = (a.expect("a"), b.expect("b"));
    let recorded = Some(app::DeadlineSweep {
        overdue: 1,
        recorded: 1,
        recounted: 0,
    });
    assert!(
        (a == recorded && b.is_none()) || (b == recorded && a.is_none()),
        "one instance recorded the passed deadline, the other was turned away: {a:?} {b:?}"
    );
    let (holder, idle) = if a.is_some() { (&one, &other) } else { (&other, &one) };
    let (holder_name, idle_name) = if a.is_some() {
        ("instance-a", "instance-b")
    } else {
        ("instance-b", "instance-a")
    };
    // While the lease runs, the other instance stays away; the holder may check again.
    let soon = later.checked_add(jiff::SignedDuration::from_mins(1)).expect("soon");
    assert_eq!(idle.check_deadlines(idle_name, soon).await.expect("check"), None);
    assert!(
        holder
            .check_deadlines(holder_name, soon)
            .await
            .expect("check")
            .is_some()
    );

    // After the lease, the other instance takes the job over; nothing is recorded twice.
    let after_lease = soon.checked_add(jiff::SignedDuration::from_mins(6)).expect("after");
    let again = idle.check_deadlines(idle_name, after_lease).await.expect("check");
    assert_eq!(
        again,
        Some(app::DeadlineSweep {
            overdue: 1,
            recorded: 0,
            recounted: 0
        })
    );

    let (timeline, _) = store.case_history(case).await.expect("history");
    let overdue: Vec<_> = timeline.iter().filter(|r| r.action == "deadline.overdue").collect();
    assert_eq!(overdue.len(), 1, "{timeline:?}");
    assert_eq!(overdue[0].role, "system");
    assert_eq!(overdue[0].channel, "scheduler");
    assert!(overdue[0].detail.contains(&due.to_string()), "{}", overdue[0].detail);
    let report = store.verify_audit().await.expect("verify");
    assert!(report.is_intact(), "{report:?}");
}

/// A day off decreed through another instance moves a running deadline at the job holder's next check, once:
/// here the amendment is stored as another instance stores it, and this instance learns of it by refreshing its
/// law.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_running_deadline_moves_with_another_instances_transfer_of_a_day_off() {
    let (store, _dir) = sqlite().await;
    let holder = app_over(store.clone());
    let input = to_pavlodar(&lone_resettlers()[0]);
    let career_centre = app::Principal::staff(
        "cc.55",
        store::Role::CareerCentre,
        Some("55"),
        store::Channel::CareerCentre,
    );
    let submitted = holder
        .submit_quota_application(
            &career_centre,
            &input,
            store::IdempotencyKey::parse("background-recount-01").expect("key"),
            now(),
        )
        .await
        .expect("case");
    // Received on Wednesday 18 March: forwarded by Thursday 19.
    assert_eq!(submitted.deadlines[0].deadline.due, jiff::civil::date(2026, 3, 19));
    let transfer = legal::amend::Amendment::Transfer {
        day_off: jiff::civil::date(2026, 3, 19),
        working_day: jiff::civil::date(2026, 3, 28),
        act: "Government decree (test)".into(),
        source: "adilet.zan.kz".into(),
    };
    let admin = store::Actor::new("admin.01", store::Role::Administrator, store::Channel::Cli).expect("actor");
    store::Store::add_amendment(
        &store,
        &serde_json::to_string(&transfer).expect("json"),
        &transfer.summary(),
        0,
        &admin,
        "Government decree (test)",
        now(),
    )
    .await
    .expect("stored");
    assert!(holder.refresh_law().await.expect("refresh"), "the law changed");
    let sweep = holder.check_deadlines("instance-a", now()).await.expect("check");
    assert_eq!(
        sweep,
        Some(app::DeadlineSweep {
            overdue: 0,
            recorded: 0,
            recounted: 1
        })
    );
    let again = holder.check_deadlines("instance-a", now()).await.expect("check");
    assert_eq!(again, Some(app::DeadlineSweep::default()), "nothing moves twice");
    let queue = store
        .list_cases(&store::CaseQuery {
            limit: 10,
            ..Default::default()
        })
        .await
        .expect("queue");
    assert_eq!(queue[0].due_on, Some(jiff::civil::date(2026, 3, 20)));
    let (timeline, _) = store.case_history(submitted.applied.case).await.expect("history");
    assert_eq!(
        timeline.iter().filter(|r| r.action == "deadline.recounted").count(),
        1,
        "{timeline:?}"
    );
}
