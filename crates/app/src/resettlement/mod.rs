//! Taking part in voluntary resettlement (Rules B p.24, order No. 359 appendices 10 and 11), as each body
//! meets it: the citizen or kandas applies on the portal or at the career centre; the career centre records the
//! regional commission's decision, issues the referral, takes back its tear-off notification (matched to the
//! referral by its number) and concludes the social contract; the participant gives notice of a move within
//! the region of reception, after which the centre of the new place concludes a new contract.
//!
//! Every step is one store command: the case, its audit record and its notices and documents.

use cases::resettlement_b24::{self, Event, State};
use cases::{CaseKind, Ctx};
use jiff::Timestamp;
use jiff::civil::Date;
use serde_json::{Value, json};
use store::{CaseWrite, Channel, Command, IdempotencyKey, Party, Role, Store, StoreError};

use crate::kinds::{CommissionRecord, Contract, MoveNotice, Referral, ResettlementRecord, next_due};
use crate::{App, AppError, FieldError, Principal, effects, evidence, kz_today, number_of};

/// What a resettlement step did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stepped {
    pub applied: store::Applied,
    /// The application number (`QN-55-2026-000001`).
    pub number: String,
    /// The state the step led to (for a replay: the state the first request led to).
    pub state: String,
}

/// An application to take part (appendix 10).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ResettlementApplication {
    /// The applicant's IIN: given by the career centre receiving the application; a citizen applies for
    /// themselves.
    pub iin: String,
    /// The KATO code of the applicant's settlement (the career centre's territory).
    pub territory: String,
}

/// The regional commission's decision as the career centre records it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CommissionDecision {
    /// `YYYY-MM-DD`
    pub date: String,
    pub protocol: String,
    /// One member per line.
    pub members: String,
    /// `approve` or `refuse`
    pub outcome: String,
}

/// The referral (appendix 11).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReferralInput {
    /// The KATO code of the settlement of destination.
    pub destination: String,
    pub occupation: String,
    /// How many family members move with the participant.
    pub family: String,
}

/// A social contract concluded.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ContractInput {
    pub number: String,
    /// `YYYY-MM-DD`
    pub date: String,
}

/// A notice of a move within the region of reception (p.24).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MoveInput {
    /// `YYYY-MM-DD`
    pub moving_on: String,
    pub reasons: String,
}

fn request_id(action: &str, input: &str) -> String {
    crate::quota::request_id(&format!("resettlement.{action}"), input)
}

/// A short line of text: not empty, at most `max` characters, no control characters.
fn text(value: &str, max: usize, field: &'static str, code: &'static str, bad: &mut Vec<FieldError>) -> String {
    let t = value.trim();
    if t.is_empty() || t.chars().count() > max || t.chars().any(char::is_control) {
        bad.push(FieldError { field, code });
    }
    t.to_owned()
}

fn date(value: &str, field: &'static str, bad: &mut Vec<FieldError>) -> Option<Date> {
    let d = value.trim().parse::<Date>().ok();
    if d.is_none() {
        bad.push(FieldError {
            field,
            code: "invalid_date",
        });
    }
    d
}

fn done<T>(value: Option<T>, bad: Vec<FieldError>) -> Result<T, AppError> {
    match value {
        Some(v) if bad.is_empty() => Ok(v),
        _ => Err(AppError::Invalid(bad)),
    }
}

/// A career centre of the case's region acts on it.
fn is_career_centre_of(p: &Principal, region: &str) -> bool {
    p.role == Role::CareerCentre && p.works_in(region)
}

/// A stored resettlement case as a step sees it.
struct Loaded {
    stored: store::CaseRecord,
    record: ResettlementRecord,
}

impl<S: Store, R: registries::Registries + Sync> App<S, R> {
    async fn resettlement_replay(&self, key: &IdempotencyKey, request: &str) -> Result<Option<Stepped>, AppError> {
        let Some(replay) = self.store.replay(key).await? else {
            return Ok(None);
        };
        let detail: Value = serde_json::from_str(&replay.detail).unwrap_or(Value::Null);
        if detail.get("request").and_then(Value::as_str) != Some(request) {
            return Err(AppError::Store(StoreError::IdempotencyMismatch {
                key: key.as_str().to_owned(),
            }));
        }
        let number = crate::quota::number(&replay.applied)?.to_string();
        Ok(Some(Stepped {
            applied: replay.applied,
            number,
            state: detail
                .get("state")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
        }))
    }

    /// Reads a resettlement case: staff through the audited read (the caller checked the region), the
    /// participant their own.
    async fn load_resettlement(
        &self,
        p: &Principal,
        case: store::CaseId,
        purpose: &str,
        now: Timestamp,
    ) -> Result<Loaded, AppError> {
        let stored = if crate::authz::is_staff(p.role) {
            self.store
                .read_case(case, &p.actor()?, &crate::cases_view::read_purpose(purpose), now)
                .await?
        } else {
            let subject = p.subject.as_ref().ok_or(AppError::NotFound)?;
            self.store
                .case_of_party(case, subject)
                .await?
                .ok_or(AppError::NotFound)?
        };
        if CaseKind::from_key(&stored.kind) != Some(CaseKind::Resettlement) {
            return Err(AppError::NotFound);
        }
        let record = ResettlementRecord::decode(&stored)?;
        Ok(Loaded { stored, record })
    }

    /// Steps a loaded case with `event`, lets `change` complete the record, and writes it in one command.
    #[expect(clippy::too_many_arguments, reason = "one writer for every step of the service")]
    async fn write_resettlement_step(
        &self,
        p: &Principal,
        loaded: &Loaded,
        event: Event,
        request: &str,
        change: impl FnOnce(&mut ResettlementRecord),
        key: IdempotencyKey,
        now: Timestamp,
    ) -> Result<Stepped, AppError> {
        let law = self.law.get();
        let ctx = Ctx {
            today: kz_today(now),
            params: &law.params,
            calendar: &law.calendar,
        };
        let Loaded { stored, record } = loaded;
        let step = resettlement_b24::step(&record.state, event, &ctx).map_err(AppError::Rejected)?;
        let mut next = record.clone();
        next.state = step.next.clone();
        change(&mut next);
        let (state, payload) = next.encode();
        let number = number_of(stored);
        let ops = effects::all(
            &step.effects,
            &effects::Context {
                applicant: stored.applicant.as_ref(),
                number: &number,
                ..effects::Context::default()
            },
        )?;
        let applied = self
            .store
            .apply(&Command {
                key,
                at: now,
                actor: p.actor()?,
                action: format!("resettlement.{state}"),
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
                detail: json!({ "state": state, "requirements": step.requirements, "request": request }).to_string(),
            })
            .await?;
        Ok(Stepped {
            applied,
            number,
            state: state.to_owned(),
        })
    }

    /// An application to take part (appendix 10, RES-05): a citizen or kandas for themselves on the portal,
    /// or the career centre of the applicant's region receiving it. What the registries hold of the person
    /// (their name, their kandas status) is asked, not typed, and kept as evidence. A kandas takes part
    /// whatever their region or state of origin, and acquiring citizenship does not end their support (RES-01,
    /// RES-02): nothing here asks either.
    pub async fn apply_for_resettlement(
        &self,
        p: &Principal,
        input: &ResettlementApplication,
        key: IdempotencyKey,
        now: Timestamp,
    ) -> Result<Stepped, AppError> {
        let mut bad = Vec::new();
        let territory = kz::Kato::parse(input.territory.trim())
            .map_err(|e| {
                bad.push(FieldError {
                    field: "territory",
                    code: kz::ErrorCode::code(&e),
                })
            })
            .ok();
        let region = territory.as_ref().and_then(|t| t.as_str().get(..2)).unwrap_or_default();
        let (iin, channel) = match p.role {
            Role::Citizen => match &p.subject {
                Some(Party::Person(iin)) => (Some(*iin), Channel::Portal),
                Some(Party::Organisation(_)) | None => return Err(AppError::Forbidden),
            },
            Role::CareerCentre => {
                if territory.is_some() && !p.works_in(region) {
                    return Err(AppError::Forbidden);
                }
                let iin = kz::Iin::parse(input.iin.trim())
                    .map_err(|e| {
                        bad.push(FieldError {
                            field: "iin",
                            code: kz::ErrorCode::code(&e),
                        })
                    })
                    .ok();
                (iin, Channel::CareerCentre)
            }
            Role::StateCorporationOperator
            | Role::LabourMobilityCentre
            | Role::LocalExecutiveBody
            | Role::Commission
            | Role::AppealBody
            | Role::Employer
            | Role::Analyst
            | Role::Administrator
            | Role::System => return Err(AppError::Forbidden),
        };
        let (Some(iin), Some(territory)) = (iin, territory) else {
            return Err(AppError::Invalid(bad));
        };
        let request = request_id("apply", &format!("{}\n{}", iin.masked(), territory.as_str()));
        if let Some(replay) = self.resettlement_replay(&key, &request).await? {
            return Ok(replay);
        }
        let day = kz_today(now);
        let person = self.registries.person(&iin, now).map_err(|e| match e {
            registries::RegistryError::NotFound => AppError::invalid("iin", e.code()),
            other => AppError::Registry(other),
        })?;
        let kandas = self.registries.kandas_status(&iin, now).map_err(AppError::Registry)?;
        let law = self.law.get();
        let ctx = Ctx {
            today: day,
            params: &law.params,
            calendar: &law.calendar,
        };
        let step = resettlement_b24::step(&State::New, Event::Apply, &ctx).map_err(AppError::Rejected)?;
        let p_rec = &person.value;
        let name = [
            Some(p_rec.surname.as_str()),
            Some(p_rec.given.as_str()),
            p_rec.patronymic.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
        let record = ResettlementRecord {
            applicant: iin.masked(),
            name,
            applied_on: day,
            channel: channel.key().to_owned(),
            kandas: kandas.value.is_some(),
            commission: None,
            referral: None,
            contracts: Vec::new(),
            moves: Vec::new(),
            state: step.next.clone(),
        };
        let (state, payload) = record.encode();
        let owner = Party::Person(iin);
        let applied = self
            .store
            .apply(&Command {
                key,
                at: now,
                actor: p.actor()?,
                action: format!("resettlement.{state}"),
                basis: step.basis.to_string(),
                case: CaseWrite::Create {
                    kind: CaseKind::Resettlement.key().into(),
                    territory,
                    year: day.year(),
                    state: state.into(),
                    payload,
                    applicant: Some(owner.clone()),
                    channel: Some(channel.key().into()),
                    members: Vec::new(),
                    due_on: None,
                },
                ops: effects::all(
                    &step.effects,
                    &effects::Context {
                        applicant: Some(&owner),
                        ..effects::Context::default()
                    },
                )?,
                evidence: vec![
                    evidence(&person, &json!({ "found": true })),
                    evidence(&kandas, &json!({ "kandas": kandas.value.is_some() })),
                ],
                detail: json!({ "state": state, "requirements": step.requirements, "request": request }).to_string(),
            })
            .await?;
        Ok(Stepped {
            number: crate::quota::number(&applied)?.to_string(),
            applied,
            state: state.to_owned(),
        })
    }

    /// The regional commission's decision on participation, recorded by the career centre with its members,
    /// date and protocol (RES-05).
    pub async fn record_resettlement_commission(
        &self,
        p: &Principal,
        case: store::CaseId,
        input: &CommissionDecision,
        key: IdempotencyKey,
        now: Timestamp,
    ) -> Result<Stepped, AppError> {
        if !is_career_centre_of(p, &store::plan::region_of_case(case)) {
            return Err(AppError::NotFound);
        }
        let mut bad = Vec::new();
        let day = date(&input.date, "date", &mut bad);
        let protocol = text(&input.protocol, 64, "protocol", "protocol_required", &mut bad);
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
        let approved = match input.outcome.trim() {
            "approve" => Some(true),
            "refuse" => Some(false),
            _ => {
                bad.push(FieldError {
                    field: "outcome",
                    code: "invalid_outcome",
                });
                None
            }
        };
        let (day, approved) = done(day.zip(approved), bad)?;
        let request = request_id(
            "commission",
            &format!("{case}\n{day}\n{protocol}\n{}\n{approved}", members.join("\n")),
        );
        if let Some(replay) = self.resettlement_replay(&key, &request).await? {
            return Ok(replay);
        }
        let loaded = self
            .load_resettlement(p, case, "the commission's decision on participation", now)
            .await?;
        let event = if approved { Event::Approve } else { Event::Refuse };
        let commission = CommissionRecord {
            date: day,
            protocol,
            members,
            approved,
        };
        self.write_resettlement_step(
            p,
            &loaded,
            event,
            &request,
            |r| r.commission = Some(commission),
            key,
            now,
        )
        .await
    }

    /// The referral (appendix 11, RES-06): the settlement of destination, the occupation and the family who
    /// move; its number is the application's with the referral's ordinal.
    pub async fn refer_for_resettlement(
        &self,
        p: &Principal,
        case: store::CaseId,
        input: &ReferralInput,
        key: IdempotencyKey,
        now: Timestamp,
    ) -> Result<Stepped, AppError> {
        if !is_career_centre_of(p, &store::plan::region_of_case(case)) {
            return Err(AppError::NotFound);
        }
        let mut bad = Vec::new();
        let destination = kz::Kato::parse(input.destination.trim())
            .map_err(|e| {
                bad.push(FieldError {
                    field: "destination",
                    code: kz::ErrorCode::code(&e),
                })
            })
            .ok();
        let occupation = text(&input.occupation, 200, "occupation", "occupation_required", &mut bad);
        let family = match input.family.trim() {
            "" => Some(0),
            n => n.parse::<u32>().ok().filter(|n| *n <= 30),
        };
        if family.is_none() {
            bad.push(FieldError {
                field: "family",
                code: "invalid_family_count",
            });
        }
        let (destination, family) = done(destination.zip(family), bad)?;
        let request = request_id(
            "refer",
            &format!("{case}\n{}\n{occupation}\n{family}", destination.as_str()),
        );
        if let Some(replay) = self.resettlement_replay(&key, &request).await? {
            return Ok(replay);
        }
        let loaded = self.load_resettlement(p, case, "the referral", now).await?;
        let day = kz_today(now);
        let referral = Referral {
            number: format!("{}/1", number_of(&loaded.stored)),
            issued_on: day,
            destination,
            occupation,
            family,
            returned_on: None,
        };
        self.write_resettlement_step(
            p,
            &loaded,
            Event::Refer { destination },
            &request,
            |r| r.referral = Some(referral),
            key,
            now,
        )
        .await
    }

    /// The tear-off notification of the referral returned by the receiving career centre (RES-07), matched to
    /// the referral by its number: a number that is not the case's referral's is refused.
    pub async fn return_referral_tear_off(
        &self,
        p: &Principal,
        case: store::CaseId,
        referral_number: &str,
        key: IdempotencyKey,
        now: Timestamp,
    ) -> Result<Stepped, AppError> {
        if !is_career_centre_of(p, &store::plan::region_of_case(case)) {
            return Err(AppError::NotFound);
        }
        let number = referral_number.trim().to_owned();
        let request = request_id("tear_off", &format!("{case}\n{number}"));
        if let Some(replay) = self.resettlement_replay(&key, &request).await? {
            return Ok(replay);
        }
        let loaded = self
            .load_resettlement(p, case, "the referral's tear-off notification", now)
            .await?;
        if loaded.record.referral.as_ref().is_none_or(|r| r.number != number) {
            return Err(AppError::invalid("referral_number", "referral_number_mismatch"));
        }
        let day = kz_today(now);
        self.write_resettlement_step(
            p,
            &loaded,
            Event::Arrived,
            &request,
            |r| {
                if let Some(referral) = r.referral.as_mut() {
                    referral.returned_on = Some(day);
                }
            },
            key,
            now,
        )
        .await
    }

    /// A social contract concluded with its number and date (RES-07; after a move, the new one at the new
    /// place, RES-04).
    pub async fn conclude_social_contract(
        &self,
        p: &Principal,
        case: store::CaseId,
        input: &ContractInput,
        key: IdempotencyKey,
        now: Timestamp,
    ) -> Result<Stepped, AppError> {
        if !is_career_centre_of(p, &store::plan::region_of_case(case)) {
            return Err(AppError::NotFound);
        }
        let mut bad = Vec::new();
        let number = text(&input.number, 64, "number", "contract_number_required", &mut bad);
        let day = date(&input.date, "date", &mut bad);
        let day = done(day, bad)?;
        let request = request_id("contract", &format!("{case}\n{number}\n{day}"));
        if let Some(replay) = self.resettlement_replay(&key, &request).await? {
            return Ok(replay);
        }
        let loaded = self.load_resettlement(p, case, "the social contract", now).await?;
        self.write_resettlement_step(
            p,
            &loaded,
            Event::Contract,
            &request,
            |r| r.contracts.push(Contract { number, date: day }),
            key,
            now,
        )
        .await
    }

    /// The participant's notice of a move within the region of reception, with its reasons (RES-03): given
    /// at least ten calendar days before the move; a late notice is recorded as late.
    pub async fn notify_resettlement_move(
        &self,
        p: &Principal,
        case: store::CaseId,
        input: &MoveInput,
        key: IdempotencyKey,
        now: Timestamp,
    ) -> Result<Stepped, AppError> {
        if p.role != Role::Citizen {
            return Err(AppError::NotFound);
        }
        let mut bad = Vec::new();
        let moving_on = date(&input.moving_on, "moving_on", &mut bad);
        let reasons = text(&input.reasons, 1000, "reasons", "reason_required", &mut bad);
        let moving_on = done(moving_on, bad)?;
        let request = request_id("move", &format!("{case}\n{moving_on}\n{reasons}"));
        if let Some(replay) = self.resettlement_replay(&key, &request).await? {
            return Ok(replay);
        }
        let loaded = self.load_resettlement(p, case, "the notice of a move", now).await?;
        let day = kz_today(now);
        let law = self.law.get();
        let ctx = Ctx {
            today: day,
            params: &law.params,
            calendar: &law.calendar,
        };
        let timely = match resettlement_b24::step(&loaded.record.state, Event::MoveNotice { moving_on }, &ctx) {
            Ok(step) => matches!(step.next, State::MoveNotified { timely: true, .. }),
            Err(e) => return Err(AppError::Rejected(e)),
        };
        self.write_resettlement_step(
            p,
            &loaded,
            Event::MoveNotice { moving_on },
            &request,
            |r| {
                r.moves.push(MoveNotice {
                    given_on: day,
                    moving_on,
                    reasons,
                    timely,
                });
            },
            key,
            now,
        )
        .await
    }
}
