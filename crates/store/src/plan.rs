//! The decision a write takes once the store has read, under the chain-head lock, everything the command
//! depends on: replay the key's first result, refuse (conflict, no quota, unknown case), or the rows to write.
//!
//! Pure, so both adapters decide the same way; they only read [`Seen`] and write the [`WritePlan`].

use kz::Kato;

use crate::audit::AuditRecord;
use crate::{Actor, Applied, CaseId, CaseWrite, Command, QuotaOp, StoreError};

/// The first use of an idempotency key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstUse {
    pub fingerprint: String,
    pub case: i64,
    pub version: i64,
    pub audit_seq: i64,
    pub region: String,
    pub year: i64,
    pub sequence: i64,
}

impl FirstUse {
    /// The first use a key's write leaves behind.
    pub fn of(fingerprint: &str, a: &Applied) -> FirstUse {
        FirstUse {
            fingerprint: fingerprint.to_owned(),
            case: a.case.0,
            version: a.version,
            audit_seq: a.audit_seq,
            region: a.region.clone(),
            year: i64::from(a.year),
            sequence: a.sequence,
        }
    }
}

/// The case an update targets, as it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub version: i64,
    pub region: String,
    pub year: i64,
    pub sequence: i64,
}

/// The head of one audit chain, as the lock returned it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Head {
    pub chain: String,
    pub seq: i64,
    pub hash: String,
}

/// The chain a command writes to: the region of its case (or of its quota), "00" for what belongs to none.
pub fn chain_of(cmd: &Command) -> String {
    match &cmd.case {
        CaseWrite::Create { territory, .. } => region_of(territory).to_owned(),
        CaseWrite::Update { id, .. } => region_of_case(*id),
    }
}

/// A case id is made of its region, year and sequence: `region * 10^14 + year * 10^8 + sequence`, so cases
/// created under different chains' locks never share an id.
pub fn case_id(region: &str, year: i16, sequence: i64) -> Result<CaseId, StoreError> {
    let region: i64 = region.parse().map_err(|_| bad_number(region))?;
    if !(0..100_000_000).contains(&sequence) {
        return Err(StoreError::Unavailable(format!(
            "sequence {sequence} is beyond what a case id can hold"
        )));
    }
    Ok(CaseId(
        region * 100_000_000_000_000 + i64::from(year) * 100_000_000 + sequence,
    ))
}

/// The region (chain) a case id was made in.
pub fn region_of_case(id: CaseId) -> String {
    format!("{:02}", id.0 / 100_000_000_000_000)
}

fn bad_number(region: &str) -> StoreError {
    StoreError::Corrupt {
        table: "cases",
        id: region.to_owned(),
        reason: "region is not a number".into(),
    }
}

/// What the adapter read under the lock.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Seen {
    pub head: Head,
    /// The highest sequence of the new case's region and year (0 when none; unused for updates).
    pub last_sequence: i64,
    pub first_use: Option<FirstUse>,
    pub target: Option<Target>,
    /// (total, allocated) of the command's quota.
    pub quota: Option<(i64, i64)>,
}

/// The two-digit region code a case is numbered under.
pub fn region_of(territory: &Kato) -> &'static str {
    territory.region().kato.get(..2).unwrap_or_default()
}

/// The arguments the read needs, for adapters to bind: key, update target, quota, region and year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadArgs<'a> {
    pub key: &'a str,
    /// The case to update, or -1.
    pub target: i64,
    pub quota_year: i64,
    pub quota_territory: &'a str,
    pub quota_category: &'a str,
    pub region: &'a str,
    pub year: i64,
}

impl<'a> ReadArgs<'a> {
    pub fn of(cmd: &'a Command) -> ReadArgs<'a> {
        let (target, region, year) = match &cmd.case {
            CaseWrite::Create { territory, year, .. } => (-1, region_of(territory), i64::from(*year)),
            CaseWrite::Update { id, .. } => (id.0, "", 0),
        };
        let (quota_year, quota_territory, quota_category) = match cmd.quota() {
            Some(QuotaOp::Allocate { key, .. } | QuotaOp::Release { key, .. }) => {
                (i64::from(key.year), key.territory.as_str(), key.category.key())
            }
            None => (0, "", ""),
        };
        ReadArgs {
            key: cmd.key.as_str(),
            target,
            quota_year,
            quota_territory,
            quota_category,
            region,
            year,
        }
    }
}

/// `(key, amount, allocate?)` of the command's quota operation.
pub fn quota_of(cmd: &Command) -> Option<(&crate::QuotaKey, u32, bool)> {
    match cmd.quota() {
        None => None,
        Some(QuotaOp::Allocate { key, amount }) => Some((key, *amount, true)),
        Some(QuotaOp::Release { key, amount }) => Some((key, *amount, false)),
    }
}

/// A sealed audit record following the head of its chain.
pub fn next_record(
    head: &Head,
    at: jiff::Timestamp,
    actor: &Actor,
    action: &str,
    basis: &str,
    case_id: Option<i64>,
    detail: &str,
) -> AuditRecord {
    AuditRecord {
        chain: head.chain.clone(),
        seq: head.seq + 1,
        at: at.to_string(),
        account: actor.account().to_owned(),
        role: actor.role.key().to_owned(),
        on_behalf_of: actor.acting_for().map(str::to_owned),
        channel: actor.channel.key().to_owned(),
        action: action.to_owned(),
        basis: basis.to_owned(),
        case_id,
        detail: detail.to_owned(),
        prev_hash: head.hash.clone(),
        hash: String::new(),
    }
    .seal()
}

/// The digest of a case row as a command leaves it (id, version, state, payload, next due date): the audit
/// record of the write keeps it, so that `audit verify` can tell a row edited behind the store's back.
pub fn case_row_digest(id: i64, version: i64, state: &str, payload: &str, due_on: Option<&str>) -> String {
    use sha2::{Digest, Sha256};
    let fields = serde_json::json!([
        id.to_string(),
        version.to_string(),
        state,
        payload,
        due_on.unwrap_or_default()
    ]);
    hex::encode(Sha256::digest(fields.to_string().as_bytes()))
}

/// The key of the row digest in an audit record's detail.
pub const ROW_DIGEST: &str = "row_sha256";

/// The key of a quota row's digest, and of the quota it is of, in an audit record's detail.
pub const QUOTA_DIGEST: &str = "quota_sha256";
pub const QUOTA_ROW: &str = "quota_row";

/// The digest of a quota row (its key as `QuotaKey` displays it, total, allocated) as a write leaves it.
pub fn quota_row_digest(key: &str, total: i64, allocated: i64) -> String {
    use sha2::{Digest, Sha256};
    let fields = serde_json::json!([key, total.to_string(), allocated.to_string()]);
    hex::encode(Sha256::digest(fields.to_string().as_bytes()))
}

/// The detail with the case row's digest added, and the quota row's when the write changes one (a detail that
/// is not a JSON object is kept as it is).
fn with_row_digest(detail: &str, row: &str, quota: Option<&(String, String)>) -> String {
    match serde_json::from_str::<serde_json::Value>(detail) {
        Ok(serde_json::Value::Object(mut map)) => {
            map.insert(ROW_DIGEST.into(), serde_json::Value::String(row.to_owned()));
            if let Some((key, digest)) = quota {
                map.insert(QUOTA_ROW.into(), serde_json::Value::String(key.clone()));
                map.insert(QUOTA_DIGEST.into(), serde_json::Value::String(digest.clone()));
            }
            serde_json::Value::Object(map).to_string()
        }
        Ok(_) | Err(_) => detail.to_owned(),
    }
}

/// The detail of a `quota.set` record: the quota, its unit, the new and previous totals, and the digest of
/// the row it leaves.
pub fn quota_set_detail(
    key: &crate::QuotaKey,
    unit: crate::QuotaUnit,
    total: u32,
    previous_total: Option<u32>,
    allocated: u32,
) -> String {
    let key = key.to_string();
    let digest = quota_row_digest(&key, i64::from(total), i64::from(allocated));
    serde_json::json!({
        "quota": key,
        "unit": unit.key(),
        "total": total,
        "previous_total": previous_total,
        QUOTA_ROW: key,
        QUOTA_DIGEST: digest,
    })
    .to_string()
}

/// The first quota row that differs from the digest the last audit record that wrote it keeps, or that no
/// record names: the quota's key, and the chain and record (`""` and 0 when none names it). `rows` are the
/// quota rows as they are (key, digest).
pub fn unwritten_quota(records: &[AuditRecord], rows: &[(String, String)]) -> Option<(String, String, i64)> {
    let mut last: std::collections::HashMap<String, (&str, i64, String)> = std::collections::HashMap::new();
    let mut named = std::collections::HashSet::new();
    for r in records {
        let Ok(detail) = serde_json::from_str::<serde_json::Value>(&r.detail) else {
            continue;
        };
        for name in ["quota", QUOTA_ROW] {
            if let Some(key) = detail.get(name).and_then(|v| v.as_str()) {
                named.insert(key.to_owned());
            }
        }
        if let (Some(key), Some(digest)) = (
            detail.get(QUOTA_ROW).and_then(|v| v.as_str()),
            detail.get(QUOTA_DIGEST).and_then(|v| v.as_str()),
        ) {
            last.insert(key.to_owned(), (r.chain.as_str(), r.seq, digest.to_owned()));
        }
    }
    rows.iter().find_map(|(key, digest)| match last.get(key) {
        Some((chain, seq, recorded)) if recorded != digest => Some((key.clone(), (*chain).to_owned(), *seq)),
        None if !named.contains(key) => Some((key.clone(), String::new(), 0)),
        Some(_) | None => None,
    })
}

/// The first case row that differs from the digest the last audit record that wrote it keeps: `records`
/// in chain and sequence order, `rows` the digests of the rows as they are (id, digest): the case, and the
/// chain and record that wrote it (`""` and 0 when no record names the case at all). A case whose writes
/// recorded no digest (written before digests were kept) is not judged.
pub fn unwritten_case(records: &[AuditRecord], rows: &[(i64, String)]) -> Option<(i64, String, i64)> {
    let mut last: std::collections::HashMap<i64, (&str, i64, String)> = std::collections::HashMap::new();
    let mut named = std::collections::HashSet::new();
    for r in records {
        let Some(case) = r.case_id else { continue };
        named.insert(case);
        let digest = serde_json::from_str::<serde_json::Value>(&r.detail)
            .ok()
            .and_then(|d| d.get(ROW_DIGEST).and_then(|v| v.as_str()).map(str::to_owned));
        if let Some(digest) = digest {
            last.insert(case, (r.chain.as_str(), r.seq, digest));
        }
    }
    rows.iter().find_map(|(id, digest)| match last.get(id) {
        Some((chain, seq, recorded)) if recorded != digest => Some((*id, (*chain).to_owned(), *seq)),
        // A row no audit record ever named was not written by the store.
        None if !named.contains(id) => Some((*id, String::new(), 0)),
        Some(_) | None => None,
    })
}

fn year_of(id: i64, year: i64) -> Result<i16, StoreError> {
    i16::try_from(year).map_err(|e| StoreError::Corrupt {
        table: "cases",
        id: id.to_string(),
        reason: e.to_string(),
    })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    Replay(Applied),
    Write(Box<WritePlan>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WritePlan {
    pub applied: Applied,
    pub audit: AuditRecord,
}

/// Decides from what was read: replay the first result, refuse, or write.
pub fn plan(cmd: &Command, fingerprint: &str, seen: &Seen) -> Result<Plan, StoreError> {
    if let Some(first) = &seen.first_use {
        if first.fingerprint != fingerprint {
            return Err(StoreError::IdempotencyMismatch {
                key: cmd.key.as_str().to_owned(),
            });
        }
        return Ok(Plan::Replay(Applied {
            case: CaseId(first.case),
            region: first.region.clone(),
            year: year_of(first.case, first.year)?,
            sequence: first.sequence,
            version: first.version,
            audit_seq: first.audit_seq,
            replayed: true,
        }));
    }
    let (case, version, region, year, sequence) = match &cmd.case {
        CaseWrite::Create { territory, year, .. } => {
            let region = region_of(territory).to_owned();
            let sequence = seen.last_sequence + 1;
            (case_id(&region, *year, sequence)?.0, 1, region, *year, sequence)
        }
        CaseWrite::Update {
            id, expected_version, ..
        } => match &seen.target {
            None => {
                return Err(StoreError::NotFound {
                    what: format!("case {id}"),
                });
            }
            Some(t) if t.version != *expected_version => {
                return Err(StoreError::Conflict {
                    case: *id,
                    expected: *expected_version,
                    actual: t.version,
                });
            }
            Some(t) => (
                id.0,
                expected_version + 1,
                t.region.clone(),
                year_of(id.0, t.year)?,
                t.sequence,
            ),
        },
    };
    let mut quota_row = None;
    if let Some((key, amount, allocate)) = quota_of(cmd) {
        // A territory without a quota for the year has no places: an inclusion there is refused on the
        // no-quota ground, like one in an exhausted quota. Releasing from a quota that is not there is a defect.
        let Some((total, allocated)) = seen.quota else {
            return Err(if allocate {
                StoreError::QuotaExhausted { key: key.clone() }
            } else {
                StoreError::NotFound {
                    what: format!("quota {key}"),
                }
            });
        };
        let amount = i64::from(amount);
        if allocate && allocated + amount > total {
            return Err(StoreError::QuotaExhausted { key: key.clone() });
        }
        if !allocate && allocated < amount {
            return Err(StoreError::Corrupt {
                table: "quotas",
                id: key.to_string(),
                reason: "release of more places than allocated".into(),
            });
        }
        let after = if allocate {
            allocated + amount
        } else {
            allocated - amount
        };
        let key = key.to_string();
        let digest = quota_row_digest(&key, total, after);
        quota_row = Some((key, digest));
    }
    let (state, payload, due_on) = match &cmd.case {
        CaseWrite::Create {
            state, payload, due_on, ..
        }
        | CaseWrite::Update {
            state, payload, due_on, ..
        } => (state, payload, due_on.map(|d| d.to_string())),
    };
    let row = case_row_digest(case, version, state, payload, due_on.as_deref());
    let audit = next_record(
        &seen.head,
        cmd.at,
        &cmd.actor,
        &cmd.action,
        &cmd.basis,
        Some(case),
        &with_row_digest(&cmd.detail, &row, quota_row.as_ref()),
    );
    Ok(Plan::Write(Box::new(WritePlan {
        applied: Applied {
            case: CaseId(case),
            region,
            year,
            sequence,
            version,
            audit_seq: audit.seq,
            replayed: false,
        },
        audit,
    })))
}

/// Decides a group of commands written in one transaction (group commit), in order, as if each were applied
/// after the ones before it: every command gets what was read for it under the locks of all their chains,
/// overlaid with what the earlier commands of the group write (the chain heads, the region's last sequence,
/// idempotency keys, case versions, quota places). The result for each is what [`plan`] would have decided
/// had the commands been applied one by one in this order.
pub fn plan_batch(commands: &[(&Command, &str, Seen)]) -> Vec<Result<Plan, StoreError>> {
    use std::collections::HashMap;
    let mut heads: HashMap<String, Head> = HashMap::new();
    let mut last_sequence: HashMap<(String, i16), i64> = HashMap::new();
    let mut keys: HashMap<&str, FirstUse> = HashMap::new();
    let mut targets: HashMap<i64, Target> = HashMap::new();
    let mut quotas: HashMap<String, (i64, i64)> = HashMap::new();
    let mut out = Vec::with_capacity(commands.len());
    for (cmd, fingerprint, read) in commands {
        let mut seen = read.clone();
        if let Some(head) = heads.get(&seen.head.chain) {
            seen.head = head.clone();
        }
        let created = match &cmd.case {
            CaseWrite::Create { territory, year, .. } => Some((region_of(territory).to_owned(), *year)),
            CaseWrite::Update { .. } => None,
        };
        if let Some(last) = created.as_ref().and_then(|k| last_sequence.get(k)) {
            seen.last_sequence = *last;
        }
        if let Some(first) = keys.get(cmd.key.as_str()) {
            seen.first_use = Some(first.clone());
        }
        if let CaseWrite::Update { id, .. } = &cmd.case
            && let Some(target) = targets.get(&id.0)
        {
            seen.target = Some(target.clone());
        }
        let quota = quota_of(cmd).map(|(key, amount, allocate)| (key.to_string(), i64::from(amount), allocate));
        if let Some(places) = quota.as_ref().and_then(|(key, _, _)| quotas.get(key)) {
            seen.quota = Some(*places);
        }
        let planned = plan(cmd, fingerprint, &seen);
        if let Ok(Plan::Write(w)) = &planned {
            let a = &w.applied;
            heads.insert(
                seen.head.chain.clone(),
                Head {
                    chain: seen.head.chain.clone(),
                    seq: w.audit.seq,
                    hash: w.audit.hash.clone(),
                },
            );
            if let Some(k) = created {
                last_sequence.insert(k, a.sequence);
            }
            keys.insert(cmd.key.as_str(), FirstUse::of(fingerprint, a));
            targets.insert(
                a.case.0,
                Target {
                    version: a.version,
                    region: a.region.clone(),
                    year: i64::from(a.year),
                    sequence: a.sequence,
                },
            );
            if let (Some((key, amount, allocate)), Some((total, allocated))) = (quota, seen.quota) {
                let allocated = if allocate {
                    allocated + amount
                } else {
                    allocated - amount
                };
                quotas.insert(key, (total, allocated));
            }
        }
        out.push(planned);
    }
    out
}

/// Where the rows of the raw-command benchmark peer start (case ids and sequences), far above any real case id
/// (at most about 8 * 10^15), so they never meet real rows and are removed by one range delete. Their audit
/// records go to the chain `raw`, which has no head.
pub const RAW_BASE: i64 = 1_000_000_000_000_000_000;

/// The write of `cmd` as the raw peer makes it: fixed ids from [`RAW_BASE`], an unsealed audit record.
pub fn raw_plan(cmd: &Command, n: i64) -> WritePlan {
    let id = RAW_BASE + n;
    let (region, year) = match &cmd.case {
        CaseWrite::Create { territory, year, .. } => (region_of(territory).to_owned(), *year),
        CaseWrite::Update { .. } => (String::new(), 0),
    };
    let head = Head {
        chain: "raw".into(),
        seq: n,
        hash: String::new(),
    };
    let mut audit = next_record(
        &head,
        cmd.at,
        &cmd.actor,
        &cmd.action,
        &cmd.basis,
        Some(id),
        &cmd.detail,
    );
    audit.hash = String::from("raw");
    WritePlan {
        applied: Applied {
            case: CaseId(id),
            region,
            year,
            sequence: id,
            version: 1,
            audit_seq: id,
            replayed: false,
        },
        audit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conformance::{create, quota_key, update};

    fn read(head_seq: i64, last_sequence: i64, quota: Option<(i64, i64)>) -> Seen {
        Seen {
            head: Head {
                chain: "75".into(),
                seq: head_seq,
                hash: "h".repeat(64),
            },
            last_sequence,
            first_use: None,
            target: None,
            quota,
        }
    }

    fn write(p: &Result<Plan, StoreError>) -> &WritePlan {
        match p {
            Ok(Plan::Write(w)) => w,
            other => panic!("expected a write, got {other:?}"),
        }
    }

    /// What each command read before the group was written knows nothing of the others; the group's
    /// decisions are those of applying them one by one.
    #[test]
    fn a_group_is_decided_as_if_applied_one_by_one() {
        let a = create("group-a-0001", 0);
        let b = create("group-b-0001", 1);
        let first_id = case_id("75", 2026, 5).expect("id");
        let u1 = update("group-u-0001", first_id, 1, "accepted", 2);
        let u2 = update("group-u-0002", first_id, 1, "refused", 3);
        let (fa, fb, fu1, fu2) = (a.fingerprint(), b.fingerprint(), u1.fingerprint(), u2.fingerprint());
        let mut other = create("group-a-0001", 9);
        other.detail = r#"{"other":true}"#.into();
        let fo = other.fingerprint();
        let plans = plan_batch(&[
            (&a, fa.as_str(), read(10, 4, None)),
            (&b, fb.as_str(), read(10, 4, None)),
            (&a, fa.as_str(), read(10, 4, None)),
            (&other, fo.as_str(), read(10, 4, None)),
            (&u1, fu1.as_str(), read(10, 0, None)),
            (&u2, fu2.as_str(), read(10, 0, None)),
        ]);
        let (wa, wb, wu) = (write(&plans[0]), write(&plans[1]), write(&plans[4]));
        assert_eq!((wa.applied.sequence, wa.audit.seq), (5, 11));
        assert_eq!((wb.applied.sequence, wb.audit.seq), (6, 12));
        assert_eq!(
            wb.audit.prev_hash, wa.audit.hash,
            "chained to the group's previous record"
        );
        match &plans[2] {
            Ok(Plan::Replay(first)) => assert_eq!(
                first,
                &Applied {
                    replayed: true,
                    ..wa.applied.clone()
                }
            ),
            other => panic!("the same key again replays: {other:?}"),
        }
        assert!(matches!(plans[3], Err(StoreError::IdempotencyMismatch { .. })));
        assert_eq!((wu.applied.case, wu.applied.version, wu.audit.seq), (first_id, 2, 13));
        assert_eq!(wu.audit.prev_hash, wb.audit.hash);
        assert!(
            matches!(
                plans[5],
                Err(StoreError::Conflict {
                    expected: 1,
                    actual: 2,
                    ..
                })
            ),
            "{:?}",
            plans[5]
        );
    }

    #[test]
    fn a_group_never_takes_more_places_than_are_left() {
        let with_quota = |k: &str, allocate: bool| {
            let mut c = create(k, 0);
            c.ops = vec![crate::Op::Quota(if allocate {
                QuotaOp::Allocate {
                    key: quota_key(),
                    amount: 1,
                }
            } else {
                QuotaOp::Release {
                    key: quota_key(),
                    amount: 1,
                }
            })];
            c
        };
        let cmds = [
            with_quota("group-q-0001", true),
            with_quota("group-q-0002", true),
            with_quota("group-q-0003", false),
            with_quota("group-q-0004", true),
        ];
        let fingerprints: Vec<String> = cmds.iter().map(Command::fingerprint).collect();
        let group: Vec<(&Command, &str, Seen)> = cmds
            .iter()
            .zip(&fingerprints)
            .map(|(c, f)| (c, f.as_str(), read(0, 0, Some((2, 1)))))
            .collect();
        let plans = plan_batch(&group);
        write(&plans[0]);
        assert!(
            matches!(plans[1], Err(StoreError::QuotaExhausted { .. })),
            "2 of 2 taken"
        );
        write(&plans[2]);
        write(&plans[3]);
        assert_eq!(
            plans.iter().filter_map(|p| p.as_ref().ok()).count(),
            3,
            "one place taken, one given back, one taken again"
        );
    }

    /// A database as the adapters read it, in memory: what `plan` is given for a command, and what a decided
    /// write changes.
    #[derive(Default, Clone)]
    struct Model {
        heads: std::collections::HashMap<String, Head>,
        cases: std::collections::HashMap<i64, Target>,
        keys: std::collections::HashMap<String, FirstUse>,
        quota: (i64, i64),
    }

    impl Model {
        fn read(&self, cmd: &Command) -> Seen {
            let chain = chain_of(cmd);
            let last_sequence = match &cmd.case {
                CaseWrite::Create { territory, year, .. } => self
                    .cases
                    .values()
                    .filter(|t| t.region == region_of(territory) && t.year == i64::from(*year))
                    .map(|t| t.sequence)
                    .max()
                    .unwrap_or(0),
                CaseWrite::Update { .. } => 0,
            };
            Seen {
                head: self.heads.get(&chain).cloned().unwrap_or(Head {
                    chain,
                    seq: 0,
                    hash: crate::GENESIS.to_owned(),
                }),
                last_sequence,
                first_use: self.keys.get(cmd.key.as_str()).cloned(),
                target: match &cmd.case {
                    CaseWrite::Update { id, .. } => self.cases.get(&id.0).cloned(),
                    CaseWrite::Create { .. } => None,
                },
                quota: quota_of(cmd).map(|_| self.quota),
            }
        }

        fn write(&mut self, cmd: &Command, fingerprint: &str, w: &WritePlan) {
            let a = &w.applied;
            self.heads.insert(
                w.audit.chain.clone(),
                Head {
                    chain: w.audit.chain.clone(),
                    seq: w.audit.seq,
                    hash: w.audit.hash.clone(),
                },
            );
            let target = Target {
                version: a.version,
                region: a.region.clone(),
                year: i64::from(a.year),
                sequence: a.sequence,
            };
            self.cases.insert(a.case.0, target);
            self.keys
                .insert(cmd.key.as_str().to_owned(), FirstUse::of(fingerprint, a));
            if let Some((_, amount, allocate)) = quota_of(cmd) {
                let amount = i64::from(amount);
                self.quota.1 += if allocate { amount } else { -amount };
            }
        }
    }

    /// A command from a few numbers: a create in one of two regions or an update of one of the first cases,
    /// with one of a few keys (so keys repeat, with the same command or another), maybe taking or giving back
    /// a quota place.
    fn command(kind: u8, key: u8, variant: u8, target: u8, version: u8, quota: u8) -> Command {
        let mut cmd = if kind % 3 == 2 {
            let id = case_id(
                if target.is_multiple_of(2) { "75" } else { "71" },
                2026,
                i64::from(target % 4 / 2 + 1),
            )
            .expect("id");
            update(
                &format!("prop-key-{:04}", key % 12),
                id,
                i64::from(version % 3 + 1),
                "accepted",
                5,
            )
        } else {
            let mut c = create(&format!("prop-key-{:04}", key % 12), 1);
            if kind % 3 == 1
                && let CaseWrite::Create { territory, .. } = &mut c.case
            {
                *territory = kz::Kato::parse("710000000").expect("Astana");
            }
            c
        };
        cmd.detail = format!(r#"{{"variant":{}}}"#, variant % 2);
        cmd.ops = match quota % 4 {
            0 => vec![crate::Op::Quota(QuotaOp::Allocate {
                key: quota_key(),
                amount: 1,
            })],
            1 => vec![crate::Op::Quota(QuotaOp::Release {
                key: quota_key(),
                amount: 1,
            })],
            _ => Vec::new(),
        };
        cmd
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 1024,
            rng_seed: proptest::test_runner::RngSeed::Fixed(0x7167),
            failure_persistence: None,
            ..proptest::prelude::ProptestConfig::default()
        })]

        /// Whatever the group, `plan_batch` decides each command exactly as `plan` does when the commands are
        /// applied one by one and each reads what the ones before it wrote.
        #[test]
        fn a_group_decides_as_one_by_one(
            raw in proptest::collection::vec((0u8..6, 0u8..24, 0u8..2, 0u8..8, 0u8..3, 0u8..6), 1..24),
            total in 0i64..4,
            allocated in 0i64..3,
        ) {
            let cmds: Vec<Command> = raw.iter().map(|&(k, key, v, t, ver, q)| command(k, key, v, t, ver, q)).collect();
            let fingerprints: Vec<String> = cmds.iter().map(Command::fingerprint).collect();
            let start = Model { quota: (total, allocated.min(total)), ..Model::default() };

            let mut one_by_one = start.clone();
            let mut expected = Vec::new();
            for (cmd, fp) in cmds.iter().zip(&fingerprints) {
                let planned = plan(cmd, fp, &one_by_one.read(cmd));
                if let Ok(Plan::Write(w)) = &planned {
                    one_by_one.write(cmd, fp, w);
                }
                expected.push(planned);
            }

            let group: Vec<(&Command, &str, Seen)> =
                cmds.iter().zip(&fingerprints).map(|(c, f)| (c, f.as_str(), start.read(c))).collect();
            let together = plan_batch(&group);
            proptest::prop_assert_eq!(together, expected);
        }
    }
}
