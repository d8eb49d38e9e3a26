//! Use cases: the one crate that puts the law, the case machines, the registries and the store together.
//!
//! A use case parses its input at the edge into domain values (every bad field reported at once with its code),
//! asks the information systems what they hold instead of asking the applicant (keeping each answer as
//! evidence), steps the case machine, and writes the result as one store command. It takes `now` as an
//! argument; it never reads the clock.

use cases::quota_a14::{self, Category, Channel};
use cases::{ApplicationNumber, Ctx, Deadline, Rejected};
use jiff::Timestamp;
use kz::{Iin, Kato};
use legal::Law;
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
    pub law: Law,
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
            evidence(&listed, &json!({ "listed": listed.value })),
        ];
        let kandas = if category == Category::Kandas {
            let status = r.kandas_status(&iin, now).map_err(AppError::Registry)?;
            proof.push(evidence(&status, &json!({ "kandas": status.value.is_some() })));
            Some(status.value.is_some())
        } else {
            None
        };

        let ctx = Ctx {
            today: day,
            params: &self.law.params,
            calendar: &self.law.calendar,
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
