//! `qonys serve`: the web service on the database of `--database`, until SIGTERM or Ctrl-C; requests in
//! flight are finished before it stops.

use std::process::ExitCode;
use std::sync::Arc;

use app::{App, AppError, Inclusion, Principal, QuotaApplication};
use kz::Kato;
use registries::sandbox::SandboxRegistries;
use store::{AccountRecord, Accounts, Admin, Channel, IdempotencyKey, QuotaCategory, QuotaKey, QuotaUnit, Role};
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
    // The career centre of the region whose Labour Mobility Centre decides on rent and relocation in the demo.
    ("demo.cc.pavlodar", Role::CareerCentre, Some("550000000")),
];

/// Regions with 2026 quotas, where demo applications go.
const DEMO_REGIONS: &[&str] = &["550000000", "590000000", "390000000", "630000000", "100000000"];

/// Applications the demo makes.
const DEMO_APPLICATIONS: usize = 240;
/// How many people of each category the demo names for trying the services.
const DEMO_SPARE: usize = 3;

/// The principal of a demo account, or, for a region without one, a principal of the same role there (staff
/// of every demo region act in their own region, as the rules have them).
fn acting(accounts: &[AccountRecord], role: Role, territory: &str, channel: Channel) -> Principal {
    accounts
        .iter()
        .find(|a| a.role == role && a.territory.is_some_and(|k| k.as_str() == territory))
        .map_or_else(
            || {
                let handle = format!("demo.{}.{}", role.key(), territory.get(..2).unwrap_or("00"));
                Principal::staff(&handle, role, Some(territory), channel)
            },
            |a| Principal::of(a, channel),
        )
}

/// Demo mode: the sandbox population, the 2026 quotas, an account for every role (printed with a fresh
/// password each start) and a few hundred applications in several states, each step taken by the body whose
/// step it is: received at the State Corporation or a career centre of the region, or by the applicant on the
/// portal; accepted and decided by the region's service provider. Starting again on a database that holds the
/// demo changes nothing but the passwords.
async fn demo(app: &App<Db, SandboxRegistries>, store: &Db, out: &Out) -> Result<(), Failure> {
    let fail = |e: store::StoreError| Failure::from_store(&e);
    let failure = |e: &app::AppError| crate::cmd_batch::app_failure(e);
    let population = app.registries().population();
    let residents = &population.residents;
    store
        .sandbox_reset(population.seed, residents.len() as u64)
        .await
        .map_err(fail)?;
    for chunk in residents.chunks(20_000) {
        store
            .sandbox_insert(chunk.iter().map(crate::cmd_seed::row).collect())
            .await
            .map_err(fail)?;
    }
    let now = crate::now();
    // The applicant signs in with the IIN of the first resident who applies; the employer's representative with
    // the BIN of an organisation the sandbox registry knows.
    let applicants: Vec<_> = residents
        .iter()
        .filter(|r| r.kinship.is_none())
        .take(DEMO_APPLICATIONS)
        .collect();
    let citizen = applicants.first().map(|r| r.record.iin.as_str().to_owned());
    let employer = population.employers.first().map(|e| e.bin.as_str().to_owned());
    let setup = Principal::staff("demo.setup", Role::Administrator, None, Channel::Cli);
    let setup_actor = setup.actor().map_err(|e| failure(&e))?;
    let mut accounts = Vec::new();
    out.line("demo accounts (login / password / role / region):");
    for (login, role, territory) in DEMO_ACCOUNTS {
        let login = match role {
            Role::Citizen => citizen.as_deref().unwrap_or(login),
            Role::Employer => employer.as_deref().unwrap_or(login),
            _ => login,
        };
        let password = app::identity::new_token().chars().take(16).collect::<String>();
        let handle = match store.account(login).await.map_err(fail)? {
            Some(existing) => existing.handle,
            None => app::identity::new_handle(),
        };
        let account = AccountRecord {
            login: login.to_owned(),
            handle,
            role: *role,
            territory: territory
                .map(Kato::parse)
                .transpose()
                .map_err(|e| Failure::internal(e.to_string()))?,
            password_hash: app::identity::hash_password(&password).map_err(|e| failure(&e))?,
        };
        store.put_account(&account, &setup_actor, now).await.map_err(fail)?;
        out.line(format!(
            "  {login} / {password} / {} / {}",
            role.key(),
            territory.unwrap_or("all")
        ));
        accounts.push(account);
    }
    // People of the sandbox registry the demo leaves without an application, to try the services with (the
    // registry's facts decide what each may be granted).
    out.line("demo persons without an application (IIN / category / region of registration):");
    let spare = residents.iter().filter(|r| r.kinship.is_none()).skip(DEMO_APPLICATIONS);
    let resettlers = spare
        .clone()
        .filter(|r| r.kandas.is_none() && r.job_seeker.is_some())
        .take(DEMO_SPARE);
    let kandases = spare.filter(|r| r.kandas.is_some()).take(DEMO_SPARE);
    for (category, resident) in resettlers
        .map(|r| ("resettler", r))
        .chain(kandases.map(|r| ("kandas", r)))
    {
        let region = resident.registrations.last().map_or("-", |g| g.kato.region().kato);
        out.line(format!("  {} / {category} / {region}", resident.record.iin.as_str()));
    }
    if store.count_rows(store::Table::Cases).await.map_err(fail)? > 0 {
        out.line("demo data: already in the database, kept as it is");
        return Ok(());
    }
    if let Some(Ok(quotas)) = legal::quotas::for_year(2026) {
        for line in &quotas.lines {
            let key = QuotaKey {
                year: quotas.year,
                territory: Kato::parse(&line.territory).map_err(|e| Failure::internal(e.to_string()))?,
                category: QuotaCategory::from_key(line.category).ok_or_else(|| Failure::internal("category".into()))?,
            };
            app.set_quota(&setup, &key, QuotaUnit::Persons, line.size, &quotas.basis, now)
                .await
                .map_err(|e| failure(&e))?;
        }
    }
    let key = |what: &str, i: usize| {
        IdempotencyKey::parse(&format!("demo-{what}-{i:05}")).ok_or_else(|| Failure::internal("key".into()))
    };
    let mut made = 0;
    for (i, resident) in applicants.iter().enumerate() {
        let territory = DEMO_REGIONS.get(i % DEMO_REGIONS.len()).copied().unwrap_or("550000000");
        let channel = ["portal", "state_corporation", "career_centre"]
            .get(i % 3)
            .copied()
            .unwrap_or("portal");
        let input = QuotaApplication {
            iin: resident.record.iin.as_str().to_owned(),
            category: if resident.kandas.is_some() {
                "kandas"
            } else {
                "resettler"
            }
            .to_owned(),
            territory: territory.to_owned(),
            employment: Some("9".into()),
            consent: true,
            ..QuotaApplication::default()
        };
        let receiver = match channel {
            "state_corporation" => acting(
                &accounts,
                Role::StateCorporationOperator,
                territory,
                Channel::StateCorporation,
            ),
            "career_centre" => acting(&accounts, Role::CareerCentre, territory, Channel::CareerCentre),
            _ => match accounts.iter().find(|a| a.login == input.iin) {
                Some(account) => Principal::of(account, Channel::Portal),
                None => Principal::citizen("portal.applicant", resident.record.iin, Channel::Portal),
            },
        };
        let submitted = match app
            .submit_quota_application(&receiver, &input, key("submit", i)?, now)
            .await
        {
            Ok(s) => s,
            // A resident the portal turns away (no document the checklist needs, an application already open)
            // is just not part of the demo.
            Err(AppError::Invalid(_) | AppError::OpenCase { .. }) => continue,
            Err(e) => return Err(failure(&e)),
        };
        made += 1;
        if i % 3 != 0 {
            continue;
        }
        let case = submitted.applied.case;
        let provider = acting(&accounts, Role::LocalExecutiveBody, territory, Channel::Portal);
        // Each body does its step in turn: the career centre forwards, the provider accepts the package.
        let mut state = submitted.state.to_owned();
        if state == "at_career_centre" {
            let centre = acting(&accounts, Role::CareerCentre, territory, Channel::CareerCentre);
            state = app
                .forward_quota_application(&centre, case, key("forward", i)?, now)
                .await
                .map_err(|e| failure(&e))?
                .state;
        }
        if state == "received" {
            app.accept_quota_application(&provider, case, key("accept", i)?, now)
                .await
                .map_err(|e| failure(&e))?;
        }
        if i % 6 != 0 && i % 12 != 9 {
            continue;
        }
        let refuse = i % 12 == 9;
        let kandas = input.category == "kandas";
        // The commission's word first (the decision forms name it), then the decision that follows it.
        if !refuse || kandas {
            let commission = app::quota::CommissionInput {
                date: app::kz_today(now).to_string(),
                protocol: format!("{}", 1 + i / 6),
                members: "Ахметова Г. С.\nБекенов Н. Т.\nСмирнова О. В.".into(),
                outcome: if refuse { "refuse" } else { "include" }.into(),
            };
            app.record_quota_commission(&provider, case, &commission, key("commission", i)?, now)
                .await
                .map_err(|e| failure(&e))?;
        }
        let decision = if refuse {
            Inclusion::Refuse(vec![
                if kandas {
                    "quota_k2_unreliable_data"
                } else {
                    "quota_r1_unreliable_data"
                }
                .into(),
            ])
        } else {
            Inclusion::Include
        };
        app.decide_quota_inclusion(&provider, case, &decision, None, key("decide", i)?, now)
            .await
            .map_err(|e| failure(&e))?;
    }
    out.line(format!(
        "demo data: {} sandbox persons, 2026 quotas, {made} applications",
        residents.len()
    ));
    Ok(())
}

/// Whether and how the service signs the documents its steps issue.
#[derive(Debug, Clone)]
pub(crate) struct Signing {
    pub pki: Option<std::path::PathBuf>,
    /// The address in the QR codes; by default the address the service listens on.
    pub public_url: Option<String>,
}

/// How the service meets the network: the proxy it trusts, TLS, who reads the metrics, the limits of
/// guessing (from the configuration file and `QONYS_METRICS_TOKEN`).
#[derive(Debug)]
pub(crate) struct Exposure {
    /// Where the signed checkpoints of the audit chains go.
    pub(crate) witness: Option<crate::witness::Witness>,
    trust_proxy: bool,
    https: bool,
    metrics: web::MetricsAccess,
    sign_in: app::identity::SignInPolicy,
}

impl Exposure {
    pub(crate) fn of(file: &crate::config::Settings, demo: bool) -> Result<Exposure, Failure> {
        let mut metrics = web::MetricsAccess::default();
        if !file.metrics_networks.is_empty() {
            metrics.networks = file
                .metrics_networks
                .iter()
                .map(|n| {
                    n.parse()
                        .map_err(|_| Failure::input("config_invalid", "metrics_networks"))
                })
                .collect::<Result<_, _>>()?;
        }
        metrics.token = std::env::var("QONYS_METRICS_TOKEN").ok().filter(|t| t.len() >= 16);
        // The demo signs its one applicant in again and again (the browser tests): codes unspaced there,
        // unless the file says otherwise.
        let base = if demo {
            app::identity::SignInPolicy {
                code_spacing_seconds: 0,
                codes_per_account: 10_000,
                codes_per_source: 10_000,
                ..app::identity::SignInPolicy::default()
            }
        } else {
            app::identity::SignInPolicy::default()
        };
        Ok(Exposure {
            witness: None,
            trust_proxy: file.trust_proxy,
            https: file.https,
            metrics,
            sign_in: file.sign_in.over(&base),
        })
    }
}

pub(crate) fn run(
    bind: &str,
    log_json: bool,
    demo_mode: bool,
    database: &str,
    signing: &Signing,
    exposure: &Exposure,
    out: &Out,
) -> Result<ExitCode, Failure> {
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
        let crate::cmd_batch::Intake { app, store } = crate::cmd_batch::intake_app(database, 2026).await?;
        let app = if demo_mode {
            // The demo pays from a synthetic payer with test codes; a deployment configures its own.
            app.with_sandbox_channels()
                .with_payout(app::rent::bank::Payout::sandbox())
        } else {
            app
        };
        if demo_mode {
            demo(&app, &store, out).await?;
        }
        let listener = tokio::net::TcpListener::bind(bind)
            .await
            .map_err(|_| Failure::input("bind_failed", "--bind"))?;
        let address = listener.local_addr().map_err(|e| Failure::internal(e.to_string()))?;
        out.line(format!("qonys serve: http://{address} ({})", store.backend()));
        // The demo's own applications are made before: their documents stay recorded as requested, so that a
        // start does not sign hundreds of files.
        let app = match &signing.pki {
            Some(dir) => {
                let public_url = signing
                    .public_url
                    .clone()
                    .unwrap_or_else(|| format!("http://{address}"));
                let issuing = crate::cmd_document::issuing(dir, &public_url, demo_mode, out)?;
                out.line(format!(
                    "documents: signed, verified at {}/verify/…",
                    issuing.verify_base()
                ));
                app.with_issuing(issuing)
            }
            None => app,
        };
        tracing::info!(%address, backend = store.backend(), "listening");
        let mut state = AppState::new(app.with_sign_in_policy(exposure.sign_in.clone()), Arc::new(crate::now));
        state.trust_proxy = exposure.trust_proxy;
        state.https = exposure.https;
        state.metrics_access = exposure.metrics.clone();
        let state = Arc::new(state);
        // Notifications go out from whichever instance claims them first (a lease in the database).
        let worker = format!("{}-{}", std::process::id(), address);
        let background = Arc::clone(&state);
        let witnessed = store.clone();
        let witness = exposure.witness.as_ref();
        let checkpoint = async move || {
            let Some(witness) = witness else { return };
            match witnessed.audit_records().await {
                Ok(records) => {
                    if let Err(e) = witness.checkpoint(&records, crate::now()) {
                        tracing::error!(error = ?e, "audit checkpoint not written");
                    }
                }
                Err(e) => tracing::error!(error = %e, "audit checkpoint not written"),
            }
        };
        checkpoint().await;
        let (tick_tx, mut tick_rx) = tokio::sync::mpsc::channel::<()>(1);
        let delivery = tokio::spawn(async move {
            for tick in 0u64.. {
                // A signed checkpoint of the audit chains' heads every minute (made by the serving task).
                if tick % 60 == 30 {
                    let _ = tick_tx.try_send(());
                }
                if let Err(e) = background.app.deliver_outbox(&worker, crate::now()).await {
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
                    match background.app.check_deadlines(&worker, crate::now()).await {
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
        // The month's rent compensation once an hour (the first a minute after start), by the instance that
        // holds the payroll job; each case and month is scheduled once, so a later run only completes it.
        let payroll_worker = format!("{}-{}-payroll", std::process::id(), address);
        let scheduler = Arc::clone(&state);
        let payroll = tokio::spawn(async move {
            tokio::time::sleep(std::time::Duration::from_secs(60)).await;
            loop {
                let options = app::rent::payroll::PayrollOptions::default();
                match scheduler
                    .app
                    .scheduled_payroll(&payroll_worker, options, crate::now())
                    .await
                {
                    Ok(Some(run)) => tracing::info!(
                        accrued = run.accrued,
                        already = run.already,
                        refused = run.refused,
                        conflicts = run.conflicts,
                        "monthly payroll"
                    ),
                    Ok(None) => {}
                    Err(e) => tracing::warn!(error = %e, "monthly payroll failed; retrying"),
                }
                tokio::time::sleep(std::time::Duration::from_secs(60 * 60)).await;
            }
        });
        // The peer's address reaches the handlers (throttling per source, who may read the metrics).
        let server = axum::serve(
            listener,
            router(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown_signal())
        .into_future();
        tokio::pin!(server);
        loop {
            tokio::select! {
                done = &mut server => {
                    done.map_err(|e| Failure::internal(format!("server: {e}")))?;
                    break;
                }
                Some(()) = tick_rx.recv() => checkpoint().await,
            }
        }
        delivery.abort();
        payroll.abort();
        // And one when the service stops.
        checkpoint().await;
        store.close().await;
        Ok::<_, Failure>(())
    })?;
    Ok(ExitCode::SUCCESS)
}
