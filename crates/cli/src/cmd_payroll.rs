//! `qonys payroll run --month YYYY-MM`: the month's rent compensation for the whole caseload, as a resumable
//! batch (each case and month once; a run killed half-way is completed by running it again), with a progress
//! bar on standard error when it is a terminal.
//!
//! `qonys bench payroll --cases N`: on a fresh database, N paying rent cases loaded, one month's payroll, the
//! same payroll again (it must schedule nothing), and the raw peer: the same order and ledger rows inserted as
//! they are, page by page.

use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::Instant;

use app::rent::payroll::{PayrollOptions, PayrollRun};
use app::{App, AppError};
use clap::Subcommand;
use registries::sandbox::{Population, SandboxRegistries};
use serde_json::{Value, json};
use store::{Admin, Store};

use crate::bench_rush::Fresh;
use crate::cmd_batch::app_failure;
use crate::db::Db;
use crate::failure::Failure;
use crate::output::Out;
use crate::{now, parse};

#[derive(Debug, Subcommand)]
pub(crate) enum PayrollCmd {
    /// Schedules the month's rent compensation on every paying case, each case and month once (safe to run
    /// again: a run stopped half-way is completed, a finished one schedules nothing).
    Run {
        /// The month paid, YYYY-MM.
        #[arg(long)]
        month: String,
        /// Cases read and written together.
        #[arg(long, default_value = "256")]
        chunk: String,
        /// Stops after this many chunks, as if killed there (tests of the re-run).
        #[arg(long, hide = true)]
        stop_after_chunks: Option<String>,
    },
}

type PayrollApp = App<Db, SandboxRegistries>;

/// The use cases over `database`; the payroll asks no registry, so the sandbox holds one person.
async fn payroll_app(database: &str) -> Result<(PayrollApp, Db), Failure> {
    let store = crate::cmd_store::open(database).await?;
    let app = App::new(
        store.clone(),
        SandboxRegistries::new(Population::generate(1, 1, |_| {})),
        app::Laws::new(crate::law()?),
    );
    app.refresh_law().await.map_err(|e| app_failure(&e))?;
    Ok((app, store))
}

fn month_of(s: &str) -> Result<payments::Month, Failure> {
    app::rent::bank::parse_month(s).map_err(|_| Failure::input("invalid_month", "--month"))
}

/// A progress bar on standard error, drawn only when it is a terminal (and not with --json).
fn bar(out: &Out, len: u64, label: &str) -> indicatif::ProgressBar {
    if out.json || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::with_draw_target(Some(len), indicatif::ProgressDrawTarget::stderr());
    bar.set_style(
        indicatif::ProgressStyle::with_template(&format!("{label} {{bar:40}} {{pos}}/{{len}} ({{per_sec}}, {{eta}})"))
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}

fn run_json(month: &str, r: &PayrollRun) -> Value {
    json!({
        "month": month,
        "cases": r.cases,
        "accrued": r.accrued,
        "already": r.already,
        "refused": r.refused,
        "conflicts": r.conflicts,
        "total_tiyn": r.total.tiyn(),
        "chunks": r.chunks,
        "stopped": r.stopped,
    })
}

pub(crate) fn run(cmd: PayrollCmd, database: &str, out: &Out) -> Result<ExitCode, Failure> {
    let PayrollCmd::Run {
        month,
        chunk,
        stop_after_chunks,
    } = cmd;
    let m = month_of(&month)?;
    let options = PayrollOptions {
        chunk: parse::positive(&chunk, "--chunk")?,
        stop_after_chunks: stop_after_chunks
            .as_deref()
            .map(|s| parse::count(s, "--stop-after-chunks"))
            .transpose()?,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Failure::internal(format!("runtime: {e}")))?;
    let result = runtime.block_on(async {
        let (app, store) = payroll_app(database).await?;
        let paying = app.paying_rent_cases().await.map_err(|e| app_failure(&e))?;
        let progress = bar(out, paying, &m.to_string());
        let label = m.to_string();
        let result = app
            .run_monthly_payroll(m, options, now(), |r| {
                progress.set_position(r.cases);
                // With --json, a line per chunk: what is done so far.
                if out.json {
                    out.json_line(&run_json(&label, r));
                }
            })
            .await
            .map_err(|e| app_failure(&e));
        progress.finish_and_clear();
        store.close().await;
        result
    })?;
    if out.json {
        let mut summary = run_json(&m.to_string(), &result);
        if let Some(o) = summary.as_object_mut() {
            o.insert("finished".into(), json!(!result.stopped));
        }
        out.json_line(&summary);
    } else {
        out.line(out.msg_with(
            "cli-payroll-done",
            &[
                ("month", &m.to_string()),
                ("accrued", &result.accrued.to_string()),
                ("already", &result.already.to_string()),
                ("refused", &result.refused.to_string()),
                ("total", &render::format_tiyn(result.total.tiyn())),
            ],
        ));
        if result.stopped {
            out.line(out.msg_with("cli-payroll-stopped", &[("chunks", &result.chunks.to_string())]));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The peak resident memory of this process so far, in MiB (Linux; 0 elsewhere).
fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn bench_failure(e: &AppError) -> Failure {
    app_failure(e)
}

/// `qonys bench payroll`.
pub(crate) fn bench(database: &str, cases: &str, chunk: &str, out: &Out) -> Result<ExitCode, Failure> {
    let n: u64 = parse::positive(cases, "--cases")?;
    let chunk: u32 = parse::positive(chunk, "--chunk")?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Failure::internal(format!("runtime: {e}")))?;
    let nanos = crate::now().as_nanosecond().unsigned_abs() % 1_000_000_000_000;
    let run_id = format!("{}_{nanos}", std::process::id());
    let v = runtime.block_on(async {
        let (fresh, url) = Fresh::create(database, &format!("payroll_{run_id}")).await?;
        let result = async {
            let (app, store) = payroll_app(&url).await?;
            // The clock the use cases see: the day of the run (its month is the month paid).
            let at = now();
            let day = app::kz_today(at);
            let month = payments::Month::new(day.year(), day.month())
                .ok_or_else(|| Failure::internal("the month of today".into()))?;
            let seeding = bar(out, n, "seed");
            app.seed_paying_rent_cases(n, chunk, at, |done| seeding.set_position(done))
                .await
                .map_err(|e| bench_failure(&e))?;
            seeding.finish_and_clear();
            let options = PayrollOptions {
                chunk,
                stop_after_chunks: None,
            };
            let progress = bar(out, n, &month.to_string());
            let started = Instant::now();
            let first = app
                .run_monthly_payroll(month, options, at, |r| progress.set_position(r.cases))
                .await
                .map_err(|e| bench_failure(&e))?;
            let seconds = started.elapsed().as_secs_f64();
            progress.finish_and_clear();
            let started = Instant::now();
            let second = app
                .run_monthly_payroll(month, options, at, |_| {})
                .await
                .map_err(|e| bench_failure(&e))?;
            let second_seconds = started.elapsed().as_secs_f64();
            let started = Instant::now();
            let raw = app
                .raw_payroll_peer(month, chunk, at)
                .await
                .map_err(|e| bench_failure(&e))?;
            let raw_seconds = started.elapsed().as_secs_f64();
            let totals = store
                .payment_totals("rent_month", &month.to_string())
                .await
                .map_err(|e| Failure::from_store(&e))?;
            let ledger = store
                .ledger_by_account(&month.to_string())
                .await
                .map_err(|e| Failure::from_store(&e))?;
            let (debit, credit) = ledger
                .iter()
                .fold((0i64, 0i64), |(d, c), a| (d + a.debit, c + a.credit));
            store.close().await;
            Ok::<_, Failure>(json!({
                "backend": if url.starts_with("postgres") { "postgres" } else { "sqlite" },
                "cases": n,
                "chunk": chunk,
                "month": month.to_string(),
                "orders_first_run": first.accrued,
                "orders_second_run": second.accrued,
                "already_second_run": second.already,
                "orders_in_store": totals.orders,
                "total_tiyn": totals.total,
                "ledger_balanced": debit == credit,
                "seconds": seconds,
                "orders_per_second": if seconds > 0.0 { first.accrued as f64 / seconds } else { 0.0 },
                "second_run_seconds": second_seconds,
                "raw_orders": raw,
                "raw_seconds": raw_seconds,
                "raw_orders_per_second": if raw_seconds > 0.0 { raw as f64 / raw_seconds } else { 0.0 },
                "peak_rss_mb": peak_rss_mb(),
            }))
        }
        .await;
        fresh.remove().await;
        result
    })?;
    if out.json {
        out.json(&v);
    } else {
        let f = |k: &str| v.get(k).cloned().unwrap_or_default();
        out.line(format!(
            "{} cases: {} orders in {:.2} s ({:.0}/s), again {} in {:.2} s; raw {} in {:.2} s ({:.0}/s); peak {:.0} MiB",
            f("cases"),
            f("orders_first_run"),
            f("seconds").as_f64().unwrap_or(0.0),
            f("orders_per_second").as_f64().unwrap_or(0.0),
            f("orders_second_run"),
            f("second_run_seconds").as_f64().unwrap_or(0.0),
            f("raw_orders"),
            f("raw_seconds").as_f64().unwrap_or(0.0),
            f("raw_orders_per_second").as_f64().unwrap_or(0.0),
            f("peak_rss_mb").as_f64().unwrap_or(0.0),
        ));
    }
    Ok(ExitCode::SUCCESS)
}
