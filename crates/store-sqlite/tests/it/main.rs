//! The conformance story, the quota race and the tamper checks on SQLite files.

#![allow(clippy::expect_used, reason = "test code: a failed call is a failed check")]

use std::sync::Arc;

use store_sqlite::SqliteStore;
use tempfile::TempDir;

/// A store over a fresh file; the directory lives as long as the returned guard.
async fn fresh() -> (SqliteStore, TempDir) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let url = format!("sqlite://{}", dir.path().join("qonys.db").display());
    (SqliteStore::open(&url).await.expect("sqlite store"), dir)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn story() {
    let (store, _dir) = fresh().await;
    store::conformance::story(&store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quota_story() {
    let (store, _dir) = fresh().await;
    store::conformance::quota_story(&store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn quota_race() {
    let (store, _dir) = fresh().await;
    store::conformance::quota_race(Arc::new(store), 64, 100, 250).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tampering_is_detected() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let root = dir.path().to_owned();
    store::conformance::tampering(async |name: &str| {
        let url = format!("sqlite://{}", root.join(format!("{name}.db")).display());
        SqliteStore::open(&url).await.expect("sqlite store")
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rewrites_with_the_head_are_caught_by_a_signed_checkpoint() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let root = dir.path().to_owned();
    store::conformance::witnessed_tampering(async |name: &str| {
        let url = format!("sqlite://{}", root.join(format!("w_{name}.db")).display());
        SqliteStore::open(&url).await.expect("sqlite store")
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_quota_row_edited_behind_the_store_is_named() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let root = dir.path().to_owned();
    store::conformance::quota_row_tampering(async |name: &str| {
        let url = format!("sqlite://{}", root.join(format!("{name}.db")).display());
        SqliteStore::open(&url).await.expect("sqlite store")
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_case_row_edited_behind_the_store_is_named() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let root = dir.path().to_owned();
    store::conformance::case_row_tampering(async |name: &str| {
        let url = format!("sqlite://{}", root.join(format!("{name}.db")).display());
        SqliteStore::open(&url).await.expect("sqlite store")
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reopening_keeps_everything_and_migrates_once() {
    let (store, dir) = fresh().await;
    store::conformance::story(&store).await;
    drop(store);
    let url = format!("sqlite://{}", dir.path().join("qonys.db").display());
    let again = SqliteStore::open(&url).await.expect("reopen");
    let report = store::Store::verify_audit(&again).await.expect("verify");
    assert!(report.is_intact() && report.verified == 4, "{report:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chains_story() {
    let (store, _dir) = fresh().await;
    store::conformance::chains_story(Arc::new(store)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accounts_story() {
    let (store, _dir) = fresh().await;
    store::conformance::accounts_story(&store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeats_at_once() {
    let (store, _dir) = fresh().await;
    store::conformance::repeats_at_once(Arc::new(store)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reads_at_once() {
    let (store, _dir) = fresh().await;
    store::conformance::reads_at_once(Arc::new(store)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn amendments_story() {
    let (store, _dir) = fresh().await;
    store::conformance::amendments_story(&store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn queues_story() {
    let (store, _dir) = fresh().await;
    store::conformance::queues_story(&store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn attachments_story() {
    let (store, _dir) = fresh().await;
    store::conformance::attachments_story(&store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn documents_story() {
    let (store, _dir) = fresh().await;
    store::conformance::documents_story(&store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn raw_reset_clears_documents_and_messages() {
    let (store, _dir) = fresh().await;
    store::conformance::raw_reset_story(&store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn outbox_two_handles_one_file() {
    let (one, dir) = fresh().await;
    let url = format!("sqlite://{}", dir.path().join("qonys.db").display());
    let other = SqliteStore::open(&url).await.expect("second handle");
    store::conformance::outbox_race(&one, &other, 200).await;
    store::conformance::job_race(&one, &other, 50).await;
}
