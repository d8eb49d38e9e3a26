//! Civil date arithmetic: calendar days, months and years, with an explicit rule for month ends.

use jiff::Span;
use jiff::civil::Date;

use crate::CalendarError;

/// What to do when a month or year period ends on a day the target month does not have (31 March + 1 month).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MonthEnd {
    /// Refuse with [`CalendarError::AmbiguousMonthEnd`]: the caller must decide.
    Refuse,
    /// Use the last day of the target month (31 March + 1 month = 30 April).
    Clamp,
}

/// `d` plus `days` calendar days (negative counts go back).
pub fn add_calendar_days(d: Date, days: i32) -> Result<Date, CalendarError> {
    let span = Span::new().try_days(days).map_err(|_| CalendarError::Overflow)?;
    d.checked_add(span).map_err(|_| CalendarError::Overflow)
}

/// `d` plus `months` months: the same day number in the target month.
///
/// When the target month does not have that day (31 March + 1 month, 29 February + 12 months), `rule` decides:
/// [`MonthEnd::Refuse`] returns [`CalendarError::AmbiguousMonthEnd`], [`MonthEnd::Clamp`] gives the last day of the
/// target month.
pub fn add_months(d: Date, months: i32, rule: MonthEnd) -> Result<Date, CalendarError> {
    let total = i64::from(d.year()) * 12 + i64::from(d.month()) - 1 + i64::from(months);
    let year = i16::try_from(total.div_euclid(12)).map_err(|_| CalendarError::Overflow)?;
    let month = i8::try_from(total.rem_euclid(12) + 1).map_err(|_| CalendarError::Overflow)?;
    let first = Date::new(year, month, 1).map_err(|_| CalendarError::Overflow)?;
    if d.day() <= first.days_in_month() {
        return Date::new(year, month, d.day()).map_err(|_| CalendarError::Overflow);
    }
    match rule {
        MonthEnd::Refuse => Err(CalendarError::AmbiguousMonthEnd { date: d, months }),
        MonthEnd::Clamp => Ok(first.last_of_month()),
    }
}

/// `d` plus `years` years, that is `12 * years` months (see [`add_months`]; an error names the months).
pub fn add_years(d: Date, years: i16, rule: MonthEnd) -> Result<Date, CalendarError> {
    add_months(d, i32::from(years) * 12, rule)
}
