//! `qonys bench intake`: quota applications per second through the intake use case (parsing, registry lookups
//! against the sandbox, the case machine, one store command with evidence and audit record), next to the raw
//! insert rate of the same database measured in the same run (one single-row INSERT per transaction).

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use serde_json::json;
use store::Admin;

use app::App;
use registries::sandbox::SandboxRegistries;

use crate::cmd_batch::{Intake, app_failure, batch_key, intake_app, intake_input, receiver};
use crate::db::Db;
use crate::failure::Failure;
use crate::output::Out;
use crate::{now, parse};

/// `n` single-row inserts, each its own transaction, spread over `clients` tasks.
async fn raw_inserts(store: Arc<Db>, n: u64, clients: u64) -> Result<f64, Failure> {
    store.raw_reset().await.map_err(|e| Failure::from_store(&e))?;
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for c in 0..clients {
        let store = Arc::clone(&store);
        tasks.spawn(async move {
            for i in (c..n).step_by(usize::try_from(clients).unwrap_or(1)) {
                let id = i64::try_from(i).unwrap_or(i64::MAX);
                store
                    .raw_insert(id, r#"{"state":"submitted","applicant":"********0007"}"#)
                    .await?;
            }
            Ok::<_, store::StoreError>(())
        });
    }
    while let Some(done) = tasks.join_next().await {
        done.map_err(|e| Failure::internal(e.to_string()))?
            .map_err(|e| Failure::from_store(&e))?;
    }
    let seconds = started.elapsed().as_secs_f64();
    store.raw_reset().await.map_err(|e| Failure::from_store(&e))?;
    Ok(seconds)
}

/// The commands of `n` applications as the intake use case would write them, built before any clock starts
/// (and before any application exists, so none is refused as a second open one).
async fn prepare_commands(app: &App<Db, SandboxRegistries>, n: u64, seed: u64) -> Result<Vec<store::Command>, Failure> {
    let mut prepared = Vec::new();
    for i in 0..n {
        let (input, channel) = intake_input(app.registries(), seed, i);
        let key = batch_key(seed ^ 1, i)?;
        prepared.push(
            app.prepare_quota_application(&receiver(&input, channel), &input, key, now())
                .await
                .map_err(|e| app_failure(&e))?,
        );
    }
    Ok(prepared)
}

/// The rows of `n` applications inserted as they are (no lock, no read, no hashing, no logic), over `clients`
/// tasks; then removed, before the intake run writes the same applications.
async fn raw_commands(store: Db, prepared: Vec<store::Command>, clients: u64) -> Result<f64, Failure> {
    let n = u64::try_from(prepared.len()).unwrap_or(0);
    let prepared = Arc::new(prepared);
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for c in 0..clients {
        let (store, prepared) = (store.clone(), Arc::clone(&prepared));
        tasks.spawn(async move {
            for i in (c..n).step_by(usize::try_from(clients).unwrap_or(1)) {
                let command = prepared
                    .get(usize::try_from(i).unwrap_or(usize::MAX))
                    .ok_or_else(|| Failure::internal("command".into()))?;
                store
                    .raw_command(command, i64::try_from(i).unwrap_or(i64::MAX))
                    .await
                    .map_err(|e| Failure::from_store(&e))?;
            }
            Ok::<_, Failure>(())
        });
    }
    while let Some(done) = tasks.join_next().await {
        done.map_err(|e| Failure::internal(e.to_string()))??;
    }
    let seconds = started.elapsed().as_secs_f64();
    store.raw_reset().await.map_err(|e| Failure::from_store(&e))?;
    Ok(seconds)
}

/// `n` quota applications through the intake use case over `clients` tasks.
async fn intake_commands(
    app: Arc<App<Db, SandboxRegistries>>,
    n: u64,
    clients: u64,
    seed: u64,
) -> Result<f64, Failure> {
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for c in 0..clients {
        let app = Arc::clone(&app);
        tasks.spawn(async move {
            for i in (c..n).step_by(usize::try_from(clients).unwrap_or(1)) {
                let (input, channel) = intake_input(app.registries(), seed, i);
                app.submit_quota_application(&receiver(&input, channel), &input, batch_key(seed, i)?, now())
                    .await
                    .map_err(|e| app_failure(&e))?;
            }
            Ok::<_, Failure>(())
        });
    }
    while let Some(done) = tasks.join_next().await {
        done.map_err(|e| Failure::internal(e.to_string()))??;
    }
    Ok(started.elapsed().as_secs_f64())
}

pub(crate) fn intake(database: &str, commands: &str, clients: &str, seed: u64, out: &Out) -> Result<ExitCode, Failure> {
    let n: u64 = parse::positive(commands, "--commands")?;
    let clients: u64 = parse::positive(clients, "--clients")?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::internal(format!("runtime: {e}")))?;
    let (backend, raw, cmd, rows) = runtime.block_on(async {
        // Fresh keys per run so every command really applies.
        let seed = seed ^ now().as_nanosecond().unsigned_abs() as u64;
        let Intake { app, store } = intake_app(database, seed).await?;
        let app = Arc::new(app);
        let prepared = prepare_commands(&app, n, seed).await?;
        let raw = raw_inserts(Arc::new(store.clone()), n, clients).await?;
        let rows = raw_commands(store.clone(), prepared, clients).await?;
        let cmd = intake_commands(Arc::clone(&app), n, clients, seed).await?;
        store.close().await;
        Ok::<_, Failure>((store.backend(), raw, cmd, rows))
    })?;
    let per_second = |s: f64| if s > 0.0 { n as f64 / s } else { 0.0 };
    let ratio = if raw > 0.0 {
        per_second(cmd) / per_second(raw)
    } else {
        0.0
    };
    if out.json {
        out.json(&json!({
            "backend": backend,
            "commands": n,
            "clients": clients,
            "raw_inserts_per_second": per_second(raw),
            "commands_per_second": per_second(cmd),
            "ratio": ratio,
            "raw_command_rows_per_second": per_second(rows),
            "ratio_to_same_rows": if rows > 0.0 { per_second(cmd) / per_second(rows) } else { 0.0 },
        }));
    } else {
        out.line(format!(
            "{backend}, {clients} client(s), {n} each: raw inserts {:.0}/s, the same rows raw {:.0}/s, intake commands {:.0}/s ({:.0}% and {:.0}%)",
            per_second(raw),
            per_second(rows),
            per_second(cmd),
            ratio * 100.0,
            if rows > 0.0 { per_second(cmd) / per_second(rows) * 100.0 } else { 0.0 }
        ));
    }
    Ok(ExitCode::SUCCESS)
}
