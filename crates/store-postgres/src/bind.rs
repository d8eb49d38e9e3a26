//! The rows of `store::write` bound to PostgreSQL statements: one row as the parameters of its table's
//! statement, or the rows of a group as one array per column for a multi-row statement.

use std::collections::BTreeMap;

use store::write::{Kind, Row, Value, WriteTable};
use tokio_postgres::types::{IsNull, ToSql, Type, to_sql_checked};

/// A value bound as BIGINT or TEXT (every column the store writes is one of the two); null for either.
#[derive(Debug)]
pub(crate) struct PgValue(pub(crate) Value);

impl ToSql for PgValue {
    fn to_sql(&self, ty: &Type, out: &mut bytes::BytesMut) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match &self.0 {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(i) => i.to_sql(ty, out),
            Value::Text(t) => t.as_str().to_sql(ty, out),
            Value::Bytes(b) => b.as_slice().to_sql(ty, out),
        }
    }

    fn accepts(ty: &Type) -> bool {
        <i64 as ToSql>::accepts(ty) || <&str as ToSql>::accepts(ty) || <&[u8] as ToSql>::accepts(ty)
    }

    to_sql_checked!();
}

/// The parameters of `sql::LIST_CASES` and `sql::COUNT_CASES`.
pub(crate) fn query_params(query: &store::CaseQuery) -> Vec<PgValue> {
    store::write::case_query_args(query).into_iter().map(PgValue).collect()
}

/// One row's parameters.
pub(crate) fn params(row: Row) -> Vec<PgValue> {
    row.values.into_iter().map(PgValue).collect()
}

/// The statement that writes `table`'s rows of a group at once, from one array per column (in
/// `WriteTable::columns` order); conditional changes end with the count of rows that must change, and fail
/// (division by zero) when fewer do.
pub(crate) fn group_sql(table: WriteTable) -> &'static str {
    match table {
        WriteTable::Case => {
            "INSERT INTO cases (id, kind, territory, region, year, sequence, state, payload, version, created_at, \
             updated_at, applicant_kind, applicant, channel, due_on) \
             SELECT id, kind, territory, region, year, sequence, state, payload, 1, at, at, applicant_kind, \
             applicant, channel, due_on \
             FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::text[], \
             $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[]) \
             AS u(id, kind, territory, region, year, sequence, state, payload, at, applicant_kind, applicant, \
             channel, due_on)"
        }
        WriteTable::CaseUpdate => {
            "WITH w AS (UPDATE cases c SET state = u.state, payload = u.payload, version = c.version + 1, \
             updated_at = u.at, due_on = u.due_on \
             FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::text[]) \
             AS u(state, payload, at, id, expected, due_on) \
             WHERE c.id = u.id AND c.version = u.expected AND c.id = ANY($4::bigint[]) RETURNING 1) \
             SELECT 1 / (CASE WHEN COUNT(*) = $7 THEN 1 ELSE 0 END) FROM w"
        }
        WriteTable::Member => "INSERT INTO case_members (case_id, iin) SELECT * FROM unnest($1::bigint[], $2::text[])",
        WriteTable::Link => {
            "INSERT INTO case_links (case_id, related_id, relation) \
             SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[])"
        }
        WriteTable::Quota => {
            "WITH w AS (UPDATE quotas q SET allocated = q.allocated + u.delta \
             FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS u(delta, year, territory, category) \
             WHERE q.year = u.year AND q.territory = u.territory AND q.category = u.category \
             AND q.allocated + u.delta BETWEEN 0 AND q.total RETURNING 1) \
             SELECT 1 / (CASE WHEN COUNT(*) = $5 THEN 1 ELSE 0 END) FROM w"
        }
        // In chain and sequence order; the statement trigger moves each chain's head to its last record
        // (migration 0008).
        WriteTable::Audit => {
            "INSERT INTO audit (seq, at, account, role, on_behalf_of, channel, action, basis, case_id, detail, \
             prev_hash, hash, chain) \
             SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], \
             $7::text[], $8::text[], $9::bigint[], $10::text[], $11::text[], $12::text[], $13::text[])"
        }
        WriteTable::Evidence => {
            "INSERT INTO evidence (case_id, audit_seq, system, requested_at, response_id, payload) \
             SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[])"
        }
        WriteTable::Message => {
            "INSERT INTO outbox (channel, recipient, template, args, body, case_id, created_at) \
             SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], \
             $7::text[])"
        }
        WriteTable::Payment => {
            "INSERT INTO payments (case_id, measure, period, amount, payee_kind, payee, audit_seq, created_at, state) \
             SELECT *, 'scheduled' FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::text[], \
             $6::text[], $7::bigint[], $8::text[])"
        }
        WriteTable::Ledger => {
            "INSERT INTO ledger (case_id, measure, period, attempt, event, account, side, amount, budget_line, \
             region, month, booked_on, audit_seq, created_at) \
             SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], \
             $7::text[], $8::bigint[], $9::text[], $10::text[], $11::text[], $12::text[], $13::bigint[], $14::text[])"
        }
        WriteTable::Document => {
            "INSERT INTO documents (case_id, form, audit_seq, created_at, state, number, issued_on, law_edition, \
             signer, issuer_kk, issuer_ru, sha256_kk, pdf_kk, sha256_ru, pdf_ru) \
             SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], \
             $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::bytea[], $14::text[], \
             $15::bytea[])"
        }
        WriteTable::DocumentRevoke => {
            "UPDATE documents d SET state = 'revoked', reason = u.reason, changed_at = u.at \
             FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) AS u(reason, at, number, case_id) \
             WHERE d.number = u.number AND d.case_id = u.case_id AND d.state = 'valid'"
        }
        WriteTable::Idempotency => {
            "INSERT INTO idempotency (key, fingerprint, case_id, version, audit_seq) \
             SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[])"
        }
    }
}

/// A column of a group write.
#[derive(Debug)]
pub(crate) enum Column {
    Int(Vec<Option<i64>>),
    Text(Vec<Option<String>>),
    Bytes(Vec<Option<Vec<u8>>>),
    /// The number of rows a conditional change must change.
    Count(i64),
}

impl Column {
    pub(crate) fn as_param(&self) -> &(dyn ToSql + Sync) {
        match self {
            Column::Int(v) => v,
            Column::Text(v) => v,
            Column::Bytes(v) => v,
            Column::Count(n) => n,
        }
    }
}

/// The rows of a group by table, in write order, each table as its columns. The quota changes of a group are
/// summed per quota first: one conditional update per quota, within its bounds once all are applied (the
/// group was decided as if applied one by one, so every step in between was within them too).
pub(crate) fn group_columns(rows: Vec<Row>) -> Vec<(WriteTable, Vec<Column>)> {
    let mut by_table: BTreeMap<WriteTable, Vec<Vec<Value>>> = BTreeMap::new();
    let mut quotas: BTreeMap<(i64, String, String), i64> = BTreeMap::new();
    for row in rows {
        if row.table == WriteTable::Quota
            && let [
                Value::Int(delta),
                Value::Int(year),
                Value::Text(territory),
                Value::Text(category),
            ] = row.values.as_slice()
        {
            *quotas.entry((*year, territory.clone(), category.clone())).or_default() += delta;
            continue;
        }
        by_table.entry(row.table).or_default().push(row.values);
    }
    if !quotas.is_empty() {
        let list = by_table.entry(WriteTable::Quota).or_default();
        for ((year, territory, category), delta) in quotas {
            list.push(vec![
                Value::Int(delta),
                Value::Int(year),
                Value::Text(territory),
                Value::Text(category),
            ]);
        }
    }
    by_table
        .into_iter()
        .map(|(table, rows)| {
            let count = i64::try_from(rows.len()).unwrap_or(i64::MAX);
            let mut columns: Vec<Column> = table
                .columns()
                .iter()
                .map(|(_, kind)| match kind {
                    Kind::Int => Column::Int(Vec::with_capacity(rows.len())),
                    Kind::Text => Column::Text(Vec::with_capacity(rows.len())),
                    Kind::Bytes => Column::Bytes(Vec::with_capacity(rows.len())),
                })
                .collect();
            for values in rows {
                for (column, value) in columns.iter_mut().zip(values) {
                    match (column, value) {
                        (Column::Int(v), Value::Int(i)) => v.push(Some(i)),
                        (Column::Text(v), Value::Text(t)) => v.push(Some(t)),
                        (Column::Bytes(v), Value::Bytes(b)) => v.push(Some(b)),
                        (Column::Int(v), Value::Null | Value::Text(_) | Value::Bytes(_)) => v.push(None),
                        (Column::Text(v), Value::Null | Value::Int(_) | Value::Bytes(_)) => v.push(None),
                        (Column::Bytes(v), Value::Null | Value::Int(_) | Value::Text(_)) => v.push(None),
                        (Column::Count(_), _) => {}
                    }
                }
            }
            if table.checked() {
                columns.push(Column::Count(count));
            }
            (table, columns)
        })
        .collect()
}
