//! The individual identification number (ЖСН / ИИН).
//!
//! Legal basis: Law No. 223-III of 12 January 2007 "On national registers of identification numbers" and
//! Government Decree No. 406 of 22 May 2007 (rules for forming the identification number). The structure
//! below agrees with the Decree as summarised in public sources and with every public validator found.

use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;

use crate::ErrorCode;
use crate::ascii::{self, DigitsError, ascii_digit, digit};
use crate::mod11;

/// An individual identification number (ЖСН / ИИН): 12 digits.
///
/// - digits 1–6: birth date `YYMMDD`;
/// - digit 7: century and sex (1/2 = male/female born in the 1800s, 3/4 in the 1900s, 5/6 in the 2000s);
/// - digits 8–11: registration serial;
/// - digit 12: the mod-11 check digit (weights 1..11; when the remainder is 10, weights 3..11, 1, 2;
///   a second 10 means the prefix is never issued).
///
/// The check digit does not see the 11th digit unless the second pass is used (its pass-1 weight is
/// 11 ≡ 0 mod 11): a typo there usually yields another valid IIN, so confirm a typed IIN against the
/// person's name in the registry rather than trusting the check digit.
///
/// An IIN is personal data: `Debug` shows only the last four digits. `Display` gives all twelve, for the
/// places that need the number itself (registry requests, payment files).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Iin {
    digits: [u8; 12],
    // Derived from `digits` at parse time, kept so `birth_date` needs no fallible recomputation.
    birth_date: Date,
}

/// The sex encoded in the 7th digit of an IIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Sex {
    Male,
    Female,
}

/// Why a string is not an IIN, or why [`Iin::from_parts`] cannot build one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IinError {
    /// Not 12 characters (after trimming surrounding whitespace).
    #[error("iin must be 12 digits")]
    Length,
    /// A character is not an ASCII digit.
    #[error("iin must contain only digits")]
    NotDigits,
    /// The 7th digit is not in 1..=6.
    #[error("iin 7th digit (century and sex) must be 1 to 6")]
    CenturyDigit,
    /// Digits 1–6 with the century are not a real date, or (in `from_parts`) the year is outside 1800..=2099.
    #[error("iin birth date is not a real date between 1800 and 2099")]
    BirthDate,
    /// The 12th digit is not the check digit of the first eleven.
    #[error("iin check digit does not match")]
    CheckDigit,
    /// The first eleven digits have no check digit (10 in both passes), so no such IIN is issued.
    #[error("iin cannot exist: its check digit would be 10 in both passes")]
    Unusable,
    /// `from_parts` was given a serial above 9999.
    #[error("iin serial must be 0 to 9999")]
    Serial,
}

impl IinError {
    pub const CODES: &'static [&'static str] = &[
        "iin_length",
        "iin_not_digits",
        "iin_century_digit",
        "iin_birth_date",
        "iin_check_digit",
        "iin_unusable",
        "iin_serial",
    ];
}

impl ErrorCode for IinError {
    fn code(&self) -> &'static str {
        match self {
            IinError::Length => "iin_length",
            IinError::NotDigits => "iin_not_digits",
            IinError::CenturyDigit => "iin_century_digit",
            IinError::BirthDate => "iin_birth_date",
            IinError::CheckDigit => "iin_check_digit",
            IinError::Unusable => "iin_unusable",
            IinError::Serial => "iin_serial",
        }
    }
}

impl Iin {
    /// Parses an IIN; surrounding whitespace is ignored.
    ///
    /// Checks, in order: length, digits, the 7th digit, the birth date, the check digit. A birth date with
    /// day or month `00` (rumoured for people whose date of birth is unknown, unverified) is rejected.
    pub fn parse(s: &str) -> Result<Iin, IinError> {
        let digits = ascii::fixed_digits::<12>(s).map_err(|e| match e {
            DigitsError::Length => IinError::Length,
            DigitsError::NotDigits => IinError::NotDigits,
        })?;
        let [y1, y2, m1, m2, d1, d2, century, ..] = digits;
        let century_start: i16 = match digit(century) {
            1 | 2 => 1800,
            3 | 4 => 1900,
            5 | 6 => 2000,
            _ => return Err(IinError::CenturyDigit),
        };
        let year = century_start + i16::from(two_digits(y1, y2));
        let birth_date =
            Date::new(year, two_digits(m1, m2) as i8, two_digits(d1, d2) as i8).map_err(|_| IinError::BirthDate)?;
        match mod11::verify(&digits) {
            Ok(true) => Ok(Iin { digits, birth_date }),
            Ok(false) => Err(IinError::CheckDigit),
            Err(mod11::Unusable) => Err(IinError::Unusable),
        }
    }

    /// Builds the valid IIN with these parts, computing the century digit and the check digit.
    ///
    /// Meant for synthetic numbers (tests, the sandbox population): real IINs are issued, not made.
    /// `serial` becomes digits 8–11. Fails with [`IinError::BirthDate`] for a year outside 1800..=2099,
    /// [`IinError::Serial`] above 9999 and [`IinError::Unusable`] when the prefix has no check digit
    /// (try the next serial).
    pub fn from_parts(birth_date: Date, sex: Sex, serial: u16) -> Result<Iin, IinError> {
        let year = birth_date.year();
        if !(1800..=2099).contains(&year) {
            return Err(IinError::BirthDate);
        }
        if serial > 9999 {
            return Err(IinError::Serial);
        }
        let offset = (year - 1800) as u32;
        let century = 1 + 2 * (offset / 100) + u32::from(sex == Sex::Female);
        let yy = offset % 100;
        let (mm, dd) = (birth_date.month() as u32, birth_date.day() as u32);
        let serial = u32::from(serial);
        let mut digits = [
            ascii_digit(yy / 10),
            ascii_digit(yy),
            ascii_digit(mm / 10),
            ascii_digit(mm),
            ascii_digit(dd / 10),
            ascii_digit(dd),
            ascii_digit(century),
            ascii_digit(serial / 1000),
            ascii_digit(serial / 100),
            ascii_digit(serial / 10),
            ascii_digit(serial),
            b'0',
        ];
        let check = mod11::check_digit(&digits).ok_or(IinError::Unusable)?;
        if let Some(last) = digits.last_mut() {
            *last = ascii_digit(u32::from(check));
        }
        Ok(Iin { digits, birth_date })
    }

    /// The 12 digits.
    pub fn as_str(&self) -> &str {
        ascii::as_str(&self.digits)
    }

    /// The birth date from digits 1–6 and the century of digit 7.
    pub fn birth_date(&self) -> Date {
        self.birth_date
    }

    /// The sex from digit 7: odd is male, even is female.
    pub fn sex(&self) -> Sex {
        let [_, _, _, _, _, _, century, ..] = self.digits;
        if digit(century) % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        }
    }

    /// The number with all but the last four digits hidden: `********1235`.
    pub fn masked(&self) -> String {
        let [.., a, b, c, d] = self.digits;
        let mut out = String::with_capacity(12);
        out.push_str("********");
        out.extend([a, b, c, d].map(char::from));
        out
    }
}

fn two_digits(tens: u8, ones: u8) -> u8 {
    digit(tens) * 10 + digit(ones)
}

impl FromStr for Iin {
    type Err = IinError;

    fn from_str(s: &str) -> Result<Iin, IinError> {
        Iin::parse(s)
    }
}

impl fmt::Display for Iin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// Masked: an IIN identifies a person and `Debug` output ends up in logs.
impl fmt::Debug for Iin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Iin({})", self.masked())
    }
}

#[cfg(test)]
mod tests;
