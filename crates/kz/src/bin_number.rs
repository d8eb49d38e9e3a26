//! The business identification number (БСН / БИН).
//!
//! Legal basis: Law No. 223-III of 12 January 2007 "On national registers of identification numbers" and
//! Government Decree No. 406 of 22 May 2007. The check digit is the IIN's.
//!
//! (The module is not called `bin` because Cargo treats `src/bin/` as a directory of binaries.)

use std::fmt;
use std::str::FromStr;

use crate::ErrorCode;
use crate::ascii::{self, DigitsError, ascii_digit, digit};
use crate::mod11;

/// A business identification number (БСН / БИН): 12 digits.
///
/// - digits 1–4: year and month of registration `YYMM`;
/// - digit 5: entity type ([`EntityType`]: 4, 5 or 6);
/// - digit 6: attribute ([`BinAttribute`]);
/// - digits 7–11: serial;
/// - digit 12: the mod-11 check digit, computed as for the IIN (and as blind to most changes of the
///   11th digit, see [`Iin`](crate::Iin)).
///
/// A BIN identifies an organisation, not a person, so `Debug` shows it in full.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Bin {
    digits: [u8; 12],
    // Decoded from the 5th digit at construction, so `entity_type` needs no fallible lookup.
    entity: EntityType,
}

/// The kind of registrant, from the 5th digit of a BIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityType {
    /// 4: a resident legal entity.
    ResidentLegalEntity,
    /// 5: a non-resident legal entity.
    NonResidentLegalEntity,
    /// 6: an individual entrepreneur in joint entrepreneurship (ИП(С)).
    JointEntrepreneurship,
}

impl EntityType {
    /// The 5th digit of a BIN for this type.
    pub const fn digit(self) -> u8 {
        match self {
            EntityType::ResidentLegalEntity => 4,
            EntityType::NonResidentLegalEntity => 5,
            EntityType::JointEntrepreneurship => 6,
        }
    }

    const fn from_digit(d: u8) -> Option<EntityType> {
        match d {
            4 => Some(EntityType::ResidentLegalEntity),
            5 => Some(EntityType::NonResidentLegalEntity),
            6 => Some(EntityType::JointEntrepreneurship),
            _ => None,
        }
    }
}

/// The attribute in the 6th digit of a BIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BinAttribute {
    /// 0: the head office.
    HeadOffice,
    /// 1: a branch.
    Branch,
    /// 2: a representative office.
    RepresentativeOffice,
    /// 3: a peasant (farm) enterprise in joint entrepreneurship. Low confidence: recalled from the
    /// Decree, not confirmed by a source that was read.
    PeasantFarm,
}

impl BinAttribute {
    /// The 6th digit of a BIN for this attribute.
    pub const fn digit(self) -> u8 {
        match self {
            BinAttribute::HeadOffice => 0,
            BinAttribute::Branch => 1,
            BinAttribute::RepresentativeOffice => 2,
            BinAttribute::PeasantFarm => 3,
        }
    }
}

/// Why a string is not a BIN, or why [`Bin::from_parts`] cannot build one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BinError {
    /// Not 12 characters (after trimming surrounding whitespace).
    #[error("bin must be 12 digits")]
    Length,
    /// A character is not an ASCII digit.
    #[error("bin must contain only digits")]
    NotDigits,
    /// Digits 3–4 are not a month 01..=12 (or, in `from_parts`, the year is above 99).
    #[error("bin digits 1-4 must be a registration year and month 01 to 12")]
    Month,
    /// The 5th digit is not 4, 5 or 6.
    #[error("bin 5th digit (entity type) must be 4, 5 or 6")]
    EntityType,
    /// The 12th digit is not the check digit of the first eleven.
    #[error("bin check digit does not match")]
    CheckDigit,
    /// The first eleven digits have no check digit (10 in both passes), so no such BIN is issued.
    #[error("bin cannot exist: its check digit would be 10 in both passes")]
    Unusable,
    /// `from_parts` was given a serial above 99999 or an attribute digit above 9.
    #[error("bin serial or attribute digit does not fit its digits")]
    Serial,
}

impl BinError {
    pub const CODES: &'static [&'static str] = &[
        "bin_length",
        "bin_not_digits",
        "bin_month",
        "bin_entity_type",
        "bin_check_digit",
        "bin_unusable",
        "bin_serial",
    ];
}

impl ErrorCode for BinError {
    fn code(&self) -> &'static str {
        match self {
            BinError::Length => "bin_length",
            BinError::NotDigits => "bin_not_digits",
            BinError::Month => "bin_month",
            BinError::EntityType => "bin_entity_type",
            BinError::CheckDigit => "bin_check_digit",
            BinError::Unusable => "bin_unusable",
            BinError::Serial => "bin_serial",
        }
    }
}

impl Bin {
    /// Parses a BIN; surrounding whitespace is ignored.
    ///
    /// Checks, in order: length, digits, month, entity type, check digit. Any 6th digit is accepted
    /// (see [`Bin::attribute`]).
    pub fn parse(s: &str) -> Result<Bin, BinError> {
        let digits = ascii::fixed_digits::<12>(s).map_err(|e| match e {
            DigitsError::Length => BinError::Length,
            DigitsError::NotDigits => BinError::NotDigits,
        })?;
        let [_, _, m1, m2, entity, ..] = digits;
        if !(1..=12).contains(&(digit(m1) * 10 + digit(m2))) {
            return Err(BinError::Month);
        }
        let entity = EntityType::from_digit(digit(entity)).ok_or(BinError::EntityType)?;
        match mod11::verify(&digits) {
            Ok(true) => Ok(Bin { digits, entity }),
            Ok(false) => Err(BinError::CheckDigit),
            Err(mod11::Unusable) => Err(BinError::Unusable),
        }
    }

    /// Builds the valid BIN with these parts, computing the check digit.
    ///
    /// Meant for synthetic numbers in tests and the sandbox. `yy` is the two-digit year (0..=99), `mm` the
    /// month, `attribute_digit` the 6th digit (0..=9, see [`BinAttribute::digit`]) and `serial` digits 7–11
    /// (0..=99999). Fails with [`BinError::Unusable`] when the prefix has no check digit (try the next serial).
    pub fn from_parts(yy: u8, mm: u8, entity: EntityType, attribute_digit: u8, serial: u32) -> Result<Bin, BinError> {
        if yy > 99 || !(1..=12).contains(&mm) {
            return Err(BinError::Month);
        }
        if attribute_digit > 9 || serial > 99_999 {
            return Err(BinError::Serial);
        }
        let (yy, mm) = (u32::from(yy), u32::from(mm));
        let mut digits = [
            ascii_digit(yy / 10),
            ascii_digit(yy),
            ascii_digit(mm / 10),
            ascii_digit(mm),
            ascii_digit(u32::from(entity.digit())),
            ascii_digit(u32::from(attribute_digit)),
            ascii_digit(serial / 10_000),
            ascii_digit(serial / 1000),
            ascii_digit(serial / 100),
            ascii_digit(serial / 10),
            ascii_digit(serial),
            b'0',
        ];
        let check = mod11::check_digit(&digits).ok_or(BinError::Unusable)?;
        if let Some(last) = digits.last_mut() {
            *last = ascii_digit(u32::from(check));
        }
        Ok(Bin { digits, entity })
    }

    /// The 12 digits.
    pub fn as_str(&self) -> &str {
        ascii::as_str(&self.digits)
    }

    /// The registration year (two digits, 0..=99) and month (1..=12) from digits 1–4.
    ///
    /// The century is not encoded: public BINs of entities registered before the 2007 law start with
    /// their old registration month (e.g. `9401…`).
    pub fn registration_year_month(&self) -> (u8, u8) {
        let [y1, y2, m1, m2, ..] = self.digits;
        (digit(y1) * 10 + digit(y2), digit(m1) * 10 + digit(m2))
    }

    /// The entity type from the 5th digit.
    pub fn entity_type(&self) -> EntityType {
        self.entity
    }

    /// The attribute from the 6th digit: 0 head office, 1 branch, 2 representative office, 3 peasant farm.
    ///
    /// `None` for 4–9. Any 6th digit is accepted when parsing because the meaning of values from 3 up is
    /// not established by a source we have read (3 = peasant farm is low confidence), and rejecting a real
    /// BIN would be worse than not naming its attribute.
    pub fn attribute(&self) -> Option<BinAttribute> {
        let [_, _, _, _, _, attribute, ..] = self.digits;
        match digit(attribute) {
            0 => Some(BinAttribute::HeadOffice),
            1 => Some(BinAttribute::Branch),
            2 => Some(BinAttribute::RepresentativeOffice),
            3 => Some(BinAttribute::PeasantFarm),
            _ => None,
        }
    }
}

impl FromStr for Bin {
    type Err = BinError;

    fn from_str(s: &str) -> Result<Bin, BinError> {
        Bin::parse(s)
    }
}

impl fmt::Display for Bin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl fmt::Debug for Bin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Bin({})", self.as_str())
    }
}

#[cfg(test)]
mod tests;
