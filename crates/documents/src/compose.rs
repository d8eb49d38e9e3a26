//! A template filled with the data, in one language: the blocks the layout draws.
//!
//! This is where a missing field is found (every field a template prints is required unless marked
//! `optional`) and where values are formatted: dates `24.11.2026` (or in words where the template asks),
//! amounts `7 028 125,00` (or in words), sex and the words shared by all forms from `common.toml`.

use kz::{Money, Sex};
use render::Lang;

use crate::data::{FormData, Row, Value};
use crate::error::DocumentError;
use crate::template::{Block, Common, Piece, Template, pieces};

/// A run of text with its weight.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Run {
    pub(crate) text: String,
    pub(crate) bold: bool,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cell {
    pub(crate) text: String,
    pub(crate) right: bool,
}

/// A block ready for layout: every text final, in one language.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Filled {
    Corner {
        label: String,
        form: String,
    },
    Title(String),
    DateNumber {
        date: String,
        number: String,
    },
    Caption {
        value: String,
        caption: String,
    },
    Addressee(Vec<Vec<Run>>),
    Paragraph {
        runs: Vec<Run>,
        indent: bool,
        center: bool,
    },
    Fields {
        heading: Option<String>,
        rows: Vec<(String, String)>,
    },
    Table {
        heading: Option<String>,
        header: Vec<String>,
        widths: Vec<f32>,
        numbers: bool,
        rows: Vec<Vec<Cell>>,
    },
    Choice {
        heading: Option<String>,
        options: Vec<(String, bool)>,
    },
    List {
        heading: Option<String>,
        items: Vec<String>,
    },
    Signature {
        label: String,
        name: String,
        position: String,
        caption: Option<String>,
    },
    Seal(String),
    CutLine(String),
}

/// The filled blocks of `template` with `data` in `lang`.
pub(crate) fn fill(
    template: &Template,
    common: &Common,
    data: &FormData,
    lang: Lang,
) -> Result<Vec<Filled>, DocumentError> {
    let f = Filler {
        template,
        common,
        data,
        lang,
    };
    let mut out = vec![
        Filled::Corner {
            label: template.corner.get(lang).to_owned(),
            form: common.get("form", lang).to_owned(),
        },
        Filled::Title(f.plain(template.title.get(lang))?),
    ];
    for block in &template.blocks {
        out.push(f.block(block)?);
    }
    Ok(out)
}

struct Filler<'a> {
    template: &'a Template,
    common: &'a Common,
    data: &'a FormData,
    lang: Lang,
}

impl Filler<'_> {
    fn missing(&self, field: &str) -> DocumentError {
        DocumentError::MissingField {
            form: self.template.id.clone(),
            field: field.to_owned(),
        }
    }

    fn wrong(&self, field: &str) -> DocumentError {
        DocumentError::WrongValue {
            form: self.template.id.clone(),
            field: field.to_owned(),
        }
    }

    fn block(&self, block: &Block) -> Result<Filled, DocumentError> {
        let lang = self.lang;
        Ok(match block {
            Block::DateNumber => Filled::DateNumber {
                date: render::date_long(self.data.date(), lang),
                number: format!("№ {}", self.data.number()),
            },
            Block::Caption {
                field,
                caption,
                optional,
            } => Filled::Caption {
                value: Some(self.scalar(field, None, *optional)?)
                    .filter(|v| v != BLANK)
                    .unwrap_or_default(),
                caption: format!("({})", caption.get(lang)),
            },
            Block::Addressee { lines } => Filled::Addressee(
                lines
                    .iter()
                    .map(|l| self.runs(l.get(lang), false))
                    .collect::<Result<_, _>>()?,
            ),
            Block::Paragraph {
                text,
                indent,
                bold,
                center,
            } => Filled::Paragraph {
                runs: self.runs(text.get(lang), *bold)?,
                indent: *indent,
                center: *center,
            },
            Block::Fields { heading, rows } => Filled::Fields {
                heading: heading.as_ref().map(|h| h.get(lang).to_owned()),
                rows: rows
                    .iter()
                    .map(|r| Ok((r.label.get(lang).to_owned(), self.scalar(&r.key, None, r.optional)?)))
                    .collect::<Result<_, DocumentError>>()?,
            },
            Block::Table {
                key,
                heading,
                serial,
                numbered,
                min_rows,
                columns,
            } => {
                let rows = match self.data.table(key) {
                    Some(rows) => rows,
                    None if *min_rows == 0 => &[],
                    None => return Err(self.missing(key)),
                };
                if rows.len() < *min_rows {
                    return Err(self.missing(key));
                }
                let mut header: Vec<String> = serial.iter().map(|s| s.get(lang).to_owned()).collect();
                let mut widths: Vec<f32> = serial.iter().map(|_| 0.45).collect();
                for c in columns {
                    header.push(c.label.get(lang).to_owned());
                    widths.push(c.width);
                }
                let mut cells = Vec::with_capacity(rows.len());
                for (i, row) in rows.iter().enumerate() {
                    let mut line: Vec<Cell> = serial
                        .iter()
                        .map(|_| Cell {
                            text: (i + 1).to_string(),
                            right: false,
                        })
                        .collect();
                    for c in columns {
                        line.push(self.cell(key, row, &c.key, c.optional)?);
                    }
                    cells.push(line);
                }
                Filled::Table {
                    heading: heading.as_ref().map(|h| h.get(lang).to_owned()),
                    header,
                    widths,
                    numbers: *numbered,
                    rows: cells,
                }
            }
            Block::Choice {
                key,
                heading,
                optional,
                options,
            } => {
                let none = Vec::new();
                let chosen = match self.data.field(key) {
                    Some(Value::Choice(keys)) => keys,
                    Some(_) => return Err(self.wrong(key)),
                    None if *optional => &none,
                    None => return Err(self.missing(key)),
                };
                if (chosen.is_empty() && !*optional) || chosen.iter().any(|k| !options.iter().any(|o| &o.key == k)) {
                    return Err(self.wrong(key));
                }
                Filled::Choice {
                    heading: heading.as_ref().map(|h| h.get(lang).to_owned()),
                    options: options
                        .iter()
                        .map(|o| (o.text.get(lang).to_owned(), chosen.contains(&o.key)))
                        .collect(),
                }
            }
            Block::FixedTable { widths, rows } => Filled::Table {
                heading: None,
                header: Vec::new(),
                widths: widths.clone(),
                numbers: false,
                rows: rows
                    .iter()
                    .map(|r| {
                        r.iter()
                            .map(|c| Cell {
                                text: c.get(lang).to_owned(),
                                right: false,
                            })
                            .collect()
                    })
                    .collect(),
            },
            Block::List { heading, items } => Filled::List {
                heading: heading.as_ref().map(|h| h.get(lang).to_owned()),
                items: items.iter().map(|i| i.get(lang).to_owned()).collect(),
            },
            Block::Signature { label, caption } => Filled::Signature {
                label: label.get(lang).to_owned(),
                name: self.data.signatory().name.clone(),
                position: self.data.signatory().position.get(lang).to_owned(),
                caption: caption.as_ref().map(|c| self.plain(c.get(lang))).transpose()?,
            },
            Block::Seal { text } => Filled::Seal(text.get(lang).to_owned()),
            Block::CutLine { text } => Filled::CutLine(text.get(lang).to_owned()),
        })
    }

    /// A text with its placeholders filled, as one string.
    fn plain(&self, text: &str) -> Result<String, DocumentError> {
        Ok(self.runs(text, false)?.into_iter().map(|r| r.text).collect())
    }

    /// A paragraph's runs: fixed wording in the paragraph's weight, values in bold.
    fn runs(&self, text: &str, bold: bool) -> Result<Vec<Run>, DocumentError> {
        pieces(text)
            .into_iter()
            .map(|piece| match piece {
                Piece::Fixed(s) => Ok(Run {
                    text: s.to_owned(),
                    bold,
                }),
                Piece::Field { key, modifier } => {
                    let (key, optional) = match key.strip_suffix('?') {
                        Some(key) => (key, true),
                        None => (key, false),
                    };
                    Ok(Run {
                        text: self.scalar(key, modifier, optional)?,
                        bold: true,
                    })
                }
            })
            .collect()
    }

    /// A scalar field as text; the document's own number, date, issuer and signatory are fields too.
    fn scalar(&self, key: &str, modifier: Option<&str>, optional: bool) -> Result<String, DocumentError> {
        let lang = self.lang;
        let data = self.data;
        let builtin = match key {
            "number" => Some(data.number().to_owned()),
            "date" => Some(self.date(data.date(), modifier)),
            "issuer" => Some(data.issuer().get(lang).to_owned()),
            "signatory.name" => Some(data.signatory().name.clone()),
            "signatory.position" => Some(data.signatory().position.get(lang).to_owned()),
            _ => None,
        };
        if let Some(text) = builtin {
            return Ok(text);
        }
        match data.field(key) {
            Some(value) => self.value(key, value, modifier),
            None if optional => Ok(BLANK.to_owned()),
            None => Err(self.missing(key)),
        }
    }

    fn cell(&self, table: &str, row: &Row, key: &str, optional: bool) -> Result<Cell, DocumentError> {
        let path = || format!("{table}.{key}");
        match row.get(key) {
            Some(value) => Ok(Cell {
                text: self.value(&path(), value, None)?,
                right: matches!(value, Value::Money(_) | Value::Count(_)),
            }),
            None if optional => Ok(Cell {
                text: String::new(),
                right: false,
            }),
            None => Err(self.missing(&path())),
        }
    }

    fn value(&self, key: &str, value: &Value, modifier: Option<&str>) -> Result<String, DocumentError> {
        let lang = self.lang;
        Ok(match (value, modifier) {
            (Value::Text(s), None) => s.clone(),
            (Value::Local(b), None) => b.get(lang).to_owned(),
            (Value::Date(d), m @ (None | Some("long" | "attr"))) => self.date(*d, m),
            (Value::Money(m), None) => figures(*m),
            (Value::Money(m), Some("words")) => render::amount_in_words(*m, lang),
            (Value::Iin(i), None) => i.as_str().to_owned(),
            (Value::Iban(i), None) => i.to_string(),
            (Value::Iban(i), Some("after_kz")) => i.to_string().get(2..).unwrap_or_default().to_owned(),
            (Value::Sex(s), None) => self
                .common
                .get(
                    match s {
                        Sex::Male => "sex_male",
                        Sex::Female => "sex_female",
                    },
                    lang,
                )
                .to_owned(),
            (Value::Count(n), None) => n.to_string(),
            _ => return Err(self.wrong(key)),
        })
    }

    fn date(&self, date: jiff::civil::Date, modifier: Option<&str>) -> String {
        match modifier {
            Some("long") => render::date_long(date, self.lang),
            Some("attr") => render::date_attributive(date, self.lang),
            _ => render::date_numeric(date),
        }
    }
}

/// What an optional field left for later prints: the form's blank line.
const BLANK: &str = "____________";

/// An amount in figures as forms print it in their tenge columns: `7 028 125,00` (no-break spaces between
/// groups, no currency sign: the column or the sentence names the currency).
pub(crate) fn figures(m: Money) -> String {
    render::format_tiyn(m.tiyn())
        .trim_end_matches('₸')
        .trim_end_matches('\u{a0}')
        .to_owned()
}

/// The logical text of filled blocks, one line per paragraph, row or cell: what a reader of the document
/// must find in it, in order (the tests compare it with the text extracted from the PDF, and snapshot it).
pub(crate) fn text_lines(blocks: &[Filled]) -> Vec<String> {
    let mut lines = Vec::new();
    let runs = |r: &[Run]| r.iter().map(|r| r.text.as_str()).collect::<String>();
    for b in blocks {
        match b {
            Filled::Corner { label, form } => {
                lines.push(label.clone());
                lines.push(form.clone());
            }
            Filled::Title(t) => lines.push(t.clone()),
            Filled::DateNumber { date, number } => {
                lines.push(date.clone());
                lines.push(number.clone());
            }
            Filled::Caption { value, caption } => {
                if !value.is_empty() {
                    lines.push(value.clone());
                }
                lines.push(caption.clone());
            }
            Filled::Addressee(l) => lines.extend(l.iter().map(|r| runs(r))),
            Filled::Paragraph { runs: r, .. } => lines.push(runs(r)),
            Filled::Fields { heading, rows } => {
                lines.extend(heading.iter().cloned());
                for (label, value) in rows {
                    lines.push(format!("{label} | {value}"));
                }
            }
            Filled::Table {
                heading, header, rows, ..
            } => {
                lines.extend(heading.iter().cloned());
                lines.push(header.join(" | "));
                for row in rows {
                    lines.push(row.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join(" | "));
                }
            }
            Filled::Choice { heading, options } => {
                lines.extend(heading.iter().cloned());
                for (text, chosen) in options {
                    lines.push(format!("[{}] {text}", if *chosen { "x" } else { " " }));
                }
            }
            Filled::List { heading, items } => {
                lines.extend(heading.iter().cloned());
                lines.extend(items.iter().cloned());
            }
            Filled::Signature {
                label,
                name,
                position,
                caption,
            } => {
                lines.push(label.clone());
                lines.push(name.clone());
                lines.push(position.clone());
                lines.extend(caption.iter().cloned());
            }
            Filled::Seal(t) | Filled::CutLine(t) => lines.push(t.clone()),
        }
    }
    lines
}
