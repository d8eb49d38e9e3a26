//! The monthly payroll of the whole caseload as a resumable batch, on SQLite and PostgreSQL: a run stopped
//! after some chunks and run again schedules each case's month exactly once, a further run nothing; the
//! scheduler's run is done by one instance at a time; the ledger balances per order and per month (RENT-01).

use app::rent::bank::parse_month;
use app::rent::payroll::PayrollOptions;
use app::{App, Laws};
use registries::sandbox::{Population, SandboxRegistries};
use store::{Admin, Outbox, Store};

use crate::now;

const CASES: u64 = 40;

fn app_over<S: Store>(store: S) -> App<S, SandboxRegistries> {
    App::new(
        store,
        SandboxRegistries::new(Population::generate(11, 50, |_| {})),
        Laws::new(legal::Law::embedded().expect("law")),
    )
}

async fn sqlite() -> (tempfile::TempDir, store_sqlite::SqliteStore) {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite://{}", dir.path().join("payroll.db").display());
    let store = store_sqlite::SqliteStore::open(&url).await.expect("store");
    (dir, store)
}

async fn stopped_and_run_again<S: Store + Admin + Clone>(store: S) {
    let app = app_over(store.clone());
    app.seed_paying_rent_cases(CASES, 16, now(), |_| {})
        .await
        .expect("seeded");
    assert_eq!(app.paying_rent_cases().await.expect("count"), CASES);
    let month = parse_month("2026-03").expect("month");
    let options = PayrollOptions {
        chunk: 16,
        stop_after_chunks: Some(1),
    };
    // Stopped after its first chunk, as if killed there.
    let mut seen = Vec::new();
    let first = app
        .run_monthly_payroll(month, options, now(), |p| seen.push(p.cases))
        .await
        .expect("first run");
    assert!(first.stopped);
    assert_eq!((first.accrued, first.already, seen), (16, 0, vec![16]));
    let half = store.payment_totals("rent_month", "2026-03").await.expect("totals");
    assert_eq!((half.orders, half.cases, half.total), (16, 16, first.total.tiyn()));

    // Run again: the rest is done, the first chunk is not paid twice.
    let options = PayrollOptions {
        stop_after_chunks: None,
        ..options
    };
    let second = app
        .run_monthly_payroll(month, options, now(), |_| {})
        .await
        .expect("second run");
    assert!(!second.stopped);
    assert_eq!((second.accrued, second.already, second.refused), (CASES - 16, 16, 0));
    let all = store.payment_totals("rent_month", "2026-03").await.expect("totals");
    let cases = i64::try_from(CASES).expect("small");
    assert_eq!((all.orders, all.cases), (cases, cases), "one order per case and month");
    assert_eq!(all.total, first.total.tiyn() + second.total.tiyn());

    // A third run creates nothing.
    let third = app
        .run_monthly_payroll(month, options, now(), |_| {})
        .await
        .expect("third run");
    assert_eq!((third.accrued, third.already), (0, CASES));
    assert_eq!(
        store.payment_totals("rent_month", "2026-03").await.expect("totals"),
        all
    );

    // The ledger of the month: each order accrued once and balanced, the month balanced, the expense the total.
    let orders = store.ledger_by_order("2026-03").await.expect("ledger");
    assert_eq!(orders.len(), usize::try_from(CASES).expect("small"));
    assert!(orders.iter().all(|o| o.debit == o.credit && o.debit > 0), "{orders:?}");
    let accounts = store.ledger_by_account("2026-03").await.expect("accounts");
    let debit: i64 = accounts.iter().map(|a| a.debit).sum();
    let credit: i64 = accounts.iter().map(|a| a.credit).sum();
    assert_eq!((debit, credit), (all.total, all.total));
    let expense: i64 = accounts
        .iter()
        .filter(|a| a.account == "expense")
        .map(|a| a.debit)
        .sum();
    assert_eq!(expense, all.total);
    assert!(accounts.iter().all(|a| a.budget_line == "T-RENT"), "{accounts:?}");
    assert!(
        accounts.iter().filter(|a| a.account == "expense").count() > 1,
        "booked per region"
    );
}

async fn one_runner_at_a_time<S: Store + Outbox + Admin + Clone>(store: S) {
    let a = app_over(store.clone());
    let b = app_over(store.clone());
    a.seed_paying_rent_cases(CASES, 16, now(), |_| {})
        .await
        .expect("seeded");
    let options = PayrollOptions {
        chunk: 8,
        stop_after_chunks: None,
    };
    let (ra, rb) = tokio::join!(
        a.scheduled_payroll("instance-a", options, now()),
        b.scheduled_payroll("instance-b", options, now())
    );
    let runs: Vec<_> = [ra.expect("a"), rb.expect("b")].into_iter().flatten().collect();
    assert_eq!(runs.len(), 1, "exactly one instance ran the payroll: {runs:?}");
    assert_eq!(runs[0].accrued, CASES);
    let totals = store.payment_totals("rent_month", "2026-03").await.expect("totals");
    assert_eq!(totals.orders, i64::try_from(CASES).expect("small"));
    // Once the lease has ended another instance takes the job, and finds nothing left to do.
    let later = now()
        .saturating_add(jiff::SignedDuration::from_hours(2))
        .expect("later");
    let taken = b
        .scheduled_payroll("instance-b", options, later)
        .await
        .expect("b later")
        .expect("b holds the job now");
    assert_eq!((taken.accrued, taken.already), (0, CASES));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_payroll_stopped_and_run_again_pays_each_month_once() {
    let (_dir, store) = sqlite().await;
    stopped_and_run_again(store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_payroll_stopped_and_run_again_pays_each_month_once() {
    let Some(url) = store_postgres::testing::fresh_database("payroll_rerun").await else {
        return;
    };
    stopped_and_run_again(store_postgres::PgStore::connect(&url).await.expect("postgres")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_scheduled_payroll_runs_on_one_instance_at_a_time() {
    let (_dir, store) = sqlite().await;
    one_runner_at_a_time(store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_scheduled_payroll_runs_on_one_instance_at_a_time() {
    let Some(url) = store_postgres::testing::fresh_database("payroll_lease").await else {
        return;
    };
    one_runner_at_a_time(store_postgres::PgStore::connect(&url).await.expect("postgres")).await;
}
