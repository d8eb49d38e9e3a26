//! `qonys serve`: the web service on the database of `--database`, until SIGTERM or Ctrl-C; requests in
//! flight are finished before it stops.

use std::process::ExitCode;
use std::sync::Arc;

use app::{App, AppError, Inclusion, QuotaApplication};
use kz::Kato;
use registries::sandbox::SandboxRegistries;
use store::{
    AccountRecord, Accounts, Actor, Admin, Channel, IdempotencyKey, QuotaCategory, QuotaKey, QuotaUnit, Role, Store,
};
use web::{AppState, router};

use crate::db::Db;

use crate::failure::Failure;
use crate::output::Out;

async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
    tracing::info!("shutting down: finishing the requests in flight");
}

/// The accounts demo mode creates: login, role, region.
const DEMO_ACCOUNTS: &[(&str, Role, Option<&str>)] = &[
    ("demo.citizen", Role::Citizen, None),
    ("demo.sc.pavlodar", Role::StateCorporationOperator, Some("550000000")),
    ("demo.cc.north", Role::CareerCentre, Some("590000000")),
    ("demo.lmc.pavlodar", Role::LabourMobilityCentre, Some("550000000")),
    ("demo.akimat.pavlodar", Role::LocalExecutiveBody, Some("550000000")),
    ("demo.commission.pavlodar", Role::Commission, Some("550000000")),
    ("demo.appeal", Role::AppealBody, None),
    ("demo.employer", Role::Employer, None),
    ("demo.analyst", Role::Analyst, None),
    ("demo.admin", Role::Administrator, None),
];

/// Regions with 2026 quotas, where demo applications go.
const DEMO_REGIONS: &[&str] = &["550000000", "590000000", "390000000", "630000000", "100000000"];

/// Demo mode: the sandbox population, the 2026 quotas, an account for every role (printed with a fresh
/// password each start) and a few hundred applications in several states. Re-running changes nothing but the
/// passwords: every write has its idempotency key.
async fn demo(app: &App<Db, SandboxRegistries>, out: &Out) -> Result<(), Failure> {
    let store = &app.store;
    let fail = |e: store::StoreError| Failure::from_store(&e);
    let residents = &app.registries.population().residents;
    store
        .sandbox_reset(app.registries.population().seed, residents.len() as u64)
        .await
        .map_err(fail)?;
    for chunk in residents.chunks(20_000) {
        store
            .sandbox_insert(chunk.iter().map(crate::cmd_seed::row).collect())
            .await
            .map_err(fail)?;
    }
    let setup =
        Actor::new("demo.setup", Role::Administrator, Channel::Cli).map_err(|e| Failure::internal(e.to_string()))?;
    let now = crate::now();
    if let Some(Ok(quotas)) = legal::quotas::for_year(2026) {
        for line in &quotas.lines {
            let key = QuotaKey {
                year: quotas.year,
                territory: Kato::parse(&line.territory).map_err(|e| Failure::internal(e.to_string()))?,
                category: QuotaCategory::from_key(line.category).ok_or_else(|| Failure::internal("category".into()))?,
            };
            store
                .set_quota(&key, QuotaUnit::Persons, line.size, &setup, &quotas.basis, now)
                .await
                .map_err(fail)?;
        }
    }
    let operator = Actor::new(
        "demo.sc.pavlodar",
        Role::StateCorporationOperator,
        Channel::StateCorporation,
    )
    .map_err(|e| Failure::internal(e.to_string()))?;
    let key = |what: &str, i: usize| {
        IdempotencyKey::parse(&format!("demo-{what}-{i:05}")).ok_or_else(|| Failure::internal("key".into()))
    };
    let failure = |e: &app::AppError| crate::cmd_batch::app_failure(e);
    let mut first_applicant: Option<String> = None;
    for (i, resident) in residents.iter().filter(|r| r.kinship.is_none()).take(240).enumerate() {
        let input = QuotaApplication {
            iin: resident.record.iin.as_str().to_owned(),
            category: if resident.kandas.is_some() {
                "kandas"
            } else {
                "resettler"
            }
            .to_owned(),
            territory: DEMO_REGIONS
                .get(i % DEMO_REGIONS.len())
                .copied()
                .unwrap_or("550000000")
                .to_owned(),
            channel: ["portal", "state_corporation", "career_centre"]
                .get(i % 3)
                .copied()
                .unwrap_or("portal")
                .to_owned(),
        };
        let submitted = match app
            .submit_quota_application(&input, &operator, key("submit", i)?, now)
            .await
        {
            Ok(s) => s,
            // A resident the sandbox refuses (say, on an offences list) is just not part of the demo.
            Err(AppError::Invalid(_)) => continue,
            Err(e) => return Err(failure(&e)),
        };
        if first_applicant.is_none() {
            first_applicant = Some(input.iin.clone());
        }
        if i % 3 == 0 {
            let case = submitted.applied.case;
            app.accept_quota_application(case, &operator, key("accept", i)?, now)
                .await
                .map_err(|e| failure(&e))?;
            let decision = if i % 12 == 9 {
                Inclusion::Refuse(vec![
                    if input.category == "kandas" {
                        "quota_k2_unreliable_data"
                    } else {
                        "quota_r1_unreliable_data"
                    }
                    .into(),
                ])
            } else {
                Inclusion::Include
            };
            if i % 6 == 0 || i % 12 == 9 {
                app.decide_quota_inclusion(case, &decision, &operator, key("decide", i)?, now)
                    .await
                    .map_err(|e| failure(&e))?;
            }
        }
    }
    // The employer's representative signs in with the BIN of an organisation the sandbox registry knows.
    let employer_bin = app
        .registries
        .population()
        .employers
        .first()
        .map(|e| e.bin.as_str().to_owned());
    out.line("demo accounts (login / password / role / region):");
    for (login, role, territory) in DEMO_ACCOUNTS {
        // The applicant signs in with the IIN of a person who has applications.
        let login = match role {
            Role::Citizen => first_applicant.as_deref().unwrap_or(login),
            Role::Employer => employer_bin.as_deref().unwrap_or(login),
            _ => login,
        };
        let password = web::identity::new_token().chars().take(16).collect::<String>();
        let account = AccountRecord {
            login: login.to_owned(),
            role: *role,
            territory: territory
                .map(Kato::parse)
                .transpose()
                .map_err(|e| Failure::internal(e.to_string()))?,
            password_hash: web::identity::hash_password(&password).map_err(|_| Failure::internal("hash".into()))?,
        };
        store.put_account(&account, &setup, now).await.map_err(fail)?;
        out.line(format!(
            "  {login} / {password} / {} / {}",
            role.key(),
            territory.unwrap_or("all")
        ));
    }
    out.line(format!(
        "demo data: {} sandbox persons, 2026 quotas, 240 applications",
        residents.len()
    ));
    Ok(())
}

pub(crate) fn run(bind: &str, log_json: bool, demo_mode: bool, database: &str, out: &Out) -> Result<ExitCode, Failure> {
    let filter = tracing_subscriber::EnvFilter::try_from_env("QONYS_LOG").unwrap_or_else(|_| "info".into());
    let subscriber = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let installed = if log_json {
        subscriber.json().try_init()
    } else {
        subscriber.try_init()
    };
    drop(installed);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::internal(format!("runtime: {e}")))?;
    runtime.block_on(async {
        // The registries are the sandbox until the information systems are connected.
        let app = crate::cmd_batch::intake_app(database, 2026).await?;
        let store = app.store.clone();
        if demo_mode {
            demo(&app, out).await?;
        }
        let listener = tokio::net::TcpListener::bind(bind)
            .await
            .map_err(|_| Failure::input("bind_failed", "--bind"))?;
        let address = listener.local_addr().map_err(|e| Failure::internal(e.to_string()))?;
        out.line(format!("qonys serve: http://{address} ({})", store.backend()));
        tracing::info!(%address, backend = store.backend(), "listening");
        let mut state = AppState::new(app, Arc::new(crate::now));
        state.sandbox_channels = demo_mode;
        let state = Arc::new(state);
        // Notifications go out from whichever instance claims them first (a lease in the database).
        let worker = format!("{}-{}", std::process::id(), address);
        let outbox_store = store.clone();
        let background = Arc::clone(&state);
        let delivery = tokio::spawn(async move {
            for tick in 0u64.. {
                if let Err(e) = web::deliver_outbox(&outbox_store, &worker, crate::now()).await {
                    tracing::warn!(error = %e, "outbox delivery failed; retrying");
                }
                // Amendments of the law another instance made, every ten seconds.
                if tick % 10 == 5 {
                    match background.app.refresh_law().await {
                        Ok(true) => tracing::info!("law amendments applied"),
                        Ok(false) => {}
                        Err(e) => tracing::error!(error = %e, "law amendments refused; the law in force is unchanged"),
                    }
                }
                // Deadlines once a minute, by the instance that holds the job.
                if tick % 60 == 0 {
                    match web::check_deadlines(&background.app, &worker, crate::now()).await {
                        Ok(Some(sweep)) => {
                            tracing::info!(
                                overdue = sweep.overdue,
                                recorded = sweep.recorded,
                                recounted = sweep.recounted,
                                "deadline check"
                            );
                        }
                        Ok(None) => {}
                        Err(e) => tracing::warn!(error = %e, "deadline check failed; retrying"),
                    }
                }
                tokio::time::sleep(std::time::Duration::from_secs(1)).await;
            }
        });
        axum::serve(listener, router(state))
            .with_graceful_shutdown(shutdown_signal())
            .await
            .map_err(|e| Failure::internal(format!("server: {e}")))?;
        delivery.abort();
        store.close().await;
        Ok::<_, Failure>(())
    })?;
    Ok(ExitCode::SUCCESS)
}
