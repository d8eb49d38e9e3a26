//! The service platform: use cases that authorise, effects written with the step, descriptors that carry a
//! kind through the queue, the case page and the deadline job, and an audit log with no IIN in it.

use app::{AppError, Inclusion, Principal};
use store::{Channel, Outbox, Party, QuotaCategory, QuotaKey, QuotaUnit, Role, Store};

use crate::{admin, app, application, citizen, commission, key, now, operator, provider};

/// Who may receive an application where, and who may decide: refused as the rules have it, a case of another
/// region answered like a missing one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_use_cases_authorise_every_step() {
    let dir = tempfile::tempdir().expect("dir");
    let (app, _store) = app(&dir).await;
    let resident = app.registries().population().residents[0]
        .record
        .iin
        .as_str()
        .to_owned();
    let other = app.registries().population().residents[5]
        .record
        .iin
        .as_str()
        .to_owned();
    let input = || application(&resident, "550000000");
    // The operator of another region, the provider, and a citizen for someone else: refused.
    let refusals = [operator("75"), provider("55"), citizen(&other)];
    for (i, who) in refusals.iter().enumerate() {
        let result = app
            .submit_quota_application(who, &input(), key(&format!("authz-refused-{i:03}")), now())
            .await;
        assert!(
            matches!(result, Err(AppError::Forbidden | AppError::Invalid(_))),
            "{who:?}: {result:?}"
        );
    }
    let received = app
        .submit_quota_application(&operator("55"), &input(), key("authz-ok-000001"), now())
        .await
        .expect("received");
    let case = received.applied.case;
    // Only the provider of the case's region decides; anyone else learns nothing.
    for who in [operator("55"), provider("75"), admin(), citizen(&resident)] {
        assert_eq!(
            app.accept_quota_application(&who, case, key("authz-accept-01"), now())
                .await
                .map(|d| d.state),
            Err(AppError::NotFound),
            "{who:?}"
        );
    }
    // The applicant reads their own case; staff of another region do not.
    assert!(app.case(&citizen(&resident), case, now()).await.is_ok());
    assert_eq!(
        app.case(&citizen(&other), case, now()).await.map(|d| d.number),
        Err(AppError::NotFound)
    );
    assert_eq!(
        app.case(&provider("75"), case, now()).await.map(|d| d.number),
        Err(AppError::NotFound)
    );
    assert_eq!(
        app.queue(&citizen(&resident), &app::QueueFilter::default(), now())
            .await
            .map(|q| q.total),
        Err(AppError::NotFound)
    );
}

/// Inclusion writes, in the same transaction as the decision, the notices to the applicant through every
/// channel and the decision document to issue; the cabinet shows the notice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_decision_notifies_the_applicant_and_issues_its_document_in_its_transaction() {
    let dir = tempfile::tempdir().expect("dir");
    let (app, store) = app(&dir).await;
    let quota = QuotaKey {
        year: 2026,
        territory: kz::Kato::parse("550000000").expect("Pavlodar"),
        category: QuotaCategory::Resettler,
    };
    app.set_quota(&admin(), &quota, QuotaUnit::Families, 5, "akimat resolution", now())
        .await
        .expect("quota");
    let resident = app
        .registries()
        .population()
        .residents
        .iter()
        .find(|r| r.kandas.is_none() && r.kinship.is_none())
        .expect("a resettler")
        .record
        .iin;
    let input = application(resident.as_str(), "550000000");
    let me = citizen(resident.as_str());
    let case = app
        .submit_quota_application(&operator("55"), &input, key("notice-submit-01"), now())
        .await
        .expect("received")
        .applied
        .case;
    commission(&app, &provider("55"), case, "include", key("notice-commission-01")).await;
    app.decide_quota_inclusion(
        &provider("55"),
        case,
        &Inclusion::Include,
        None,
        key("notice-decide-01"),
        now(),
    )
    .await
    .expect("included");
    let messages = store.messages_to(resident.as_str(), 50).await.expect("messages");
    let included: Vec<&str> = messages
        .iter()
        .filter(|m| m.template == "notice_quota_included")
        .map(|m| m.channel.as_str())
        .collect();
    assert_eq!(included.len(), 3, "{included:?}");
    for channel in ["cabinet", "sms", "email"] {
        assert!(included.contains(&channel), "{channel}");
    }
    assert!(messages.iter().any(|m| m.template == "notice_quota_accepted"));
    assert!(messages.iter().all(|m| m.case == Some(case)));
    let sms = messages
        .iter()
        .find(|m| m.template == "notice_quota_included" && m.channel == "sms")
        .expect("an SMS");
    assert!(sms.body.contains("QN-55-2026-000001"), "{}", sms.body);
    let details = app.case(&me, case, now()).await.expect("the applicant's case");
    let forms: Vec<&str> = details.file.documents.iter().map(|d| d.form.as_str()).collect();
    assert_eq!(forms, ["rules-a-app-7", "order-359-app-5"]);
    assert!(details.file.documents.iter().all(|d| d.state == "requested"));
    // The cabinet's messages are the applicant's own.
    let mine = app.my_messages(&me, 50).await.expect("messages");
    assert_eq!(mine.len(), messages.len());
    // Delivered once: the outbox hands each message to one worker.
    let sent = app.deliver_outbox("worker-a", now()).await.expect("delivered");
    assert_eq!(sent, messages.len());
    assert_eq!(app.deliver_outbox("worker-b", now()).await.expect("delivered"), 0);
}

/// Every kind the registry knows reads back what it writes, shows a case page, runs its deadlines through the
/// deadline job and appears in the queue's filters and the statistics: registering a descriptor is all a kind
/// needs for the generic parts of the service.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_registered_kind_is_in_the_queue_the_case_page_the_figures_and_the_deadline_job() {
    let dir = tempfile::tempdir().expect("dir");
    let (app, store) = app(&dir).await;
    let law = app.law();
    let day = app::kz_today(now());
    let (kinds, states) = app::cases_view::kinds_and_states();
    let mut made = 0;
    for descriptor in app::kinds::registry() {
        for (i, sample) in descriptor.samples(&law, day).expect("samples").into_iter().enumerate() {
            let app::kinds::Sample {
                kind,
                state,
                payload,
                due_on,
            } = sample;
            assert!(kinds.contains(&kind.key()), "{} is a queue filter", kind.key());
            assert!(states.contains(&state.as_str()), "{state} is a queue filter");
            // Stored as a use case would store it, read back through the descriptor.
            let command = store::Command {
                key: key(&format!("sample-{}-{i:03}", kind.key())),
                at: now(),
                actor: admin().actor().expect("actor"),
                action: "sample".into(),
                basis: "sample".into(),
                case: store::CaseWrite::Create {
                    kind: kind.key().into(),
                    territory: kz::Kato::parse("550000000").expect("Pavlodar"),
                    year: 2026,
                    state: state.clone(),
                    payload: payload.clone(),
                    // One person per sample: a person has one open quota application at a time.
                    applicant: Some(Party::Person(
                        (0..10_000u16)
                            .filter_map(|serial| {
                                kz::Iin::from_parts(jiff::civil::date(1990, 1, 15), kz::Sex::Female, serial).ok()
                            })
                            .nth(made)
                            .expect("a synthetic IIN"),
                    )),
                    channel: None,
                    members: Vec::new(),
                    due_on,
                },
                ops: Vec::new(),
                evidence: Vec::new(),
                detail: "{}".into(),
            };
            let applied = store.apply(&command).await.expect("stored");
            let reader = Principal::staff("leb.55", Role::LocalExecutiveBody, Some("55"), Channel::Portal);
            let page = app.case(&reader, applied.case, now()).await.expect("case page");
            assert_eq!(page.record.state, state);
            let record = page.record.clone();
            let view = descriptor.view(&record).expect("view");
            assert_eq!(view.deadlines, descriptor.running(&record).expect("running"), "{state}");
            assert!(
                view.deadlines.iter().all(|r| !r.deadline.basis.point.is_empty()),
                "every running deadline names its point of law"
            );
            made += 1;
        }
    }
    assert!(made >= 12, "every state of every registered kind: {made}");
    let figures = app.statistics(&admin()).await.expect("figures");
    assert_eq!(
        figures.iter().map(|c| c.count).sum::<u64>(),
        u64::try_from(made).expect("count")
    );
    // The deadline job reads every kind through its descriptor (a kind it could not read would fail it).
    let later = jiff::Timestamp::from_second(now().as_second() + 60 * 86_400).expect("later");
    let sweep = app
        .check_deadlines("instance-a", later)
        .await
        .expect("check")
        .expect("lease");
    assert!(sweep.overdue > 0, "{sweep:?}");
}

/// The audit log names accounts by their pseudonymous handle: after a whole flow, no record holds an IIN.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_audit_record_holds_an_iin() {
    let dir = tempfile::tempdir().expect("dir");
    let (app, store) = app(&dir).await;
    let iins: Vec<String> = app
        .registries()
        .population()
        .residents
        .iter()
        .map(|r| r.record.iin.as_str().to_owned())
        .collect();
    for (i, iin) in iins.iter().take(6).enumerate() {
        let input = application(iin, "550000000");
        if let Ok(s) = app
            .submit_quota_application(&operator("55"), &input, key(&format!("scan-{i:04}-submit")), now())
            .await
        {
            let _ = app
                .decide_quota_inclusion(
                    &provider("55"),
                    s.applied.case,
                    &Inclusion::Refuse(vec!["quota_r1_unreliable_data".into()]),
                    Some("the documents do not match the registry"),
                    key(&format!("scan-{i:04}-refuse")),
                    now(),
                )
                .await;
            let _ = app.find_person(&provider("55"), iin, now()).await.expect("search");
        }
    }
    let report = store.verify_audit().await.expect("verify");
    assert!(report.is_intact() && report.verified > 10, "{report:?}");
    let records = store::Admin::audit_records(&store).await.expect("the audit log");
    assert!(
        records.iter().any(|r| r.action == "case.search"),
        "the searches are audited"
    );
    for r in records {
        let text = format!("{} {} {} {:?}", r.account, r.detail, r.basis, r.on_behalf_of);
        for iin in &iins {
            assert!(!text.contains(iin.as_str()), "{} holds an IIN", r.action);
        }
    }
}
