//! The forms as data: one TOML file per form in `law/forms/`, embedded at build time.
//!
//! A template names its form (`order-359-app-2`), the requirement it implements (`DOC-02`), where its
//! wording comes from (`source`: the order's appendix, or the procedure for the two Rules A forms the
//! order does not contain), the corner label, the title and its blocks in order: fixed paragraphs with
//! `{field}` placeholders, label/value rows, tables with their columns, choices, lists, the signature.
//! Every text has `kk` (verbatim from the order, with the spec's extraction repairs) and `ru`; the order
//! exists here only in Kazakh, so every `ru` text is a translation, and the file says so with
//! `ru_source = "translation"` (the loader refuses a file without it).
//!
//! | Requirement | Template | Form |
//! |---|---|---|
//! | DOC-01 | `order-359-app-1` | Rules A App 2: the service standard |
//! | DOC-02 | `order-359-app-2` | Rules A App 4: kandas inclusion decision |
//! | DOC-03 | `order-359-app-3` | Rules A App 5: kandas refusal decision |
//! | DOC-04 | `order-359-app-4` | Rules A App 6: resettler application |
//! | DOC-05 | `order-359-app-5` | Rules A App 9: resettler inclusion decision |
//! | DOC-06 | `order-359-app-6` | Rules A App 10: resettler refusal decision |
//! | DOC-07 | `order-359-app-7` | Rules B App 3: employer's application |
//! | DOC-08 | `order-359-app-8` | Rules B App 3-1: employment subsidy decision |
//! | DOC-09 | `order-359-app-9` | Rules B App 3-2: employer housing expenses decision |
//! | DOC-10 | `order-359-app-10` | Rules B App 5: intra-regional resettlement application |
//! | DOC-11 | `order-359-app-11` | Rules B App 6: referral with the tear-off notification |
//! | DOC-12 | `order-359-app-12` | Rules B App 7: certificate payment application |
//! | DOC-13 | `order-359-app-13` | Rules B App 8: relocation subsidy / rent application |
//! | DOC-14 | `order-359-app-14` | Rules B App 11: certificate payment decision |
//! | DOC-15 | `order-359-app-15` | Rules B App 12: relocation subsidy decision |
//! | DOC-16 | `order-359-app-16` | Rules B App 13: rent and utilities decision |
//! | DOC-17 | `order-359-app-17` | Rules B App 14: certificate refusal decision |
//! | DOC-18 | `rules-a-app-7`, `rules-a-app-8` | Rules A App 7 and 8 (from the procedure; the rent agreement of Decree No. 673 is not done) |
//!
//! DOC-19, the conventions common to the forms (the corner label and "Нысан" only, the date and number
//! line, the signature of the head, the literal "KZ" before an account, MCI and tenge columns apart), is
//! kept by the layout and the templates.
//!
//! `common.toml` holds the texts shared by all forms (the word "Нысан", page numbers, the footer, sex,
//! the messages of the verification report and of the errors).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use render::Lang;
use serde::Deserialize;

use crate::error::DocumentError;

/// A text in both languages, as written in a template.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub kk: String,
    pub ru: String,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Kk => &self.kk,
            Lang::Ru => &self.ru,
        }
    }
}

/// Where a form's wording comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// An appendix of order No. 359 (the Kazakh text is the order's).
    #[serde(rename = "order-359")]
    Order359,
    /// Not in the order: laid out from what the procedure says the document must carry.
    Procedure,
}

/// A form template.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// `order-359-app-N` or `rules-a-app-N`.
    pub id: String,
    /// The requirement of the specification (`DOC-02`).
    pub doc: String,
    pub source: Source,
    /// The appendix of the order and of the rules the form becomes, in words.
    pub basis: String,
    /// Must be `"translation"`: every `ru` text of the file is a translation of the Kazakh.
    pub ru_source: String,
    /// Notes for the reviewer: how a blank is filled, which extraction repair or ambiguity applies.
    #[serde(default)]
    pub notes: Vec<String>,
    /// The label of the top-right corner, without the word "Нысан" (added from `common.toml`).
    pub corner: Text,
    pub title: Text,
    pub blocks: Vec<Block>,
}

/// One block of a form, in the order it is printed.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Block {
    /// The date (in words) and the number of the document on one line.
    DateNumber,
    /// A value over a rule with its caption under it: `______ (Жергілікті атқарушы орган)`.
    Caption {
        /// A field key, or `issuer` for the issuing body.
        field: String,
        caption: Text,
        #[serde(default)]
        optional: bool,
    },
    /// Lines at the right (an addressee), with placeholders.
    Addressee { lines: Vec<Text> },
    /// A paragraph of fixed wording; `{key}` is replaced by a field's value, `{key:words}` by an amount in
    /// words.
    Paragraph {
        text: Text,
        #[serde(default = "yes")]
        indent: bool,
        #[serde(default)]
        bold: bool,
        #[serde(default)]
        center: bool,
    },
    /// Rows of a label and a value.
    Fields {
        #[serde(default)]
        heading: Option<Text>,
        rows: Vec<FieldRow>,
    },
    /// A table filled from the rows of `key`.
    Table {
        key: String,
        #[serde(default)]
        heading: Option<Text>,
        /// A first column with the row's serial number, headed by this text ("№ р/с").
        #[serde(default)]
        serial: Option<Text>,
        /// The form prints a row of column numbers under the header.
        #[serde(default)]
        numbered: bool,
        /// Fewest rows the data must give (0 for a family table of a person alone).
        #[serde(default)]
        min_rows: usize,
        columns: Vec<Column>,
    },
    /// Options with boxes; the chosen ones (field `key`, a choice) are marked.
    Choice {
        key: String,
        #[serde(default)]
        heading: Option<Text>,
        /// Left unmarked when the data has no choice (a part completed later by another body).
        #[serde(default)]
        optional: bool,
        options: Vec<ChoiceOption>,
    },
    /// A table whose cells are all fixed wording (the rows of the service standard).
    FixedTable { widths: Vec<f32>, rows: Vec<Vec<Text>> },
    /// A fixed list (attachments named by the form), numbered as the form numbers it.
    List {
        #[serde(default)]
        heading: Option<Text>,
        items: Vec<Text>,
    },
    /// The signature place: the label ("Басшының ЭЦҚ") and the signatory's name and position.
    Signature {
        label: Text,
        #[serde(default)]
        caption: Option<Text>,
    },
    /// The place of the seal ("М.О.").
    Seal { text: Text },
    /// A dashed cut line with its caption (the tear-off part of a referral).
    CutLine { text: Text },
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldRow {
    pub key: String,
    pub label: Text,
    #[serde(default)]
    pub optional: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    pub key: String,
    pub label: Text,
    /// Relative width.
    #[serde(default = "one")]
    pub width: f32,
    #[serde(default)]
    pub optional: bool,
}

fn one() -> f32 {
    1.0
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    pub key: String,
    pub text: Text,
}

/// The texts shared by all forms.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Common {
    pub ru_source: String,
    /// Every other text, by key.
    pub text: BTreeMap<String, Text>,
}

impl Common {
    /// The text of `key`; the key itself when missing (a test makes sure none is).
    pub fn get<'a>(&'a self, key: &'a str, lang: Lang) -> &'a str {
        self.text.get(key).map_or(key, |t| t.get(lang))
    }
}

/// The embedded files: the law-as-data a lawyer reviews.
const FILES: &[(&str, &str)] = &[
    (
        "order-359-app-1.toml",
        include_str!("../../../law/forms/order-359-app-1.toml"),
    ),
    (
        "order-359-app-2.toml",
        include_str!("../../../law/forms/order-359-app-2.toml"),
    ),
    (
        "order-359-app-3.toml",
        include_str!("../../../law/forms/order-359-app-3.toml"),
    ),
    (
        "order-359-app-4.toml",
        include_str!("../../../law/forms/order-359-app-4.toml"),
    ),
    (
        "order-359-app-5.toml",
        include_str!("../../../law/forms/order-359-app-5.toml"),
    ),
    (
        "order-359-app-6.toml",
        include_str!("../../../law/forms/order-359-app-6.toml"),
    ),
    (
        "order-359-app-7.toml",
        include_str!("../../../law/forms/order-359-app-7.toml"),
    ),
    (
        "order-359-app-8.toml",
        include_str!("../../../law/forms/order-359-app-8.toml"),
    ),
    (
        "order-359-app-9.toml",
        include_str!("../../../law/forms/order-359-app-9.toml"),
    ),
    (
        "order-359-app-10.toml",
        include_str!("../../../law/forms/order-359-app-10.toml"),
    ),
    (
        "order-359-app-11.toml",
        include_str!("../../../law/forms/order-359-app-11.toml"),
    ),
    (
        "order-359-app-12.toml",
        include_str!("../../../law/forms/order-359-app-12.toml"),
    ),
    (
        "order-359-app-13.toml",
        include_str!("../../../law/forms/order-359-app-13.toml"),
    ),
    (
        "order-359-app-14.toml",
        include_str!("../../../law/forms/order-359-app-14.toml"),
    ),
    (
        "order-359-app-15.toml",
        include_str!("../../../law/forms/order-359-app-15.toml"),
    ),
    (
        "order-359-app-16.toml",
        include_str!("../../../law/forms/order-359-app-16.toml"),
    ),
    (
        "order-359-app-17.toml",
        include_str!("../../../law/forms/order-359-app-17.toml"),
    ),
    (
        "rules-a-app-7.toml",
        include_str!("../../../law/forms/rules-a-app-7.toml"),
    ),
    (
        "rules-a-app-8.toml",
        include_str!("../../../law/forms/rules-a-app-8.toml"),
    ),
];

const COMMON: &str = include_str!("../../../law/forms/common.toml");

/// Every template and the common texts, parsed once.
pub struct Library {
    pub templates: Vec<Template>,
    pub common: Common,
}

impl std::fmt::Debug for Library {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Library")
            .field("templates", &self.templates.len())
            .finish()
    }
}

static LIBRARY: LazyLock<Result<Library, DocumentError>> = LazyLock::new(load);

/// The embedded templates, parsed and checked on first use.
pub fn library() -> Result<&'static Library, DocumentError> {
    LIBRARY.as_ref().map_err(Clone::clone)
}

/// Every form id, in the order of the files.
pub fn form_ids() -> Vec<&'static str> {
    FILES.iter().map(|(file, _)| file.trim_end_matches(".toml")).collect()
}

fn load() -> Result<Library, DocumentError> {
    let bad = |file: &str, detail: String| DocumentError::Template {
        file: file.to_owned(),
        detail,
    };
    let mut templates = Vec::with_capacity(FILES.len());
    for (file, source) in FILES {
        let template: Template = toml::from_str(source).map_err(|e| bad(file, e.to_string()))?;
        if format!("{}.toml", template.id) != *file {
            return Err(bad(file, format!("id {} does not match the file name", template.id)));
        }
        if template.ru_source != "translation" {
            return Err(bad(file, "ru_source must be \"translation\"".into()));
        }
        templates.push(template);
    }
    let common: Common = toml::from_str(COMMON).map_err(|e| bad("common.toml", e.to_string()))?;
    if common.ru_source != "translation" {
        return Err(bad("common.toml", "ru_source must be \"translation\"".into()));
    }
    Ok(Library { templates, common })
}

impl Library {
    pub fn template(&self, form: &str) -> Result<&Template, DocumentError> {
        self.templates
            .iter()
            .find(|t| t.id == form)
            .ok_or_else(|| DocumentError::UnknownForm { form: form.to_owned() })
    }
}

/// A piece of a template text: fixed wording, or a placeholder `{key}` / `{key:modifier}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    Fixed(&'a str),
    Field { key: &'a str, modifier: Option<&'a str> },
}

/// The pieces of a template text, in order. Modifiers: `words` (an amount in words), `long` (a date in
/// words), `attr` (a date in words before a noun: "2026 жылғы 10 наурыздағы"), `after_kz` (an IBAN
/// after the "KZ" the form prints). A key ending in `?` is optional and prints as a blank line when absent.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = rest.get(start + 1..).unwrap_or_default();
        let Some(end) = after.find('}') else { break };
        if let Some(fixed) = rest.get(..start).filter(|s| !s.is_empty()) {
            out.push(Piece::Fixed(fixed));
        }
        let inner = after.get(..end).unwrap_or_default();
        out.push(match inner.split_once(':') {
            Some((key, modifier)) => Piece::Field {
                key,
                modifier: Some(modifier),
            },
            None => Piece::Field {
                key: inner,
                modifier: None,
            },
        });
        rest = after.get(end + 1..).unwrap_or_default();
    }
    if !rest.is_empty() {
        out.push(Piece::Fixed(rest));
    }
    out
}
