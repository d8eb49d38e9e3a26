//! Use cases: the one crate that puts the law, the case machines, the registries and the store together.
//!
//! A use case parses its input at the edge into domain values (every bad field reported at once with its code),
//! asks the information systems what they hold instead of asking the applicant (keeping each answer as
//! evidence), steps the case machine, and writes the result as one store command. It takes `now` as an
//! argument; it never reads the clock.

pub mod authz;
mod deadlines;
pub mod law;

pub use deadlines::{DeadlineMove, DeadlineRecount};
pub use law::{Amended, Laws};

use cases::quota_a14::{self, Category, Channel};
use cases::{ApplicationNumber, Ctx, Deadline, Rejected};
use jiff::Timestamp;
use kz::{Iin, Kato};
use registries::{Answer, Registries, RegistryError, registered_for};
use serde_json::{Value, json};
use store::{Actor, Applied, CaseWrite, Command, Evidence, IdempotencyKey, Store, StoreError};

/// A bad field of the input, with its message code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub code: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AppError {
    #[error("invalid input: {0:?}")]
    Invalid(Vec<FieldError>),
    #[error(transparent)]
    Rejected(Rejected),
    #[error("an information system failed: {}", .0.code())]
    Registry(RegistryError),
    #[error(transparent)]
    Store(StoreError),
    /// The law with an amendment does not load; `code` is the stable reason (`legal::amend::AmendError::code`).
    #[error("the law refuses the amendment: {reason}")]
    LawRefused { code: &'static str, reason: String },
}

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

/// What the applicant is told at once: the number and the dates that now run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submitted {
    pub applied: Applied,
    pub number: ApplicationNumber,
    pub forward_by: Deadline,
    pub refuse_to_accept_by: Deadline,
}

/// A decided application, ready to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    pub command: Command,
    pub forward_by: Deadline,
    pub refuse_to_accept_by: Deadline,
}

/// Kazakhstan keeps one time zone, UTC+5, since 1 March 2024.
fn today(now: Timestamp) -> jiff::civil::Date {
    jiff::tz::offset(5).to_datetime(now).date()
}

fn evidence<T>(answer: &Answer<T>, payload: &Value) -> Evidence {
    Evidence {
        system: answer.evidence.system.key().to_owned(),
        requested_at: answer.evidence.requested_at,
        response_id: answer.evidence.response_id.clone(),
        payload: payload.to_string(),
    }
}

pub struct App<S, R> {
    pub store: S,
    pub registries: R,
    pub law: Laws,
}

impl<S, R> std::fmt::Debug for App<S, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App").finish_non_exhaustive()
    }
}

impl<S: Store, R: Registries + Sync> App<S, R> {
    /// A quota application from any channel: parsed, checked against the registries, received on the machine
    /// of Rules A p.14–15, and stored with its evidence and audit record under `key`.
    pub async fn submit_quota_application(
        &self,
        input: &QuotaApplication,
        actor: &Actor,
        key: IdempotencyKey,
        now: Timestamp,
    ) -> Result<Submitted, AppError> {
        let prepared = self.prepare_quota_application(input, actor, key, now)?;
        let applied = self.store.apply(&prepared.command).await.map_err(AppError::Store)?;
        let number = ApplicationNumber::new(&applied.region, applied.year, applied.sequence).map_err(|e| {
            AppError::Store(StoreError::Corrupt {
                table: "cases",
                id: applied.case.to_string(),
                reason: e.code().into(),
            })
        })?;
        Ok(Submitted {
            applied,
            number,
            forward_by: prepared.forward_by,
            refuse_to_accept_by: prepared.refuse_to_accept_by,
        })
    }

    /// Everything of [`App::submit_quota_application`] but the write: the store command it would apply.
    pub fn prepare_quota_application(
        &self,
        input: &QuotaApplication,
        actor: &Actor,
        key: IdempotencyKey,
        now: Timestamp,
    ) -> Result<Prepared, AppError> {
        let mut bad = Vec::new();
        let iin = Iin::parse(&input.iin)
            .map_err(|e| {
                bad.push(FieldError {
                    field: "iin",
                    code: kz::ErrorCode::code(&e),
                })
            })
            .ok();
        let territory = Kato::parse(&input.territory)
            .map_err(|e| {
                bad.push(FieldError {
                    field: "territory",
                    code: kz::ErrorCode::code(&e),
                })
            })
            .ok();
        let category = match input.category.trim() {
            "kandas" => Some(Category::Kandas),
            "resettler" => Some(Category::Resettler),
            _ => {
                bad.push(FieldError {
                    field: "category",
                    code: "invalid_category",
                });
                None
            }
        };
        let channel = match input.channel.trim() {
            "portal" => Some(Channel::Portal),
            "state_corporation" => Some(Channel::StateCorporation),
            "career_centre" => Some(Channel::CareerCentre),
            _ => {
                bad.push(FieldError {
                    field: "channel",
                    code: "invalid_channel",
                });
                None
            }
        };
        let (Some(iin), Some(territory), Some(category), Some(channel)) = (iin, territory, category, channel) else {
            return Err(AppError::Invalid(bad));
        };
        let day = today(now);

        // Once-only: what the systems hold is asked of them, and each answer is kept as evidence.
        let r = &self.registries;
        let unknown = |e: RegistryError| match e {
            RegistryError::NotFound => AppError::Invalid(vec![FieldError {
                field: "iin",
                code: e.code(),
            }]),
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
        let one_year = registered_for(
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
            evidence(&addresses, &json!({ "registered_one_year": one_year })),
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
        let step = quota_a14::step(
            category,
            &quota_a14::State::New,
            quota_a14::Event::Submit { channel },
            &ctx,
        )
        .map_err(AppError::Rejected)?;
        let quota_a14::State::Received {
            forward_by,
            refuse_to_accept_by,
            ..
        } = &step.next
        else {
            return Err(AppError::Rejected(Rejected::NotAllowed {
                state: step.next.key(),
                event: "submit",
            }));
        };
        let applicant = iin.masked();
        let payload = json!({
            "applicant": applicant,
            "channel": channel.key(),
            "received_on": day.to_string(),
            "forward_by": forward_by.due.to_string(),
            "refuse_to_accept_by": refuse_to_accept_by.due.to_string(),
            "calendar_edition": refuse_to_accept_by.calendar_edition,
            "facts": { "registered_one_year": one_year, "job_seeker": job.value.is_some(), "kandas": kandas },
            "family": members.len(),
        });
        let kind = match category {
            Category::Kandas => cases::CaseKind::QuotaKandas,
            Category::Resettler => cases::CaseKind::QuotaResettler,
        };
        let command = Command {
            key,
            at: now,
            actor: actor.clone(),
            action: "quota.submit".into(),
            basis: step.basis.to_string(),
            case: CaseWrite::Create {
                kind: kind.key().into(),
                territory,
                year: day.year(),
                state: step.next.key().into(),
                payload: payload.to_string(),
                applicant: Some(iin),
                members,
                due_on: step.next.next_due().map(|d| d.due),
            },
            quota: None,
            evidence: proof,
            detail: json!({ "state": step.next.key(), "applicant": applicant, "requirements": step.requirements })
                .to_string(),
        };
        Ok(Prepared {
            command,
            forward_by: forward_by.clone(),
            refuse_to_accept_by: refuse_to_accept_by.clone(),
        })
    }
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
    pub applied: Applied,
    /// The state the decision led to (for a replay: the state the first request led to).
    pub state: String,
    pub grounds: Vec<String>,
}

/// A stored case's application number as people read it (`QN-75-2026-000001`), or its id if the stored parts
/// do not make one.
pub fn number_of(case: &store::CaseRecord) -> String {
    ApplicationNumber::new(&case.region, case.year, case.sequence)
        .map_or_else(|_| case.id.to_string(), |n| n.to_string())
}

fn corrupt(record: &store::CaseRecord, reason: &str) -> AppError {
    AppError::Store(StoreError::Corrupt {
        table: "cases",
        id: record.id.to_string(),
        reason: reason.into(),
    })
}

fn date_field(record: &store::CaseRecord, payload: &Value, field: &str) -> Result<jiff::civil::Date, AppError> {
    payload
        .get(field)
        .and_then(Value::as_str)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| corrupt(record, field))
}

/// The quota machine's state of a stored case, rebuilt from its state key and payload.
fn quota_state(record: &store::CaseRecord, ctx: &Ctx<'_>) -> Result<(Category, quota_a14::State), AppError> {
    let category = match cases::CaseKind::from_key(&record.kind) {
        Some(cases::CaseKind::QuotaKandas) => Category::Kandas,
        Some(cases::CaseKind::QuotaResettler) => Category::Resettler,
        _ => return Err(corrupt(record, "not a quota case")),
    };
    let payload: Value = serde_json::from_str(&record.payload).map_err(|_| corrupt(record, "payload"))?;
    let received_on = date_field(record, &payload, "received_on")?;
    let state = match record.state.as_str() {
        "received" => {
            let channel = match payload.get("channel").and_then(Value::as_str) {
                Some("portal") => Channel::Portal,
                Some("state_corporation") => Channel::StateCorporation,
                Some("career_centre") => Channel::CareerCentre,
                _ => return Err(corrupt(record, "channel")),
            };
            // Deadlines are counted again on the day of receipt: the same law and calendar give the same dates.
            let step = quota_a14::step(
                category,
                &quota_a14::State::New,
                quota_a14::Event::Submit { channel },
                &Ctx {
                    today: received_on,
                    ..*ctx
                },
            )
            .map_err(AppError::Rejected)?;
            step.next
        }
        "under_review" => {
            let decide_by = ctx
                .due(legal::TimeLimitId::QuotaServiceTerm, received_on)
                .map_err(AppError::Rejected)?;
            quota_a14::State::UnderReview { received_on, decide_by }
        }
        "included" => {
            let on = payload
                .get("included")
                .and_then(|v| v.get("on"))
                .and_then(Value::as_str)
                .and_then(|s| s.parse().ok());
            quota_a14::State::Included {
                on: on.ok_or_else(|| corrupt(record, "included.on"))?,
            }
        }
        other => {
            return Err(AppError::Rejected(Rejected::NotAllowed {
                state: match other {
                    "refused" => "refused",
                    "not_accepted" => "not_accepted",
                    "revoked" => "revoked",
                    _ => "unknown",
                },
                event: "decide",
            }));
        }
    };
    Ok((category, state))
}

impl<S: Store, R: Registries + Sync> App<S, R> {
    /// Steps a stored quota case with `event` and writes the result, with the quota places the step takes or
    /// gives back.
    async fn step_quota_case(
        &self,
        case: store::CaseId,
        event: impl Fn(Category) -> Result<quota_a14::Event, AppError>,
        actor: &Actor,
        key: IdempotencyKey,
        now: Timestamp,
    ) -> Result<Decided, AppError> {
        // A repeated request (same key) gets the first answer, whatever the case's state is now.
        if let Some(replay) = self.store.replay(&key).await.map_err(AppError::Store)? {
            if replay.applied.case != case {
                return Err(AppError::Store(StoreError::IdempotencyMismatch {
                    key: key.as_str().to_owned(),
                }));
            }
            let detail: Value = serde_json::from_str(&replay.detail).unwrap_or(Value::Null);
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
            today: today(now),
            params: &law.params,
            calendar: &law.calendar,
        };
        let purpose = store::ReadPurpose {
            basis: "rules-a 15".into(),
            reason: "decision on the application".into(),
        };
        let record = self
            .store
            .read_case(case, actor, &purpose, now)
            .await
            .map_err(AppError::Store)?;
        let (category, state) = quota_state(&record, &ctx)?;
        let quota_key = store::QuotaKey {
            year: record.year,
            territory: record.territory,
            category: match category {
                Category::Kandas => store::QuotaCategory::Kandas,
                Category::Resettler => store::QuotaCategory::Resettler,
            },
        };
        let stored: Value = serde_json::from_str(&record.payload).map_err(|_| corrupt(&record, "payload"))?;
        let count = |key: &str| {
            stored
                .get(key)
                .and_then(Value::as_u64)
                .and_then(|n| u32::try_from(n).ok())
        };
        // INTERPRETATION(A 14): a quota counted in persons takes a place for the applicant and for each family
        // member who moves with them (spouse and children, as the civil registry gives them); one counted in
        // families takes one place per application. A revocation gives back what the inclusion took.
        // The step is decided first so that only a decision that takes places reads the quota's unit.
        let step = quota_a14::step(category, &state, event(category)?, &ctx).map_err(AppError::Rejected)?;
        let places = if step.effects.contains(&cases::Effect::AllocateQuota) {
            match self.store.quota(&quota_key).await {
                Ok(q) if q.unit == store::QuotaUnit::Persons => 1 + count("family").unwrap_or(0),
                Ok(_) | Err(StoreError::NotFound { .. }) => 1,
                Err(e) => return Err(AppError::Store(e)),
            }
        } else {
            1
        };
        let taken = count("places").unwrap_or(1);
        let write = |step: &cases::Step<quota_a14::State>, with_quota: bool| -> Result<Command, AppError> {
            let mut payload: serde_json::Map<String, Value> =
                serde_json::from_str(&record.payload).map_err(|_| corrupt(&record, "payload"))?;
            let grounds: Vec<&str> = match &step.next {
                quota_a14::State::Refused { grounds } | quota_a14::State::NotAccepted { grounds } => {
                    grounds.as_slice().iter().map(|g| g.code).collect()
                }
                _ => Vec::new(),
            };
            payload.insert(
                step.next.key().into(),
                json!({ "on": ctx.today.to_string(), "basis": step.basis.to_string(), "grounds": grounds }),
            );
            let quota = if with_quota && step.effects.contains(&cases::Effect::AllocateQuota) {
                payload.insert("places".into(), json!(places));
                Some(store::QuotaOp::Allocate {
                    key: quota_key.clone(),
                    amount: places,
                })
            } else if step.effects.contains(&cases::Effect::ReleaseQuota) {
                Some(store::QuotaOp::Release {
                    key: quota_key.clone(),
                    amount: taken,
                })
            } else {
                None
            };
            Ok(Command {
                key: key.clone(),
                at: now,
                actor: actor.clone(),
                action: format!("quota.{}", step.next.key()),
                basis: step.basis.to_string(),
                case: CaseWrite::Update {
                    id: record.id,
                    expected_version: record.version,
                    state: step.next.key().into(),
                    payload: Value::Object(payload).to_string(),
                    due_on: step.next.next_due().map(|d| d.due),
                },
                quota,
                evidence: Vec::new(),
                detail: json!({ "state": step.next.key(), "grounds": grounds, "requirements": step.requirements })
                    .to_string(),
            })
        };
        let decided = |applied: Applied, step: &cases::Step<quota_a14::State>| Decided {
            applied,
            state: step.next.key().to_owned(),
            grounds: match &step.next {
                quota_a14::State::Refused { grounds } | quota_a14::State::NotAccepted { grounds } => {
                    grounds.as_slice().iter().map(|g| g.code.to_owned()).collect()
                }
                _ => Vec::new(),
            },
        };
        match self.store.apply(&write(&step, true)?).await {
            Ok(applied) => Ok(decided(applied, &step)),
            // No places left: nothing was written; the decision becomes the refusal on the no-quota ground.
            Err(StoreError::QuotaExhausted { .. }) => {
                let refusal =
                    quota_a14::step(category, &state, quota_a14::Event::NoQuota, &ctx).map_err(AppError::Rejected)?;
                let applied = self
                    .store
                    .apply(&write(&refusal, false)?)
                    .await
                    .map_err(AppError::Store)?;
                Ok(decided(applied, &refusal))
            }
            Err(e) => Err(AppError::Store(e)),
        }
    }

    /// Revokes an inclusion: the quota place is given back in the same transaction.
    pub async fn revoke_quota_inclusion(
        &self,
        case: store::CaseId,
        actor: &Actor,
        key: IdempotencyKey,
        now: Timestamp,
    ) -> Result<Decided, AppError> {
        self.step_quota_case(case, |_| Ok(quota_a14::Event::Revoke), actor, key, now)
            .await
    }

    /// The provider accepts a complete package (A 15.4): the 14 working days run from receipt.
    pub async fn accept_quota_application(
        &self,
        case: store::CaseId,
        actor: &Actor,
        key: IdempotencyKey,
        now: Timestamp,
    ) -> Result<Decided, AppError> {
        self.step_quota_case(case, |_| Ok(quota_a14::Event::Accept), actor, key, now)
            .await
    }

    /// Inclusion (taking a quota place in the same transaction) or refusal with grounds; with no places left the
    /// inclusion turns into the refusal on ground K5 / R4.
    pub async fn decide_quota_inclusion(
        &self,
        case: store::CaseId,
        decision: &Inclusion,
        actor: &Actor,
        key: IdempotencyKey,
        now: Timestamp,
    ) -> Result<Decided, AppError> {
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
        self.step_quota_case(case, event, actor, key, now).await
    }
}

/// What a deadline check did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DeadlineSweep {
    /// Cases whose deadline had passed.
    pub overdue: usize,
    /// Of those, the ones recorded now (the others were recorded by an earlier check).
    pub recorded: usize,
    /// Running deadlines counted again and moved because the calendar changed (`App::recount_deadlines`).
    pub recounted: usize,
}

impl<S: Store, R: Registries + Sync> App<S, R> {
    /// Records, once per case and deadline, that a running deadline has passed: an audit record
    /// `deadline.overdue` on the case's timeline and an `overdue` entry in its details. The idempotency key is
    /// made of the case and the due date, so a check repeated by any instance records nothing twice. A case
    /// changed meanwhile (version conflict) is left for the next check.
    pub async fn record_overdue(&self, actor: &Actor, now: Timestamp) -> Result<DeadlineSweep, AppError> {
        let day = today(now);
        let query = store::CaseQuery {
            due_before: Some(day),
            limit: 10_000,
            ..store::CaseQuery::default()
        };
        let cases = self.store.list_cases(&query).await.map_err(AppError::Store)?;
        let mut sweep = DeadlineSweep {
            overdue: cases.len(),
            ..DeadlineSweep::default()
        };
        for case in cases {
            let Some(due) = case.due_on else { continue };
            let Some(basis) = deadlines::running_basis(&case.state) else {
                continue;
            };
            let Some(key) = IdempotencyKey::parse(&format!("overdue-{}-{due}", case.id.0)) else {
                continue;
            };
            let mut payload: serde_json::Map<String, Value> =
                serde_json::from_str(&case.payload).map_err(|_| corrupt(&case, "payload"))?;
            let noted = payload
                .get("overdue")
                .and_then(|o| o.get("due"))
                .and_then(Value::as_str);
            if noted == Some(due.to_string().as_str()) {
                continue;
            }
            payload.insert(
                "overdue".into(),
                json!({ "due": due.to_string(), "noted_on": day.to_string() }),
            );
            let note = deadlines::Note {
                key,
                at: now,
                actor,
                action: "deadline.overdue",
                basis,
                payload,
                due_on: case.due_on,
                detail: json!({ "state": case.state, "due": due.to_string() }),
            };
            if deadlines::write_note(&self.store, &case, note).await? {
                sweep.recorded += 1;
            }
        }
        Ok(sweep)
    }
}
