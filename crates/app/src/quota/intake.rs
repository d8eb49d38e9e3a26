//! Receiving an application: on the portal (the citizen for themselves, confirmed with a one-time code), at the
//! State Corporation's counter or at home (accepted with the acceptance notice, or refused with the receipt), at
//! a career centre (forwarded within its working day). The registries are asked once what they hold of the
//! applicant and the family who move; each answer is kept as evidence and nothing they hold is asked again.

use cases::quota_a14::{self, Category, Channel, State};
use cases::{ApplicationNumber, Ctx};
use jiff::Timestamp;
use jiff::civil::Date;
use kz::{Iin, Kato};
use legal::params::ChecklistItem;
use registries::{Kinship, Registries, RegistryError};
use serde_json::json;
use store::{AttachmentId, CaseWrite, Command, IdempotencyKey, Op, Party, Store, StoreError};

use super::{Decided, grounds_of, number, request_id};
use crate::kinds::{Consent, Counter, FamilyMember, PersonFacts, QuotaFacts, QuotaRecord, Supplied, Supply, next_due};
use crate::{App, AppError, FieldError, Principal, authz, effects, evidence, kz_today};

/// One document of the checklist as the form supplies it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocumentInput {
    /// The checklist key.
    pub kind: String,
    /// An uploaded file's id (the portal, or a copy scanned at a counter).
    pub attachment: Option<String>,
    /// Presented at the counter (the specialist certifies the copy and returns the original, A 14.3).
    pub presented: bool,
    /// `YYYY-MM-DD`, when the document has a validity.
    pub valid_until: Option<String>,
}

/// An application for inclusion in the regional quota, as it arrives from any channel.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct QuotaApplication {
    pub iin: String,
    /// `kandas` or `resettler`
    pub category: String,
    /// KATO code of the territorial unit applied for.
    pub territory: String,
    /// The IINs of the family members (of those the civil registry knows) who move with the applicant.
    pub family: Vec<String>,
    /// The employment category of the form (A-App 6), `1` to `9` (resettlers).
    pub employment: Option<String>,
    pub documents: Vec<DocumentInput>,
    /// Consent to access to restricted personal data (grounds K4, R2).
    pub consent: bool,
    /// At the counter: minutes the applicant waited and was served (QUOTA-20, QUOTA-21).
    pub waited: Option<String>,
    pub served: Option<String>,
}

impl std::fmt::Debug for QuotaApplication {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The IINs are personal data: only what the application is for.
        f.debug_struct("QuotaApplication")
            .field("category", &self.category)
            .field("territory", &self.territory)
            .field("family", &self.family.len())
            .field("documents", &self.documents.len())
            .finish_non_exhaustive()
    }
}

impl QuotaApplication {
    /// Everything the application says, for telling a repeated request from another one.
    fn fingerprint(&self) -> String {
        let docs: Vec<String> = self
            .documents
            .iter()
            .map(|d| format!("{}:{:?}:{}:{:?}", d.kind, d.attachment, d.presented, d.valid_until))
            .collect();
        format!(
            "{}|{}|{}|{}|{:?}|{}|{}|{:?}|{:?}",
            self.iin,
            self.category,
            self.territory,
            self.family.join(","),
            self.employment,
            docs.join(","),
            self.consent,
            self.waited,
            self.served
        )
    }
}

/// What a confirmation of `input` confirms: a digest of everything it says, for the one-time code that stands
/// in for the applicant's signature.
pub fn application_digest(input: &QuotaApplication) -> String {
    request_id("quota.portal", &input.fingerprint())
}

/// A received application: its number and what it led to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submitted {
    pub applied: store::Applied,
    pub number: ApplicationNumber,
    pub state: &'static str,
    pub grounds: Vec<String>,
    pub deadlines: Vec<crate::kinds::Running>,
}

/// What a citizen starting an application sees: what the registries hold of them (nothing of it is asked
/// again), the relatives who may move with them, the quotas with places left and the checklist.
#[derive(Debug, Clone)]
pub struct PortalStart {
    pub name: String,
    pub birth_date: Date,
    pub citizen: bool,
    pub registered_since: Option<Date>,
    pub region: Option<Kato>,
    pub job_seeker: bool,
    pub kandas: bool,
    pub relatives: Vec<Relative>,
    pub places: Vec<store::Quota>,
    pub kandas_checklist: Vec<ChecklistItem>,
    pub resettler_checklist: Vec<ChecklistItem>,
    /// The person's open application, if any: a second one is refused.
    pub open_case: Option<(store::CaseId, String)>,
}

/// A relative the civil registry knows, who may move with the applicant.
#[derive(Clone)]
pub struct Relative {
    pub iin: Iin,
    pub name: String,
    pub kinship: &'static str,
    pub birth_date: Date,
}

impl std::fmt::Debug for Relative {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Relative")
            .field("kinship", &self.kinship)
            .finish_non_exhaustive()
    }
}

/// How the State Corporation's specialist ends a visit to the counter (or the applicant's home).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AtCounter {
    /// The package is complete: accepted, the acceptance notice handed over, forwarded (A 14.2, 14.5).
    Accept,
    /// Refused on the grounds of A 14.4, with the receipt.
    Refuse(Vec<String>),
}

fn kinship_key(k: Kinship) -> &'static str {
    match k {
        Kinship::Spouse => "spouse",
        Kinship::Child => "child",
        Kinship::Parent => "parent",
    }
}

fn full_name(p: &registries::PersonRecord) -> String {
    [
        Some(p.surname.as_str()),
        Some(p.given.as_str()),
        p.patronymic.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ")
}

fn category_key(c: Category) -> &'static str {
    match c {
        Category::Kandas => "kandas",
        Category::Resettler => "resettler",
    }
}

fn category_of(key: &str) -> Option<Category> {
    match key.trim() {
        "kandas" => Some(Category::Kandas),
        "resettler" => Some(Category::Resettler),
        _ => None,
    }
}

/// Whether `day` is at least the age of majority after `birth` (the portal is for adults; minors move with
/// their family).
fn adult(birth: Date, day: Date) -> bool {
    // INTERPRETATION(portal, adults): a person applies for themselves from the age of majority (18) of the Civil
    // Code; children move as family members of the applicant.
    birth
        .checked_add(jiff::Span::new().years(18))
        .is_ok_and(|of_age| of_age <= day)
}

/// The application's fields parsed, with every bad one reported at once.
struct Parsed {
    iin: Iin,
    category: Category,
    territory: Kato,
    family: Vec<Iin>,
    employment: Option<u8>,
    documents: Vec<(String, Option<AttachmentId>, bool, Option<Date>)>,
    counter: Option<Counter>,
}

fn parse(input: &QuotaApplication, counter: bool) -> Result<Parsed, AppError> {
    let mut bad = Vec::new();
    let mut field = |field: &'static str, code: &'static str| bad.push(FieldError { field, code });
    let iin = Iin::parse(&input.iin)
        .map_err(|e| field("iin", kz::ErrorCode::code(&e)))
        .ok();
    let territory = Kato::parse(&input.territory)
        .map_err(|e| field("territory", kz::ErrorCode::code(&e)))
        .ok();
    let category = category_of(&input.category);
    if category.is_none() {
        field("category", "invalid_category");
    }
    let mut family = Vec::new();
    for m in input.family.iter().filter(|m| !m.trim().is_empty()) {
        match Iin::parse(m) {
            Ok(iin) if !family.contains(&iin) => family.push(iin),
            Ok(_) => {}
            Err(e) => field("family", kz::ErrorCode::code(&e)),
        }
    }
    let employment = match input.employment.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
        None => {
            if category == Some(Category::Resettler) {
                field("employment", "employment_category_required");
            }
            None
        }
        Some(e) => match e.parse::<u8>() {
            Ok(n @ 1..=9) => Some(n),
            _ => {
                field("employment", "invalid_employment_category");
                None
            }
        },
    };
    let mut documents = Vec::new();
    for d in &input.documents {
        let attachment = match d.attachment.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
            None => None,
            Some(a) => match a.parse::<i64>() {
                Ok(id) if id > 0 => Some(AttachmentId(id)),
                _ => {
                    field("documents", "invalid_attachment");
                    None
                }
            },
        };
        let valid_until = match d.valid_until.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            None => None,
            Some(v) => match v.parse::<Date>() {
                Ok(date) => Some(date),
                Err(_) => {
                    field("documents", "invalid_date");
                    None
                }
            },
        };
        if attachment.is_some() || d.presented {
            documents.push((d.kind.trim().to_owned(), attachment, d.presented, valid_until));
        }
    }
    let minutes = |v: &Option<String>, name: &'static str, bad: &mut Vec<FieldError>| -> u32 {
        match v.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            None => 0,
            Some(v) => v.parse::<u32>().ok().filter(|m| *m <= 600).unwrap_or_else(|| {
                bad.push(FieldError {
                    field: name,
                    code: "invalid_minutes",
                });
                0
            }),
        }
    };
    let counter = counter.then(|| Counter {
        waited: minutes(&input.waited, "waited", &mut bad),
        served: minutes(&input.served, "served", &mut bad),
    });
    match (iin, territory, category) {
        (Some(iin), Some(territory), Some(category)) if bad.is_empty() => Ok(Parsed {
            iin,
            category,
            territory,
            family,
            employment,
            documents,
            counter,
        }),
        _ => Err(AppError::Invalid(bad)),
    }
}

/// How far [`App::receive`] goes.
enum Mode {
    /// Check everything, write nothing.
    Check,
    /// Build the command, write nothing.
    Prepare(IdempotencyKey),
    Write(IdempotencyKey),
}

enum Outcome {
    Checked,
    Prepared(Box<Command>),
    Written(Submitted),
}

impl Outcome {
    fn written(self) -> Result<Submitted, AppError> {
        match self {
            Outcome::Written(s) => Ok(s),
            Outcome::Checked | Outcome::Prepared(_) => Err(AppError::Refused("not_written")),
        }
    }
}

/// A stored state's key as the machine names it.
fn state_key(stored: &str) -> &'static str {
    crate::kinds::quota_states()
        .iter()
        .copied()
        .find(|s| *s == stored)
        .unwrap_or("received")
}

/// The open states of a quota case: a person with one of these cannot open another.
const OPEN_STATES: &[&str] = &["visit_requested", "at_career_centre", "received", "under_review"];

impl<S: Store + store::Attachments, R: Registries + Sync> App<S, R> {
    /// The person's open quota application, if any (its id and number).
    pub(crate) async fn open_quota_case(&self, iin: &Iin) -> Result<Option<(store::CaseId, String)>, AppError> {
        let open = self
            .store
            .list_cases(&store::CaseQuery {
                party: Some(Party::Person(*iin)),
                kinds: vec!["quota_kandas".into(), "quota_resettler".into()],
                states: OPEN_STATES.iter().map(|s| (*s).to_owned()).collect(),
                limit: 1,
                ..store::CaseQuery::default()
            })
            .await?;
        Ok(open
            .into_iter()
            // A family member's case lists them too; only their own application counts.
            .find(|c| c.applicant == Some(Party::Person(*iin)))
            .map(|c| (c.id, crate::number_of(&c))))
    }

    /// The quotas of `year` with places left: figures without personal data, for anyone signed in (the portal
    /// offers them to applicants).
    pub async fn quota_places(&self, _p: &Principal, year: i16) -> Result<Vec<store::Quota>, AppError> {
        Ok(self
            .store
            .list_quotas(year)
            .await?
            .into_iter()
            .filter(|q| q.remaining() > 0)
            .collect())
    }

    /// What the portal shows a citizen beginning an application.
    pub async fn quota_portal_start(&self, p: &Principal, now: Timestamp) -> Result<PortalStart, AppError> {
        let Some(Party::Person(iin)) = p.subject else {
            return Err(AppError::NotFound);
        };
        self.quota_start(iin, now).await
    }

    /// What a counter or career centre sees of a person who applies at their desk; the registry reads are
    /// recorded in the audit log as the desk's.
    pub async fn quota_desk_lookup(&self, p: &Principal, iin: &str, now: Timestamp) -> Result<PortalStart, AppError> {
        if !matches!(
            p.role,
            store::Role::StateCorporationOperator | store::Role::CareerCentre
        ) {
            return Err(AppError::NotFound);
        }
        let iin = Iin::parse(iin.trim()).map_err(|e| AppError::invalid("iin", kz::ErrorCode::code(&e)))?;
        let entry = store::AuditEntry {
            actor: p.actor()?,
            action: "registry.read".into(),
            basis: quota_a14::P14_2.to_string(),
            detail: json!({ "iin": iin.masked(), "purpose": "quota application at the desk" }).to_string(),
            at: now,
        };
        self.store.record(p.chain(), &entry).await?;
        self.quota_start(iin, now).await.map_err(|e| match e {
            AppError::Registry(RegistryError::NotFound) => AppError::invalid("iin", "registry_not_found"),
            other => other,
        })
    }

    async fn quota_start(&self, iin: Iin, now: Timestamp) -> Result<PortalStart, AppError> {
        let r = &self.registries;
        let person = r.person(&iin, now).map_err(AppError::Registry)?.value;
        let registrations = r.registrations(&iin, now).map_err(AppError::Registry)?.value;
        let current = registrations.iter().rev().find(|g| g.until.is_none());
        let mut relatives = Vec::new();
        for rel in r.relatives(&iin, now).map_err(AppError::Registry)?.value {
            if let Ok(rec) = r.person(&rel.iin, now) {
                relatives.push(Relative {
                    iin: rel.iin,
                    name: full_name(&rec.value),
                    kinship: kinship_key(rel.kinship),
                    birth_date: rec.value.birth_date,
                });
            }
        }
        let day = kz_today(now);
        let law = self.law.get();
        let checklists = law
            .params
            .quota_documents
            .at(day)
            .map_err(|e| AppError::Rejected(cases::Rejected::Law(rules::RuleError::from(e))))?;
        let places = self
            .store
            .list_quotas(day.year())
            .await?
            .into_iter()
            .filter(|q| q.remaining() > 0)
            .collect();
        Ok(PortalStart {
            name: full_name(&person),
            birth_date: person.birth_date,
            citizen: person.citizen,
            registered_since: current.map(|g| g.since),
            region: current.map(|g| g.kato),
            job_seeker: r.job_seeker(&iin, now).map_err(AppError::Registry)?.value.is_some(),
            kandas: r.kandas_status(&iin, now).map_err(AppError::Registry)?.value.is_some(),
            relatives,
            places,
            kandas_checklist: checklists.value.kandas.clone(),
            resettler_checklist: checklists.value.resettler.clone(),
            open_case: self.open_quota_case(&iin).await?,
        })
    }

    /// A quota application received by `principal` through its channel: the citizen on the portal (for
    /// themselves, after the one-time code confirmed it), a career centre, or (kandases) the State Corporation.
    /// A resettler's package at the counter is accepted or refused there instead ([`App::receive_at_counter`]).
    pub async fn submit_quota_application(
        &self,
        principal: &Principal,
        input: &QuotaApplication,
        key: IdempotencyKey,
        now: Timestamp,
    ) -> Result<Submitted, AppError> {
        let channel = match principal.role {
            store::Role::Citizen => Channel::Portal,
            store::Role::CareerCentre => Channel::CareerCentre,
            store::Role::StateCorporationOperator => Channel::StateCorporation,
            _ => return Err(AppError::Forbidden),
        };
        // At the counter, a package taken is a package accepted (A 14.5); refusing it is
        // [`App::receive_at_counter`].
        let counter = (channel == Channel::StateCorporation).then_some(&AtCounter::Accept);
        self.receive(principal, input, channel, counter, None, Mode::Write(key), now)
            .await?
            .written()
    }

    /// The store command [`App::submit_quota_application`] would apply, without applying it (the intake
    /// benchmark inserts the same rows raw).
    pub async fn prepare_quota_application(
        &self,
        principal: &Principal,
        input: &QuotaApplication,
        key: IdempotencyKey,
        now: Timestamp,
    ) -> Result<Command, AppError> {
        let channel = match principal.role {
            store::Role::Citizen => Channel::Portal,
            store::Role::CareerCentre => Channel::CareerCentre,
            store::Role::StateCorporationOperator => Channel::StateCorporation,
            _ => return Err(AppError::Forbidden),
        };
        let counter = (channel == Channel::StateCorporation).then_some(&AtCounter::Accept);
        match self
            .receive(principal, input, channel, counter, None, Mode::Prepare(key), now)
            .await?
        {
            Outcome::Prepared(command) => Ok(*command),
            Outcome::Checked | Outcome::Written(_) => Err(AppError::Refused("not_written")),
        }
    }

    /// Everything [`App::submit_quota_application`] checks, without writing: the portal checks the form before
    /// it sends the one-time code that confirms it.
    pub async fn check_quota_application(
        &self,
        principal: &Principal,
        input: &QuotaApplication,
        now: Timestamp,
    ) -> Result<(), AppError> {
        if principal.role != store::Role::Citizen {
            return Err(AppError::Forbidden);
        }
        self.receive(principal, input, Channel::Portal, None, None, Mode::Check, now)
            .await
            .map(|_| ())
    }

    /// The State Corporation's specialist at the counter, or at the home of an applicant who asked for a visit
    /// (`visit`): a resettler's package accepted (acceptance notice A-App 7 handed over, forwarded the same day)
    /// or refused on the grounds of A 14.4 (receipt A-App 8); a kandas's application registered.
    pub async fn receive_at_counter(
        &self,
        principal: &Principal,
        input: &QuotaApplication,
        outcome: &AtCounter,
        visit: Option<store::CaseId>,
        key: IdempotencyKey,
        now: Timestamp,
    ) -> Result<Submitted, AppError> {
        if principal.role != store::Role::StateCorporationOperator {
            return Err(AppError::Forbidden);
        }
        self.receive(
            principal,
            input,
            Channel::StateCorporation,
            Some(outcome),
            visit,
            Mode::Write(key),
            now,
        )
        .await?
        .written()
    }

    #[expect(clippy::too_many_arguments, reason = "every channel's intake is this one function")]
    async fn receive(
        &self,
        principal: &Principal,
        input: &QuotaApplication,
        channel: Channel,
        counter: Option<&AtCounter>,
        visit: Option<store::CaseId>,
        mode: Mode,
        now: Timestamp,
    ) -> Result<Outcome, AppError> {
        let parsed = parse(input, channel == Channel::StateCorporation)?;
        let region = store::plan::region_of(&parsed.territory);
        let allowed = match channel {
            Channel::Portal => principal.subject == Some(Party::Person(parsed.iin)),
            Channel::StateCorporation | Channel::CareerCentre => {
                authz::may_receive_quota_application(principal, region)
            }
        };
        if !allowed {
            return Err(AppError::Forbidden);
        }
        if channel == Channel::Portal && !input.consent {
            return Err(AppError::invalid("consent", "consent_required"));
        }
        let request = request_id(
            "quota.receive",
            &format!("{}|{counter:?}|{visit:?}", input.fingerprint()),
        );
        if let Mode::Write(key) = &mode
            && let Some(replay) = self.quota_replay(key, None, &request).await?
        {
            let applied = replay.applied;
            return Ok(Outcome::Written(Submitted {
                number: number(&applied)?,
                applied,
                state: state_key(&replay.state),
                grounds: replay.grounds,
                deadlines: Vec::new(),
            }));
        }
        // One open application per person: the second names the first.
        if let Some((id, number)) = self.open_quota_case(&parsed.iin).await?
            && Some(id) != visit
        {
            return Err(AppError::OpenCase { number });
        }
        let day = kz_today(now);
        let law = self.law.get();
        let ctx = Ctx {
            today: day,
            params: &law.params,
            calendar: &law.calendar,
        };
        // On the portal the applicant chooses among the quotas with places left (a counter or career centre
        // takes any application; one without places is refused on ground K5 / R4 when decided).
        if channel == Channel::Portal {
            let key = store::QuotaKey {
                year: day.year(),
                territory: parsed.territory,
                category: match parsed.category {
                    Category::Kandas => store::QuotaCategory::Kandas,
                    Category::Resettler => store::QuotaCategory::Resettler,
                },
            };
            match self.store.quota(&key).await {
                Ok(q) if q.remaining() > 0 => {}
                Ok(_) | Err(StoreError::NotFound { .. }) => {
                    return Err(AppError::invalid("territory", "no_places_here"));
                }
                Err(e) => return Err(e.into()),
            }
        }

        // Once-only: what the systems hold is asked of them, and each answer is kept as evidence.
        let r = &self.registries;
        let unknown = |e: RegistryError| match e {
            RegistryError::NotFound => AppError::invalid("iin", e.code()),
            other => AppError::Registry(other),
        };
        let person = r.person(&parsed.iin, now).map_err(unknown)?;
        if channel == Channel::Portal && !adult(person.value.birth_date, day) {
            return Err(AppError::invalid("iin", "applicant_not_adult"));
        }
        let addresses = r.registrations(&parsed.iin, now).map_err(AppError::Registry)?;
        let job = r.job_seeker(&parsed.iin, now).map_err(AppError::Registry)?;
        let relatives = r.relatives(&parsed.iin, now).map_err(AppError::Registry)?;
        let listed = r.listed(&parsed.iin, now).map_err(AppError::Registry)?;
        // The family who move: only relatives the civil registry knows.
        let mut family = Vec::new();
        for iin in &parsed.family {
            let Some(rel) = relatives.value.iter().find(|m| m.iin == *iin) else {
                return Err(AppError::invalid("family", "not_a_relative"));
            };
            let rec = r.person(iin, now).map_err(AppError::Registry)?.value;
            family.push(FamilyMember {
                iin: *iin,
                name: full_name(&rec),
                birth_date: rec.birth_date,
                sex: rec.sex,
                kinship: kinship_key(rel.kinship).to_owned(),
            });
        }
        // Permanent registration in the region of origin for the time A 14.1 sets (from `law/params`, QUOTA-02).
        let since = rules::rules_a::p14_prior_registration::registered_since(&law.params, &law.calendar, day)
            .map_err(|e| AppError::Rejected(cases::Rejected::Law(e)))?;
        let origin = addresses.value.iter().rev().find(|a| a.until.is_none()).map(|a| a.kato);
        let registered = origin.is_some_and(|o| registries::registered_since(&addresses.value, &o, since.due, day));
        let mut proof = vec![
            evidence(
                &person,
                &json!({ "found": true, "birth_date": person.value.birth_date.to_string(), "citizen": person.value.citizen }),
            ),
            evidence(
                &addresses,
                &json!({ "registered_since": since.due.to_string(), "registered": registered }),
            ),
            evidence(&job, &json!({ "job_seeker": job.value.is_some() })),
            evidence(
                &relatives,
                &json!({ "family": family.iter().map(|m| m.iin.masked()).collect::<Vec<_>>() }),
            ),
            evidence(&listed, &json!({ "listed": listed.value })),
        ];
        let kandas = if parsed.category == Category::Kandas {
            let status = r.kandas_status(&parsed.iin, now).map_err(AppError::Registry)?;
            proof.push(evidence(&status, &json!({ "kandas": status.value.is_some() })));
            Some(status.value.is_some())
        } else {
            None
        };

        // The documents: the checklist's items, each from a file, the counter or an information system.
        let checklist = law
            .params
            .quota_documents
            .at(day)
            .map_err(|e| AppError::Rejected(cases::Rejected::Law(rules::RuleError::from(e))))?;
        let items = match parsed.category {
            Category::Kandas => &checklist.value.kandas,
            Category::Resettler => &checklist.value.resettler,
        };
        let owner = Party::Person(parsed.iin);
        let uploads: Vec<AttachmentId> = parsed.documents.iter().filter_map(|d| d.1).collect();
        let stored_files = self.store.attachments(&uploads).await?;
        let mut documents = Vec::new();
        for (kind, attachment, presented, valid_until) in &parsed.documents {
            if !items.iter().any(|i| i.key == *kind) {
                return Err(AppError::invalid("documents", "invalid_document_kind"));
            }
            let supply = match attachment {
                Some(id) => {
                    // A file is the applicant's own: uploaded by them, or for them at a counter.
                    if !stored_files.iter().any(|f| f.id == *id && f.owner == owner) {
                        return Err(AppError::invalid("documents", "invalid_attachment"));
                    }
                    Supply::Upload { attachment: id.0 }
                }
                None if *presented && channel == Channel::StateCorporation => Supply::Counter,
                None => continue,
            };
            documents.push(Supplied {
                kind: kind.clone(),
                supply,
                valid_until: *valid_until,
            });
        }
        // What an information system holds is its answer, not the applicant's paper (once-only).
        for item in items {
            if documents.iter().any(|d| d.kind == item.key) {
                continue;
            }
            match item.system.as_deref() {
                Some("labour_market") if job.value.is_some() => documents.push(Supplied {
                    kind: item.key.clone(),
                    supply: Supply::System {
                        system: "labour_market".into(),
                        response: job.evidence.response_id.clone(),
                    },
                    valid_until: None,
                }),
                // The identity document: the civil registry identified the person; the document itself is
                // obtained from the Digital Documents service with the owner's consent (QUOTA-30).
                Some("digital_documents") if input.consent || channel == Channel::StateCorporation => {
                    documents.push(Supplied {
                        kind: item.key.clone(),
                        supply: Supply::System {
                            system: "civil_registry".into(),
                            response: person.evidence.response_id.clone(),
                        },
                        valid_until: None,
                    });
                }
                _ => {}
            }
        }
        // A package a channel forwards must be complete; the counter's own check is the specialist's (A 14.4).
        let missing: Vec<&str> = items
            .iter()
            .filter(|i| i.required && !documents.iter().any(|d| d.kind == i.key))
            .map(|i| i.key.as_str())
            .collect();
        if !missing.is_empty() && counter.is_none() && channel == Channel::Portal {
            return Err(AppError::invalid("documents", "documents_missing"));
        }

        let event = match (counter, parsed.category) {
            (Some(AtCounter::Accept), Category::Resettler) => quota_a14::Event::AcceptAtCounter,
            (Some(AtCounter::Refuse(codes)), Category::Resettler) if codes.is_empty() => {
                return Err(AppError::invalid("grounds", "refusal_without_grounds"));
            }
            (Some(AtCounter::Refuse(codes)), Category::Resettler) => quota_a14::Event::RefuseToAccept {
                grounds: codes
                    .iter()
                    .map(|c| {
                        quota_a14::Refuser::StateCorporation
                            .grounds()
                            .iter()
                            .find(|g| g.code == c.as_str())
                            .cloned()
                            .ok_or_else(|| AppError::invalid("grounds", "invalid_ground"))
                    })
                    .collect::<Result<Vec<_>, AppError>>()?,
            },
            // The counter's refusal to accept (A 14.4) is the resettlers' procedure; a kandas's package is taken.
            (Some(AtCounter::Refuse(_)), Category::Kandas) => {
                return Err(AppError::invalid("grounds", "counter_refusal_resettlers_only"));
            }
            (Some(AtCounter::Accept) | None, _) => quota_a14::Event::Submit { channel },
        };
        let (visited, start) = match visit {
            Some(id) => {
                let loaded = self.load_quota_case(principal, id, "the home visit", now).await?;
                if !matches!(loaded.record.state, State::VisitRequested { .. })
                    || loaded.stored.applicant != Some(owner.clone())
                {
                    return Err(AppError::NotFound);
                }
                (Some(loaded), State::VisitRequested { requested_on: day })
            }
            None => (None, State::New),
        };
        let step = quota_a14::step(parsed.category, &start, event, &ctx).map_err(AppError::Rejected)?;
        let key = match &mode {
            Mode::Check => return Ok(Outcome::Checked),
            Mode::Prepare(key) | Mode::Write(key) => key.clone(),
        };
        let record = QuotaRecord {
            category: parsed.category,
            channel,
            applicant: parsed.iin.masked(),
            name: full_name(&person.value),
            person: PersonFacts {
                birth_date: Some(person.value.birth_date),
                sex: Some(person.value.sex),
                nationality: Some(person.value.nationality.to_owned()),
            },
            received_on: day,
            facts: QuotaFacts {
                registered: Some(registered),
                job_seeker: Some(job.value.is_some()),
                kandas,
                listed: Some(listed.value),
                citizen: Some(person.value.citizen),
            },
            family,
            employment: parsed.employment,
            documents,
            consent: input.consent.then(|| Consent {
                at: now,
                channel: channel.key().to_owned(),
            }),
            home_visit: visit.is_some(),
            counter: parsed.counter,
            places: None,
            declined_unit: false,
            commission: None,
            reasoning: None,
            decided: None,
            overdue: None,
            state: step.next.clone(),
        };
        let running = record.running();
        let (state, payload) = record.encode();
        let detail = json!({
            "state": state,
            "grounds": grounds_of(&step.next),
            "requirements": step.requirements,
            "request": request,
        })
        .to_string();
        let members: Vec<Iin> = record.family.iter().map(|m| m.iin).collect();
        let command = match &visited {
            None => Command {
                key,
                at: now,
                actor: principal.actor()?,
                action: format!("quota.{state}"),
                basis: step.basis.to_string(),
                case: CaseWrite::Create {
                    kind: crate::kinds::quota_kind(parsed.category).key().into(),
                    territory: parsed.territory,
                    year: day.year(),
                    state: state.into(),
                    payload,
                    applicant: Some(owner.clone()),
                    channel: Some(channel.key().into()),
                    members,
                    due_on: next_due(&running),
                },
                ops: effects::all(
                    &step.effects,
                    &effects::Context {
                        applicant: Some(&owner),
                        number: "",
                        ..effects::Context::default()
                    },
                )?,
                evidence: proof,
                detail,
            },
            Some(loaded) => Command {
                key,
                at: now,
                actor: principal.actor()?,
                action: format!("quota.{state}"),
                basis: step.basis.to_string(),
                case: CaseWrite::Update {
                    id: loaded.stored.id,
                    expected_version: loaded.stored.version,
                    state: state.into(),
                    payload,
                    due_on: next_due(&running),
                },
                ops: effects::all(
                    &step.effects,
                    &effects::Context {
                        applicant: Some(&owner),
                        number: &crate::number_of(&loaded.stored),
                        ..effects::Context::default()
                    },
                )?,
                evidence: proof,
                detail,
            },
        };
        if matches!(mode, Mode::Prepare(_)) {
            return Ok(Outcome::Prepared(Box::new(command)));
        }
        let mut command = command;
        self.may_issue(principal, &command.ops)?;
        // A step that creates its case issues its documents once the case has its number: by a second command
        // right after the first (the update path issues them in its own command).
        let mut to_issue = Vec::new();
        match &command.case {
            CaseWrite::Create { .. } if self.issuing().is_some() => {
                let (documents, rest): (Vec<Op>, Vec<Op>) =
                    command.ops.drain(..).partition(|op| matches!(op, Op::Document(_)));
                command.ops = rest;
                to_issue = documents;
            }
            CaseWrite::Create { .. } => {}
            CaseWrite::Update { state, payload, .. } => {
                if let Some(loaded) = &visited {
                    let after = store::CaseRecord {
                        state: state.clone(),
                        payload: payload.clone(),
                        version: loaded.stored.version + 1,
                        ..loaded.stored.clone()
                    };
                    self.issue_step_documents(principal, &mut command.ops, &after, now)?;
                }
            }
        }
        let applied = match self.store.apply(&command).await {
            Ok(applied) => applied,
            // Two applications of one person at once: the database keeps one open (its unique index).
            Err(StoreError::Duplicate { .. }) => {
                let number = self
                    .open_quota_case(&parsed.iin)
                    .await?
                    .map(|(_, n)| n)
                    .unwrap_or_default();
                return Err(AppError::OpenCase { number });
            }
            Err(e) => return Err(e.into()),
        };
        let applied = if to_issue.is_empty() || applied.replayed {
            applied
        } else {
            self.issue_after_create(principal, &command, applied, to_issue, now)
                .await?
        };
        Ok(Outcome::Written(Submitted {
            number: number(&applied)?,
            applied,
            state: step.next.key(),
            grounds: grounds_of(&step.next),
            deadlines: running,
        }))
    }

    /// A person who cannot come asks for the documents to be taken at home (appendix 1 row 10): on the portal
    /// for themselves, or the State Corporation's operator for a request that came through the contact centre.
    pub async fn request_home_visit(
        &self,
        principal: &Principal,
        iin: &str,
        category: &str,
        territory: &str,
        key: IdempotencyKey,
        now: Timestamp,
    ) -> Result<Submitted, AppError> {
        let mut bad = Vec::new();
        let iin = Iin::parse(iin)
            .map_err(|e| {
                bad.push(FieldError {
                    field: "iin",
                    code: kz::ErrorCode::code(&e),
                })
            })
            .ok();
        let territory = Kato::parse(territory)
            .map_err(|e| {
                bad.push(FieldError {
                    field: "territory",
                    code: kz::ErrorCode::code(&e),
                })
            })
            .ok();
        let category_parsed = category_of(category);
        if category_parsed.is_none() {
            bad.push(FieldError {
                field: "category",
                code: "invalid_category",
            });
        }
        let (Some(iin), Some(territory), Some(category)) = (iin, territory, category_parsed) else {
            return Err(AppError::Invalid(bad));
        };
        let allowed = match principal.role {
            store::Role::Citizen => principal.subject == Some(Party::Person(iin)),
            store::Role::StateCorporationOperator => {
                authz::may_receive_quota_application(principal, store::plan::region_of(&territory))
            }
            _ => false,
        };
        if !allowed {
            return Err(AppError::Forbidden);
        }
        let request = request_id(
            "quota.home_visit",
            &format!("{}|{}|{}", iin.as_str(), category_key(category), territory.as_str()),
        );
        if let Some(replay) = self.quota_replay(&key, None, &request).await? {
            let applied = replay.applied;
            return Ok(Submitted {
                number: number(&applied)?,
                applied,
                state: "visit_requested",
                grounds: Vec::new(),
                deadlines: Vec::new(),
            });
        }
        if let Some((_, number)) = self.open_quota_case(&iin).await? {
            return Err(AppError::OpenCase { number });
        }
        let person = self.registries.person(&iin, now).map_err(|e| match e {
            RegistryError::NotFound => AppError::invalid("iin", e.code()),
            other => AppError::Registry(other),
        })?;
        let day = kz_today(now);
        let law = self.law.get();
        let ctx = Ctx {
            today: day,
            params: &law.params,
            calendar: &law.calendar,
        };
        let step = quota_a14::step(category, &State::New, quota_a14::Event::RequestHomeVisit, &ctx)
            .map_err(AppError::Rejected)?;
        let record = QuotaRecord {
            category,
            channel: Channel::StateCorporation,
            applicant: iin.masked(),
            name: full_name(&person.value),
            person: PersonFacts {
                birth_date: Some(person.value.birth_date),
                sex: Some(person.value.sex),
                nationality: Some(person.value.nationality.to_owned()),
            },
            received_on: day,
            facts: QuotaFacts::default(),
            family: Vec::new(),
            employment: None,
            documents: Vec::new(),
            consent: None,
            home_visit: true,
            counter: None,
            places: None,
            declined_unit: false,
            commission: None,
            reasoning: None,
            decided: None,
            overdue: None,
            state: step.next.clone(),
        };
        let (state, payload) = record.encode();
        let owner = Party::Person(iin);
        let applied = self
            .store
            .apply(&Command {
                key,
                at: now,
                actor: principal.actor()?,
                action: "quota.visit_requested".into(),
                basis: step.basis.to_string(),
                case: CaseWrite::Create {
                    kind: crate::kinds::quota_kind(category).key().into(),
                    territory,
                    year: day.year(),
                    state: state.into(),
                    payload,
                    applicant: Some(owner.clone()),
                    channel: Some(Channel::StateCorporation.key().into()),
                    members: Vec::new(),
                    due_on: None,
                },
                ops: effects::all(
                    &step.effects,
                    &effects::Context {
                        applicant: Some(&owner),
                        number: "",
                        ..effects::Context::default()
                    },
                )?,
                evidence: vec![evidence(&person, &json!({ "found": true }))],
                detail: json!({ "state": state, "requirements": step.requirements, "request": request }).to_string(),
            })
            .await?;
        Ok(Submitted {
            number: number(&applied)?,
            applied,
            state: "visit_requested",
            grounds: Vec::new(),
            deadlines: Vec::new(),
        })
    }

    /// The career centre sends an application it received on to the provider (A 15.3).
    pub async fn forward_quota_application(
        &self,
        principal: &Principal,
        case: store::CaseId,
        key: IdempotencyKey,
        now: Timestamp,
    ) -> Result<Decided, AppError> {
        if principal.role != store::Role::CareerCentre
            || !authz::may_receive_quota_application(principal, &store::plan::region_of_case(case))
        {
            return Err(AppError::NotFound);
        }
        let request = request_id("quota.forward", "");
        if let Some(replay) = self.quota_replay(&key, Some(case), &request).await? {
            return Ok(replay);
        }
        let loaded = self
            .load_quota_case(principal, case, "forwarding to the provider", now)
            .await?;
        self.write_quota_step(
            principal,
            &loaded,
            quota_a14::Event::Forward,
            &request,
            |_, _| {},
            0,
            key,
            now,
        )
        .await
    }
}
