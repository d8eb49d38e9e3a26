//! `qonys bench rules`: rent compensation and certificate amounts for N synthetic households.
//!
//! Households are generated from a seed (ChaCha8, so the same seed gives the same households on every
//! machine); only the computation is timed. The computation resolves the parameters in force once and then
//! applies exactly the rules of `rules::rules_b` (a sample is re-checked against the explained functions).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Subcommand;
use jiff::civil::Date;
use kz::Money;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use rules::rules_b::p67_certificate::{CertificateClaim, certificate_cap, certificate_payment};
use rules::rules_b::p71_rent_compensation::{RentClaim, RentRates, rent_compensation};
use rules::{Explanation, HouseholdSize, Locality};
use serde_json::json;

use crate::failure::Failure;
use crate::output::Out;
use crate::{law, parse};

#[derive(Debug, Subcommand)]
pub(crate) enum BenchCmd {
    /// Rent compensation and certificate amounts for N synthetic households.
    Rules {
        #[arg(long, default_value = "1000000")]
        households: String,
        #[arg(long, default_value = "42")]
        seed: u64,
        /// The month computed, YYYY-MM.
        #[arg(long, default_value = "2026-03")]
        month: String,
        /// Timed repetitions; the median is reported.
        #[arg(long, default_value = "7")]
        repeat: String,
        /// Also write the households as CSV (for the peer benchmark).
        #[arg(long)]
        dump_households: Option<PathBuf>,
    },
    /// Signed one-page decisions per second on one thread, render and signature timed apart.
    Documents {
        #[arg(long, default_value = "200")]
        count: String,
    },
    /// One month's payroll of N paying rent cases on a fresh database (SQLite, or a new PostgreSQL database
    /// on the server of --database), run twice, next to the same order and ledger rows inserted raw.
    Payroll {
        #[arg(long, default_value = "100000")]
        cases: String,
        /// Cases read and written together.
        #[arg(long, default_value = "256")]
        chunk: String,
    },
    /// Intake commands per second on the database of --database, next to its raw insert rate.
    Intake {
        #[arg(long, default_value = "5000")]
        commands: String,
        /// Clients running commands at the same time.
        #[arg(long, default_value = "1")]
        clients: String,
        #[arg(long, default_value = "42")]
        seed: u64,
    },
    /// The 1 January rush: on a fresh database (SQLite in a temporary directory, or a new PostgreSQL database
    /// on the server of a postgres:// --database, served by two instances), APPLICANTS apply on the portal for
    /// one unit's 2026 quota of PLACES while officers decide; prints the allocation and the timings.
    Rush {
        #[arg(long, default_value = "10000")]
        applicants: String,
        #[arg(long, default_value = "1000")]
        places: String,
        /// Applicants' clients sending applications at the same time.
        #[arg(long, default_value = "32")]
        clients: String,
        /// Officers deciding at the same time.
        #[arg(long, default_value = "8")]
        officers: String,
        /// The sandbox population the applicants come from.
        #[arg(long, default_value = "2026")]
        seed: u64,
    },
}

/// Synthetic households in columns, as a vectorised peer would hold them.
pub(crate) struct Households {
    urban: Vec<bool>,
    members: Vec<u8>,
    months_paid: Vec<u8>,
    appraised_tiyn: Vec<i64>,
}

/// Family sizes 1..=8 weighted roughly like resettling families (many couples and families with children).
const SIZE_WEIGHTS: [u32; 8] = [14, 20, 22, 20, 12, 6, 4, 2];

pub(crate) fn generate(n: usize, seed: u64, progress: bool) -> Households {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let total: u32 = SIZE_WEIGHTS.iter().sum();
    let mut h = Households {
        urban: Vec::with_capacity(n),
        members: Vec::with_capacity(n),
        months_paid: Vec::with_capacity(n),
        appraised_tiyn: Vec::with_capacity(n),
    };
    let bar = if progress {
        indicatif::ProgressBar::new(n as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template("generating households {bar:40} {pos}/{len} ({eta})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    for i in 0..n {
        h.urban.push(rng.random_range(0..100u32) < 70);
        let mut pick = rng.random_range(0..total);
        let mut size = 1u8;
        for w in SIZE_WEIGHTS {
            if pick < w {
                break;
            }
            pick -= w;
            size += 1;
        }
        h.members.push(size);
        h.months_paid.push(rng.random_range(0..=14u8));
        h.appraised_tiyn.push(rng.random_range(3_000_000i64..=12_000_000) * 100);
        if i % 65_536 == 0 {
            bar.set_position(i as u64);
        }
    }
    bar.finish_and_clear();
    h
}

pub(crate) struct Totals {
    pub(crate) rent_tiyn: i64,
    pub(crate) certificate_tiyn: i64,
}

/// The timed part: resolve the law for the month, then compute both amounts for every household.
pub(crate) fn compute(
    params: &legal::Params,
    month: Date,
    h: &Households,
) -> Result<(Totals, Vec<i64>, Vec<i64>), rules::RuleError> {
    const CHUNK: usize = 16 * 1024;
    let rates = RentRates::resolve(params, month)?;
    let cap = certificate_cap(params, month, &mut Explanation::default())?.tiyn();
    let n = h.members.len();
    let mut rent = vec![0i64; n];
    let mut cert = vec![0i64; n];
    let (rent_total, cert_total) = (
        h.urban.par_chunks(CHUNK),
        h.members.par_chunks(CHUNK),
        h.months_paid.par_chunks(CHUNK),
        h.appraised_tiyn.par_chunks(CHUNK),
        rent.par_chunks_mut(CHUNK),
        cert.par_chunks_mut(CHUNK),
    )
        .into_par_iter()
        .map(|(urban, members, months, appraised, rent, cert)| {
            let (mut r_sum, mut c_sum) = (0i64, 0i64);
            let inputs = urban.iter().zip(members).zip(months).zip(appraised);
            for ((((u, m), p), a), (r, c)) in inputs.zip(rent.iter_mut().zip(cert.iter_mut())) {
                *r = rates.tiyn(*u, *m, *p);
                *c = (*a).min(cap);
                r_sum += *r;
                c_sum += *c;
            }
            (r_sum, c_sum)
        })
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    Ok((
        Totals {
            rent_tiyn: rent_total,
            certificate_tiyn: cert_total,
        },
        rent,
        cert,
    ))
}

/// Re-computes a sample through the explained rule functions and compares.
fn cross_check(params: &legal::Params, month: Date, h: &Households, rent: &[i64], cert: &[i64]) -> Result<(), Failure> {
    let step = (h.members.len() / 997).max(1);
    for i in (0..h.members.len()).step_by(step) {
        let (Some(&u), Some(&m), Some(&p), Some(&a), Some(&r), Some(&c)) = (
            h.urban.get(i),
            h.members.get(i),
            h.months_paid.get(i),
            h.appraised_tiyn.get(i),
            rent.get(i),
            cert.get(i),
        ) else {
            continue;
        };
        let size = HouseholdSize::new(m).ok_or_else(|| Failure::internal("household of zero".into()))?;
        let locality = if u { Locality::Urban } else { Locality::Rural };
        let slow_rent = rent_compensation(params, &RentClaim::new(month, locality, size, p))
            .map_err(|e| Failure::internal(e.to_string()))?
            .amount()
            .map_or(0, Money::tiyn);
        let slow_cert = certificate_payment(params, &CertificateClaim::new(month, Money::from_tiyn(a)))
            .map_err(|e| Failure::internal(e.to_string()))?
            .amount()
            .map_or(0, Money::tiyn);
        if slow_rent != r || slow_cert != c {
            return Err(Failure::internal(format!(
                "household {i}: fast path differs from the explained rules"
            )));
        }
    }
    Ok(())
}

fn dump(path: &PathBuf, h: &Households) -> std::io::Result<()> {
    let mut w = BufWriter::new(File::create(path)?);
    writeln!(w, "household,urban,members,months_paid,appraised_tiyn")?;
    for (i, (((u, m), p), a)) in h
        .urban
        .iter()
        .zip(&h.members)
        .zip(&h.months_paid)
        .zip(&h.appraised_tiyn)
        .enumerate()
    {
        writeln!(w, "{i},{},{m},{p},{a}", u8::from(*u))?;
    }
    w.flush()
}

pub(crate) fn run(cmd: BenchCmd, database: &str, out: &Out) -> Result<ExitCode, Failure> {
    if let BenchCmd::Documents { count } = &cmd {
        return crate::bench_documents::run(count, out);
    }
    if let BenchCmd::Rush {
        applicants,
        places,
        clients,
        officers,
        seed,
    } = &cmd
    {
        let rush = crate::bench_rush::args(applicants, places, clients, officers, *seed)?;
        return crate::bench_rush::run(database, &rush, out);
    }
    if let BenchCmd::Payroll { cases, chunk } = &cmd {
        return crate::cmd_payroll::bench(database, cases, chunk, out);
    }
    if let BenchCmd::Intake {
        commands,
        clients,
        seed,
    } = cmd
    {
        return crate::bench_store::intake(database, &commands, &clients, seed, out);
    }
    let BenchCmd::Rules {
        households,
        seed,
        month,
        repeat,
        dump_households,
    } = cmd
    else {
        return Err(Failure::internal("bench command not handled".into()));
    };
    let n: usize = parse::positive(&households, "--households")?;
    let repeat: usize = parse::positive(&repeat, "--repeat")?;
    let month = parse::month(&month, "--month")?;
    let law = law()?;
    let h = generate(n, seed, !out.json);
    if let Some(path) = &dump_households {
        dump(path, &h).map_err(|e| Failure::internal(format!("{}: {e}", path.display())))?;
    }
    let mut times = Vec::with_capacity(repeat);
    let mut last = None;
    for _ in 0..repeat {
        let started = Instant::now();
        let result = compute(&law.params, month, &h).map_err(|e| Failure::from_rule(&e, "--month"))?;
        times.push(started.elapsed().as_secs_f64());
        last = Some(result);
    }
    let Some((totals, rent, cert)) = last else {
        return Err(Failure::internal("no repetition ran".into()));
    };
    cross_check(&law.params, month, &h, &rent, &cert)?;
    times.sort_by(f64::total_cmp);
    let median = times.get(times.len() / 2).copied().unwrap_or(0.0);
    let best = times.first().copied().unwrap_or(0.0);
    let per_second = if median > 0.0 { n as f64 / median } else { 0.0 };
    if out.json {
        out.json(&json!({
            "households": n,
            "persons": h.members.iter().map(|m| u64::from(*m)).sum::<u64>(),
            "seed": seed,
            "month": month.strftime("%Y-%m").to_string(),
            "repeat": repeat,
            "seconds": median,
            "best_seconds": best,
            "households_per_second": per_second,
            "threads": rayon::current_num_threads(),
            "total_rent_tiyn": totals.rent_tiyn,
            "total_certificate_tiyn": totals.certificate_tiyn,
        }));
    } else {
        out.line(format!(
            "{n} households, median {:.3} ms (best {:.3} ms) over {repeat} runs: {per_second:.0} households/s on {} threads",
            median * 1e3,
            best * 1e3,
            rayon::current_num_threads()
        ));
        out.line(format!(
            "rent {} · certificate {}",
            render::format_tiyn(totals.rent_tiyn),
            render::format_tiyn(totals.certificate_tiyn)
        ));
    }
    Ok(ExitCode::SUCCESS)
}
