//! `qonys seed`: the synthetic population of the registries sandbox, generated from a seed and loaded into
//! the database with a progress bar. The same seed gives the same people on every machine.

use std::process::ExitCode;
use std::time::Instant;

use registries::Kinship;
use registries::sandbox::{Population, Resident};
use serde_json::json;
use store::{Admin, SandboxRow};

use crate::failure::Failure;
use crate::output::Out;
use crate::parse;

/// People loaded per transaction.
const CHUNK: usize = 20_000;

fn bar(out: &Out, len: usize, what: &str) -> indicatif::ProgressBar {
    if out.json {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template(&format!(
            "{what:<10} {{bar:40}} {{pos}}/{{len}} ({{per_sec}}, {{eta}})"
        ))
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}

pub(crate) fn row(r: &Resident) -> SandboxRow {
    SandboxRow {
        iin: r.record.iin.as_str().to_owned(),
        household: i64::from(r.household),
        kinship: r.kinship.map(|k| match k {
            Kinship::Spouse => "spouse",
            Kinship::Child => "child",
            Kinship::Parent => "parent",
        }),
        surname: r.record.surname.clone(),
        given: r.record.given.clone(),
        patronymic: r.record.patronymic.clone(),
        latin: r.record.latin.clone(),
        sex: match r.record.sex {
            kz::Sex::Male => "male",
            kz::Sex::Female => "female",
        },
        birth_date: r.record.birth_date.to_string(),
        citizen: r.record.citizen,
        nationality: r.record.nationality,
        kato: r
            .registrations
            .first()
            .map(|a| a.kato.as_str().to_owned())
            .unwrap_or_default(),
        registered_since: r.registrations.first().map(|a| a.since.to_string()).unwrap_or_default(),
        kandas_since: r.kandas.as_ref().map(|k| k.granted_on.to_string()),
        job_seeker_since: r.job_seeker.as_ref().map(|j| j.registered_on.to_string()),
        owns_home: !r.holdings.is_empty(),
        employer_bin: r.contracts.first().map(|c| c.employer.to_string()),
    }
}

pub(crate) fn run(persons: &str, seed: u64, database: &str, out: &Out) -> Result<ExitCode, Failure> {
    let n: usize = parse::positive(persons, "--persons")?;
    let started = Instant::now();
    let generating = bar(out, n, "generating");
    let population = Population::generate(seed, n, |done| generating.set_position(done as u64));
    generating.finish_and_clear();
    let generated = started.elapsed().as_secs_f64();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::internal(format!("runtime: {e}")))?;
    runtime.block_on(async {
        let store = crate::cmd_store::open(database).await?;
        store
            .sandbox_reset(seed, n as u64)
            .await
            .map_err(|e| Failure::from_store(&e))?;
        let loading = bar(out, population.residents.len(), "loading");
        for chunk in population.residents.chunks(CHUNK) {
            store
                .sandbox_insert(chunk.iter().map(row).collect())
                .await
                .map_err(|e| Failure::from_store(&e))?;
            loading.inc(chunk.len() as u64);
        }
        loading.finish_and_clear();
        store.close().await;
        Ok::<_, Failure>(())
    })?;
    let seconds = started.elapsed().as_secs_f64();
    let households = population.residents.last().map_or(0, |r| r.household + 1);
    if out.json {
        out.json(&json!({
            "persons": population.residents.len(),
            "households": households,
            "employers": population.employers.len(),
            "seed": seed,
            "generate_seconds": generated,
            "seconds": seconds,
        }));
    } else {
        out.line(format!(
            "{} persons in {households} households, {} employers (seed {seed}): {seconds:.1} s",
            population.residents.len(),
            population.employers.len()
        ));
    }
    Ok(ExitCode::SUCCESS)
}
