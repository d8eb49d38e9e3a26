//! The monthly payroll of the whole rent caseload as a resumable batch, and the ledger of payment orders.
//!
//! [`App::run_monthly_payroll`] goes through every paying rent case of every region in chunks, by case id, and
//! schedules the month on each once (RENT-01): a case whose month is in its record is counted as done, a case
//! not yet paid gets one command (the case's new state, the payment row, its ledger postings, the audit record
//! and the idempotency key `rent-month:<case>:<month>`), and the store keeps one payment per case, measure and
//! month (a unique key). A chunk's commands are submitted together, so the adapters commit them as a group; each
//! case's accrual is atomic on its own. A run stopped at any point (killed, or the test hook
//! [`PayrollOptions::stop_after_chunks`]) is completed by running it again, exactly once per case and month.
//! Only the page being worked on is in memory, never the caseload.
//!
//! [`App::scheduled_payroll`] is the same run done by the service's scheduler for the month of the day, by one
//! instance at a time: the instance that takes the `payroll` job's lease in the database runs it, the others
//! do nothing.
//!
//! The ledger: every payment order is booked as balanced double-entry postings under its budget line and
//! region ([`postings`]): accrued (debit expense, credit payable) when it is scheduled, paid (debit payable,
//! credit bank) when the bank books it, returned (debit bank, credit payable) when the bank sends it back.
//! The budget lines are configuration ([`BudgetLines`]), outside the order.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use cases::CaseKind;
use cases::rent_b72;
use jiff::Timestamp;
use jiff::civil::Date;
use kz::Money;
use payments::Month;
use rules::rules_b::p71_rent_compensation::{RentClaim, rent_compensation};
use store::{CaseQuery, CaseRecord, Command, IdempotencyKey, Op, PaymentRequest, Posting, Store, StoreError};

use crate::kinds::{OrderLine, OrderStatus, RentRecord};
use crate::{App, AppError, Principal, kz_today};

/// The budget programme lines orders are booked under, per measure: configuration data
/// (`crates/app/data/budget-programmes.toml`), outside order No. 359, which names none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetLines {
    lines: BTreeMap<String, String>,
}

const BUDGET_PROGRAMMES: &str = include_str!("../../data/budget-programmes.toml");

impl BudgetLines {
    /// Reads a budget programme file: a `[lines]` table of measure = line.
    pub fn parse(text: &str) -> Result<BudgetLines, String> {
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| e.to_string())?;
        let lines = table
            .get("lines")
            .and_then(toml::Value::as_table)
            .ok_or("no [lines] table")?
            .iter()
            .map(|(k, v)| Ok((k.clone(), v.as_str().ok_or("a line is not text")?.to_owned())))
            .collect::<Result<BTreeMap<_, _>, String>>()?;
        if lines.is_empty() {
            return Err("no budget line".into());
        }
        Ok(BudgetLines { lines })
    }

    /// The lines shipped with the binary (sandbox placeholders, marked external).
    pub fn embedded() -> &'static BudgetLines {
        static LINES: OnceLock<BudgetLines> = OnceLock::new();
        LINES.get_or_init(|| {
            #[expect(clippy::expect_used, reason = "embedded configuration, checked by a test")]
            BudgetLines::parse(BUDGET_PROGRAMMES).expect("the embedded budget programmes parse")
        })
    }

    /// The line of a measure (`rent_month`, `relocation_subsidy`, …).
    pub fn line(&self, measure: &str) -> Option<&str> {
        self.lines.get(measure).map(String::as_str)
    }
}

/// What happens to a payment order that the ledger books.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LedgerEvent {
    /// Scheduled: the budget spends it, the payee is owed it.
    Accrue,
    /// The bank booked the transfer: the debt is paid from the bank account.
    Pay,
    /// The bank sent the transfer back: the money is in the account again and owed to the payee again.
    Return,
}

impl LedgerEvent {
    pub fn key(self) -> &'static str {
        match self {
            LedgerEvent::Accrue => "accrue",
            LedgerEvent::Pay => "pay",
            LedgerEvent::Return => "return",
        }
    }

    /// The account debited and the account credited.
    pub fn accounts(self) -> (&'static str, &'static str) {
        match self {
            LedgerEvent::Accrue => ("expense", "payable"),
            LedgerEvent::Pay => ("payable", "bank"),
            LedgerEvent::Return => ("bank", "payable"),
        }
    }
}

/// The two legs of `event` on the order of `payment` (attempt `attempt`), booked on `on` under the measure's
/// budget line and the case's region: a debit and a credit of the order's amount.
pub fn postings(
    event: LedgerEvent,
    payment: &PaymentRequest,
    attempt: u8,
    region: &str,
    on: Date,
) -> Result<Vec<Op>, AppError> {
    let budget_line = BudgetLines::embedded()
        .line(&payment.measure)
        .ok_or(AppError::Refused("budget_line_unknown"))?;
    let (debit, credit) = event.accounts();
    let leg = |account: &str, is_debit: bool| {
        Op::Post(Posting {
            measure: payment.measure.clone(),
            period: payment.period.clone(),
            attempt,
            event: event.key().to_owned(),
            account: account.to_owned(),
            debit: is_debit,
            amount: payment.amount,
            budget_line: budget_line.to_owned(),
            region: region.to_owned(),
            booked_on: on,
        })
    };
    Ok(vec![leg(debit, true), leg(credit, false)])
}

/// How a payroll run goes through the caseload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PayrollOptions {
    /// Cases read and written together.
    pub chunk: u32,
    /// Stop after this many chunks, as if the process had been killed there (for tests of the re-run).
    pub stop_after_chunks: Option<u32>,
}

impl Default for PayrollOptions {
    fn default() -> PayrollOptions {
        PayrollOptions {
            chunk: 256,
            stop_after_chunks: None,
        }
    }
}

/// What a payroll run did so far (given to the progress callback after each chunk) or in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PayrollRun {
    /// Chunks done.
    pub chunks: u32,
    /// Paying cases gone through.
    pub cases: u64,
    /// Cases whose month this run scheduled.
    pub accrued: u64,
    /// Cases whose month an earlier run had scheduled.
    pub already: u64,
    /// Cases the month could not be paid for (the limit of months reached, the law not known).
    pub refused: u64,
    /// Cases changed by someone else while the run read them: left for the next run.
    pub conflicts: u64,
    /// The total this run scheduled.
    pub total: Money,
    /// The run stopped before the end (the test hook).
    pub stopped: bool,
}

impl PayrollRun {
    fn new() -> PayrollRun {
        PayrollRun {
            chunks: 0,
            cases: 0,
            accrued: 0,
            already: 0,
            refused: 0,
            conflicts: 0,
            total: Money::ZERO,
            stopped: false,
        }
    }
}

/// One case's month: done before, refused, or the command that schedules it.
pub(crate) enum MonthCommand {
    Already,
    /// Why the month cannot be paid, as the single case's use case answers.
    Refused(AppError),
    Write(Box<Command>, Money),
}

/// How long an instance holds the payroll job once it has taken it; a run longer than this renews nothing,
/// and another instance that takes the job over finds the months already scheduled and completes the rest.
const PAYROLL_JOB_LEASE: jiff::SignedDuration = jiff::SignedDuration::from_secs(60 * 60);

/// The state of a paying rent case, as stored.
const PAYING: &str = "paying";

fn paying_query(limit: u32) -> CaseQuery {
    CaseQuery {
        kinds: vec![CaseKind::RentCompensation.key().to_owned()],
        states: vec!["rent_compensation/paying".to_owned()],
        limit,
        ..CaseQuery::default()
    }
}

impl<S: Store, R: registries::Registries + Sync> App<S, R> {
    /// The command that schedules `month` on a rent case, if the month is not scheduled yet and the case may
    /// be paid for it: the amount from the p.71 table for the month, the payment (one per case and month),
    /// its ledger postings, under the idempotency key of the case and the month.
    pub(crate) fn month_command(
        &self,
        actor: &store::Actor,
        stored: &CaseRecord,
        month: Month,
        now: Timestamp,
    ) -> Result<MonthCommand, AppError> {
        let mut record = RentRecord::decode(stored)?;
        let period = month.to_string();
        if record.orders.iter().any(|o| o.period == period) {
            return Ok(MonthCommand::Already);
        }
        let law = self.law.get();
        let ctx = cases::Ctx {
            today: kz_today(now),
            params: &law.params,
            calendar: &law.calendar,
        };
        let step = match rent_b72::step(&record.state, rent_b72::Event::MonthPaid, &ctx) {
            Ok(step) => step,
            Err(e) => return Ok(MonthCommand::Refused(AppError::Rejected(e))),
        };
        let first =
            Date::new(month.year(), month.month(), 1).map_err(|_| AppError::invalid("month", "invalid_month"))?;
        let claim = RentClaim::new(first, record.locality, record.family, record.months_paid().unwrap_or(0));
        let decision = match rent_compensation(&law.params, &claim) {
            Ok(d) => d,
            Err(e) => return Ok(MonthCommand::Refused(AppError::Rejected(cases::Rejected::Law(e)))),
        };
        let Some(amount) = decision.amount().filter(|a| a.tiyn() > 0) else {
            return Ok(MonthCommand::Refused(AppError::Refused("rent_month_refused")));
        };
        let Some(payee) = stored.applicant.clone() else {
            return Ok(MonthCommand::Refused(AppError::Refused("no_payee")));
        };
        let payment = PaymentRequest {
            measure: "rent_month".into(),
            amount,
            payee,
            period: period.clone(),
        };
        record.orders.push(OrderLine {
            period: period.clone(),
            amount,
            status: OrderStatus::Scheduled,
            file: None,
            reason: None,
            attempt: 1,
        });
        let key = IdempotencyKey::parse(&format!("rent-month:{}:{period}", stored.id.0))
            .ok_or(AppError::Refused("not_written"))?;
        let command = super::rent_command(actor, stored, &record, &step, Some(&payment), key, now)?;
        Ok(MonthCommand::Write(Box::new(command), amount))
    }

    /// How many rent cases are paying: what a payroll run goes through (for a progress bar).
    pub async fn paying_rent_cases(&self) -> Result<u64, AppError> {
        Ok(self.store.count_cases(&paying_query(0)).await?)
    }

    /// The month's payroll of the whole caseload, chunk by chunk, each case once (see the module's text).
    /// `progress` is called after each chunk with what was done so far.
    pub async fn run_monthly_payroll(
        &self,
        month: Month,
        options: PayrollOptions,
        now: Timestamp,
        mut progress: impl FnMut(&PayrollRun),
    ) -> Result<PayrollRun, AppError> {
        let actor = Principal::system().actor()?;
        let chunk = options.chunk.max(1);
        let kind = CaseKind::RentCompensation.key();
        let mut after = None;
        let mut run = PayrollRun::new();
        loop {
            if options.stop_after_chunks.is_some_and(|n| run.chunks >= n) {
                run.stopped = true;
                break;
            }
            let page = self.store.cases_in_state(kind, PAYING, after, chunk).await?;
            let Some(last) = page.last() else { break };
            after = Some(last.id);
            let full = page.len() >= usize::try_from(chunk).unwrap_or(usize::MAX);
            let mut writes = Vec::new();
            for stored in &page {
                run.cases += 1;
                match self.month_command(&actor, stored, month, now)? {
                    MonthCommand::Already => run.already += 1,
                    MonthCommand::Refused(_) => run.refused += 1,
                    MonthCommand::Write(command, amount) => writes.push((command, amount)),
                }
            }
            let applied =
                futures_util::future::join_all(writes.iter().map(|(command, _)| self.store.apply(command))).await;
            for ((_, amount), result) in writes.iter().zip(applied) {
                match result {
                    Ok(a) if a.replayed => run.already += 1,
                    Ok(_) => {
                        run.accrued += 1;
                        run.total = run.total.checked_add(*amount).unwrap_or(run.total);
                    }
                    Err(StoreError::Conflict { .. }) => run.conflicts += 1,
                    Err(e) => return Err(e.into()),
                }
            }
            run.chunks += 1;
            progress(&run);
            if !full {
                break;
            }
        }
        Ok(run)
    }

    /// The payroll run by the service's scheduler for the month of the day, by whichever instance holds the
    /// `payroll` job's lease (taken through the database); `None` when another instance holds it.
    pub async fn scheduled_payroll(
        &self,
        holder: &str,
        options: PayrollOptions,
        now: Timestamp,
    ) -> Result<Option<PayrollRun>, AppError>
    where
        S: store::Outbox,
    {
        let until = now.saturating_add(PAYROLL_JOB_LEASE).unwrap_or(now);
        if !self.store.claim_job("payroll", holder, now, until).await? {
            return Ok(None);
        }
        let day = kz_today(now);
        let month = Month::new(day.year(), day.month()).ok_or(AppError::invalid("month", "invalid_month"))?;
        self.run_monthly_payroll(month, options, now, |_| {}).await.map(Some)
    }

    /// Loads `n` paying rent cases straight into the store, as granted the day before `now` (synthetic IINs,
    /// names and accounts), `chunk` at a time: the caseload of the payroll benchmark. Not a use case: nothing
    /// is asked of the registries and no step of the case is taken.
    pub async fn seed_paying_rent_cases(
        &self,
        n: u64,
        chunk: u32,
        now: Timestamp,
        mut progress: impl FnMut(u64),
    ) -> Result<(), AppError> {
        const TERRITORIES: [&str; 5] = ["550000000", "750000000", "590000000", "390000000", "630000000"];
        let actor = Principal::system().actor()?;
        let day = kz_today(now);
        let law = self.law.get();
        let chunk = u64::from(chunk.max(1));
        let mut done = 0u64;
        let mut next = 0u64;
        while done < n {
            let mut commands = Vec::new();
            while commands.len() < usize::try_from(chunk).unwrap_or(usize::MAX) && done + (commands.len() as u64) < n {
                let i = next;
                next += 1;
                let Some(iin) = synthetic_iin(i) else { continue };
                let family = rules::HouseholdSize::new(u8::try_from(i % 6 + 1).unwrap_or(1))
                    .ok_or(AppError::Refused("not_written"))?;
                let locality = if i.is_multiple_of(3) {
                    rules::Locality::Rural
                } else {
                    rules::Locality::Urban
                };
                let claim = RentClaim::new(day, locality, family, 0);
                let monthly = rent_compensation(&law.params, &claim).ok().and_then(|d| d.amount());
                let account = kz::Iban::from_parts("722", &format!("S{:012}", i % 1_000_000_000_000))
                    .map_err(|_| AppError::Refused("not_written"))?;
                let record = RentRecord {
                    applicant: iin.masked(),
                    name: format!("Сынақ Алушы {i}"),
                    received_on: day,
                    locality,
                    family,
                    account: account.as_str().to_owned(),
                    monthly,
                    orders: Vec::new(),
                    state: rent_b72::State::Paying { months_paid: 0 },
                };
                let (state, payload) = record.encode();
                let territory = TERRITORIES
                    .get(usize::try_from(i % 5).unwrap_or(0))
                    .and_then(|t| kz::Kato::parse(t).ok())
                    .ok_or(AppError::Refused("not_written"))?;
                commands.push(Command {
                    key: IdempotencyKey::parse(&format!("rent-seed:{i}")).ok_or(AppError::Refused("not_written"))?,
                    at: now,
                    actor: actor.clone(),
                    action: "rent.seeded".into(),
                    basis: legal::LegalRef::new(legal::Act::RulesB, "71").to_string(),
                    case: store::CaseWrite::Create {
                        kind: CaseKind::RentCompensation.key().into(),
                        territory,
                        year: day.year(),
                        state: state.into(),
                        payload,
                        applicant: Some(store::Party::Person(iin)),
                        channel: Some("portal".into()),
                        members: Vec::new(),
                        due_on: None,
                    },
                    ops: Vec::new(),
                    evidence: Vec::new(),
                    detail: serde_json::json!({ "state": state }).to_string(),
                });
            }
            for r in futures_util::future::join_all(commands.iter().map(|c| self.store.apply(c))).await {
                r?;
            }
            done += commands.len() as u64;
            progress(done);
        }
        Ok(())
    }
}

impl<S: Store + store::Admin, R: registries::Registries + Sync> App<S, R> {
    /// The raw peer of the payroll benchmark: for every paying case, page by page as the payroll reads them,
    /// the rows of the month's order and its accrual postings inserted as they are, one transaction per page,
    /// with no decision, no audit record and no idempotency key. They are marked with the period
    /// `raw:<month>` so that they never meet the real month's orders. Returns the orders inserted.
    pub async fn raw_payroll_peer(&self, month: Month, chunk: u32, now: Timestamp) -> Result<u64, AppError> {
        let chunk = chunk.max(1);
        let kind = CaseKind::RentCompensation.key();
        let mut after = None;
        let at = store::sortable(now);
        let day = kz_today(now);
        let period = format!("raw:{month}");
        let mut inserted = 0u64;
        loop {
            let page = self.store.cases_in_state(kind, PAYING, after, chunk).await?;
            let Some(last) = page.last() else { break };
            after = Some(last.id);
            let full = page.len() >= usize::try_from(chunk).unwrap_or(usize::MAX);
            let mut rows = Vec::with_capacity(page.len() * 3);
            for stored in &page {
                let record = RentRecord::decode(stored)?;
                let (Some(amount), Some(payee)) = (record.monthly, stored.applicant.clone()) else {
                    continue;
                };
                let payment = PaymentRequest {
                    measure: "rent_month".into(),
                    amount,
                    payee,
                    period: period.clone(),
                };
                rows.push(store::write::Row {
                    table: store::write::WriteTable::Payment,
                    values: vec![
                        stored.id.0.into(),
                        payment.measure.as_str().into(),
                        payment.period.as_str().into(),
                        amount.tiyn().into(),
                        payment.payee.kind_key().into(),
                        payment.payee.number().into(),
                        0i64.into(),
                        at.as_str().into(),
                    ],
                });
                for op in postings(LedgerEvent::Accrue, &payment, 1, &stored.region, day)? {
                    if let Op::Post(p) = op {
                        rows.push(store::write::posting_row(stored.id.0, 0, &at, &p));
                    }
                }
                inserted += 1;
            }
            self.store.raw_rows(rows).await?;
            if !full {
                break;
            }
        }
        Ok(inserted)
    }
}

/// The `i`-th synthetic IIN: birth dates from 1 January 1970 on, a few thousand serials a day; `None` for the
/// few serials whose check digit cannot be made.
fn synthetic_iin(i: u64) -> Option<kz::Iin> {
    const PER_DAY: u64 = 5_000;
    let days = i64::try_from(i / PER_DAY).ok()?;
    let birth = jiff::civil::date(1970, 1, 1)
        .checked_add(jiff::Span::new().days(days))
        .ok()?;
    let serial = u16::try_from(i % PER_DAY + 1).ok()?;
    let sex = if i.is_multiple_of(2) {
        kz::Sex::Male
    } else {
        kz::Sex::Female
    };
    kz::Iin::from_parts(birth, sex, serial).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_budget_lines_cover_every_measure_paid() {
        let lines = BudgetLines::embedded();
        for measure in ["rent_month", "relocation_subsidy", "certificate", "employer_subsidy"] {
            assert!(lines.line(measure).is_some(), "{measure}");
        }
        assert!(BudgetLines::parse("x = 1").is_err());
    }

    #[test]
    fn every_event_debits_and_credits_the_same_amount() {
        let payment = PaymentRequest {
            measure: "rent_month".into(),
            amount: Money::from_tiyn(10_000_000),
            payee: store::Party::Person(
                kz::Iin::from_parts(jiff::civil::date(1990, 1, 1), kz::Sex::Male, 1).expect("iin"),
            ),
            period: "2026-03".into(),
        };
        for event in [LedgerEvent::Accrue, LedgerEvent::Pay, LedgerEvent::Return] {
            let legs = postings(event, &payment, 1, "55", jiff::civil::date(2026, 3, 5)).expect("legs");
            let mut sum = 0i64;
            for leg in &legs {
                let Op::Post(p) = leg else { panic!("a posting") };
                sum += if p.debit { p.amount.tiyn() } else { -p.amount.tiyn() };
            }
            assert_eq!((legs.len(), sum), (2, 0), "{event:?}");
        }
    }
}
