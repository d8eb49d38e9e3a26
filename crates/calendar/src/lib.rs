//! The legal working-day calendar of Kazakhstan (five-day week) and civil date arithmetic.
//!
//! A [`Calendar`] is built from per-year data ([`YearData`]: holidays and ministry transfers of days off, each
//! with its source and status) and applies the carry-over rule of the Law "On holidays" (art. 5) itself, so the
//! data lists only what an act or a source states. It answers whether a day is working and why ([`DayStatus`]),
//! and computes deadlines in working days ([`Deadline`]): the start day is day 0, the due date is the n-th
//! working day after it, and every skipped non-working day comes back with its reason.
//!
//! A date in a year the calendar does not cover is [`CalendarError::YearNotCovered`], never a guess.
//! The crate is pure: no IO, no clock, no logging.
//!
//! ```
//! use calendar::{Calendar, EntryStatus, Holiday, HolidayKind, WorkingDays, YearData};
//! use jiff::civil::date;
//!
//! # fn main() -> Result<(), calendar::CalendarError> {
//! let nauryz = |day| Holiday {
//!     date: date(2026, 3, day),
//!     key: "nauryz".to_owned(),
//!     kind: HolidayKind::State,
//!     status: EntryStatus::Confirmed,
//!     source: "Law No. 267-II art. 1".to_owned(),
//! };
//! let year = YearData {
//!     year: 2026,
//!     holidays: vec![nauryz(21), nauryz(22), nauryz(23)],
//!     transfers: vec![],
//!     source: "example".to_owned(),
//! };
//! let cal = Calendar::new("example".to_owned(), vec![year])?;
//!
//! // 21 and 22 March fall on Saturday and Sunday: 24 and 25 March become days off.
//! let deadline = cal.add_working_days(date(2026, 3, 19), WorkingDays::new(3))?;
//! assert_eq!(deadline.due, date(2026, 3, 27));
//! assert_eq!(deadline.skipped.len(), 5);
//! # Ok(())
//! # }
//! ```

mod civil;
mod working;

pub use civil::{MonthEnd, add_calendar_days, add_months, add_years};
pub use jiff::civil::Date;
pub use working::Calendar;

use std::fmt;

/// Every [`CalendarError::code`], for message catalogs.
pub const CODES: &[&str] = CalendarError::CODES;

/// A count of working days (the Rules count most of their time limits in working days).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WorkingDays(u16);

impl WorkingDays {
    pub const fn new(n: u16) -> WorkingDays {
        WorkingDays(n)
    }

    pub const fn get(self) -> u16 {
        self.0
    }
}

impl fmt::Display for WorkingDays {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Proof that a date is a working day in a given calendar; only [`Calendar`] constructs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WorkingDate(Date);

impl WorkingDate {
    pub fn date(self) -> Date {
        self.0
    }
}

impl fmt::Display for WorkingDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// The calendar entries of one year, as an act or a source states them.
///
/// Carried-over days are not listed: [`Calendar::new`] derives them from the holidays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearData {
    pub year: i16,
    pub holidays: Vec<Holiday>,
    pub transfers: Vec<Transfer>,
    /// Where the year's list comes from.
    pub source: String,
}

/// A holiday or a religious day off on a given date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub date: Date,
    /// Stable identifier of the holiday, e.g. `nauryz`; its kk/ru/en names live with the data.
    pub key: String,
    pub kind: HolidayKind,
    pub status: EntryStatus,
    pub source: String,
}

/// The legal category of a day off, which decides whether it carries over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HolidayKind {
    /// National holiday (Law "On holidays" No. 267-II art. 1), e.g. Republic Day.
    National,
    /// State holiday (Law "On holidays" No. 267-II art. 1), e.g. Nauryz.
    State,
    /// Religious day off under Labour Code art. 84 p. 5 (7 January Orthodox Christmas, first day of Kurban Ait):
    /// never carried over when it falls on a weekend.
    Religious,
}

impl HolidayKind {
    pub const ALL: [HolidayKind; 3] = [HolidayKind::National, HolidayKind::State, HolidayKind::Religious];

    /// Stable snake_case name, as written in the data files.
    pub fn key(self) -> &'static str {
        match self {
            HolidayKind::National => "national",
            HolidayKind::State => "state",
            HolidayKind::Religious => "religious",
        }
    }

    /// Whether the holiday moves to the next working day when it falls on a weekend (Law art. 5).
    pub fn carries_over(self) -> bool {
        match self {
            HolidayKind::National | HolidayKind::State => true,
            HolidayKind::Religious => false,
        }
    }
}

/// A transfer of a day off (Labour Code art. 85 p. 3): a weekday becomes a day off and a weekend day is worked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transfer {
    /// The weekday made a day off.
    pub day_off: Date,
    /// The Saturday or Sunday made a working day.
    pub working_day: Date,
    /// The act ordering the transfer, e.g. "MTSZN order of 17 Apr 2024".
    pub act: String,
    pub status: EntryStatus,
    /// Where the transfer was read.
    pub source: String,
}

/// How an entry was established.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntryStatus {
    /// A source names this date (an act, an official calendar, a ministry statement).
    Confirmed,
    /// Computed from a rule of law (a fixed-date holiday in a year whose official calendar is not published yet).
    Derived,
    /// A forecast, e.g. an astronomical estimate of Kurban Ait before the official date is set.
    Estimated,
}

impl EntryStatus {
    pub const ALL: [EntryStatus; 3] = [EntryStatus::Confirmed, EntryStatus::Derived, EntryStatus::Estimated];

    /// Stable snake_case name, as written in the data files.
    pub fn key(self) -> &'static str {
        match self {
            EntryStatus::Confirmed => "confirmed",
            EntryStatus::Derived => "derived",
            EntryStatus::Estimated => "estimated",
        }
    }
}

/// Whether a day is working, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayStatus {
    pub date: Date,
    pub working: bool,
    pub reason: DayReason,
}

/// Why a day is working or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DayReason {
    /// An ordinary working day (Monday to Friday).
    Weekday,
    /// Saturday or Sunday of the five-day week.
    Weekend,
    /// A holiday or religious day off on its own date (also when it falls on a weekend).
    Holiday { key: String, kind: HolidayKind },
    /// Law "On holidays" art. 5: the holiday `key` of date `holiday` fell on a weekend, so this next working day is
    /// a day off.
    CarriedOver { key: String, holiday: Date },
    /// A weekday made a day off by a transfer; `worked_on` is the weekend day worked instead.
    TransferredDayOff { worked_on: Date, act: String },
    /// A weekend day made a working day by a transfer; `day_off_on` is the weekday given off instead.
    TransferredWorkingDay { day_off_on: Date, act: String },
}

impl DayReason {
    /// Stable snake_case name of the reason, for messages and data files.
    pub fn code(&self) -> &'static str {
        match self {
            DayReason::Weekday => "weekday",
            DayReason::Weekend => "weekend",
            DayReason::Holiday { .. } => "holiday",
            DayReason::CarriedOver { .. } => "carried_over",
            DayReason::TransferredDayOff { .. } => "transferred_day_off",
            DayReason::TransferredWorkingDay { .. } => "transferred_working_day",
        }
    }
}

/// A deadline counted in working days, with everything needed to explain and re-check it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    pub start: Date,
    pub working_days: WorkingDays,
    pub due: Date,
    /// Every non-working day strictly between `start` and `due`, in date order, with its reason.
    pub skipped: Vec<DayStatus>,
    /// The calendar edition the deadline was computed with.
    pub edition: String,
}

/// A calendar question that has no answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// The calendar holds no data for that year (also when a deadline runs past the last covered year).
    #[error("the legal calendar does not cover the year {year}")]
    YearNotCovered { year: i16 },
    /// `date` plus `months` names a day its target month does not have, and the rule said not to round.
    #[error("{date} plus {months} months falls on a day the target month does not have")]
    AmbiguousMonthEnd { date: Date, months: i32 },
    /// The result is outside the supported range of dates.
    #[error("date arithmetic overflows the supported range")]
    Overflow,
    /// The data given to [`Calendar::new`] is inconsistent.
    #[error("invalid calendar data: {0}")]
    InvalidData(String),
}

impl CalendarError {
    pub const CODES: &'static [&'static str] = &[
        "calendar_year_not_covered",
        "calendar_ambiguous_month_end",
        "calendar_overflow",
        "calendar_invalid_data",
    ];

    /// Stable code for messages and APIs.
    pub fn code(&self) -> &'static str {
        match self {
            CalendarError::YearNotCovered { .. } => "calendar_year_not_covered",
            CalendarError::AmbiguousMonthEnd { .. } => "calendar_ambiguous_month_end",
            CalendarError::Overflow => "calendar_overflow",
            CalendarError::InvalidData(_) => "calendar_invalid_data",
        }
    }
}

#[cfg(test)]
mod tests;
