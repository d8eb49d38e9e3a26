//! The provider's part: checking a received package (accepting it, or refusing to accept it on the grounds of
//! A 15.5 within two working days), recording the commission's word, weighing the grounds of refusal against
//! the facts, previewing the decision (so an official is told before confirming that the quota has no places
//! left), taking it (quota places in the same transaction), and revoking an inclusion.

use cases::model::Reason;
use cases::quota_a14::{self, Category, Commission, CommissionBody, State};
use cases::quota_grounds::{self, GroundFacts};
use cases::{Ctx, Rejected};
use jiff::Timestamp;
use jiff::civil::Date;
use legal::params::QuotaOutcome;
use store::{IdempotencyKey, Store, StoreError};

use super::{Loaded, quota_key, request_id};
use crate::kinds::{QuotaRecord, Supply};
use crate::{App, AppError, FieldError, Principal, authz, kz_today};

/// The decision on an application under review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inclusion {
    Include,
    /// Grounds by their codes (appendix 1, row 9 lists of the application's category).
    Refuse(Vec<String>),
    /// The applicant refused the territorial unit offered: ground K5 / R4.
    Declined,
}

/// A decision taken on a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decided {
    pub applied: store::Applied,
    /// The state the decision led to (for a replay: the state the first request led to).
    pub state: String,
    pub grounds: Vec<String>,
}

/// The commission's word as the form gives it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CommissionInput {
    /// `YYYY-MM-DD`
    pub date: String,
    pub protocol: String,
    /// The members present, one per line.
    pub members: String,
    /// `include` or `refuse`
    pub outcome: String,
}

/// The grounds weighed against the facts, with the quota's places, for the official deciding.
#[derive(Debug, Clone)]
pub struct Assessed {
    pub category: Category,
    pub grounds: Vec<quota_grounds::Assessment>,
    pub places_left: Option<u32>,
    pub places_needed: u32,
    /// For a package not yet accepted: the grounds of A 15.5 its documents make out.
    pub refusal_to_accept: Vec<&'static str>,
    /// Whether the commission's word is needed before including, and whether it is there.
    pub commission_needed: bool,
    pub commission: Option<Commission>,
}

/// What a decision would do, shown before it is confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Preview {
    /// Included, taking these places.
    Included { places: u32 },
    /// Refused on these grounds.
    Refused { grounds: Vec<String> },
    /// An inclusion asked for, but the unit's quota has fewer places left than the family needs: confirming
    /// refuses on ground K5 / R4.
    NoPlaces { left: u32, needed: u32, ground: String },
}

fn parse_commission(input: &CommissionInput, body: CommissionBody) -> Result<Commission, AppError> {
    let mut bad = Vec::new();
    let date = input.date.trim().parse::<Date>().map_err(|_| {
        bad.push(FieldError {
            field: "date",
            code: "invalid_date",
        })
    });
    let protocol = input.protocol.trim();
    if protocol.is_empty() || protocol.chars().count() > 64 || protocol.chars().any(char::is_control) {
        bad.push(FieldError {
            field: "protocol",
            code: "protocol_required",
        });
    }
    let members: Vec<String> = input
        .members
        .lines()
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .map(str::to_owned)
        .collect();
    if members.is_empty() || members.len() > 50 || members.iter().any(|m| m.chars().count() > 200) {
        bad.push(FieldError {
            field: "members",
            code: "members_required",
        });
    }
    let outcome = match input.outcome.trim() {
        "include" => Some(QuotaOutcome::Include),
        "refuse" => Some(QuotaOutcome::Refuse),
        _ => {
            bad.push(FieldError {
                field: "outcome",
                code: "invalid_outcome",
            });
            None
        }
    };
    match (date, outcome) {
        (Ok(date), Some(outcome)) if bad.is_empty() => Ok(Commission {
            body,
            date,
            protocol: protocol.to_owned(),
            members,
            outcome,
        }),
        _ => Err(AppError::Invalid(bad)),
    }
}

fn reasoning(text: Option<&str>) -> Result<Option<Reason>, AppError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => Reason::parse(t)
            .map(Some)
            .map_err(|code| AppError::invalid("reasoning", code)),
    }
}

/// The grounds of A 15.5 a package's documents make out on `day`, the decision being due by `decide_by`.
fn refusal_to_accept(
    record: &QuotaRecord,
    checklist: &[legal::params::ChecklistItem],
    day: Date,
    decide_by: Option<Date>,
) -> Vec<&'static str> {
    let mut out = Vec::new();
    let missing = checklist
        .iter()
        .any(|i| i.required && !record.documents.iter().any(|d| d.kind == i.key));
    if missing {
        out.push(quota_a14::INCOMPLETE_PACKAGE.code);
    }
    let until: Vec<Date> = record.documents.iter().filter_map(|d| d.valid_until).collect();
    if until.iter().any(|u| *u < day) {
        out.push(quota_a14::EXPIRED_DOCUMENTS.code);
    }
    // A document that ends by the day the decision is due ends on (or before) the day of the decision.
    if decide_by.is_some_and(|due| until.iter().any(|u| *u >= day && *u <= due)) {
        out.push(quota_a14::EXPIRING_DOCUMENTS.code);
    }
    out
}

impl<S: Store, R: registries::Registries + Sync> App<S, R> {
    fn may_decide(&self, principal: &Principal, case: store::CaseId) -> Result<(), AppError> {
        if authz::may_decide_quota(principal, &store::plan::region_of_case(case)) {
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }

    /// The provider accepts a complete package (A 15.4).
    pub async fn accept_quota_application(
        &self,
        principal: &Principal,
        case: store::CaseId,
        key: IdempotencyKey,
        now: Timestamp,
    ) -> Result<Decided, AppError> {
        self.may_decide(principal, case)?;
        let request = request_id("accept", "");
        if let Some(replay) = self.quota_replay(&key, Some(case), &request).await? {
            return Ok(replay);
        }
        let loaded = self
            .load_quota_case(principal, case, "the check of the package", now)
            .await?;
        self.write_quota_step(
            principal,
            &loaded,
            quota_a14::Event::Accept,
            &request,
            |_, _| {},
            0,
            key,
            now,
        )
        .await
    }

    /// The provider refuses to accept a package on the grounds of A 15.5 (receipt A-App 8).
    pub async fn refuse_to_accept_quota_application(
        &self,
        principal: &Principal,
        case: store::CaseId,
        codes: &[String],
        key: IdempotencyKey,
        now: Timestamp,
    ) -> Result<Decided, AppError> {
        self.may_decide(principal, case)?;
        let grounds = codes
            .iter()
            .map(|c| {
                quota_a14::Refuser::ServiceProvider
                    .grounds()
                    .iter()
                    .find(|g| g.code == c.as_str())
                    .cloned()
                    .ok_or_else(|| AppError::invalid("grounds", "invalid_ground"))
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        if grounds.is_empty() {
            return Err(AppError::invalid("grounds", "refusal_without_grounds"));
        }
        let request = request_id("refuse_to_accept", &codes.join(","));
        if let Some(replay) = self.quota_replay(&key, Some(case), &request).await? {
            return Ok(replay);
        }
        let loaded = self
            .load_quota_case(principal, case, "the check of the package", now)
            .await?;
        self.write_quota_step(
            principal,
            &loaded,
            quota_a14::Event::RefuseToAccept { grounds },
            &request,
            |_, _| {},
            0,
            key,
            now,
        )
        .await
    }

    /// The commission's recommendation (kandases) or decision (resettlers) recorded from its protocol, by the
    /// provider or the commission's secretary.
    pub async fn record_quota_commission(
        &self,
        principal: &Principal,
        case: store::CaseId,
        input: &CommissionInput,
        key: IdempotencyKey,
        now: Timestamp,
    ) -> Result<Decided, AppError> {
        let region = store::plan::region_of_case(case);
        let allowed = authz::may_decide_quota(principal, &region)
            || (principal.role == store::Role::Commission && principal.works_in(&region));
        if !allowed {
            return Err(AppError::NotFound);
        }
        let request = request_id("record_commission", &format!("{input:?}"));
        if let Some(replay) = self.quota_replay(&key, Some(case), &request).await? {
            return Ok(replay);
        }
        let loaded = self
            .load_quota_case(principal, case, "the commission's word", now)
            .await?;
        let commission = parse_commission(input, loaded.record.commission_body())?;
        self.write_quota_step(
            principal,
            &loaded,
            quota_a14::Event::RecordCommission { commission },
            &request,
            |_, _| {},
            0,
            key,
            now,
        )
        .await
    }

    /// The grounds of refusal weighed against the facts kept on the case and the quota's places today.
    pub async fn assess_quota_case(
        &self,
        principal: &Principal,
        case: store::CaseId,
        now: Timestamp,
    ) -> Result<Assessed, AppError> {
        let region = store::plan::region_of_case(case);
        if !authz::may_read_case(principal, &region) {
            return Err(AppError::NotFound);
        }
        let loaded = self
            .load_quota_case(principal, case, "weighing the grounds", now)
            .await?;
        self.assessment(&loaded, now).await
    }

    async fn assessment(&self, loaded: &Loaded, now: Timestamp) -> Result<Assessed, AppError> {
        let Loaded { stored, record } = loaded;
        let day = kz_today(now);
        let law = self.law.get();
        let places_needed = self.places_needed(stored, record).await?;
        let places_left = match self.store.quota(&quota_key(stored, record.category)).await {
            Ok(q) => Some(q.remaining()),
            Err(StoreError::NotFound { .. }) => Some(0),
            Err(e) => return Err(e.into()),
        };
        let facts = GroundFacts {
            kandas: record.facts.kandas,
            listed: record.facts.listed,
            consent: record.consent.is_some(),
            citizen: record.facts.citizen,
            job_seeker: record.facts.job_seeker,
            registered: record.facts.registered,
            places_left,
            places_needed,
            declined_unit: record.declined_unit,
        };
        let checklist = law
            .params
            .quota_documents
            .at(day)
            .map_err(|e| AppError::Rejected(cases::Rejected::Law(rules::RuleError::from(e))))?;
        let items = match record.category {
            Category::Kandas => &checklist.value.kandas,
            Category::Resettler => &checklist.value.resettler,
        };
        let refusal = match &record.state {
            State::Received { decide_by, .. } => refusal_to_accept(record, items, day, Some(decide_by.due)),
            _ => Vec::new(),
        };
        let commissions = law
            .params
            .quota_commissions
            .at(day)
            .map_err(|e| AppError::Rejected(cases::Rejected::Law(rules::RuleError::from(e))))?;
        let needed = match record.category {
            Category::Kandas => &commissions.value.kandas,
            Category::Resettler => &commissions.value.resettler,
        };
        Ok(Assessed {
            category: record.category,
            grounds: quota_grounds::assess(record.category, &facts),
            places_left,
            places_needed,
            refusal_to_accept: refusal,
            commission_needed: needed.contains(&QuotaOutcome::Include),
            commission: match &record.state {
                State::UnderReview { commission, .. } => commission.clone(),
                _ => record.commission.clone(),
            },
        })
    }

    /// The places an inclusion takes: a quota counted in persons, one for the applicant and each member who
    /// moves; one counted in families, one.
    async fn places_needed(&self, stored: &store::CaseRecord, record: &QuotaRecord) -> Result<u32, AppError> {
        // INTERPRETATION(A 14): a quota counted in persons takes a place for the applicant and for each family
        // member who moves with them (those named in the application, as the civil registry gives them); one
        // counted in families takes one place per application. A revocation gives back what the inclusion took.
        match self.store.quota(&quota_key(stored, record.category)).await {
            Ok(q) if q.unit == store::QuotaUnit::Persons => Ok(record.persons()),
            Ok(_) | Err(StoreError::NotFound { .. }) => Ok(1),
            Err(e) => Err(AppError::Store(e)),
        }
    }

    /// What the decision would do, before the official confirms it.
    pub async fn preview_quota_decision(
        &self,
        principal: &Principal,
        case: store::CaseId,
        decision: &Inclusion,
        now: Timestamp,
    ) -> Result<Preview, AppError> {
        self.may_decide(principal, case)?;
        let loaded = self.load_quota_case(principal, case, "the decision", now).await?;
        // Only an application under review can be decided, so only one can be previewed.
        if !matches!(loaded.record.state, State::UnderReview { .. }) {
            return Err(AppError::Rejected(Rejected::NotAllowed {
                state: loaded.record.state.key(),
                event: "include",
            }));
        }
        let category = loaded.record.category;
        // The machine is asked as it will be asked by the decision itself, so that the preview never offers a
        // confirmation the decision would refuse (the commission's word missing or saying otherwise).
        let law = self.law.get();
        let ctx = Ctx {
            today: kz_today(now),
            params: &law.params,
            calendar: &law.calendar,
        };
        quota_a14::step(
            category,
            &loaded.record.state,
            decision_event(category, decision)?,
            &ctx,
        )
        .map_err(AppError::Rejected)?;
        let no_quota = match category {
            Category::Kandas => quota_a14::K5_NO_QUOTA.code,
            Category::Resettler => quota_a14::R4_NO_QUOTA.code,
        };
        Ok(match decision {
            Inclusion::Include => {
                let a = self.assessment(&loaded, now).await?;
                match a.places_left {
                    Some(left) if left < a.places_needed => Preview::NoPlaces {
                        left,
                        needed: a.places_needed,
                        ground: no_quota.to_owned(),
                    },
                    _ => Preview::Included {
                        places: a.places_needed,
                    },
                }
            }
            Inclusion::Refuse(codes) => Preview::Refused { grounds: codes.clone() },
            Inclusion::Declined => Preview::Refused {
                grounds: vec![no_quota.to_owned()],
            },
        })
    }

    /// Inclusion (taking quota places in the same transaction) or refusal with grounds, with the official's
    /// reasoning; with no places left the inclusion turns into the refusal on ground K5 / R4.
    pub async fn decide_quota_inclusion(
        &self,
        principal: &Principal,
        case: store::CaseId,
        decision: &Inclusion,
        reasoning_text: Option<&str>,
        key: IdempotencyKey,
        now: Timestamp,
    ) -> Result<Decided, AppError> {
        self.may_decide(principal, case)?;
        let reasoning = reasoning(reasoning_text)?;
        let request = match decision {
            Inclusion::Include => request_id("include", reasoning_text.unwrap_or_default()),
            Inclusion::Refuse(codes) => request_id("refuse", &codes.join(",")),
            Inclusion::Declined => request_id("declined", ""),
        };
        if let Some(replay) = self.quota_replay(&key, Some(case), &request).await? {
            return Ok(replay);
        }
        let loaded = self.load_quota_case(principal, case, "the decision", now).await?;
        let category = loaded.record.category;
        let event = decision_event(category, decision)?;
        let places = self.places_needed(&loaded.stored, &loaded.record).await?;
        let declined = *decision == Inclusion::Declined;
        let commission = match &loaded.record.state {
            State::UnderReview { commission, .. } => commission.clone(),
            _ => None,
        };
        self.write_quota_step(
            principal,
            &loaded,
            event,
            &request,
            |next, step| {
                if step.effects.contains(&cases::Effect::AllocateQuota) {
                    next.places = Some(places);
                }
                next.declined_unit = declined;
                next.commission.clone_from(&commission);
                next.reasoning.clone_from(&reasoning);
            },
            places,
            key,
            now,
        )
        .await
    }

    /// Revokes an inclusion, with its mandatory reason: the quota places are given back in the same transaction.
    pub async fn revoke_quota_inclusion(
        &self,
        principal: &Principal,
        case: store::CaseId,
        reason: &str,
        key: IdempotencyKey,
        now: Timestamp,
    ) -> Result<Decided, AppError> {
        self.may_decide(principal, case)?;
        let reason = Reason::parse(reason).map_err(|code| AppError::invalid("reason", code))?;
        let request = request_id("revoke", reason.as_str());
        if let Some(replay) = self.quota_replay(&key, Some(case), &request).await? {
            return Ok(replay);
        }
        let loaded = self.load_quota_case(principal, case, "the revocation", now).await?;
        let places = loaded.record.places.unwrap_or(1);
        self.write_quota_step(
            principal,
            &loaded,
            quota_a14::Event::Revoke { reason },
            &request,
            |_, _| {},
            places,
            key,
            now,
        )
        .await
    }
}

/// The machine's event for a decision; a refusal's grounds must be the category's own.
fn decision_event(category: Category, decision: &Inclusion) -> Result<quota_a14::Event, AppError> {
    Ok(match decision {
        Inclusion::Include => quota_a14::Event::Include,
        Inclusion::Declined => quota_a14::Event::Refuse {
            grounds: vec![match category {
                Category::Kandas => quota_a14::K5_NO_QUOTA,
                Category::Resettler => quota_a14::R4_NO_QUOTA,
            }],
        },
        Inclusion::Refuse(codes) => {
            let mut grounds = Vec::new();
            for code in codes {
                match category.grounds().iter().find(|g| g.code == code.as_str()) {
                    Some(g) => grounds.push(g.clone()),
                    None => return Err(AppError::invalid("grounds", "invalid_ground")),
                }
            }
            quota_a14::Event::Refuse { grounds }
        }
    })
}

/// Whether a supplied document is a file of the applicant's (for reading it back).
pub(crate) fn lists_attachment(record: &QuotaRecord, id: i64) -> bool {
    record
        .documents
        .iter()
        .any(|d| matches!(d.supply, Supply::Upload { attachment } if attachment == id))
}
