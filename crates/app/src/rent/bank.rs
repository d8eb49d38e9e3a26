//! Paying: the monthly payroll, the bank file and the bank's notification.
//!
//! - [`App::pay_rent_month`] schedules one month of a paying rent case: the amount from the p.71 table for the
//!   month, the machine's count of months against the limit, one payment row per case and month (the store's
//!   unique key) under an idempotency key made of the case and the month, so running it again, from the
//!   payroll or by hand, schedules nothing new (RENT-01).
//! - [`App::run_payroll`] does that for every paying case of the centre's region; a case already paid for the
//!   month is counted, not paid again, so a payroll stopped half-way is completed by running it again.
//! - [`App::export_bank_file`] writes the orders not yet sent as one ISO 20022 pain.001.001.09 file and marks
//!   them sent with the file's id, so no order goes out in two files.
//! - [`App::reconcile_bank_file`] reads a camt.054 notification, matches each entry with its order and records
//!   paid or returned (with the bank's reason) on the case; a returned order waits for a new account.

use cases::CaseKind;
use jiff::Timestamp;
use jiff::civil::Date;
use kz::Money;
use payments::{
    DecisionRef, EconomicCode, Measure, MessageId, Month, NewOrder, OrderId, Outcome, Payee, PayerConfig, PaymentOrder,
    Reference, Text,
};
use store::{CaseId, CaseQuery, IdempotencyKey, Party, Store};

use super::payroll::LedgerEvent;
use super::{Stepped, may_decide_rent};
use crate::kinds::{OrderLine, OrderStatus, RelocationRecord, RentRecord};
use crate::{App, AppError, Principal, kz_today, number_of};

/// Who pays and how: the payer's configuration and the beneficiary code (КБе) of a person, which the order
/// does not give and the treasury assigns.
#[derive(Debug, Clone)]
pub struct Payout {
    pub payer: PayerConfig,
    pub person_code: EconomicCode,
}

/// What a payroll run did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Payroll {
    /// Cases paid for the month by this run.
    pub scheduled: u32,
    /// Cases already paid for the month (by an earlier run).
    pub already: u32,
    /// Cases the month could not be paid for (the limit of months reached, the law not known).
    pub refused: u32,
    /// The total scheduled by this run.
    pub total: Money,
}

/// A bank file written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankFile {
    pub message_id: String,
    pub orders: u32,
    pub total: Money,
    pub xml: Vec<u8>,
}

/// What a notification said of each order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reconciled {
    /// Each order the notification named: its id and the outcome's key (`paid`, `returned`, …).
    pub orders: Vec<(String, String)>,
    /// Entries that name no order of ours.
    pub unknown: u32,
}

fn outcome_key(o: &Outcome) -> &'static str {
    match o {
        Outcome::NotReported => "not_reported",
        Outcome::Pending => "pending",
        Outcome::Paid { .. } => "paid",
        Outcome::Returned { .. } => "returned",
        Outcome::AmountMismatch { .. } => "amount_mismatch",
        Outcome::Duplicate { .. } => "duplicate",
        Outcome::StaleAttempt { .. } => "stale_attempt",
    }
}

/// The point of law a payment of a case is made under: p.71 for the rent compensation, p.70 for the
/// relocation subsidy.
fn payment_basis(kind: &str) -> String {
    let point = if kind == CaseKind::RentCompensation.key() {
        "71"
    } else {
        "70"
    };
    legal::LegalRef::new(legal::Act::RulesB, point).to_string()
}

/// A month as typed (`2026-03`).
pub fn parse_month(s: &str) -> Result<Month, AppError> {
    let bad = || AppError::invalid("month", "invalid_month");
    let (y, m) = s.trim().split_once('-').ok_or_else(bad)?;
    let (y, m) = (
        y.parse::<i16>().map_err(|_| bad())?,
        m.parse::<i8>().map_err(|_| bad())?,
    );
    Month::new(y, m).ok_or_else(bad)
}

fn key(s: &str) -> Result<IdempotencyKey, AppError> {
    IdempotencyKey::parse(s).ok_or(AppError::Refused("not_written"))
}

/// The order of a case's line: its id is the application number and the month (`QN-55-2026-000001-R202603`) or
/// `-RL` for the relocation subsidy.
fn order_id(number: &str, line: &OrderLine) -> Result<OrderId, AppError> {
    let suffix = if line.period.is_empty() {
        "RL".to_owned()
    } else {
        format!("R{}", line.period.replace('-', ""))
    };
    OrderId::parse(&format!("{number}-{suffix}")).map_err(|_| AppError::Refused("order_invalid"))
}

impl<S: Store, R: registries::Registries + Sync> App<S, R> {
    /// Schedules the compensation of `month` on a paying rent case, once: a month already scheduled answers
    /// with the case as it is (`replayed`), and the payment is one row per case and month.
    pub async fn pay_rent_month(
        &self,
        principal: &Principal,
        case: CaseId,
        month: Month,
        now: Timestamp,
    ) -> Result<Stepped, AppError> {
        let stored = self
            .load_kind(
                principal,
                case,
                CaseKind::RentCompensation,
                may_decide_rent,
                "payroll",
                now,
            )
            .await?;
        match self.month_command(&principal.actor()?, &stored, month, now)? {
            super::payroll::MonthCommand::Already => Ok(Stepped {
                case,
                state: stored.state.clone(),
                replayed: true,
            }),
            super::payroll::MonthCommand::Refused(e) => Err(e),
            super::payroll::MonthCommand::Write(command, _) => {
                let applied = self.store.apply(&command).await?;
                let state = match &command.case {
                    store::CaseWrite::Update { state, .. } | store::CaseWrite::Create { state, .. } => state.clone(),
                };
                Ok(Stepped {
                    case: applied.case,
                    state,
                    replayed: applied.replayed,
                })
            }
        }
    }

    /// The month's payroll of the centre's region: every paying rent case, each paid once for the month.
    pub async fn run_payroll(&self, principal: &Principal, month: Month, now: Timestamp) -> Result<Payroll, AppError> {
        let region = principal.region.clone().ok_or(AppError::NotFound)?;
        if !may_decide_rent(principal, &region) {
            return Err(AppError::NotFound);
        }
        let mut out = Payroll {
            scheduled: 0,
            already: 0,
            refused: 0,
            total: Money::ZERO,
        };
        // The paying cases are read first: a case paid by this run may leave the state (its twelfth month).
        let cases = self
            .all_cases(&region, CaseKind::RentCompensation, &["rent_compensation/paying"])
            .await?;
        for id in cases {
            match self.pay_rent_month(principal, id, month, now).await {
                Ok(s) if s.replayed => out.already += 1,
                Ok(_) => {
                    out.scheduled += 1;
                    let stored = self
                        .store
                        .read_case(id, &principal.actor()?, &super::purpose("payroll"), now)
                        .await?;
                    if let Some(line) = RentRecord::decode(&stored)?
                        .orders
                        .iter()
                        .find(|o| o.period == month.to_string())
                    {
                        out.total = out.total.checked_add(line.amount).unwrap_or(out.total);
                    }
                }
                Err(AppError::Refused(_) | AppError::Rejected(_)) => out.refused += 1,
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }

    async fn all_cases(&self, region: &str, kind: CaseKind, states: &[&str]) -> Result<Vec<CaseId>, AppError> {
        let mut query = CaseQuery {
            region: Some(region.to_owned()),
            kinds: vec![kind.key().to_owned()],
            states: states.iter().map(|s| (*s).to_owned()).collect(),
            limit: 500,
            ..CaseQuery::default()
        };
        let mut ids = Vec::new();
        loop {
            let page = self.store.list_cases(&query).await?;
            ids.extend(page.iter().map(|c| c.id));
            match page.last() {
                Some(last) if page.len() == 500 => query.after = Some(store::Cursor::after(last)),
                _ => break,
            }
        }
        Ok(ids)
    }

    fn payout(&self) -> Result<&Payout, AppError> {
        self.payout.as_ref().ok_or(AppError::Refused("payer_not_configured"))
    }

    /// The payment orders of a case's lines in `status`, with the index of each line.
    fn orders_of(
        &self,
        stored: &store::CaseRecord,
        (name, account): (&str, &str),
        lines: &[OrderLine],
        status: OrderStatus,
        execution_date: Date,
    ) -> Result<Vec<(usize, PaymentOrder)>, AppError> {
        let payout = self.payout()?;
        let number = number_of(stored);
        let Some(Party::Person(iin)) = stored.applicant.clone() else {
            return Ok(Vec::new());
        };
        let bad = |_| AppError::Refused("order_invalid");
        let catalog = render::Catalog::new();
        let mut out = Vec::new();
        for (i, line) in lines.iter().enumerate().filter(|(_, l)| l.status == status) {
            let measure = if line.period.is_empty() {
                Measure::RelocationSubsidy
            } else {
                Measure::RentMonth(parse_month(&line.period)?)
            };
            let purpose = catalog.message(
                render::Lang::Kk,
                &format!("ui-measure-{}", measure.kind().as_str()),
                &[],
            );
            let purpose = format!("{purpose} {}", line.period);
            let order = PaymentOrder::new(NewOrder {
                id: order_id(&number, line)?,
                payee: Payee::Person {
                    iin,
                    name: Text::parse(name).map_err(bad)?,
                },
                account: kz::Iban::parse(account).map_err(|_| AppError::Refused("order_invalid"))?,
                beneficiary_code: payout.person_code,
                amount: line.amount,
                purpose: Text::parse(purpose.trim()).map_err(bad)?,
                measure,
                decision: DecisionRef {
                    case: Reference::parse(&number).map_err(bad)?,
                    number: Reference::parse(&number).map_err(bad)?,
                    date: execution_date,
                },
                budget_line: payout.payer.budget_line(measure.kind()).clone(),
                region: stored.territory,
                execution_date,
            })
            .map_err(|_| AppError::Refused("order_invalid"))?;
            // A returned order sent again keeps its id; its attempt tells the bank's answers apart.
            let mut order = order;
            for _ in 1..line.attempt {
                order = order
                    .reissued(*order.account(), execution_date)
                    .map_err(|_| AppError::Refused("order_invalid"))?;
            }
            out.push((i, order));
        }
        Ok(out)
    }

    /// The rent and relocation cases of the region with their lines, as (case, name and account, lines).
    async fn paying_cases(
        &self,
        principal: &Principal,
        region: &str,
        now: Timestamp,
    ) -> Result<Vec<(store::CaseRecord, String, String, Vec<OrderLine>)>, AppError> {
        let mut out = Vec::new();
        for (kind, states) in [
            (
                CaseKind::RentCompensation,
                &[
                    "rent_compensation/paying",
                    "rent_compensation/terminated",
                    "rent_compensation/completed",
                    "rent_compensation/refund_due",
                ][..],
            ),
            (
                CaseKind::RelocationSubsidy,
                &["relocation_subsidy/granted", "relocation_subsidy/paid"][..],
            ),
        ] {
            for id in self.all_cases(region, kind, states).await? {
                let stored = self
                    .store
                    .read_case(id, &principal.actor()?, &super::purpose("bank"), now)
                    .await?;
                let (name, account, lines) = match kind {
                    CaseKind::RentCompensation => {
                        let r = RentRecord::decode(&stored)?;
                        (r.name, r.account, r.orders)
                    }
                    _ => {
                        let r = RelocationRecord::decode(&stored)?;
                        (r.name, r.account, r.orders)
                    }
                };
                out.push((stored, name, account, lines));
            }
        }
        Ok(out)
    }

    /// Writes the region's scheduled orders as one pain.001 file for `execution_date` and marks each sent with
    /// the file's id, so none goes out twice. Nothing scheduled is `Refused("nothing_to_export")`.
    pub async fn export_bank_file(
        &self,
        principal: &Principal,
        execution_date: Date,
        now: Timestamp,
    ) -> Result<BankFile, AppError> {
        let region = principal.region.clone().ok_or(AppError::NotFound)?;
        if !may_decide_rent(principal, &region) {
            return Err(AppError::NotFound);
        }
        let payout = self.payout()?.clone();
        let at = crate::kz_time(now);
        let mut all = Vec::new();
        let mut marks = Vec::new();
        for (stored, name, account, lines) in self.paying_cases(principal, &region, now).await? {
            let orders = self.orders_of(
                &stored,
                (&name, &account),
                &lines,
                OrderStatus::Scheduled,
                execution_date,
            )?;
            if orders.is_empty() {
                continue;
            }
            marks.push((stored, orders.iter().map(|(i, _)| *i).collect::<Vec<_>>()));
            all.extend(orders.into_iter().map(|(_, o)| o));
        }
        if all.is_empty() {
            return Err(AppError::Refused("nothing_to_export"));
        }
        // The file's id: the region, the day and a digest of the attempts it carries, so that two files never
        // share an id (an attempt goes out in one file only).
        let digest = {
            use sha2::{Digest, Sha256};
            let mut ids: Vec<String> = all.iter().map(PaymentOrder::instruction_id).collect();
            ids.sort();
            hex::encode(Sha256::digest(ids.join("\n").as_bytes()).get(..4).unwrap_or_default())
        };
        let message_id = format!("QN-{region}-{}-{digest}", at.date().strftime("%Y%m%d"));
        let mid = MessageId::parse(&message_id).map_err(|_| AppError::Refused("not_written"))?;
        let xml = payments::pain001(&payout.payer, &all, &mid, now).map_err(|_| AppError::Refused("export_failed"))?;
        let mut total = Money::ZERO;
        for o in &all {
            total = total.checked_add(o.amount()).unwrap_or(total);
        }
        for (stored, indices) in marks {
            self.mark_lines(
                principal,
                &stored,
                &indices,
                |line| {
                    line.status = OrderStatus::Exported;
                    line.file = Some(message_id.clone());
                },
                &format!("bank-export:{message_id}:{}", stored.id.0),
                "payment.exported",
                Vec::new(),
                now,
            )
            .await?;
        }
        Ok(BankFile {
            message_id,
            orders: u32::try_from(all.len()).unwrap_or(u32::MAX),
            total,
            xml,
        })
    }

    /// Changes lines of a case (their bank status) in one command, with an audit record.
    #[expect(
        clippy::too_many_arguments,
        reason = "the case, the lines, the change and the record of it"
    )]
    async fn mark_lines(
        &self,
        principal: &Principal,
        stored: &store::CaseRecord,
        indices: &[usize],
        change: impl Fn(&mut OrderLine),
        idempotency: &str,
        action: &str,
        ops: Vec<store::Op>,
        now: Timestamp,
    ) -> Result<(), AppError> {
        let (state, payload) = match CaseKind::from_key(&stored.kind) {
            Some(CaseKind::RentCompensation) => {
                let mut r = RentRecord::decode(stored)?;
                for i in indices {
                    if let Some(l) = r.orders.get_mut(*i) {
                        change(l);
                    }
                }
                r.encode()
            }
            _ => {
                let mut r = RelocationRecord::decode(stored)?;
                for i in indices {
                    if let Some(l) = r.orders.get_mut(*i) {
                        change(l);
                    }
                }
                r.encode()
            }
        };
        self.store
            .apply(&store::Command {
                key: key(&idempotency.replace('/', "-"))?,
                at: now,
                actor: principal.actor()?,
                action: action.into(),
                basis: payment_basis(&stored.kind),
                case: store::CaseWrite::Update {
                    id: stored.id,
                    expected_version: stored.version,
                    state: state.into(),
                    payload,
                    due_on: stored.due_on,
                },
                ops,
                evidence: Vec::new(),
                detail: serde_json::json!({ "state": state, "lines": indices.len() }).to_string(),
            })
            .await?;
        Ok(())
    }

    /// Reads a camt.054 notification and records what it says of each order sent from the region: paid, or
    /// returned with the bank's reason (the order then waits for a new account). A paid relocation subsidy
    /// moves its case to paid.
    pub async fn reconcile_bank_file(
        &self,
        principal: &Principal,
        bytes: &[u8],
        now: Timestamp,
    ) -> Result<Reconciled, AppError> {
        let region = principal.region.clone().ok_or(AppError::NotFound)?;
        if !may_decide_rent(principal, &region) {
            return Err(AppError::NotFound);
        }
        let entries = payments::camt054(bytes).map_err(|_| AppError::invalid("file", "invalid_bank_file"))?;
        let today = kz_today(now);
        let mut cases = Vec::new();
        let mut orders = Vec::new();
        for (stored, name, account, lines) in self.paying_cases(principal, &region, now).await? {
            let mine = self.orders_of(&stored, (&name, &account), &lines, OrderStatus::Exported, today)?;
            if mine.is_empty() {
                continue;
            }
            for (i, o) in &mine {
                orders.push((cases.len(), *i, o.clone()));
            }
            cases.push(stored);
        }
        let plain: Vec<PaymentOrder> = orders.iter().map(|(_, _, o)| o.clone()).collect();
        let result = payments::reconcile(&plain, &entries);
        let mut out = Reconciled {
            unknown: u32::try_from(result.unknown_entries.len()).unwrap_or(u32::MAX),
            ..Reconciled::default()
        };
        let digest = {
            use sha2::{Digest, Sha256};
            hex::encode(Sha256::digest(bytes).get(..8).unwrap_or_default())
        };
        for ((case_index, line, _), (id, outcome)) in orders.iter().zip(result.orders.iter()) {
            let key_of = outcome_key(outcome);
            if matches!(outcome, Outcome::NotReported) {
                continue;
            }
            out.orders.push((id.as_str().to_owned(), key_of.to_owned()));
            let (status, reason) = match outcome {
                Outcome::Paid { .. } => (OrderStatus::Paid, None),
                Outcome::Returned { reason, .. } => (OrderStatus::Returned, Some(reason.code().to_owned())),
                Outcome::NotReported
                | Outcome::Pending
                | Outcome::AmountMismatch { .. }
                | Outcome::Duplicate { .. }
                | Outcome::StaleAttempt { .. } => continue,
            };
            let Some(first) = cases.get(*case_index) else { continue };
            // Read again: an earlier line of the same case may have changed it.
            let stored = self
                .store
                .read_case(first.id, &principal.actor()?, &super::purpose("bank"), now)
                .await?;
            // The ledger: a transfer booked is paid from the bank account; one sent back left the account and
            // came back, so it is booked as paid and returned (owed to the payee again).
            let mut ops = Vec::new();
            let (measure, lines) = lines_of(&stored)?;
            if let (Some(l), Some(payee)) = (lines.get(*line), stored.applicant.clone()) {
                let order = store::PaymentRequest {
                    measure: measure.to_owned(),
                    amount: l.amount,
                    payee,
                    period: l.period.clone(),
                };
                ops.extend(super::payroll::postings(
                    LedgerEvent::Pay,
                    &order,
                    l.attempt,
                    &stored.region,
                    today,
                )?);
                if status == OrderStatus::Returned {
                    ops.extend(super::payroll::postings(
                        LedgerEvent::Return,
                        &order,
                        l.attempt,
                        &stored.region,
                        today,
                    )?);
                }
            }
            self.mark_lines(
                principal,
                &stored,
                &[*line],
                |l| {
                    l.status = status;
                    l.reason.clone_from(&reason);
                },
                &format!("bank-import:{digest}:{}", id.as_str()),
                &format!("payment.{key_of}"),
                ops,
                now,
            )
            .await?;
            if status == OrderStatus::Paid && stored.kind == CaseKind::RelocationSubsidy.key() {
                self.relocation_paid(principal, stored.id, now).await?;
            }
        }
        Ok(out)
    }

    async fn relocation_paid(&self, principal: &Principal, case: CaseId, now: Timestamp) -> Result<(), AppError> {
        let stored = self
            .store
            .read_case(case, &principal.actor()?, &super::purpose("bank"), now)
            .await?;
        let record = RelocationRecord::decode(&stored)?;
        let law = self.law.get();
        let ctx = cases::Ctx {
            today: kz_today(now),
            params: &law.params,
            calendar: &law.calendar,
        };
        let step = cases::material_b73::relocation(&record.state, cases::material_b73::RelocationEvent::Paid, &ctx)
            .map_err(AppError::Rejected)?;
        let mut next = record.clone();
        next.state = step.next.clone();
        self.write_relocation(
            principal,
            &stored,
            &next,
            &step,
            None,
            key(&format!("relocation-paid:{}", case.0))?,
            now,
        )
        .await?;
        Ok(())
    }
}

impl Payout {
    /// The demo's payer: a synthetic Treasury account and codes that are test values, not real KNP, KOd or
    /// KBe assignments, nor real budget lines. A deployment configures its own.
    pub fn sandbox() -> Payout {
        let text = |s: &str| Text::parse(s).ok();
        let build = || -> Option<Payout> {
            let payer = PayerConfig::new(payments::NewPayer {
                name: text("Еңбек мобильділігі орталығы (демо)")?,
                bin: kz::Bin::parse("150340012340").ok()?,
                account: kz::Iban::from_parts("070", "105KSN0000001").ok()?,
                sender_code: EconomicCode::parse("11").ok()?,
                purpose_codes: payments::PerMeasure {
                    rent_month: payments::Knp::parse("901").ok()?,
                    relocation_subsidy: payments::Knp::parse("902").ok()?,
                    certificate: payments::Knp::parse("903").ok()?,
                    employer_subsidy: payments::Knp::parse("904").ok()?,
                    employer_housing: payments::Knp::parse("905").ok()?,
                },
                budget_lines: payments::PerMeasure {
                    rent_month: payments::BudgetLine::parse("T-RENT").ok()?,
                    relocation_subsidy: payments::BudgetLine::parse("T-RELOC").ok()?,
                    certificate: payments::BudgetLine::parse("T-EMC").ok()?,
                    employer_subsidy: payments::BudgetLine::parse("T-EMP1").ok()?,
                    employer_housing: payments::BudgetLine::parse("T-EMP2").ok()?,
                },
            })
            .ok()?;
            Some(Payout {
                payer,
                person_code: EconomicCode::parse("19").ok()?,
            })
        };
        #[expect(clippy::expect_used, reason = "constant values, checked by a test")]
        build().expect("the sandbox payer is valid")
    }
}

/// One payment order as a list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentLine {
    pub case: CaseId,
    pub number: String,
    /// `rent_month` or `relocation_subsidy`.
    pub measure: &'static str,
    pub period: String,
    pub amount: Money,
    pub status: OrderStatus,
}

/// The orders of a region grouped by month (empty for one-off payments), measure and status, with their count
/// and total: the payroll page's figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayrollLine {
    pub period: String,
    pub measure: &'static str,
    pub status: OrderStatus,
    pub count: u32,
    pub total: Money,
}

fn lines_of(stored: &store::CaseRecord) -> Result<(&'static str, Vec<OrderLine>), AppError> {
    match CaseKind::from_key(&stored.kind) {
        Some(CaseKind::RentCompensation) => Ok(("rent_month", RentRecord::decode(stored)?.orders)),
        Some(CaseKind::RelocationSubsidy) => Ok(("relocation_subsidy", RelocationRecord::decode(stored)?.orders)),
        _ => Ok(("", Vec::new())),
    }
}

impl<S: Store, R: registries::Registries + Sync> App<S, R> {
    /// The signed-in applicant's payments: every order of their rent and relocation cases, newest month last.
    pub async fn my_payments(&self, principal: &Principal) -> Result<Vec<PaymentLine>, AppError> {
        let Some(subject) = principal
            .subject
            .clone()
            .filter(|_| principal.role == store::Role::Citizen)
        else {
            return Err(AppError::NotFound);
        };
        let query = CaseQuery {
            party: Some(subject.clone()),
            kinds: vec![
                CaseKind::RentCompensation.key().to_owned(),
                CaseKind::RelocationSubsidy.key().to_owned(),
            ],
            limit: 100,
            ..CaseQuery::default()
        };
        let mut out = Vec::new();
        for stored in self.store.list_cases(&query).await? {
            // Only the applicant's own cases: a family member follows the case but is not paid.
            if stored.applicant.as_ref() != Some(&subject) {
                continue;
            }
            let (measure, lines) = lines_of(&stored)?;
            out.extend(lines.into_iter().map(|l| PaymentLine {
                case: stored.id,
                number: number_of(&stored),
                measure,
                period: l.period,
                amount: l.amount,
                status: l.status,
            }));
        }
        out.sort_by(|a, b| (&a.period, &a.number).cmp(&(&b.period, &b.number)));
        Ok(out)
    }

    /// The region's orders by month, measure and status (the centre's payroll page).
    pub async fn payroll_overview(&self, principal: &Principal, now: Timestamp) -> Result<Vec<PayrollLine>, AppError> {
        let region = principal.region.clone().ok_or(AppError::NotFound)?;
        if !may_decide_rent(principal, &region) {
            return Err(AppError::NotFound);
        }
        let mut out: Vec<PayrollLine> = Vec::new();
        for (stored, _, _, _) in self.paying_cases(principal, &region, now).await? {
            let (measure, lines) = lines_of(&stored)?;
            for l in lines {
                match out
                    .iter_mut()
                    .find(|p| p.period == l.period && p.measure == measure && p.status == l.status)
                {
                    Some(p) => {
                        p.count += 1;
                        p.total = p.total.checked_add(l.amount).unwrap_or(p.total);
                    }
                    None => out.push(PayrollLine {
                        period: l.period,
                        measure,
                        status: l.status,
                        count: 1,
                        total: l.amount,
                    }),
                }
            }
        }
        out.sort_by(|a, b| (&a.period, a.measure, a.status.key()).cmp(&(&b.period, b.measure, b.status.key())));
        Ok(out)
    }
}

impl<S: Store, R: registries::Registries + Sync> App<S, R> {
    /// The applicant gives a new account for the payments the bank returned (a closed account, a wrong name):
    /// each returned order of the case is scheduled again, once, to the new account, under the same order id
    /// and the next attempt. Only the applicant of the case may; the account is checked (IBAN, known bank).
    pub async fn give_new_account(
        &self,
        principal: &Principal,
        case: CaseId,
        account: &str,
        key: IdempotencyKey,
        now: Timestamp,
    ) -> Result<Stepped, AppError> {
        let Some(subject) = principal
            .subject
            .clone()
            .filter(|_| principal.role == store::Role::Citizen)
        else {
            return Err(AppError::NotFound);
        };
        let stored = self
            .store
            .case_of_party(case, &subject)
            .await?
            .ok_or(AppError::NotFound)?;
        if stored.applicant.as_ref() != Some(&subject) {
            return Err(AppError::NotFound);
        }
        let iban = kz::Iban::parse(account.trim())
            .ok()
            .filter(|i| i.bank().is_some())
            .ok_or_else(|| AppError::invalid("account", "invalid_iban"))?;
        let reissue = |orders: &mut Vec<OrderLine>| -> Result<(), AppError> {
            let mut any = false;
            for line in orders.iter_mut().filter(|l| l.status == OrderStatus::Returned) {
                line.status = OrderStatus::Scheduled;
                line.attempt = line.attempt.saturating_add(1);
                line.file = None;
                line.reason = None;
                any = true;
            }
            if any {
                Ok(())
            } else {
                Err(AppError::Refused("nothing_returned"))
            }
        };
        let (state, payload) = match CaseKind::from_key(&stored.kind) {
            Some(CaseKind::RentCompensation) => {
                let mut r = RentRecord::decode(&stored)?;
                reissue(&mut r.orders)?;
                r.account = iban.as_str().to_owned();
                r.encode()
            }
            Some(CaseKind::RelocationSubsidy) => {
                let mut r = RelocationRecord::decode(&stored)?;
                reissue(&mut r.orders)?;
                r.account = iban.as_str().to_owned();
                r.encode()
            }
            _ => return Err(AppError::NotFound),
        };
        let applied = self
            .store
            .apply(&store::Command {
                key,
                at: now,
                actor: principal.actor()?,
                action: "payment.new_account".into(),
                basis: payment_basis(&stored.kind),
                case: store::CaseWrite::Update {
                    id: stored.id,
                    expected_version: stored.version,
                    state: state.into(),
                    payload,
                    due_on: stored.due_on,
                },
                ops: Vec::new(),
                evidence: Vec::new(),
                detail: serde_json::json!({ "state": state, "account": iban.masked() }).to_string(),
            })
            .await?;
        Ok(Stepped {
            case: applied.case,
            state: state.to_owned(),
            replayed: applied.replayed,
        })
    }
}

/// The orders of one month of a region's rent cases by locality and family size: the centre's monthly
/// payroll page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthGroup {
    /// `urban` or `rural`.
    pub locality: &'static str,
    pub family: u8,
    pub count: u32,
    pub total: Money,
}

/// A case the month's payroll needs a look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayrollException {
    pub case: CaseId,
    pub number: String,
    /// `not_scheduled` (paying, the month not scheduled yet) or `returned` (the bank sent the month back).
    pub reason: &'static str,
}

/// A month's payroll of a region: the groups, their total and the exceptions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthPayroll {
    pub groups: Vec<MonthGroup>,
    pub count: u32,
    pub total: Money,
    pub exceptions: Vec<PayrollException>,
}

impl<S: Store, R: registries::Registries + Sync> App<S, R> {
    /// The month's rent orders of the centre's region by locality and family size (the p.71 table's two
    /// dimensions), with the cases still paying whose month is not scheduled and the months the bank returned.
    pub async fn payroll_month(
        &self,
        principal: &Principal,
        month: Month,
        now: Timestamp,
    ) -> Result<MonthPayroll, AppError> {
        let region = principal.region.clone().ok_or(AppError::NotFound)?;
        if !may_decide_rent(principal, &region) {
            return Err(AppError::NotFound);
        }
        let period = month.to_string();
        let mut out = MonthPayroll {
            groups: Vec::new(),
            count: 0,
            total: Money::ZERO,
            exceptions: Vec::new(),
        };
        for (stored, _, _, _) in self.paying_cases(principal, &region, now).await? {
            if CaseKind::from_key(&stored.kind) != Some(CaseKind::RentCompensation) {
                continue;
            }
            let record = RentRecord::decode(&stored)?;
            let line = record.orders.iter().find(|o| o.period == period);
            let exception = match line {
                None if matches!(record.state, cases::rent_b72::State::Paying { .. }) => Some("not_scheduled"),
                Some(l) if l.status == OrderStatus::Returned => Some("returned"),
                _ => None,
            };
            if let Some(reason) = exception {
                out.exceptions.push(PayrollException {
                    case: stored.id,
                    number: number_of(&stored),
                    reason,
                });
            }
            let Some(line) = line else { continue };
            let (locality, family) = (record.locality.key(), record.family.get());
            match out
                .groups
                .iter_mut()
                .find(|g| g.locality == locality && g.family == family)
            {
                Some(g) => {
                    g.count += 1;
                    g.total = g.total.checked_add(line.amount).unwrap_or(g.total);
                }
                None => out.groups.push(MonthGroup {
                    locality,
                    family,
                    count: 1,
                    total: line.amount,
                }),
            }
            out.count += 1;
            out.total = out.total.checked_add(line.amount).unwrap_or(out.total);
        }
        out.groups
            .sort_by(|a, b| (a.locality, a.family).cmp(&(b.locality, b.family)));
        out.exceptions.sort_by(|a, b| a.number.cmp(&b.number));
        Ok(out)
    }
}
