//! Rows back into domain values. Every column is checked; a bad one is `StoreError::Corrupt`.

use kz::Kato;
use sqlx::Row;
use sqlx::any::AnyRow;
use store::audit::AuditRecord;
use store::{CaseId, CaseRecord, Quota, QuotaCategory, QuotaKey, QuotaUnit, StoreError};

use crate::timestamp;

fn get<T>(row: &AnyRow, table: &'static str, id: &str, column: usize) -> Result<T, StoreError>
where
    T: for<'r> sqlx::Decode<'r, sqlx::Any> + sqlx::Type<sqlx::Any>,
{
    row.try_get(column).map_err(|e| StoreError::Corrupt {
        table,
        id: id.to_owned(),
        reason: e.to_string(),
    })
}

fn corrupt(table: &'static str, id: &str, reason: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt {
        table,
        id: id.to_owned(),
        reason: reason.to_string(),
    }
}

pub(crate) fn case_record(row: &AnyRow) -> Result<CaseRecord, StoreError> {
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
        created_at: timestamp(T, &key, &created_at)?,
        updated_at: timestamp(T, &key, &updated_at)?,
    })
}

pub(crate) fn quota_record(row: &AnyRow) -> Result<Quota, StoreError> {
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

pub(crate) fn audit_record(row: &AnyRow) -> Result<AuditRecord, StoreError> {
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
