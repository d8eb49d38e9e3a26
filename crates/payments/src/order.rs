//! Payment orders: one transfer of one support measure to one payee.
//!
//! What is paid to whom (the spec, section 5):
//!
//! | Measure | Payee | Rules B | Spec |
//! |---|---|---|---|
//! | rent and utilities, one month | the kandas or resettler | p.71, p.72 | RENT-01, RENT-06 |
//! | relocation subsidy | the applicant (and each listed family member) | p.70, App 12 | RELOC-02 |
//! | economic mobility certificate | the seller's or the borrower's current account | p.67, p.69 | EMC-25 |
//! | employer subsidy | the employer's current account | p.36(1), App 3-1 | EMP-06, EMP-08 |
//! | part of the employer's housing expenses | the employer's current account | p.36(2), App 3-2 | EMP-07, EMP-08 |
//!
//! An order is built once through [`PaymentOrder::new`], which checks it whole; its fields are private so
//! nothing downstream meets an order with a non-positive amount or an account at an unknown bank.

use std::fmt;

use jiff::civil::Date;
use kz::{Bank, Bin, ErrorCode, Iban, Iin, Kato, Money};

use crate::text::{BudgetLine, EconomicCode, OrderId, Reference, Text};

/// Who receives the money.
#[derive(Clone, PartialEq, Eq)]
pub enum Payee {
    /// A person, by IIN (the applicant, a family member, a seller or borrower who is a person).
    Person { iin: Iin, name: Text },
    /// An organisation, by BIN (an employer, a seller or borrower that is a legal entity).
    Organisation { bin: Bin, name: Text },
}

impl Payee {
    pub fn name(&self) -> &Text {
        match self {
            Payee::Person { name, .. } | Payee::Organisation { name, .. } => name,
        }
    }
}

/// Masked: the IIN and the BIN show their last four digits, a person's name only its length.
impl fmt::Debug for Payee {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Payee::Person { iin, name } => f.debug_struct("Person").field("iin", iin).field("name", name).finish(),
            Payee::Organisation { bin, name } => {
                let bin = bin.as_str();
                let last4 = bin.get(bin.len().saturating_sub(4)..).unwrap_or_default();
                f.debug_struct("Organisation")
                    .field("bin", &format_args!("Bin(********{last4})"))
                    .field("name", name)
                    .finish()
            }
        }
    }
}

/// A calendar month, the period of a monthly rent payment (B p.71: "monthly").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    year: i16,
    month: i8,
}

impl Month {
    /// The month `month` (1..=12) of `year`; `None` for a month outside 1..=12.
    pub fn new(year: i16, month: i8) -> Option<Month> {
        (1..=12).contains(&month).then_some(Month { year, month })
    }

    /// The month a date falls in.
    pub fn of(date: Date) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    pub fn year(self) -> i16 {
        self.year
    }

    pub fn month(self) -> i8 {
        self.month
    }
}

/// `2026-03`.
impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// The support measure an order pays, with the period where the measure is periodic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Measure {
    /// Compensation of rent and utilities for one month (B p.71–72, RENT-01).
    RentMonth(Month),
    /// The relocation subsidy (B p.70, App 12; RELOC-02).
    RelocationSubsidy,
    /// The cash payment under the economic mobility certificate (B p.67–69; EMC-25).
    Certificate,
    /// The employer subsidy (B p.36(1), App 3-1; EMP-06).
    EmployerSubsidy,
    /// Part of the employer's expenses for housing a resettler's or kandas's family (B p.36(2), App 3-2; EMP-07).
    EmployerHousing,
}

impl Measure {
    /// The measure without its period, for configuration lookups.
    pub fn kind(self) -> MeasureKind {
        match self {
            Measure::RentMonth(_) => MeasureKind::RentMonth,
            Measure::RelocationSubsidy => MeasureKind::RelocationSubsidy,
            Measure::Certificate => MeasureKind::Certificate,
            Measure::EmployerSubsidy => MeasureKind::EmployerSubsidy,
            Measure::EmployerHousing => MeasureKind::EmployerHousing,
        }
    }

    /// The month paid, for monthly measures.
    pub fn period(self) -> Option<Month> {
        match self {
            Measure::RentMonth(month) => Some(month),
            Measure::RelocationSubsidy | Measure::Certificate | Measure::EmployerSubsidy | Measure::EmployerHousing => {
                None
            }
        }
    }
}

/// A [`Measure`] without its period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MeasureKind {
    RentMonth,
    RelocationSubsidy,
    Certificate,
    EmployerSubsidy,
    EmployerHousing,
}

impl MeasureKind {
    pub const ALL: [MeasureKind; 5] = [
        MeasureKind::RentMonth,
        MeasureKind::RelocationSubsidy,
        MeasureKind::Certificate,
        MeasureKind::EmployerSubsidy,
        MeasureKind::EmployerHousing,
    ];

    /// A stable snake_case name, for storage and logs.
    pub fn as_str(self) -> &'static str {
        match self {
            MeasureKind::RentMonth => "rent_month",
            MeasureKind::RelocationSubsidy => "relocation_subsidy",
            MeasureKind::Certificate => "certificate",
            MeasureKind::EmployerSubsidy => "employer_subsidy",
            MeasureKind::EmployerHousing => "employer_housing",
        }
    }
}

/// The decision an order executes: the case's application number, the decision's number and date (the
/// decision forms B-App 3-1, 3-2, 11, 12, 13 each carry a number and a date).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionRef {
    pub case: Reference,
    pub number: Reference,
    pub date: Date,
}

/// Everything a new order is made of; [`PaymentOrder::new`] checks it.
#[derive(Debug, Clone)]
pub struct NewOrder {
    pub id: OrderId,
    pub payee: Payee,
    pub account: Iban,
    /// The payee's КБе (beneficiary code): from configuration for persons, from the registration data of an
    /// organisation.
    pub beneficiary_code: EconomicCode,
    pub amount: Money,
    /// The payment purpose, one line, in the language the payer uses in its bank files (from the kk/ru
    /// catalogs of `render`, never a sentence built here).
    pub purpose: Text,
    pub measure: Measure,
    pub decision: DecisionRef,
    pub budget_line: BudgetLine,
    /// The region whose budget pays (its KATO code; a lower-level code counts for its region).
    pub region: Kato,
    /// The day the payer asks its bank to execute the transfer (for the certificate, within two working days
    /// of the decision, EMC-25).
    pub execution_date: Date,
}

/// Why an order cannot be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum OrderError {
    /// The amount is zero or negative.
    #[error("payment amount must be positive")]
    AmountNotPositive,
    /// The IBAN's bank code is not in the bank table, so its BIC is unknown.
    #[error("the account's bank is not in the bank table")]
    UnknownBank,
    /// The measure does not fit the payee: employer measures go to organisations.
    #[error("this measure is not paid to this kind of payee")]
    PayeeKind,
    /// The order has been re-issued as often as the instruction id can count (99 attempts).
    #[error("the order has been re-issued too many times")]
    TooManyAttempts,
}

impl OrderError {
    pub const CODES: &'static [&'static str] = &[
        "order_amount_not_positive",
        "order_unknown_bank",
        "order_payee_kind",
        "order_too_many_attempts",
    ];
}

impl ErrorCode for OrderError {
    fn code(&self) -> &'static str {
        match self {
            OrderError::AmountNotPositive => "order_amount_not_positive",
            OrderError::UnknownBank => "order_unknown_bank",
            OrderError::PayeeKind => "order_payee_kind",
            OrderError::TooManyAttempts => "order_too_many_attempts",
        }
    }
}

/// The highest attempt number: the instruction id spends two digits on it.
pub(crate) const MAX_ATTEMPT: u8 = 99;

/// One transfer to one payee, checked whole.
///
/// `Debug` masks the IIN, the BIN, the IBAN and a person's name.
#[derive(Clone, PartialEq, Eq)]
pub struct PaymentOrder {
    id: OrderId,
    payee: Payee,
    account: Iban,
    bank: &'static Bank,
    beneficiary_code: EconomicCode,
    amount: Money,
    purpose: Text,
    measure: Measure,
    decision: DecisionRef,
    budget_line: BudgetLine,
    region: Kato,
    execution_date: Date,
    attempt: u8,
}

impl PaymentOrder {
    /// Checks a new order: a positive amount, an account at a bank of the table (its BIC is resolved here)
    /// and an organisation as the payee of an employer measure.
    pub fn new(new: NewOrder) -> Result<PaymentOrder, OrderError> {
        if new.amount.tiyn() <= 0 {
            return Err(OrderError::AmountNotPositive);
        }
        let bank = new.account.bank().ok_or(OrderError::UnknownBank)?;
        let employer_measure = matches!(new.measure, Measure::EmployerSubsidy | Measure::EmployerHousing);
        if employer_measure && matches!(new.payee, Payee::Person { .. }) {
            return Err(OrderError::PayeeKind);
        }
        Ok(PaymentOrder {
            id: new.id,
            payee: new.payee,
            account: new.account,
            bank,
            beneficiary_code: new.beneficiary_code,
            amount: new.amount,
            purpose: new.purpose,
            measure: new.measure,
            decision: new.decision,
            budget_line: new.budget_line,
            region: new.region,
            execution_date: new.execution_date,
            attempt: 1,
        })
    }

    /// The same order after a return, re-issued to a new account (the payee gave another one) on a new
    /// execution date: the same id and amount, the next attempt number.
    ///
    /// The ledger records the re-issue ([`crate::Event::Reissue`]) and refuses it unless the order was
    /// returned; the attempt number lets the notification of an earlier attempt be told apart.
    pub fn reissued(&self, account: Iban, execution_date: Date) -> Result<PaymentOrder, OrderError> {
        let bank = account.bank().ok_or(OrderError::UnknownBank)?;
        if self.attempt >= MAX_ATTEMPT {
            return Err(OrderError::TooManyAttempts);
        }
        Ok(PaymentOrder {
            account,
            bank,
            execution_date,
            attempt: self.attempt + 1,
            ..self.clone()
        })
    }

    pub fn id(&self) -> &OrderId {
        &self.id
    }

    pub fn payee(&self) -> &Payee {
        &self.payee
    }

    pub fn account(&self) -> &Iban {
        &self.account
    }

    /// The payee's bank, from the IBAN's bank code.
    pub fn bank(&self) -> &'static Bank {
        self.bank
    }

    pub fn beneficiary_code(&self) -> EconomicCode {
        self.beneficiary_code
    }

    pub fn amount(&self) -> Money {
        self.amount
    }

    pub fn purpose(&self) -> &Text {
        &self.purpose
    }

    pub fn measure(&self) -> Measure {
        self.measure
    }

    pub fn decision(&self) -> &DecisionRef {
        &self.decision
    }

    pub fn budget_line(&self) -> &BudgetLine {
        &self.budget_line
    }

    pub fn region(&self) -> Kato {
        self.region
    }

    /// The region-level KATO code of [`PaymentOrder::region`]: the key the ledger books under.
    pub fn region_code(&self) -> Kato {
        Kato::region_of(self.region.region())
    }

    pub fn execution_date(&self) -> Date {
        self.execution_date
    }

    /// 1 for the first issue, one more for each re-issue.
    pub fn attempt(&self) -> u8 {
        self.attempt
    }

    /// The ISO 20022 instruction id of this attempt: the order id, `/` and the two-digit attempt.
    pub fn instruction_id(&self) -> String {
        format!("{}/{:02}", self.id, self.attempt)
    }
}

impl fmt::Debug for PaymentOrder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PaymentOrder")
            .field("id", &self.id)
            .field("payee", &self.payee)
            .field("account", &self.account)
            .field("bic", &self.bank.bic)
            .field("amount", &self.amount)
            .field("measure", &self.measure)
            .field("decision", &self.decision)
            .field("budget_line", &self.budget_line)
            .field("region", &self.region)
            .field("execution_date", &self.execution_date)
            .field("attempt", &self.attempt)
            .finish_non_exhaustive()
    }
}
