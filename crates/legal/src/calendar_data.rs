//! The legal working-day calendar as data: `law/calendar/<year>.toml` (holidays, transfers of days off and the
//! carried-over days they must produce) and `law/calendar/holidays.toml` (the kk/ru/en names of every holiday key),
//! embedded in the binary and parsed into a [`calendar::Calendar`] once.
//!
//! The calendar crate applies the carry-over rule (Law "On holidays" art. 5) itself; each year file also lists the
//! carried-over days the rule must give, with their sources, and [`load`] refuses the data when the two differ.
//! The edition is `holidays.toml`'s `edition` plus a fingerprint of all the files, so a deadline records exactly
//! which data it was computed with.

use std::collections::{BTreeMap, BTreeSet};

use calendar::{Calendar, CalendarError, DayReason, EntryStatus, Holiday, HolidayKind, Transfer, YearData};
use jiff::civil::Date;
use serde::Deserialize;

/// `law/calendar/holidays.toml`, as embedded.
pub const HOLIDAYS: (&str, &str) = ("holidays.toml", include_str!("../../../law/calendar/holidays.toml"));

/// The year files, as embedded: `(file name under law/calendar, contents)`, one per covered year.
pub const YEARS: &[(&str, &str)] = &[
    ("2024.toml", include_str!("../../../law/calendar/2024.toml")),
    ("2025.toml", include_str!("../../../law/calendar/2025.toml")),
    ("2026.toml", include_str!("../../../law/calendar/2026.toml")),
    ("2027.toml", include_str!("../../../law/calendar/2027.toml")),
];

/// The embedded calendar data could not be read into a calendar: a defect of the build, naming the file at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarDataError {
    #[error("law/calendar/{file}: {message}")]
    Syntax { file: &'static str, message: String },
    #[error("law/calendar/{file}: {message}")]
    Invalid { file: &'static str, message: String },
    #[error("law/calendar/{file}: holiday key `{key}` has no names in holidays.toml")]
    UnknownHoliday { file: &'static str, key: String },
    /// The carried-over days the file lists are not the ones the carry-over rule gives.
    #[error("law/calendar/{file}: the carry-over rule gives [{computed}] but the file lists [{listed}]")]
    CarriedOverMismatch {
        file: &'static str,
        computed: String,
        listed: String,
    },
    #[error("law/calendar: {0}")]
    Calendar(#[from] CalendarError),
}

/// The names of a holiday key, and the law that makes it a day off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolidayNames {
    pub kk: String,
    pub ru: String,
    pub en: String,
    pub basis: String,
    pub note: Option<String>,
}

/// The legal calendar built from the embedded data.
pub fn load() -> Result<Calendar, CalendarDataError> {
    load_from(HOLIDAYS, YEARS)
}

/// The kk/ru/en names of every holiday key of the embedded data.
pub fn holiday_names() -> Result<BTreeMap<String, HolidayNames>, CalendarDataError> {
    Ok(parse_names(HOLIDAYS)?.1)
}

// ---- the files, as written ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNamesFile {
    edition: String,
    holiday: Vec<RawNames>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNames {
    key: String,
    kk: String,
    ru: String,
    en: String,
    basis: String,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawYear {
    year: i16,
    source: String,
    #[serde(default)]
    holiday: Vec<RawHoliday>,
    #[serde(default)]
    transfer: Vec<RawTransfer>,
    #[serde(default)]
    carried_over: Vec<RawCarriedOver>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHoliday {
    date: toml::value::Datetime,
    key: String,
    kind: RawKind,
    status: RawStatus,
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTransfer {
    day_off: toml::value::Datetime,
    working_day: toml::value::Datetime,
    act: String,
    status: RawStatus,
    source: String,
}

/// A day off the carry-over rule must produce: `date`, because the holiday of date `holiday` fell on a weekend.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCarriedOver {
    date: toml::value::Datetime,
    holiday: toml::value::Datetime,
    #[expect(dead_code, reason = "read for the file's reader; the calendar does not keep it")]
    status: RawStatus,
    source: String,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum RawKind {
    National,
    State,
    Religious,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum RawStatus {
    Confirmed,
    Derived,
    Estimated,
}

impl From<RawKind> for HolidayKind {
    fn from(k: RawKind) -> HolidayKind {
        match k {
            RawKind::National => HolidayKind::National,
            RawKind::State => HolidayKind::State,
            RawKind::Religious => HolidayKind::Religious,
        }
    }
}

impl From<RawStatus> for EntryStatus {
    fn from(s: RawStatus) -> EntryStatus {
        match s {
            RawStatus::Confirmed => EntryStatus::Confirmed,
            RawStatus::Derived => EntryStatus::Derived,
            RawStatus::Estimated => EntryStatus::Estimated,
        }
    }
}

// ---- parsing ----

pub(crate) fn load_from(
    names_file: (&'static str, &str),
    years: &[(&'static str, &str)],
) -> Result<Calendar, CalendarDataError> {
    let (edition, names) = parse_names(names_file)?;
    let mut data = Vec::with_capacity(years.len());
    let mut listed = Vec::with_capacity(years.len());
    for &(file, text) in years {
        let (year, carried) = parse_year(file, text, &names)?;
        listed.push((file, year.year, carried));
        data.push(year);
    }
    let edition = format!(
        "{edition}+{:08x}",
        fingerprint(std::iter::once(names_file).chain(years.iter().copied()))
    );
    let cal = Calendar::new(edition, data)?;
    for (file, year, listed) in listed {
        let computed: BTreeSet<(Date, Date)> = cal
            .non_working_days(year)?
            .into_iter()
            .filter_map(|d| match d.reason {
                DayReason::CarriedOver { holiday, .. } => Some((d.date, holiday)),
                _ => None,
            })
            .collect();
        if computed != listed {
            let show = |set: &BTreeSet<(Date, Date)>| {
                set.iter()
                    .map(|(day, from)| format!("{day} (from {from})"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            return Err(CalendarDataError::CarriedOverMismatch {
                file,
                computed: show(&computed),
                listed: show(&listed),
            });
        }
    }
    Ok(cal)
}

type Names = BTreeMap<String, HolidayNames>;

fn parse_names((file, text): (&'static str, &str)) -> Result<(String, Names), CalendarDataError> {
    let raw: RawNamesFile = toml::from_str(text).map_err(|e| CalendarDataError::Syntax {
        file,
        message: e.message().to_owned(),
    })?;
    let invalid = |message: String| CalendarDataError::Invalid { file, message };
    if raw.edition.trim().is_empty() {
        return Err(invalid("the edition is empty".to_owned()));
    }
    let mut names = Names::new();
    for h in raw.holiday {
        if [&h.key, &h.kk, &h.ru, &h.en, &h.basis]
            .iter()
            .any(|s| s.trim().is_empty())
        {
            return Err(invalid(format!(
                "holiday `{}` lacks its key, a name (kk, ru, en) or its basis",
                h.key
            )));
        }
        let key = h.key.clone();
        let entry = HolidayNames {
            kk: h.kk,
            ru: h.ru,
            en: h.en,
            basis: h.basis,
            note: h.note,
        };
        if names.insert(key.clone(), entry).is_some() {
            return Err(invalid(format!("holiday `{key}` is named twice")));
        }
    }
    Ok((raw.edition, names))
}

fn parse_year(
    file: &'static str,
    text: &str,
    names: &Names,
) -> Result<(YearData, BTreeSet<(Date, Date)>), CalendarDataError> {
    let raw: RawYear = toml::from_str(text).map_err(|e| CalendarDataError::Syntax {
        file,
        message: e.message().to_owned(),
    })?;
    let invalid = |message: String| CalendarDataError::Invalid { file, message };
    if file != format!("{}.toml", raw.year) {
        return Err(invalid(format!("the file holds the year {}", raw.year)));
    }
    let mut holidays = Vec::with_capacity(raw.holiday.len());
    for h in raw.holiday {
        if !names.contains_key(&h.key) {
            return Err(CalendarDataError::UnknownHoliday { file, key: h.key });
        }
        let date = toml_date(file, h.date)?;
        holidays.push(Holiday {
            date,
            key: h.key,
            kind: h.kind.into(),
            status: h.status.into(),
            source: h.source,
        });
    }
    let mut transfers = Vec::with_capacity(raw.transfer.len());
    for t in raw.transfer {
        transfers.push(Transfer {
            day_off: toml_date(file, t.day_off)?,
            working_day: toml_date(file, t.working_day)?,
            act: t.act,
            status: t.status.into(),
            source: t.source,
        });
    }
    let mut carried = BTreeSet::new();
    for c in raw.carried_over {
        let entry = (toml_date(file, c.date)?, toml_date(file, c.holiday)?);
        if c.source.trim().is_empty() {
            return Err(invalid(format!("the carried-over day {} has no source", entry.0)));
        }
        if !carried.insert(entry) {
            return Err(invalid(format!("the carried-over day {} is listed twice", entry.0)));
        }
    }
    Ok((
        YearData {
            year: raw.year,
            holidays,
            transfers,
            source: raw.source,
        },
        carried,
    ))
}

fn toml_date(file: &'static str, value: toml::value::Datetime) -> Result<Date, CalendarDataError> {
    let invalid = || CalendarDataError::Invalid {
        file,
        message: format!("`{value}` is not a date"),
    };
    let (Some(d), None, None) = (value.date, value.time, value.offset) else {
        return Err(invalid());
    };
    let year = i16::try_from(d.year).map_err(|_| invalid())?;
    let month = i8::try_from(d.month).map_err(|_| invalid())?;
    let day = i8::try_from(d.day).map_err(|_| invalid())?;
    Date::new(year, month, day).map_err(|_| invalid())
}

/// FNV-1a (32 bits) over the file names and contents, ignoring carriage returns so that a checkout with CRLF line
/// ends gives the same edition.
fn fingerprint<'a>(files: impl Iterator<Item = (&'a str, &'a str)>) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for (name, text) in files {
        for &b in name
            .as_bytes()
            .iter()
            .chain([0u8].iter())
            .chain(text.as_bytes())
            .filter(|&&b| b != b'\r')
        {
            hash ^= u32::from(b);
            hash = hash.wrapping_mul(0x0100_0193);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use calendar::{DayStatus, WorkingDays};
    use jiff::civil::Weekday;
    use proptest::prelude::*;

    use super::*;

    static CAL: LazyLock<Calendar> = LazyLock::new(|| load().unwrap());

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn weekend(day: Date) -> bool {
        matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday)
    }

    /// `reason details` of a day, e.g. `carried_over womens_day 2025-03-08`.
    fn describe(day: &DayStatus) -> String {
        let details = match &day.reason {
            DayReason::Weekday | DayReason::Weekend => String::new(),
            DayReason::Holiday { key, .. } => format!(" {key}"),
            DayReason::CarriedOver { key, holiday } => format!(" {key} {holiday}"),
            DayReason::TransferredDayOff { worked_on, .. } => format!(" {worked_on}"),
            DayReason::TransferredWorkingDay { day_off_on, .. } => format!(" {day_off_on}"),
        };
        format!("{}{details}", day.reason.code())
    }

    /// The non-working Monday-to-Friday days of a year, and the working Saturdays and Sundays.
    fn official_view(year: i16) -> (Vec<String>, Vec<String>) {
        let off = CAL
            .non_working_days(year)
            .unwrap()
            .iter()
            .filter(|s| !weekend(s.date))
            .map(|s| format!("{} {}", s.date, describe(s)))
            .collect();
        let mut worked = Vec::new();
        let mut day = d(&format!("{year}-01-01"));
        while day.year() == year {
            if weekend(day) && CAL.is_working_day(day).unwrap() {
                worked.push(day.to_string());
            }
            day = day.tomorrow().unwrap();
        }
        (off, worked)
    }

    #[test]
    fn the_embedded_data_loads() {
        assert_eq!(CAL.covered_years(), 2024..=2027);
        assert!(CAL.edition().starts_with("kz-2026-12-04+"), "{}", CAL.edition());
        assert_eq!(CAL.edition().len(), "kz-2026-12-04+".len() + 8);
        assert_eq!(load().unwrap().edition(), CAL.edition());
    }

    /// Shared reference facts 2.5: the official list of non-working weekdays of 2025, exactly.
    #[test]
    fn official_2025_list() {
        let (off, worked) = official_view(2025);
        assert_eq!(
            off,
            [
                "2025-01-01 holiday new_year",
                "2025-01-02 holiday new_year",
                "2025-01-03 transferred_day_off 2025-01-05",
                "2025-01-07 holiday orthodox_christmas",
                "2025-03-10 carried_over womens_day 2025-03-08",
                "2025-03-21 holiday nauryz",
                "2025-03-24 carried_over nauryz 2025-03-22",
                "2025-03-25 carried_over nauryz 2025-03-23",
                "2025-05-01 holiday unity_day",
                "2025-05-07 holiday defender_day",
                "2025-05-09 holiday victory_day",
                "2025-06-06 holiday kurban_ait",
                "2025-07-07 carried_over capital_day 2025-07-06",
                "2025-09-01 carried_over constitution_day 2025-08-30",
                "2025-10-27 carried_over republic_day 2025-10-25",
                "2025-12-16 holiday independence_day",
            ]
        );
        assert_eq!(worked, ["2025-01-05"]);
    }

    /// Shared reference facts 2.6: the official list of non-working weekdays of 2026, exactly (no 31 August).
    #[test]
    fn official_2026_list() {
        let (off, worked) = official_view(2026);
        assert_eq!(
            off,
            [
                "2026-01-01 holiday new_year",
                "2026-01-02 holiday new_year",
                "2026-01-07 holiday orthodox_christmas",
                "2026-03-09 carried_over womens_day 2026-03-08",
                "2026-03-23 holiday nauryz",
                "2026-03-24 carried_over nauryz 2026-03-21",
                "2026-03-25 carried_over nauryz 2026-03-22",
                "2026-05-01 holiday unity_day",
                "2026-05-07 holiday defender_day",
                "2026-05-11 carried_over victory_day 2026-05-09",
                "2026-05-27 holiday kurban_ait",
                "2026-07-06 holiday capital_day",
                "2026-10-26 carried_over republic_day 2026-10-25",
                "2026-12-16 holiday independence_day",
            ]
        );
        assert!(worked.is_empty(), "{worked:?}");
    }

    /// Shared reference facts 2.6, "2027 preview" (derived; Kurban Ait estimated on a Sunday).
    #[test]
    fn derived_2027_list() {
        let (off, worked) = official_view(2027);
        let dates: Vec<&str> = off.iter().map(|s| s.get(..10).unwrap()).collect();
        assert_eq!(
            dates,
            [
                "2027-01-01",
                "2027-01-04",
                "2027-01-07",
                "2027-03-08",
                "2027-03-15",
                "2027-03-22",
                "2027-03-23",
                "2027-03-24",
                "2027-05-03",
                "2027-05-07",
                "2027-05-10",
                "2027-07-06",
                "2027-10-25",
                "2027-12-16",
            ]
        );
        assert!(worked.is_empty());
        assert_eq!(describe(&CAL.day(d("2027-03-15")).unwrap()), "holiday constitution_day");
        let kurban = CAL
            .year_data(2027)
            .unwrap()
            .holidays
            .iter()
            .find(|h| h.key == "kurban_ait")
            .unwrap();
        assert_eq!((kurban.date, kurban.status), (d("2027-05-16"), EntryStatus::Estimated));
        assert_eq!(describe(&CAL.day(d("2027-05-17")).unwrap()), "weekday");
    }

    #[test]
    fn spot_checks() {
        let table = [
            ("2024-01-07", false, "holiday orthodox_christmas"),
            ("2024-01-08", true, "weekday"),
            ("2024-03-25", false, "carried_over nauryz 2024-03-23"),
            ("2024-05-04", true, "transferred_working_day 2024-05-08"),
            ("2024-05-08", false, "transferred_day_off 2024-05-04"),
            ("2024-06-16", false, "holiday kurban_ait"),
            ("2024-06-17", true, "weekday"),
            ("2024-07-08", false, "carried_over capital_day 2024-07-06"),
            ("2024-08-30", false, "holiday constitution_day"),
            ("2024-12-16", false, "holiday independence_day"),
            ("2024-12-17", true, "weekday"),
            ("2025-01-05", true, "transferred_working_day 2025-01-03"),
            ("2025-08-30", false, "holiday constitution_day"),
            ("2026-03-15", false, "weekend"),
            ("2026-03-20", true, "weekday"),
            ("2026-07-01", true, "weekday"),
            ("2026-08-30", false, "weekend"),
            ("2026-08-31", true, "weekday"),
        ];
        for (date, working, expected) in table {
            let day = CAL.day(d(date)).unwrap();
            assert_eq!((day.working, describe(&day).as_str()), (working, expected), "{date}");
        }
        let sunday = CAL.day(d("2025-01-05")).unwrap();
        assert_eq!(
            sunday.reason,
            DayReason::TransferredWorkingDay {
                day_off_on: d("2025-01-03"),
                act: "MTSZN order approved 21 Nov 2024 (adilet G24G0000436)".to_owned()
            }
        );
        let may = CAL.day(d("2024-05-08")).unwrap();
        assert!(
            matches!(may.reason, DayReason::TransferredDayOff { ref act, .. } if act == "MTSZN order of 17 Apr 2024")
        );
    }

    #[test]
    fn fourteen_working_days_across_nauryz_2026() {
        let deadline = CAL.add_working_days(d("2026-03-18"), WorkingDays::new(14)).unwrap();
        assert_eq!(deadline.due, d("2026-04-10"));
        assert_eq!(deadline.edition, CAL.edition());
        let skipped: Vec<String> = deadline
            .skipped
            .iter()
            .map(|s| format!("{} {}", s.date, describe(s)))
            .collect();
        assert_eq!(
            skipped,
            [
                "2026-03-21 holiday nauryz",
                "2026-03-22 holiday nauryz",
                "2026-03-23 holiday nauryz",
                "2026-03-24 carried_over nauryz 2026-03-21",
                "2026-03-25 carried_over nauryz 2026-03-22",
                "2026-03-28 weekend",
                "2026-03-29 weekend",
                "2026-04-04 weekend",
                "2026-04-05 weekend",
            ]
        );
    }

    #[test]
    fn deadlines_table() {
        // (start, working days, due)
        let table = [
            ("2025-12-29", 3, "2026-01-05"),
            ("2025-12-31", 3, "2026-01-08"),
            ("2025-01-03", 1, "2025-01-05"),
            ("2025-03-07", 1, "2025-03-11"),
            ("2024-05-03", 3, "2024-05-10"),
            ("2026-05-26", 3, "2026-06-01"),
            ("2026-08-28", 1, "2026-08-31"),
            // 1 Jan 2027 Friday, 2 Jan Saturday: 4 Jan is off too.
            ("2026-12-30", 3, "2027-01-06"),
            ("2027-12-30", 0, "2027-12-30"),
        ];
        for (start, n, due) in table {
            let got = CAL.add_working_days(d(start), WorkingDays::new(n)).unwrap();
            assert_eq!(got.due, d(due), "{start} + {n}");
        }
    }

    #[test]
    fn years_outside_the_data_are_not_covered() {
        let y2028 = CalendarError::YearNotCovered { year: 2028 };
        assert_eq!(CAL.day(d("2028-01-03")), Err(y2028.clone()));
        assert_eq!(
            CAL.is_working_day(d("2023-12-29")),
            Err(CalendarError::YearNotCovered { year: 2023 })
        );
        // A deadline that runs past the last covered year is refused, not guessed.
        assert_eq!(
            CAL.add_working_days(d("2027-12-30"), WorkingDays::new(5)),
            Err(y2028.clone())
        );
        assert_eq!(
            CAL.working_days_between(d("2027-12-30"), d("2028-01-04")),
            Err(y2028.clone())
        );
        assert_eq!(CAL.non_working_days(2028), Err(y2028));
    }

    #[test]
    fn every_holiday_key_is_named_in_kazakh_and_russian() {
        let names = holiday_names().unwrap();
        let mut kinds: BTreeMap<&str, BTreeSet<HolidayKind>> = BTreeMap::new();
        for year in CAL.covered_years() {
            for h in &CAL.year_data(year).unwrap().holidays {
                let n = names
                    .get(&h.key)
                    .unwrap_or_else(|| panic!("{year}: `{}` is not in holidays.toml", h.key));
                assert!(!n.kk.is_empty() && !n.ru.is_empty() && !n.en.is_empty(), "{}", h.key);
                kinds.entry(h.key.as_str()).or_default().insert(h.kind);
            }
        }
        let used: Vec<&str> = kinds.keys().copied().collect();
        let named: Vec<&str> = names.keys().map(String::as_str).collect();
        assert_eq!(used, named, "holidays.toml names exactly the keys the year files use");
        for (key, set) in &kinds {
            assert_eq!(set.len(), 1, "`{key}` has one kind in every year: {set:?}");
        }
        assert_eq!(kinds.get("kurban_ait"), Some(&BTreeSet::from([HolidayKind::Religious])));
        assert_eq!(
            kinds.get("orthodox_christmas"),
            Some(&BTreeSet::from([HolidayKind::Religious]))
        );
        assert_eq!(
            kinds.get("republic_day"),
            Some(&BTreeSet::from([HolidayKind::National]))
        );
        assert_eq!(names.get("nauryz").map(|n| n.kk.as_str()), Some("Наурыз мейрамы"));
    }

    #[test]
    fn statuses_follow_the_reference() {
        let statuses = |year: i16| -> BTreeSet<EntryStatus> {
            let y = CAL.year_data(year).unwrap();
            y.holidays
                .iter()
                .map(|h| h.status)
                .chain(y.transfers.iter().map(|t| t.status))
                .collect()
        };
        assert_eq!(statuses(2024), BTreeSet::from([EntryStatus::Confirmed]));
        assert_eq!(statuses(2025), BTreeSet::from([EntryStatus::Confirmed]));
        assert_eq!(
            statuses(2026),
            BTreeSet::from([EntryStatus::Confirmed, EntryStatus::Estimated])
        );
        // Kurban Ait 2026: the DUMK's planned date («may shift by one day»); no final MTSZN confirmation was found.
        let kurban = CAL
            .year_data(2026)
            .unwrap()
            .holidays
            .iter()
            .find(|h| h.key == "kurban_ait")
            .unwrap();
        assert_eq!((kurban.date, kurban.status), (d("2026-05-27"), EntryStatus::Estimated));
        assert_eq!(
            statuses(2027),
            BTreeSet::from([EntryStatus::Derived, EntryStatus::Estimated])
        );
        for year in CAL.covered_years() {
            let y = CAL.year_data(year).unwrap();
            assert!(y.holidays.iter().all(|h| !h.source.trim().is_empty()));
            assert!(
                y.transfers
                    .iter()
                    .all(|t| !t.source.trim().is_empty() && !t.act.trim().is_empty())
            );
        }
    }

    // ---- refusals of bad data ----

    const Y2026: &str = include_str!("../../../law/calendar/2026.toml");

    fn load_2026(text: &str) -> Result<Calendar, CalendarDataError> {
        load_from(HOLIDAYS, &[("2026.toml", text)])
    }

    #[test]
    fn bad_data_is_refused() {
        let cases = [
            (
                "key = \"nauryz\"",
                "key = \"nowruz\"",
                "law/calendar/2026.toml: holiday key `nowruz` has no names in holidays.toml",
            ),
            (
                "year = 2026",
                "year = 2025",
                "law/calendar/2026.toml: the file holds the year 2025",
            ),
            (
                "date = 2026-05-27",
                "date = 2026-05-27T10:00:00",
                "law/calendar/2026.toml: `2026-05-27T10:00:00` is not a date",
            ),
            (
                "kind = \"national\"",
                "kind = \"federal\"",
                "law/calendar/2026.toml: unknown variant `federal`",
            ),
            (
                "status = \"confirmed\"",
                "status = \"rumoured\"",
                "law/calendar/2026.toml: unknown variant `rumoured`",
            ),
            (
                "date = 2026-03-09",
                "date = 2026-03-10",
                "the carry-over rule gives [2026-03-09 (from 2026-03-08), ",
            ),
            (
                "date = 2026-03-23  # Monday",
                "date = 2026-03-22",
                "invalid calendar data: two holidays on 2026-03-22",
            ),
            ("source = \"kazpravda.kz\"", "source = \" \"", "has no source"),
        ];
        for (from, to, expected) in cases {
            assert!(Y2026.contains(from), "{from}");
            let err = load_2026(&Y2026.replacen(from, to, 1)).unwrap_err().to_string();
            assert!(
                err.starts_with(expected) || err.contains(expected),
                "{from} -> {to}: {err}"
            );
        }
        let extra = format!("{Y2026}\n[[transfer]]\nday_off = 2026-03-31\nworking_day = 2026-03-28\n");
        assert!(
            load_2026(&extra)
                .unwrap_err()
                .to_string()
                .starts_with("law/calendar/2026.toml: missing field `act`")
        );
        let unknown = Y2026.replacen("year = 2026", "year = 2026\nregion = \"all\"", 1);
        assert!(
            load_2026(&unknown)
                .unwrap_err()
                .to_string()
                .contains("unknown field `region`")
        );
        assert_eq!(load_2026(Y2026).map(|c| c.covered_years()), Ok(2026..=2026));
    }

    #[test]
    fn the_names_file_is_checked() {
        let (file, text) = HOLIDAYS;
        let twice =
            format!("{text}\n[[holiday]]\nkey = \"nauryz\"\nkk = \"a\"\nru = \"b\"\nen = \"c\"\nbasis = \"d\"\n");
        assert_eq!(
            parse_names((file, &twice)).unwrap_err().to_string(),
            "law/calendar/holidays.toml: holiday `nauryz` is named twice"
        );
        let no_kk = text.replacen("kk = \"Жаңа жыл\"", "kk = \"\"", 1);
        assert!(
            parse_names((file, &no_kk))
                .unwrap_err()
                .to_string()
                .contains("`new_year` lacks")
        );
    }

    #[test]
    fn the_edition_changes_with_the_data() {
        let a = fingerprint([("2026.toml", "year = 2026\n")].into_iter());
        let b = fingerprint([("2026.toml", "year = 2026\r\n")].into_iter());
        let c = fingerprint([("2026.toml", "year = 2027\n")].into_iter());
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    // ---- properties on the real calendar ----

    fn covered_day() -> impl Strategy<Value = Date> {
        (0i32..(366 + 365 + 365 + 365)).prop_map(|k| calendar::add_calendar_days(d("2024-01-01"), k).unwrap())
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 1024,
            rng_seed: proptest::test_runner::RngSeed::Fixed(0x716f_6e79),
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        #[test]
        fn adding_working_days_composes(start in covered_day(), n in 0u16..300, m in 0u16..300) {
            let once = CAL.add_working_days(start, WorkingDays::new(n + m)).map(|x| x.due);
            let twice = CAL
                .add_working_days(start, WorkingDays::new(n))
                .and_then(|a| CAL.add_working_days(a.due, WorkingDays::new(m)))
                .map(|x| x.due);
            prop_assert_eq!(once, twice);
        }

        #[test]
        fn deadlines_are_consistent(start in covered_day(), n in 0u16..300) {
            match CAL.add_working_days(start, WorkingDays::new(n)) {
                Ok(x) => {
                    prop_assert_eq!(CAL.working_days_between(start, x.due), Ok(i32::from(n)));
                    if n > 0 {
                        prop_assert!(CAL.is_working_day(x.due).unwrap());
                    }
                    for s in &x.skipped {
                        prop_assert!(!s.working && start < s.date && s.date < x.due);
                    }
                }
                Err(e) => prop_assert_eq!(e, CalendarError::YearNotCovered { year: 2028 }),
            }
        }

        #[test]
        fn next_working_day_is_idempotent(day in covered_day()) {
            if let Ok(w) = CAL.next_working_day_on_or_after(day) {
                prop_assert!(w.date() >= day);
                prop_assert_eq!(CAL.next_working_day_on_or_after(w.date()), Ok(w));
            }
        }
    }
}
