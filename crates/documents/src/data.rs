//! The view model a form is filled from: one typed value per field, rows for tables, and the document's
//! own number, date, issuing body and signatory.
//!
//! A value is entered once and printed wherever the template asks for it (an amount in figures in a table
//! and in words in a sentence come from the same [`Money`]). The case services build a [`FormData`] from a
//! case; the template decides where each value goes and in which language.

use std::collections::BTreeMap;
use std::fmt;

use jiff::civil::Date;
use kz::{Iban, Iin, Money, Sex};

/// A text in both languages of the documents.
#[derive(Clone, PartialEq, Eq)]
pub struct Bilingual {
    pub kk: String,
    pub ru: String,
}

impl Bilingual {
    pub fn new(kk: impl Into<String>, ru: impl Into<String>) -> Bilingual {
        Bilingual {
            kk: kk.into(),
            ru: ru.into(),
        }
    }

    pub fn get(&self, lang: render::Lang) -> &str {
        match lang {
            render::Lang::Kk => &self.kk,
            render::Lang::Ru => &self.ru,
        }
    }
}

impl fmt::Debug for Bilingual {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Names of bodies and positions are not personal data, but the same type carries addresses.
        write!(f, "Bilingual({} chars)", self.kk.chars().count())
    }
}

/// One value of a field or a table cell.
#[derive(Clone, PartialEq, Eq)]
pub enum Value {
    /// The same text in both languages: a person's name, a number, an address as registered.
    Text(String),
    /// A text that differs by language: a body's name, a position, a relationship.
    Local(Bilingual),
    /// A date: `24.11.2026` in tables and lists, in words where the template says so.
    Date(Date),
    /// An amount: `7 028 125,00` in figures; `{key:words}` in a template writes it in words.
    Money(Money),
    /// An IIN, printed in full: the document is addressed to its owner and to the bodies that decide.
    Iin(Iin),
    /// Sex, printed from the common labels.
    Sex(Sex),
    /// A bank account; `{key:after_kz}` prints it after the literal «KZ» of the payment forms.
    Iban(Iban),
    /// A count (of MCI, of documents).
    Count(u64),
    /// The chosen option keys of a choice block.
    Choice(Vec<String>),
}

impl fmt::Debug for Value {
    /// Personal data stays out of logs: only the kind of value is shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Text(_) => f.write_str("Text(…)"),
            Value::Local(_) => f.write_str("Local(…)"),
            Value::Date(_) => f.write_str("Date(…)"),
            Value::Money(m) => write!(f, "{m:?}"),
            Value::Iin(i) => write!(f, "{i:?}"),
            Value::Sex(_) => f.write_str("Sex(…)"),
            Value::Iban(i) => write!(f, "{i:?}"),
            Value::Count(n) => write!(f, "Count({n})"),
            Value::Choice(keys) => write!(f, "Choice({keys:?})"),
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Text(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Text(s)
    }
}

impl From<Bilingual> for Value {
    fn from(b: Bilingual) -> Value {
        Value::Local(b)
    }
}

impl From<Date> for Value {
    fn from(d: Date) -> Value {
        Value::Date(d)
    }
}

impl From<Money> for Value {
    fn from(m: Money) -> Value {
        Value::Money(m)
    }
}

impl From<Iin> for Value {
    fn from(i: Iin) -> Value {
        Value::Iin(i)
    }
}

impl From<Iban> for Value {
    fn from(i: Iban) -> Value {
        Value::Iban(i)
    }
}

impl From<Sex> for Value {
    fn from(s: Sex) -> Value {
        Value::Sex(s)
    }
}

/// One row of a table: a value per column key.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Row(BTreeMap<String, Value>);

impl Row {
    pub fn new() -> Row {
        Row::default()
    }

    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Row {
        self.0.insert(key.to_owned(), value.into());
        self
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.get(key)
    }
}

impl fmt::Debug for Row {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.0.iter()).finish()
    }
}

/// The official who signs the document.
#[derive(Clone, PartialEq, Eq)]
pub struct Signatory {
    /// Surname, name, patronymic (if any).
    pub name: String,
    pub position: Bilingual,
}

impl fmt::Debug for Signatory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Signatory(…)")
    }
}

/// Everything a form is filled from.
///
/// ```
/// use documents::{Bilingual, FormData, Row, Signatory};
/// let data = FormData::new(
///     "order-359-app-17",
///     "LMC-55-2026-000042",
///     jiff::civil::date(2026, 11, 24),
///     Bilingual::new("Павлодар облыстарының", "Павлодарской области"),
///     Signatory { name: "Сапарова Айгүл Маратқызы".into(), position: Bilingual::new("Басшы", "Руководитель") },
/// )
/// .set("applicant.name", "Серікбаев Ерлан Болатұлы")
/// .row("family", Row::new().with("name", "Серікбаева Дана"));
/// assert_eq!(data.form(), "order-359-app-17");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct FormData {
    form: String,
    number: String,
    date: Date,
    issuer: Bilingual,
    signatory: Signatory,
    fields: BTreeMap<String, Value>,
    tables: BTreeMap<String, Vec<Row>>,
}

impl FormData {
    /// A document of `form` numbered `number` (letters, digits, `-`, `/`, `.`; checked when rendering), dated
    /// `date`, issued by `issuer` and signed by `signatory`.
    pub fn new(form: &str, number: &str, date: Date, issuer: Bilingual, signatory: Signatory) -> FormData {
        FormData {
            form: form.to_owned(),
            number: number.to_owned(),
            date,
            issuer,
            signatory,
            fields: BTreeMap::new(),
            tables: BTreeMap::new(),
        }
    }

    /// Sets a scalar field.
    pub fn set(mut self, key: &str, value: impl Into<Value>) -> FormData {
        self.fields.insert(key.to_owned(), value.into());
        self
    }

    /// Appends a row to a table.
    pub fn row(mut self, table: &str, row: Row) -> FormData {
        self.tables.entry(table.to_owned()).or_default().push(row);
        self
    }

    /// Declares a table with no rows (a family table of a person who moves alone).
    pub fn empty_table(mut self, table: &str) -> FormData {
        self.tables.entry(table.to_owned()).or_default();
        self
    }

    pub fn form(&self) -> &str {
        &self.form
    }

    pub fn number(&self) -> &str {
        &self.number
    }

    pub fn date(&self) -> Date {
        self.date
    }

    pub fn issuer(&self) -> &Bilingual {
        &self.issuer
    }

    pub fn signatory(&self) -> &Signatory {
        &self.signatory
    }

    pub fn field(&self, key: &str) -> Option<&Value> {
        self.fields.get(key)
    }

    pub fn table(&self, key: &str) -> Option<&[Row]> {
        self.tables.get(key).map(Vec::as_slice)
    }

    /// Every scalar field, in key order (for tests that look for each value in the output).
    pub fn fields(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.fields.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Every table with its rows, in key order.
    pub fn tables(&self) -> impl Iterator<Item = (&str, &[Row])> {
        self.tables.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }
}

impl fmt::Debug for FormData {
    /// The form, number and date, and only the keys of the fields: values are personal data.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FormData")
            .field("form", &self.form)
            .field("number", &self.number)
            .field("date", &self.date)
            .field("fields", &self.fields.keys().collect::<Vec<_>>())
            .field(
                "tables",
                &self.tables.iter().map(|(k, v)| (k, v.len())).collect::<Vec<_>>(),
            )
            .finish()
    }
}
