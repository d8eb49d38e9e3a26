//! Kazakhstan value types: identification numbers, bank accounts, territorial codes and money.
//!
//! Each type is a newtype over its canonical form that can only be obtained through a validating
//! constructor (`parse`, [`FromStr`](std::str::FromStr) or a `from_parts` builder), so a value that
//! exists is valid:
//!
//! - [`Iin`] (ЖСН/ИИН), the individual identification number: birth date, sex and mod-11 check digit;
//! - [`Bin`] (БСН/БИН), the business identification number: registration month, entity type, check digit;
//! - [`Iban`] (ЖСК/ИИК), a Kazakh IBAN with the table of bank codes ([`Bank`]);
//! - [`Kato`], the administrative-territorial classifier code, with the 20 [`Region`]s;
//! - [`Money`], an amount in integer tiyn (1 tenge = 100 tiyn) with checked arithmetic only;
//! - [`Mci`], a count of monthly calculation indices (АЕК/МРП).
//!
//! Every error is a small closed enum whose variants have a stable [`ErrorCode`]; the kk/ru messages
//! for those codes live in the catalogs of the `render` crate. Error messages never contain the input,
//! and `Debug` of [`Iin`] and [`Iban`] masks the number, so neither leaks personal data into logs.
//!
//! The crate is pure: no IO, no clock, no floats.
//!
//! ```
//! use kz::{ErrorCode, Iban, Iin, Money, Sex};
//!
//! let iin = Iin::parse("900115301235")?;
//! assert_eq!(iin.birth_date(), jiff::civil::date(1990, 1, 15));
//! assert_eq!(iin.sex(), Sex::Male);
//! assert_eq!(format!("{iin:?}"), "Iin(********1235)");
//!
//! let iban: Iban = "kz18 6010 0012 3456 7890".parse()?;
//! assert_eq!(iban.to_string(), "KZ186010001234567890");
//! assert_eq!(iban.bank().map(|b| b.bic), Some("HSBKKZKX"));
//!
//! let amount = Money::parse("1 234 567,89")?;
//! assert_eq!(amount.tiyn(), 123_456_789);
//! assert_eq!(amount.to_string(), "1234567.89");
//!
//! assert_eq!(Iin::parse("900115300124").map_err(|e| e.code()), Err("iin_check_digit"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod ascii;
mod bin_number;
mod iban;
mod iin;
mod kato;
mod mci;
mod mod11;
mod money;

pub use bin_number::{Bin, BinAttribute, BinError, EntityType};
pub use iban::{Bank, Iban, IbanError};
pub use iin::{Iin, IinError, Sex};
pub use kato::{Kato, KatoError, Region};
pub use mci::{Mci, MciError};
pub use money::{Money, MoneyError};

/// A stable, snake_case, user-facing error code; messages for it live in kk/ru catalogs elsewhere.
pub trait ErrorCode {
    /// The code, one of the error type's `CODES`.
    fn code(&self) -> &'static str;
}

/// Every code any error of this crate can return, for checking message catalogs.
pub fn codes() -> impl Iterator<Item = &'static str> {
    [
        IinError::CODES,
        BinError::CODES,
        IbanError::CODES,
        KatoError::CODES,
        MoneyError::CODES,
        MciError::CODES,
    ]
    .into_iter()
    .flatten()
    .copied()
}

#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;
