//! The quota inclusion service (Rules A p.14–15, order No. 359 appendix 1): receiving an application from any
//! channel, accepting the package, including or refusing, revoking.

use cases::quota_a14::{self, Category, Channel, State};
use cases::{ApplicationNumber, Ctx};
use jiff::Timestamp;
use kz::{Iin, Kato};
use registries::{Registries, RegistryError, registered_for};
use serde_json::{Value, json};
use store::{CaseWrite, Command, IdempotencyKey, Party, Store, StoreError};

use crate::kinds::{QuotaFacts, QuotaRecord, next_due};
use crate::{App, AppError, FieldError, Principal, authz, effects, evidence, kz_today, number_of};

/// An application for inclusion in the regional quota, as it arrives from any channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotaApplication {
    pub iin: String,
    /// `kandas` or `resettler`
    pub category: String,
    /// KATO code of the territorial unit applied for.
    pub territory: String,
    /// `portal`, `state_corporation` or `career_centre`
    pub channel: String,
}

/// A received application: its number and the deadlines that started running.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submitted {
    pub applied: store::Applied,
    pub number: ApplicationNumber,
    pub state: &'static str,
    pub deadlines: Vec<crate::kinds::Running>,
}

/// A decided application, ready to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    pub command: Command,
    pub deadlines: Vec<crate::kinds::Running>,
}

/// The decision on an application under review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inclusion {
    Include,
    /// Grounds by their codes (appendix 1, row 9 lists of the application's category).
    Refuse(Vec<String>),
}

/// A decision taken on a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decided {
    pub applied: store::Applied,
    /// The state the decision led to (for a replay: the state the first request led to).
    pub state: String,
    pub grounds: Vec<String>,
}

/// The channel each principal receives through: the State Corporation's counter, a career centre, or the
/// applicant on the portal (for themselves only).
fn channel_of(p: &Principal) -> Option<Channel> {
    match p.role {
        store::Role::StateCorporationOperator => Some(Channel::StateCorporation),
        store::Role::CareerCentre => Some(Channel::CareerCentre),
        store::Role::Citizen => Some(Channel::Portal),
        store::Role::LabourMobilityCentre
        | store::Role::LocalExecutiveBody
        | store::Role::Commission
        | store::Role::AppealBody
        | store::Role::Employer
        | store::Role::Analyst
        | store::Role::Administrator
        | store::Role::System => None,
    }
}

/// What a request asks, for telling a repeated request from another one under the same key.
fn request_id(action: &str, input: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(format!("{action}\n{input}").as_bytes()))
}

impl<S: Store, R: Registries + Sync> App<S, R> {
    /// A quota application, received by `principal` through its channel: parsed, checked against the
    /// registries, received on the machine of Rules A p.14–15, and stored with its evidence and audit record
    /// under `key`.
    pub async fn submit_quota_application(
        &self,
        principal: &Principal,
        input: &QuotaApplication,
        key: IdempotencyKey,
        now: Timestamp,
    ) -> Result<Submitted, AppError> {
        let prepared = self.prepare_quota_application(principal, input, key, now)?;
        let applied = self.store.apply(&prepared.command).await?;
        let number = ApplicationNumber::new(&applied.region, applied.year, applied.sequence).map_err(|e| {
            AppError::Store(StoreError::Corrupt {
                table: "cases",
                id: applied.case.to_string(),
                reason: e.code().into(),
            })
        })?;
        let state = match &prepared.command.case {
            CaseWrite::Create { state, .. } => {
                if state == "received" {
                    "received"
                } else {
                    "under_review"
                }
            }
            CaseWrite::Update { .. } => "received",
        };
        Ok(Submitted {
            applied,
            number,
            state,
            deadlines: prepared.deadlines,
        })
    }

    /// Everything of [`App::submit_quota_application`] but the write: the store command it would apply.
    pub fn prepare_quota_application(
        &self,
        principal: &Principal,
        input: &QuotaApplication,
        key: IdempotencyKey,
        now: Timestamp,
    ) -> Result<Prepared, AppError> {
        let mut bad = Vec::new();
        let mut field = |field: &'static str, code: &'static str| bad.push(FieldError { field, code });
        let iin = Iin::parse(&input.iin)
            .map_err(|e| field("iin", kz::ErrorCode::code(&e)))
            .ok();
        let territory = Kato::parse(&input.territory)
            .map_err(|e| field("territory", kz::ErrorCode::code(&e)))
            .ok();
        let category = match input.category.trim() {
            "kandas" => Some(Category::Kandas),
            "resettler" => Some(Category::Resettler),
            _ => {
                field("category", "invalid_category");
                None
            }
        };
        let channel = match input.channel.trim() {
            "portal" => Some(Channel::Portal),
            "state_corporation" => Some(Channel::StateCorporation),
            "career_centre" => Some(Channel::CareerCentre),
            _ => {
                field("channel", "invalid_channel");
                None
            }
        };
        let (Some(iin), Some(territory), Some(category), Some(channel)) = (iin, territory, category, channel) else {
            return Err(AppError::Invalid(bad));
        };
        // Who receives through which channel: the operator at the counter, a career centre, or the applicant
        // on the portal for themselves; staff only in their region.
        let region = store::plan::region_of(&territory);
        let allowed = channel_of(principal) == Some(channel)
            && match channel {
                Channel::Portal => principal.subject.as_ref() == Some(&Party::Person(iin)),
                Channel::StateCorporation | Channel::CareerCentre => {
                    authz::may_receive_quota_application(principal, region)
                }
            };
        if !allowed {
            return Err(AppError::Forbidden);
        }
        let day = kz_today(now);

        // Once-only: what the systems hold is asked of them, and each answer is kept as evidence.
        let r = &self.registries;
        let unknown = |e: RegistryError| match e {
            RegistryError::NotFound => AppError::invalid("iin", e.code()),
            other => AppError::Registry(other),
        };
        let person = r.person(&iin, now).map_err(unknown)?;
        let addresses = r.registrations(&iin, now).map_err(AppError::Registry)?;
        let job = r.job_seeker(&iin, now).map_err(AppError::Registry)?;
        // The family that moves with the applicant (spouse, children): they follow the case in their cabinets.
        let relatives = r.relatives(&iin, now).map_err(AppError::Registry)?;
        let members: Vec<Iin> = relatives
            .value
            .iter()
            .filter(|m| matches!(m.kinship, registries::Kinship::Spouse | registries::Kinship::Child))
            .map(|m| m.iin)
            .collect();
        let listed = r.listed(&iin, now).map_err(AppError::Registry)?;
        let registered = registered_for(
            &addresses.value,
            &addresses.value.first().map_or(territory, |a| a.kato),
            1,
            day,
        );
        let mut proof = vec![
            evidence(
                &person,
                &json!({ "found": true, "birth_date": person.value.birth_date.to_string(), "citizen": person.value.citizen }),
            ),
            evidence(&addresses, &json!({ "registered_one_year": registered })),
            evidence(&job, &json!({ "job_seeker": job.value.is_some() })),
            evidence(
                &relatives,
                &json!({ "family": members.iter().map(Iin::masked).collect::<Vec<_>>() }),
            ),
            evidence(&listed, &json!({ "listed": listed.value })),
        ];
        let kandas = if category == Category::Kandas {
            let status = r.kandas_status(&iin, now).map_err(AppError::Registry)?;
            proof.push(evidence(&status, &json!({ "kandas": status.value.is_some() })));
            Some(status.value.is_some())
        } else {
            None
        };

        let law = self.law.get();
        let ctx = Ctx {
            today: day,
            params: &law.params,
            calendar: &law.calendar,
        };
        let step = quota_a14::step(category, &State::New, quota_a14::Event::Submit { channel }, &ctx)
            .map_err(AppError::Rejected)?;
        let record = QuotaRecord {
            category,
            channel,
            applicant: iin.masked(),
            name: [
                Some(person.value.surname.as_str()),
                Some(person.value.given.as_str()),
                person.value.patronymic.as_deref(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" "),
            received_on: day,
            facts: QuotaFacts {
                registered: Some(registered),
                job_seeker: Some(job.value.is_some()),
                kandas,
            },
            family: u32::try_from(members.len()).unwrap_or(u32::MAX),
            places: None,
            decided: None,
            overdue: None,
            state: step.next.clone(),
        };
        let running = record.running();
        let (state, payload) = record.encode();
        let applicant = Party::Person(iin);
        let ops = effects::all(
            &step.effects,
            &effects::Context {
                applicant: Some(&applicant),
                number: "",
                ..effects::Context::default()
            },
        )?;
        let command = Command {
            key,
            at: now,
            actor: principal.actor()?,
            action: "quota.submit".into(),
            basis: step.basis.to_string(),
            case: CaseWrite::Create {
                kind: crate::kinds::quota_kind(category).key().into(),
                territory,
                year: day.year(),
                state: state.into(),
                payload,
                applicant: Some(applicant),
                channel: Some(channel.key().into()),
                members,
                due_on: next_due(&running),
            },
            ops,
            evidence: proof,
            detail: json!({ "state": state, "applicant": iin.masked(), "requirements": step.requirements }).to_string(),
        };
        Ok(Prepared {
            command,
            deadlines: running,
        })
    }

    /// Steps a stored quota case with `event` and writes the result, with everything the step does in the same
    /// transaction: the quota places it takes or gives back, the notices to the applicant, the documents.
    async fn step_quota_case(
        &self,
        principal: &Principal,
        case: store::CaseId,
        request: (&str, String),
        event: impl Fn(Category) -> Result<quota_a14::Event, AppError>,
        key: IdempotencyKey,
        now: Timestamp,
    ) -> Result<Decided, AppError> {
        // Before anything is read: someone who may not decide learns nothing from the answer.
        if !authz::may_decide_quota(principal, &store::plan::region_of_case(case)) {
            return Err(AppError::NotFound);
        }
        let request = request_id(request.0, &request.1);
        // A repeated request (same key) gets the first answer, whatever the case's state is now; the same key
        // for another request is refused.
        if let Some(replay) = self.store.replay(&key).await? {
            let detail: Value = serde_json::from_str(&replay.detail).unwrap_or(Value::Null);
            if replay.applied.case != case || detail.get("request").and_then(Value::as_str) != Some(request.as_str()) {
                return Err(AppError::Store(StoreError::IdempotencyMismatch {
                    key: key.as_str().to_owned(),
                }));
            }
            let text = |v: &Value| v.as_str().map(str::to_owned);
            return Ok(Decided {
                applied: replay.applied,
                state: detail.get("state").and_then(text).unwrap_or_default(),
                grounds: detail
                    .get("grounds")
                    .and_then(Value::as_array)
                    .map(|g| g.iter().filter_map(text).collect())
                    .unwrap_or_default(),
            });
        }
        let law = self.law.get();
        let ctx = Ctx {
            today: kz_today(now),
            params: &law.params,
            calendar: &law.calendar,
        };
        let actor = principal.actor()?;
        let stored = self
            .store
            .read_case(
                case,
                &actor,
                &crate::cases_view::read_purpose("decision on the application"),
                now,
            )
            .await?;
        let record = QuotaRecord::decode(&stored)?;
        let category = record.category;
        let quota_key = store::QuotaKey {
            year: stored.year,
            territory: stored.territory,
            category: match category {
                Category::Kandas => store::QuotaCategory::Kandas,
                Category::Resettler => store::QuotaCategory::Resettler,
            },
        };
        // INTERPRETATION(A 14): a quota counted in persons takes a place for the applicant and for each family
        // member who moves with them (spouse and children, as the civil registry gives them); one counted in
        // families takes one place per application. A revocation gives back what the inclusion took.
        // The step is decided first so that only a decision that takes places reads the quota's unit.
        let step = quota_a14::step(category, &record.state, event(category)?, &ctx).map_err(AppError::Rejected)?;
        let places = if step.effects.contains(&cases::Effect::AllocateQuota) {
            match self.store.quota(&quota_key).await {
                Ok(q) if q.unit == store::QuotaUnit::Persons => 1 + record.family,
                Ok(_) | Err(StoreError::NotFound { .. }) => 1,
                Err(e) => return Err(AppError::Store(e)),
            }
        } else {
            record.places.unwrap_or(1)
        };
        let number = number_of(&stored);
        let applicant = stored.applicant.clone();
        let write = |step: &cases::Step<State>| -> Result<Command, AppError> {
            let mut next = record.clone();
            next.state = step.next.clone();
            if step.effects.contains(&cases::Effect::AllocateQuota) {
                next.places = Some(places);
            }
            next.decided = Some((ctx.today, step.basis.to_string()));
            let (state, payload) = next.encode();
            let grounds: Vec<&str> = match &step.next {
                State::Refused { grounds } | State::NotAccepted { grounds } => {
                    grounds.as_slice().iter().map(|g| g.code).collect()
                }
                State::New
                | State::Received { .. }
                | State::UnderReview { .. }
                | State::Included { .. }
                | State::Revoked { .. } => Vec::new(),
            };
            let ops = effects::all(
                &step.effects,
                &effects::Context {
                    applicant: applicant.as_ref(),
                    number: &number,
                    quota: Some((&quota_key, places)),
                    payment: None,
                },
            )?;
            Ok(Command {
                key: key.clone(),
                at: now,
                actor: actor.clone(),
                action: format!("quota.{state}"),
                basis: step.basis.to_string(),
                case: CaseWrite::Update {
                    id: stored.id,
                    expected_version: stored.version,
                    state: state.into(),
                    payload,
                    due_on: next_due(&next.running()),
                },
                ops,
                evidence: Vec::new(),
                detail: json!({
                    "state": state,
                    "grounds": grounds,
                    "requirements": step.requirements,
                    "request": request,
                })
                .to_string(),
            })
        };
        let decided = |applied: store::Applied, step: &cases::Step<State>| Decided {
            applied,
            state: step.next.key().to_owned(),
            grounds: match &step.next {
                State::Refused { grounds } | State::NotAccepted { grounds } => {
                    grounds.as_slice().iter().map(|g| g.code.to_owned()).collect()
                }
                State::New
                | State::Received { .. }
                | State::UnderReview { .. }
                | State::Included { .. }
                | State::Revoked { .. } => Vec::new(),
            },
        };
        match self.store.apply(&write(&step)?).await {
            Ok(applied) => Ok(decided(applied, &step)),
            // No places left: nothing was written; the decision becomes the refusal on the no-quota ground.
            Err(StoreError::QuotaExhausted { .. }) => {
                let refusal = quota_a14::step(category, &record.state, quota_a14::Event::NoQuota, &ctx)
                    .map_err(AppError::Rejected)?;
                let applied = self.store.apply(&write(&refusal)?).await?;
                Ok(decided(applied, &refusal))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Revokes an inclusion: the quota place is given back in the same transaction.
    pub async fn revoke_quota_inclusion(
        &self,
        principal: &Principal,
        case: store::CaseId,
        key: IdempotencyKey,
        now: Timestamp,
    ) -> Result<Decided, AppError> {
        self.step_quota_case(
            principal,
            case,
            ("revoke", String::new()),
            |_| Ok(quota_a14::Event::Revoke),
            key,
            now,
        )
        .await
    }

    /// The provider accepts a complete package (A 15.4).
    pub async fn accept_quota_application(
        &self,
        principal: &Principal,
        case: store::CaseId,
        key: IdempotencyKey,
        now: Timestamp,
    ) -> Result<Decided, AppError> {
        self.step_quota_case(
            principal,
            case,
            ("accept", String::new()),
            |_| Ok(quota_a14::Event::Accept),
            key,
            now,
        )
        .await
    }

    /// Inclusion (taking quota places in the same transaction) or refusal with grounds; with no places left the
    /// inclusion turns into the refusal on ground K5 / R4.
    pub async fn decide_quota_inclusion(
        &self,
        principal: &Principal,
        case: store::CaseId,
        decision: &Inclusion,
        key: IdempotencyKey,
        now: Timestamp,
    ) -> Result<Decided, AppError> {
        let request = match decision {
            Inclusion::Include => ("include", String::new()),
            Inclusion::Refuse(codes) => ("refuse", codes.join(",")),
        };
        let event = |category: Category| match decision {
            Inclusion::Include => Ok(quota_a14::Event::Include),
            Inclusion::Refuse(codes) => {
                let mut grounds = Vec::new();
                let mut bad = Vec::new();
                for code in codes {
                    match category.grounds().iter().find(|g| g.code == code.as_str()) {
                        Some(g) => grounds.push(g.clone()),
                        None => bad.push(FieldError {
                            field: "grounds",
                            code: "invalid_ground",
                        }),
                    }
                }
                if bad.is_empty() {
                    Ok(quota_a14::Event::Refuse { grounds })
                } else {
                    Err(AppError::Invalid(bad))
                }
            }
        };
        self.step_quota_case(principal, case, request, event, key, now).await
    }
}
