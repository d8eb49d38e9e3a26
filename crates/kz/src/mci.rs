//! Counts of the monthly calculation index (айлық есептік көрсеткіш, АЕК / месячный расчётный показатель, МРП).

use std::fmt;
use std::str::FromStr;

use crate::{ErrorCode, Money};

/// A number of monthly calculation indices, the unit in which the law states most benefits and caps
/// ("25 MCI"). The tenge value of one MCI is a dated legal parameter owned by the `legal` crate; this type
/// only counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Mci(u32);

/// Why a string is not a count of MCI.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MciError {
    /// Empty or not plain ASCII digits.
    #[error("mci count must be a whole number")]
    Format,
    /// More than `u32::MAX`.
    #[error("mci count is too large")]
    Overflow,
}

impl MciError {
    pub const CODES: &'static [&'static str] = &["mci_format", "mci_overflow"];
}

impl ErrorCode for MciError {
    fn code(&self) -> &'static str {
        match self {
            MciError::Format => "mci_format",
            MciError::Overflow => "mci_overflow",
        }
    }
}

impl Mci {
    pub const fn new(count: u32) -> Mci {
        Mci(count)
    }

    pub const fn count(&self) -> u32 {
        self.0
    }

    /// The amount of this many MCI at `mci_value` tenge per MCI, or `None` on overflow.
    pub const fn to_money(self, mci_value: Money) -> Option<Money> {
        mci_value.times(self.0)
    }

    pub const fn checked_mul(self, factor: u32) -> Option<Mci> {
        match self.0.checked_mul(factor) {
            Some(v) => Some(Mci(v)),
            None => None,
        }
    }

    /// Parses a count written as plain digits; surrounding whitespace is ignored, signs are not.
    pub fn parse(s: &str) -> Result<Mci, MciError> {
        let s = s.trim();
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(MciError::Format);
        }
        s.bytes()
            .try_fold(0u32, |acc, b| acc.checked_mul(10)?.checked_add(u32::from(b - b'0')))
            .map(Mci)
            .ok_or(MciError::Overflow)
    }
}

impl FromStr for Mci {
    type Err = MciError;

    fn from_str(s: &str) -> Result<Mci, MciError> {
        Mci::parse(s)
    }
}

impl fmt::Display for Mci {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

#[cfg(test)]
mod tests;
