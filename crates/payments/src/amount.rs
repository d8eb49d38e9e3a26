//! Amounts in bank files: tenge with two decimals, converted to and from integer tiyn exactly.
//!
//! No floating point anywhere: `108125.5` tenge is read as 10 812 550 tiyn digit by digit, and tiyn are
//! written by integer division.

use kz::Money;

/// `tiyn` as tenge with exactly two decimals: `108125.00`, `0.05`. Callers pass positive amounts (orders are
/// positive, sums of them too); a negative one is written with a leading `-`, which no schema would accept,
/// rather than silently made positive.
pub(crate) fn decimal(amount: Money) -> String {
    let tiyn = amount.tiyn();
    let abs = tiyn.unsigned_abs();
    let sign = if tiyn < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// Why a decimal amount of a bank file cannot be read as tiyn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DecimalError {
    /// Not an `xs:decimal`, or negative.
    Format,
    /// A non-zero digit after the second decimal: not a whole number of tiyn.
    Precision,
    /// More than an `i64` of tiyn.
    Overflow,
}

/// Reads a non-negative `xs:decimal` (`108125`, `108125.5`, `+0.50`, `108125.50000`) as tiyn.
pub(crate) fn parse_decimal(s: &str) -> Result<Money, DecimalError> {
    let s = s.trim();
    let s = s.strip_prefix('+').unwrap_or(s);
    let (int, frac) = match s.split_once('.') {
        Some((int, frac)) => (int, frac),
        None => (s, ""),
    };
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !digits(int) || !digits(frac) {
        return Err(DecimalError::Format);
    }
    let mut frac_digits = frac.bytes().map(|b| i64::from(b - b'0'));
    let tens = frac_digits.next().unwrap_or(0);
    let ones = frac_digits.next().unwrap_or(0);
    if frac_digits.any(|d| d != 0) {
        return Err(DecimalError::Precision);
    }
    int.bytes()
        .try_fold(0i64, |acc, b| acc.checked_mul(10)?.checked_add(i64::from(b - b'0')))
        .and_then(|tenge| tenge.checked_mul(100)?.checked_add(tens * 10 + ones))
        .map(Money::from_tiyn)
        .ok_or(DecimalError::Overflow)
}

#[cfg(test)]
mod tests;
