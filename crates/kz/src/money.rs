//! Amounts of money in tenge, held as integer tiyn.

use std::fmt;
use std::str::FromStr;

use crate::ErrorCode;

/// An amount in tenge (₸), held as an integer number of tiyn (1 tenge = 100 tiyn).
///
/// Arithmetic is checked and returns `None` on overflow: an amount that does not fit in an `i64` of
/// tiyn (about 92 quadrillion tenge) is a defect, not a value to wrap or saturate. There is no `Default`
/// (a missing amount is not zero) and no conversion from or to floating point.
///
/// `Display` is the plain machine form, `108125.00`; locale formatting (`108 125,00 ₸`) belongs to the
/// renderer.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(i64);

/// Why a typed amount is not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    /// Empty, or not digits with an optional decimal separator and group separators.
    #[error("amount must be digits with an optional decimal part, like 108125,00")]
    Format,
    /// More than two digits after the decimal separator.
    #[error("amount has more than two decimal places")]
    Precision,
    /// A minus sign: amounts typed by people are never negative.
    #[error("amount must not be negative")]
    Negative,
    /// More than the type can hold.
    #[error("amount is too large")]
    Overflow,
}

impl MoneyError {
    pub const CODES: &'static [&'static str] = &["money_format", "money_precision", "money_negative", "money_overflow"];
}

impl ErrorCode for MoneyError {
    fn code(&self) -> &'static str {
        match self {
            MoneyError::Format => "money_format",
            MoneyError::Precision => "money_precision",
            MoneyError::Negative => "money_negative",
            MoneyError::Overflow => "money_overflow",
        }
    }
}

/// Characters people and office software put between groups of thousands: space, no-break space,
/// narrow no-break space (the Kazakh and Russian locales use the latter two).
const GROUP_SEPARATORS: [char; 3] = [' ', '\u{a0}', '\u{202f}'];

impl Money {
    pub const ZERO: Money = Money(0);

    /// The amount of `tiyn` tiyn.
    pub const fn from_tiyn(tiyn: i64) -> Money {
        Money(tiyn)
    }

    /// The amount of `tenge` whole tenge, or `None` when it does not fit.
    pub const fn from_tenge(tenge: i64) -> Option<Money> {
        match tenge.checked_mul(100) {
            Some(tiyn) => Some(Money(tiyn)),
            None => None,
        }
    }

    /// The amount in tiyn.
    ///
    /// Takes `self` (not `&self`) so `Option<Money>::map(Money::tiyn)` works, as callers in `rules` and
    /// `cli` use it.
    pub const fn tiyn(self) -> i64 {
        self.0
    }

    pub const fn checked_add(self, other: Money) -> Option<Money> {
        match self.0.checked_add(other.0) {
            Some(v) => Some(Money(v)),
            None => None,
        }
    }

    pub const fn checked_sub(self, other: Money) -> Option<Money> {
        match self.0.checked_sub(other.0) {
            Some(v) => Some(Money(v)),
            None => None,
        }
    }

    /// The amount multiplied by `factor` (which may be negative).
    pub const fn checked_mul(self, factor: i64) -> Option<Money> {
        match self.0.checked_mul(factor) {
            Some(v) => Some(Money(v)),
            None => None,
        }
    }

    /// The amount `n` times over (`n` months of a monthly payment, `n` members of a household).
    pub const fn times(self, n: u32) -> Option<Money> {
        self.checked_mul(n as i64)
    }

    /// The smaller amount (for caps: "the actual cost, but no more than …").
    pub const fn min(self, other: Money) -> Money {
        if self.0 <= other.0 { self } else { other }
    }

    /// The larger amount.
    pub const fn max(self, other: Money) -> Money {
        if self.0 >= other.0 { self } else { other }
    }

    pub const fn is_negative(&self) -> bool {
        self.0 < 0
    }

    /// Parses an amount typed by a person, in tenge.
    ///
    /// Accepts `108125`, `108125.5`, `108125.50`, a comma as the decimal separator and spaces, no-break
    /// spaces or narrow no-break spaces between groups of three digits (`1 234 567,89`). Surrounding
    /// whitespace is ignored. Rejects a minus sign ([`MoneyError::Negative`]), more than two decimals
    /// ([`MoneyError::Precision`]), anything else that is not such a number ([`MoneyError::Format`]) and
    /// amounts that do not fit ([`MoneyError::Overflow`]).
    pub fn parse(s: &str) -> Result<Money, MoneyError> {
        let s = s.trim();
        if s.starts_with(['-', '\u{2212}']) {
            return Err(MoneyError::Negative);
        }
        let (int, frac) = match s.split_once(['.', ',']) {
            Some((int, frac)) => (int, Some(frac)),
            None => (s, None),
        };
        let mut int = integer_digits(int)?;
        let frac = match frac {
            None => 0,
            Some(frac) => fraction_tiyn(frac)?,
        };
        int.try_fold(0i64, |acc, d| acc.checked_mul(10)?.checked_add(i64::from(d)))
            .and_then(|tenge| tenge.checked_mul(100)?.checked_add(frac))
            .map(Money)
            .ok_or(MoneyError::Overflow)
    }
}

/// The digits of the integer part, checking the grouping: either no separators, or groups of three after
/// a first group of one to three (so `12 34` is rejected as a likely typo).
fn integer_digits(int: &str) -> Result<impl Iterator<Item = u8> + '_, MoneyError> {
    let mut groups = int.split(GROUP_SEPARATORS);
    let first = groups.next().unwrap_or_default();
    let grouped = int.contains(GROUP_SEPARATORS);
    let first_ok = !first.is_empty() && (!grouped || first.len() <= 3);
    if !first_ok || !all_digits(first) || !groups.all(|g| g.len() == 3 && all_digits(g)) {
        return Err(MoneyError::Format);
    }
    Ok(int.bytes().filter(u8::is_ascii_digit).map(|b| b - b'0'))
}

/// The tiyn of a decimal part of one or two digits.
fn fraction_tiyn(frac: &str) -> Result<i64, MoneyError> {
    if frac.is_empty() || !all_digits(frac) {
        return Err(MoneyError::Format);
    }
    let mut digits = frac.bytes().map(|b| i64::from(b - b'0'));
    match (digits.next(), digits.next(), digits.next()) {
        (Some(tens), None, _) => Ok(tens * 10),
        (Some(tens), Some(ones), None) => Ok(tens * 10 + ones),
        _ => Err(MoneyError::Precision),
    }
}

fn all_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

impl FromStr for Money {
    type Err = MoneyError;

    fn from_str(s: &str) -> Result<Money, MoneyError> {
        Money::parse(s)
    }
}

/// Tenge with exactly two decimals and `.`: `108125.00`, `0.05`, `-3.10`.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let abs = self.0.unsigned_abs();
        if f.width().is_none() && !f.sign_plus() {
            let sign = if self.0 < 0 { "-" } else { "" };
            write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
        } else {
            // Honour width, fill and `+` like an integer would.
            f.pad_integral(self.0 >= 0, "", &format!("{}.{:02}", abs / 100, abs % 100))
        }
    }
}

impl fmt::Debug for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Money({self})")
    }
}

#[cfg(test)]
mod tests;
