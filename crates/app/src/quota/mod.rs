//! The quota inclusion service (Rules A p.14–15, order No. 359 appendix 1), as each body meets it:
//!
//! - [`intake`]: the citizen on the portal, the State Corporation's counter (and its home visits), the career
//!   centre; what the registries know of the applicant, asked once and kept as evidence; one open application
//!   per person.
//! - [`review`]: the provider's check of a package, the commission's word, the grounds weighed against the
//!   facts, the decision previewed and then taken (quota places in the same transaction), revocation.
//! - [`files`]: the documents an applicant uploads, checked by their contents.
//!
//! Every step is one store command: the case, its audit record, its notices, documents and quota places.

pub mod files;
pub mod intake;
pub mod review;

use cases::quota_a14::{self, Category, State};
use cases::{ApplicationNumber, Ctx};
use jiff::Timestamp;
use serde_json::{Value, json};
use store::{CaseWrite, Command, IdempotencyKey, Store, StoreError};

use crate::kinds::{QuotaRecord, next_due};
use crate::{App, AppError, Principal, effects, kz_today, number_of};

pub use intake::{AtCounter, DocumentInput, PortalStart, QuotaApplication, Relative, Submitted, application_digest};
pub use review::{Assessed, CommissionInput, Decided, Inclusion, Preview};

/// What a request asks, for telling a repeated request from another one under the same key.
pub(crate) fn request_id(action: &str, input: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(format!("{action}\n{input}").as_bytes()))
}

/// The quota the case's decision takes places of.
pub(crate) fn quota_key(case: &store::CaseRecord, category: Category) -> store::QuotaKey {
    store::QuotaKey {
        year: case.year,
        territory: case.territory,
        category: match category {
            Category::Kandas => store::QuotaCategory::Kandas,
            Category::Resettler => store::QuotaCategory::Resettler,
        },
    }
}

/// The grounds a step's state names, by their codes.
pub(crate) fn grounds_of(state: &State) -> Vec<String> {
    match state {
        State::Refused { grounds } | State::NotAccepted { grounds } => {
            grounds.as_slice().iter().map(|g| g.code.to_owned()).collect()
        }
        State::New
        | State::VisitRequested { .. }
        | State::AtCareerCentre { .. }
        | State::Received { .. }
        | State::UnderReview { .. }
        | State::Included { .. }
        | State::Revoked { .. } => Vec::new(),
    }
}

/// An application number from a stored case's parts.
pub(crate) fn number(applied: &store::Applied) -> Result<ApplicationNumber, AppError> {
    ApplicationNumber::new(&applied.region, applied.year, applied.sequence).map_err(|e| {
        AppError::Store(StoreError::Corrupt {
            table: "cases",
            id: applied.case.to_string(),
            reason: e.code().into(),
        })
    })
}

/// A stored quota case as a step sees it: the case, its record and the context of the day.
pub(crate) struct Loaded {
    pub stored: store::CaseRecord,
    pub record: QuotaRecord,
}

impl<S: Store, R: registries::Registries + Sync> App<S, R> {
    /// The answer to a repeated request (same key), or `None` when the key is new; the same key for another
    /// request is refused.
    pub(crate) async fn quota_replay(
        &self,
        key: &IdempotencyKey,
        case: Option<store::CaseId>,
        request: &str,
    ) -> Result<Option<Decided>, AppError> {
        let Some(replay) = self.store.replay(key).await? else {
            return Ok(None);
        };
        let detail: Value = serde_json::from_str(&replay.detail).unwrap_or(Value::Null);
        let same_case = case.is_none_or(|c| c == replay.applied.case);
        if !same_case || detail.get("request").and_then(Value::as_str) != Some(request) {
            return Err(AppError::Store(StoreError::IdempotencyMismatch {
                key: key.as_str().to_owned(),
            }));
        }
        let text = |v: &Value| v.as_str().map(str::to_owned);
        Ok(Some(Decided {
            applied: replay.applied,
            state: detail.get("state").and_then(text).unwrap_or_default(),
            grounds: detail
                .get("grounds")
                .and_then(Value::as_array)
                .map(|g| g.iter().filter_map(text).collect())
                .unwrap_or_default(),
        }))
    }

    /// Reads a quota case for a step, recording why (the step's purpose).
    pub(crate) async fn load_quota_case(
        &self,
        principal: &Principal,
        case: store::CaseId,
        purpose: &str,
        now: Timestamp,
    ) -> Result<Loaded, AppError> {
        let stored = self
            .store
            .read_case(
                case,
                &principal.actor()?,
                &crate::cases_view::read_purpose(purpose),
                now,
            )
            .await?;
        if crate::kinds::quota_kind_of(&stored.kind).is_none() {
            return Err(AppError::NotFound);
        }
        let record = QuotaRecord::decode(&stored)?;
        Ok(Loaded { stored, record })
    }

    /// Steps a loaded quota case with `event` and writes the result with everything the step does, in one
    /// transaction. `change` adjusts the record after the step (the places taken, the reasoning).
    #[expect(clippy::too_many_arguments, reason = "one writer for every step of the service")]
    pub(crate) async fn write_quota_step(
        &self,
        principal: &Principal,
        loaded: &Loaded,
        event: quota_a14::Event,
        request: &str,
        change: impl Fn(&mut QuotaRecord, &cases::Step<State>),
        places: u32,
        key: IdempotencyKey,
        now: Timestamp,
    ) -> Result<Decided, AppError> {
        let law = self.law.get();
        let ctx = Ctx {
            today: kz_today(now),
            params: &law.params,
            calendar: &law.calendar,
        };
        let Loaded { stored, record } = loaded;
        let category = record.category;
        let step = quota_a14::step(category, &record.state, event, &ctx).map_err(AppError::Rejected)?;
        let quota = quota_key(stored, category);
        let number = number_of(stored);
        let revoke_documents: Vec<String> = if matches!(step.next, State::Revoked { .. }) {
            let included = match category {
                Category::Kandas => "order-359-app-2",
                Category::Resettler => "order-359-app-5",
            };
            self.store
                .case_file(stored.id)
                .await?
                .documents
                .into_iter()
                .filter(|d| d.form == included && d.state == "valid")
                .filter_map(|d| d.issued.map(|i| i.number))
                .collect()
        } else {
            Vec::new()
        };
        let command = |step: &cases::Step<State>| -> Result<Command, AppError> {
            let mut next = record.clone();
            next.state = step.next.clone();
            change(&mut next, step);
            if matches!(
                step.next,
                State::Included { .. } | State::Refused { .. } | State::Revoked { .. }
            ) {
                next.decided = Some((ctx.today, step.basis.to_string()));
            }
            let (state, payload) = next.encode();
            let mut ops = effects::all(
                &step.effects,
                &effects::Context {
                    applicant: stored.applicant.as_ref(),
                    number: &number,
                    quota: Some((&quota, next.places.unwrap_or(places))),
                    payment: None,
                },
            )?;
            let after = store::CaseRecord {
                state: state.to_owned(),
                payload: payload.clone(),
                version: stored.version + 1,
                ..stored.clone()
            };
            self.issue_step_documents(principal, &mut ops, &after, now)?;
            // A revoked inclusion revokes the decision that included.
            if let State::Revoked { reason, .. } = &step.next {
                for number in &revoke_documents {
                    ops.push(store::Op::RevokeDocument {
                        number: number.clone(),
                        reason: reason.as_str().to_owned(),
                    });
                }
            }
            Ok(Command {
                key: key.clone(),
                at: now,
                actor: principal.actor()?,
                action: format!("quota.{}", step.next.key()),
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
                    "grounds": grounds_of(&step.next),
                    "requirements": step.requirements,
                    "request": request,
                })
                .to_string(),
            })
        };
        let decided = |applied: store::Applied, step: &cases::Step<State>| Decided {
            applied,
            state: step.next.key().to_owned(),
            grounds: grounds_of(&step.next),
        };
        match self.store.apply(&command(&step)?).await {
            Ok(applied) => Ok(decided(applied, &step)),
            // No places left: nothing was written; the decision becomes the refusal on the no-quota ground
            // (the official was shown this before confirming, see `review::preview`).
            Err(StoreError::QuotaExhausted { .. }) => {
                let refusal = quota_a14::step(category, &record.state, quota_a14::Event::NoQuota, &ctx)
                    .map_err(AppError::Rejected)?;
                let applied = self.store.apply(&command(&refusal)?).await?;
                Ok(decided(applied, &refusal))
            }
            Err(e) => Err(e.into()),
        }
    }
}
