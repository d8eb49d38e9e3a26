//! Application numbers people can read out: `QN-75-2026-000123` (region, year, sequence of that region-year).

use std::fmt;
use std::str::FromStr;

/// The prefix that marks a Qonys application number.
const PREFIX: &str = "QN";

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ApplicationNumber {
    region: [u8; 2],
    year: u16,
    sequence: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NumberError {
    #[error("an application number looks like QN-75-2026-000123")]
    Format,
    #[error("the region part is not a region of Kazakhstan")]
    Region,
}

impl NumberError {
    pub const CODES: &'static [&'static str] = &["application_number_format", "application_number_region"];

    pub fn code(self) -> &'static str {
        match self {
            NumberError::Format => "application_number_format",
            NumberError::Region => "application_number_region",
        }
    }
}

impl ApplicationNumber {
    /// From the store's numbering: the two-digit region code, the year and the sequence.
    pub fn new(region: &str, year: i16, sequence: i64) -> Result<ApplicationNumber, NumberError> {
        let region_code = match region.as_bytes() {
            [a, b] if a.is_ascii_digit() && b.is_ascii_digit() => [*a, *b],
            _ => return Err(NumberError::Region),
        };
        if !kz::Kato::regions()
            .iter()
            .any(|r| r.kato.as_bytes().starts_with(&region_code))
        {
            return Err(NumberError::Region);
        }
        let year = u16::try_from(year).map_err(|_| NumberError::Format)?;
        let sequence = u32::try_from(sequence).map_err(|_| NumberError::Format)?;
        if !(1000..=9999).contains(&year) || sequence == 0 || sequence > 999_999 {
            return Err(NumberError::Format);
        }
        Ok(ApplicationNumber {
            region: region_code,
            year,
            sequence,
        })
    }

    pub fn region(&self) -> &str {
        std::str::from_utf8(&self.region).unwrap_or_default()
    }

    pub fn year(&self) -> u16 {
        self.year
    }

    pub fn sequence(&self) -> u32 {
        self.sequence
    }
}

impl fmt::Display for ApplicationNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{PREFIX}-{}-{}-{:06}", self.region(), self.year, self.sequence)
    }
}

impl FromStr for ApplicationNumber {
    type Err = NumberError;

    fn from_str(s: &str) -> Result<ApplicationNumber, NumberError> {
        let mut parts = s.trim().split('-');
        let (Some(prefix), Some(region), Some(year), Some(sequence), None) =
            (parts.next(), parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(NumberError::Format);
        };
        if !prefix.eq_ignore_ascii_case(PREFIX) || year.len() != 4 || sequence.len() != 6 {
            return Err(NumberError::Format);
        }
        let year: i16 = year.parse().map_err(|_| NumberError::Format)?;
        let sequence: i64 = sequence.parse().map_err(|_| NumberError::Format)?;
        ApplicationNumber::new(region, year, sequence)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_errors() {
        let n = ApplicationNumber::new("75", 2026, 123).expect("valid");
        assert_eq!(n.to_string(), "QN-75-2026-000123");
        assert_eq!("qn-75-2026-000123".parse::<ApplicationNumber>(), Ok(n));
        for (bad, code) in [
            ("QN-75-2026-123", "application_number_format"),
            ("XX-75-2026-000123", "application_number_format"),
            ("QN-99-2026-000123", "application_number_region"),
            ("QN-75-2026-000000", "application_number_format"),
            ("QN-75-2026-000123-1", "application_number_format"),
        ] {
            assert_eq!(
                bad.parse::<ApplicationNumber>().map_err(NumberError::code),
                Err(code),
                "{bad}"
            );
        }
    }
}
