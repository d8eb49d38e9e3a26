//! Rows back into domain values, once for both adapters. The database is untrusted input: a column that is
//! missing, of the wrong type or does not parse is `StoreError::Corrupt` with its table and row, not a panic.

use std::str::FromStr;

use jiff::Timestamp;
use kz::Kato;

use crate::audit::AuditRecord;
use crate::plan::{FirstUse, Head, Seen, Target};
use crate::{CaseId, CaseRecord, Quota, QuotaCategory, QuotaKey, QuotaUnit, StoreError};

/// A result row as the adapters' drivers give it: nullable integers and texts by column index.
pub trait Columns {
    fn int(&self, i: usize) -> Result<Option<i64>, String>;
    fn text(&self, i: usize) -> Result<Option<String>, String>;
}

/// Column access that names the table and row in its errors.
struct Reader<'a, R: Columns + ?Sized> {
    row: &'a R,
    table: &'static str,
    id: String,
}

impl<R: Columns + ?Sized> Reader<'_, R> {
    fn corrupt(&self, reason: impl std::fmt::Display) -> StoreError {
        StoreError::Corrupt {
            table: self.table,
            id: self.id.clone(),
            reason: reason.to_string(),
        }
    }

    fn opt_int(&self, i: usize) -> Result<Option<i64>, StoreError> {
        self.row.int(i).map_err(|e| self.corrupt(e))
    }

    fn opt_text(&self, i: usize) -> Result<Option<String>, StoreError> {
        self.row.text(i).map_err(|e| self.corrupt(e))
    }

    fn int(&self, i: usize) -> Result<i64, StoreError> {
        self.opt_int(i)?
            .ok_or_else(|| self.corrupt(format!("column {i} is null")))
    }

    fn text(&self, i: usize) -> Result<String, StoreError> {
        self.opt_text(i)?
            .ok_or_else(|| self.corrupt(format!("column {i} is null")))
    }

    fn year(&self, i: usize) -> Result<i16, StoreError> {
        i16::try_from(self.int(i)?).map_err(|e| self.corrupt(e))
    }

    fn count(&self, i: usize) -> Result<u32, StoreError> {
        u32::try_from(self.int(i)?).map_err(|e| self.corrupt(e))
    }

    fn kato(&self, i: usize) -> Result<Kato, StoreError> {
        Kato::parse(&self.text(i)?).map_err(|e| self.corrupt(e))
    }

    fn timestamp(&self, i: usize) -> Result<Timestamp, StoreError> {
        Timestamp::from_str(&self.text(i)?).map_err(|e| self.corrupt(e))
    }
}

/// `sql::SELECT_CASE`.
pub fn case_record(row: &(impl Columns + ?Sized)) -> Result<CaseRecord, StoreError> {
    let id = Reader {
        row,
        table: "cases",
        id: "?".into(),
    }
    .int(0)?;
    let r = Reader {
        row,
        table: "cases",
        id: id.to_string(),
    };
    Ok(CaseRecord {
        id: CaseId(id),
        kind: r.text(1)?,
        territory: r.kato(2)?,
        region: r.text(3)?,
        year: r.year(4)?,
        sequence: r.int(5)?,
        state: r.text(6)?,
        payload: r.text(7)?,
        version: r.int(8)?,
        created_at: r.timestamp(9)?,
        updated_at: r.timestamp(10)?,
        applicant: match (r.opt_text(11)?, r.opt_text(12)?) {
            (Some(kind), Some(number)) => {
                Some(crate::Party::parse(&kind, &number).ok_or_else(|| r.corrupt("applicant"))?)
            }
            (None, None) => None,
            _ => return Err(r.corrupt("applicant without its kind")),
        },
        channel: r.opt_text(13)?,
        due_on: r
            .opt_text(14)?
            .map(|t| t.parse::<jiff::civil::Date>().map_err(|e| r.corrupt(e)))
            .transpose()?,
    })
}

/// `sql::CASE_COUNTS`.
pub fn case_count(row: &(impl Columns + ?Sized)) -> Result<crate::CaseCount, StoreError> {
    let r = Reader {
        row,
        table: "cases",
        id: "count".into(),
    };
    Ok(crate::CaseCount {
        region: r.text(0)?,
        kind: r.text(1)?,
        state: r.text(2)?,
        count: u64::try_from(r.int(3)?).map_err(|e| r.corrupt(e))?,
    })
}

/// `sql::CASE_EVIDENCE`.
pub fn evidence_record(row: &(impl Columns + ?Sized)) -> Result<crate::Evidence, StoreError> {
    let r = Reader {
        row,
        table: "evidence",
        id: "?".into(),
    };
    Ok(crate::Evidence {
        system: r.text(0)?,
        requested_at: r.timestamp(1)?,
        response_id: r.text(2)?,
        payload: r.text(3)?,
    })
}

/// `sql::RECENT_MESSAGES` and the claim statements (same columns).
pub fn message_record(row: &(impl Columns + ?Sized)) -> Result<crate::Message, StoreError> {
    let id = Reader {
        row,
        table: "outbox",
        id: "?".into(),
    }
    .int(0)?;
    let r = Reader {
        row,
        table: "outbox",
        id: id.to_string(),
    };
    Ok(crate::Message {
        id,
        channel: r.text(1)?,
        recipient: r.text(2)?,
        template: r.opt_text(3)?.unwrap_or_default(),
        args: r.opt_text(4)?.unwrap_or_default(),
        body: r.text(5)?,
        case: r.opt_int(6)?.map(CaseId),
        created_at: r.timestamp(7)?,
        sent_at: r
            .opt_text(8)?
            .map(|t| Timestamp::from_str(&t).map_err(|e| r.corrupt(e)))
            .transpose()?,
        claimed_by: r.opt_text(9)?,
    })
}

/// `sql::REPLAY`.
pub fn replay(row: &(impl Columns + ?Sized)) -> Result<crate::Replay, StoreError> {
    let case = Reader {
        row,
        table: "idempotency",
        id: "?".into(),
    }
    .int(0)?;
    let r = Reader {
        row,
        table: "idempotency",
        id: case.to_string(),
    };
    Ok(crate::Replay {
        applied: crate::Applied {
            case: crate::CaseId(case),
            region: r.text(1)?,
            year: i16::try_from(r.int(2)?).map_err(|e| r.corrupt(e))?,
            sequence: r.int(3)?,
            version: r.int(4)?,
            audit_seq: r.int(5)?,
            replayed: true,
        },
        detail: r.opt_text(6)?.unwrap_or_default(),
    })
}

/// `sql::AMENDMENTS`.
pub fn amendment_record(row: &(impl Columns + ?Sized)) -> Result<crate::AmendmentRecord, StoreError> {
    let seq = Reader {
        row,
        table: "law_amendments",
        id: "?".into(),
    }
    .int(0)?;
    let r = Reader {
        row,
        table: "law_amendments",
        id: seq.to_string(),
    };
    Ok(crate::AmendmentRecord {
        seq,
        at: r.timestamp(1)?,
        account: r.text(2)?,
        body: r.text(3)?,
    })
}

/// `sql::SELECT_QUOTA`.
pub fn quota_record(row: &(impl Columns + ?Sized)) -> Result<Quota, StoreError> {
    let first = Reader {
        row,
        table: "quotas",
        id: "?".into(),
    };
    let r = Reader {
        row,
        table: "quotas",
        id: format!("{}/{}", first.int(0)?, first.text(1)?),
    };
    let category = r.text(2)?;
    let unit = r.text(3)?;
    Ok(Quota {
        key: QuotaKey {
            year: r.year(0)?,
            territory: r.kato(1)?,
            category: QuotaCategory::from_key(&category).ok_or_else(|| r.corrupt("unknown category"))?,
        },
        unit: QuotaUnit::from_key(&unit).ok_or_else(|| r.corrupt("unknown unit"))?,
        total: r.count(4)?,
        allocated: r.count(5)?,
    })
}

/// `sql::AUDIT_PAGE`.
pub fn audit_record(row: &(impl Columns + ?Sized)) -> Result<AuditRecord, StoreError> {
    let seq = Reader {
        row,
        table: "audit",
        id: "?".into(),
    }
    .int(0)?;
    let r = Reader {
        row,
        table: "audit",
        id: seq.to_string(),
    };
    Ok(AuditRecord {
        seq,
        at: r.text(1)?,
        account: r.text(2)?,
        role: r.text(3)?,
        on_behalf_of: r.opt_text(4)?,
        channel: r.text(5)?,
        action: r.text(6)?,
        basis: r.text(7)?,
        case_id: r.opt_int(8)?,
        detail: r.text(9)?,
        prev_hash: r.text(10)?,
        hash: r.text(11)?,
        chain: r.text(12)?,
    })
}

/// `sql::READ_FOR_COMMAND`, with the head the lock returned.
pub fn seen(row: &(impl Columns + ?Sized), head: Head) -> Result<Seen, StoreError> {
    let r = Reader {
        row,
        table: "audit_head",
        id: head.chain.clone(),
    };
    let first_use = match (
        r.opt_text(1)?,
        r.opt_int(2)?,
        r.opt_int(3)?,
        r.opt_int(4)?,
        r.opt_text(5)?,
        r.opt_int(6)?,
        r.opt_int(7)?,
    ) {
        (Some(fingerprint), Some(case), Some(version), Some(audit_seq), Some(region), Some(year), Some(sequence)) => {
            Some(FirstUse {
                fingerprint,
                case,
                version,
                audit_seq,
                region,
                year,
                sequence,
            })
        }
        _ => None,
    };
    let target = match (r.opt_int(8)?, r.opt_text(9)?, r.opt_int(10)?, r.opt_int(11)?) {
        (Some(version), Some(region), Some(year), Some(sequence)) => Some(Target {
            version,
            region,
            year,
            sequence,
        }),
        _ => None,
    };
    let quota = match (r.opt_int(12)?, r.opt_int(13)?) {
        (Some(total), Some(allocated)) => Some((total, allocated)),
        _ => None,
    };
    Ok(Seen {
        last_sequence: r.int(0)?,
        head,
        first_use,
        target,
        quota,
    })
}

/// `sql::LOCK_HEAD` and `sql::HEADS` (from column `from`): seq and hash.
pub fn head(row: &(impl Columns + ?Sized), chain: &str, from: usize) -> Result<Head, StoreError> {
    let r = Reader {
        row,
        table: "audit_head",
        id: chain.to_owned(),
    };
    Ok(Head {
        chain: chain.to_owned(),
        seq: r.int(from)?,
        hash: r.text(from + 1)?,
    })
}

/// `sql::GET_ACCOUNT` (and the first five columns of `sql::GET_SESSION`). Errors name the account by its
/// handle: a citizen's login is their IIN.
pub fn account_record(row: &(impl Columns + ?Sized)) -> Result<crate::AccountRecord, StoreError> {
    let handle = Reader {
        row,
        table: "accounts",
        id: "?".into(),
    }
    .text(4)?;
    let r = Reader {
        row,
        table: "accounts",
        id: handle.clone(),
    };
    let role = r.text(1)?;
    Ok(crate::AccountRecord {
        login: r.text(0)?,
        handle,
        role: crate::Role::from_key(&role).ok_or_else(|| r.corrupt("unknown role"))?,
        territory: r
            .opt_text(2)?
            .map(|t| Kato::parse(&t).map_err(|e| r.corrupt(e)))
            .transpose()?,
        password_hash: r.text(3)?,
    })
}

/// `sql::GET_SESSION`.
pub fn session_record(row: &(impl Columns + ?Sized)) -> Result<crate::SessionRecord, StoreError> {
    let account = account_record(row)?;
    let r = Reader {
        row,
        table: "sessions",
        id: account.handle.clone(),
    };
    Ok(crate::SessionRecord {
        csrf: r.text(5)?,
        expires_at: r.timestamp(6)?,
        otp_hash: r.opt_text(7)?,
        otp_failures: r.count(8)?,
        lang: r.opt_text(9)?,
        account,
    })
}

/// `sql::CASE_ROWS`: the id and the digest of the row.
pub fn case_digest(row: &(impl Columns + ?Sized)) -> Result<(i64, String), StoreError> {
    let r = Reader {
        row,
        table: "cases",
        id: "?".into(),
    };
    let id = r.int(0)?;
    let due_on = r.opt_text(4)?;
    Ok((
        id,
        crate::plan::case_row_digest(id, r.int(1)?, &r.text(2)?, &r.text(3)?, due_on.as_deref()),
    ))
}

/// `sql::ALL_QUOTAS`: the key and the digest of the row.
pub fn quota_digest(row: &(impl Columns + ?Sized)) -> Result<(String, String), StoreError> {
    let q = quota_record(row)?;
    let key = q.key.to_string();
    let digest = crate::plan::quota_row_digest(&key, i64::from(q.total), i64::from(q.allocated));
    Ok((key, digest))
}

/// `sql::LIST_SESSIONS`.
pub fn session_summary(row: &(impl Columns + ?Sized)) -> Result<crate::SessionSummary, StoreError> {
    let r = Reader {
        row,
        table: "sessions",
        id: "?".into(),
    };
    Ok(crate::SessionSummary {
        token_hash: r.text(0)?,
        expires_at: r.timestamp(1)?,
        confirmed: r.opt_text(2)?.is_none(),
    })
}

/// `sql::CASE_LINKS`.
pub fn link_record(row: &(impl Columns + ?Sized)) -> Result<crate::LinkRecord, StoreError> {
    let r = Reader {
        row,
        table: "case_links",
        id: "?".into(),
    };
    Ok(crate::LinkRecord {
        from: CaseId(r.int(0)?),
        to: CaseId(r.int(1)?),
        relation: crate::Relation::from_key(&r.text(2)?).ok_or_else(|| r.corrupt("unknown relation"))?,
    })
}

/// `sql::CASE_DOCUMENTS`.
pub fn document_record(row: &(impl Columns + ?Sized)) -> Result<crate::DocumentRecord, StoreError> {
    let id = Reader {
        row,
        table: "documents",
        id: "?".into(),
    }
    .int(0)?;
    let r = Reader {
        row,
        table: "documents",
        id: id.to_string(),
    };
    Ok(crate::DocumentRecord {
        id,
        case: CaseId(r.int(1)?),
        form: r.text(2)?,
        state: r.text(3)?,
        audit_seq: r.int(4)?,
        created_at: r.timestamp(5)?,
        issued: match r.opt_text(6)? {
            None => None,
            Some(number) => Some(crate::IssuedHead {
                number,
                issued_on: r.text(7)?.parse().map_err(|e| r.corrupt(e))?,
                law_edition: r.text(8)?,
                signer: r.text(9)?,
                issuer_kk: r.text(10)?,
                issuer_ru: r.text(11)?,
                sha256_kk: r.text(12)?,
                sha256_ru: r.text(13)?,
                reason: r.opt_text(14)?,
                changed_at: match r.opt_text(15)? {
                    Some(t) => Some(Timestamp::from_str(&t).map_err(|e| r.corrupt(e))?),
                    None => None,
                },
            }),
        },
    })
}

/// `sql::CASE_PAYMENTS`.
pub fn payment_record(row: &(impl Columns + ?Sized)) -> Result<crate::PaymentRecord, StoreError> {
    let id = Reader {
        row,
        table: "payments",
        id: "?".into(),
    }
    .int(0)?;
    let r = Reader {
        row,
        table: "payments",
        id: id.to_string(),
    };
    Ok(crate::PaymentRecord {
        id,
        case: CaseId(r.int(1)?),
        measure: r.text(2)?,
        period: r.text(3)?,
        amount: kz::Money::from_tiyn(r.int(4)?),
        payee: crate::Party::parse(&r.text(5)?, &r.text(6)?).ok_or_else(|| r.corrupt("payee"))?,
        state: r.text(7)?,
        created_at: r.timestamp(8)?,
    })
}

/// `sql::LOGIN_ATTEMPTS`.
pub fn attempts(row: &(impl Columns + ?Sized)) -> Result<crate::Attempts, StoreError> {
    let r = Reader {
        row,
        table: "login_failures",
        id: "count".into(),
    };
    let time = |i| {
        r.opt_text(i)?
            .map(|t| Timestamp::from_str(&t).map_err(|e| r.corrupt(e)))
            .transpose()
    };
    Ok(crate::Attempts {
        login: r.count(0)?,
        source: r.count(1)?,
        previous_login: time(2)?,
        previous_source: time(3)?,
    })
}

/// `sql::SELECT_ATTACHMENT`, all but its last column (the contents, which each adapter reads as bytes).
pub fn attachment_record(row: &(impl Columns + ?Sized)) -> Result<crate::AttachmentRecord, StoreError> {
    let id = Reader {
        row,
        table: "attachments",
        id: "?".into(),
    }
    .int(0)?;
    let r = Reader {
        row,
        table: "attachments",
        id: id.to_string(),
    };
    Ok(crate::AttachmentRecord {
        id: crate::AttachmentId(id),
        owner: crate::Party::parse(&r.text(1)?, &r.text(2)?).ok_or_else(|| r.corrupt("owner"))?,
        name: r.text(3)?,
        content_type: r.text(4)?,
        size: r.int(5)?,
        sha256: r.text(6)?,
        created_at: r.timestamp(7)?,
    })
}

/// `sql::LEDGER_BY_ORDER`.
pub fn order_balance(row: &(impl Columns + ?Sized)) -> Result<crate::OrderBalance, StoreError> {
    let r = Reader {
        row,
        table: "ledger",
        id: String::new(),
    };
    Ok(crate::OrderBalance {
        case: CaseId(r.int(0)?),
        measure: r.text(1)?,
        period: r.text(2)?,
        debit: r.int(3)?,
        credit: r.int(4)?,
    })
}

/// `sql::LEDGER_BY_ACCOUNT`.
pub fn account_balance(row: &(impl Columns + ?Sized)) -> Result<crate::AccountBalance, StoreError> {
    let r = Reader {
        row,
        table: "ledger",
        id: String::new(),
    };
    Ok(crate::AccountBalance {
        budget_line: r.text(0)?,
        region: r.text(1)?,
        account: r.text(2)?,
        debit: r.int(3)?,
        credit: r.int(4)?,
    })
}

/// `sql::PAYMENT_TOTALS`.
pub fn payment_totals(row: &(impl Columns + ?Sized)) -> Result<crate::PaymentTotals, StoreError> {
    let r = Reader {
        row,
        table: "payments",
        id: String::new(),
    };
    Ok(crate::PaymentTotals {
        orders: r.int(0)?,
        cases: r.int(1)?,
        total: r.int(2)?,
    })
}
