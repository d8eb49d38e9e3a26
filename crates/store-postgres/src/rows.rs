//! Rows back into domain values. A column that does not parse is `StoreError::Corrupt`, not a panic.

use std::str::FromStr;

use jiff::Timestamp;
use kz::Kato;
use store::audit::AuditRecord;
use store::{CaseId, CaseRecord, Quota, QuotaCategory, QuotaKey, QuotaUnit, StoreError};
use tokio_postgres::Row;
use tokio_postgres::types::FromSql;

fn corrupt(table: &'static str, id: &str, reason: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt {
        table,
        id: id.to_owned(),
        reason: reason.to_string(),
    }
}

fn get<'a, T: FromSql<'a>>(row: &'a Row, table: &'static str, id: &str, i: usize) -> Result<T, StoreError> {
    row.try_get(i).map_err(|e| corrupt(table, id, e))
}

pub(crate) fn case_record(row: &Row) -> Result<CaseRecord, StoreError> {
    const T: &str = "cases";
    let id: i64 = get(row, T, "?", 0)?;
    let key = id.to_string();
    let territory: String = get(row, T, &key, 2)?;
    let year: i64 = get(row, T, &key, 4)?;
    let created_at: String = get(row, T, &key, 9)?;
    let updated_at: String = get(row, T, &key, 10)?;
    Ok(CaseRecord {
        id: CaseId(id),
        kind: get(row, T, &key, 1)?,
        territory: Kato::parse(&territory).map_err(|e| corrupt(T, &key, e))?,
        region: get(row, T, &key, 3)?,
        year: i16::try_from(year).map_err(|e| corrupt(T, &key, e))?,
        sequence: get(row, T, &key, 5)?,
        state: get(row, T, &key, 6)?,
        payload: get(row, T, &key, 7)?,
        version: get(row, T, &key, 8)?,
        created_at: Timestamp::from_str(&created_at).map_err(|e| corrupt(T, &key, e))?,
        updated_at: Timestamp::from_str(&updated_at).map_err(|e| corrupt(T, &key, e))?,
    })
}

pub(crate) fn quota_record(row: &Row) -> Result<Quota, StoreError> {
    const T: &str = "quotas";
    let year: i64 = get(row, T, "?", 0)?;
    let territory: String = get(row, T, "?", 1)?;
    let key = format!("{year}/{territory}");
    let category: String = get(row, T, &key, 2)?;
    let unit: String = get(row, T, &key, 3)?;
    let total: i64 = get(row, T, &key, 4)?;
    let allocated: i64 = get(row, T, &key, 5)?;
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
}

pub(crate) fn audit_record(row: &Row) -> Result<AuditRecord, StoreError> {
    const T: &str = "audit";
    let seq: i64 = get(row, T, "?", 0)?;
    let key = seq.to_string();
    Ok(AuditRecord {
        seq,
        at: get(row, T, &key, 1)?,
        account: get(row, T, &key, 2)?,
        role: get(row, T, &key, 3)?,
        on_behalf_of: get(row, T, &key, 4)?,
        channel: get(row, T, &key, 5)?,
        action: get(row, T, &key, 6)?,
        basis: get(row, T, &key, 7)?,
        case_id: get(row, T, &key, 8)?,
        detail: get(row, T, &key, 9)?,
        prev_hash: get(row, T, &key, 10)?,
        hash: get(row, T, &key, 11)?,
    })
}
