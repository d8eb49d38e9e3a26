//! User-facing text: the Kazakh and Russian message catalogs (Fluent) and locale formatting.
//!
//! No user-visible sentence is built in Rust code; every error and refusal carries a stable code and the text
//! for it comes from `locales/{kk,ru}/*.ftl`, one file per service (common, quota, resettlement, …) so that
//! a service's texts live beside each other. Kazakh is the default language.
//!
//! ```
//! use render::{Catalog, Lang};
//! let catalog = Catalog::new();
//! assert_eq!(catalog.message(Lang::Ru, "iin_length", &[]), "ИИН должен состоять из 12 цифр");
//! ```
//!
//! Points of law are shown in words (`Catalog::legal_ref`), never in the notation of `law/`. The terms of
//! order No. 359 are listed in `locales/glossary.toml`, with the variants a repository test refuses.

use std::fmt;
use std::str::FromStr;

mod words;

pub use words::{amount_in_words, date_attributive, date_long, date_numeric, number_in_words};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

mod legal_ref;

pub use legal_ref::Point;

/// The catalog files of one language, in the order they are loaded; `kk` and `ru` list the same files.
macro_rules! catalog_files {
    ($lang:literal) => {
        [
            ("common", include_str!(concat!("../locales/", $lang, "/common.ftl"))),
            ("quota", include_str!(concat!("../locales/", $lang, "/quota.ftl"))),
            (
                "resettlement",
                include_str!(concat!("../locales/", $lang, "/resettlement.ftl")),
            ),
            (
                "certificate",
                include_str!(concat!("../locales/", $lang, "/certificate.ftl")),
            ),
            ("rent", include_str!(concat!("../locales/", $lang, "/rent.ftl"))),
            (
                "relocation",
                include_str!(concat!("../locales/", $lang, "/relocation.ftl")),
            ),
            ("employer", include_str!(concat!("../locales/", $lang, "/employer.ftl"))),
            ("appeal", include_str!(concat!("../locales/", $lang, "/appeal.ftl"))),
            ("law", include_str!(concat!("../locales/", $lang, "/law.ftl"))),
            ("admin", include_str!(concat!("../locales/", $lang, "/admin.ftl"))),
            (
                "documents",
                include_str!(concat!("../locales/", $lang, "/documents.ftl")),
            ),
        ]
    };
}

const KK: [(&str, &str); 11] = catalog_files!("kk");
const RU: [(&str, &str); 11] = catalog_files!("ru");

/// A language of the user interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Kk,
    Ru,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Kk, Lang::Ru];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language: use kk or ru")]
pub struct UnknownLang;

impl FromStr for Lang {
    type Err = UnknownLang;
    fn from_str(s: &str) -> Result<Lang, UnknownLang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "kk" | "kz" | "kk-kz" => Ok(Lang::Kk),
            "ru" | "ru-kz" | "ru-ru" => Ok(Lang::Ru),
            _ => Err(UnknownLang),
        }
    }
}

/// An argument of a message: text shown as it is, or a count the message may choose a plural form by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arg<'a> {
    Text(&'a str),
    Count(u64),
}

/// Both catalogs, parsed once.
pub struct Catalog {
    kk: FluentBundle<FluentResource>,
    ru: FluentBundle<FluentResource>,
    kk_keys: Vec<String>,
    ru_keys: Vec<String>,
}

impl fmt::Debug for Catalog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Catalog")
            .field("kk_keys", &self.kk_keys.len())
            .field("ru_keys", &self.ru_keys.len())
            .finish()
    }
}

impl Default for Catalog {
    fn default() -> Self {
        Catalog::new()
    }
}

fn bundle(lang: LanguageIdentifier, files: &[(&str, &'static str)]) -> (FluentBundle<FluentResource>, Vec<String>) {
    let mut bundle = FluentBundle::new_concurrent(vec![lang]);
    // Plain text output (terminal, PDF, CSV) must not carry Unicode isolation marks.
    bundle.set_use_isolating(false);
    let mut keys = Vec::new();
    for (_name, source) in files {
        // The catalogs are compiled in; a syntax error is caught by the tests, and the parser keeps
        // every entry it could read, so a damaged line costs one message, not the whole catalog.
        let resource = FluentResource::try_new((*source).to_owned()).unwrap_or_else(|(partial, _errors)| partial);
        keys.extend(resource.entries().filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        }));
        // Duplicate keys (also across files) are reported by the tests; the first definition wins.
        let _ = bundle.add_resource(resource);
    }
    (bundle, keys)
}

impl Catalog {
    pub fn new() -> Catalog {
        let (kk, kk_keys) = bundle(unic_langid::langid!("kk"), &KK);
        let (ru, ru_keys) = bundle(unic_langid::langid!("ru"), &RU);
        Catalog {
            kk,
            ru,
            kk_keys,
            ru_keys,
        }
    }

    /// The message for `key` in `lang` with its arguments; the key itself when the catalog lacks it
    /// (a test makes sure none is missing), so a defect shows as a code rather than as nothing.
    pub fn message(&self, lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
        let args: Vec<(&str, Arg<'_>)> = args.iter().map(|(name, value)| (*name, Arg::Text(value))).collect();
        self.message_args(lang, key, &args)
    }

    /// [`Catalog::message`] with counts among the arguments, so that a message can choose its plural form:
    /// «просрочено на 1 рабочий день», «… на 3 рабочих дня», «… на 5 рабочих дней».
    ///
    /// ```
    /// use render::{Arg, Catalog, Lang};
    /// let catalog = Catalog::new();
    /// let overdue = |n| catalog.message_args(Lang::Ru, "ui-overdue-by", &[("days", Arg::Count(n))]);
    /// assert_eq!(overdue(3), "просрочено на 3 рабочих дня");
    /// assert_eq!(overdue(5), "просрочено на 5 рабочих дней");
    /// ```
    pub fn message_args(&self, lang: Lang, key: &str, args: &[(&str, Arg<'_>)]) -> String {
        let bundle = match lang {
            Lang::Kk => &self.kk,
            Lang::Ru => &self.ru,
        };
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            return key.to_owned();
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            let value = match *value {
                Arg::Text(text) => FluentValue::from(text),
                Arg::Count(n) => FluentValue::from(n),
            };
            fluent_args.set(*name, value);
        }
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned()
    }

    pub fn has(&self, lang: Lang, key: &str) -> bool {
        self.keys(lang).iter().any(|k| k == key)
    }

    /// Every message key of a catalog, in file order.
    pub fn keys(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::Kk => &self.kk_keys,
            Lang::Ru => &self.ru_keys,
        }
    }
}

/// An amount of tiyn as kk/ru users write it: `1 234 567,89 ₸` (no-break space between groups, comma decimals).
pub fn format_tiyn(tiyn: i64) -> String {
    let sign = if tiyn < 0 { "-" } else { "" };
    let abs = tiyn.unsigned_abs();
    let (tenge, rest) = (abs / 100, abs % 100);
    let digits = tenge.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 * 2);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push('\u{a0}');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped},{rest:02}\u{a0}₸")
}

#[cfg(test)]
mod tests;
