//! The conformance story, the quota race and the tamper checks, on SQLite (always) and on PostgreSQL (when
//! `TEST_POSTGRES_URL` is set; `.ci/run` sets it and fails when the server cannot be reached).

#![allow(
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "helpers of test code: a failed call is a failed check"
)]

mod tamper;

use std::sync::Arc;

use store_sql::SqlStore;
use tempfile::TempDir;

/// A store over a fresh SQLite file; the directory lives as long as the returned guard.
async fn sqlite() -> (SqlStore, TempDir) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let url = format!("sqlite://{}", dir.path().join("qonys.db").display());
    (SqlStore::connect(&url).await.expect("sqlite store"), dir)
}

/// A store over a fresh PostgreSQL database named after the test, or `None` without `TEST_POSTGRES_URL`.
async fn postgres(name: &str) -> Option<SqlStore> {
    let url = store_sql::testing::fresh_postgres(name).await?;
    Some(SqlStore::connect(&url).await.expect("postgres store"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_story() {
    let (store, _dir) = sqlite().await;
    store::conformance::story(&store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_quota_story() {
    let (store, _dir) = sqlite().await;
    store::conformance::quota_story(&store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_quota_race() {
    let (store, _dir) = sqlite().await;
    store::conformance::quota_race(Arc::new(store), 64, 100, 250).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_story() {
    if let Some(store) = postgres("story").await {
        store::conformance::story(&store).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_quota_story() {
    if let Some(store) = postgres("quota_story").await {
        store::conformance::quota_story(&store).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_quota_race() {
    if let Some(store) = postgres("quota_race").await {
        store::conformance::quota_race(Arc::new(store), 64, 100, 250).await;
    }
}
