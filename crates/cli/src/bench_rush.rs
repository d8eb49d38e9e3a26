//! `qonys bench rush`: the 1 January rush. On a fresh database, one territorial unit's 2026 resettler quota of
//! P places; N applicants of the registries sandbox apply through the portal's use case (each for themselves,
//! with consent, the documents coming from the information systems) over C clients at once, while the
//! provider's officers take each application as it arrives: accept the package, weigh the grounds, record the
//! regional commission's decision and include, or refuse on the grounds the registries make out. With no place
//! left an inclusion turns into the refusal on ground R4, as the use case does it, and the portal no longer
//! offers the unit to those still applying (they are told so and no application is made).
//!
//! The use cases are called directly, not over HTTP: on PostgreSQL through two instances of the application,
//! each with its own connection pool on the same database, as two `qonys serve` processes would be; on SQLite
//! through one. The figures: the time from the first application to the last decision, the applicants'
//! latency (p99) and the officers', and the allocation read back from the database.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use app::{App, AppError, Inclusion, Principal, QuotaApplication};
use cases::quota_grounds::Finding;
use jiff::Timestamp;
use kz::Kato;
use registries::sandbox::{Population, SandboxRegistries};
use serde_json::json;
use store::{Admin, Channel, IdempotencyKey, QuotaCategory, QuotaKey, QuotaUnit, Role, Store};
use tokio::sync::{Mutex, mpsc};

use crate::cmd_batch::app_failure;
use crate::db::Db;
use crate::failure::Failure;
use crate::output::Out;
use crate::parse;

/// The territorial unit of destination: Pavlodar region.
const UNIT: &str = "550000000";

/// The first working day of 2026 at 09:00 in Kazakhstan (1 and 2 January are holidays, 3 and 4 a weekend): the
/// clock the use cases see starts here and runs with the real one.
const OPENING: i64 = 1_767_585_600;

type RushApp = App<Db, SandboxRegistries>;

/// A fresh database for one run, removed after it.
pub(crate) enum Fresh {
    Sqlite { dir: std::path::PathBuf },
    Postgres { server: String, name: String },
}

impl Fresh {
    pub(crate) async fn create(database: &str, run: &str) -> Result<(Fresh, String), Failure> {
        if database.starts_with("postgres://") || database.starts_with("postgresql://") {
            let base = database
                .rsplit_once('/')
                .map(|(_, db)| db.split('?').next().unwrap_or(db))
                .unwrap_or("qonys");
            let base: String = base
                .chars()
                .map(|c| c.to_ascii_lowercase())
                .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let name = format!("{base}_rush_{run}");
            let url = store_postgres::PgStore::create_database(database, &name)
                .await
                .map_err(|e| Failure::from_store(&e))?;
            Ok((
                Fresh::Postgres {
                    server: database.to_owned(),
                    name,
                },
                url,
            ))
        } else if !database.starts_with("sqlite:") {
            Err(Failure::from_store(&store::StoreError::Unavailable(
                "the database URL must start with sqlite:// or postgres://".into(),
            )))
        } else {
            let dir = std::env::temp_dir().join(format!("qonys-rush-{run}"));
            std::fs::create_dir_all(&dir).map_err(|e| Failure::internal(format!("{}: {e}", dir.display())))?;
            let url = format!("sqlite://{}", dir.join("rush.db").display());
            Ok((Fresh::Sqlite { dir }, url))
        }
    }

    pub(crate) async fn remove(self) {
        match self {
            Fresh::Sqlite { dir } => drop(std::fs::remove_dir_all(dir)),
            Fresh::Postgres { server, name } => drop(store_postgres::PgStore::drop_database(&server, &name).await),
        }
    }
}

/// What one officer's handling of one application came to.
enum Outcome {
    Included { places: u32 },
    RefusedNoPlaces,
    RefusedOnGrounds,
}

#[derive(Default)]
struct Tally {
    included: u64,
    places_of_included: u64,
    refused_no_places: u64,
    refused_on_grounds: u64,
    refused_at_portal: u64,
    errors: u64,
    error_codes: std::collections::BTreeMap<String, u64>,
    submit_ms: Vec<f64>,
    decide_ms: Vec<f64>,
}

impl Tally {
    fn error(&mut self, e: &AppError) {
        self.errors += 1;
        *self.error_codes.entry(e.code().to_owned()).or_default() += 1;
    }

    fn add(&mut self, other: Tally) {
        self.included += other.included;
        self.places_of_included += other.places_of_included;
        self.refused_no_places += other.refused_no_places;
        self.refused_on_grounds += other.refused_on_grounds;
        self.refused_at_portal += other.refused_at_portal;
        self.errors += other.errors;
        for (code, n) in other.error_codes {
            *self.error_codes.entry(code).or_default() += n;
        }
        self.submit_ms.extend(other.submit_ms);
        self.decide_ms.extend(other.decide_ms);
    }
}

fn p99(samples: &mut [f64]) -> f64 {
    samples.sort_by(f64::total_cmp);
    let rank = (samples.len() * 99).div_ceil(100);
    samples.get(rank.saturating_sub(1)).copied().unwrap_or(0.0)
}

fn key(run: &str, what: &str, i: usize) -> Result<IdempotencyKey, Failure> {
    IdempotencyKey::parse(&format!("rush-{run}-{what}-{i:06}")).ok_or_else(|| Failure::internal("key".into()))
}

fn quota_key() -> Result<QuotaKey, Failure> {
    Ok(QuotaKey {
        year: 2026,
        territory: Kato::parse(UNIT).map_err(|e| Failure::internal(e.to_string()))?,
        category: QuotaCategory::Resettler,
    })
}

/// The clock the use cases see: the opening morning plus the time the run has taken.
fn clock(started: Instant) -> Result<Timestamp, Failure> {
    let since = jiff::SignedDuration::try_from(started.elapsed()).map_err(|e| Failure::internal(e.to_string()))?;
    Timestamp::from_second(OPENING)
        .and_then(|t| t.checked_add(since))
        .map_err(|e| Failure::internal(e.to_string()))
}

/// The first `n` adults of the sandbox who are not kandases and whose application the portal takes (checked
/// with the portal's own check, which writes nothing): each with their application and their principal.
async fn applicants(app: &RushApp, n: usize, started: Instant) -> Result<Vec<(Principal, QuotaApplication)>, Failure> {
    let mut chosen = Vec::with_capacity(n);
    for resident in &app.registries().population().residents {
        if chosen.len() == n {
            break;
        }
        if resident.kinship.is_some() || resident.kandas.is_some() {
            continue;
        }
        let principal = Principal::citizen("rush.applicant", resident.record.iin, Channel::Portal);
        let input = QuotaApplication {
            iin: resident.record.iin.as_str().to_owned(),
            category: "resettler".into(),
            territory: UNIT.into(),
            employment: Some("9".into()),
            consent: true,
            ..QuotaApplication::default()
        };
        match app.check_quota_application(&principal, &input, clock(started)?).await {
            Ok(()) => chosen.push((principal, input)),
            Err(AppError::Invalid(_)) => {}
            Err(e) => return Err(app_failure(&e)),
        }
    }
    if chosen.len() < n {
        return Err(Failure::Input {
            code: "rush_too_few_applicants",
            field: Some("--applicants"),
            args: vec![("available", chosen.len().to_string())],
        });
    }
    Ok(chosen)
}

/// An officer's handling of one application: accept the package, weigh the grounds, then refuse on those the
/// registries make out or record the commission's decision and include.
async fn decide(
    app: &RushApp,
    officer: &Principal,
    case: store::CaseId,
    state: &str,
    run: &str,
    i: usize,
    started: Instant,
) -> Result<Outcome, AppError> {
    let internal = |e: Failure| {
        AppError::Refused(if matches!(e, Failure::Input { .. }) {
            "input"
        } else {
            "internal"
        })
    };
    let at = || clock(started).map_err(internal);
    if state == "received" {
        app.accept_quota_application(officer, case, key(run, "accept", i).map_err(internal)?, at()?)
            .await?;
    }
    let assessed = app.assess_quota_case(officer, case, at()?).await?;
    let no_quota = cases::quota_a14::R4_NO_QUOTA.code;
    let grounds: Vec<String> = assessed
        .grounds
        .iter()
        .filter(|a| a.finding == Finding::Applies && a.ground.code != no_quota)
        .map(|a| a.ground.code.to_owned())
        .collect();
    if !grounds.is_empty() {
        let decided = app
            .decide_quota_inclusion(
                officer,
                case,
                &Inclusion::Refuse(grounds),
                Some("Тіркелім деректері бойынша"),
                key(run, "decide", i).map_err(internal)?,
                at()?,
            )
            .await?;
        return match decided.state.as_str() {
            "refused" => Ok(Outcome::RefusedOnGrounds),
            _ => Err(AppError::Refused("unexpected_state")),
        };
    }
    if assessed.commission_needed && assessed.commission.is_none() {
        let commission = app::quota::CommissionInput {
            date: app::kz_today(at()?).to_string(),
            protocol: format!("{}", 1 + i / 50),
            members: "Ахметова Г. С.\nБекенов Н. Т.\nСмирнова О. В.".into(),
            outcome: "include".into(),
        };
        app.record_quota_commission(
            officer,
            case,
            &commission,
            key(run, "commission", i).map_err(internal)?,
            at()?,
        )
        .await?;
    }
    let decided = app
        .decide_quota_inclusion(
            officer,
            case,
            &Inclusion::Include,
            None,
            key(run, "decide", i).map_err(internal)?,
            at()?,
        )
        .await?;
    match decided.state.as_str() {
        "included" => Ok(Outcome::Included {
            places: assessed.places_needed,
        }),
        "refused" if decided.grounds.iter().any(|g| g == no_quota) => Ok(Outcome::RefusedNoPlaces),
        _ => Err(AppError::Refused("unexpected_state")),
    }
}

pub(crate) struct Rush {
    pub(crate) applicants: usize,
    pub(crate) places: u32,
    pub(crate) clients: usize,
    pub(crate) officers: usize,
    pub(crate) seed: u64,
}

#[expect(
    clippy::too_many_lines,
    reason = "the run in its order: set up, send, decide, read back"
)]
async fn rush(database: &str, r: &Rush, run: &str, out: &Out) -> Result<serde_json::Value, Failure> {
    let law = crate::law()?;
    // A sandbox large enough to hold N heads of household the portal takes (job seekers who are not kandases).
    let persons = (r.applicants * 20).max(crate::cmd_batch::POPULATION);
    let (fresh, url) = Fresh::create(database, run).await?;
    let postgres = matches!(fresh, Fresh::Postgres { .. });
    let result = async {
        // Two instances on PostgreSQL, as two `qonys serve` processes on one database; one on SQLite.
        let mut apps = Vec::new();
        let mut stores = Vec::new();
        for _ in 0..if postgres { 2 } else { 1 } {
            let store = Db::open(&url).await.map_err(|e| Failure::from_store(&e))?;
            let app = App::new(
                store.clone(),
                SandboxRegistries::new(Population::generate(r.seed, persons, |_| {})),
                app::Laws::new(law.clone()),
            );
            app.refresh_law().await.map_err(|e| app_failure(&e))?;
            apps.push(Arc::new(app));
            stores.push(store);
        }
        let first = apps
            .first()
            .cloned()
            .ok_or_else(|| Failure::internal("no instance".into()))?;
        let db = stores
            .first()
            .cloned()
            .ok_or_else(|| Failure::internal("no instance".into()))?;
        let started = Instant::now();
        let admin = Principal::staff("rush.admin", Role::Administrator, None, Channel::Cli);
        first
            .set_quota(
                &admin,
                &quota_key()?,
                QuotaUnit::Persons,
                r.places,
                "qonys bench rush",
                clock(started)?,
            )
            .await
            .map_err(|e| app_failure(&e))?;
        let chosen = Arc::new(applicants(&first, r.applicants, started).await?);

        let bar = if out.json {
            indicatif::ProgressBar::hidden()
        } else {
            indicatif::ProgressBar::new(r.applicants as u64)
        };
        bar.set_style(
            indicatif::ProgressStyle::with_template("rush {bar:40} {pos}/{len} decided ({per_sec}, {eta})")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        let started = Instant::now();
        let (to_officers, inbox) = mpsc::unbounded_channel::<(usize, store::CaseId, &'static str)>();
        let inbox = Arc::new(Mutex::new(inbox));
        let mut officers = tokio::task::JoinSet::new();
        for o in 0..r.officers {
            let app = apps
                .get(o % apps.len())
                .cloned()
                .ok_or_else(|| Failure::internal("instance".into()))?;
            let (inbox, bar, run) = (Arc::clone(&inbox), bar.clone(), run.to_owned());
            let officer = Principal::staff(
                &format!("rush.officer.{o:02}"),
                Role::LocalExecutiveBody,
                Some(UNIT),
                Channel::Api,
            );
            officers.spawn(async move {
                let mut tally = Tally::default();
                loop {
                    let next = inbox.lock().await.recv().await;
                    let Some((i, case, state)) = next else { break };
                    let t = Instant::now();
                    match decide(&app, &officer, case, state, &run, i, started).await {
                        Ok(Outcome::Included { places }) => {
                            tally.included += 1;
                            tally.places_of_included += u64::from(places);
                        }
                        Ok(Outcome::RefusedNoPlaces) => tally.refused_no_places += 1,
                        Ok(Outcome::RefusedOnGrounds) => tally.refused_on_grounds += 1,
                        Err(e) => tally.error(&e),
                    }
                    tally.decide_ms.push(t.elapsed().as_secs_f64() * 1e3);
                    bar.inc(1);
                }
                tally
            });
        }
        let mut clients = tokio::task::JoinSet::new();
        for c in 0..r.clients {
            let (apps, chosen, to_officers, bar) =
                (apps.clone(), Arc::clone(&chosen), to_officers.clone(), bar.clone());
            let run = run.to_owned();
            let step = r.clients;
            clients.spawn(async move {
                let mut tally = Tally::default();
                for i in (c..chosen.len()).step_by(step) {
                    let (Some((principal, input)), Some(app)) = (chosen.get(i), apps.get(i % apps.len())) else {
                        continue;
                    };
                    let submitted = async {
                        let k = key(&run, "submit", i).map_err(|_| AppError::Refused("internal"))?;
                        let at = clock(started).map_err(|_| AppError::Refused("internal"))?;
                        let t = Instant::now();
                        let s = app.submit_quota_application(principal, input, k, at).await;
                        tally.submit_ms.push(t.elapsed().as_secs_f64() * 1e3);
                        s
                    }
                    .await;
                    match submitted {
                        Ok(s) => {
                            if to_officers.send((i, s.applied.case, s.state)).is_err() {
                                tally.error(&AppError::Refused("no_officer"));
                                bar.inc(1);
                            }
                        }
                        // Once the places are gone the portal no longer offers the unit: the applicant is told so
                        // and no application is made.
                        Err(AppError::Invalid(fields)) if fields.iter().any(|f| f.code == "no_places_here") => {
                            tally.refused_at_portal += 1;
                            bar.inc(1);
                        }
                        Err(e) => {
                            tally.error(&e);
                            bar.inc(1);
                        }
                    }
                }
                tally
            });
        }
        drop(to_officers);
        let mut tally = Tally::default();
        for set in [&mut clients, &mut officers] {
            while let Some(done) = set.join_next().await {
                tally.add(done.map_err(|e| Failure::internal(e.to_string()))?);
            }
        }
        let seconds = started.elapsed().as_secs_f64();
        bar.finish_and_clear();

        // The allocation as the database holds it.
        let quota = db.quota(&quota_key()?).await.map_err(|e| Failure::from_store(&e))?;
        let count = |state: &str| {
            let query = store::CaseQuery {
                kinds: vec!["quota_resettler".into()],
                states: vec![state.to_owned()],
                ..store::CaseQuery::default()
            };
            let store = db.clone();
            async move { store.count_cases(&query).await.map_err(|e| Failure::from_store(&e)) }
        };
        let (cases_included, cases_refused) = (count("included").await?, count("refused").await?);
        let cases = db
            .count_rows(store::Table::Cases)
            .await
            .map_err(|e| Failure::from_store(&e))?;
        let audit = db.verify_audit().await.map_err(|e| Failure::from_store(&e))?;
        for store in &stores {
            store.close().await;
        }
        let backend = stores.first().map_or("sqlite", Db::backend);
        let refused = tally.refused_no_places + tally.refused_on_grounds + tally.refused_at_portal;
        Ok::<_, Failure>(json!({
            "backend": backend,
            "instances": apps.len(),
            "applicants": r.applicants,
            "places": r.places,
            "clients": r.clients,
            "officers": r.officers,
            "places_allocated": quota.allocated,
            "included": tally.included,
            "places_of_included": tally.places_of_included,
            "refused": refused,
            "refused_no_places": tally.refused_no_places,
            "refused_on_grounds": tally.refused_on_grounds,
            "refused_at_portal": tally.refused_at_portal,
            "errors": tally.errors,
            "error_codes": tally.error_codes,
            "cases": cases,
            "cases_included": cases_included,
            "cases_refused": cases_refused,
            "audit_chain_intact": audit.is_intact(),
            "seconds": seconds,
            "applications_per_second": if seconds > 0.0 { r.applicants as f64 / seconds } else { 0.0 },
            "p99_ms": p99(&mut tally.submit_ms),
            "decision_p99_ms": p99(&mut tally.decide_ms),
        }))
    }
    .await;
    fresh.remove().await;
    result
}

pub(crate) fn run(database: &str, r: &Rush, out: &Out) -> Result<ExitCode, Failure> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::internal(format!("runtime: {e}")))?;
    let nanos = crate::now().as_nanosecond().unsigned_abs() % 1_000_000_000_000;
    let run_id = format!("{}_{nanos}", std::process::id());
    let v = runtime.block_on(rush(database, r, &run_id, out))?;
    let f = |k: &str| v.get(k).cloned().unwrap_or_default();
    if out.json {
        out.json(&v);
    } else {
        out.line(format!(
            "{} ({} instance(s)), {} applicants, {} places, {} clients, {} officers: {} included, {} refused ({} no places left, {} on grounds, {} turned away by the portal), {} errors; {} places allocated",
            f("backend").as_str().unwrap_or_default(),
            f("instances"),
            r.applicants,
            r.places,
            r.clients,
            r.officers,
            f("included"),
            f("refused"),
            f("refused_no_places"),
            f("refused_on_grounds"),
            f("refused_at_portal"),
            f("errors"),
            f("places_allocated"),
        ));
        out.line(format!(
            "{:.2} s, {:.0} applications/s, p99 {:.1} ms per application, {:.1} ms per decision",
            f("seconds").as_f64().unwrap_or(0.0),
            f("applications_per_second").as_f64().unwrap_or(0.0),
            f("p99_ms").as_f64().unwrap_or(0.0),
            f("decision_p99_ms").as_f64().unwrap_or(0.0),
        ));
    }
    Ok(ExitCode::SUCCESS)
}

/// Parses the arguments of `bench rush`.
pub(crate) fn args(applicants: &str, places: &str, clients: &str, officers: &str, seed: u64) -> Result<Rush, Failure> {
    Ok(Rush {
        applicants: parse::positive(applicants, "--applicants")?,
        places: parse::positive(places, "--places")?,
        clients: parse::positive(clients, "--clients")?,
        officers: parse::positive(officers, "--officers")?,
        seed,
    })
}
