//! `qonys`: the one binary. It reads the arguments, the environment and the clock, calls the pure crates
//! and prints the result for a person (Kazakh by default, Russian with `--lang ru`) or as JSON (`--json`).
//!
//! Exit codes: 0 done; 1 the value checked by `validate` is invalid; 2 bad input; 3 internal defect.

#![allow(clippy::print_stdout, clippy::print_stderr, reason = "printing is this crate's job")]

mod bench;
mod bench_documents;
mod bench_rush;
mod bench_store;
mod calc;
mod cmd_account;
mod cmd_batch;
mod cmd_calendar;
mod cmd_document;
mod cmd_payroll;
mod cmd_seed;
mod cmd_serve;
mod cmd_store;
mod config;
mod db;
mod failure;
mod law_cmd;
mod output;
mod parse;
mod validate;
mod witness;

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use render::Lang;

use crate::failure::Failure;
use crate::output::Out;

#[derive(Debug, Parser)]
#[command(
    name = "qonys",
    version,
    about = "Regional quota and voluntary resettlement for labour mobility (order No. 359)"
)]
struct Cli {
    /// Language of messages: kk (default) or ru.
    #[arg(long, global = true, env = "QONYS_LANG")]
    lang: Option<String>,
    /// Print JSON instead of text.
    #[arg(long, global = true)]
    json: bool,
    /// The database: sqlite://PATH (created if missing; default sqlite://qonys.db) or
    /// postgres://USER@HOST:PORT/DB.
    #[arg(long, global = true, env = "QONYS_DATABASE_URL")]
    database: Option<String>,
    /// A TOML file with settings (`database`, `bind`, `lang`, `log_json`); a flag or an environment variable
    /// overrides the file.
    #[arg(long, global = true, env = "QONYS_CONFIG")]
    config: Option<std::path::PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// The legal working-day calendar.
    #[command(subcommand)]
    Calendar(cmd_calendar::CalendarCmd),
    /// Amounts, windows and due dates of the rules, with their explanation.
    #[command(subcommand)]
    Calc(calc::CalcCmd),
    /// Check an IIN, BIN, IBAN or KATO code (exit 1 when invalid).
    Validate {
        /// iin | bin | iban | kato
        kind: validate::Kind,
        value: String,
    },
    /// The law embedded in this binary and the amendments the database adds to it.
    #[command(subcommand)]
    Law(law_cmd::LawCmd),
    /// Benchmarks.
    #[command(subcommand)]
    Bench(bench::BenchCmd),
    /// Creates the database or brings its schema up to date.
    Migrate,
    /// The tamper-evident audit log.
    #[command(subcommand)]
    Audit(cmd_store::AuditCmd),
    /// Regional quotas per year, territorial unit and category.
    #[command(subcommand)]
    Quota(cmd_store::QuotaCmd),
    /// Sign-in accounts.
    #[command(subcommand)]
    Account(AccountCmd),
    /// The web service (health, readiness, metrics, sign-in; the API and the web interface are being built).
    Serve {
        /// Address to listen on (default 127.0.0.1:8080).
        #[arg(long, env = "QONYS_BIND")]
        bind: Option<String>,
        /// Logs as JSON lines (for log collectors) instead of text.
        #[arg(long)]
        log_json: bool,
        /// Loads demo data first: the sandbox population, the 2026 quotas, an account for every role (printed)
        /// and a few hundred applications.
        #[arg(long)]
        demo: bool,
        /// Issues the documents of the case steps, signed with the certificates in this folder (`qonys pki
        /// init`; created if missing in demo mode). Without it, documents are recorded as requested only.
        #[arg(long, env = "QONYS_PKI")]
        pki: Option<std::path::PathBuf>,
        /// The address the service is reached at, printed in the documents' QR codes (`{url}/verify/{number}`);
        /// defaults to `http://` and the address listened on.
        #[arg(long, env = "QONYS_PUBLIC_URL")]
        public_url: Option<String>,
        /// The key that signs the audit checkpoints (created, owner-only, if missing; default for SQLite:
        /// beside the database file, `qonys.db.audit-key`). Never inside the database.
        #[arg(long)]
        audit_key: Option<std::path::PathBuf>,
        /// The witness folder the signed checkpoints of the audit chains go to, every minute and when the
        /// service stops (default for SQLite: `qonys.db.witness`; required for PostgreSQL).
        #[arg(long)]
        audit_witness: Option<std::path::PathBuf>,
    },
    /// Loads the synthetic population of the registries sandbox (replacing the one loaded before).
    Seed {
        #[arg(long, default_value = "100000", allow_hyphen_values = true)]
        persons: String,
        #[arg(long, default_value = "2026")]
        seed: u64,
    },
    /// The monthly payroll of rent compensation.
    #[command(subcommand)]
    Payroll(cmd_payroll::PayrollCmd),
    /// Batches of commands (safe to re-run: each command has its idempotency key).
    #[command(subcommand)]
    Batch(cmd_batch::BatchCmd),
    /// Official documents: a signed sample of a form, verification of a signed PDF.
    #[command(subcommand)]
    Document(cmd_document::DocumentCmd),
    /// The demo certification authority.
    #[command(subcommand)]
    Pki(cmd_document::PkiCmd),
    /// An amount in words, as decisions and payment documents write it (e.g. 7028125.00).
    Words { amount: String },
}

#[derive(Debug, Subcommand)]
enum AccountCmd {
    /// Creates or changes an account; the password comes from QONYS_PASSWORD or standard input (12+ characters).
    Set {
        #[arg(long)]
        login: String,
        /// citizen | state_corporation_operator | career_centre | labour_mobility_centre | local_executive_body |
        /// commission | appeal_body | employer | administrator
        #[arg(long)]
        role: String,
        /// KATO code of the region the account may act in (none: every region).
        #[arg(long)]
        territory: Option<String>,
        /// Account of the administrator making the change.
        #[arg(long)]
        actor: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let file = match cli.config.as_deref().map(config::Settings::read).transpose() {
        Ok(file) => file.unwrap_or_default(),
        Err(failure) => {
            Out::new(Lang::Kk, cli.json).failure(&failure);
            return ExitCode::from(failure.exit_code());
        }
    };
    let lang = match cli
        .lang
        .or(file.lang.clone())
        .unwrap_or_else(|| "kk".into())
        .parse::<Lang>()
    {
        Ok(lang) => lang,
        Err(e) => {
            eprintln!("--lang: {e}");
            return ExitCode::from(2);
        }
    };
    let out = Out::new(lang, cli.json);
    let database = cli
        .database
        .or(file.database.clone())
        .unwrap_or_else(|| config::DEFAULT_DATABASE.into());
    let result = run(cli.command, &database, &file, &out);
    match result {
        Ok(code) => code,
        Err(failure) => {
            out.failure(&failure);
            ExitCode::from(failure.exit_code())
        }
    }
}

fn run(command: Command, database: &str, file: &config::Settings, out: &Out) -> Result<ExitCode, Failure> {
    match command {
        Command::Calendar(cmd) => cmd_calendar::run(cmd, out),
        Command::Calc(cmd) => calc::run(cmd, out),
        Command::Validate { kind, value } => Ok(validate::run(kind, &value, out)),
        Command::Law(cmd) => law_cmd::run(cmd, database, out),
        Command::Bench(cmd) => bench::run(cmd, database, out),
        Command::Migrate => cmd_store::migrate(database, out),
        Command::Audit(cmd) => cmd_store::audit(cmd, database, file, out),
        Command::Quota(cmd) => cmd_store::quota(cmd, database, out),
        Command::Batch(cmd) => cmd_batch::run(cmd, database, out),
        Command::Payroll(cmd) => cmd_payroll::run(cmd, database, out),
        Command::Document(cmd) => cmd_document::run(cmd, out),
        Command::Pki(cmd) => cmd_document::pki(cmd, out),
        Command::Words { amount } => cmd_document::words(&amount, out),
        Command::Seed { persons, seed } => cmd_seed::run(&persons, seed, database, out),
        Command::Account(AccountCmd::Set {
            login,
            role,
            territory,
            actor,
        }) => cmd_account::set(&login, &role, territory.as_deref(), &actor, database, out),
        Command::Serve {
            bind,
            log_json,
            demo,
            pki,
            public_url,
            audit_key,
            audit_witness,
        } => {
            let bind = bind
                .or(file.bind.clone())
                .unwrap_or_else(|| config::DEFAULT_BIND.into());
            let signing = cmd_serve::Signing { pki, public_url };
            let (dir, key) = cmd_store::witness_paths(database, audit_witness, audit_key, file)
                .ok_or_else(|| Failure::input("audit_witness_required", "--audit-witness"))?;
            let mut exposure = cmd_serve::Exposure::of(file, demo)?;
            exposure.witness = Some(witness::Witness::open(&dir, &key)?);
            cmd_serve::run(
                &bind,
                log_json || file.log_json,
                demo,
                database,
                &signing,
                &exposure,
                out,
            )
        }
    }
}

/// The one place the clock is read.
fn now() -> jiff::Timestamp {
    #[expect(clippy::disallowed_methods, reason = "cli is the one place that reads the clock")]
    jiff::Timestamp::now()
}

/// Today's date in Kazakhstan, which keeps one time zone, UTC+5, since 1 March 2024 (Government decree
/// No. 1054 of 30 Nov 2023), so no time-zone database is needed.
fn today() -> Result<jiff::civil::Date, Failure> {
    Ok(jiff::tz::offset(5).to_datetime(now()).date())
}

/// The embedded law, parsed once per command.
fn law() -> Result<legal::Law, Failure> {
    legal::Law::embedded().map_err(|e| Failure::internal(format!("{e:#}")))
}
