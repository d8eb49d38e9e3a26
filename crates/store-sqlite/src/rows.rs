//! Rows back into domain values. A column that does not parse is `StoreError::Corrupt`, not a panic.
//!
//! The outer `rusqlite::Result` is the driver's; the inner `Result` is ours, so a bad value in one row is
//! reported with its table and id.

use std::str::FromStr;

use jiff::Timestamp;
use kz::Kato;
use rusqlite::Row;
use store::audit::AuditRecord;
use store::{CaseId, CaseRecord, Quota, QuotaCategory, QuotaKey, QuotaUnit, StoreError};

fn corrupt(table: &'static str, id: &str, reason: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt {
        table,
        id: id.to_owned(),
        reason: reason.to_string(),
    }
}

fn timestamp(table: &'static str, id: &str, s: &str) -> Result<Timestamp, StoreError> {
    Timestamp::from_str(s).map_err(|e| corrupt(table, id, e))
}

pub(crate) fn case_record(r: &Row<'_>) -> rusqlite::Result<Result<CaseRecord, StoreError>> {
    const T: &str = "cases";
    let id: i64 = r.get(0)?;
    let key = id.to_string();
    let territory: String = r.get(2)?;
    let year: i64 = r.get(4)?;
    let created_at: String = r.get(9)?;
    let updated_at: String = r.get(10)?;
    let (kind, region, sequence, state, payload, version) =
        (r.get(1)?, r.get(3)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?);
    Ok((|| {
        Ok(CaseRecord {
            id: CaseId(id),
            kind,
            territory: Kato::parse(&territory).map_err(|e| corrupt(T, &key, e))?,
            region,
            year: i16::try_from(year).map_err(|e| corrupt(T, &key, e))?,
            sequence,
            state,
            payload,
            version,
            created_at: timestamp(T, &key, &created_at)?,
            updated_at: timestamp(T, &key, &updated_at)?,
        })
    })())
}

pub(crate) fn quota_record(r: &Row<'_>) -> rusqlite::Result<Result<Quota, StoreError>> {
    const T: &str = "quotas";
    let (year, territory, category, unit, total, allocated): (i64, String, String, String, i64, i64) =
        (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?);
    let key = format!("{year}/{territory}/{category}");
    Ok((|| {
        Ok(Quota {
            key: QuotaKey {
                year: i16::try_from(year).map_err(|e| corrupt(T, &key, e))?,
                territory: Kato::parse(&territory).map_err(|e| corrupt(T, &key, e))?,
                category: QuotaCategory::from_key(&category).ok_or_else(|| corrupt(T, &key, "unknown category"))?,
            },
            unit: QuotaUnit::from_key(&unit).ok_or_else(|| corrupt(T, &key, "unknown unit"))?,
            total: u32::try_from(total).map_err(|e| corrupt(T, &key, e))?,
            allocated: u32::try_from(allocated).map_err(|e| corrupt(T, &key, e))?,
        })
    })())
}

pub(crate) fn audit_record(r: &Row<'_>) -> Result<AuditRecord, StoreError> {
    let read = || -> rusqlite::Result<AuditRecord> {
        Ok(AuditRecord {
            seq: r.get(0)?,
            at: r.get(1)?,
            account: r.get(2)?,
            role: r.get(3)?,
            on_behalf_of: r.get(4)?,
            channel: r.get(5)?,
            action: r.get(6)?,
            basis: r.get(7)?,
            case_id: r.get(8)?,
            detail: r.get(9)?,
            prev_hash: r.get(10)?,
            hash: r.get(11)?,
        })
    };
    read().map_err(|e| corrupt("audit", "?", e))
}
