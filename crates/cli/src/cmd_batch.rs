//! `qonys batch intake`: a deterministic batch of intake commands, each under its own idempotency key.
//!
//! Running the same batch again completes what an interrupted run left undone and repeats nothing: every
//! command either committed with its key or left no trace, and a committed key replays.

use std::process::ExitCode;

use clap::Subcommand;
use jiff::Timestamp;
use kz::{Iin, Kato};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::json;
use store::{Actor, Admin, CaseWrite, Channel, Command, Evidence, IdempotencyKey, Role, Store};

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

/// The i-th command of the batch: the same for the same seed on every run, apart from the time.
pub(crate) fn intake_command(seed: u64, i: u64, at: Timestamp) -> Result<Command, Failure> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ i.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let regions = Kato::regions();
    let region = regions
        .get(rng.random_range(0..regions.len()))
        .ok_or_else(|| Failure::internal("no regions".into()))?;
    let territory = Kato::region_of(region);
    let birth = jiff::civil::date(1960, 1, 1)
        .checked_add(jiff::Span::new().days(rng.random_range(0..15_000i64)))
        .map_err(|e| Failure::internal(e.to_string()))?;
    let sex = if rng.random_bool(0.5) {
        kz::Sex::Male
    } else {
        kz::Sex::Female
    };
    // About one serial in a hundred has no valid check digit; the next one does.
    let first = rng.random_range(0..9000u16);
    let iin = (first..first + 100)
        .find_map(|serial| Iin::from_parts(birth, sex, serial).ok())
        .ok_or_else(|| Failure::internal("no valid synthetic IIN".into()))?;
    let key = IdempotencyKey::parse(&format!("batch-{seed}-{i:08}"))
        .ok_or_else(|| Failure::internal("idempotency key".into()))?;
    let actor = Actor::new(
        "sc.batch.operator",
        Role::StateCorporationOperator,
        Channel::StateCorporation,
    )
    .map_err(|e| Failure::internal(e.to_string()))?;
    Ok(Command {
        key,
        at,
        actor,
        action: "quota.submit".into(),
        basis: "rules-a 14.2".into(),
        case: CaseWrite::Create {
            kind: "quota_resettler".into(),
            territory,
            year: 2026,
            state: "submitted".into(),
            payload: json!({ "applicant": iin.masked(), "family_size": rng.random_range(1..=6u8) }).to_string(),
        },
        quota: None,
        evidence: vec![Evidence {
            system: "civil_registry".into(),
            requested_at: at,
            response_id: format!("sandbox-{seed}-{i}"),
            payload: json!({ "found": true, "birth_date": birth.to_string() }).to_string(),
        }],
        detail: json!({ "state": "submitted", "applicant": iin.masked() }).to_string(),
    })
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
        let store = crate::cmd_store::open(database).await?;
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
            let result = store
                .apply(&intake_command(seed, i, now())?)
                .await
                .map_err(|e| Failure::from_store(&e))?;
            if result.replayed {
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
