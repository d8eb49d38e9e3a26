//! Commands over the database: `qonys migrate`, `qonys audit verify`, `qonys quota set|show`.

use std::future::Future;
use std::process::ExitCode;

use clap::Subcommand;
use kz::Kato;
use serde_json::json;
use store::{Actor, Admin, Channel, QuotaCategory, QuotaKey, QuotaUnit, Role, Store};

use crate::db::Db;

use crate::failure::Failure;
use crate::output::Out;
use crate::{now, parse};

#[derive(Debug, Clone, Copy, Subcommand)]
pub(crate) enum AuditCmd {
    /// Walks the hash chain from the first record; exits 1 and names the first broken record if any.
    Verify,
}

#[derive(Debug, Subcommand)]
pub(crate) enum QuotaCmd {
    /// Sets the size of a regional quota for a year (creates it if new); audited.
    Set {
        #[arg(long, allow_hyphen_values = true)]
        year: String,
        /// KATO code of the territorial unit.
        #[arg(long, allow_hyphen_values = true)]
        territory: String,
        /// kandas | resettler
        #[arg(long)]
        category: String,
        /// persons | families (the order does not say which; each quota states it)
        #[arg(long)]
        unit: String,
        #[arg(long, allow_hyphen_values = true)]
        total: String,
        /// The act that sets the quota, e.g. "akimat resolution No. 12 of 2026-01-15".
        #[arg(long)]
        basis: String,
        /// Account of the administrator making the change.
        #[arg(long)]
        actor: String,
    },
    /// Sets every quota of a year from the law data (`law/quotas/<year>.toml`), with its act as the basis.
    Load {
        #[arg(long, allow_hyphen_values = true)]
        year: String,
        /// Account of the administrator making the change.
        #[arg(long)]
        actor: String,
    },
    /// The quota as it stands: total, allocated, remaining.
    Show {
        #[arg(long, allow_hyphen_values = true)]
        year: String,
        #[arg(long, allow_hyphen_values = true)]
        territory: String,
        #[arg(long)]
        category: String,
    },
}

/// Runs one database command to completion on a small runtime of its own.
fn block_on<T>(f: impl Future<Output = Result<T, Failure>>) -> Result<T, Failure> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::internal(format!("runtime: {e}")))?
        .block_on(f)
}

pub(crate) async fn open(database: &str) -> Result<Db, Failure> {
    Db::open(database).await.map_err(|e| Failure::from_store(&e))
}

pub(crate) fn migrate(database: &str, out: &Out) -> Result<ExitCode, Failure> {
    block_on(async {
        let store = open(database).await?;
        store.close().await;
        Ok(())
    })?;
    if out.json {
        out.json(&json!({ "migrated": true }));
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn audit(cmd: AuditCmd, database: &str, out: &Out) -> Result<ExitCode, Failure> {
    let AuditCmd::Verify = cmd;
    let report = block_on(async {
        let store = open(database).await?;
        let report = store.verify_audit().await.map_err(|e| Failure::from_store(&e));
        store.close().await;
        report
    })?;
    let count = report.verified.to_string();
    match &report.first_break {
        None => {
            if out.json {
                out.json(&json!({ "intact": true, "verified": report.verified }));
            } else {
                out.line(out.msg_with("out_audit_intact", &[("count", &count)]));
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(b) => {
            if out.json {
                out.json(&json!({
                    "intact": false,
                    "verified": report.verified,
                    "first_break": { "chain": b.chain, "seq": b.seq, "kind": b.kind.key() },
                }));
            } else {
                let seq = b.seq.to_string();
                let kind = out.msg(&format!("audit_break_{}", b.kind.key()));
                out.line(out.msg_with(
                    "out_audit_broken",
                    &[("chain", &b.chain), ("seq", &seq), ("kind", &kind), ("count", &count)],
                ));
            }
            Ok(ExitCode::from(1))
        }
    }
}

fn quota_key(year: &str, territory: &str, category: &str) -> Result<QuotaKey, Failure> {
    Ok(QuotaKey {
        year: parse::count(year, "--year")?,
        territory: Kato::parse(territory.trim()).map_err(|e| Failure::from_code(&e, "--territory"))?,
        category: QuotaCategory::from_key(category.trim())
            .ok_or_else(|| Failure::input("invalid_category", "--category"))?,
    })
}

fn quota_json(q: &store::Quota) -> serde_json::Value {
    json!({
        "year": q.key.year,
        "territory": q.key.territory.as_str(),
        "category": q.key.category.key(),
        "unit": q.unit.key(),
        "total": q.total,
        "allocated": q.allocated,
        "remaining": q.remaining(),
    })
}

pub(crate) fn quota(cmd: QuotaCmd, database: &str, out: &Out) -> Result<ExitCode, Failure> {
    let quota = match cmd {
        QuotaCmd::Load { year, actor } => return load(&year, &actor, database, out),
        QuotaCmd::Set {
            year,
            territory,
            category,
            unit,
            total,
            basis,
            actor,
        } => {
            let key = quota_key(&year, &territory, &category)?;
            let unit = QuotaUnit::from_key(unit.trim()).ok_or_else(|| Failure::input("invalid_unit", "--unit"))?;
            let total: u32 = parse::count(&total, "--total")?;
            let actor = Actor::new(actor.trim(), Role::Administrator, Channel::Cli)
                .map_err(|_| Failure::input("invalid_account", "--actor"))?;
            let at = now();
            block_on(async {
                let store = open(database).await?;
                let q = store.set_quota(&key, unit, total, &actor, basis.trim(), at).await;
                store.close().await;
                q.map_err(|e| Failure::from_store(&e))
            })?
        }
        QuotaCmd::Show {
            year,
            territory,
            category,
        } => {
            let key = quota_key(&year, &territory, &category)?;
            block_on(async {
                let store = open(database).await?;
                let q = store.quota(&key).await;
                store.close().await;
                q.map_err(|e| Failure::from_store(&e))
            })?
        }
    };
    if out.json {
        out.json(&quota_json(&quota));
    } else {
        out.line(format!(
            "{} {} {}: {} / {} ({}), {}",
            quota.key.year,
            quota.key.territory,
            quota.key.category.key(),
            quota.allocated,
            quota.total,
            quota.unit.key(),
            quota.remaining()
        ));
    }
    Ok(ExitCode::SUCCESS)
}

fn load(year: &str, actor: &str, database: &str, out: &Out) -> Result<ExitCode, Failure> {
    let year: i16 = parse::count(year, "--year")?;
    let data = legal::quotas::for_year(year)
        .ok_or_else(|| Failure::input("quota_year_not_in_law", "--year"))?
        .map_err(Failure::internal)?;
    let unit = QuotaUnit::from_key(&data.unit).ok_or_else(|| Failure::internal(format!("unit {}", data.unit)))?;
    let actor = Actor::new(actor.trim(), Role::Administrator, Channel::Cli)
        .map_err(|_| Failure::input("invalid_account", "--actor"))?;
    let at = now();
    let quotas = block_on(async {
        let store = open(database).await?;
        let mut set = Vec::new();
        for line in &data.lines {
            let key = quota_key(&year.to_string(), &line.territory, line.category)?;
            set.push(
                store
                    .set_quota(&key, unit, line.size, &actor, &data.basis, at)
                    .await
                    .map_err(|e| Failure::from_store(&e))?,
            );
        }
        store.close().await;
        Ok(set)
    })?;
    if out.json {
        out.json(&json!({ "year": year, "basis": data.basis, "source": data.source, "quotas": quotas.iter().map(quota_json).collect::<Vec<_>>() }));
    } else {
        for q in &quotas {
            out.line(format!(
                "{} {} {}: {} ({})",
                q.key.year,
                q.key.territory.region().name_en,
                q.key.category.key(),
                q.total,
                q.unit.key()
            ));
        }
    }
    Ok(ExitCode::SUCCESS)
}
