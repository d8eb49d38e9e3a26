//! Kazakh IBAN (ЖСК / ИИК, individual identification code of a bank account) and the bank-code table.
//!
//! Format (ISO 13616, SWIFT IBAN registry: `KZ` BBAN `3!n13!c`): `KZ`, two check digits, a 3-digit bank
//! code and 13 alphanumeric account characters, 20 in all. IBANs replaced the old account numbers in
//! Kazakhstan on 7 June 2010.

use std::fmt;
use std::str::FromStr;

use crate::ErrorCode;
use crate::ascii::{self, ascii_digit};

const LEN: usize = 20;
const ACCOUNT_LEN: usize = 13;

/// A Kazakh IBAN (ИИК), stored in canonical form: upper case, no spaces, 20 characters.
///
/// The account number is personal data: `Debug` hides the check digits and all but the last four
/// characters of the account. `Display` gives the canonical form; [`Iban::grouped`] the form for screens.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Iban([u8; LEN]);

/// A bank from the code table: the 3-digit code in IBANs, its BIC (БИК) and its name.
///
/// Names change with mergers and rebranding; the code and BIC are what payments use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Bank {
    pub code: &'static str,
    pub bic: &'static str,
    pub name: &'static str,
}

/// Banks and payment institutions by IBAN bank code, as of 2025/2026 (kz-reference section 4: three
/// independent public lists agree; the major codes are confirmed by published requisites).
static BANKS: [Bank; 28] = [
    bank("601", "HSBKKZKX", "Halyk Bank"),
    bank("722", "CASPKZKA", "Kaspi Bank"),
    bank("856", "KCJBKZKX", "Bank CenterCredit"),
    bank("965", "IRTYKZKA", "ForteBank"),
    bank("998", "TSESKZKA", "Alatau City Bank"),
    bank("551", "KSNVKZKA", "Freedom Bank Kazakhstan"),
    bank("886", "INLMKZKA", "Home Credit Bank"),
    bank("948", "EURIKZKA", "Eurasian Bank"),
    bank("914", "BRKEKZKA", "Bereke Bank"),
    bank("972", "HCSKKZKA", "Otbasy Bank"),
    bank("849", "NURSKZKX", "Nurbank"),
    bank("821", "KINCKZKA", "Bank RBK"),
    bank("949", "ATYNKZKA", "Altyn Bank"),
    bank("832", "CITIKZKA", "Citibank Kazakhstan"),
    bank("432", "VTBAKZKZ", "VTB Bank (Kazakhstan)"),
    bank("435", "SHBKKZKA", "Shinhan Bank Kazakhstan"),
    bank("913", "BKCHKZKA", "Bank of China Kazakhstan"),
    bank("930", "ICBKKZKX", "ICBC Almaty"),
    bank("885", "KZIBKZKA", "Kazakhstan-Ziraat International Bank"),
    bank("896", "ZAJSKZ22", "Islamic Bank Zaman-Bank"),
    bank("246", "HLALKZKZ", "Islamic Bank ADCB"),
    bank("724", "MOKFKZKA", "Commercial Bank BNK"),
    bank("719", "KMFBKZKK", "KMF Bank"),
    bank("563", "KPSTKZKA", "Kazpost"),
    bank("907", "DVKAKZKA", "Development Bank of Kazakhstan"),
    bank("125", "NBRKKZKX", "National Bank of Kazakhstan"),
    bank("070", "KKMFKZ2A", "Treasury Committee of the Ministry of Finance"),
    bank("009", "GCVPKZ2A", "State Corporation \"Government for Citizens\""),
];

const fn bank(code: &'static str, bic: &'static str, name: &'static str) -> Bank {
    Bank { code, bic, name }
}

/// Why a string is not a Kazakh IBAN, or why [`Iban::from_parts`] cannot build one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IbanError {
    /// Not 20 characters once spaces are removed (or, in `from_parts`, an account that is not 13).
    #[error("iban must be 20 characters starting with kz")]
    Length,
    /// Does not start with `KZ`.
    #[error("iban must start with kz")]
    Country,
    /// A character is not a Latin letter or digit, or a check digit is not a digit.
    #[error("iban may contain only latin letters and digits")]
    Characters,
    /// Characters 5–7 (the bank code) are not three digits.
    #[error("iban bank code must be three digits")]
    BankCode,
    /// The ISO 13616 check (mod 97) fails, or the check digits are 00, 01 or 99, which it never produces.
    #[error("iban check digits do not match")]
    Checksum,
}

impl IbanError {
    pub const CODES: &'static [&'static str] = &[
        "iban_length",
        "iban_country",
        "iban_characters",
        "iban_bank_code",
        "iban_checksum",
    ];
}

impl ErrorCode for IbanError {
    fn code(&self) -> &'static str {
        match self {
            IbanError::Length => "iban_length",
            IbanError::Country => "iban_country",
            IbanError::Characters => "iban_characters",
            IbanError::BankCode => "iban_bank_code",
            IbanError::Checksum => "iban_checksum",
        }
    }
}

impl Iban {
    /// Parses an IBAN written with or without spaces, in either case.
    ///
    /// Every whitespace character is dropped (people copy IBANs grouped by four, sometimes with
    /// non-breaking spaces). Checks, in order: length, `KZ`, characters, bank code, checksum.
    pub fn parse(s: &str) -> Result<Iban, IbanError> {
        let mut buf = [0u8; LEN];
        let mut len = 0usize;
        for c in s.chars().filter(|c| !c.is_whitespace()) {
            if let Some(slot) = buf.get_mut(len) {
                // A non-ASCII character becomes a byte no later check accepts.
                *slot = if c.is_ascii() { c.to_ascii_uppercase() as u8 } else { 0 };
            }
            len += 1;
        }
        if len != LEN {
            return Err(IbanError::Length);
        }
        let [k, z, c1, c2, b1, b2, b3, ..] = buf;
        if [k, z] != *b"KZ" {
            return Err(IbanError::Country);
        }
        if !buf.iter().all(u8::is_ascii_alphanumeric) || !c1.is_ascii_digit() || !c2.is_ascii_digit() {
            return Err(IbanError::Characters);
        }
        if ![b1, b2, b3].iter().all(u8::is_ascii_digit) {
            return Err(IbanError::BankCode);
        }
        // ISO 13616 check digits are 02..=98; 00, 01 and 99 are congruent to valid ones but never issued.
        let check = (c1 - b'0') * 10 + (c2 - b'0');
        if !(2..=98).contains(&check) || mod97(buf.iter().skip(4).chain(buf.iter().take(4))) != 1 {
            return Err(IbanError::Checksum);
        }
        Ok(Iban(buf))
    }

    /// Builds the IBAN for a bank code and a 13-character account, computing the check digits.
    ///
    /// The account may be lower case and contain spaces. Fails with [`IbanError::BankCode`] unless
    /// `bank_code` is three digits, [`IbanError::Length`] unless the account has 13 characters and
    /// [`IbanError::Characters`] for anything but Latin letters and digits.
    pub fn from_parts(bank_code: &str, account: &str) -> Result<Iban, IbanError> {
        let mut buf = [b'K', b'Z', b'0', b'0', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        let code: [u8; 3] = bank_code.as_bytes().try_into().map_err(|_| IbanError::BankCode)?;
        if !code.iter().all(u8::is_ascii_digit) {
            return Err(IbanError::BankCode);
        }
        let mut len = 0usize;
        for c in account.chars().filter(|c| !c.is_whitespace()) {
            if !c.is_ascii_alphanumeric() {
                return Err(IbanError::Characters);
            }
            if let Some(slot) = buf.get_mut(7 + len) {
                *slot = c.to_ascii_uppercase() as u8;
            }
            len += 1;
        }
        if len != ACCOUNT_LEN {
            return Err(IbanError::Length);
        }
        for (slot, b) in buf.iter_mut().skip(4).zip(code) {
            *slot = b;
        }
        // With check digits 00 the remainder r gives check digits 98 - r, which make the whole number ≡ 1.
        let check = 98 - mod97(buf.iter().skip(4).chain(buf.iter().take(4)));
        buf[2] = ascii_digit(check / 10);
        buf[3] = ascii_digit(check);
        Ok(Iban(buf))
    }

    /// The canonical form: `KZ186010001234567890`.
    pub fn as_str(&self) -> &str {
        ascii::as_str(&self.0)
    }

    /// Groups of four separated by spaces, for screens and printed forms: `KZ18 6010 0012 3456 7890`.
    pub fn grouped(&self) -> String {
        let mut out = String::with_capacity(LEN + LEN / 4);
        for (i, chunk) in self.0.chunks(4).enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(ascii::as_str(chunk));
        }
        out
    }

    /// The two check digits (characters 3–4).
    pub fn check_digits(&self) -> &str {
        ascii::as_str(&self.0[2..4])
    }

    /// The 3-digit bank code (characters 5–7).
    pub fn bank_code(&self) -> &str {
        ascii::as_str(&self.0[4..7])
    }

    /// The 13-character account (characters 8–20).
    pub fn account(&self) -> &str {
        ascii::as_str(&self.0[7..])
    }

    /// The bank for [`Iban::bank_code`], or `None` for a code not in the table (still a valid IBAN:
    /// the table lags behind new licences and renames).
    pub fn bank(&self) -> Option<&'static Bank> {
        let code = self.bank_code();
        BANKS.iter().find(|b| b.code == code)
    }

    /// The bank-code table.
    pub fn banks() -> &'static [Bank] {
        &BANKS
    }
}

/// The ISO 7064 MOD 97-10 remainder of upper-case alphanumeric ASCII, letters counting as 10..=35.
fn mod97<'a>(chars: impl Iterator<Item = &'a u8>) -> u32 {
    chars.fold(0u32, |rem, &b| match b {
        b'0'..=b'9' => (rem * 10 + u32::from(b - b'0')) % 97,
        _ => (rem * 100 + u32::from(b.wrapping_sub(b'A')) + 10) % 97,
    })
}

impl FromStr for Iban {
    type Err = IbanError;

    fn from_str(s: &str) -> Result<Iban, IbanError> {
        Iban::parse(s)
    }
}

impl fmt::Display for Iban {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// Masked: `Iban(KZ**601*********7890)`. The bank code stays visible because it helps support staff and
/// identifies no one.
impl Iban {
    /// The account with the check digits and all but the bank code and the last four characters hidden:
    /// `KZ**601*********7890`. Safe to show on a screen that is not the owner's or to log.
    pub fn masked(&self) -> String {
        let [.., a, b, c, d] = self.0;
        let last4 = [a, b, c, d];
        format!("KZ**{}*********{}", self.bank_code(), ascii::as_str(&last4))
    }
}

impl fmt::Debug for Iban {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Iban({})", self.masked())
    }
}

#[cfg(test)]
mod tests;
