//! Reading cases, whatever their kind: the case page, the staff work queues, the personal cabinet, the
//! analyst's figures and the searches. Each read is authorised here; staff reads of a case are audited.

use jiff::Timestamp;
use jiff::civil::Date;
use store::audit::AuditRecord;
use store::{CaseFile, CaseId, CaseQuery, CaseRecord, Cursor, Evidence, Party, Store};

use crate::kinds::{self, CaseView};
use crate::{App, AppError, Principal, authz, kz_today, number_of};

/// A case as its page shows it.
#[derive(Debug, Clone)]
pub struct CaseDetails {
    pub record: CaseRecord,
    pub number: String,
    pub view: CaseView,
    /// What the principal may do on the case in its state (the kind's action keys).
    pub actions: &'static [&'static str],
    pub timeline: Vec<AuditRecord>,
    pub evidence: Vec<Evidence>,
    pub file: CaseFile,
}

/// Which states a queue shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum States {
    /// Those awaiting an action of the principal's role.
    #[default]
    Awaiting,
    /// Every state.
    Any,
    /// One state.
    One(String),
}

/// A work queue's filter.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QueueFilter {
    pub kind: Option<String>,
    pub states: States,
    /// A region, for national staff (staff of a region see theirs whatever they ask).
    pub region: Option<String>,
    pub channel: Option<String>,
    /// Only cases whose deadline has passed.
    pub overdue: bool,
    /// Continue after this case.
    pub after: Option<Cursor>,
    pub limit: u32,
}

/// A case in a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueRow {
    pub id: CaseId,
    pub number: String,
    pub kind: String,
    pub state: String,
    pub territory: kz::Kato,
    pub received: Timestamp,
    pub due: Option<Date>,
    pub overdue: bool,
    /// The applicant's masked number and name, for staff who may read the case; `None` in a citizen's lists.
    pub applicant: Option<(String, String)>,
}

/// A page of a work queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queue {
    pub rows: Vec<QueueRow>,
    /// Where the next page starts, when there is one.
    pub next: Option<Cursor>,
    /// How many cases the filter finds in all.
    pub total: u64,
    /// The region the queue is of (`None`: every region).
    pub region: Option<String>,
    /// The states that await the principal's role, over every kind.
    pub awaiting: Vec<&'static str>,
}

/// The largest page of a list.
pub const MAX_PAGE: u32 = 500;

/// Every kind the registry knows and every state one of them can be in, for filters.
pub fn kinds_and_states() -> (Vec<&'static str>, Vec<&'static str>) {
    let mut kinds = Vec::new();
    let mut states: Vec<&'static str> = Vec::new();
    for k in kinds::registry() {
        kinds.extend(k.kinds().iter().map(|c| c.key()));
        for s in k.states() {
            if !states.contains(s) {
                states.push(s);
            }
        }
    }
    (kinds, states)
}

/// The states in which any kind awaits `role`.
pub fn awaiting(role: store::Role) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for k in kinds::registry() {
        for s in k.awaiting(role) {
            if !out.contains(s) {
                out.push(s);
            }
        }
    }
    out
}

/// The states awaiting an action of `role`, each with its kind (`kind/state`), for the store's filter.
fn awaiting_of_kinds(role: store::Role) -> Vec<String> {
    let mut out = Vec::new();
    for k in kinds::registry() {
        for kind in k.kinds() {
            out.extend(k.awaiting(role).iter().map(|s| format!("{}/{s}", kind.key())));
        }
    }
    out
}

fn row(case: &CaseRecord, today: Date, staff: bool) -> QueueRow {
    let view = kinds::of_case(case).and_then(|k| k.view(case)).ok();
    QueueRow {
        id: case.id,
        number: number_of(case),
        kind: case.kind.clone(),
        state: case.state.clone(),
        territory: case.territory,
        received: case.created_at,
        due: case.due_on,
        overdue: case.due_on.is_some_and(|d| d < today),
        applicant: view
            .filter(|_| staff)
            .and_then(|v| v.applicant.map(|a| (a, v.name.unwrap_or_default()))),
    }
}

impl<S: Store, R: Sync> App<S, R> {
    /// A case as `p` may see it: staff of its region (the read is audited, with the kind's basis), or its
    /// applicant or a family member it concerns (their own data: not audited). Anyone else: `NotFound`.
    pub async fn case(&self, p: &Principal, id: CaseId, now: Timestamp) -> Result<CaseDetails, AppError> {
        let record = if authz::is_staff(p.role) {
            // Checked before the read, so a refused look leaves no read in the log and learns nothing.
            if !authz::may_read_case(p, &store::plan::region_of_case(id)) {
                return Err(AppError::NotFound);
            }
            self.store
                .read_case(id, &p.actor()?, &read_purpose("case page"), now)
                .await?
        } else {
            let subject = p.subject.as_ref().ok_or(AppError::NotFound)?;
            self.store.case_of_party(id, subject).await?.ok_or(AppError::NotFound)?
        };
        let kind = kinds::of_case(&record)?;
        let view = kind.view(&record)?;
        let (timeline, evidence) = self.store.case_history(id).await?;
        let file = self.store.case_file(id).await?;
        Ok(CaseDetails {
            number: number_of(&record),
            actions: kind.actions(p.role, &record.state),
            view,
            timeline,
            evidence,
            file,
            record,
        })
    }

    /// A page of the work queue of `p`: the cases of their region (or of the region national staff choose),
    /// soonest deadline first.
    pub async fn queue(&self, p: &Principal, filter: &QueueFilter, now: Timestamp) -> Result<Queue, AppError> {
        if !authz::is_staff(p.role) {
            return Err(AppError::NotFound);
        }
        let region = p
            .region
            .clone()
            .or_else(|| filter.region.clone().filter(|r| r.len() == 2));
        let (kinds, known_states) = kinds_and_states();
        let awaiting = awaiting(p.role);
        let states = match &filter.states {
            States::Awaiting if !awaiting.is_empty() => awaiting_of_kinds(p.role),
            States::Awaiting | States::Any => Vec::new(),
            States::One(s) if known_states.contains(&s.as_str()) => vec![s.clone()],
            States::One(_) => Vec::new(),
        };
        let today = kz_today(now);
        let query = CaseQuery {
            region: region.clone(),
            party: None,
            kinds: filter
                .kind
                .iter()
                .filter(|k| kinds.contains(&k.as_str()))
                .cloned()
                .collect(),
            states,
            channel: filter.channel.clone().filter(|c| !c.is_empty()),
            due_before: filter.overdue.then_some(today),
            due_from: None,
            after: filter.after,
            limit: filter.limit.clamp(1, MAX_PAGE),
        };
        let cases = self.store.list_cases(&query).await?;
        let total = self.store.count_cases(&query).await?;
        let next = (cases.len() == usize::try_from(query.limit).unwrap_or(usize::MAX))
            .then(|| cases.last().map(Cursor::after))
            .flatten();
        Ok(Queue {
            rows: cases.iter().map(|c| row(c, today, true)).collect(),
            next,
            total,
            region,
            awaiting,
        })
    }

    /// The cases of the signed-in person or organisation: their own applications and those of their family
    /// that concern them (QUOTA-09).
    pub async fn cabinet(&self, p: &Principal, now: Timestamp) -> Result<Vec<QueueRow>, AppError> {
        let Some(subject) = &p.subject else {
            return Ok(Vec::new());
        };
        let query = CaseQuery {
            party: Some(subject.clone()),
            limit: MAX_PAGE,
            ..CaseQuery::default()
        };
        let today = kz_today(now);
        Ok(self
            .store
            .list_cases(&query)
            .await?
            .iter()
            .map(|c| row(c, today, false))
            .collect())
    }

    /// The newest messages sent to the signed-in person or organisation (notices and one-time codes).
    pub async fn my_messages(&self, p: &Principal, limit: u32) -> Result<Vec<store::Message>, AppError>
    where
        S: store::Outbox,
    {
        let Some(subject) = &p.subject else {
            return Ok(Vec::new());
        };
        Ok(self.store.messages_to(subject.number(), limit).await?)
    }

    /// Cases counted by region, kind and state: no personal data, for the analysts.
    pub async fn statistics(&self, p: &Principal) -> Result<Vec<store::CaseCount>, AppError> {
        if !authz::may_see_aggregates(p) {
            return Err(AppError::NotFound);
        }
        Ok(self.store.case_counts().await?)
    }

    /// The case an application number names (whether the principal may see it is the case page's question,
    /// answered like a missing case when not).
    pub fn find_number(&self, p: &Principal, number: &str) -> Result<CaseId, AppError> {
        let n: cases::ApplicationNumber = number
            .trim()
            .parse()
            .map_err(|e: cases::NumberError| AppError::invalid("number", e.code()))?;
        let id = store::plan::case_id(
            n.region(),
            i16::try_from(n.year()).unwrap_or(i16::MAX),
            i64::from(n.sequence()),
        )
        .map_err(|_| AppError::invalid("number", "application_number_format"))?;
        if !authz::is_staff(p.role) {
            return Err(AppError::NotFound);
        }
        Ok(id)
    }

    /// The cases of a person in the principal's region, found by IIN: a read of personal data, so the search
    /// itself is recorded in the audit log (with the IIN masked).
    pub async fn find_person(&self, p: &Principal, iin: &str, now: Timestamp) -> Result<Vec<QueueRow>, AppError> {
        if !authz::is_staff(p.role) {
            return Err(AppError::NotFound);
        }
        let iin = kz::Iin::parse(iin.trim()).map_err(|e| AppError::invalid("iin", kz::ErrorCode::code(&e)))?;
        let entry = store::AuditEntry {
            actor: p.actor()?,
            action: "case.search".into(),
            basis: search_basis(),
            detail: serde_json::json!({ "iin": iin.masked() }).to_string(),
            at: now,
        };
        self.store.record(p.chain(), &entry).await?;
        let query = CaseQuery {
            region: p.region.clone(),
            party: Some(Party::Person(iin)),
            limit: MAX_PAGE,
            ..CaseQuery::default()
        };
        let today = kz_today(now);
        Ok(self
            .store
            .list_cases(&query)
            .await?
            .iter()
            .map(|c| row(c, today, true))
            .collect())
    }
}

/// Why staff read a case, with the basis of each kind's reading (from its descriptor).
pub fn read_purpose(reason: &str) -> store::ReadPurpose {
    store::ReadPurpose {
        reason: reason.to_owned(),
        bases: kinds::registry()
            .iter()
            .flat_map(|k| {
                let basis = k.read_basis().to_string();
                k.kinds().iter().map(move |c| (c.key().to_owned(), basis.clone()))
            })
            .collect(),
    }
}

/// The bases of a search for a person's cases: those of reading every kind it may find.
fn search_basis() -> String {
    let mut bases: Vec<String> = kinds::registry().iter().map(|k| k.read_basis().to_string()).collect();
    bases.dedup();
    bases.join("; ")
}
