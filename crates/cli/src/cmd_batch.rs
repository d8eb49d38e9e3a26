//! `qonys batch intake`: a deterministic batch of quota applications through the intake use case (parsing,
//! registry lookups against the sandbox, the case machine, the store), each under its own idempotency key.
//!
//! Running the same batch again completes what an interrupted run left undone and repeats nothing: every
//! command either committed with its key or left no trace, and a committed key replays.

use std::process::ExitCode;

use app::{App, AppError, Principal, QuotaApplication};
use clap::Subcommand;
use kz::Kato;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use registries::sandbox::{Population, SandboxRegistries};
use serde_json::json;
use store::{Admin, Channel, IdempotencyKey, Role};

use crate::db::Db;

use crate::failure::Failure;
use crate::output::Out;
use crate::{now, parse};

#[derive(Debug, Subcommand)]
pub(crate) enum BatchCmd {
    /// Applies COUNT synthetic intake commands (seeded); re-running completes an interrupted batch.
    Intake {
        #[arg(long, default_value = "10000")]
        count: String,
        #[arg(long, default_value = "42")]
        seed: u64,
        /// Print a JSON progress line every this many commands (with --json).
        #[arg(long, default_value = "500")]
        progress_every: String,
    },
}

/// Persons in the sandbox population a batch draws its applicants from.
pub(crate) const POPULATION: usize = 20_000;

/// The i-th application of the batch and the desk it comes through (a State Corporation counter or a career
/// centre: the portal's applications are confirmed by their applicants' one-time codes, which a batch does not
/// have): the same for the same seed on every run.
pub(crate) fn intake_input(registries: &SandboxRegistries, seed: u64, i: u64) -> (QuotaApplication, &'static str) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ i.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let residents = &registries.population().residents;
    let index = usize::try_from(i).unwrap_or(0) % residents.len().max(1);
    let resident = residents.get(index);
    let regions = Kato::regions();
    let territory = regions
        .get(rng.random_range(0..regions.len()))
        .map(|r| r.kato)
        .unwrap_or("750000000");
    const CHANNELS: [&str; 2] = ["state_corporation", "career_centre"];
    let kandas = resident.is_some_and(|r| r.kandas.is_some());
    let channel = CHANNELS
        .get(rng.random_range(0..CHANNELS.len()))
        .copied()
        .unwrap_or("career_centre");
    let input = QuotaApplication {
        iin: resident.map(|r| r.record.iin.as_str().to_owned()).unwrap_or_default(),
        category: if kandas { "kandas" } else { "resettler" }.into(),
        territory: territory.into(),
        employment: Some("9".into()),
        consent: true,
        ..QuotaApplication::default()
    };
    (input, channel)
}

/// The use cases over the database of `--database` and a sandbox population of `seed`, and the database
/// itself for what is not a use case (closing it, the benchmark's raw peers).
pub(crate) struct Intake {
    pub(crate) app: App<Db, SandboxRegistries>,
    pub(crate) store: Db,
}

impl std::fmt::Debug for Intake {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Intake").finish_non_exhaustive()
    }
}

pub(crate) async fn intake_app(database: &str, seed: u64) -> Result<Intake, Failure> {
    let store = crate::cmd_store::open(database).await?;
    let app = App::new(
        store.clone(),
        SandboxRegistries::new(Population::generate(seed, POPULATION, |_| {})),
        app::Laws::new(crate::law()?),
    );
    // The administrators' amendments of the law, as stored; a refused one stops the command rather than
    // letting it decide on a law that is not the one in force.
    app.refresh_law().await.map_err(|e| app_failure(&e))?;
    Ok(Intake { app, store })
}

/// Who receives an application of a batch: the operator of its channel (a national account), or on the portal
/// the applicant themselves.
pub(crate) fn receiver(input: &QuotaApplication, channel: &str) -> Principal {
    match channel {
        "state_corporation" => Principal::staff(
            "sc.batch.operator",
            Role::StateCorporationOperator,
            None,
            Channel::StateCorporation,
        ),
        "career_centre" => Principal::staff("cc.batch.operator", Role::CareerCentre, None, Channel::CareerCentre),
        _ => match kz::Iin::parse(&input.iin) {
            Ok(iin) => Principal::citizen("portal.applicant", iin, Channel::Portal),
            Err(_) => Principal::staff("portal.applicant", Role::Citizen, None, Channel::Portal),
        },
    }
}

pub(crate) fn batch_key(seed: u64, i: u64) -> Result<IdempotencyKey, Failure> {
    IdempotencyKey::parse(&format!("batch-{seed}-{i:08}")).ok_or_else(|| Failure::internal("idempotency key".into()))
}

pub(crate) fn app_failure(e: &AppError) -> Failure {
    match e {
        AppError::Store(e) => Failure::from_store(e),
        other => Failure::internal(other.to_string()),
    }
}

pub(crate) fn run(cmd: BatchCmd, database: &str, out: &Out) -> Result<ExitCode, Failure> {
    let BatchCmd::Intake {
        count,
        seed,
        progress_every,
    } = cmd;
    let count: u64 = parse::count(&count, "--count")?;
    let every: u64 = parse::positive(&progress_every, "--progress-every")?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::internal(format!("runtime: {e}")))?;
    let (applied, replayed) = runtime.block_on(async {
        let Intake { app, store } = intake_app(database, seed).await?;
        let bar = if out.json {
            indicatif::ProgressBar::hidden()
        } else {
            indicatif::ProgressBar::new(count)
        };
        bar.set_style(
            indicatif::ProgressStyle::with_template("intake {bar:40} {pos}/{len} ({per_sec}, {eta})")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        let (mut applied, mut replayed) = (0u64, 0u64);
        for i in 0..count {
            let (input, channel) = intake_input(app.registries(), seed, i);
            let result = app
                .submit_quota_application(&receiver(&input, channel), &input, batch_key(seed, i)?, now())
                .await
                .map_err(|e| app_failure(&e))?;
            if result.applied.replayed {
                replayed += 1;
            } else {
                applied += 1;
            }
            bar.inc(1);
            if out.json && (i + 1) % every == 0 {
                out.json_line(&json!({ "done": i + 1, "applied": applied, "replayed": replayed }));
            }
        }
        bar.finish_and_clear();
        store.close().await;
        Ok::<_, Failure>((applied, replayed))
    })?;
    if out.json {
        out.json_line(&json!({ "done": count, "applied": applied, "replayed": replayed, "finished": true }));
    } else {
        out.line(format!("{count}: {applied} + {replayed}"));
    }
    Ok(ExitCode::SUCCESS)
}
