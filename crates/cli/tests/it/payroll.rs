//! `qonys payroll run` killed with SIGKILL half-way and run again pays each case's month exactly once, and a
//! further run nothing; `qonys bench payroll` on a small caseload (RENT-01). SQLite and PostgreSQL.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use app::App;
use registries::sandbox::{Population, SandboxRegistries};
use store::{Admin, Store};

const CASES: u64 = 4_000;

/// 18 March 2026, 09:00 in Kazakhstan: the clock of the seeding (the run reads the real one).
fn seeded_at() -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_773_806_400).expect("fixed time")
}

async fn seed(store: impl Store + Clone) {
    let app = App::new(
        store,
        SandboxRegistries::new(Population::generate(1, 1, |_| {})),
        app::Laws::new(legal::Law::embedded().expect("law")),
    );
    app.seed_paying_rent_cases(CASES, 256, seeded_at(), |_| {})
        .await
        .expect("seeded");
}

async fn totals(url: &str) -> (store::PaymentTotals, Vec<store::OrderBalance>) {
    async fn of(store: impl Store + Admin) -> (store::PaymentTotals, Vec<store::OrderBalance>) {
        let t = store.payment_totals("rent_month", "2026-03").await.expect("totals");
        let mut ledger = Vec::new();
        // Booked in the month of the day the run ran.
        for month in ledger_months() {
            ledger.extend(store.ledger_by_order(&month).await.expect("ledger"));
        }
        store.close().await;
        (t, ledger)
    }
    if url.starts_with("postgres") {
        of(store_postgres::PgStore::connect(url).await.expect("postgres")).await
    } else {
        of(store_sqlite::SqliteStore::open(url).await.expect("sqlite")).await
    }
}

/// The booking months a run of this test can fall in: the month of the real day, and the one before and
/// after it (a run across midnight of a month's end).
fn ledger_months() -> Vec<String> {
    #[expect(
        clippy::disallowed_methods,
        reason = "the binary books on the real day; the test looks there"
    )]
    let today = jiff::tz::offset(5).to_datetime(jiff::Timestamp::now()).date();
    let first = today.first_of_month();
    [
        first.saturating_sub(jiff::Span::new().months(1)),
        first,
        first.saturating_add(jiff::Span::new().months(1)),
    ]
    .iter()
    .map(|d| format!("{:04}-{:02}", d.year(), d.month()))
    .collect()
}

fn payroll(url: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_qonys"));
    cmd.args([
        "--database",
        url,
        "--json",
        "payroll",
        "run",
        "--month",
        "2026-03",
        "--chunk",
        "20",
    ]);
    cmd
}

fn summary(output: &std::process::Output) -> serde_json::Value {
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8(output.stdout.clone()).expect("utf-8");
    serde_json::from_str(text.lines().last().expect("a summary")).expect("JSON")
}

async fn killed_then_completed(url: &str) {
    // Run until a tenth of the caseload is reported done, then SIGKILL.
    let mut child = payroll(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("payroll starts");
    let stdout = child.stdout.take().expect("piped stdout");
    for line in BufReader::new(stdout).lines() {
        let v: serde_json::Value = serde_json::from_str(&line.expect("line")).expect("JSON progress");
        if v["cases"].as_u64().is_some_and(|d| d >= CASES / 10) {
            break;
        }
    }
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");

    // Every order written is whole: one per case, its two legs balanced.
    let (t, ledger) = totals(url).await;
    let cases = i64::try_from(CASES).expect("fits");
    assert!(t.orders >= cases / 10 && t.orders < cases, "{t:?}");
    assert_eq!(t.cases, t.orders);
    assert_eq!(i64::try_from(ledger.len()).expect("fits"), t.orders);
    assert!(ledger.iter().all(|o| o.debit == o.credit && o.debit > 0));
    let before = t.orders;

    // Run again: the rest is scheduled, nothing twice.
    let again = summary(&payroll(url).output().expect("rerun"));
    assert_eq!(again["finished"], true);
    assert_eq!(again["already"].as_i64(), Some(before));
    assert_eq!(again["accrued"].as_i64(), Some(cases - before));
    let (t, ledger) = totals(url).await;
    assert_eq!((t.orders, t.cases), (cases, cases), "one order per case and month");
    assert_eq!(i64::try_from(ledger.len()).expect("fits"), cases);
    let (debit, credit) = ledger.iter().fold((0, 0), |(d, c), o| (d + o.debit, c + o.credit));
    assert_eq!((debit, credit), (t.total, t.total));

    // And again: nothing new.
    let third = summary(&payroll(url).output().expect("third run"));
    assert_eq!(
        (third["accrued"].as_i64(), third["already"].as_i64()),
        (Some(0), Some(cases))
    );
    assert_eq!(totals(url).await.0, t);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_payroll_survives_sigkill() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let url = format!("sqlite://{}", dir.path().join("qonys.db").display());
    seed(store_sqlite::SqliteStore::open(&url).await.expect("sqlite")).await;
    killed_then_completed(&url).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_payroll_survives_sigkill() {
    if let Some(url) = store_postgres::testing::fresh_database("payroll_kill").await {
        seed(store_postgres::PgStore::connect(&url).await.expect("postgres")).await;
        killed_then_completed(&url).await;
    }
}

fn bench(database: &str) {
    let run = crate::qonys(&[
        "bench",
        "payroll",
        "--cases",
        "60",
        "--chunk",
        "16",
        "--database",
        database,
        "--json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = run.json();
    assert_eq!(v["cases"], 60);
    assert_eq!(v["orders_first_run"], 60);
    assert_eq!(v["orders_second_run"], 0);
    assert_eq!(v["orders_in_store"], 60);
    assert_eq!(v["raw_orders"], 60);
    assert_eq!(v["ledger_balanced"], true);
    for key in ["seconds", "raw_seconds", "peak_rss_mb"] {
        assert!(v[key].as_f64().is_some_and(|s| s > 0.0), "{key}: {v}");
    }
}

#[test]
fn sqlite_bench_payroll_pays_each_case_once() {
    bench("sqlite://unused.db");
}

#[test]
fn postgres_bench_payroll_pays_each_case_once() {
    if let Ok(url) = std::env::var("TEST_POSTGRES_URL") {
        bench(&url);
    }
}
