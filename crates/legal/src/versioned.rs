//! Dated parameter values (OpenFisca style): one value per start date, each with its legal reference.

use jiff::civil::Date;

use crate::acts::LegalRef;

/// How sure we are of a value: from the reference facts' H/M/L marks, or not verified at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Confidence {
    High,
    Medium,
    Low,
    /// The value is a configurable default whose legal source could not be read (an XREF of the spec).
    Unverified,
}

impl Confidence {
    pub fn key(self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Medium => "medium",
            Confidence::Low => "low",
            Confidence::Unverified => "unverified",
        }
    }
}

/// Where a value comes from: the act and point that set it, and how it was established.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub legal: LegalRef,
    /// Publication or text the value was read from.
    pub source: Option<String>,
    pub confidence: Confidence,
    /// Interpretation or caveat a reviewer must see next to the value.
    pub note: Option<String>,
}

/// One value of a parameter and the period it is in force: `start..=end` (open-ended when `end` is `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition<T> {
    pub start: Date,
    pub end: Option<Date>,
    pub value: T,
    pub reference: Reference,
}

impl<T> Edition<T> {
    pub fn covers(&self, on: Date) -> bool {
        self.start <= on && self.end.is_none_or(|end| on <= end)
    }
}

/// The value a parameter has on a date is not known to Qonys: a date before the first edition we could
/// establish, or after the last edition's end. Never replaced by a guess.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("parameter {parameter} has no edition in force on {on}")]
pub struct NotCovered {
    pub parameter: String,
    pub on: Date,
}

impl NotCovered {
    pub const CODE: &'static str = "edition_not_covered";
}

/// Adding an edition was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditionError {
    /// Editions only ever append: a value already used by decisions is never edited in place.
    #[error("parameter {parameter}: a new edition must start after {last_start}")]
    NotAfterLast { parameter: String, last_start: Date },
    #[error("parameter {parameter}: edition ends before it starts")]
    EndBeforeStart { parameter: String },
    #[error("parameter {parameter}: editions overlap at {start}")]
    Overlap { parameter: String, start: Date },
    #[error("parameter {parameter} has no editions")]
    Empty { parameter: String },
}

impl EditionError {
    pub const CODES: &'static [&'static str] = &[
        "edition_not_after_last",
        "edition_end_before_start",
        "edition_overlap",
        "edition_empty",
    ];

    pub fn code(&self) -> &'static str {
        match self {
            EditionError::NotAfterLast { .. } => "edition_not_after_last",
            EditionError::EndBeforeStart { .. } => "edition_end_before_start",
            EditionError::Overlap { .. } => "edition_overlap",
            EditionError::Empty { .. } => "edition_empty",
        }
    }
}

/// A parameter's history. Editions are sorted by start and never overlap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Versioned<T> {
    id: String,
    description: String,
    unit: String,
    editions: Vec<Edition<T>>,
}

impl<T> Versioned<T> {
    pub fn new(id: String, description: String, unit: String, editions: Vec<Edition<T>>) -> Result<Self, EditionError> {
        let Some(first) = editions.first() else {
            return Err(EditionError::Empty { parameter: id });
        };
        let mut previous_end = None::<Option<Date>>;
        let mut previous_start = first.start;
        for (i, edition) in editions.iter().enumerate() {
            if edition.end.is_some_and(|end| end < edition.start) {
                return Err(EditionError::EndBeforeStart { parameter: id });
            }
            if i > 0 && edition.start <= previous_start {
                return Err(EditionError::Overlap {
                    parameter: id,
                    start: edition.start,
                });
            }
            if let Some(Some(end)) = previous_end
                && edition.start <= end
            {
                return Err(EditionError::Overlap {
                    parameter: id,
                    start: edition.start,
                });
            }
            previous_end = Some(edition.end);
            previous_start = edition.start;
        }
        Ok(Versioned {
            id,
            description,
            unit,
            editions,
        })
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn description(&self) -> &str {
        &self.description
    }

    pub fn unit(&self) -> &str {
        &self.unit
    }

    pub fn editions(&self) -> &[Edition<T>] {
        &self.editions
    }

    pub fn into_parts(self) -> (String, String, String, Vec<Edition<T>>) {
        (self.id, self.description, self.unit, self.editions)
    }

    /// The edition in force on `on`: the last one starting on or before it, if it has not ended.
    pub fn at(&self, on: Date) -> Result<&Edition<T>, NotCovered> {
        let idx = self.editions.partition_point(|e| e.start <= on);
        idx.checked_sub(1)
            .and_then(|i| self.editions.get(i))
            .filter(|e| e.covers(on))
            .ok_or_else(|| NotCovered {
                parameter: self.id.clone(),
                on,
            })
    }

    /// Appends an edition (an administrator publishing next year's value). The previous open-ended edition
    /// is closed the day before; editions already in force are otherwise untouched.
    pub fn append(&mut self, edition: Edition<T>) -> Result<(), EditionError> {
        if edition.end.is_some_and(|end| end < edition.start) {
            return Err(EditionError::EndBeforeStart {
                parameter: self.id.clone(),
            });
        }
        if let Some(last) = self.editions.last_mut() {
            if edition.start <= last.start {
                return Err(EditionError::NotAfterLast {
                    parameter: self.id.clone(),
                    last_start: last.start,
                });
            }
            if let Some(end) = last.end {
                if edition.start <= end {
                    return Err(EditionError::Overlap {
                        parameter: self.id.clone(),
                        start: edition.start,
                    });
                }
            } else {
                last.end = edition.start.yesterday().ok();
            }
        }
        self.editions.push(edition);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::acts::Act;
    use jiff::civil::date;

    fn reference() -> Reference {
        Reference {
            legal: LegalRef::new(Act::RulesB, "71"),
            source: None,
            confidence: Confidence::High,
            note: None,
        }
    }

    fn edition(start: Date, end: Option<Date>, value: u32) -> Edition<u32> {
        Edition {
            start,
            end,
            value,
            reference: reference(),
        }
    }

    fn mci() -> Versioned<u32> {
        Versioned::new(
            "mci".into(),
            String::new(),
            "tenge".into(),
            vec![
                edition(date(2020, 1, 1), Some(date(2020, 3, 31)), 2651),
                edition(date(2020, 4, 1), Some(date(2020, 12, 31)), 2778),
                edition(date(2026, 1, 1), Some(date(2026, 12, 31)), 4325),
            ],
        )
        .unwrap()
    }

    #[test]
    fn lookup_by_date() {
        let p = mci();
        let cases = [
            (date(2019, 12, 31), None),
            (date(2020, 1, 1), Some(2651)),
            (date(2020, 3, 31), Some(2651)),
            (date(2020, 4, 1), Some(2778)),
            (date(2021, 6, 1), None), // a gap is not covered, never the previous value
            (date(2026, 12, 31), Some(4325)),
            (date(2027, 1, 1), None),
        ];
        for (on, expected) in cases {
            assert_eq!(p.at(on).ok().map(|e| e.value), expected, "{on}");
        }
        assert_eq!(
            p.at(date(2027, 1, 1)).unwrap_err().to_string(),
            "parameter mci has no edition in force on 2027-01-01"
        );
    }

    #[test]
    fn append_only_after_last() {
        let mut p = mci();
        let err = p.append(edition(date(2026, 6, 1), None, 1)).unwrap_err();
        assert_eq!(err.code(), "edition_overlap");
        let err = p.append(edition(date(2025, 1, 1), None, 1)).unwrap_err();
        assert_eq!(err.code(), "edition_not_after_last");
        p.append(edition(date(2027, 1, 1), None, 4500)).unwrap();
        assert_eq!(p.at(date(2027, 5, 1)).unwrap().value, 4500);
        assert_eq!(p.at(date(2026, 5, 1)).unwrap().value, 4325);
    }

    #[test]
    fn append_closes_open_edition() {
        let mut p = Versioned::new(
            "x".into(),
            String::new(),
            String::new(),
            vec![edition(date(2026, 1, 1), None, 1)],
        )
        .unwrap();
        p.append(edition(date(2026, 7, 1), None, 2)).unwrap();
        assert_eq!(p.editions()[0].end, Some(date(2026, 6, 30)));
        assert_eq!(p.at(date(2026, 6, 30)).unwrap().value, 1);
        assert_eq!(p.at(date(2026, 7, 1)).unwrap().value, 2);
    }

    #[test]
    fn construction_rejects_bad_histories() {
        let e = |s, en, v| edition(s, en, v);
        let cases: Vec<(Vec<Edition<u32>>, &str)> = vec![
            (vec![], "edition_empty"),
            (
                vec![e(date(2026, 2, 1), Some(date(2026, 1, 1)), 1)],
                "edition_end_before_start",
            ),
            (
                vec![e(date(2026, 1, 1), None, 1), e(date(2026, 1, 1), None, 2)],
                "edition_overlap",
            ),
            (
                vec![
                    e(date(2026, 1, 1), Some(date(2026, 12, 31)), 1),
                    e(date(2026, 6, 1), None, 2),
                ],
                "edition_overlap",
            ),
        ];
        for (editions, code) in cases {
            let err = Versioned::new("x".into(), String::new(), String::new(), editions).unwrap_err();
            assert_eq!(err.code(), code);
        }
    }
}
