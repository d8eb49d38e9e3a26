//! Tampering with the audit table directly in the database is detected and the broken record is named.

use store::{BreakKind, Store};
use store_sql::SqlStore;

/// Builds a chain of a few records with the conformance story, applies `sql`, and returns the first break.
async fn tampered(store: &SqlStore, sql: &[&str]) -> Option<(i64, BreakKind)> {
    store::conformance::story(store).await;
    for statement in sql {
        sqlx::query(statement)
            .execute(store.pool())
            .await
            .expect("tampering statement");
    }
    let report = store.verify_audit().await.expect("verify");
    report.first_break.map(|b| (b.seq, b.kind))
}

/// A name, the statements that tamper, and the first break `verify_audit` must report.
type Tamper = (&'static str, &'static [&'static str], Option<(i64, BreakKind)>);

const CASES: &[Tamper] = &[
    ("untouched", &[], None),
    (
        "edited",
        &["UPDATE audit SET detail = '{\"state\":\"refused\"}' WHERE seq = 2"],
        Some((2, BreakKind::Edited)),
    ),
    (
        "deleted",
        &["DELETE FROM audit WHERE seq = 2"],
        Some((2, BreakKind::Missing)),
    ),
    (
        "tail cut",
        &["DELETE FROM audit WHERE seq = 4"],
        Some((4, BreakKind::Truncated)),
    ),
    (
        "reordered",
        &[
            "UPDATE audit SET seq = 100 WHERE seq = 2",
            "UPDATE audit SET seq = 2 WHERE seq = 3",
            "UPDATE audit SET seq = 3 WHERE seq = 100",
        ],
        // A moved record's sequence number is inside its hash.
        Some((2, BreakKind::Edited)),
    ),
];

async fn run(make: impl AsyncFn(&str) -> Option<(SqlStore, Option<tempfile::TempDir>)>) {
    for (name, sql, expected) in CASES {
        let Some((store, _guard)) = make(name).await else {
            return;
        };
        assert_eq!(tampered(&store, sql).await, *expected, "{name}");
        store.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_tampering_is_detected() {
    run(async |_name: &str| {
        let (store, dir) = crate::sqlite().await;
        Some((store, Some(dir)))
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_tampering_is_detected() {
    run(async |name: &str| {
        let db = format!("tamper_{}", name.replace(' ', "_"));
        crate::postgres(&db).await.map(|s| (s, None))
    })
    .await;
}
