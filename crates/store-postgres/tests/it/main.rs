//! The conformance story, the quota race and the tamper checks on PostgreSQL. They run when
//! `TEST_POSTGRES_URL` is set (`.ci/run` sets it and fails when the server cannot be reached) and return early
//! otherwise, so `cargo test` needs no running service.

#![allow(clippy::expect_used, reason = "test code: a failed call is a failed check")]

use std::sync::Arc;

use store_postgres::PgStore;

async fn fresh(name: &str) -> Option<PgStore> {
    let url = store_postgres::testing::fresh_database(name).await?;
    Some(PgStore::connect(&url).await.expect("postgres store"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_story() {
    if let Some(store) = fresh("story").await {
        store::conformance::story(&store).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_quota_story() {
    if let Some(store) = fresh("quota_story").await {
        store::conformance::quota_story(&store).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_quota_race() {
    if let Some(store) = fresh("quota_race").await {
        store::conformance::quota_race(Arc::new(store), 64, 100, 250).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_tampering_is_detected() {
    if std::env::var("TEST_POSTGRES_URL").is_err() {
        return;
    }
    store::conformance::tampering(async |name: &str| fresh(&format!("tamper_{name}")).await.expect("database")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_rewrites_with_the_head_are_caught_by_a_signed_checkpoint() {
    if std::env::var("TEST_POSTGRES_URL").is_err() {
        return;
    }
    store::conformance::witnessed_tampering(async |name: &str| {
        fresh(&format!("witness_{name}")).await.expect("database")
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_a_quota_row_edited_behind_the_store_is_named() {
    if std::env::var("TEST_POSTGRES_URL").is_err() {
        return;
    }
    store::conformance::quota_row_tampering(async |name: &str| fresh(name).await.expect("database")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_a_case_row_edited_behind_the_store_is_named() {
    if std::env::var("TEST_POSTGRES_URL").is_err() {
        return;
    }
    store::conformance::case_row_tampering(async |name: &str| fresh(name).await.expect("database")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_two_instances_migrate_and_share_one_chain() {
    let Some(url) = store_postgres::testing::fresh_database("two_instances").await else {
        return;
    };
    let (a, b) = tokio::join!(PgStore::connect(&url), PgStore::connect(&url));
    let (a, b) = (a.expect("first instance"), b.expect("second instance"));
    store::conformance::story(&a).await;
    let report = store::Store::verify_audit(&b)
        .await
        .expect("verify from the other instance");
    assert!(report.is_intact() && report.verified == 4, "{report:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_chains_story() {
    if let Some(store) = fresh("chains").await {
        store::conformance::chains_story(Arc::new(store)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_accounts_story() {
    if let Some(store) = fresh("accounts").await {
        store::conformance::accounts_story(&store).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_repeats_at_once() {
    if let Some(store) = fresh("repeats").await {
        store::conformance::repeats_at_once(Arc::new(store)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_reads_at_once() {
    if let Some(store) = fresh("reads").await {
        store::conformance::reads_at_once(Arc::new(store)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_amendments_story() {
    if let Some(store) = fresh("amendments").await {
        store::conformance::amendments_story(&store).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_queues_story() {
    if let Some(store) = fresh("queues").await {
        store::conformance::queues_story(&store).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_attachments_story() {
    if let Some(store) = fresh("attachments").await {
        store::conformance::attachments_story(&store).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_raw_reset_clears_documents_and_messages() {
    if let Some(store) = fresh("raw_reset").await {
        store::conformance::raw_reset_story(&store).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_documents_story() {
    if let Some(store) = fresh("documents").await {
        store::conformance::documents_story(&store).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_outbox_two_instances() {
    let Some(url) = store_postgres::testing::fresh_database("outbox_race").await else {
        return;
    };
    let (a, b) = tokio::join!(PgStore::connect(&url), PgStore::connect(&url));
    let (a, b) = (a.expect("first instance"), b.expect("second instance"));
    store::conformance::outbox_race(&a, &b, 500).await;
    store::conformance::job_race(&a, &b, 200).await;
}
