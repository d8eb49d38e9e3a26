//! The story every adapter must pass, against its own database. Adapters call these from their tests, so the
//! same behaviour is checked on SQLite and PostgreSQL.
//!
//! Each function takes a store over an *empty* database and panics (it is test code) on the first deviation.

#![allow(
    clippy::panic,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "conformance checks are test code"
)]

use std::sync::Arc;

use jiff::Timestamp;
use kz::Kato;

use crate::{
    Actor, CaseId, CaseQuery, CaseWrite, Channel, Command, Evidence, IdempotencyKey, Op, QuotaCategory, QuotaKey,
    QuotaOp, QuotaUnit, ReadPurpose, Role, Store, StoreError,
};

/// The query of every case of one kind in one state.
fn kind_state(kind: &str, state: &str) -> CaseQuery {
    CaseQuery {
        kinds: vec![kind.into()],
        states: vec![state.into()],
        ..CaseQuery::default()
    }
}

fn at(seconds: i64) -> Timestamp {
    // 2026-03-18T04:00:00Z, 09:00 in Kazakhstan; tests never read the clock.
    Timestamp::from_second(1_773_806_400 + seconds).expect("fixed test time")
}

fn operator() -> Actor {
    Actor::new(
        "sc.operator.001",
        Role::StateCorporationOperator,
        Channel::StateCorporation,
    )
    .and_then(|a| a.on_behalf_of("applicant.portal.42"))
    .expect("valid actor")
}

fn officer() -> Actor {
    Actor::new("lmc.officer.007", Role::LabourMobilityCentre, Channel::Api).expect("valid actor")
}

fn almaty() -> Kato {
    Kato::parse("750000000").expect("Almaty")
}

fn key(s: &str) -> IdempotencyKey {
    IdempotencyKey::parse(s).expect("valid idempotency key")
}

/// A synthetic IIN: the 11 digits given and whichever check digit makes it valid (some prefixes have none).
fn synthetic_iin(first_eleven: &str) -> Option<kz::Iin> {
    (0..10).find_map(|d| kz::Iin::parse(&format!("{first_eleven}{d}")).ok())
}

pub(crate) fn applicant(n: u32) -> kz::Iin {
    (0..100)
        .find_map(|k| synthetic_iin(&format!("9001013{:04}", (n * 100 + k) % 10_000)))
        .expect("a valid synthetic IIN")
}

fn day(s: &str) -> jiff::civil::Date {
    s.parse().expect("date")
}

pub(crate) fn create(k: &str, seconds: i64) -> Command {
    Command {
        key: key(k),
        at: at(seconds),
        actor: operator(),
        action: "case.submit".into(),
        basis: "rules-a 14.2".into(),
        case: CaseWrite::Create {
            kind: "quota_resettler".into(),
            territory: almaty(),
            year: 2026,
            state: "submitted".into(),
            payload: r#"{"applicant":"********0007"}"#.into(),
            applicant: Some(crate::Party::Person(applicant(7))),
            channel: Some("state_corporation".into()),
            members: Vec::new(),
            due_on: Some(day("2026-03-02")),
        },
        ops: Vec::new(),
        evidence: vec![Evidence {
            system: "civil_registry".into(),
            requested_at: at(seconds),
            response_id: format!("gbdfl-{k}"),
            payload: r#"{"found":true}"#.into(),
        }],
        detail: r#"{"state":"submitted"}"#.into(),
    }
}

pub(crate) fn update(k: &str, id: CaseId, expected_version: i64, state: &str, seconds: i64) -> Command {
    Command {
        key: key(k),
        at: at(seconds),
        actor: officer(),
        action: format!("case.{state}"),
        basis: "rules-a 15.5".into(),
        case: CaseWrite::Update {
            id,
            expected_version,
            state: state.into(),
            payload: format!(r#"{{"state":"{state}"}}"#),
            due_on: None,
        },
        ops: Vec::new(),
        evidence: Vec::new(),
        detail: format!(r#"{{"state":"{state}"}}"#),
    }
}

/// Create, replay, update, conflict, audited read, numbering per region and year, and an intact chain.
pub async fn story<S: Store>(store: &S) {
    // A new case gets number 1 of its region and year, version 1.
    let first = store.apply(&create("story-create-0001", 0)).await.expect("create");
    assert_eq!(
        (first.region.as_str(), first.year, first.sequence, first.version),
        ("75", 2026, 1, 1)
    );
    assert!(!first.replayed);

    // The same key again: the first result, nothing new written.
    let again = store.apply(&create("story-create-0001", 5)).await.expect("replay");
    assert_eq!(
        again,
        crate::Applied {
            replayed: true,
            ..first.clone()
        }
    );
    assert_eq!(
        store
            .count_cases(&kind_state("quota_resettler", "submitted"))
            .await
            .expect("count"),
        1
    );

    // The same key with a different command is refused.
    let mut different = create("story-create-0001", 5);
    different.action = "case.other".into();
    assert!(matches!(
        store.apply(&different).await,
        Err(StoreError::IdempotencyMismatch { .. })
    ));

    // The next case of the region and year gets the next number.
    let second = store.apply(&create("story-create-0002", 10)).await.expect("second");
    assert_eq!(second.sequence, 2);

    // Update from the current version.
    let accepted = store
        .apply(&update("story-accept-0001", first.case, 1, "accepted", 20))
        .await
        .expect("accept");
    assert_eq!(accepted.version, 2);

    // A stale version is a conflict and changes nothing.
    match store
        .apply(&update("story-accept-0002", first.case, 1, "refused", 30))
        .await
    {
        Err(StoreError::Conflict {
            case,
            expected: 1,
            actual: 2,
        }) => assert_eq!(case, first.case),
        other => panic!("expected a version conflict, got {other:?}"),
    }
    // A key's first result can be asked for before building a command; an unused key has none.
    let replay = store
        .replay(&IdempotencyKey::parse("story-create-0001").expect("key"))
        .await
        .expect("replay")
        .expect("used");
    assert_eq!(
        replay.applied,
        crate::Applied {
            replayed: true,
            ..first.clone()
        }
    );
    assert!(
        replay.detail.starts_with('{'),
        "the audit record's detail: {}",
        replay.detail
    );
    assert_eq!(
        store
            .replay(&IdempotencyKey::parse("story-never-used-0001").expect("key"))
            .await
            .expect("replay"),
        None
    );
    // An unknown case is not found.
    assert!(matches!(
        store
            .apply(&update("story-missing-01", CaseId(9_999_999), 1, "accepted", 30))
            .await,
        Err(StoreError::NotFound { .. })
    ));

    // An audited read returns the case as written.
    let purpose = ReadPurpose::on("rules-a 15.5", "review");
    let case = store
        .read_case(first.case, &officer(), &purpose, at(40))
        .await
        .expect("read");
    assert_eq!((case.state.as_str(), case.version, case.sequence), ("accepted", 2, 1));
    assert_eq!(case.territory, almaty());
    assert_eq!(case.created_at, at(0));
    assert_eq!(case.updated_at, at(20));
    assert!(matches!(
        store.read_case(CaseId(9_999_999), &officer(), &purpose, at(41)).await,
        Err(StoreError::NotFound { .. })
    ));

    // Four audit records: two creates, one update, one read; failures and replays left none.
    let report = store.verify_audit().await.expect("verify");
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(report.verified, 4);
}

pub(crate) fn quota_key() -> QuotaKey {
    QuotaKey {
        year: 2026,
        territory: almaty(),
        category: QuotaCategory::Resettler,
    }
}

/// Quota set-up, allocation, exhaustion without a trace, release.
pub async fn quota_story<S: Store>(store: &S) {
    let admin = Actor::new("akimat.admin.01", Role::LocalExecutiveBody, Channel::Api).expect("actor");
    let q = store
        .set_quota(&quota_key(), QuotaUnit::Families, 2, &admin, "rules-a 5", at(0))
        .await
        .expect("quota");
    assert_eq!((q.total, q.allocated, q.unit), (2, 0, QuotaUnit::Families));

    let mut include = create("quota-include-0001", 10);
    include.ops = vec![Op::Quota(QuotaOp::Allocate {
        key: quota_key(),
        amount: 2,
    })];
    let included = store.apply(&include).await.expect("include");
    assert_eq!(store.quota(&quota_key()).await.expect("quota").allocated, 2);

    // No places left: refused, and nothing of the command is written (no case, no audit record).
    let mut late = create("quota-include-0002", 20);
    late.ops = vec![Op::Quota(QuotaOp::Allocate {
        key: quota_key(),
        amount: 1,
    })];
    assert!(matches!(
        store.apply(&late).await,
        Err(StoreError::QuotaExhausted { .. })
    ));
    assert_eq!(
        store
            .count_cases(&kind_state("quota_resettler", "submitted"))
            .await
            .expect("count"),
        1
    );

    // The year's quotas, listed.
    let listed = store.list_quotas(2026).await.expect("list");
    assert_eq!(
        listed.iter().map(|q| (q.key.clone(), q.allocated)).collect::<Vec<_>>(),
        vec![(quota_key(), 2)]
    );
    assert!(store.list_quotas(2031).await.expect("list").is_empty());

    // A territory with no quota set for the year has no places at all.
    let mut elsewhere = create("quota-include-0003", 22);
    elsewhere.ops = vec![Op::Quota(QuotaOp::Allocate {
        key: QuotaKey {
            year: 2031,
            ..quota_key()
        },
        amount: 1,
    })];
    assert!(matches!(
        store.apply(&elsewhere).await,
        Err(StoreError::QuotaExhausted { .. })
    ));

    // The total may not go below what is allocated.
    assert!(
        store
            .set_quota(&quota_key(), QuotaUnit::Families, 1, &admin, "rules-a 5", at(25))
            .await
            .is_err()
    );

    // Revocation releases the places.
    let mut revoke = update("quota-revoke-0001", included.case, 1, "revoked", 30);
    revoke.ops = vec![Op::Quota(QuotaOp::Release {
        key: quota_key(),
        amount: 2,
    })];
    store.apply(&revoke).await.expect("revoke");
    assert_eq!(store.quota(&quota_key()).await.expect("quota").allocated, 0);

    let report = store.verify_audit().await.expect("verify");
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(report.verified, 3, "quota set, inclusion, revocation");
}

/// Commands sent all at once (an adapter that writes concurrent commands together gets them in one group):
/// each of 30 new cases sent three times, and five updates of one case from the same version. Every key is
/// applied once and answered to all three senders with the same case; exactly one update wins and the others
/// get the conflict; the numbers are 1..=30 with no gap; the chain holds.
pub async fn repeats_at_once<S: Store + 'static>(store: Arc<S>) {
    let target = store.apply(&create("once-target-0001", 0)).await.expect("target");
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..90usize {
        let store = Arc::clone(&store);
        // The three copies of a key are spread over the whole batch, not next to each other.
        let n = (i * 7) % 30;
        tasks.spawn(async move { (n, store.apply(&create(&format!("once-create-{n:04}"), 10)).await) });
    }
    for u in 0..5usize {
        let store = Arc::clone(&store);
        let case = target.case;
        tasks.spawn(async move {
            (
                100 + u,
                store
                    .apply(&update(&format!("once-update-{u:04}"), case, 1, "accepted", 20))
                    .await,
            )
        });
    }
    let mut by_key: std::collections::BTreeMap<usize, Vec<crate::Applied>> = std::collections::BTreeMap::new();
    let (mut won, mut conflicts) = (0, 0);
    while let Some(done) = tasks.join_next().await {
        match done.expect("task") {
            (n, Ok(applied)) if n < 100 => by_key.entry(n).or_default().push(applied),
            (_, Ok(_)) => won += 1,
            (
                _,
                Err(StoreError::Conflict {
                    expected: 1, actual: 2, ..
                }),
            ) => conflicts += 1,
            (n, Err(e)) => panic!("command {n}: {e:?}"),
        }
    }
    assert_eq!((won, conflicts), (1, 4), "one update from version 1 wins");
    assert_eq!(by_key.len(), 30);
    let mut sequences = Vec::new();
    for (n, answers) in &by_key {
        assert_eq!(answers.len(), 3, "key {n}");
        assert_eq!(
            answers.iter().filter(|a| !a.replayed).count(),
            1,
            "key {n} applied once"
        );
        assert!(answers.iter().all(|a| a.case == answers[0].case), "key {n}: one case");
        sequences.push(answers[0].sequence);
    }
    sequences.sort_unstable();
    assert_eq!(
        sequences,
        (2..=31).collect::<Vec<i64>>(),
        "numbered after the target, no gap"
    );
    assert_eq!(
        store
            .count_cases(&kind_state("quota_resettler", "submitted"))
            .await
            .expect("count"),
        30
    );
    let report = store.verify_audit().await.expect("verify");
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(report.verified, 32, "the target, 30 cases, one update");
}

/// Staff reads sent all at once (an adapter may write their audit records together): every read of an existing
/// case gets that case and leaves one `case.read` record, a read of a missing case gets "not found" and leaves
/// none, and the chain holds.
pub async fn reads_at_once<S: Store + 'static>(store: Arc<S>) {
    let mut ids = Vec::new();
    for n in 0..3 {
        ids.push(
            store
                .apply(&create(&format!("reads-create-{n:04}"), n))
                .await
                .expect("case")
                .case,
        );
    }
    let missing = CaseId(ids[0].0 + 1_000);
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..40usize {
        let store = Arc::clone(&store);
        let id = if i % 10 == 9 { missing } else { ids[i % 3] };
        tasks.spawn(async move {
            let purpose = ReadPurpose::on("rules-a 15", "review");
            let read = store.read_case(id, &officer(), &purpose, at(50)).await;
            (id, read)
        });
    }
    let mut reads = 0;
    while let Some(done) = tasks.join_next().await {
        match done.expect("task") {
            (id, Ok(case)) => {
                assert_eq!(case.id, id);
                reads += 1;
            }
            (id, Err(StoreError::NotFound { .. })) => assert_eq!(id, missing),
            (id, Err(e)) => panic!("read of {id}: {e:?}"),
        }
    }
    assert_eq!(reads, 36);
    let report = store.verify_audit().await.expect("verify");
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(report.verified, 3 + 36, "three cases made, 36 reads recorded");
}

/// `workers` concurrent tasks race for `places` places with `attempts` applications in all: exactly `places`
/// are included, every other application is refused for want of quota, and nothing is half-written.
pub async fn quota_race<S: Store + 'static>(store: Arc<S>, workers: usize, places: u32, attempts: usize) {
    let admin = Actor::new("akimat.admin.01", Role::LocalExecutiveBody, Channel::Api).expect("actor");
    store
        .set_quota(&quota_key(), QuotaUnit::Persons, places, &admin, "rules-a 5", at(0))
        .await
        .expect("quota");
    let mut tasks = tokio::task::JoinSet::new();
    for w in 0..workers {
        let store = Arc::clone(&store);
        tasks.spawn(async move {
            let (mut included, mut refused) = (0u32, 0u32);
            for i in (w..attempts).step_by(workers) {
                let mut cmd = create(&format!("race-include-{i:06}"), 100);
                cmd.ops = vec![Op::Quota(QuotaOp::Allocate {
                    key: quota_key(),
                    amount: 1,
                })];
                cmd.case = match cmd.case {
                    CaseWrite::Create {
                        kind,
                        territory,
                        year,
                        payload,
                        applicant,
                        channel,
                        members,
                        ..
                    } => CaseWrite::Create {
                        kind,
                        territory,
                        year,
                        state: "included".into(),
                        payload,
                        applicant,
                        channel,
                        members,
                        due_on: None,
                    },
                    other @ CaseWrite::Update { .. } => other,
                };
                match store.apply(&cmd).await {
                    Ok(_) => included += 1,
                    Err(StoreError::QuotaExhausted { .. }) => {
                        // The refusal is a decision of its own, with its ground, under a new key.
                        let mut refusal = create(&format!("race-refuse-{i:06}"), 101);
                        refusal.action = "quota.refuse".into();
                        refusal.detail = r#"{"ground":"no_quota"}"#.into();
                        refusal.case = CaseWrite::Create {
                            kind: "quota_resettler".into(),
                            territory: almaty(),
                            year: 2026,
                            state: "refused_no_quota".into(),
                            payload: r#"{"ground":"no_quota"}"#.into(),
                            applicant: None,
                            channel: None,
                            members: Vec::new(),
                            due_on: None,
                        };
                        store.apply(&refusal).await.expect("refusal written");
                        refused += 1;
                    }
                    Err(e) => panic!("attempt {i}: {e}"),
                }
            }
            (included, refused)
        });
    }
    let (mut included, mut refused) = (0u32, 0u32);
    while let Some(result) = tasks.join_next().await {
        let (i, r) = result.expect("worker finished");
        included += i;
        refused += r;
    }
    let attempts_u32 = u32::try_from(attempts).expect("attempts fit");
    assert_eq!(included, places, "exactly the places are granted");
    assert_eq!(refused, attempts_u32 - places, "every other application is refused");
    assert_eq!(store.quota(&quota_key()).await.expect("quota").allocated, places);
    assert_eq!(
        u64::from(places),
        store
            .count_cases(&kind_state("quota_resettler", "included"))
            .await
            .expect("count")
    );
    assert_eq!(
        u64::from(attempts_u32 - places),
        store
            .count_cases(&kind_state("quota_resettler", "refused_no_quota"))
            .await
            .expect("count")
    );
    let report = store.verify_audit().await.expect("verify");
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(
        report.verified,
        1 + attempts as u64,
        "one record per decision plus the quota set-up"
    );
}

/// A name, the statements that tamper, and the first break `verify_audit` must report.
type Tamper = (&'static str, &'static [&'static str], Option<(i64, crate::BreakKind)>);

const TAMPERING: &[Tamper] = &[
    ("untouched", &[], None),
    (
        "edited",
        &["UPDATE audit SET detail = '{\"state\":\"refused\"}' WHERE seq = 2"],
        Some((2, crate::BreakKind::Edited)),
    ),
    (
        "deleted",
        &["DELETE FROM audit WHERE seq = 2"],
        Some((2, crate::BreakKind::Missing)),
    ),
    (
        "tail cut",
        &["DELETE FROM audit WHERE seq = 4"],
        Some((4, crate::BreakKind::Truncated)),
    ),
    (
        "reordered",
        &[
            "UPDATE audit SET seq = 100 WHERE seq = 2",
            "UPDATE audit SET seq = 2 WHERE seq = 3",
            "UPDATE audit SET seq = 3 WHERE seq = 100",
        ],
        // A moved record's sequence number is inside its hash.
        Some((2, crate::BreakKind::Edited)),
    ),
];

/// Edits, deletions, a cut tail and reordering done directly in the database are each detected and the
/// broken record named. `fresh` gives a store over an empty database for each case (named for it).
pub async fn tampering<S: Store + crate::Admin>(fresh: impl AsyncFn(&str) -> S) {
    for (name, statements, expected) in TAMPERING {
        let store = fresh(&name.replace(' ', "_")).await;
        story(&store).await;
        for sql in *statements {
            store.execute_unchecked(sql).await.expect("tampering statement");
        }
        let report = store.verify_audit().await.expect("verify");
        assert_eq!(report.first_break.map(|b| (b.seq, b.kind)), *expected, "{name}");
        store.close().await;
    }
}

/// SQL text of a value (tests only).
fn sql_text(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// Replaces chain `chain` in the database by `records`, each re-sealed in order, and moves its head row to
/// the last: what an administrator of the database who knows the hashing (it is public) can do.
async fn rewrite_chain<S: crate::Admin>(store: &S, chain: &str, records: Vec<crate::AuditRecord>) {
    let q = |sql: String| async move { store.execute_unchecked(&sql).await.expect("tampering statement") };
    q(format!("DELETE FROM audit WHERE chain = {}", sql_text(chain))).await;
    let mut prev = crate::GENESIS.to_owned();
    for (n, mut r) in records.into_iter().enumerate() {
        r.seq = i64::try_from(n).expect("small") + 1;
        r.prev_hash.clone_from(&prev);
        let r = r.seal();
        prev.clone_from(&r.hash);
        q(format!(
            "INSERT INTO audit (chain, seq, at, account, role, on_behalf_of, channel, action, basis, case_id, \
             detail, prev_hash, hash) VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {})",
            sql_text(&r.chain),
            r.seq,
            sql_text(&r.at),
            sql_text(&r.account),
            sql_text(&r.role),
            r.on_behalf_of.as_deref().map_or("NULL".to_owned(), sql_text),
            sql_text(&r.channel),
            sql_text(&r.action),
            sql_text(&r.basis),
            r.case_id.map_or("NULL".to_owned(), |c| c.to_string()),
            sql_text(&r.detail),
            sql_text(&r.prev_hash),
            sql_text(&r.hash),
        ))
        .await;
        q(format!(
            "UPDATE audit_head SET seq = {}, hash = {} WHERE chain = {}",
            r.seq,
            sql_text(&r.hash),
            sql_text(chain)
        ))
        .await;
    }
}

/// The rewrites the hash chain alone cannot tell from honest history, each made after a signed checkpoint of
/// the heads: a record edited and the rest re-sealed with the head; a whole chain deleted with its head row;
/// the tail cut and the head moved back; a forged record inserted. The chain walk passes every one of them;
/// the checkpoint names the chain and record of each. An untouched database verifies against it.
pub async fn witnessed_tampering<S: Store + crate::Admin>(fresh: impl AsyncFn(&str) -> S) {
    use crate::witness::{Checkpoint, check_all, heads_of, signing_key};
    let key = signing_key(&[7; 32]);
    for name in [
        "untouched",
        "edited and resealed",
        "chain deleted",
        "tail cut",
        "forged inserted",
    ] {
        let store = fresh(&name.replace(' ', "_")).await;
        story(&store).await;
        let records = store.audit_records().await.expect("records");
        let checkpoint = Checkpoint::new(&key, "2026-03-18T09:00:00Z", heads_of(&records));
        let text = checkpoint.signed(&key);
        let checkpoint = Checkpoint::verify(&text, |_| Some(key.verifying_key())).expect("signed");
        // The longest chain of the story is the one rewritten.
        let head = checkpoint.heads.iter().max_by_key(|h| h.seq).expect("a chain").clone();
        assert!(head.seq >= 3, "{name}: the story writes a few records in one chain");
        let chain: Vec<crate::AuditRecord> = records.iter().filter(|r| r.chain == head.chain).cloned().collect();
        match name {
            "edited and resealed" => {
                let mut edited = chain.clone();
                edited[1].detail = r#"{"state":"refused"}"#.into();
                rewrite_chain(&store, &head.chain, edited).await;
            }
            "chain deleted" => {
                let c = sql_text(&head.chain);
                store
                    .execute_unchecked(&format!("DELETE FROM audit WHERE chain = {c}"))
                    .await
                    .expect("delete");
                store
                    .execute_unchecked(&format!("DELETE FROM audit_head WHERE chain = {c}"))
                    .await
                    .expect("delete head");
            }
            "tail cut" => {
                let cut = chain[..chain.len() - 1].to_vec();
                rewrite_chain(&store, &head.chain, cut).await;
            }
            "forged inserted" => {
                let mut forged = chain.clone();
                let mut record = chain[0].clone();
                record.action = "quota.include".into();
                record.detail = r#"{"state":"included"}"#.into();
                forged.insert(1, record);
                rewrite_chain(&store, &head.chain, forged).await;
            }
            _ => {}
        }
        let walked = store.verify_audit().await.expect("verify");
        assert!(walked.is_intact(), "{name}: the chain walk alone is fooled: {walked:?}");
        let found = check_all(&[checkpoint], &store.audit_records().await.expect("records"));
        if name == "untouched" {
            assert_eq!(found, None, "{name}");
        } else {
            assert_eq!(
                found,
                Some(crate::AuditBreak {
                    chain: head.chain.clone(),
                    seq: head.seq,
                    kind: crate::BreakKind::Unwitnessed
                }),
                "{name}"
            );
        }
        store.close().await;
    }
}

/// A case row edited behind the store's back (its state, its payload, its version) differs from the digest
/// the last audit record that wrote it keeps, and is named with that record; a case row no record names is
/// named too; an untouched database has none.
pub async fn case_row_tampering<S: Store + crate::Admin>(fresh: impl AsyncFn(&str) -> S) {
    for (name, sql) in [
        ("untouched", None),
        (
            "state",
            Some("UPDATE cases SET state = 'included' WHERE id = (SELECT MIN(id) FROM cases)"),
        ),
        (
            "payload",
            Some("UPDATE cases SET payload = '{}' WHERE id = (SELECT MIN(id) FROM cases)"),
        ),
        (
            "version",
            Some("UPDATE cases SET version = version + 1 WHERE id = (SELECT MIN(id) FROM cases)"),
        ),
    ] {
        let store = fresh(&format!("rows_{name}")).await;
        story(&store).await;
        if let Some(sql) = sql {
            store.execute_unchecked(sql).await.expect("tampering statement");
        }
        let records = store.audit_records().await.expect("records");
        let rows = store.case_digests().await.expect("rows");
        assert!(!rows.is_empty(), "{name}: the story writes cases");
        let found = crate::plan::unwritten_case(&records, &rows);
        if sql.is_none() {
            assert_eq!(found, None, "{name}");
            let quotas = store.quota_digests().await.expect("quotas");
            assert_eq!(crate::plan::unwritten_quota(&records, &quotas), None, "{name}: quotas");
        } else {
            let (case, chain, seq) = found.unwrap_or_else(|| panic!("{name}: not detected"));
            assert_eq!(case, rows[0].0, "{name}: the edited case");
            let writer = records
                .iter()
                .rfind(|r| r.case_id == Some(case) && r.detail.contains(crate::plan::ROW_DIGEST))
                .expect("the record that wrote it");
            assert_eq!((chain, seq), (writer.chain.clone(), writer.seq), "{name}");
        }
        store.close().await;
    }
}

/// A quota row edited behind the store's back (places taken back or added, the total raised) differs from
/// the digest of the last audit record that wrote it (the allocation of a decision or the administrator's
/// setting) and is named with that record; an untouched quota story has none.
pub async fn quota_row_tampering<S: Store + crate::Admin>(fresh: impl AsyncFn(&str) -> S) {
    for (name, sql) in [
        ("untouched", None),
        (
            "allocated",
            Some("UPDATE quotas SET allocated = allocated + 1 WHERE allocated < total"),
        ),
        ("total", Some("UPDATE quotas SET total = total + 5")),
    ] {
        let store = fresh(&format!("quota_rows_{name}")).await;
        quota_story(&store).await;
        if let Some(sql) = sql {
            store.execute_unchecked(sql).await.expect("tampering statement");
        }
        let records = store.audit_records().await.expect("records");
        let rows = store.quota_digests().await.expect("quotas");
        assert!(!rows.is_empty(), "{name}: the story sets a quota");
        let found = crate::plan::unwritten_quota(&records, &rows);
        match sql {
            None => assert_eq!(found, None, "{name}"),
            Some(_) => {
                let (key, chain, seq) = found.unwrap_or_else(|| panic!("{name}: not detected"));
                assert!(rows.iter().any(|(k, _)| *k == key), "{name}: {key}");
                let writer = records
                    .iter()
                    .rfind(|r| r.detail.contains(crate::plan::QUOTA_DIGEST) && r.detail.contains(&key))
                    .expect("the record that wrote it");
                assert_eq!((chain, seq), (writer.chain.clone(), writer.seq), "{name}");
            }
        }
        store.close().await;
    }
}

/// Two regions written at the same time: each numbers its own cases and keeps its own chain, ids never clash,
/// and a staff read lands in the chain of the case read.
pub async fn chains_story<S: Store + 'static>(store: Arc<S>) {
    let region = |kato: &str, k: usize| {
        let mut cmd = create(&format!("chains-{kato}-{k:04}"), 200);
        if let CaseWrite::Create { territory, .. } = &mut cmd.case {
            *territory = Kato::parse(kato).expect("region");
        }
        cmd
    };
    let mut tasks = tokio::task::JoinSet::new();
    for kato in ["750000000", "550000000"] {
        let store = Arc::clone(&store);
        tasks.spawn(async move {
            let mut applied = Vec::new();
            for k in 0..10 {
                applied.push(store.apply(&region(kato, k)).await.expect("created"));
            }
            applied
        });
    }
    let mut all = Vec::new();
    while let Some(done) = tasks.join_next().await {
        all.extend(done.expect("task"));
    }
    let ids: std::collections::BTreeSet<_> = all.iter().map(|a| a.case).collect();
    assert_eq!(ids.len(), 20, "case ids are unique across regions");
    for code in ["75", "55"] {
        let mut sequences: Vec<i64> = all.iter().filter(|a| a.region == code).map(|a| a.sequence).collect();
        sequences.sort_unstable();
        assert_eq!(
            sequences,
            (1..=10).collect::<Vec<_>>(),
            "region {code} numbers its own cases"
        );
        let audit: Vec<i64> = all.iter().filter(|a| a.region == code).map(|a| a.audit_seq).collect();
        assert_eq!(audit.iter().max(), Some(&10), "region {code} has its own chain");
    }
    let pavlodar = all.iter().find(|a| a.region == "55").expect("a Pavlodar case");
    let purpose = ReadPurpose::on("rules-a 15.5", "review");
    let case = store
        .read_case(pavlodar.case, &officer(), &purpose, at(300))
        .await
        .expect("read");
    assert_eq!(case.territory, Kato::parse("550000000").expect("Pavlodar"));
    let report = store.verify_audit().await.expect("verify");
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(report.verified, 21, "twenty creations and one read, in two chains");
}

/// Accounts and sessions: stored, found, expired, ended; the account change is audited.
pub async fn accounts_story<S: Store + crate::Accounts>(store: &S) {
    let account = crate::AccountRecord {
        login: "lmc.officer.07".into(),
        handle: "acc-lmc07".into(),
        role: Role::LabourMobilityCentre,
        territory: Some(Kato::parse("550000000").expect("Pavlodar")),
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA".into(),
    };
    let admin = Actor::new("admin.01", Role::Administrator, Channel::Cli).expect("actor");
    store.put_account(&account, &admin, at(0)).await.expect("account");
    assert_eq!(
        store.account("lmc.officer.07").await.expect("read"),
        Some(account.clone())
    );
    assert_eq!(store.account("nobody").await.expect("read"), None);
    store
        .put_session("token-hash-1", "lmc.officer.07", "csrf-1", at(3600), None)
        .await
        .expect("session");
    let session = store
        .session("token-hash-1", at(10))
        .await
        .expect("read")
        .expect("a live session");
    assert_eq!(
        (session.account.login.as_str(), session.csrf.as_str()),
        ("lmc.officer.07", "csrf-1")
    );
    assert_eq!(
        store.session("token-hash-1", at(3600)).await.expect("read"),
        None,
        "expired at its time"
    );
    assert_eq!(store.session("token-hash-2", at(10)).await.expect("read"), None);
    store.drop_session("token-hash-1").await.expect("end");
    assert_eq!(store.session("token-hash-1", at(10)).await.expect("read"), None);
    // Sign-in attempts are counted per login and per source in their window, with the previous one's time,
    // and a login's are forgotten on success.
    for k in 1..=3 {
        let attempts = store
            .login_attempt("lmc.officer.07", "10.0.0.1", at(100 + k), at(0))
            .await
            .expect("attempt");
        assert_eq!(
            (attempts.login, attempts.source),
            (u32::try_from(k).expect("small"), u32::try_from(k).expect("small"))
        );
        assert_eq!(attempts.previous_login, (k > 1).then(|| at(99 + k)));
    }
    let other = store
        .login_attempt("someone.else", "10.0.0.1", at(110), at(102))
        .await
        .expect("attempt");
    assert_eq!(
        (other.login, other.source, other.previous_login, other.previous_source),
        (1, 2, None, Some(at(103))),
        "the source's attempts count across logins, only those after the window start"
    );
    store.clear_login_attempts("lmc.officer.07").await.expect("clear");
    let again = store
        .login_attempt("lmc.officer.07", "10.0.0.2", at(120), at(0))
        .await
        .expect("attempt");
    assert_eq!((again.login, again.source, again.previous_login), (1, 1, None));
    let report = store.verify_audit().await.expect("verify");
    assert!(report.is_intact() && report.verified == 1, "{report:?}");
}

/// Amendments of the law: appended in order with their audit record, refused when another was added since the
/// caller read them; accounts listed in login order.
pub async fn amendments_story<S: Store + crate::Accounts>(store: &S) {
    let admin = Actor::new("admin.01", Role::Administrator, Channel::Portal).expect("actor");
    assert!(store.amendments().await.expect("none yet").is_empty());
    let first = store
        .add_amendment(r#"{"kind":"transfer"}"#, "first", 0, &admin, "decree 1", at(10))
        .await
        .expect("first");
    assert_eq!((first.seq, first.account.as_str()), (1, "admin.01"));
    let stale = store
        .add_amendment(r#"{"kind":"other"}"#, "stale", 0, &admin, "decree 2", at(11))
        .await;
    assert!(
        matches!(stale, Err(StoreError::Changed { .. })),
        "a writer who read none while one exists is refused: {stale:?}"
    );
    store
        .add_amendment(r#"{"kind":"second"}"#, "second", 1, &admin, "decree 2", at(12))
        .await
        .expect("second");
    let all = store.amendments().await.expect("read");
    assert_eq!(
        all.iter().map(|a| (a.seq, a.body.as_str(), a.at)).collect::<Vec<_>>(),
        vec![
            (1, r#"{"kind":"transfer"}"#, at(10)),
            (2, r#"{"kind":"second"}"#, at(12))
        ]
    );
    for login in ["zeta.01", "alpha.01"] {
        let account = crate::AccountRecord {
            login: login.into(),
            handle: format!("acc-{login}"),
            role: Role::Commission,
            territory: None,
            password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA".into(),
        };
        store.put_account(&account, &admin, at(20)).await.expect("account");
    }
    let listed: Vec<String> = store
        .list_accounts(10)
        .await
        .expect("list")
        .into_iter()
        .map(|a| a.login)
        .collect();
    assert_eq!(listed, ["alpha.01", "zeta.01"]);
    assert_eq!(store.list_accounts(1).await.expect("list").len(), 1);
    let report = store.verify_audit().await.expect("verify");
    assert!(
        report.is_intact() && report.verified == 4,
        "two amendments and two accounts: {report:?}"
    );
}

/// Work queues, the personal cabinet, the case page's history, one-time-code sessions, the remembered language
/// and the outbox.
pub async fn queues_story<S: Store + crate::Accounts + crate::Outbox>(store: &S) {
    let astana = Kato::parse("710000000").expect("Astana");
    let mut made = Vec::new();
    // Four cases: three in Almaty (two of one applicant), one in Astana; deadlines out of order, one without.
    for (i, (territory, who, due)) in [
        (almaty(), 1, Some("2026-03-10")),
        (almaty(), 2, Some("2026-03-05")),
        (astana, 1, Some("2026-03-01")),
        (almaty(), 1, None),
    ]
    .into_iter()
    .enumerate()
    {
        let mut cmd = create(&format!("queue-create-{i:04}"), 10 + i64::try_from(i).expect("small"));
        cmd.case = CaseWrite::Create {
            // A person has one open quota application: the applicant's other cases are of other kinds.
            kind: match i {
                1 => "quota_kandas",
                2 => "appeal",
                3 => "certificate",
                _ => "quota_resettler",
            }
            .into(),
            territory,
            year: 2026,
            state: "received".into(),
            payload: "{}".into(),
            applicant: Some(crate::Party::Person(applicant(who))),
            channel: Some("portal".into()),
            // The second case concerns the applicant's spouse too.
            members: if i == 1 { vec![applicant(3)] } else { Vec::new() },
            due_on: due.map(day),
        };
        made.push(store.apply(&cmd).await.expect("create").case);
    }
    let (a, b, c, d) = (made[0], made[1], made[2], made[3]);
    let ids = |cases: Vec<crate::CaseRecord>| cases.into_iter().map(|c| c.id).collect::<Vec<_>>();
    let list = |query: crate::CaseQuery| async move { store.list_cases(&query).await.expect("list") };
    // A region's queue: soonest deadline first, none last.
    let almaty_queue = list(crate::CaseQuery {
        region: Some("75".into()),
        limit: 100,
        ..Default::default()
    })
    .await;
    assert_eq!(ids(almaty_queue.clone()), vec![b, a, d]);
    assert_eq!(almaty_queue[0].due_on, Some(day("2026-03-05")));
    assert_eq!(almaty_queue[2].due_on, None);
    assert_eq!(almaty_queue[0].applicant, Some(crate::Party::Person(applicant(2))));
    // Filters: kind, state, limit; an applicant's cases in every region.
    let kandas = list(crate::CaseQuery {
        region: Some("75".into()),
        kinds: vec!["quota_kandas".into()],
        limit: 100,
        ..Default::default()
    })
    .await;
    assert_eq!(ids(kandas), vec![b]);
    // A state named with its kind is that state of that kind only; a bare state is that state of any kind.
    let paired = list(crate::CaseQuery {
        region: Some("75".into()),
        states: vec!["quota_kandas/received".into(), "certificate/under_review".into()],
        limit: 100,
        ..Default::default()
    })
    .await;
    assert_eq!(ids(paired), vec![b]);
    let bare = list(crate::CaseQuery {
        region: Some("75".into()),
        states: vec!["certificate/under_review".into(), "received".into()],
        limit: 100,
        ..Default::default()
    })
    .await;
    assert_eq!(ids(bare), vec![b, a, d]);
    let none = list(crate::CaseQuery {
        states: vec!["included".into()],
        party: Some(crate::Party::Person(applicant(1))),
        limit: 100,
        ..Default::default()
    })
    .await;
    assert!(none.is_empty());
    let mine = list(crate::CaseQuery {
        party: Some(crate::Party::Person(applicant(1))),
        limit: 100,
        ..Default::default()
    })
    .await;
    assert_eq!(ids(mine), vec![c, a, d]);
    let first = list(crate::CaseQuery {
        party: Some(crate::Party::Person(applicant(1))),
        limit: 1,
        ..Default::default()
    })
    .await;
    assert_eq!(ids(first), vec![c]);
    // A family member follows the case they are part of, and only that one.
    let spouse = list(crate::CaseQuery {
        party: Some(crate::Party::Person(applicant(3))),
        limit: 100,
        ..Default::default()
    })
    .await;
    assert_eq!(ids(spouse), vec![b]);
    // The analyst's figures: counts only.
    let counts = store.case_counts().await.expect("counts");
    let count_of = |region: &str, kind: &str| {
        counts
            .iter()
            .filter(|c| c.region == region && c.kind == kind)
            .map(|c| c.count)
            .sum::<u64>()
    };
    assert_eq!(
        (
            count_of("75", "quota_resettler"),
            count_of("75", "quota_kandas"),
            count_of("71", "appeal")
        ),
        (1, 1, 1)
    );
    // Overdue on a day: the deadlines before it.
    let overdue = list(crate::CaseQuery {
        due_before: Some(day("2026-03-06")),
        limit: 100,
        ..Default::default()
    })
    .await;
    assert_eq!(ids(overdue), vec![c, b]);
    // Still running on a day: the deadlines on it or after; a case without one is not listed.
    let running = list(crate::CaseQuery {
        due_from: Some(day("2026-03-05")),
        limit: 100,
        ..Default::default()
    })
    .await;
    assert_eq!(ids(running), vec![b, a]);
    // An update moves the deadline.
    let moved = update("queue-update-0001", a, 1, "under_review", 30);
    let mut moved = moved;
    if let CaseWrite::Update { due_on, .. } = &mut moved.case {
        *due_on = Some(day("2026-03-20"));
    }
    store.apply(&moved).await.expect("update");
    let after = list(crate::CaseQuery {
        region: Some("75".into()),
        limit: 100,
        ..Default::default()
    })
    .await;
    assert_eq!(ids(after), vec![b, a, d]);
    // The applicant sees their own case, and not another's.
    assert_eq!(
        store
            .case_of_party(a, &crate::Party::Person(applicant(1)))
            .await
            .expect("read")
            .map(|c| c.state),
        Some("under_review".to_owned())
    );
    assert_eq!(
        store
            .case_of_party(b, &crate::Party::Person(applicant(1)))
            .await
            .expect("read"),
        None
    );
    assert_eq!(
        store
            .case_of_party(b, &crate::Party::Person(applicant(3)))
            .await
            .expect("read")
            .map(|c| c.id),
        Some(b),
        "a family member reads the case"
    );
    assert_eq!(
        store
            .case_of_party(a, &crate::Party::Person(applicant(3)))
            .await
            .expect("read"),
        None
    );
    // History: the case's own records, in order, and its evidence.
    let (timeline, evidence) = store.case_history(a).await.expect("history");
    let actions: Vec<&str> = timeline.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(actions, vec!["case.submit", "case.under_review"]);
    assert!(timeline.iter().all(|r| r.case_id == Some(a.0)));
    assert_eq!(evidence.len(), 1);
    assert_eq!(evidence[0].system, "civil_registry");
    assert!(evidence[0].response_id.starts_with("gbdfl-queue-create-0000"));

    // A session waiting for its one-time code, wrong codes counted, then confirmed; the language remembered.
    let admin = Actor::new("admin.01", Role::Administrator, Channel::Cli).expect("actor");
    let citizen = crate::AccountRecord {
        login: applicant(1).as_str().to_owned(),
        handle: "acc-citizen-1".into(),
        role: Role::Citizen,
        territory: None,
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA".into(),
    };
    assert!(
        !format!("{citizen:?}").contains(applicant(1).as_str()),
        "the IIN is masked"
    );
    store.put_account(&citizen, &admin, at(0)).await.expect("account");
    store
        .put_session("otp-session", &citizen.login, "csrf-2", at(3600), Some("code-hash"))
        .await
        .expect("session");
    let pending = store
        .session("otp-session", at(1))
        .await
        .expect("read")
        .expect("session");
    assert_eq!(
        (pending.otp_hash.as_deref(), pending.otp_failures),
        (Some("code-hash"), 0)
    );
    assert_eq!(store.otp_failed("otp-session").await.expect("failed"), 1);
    assert_eq!(store.otp_failed("otp-session").await.expect("failed"), 2);
    store.confirm_session("otp-session").await.expect("confirm");
    let confirmed = store
        .session("otp-session", at(1))
        .await
        .expect("read")
        .expect("session");
    assert_eq!((confirmed.otp_hash, confirmed.lang), (None, None));
    store.set_lang(&citizen.login, "ru").await.expect("lang");
    let later = store
        .session("otp-session", at(2))
        .await
        .expect("read")
        .expect("session");
    assert_eq!(later.lang.as_deref(), Some("ru"));

    // The outbox: a claim is exclusive while its lease lasts, taken over after it, and sent once.
    for n in 0..3 {
        let message = crate::NewMessage {
            channel: "sms".into(),
            recipient: citizen.login.clone(),
            template: "sms-test".into(),
            args: "{}".into(),
            body: format!("message {n}"),
        };
        store.enqueue(&message, at(100 + n)).await.expect("enqueue");
    }
    let one = store
        .claim_messages("instance-a", at(200), at(260), 2)
        .await
        .expect("claim");
    assert_eq!(
        one.iter().map(|m| m.body.as_str()).collect::<Vec<_>>(),
        ["message 0", "message 1"]
    );
    let two = store
        .claim_messages("instance-b", at(201), at(261), 10)
        .await
        .expect("claim");
    assert_eq!(two.iter().map(|m| m.body.as_str()).collect::<Vec<_>>(), ["message 2"]);
    assert!(store.mark_sent(one[0].id, "instance-a", at(202)).await.expect("sent"));
    assert!(
        !store
            .mark_sent(two[0].id, "instance-a", at(202))
            .await
            .expect("not a's")
    );
    // instance-a stops; after its lease, instance-b takes over the message it did not send.
    assert!(
        store
            .claim_messages("instance-b", at(250), at(300), 10)
            .await
            .expect("claim")
            .is_empty()
    );
    let taken = store
        .claim_messages("instance-b", at(270), at(330), 10)
        .await
        .expect("claim");
    let taken_ids: Vec<i64> = taken.iter().map(|m| m.id).collect();
    assert_eq!(taken_ids, vec![one[1].id, two[0].id]);
    assert!(
        !store
            .mark_sent(one[1].id, "instance-a", at(271))
            .await
            .expect("lease lost")
    );
    assert!(store.mark_sent(one[1].id, "instance-b", at(271)).await.expect("sent"));
    let to_citizen = store.messages_to(&citizen.login, 2).await.expect("mine");
    assert_eq!(
        to_citizen.iter().map(|m| m.body.as_str()).collect::<Vec<_>>(),
        ["message 2", "message 1"]
    );
    assert!(store.messages_to("someone.else", 10).await.expect("none").is_empty());
    // A background job's lease: one holder at a time, taken over when it ends, renewed by its holder.
    assert!(
        store
            .claim_job("deadlines", "instance-a", at(0), at(60))
            .await
            .expect("claim")
    );
    assert!(
        !store
            .claim_job("deadlines", "instance-b", at(30), at(90))
            .await
            .expect("held")
    );
    assert!(
        store
            .claim_job("deadlines", "instance-a", at(50), at(110))
            .await
            .expect("renewed")
    );
    assert!(
        !store
            .claim_job("deadlines", "instance-b", at(100), at(160))
            .await
            .expect("still held")
    );
    assert!(
        store
            .claim_job("deadlines", "instance-b", at(111), at(171))
            .await
            .expect("taken over")
    );
    assert!(
        store
            .claim_job("outbox", "instance-a", at(111), at(171))
            .await
            .expect("another job")
    );
    let recent = store.recent_messages(10).await.expect("recent");
    assert_eq!(recent.len(), 3);
    assert_eq!(recent[0].body, "message 2", "newest first");
    assert_eq!(recent.iter().filter(|m| m.sent_at.is_some()).count(), 2);
    assert!(
        !format!("{:?}", recent[0]).contains("message"),
        "bodies stay out of Debug"
    );
}

/// One instance's delivery loop: claims and sends until nothing is left; returns the ids it sent.
async fn drain<S: crate::Outbox>(store: &S, worker: &str) -> Vec<i64> {
    let mut mine = Vec::new();
    loop {
        let batch = store
            .claim_messages(worker, at(10_000), at(20_000), 7)
            .await
            .expect("claim");
        if batch.is_empty() {
            break mine;
        }
        for m in batch {
            assert!(store.mark_sent(m.id, worker, at(10_001)).await.expect("sent"));
            mine.push(m.id);
        }
    }
}

/// Two stores over one database (two instances of the service) both try to take a background job's lease at
/// the same moment, many times over: each time exactly one gets it.
pub async fn job_race<S: crate::Outbox + Sync>(one: &S, other: &S, rounds: u32) {
    for round in 0..rounds {
        let name = format!("race-job-{round}");
        let (a, b) = tokio::join!(
            one.claim_job(&name, "instance-a", at(0), at(60)),
            other.claim_job(&name, "instance-b", at(0), at(60))
        );
        let (a, b) = (a.expect("claim a"), b.expect("claim b"));
        assert!(a ^ b, "round {round}: exactly one holder ({a}, {b})");
    }
}

/// Two stores over one database (two instances of the service) drain one outbox: every message is claimed by
/// exactly one of them.
pub async fn outbox_race<S: crate::Outbox + Sync>(one: &S, other: &S, messages: u32) {
    for n in 0..messages {
        let message = crate::NewMessage {
            channel: "sms".into(),
            recipient: "race".into(),
            template: "sms-test".into(),
            args: "{}".into(),
            body: format!("race {n}"),
        };
        one.enqueue(&message, at(i64::from(n))).await.expect("enqueue");
    }
    let (a, b) = tokio::join!(drain(one, "instance-a"), drain(other, "instance-b"));
    let mut all: Vec<i64> = a.iter().chain(b.iter()).copied().collect();
    all.sort_unstable();
    let before = all.len();
    all.dedup();
    assert_eq!(before, all.len(), "no message claimed twice");
    assert_eq!(
        all.len(),
        usize::try_from(messages).expect("small"),
        "every message sent"
    );
}

/// Uploaded files: stored with their owner and checked type, read back byte for byte, listed by id; an unknown
/// id is nothing.
pub async fn attachments_story<S: crate::Attachments>(store: &S) {
    let owner = crate::Party::Person(applicant(1));
    let pdf: Vec<u8> = b"%PDF-1.7\n\x00\x01\x02\xff binary".to_vec();
    let first = store
        .put_attachment(
            &crate::NewAttachment {
                owner: owner.clone(),
                name: "диплом.pdf".into(),
                content_type: "application/pdf".into(),
                sha256: "a".repeat(64),
                body: pdf.clone(),
            },
            at(1),
        )
        .await
        .expect("stored");
    let second = store
        .put_attachment(
            &crate::NewAttachment {
                owner: crate::Party::Person(applicant(2)),
                name: "photo.jpg".into(),
                content_type: "image/jpeg".into(),
                sha256: "b".repeat(64),
                body: vec![0xff, 0xd8, 0xff, 0xe0],
            },
            at(2),
        )
        .await
        .expect("stored");
    assert_ne!(first, second);
    let (record, body) = store.attachment(first).await.expect("read").expect("there");
    assert_eq!(body, pdf);
    assert_eq!(record.owner, owner);
    assert_eq!(
        (record.name.as_str(), record.content_type.as_str()),
        ("диплом.pdf", "application/pdf")
    );
    assert_eq!(record.size, i64::try_from(pdf.len()).expect("size"));
    assert_eq!(record.created_at, at(1));
    let listed = store
        .attachments(&[second, crate::AttachmentId(999_999), first])
        .await
        .expect("listed");
    assert_eq!(listed.iter().map(|a| a.id).collect::<Vec<_>>(), vec![first, second]);
    assert!(
        store
            .attachment(crate::AttachmentId(999_999))
            .await
            .expect("read")
            .is_none()
    );
}

fn issued(number: &str, fill: u8) -> crate::IssuedDocument {
    crate::IssuedDocument {
        number: number.into(),
        issued_on: day("2026-03-18"),
        law_edition: "law-1".into(),
        signer: "demo.akimat.pavlodar".into(),
        issuer_kk: "Басқарма".into(),
        issuer_ru: "Управление".into(),
        pdf_kk: vec![b'%', b'P', b'D', b'F', 0, fill, 0xff],
        pdf_ru: vec![b'%', b'P', b'D', b'F', 1, fill, 0xfe],
    }
}

/// Documents issued by a step: written with the step, read back by number with their hashes and both files; a
/// number is issued once; a document only requested has no number; a revocation in a later step records its
/// reason and leaves the files as they were; an issued document's files cannot be changed.
pub async fn documents_story<S: Store + crate::Admin>(store: &S) {
    let created = store.apply(&create("doc-create", 0)).await.expect("created");
    let mut step = update("doc-include", created.case, 1, "included", 10);
    step.ops = vec![
        Op::Document(crate::DocumentRequest {
            form: "order-359-app-5".into(),
            issued: Some(issued("D-75-2026-000001-02", 1)),
        }),
        Op::Document(crate::DocumentRequest {
            form: "rules-a-app-7".into(),
            issued: None,
        }),
    ];
    store.apply(&step).await.expect("issued with the step");
    let found = store
        .document("D-75-2026-000001-02")
        .await
        .expect("read")
        .expect("there");
    assert_eq!(found.case, created.case);
    assert_eq!(
        (found.form.as_str(), found.state.as_str()),
        ("order-359-app-5", "valid")
    );
    let head = found.issued.clone().expect("issued");
    let doc = issued("D-75-2026-000001-02", 1);
    assert_eq!(head.sha256_kk, crate::IssuedDocument::sha256(&doc.pdf_kk));
    assert_eq!(head.sha256_ru, crate::IssuedDocument::sha256(&doc.pdf_ru));
    assert_eq!(
        (head.issued_on, head.law_edition.as_str(), head.signer.as_str()),
        (day("2026-03-18"), "law-1", "demo.akimat.pavlodar")
    );
    assert_eq!((head.issuer_kk.as_str(), head.reason), ("Басқарма", None));
    assert_eq!(
        store.document_pdf("D-75-2026-000001-02", "kk").await.expect("read"),
        Some(doc.pdf_kk.clone())
    );
    assert_eq!(
        store.document_pdf("D-75-2026-000001-02", "ru").await.expect("read"),
        Some(doc.pdf_ru.clone())
    );
    assert_eq!(
        store.document_pdf("D-75-2026-000001-02", "en").await.expect("read"),
        None
    );
    assert_eq!(store.document("D-none").await.expect("read"), None);
    let file = store.case_file(created.case).await.expect("file");
    assert_eq!(file.documents.len(), 2);
    assert_eq!(
        (file.documents[1].state.as_str(), file.documents[1].issued.as_ref()),
        ("requested", None)
    );

    // A number is issued once: the whole step fails and nothing of it is written.
    let mut again = update("doc-again", created.case, 2, "included", 20);
    again.ops = vec![Op::Document(crate::DocumentRequest {
        form: "order-359-app-5".into(),
        issued: Some(issued("D-75-2026-000001-02", 2)),
    })];
    assert!(store.apply(&again).await.is_err());
    assert_eq!(store.case_file(created.case).await.expect("file").documents.len(), 2);

    // Revoked by a later step, with the reason; the files stay.
    let mut revoke = update("doc-revoke", created.case, 2, "revoked", 30);
    revoke.ops = vec![Op::RevokeDocument {
        number: "D-75-2026-000001-02".into(),
        reason: "a false statement".into(),
    }];
    store.apply(&revoke).await.expect("revoked");
    let found = store
        .document("D-75-2026-000001-02")
        .await
        .expect("read")
        .expect("there");
    assert_eq!(found.state, "revoked");
    let head = found.issued.expect("issued");
    assert_eq!(head.reason.as_deref(), Some("a false statement"));
    assert_eq!(head.changed_at, Some(at(30)));
    assert_eq!(
        store.document_pdf("D-75-2026-000001-02", "kk").await.expect("read"),
        Some(doc.pdf_kk)
    );
    assert!(
        store
            .execute_unchecked("UPDATE documents SET sha256_kk = 'x' WHERE number = 'D-75-2026-000001-02'")
            .await
            .is_err(),
        "an issued document's hash cannot be changed"
    );
    assert!(store.verify_audit().await.expect("verified").is_intact());
}

/// The benchmark's reset on a database that has documents and messages: the raw peer writes the same rows as
/// the intake (a requested acceptance notice, an SMS), and `raw_reset` removes them all with the raw cases,
/// leaving the real cases, their documents and their messages as they were.
pub async fn raw_reset_story<S: Store + crate::Admin>(store: &S) {
    let with_children = |k: &str, seconds: i64| {
        let mut cmd = create(k, seconds);
        cmd.ops = vec![
            Op::Document(crate::DocumentRequest {
                form: "rules-a-app-7".into(),
                issued: None,
            }),
            Op::Message(crate::NewMessage {
                channel: "sms".into(),
                recipient: "applicant.portal.42".into(),
                template: "sms-test".into(),
                args: "{}".into(),
                body: "accepted".into(),
            }),
        ];
        cmd
    };
    let real = store.apply(&with_children("reset-real", 0)).await.expect("a real case");
    store.raw_reset().await.expect("reset on an empty bench");
    for n in 0..3 {
        store
            .raw_command(&with_children(&format!("reset-raw-{n}"), 10 + n), n)
            .await
            .expect("raw command");
    }
    let counts = async || {
        let mut counts = Vec::new();
        for table in [
            crate::Table::Cases,
            crate::Table::Documents,
            crate::Table::Outbox,
            crate::Table::Evidence,
            crate::Table::Audit,
        ] {
            counts.push(store.count_rows(table).await.expect("count"));
        }
        counts
    };
    assert_eq!(counts().await, vec![4, 4, 4, 4, 4], "the real case and three raw ones");
    store.raw_reset().await.expect("reset with documents and messages");
    assert_eq!(counts().await, vec![1, 1, 1, 1, 1], "only the real case is left");
    store.raw_reset().await.expect("reset again");
    let file = store.case_file(real.case).await.expect("file");
    assert_eq!(file.documents.len(), 1);
    assert!(store.verify_audit().await.expect("verified").is_intact());
}
