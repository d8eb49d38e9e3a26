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

/// Whom a case is for: a person by IIN, or an organisation (an employer) by BIN. Both numbers have twelve
/// digits, so the kind is stored beside the number.
#[derive(Clone, PartialEq, Eq, Hash)]
pub enum Party {
    Person(kz::Iin),
    Organisation(kz::Bin),
}

impl Party {
    pub fn kind_key(&self) -> &'static str {
        match self {
            Party::Person(_) => "person",
            Party::Organisation(_) => "organisation",
        }
    }

    /// The twelve digits (an IIN or a BIN).
    pub fn number(&self) -> &str {
        match self {
            Party::Person(iin) => iin.as_str(),
            Party::Organisation(bin) => bin.as_str(),
        }
    }

    /// A party as stored: its kind and number, parsed again (the database is untrusted input).
    pub fn parse(kind: &str, number: &str) -> Option<Party> {
        match kind {
            "person" => kz::Iin::parse(number).ok().map(Party::Person),
            "organisation" => kz::Bin::parse(number).ok().map(Party::Organisation),
            _ => None,
        }
    }

    /// The number with all but its last four digits hidden, for logs, audit details and lists.
    pub fn masked(&self) -> String {
        match self {
            Party::Person(iin) => iin.masked(),
            Party::Organisation(bin) => format!("{bin:?}"),
        }
    }
}

impl fmt::Debug for Party {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Party({}, {})", self.kind_key(), self.masked())
    }
}

/// How one case relates to another it points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Relation {
    /// An appeal, pointing to the case whose decision it contests.
    Appeals,
    /// A support measure (rent, relocation) that follows the inclusion in the quota it points to.
    FollowsInclusion,
    /// A certificate or housing measure that follows the referral for resettlement it points to.
    FollowsReferral,
    /// A petition to restore a missed time limit, pointing to the measure it would restore.
    Restores,
}

impl Relation {
    pub const ALL: &'static [Relation] = &[
        Relation::Appeals,
        Relation::FollowsInclusion,
        Relation::FollowsReferral,
        Relation::Restores,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Relation::Appeals => "appeals",
            Relation::FollowsInclusion => "follows_inclusion",
            Relation::FollowsReferral => "follows_referral",
            Relation::Restores => "restores",
        }
    }

    pub fn from_key(key: &str) -> Option<Relation> {
        Relation::ALL.iter().copied().find(|r| r.key() == key)
    }
}

/// A link from the command's case to another case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Link {
    pub to: CaseId,
    pub relation: Relation,
}

/// A payment a decision schedules: one row per case, measure and period, so a measure is scheduled once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentRequest {
    /// The measure paid, e.g. `rent_month`, `relocation_subsidy`, `certificate`, `employer_subsidy`.
    pub measure: String,
    pub amount: kz::Money,
    pub payee: Party,
    /// The month paid for (`2026-03`) for monthly measures; empty for one-off payments.
    pub period: String,
}

/// A document a step issues: recorded as requested, or issued (rendered and signed in the step's flow).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRequest {
    /// The form, as the order's appendix or the rules' appendix: `order-359-app-5`, `rules-a-app-7`.
    pub form: String,
    /// The signed document, when the service issues documents (it has a signing authority).
    pub issued: Option<IssuedDocument>,
}

/// A signed document as issued: immutable once written.
#[derive(Clone, PartialEq, Eq)]
pub struct IssuedDocument {
    /// Unique; the verification address names it.
    pub number: String,
    pub issued_on: jiff::civil::Date,
    /// The edition of the law the document was made under (`law/` and the amendments applied).
    pub law_edition: String,
    /// The account of the official who signed it.
    pub signer: String,
    /// The issuing body, in Kazakh and Russian.
    pub issuer_kk: String,
    pub issuer_ru: String,
    /// The signed PDF in Kazakh and in Russian.
    pub pdf_kk: Vec<u8>,
    pub pdf_ru: Vec<u8>,
}

impl IssuedDocument {
    /// The SHA-256 of a file, lower-case hex.
    pub fn sha256(pdf: &[u8]) -> String {
        use sha2::{Digest, Sha256};
        hex::encode(Sha256::digest(pdf))
    }
}

impl std::fmt::Debug for IssuedDocument {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The files carry personal data: only their hashes.
        f.debug_struct("IssuedDocument")
            .field("number", &self.number)
            .field("issued_on", &self.issued_on)
            .field("sha256_kk", &IssuedDocument::sha256(&self.pdf_kk))
            .field("sha256_ru", &IssuedDocument::sha256(&self.pdf_ru))
            .finish_non_exhaustive()
    }
}

/// What a command does besides writing its case, all in the same transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// Take or give back quota places.
    Quota(QuotaOp),
    /// Queue a message about the case (transactional outbox).
    Message(NewMessage),
    /// Schedule a payment.
    Payment(PaymentRequest),
    /// Record a document to issue.
    Document(DocumentRequest),
    /// Revoke a valid document (a decision overturned or revoked), with the reason.
    RevokeDocument { number: String, reason: String },
    /// Point the case to another.
    Link(Link),
    /// Book one leg of a double-entry posting in the ledger.
    Post(Posting),
}

/// One leg of a double-entry ledger posting on a payment order of the case (the order is the case, measure
/// and period of its [`PaymentRequest`]), booked under a budget line and region. A posting is two legs of
/// the same amount, a debit and a credit; an order's event is booked once per attempt (the store's unique
/// key), so a repeated command books nothing twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posting {
    pub measure: String,
    pub period: String,
    /// The order's attempt (1, one more for each re-issue after a return).
    pub attempt: u8,
    /// `accrue`, `pay` or `return`.
    pub event: String,
    /// `expense`, `payable` or `bank`.
    pub account: String,
    pub debit: bool,
    pub amount: kz::Money,
    /// The budget programme line of the measure (configuration, outside the order).
    pub budget_line: String,
    /// The two-digit region the order is paid from.
    pub region: String,
    pub booked_on: jiff::civil::Date,
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

/// The case part of a command. Its `Debug` leaves out the payload, which holds personal data.
#[derive(Clone, PartialEq, Eq)]
pub enum CaseWrite {
    /// A new case gets the next application number of its region and year.
    Create {
        kind: String,
        territory: Kato,
        year: i16,
        state: String,
        payload: String,
        /// Whose case it is, for the personal cabinet.
        applicant: Option<Party>,
        /// Where the application came in (`portal`, `state_corporation`, …), for the queues' filter.
        channel: Option<String>,
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

impl fmt::Debug for CaseWrite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CaseWrite::Create {
                kind, state, applicant, ..
            } => f
                .debug_struct("Create")
                .field("kind", kind)
                .field("state", state)
                .field("applicant", applicant)
                .finish_non_exhaustive(),
            CaseWrite::Update {
                id,
                expected_version,
                state,
                ..
            } => f
                .debug_struct("Update")
                .field("id", id)
                .field("expected_version", expected_version)
                .field("state", state)
                .finish_non_exhaustive(),
        }
    }
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
    /// Everything else the command does in the same transaction, in order.
    pub ops: Vec<Op>,
    pub evidence: Vec<Evidence>,
    /// What changed, as JSON with personal data masked.
    pub detail: String,
}

impl Command {
    /// What makes two commands "the same" for idempotency: everything but the time and the evidence, which a
    /// retry legitimately obtains again. The first byte names the fingerprint's version, so a change of what
    /// it covers never matches an old one by accident.
    pub fn fingerprint(&self) -> String {
        use serde_json::{Value, json};
        use sha2::{Digest, Sha256};
        let case = match &self.case {
            CaseWrite::Create {
                kind,
                territory,
                year,
                state,
                payload,
                applicant,
                channel,
                members,
                due_on,
            } => {
                let applicant = applicant.as_ref().map(|p| [p.kind_key(), p.number()]);
                let members: Vec<&str> = members.iter().map(kz::Iin::as_str).collect();
                let due = due_on.map(|d| d.to_string());
                json!([
                    "create",
                    kind,
                    territory.as_str(),
                    year,
                    state,
                    payload,
                    applicant,
                    channel,
                    members,
                    due
                ])
            }
            CaseWrite::Update {
                id,
                expected_version,
                state,
                payload,
                due_on,
            } => {
                let due = due_on.map(|d| d.to_string());
                json!(["update", id.0, expected_version, state, payload, due])
            }
        };
        let ops: Vec<Value> = self
            .ops
            .iter()
            .map(|op| match op {
                Op::Quota(QuotaOp::Allocate { key, amount }) => json!(["allocate", key.to_string(), amount]),
                Op::Quota(QuotaOp::Release { key, amount }) => json!(["release", key.to_string(), amount]),
                Op::Message(m) => json!(["message", m.channel, m.recipient, m.template, m.args, m.body]),
                Op::Payment(p) => json!([
                    "payment",
                    p.measure,
                    p.amount.tiyn(),
                    p.payee.kind_key(),
                    p.payee.number(),
                    p.period
                ]),
                Op::Document(d) => json!([
                    "document",
                    d.form,
                    d.issued.as_ref().map(|i| {
                        json!([
                            i.number,
                            i.law_edition,
                            i.signer,
                            IssuedDocument::sha256(&i.pdf_kk),
                            IssuedDocument::sha256(&i.pdf_ru)
                        ])
                    })
                ]),
                Op::RevokeDocument { number, reason } => json!(["revoke_document", number, reason]),
                Op::Link(l) => json!(["link", l.to.0, l.relation.key()]),
                Op::Post(p) => json!([
                    "post",
                    p.measure,
                    p.period,
                    p.attempt,
                    p.event,
                    p.account,
                    p.debit,
                    p.amount.tiyn(),
                    p.budget_line,
                    p.region,
                    p.booked_on.to_string()
                ]),
            })
            .collect();
        let all = json!([
            self.actor.account,
            self.actor.role.key(),
            self.actor.on_behalf_of,
            self.actor.channel.key(),
            self.action,
            self.basis,
            case,
            ops,
            self.detail,
        ]);
        format!("2{}", hex::encode(Sha256::digest(all.to_string().as_bytes())))
    }

    /// The quota operation of the command, if any.
    pub fn quota(&self) -> Option<&QuotaOp> {
        self.ops.iter().find_map(|op| match op {
            Op::Quota(q) => Some(q),
            Op::Message(_)
            | Op::Payment(_)
            | Op::Document(_)
            | Op::RevokeDocument { .. }
            | Op::Link(_)
            | Op::Post(_) => None,
        })
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

/// A case as stored. Its `Debug` leaves out the payload, which holds personal data.
#[derive(Clone, PartialEq, Eq)]
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
    pub applicant: Option<Party>,
    pub channel: Option<String>,
    pub due_on: Option<jiff::civil::Date>,
}

impl fmt::Debug for CaseRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CaseRecord")
            .field("id", &self.id)
            .field("kind", &self.kind)
            .field("state", &self.state)
            .field("version", &self.version)
            .field("applicant", &self.applicant)
            .field("due_on", &self.due_on)
            .finish_non_exhaustive()
    }
}

/// Which cases a list shows; `None` (or an empty list) is "any". Sorted by next deadline (none last), then by
/// id; `after` continues a list from the last case of its previous page (keyset pagination).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CaseQuery {
    /// A two-digit KATO region prefix.
    pub region: Option<String>,
    /// The cases of a party: as applicant, or as a family member the case concerns too.
    pub party: Option<Party>,
    /// Any of these kinds.
    pub kinds: Vec<String>,
    /// Any of these states; an entry `kind/state` is that state of that kind only (states of different kinds
    /// share names: `under_review` awaits the service provider in a quota case, the centre in a certificate
    /// case).
    pub states: Vec<String>,
    /// The channel the application came in through.
    pub channel: Option<String>,
    /// Only cases whose next deadline is before this day (overdue on it).
    pub due_before: Option<jiff::civil::Date>,
    /// Only cases whose next deadline is on this day or later (still running on it).
    pub due_from: Option<jiff::civil::Date>,
    /// After this case in the list's order.
    pub after: Option<Cursor>,
    pub limit: u32,
}

/// Where a page of a case list ends: the last case's next deadline and id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub due_on: Option<jiff::civil::Date>,
    pub id: CaseId,
}

impl Cursor {
    /// The cursor after `case`.
    pub fn after(case: &CaseRecord) -> Cursor {
        Cursor {
            due_on: case.due_on,
            id: case.id,
        }
    }
}

/// How many cases of a kind are in a state in a region: the analyst's figures, with no person in them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseCount {
    pub region: String,
    pub kind: String,
    pub state: String,
    pub count: u64,
}

/// A message to a person (SMS, e-mail, the personal cabinet), delivered by whichever instance claims it.
#[derive(Clone, PartialEq, Eq)]
pub struct NewMessage {
    /// The delivery channel: `sms`, `email` or `cabinet`.
    pub channel: String,
    /// Whom it goes to: an account's login (an applicant's IIN, an employer's BIN); never printed in clear.
    pub recipient: String,
    /// The catalog key of the text, so the cabinet shows it in the reader's language.
    pub template: String,
    /// The text's arguments (JSON object of strings).
    pub args: String,
    /// The text as sent, in the recipient's language.
    pub body: String,
}

impl std::fmt::Debug for NewMessage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewMessage")
            .field("channel", &self.channel)
            .field("template", &self.template)
            .finish_non_exhaustive()
    }
}

/// A message in the outbox.
#[derive(Clone, PartialEq, Eq)]
pub struct Message {
    pub id: i64,
    pub channel: String,
    pub recipient: String,
    pub template: String,
    pub args: String,
    pub body: String,
    /// The case the message is about, if any.
    pub case: Option<CaseId>,
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

/// Why staff read a case (kept in the audit record): the reason, and the legal basis of the read by the kind of
/// case read (the reader asks before it knows the kind).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadPurpose {
    pub reason: String,
    /// `(kind, basis)` pairs; a kind not listed is read on `basis` of the first pair with an empty kind.
    pub bases: Vec<(String, String)>,
}

impl ReadPurpose {
    /// The same basis whatever the kind.
    pub fn on(basis: &str, reason: &str) -> ReadPurpose {
        ReadPurpose {
            reason: reason.to_owned(),
            bases: vec![(String::new(), basis.to_owned())],
        }
    }

    /// The basis of reading a case of `kind`.
    pub fn basis(&self, kind: &str) -> &str {
        self.bases
            .iter()
            .find(|(k, _)| k == kind)
            .or_else(|| self.bases.iter().find(|(k, _)| k.is_empty()))
            .map_or("", |(_, b)| b.as_str())
    }
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

/// The id of an uploaded file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AttachmentId(pub i64);

/// A file to store: who uploaded it, its name as given, its checked type, its SHA-256 and its bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct NewAttachment {
    pub owner: Party,
    pub name: String,
    /// `application/pdf` or `image/jpeg`: the type the contents were checked to be, whatever the upload said.
    pub content_type: String,
    pub sha256: String,
    pub body: Vec<u8>,
}

impl std::fmt::Debug for NewAttachment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewAttachment")
            .field("owner", &self.owner)
            .field("content_type", &self.content_type)
            .field("size", &self.body.len())
            .finish_non_exhaustive()
    }
}

/// A stored file, without its contents.
#[derive(Clone, PartialEq, Eq)]
pub struct AttachmentRecord {
    pub id: AttachmentId,
    pub owner: Party,
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub created_at: Timestamp,
}

impl std::fmt::Debug for AttachmentRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AttachmentRecord")
            .field("id", &self.id)
            .field("owner", &self.owner)
            .field("content_type", &self.content_type)
            .field("size", &self.size)
            .finish_non_exhaustive()
    }
}
