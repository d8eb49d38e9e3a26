//! Rules B: voluntary resettlement to increase labour mobility (order No. 234 of 22.06.2023) in the wording
//! of order No. 359. One module per paragraph.
//!
//! The order is in force from 1 January 2026 (ORD-01) and has no transitional provisions (AMB-01): every
//! parameter edition of these rules starts on that date, and a date before it is "edition not covered".

pub mod p36_employer_subsidy;
pub mod p67_certificate;
pub mod p70_relocation_subsidy;
pub mod p71_rent_compensation;
pub mod p73_application_windows;

use jiff::civil::Date;
use kz::{Mci, Money};
use legal::Params;
use legal::params::ConversionDate;

use crate::{Explanation, RuleError};

/// Converts an MCI amount into tenge with the MCI in force on `on`, recording the edition used.
pub(crate) fn mci_to_money(params: &Params, on: Date, mci: Mci, why: &mut Explanation) -> Result<Money, RuleError> {
    let edition = params.mci.at(on)?;
    why.param(&params.mci, edition, edition.value);
    mci.to_money(edition.value).ok_or(RuleError::Overflow)
}

/// The date whose MCI applies, by the conversion rule in force (XREF-16).
pub(crate) fn conversion_date(rule: ConversionDate, month_or_decision: Date) -> Date {
    match rule {
        ConversionDate::FirstDayOfMonth => month_or_decision.first_of_month(),
        ConversionDate::DecisionDate => month_or_decision,
    }
}
