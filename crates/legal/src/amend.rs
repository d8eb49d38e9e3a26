//! Amendments: the law changed by an administrator at run time, without a new build. A budget law sets next
//! year's MCI, a government decree moves a day off, a holiday is added: each is an [`Amendment`] with its legal
//! reference, kept in the database (audited) and applied over the embedded `law/` files in the order made.
//!
//! An amendment is written into the parsed TOML of the file it belongs to and the whole law is then loaded again
//! by the same loaders as the embedded files, so an amendment is held to every check the files are: editions
//! may not overlap, a reference names a known act, a transfer moves a weekday to a weekend, the carry-over rule
//! gives exactly the listed days. A new edition of a parameter whose last edition is open-ended closes that
//! edition the day before it starts: the new act supersedes the old from that date.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use toml::{Table, Value};

use crate::{Law, LawError, calendar_data, params};

/// One change of the law, as an administrator enters it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Amendment {
    /// A new edition of a dated parameter (`law/params`).
    Edition {
        /// The parameter's id, as `qonys law params` lists it (`mci`, `quota_sc_forward`, ...).
        parameter: String,
        start: Date,
        end: Option<Date>,
        /// The value as a TOML value: `4500` for the MCI, `{ count = 1, unit = "working_days", direction =
        /// "after" }` for a time limit.
        value: String,
        reference: AmendmentRef,
    },
    /// A transfer of a day off by a government act (Labour Code art. 85 p. 3): `day_off` is rested and
    /// `working_day` is worked.
    Transfer {
        day_off: Date,
        working_day: Date,
        act: String,
        source: String,
    },
    /// A holiday or religious day off on `date` (`key` names it in `law/calendar/holidays.toml`), with the days
    /// the carry-over rule makes off because of it.
    Holiday {
        date: Date,
        key: String,
        /// national | state | religious
        holiday_kind: String,
        source: String,
        carried_over: Vec<Date>,
    },
    /// Takes an earlier amendment (by its number, counted from 1 in the order made) out of the law: one made
    /// in error, or one a newer build's `law/` files now hold themselves. The record of both stays.
    Withdrawal { seq: usize, reason: String },
}

/// The reference of a new parameter edition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmendmentRef {
    /// An act key: `budget-law-2027`, `rules-b`, ...
    pub act: String,
    pub point: String,
    /// high | medium | low
    pub confidence: String,
    pub source: String,
}

/// Why an amendment cannot be applied. [`AmendError::code`] is stable and has a message in the catalogs.
#[derive(Debug, thiserror::Error)]
pub enum AmendError {
    #[error("no parameter `{0}`")]
    UnknownParameter(String),
    #[error("the value is not a TOML value: {0}")]
    Value(String),
    #[error("the year {0} has no calendar data to amend")]
    YearNotCovered(i16),
    /// The law with the amendment does not load: the loader's reason.
    #[error(transparent)]
    Rejected(#[from] LawError),
    #[error("law/{file}: {message}")]
    Data { file: String, message: String },
    /// A withdrawal names no earlier amendment still in force.
    #[error("no amendment {0} to withdraw")]
    NothingToWithdraw(usize),
}

impl AmendError {
    pub const CODES: &'static [&'static str] = &[
        "amend_unknown_parameter",
        "amend_value_invalid",
        "amend_year_not_covered",
        "amend_rejected",
        "amend_nothing_to_withdraw",
    ];

    pub fn code(&self) -> &'static str {
        match self {
            AmendError::UnknownParameter(_) => "amend_unknown_parameter",
            AmendError::Value(_) => "amend_value_invalid",
            AmendError::YearNotCovered(_) => "amend_year_not_covered",
            AmendError::Rejected(_) | AmendError::Data { .. } => "amend_rejected",
            AmendError::NothingToWithdraw(_) => "amend_nothing_to_withdraw",
        }
    }
}

/// An argument of an amendment's message: each front end shows dates and parameter names in the reader's
/// language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MessageArg {
    Date(Date),
    /// A parameter's id; its name is the catalog key `param-<id>` (dots as dashes).
    Parameter(String),
    /// Shown as entered: a value, an act key, a reason.
    Text(String),
}

impl Amendment {
    /// The catalog key that tells this amendment (`amendment-*` in the kk/ru catalogs) and its arguments.
    fn message_parts(&self) -> (&'static str, Vec<(&'static str, MessageArg)>) {
        use MessageArg::{Date as D, Parameter, Text};
        match self {
            Amendment::Edition {
                parameter,
                start,
                end,
                value,
                reference,
            } => {
                let mut args = vec![
                    ("parameter", Parameter(parameter.clone())),
                    ("value", Text(value.clone())),
                    ("start", D(*start)),
                    ("act", Text(reference.act.clone())),
                    ("point", Text(reference.point.clone())),
                ];
                match end {
                    Some(end) => {
                        args.push(("end", D(*end)));
                        ("amendment-edition-until", args)
                    }
                    None => ("amendment-edition", args),
                }
            }
            Amendment::Transfer {
                day_off,
                working_day,
                act,
                ..
            } => (
                "amendment-transfer",
                vec![
                    ("day_off", D(*day_off)),
                    ("working_day", D(*working_day)),
                    ("act", Text(act.clone())),
                ],
            ),
            Amendment::Holiday { date, key, .. } => (
                "amendment-holiday",
                vec![("date", D(*date)), ("key", Text(key.clone()))],
            ),
            Amendment::Withdrawal { seq, reason } => (
                "amendment-withdrawal",
                vec![("seq", Text(seq.to_string())), ("reason", Text(reason.clone()))],
            ),
        }
    }

    /// The catalog key that tells this amendment (`amendment-*` in the kk/ru catalogs) and its arguments, each
    /// shown by `show` (a date in the reader's form, a parameter by its name in the reader's language).
    pub fn message_shown(&self, show: impl Fn(MessageArg) -> String) -> (&'static str, Vec<(&'static str, String)>) {
        let (key, args) = self.message_parts();
        (key, args.into_iter().map(|(name, arg)| (name, show(arg))).collect())
    }

    /// A one-line technical account (English, ISO dates) for the audit record and machine output; people
    /// read [`Amendment::message_shown`] in their language.
    pub fn summary(&self) -> String {
        match self {
            Amendment::Edition {
                parameter,
                start,
                end,
                value,
                reference,
            } => format!(
                "{parameter} = {value} from {start}{} ({} {})",
                end.map(|e| format!(" to {e}")).unwrap_or_default(),
                reference.act,
                reference.point
            ),
            Amendment::Transfer {
                day_off,
                working_day,
                act,
                ..
            } => format!("day off {day_off} moved, {working_day} worked ({act})"),
            Amendment::Holiday { date, key, .. } => format!("holiday {key} on {date}"),
            Amendment::Withdrawal { seq, reason } => format!("amendment {seq} withdrawn: {reason}"),
        }
    }
}

fn datetime(d: Date) -> Value {
    Value::Datetime(toml::value::Datetime {
        date: Some(toml::value::Date {
            year: d.year().unsigned_abs(),
            month: d.month().unsigned_abs(),
            day: d.day().unsigned_abs(),
        }),
        time: None,
        offset: None,
    })
}

fn string(s: &str) -> Value {
    Value::String(s.to_owned())
}

/// A file of `law/` held as a parsed TOML table while amendments are written into it.
struct Doc {
    name: &'static str,
    original: &'static str,
    table: Table,
    /// Untouched files are loaded from their original text, so that the calendar edition (a fingerprint of
    /// the text) changes only with the data.
    touched: bool,
}

fn parse(files: &[(&'static str, &'static str)], dir: &str) -> Result<Vec<Doc>, AmendError> {
    files
        .iter()
        .map(|&(name, text)| {
            text.parse::<Table>()
                .map(|table| Doc {
                    name,
                    original: text,
                    table,
                    touched: false,
                })
                .map_err(|e| AmendError::Data {
                    file: format!("{dir}/{name}"),
                    message: e.message().to_owned(),
                })
        })
        .collect()
}

/// The array of editions of `parameter`: the file's `edition` when its `id` is the parameter, or the
/// `<parameter>.edition` of a file of several parameters (`time-limits.toml`).
fn editions_of<'a>(docs: &'a mut [Doc], parameter: &str) -> Option<&'a mut Vec<Value>> {
    docs.iter_mut().find_map(|doc| {
        let own = doc.table.get("id").and_then(Value::as_str) == Some(parameter);
        let table = if own {
            &mut doc.table
        } else {
            doc.table.get_mut(parameter)?.as_table_mut()?
        };
        let editions = table.get_mut("edition")?.as_array_mut()?;
        doc.touched = true;
        Some(editions)
    })
}

fn date_of(v: &Value) -> Option<Date> {
    let d = v.as_datetime()?.date?;
    Date::new(
        i16::try_from(d.year).ok()?,
        i8::try_from(d.month).ok()?,
        i8::try_from(d.day).ok()?,
    )
    .ok()
}

fn add_edition(docs: &mut [Doc], amendment: &Amendment) -> Result<(), AmendError> {
    let Amendment::Edition {
        parameter,
        start,
        end,
        value,
        reference,
    } = amendment
    else {
        return Ok(());
    };
    // A bare value is parsed as the right-hand side of a key, which is how it appears in the files.
    let value = format!("value = {value}")
        .parse::<Table>()
        .map_err(|e| AmendError::Value(e.message().to_owned()))?
        .remove("value")
        .ok_or_else(|| AmendError::Value("empty".into()))?;
    let editions = editions_of(docs, parameter).ok_or_else(|| AmendError::UnknownParameter(parameter.clone()))?;
    // The last open-ended edition that began before this one ends the day before it.
    if let Some(last) = editions.last_mut().and_then(Value::as_table_mut)
        && !last.contains_key("end")
        && let Ok(previous) = start.yesterday()
        && last.get("start").and_then(date_of).is_some_and(|began| began < *start)
    {
        last.insert("end".into(), datetime(previous));
    }
    let mut r = Table::new();
    r.insert("act".into(), string(&reference.act));
    r.insert("point".into(), string(&reference.point));
    r.insert("confidence".into(), string(&reference.confidence));
    r.insert("source".into(), string(&reference.source));
    let mut e = Table::new();
    e.insert("start".into(), datetime(*start));
    if let Some(end) = end {
        e.insert("end".into(), datetime(*end));
    }
    e.insert("value".into(), value);
    e.insert("reference".into(), Value::Table(r));
    editions.push(Value::Table(e));
    Ok(())
}

fn push(table: &mut Table, key: &str, entry: Table) {
    if let Some(list) = table
        .entry(key)
        .or_insert_with(|| Value::Array(Vec::new()))
        .as_array_mut()
    {
        list.push(Value::Table(entry));
    }
}

fn add_calendar_entry(years: &mut [Doc], amendment: &Amendment) -> Result<(), AmendError> {
    // The year of the entry, and the (array, table) pairs it adds to that year's file.
    let (year, entries): (i16, Vec<(&str, Table)>) = match amendment {
        Amendment::Edition { .. } | Amendment::Withdrawal { .. } => return Ok(()),
        Amendment::Transfer {
            day_off,
            working_day,
            act,
            source,
        } => {
            let mut t = Table::new();
            t.insert("day_off".into(), datetime(*day_off));
            t.insert("working_day".into(), datetime(*working_day));
            t.insert("act".into(), string(act));
            t.insert("status".into(), string("confirmed"));
            t.insert("source".into(), string(source));
            (day_off.year(), vec![("transfer", t)])
        }
        Amendment::Holiday {
            date,
            key,
            holiday_kind,
            source,
            carried_over,
        } => {
            let mut t = Table::new();
            t.insert("date".into(), datetime(*date));
            t.insert("key".into(), string(key));
            t.insert("kind".into(), string(holiday_kind));
            t.insert("status".into(), string("confirmed"));
            t.insert("source".into(), string(source));
            let mut entries = vec![("holiday", t)];
            entries.extend(carried_over.iter().map(|day| {
                let mut c = Table::new();
                c.insert("date".into(), datetime(*day));
                c.insert("holiday".into(), datetime(*date));
                c.insert("status".into(), string("derived"));
                c.insert("source".into(), string(source));
                ("carried_over", c)
            }));
            (date.year(), entries)
        }
    };
    let doc = years
        .iter_mut()
        .find(|d| d.table.get("year").and_then(Value::as_integer) == Some(i64::from(year)))
        .ok_or(AmendError::YearNotCovered(year))?;
    for (key, entry) in entries {
        push(&mut doc.table, key, entry);
    }
    doc.touched = true;
    Ok(())
}

fn render(docs: &[Doc], dir: &str) -> Result<Vec<(&'static str, String)>, AmendError> {
    docs.iter()
        .map(|d| {
            if !d.touched {
                return Ok((d.name, d.original.to_owned()));
            }
            toml::to_string(&d.table)
                .map(|text| (d.name, text))
                .map_err(|e| AmendError::Data {
                    file: format!("{dir}/{}", d.name),
                    message: e.to_string(),
                })
        })
        .collect()
}

impl Law {
    /// The embedded law with `amendments` applied in order; an error names the first one the law refuses
    /// (its index) and why.
    pub fn amended(amendments: &[Amendment]) -> Result<Law, (usize, AmendError)> {
        let mut params = parse(params::FILES, "params").map_err(|e| (0, e))?;
        let mut years = parse(calendar_data::YEARS, "calendar").map_err(|e| (0, e))?;
        // A withdrawal takes out an earlier amendment that is not itself a withdrawal, once.
        let mut withdrawn = std::collections::BTreeSet::new();
        for (i, a) in amendments.iter().enumerate() {
            if let Amendment::Withdrawal { seq, .. } = a {
                let target = seq.checked_sub(1).and_then(|t| amendments.get(t).map(|a| (t, a)));
                match target {
                    Some((t, target))
                        if t < i && !matches!(target, Amendment::Withdrawal { .. }) && withdrawn.insert(t) => {}
                    _ => return Err((i, AmendError::NothingToWithdraw(*seq))),
                }
            }
        }
        for (i, a) in amendments.iter().enumerate() {
            if withdrawn.contains(&i) {
                continue;
            }
            add_edition(&mut params, a)
                .and_then(|()| add_calendar_entry(&mut years, a))
                .map_err(|e| (i, e))?;
        }
        let last = amendments.len().saturating_sub(1);
        let params = render(&params, "params").map_err(|e| (last, e))?;
        let years = render(&years, "calendar").map_err(|e| (last, e))?;
        let params: Vec<(&'static str, &str)> = params.iter().map(|(n, t)| (*n, t.as_str())).collect();
        let years: Vec<(&'static str, &str)> = years.iter().map(|(n, t)| (*n, t.as_str())).collect();
        Ok(Law {
            params: params::Params::from_files(&params).map_err(|e| (last, AmendError::Rejected(e.into())))?,
            calendar: calendar_data::load_from(calendar_data::HOLIDAYS, &years)
                .map_err(|e| (last, AmendError::Rejected(e.into())))?,
        })
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    fn mci_2027(value: &str) -> Amendment {
        Amendment::Edition {
            parameter: "mci".into(),
            start: date(2027, 1, 1),
            end: Some(date(2027, 12, 31)),
            value: value.into(),
            reference: AmendmentRef {
                act: "budget-law-2027".into(),
                point: "art. 9".into(),
                confidence: "high".into(),
                source: "the budget law as adopted".into(),
            },
        }
    }

    #[test]
    fn no_amendments_is_the_embedded_law() {
        let amended = Law::amended(&[]).expect("loads");
        let embedded = Law::embedded().expect("loads");
        assert_eq!(amended.params, embedded.params);
        assert_eq!(amended.calendar.edition(), embedded.calendar.edition());
    }

    #[test]
    fn next_years_mci_is_covered_once_amended() {
        let on = date(2027, 3, 1);
        assert!(Law::embedded().expect("loads").params.mci.at(on).is_err());
        let law = Law::amended(&[mci_2027("4500")]).expect("loads");
        let edition = law.params.mci.at(on).expect("covered");
        assert_eq!(edition.value.to_string(), "4500.00");
        assert_eq!(edition.reference.legal.to_string(), "budget-law-2027 art. 9");
    }

    #[test]
    fn an_overlapping_edition_is_refused_by_the_loader() {
        let mut a = mci_2027("4500");
        if let Amendment::Edition { start, .. } = &mut a {
            *start = date(2026, 6, 1);
        }
        let (at, e) = Law::amended(&[a]).expect_err("overlaps 2026");
        assert_eq!((at, e.code()), (0, "amend_rejected"));
    }

    #[test]
    fn bad_values_and_unknown_parameters_are_named() {
        assert_eq!(
            Law::amended(&[mci_2027("4500 tenge")]).expect_err("not toml").1.code(),
            "amend_value_invalid"
        );
        assert_eq!(
            Law::amended(&[mci_2027("-1")]).expect_err("negative").1.code(),
            "amend_rejected"
        );
        let mut a = mci_2027("4500");
        if let Amendment::Edition { parameter, .. } = &mut a {
            *parameter = "mcii".into();
        }
        assert_eq!(
            Law::amended(&[a]).expect_err("unknown").1.code(),
            "amend_unknown_parameter"
        );
    }

    #[test]
    fn an_open_ended_edition_is_closed_by_the_next() {
        let law = Law::amended(&[Amendment::Edition {
            parameter: "quota_career_centre_forward".into(),
            start: date(2027, 1, 1),
            end: None,
            value: r#"{ count = 2, unit = "working_days", direction = "after" }"#.into(),
            reference: AmendmentRef {
                act: "order-359".into(),
                point: "15.3".into(),
                confidence: "high".into(),
                source: "an amending order".into(),
            },
        }])
        .expect("loads");
        let history = &law
            .params
            .time_limit(crate::TimeLimitId::from_key("quota_career_centre_forward").expect("id"))
            .history;
        assert_eq!(history.at(date(2026, 12, 31)).expect("old").value.count, 1);
        assert_eq!(history.at(date(2027, 1, 1)).expect("new").value.count, 2);
    }

    #[test]
    fn a_transfer_moves_the_working_days() {
        // Friday 2027-01-08 rested, Saturday 2027-01-16 worked.
        let before = Law::embedded().expect("loads");
        let law = Law::amended(&[Amendment::Transfer {
            day_off: date(2027, 1, 8),
            working_day: date(2027, 1, 16),
            act: "government decree (test)".into(),
            source: "test".into(),
        }])
        .expect("loads");
        assert!(before.calendar.is_working_day(date(2027, 1, 8)).expect("covered"));
        assert!(!law.calendar.is_working_day(date(2027, 1, 8)).expect("covered"));
        assert!(law.calendar.is_working_day(date(2027, 1, 16)).expect("covered"));
        assert_ne!(law.calendar.edition(), before.calendar.edition());
    }

    #[test]
    fn a_transfer_onto_a_weekday_or_an_uncovered_year_is_refused() {
        let weekday = Amendment::Transfer {
            day_off: date(2027, 1, 8),
            working_day: date(2027, 1, 11),
            act: "x".into(),
            source: "x".into(),
        };
        assert_eq!(
            Law::amended(&[weekday]).expect_err("weekday").1.code(),
            "amend_rejected"
        );
        let far = Amendment::Transfer {
            day_off: date(2031, 1, 10),
            working_day: date(2031, 1, 11),
            act: "x".into(),
            source: "x".into(),
        };
        assert_eq!(
            Law::amended(&[far]).expect_err("2031").1.code(),
            "amend_year_not_covered"
        );
    }

    fn holiday(date: Date, kind: &str, carried_over: Vec<Date>) -> Amendment {
        Amendment::Holiday {
            date,
            key: "unity_day".into(),
            holiday_kind: kind.into(),
            source: "test".into(),
            carried_over,
        }
    }

    #[test]
    fn a_holiday_is_a_day_off_and_a_weekend_holiday_must_list_its_carried_over_day() {
        // Wednesday 2027-06-09: a day off once added.
        let law = Law::amended(&[holiday(date(2027, 6, 9), "religious", Vec::new())]).expect("loads");
        assert!(!law.calendar.is_working_day(date(2027, 6, 9)).expect("covered"));
        // Saturday 2027-06-05, a state holiday: the carry-over rule makes Monday 7 June a day off, and the
        // amendment must say so, as the files must.
        let (_, e) = Law::amended(&[holiday(date(2027, 6, 5), "state", Vec::new())]).expect_err("unlisted");
        assert_eq!(e.code(), "amend_rejected");
        let law = Law::amended(&[holiday(date(2027, 6, 5), "state", vec![date(2027, 6, 7)])]).expect("listed");
        assert!(!law.calendar.is_working_day(date(2027, 6, 7)).expect("covered"));
        assert_eq!(
            Law::amended(&[holiday(date(2027, 6, 9), "festive", Vec::new())])
                .expect_err("kind")
                .1
                .code(),
            "amend_rejected"
        );
    }

    #[test]
    fn a_withdrawn_amendment_is_out_of_the_law_and_can_be_made_again() {
        let withdraw = |seq| Amendment::Withdrawal {
            seq,
            reason: "entered in error".into(),
        };
        let law = Law::amended(&[mci_2027("4500"), withdraw(1)]).expect("loads");
        assert!(law.params.mci.at(date(2027, 3, 1)).is_err(), "2027 not covered again");
        let law = Law::amended(&[mci_2027("4500"), withdraw(1), mci_2027("4600")]).expect("made again");
        assert_eq!(
            law.params.mci.at(date(2027, 3, 1)).expect("covered").value.to_string(),
            "4600.00"
        );
        for bad in [
            vec![withdraw(1)],
            vec![mci_2027("4500"), withdraw(3)],
            vec![mci_2027("4500"), withdraw(0)],
            vec![mci_2027("4500"), withdraw(1), withdraw(1)],
            vec![mci_2027("4500"), withdraw(1), withdraw(2)],
        ] {
            let (_, e) = Law::amended(&bad).expect_err("nothing to withdraw");
            assert_eq!(e.code(), "amend_nothing_to_withdraw", "{bad:?}");
        }
    }

    #[test]
    fn amendments_survive_a_json_round_trip() {
        let a = mci_2027("4500");
        let json = serde_json::to_string(&a).expect("json");
        assert_eq!(serde_json::from_str::<Amendment>(&json).expect("back"), a);
    }
}
