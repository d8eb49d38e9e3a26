//! The values that cross the port. They are plain data; the adapters map them to rows.

use std::fmt;

use jiff::Timestamp;
use kz::Kato;

/// A case's database identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CaseId(pub i64);

impl fmt::Display for CaseId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Who acts on the system. A role decides what may be done; the territory restriction is checked by `app`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Citizen,
    StateCorporationOperator,
    CareerCentre,
    LabourMobilityCentre,
    LocalExecutiveBody,
    Commission,
    AppealBody,
    Employer,
    /// The ministry's analyst: aggregate figures only, never a person's data.
    Analyst,
    Administrator,
    /// The system itself (scheduled deadlines, imports).
    System,
}

impl Role {
    pub const ALL: &'static [Role] = &[
        Role::Citizen,
        Role::StateCorporationOperator,
        Role::CareerCentre,
        Role::LabourMobilityCentre,
        Role::LocalExecutiveBody,
        Role::Commission,
        Role::AppealBody,
        Role::Employer,
        Role::Analyst,
        Role::Administrator,
        Role::System,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Role::Citizen => "citizen",
            Role::StateCorporationOperator => "state_corporation_operator",
            Role::CareerCentre => "career_centre",
            Role::LabourMobilityCentre => "labour_mobility_centre",
            Role::LocalExecutiveBody => "local_executive_body",
            Role::Commission => "commission",
            Role::AppealBody => "appeal_body",
            Role::Employer => "employer",
            Role::Analyst => "analyst",
            Role::Administrator => "administrator",
            Role::System => "system",
        }
    }

    pub fn from_key(key: &str) -> Option<Role> {
        Role::ALL.iter().copied().find(|r| r.key() == key)
    }
}

/// The channel a command or read came through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    Portal,
    StateCorporation,
    CareerCentre,
    EGov,
    Api,
    Cli,
    /// Work the service does on its own schedule (deadline checks).
    Scheduler,
}

impl Channel {
    pub const ALL: &'static [Channel] = &[
        Channel::Portal,
        Channel::StateCorporation,
        Channel::CareerCentre,
        Channel::EGov,
        Channel::Api,
        Channel::Cli,
        Channel::Scheduler,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Channel::Portal => "portal",
            Channel::StateCorporation => "state_corporation",
            Channel::CareerCentre => "career_centre",
            Channel::EGov => "egov",
            Channel::Api => "api",
            Channel::Cli => "cli",
            Channel::Scheduler => "scheduler",
        }
    }

    pub fn from_key(key: &str) -> Option<Channel> {
        Channel::ALL.iter().copied().find(|c| c.key() == key)
    }
}

/// An account name: staff logins and pseudonymous citizen handles, never an IIN or a name.
fn valid_account(s: &str) -> bool {
    (1..=64).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"._:@-".contains(&b))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ActorError {
    #[error("account names are 1 to 64 characters of letters, digits and . _ : @ -")]
    Account,
}

/// The actor of an audited action: account, role, whom it acts for, and the channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    account: String,
    pub role: Role,
    on_behalf_of: Option<String>,
    pub channel: Channel,
}

impl Actor {
    pub fn new(account: &str, role: Role, channel: Channel) -> Result<Actor, ActorError> {
        if !valid_account(account) {
            return Err(ActorError::Account);
        }
        Ok(Actor {
            account: account.to_owned(),
            role,
            on_behalf_of: None,
            channel,
        })
    }

    /// Acting for someone else (an operator for an applicant, a representative by power of attorney).
    pub fn on_behalf_of(mut self, account: &str) -> Result<Actor, ActorError> {
        if !valid_account(account) {
            return Err(ActorError::Account);
        }
        self.on_behalf_of = Some(account.to_owned());
        Ok(self)
    }

    pub fn account(&self) -> &str {
        &self.account
    }

    pub fn acting_for(&self) -> Option<&str> {
        self.on_behalf_of.as_deref()
    }
}

/// A client-chosen key that makes a command safe to repeat.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    pub fn parse(s: &str) -> Option<IdempotencyKey> {
        let ok = (8..=128).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"._:-".contains(&b));
        ok.then(|| IdempotencyKey(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for IdempotencyKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IdempotencyKey({})", self.0)
    }
}

/// Who is counted against a quota. The order does not say whether quotas count persons or families: it is
/// configured per quota.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuotaCategory {
    Kandas,
    Resettler,
}

impl QuotaCategory {
    pub fn key(self) -> &'static str {
        match self {
            QuotaCategory::Kandas => "kandas",
            QuotaCategory::Resettler => "resettler",
        }
    }

    pub fn from_key(key: &str) -> Option<QuotaCategory> {
        [QuotaCategory::Kandas, QuotaCategory::Resettler]
            .into_iter()
            .find(|c| c.key() == key)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuotaUnit {
    Persons,
    Families,
}

impl QuotaUnit {
    pub fn key(self) -> &'static str {
        match self {
            QuotaUnit::Persons => "persons",
            QuotaUnit::Families => "families",
        }
    }

    pub fn from_key(key: &str) -> Option<QuotaUnit> {
        [QuotaUnit::Persons, QuotaUnit::Families]
            .into_iter()
            .find(|c| c.key() == key)
    }
}

/// One quota: a year, a territorial unit, a category.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct QuotaKey {
    pub year: i16,
    pub territory: Kato,
    pub category: QuotaCategory,
}

impl fmt::Display for QuotaKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}/{}", self.year, self.territory, self.category.key())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quota {
    pub key: QuotaKey,
    pub unit: QuotaUnit,
    pub total: u32,
    pub allocated: u32,
}

impl Quota {
    pub fn remaining(&self) -> u32 {
        self.total.saturating_sub(self.allocated)
    }
}

/// A change to a quota made in the same transaction as the decision that causes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuotaOp {
    /// Inclusion in the quota: fails with `QuotaExhausted` (and writes nothing) when too few places are left.
    Allocate { key: QuotaKey, amount: u32 },
    /// Revocation of an inclusion gives the places back.
    Release { key: QuotaKey, amount: u32 },
}

/// An answer from an information system kept on the case as evidence (once-only principle).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub system: String,
    pub requested_at: Timestamp,
    pub response_id: String,
    /// The answer as the adapter of that system rendered it (JSON).
    pub payload: String,
}

/// The case part of a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseWrite {
    /// A new case gets the next application number of its region and year.
    Create {
        kind: String,
        territory: Kato,
        year: i16,
        state: String,
        payload: String,
        /// Whose case it is, for the personal cabinet.
        applicant: Option<kz::Iin>,
        /// The family members it concerns too, who also follow it in their cabinets.
        members: Vec<kz::Iin>,
        /// The date of the case's next deadline, for the work queues.
        due_on: Option<jiff::civil::Date>,
    },
    /// Only from `expected_version`; the version goes up by one.
    Update {
        id: CaseId,
        expected_version: i64,
        state: String,
        payload: String,
        due_on: Option<jiff::civil::Date>,
    },
}

/// One audited write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    pub key: IdempotencyKey,
    pub at: Timestamp,
    pub actor: Actor,
    /// The action, e.g. `quota.include`; stable, for the audit log.
    pub action: String,
    /// The legal basis, e.g. `rules-a 15.5`.
    pub basis: String,
    pub case: CaseWrite,
    pub quota: Option<QuotaOp>,
    pub evidence: Vec<Evidence>,
    /// What changed, as JSON with personal data masked.
    pub detail: String,
}

impl Command {
    /// What makes two commands "the same" for idempotency: everything but the time and the evidence, which a
    /// retry legitimately obtains again.
    pub fn fingerprint(&self) -> String {
        use sha2::{Digest, Sha256};
        let case = match &self.case {
            CaseWrite::Create {
                kind,
                territory,
                year,
                state,
                payload,
                applicant,
                members,
                due_on,
            } => {
                let applicant = applicant.as_ref().map(kz::Iin::as_str);
                let due = due_on.map(|d| d.to_string());
                let mut create =
                    serde_json::json!(["create", kind, territory.as_str(), year, state, payload, applicant, due]);
                // Only when there are any, so that the fingerprints of commands without members did not change.
                if let (false, Some(list)) = (members.is_empty(), create.as_array_mut()) {
                    list.push(members.iter().map(kz::Iin::as_str).collect());
                }
                create
            }
            CaseWrite::Update {
                id,
                expected_version,
                state,
                payload,
                due_on,
            } => {
                let due = due_on.map(|d| d.to_string());
                serde_json::json!(["update", id.0, expected_version, state, payload, due])
            }
        };
        let quota = match &self.quota {
            None => serde_json::Value::Null,
            Some(QuotaOp::Allocate { key, amount }) => serde_json::json!(["allocate", key.to_string(), amount]),
            Some(QuotaOp::Release { key, amount }) => serde_json::json!(["release", key.to_string(), amount]),
        };
        let all = serde_json::json!([
            self.actor.account,
            self.actor.role.key(),
            self.actor.on_behalf_of,
            self.actor.channel.key(),
            self.action,
            self.basis,
            case,
            quota,
            self.detail,
        ]);
        hex::encode(Sha256::digest(all.to_string().as_bytes()))
    }
}

/// What a command did (or, when `replayed`, what its first application did).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub case: CaseId,
    pub region: String,
    pub year: i16,
    pub sequence: i64,
    pub version: i64,
    pub audit_seq: i64,
    pub replayed: bool,
}

/// A case as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRecord {
    pub id: CaseId,
    pub kind: String,
    pub territory: Kato,
    pub region: String,
    pub year: i16,
    pub sequence: i64,
    pub state: String,
    pub payload: String,
    pub version: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub applicant: Option<kz::Iin>,
    pub due_on: Option<jiff::civil::Date>,
}

/// Which cases a list shows; `None` is "any". Sorted by next deadline (none last), then by id.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CaseQuery {
    /// A two-digit KATO region prefix.
    pub region: Option<String>,
    pub applicant: Option<kz::Iin>,
    pub kind: Option<String>,
    pub state: Option<String>,
    /// Only cases whose next deadline is before this day (overdue on it).
    pub due_before: Option<jiff::civil::Date>,
    /// Only cases whose next deadline is on this day or later (still running on it).
    pub due_from: Option<jiff::civil::Date>,
    pub limit: u32,
}

/// How many cases of a kind are in a state in a region: the analyst's figures, with no person in them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseCount {
    pub region: String,
    pub kind: String,
    pub state: String,
    pub count: u64,
}

/// A message to a person (SMS and the like), delivered by whichever instance claims it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMessage {
    /// The delivery channel, e.g. `sms`.
    pub channel: String,
    /// Whom it goes to (an account's login); never printed in clear.
    pub recipient: String,
    pub body: String,
}

/// A message in the outbox.
#[derive(Clone, PartialEq, Eq)]
pub struct Message {
    pub id: i64,
    pub channel: String,
    pub recipient: String,
    pub body: String,
    pub created_at: Timestamp,
    pub sent_at: Option<Timestamp>,
    pub claimed_by: Option<String>,
}

impl std::fmt::Debug for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The body may hold a one-time code and the recipient is a person: neither goes to logs.
        f.debug_struct("Message")
            .field("id", &self.id)
            .field("channel", &self.channel)
            .field("sent_at", &self.sent_at)
            .finish_non_exhaustive()
    }
}

/// Why staff read a case (kept in the audit record).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadPurpose {
    pub basis: String,
    pub reason: String,
}

/// An amendment of the law as stored: its place in the order of amendments, when and by whom it was made, and
/// the amendment itself as JSON (`legal::amend::Amendment`; the store does not interpret it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmendmentRecord {
    pub seq: i64,
    pub at: Timestamp,
    pub account: String,
    pub body: String,
}

/// What an idempotency key already did: the first command's result, and the detail of its audit record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replay {
    pub applied: Applied,
    pub detail: String,
}
