//! Unit tables on a small hand-built calendar (2024–2026, only the entries a case needs) and property tests.

use jiff::civil::{Date, date};
use proptest::prelude::*;

use crate::HolidayKind::{National, Religious, State};
use crate::{
    Calendar, CalendarError, DayReason, DayStatus, EntryStatus, Holiday, HolidayKind, MonthEnd, Transfer, WorkingDays,
    YearData, add_calendar_days, add_months, add_years,
};

fn d(s: &str) -> Date {
    s.parse().unwrap_or_else(|e| panic!("bad date {s}: {e}"))
}

fn weekend(day: Date) -> bool {
    matches!(
        day.weekday(),
        jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday
    )
}

fn holiday(on: &str, key: &str, kind: HolidayKind) -> Holiday {
    Holiday {
        date: d(on),
        key: key.to_owned(),
        kind,
        status: EntryStatus::Confirmed,
        source: "test".to_owned(),
    }
}

fn transfer(day_off: &str, working_day: &str, act: &str) -> Transfer {
    Transfer {
        day_off: d(day_off),
        working_day: d(working_day),
        act: act.to_owned(),
        status: EntryStatus::Confirmed,
        source: "test".to_owned(),
    }
}

fn year(year: i16, holidays: Vec<Holiday>, transfers: Vec<Transfer>) -> YearData {
    YearData {
        year,
        holidays,
        transfers,
        source: "test".to_owned(),
    }
}

/// The fixture years, deliberately given out of order.
fn fixture_years() -> Vec<YearData> {
    vec![
        year(
            2026,
            vec![
                holiday("2026-03-08", "womens_day", State),      // Sunday -> Mon 9 Mar
                holiday("2026-03-21", "nauryz", State),          // Saturday -> Tue 24 Mar (23 Mar is Nauryz)
                holiday("2026-03-22", "nauryz", State),          // Sunday -> Wed 25 Mar
                holiday("2026-03-23", "nauryz", State),          // Monday
                holiday("2026-05-27", "kurban_ait", Religious),  // Wednesday
                holiday("2026-10-25", "republic_day", National), // Sunday -> Mon 26 Oct
            ],
            vec![],
        ),
        year(
            2024,
            vec![
                holiday("2024-01-01", "new_year", State),
                holiday("2024-01-07", "orthodox_christmas", Religious), // Sunday: not moved
                holiday("2024-03-21", "nauryz", State),
                holiday("2024-03-22", "nauryz", State),
                holiday("2024-03-23", "nauryz", State), // Saturday -> Mon 25 Mar
                holiday("2024-06-16", "kurban_ait", Religious), // Sunday: not moved
            ],
            vec![transfer("2024-05-08", "2024-05-04", "MTSZN order of 17 Apr 2024")],
        ),
        year(
            2025,
            vec![
                holiday("2025-01-01", "new_year", State),
                holiday("2025-01-02", "new_year", State),
                holiday("2025-03-08", "womens_day", State), // Saturday -> Mon 10 Mar
                holiday("2025-03-21", "nauryz", State),
                holiday("2025-03-22", "nauryz", State), // Saturday -> Mon 24 Mar
                holiday("2025-03-23", "nauryz", State), // Sunday -> Tue 25 Mar
            ],
            vec![transfer("2025-01-03", "2025-01-05", "MTSZN order of 21 Nov 2024")],
        ),
    ]
}

fn fixture() -> Calendar {
    Calendar::new("test-edition".to_owned(), fixture_years()).unwrap()
}

/// One line per day: `working|off reason details`.
fn describe(day: &DayStatus) -> String {
    let state = if day.working { "work" } else { "off" };
    let details = match &day.reason {
        DayReason::Weekday | DayReason::Weekend => String::new(),
        DayReason::Holiday { key, kind } => format!(" {key} {}", kind.key()),
        DayReason::CarriedOver { key, holiday } => format!(" {key} {holiday}"),
        DayReason::TransferredDayOff { worked_on, act } => format!(" {worked_on} ({act})"),
        DayReason::TransferredWorkingDay { day_off_on, act } => format!(" {day_off_on} ({act})"),
    };
    format!("{state} {}{details}", day.reason.code())
}

#[test]
fn day_reasons() {
    let cal = fixture();
    let table = [
        ("2024-01-01", "off holiday new_year state"),
        ("2024-01-02", "work weekday"),
        ("2024-01-06", "off weekend"),
        ("2024-01-07", "off holiday orthodox_christmas religious"),
        // Religious days off are never carried over (Labour Code art. 84 p. 5).
        ("2024-01-08", "work weekday"),
        ("2024-03-23", "off holiday nauryz state"),
        ("2024-03-24", "off weekend"),
        ("2024-03-25", "off carried_over nauryz 2024-03-23"),
        ("2024-03-26", "work weekday"),
        (
            "2024-05-04",
            "work transferred_working_day 2024-05-08 (MTSZN order of 17 Apr 2024)",
        ),
        (
            "2024-05-08",
            "off transferred_day_off 2024-05-04 (MTSZN order of 17 Apr 2024)",
        ),
        ("2024-06-16", "off holiday kurban_ait religious"),
        ("2024-06-17", "work weekday"),
        (
            "2025-01-03",
            "off transferred_day_off 2025-01-05 (MTSZN order of 21 Nov 2024)",
        ),
        (
            "2025-01-05",
            "work transferred_working_day 2025-01-03 (MTSZN order of 21 Nov 2024)",
        ),
        ("2025-03-08", "off holiday womens_day state"),
        ("2025-03-10", "off carried_over womens_day 2025-03-08"),
        ("2025-03-21", "off holiday nauryz state"),
        // Two consecutive weekend holidays: each takes the next free working day, in date order.
        ("2025-03-24", "off carried_over nauryz 2025-03-22"),
        ("2025-03-25", "off carried_over nauryz 2025-03-23"),
        ("2025-03-26", "work weekday"),
        ("2026-03-09", "off carried_over womens_day 2026-03-08"),
        // The holiday on Monday 23 Mar is skipped when looking for the next working day.
        ("2026-03-23", "off holiday nauryz state"),
        ("2026-03-24", "off carried_over nauryz 2026-03-21"),
        ("2026-03-25", "off carried_over nauryz 2026-03-22"),
        ("2026-03-26", "work weekday"),
        ("2026-05-27", "off holiday kurban_ait religious"),
        ("2026-10-25", "off holiday republic_day national"),
        ("2026-10-26", "off carried_over republic_day 2026-10-25"),
        ("2026-12-31", "work weekday"),
    ];
    let mut failures = Vec::new();
    for (date, expected) in table {
        let day = cal.day(d(date)).unwrap();
        assert_eq!(day.date, d(date));
        assert_eq!(cal.is_working_day(d(date)).unwrap(), day.working);
        let got = describe(&day);
        if got != expected {
            failures.push(format!("{date}: expected `{expected}`, got `{got}`"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn add_working_days_table() {
    let cal = fixture();
    // (start, n, due, skipped days)
    let table = [
        (
            "2026-03-19",
            3,
            "2026-03-27",
            "2026-03-21 2026-03-22 2026-03-23 2026-03-24 2026-03-25",
        ),
        (
            "2026-03-20",
            1,
            "2026-03-26",
            "2026-03-21 2026-03-22 2026-03-23 2026-03-24 2026-03-25",
        ),
        // n = 0 gives the start day, whatever it is.
        ("2026-03-21", 0, "2026-03-21", ""),
        ("2026-03-19", 0, "2026-03-19", ""),
        // Starting on a weekend or a holiday: counting starts the next day.
        ("2026-03-22", 1, "2026-03-26", "2026-03-23 2026-03-24 2026-03-25"),
        ("2026-03-23", 1, "2026-03-26", "2026-03-24 2026-03-25"),
        ("2026-03-26", 1, "2026-03-27", ""),
        ("2026-03-27", 1, "2026-03-30", "2026-03-28 2026-03-29"),
        // Religious day off on a Sunday: no extra day.
        ("2024-01-05", 1, "2024-01-08", "2024-01-06 2024-01-07"),
        // The worked Saturday counts; the transferred Wednesday is skipped.
        ("2024-05-03", 1, "2024-05-04", ""),
        ("2024-05-03", 4, "2024-05-09", "2024-05-05 2024-05-08"),
        // Across New Year, with the worked Sunday.
        (
            "2024-12-30",
            3,
            "2025-01-06",
            "2025-01-01 2025-01-02 2025-01-03 2025-01-04",
        ),
        (
            "2024-12-31",
            1,
            "2025-01-05",
            "2025-01-01 2025-01-02 2025-01-03 2025-01-04",
        ),
        ("2026-12-30", 1, "2026-12-31", ""),
    ];
    let mut failures = Vec::new();
    for (start, n, due, skipped) in table {
        let deadline = cal.add_working_days(d(start), WorkingDays::new(n)).unwrap();
        let got_skipped: Vec<String> = deadline.skipped.iter().map(|s| s.date.to_string()).collect();
        let got = (deadline.due.to_string(), got_skipped.join(" "));
        if got != (due.to_owned(), skipped.to_owned()) {
            failures.push(format!(
                "{start} + {n}: expected {due} [{skipped}], got {} [{}]",
                got.0, got.1
            ));
        }
        assert_eq!(deadline.start, d(start));
        assert_eq!(deadline.working_days, WorkingDays::new(n));
        assert_eq!(deadline.edition, "test-edition");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn skipped_days_carry_their_reasons() {
    let deadline = fixture()
        .add_working_days(d("2026-03-19"), WorkingDays::new(3))
        .unwrap();
    let lines: Vec<String> = deadline
        .skipped
        .iter()
        .map(|s| format!("{} {}", s.date, describe(s)))
        .collect();
    assert_eq!(
        lines,
        [
            "2026-03-21 off holiday nauryz state",
            "2026-03-22 off holiday nauryz state",
            "2026-03-23 off holiday nauryz state",
            "2026-03-24 off carried_over nauryz 2026-03-21",
            "2026-03-25 off carried_over nauryz 2026-03-22",
        ]
    );
}

#[test]
fn years_outside_the_calendar_are_not_covered() {
    let cal = fixture();
    assert_eq!(cal.covered_years(), 2024..=2026);
    let before = CalendarError::YearNotCovered { year: 2023 };
    let after = CalendarError::YearNotCovered { year: 2027 };
    assert_eq!(cal.day(d("2023-12-31")), Err(before.clone()));
    assert_eq!(cal.is_working_day(d("2027-01-01")), Err(after.clone()));
    assert_eq!(
        cal.add_working_days(d("2023-12-29"), WorkingDays::new(1)),
        Err(before.clone())
    );
    assert_eq!(
        cal.add_working_days(d("2023-12-29"), WorkingDays::new(0)),
        Err(before.clone())
    );
    // A deadline running past the last covered year is refused, not guessed.
    assert_eq!(
        cal.add_working_days(d("2026-12-30"), WorkingDays::new(2)),
        Err(after.clone())
    );
    assert_eq!(
        cal.add_working_days(d("2026-12-31"), WorkingDays::new(1)),
        Err(after.clone())
    );
    assert_eq!(
        cal.working_days_between(d("2026-01-05"), d("2027-01-04")),
        Err(after.clone())
    );
    assert_eq!(
        cal.working_days_between(d("2023-12-29"), d("2024-01-04")),
        Err(before.clone())
    );
    assert_eq!(cal.next_working_day_on_or_after(d("2027-01-01")), Err(after.clone()));
    assert_eq!(cal.non_working_days(2023), Err(before.clone()));
    assert_eq!(cal.non_working_days(2027), Err(after.clone()));
    assert_eq!(cal.year_data(2027), Err(after));
    assert_eq!(before.code(), "calendar_year_not_covered");
}

#[test]
fn next_working_day_at_the_end_of_coverage() {
    // 31 Dec 2022 is a Saturday: no working day on or after it inside a 2022-only calendar.
    let cal = Calendar::new("e".to_owned(), vec![year(2022, vec![], vec![])]).unwrap();
    assert_eq!(
        cal.next_working_day_on_or_after(d("2022-12-30")).unwrap().date(),
        d("2022-12-30")
    );
    assert_eq!(
        cal.next_working_day_on_or_after(d("2022-12-31")),
        Err(CalendarError::YearNotCovered { year: 2023 })
    );
    assert_eq!(
        cal.add_working_days(d("2022-12-30"), WorkingDays::new(1)),
        Err(CalendarError::YearNotCovered { year: 2023 })
    );
}

#[test]
fn next_working_day_table() {
    let cal = fixture();
    let table = [
        ("2026-03-19", "2026-03-19"),
        ("2026-03-21", "2026-03-26"),
        ("2026-03-24", "2026-03-26"),
        ("2025-01-03", "2025-01-05"),
        ("2024-12-31", "2024-12-31"),
        ("2024-05-04", "2024-05-04"),
    ];
    for (from, expected) in table {
        let got = cal.next_working_day_on_or_after(d(from)).unwrap();
        assert_eq!(got.date(), d(expected), "from {from}");
        assert_eq!(got.to_string(), expected);
    }
}

#[test]
fn working_days_between_signs() {
    let cal = fixture();
    let table = [
        ("2026-03-19", "2026-03-27", 3),
        ("2026-03-27", "2026-03-19", -3),
        ("2026-03-19", "2026-03-19", 0),
        ("2026-03-21", "2026-03-21", 0),
        ("2026-03-20", "2026-03-25", 0),
        ("2026-03-25", "2026-03-20", 0),
        ("2026-03-20", "2026-03-26", 1),
        ("2026-03-26", "2026-03-20", -1),
        ("2024-12-31", "2025-01-06", 2),
        ("2025-01-06", "2024-12-31", -2),
        ("2024-05-03", "2024-05-04", 1),
    ];
    for (from, to, expected) in table {
        assert_eq!(
            cal.working_days_between(d(from), d(to)).unwrap(),
            expected,
            "{from} -> {to}"
        );
    }
    // All of 2024 after 1 January (a holiday): 262 weekdays, 5 of them days off, plus one worked Saturday.
    assert_eq!(
        cal.working_days_between(d("2024-01-01"), d("2024-12-31")).unwrap(),
        262 - 5 + 1
    );
}

#[test]
fn non_working_days_of_a_year() {
    let cal = fixture();
    let days = cal.non_working_days(2025).unwrap();
    assert!(days.iter().all(|s| !s.working && s.date.year() == 2025));
    assert!(days.windows(2).all(|w| w[0].date < w[1].date));
    let weekdays_off: Vec<String> = days
        .iter()
        .filter(|s| !weekend(s.date))
        .map(|s| s.date.to_string())
        .collect();
    assert_eq!(
        weekdays_off,
        [
            "2025-01-01",
            "2025-01-02",
            "2025-01-03",
            "2025-03-10",
            "2025-03-21",
            "2025-03-24",
            "2025-03-25"
        ]
    );
    // 104 weekend days in 2025, one of them worked; plus the 7 weekdays above.
    assert_eq!(days.len(), 104 - 1 + 7);
}

#[test]
fn carry_over_crosses_into_the_next_year_and_stops_at_the_end() {
    let cal = Calendar::new(
        "e".to_owned(),
        vec![
            year(2023, vec![holiday("2023-12-31", "test_day", State)], vec![]), // Sunday
            year(
                2024,
                vec![
                    holiday("2024-01-01", "new_year", State),
                    holiday("2024-12-29", "test_day", State),
                ],
                vec![],
            ),
        ],
    )
    .unwrap();
    assert_eq!(
        describe(&cal.day(d("2024-01-02")).unwrap()),
        "off carried_over test_day 2023-12-31"
    );
    // 29 Dec 2024 is a Sunday: moved to Monday 30 Dec.
    assert_eq!(
        describe(&cal.day(d("2024-12-30")).unwrap()),
        "off carried_over test_day 2024-12-29"
    );
    // A move past the last covered year is dropped with that year, and a query there is refused.
    let cal = Calendar::new(
        "e".to_owned(),
        vec![year(2022, vec![holiday("2022-12-31", "test_day", State)], vec![])],
    )
    .unwrap();
    assert_eq!(
        cal.non_working_days(2022)
            .unwrap()
            .iter()
            .filter(|s| s.reason.code() == "carried_over")
            .count(),
        0
    );
    assert_eq!(
        cal.day(d("2023-01-02")),
        Err(CalendarError::YearNotCovered { year: 2023 })
    );
}

#[test]
fn invalid_data_is_refused() {
    type Edit = fn(&mut Vec<YearData>);
    let cases: [(&str, Edit); 14] = [
        ("no year is given", |y| y.clear()),
        ("year 2025 is given twice", |y| y.push(year(2025, vec![], vec![]))),
        ("not contiguous: 2026 is followed by 2028", |y| {
            y.push(year(2028, vec![], vec![]))
        }),
        ("year 2024: the source is empty", |y| y[1].source.clear()),
        ("holiday `x` on 2025-05-01 is outside the year", |y| {
            y[1].holidays.push(holiday("2025-05-01", "x", State))
        }),
        ("has no key", |y| y[0].holidays.push(holiday("2026-05-01", " ", State))),
        ("holiday `x` on 2026-05-01 has no source", |y| {
            let mut h = holiday("2026-05-01", "x", State);
            h.source.clear();
            y[0].holidays.push(h);
        }),
        ("two holidays on 2026-03-23: `nauryz` and `x`", |y| {
            y[0].holidays.push(holiday("2026-03-23", "x", State))
        }),
        ("2026-03-28 is not an ordinary working weekday (weekend)", |y| {
            y[0].transfers.push(transfer("2026-03-28", "2026-03-29", "a"))
        }),
        ("2026-03-24 is not an ordinary working weekday (carried_over)", |y| {
            y[0].transfers.push(transfer("2026-03-24", "2026-03-28", "a"))
        }),
        ("2026-05-27 is not an ordinary working weekday (holiday)", |y| {
            y[0].transfers.push(transfer("2026-05-27", "2026-05-30", "a"))
        }),
        ("2026-04-01 is not an ordinary weekend day (weekday)", |y| {
            y[0].transfers.push(transfer("2026-03-31", "2026-04-01", "a"))
        }),
        ("2026-03-31 is used by two transfers", |y| {
            y[0].transfers.push(transfer("2026-03-31", "2026-03-28", "a"));
            y[0].transfers.push(transfer("2026-03-31", "2026-04-04", "b"));
        }),
        ("transfer `a` names 2027-01-02, outside the year", |y| {
            y[0].transfers.push(transfer("2026-12-31", "2027-01-02", "a"))
        }),
    ];
    for (expected, edit) in cases {
        let mut years = fixture_years();
        edit(&mut years);
        match Calendar::new("e".to_owned(), years) {
            Err(e @ CalendarError::InvalidData(_)) => {
                assert!(e.to_string().contains(expected), "expected `{expected}`, got `{e}`");
                assert_eq!(e.code(), "calendar_invalid_data");
            }
            other => panic!("expected `{expected}`, got {other:?}"),
        }
    }
    assert!(matches!(
        Calendar::new(" ".to_owned(), fixture_years()),
        Err(CalendarError::InvalidData(_))
    ));
    // A weekend holiday made a working day by a transfer is refused too.
    let mut years = fixture_years();
    years[0].transfers.push(transfer("2026-03-31", "2026-03-21", "a"));
    let err = Calendar::new("e".to_owned(), years).unwrap_err();
    assert!(
        err.to_string()
            .contains("2026-03-21 is not an ordinary weekend day (holiday)"),
        "{err}"
    );
}

#[test]
fn month_arithmetic_table() {
    use MonthEnd::{Clamp, Refuse};
    // (date, months, rule, expected date or error code)
    let table = [
        ("2026-01-31", 1, Refuse, "calendar_ambiguous_month_end"),
        ("2026-01-31", 1, Clamp, "2026-02-28"),
        ("2024-01-31", 1, Clamp, "2024-02-29"),
        ("2026-01-30", 1, Refuse, "calendar_ambiguous_month_end"),
        ("2026-01-30", 1, Clamp, "2026-02-28"),
        ("2026-01-28", 1, Refuse, "2026-02-28"),
        ("2026-03-30", 1, Refuse, "2026-04-30"),
        ("2026-03-31", 1, Refuse, "calendar_ambiguous_month_end"),
        ("2026-03-31", 1, Clamp, "2026-04-30"),
        ("2024-02-29", 12, Refuse, "calendar_ambiguous_month_end"),
        ("2024-02-29", 12, Clamp, "2025-02-28"),
        ("2024-02-29", 48, Refuse, "2028-02-29"),
        ("2026-08-31", 6, Clamp, "2027-02-28"),
        ("2026-11-15", 2, Refuse, "2027-01-15"),
        ("2026-01-15", -1, Refuse, "2025-12-15"),
        ("2026-03-31", -1, Clamp, "2026-02-28"),
        ("2026-03-31", -1, Refuse, "calendar_ambiguous_month_end"),
        ("2026-03-31", 0, Refuse, "2026-03-31"),
        ("9999-12-01", 1, Clamp, "calendar_overflow"),
        ("2026-01-01", i32::MAX, Clamp, "calendar_overflow"),
    ];
    for (date, months, rule, expected) in table {
        let got = match add_months(d(date), months, rule) {
            Ok(x) => x.to_string(),
            Err(e) => e.code().to_owned(),
        };
        assert_eq!(got, expected, "{date} + {months} months ({rule:?})");
    }
    assert_eq!(
        add_months(d("2026-03-31"), 1, Refuse),
        Err(CalendarError::AmbiguousMonthEnd {
            date: d("2026-03-31"),
            months: 1
        })
    );
}

#[test]
fn year_and_day_arithmetic() {
    assert_eq!(add_years(d("2024-02-29"), 1, MonthEnd::Clamp), Ok(d("2025-02-28")));
    assert_eq!(
        add_years(d("2024-02-29"), 1, MonthEnd::Refuse),
        Err(CalendarError::AmbiguousMonthEnd {
            date: d("2024-02-29"),
            months: 12
        })
    );
    assert_eq!(add_years(d("2024-02-29"), 4, MonthEnd::Refuse), Ok(d("2028-02-29")));
    assert_eq!(add_years(d("2026-03-18"), -3, MonthEnd::Refuse), Ok(d("2023-03-18")));
    assert_eq!(
        add_years(d("9000-01-01"), i16::MAX, MonthEnd::Clamp),
        Err(CalendarError::Overflow)
    );
    assert_eq!(add_calendar_days(d("2026-02-27"), 2), Ok(d("2026-03-01")));
    assert_eq!(add_calendar_days(d("2024-02-27"), 2), Ok(d("2024-02-29")));
    assert_eq!(add_calendar_days(d("2026-01-01"), -1), Ok(d("2025-12-31")));
    assert_eq!(add_calendar_days(d("2026-01-01"), 0), Ok(d("2026-01-01")));
    assert_eq!(add_calendar_days(d("9999-12-31"), 1), Err(CalendarError::Overflow));
    assert_eq!(
        add_calendar_days(d("2026-01-01"), i32::MAX),
        Err(CalendarError::Overflow)
    );
}

#[test]
fn error_codes_are_listed_once() {
    let errors = [
        CalendarError::YearNotCovered { year: 2028 },
        CalendarError::AmbiguousMonthEnd {
            date: date(2026, 3, 31),
            months: 1,
        },
        CalendarError::Overflow,
        CalendarError::InvalidData("x".to_owned()),
    ];
    let codes: Vec<&str> = errors.iter().map(CalendarError::code).collect();
    assert_eq!(codes, CalendarError::CODES);
    assert_eq!(crate::CODES, CalendarError::CODES);
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "the legal calendar does not cover the year 2028",
            "2026-03-31 plus 1 months falls on a day the target month does not have",
            "date arithmetic overflows the supported range",
            "invalid calendar data: x",
        ]
    );
}

#[test]
fn small_things() {
    let cal = fixture();
    assert_eq!(cal.edition(), "test-edition");
    assert_eq!(
        format!("{cal:?}"),
        r#"Calendar { edition: "test-edition", covered_years: 2024..=2026, .. }"#
    );
    assert_eq!(cal.year_data(2025).unwrap().transfers.len(), 1);
    assert_eq!(WorkingDays::new(14).get(), 14);
    assert_eq!(WorkingDays::new(14).to_string(), "14");
    let keys: Vec<&str> = HolidayKind::ALL.iter().map(|k| k.key()).collect();
    assert_eq!(keys, ["national", "state", "religious"]);
    assert_eq!(HolidayKind::ALL.map(HolidayKind::carries_over), [true, true, false]);
    let keys: Vec<&str> = EntryStatus::ALL.iter().map(|k| k.key()).collect();
    assert_eq!(keys, ["confirmed", "derived", "estimated"]);
    let clone = cal.clone();
    assert_eq!(clone.day(d("2026-03-24")), cal.day(d("2026-03-24")));
}

// ---- properties ----

const FIRST: i16 = 2024;
const DAYS: i32 = 366 + 365 + 365;

fn covered_day() -> impl Strategy<Value = Date> {
    (0..DAYS).prop_map(|k| add_calendar_days(date(FIRST, 1, 1), k).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 512,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x6b7a),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn adding_is_associative(start in covered_day(), n in 0u16..200, m in 0u16..200) {
        let cal = fixture();
        let once = cal.add_working_days(start, WorkingDays::new(n + m)).map(|x| x.due);
        let twice = cal
            .add_working_days(start, WorkingDays::new(n))
            .and_then(|a| cal.add_working_days(a.due, WorkingDays::new(m)))
            .map(|x| x.due);
        prop_assert_eq!(once, twice);
    }

    #[test]
    fn deadlines_are_consistent(start in covered_day(), n in 0u16..400) {
        let cal = fixture();
        match cal.add_working_days(start, WorkingDays::new(n)) {
            Ok(x) => {
                prop_assert_eq!(cal.working_days_between(start, x.due).unwrap(), i32::from(n));
                prop_assert_eq!(cal.working_days_between(x.due, start).unwrap(), -i32::from(n));
                if n > 0 {
                    prop_assert!(x.due > start);
                    prop_assert!(cal.is_working_day(x.due).unwrap());
                } else {
                    prop_assert_eq!(x.due, start);
                }
                for s in &x.skipped {
                    prop_assert!(!s.working && start < s.date && s.date < x.due);
                    prop_assert_eq!(&cal.day(s.date).unwrap(), s);
                }
                // Every day strictly between is either skipped or one of the n - 1 working days before the due date.
                let gap = i64::from(x.due.since(start).unwrap().get_days());
                let expected_len = if n == 0 { 0 } else { gap - 1 - (i64::from(n) - 1) };
                prop_assert_eq!(i64::try_from(x.skipped.len()).unwrap(), expected_len);
            }
            Err(e) => prop_assert_eq!(e, CalendarError::YearNotCovered { year: 2027 }),
        }
    }

    #[test]
    fn next_working_day_is_idempotent(day in covered_day()) {
        let cal = fixture();
        if let Ok(w) = cal.next_working_day_on_or_after(day) {
            prop_assert!(w.date() >= day);
            prop_assert!(cal.is_working_day(w.date()).unwrap());
            prop_assert_eq!(cal.next_working_day_on_or_after(w.date()).unwrap(), w);
            prop_assert_eq!(cal.working_days_between(day, w.date()).unwrap(), i32::from(!cal.is_working_day(day).unwrap()));
        }
    }

    #[test]
    fn between_is_antisymmetric_and_additive(a in covered_day(), b in covered_day(), c in covered_day()) {
        let cal = fixture();
        let ab = cal.working_days_between(a, b).unwrap();
        prop_assert_eq!(cal.working_days_between(b, a).unwrap(), -ab);
        prop_assert_eq!(ab + cal.working_days_between(b, c).unwrap(), cal.working_days_between(a, c).unwrap());
    }

    #[test]
    fn month_clamp_stays_in_the_target_month(day in covered_day(), months in -30i32..30) {
        let clamped = add_months(day, months, MonthEnd::Clamp).unwrap();
        match add_months(day, months, MonthEnd::Refuse) {
            Ok(exact) => {
                prop_assert_eq!(exact, clamped);
                prop_assert_eq!(exact.day(), day.day());
            }
            Err(e) => {
                prop_assert_eq!(e, CalendarError::AmbiguousMonthEnd { date: day, months });
                prop_assert_eq!(clamped, clamped.last_of_month());
                prop_assert!(clamped.day() < day.day());
            }
        }
    }
}
