//! Compensation of rent and utilities and the relocation subsidy (Rules B p.70–73, order No. 359 appendices 13,
//! 15 and 16), as each body meets them:
//!
//! - the citizen applies on the portal for the compensation and, on the same application (appendix 13), for the
//!   relocation subsidy, with the account they are paid to;
//! - the career centre sends the application on to the Labour Mobility Centre (p.72 part 2);
//! - the centre grants or refuses each (p.72 part 3, p.70), stops the compensation on the events of p.72 part 6
//!   and records overpayments and their refund (parts 7–8);
//! - [`bank`]: the centre's monthly payroll (one payment per case and month, whoever runs it and however often),
//!   the bank file of the orders not yet sent, and the bank's notification reconciled with them.
//!
//! Every step is one store command: the case, its audit record, its notices and its payment.

pub mod bank;
pub mod payroll;

use std::num::NonZeroU32;

use cases::material_b73::{self, Relocation, RelocationEvent};
use cases::rent_b72::{self, RefundPath};
use cases::{CaseKind, Ctx};
use jiff::Timestamp;
use jiff::civil::Date;
use kz::{Iban, Kato, Money};
use rules::HouseholdSize;
use rules::rules_b::p71_rent_compensation::{RentClaim, RentExclusion, RentTermination, rent_compensation};
use rules::rules_b::p73_application_windows::RestorationPetition;
use serde_json::json;
use store::{CaseId, CaseWrite, Command, IdempotencyKey, Party, PaymentRequest, Role, Store};

use crate::kinds::{OrderLine, OrderStatus, RelocationRecord, RentRecord, locality_of, next_due};
use crate::{App, AppError, FieldError, Principal, effects, kz_today, number_of};

pub use bank::{BankFile, PaymentLine, Payroll, PayrollLine, Reconciled};

/// The combined application as typed on the portal (B-App 13): every field a string, parsed here.
#[derive(Debug, Clone, Default)]
pub struct RentApplication {
    /// The region (or a locality in it) of reception, a KATO code.
    pub territory: String,
    /// The day of inclusion in the regional quota, `YYYY-MM-DD`.
    pub included_on: String,
    /// `urban` or `rural`.
    pub locality: String,
    /// The family that moves, the applicant included.
    pub family: String,
    /// The account the payments go to (IBAN).
    pub account: String,
    /// Whether the relocation subsidy is applied for too.
    pub relocation: bool,
    /// A petition to restore the six months is filed with the application, with its supporting document.
    pub petition: bool,
}

/// What applying created: the rent case and, if asked, the relocation case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RentSubmitted {
    pub rent: CaseId,
    pub rent_number: String,
    pub relocation: Option<(CaseId, String)>,
}

/// The result of a step: the case, its new state and whether the key had already done it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stepped {
    pub case: CaseId,
    pub state: String,
    pub replayed: bool,
}

/// What the Labour Mobility Centre decides on a rent case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RentDecision {
    Grant,
    Refuse(Vec<RentExclusion>),
    Terminate(Vec<RentTermination>),
    Overpaid { amount: Money, path: RefundPath },
    Refunded,
}

fn exclusion_of(code: &str) -> Option<RentExclusion> {
    RentExclusion::ALL.iter().copied().find(|e| e.ground().code == code)
}

fn termination_of(code: &str) -> Option<RentTermination> {
    RentTermination::ALL.iter().copied().find(|t| t.ground().code == code)
}

impl RentDecision {
    /// Parses a decision as a form sends it: the action and its grounds (codes), the amount in tenge and the
    /// way of recovery for an overpayment.
    pub fn parse(action: &str, grounds: &[String], amount: &str, path: &str) -> Result<RentDecision, AppError> {
        fn codes<T>(grounds: &[String], f: fn(&str) -> Option<T>) -> Result<Vec<T>, AppError> {
            let parsed: Option<Vec<T>> = grounds.iter().map(|g| f(g)).collect();
            match parsed {
                Some(v) if !v.is_empty() => Ok(v),
                _ => Err(AppError::invalid("grounds", "invalid_ground")),
            }
        }
        Ok(match action {
            "grant" => RentDecision::Grant,
            "refuse" => RentDecision::Refuse(codes(grounds, exclusion_of)?),
            "terminate" => RentDecision::Terminate(codes(grounds, termination_of)?),
            "overpaid" => RentDecision::Overpaid {
                amount: Money::parse(amount)
                    .ok()
                    .filter(|m| m.tiyn() > 0)
                    .ok_or_else(|| AppError::invalid("amount", "invalid_amount"))?,
                path: match path {
                    "application" => RefundPath::Application,
                    "centre_decision" => RefundPath::LabourMobilityCentreDecision,
                    "court_decision" => RefundPath::CourtDecision,
                    _ => return Err(AppError::invalid("path", "invalid_refund_path")),
                },
            },
            "refunded" => RentDecision::Refunded,
            _ => return Err(AppError::invalid("action", "invalid_outcome")),
        })
    }
}

/// Applying, sending on and deciding: the career centre sends on in its region (p.72 part 2), the Labour
/// Mobility Centre of the region decides and pays (p.72 part 3, p.70).
pub fn may_forward_rent(p: &Principal, region: &str) -> bool {
    p.role == Role::CareerCentre && p.works_in(region)
}

/// The Labour Mobility Centre of the region decides, pays and keeps the bank's files.
pub fn may_decide_rent(p: &Principal, region: &str) -> bool {
    p.role == Role::LabourMobilityCentre && p.works_in(region)
}

fn parse(input: &RentApplication) -> Result<(Kato, Date, rules::Locality, HouseholdSize, Iban), AppError> {
    let mut errors = Vec::new();
    let mut bad = |field, code| errors.push(FieldError { field, code });
    let territory = Kato::parse(input.territory.trim()).map_err(|_| bad("territory", "invalid_territory"));
    let included_on = input
        .included_on
        .trim()
        .parse::<Date>()
        .map_err(|_| bad("included_on", "invalid_date"));
    let locality = locality_of(input.locality.trim()).ok_or_else(|| bad("locality", "invalid_locality"));
    let family = input
        .family
        .trim()
        .parse::<u8>()
        .ok()
        .and_then(HouseholdSize::new)
        .ok_or_else(|| bad("family", "invalid_family_size"));
    let account = Iban::parse(input.account.trim()).map_err(|_| bad("account", "invalid_iban"));
    match (territory, included_on, locality, family, account) {
        (Ok(t), Ok(d), Ok(l), Ok(f), Ok(a)) => Ok((t, d, l, f, a)),
        _ => Err(AppError::Invalid(errors)),
    }
}

fn derived(key: &IdempotencyKey, suffix: &str) -> Result<IdempotencyKey, AppError> {
    IdempotencyKey::parse(&format!("{}:{suffix}", key.as_str()))
        .ok_or_else(|| AppError::invalid("idempotency_key", "idempotency_key_required"))
}

/// The purpose the store records for a staff read of a case.
fn purpose(action: &str) -> store::ReadPurpose {
    crate::cases_view::read_purpose(action)
}

impl<S: Store, R: registries::Registries + Sync> App<S, R> {
    fn ctx_law(&self) -> std::sync::Arc<legal::Law> {
        self.law.get()
    }

    /// The citizen applies for the compensation, and on the same application for the relocation subsidy
    /// (B-App 13; RENT-04, RELOC-01). The account is checked (IBAN with a known bank); the six months are
    /// measured on the day of application, when the centre decides.
    pub async fn apply_rent(
        &self,
        principal: &Principal,
        input: &RentApplication,
        key: IdempotencyKey,
        now: Timestamp,
    ) -> Result<RentSubmitted, AppError> {
        let Some(Party::Person(iin)) = principal.subject.clone().filter(|_| principal.role == Role::Citizen) else {
            return Err(AppError::Forbidden);
        };
        let (territory, included_on, locality, family, account) = parse(input)?;
        if account.bank().is_none() {
            return Err(AppError::invalid("account", "invalid_iban"));
        }
        let reloc_key = derived(&key, "relocation")?;
        // What the key is used for: the applicant and the application as parsed (no personal data in clear).
        let request = crate::quota::request_id(
            "rent.apply",
            &format!(
                "{}|{}|{included_on}|{}|{}|{}|{}|{}",
                iin.as_str(),
                territory.as_str(),
                locality.key(),
                family.get(),
                account.as_str(),
                input.relocation,
                input.petition
            ),
        );
        if let Some(first) = self.store.replay(&key).await? {
            let detail: serde_json::Value = serde_json::from_str(&first.detail).unwrap_or_default();
            if detail.get("request").and_then(serde_json::Value::as_str) != Some(request.as_str()) {
                return Err(AppError::Store(store::StoreError::IdempotencyMismatch {
                    key: key.as_str().to_owned(),
                }));
            }
            let relocation = match self.store.replay(&reloc_key).await? {
                Some(r) => Some((r.applied.case, crate::quota::number(&r.applied)?.to_string())),
                None => None,
            };
            return Ok(RentSubmitted {
                rent: first.applied.case,
                rent_number: crate::quota::number(&first.applied)?.to_string(),
                relocation,
            });
        }
        let person = self
            .registries
            .person(&iin, now)
            .map_err(|e| AppError::invalid("iin", e.code()))?;
        let name = [
            Some(person.value.surname.as_str()),
            Some(person.value.given.as_str()),
            person.value.patronymic.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
        let day = kz_today(now);
        let law = self.ctx_law();
        let ctx = Ctx {
            today: day,
            params: &law.params,
            calendar: &law.calendar,
        };
        let petition = input.petition.then_some(RestorationPetition {
            filed_on: day,
            evidence: true,
        });
        let owner = Party::Person(iin);
        let step = rent_b72::step(
            &rent_b72::State::New,
            rent_b72::Event::Submit { included_on, petition },
            &ctx,
        )
        .map_err(AppError::Rejected)?;
        let record = RentRecord {
            applicant: iin.masked(),
            name: name.clone(),
            received_on: day,
            locality,
            family,
            account: account.as_str().to_owned(),
            monthly: None,
            orders: Vec::new(),
            state: step.next.clone(),
        };
        let (state, payload) = record.encode();
        let evidence = crate::evidence(&person, &json!({ "found": true }));
        let applied = self
            .store
            .apply(&Command {
                key,
                at: now,
                actor: principal.actor()?,
                action: "rent.applied".into(),
                basis: step.basis.to_string(),
                case: CaseWrite::Create {
                    kind: CaseKind::RentCompensation.key().into(),
                    territory,
                    year: day.year(),
                    state: state.into(),
                    payload,
                    applicant: Some(owner.clone()),
                    channel: Some(principal.channel.key().into()),
                    members: Vec::new(),
                    due_on: next_due(&record.running()),
                },
                ops: effects::all(
                    &step.effects,
                    &effects::Context {
                        applicant: Some(&owner),
                        ..effects::Context::default()
                    },
                )?,
                evidence: vec![evidence.clone()],
                detail: json!({ "state": state, "requirements": step.requirements, "request": request }).to_string(),
            })
            .await?;
        let rent_number = crate::quota::number(&applied)?.to_string();
        let mut relocation = None;
        if input.relocation {
            let persons = NonZeroU32::MIN.saturating_add(u32::from(family.get()).saturating_sub(1));
            let step = material_b73::relocation(
                &Relocation::New,
                RelocationEvent::Apply {
                    included_on,
                    persons,
                    petition,
                },
                &ctx,
            )
            .map_err(AppError::Rejected)?;
            let record = RelocationRecord {
                applicant: iin.masked(),
                name,
                received_on: day,
                persons,
                account: account.as_str().to_owned(),
                orders: Vec::new(),
                state: step.next.clone(),
            };
            let (state, payload) = record.encode();
            let r = self
                .store
                .apply(&Command {
                    key: reloc_key,
                    at: now,
                    actor: principal.actor()?,
                    action: "relocation.applied".into(),
                    basis: step.basis.to_string(),
                    case: CaseWrite::Create {
                        kind: CaseKind::RelocationSubsidy.key().into(),
                        territory,
                        year: day.year(),
                        state: state.into(),
                        payload,
                        applicant: Some(owner.clone()),
                        channel: Some(principal.channel.key().into()),
                        members: Vec::new(),
                        due_on: None,
                    },
                    ops: vec![store::Op::Link(store::Link {
                        to: applied.case,
                        relation: store::Relation::FollowsInclusion,
                    })],
                    evidence: vec![evidence],
                    detail: json!({ "state": state, "requirements": step.requirements }).to_string(),
                })
                .await?;
            relocation = Some((r.case, crate::quota::number(&r)?.to_string()));
        }
        Ok(RentSubmitted {
            rent: applied.case,
            rent_number,
            relocation,
        })
    }

    /// Reads a case of `kind` for a step by a principal the check allows in the case's region; any other case
    /// is not found.
    pub(crate) async fn load_kind(
        &self,
        principal: &Principal,
        case: CaseId,
        kind: CaseKind,
        allowed: fn(&Principal, &str) -> bool,
        action: &str,
        now: Timestamp,
    ) -> Result<store::CaseRecord, AppError> {
        // Someone who may not act on such cases learns nothing of this one: the same answer as a missing case.
        if !allowed(principal, principal.region.as_deref().unwrap_or_default()) {
            return Err(AppError::NotFound);
        }
        let stored = self
            .store
            .read_case(case, &principal.actor()?, &purpose(action), now)
            .await?;
        if CaseKind::from_key(&stored.kind) != Some(kind) || !allowed(principal, &stored.region) {
            return Err(AppError::NotFound);
        }
        Ok(stored)
    }

    /// Writes a rent case's step with its effects; `payment` is the order a step schedules.
    #[expect(clippy::too_many_arguments, reason = "one writer for every step of the service")]
    pub(crate) async fn write_rent(
        &self,
        principal: &Principal,
        stored: &store::CaseRecord,
        record: &RentRecord,
        step: &cases::Step<rent_b72::State>,
        payment: Option<&PaymentRequest>,
        key: IdempotencyKey,
        now: Timestamp,
    ) -> Result<Stepped, AppError> {
        let command = rent_command(&principal.actor()?, stored, record, step, payment, key, now)?;
        let applied = self.store.apply(&command).await?;
        Ok(Stepped {
            case: applied.case,
            state: step.next.key().to_owned(),
            replayed: applied.replayed,
        })
    }

    /// The career centre sends the application on to the Labour Mobility Centre (p.72 part 2; RENT-05), within
    /// the two working days that run in its queue.
    pub async fn forward_rent(
        &self,
        principal: &Principal,
        case: CaseId,
        key: IdempotencyKey,
        now: Timestamp,
    ) -> Result<Stepped, AppError> {
        let stored = self
            .load_kind(
                principal,
                case,
                CaseKind::RentCompensation,
                may_forward_rent,
                "forward",
                now,
            )
            .await?;
        let record = RentRecord::decode(&stored)?;
        let law = self.ctx_law();
        let ctx = Ctx {
            today: kz_today(now),
            params: &law.params,
            calendar: &law.calendar,
        };
        let step = rent_b72::step(&record.state, rent_b72::Event::Forward, &ctx).map_err(AppError::Rejected)?;
        self.write_rent(principal, &stored, &record, &step, None, key, now)
            .await
    }

    /// The Labour Mobility Centre decides on a rent case (RENT-06): grant (the monthly amount fixed from the p.71
    /// table for the family and locality, urban or rural: RENT-02, RENT-03), refuse on the exclusions of p.72 parts 4–5, stop payments on the events of
    /// part 6, record an overpayment and its refund (parts 7–8).
    pub async fn decide_rent(
        &self,
        principal: &Principal,
        case: CaseId,
        decision: RentDecision,
        key: IdempotencyKey,
        now: Timestamp,
    ) -> Result<Stepped, AppError> {
        let stored = self
            .load_kind(
                principal,
                case,
                CaseKind::RentCompensation,
                may_decide_rent,
                "decide",
                now,
            )
            .await?;
        let mut record = RentRecord::decode(&stored)?;
        let day = kz_today(now);
        let law = self.ctx_law();
        let ctx = Ctx {
            today: day,
            params: &law.params,
            calendar: &law.calendar,
        };
        let event = match decision {
            RentDecision::Grant => {
                let claim = RentClaim::new(day, record.locality, record.family, 0);
                let decided =
                    rent_compensation(&law.params, &claim).map_err(|e| AppError::Rejected(cases::Rejected::Law(e)))?;
                record.monthly = decided.amount();
                rent_b72::Event::Grant
            }
            RentDecision::Refuse(exclusions) => rent_b72::Event::Refuse { exclusions },
            RentDecision::Terminate(grounds) => rent_b72::Event::Terminate { grounds },
            RentDecision::Overpaid { amount, path } => rent_b72::Event::Overpaid { amount, path },
            RentDecision::Refunded => rent_b72::Event::Refunded,
        };
        let step = rent_b72::step(&record.state, event, &ctx).map_err(AppError::Rejected)?;
        if !matches!(step.next, rent_b72::State::Paying { .. }) && record.months_paid().is_none() {
            record.monthly = None;
        }
        self.write_rent(principal, &stored, &record, &step, None, key, now)
            .await
    }

    /// The Labour Mobility Centre grants or refuses the relocation subsidy (p.70, B-App 12; RELOC-02…04); a
    /// grant schedules its one payment.
    pub async fn decide_relocation(
        &self,
        principal: &Principal,
        case: CaseId,
        grant: bool,
        key: IdempotencyKey,
        now: Timestamp,
    ) -> Result<Stepped, AppError> {
        let stored = self
            .load_kind(
                principal,
                case,
                CaseKind::RelocationSubsidy,
                may_decide_rent,
                "decide",
                now,
            )
            .await?;
        let record = RelocationRecord::decode(&stored)?;
        let law = self.ctx_law();
        let ctx = Ctx {
            today: kz_today(now),
            params: &law.params,
            calendar: &law.calendar,
        };
        let event = if grant {
            RelocationEvent::Grant
        } else {
            RelocationEvent::Refuse
        };
        let step = material_b73::relocation(&record.state, event, &ctx).map_err(AppError::Rejected)?;
        let mut next = record.clone();
        next.state = step.next.clone();
        let payment = match (crate::kinds::relocation_amount(&step.next), &stored.applicant) {
            (Some(amount), Some(payee)) if amount.tiyn() > 0 => {
                next.orders.push(OrderLine {
                    period: String::new(),
                    amount,
                    status: OrderStatus::Scheduled,
                    file: None,
                    reason: None,
                    attempt: 1,
                });
                Some(PaymentRequest {
                    measure: "relocation_subsidy".into(),
                    amount,
                    payee: payee.clone(),
                    period: String::new(),
                })
            }
            _ => None,
        };
        if payment.is_none()
            && step
                .effects
                .iter()
                .any(|e| matches!(e, cases::Effect::SchedulePayment { .. }))
        {
            return Err(AppError::Refused("relocation_amount_unknown"));
        }
        self.write_relocation(principal, &stored, &next, &step, payment.as_ref(), key, now)
            .await
    }

    #[expect(clippy::too_many_arguments, reason = "one writer for every step of the service")]
    pub(crate) async fn write_relocation(
        &self,
        principal: &Principal,
        stored: &store::CaseRecord,
        next: &RelocationRecord,
        step: &cases::Step<Relocation>,
        payment: Option<&PaymentRequest>,
        key: IdempotencyKey,
        now: Timestamp,
    ) -> Result<Stepped, AppError> {
        let (state, payload) = next.encode();
        let number = number_of(stored);
        let mut ops = effects::all(
            &step.effects,
            &effects::Context {
                applicant: stored.applicant.as_ref(),
                number: &number,
                quota: None,
                payment,
            },
        )?;
        if let Some(p) = payment {
            ops.extend(payroll::postings(
                payroll::LedgerEvent::Accrue,
                p,
                1,
                &stored.region,
                kz_today(now),
            )?);
        }
        let applied = self
            .store
            .apply(&Command {
                key,
                at: now,
                actor: principal.actor()?,
                action: format!("relocation.{}", step.next.key()),
                basis: step.basis.to_string(),
                case: CaseWrite::Update {
                    id: stored.id,
                    expected_version: stored.version,
                    state: state.into(),
                    payload,
                    due_on: None,
                },
                ops,
                evidence: Vec::new(),
                detail: json!({ "state": state, "requirements": step.requirements }).to_string(),
            })
            .await?;
        Ok(Stepped {
            case: applied.case,
            state: state.to_owned(),
            replayed: applied.replayed,
        })
    }
}

/// The command of a rent case's step with its effects; `payment` is the order a step schedules, booked in the
/// ledger as accrued (expense to payable) in the same command.
pub(crate) fn rent_command(
    actor: &store::Actor,
    stored: &store::CaseRecord,
    record: &RentRecord,
    step: &cases::Step<rent_b72::State>,
    payment: Option<&PaymentRequest>,
    key: IdempotencyKey,
    now: Timestamp,
) -> Result<Command, AppError> {
    let mut next = record.clone();
    next.state = step.next.clone();
    let (state, payload) = next.encode();
    let number = number_of(stored);
    let mut ops = effects::all(
        &step.effects,
        &effects::Context {
            applicant: stored.applicant.as_ref(),
            number: &number,
            quota: None,
            payment,
        },
    )?;
    if let Some(p) = payment {
        ops.extend(payroll::postings(
            payroll::LedgerEvent::Accrue,
            p,
            1,
            &stored.region,
            kz_today(now),
        )?);
    }
    Ok(Command {
        key,
        at: now,
        actor: actor.clone(),
        // A month scheduled keeps the case paying (or completes it): the record says which step it was.
        action: if payment.is_some() {
            "rent.month_paid".to_owned()
        } else if matches!(record.state, rent_b72::State::RefundDue { .. }) {
            "rent.refunded".to_owned()
        } else {
            format!("rent.{}", step.next.key())
        },
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
        detail: json!({ "state": state, "requirements": step.requirements }).to_string(),
    })
}

/// The codes of the exclusions a rent application is refused on (p.72 parts 4–5), for the forms.
pub fn exclusion_codes() -> Vec<&'static str> {
    RentExclusion::ALL.iter().map(|e| e.ground().code).collect()
}

/// The codes of the events that stop the payments (p.72 part 6), for the forms.
pub fn termination_codes() -> Vec<&'static str> {
    RentTermination::ALL.iter().map(|t| t.ground().code).collect()
}
