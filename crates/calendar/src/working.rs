//! The working-day calendar: built once from per-year data, then answered from precomputed tables.

use std::fmt;
use std::ops::RangeInclusive;

use jiff::civil::{Date, Weekday};

use crate::{CalendarError, DayReason, DayStatus, Deadline, Holiday, WorkingDate, WorkingDays, YearData};

/// The legal calendar of a contiguous range of years, in one data edition.
///
/// Every day of the covered years is resolved when the calendar is built; queries are table look-ups:
/// `working_days_between` is O(1), `add_working_days` is O(1) plus the length of the skipped list.
#[derive(Clone)]
pub struct Calendar {
    edition: String,
    first_year: i16,
    last_year: i16,
    /// The data as given, sorted by year (kept for audit and for pinning the entries a decision used).
    years: Vec<YearData>,
    /// Index (days since 1 January of the first year) of 1 January of each covered year, then one past the end.
    year_starts: Vec<usize>,
    /// Every covered day, in date order.
    days: Vec<DayStatus>,
    /// `working_before[i]` = the number of working days among `days[..i]`; one longer than `days`.
    working_before: Vec<u32>,
    /// The index of every working day, in date order.
    working: Vec<u32>,
}

impl fmt::Debug for Calendar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Calendar")
            .field("edition", &self.edition)
            .field("covered_years", &self.covered_years())
            .finish_non_exhaustive()
    }
}

fn invalid(message: String) -> CalendarError {
    CalendarError::InvalidData(message)
}

fn is_weekend(d: Date) -> bool {
    matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
}

fn ordinary(date: Date) -> DayStatus {
    if is_weekend(date) {
        DayStatus {
            date,
            working: false,
            reason: DayReason::Weekend,
        }
    } else {
        DayStatus {
            date,
            working: true,
            reason: DayReason::Weekday,
        }
    }
}

impl Calendar {
    /// Builds the calendar from per-year data (in any order) and validates it.
    ///
    /// The years must be contiguous and each given once; every entry must lie inside its year and name its
    /// source; no two holidays share a date; a transfer pairs an ordinary weekday (not a holiday, not a
    /// carried-over day) made a day off with an ordinary Saturday or Sunday made a working day, and no date is
    /// used by two transfers.
    ///
    /// Days off are then resolved in this order:
    /// 1. the five-day week: Saturday and Sunday are days off;
    /// 2. every holiday and religious day off is a day off on its date;
    /// 3. the carry-over rule (see below);
    /// 4. transfers: the weekday becomes a day off, the weekend day a working day.
    pub fn new(edition: String, mut years: Vec<YearData>) -> Result<Calendar, CalendarError> {
        if edition.trim().is_empty() {
            return Err(invalid("the calendar edition is empty".to_owned()));
        }
        years.sort_by_key(|y| y.year);
        let (Some(first_year), Some(last_year)) = (years.first().map(|y| y.year), years.last().map(|y| y.year)) else {
            return Err(invalid("no year is given".to_owned()));
        };
        for pair in years.windows(2) {
            if let [a, b] = pair
                && a.year.checked_add(1) != Some(b.year)
            {
                return Err(if a.year == b.year {
                    invalid(format!("year {} is given twice", a.year))
                } else {
                    invalid(format!(
                        "the years are not contiguous: {} is followed by {}",
                        a.year, b.year
                    ))
                });
            }
        }
        for y in &years {
            check_year(y)?;
        }

        let mut cal = Calendar {
            edition,
            first_year,
            last_year,
            years: Vec::new(),
            year_starts: Vec::new(),
            days: Vec::new(),
            working_before: Vec::new(),
            working: Vec::new(),
        };
        cal.lay_out_days()?;

        let mut holidays: Vec<&Holiday> = years.iter().flat_map(|y| &y.holidays).collect();
        holidays.sort_by_key(|h| h.date);
        for h in &holidays {
            let day = cal.day_mut(h.date)?;
            if let DayReason::Holiday { key, .. } = &day.reason {
                return Err(invalid(format!("two holidays on {}: `{key}` and `{}`", h.date, h.key)));
            }
            day.working = false;
            day.reason = DayReason::Holiday {
                key: h.key.clone(),
                kind: h.kind,
            };
        }

        // Law "On holidays" No. 267-II art. 5: when a (national or state) holiday falls on a day off, the next
        // working day after it is a day off. Holidays are taken in date order, so when two fall on one weekend
        // (Nauryz on Saturday and Sunday) the second moves to the day after the first one's. The next working day
        // is the first day that is neither a weekend day, a holiday nor a day off already carried over.
        // Labour Code art. 84 p. 5: the religious days off (7 January, first day of Kurban Ait) are never moved.
        // A move that would land after the last covered year is dropped with that year: those days are not covered.
        for h in holidays.iter().filter(|h| h.kind.carries_over() && is_weekend(h.date)) {
            let from = cal.index(h.date)?;
            let target = cal
                .days
                .iter_mut()
                .skip(from + 1)
                .find(|d| d.reason == DayReason::Weekday);
            if let Some(day) = target {
                day.working = false;
                day.reason = DayReason::CarriedOver {
                    key: h.key.clone(),
                    holiday: h.date,
                };
            }
        }

        // Labour Code art. 85 p. 3: transfers ordered by the authorised body apply after the rule above.
        for t in years.iter().flat_map(|y| &y.transfers) {
            let off = cal.day_mut(t.day_off)?;
            if off.reason != DayReason::Weekday {
                return Err(invalid(format!(
                    "transfer `{}`: {} is not an ordinary working weekday ({})",
                    t.act,
                    t.day_off,
                    off.reason.code()
                )));
            }
            off.working = false;
            off.reason = DayReason::TransferredDayOff {
                worked_on: t.working_day,
                act: t.act.clone(),
            };
            let worked = cal.day_mut(t.working_day)?;
            if worked.reason != DayReason::Weekend {
                return Err(invalid(format!(
                    "transfer `{}`: {} is not an ordinary weekend day ({})",
                    t.act,
                    t.working_day,
                    worked.reason.code()
                )));
            }
            worked.working = true;
            worked.reason = DayReason::TransferredWorkingDay {
                day_off_on: t.day_off,
                act: t.act.clone(),
            };
        }

        cal.count_working_days()?;
        cal.years = years;
        Ok(cal)
    }

    /// Which data edition this calendar was built from; stored with every deadline computed with it.
    pub fn edition(&self) -> &str {
        &self.edition
    }

    /// The years the calendar answers for (always contiguous).
    pub fn covered_years(&self) -> RangeInclusive<i16> {
        self.first_year..=self.last_year
    }

    /// The data of a covered year, as given to [`Calendar::new`].
    pub fn year_data(&self, year: i16) -> Result<&YearData, CalendarError> {
        self.years
            .iter()
            .find(|y| y.year == year)
            .ok_or(CalendarError::YearNotCovered { year })
    }

    /// Whether `d` is a working day, and why.
    pub fn day(&self, d: Date) -> Result<DayStatus, CalendarError> {
        self.days
            .get(self.index(d)?)
            .cloned()
            .ok_or(CalendarError::YearNotCovered { year: d.year() })
    }

    pub fn is_working_day(&self, d: Date) -> Result<bool, CalendarError> {
        self.days
            .get(self.index(d)?)
            .map(|s| s.working)
            .ok_or(CalendarError::YearNotCovered { year: d.year() })
    }

    /// The due date `n` working days after `start`.
    ///
    /// The start day is day 0 whatever it is: the due date is the n-th working day strictly after `start`, and
    /// `n = 0` gives `start` itself. `skipped` lists every non-working day strictly between `start` and the due
    /// date, with its reason. A deadline that runs past the last covered year is
    /// [`CalendarError::YearNotCovered`] for the year after it.
    pub fn add_working_days(&self, start: Date, n: WorkingDays) -> Result<Deadline, CalendarError> {
        let from = self.index(start)?;
        let due = if n.get() == 0 {
            from
        } else {
            // The working days up to and including `start`, plus n: the ordinal of the due date among them all.
            let ordinal = self.working_up_to(from)? as usize + usize::from(n.get()) - 1;
            self.working
                .get(ordinal)
                .map(|&i| i as usize)
                .ok_or_else(|| self.past_the_end())?
        };
        let skipped = self
            .days
            .get(from + 1..due)
            .unwrap_or_default()
            .iter()
            .filter(|d| !d.working)
            .cloned()
            .collect();
        let due_date = self.days.get(due).map(|d| d.date).ok_or_else(|| self.past_the_end())?;
        Ok(Deadline {
            start,
            working_days: n,
            due: due_date,
            skipped,
            edition: self.edition.clone(),
        })
    }

    /// `d` itself if it is a working day, else the first working day after it.
    pub fn next_working_day_on_or_after(&self, d: Date) -> Result<WorkingDate, CalendarError> {
        let i = self.index(d)?;
        let before = self
            .working_before
            .get(i)
            .copied()
            .ok_or(CalendarError::YearNotCovered { year: d.year() })?;
        let next = self
            .working
            .get(before as usize)
            .map(|&i| i as usize)
            .ok_or_else(|| self.past_the_end())?;
        self.days
            .get(next)
            .map(|s| WorkingDate(s.date))
            .ok_or_else(|| self.past_the_end())
    }

    /// The number of working days `d` with `from < d <= to`; negative (the same count) when `to < from`.
    pub fn working_days_between(&self, from: Date, to: Date) -> Result<i32, CalendarError> {
        let a = i64::from(self.working_up_to(self.index(from)?)?);
        let b = i64::from(self.working_up_to(self.index(to)?)?);
        i32::try_from(b - a).map_err(|_| CalendarError::Overflow)
    }

    /// Every non-working day of `year`, weekends included, in date order.
    pub fn non_working_days(&self, year: i16) -> Result<Vec<DayStatus>, CalendarError> {
        let (start, end) = self.year_bounds(year)?;
        Ok(self
            .days
            .get(start..end)
            .unwrap_or_default()
            .iter()
            .filter(|d| !d.working)
            .cloned()
            .collect())
    }

    // ---- tables ----

    fn lay_out_days(&mut self) -> Result<(), CalendarError> {
        for year in self.first_year..=self.last_year {
            self.year_starts.push(self.days.len());
            let mut d = Date::new(year, 1, 1).map_err(|_| invalid(format!("year {year} is out of range")))?;
            let last = d.last_of_year();
            loop {
                self.days.push(ordinary(d));
                if d == last {
                    break;
                }
                d = d.tomorrow().map_err(|_| CalendarError::Overflow)?;
            }
        }
        self.year_starts.push(self.days.len());
        Ok(())
    }

    fn count_working_days(&mut self) -> Result<(), CalendarError> {
        let mut count: u32 = 0;
        self.working_before.reserve(self.days.len() + 1);
        self.working_before.push(0);
        for (i, day) in self.days.iter().enumerate() {
            if day.working {
                self.working
                    .push(u32::try_from(i).map_err(|_| CalendarError::Overflow)?);
                count += 1;
            }
            self.working_before.push(count);
        }
        Ok(())
    }

    /// The position of `d` in `days`.
    fn index(&self, d: Date) -> Result<usize, CalendarError> {
        let year = d.year();
        let not_covered = CalendarError::YearNotCovered { year };
        if year < self.first_year || year > self.last_year {
            return Err(not_covered);
        }
        let offset = usize::try_from(year - self.first_year).map_err(|_| not_covered.clone())?;
        let start = self
            .year_starts
            .get(offset)
            .copied()
            .ok_or_else(|| not_covered.clone())?;
        let in_year = usize::try_from(d.day_of_year() - 1).map_err(|_| not_covered)?;
        Ok(start + in_year)
    }

    fn year_bounds(&self, year: i16) -> Result<(usize, usize), CalendarError> {
        let not_covered = CalendarError::YearNotCovered { year };
        if year < self.first_year || year > self.last_year {
            return Err(not_covered);
        }
        let offset = usize::try_from(year - self.first_year).map_err(|_| not_covered.clone())?;
        match (self.year_starts.get(offset), self.year_starts.get(offset + 1)) {
            (Some(&start), Some(&end)) => Ok((start, end)),
            _ => Err(not_covered),
        }
    }

    fn day_mut(&mut self, d: Date) -> Result<&mut DayStatus, CalendarError> {
        let i = self.index(d)?;
        self.days
            .get_mut(i)
            .ok_or(CalendarError::YearNotCovered { year: d.year() })
    }

    /// The number of working days among `days[..=i]`.
    fn working_up_to(&self, i: usize) -> Result<u32, CalendarError> {
        self.working_before
            .get(i + 1)
            .copied()
            .ok_or_else(|| self.past_the_end())
    }

    fn past_the_end(&self) -> CalendarError {
        CalendarError::YearNotCovered {
            year: self.last_year.saturating_add(1),
        }
    }
}

/// Checks what can be checked within one year's data.
fn check_year(y: &YearData) -> Result<(), CalendarError> {
    let year = y.year;
    if y.source.trim().is_empty() {
        return Err(invalid(format!("year {year}: the source is empty")));
    }
    for h in &y.holidays {
        if h.date.year() != year {
            return Err(invalid(format!(
                "year {year}: holiday `{}` on {} is outside the year",
                h.key, h.date
            )));
        }
        if h.key.trim().is_empty() {
            return Err(invalid(format!("year {year}: the holiday on {} has no key", h.date)));
        }
        if h.source.trim().is_empty() {
            return Err(invalid(format!(
                "year {year}: holiday `{}` on {} has no source",
                h.key, h.date
            )));
        }
    }
    let mut used: Vec<Date> = Vec::new();
    for t in &y.transfers {
        for d in [t.day_off, t.working_day] {
            if d.year() != year {
                return Err(invalid(format!(
                    "year {year}: transfer `{}` names {d}, outside the year",
                    t.act
                )));
            }
            if used.contains(&d) {
                return Err(invalid(format!("year {year}: {d} is used by two transfers")));
            }
            used.push(d);
        }
        if t.act.trim().is_empty() || t.source.trim().is_empty() {
            return Err(invalid(format!(
                "year {year}: the transfer of {} has no act or no source",
                t.day_off
            )));
        }
    }
    Ok(())
}
