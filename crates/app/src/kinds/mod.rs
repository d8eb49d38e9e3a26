//! One descriptor per kind of case: what its states are, how its stored payload is read and written (a typed
//! record shared by the writer and every reader), which deadlines run in each state and whom they bind, which
//! role acts in which state, and what its case page and queue rows show. The queue, the case page, the
//! statistics and the deadline job iterate over [`registry`]; a new service registers its descriptor and
//! touches none of them.

mod appeal;
mod certificate;
pub mod codec;
mod quota;
mod relocation;
mod rent;
mod resettlement;

use cases::{CaseKind, Deadline};
use jiff::civil::Date;
use legal::{Law, LegalRef};
#[cfg(test)]
use store::StoreError;
use store::{CaseRecord, Role};

use crate::AppError;

pub use appeal::AppealRecord;
pub use certificate::CertificateRecord;
pub use quota::{Consent, Counter, FamilyMember, PersonFacts, QuotaFacts, QuotaRecord, Supplied, Supply};
pub use relocation::RelocationRecord;
pub use rent::{OrderLine, OrderStatus, RentRecord};
pub use resettlement::{CommissionRecord, Contract, MoveNotice, Referral, ResettlementRecord};

/// A deadline that runs in a case's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Running {
    /// Which deadline of the case it is (`forward_by`, `decide_by`, …), for its label.
    pub name: &'static str,
    pub deadline: Deadline,
    /// The body the time limit binds.
    pub binds: cases::Party,
    /// A duty to act by the date (recorded overdue when it passes) rather than a window that closes.
    pub duty: bool,
}

/// A fact a case page shows: its name (`ui-fact-<key>`), its value and the information system it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub key: &'static str,
    pub value: FactValue,
    /// The information system's key (`ui-system-<key>`), whose answer kept on the case is the source.
    pub source: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FactValue {
    Yes,
    No,
    NotAsked,
    Count(u32),
    Date(Date),
    Money(kz::Money),
    /// A catalog key (a category, a channel).
    Key(String),
    /// Text as recorded (a masked number, a protocol number).
    Text(String),
}

impl From<Option<bool>> for FactValue {
    fn from(v: Option<bool>) -> FactValue {
        match v {
            Some(true) => FactValue::Yes,
            Some(false) => FactValue::No,
            None => FactValue::NotAsked,
        }
    }
}

/// A person a case concerns besides the applicant (a family member who moves), as staff see them.
#[derive(Clone, PartialEq, Eq)]
pub struct PersonLine {
    pub name: String,
    /// The IIN, masked.
    pub iin: String,
    /// The catalog key of the relation (`ui-kinship-spouse`).
    pub relation: String,
    pub birth_date: Option<Date>,
}

impl std::fmt::Debug for PersonLine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PersonLine")
            .field("relation", &self.relation)
            .finish_non_exhaustive()
    }
}

/// A document supplied with an application, and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentLine {
    /// The catalog key of the document (`ui-doc-identity`).
    pub kind: String,
    /// The catalog key of its source (`ui-supply-upload`).
    pub source: String,
    pub valid_until: Option<Date>,
    /// The uploaded file, when it is one.
    pub attachment: Option<i64>,
}

/// What a case page shows of a case, whatever its kind.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CaseView {
    pub facts: Vec<Fact>,
    pub deadlines: Vec<Running>,
    /// The grounds of a refusal, each with its point of law.
    pub grounds: Vec<rules::Ground>,
    /// The calendar edition the running deadlines were counted on.
    pub calendar_edition: Option<String>,
    /// The applicant as staff see them in lists: the number masked.
    pub applicant: Option<String>,
    /// The applicant's name (for staff who may read the case; not in the citizen's own lists).
    pub name: Option<String>,
    /// The people the case concerns besides the applicant.
    pub people: Vec<PersonLine>,
    /// The documents supplied.
    pub documents: Vec<DocumentLine>,
}

/// A deadline that moved: its name, its time limit, the old and the new day.
pub type Moved = (&'static str, legal::TimeLimitId, Date, Date);

/// A case's payload with its deadlines counted again under another law: what to store, and what moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recounted {
    pub payload: String,
    pub due_on: Option<Date>,
    pub moved: Vec<Moved>,
    pub calendar_edition: Option<String>,
}

/// A case of a kind as its use cases would store it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sample {
    pub kind: CaseKind,
    pub state: String,
    pub payload: String,
    pub due_on: Option<Date>,
}

/// The head of a document a case issues: what the issuing flow decides (the number, the day, the body and the
/// official who signs); the kind fills in the rest from the case.
#[derive(Debug, Clone)]
pub struct Heading {
    pub number: String,
    pub date: Date,
    pub issuer: documents::Bilingual,
    pub signatory: documents::Signatory,
    /// The application's number.
    pub application: String,
    /// The law the document is made under (lists the documents an application needs, for instance).
    pub law: std::sync::Arc<Law>,
}

impl Heading {
    /// The form's data with this head and no fields yet.
    pub fn form(&self, form: &str) -> documents::FormData {
        documents::FormData::new(
            form,
            &self.number,
            self.date,
            self.issuer.clone(),
            self.signatory.clone(),
        )
    }
}

/// A kind of case as the generic parts of the service see it.
pub trait Kind: Send + Sync {
    /// The stored kinds this descriptor reads and writes.
    fn kinds(&self) -> &'static [CaseKind];
    /// Every state a case of the kind can be stored in.
    fn states(&self) -> &'static [&'static str];
    /// The states in which a case awaits an action of `role`.
    fn awaiting(&self, role: Role) -> &'static [&'static str];
    /// The actions `role` may take on a case in `state` (keys of the kind's use cases, `ui-act-<key>`).
    fn actions(&self, role: Role, state: &str) -> &'static [&'static str];
    /// Why staff read a case of the kind (recorded with the read).
    fn read_basis(&self) -> LegalRef;
    /// The deadlines running in the case's state.
    fn running(&self, case: &CaseRecord) -> Result<Vec<Running>, AppError>;
    /// What the case page shows.
    fn view(&self, case: &CaseRecord) -> Result<CaseView, AppError>;
    /// The case's running deadlines counted again from their starts under `law` (as of `day`: a deadline
    /// already passed on it stays); `None` when nothing moves.
    fn recount(&self, case: &CaseRecord, law: &Law, day: Date) -> Result<Option<Recounted>, AppError>;
    /// Cases of the kind in every state it can be stored in, for tests and the demo: each must read back as
    /// written.
    fn samples(&self, law: &Law, day: Date) -> Result<Vec<Sample>, AppError>;
    /// The data of the document of `form` (`order-359-app-5`, `rules-a-app-7`, …) that a step of the case
    /// issues (its `IssueDocument` effect), from the case and what it keeps: nothing is typed twice.
    /// `Refused("form_not_issued")` for a form the kind does not issue.
    fn document(&self, case: &CaseRecord, form: &str, heading: &Heading) -> Result<documents::FormData, AppError> {
        let _ = (case, heading, form);
        Err(AppError::Refused("form_not_issued"))
    }
}

pub(crate) static QUOTA: quota::Quota = quota::Quota;
static CERTIFICATE: certificate::Certificate = certificate::Certificate;
static APPEAL: appeal::Appeal = appeal::Appeal;
static RESETTLEMENT: resettlement::Resettlement = resettlement::Resettlement;
static RENT: rent::Rent = rent::Rent;
static RELOCATION: relocation::RelocationKind = relocation::RelocationKind;

pub(crate) use relocation::amount_of as relocation_amount;
pub(crate) use rent::locality_of;

pub(crate) use quota::kind_of as quota_kind;

/// Every state a quota case can be stored in.
pub fn quota_states() -> &'static [&'static str] {
    QUOTA.states()
}

/// The quota category of a stored kind, if it is a quota case.
pub fn quota_kind_of(kind: &str) -> Option<cases::quota_a14::Category> {
    CaseKind::from_key(kind).and_then(quota::category_of)
}

/// Every descriptor.
pub fn registry() -> &'static [&'static dyn Kind] {
    static ALL: [&dyn Kind; 6] = [&QUOTA, &CERTIFICATE, &APPEAL, &RESETTLEMENT, &RENT, &RELOCATION];
    &ALL
}

/// The descriptor of a stored kind, if any.
pub fn of_kind(kind: &str) -> Option<&'static dyn Kind> {
    let kind = CaseKind::from_key(kind)?;
    registry().iter().copied().find(|d| d.kinds().contains(&kind))
}

/// The descriptor of a stored case, or the case is corrupt.
pub fn of_case(case: &CaseRecord) -> Result<&'static dyn Kind, AppError> {
    of_kind(&case.kind).ok_or_else(|| codec::corrupt(case, "unknown kind"))
}

/// Counts a case's running deadlines again from their starts under `law` as of `day` (a deadline already passed
/// on it stays, with its overdue record): each one that moved, and the calendar edition of the last count.
pub(crate) fn recount_each(
    deadlines: Vec<(&'static str, &mut Deadline)>,
    law: &Law,
    day: Date,
) -> Result<(Vec<Moved>, Option<String>), AppError> {
    let ctx = cases::Ctx {
        today: day,
        params: &law.params,
        calendar: &law.calendar,
    };
    let mut moved = Vec::new();
    let mut edition = None;
    for (name, d) in deadlines {
        if d.due < day {
            continue;
        }
        let again = ctx.recount(d).map_err(AppError::Rejected)?;
        if again.due != d.due {
            moved.push((name, d.limit, d.due, again.due));
            edition.clone_from(&again.calendar_edition);
            *d = again;
        }
    }
    Ok((moved, edition))
}

/// The date of a case's next deadline, for the queues: the earliest duty, else the earliest deadline.
pub fn next_due(running: &[Running]) -> Option<Date> {
    running
        .iter()
        .filter(|r| r.duty)
        .map(|r| r.deadline.due)
        .min()
        .or_else(|| running.iter().map(|r| r.deadline.due).min())
}

#[cfg(test)]
mod tests {
    use super::*;
    use render::{Catalog, Lang};

    fn day() -> Date {
        jiff::civil::date(2026, 3, 2)
    }

    fn stored(sample: &Sample) -> CaseRecord {
        let at = jiff::Timestamp::from_second(1_772_400_000).expect("a time");
        CaseRecord {
            id: store::CaseId(7),
            kind: sample.kind.key().into(),
            territory: kz::Kato::parse("550000000").expect("Pavlodar"),
            region: "55".into(),
            year: 2026,
            sequence: 7,
            state: sample.state.clone(),
            payload: sample.payload.clone(),
            version: 1,
            created_at: at,
            updated_at: at,
            applicant: None,
            channel: None,
            due_on: sample.due_on,
        }
    }

    /// Every state a kind declares has a sample, and every sample is in a declared state: the samples are what
    /// the registry test stores, so a state without one would go untested.
    #[test]
    fn every_declared_state_has_a_sample() {
        let law = Law::embedded().expect("law");
        for kind in registry() {
            let samples = kind.samples(&law, day()).expect("samples");
            for state in kind.states() {
                assert!(samples.iter().any(|s| s.state == *state), "{state} has no sample");
            }
            for s in &samples {
                assert!(kind.states().contains(&s.state.as_str()), "{} is not declared", s.state);
                assert!(kind.kinds().contains(&s.kind));
            }
        }
    }

    /// What a case page, a queue and a notice show of every kind has its words in both languages.
    #[test]
    fn every_label_a_kind_shows_is_in_both_catalogs() {
        let law = Law::embedded().expect("law");
        let catalog = Catalog::new();
        let mut missing = Vec::new();
        let mut need = |key: String| {
            for lang in [Lang::Kk, Lang::Ru] {
                if !catalog.has(lang, &key) {
                    missing.push(format!("{lang:?} {key}"));
                }
            }
        };
        for kind in registry() {
            for k in kind.kinds() {
                need(format!("ui-kind-{}", k.key()));
            }
            for s in kind.states() {
                need(format!("ui-state-{s}"));
            }
            for sample in kind.samples(&law, day()).expect("samples") {
                let view = kind.view(&stored(&sample)).expect("view");
                for fact in &view.facts {
                    need(format!("ui-fact-{}", fact.key));
                    if let FactValue::Key(key) = &fact.value {
                        need(key.clone());
                    }
                    if let Some(system) = fact.source {
                        need(format!("ui-system-{system}"));
                    }
                }
                for r in &view.deadlines {
                    need(format!("ui-deadline-{}", r.name));
                    need(format!("ui-party-{}", r.binds.key()));
                }
                for g in &view.grounds {
                    need(g.code.to_owned());
                }
            }
        }
        assert!(missing.is_empty(), "labels missing:\n{}", missing.join("\n"));
    }

    /// Reading a stored case and writing it again gives back what was stored, for every state of the kinds whose
    /// records this module knows; and under the same law nothing is recounted.
    #[test]
    fn every_record_reads_back_as_written() {
        let law = Law::embedded().expect("law");
        for kind in registry() {
            for sample in kind.samples(&law, day()).expect("samples") {
                let case = stored(&sample);
                let again = match sample.kind {
                    CaseKind::QuotaKandas | CaseKind::QuotaResettler => QuotaRecord::decode(&case).map(|r| r.encode()),
                    CaseKind::Certificate => CertificateRecord::decode(&case).map(|r| r.encode()),
                    CaseKind::Appeal => AppealRecord::decode(&case).map(|r| r.encode()),
                    CaseKind::Resettlement => ResettlementRecord::decode(&case).map(|r| r.encode()),
                    CaseKind::RentCompensation => RentRecord::decode(&case).map(|r| r.encode()),
                    CaseKind::RelocationSubsidy => RelocationRecord::decode(&case).map(|r| r.encode()),
                    CaseKind::Restoration | CaseKind::EmployerSubsidy => continue,
                }
                .expect("decoded");
                assert_eq!(
                    (again.0, again.1.as_str()),
                    (sample.state.as_str(), sample.payload.as_str())
                );
                assert_eq!(
                    kind.recount(&case, &law, day()).expect("recount"),
                    None,
                    "{}",
                    sample.state
                );
            }
        }
    }

    /// A stored payload that does not read back is a named corruption, never a panic or a default.
    #[test]
    fn a_damaged_payload_is_corrupt() {
        let law = Law::embedded().expect("law");
        for kind in registry() {
            let sample = kind.samples(&law, day()).expect("samples").remove(0);
            let mut case = stored(&sample);
            case.payload = r#"{"state": {}}"#.into();
            assert!(matches!(
                kind.view(&case),
                Err(AppError::Store(StoreError::Corrupt { .. }))
            ));
            case.payload = "not json".into();
            assert!(matches!(
                kind.running(&case),
                Err(AppError::Store(StoreError::Corrupt { .. }))
            ));
        }
    }
}
