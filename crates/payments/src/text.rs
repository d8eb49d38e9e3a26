//! Validated identifiers, codes and texts that go into bank files.
//!
//! Each is parsed once at the edge, like the `kz` value types, so the writers never meet a string that
//! would break the file: identifiers use a character set every bank accepts, texts have no control characters
//! (XML 1.0 cannot carry most of them) and fit the ISO 20022 length of the element they fill.

use std::fmt;
use std::str::FromStr;

use kz::ErrorCode;

/// Why a string is not an identifier, a code or a text of a bank file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    /// Nothing but whitespace.
    #[error("text is empty")]
    Empty,
    /// More characters than the field holds.
    #[error("text is longer than its field")]
    TooLong,
    /// A character the field does not allow (control characters anywhere; in identifiers anything but Latin
    /// letters, digits and `-`; in codes anything but digits).
    #[error("text contains a character its field does not allow")]
    Characters,
    /// A code of fixed length has the wrong number of digits.
    #[error("code has the wrong number of digits")]
    CodeLength,
}

impl TextError {
    pub const CODES: &'static [&'static str] = &["text_empty", "text_too_long", "text_characters", "text_code_length"];
}

impl ErrorCode for TextError {
    fn code(&self) -> &'static str {
        match self {
            TextError::Empty => "text_empty",
            TextError::TooLong => "text_too_long",
            TextError::Characters => "text_characters",
            TextError::CodeLength => "text_code_length",
        }
    }
}

/// `s` trimmed, checked to be 1..=`max` characters of which every one satisfies `allowed`.
fn checked(s: &str, max: usize, allowed: impl Fn(char) -> bool) -> Result<&str, TextError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(TextError::Empty);
    }
    if s.chars().count() > max {
        return Err(TextError::TooLong);
    }
    if !s.chars().all(allowed) {
        return Err(TextError::Characters);
    }
    Ok(s)
}

fn id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-'
}

/// Any character XML 1.0 can carry in text, except control characters (line breaks and tabs included: a
/// name or a purpose is one line). Also excluded: the non-characters U+FFFE and U+FFFF, which XML forbids.
fn text_char(c: char) -> bool {
    !c.is_control() && c != '\u{fffe}' && c != '\u{ffff}'
}

macro_rules! string_newtype {
    ($(#[$doc:meta])* $name:ident, $max:expr, $allowed:expr) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(String);

        impl $name {
            /// The longest value, in characters.
            pub const MAX_CHARS: usize = $max;

            /// Parses the value; surrounding whitespace is dropped.
            pub fn parse(s: &str) -> Result<$name, TextError> {
                checked(s, $max, $allowed).map(|s| $name(s.to_owned()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl FromStr for $name {
            type Err = TextError;

            fn from_str(s: &str) -> Result<$name, TextError> {
                $name::parse(s)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.pad(&self.0)
            }
        }
    };
}

string_newtype!(
    /// The identifier of a payment order: stable, unique, chosen by the service that creates the order (for
    /// example from the application number, the measure and the month: `QN-75-2026-000123-R03`).
    ///
    /// It is the ISO 20022 end-to-end id, which the banks carry unchanged to the payee's bank and back in the
    /// notification, so a returned or booked payment finds its order. At most 32 Latin letters, digits and
    /// `-`: the end-to-end id holds 35 characters and the instruction id is this id followed by `/` and the
    /// two-digit attempt (`QN-…-R03/02`).
    OrderId,
    32,
    id_char
);

string_newtype!(
    /// The identifier of one bank file (the group header's message id), unique per payer.
    ///
    /// At most 26 Latin letters, digits and `-`: each payment information block is identified by this id, `-`
    /// and its execution date (`YYYYMMDD`), which must fit the 35 characters of `PmtInfId`.
    MessageId,
    26,
    id_char
);

string_newtype!(
    /// A one-line text of at most 140 characters (ISO 20022 `Max140Text`): a name or a payment purpose.
    ///
    /// Any script is allowed (Kazakh and Russian names are Cyrillic); control characters are not.
    Text,
    140,
    text_char
);

string_newtype!(
    /// A short reference of at most 35 characters (ISO 20022 `Max35Text`): an application number, a decision
    /// number.
    Reference,
    35,
    text_char
);

string_newtype!(
    /// A budget classification code (the budget programme, sub-programme and specific the payment is charged
    /// to), as the payer's finance department writes it: at most 32 Latin letters, digits and `.`, `/`, `-`.
    ///
    /// Its structure is set by budget legislation outside the spec (XREF-21); the code is configuration of the
    /// payer, never derived here.
    BudgetLine,
    32,
    |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '/' | '-')
);

impl fmt::Debug for OrderId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "OrderId({})", self.0)
    }
}

impl fmt::Debug for MessageId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MessageId({})", self.0)
    }
}

impl fmt::Debug for BudgetLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BudgetLine({})", self.0)
    }
}

impl fmt::Debug for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Reference({:?})", self.0)
    }
}

/// Shows the length only: a `Text` is often a person's name, and `Debug` output ends up in logs.
impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Text(<{} chars>)", self.0.chars().count())
    }
}

/// A code of `N` ASCII digits.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Digits<const N: usize>([u8; N]);

impl<const N: usize> Digits<N> {
    /// Parses exactly `N` digits; surrounding whitespace is dropped.
    pub fn parse(s: &str) -> Result<Digits<N>, TextError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(TextError::Empty);
        }
        if !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(TextError::Characters);
        }
        s.as_bytes().try_into().map(Digits).map_err(|_| TextError::CodeLength)
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII digits are ever stored.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

impl<const N: usize> FromStr for Digits<N> {
    type Err = TextError;

    fn from_str(s: &str) -> Result<Digits<N>, TextError> {
        Digits::parse(s)
    }
}

impl<const N: usize> fmt::Display for Digits<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl<const N: usize> fmt::Debug for Digits<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Digits({})", self.as_str())
    }
}

/// КНП (код назначения платежа / төлем мақсатының коды), the three-digit payment purpose code Kazakh payment
/// orders carry (kz-reference section 8). Which code each measure uses is not in the spec: it is payer
/// configuration ([`PayerConfig`](crate::PayerConfig)), never guessed here.
pub type Knp = Digits<3>;

/// A two-digit economic code: КОд (the sender's) or КБе (the beneficiary's): residency and economic sector
/// (kz-reference section 8; "19" is cited there for a resident individual, with medium confidence). Values
/// come from configuration or from the payee's registration data.
pub type EconomicCode = Digits<2>;
