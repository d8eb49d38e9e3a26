//! One descriptor per kind of case: what its states are, how its stored payload is read and written (a typed
//! record shared by the writer and every reader), which deadlines run in each state and whom they bind, which
//! role acts in which state, and what its case page and queue rows show. The queue, the case page, the
//! statistics and the deadline job iterate over [`registry`]; a new service registers its descriptor and
//! touches none of them.

pub mod codec;
mod quota;

use cases::{CaseKind, Deadline};
use jiff::civil::Date;
use legal::{Law, LegalRef};
use store::{CaseRecord, Role};

use crate::AppError;

pub use quota::{QuotaFacts, QuotaRecord};

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
}

/// A case's payload with its deadlines counted again under another law: what to store, and what moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recounted {
    pub payload: String,
    pub due_on: Option<Date>,
    /// Each deadline that moved: its name, the old and the new day.
    pub moved: Vec<(&'static str, legal::TimeLimitId, Date, Date)>,
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

pub(crate) use quota::kind_of as quota_kind;

/// Every descriptor.
pub fn registry() -> &'static [&'static dyn Kind] {
    static ALL: [&dyn Kind; 1] = [&QUOTA];
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

/// The date of a case's next deadline, for the queues: the earliest duty, else the earliest deadline.
pub fn next_due(running: &[Running]) -> Option<Date> {
    running
        .iter()
        .filter(|r| r.duty)
        .map(|r| r.deadline.due)
        .min()
        .or_else(|| running.iter().map(|r| r.deadline.due).min())
}
