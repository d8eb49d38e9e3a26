//! A decided command as rows, once for both adapters: each row names its table and carries its values in the
//! order of that table's insert statement (`sql`). The SQLite adapter runs one statement per row; the
//! PostgreSQL adapter runs one per row too, or, for a group of commands, one multi-row statement per table
//! (the same columns as arrays). Neither knows what a command means.

use crate::plan::WritePlan;
use crate::{CaseWrite, Command, Op, QuotaOp, sql};

/// A value bound to a statement's placeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Null,
    Int(i64),
    Text(String),
    Bytes(Vec<u8>),
}

impl From<i64> for Value {
    fn from(v: i64) -> Value {
        Value::Int(v)
    }
}

impl From<String> for Value {
    fn from(v: String) -> Value {
        Value::Text(v)
    }
}

impl From<&str> for Value {
    fn from(v: &str) -> Value {
        Value::Text(v.to_owned())
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Null, Into::into)
    }
}

/// The type of a column, for the PostgreSQL arrays of a group write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Int,
    Text,
    Bytes,
}

/// The tables a command writes, in the order their rows are written (a case before what refers to it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WriteTable {
    /// A new case.
    Case,
    /// A case's new state, only from the version the command read (exactly one row or the write fails).
    CaseUpdate,
    Member,
    Link,
    /// Places taken (positive) or given back (negative), within 0..=total (exactly one row or the write fails).
    Quota,
    Audit,
    Evidence,
    Message,
    Payment,
    /// One leg of a ledger posting.
    Ledger,
    Document,
    /// A valid document revoked (no row when it is not valid: nothing to revoke).
    DocumentRevoke,
    Idempotency,
}

impl WriteTable {
    pub const ALL: &'static [WriteTable] = &[
        WriteTable::Case,
        WriteTable::CaseUpdate,
        WriteTable::Member,
        WriteTable::Link,
        WriteTable::Quota,
        WriteTable::Audit,
        WriteTable::Evidence,
        WriteTable::Message,
        WriteTable::Payment,
        WriteTable::Ledger,
        WriteTable::Document,
        WriteTable::DocumentRevoke,
        WriteTable::Idempotency,
    ];

    /// The table's name, for errors.
    pub fn name(self) -> &'static str {
        match self {
            WriteTable::Case | WriteTable::CaseUpdate => "cases",
            WriteTable::Member => "case_members",
            WriteTable::Link => "case_links",
            WriteTable::Quota => "quotas",
            WriteTable::Audit => "audit",
            WriteTable::Evidence => "evidence",
            WriteTable::Message => "outbox",
            WriteTable::Payment => "payments",
            WriteTable::Ledger => "ledger",
            WriteTable::Document | WriteTable::DocumentRevoke => "documents",
            WriteTable::Idempotency => "idempotency",
        }
    }

    /// The statement that writes one row, placeholders `$1…` in column order.
    pub fn sql(self) -> &'static str {
        match self {
            WriteTable::Case => sql::INSERT_CASE,
            WriteTable::CaseUpdate => sql::UPDATE_CASE,
            WriteTable::Member => sql::INSERT_MEMBER,
            WriteTable::Link => sql::INSERT_LINK,
            WriteTable::Quota => sql::CHANGE_QUOTA,
            WriteTable::Audit => sql::INSERT_AUDIT,
            WriteTable::Evidence => sql::INSERT_EVIDENCE,
            WriteTable::Message => sql::INSERT_MESSAGE,
            WriteTable::Payment => sql::INSERT_PAYMENT,
            WriteTable::Ledger => sql::INSERT_LEDGER,
            WriteTable::Document => sql::INSERT_DOCUMENT,
            WriteTable::DocumentRevoke => sql::REVOKE_DOCUMENT,
            WriteTable::Idempotency => sql::INSERT_IDEMPOTENCY,
        }
    }

    /// The columns of a row, in placeholder order.
    pub fn columns(self) -> &'static [(&'static str, Kind)] {
        use Kind::{Bytes, Int, Text};
        match self {
            WriteTable::Case => &[
                ("id", Int),
                ("kind", Text),
                ("territory", Text),
                ("region", Text),
                ("year", Int),
                ("sequence", Int),
                ("state", Text),
                ("payload", Text),
                ("at", Text),
                ("applicant_kind", Text),
                ("applicant", Text),
                ("channel", Text),
                ("due_on", Text),
            ],
            WriteTable::CaseUpdate => &[
                ("state", Text),
                ("payload", Text),
                ("at", Text),
                ("id", Int),
                ("expected", Int),
                ("due_on", Text),
            ],
            WriteTable::Member => &[("case_id", Int), ("iin", Text)],
            WriteTable::Link => &[("case_id", Int), ("related_id", Int), ("relation", Text)],
            WriteTable::Quota => &[("delta", Int), ("year", Int), ("territory", Text), ("category", Text)],
            WriteTable::Audit => &[
                ("seq", Int),
                ("at", Text),
                ("account", Text),
                ("role", Text),
                ("on_behalf_of", Text),
                ("channel", Text),
                ("action", Text),
                ("basis", Text),
                ("case_id", Int),
                ("detail", Text),
                ("prev_hash", Text),
                ("hash", Text),
                ("chain", Text),
            ],
            WriteTable::Evidence => &[
                ("case_id", Int),
                ("audit_seq", Int),
                ("system", Text),
                ("requested_at", Text),
                ("response_id", Text),
                ("payload", Text),
            ],
            WriteTable::Message => &[
                ("channel", Text),
                ("recipient", Text),
                ("template", Text),
                ("args", Text),
                ("body", Text),
                ("case_id", Int),
                ("created_at", Text),
            ],
            WriteTable::Payment => &[
                ("case_id", Int),
                ("measure", Text),
                ("period", Text),
                ("amount", Int),
                ("payee_kind", Text),
                ("payee", Text),
                ("audit_seq", Int),
                ("created_at", Text),
            ],
            WriteTable::Ledger => &[
                ("case_id", Int),
                ("measure", Text),
                ("period", Text),
                ("attempt", Int),
                ("event", Text),
                ("account", Text),
                ("side", Text),
                ("amount", Int),
                ("budget_line", Text),
                ("region", Text),
                ("month", Text),
                ("booked_on", Text),
                ("audit_seq", Int),
                ("created_at", Text),
            ],
            WriteTable::Document => &[
                ("case_id", Int),
                ("form", Text),
                ("audit_seq", Int),
                ("created_at", Text),
                ("state", Text),
                ("number", Text),
                ("issued_on", Text),
                ("law_edition", Text),
                ("signer", Text),
                ("issuer_kk", Text),
                ("issuer_ru", Text),
                ("sha256_kk", Text),
                ("pdf_kk", Bytes),
                ("sha256_ru", Text),
                ("pdf_ru", Bytes),
            ],
            WriteTable::DocumentRevoke => &[
                ("reason", Text),
                ("changed_at", Text),
                ("number", Text),
                ("case_id", Int),
            ],
            WriteTable::Idempotency => &[
                ("key", Text),
                ("fingerprint", Text),
                ("case_id", Int),
                ("version", Int),
                ("audit_seq", Int),
            ],
        }
    }

    /// A table whose row is a conditional change: exactly one row must be changed, or the command fails.
    pub fn checked(self) -> bool {
        matches!(self, WriteTable::CaseUpdate | WriteTable::Quota)
    }
}

/// One row to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub table: WriteTable,
    pub values: Vec<Value>,
}

fn row(table: WriteTable, values: Vec<Value>) -> Row {
    Row { table, values }
}

/// An audit record as its row.
pub fn audit_row(r: &crate::AuditRecord) -> Row {
    row(
        WriteTable::Audit,
        vec![
            r.seq.into(),
            r.at.as_str().into(),
            r.account.as_str().into(),
            r.role.as_str().into(),
            r.on_behalf_of.as_deref().into(),
            r.channel.as_str().into(),
            r.action.as_str().into(),
            r.basis.as_str().into(),
            r.case_id.into(),
            r.detail.as_str().into(),
            r.prev_hash.as_str().into(),
            r.hash.as_str().into(),
            r.chain.as_str().into(),
        ],
    )
}

/// Every row of a decided command, in write order.
pub fn rows_of(cmd: &Command, fingerprint: &str, plan: &WritePlan) -> Vec<Row> {
    let a = &plan.applied;
    let at = plan.audit.at.as_str();
    let case = a.case.0;
    let seq = plan.audit.seq;
    let mut out = Vec::with_capacity(4 + cmd.evidence.len() + cmd.ops.len());
    match &cmd.case {
        CaseWrite::Create {
            kind,
            territory,
            state,
            payload,
            applicant,
            channel,
            members,
            due_on,
            ..
        } => {
            out.push(row(
                WriteTable::Case,
                vec![
                    case.into(),
                    kind.as_str().into(),
                    territory.as_str().into(),
                    a.region.as_str().into(),
                    i64::from(a.year).into(),
                    a.sequence.into(),
                    state.as_str().into(),
                    payload.as_str().into(),
                    at.into(),
                    applicant.as_ref().map(crate::Party::kind_key).into(),
                    applicant.as_ref().map(crate::Party::number).into(),
                    channel.as_deref().into(),
                    due_on.map(|d| d.to_string()).into(),
                ],
            ));
            for m in members {
                out.push(row(WriteTable::Member, vec![case.into(), m.as_str().into()]));
            }
        }
        CaseWrite::Update {
            id,
            expected_version,
            state,
            payload,
            due_on,
        } => out.push(row(
            WriteTable::CaseUpdate,
            vec![
                state.as_str().into(),
                payload.as_str().into(),
                at.into(),
                id.0.into(),
                (*expected_version).into(),
                due_on.map(|d| d.to_string()).into(),
            ],
        )),
    }
    out.push(audit_row(&plan.audit));
    for op in &cmd.ops {
        out.push(match op {
            Op::Quota(q) => {
                let (key, delta) = match q {
                    QuotaOp::Allocate { key, amount } => (key, i64::from(*amount)),
                    QuotaOp::Release { key, amount } => (key, -i64::from(*amount)),
                };
                row(
                    WriteTable::Quota,
                    vec![
                        delta.into(),
                        i64::from(key.year).into(),
                        key.territory.as_str().into(),
                        key.category.key().into(),
                    ],
                )
            }
            Op::Link(l) => row(
                WriteTable::Link,
                vec![case.into(), l.to.0.into(), l.relation.key().into()],
            ),
            Op::Message(m) => row(
                WriteTable::Message,
                vec![
                    m.channel.as_str().into(),
                    m.recipient.as_str().into(),
                    m.template.as_str().into(),
                    m.args.as_str().into(),
                    m.body.as_str().into(),
                    case.into(),
                    crate::sortable(cmd.at).into(),
                ],
            ),
            Op::Payment(p) => row(
                WriteTable::Payment,
                vec![
                    case.into(),
                    p.measure.as_str().into(),
                    p.period.as_str().into(),
                    p.amount.tiyn().into(),
                    p.payee.kind_key().into(),
                    p.payee.number().into(),
                    seq.into(),
                    at.into(),
                ],
            ),
            Op::Document(d) => {
                let i = d.issued.as_ref();
                let bytes = |b: Option<&Vec<u8>>| b.map_or(crate::write::Value::Null, |b| Value::Bytes(b.clone()));
                row(
                    WriteTable::Document,
                    vec![
                        case.into(),
                        d.form.as_str().into(),
                        seq.into(),
                        at.into(),
                        if i.is_some() { "valid" } else { "requested" }.into(),
                        i.map(|i| i.number.as_str()).into(),
                        i.map(|i| i.issued_on.to_string()).into(),
                        i.map(|i| i.law_edition.as_str()).into(),
                        i.map(|i| i.signer.as_str()).into(),
                        i.map(|i| i.issuer_kk.as_str()).into(),
                        i.map(|i| i.issuer_ru.as_str()).into(),
                        i.map(|i| crate::IssuedDocument::sha256(&i.pdf_kk)).into(),
                        bytes(i.map(|i| &i.pdf_kk)),
                        i.map(|i| crate::IssuedDocument::sha256(&i.pdf_ru)).into(),
                        bytes(i.map(|i| &i.pdf_ru)),
                    ],
                )
            }
            Op::RevokeDocument { number, reason } => row(
                WriteTable::DocumentRevoke,
                vec![reason.as_str().into(), at.into(), number.as_str().into(), case.into()],
            ),
            Op::Post(p) => posting_row(case, seq, at, p),
        });
    }
    for e in &cmd.evidence {
        out.push(row(
            WriteTable::Evidence,
            vec![
                case.into(),
                seq.into(),
                e.system.as_str().into(),
                e.requested_at.to_string().into(),
                e.response_id.as_str().into(),
                e.payload.as_str().into(),
            ],
        ));
    }
    out.push(row(
        WriteTable::Idempotency,
        vec![
            cmd.key.as_str().into(),
            fingerprint.into(),
            case.into(),
            a.version.into(),
            seq.into(),
        ],
    ));
    out
}

/// The ledger row of one leg of a posting on `case`'s order.
pub fn posting_row(case: i64, seq: i64, at: &str, p: &crate::Posting) -> Row {
    let booked = p.booked_on.to_string();
    row(
        WriteTable::Ledger,
        vec![
            case.into(),
            p.measure.as_str().into(),
            p.period.as_str().into(),
            i64::from(p.attempt).into(),
            p.event.as_str().into(),
            p.account.as_str().into(),
            if p.debit { "debit" } else { "credit" }.into(),
            p.amount.tiyn().into(),
            p.budget_line.as_str().into(),
            p.region.as_str().into(),
            booked.get(..7).unwrap_or_default().into(),
            booked.as_str().into(),
            seq.into(),
            at.into(),
        ],
    )
}

/// The twelve arguments of `sql::LIST_CASES` and `sql::COUNT_CASES` for `query`, in order.
pub fn case_query_args(query: &crate::CaseQuery) -> Vec<Value> {
    let (after_null, after_due, after_id) = match &query.after {
        Some(c) => (
            i64::from(c.due_on.is_none()),
            c.due_on.map(|d| d.to_string()).unwrap_or_default(),
            c.id.0,
        ),
        None => (0, String::new(), -1),
    };
    let text = |v: Option<String>| Value::Text(v.unwrap_or_default());
    vec![
        text(query.region.clone()),
        text(query.party.as_ref().map(|p| p.kind_key().to_owned())),
        text(query.party.as_ref().map(|p| p.number().to_owned())),
        Value::Text(query.kinds.join(",")),
        Value::Text(query.states.join(",")),
        text(query.channel.clone()),
        text(query.due_before.map(|d| d.to_string())),
        text(query.due_from.map(|d| d.to_string())),
        Value::Int(after_null),
        Value::Text(after_due),
        Value::Int(after_id),
        Value::Int(i64::from(query.limit)),
    ]
}

/// The detail of an `account.put` audit record: the account by its handle, never its login (a citizen's login
/// is their IIN).
pub fn account_detail(account: &crate::AccountRecord) -> String {
    serde_json::json!({
        "account": account.handle,
        "role": account.role.key(),
        "territory": account.territory.map(|k| k.as_str().to_owned()),
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every row has one value per column of its table, of the column's kind (or null).
    #[test]
    fn rows_match_their_tables() {
        let mut cmd = crate::conformance::create("rows-0001", 3);
        if let CaseWrite::Create { members, .. } = &mut cmd.case {
            members.push(crate::conformance::applicant(3));
        }
        cmd.ops = vec![
            Op::Quota(QuotaOp::Allocate {
                key: crate::conformance::quota_key(),
                amount: 2,
            }),
            Op::Link(crate::Link {
                to: crate::CaseId(7),
                relation: crate::Relation::FollowsInclusion,
            }),
            Op::Message(crate::NewMessage {
                channel: "sms".into(),
                recipient: "x".into(),
                template: "t".into(),
                args: "{}".into(),
                body: "b".into(),
            }),
            Op::Document(crate::DocumentRequest {
                form: "order-359-app-5".into(),
                issued: None,
            }),
        ];
        let fp = cmd.fingerprint();
        let seen = crate::plan::Seen {
            head: crate::plan::Head {
                chain: "75".into(),
                seq: 0,
                hash: crate::GENESIS.into(),
            },
            quota: Some((10, 0)),
            ..crate::plan::Seen::default()
        };
        let Ok(crate::plan::Plan::Write(plan)) = crate::plan::plan(&cmd, &fp, &seen) else {
            panic!("a write");
        };
        let rows = rows_of(&cmd, &fp, &plan);
        let tables: Vec<WriteTable> = rows.iter().map(|r| r.table).collect();
        assert_eq!(
            tables,
            [
                WriteTable::Case,
                WriteTable::Member,
                WriteTable::Audit,
                WriteTable::Quota,
                WriteTable::Link,
                WriteTable::Message,
                WriteTable::Document,
                WriteTable::Evidence,
                WriteTable::Idempotency
            ]
        );
        for r in &rows {
            let columns = r.table.columns();
            assert_eq!(r.values.len(), columns.len(), "{:?}", r.table);
            for (v, (name, kind)) in r.values.iter().zip(columns) {
                let fits = matches!(
                    (v, kind),
                    (Value::Null, _) | (Value::Int(_), Kind::Int) | (Value::Text(_), Kind::Text)
                );
                assert!(fits, "{:?}.{name}: {v:?}", r.table);
            }
            let placeholders = (1..=columns.len()).all(|i| r.table.sql().contains(&format!("${i}")));
            assert!(placeholders, "{:?} binds every column", r.table);
        }
    }
}
