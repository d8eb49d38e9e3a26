//! The payer: the body whose account the money leaves, and the Kazakh codes its bank files carry.
//!
//! The spec names the payer of each measure (the Labour Mobility Centre of the region, B p.69, p.72 part 3)
//! but none of the codes a Kazakh payment order needs: the payment purpose code (КНП), the sender's and
//! beneficiary's economic codes (КОд, КБе) and the budget classification the money is charged to. They are
//! configuration of each payer, filled in from its finance department and its bank, never guessed in code.

use kz::{Bank, Bin, ErrorCode, Iban};

use crate::order::MeasureKind;
use crate::text::{BudgetLine, EconomicCode, Knp, Text};

/// One value per measure, so a configuration cannot miss one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PerMeasure<T> {
    pub rent_month: T,
    pub relocation_subsidy: T,
    pub certificate: T,
    pub employer_subsidy: T,
    pub employer_housing: T,
}

impl<T> PerMeasure<T> {
    pub fn get(&self, kind: MeasureKind) -> &T {
        match kind {
            MeasureKind::RentMonth => &self.rent_month,
            MeasureKind::RelocationSubsidy => &self.relocation_subsidy,
            MeasureKind::Certificate => &self.certificate,
            MeasureKind::EmployerSubsidy => &self.employer_subsidy,
            MeasureKind::EmployerHousing => &self.employer_housing,
        }
    }
}

/// Everything a payer's configuration is made of; [`PayerConfig::new`] checks it.
#[derive(Debug, Clone)]
pub struct NewPayer {
    /// The payer's name as registered (the debtor and initiating party of the bank file).
    pub name: Text,
    pub bin: Bin,
    /// The account the payments leave from (for a budget body, usually its account at the Treasury).
    pub account: Iban,
    /// КОд, the sender's economic code.
    pub sender_code: EconomicCode,
    /// КНП per measure.
    pub purpose_codes: PerMeasure<Knp>,
    /// The budget line each measure is charged to, for the orders the services create; an order keeps the
    /// line it was accrued on even when this changes with a new financial year.
    pub budget_lines: PerMeasure<BudgetLine>,
}

/// Why a payer configuration is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PayerError {
    /// The payer's IBAN has a bank code that is not in the bank table, so the debtor agent's BIC is unknown.
    #[error("the payer's bank is not in the bank table")]
    UnknownBank,
}

impl PayerError {
    pub const CODES: &'static [&'static str] = &["payer_unknown_bank"];
}

impl ErrorCode for PayerError {
    fn code(&self) -> &'static str {
        match self {
            PayerError::UnknownBank => "payer_unknown_bank",
        }
    }
}

/// A checked payer configuration.
#[derive(Debug, Clone)]
pub struct PayerConfig {
    payer: NewPayer,
    bank: &'static Bank,
}

impl PayerConfig {
    /// Checks the configuration and resolves the payer's BIC from its IBAN.
    pub fn new(payer: NewPayer) -> Result<PayerConfig, PayerError> {
        let bank = payer.account.bank().ok_or(PayerError::UnknownBank)?;
        Ok(PayerConfig { payer, bank })
    }

    pub fn name(&self) -> &Text {
        &self.payer.name
    }

    pub fn bin(&self) -> &Bin {
        &self.payer.bin
    }

    pub fn account(&self) -> &Iban {
        &self.payer.account
    }

    /// The payer's bank (the debtor agent).
    pub fn bank(&self) -> &'static Bank {
        self.bank
    }

    pub fn sender_code(&self) -> EconomicCode {
        self.payer.sender_code
    }

    pub fn purpose_code(&self, kind: MeasureKind) -> Knp {
        *self.payer.purpose_codes.get(kind)
    }

    pub fn budget_line(&self, kind: MeasureKind) -> &BudgetLine {
        self.payer.budget_lines.get(kind)
    }
}
