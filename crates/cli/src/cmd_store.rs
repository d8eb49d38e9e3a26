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

#[derive(Debug, Clone, Subcommand)]
pub(crate) enum AuditCmd {
    /// Walks the hash chains from the first record and checks them against every signed checkpoint of the
    /// witness folder; exits 1 and names the first broken or unwitnessed record (or a checkpoint that does
    /// not verify) if any.
    Verify {
        /// The witness folder (default for SQLite: beside the database file, `qonys.db.witness`, if it exists).
        #[arg(long)]
        audit_witness: Option<std::path::PathBuf>,
    },
    /// Writes a signed checkpoint of every chain's head to the witness folder now (`serve` writes one every
    /// minute and when it stops).
    Checkpoint {
        /// The signing key (created, owner-only, if missing; default for SQLite: `qonys.db.audit-key`).
        #[arg(long)]
        audit_key: Option<std::path::PathBuf>,
        /// The witness folder (default for SQLite: `qonys.db.witness`).
        #[arg(long)]
        audit_witness: Option<std::path::PathBuf>,
    },
}

/// The witness folder and key file: the flags, else the configuration, else beside an SQLite database.
pub(crate) fn witness_paths(
    database: &str,
    witness: Option<std::path::PathBuf>,
    key: Option<std::path::PathBuf>,
    file: &crate::config::Settings,
) -> Option<(std::path::PathBuf, std::path::PathBuf)> {
    let defaults = crate::witness::defaults(database);
    let dir = witness
        .or_else(|| file.audit_witness.clone())
        .or_else(|| defaults.as_ref().map(|d| d.0.clone()))?;
    let key = key
        .or_else(|| file.audit_key.clone())
        .or_else(|| defaults.map(|d| d.1))
        .unwrap_or_else(|| dir.join("..").join("qonys-audit.key"));
    Some((dir, key))
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

pub(crate) fn audit(
    cmd: AuditCmd,
    database: &str,
    file: &crate::config::Settings,
    out: &Out,
) -> Result<ExitCode, Failure> {
    let witness = match cmd {
        AuditCmd::Checkpoint {
            audit_key,
            audit_witness,
        } => {
            let (dir, key) = witness_paths(database, audit_witness, audit_key, file)
                .ok_or_else(|| Failure::input("audit_witness_required", "--audit-witness"))?;
            let witness = crate::witness::Witness::open(&dir, &key)?;
            let path = block_on(async {
                let store = open(database).await?;
                let records = store.audit_records().await.map_err(|e| Failure::from_store(&e));
                store.close().await;
                witness.checkpoint(&records?, crate::now())
            })?;
            if out.json {
                out.json(&json!({ "checkpoint": path.display().to_string() }));
            } else {
                out.line(path.display().to_string());
            }
            return Ok(ExitCode::SUCCESS);
        }
        AuditCmd::Verify { audit_witness } => witness_paths(database, audit_witness.clone(), None, file)
            .map(|(dir, _)| dir)
            .filter(|dir| audit_witness.is_some() || dir.exists()),
    };
    let (mut report, records, rows) = block_on(async {
        let store = open(database).await?;
        let report = store.verify_audit().await.map_err(|e| Failure::from_store(&e));
        let records = store.audit_records().await.map_err(|e| Failure::from_store(&e));
        let rows = store.case_digests().await.map_err(|e| Failure::from_store(&e));
        let quotas = store.quota_digests().await.map_err(|e| Failure::from_store(&e));
        store.close().await;
        Ok::<_, Failure>((report?, records?, (rows?, quotas?)))
    })?;
    let (rows, quotas) = rows;
    let mut witnessed = 0;
    if let Some(dir) = &witness {
        let mut valid = Vec::new();
        for (name, checked) in crate::witness::checkpoints(dir)? {
            match checked {
                Ok(c) => valid.push(c),
                Err(e) => {
                    if out.json {
                        out.json(&json!({ "intact": false, "checkpoint": name, "code": e.code() }));
                    } else {
                        let reason = out.msg(e.code());
                        out.line(out.msg_with("out_audit_checkpoint_invalid", &[("file", &name), ("reason", &reason)]));
                    }
                    return Ok(ExitCode::from(1));
                }
            }
        }
        witnessed = valid.len();
        if report.first_break.is_none() {
            report.first_break = store::witness::check_all(&valid, &records);
        }
    }
    // Every case row against the digest the last audit record that wrote it keeps.
    let mut edited_row = None;
    if report.first_break.is_none() {
        let found = store::plan::unwritten_case(&records, &rows)
            .map(|(case, chain, seq)| (("case", case.to_string()), chain, seq))
            .or_else(|| {
                store::plan::unwritten_quota(&records, &quotas).map(|(key, chain, seq)| (("quota", key), chain, seq))
            });
        if let Some((row, chain, seq)) = found {
            edited_row = Some(row);
            report.first_break = Some(store::AuditBreak {
                chain,
                seq,
                kind: store::BreakKind::RowEdited,
            });
        }
    }
    let count = report.verified.to_string();
    match &report.first_break {
        None => {
            if out.json {
                out.json(&json!({ "intact": true, "verified": report.verified, "checkpoints": witnessed }));
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
                    "first_break": {
                        "chain": b.chain,
                        "seq": b.seq,
                        "kind": b.kind.key(),
                        "case": edited_row.as_ref().filter(|r| r.0 == "case").and_then(|r| r.1.parse::<i64>().ok()),
                        "quota": edited_row.as_ref().filter(|r| r.0 == "quota").map(|r| r.1.clone()),
                    },
                }));
            } else {
                let seq = b.seq.to_string();
                let kind = match &edited_row {
                    Some(("case", case)) => out.msg_with("audit_break_row_edited", &[("case", case)]),
                    Some((_, quota)) => out.msg_with("audit_break_quota_edited", &[("quota", quota)]),
                    None => out.msg(&format!("audit_break_{}", b.kind.key())),
                };
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
