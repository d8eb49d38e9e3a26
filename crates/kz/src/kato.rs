//! KATO, the classifier of administrative-territorial objects (Классификатор административно-территориальных
//! объектов) kept by the Bureau of National Statistics.
//!
//! A code is 9 digits `AB CD EF HIJ`: `AB` the region or city of republican significance, then district,
//! rural/urban okrug and settlement. A region's own code is its two digits followed by zeros. Only the
//! regions are listed here: lower levels change with district reforms and are accepted by structure.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use crate::ErrorCode;
use crate::ascii::{self, DigitsError};

/// A KATO code: 9 digits whose first two name one of the 20 [`Region`]s.
#[derive(Clone, Copy)]
pub struct Kato {
    digits: [u8; 9],
    // Looked up once at construction; equality, order and hash use `digits` alone.
    region: &'static Region,
}

/// A region (облыс / область) or city of republican significance, the first level of KATO.
///
/// Values exist only in the table of this crate (see [`Kato::regions`]); the struct is
/// `#[non_exhaustive]` so no other crate can make one up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Region {
    /// The region's KATO code: `"100000000"`.
    pub kato: &'static str,
    /// ISO 3166-2 code: `"KZ-10"` (its number equals the KATO prefix).
    pub iso: &'static str,
    /// Kazakh name: `"Абай облысы"`.
    pub name_kk: &'static str,
    /// Russian name: `"область Абай"`.
    pub name_ru: &'static str,
    /// English name: `"Abai Region"`.
    pub name_en: &'static str,
    /// Administrative centre in English; for the three cities, the city itself.
    pub centre_en: &'static str,
}

/// The 20 first-level units as of 2025/2026, after Decree No. 887 of 3 May 2022 created Abai, Jetisu and
/// Ulytau regions (kz-reference section 5; stat.gov.kz, ISO 3166-2:KZ).
#[rustfmt::skip]
static REGIONS: [Region; 20] = [
    region("100000000", "KZ-10", "Абай облысы",                "область Абай",                   "Abai Region",             "Semey"),
    region("110000000", "KZ-11", "Ақмола облысы",              "Акмолинская область",            "Akmola Region",           "Kokshetau"),
    region("150000000", "KZ-15", "Ақтөбе облысы",              "Актюбинская область",            "Aktobe Region",           "Aktobe"),
    region("190000000", "KZ-19", "Алматы облысы",              "Алматинская область",            "Almaty Region",           "Konaev"),
    region("230000000", "KZ-23", "Атырау облысы",              "Атырауская область",             "Atyrau Region",           "Atyrau"),
    region("270000000", "KZ-27", "Батыс Қазақстан облысы",     "Западно-Казахстанская область",  "West Kazakhstan Region",  "Oral"),
    region("310000000", "KZ-31", "Жамбыл облысы",              "Жамбылская область",             "Zhambyl Region",          "Taraz"),
    region("330000000", "KZ-33", "Жетісу облысы",              "область Жетісу",                 "Jetisu Region",           "Taldykorgan"),
    region("350000000", "KZ-35", "Қарағанды облысы",           "Карагандинская область",         "Karaganda Region",        "Karaganda"),
    region("390000000", "KZ-39", "Қостанай облысы",            "Костанайская область",           "Kostanay Region",         "Kostanay"),
    region("430000000", "KZ-43", "Қызылорда облысы",           "Кызылординская область",         "Kyzylorda Region",        "Kyzylorda"),
    region("470000000", "KZ-47", "Маңғыстау облысы",           "Мангистауская область",          "Mangystau Region",        "Aktau"),
    region("550000000", "KZ-55", "Павлодар облысы",            "Павлодарская область",           "Pavlodar Region",         "Pavlodar"),
    region("590000000", "KZ-59", "Солтүстік Қазақстан облысы", "Северо-Казахстанская область",   "North Kazakhstan Region", "Petropavl"),
    region("610000000", "KZ-61", "Түркістан облысы",           "Туркестанская область",          "Turkistan Region",        "Turkistan"),
    region("620000000", "KZ-62", "Ұлытау облысы",              "область Ұлытау",                 "Ulytau Region",           "Zhezkazgan"),
    region("630000000", "KZ-63", "Шығыс Қазақстан облысы",     "Восточно-Казахстанская область", "East Kazakhstan Region",  "Oskemen"),
    region("710000000", "KZ-71", "Астана қаласы",              "город Астана",                   "Astana",                  "Astana"),
    region("750000000", "KZ-75", "Алматы қаласы",              "город Алматы",                   "Almaty",                  "Almaty"),
    region("790000000", "KZ-79", "Шымкент қаласы",             "город Шымкент",                  "Shymkent",                "Shymkent"),
];

const fn region(
    kato: &'static str,
    iso: &'static str,
    name_kk: &'static str,
    name_ru: &'static str,
    name_en: &'static str,
    centre_en: &'static str,
) -> Region {
    Region {
        kato,
        iso,
        name_kk,
        name_ru,
        name_en,
        centre_en,
    }
}

/// The region whose code starts with these two ASCII digits.
fn region_by_prefix(a: u8, b: u8) -> Option<&'static Region> {
    REGIONS.iter().find(|r| r.kato.as_bytes().starts_with(&[a, b]))
}

/// Why a string is not a KATO code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KatoError {
    /// Not 9 characters (after trimming surrounding whitespace).
    #[error("kato code must be 9 digits")]
    Length,
    /// A character is not an ASCII digit.
    #[error("kato code must contain only digits")]
    NotDigits,
    /// The first two digits are not one of the 20 regions and cities of republican significance.
    #[error("kato code does not start with a region code")]
    Region,
}

impl KatoError {
    pub const CODES: &'static [&'static str] = &["kato_length", "kato_not_digits", "kato_region"];
}

impl ErrorCode for KatoError {
    fn code(&self) -> &'static str {
        match self {
            KatoError::Length => "kato_length",
            KatoError::NotDigits => "kato_not_digits",
            KatoError::Region => "kato_region",
        }
    }
}

impl Kato {
    /// Parses a KATO code; surrounding whitespace is ignored. Checks length, digits, then the region.
    pub fn parse(s: &str) -> Result<Kato, KatoError> {
        let digits = ascii::fixed_digits::<9>(s).map_err(|e| match e {
            DigitsError::Length => KatoError::Length,
            DigitsError::NotDigits => KatoError::NotDigits,
        })?;
        let [a, b, ..] = digits;
        let region = region_by_prefix(a, b).ok_or(KatoError::Region)?;
        Ok(Kato { digits, region })
    }

    /// The code of a region itself (`"100000000"` for Abai Region).
    pub fn region_of(region: &Region) -> Kato {
        let [first, ..] = &REGIONS;
        // Every `Region` is a row of the table (no other crate can build one), so the fallback is never taken.
        let row = REGIONS.iter().find(|r| r.kato == region.kato).unwrap_or(first);
        let mut digits = [b'0'; 9];
        for (slot, b) in digits.iter_mut().zip(row.kato.bytes()) {
            *slot = b;
        }
        Kato { digits, region: row }
    }

    /// The 9 digits.
    pub fn as_str(&self) -> &str {
        ascii::as_str(&self.digits)
    }

    /// The region or city of republican significance the code belongs to.
    pub fn region(&self) -> &'static Region {
        self.region
    }

    /// Whether this is a region's own code (digits 3–9 all zero).
    pub fn is_region_level(&self) -> bool {
        self.digits.iter().skip(2).all(|&b| b == b'0')
    }

    /// The 20 regions and cities of republican significance, in KATO order.
    pub fn regions() -> &'static [Region] {
        &REGIONS
    }
}

impl PartialEq for Kato {
    fn eq(&self, other: &Kato) -> bool {
        self.digits == other.digits
    }
}

impl Eq for Kato {}

impl PartialOrd for Kato {
    fn partial_cmp(&self, other: &Kato) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Kato {
    fn cmp(&self, other: &Kato) -> Ordering {
        self.digits.cmp(&other.digits)
    }
}

impl Hash for Kato {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.digits.hash(state);
    }
}

impl FromStr for Kato {
    type Err = KatoError;

    fn from_str(s: &str) -> Result<Kato, KatoError> {
        Kato::parse(s)
    }
}

impl fmt::Display for Kato {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl fmt::Debug for Kato {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Kato({})", self.as_str())
    }
}

#[cfg(test)]
mod tests;
