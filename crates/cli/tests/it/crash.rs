//! A batch killed with SIGKILL half-way leaves a consistent database, and re-running it completes it once.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use store::{Admin, Store, Table};

const BATCH: u64 = 10_000;

/// Rows in each table the intake touches, from a fresh connection (the killed process's is gone).
async fn counts(url: &str) -> [i64; 4] {
    if url.starts_with("postgres") {
        counts_in(store_postgres::PgStore::connect(url).await.expect("postgres")).await
    } else {
        counts_in(store_sqlite::SqliteStore::open(url).await.expect("sqlite")).await
    }
}

async fn counts_in(store: impl Store + Admin) -> [i64; 4] {
    let mut out = [0; 4];
    for (slot, table) in out
        .iter_mut()
        .zip([Table::Cases, Table::Evidence, Table::Idempotency, Table::Audit])
    {
        *slot = store.count_rows(table).await.expect("count");
    }
    let report = store.verify_audit().await.expect("verify");
    assert!(report.is_intact(), "audit chain after the kill: {report:?}");
    assert_eq!(i64::try_from(report.verified).expect("count"), out[3]);
    store.close().await;
    out
}

fn batch(url: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_qonys"));
    cmd.args([
        "--database",
        url,
        "--json",
        "batch",
        "intake",
        "--count",
        &BATCH.to_string(),
        "--seed",
        "7",
    ]);
    cmd.args(["--progress-every", "250"]);
    cmd
}

async fn kill_mid_batch_then_complete(url: &str) {
    // Run until a quarter of the batch is reported done, then SIGKILL (`Child::kill` on Unix).
    let mut child = batch(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("batch starts");
    let stdout = child.stdout.take().expect("piped stdout");
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("progress line");
        let v: serde_json::Value = serde_json::from_str(&line).expect("JSON progress");
        if v["done"].as_u64().is_some_and(|d| d >= BATCH / 4) {
            break;
        }
    }
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");

    // Consistent: every command is whole (one case, its five or six registry answers, one key, one audit
    // record) or absent.
    let [cases, evidence, keys, audit] = counts(url).await;
    assert!(
        cases >= i64::try_from(BATCH / 4).expect("fits") && cases < i64::try_from(BATCH).expect("fits"),
        "{cases}"
    );
    assert_eq!([keys, audit], [cases; 2]);
    assert!(
        (5 * cases..=6 * cases).contains(&evidence),
        "{evidence} answers for {cases} cases"
    );

    // The same batch again: the committed commands replay, the rest apply, exactly once each.
    let rerun = batch(url).output().expect("rerun");
    assert!(rerun.status.success(), "{}", String::from_utf8_lossy(&rerun.stderr));
    let last = String::from_utf8(rerun.stdout).expect("utf-8");
    let summary: serde_json::Value = serde_json::from_str(last.lines().last().expect("summary")).expect("JSON");
    assert_eq!(summary["finished"], true);
    assert_eq!(summary["replayed"].as_i64(), Some(cases));
    assert_eq!(
        summary["applied"].as_i64(),
        Some(i64::try_from(BATCH).expect("fits") - cases)
    );
    let batch = i64::try_from(BATCH).expect("fits");
    let [cases, evidence, keys, audit] = counts(url).await;
    assert_eq!([cases, keys, audit], [batch; 3]);
    assert!(
        (5 * batch..=6 * batch).contains(&evidence),
        "{evidence} answers for {batch} cases"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_batch_survives_sigkill() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let url = format!("sqlite://{}", dir.path().join("qonys.db").display());
    kill_mid_batch_then_complete(&url).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_batch_survives_sigkill() {
    if let Some(url) = store_postgres::testing::fresh_database("crash").await {
        kill_mid_batch_then_complete(&url).await;
    }
}
