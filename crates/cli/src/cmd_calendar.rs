//! `qonys calendar`: working days of the legal calendar, each answer with its reason.

use std::process::ExitCode;

use calendar::{DayReason, DayStatus, WorkingDays};
use clap::Subcommand;
use render::Lang;
use serde_json::{Value, json};

use crate::failure::Failure;
use crate::output::Out;
use crate::{law, parse};

#[derive(Debug, Subcommand)]
pub(crate) enum CalendarCmd {
    /// The day N working days after START (START is day 0), with every non-working day skipped and why.
    AddWorkingDays {
        /// YYYY-MM-DD
        start: String,
        /// Number of working days, 0 or more.
        #[arg(allow_hyphen_values = true)]
        n: String,
    },
    /// Whether DATE is a working day, and why.
    IsWorkingDay {
        /// YYYY-MM-DD
        date: String,
    },
    /// Working days after FROM up to and including TO.
    WorkingDaysBetween { from: String, to: String },
    /// Every non-working day of YEAR with its reason.
    NonWorkingDays { year: String },
}

/// The human text of a day's reason, with the holiday's name in the output language.
fn reason_text(out: &Out, reason: &DayReason) -> String {
    let names = legal::calendar_data::holiday_names().unwrap_or_default();
    let name = |key: &str| {
        names
            .get(key)
            .map(|n| match out.lang {
                Lang::Kk => n.kk.clone(),
                Lang::Ru => n.ru.clone(),
            })
            .unwrap_or_else(|| key.to_owned())
    };
    match reason {
        DayReason::Weekday | DayReason::Weekend => out.msg(&format!("reason_{}", reason.code())),
        DayReason::Holiday { key, .. } => out.msg_with("reason_holiday", &[("name", &name(key))]),
        DayReason::CarriedOver { key, holiday } => out.msg_with(
            "reason_carried_over",
            &[("date", &holiday.to_string()), ("name", &name(key))],
        ),
        DayReason::TransferredDayOff { worked_on, act } => out.msg_with(
            "reason_transferred_day_off",
            &[("date", &worked_on.to_string()), ("act", act)],
        ),
        DayReason::TransferredWorkingDay { day_off_on, act } => out.msg_with(
            "reason_transferred_working_day",
            &[("date", &day_off_on.to_string()), ("act", act)],
        ),
    }
}

/// A day as JSON: `date`, `working`, `reason` (stable code), `text`, and the reason's particulars.
pub(crate) fn day_json(out: &Out, d: &DayStatus) -> Value {
    let mut v = json!({
        "date": d.date.to_string(),
        "working": d.working,
        "reason": d.reason.code(),
        "text": reason_text(out, &d.reason),
    });
    let extra = match &d.reason {
        DayReason::Weekday | DayReason::Weekend => None,
        DayReason::Holiday { key, kind } => Some(json!({ "holiday": key, "kind": kind.key() })),
        DayReason::CarriedOver { key, holiday } => Some(json!({ "holiday": key, "holiday_date": holiday.to_string() })),
        DayReason::TransferredDayOff { worked_on, act } => {
            Some(json!({ "worked_on": worked_on.to_string(), "act": act }))
        }
        DayReason::TransferredWorkingDay { day_off_on, act } => {
            Some(json!({ "day_off_on": day_off_on.to_string(), "act": act }))
        }
    };
    if let (Some(Value::Object(extra)), Value::Object(map)) = (extra, &mut v) {
        map.extend(extra);
    }
    v
}

fn day_line(out: &Out, d: &DayStatus) -> String {
    let working = if d.working {
        out.msg("out_working")
    } else {
        out.msg("out_not_working")
    };
    let weekday = out.msg(&format!("dow_{}", d.date.weekday().to_monday_one_offset()));
    format!("{} {weekday} — {working}: {}", d.date, reason_text(out, &d.reason))
}

pub(crate) fn run(cmd: CalendarCmd, out: &Out) -> Result<ExitCode, Failure> {
    let law = law()?;
    let cal = &law.calendar;
    match cmd {
        CalendarCmd::AddWorkingDays { start, n } => {
            let start = parse::date(&start, "START")?;
            let n = WorkingDays::new(parse::count(&n, "N")?);
            let d = cal
                .add_working_days(start, n)
                .map_err(|e| Failure::from_calendar(&e, "START"))?;
            if out.json {
                out.json(&json!({
                    "start": d.start.to_string(),
                    "working_days": d.working_days.get(),
                    "due": d.due.to_string(),
                    "calendar_edition": d.edition,
                    "skipped": d.skipped.iter().map(|s| day_json(out, s)).collect::<Vec<_>>(),
                }));
            } else {
                out.line(format!(
                    "{}: {} ({} + {})",
                    out.msg("out_due"),
                    d.due,
                    d.start,
                    d.working_days
                ));
                if !d.skipped.is_empty() {
                    out.line(format!("{}:", out.msg("out_skipped")));
                    for s in &d.skipped {
                        out.line(format!("  {}", day_line(out, s)));
                    }
                }
            }
        }
        CalendarCmd::IsWorkingDay { date } => {
            let date = parse::date(&date, "DATE")?;
            let d = cal.day(date).map_err(|e| Failure::from_calendar(&e, "DATE"))?;
            if out.json {
                out.json(&day_json(out, &d));
            } else {
                out.line(day_line(out, &d));
            }
        }
        CalendarCmd::WorkingDaysBetween { from, to } => {
            let (from, to) = (parse::date(&from, "FROM")?, parse::date(&to, "TO")?);
            let n = cal
                .working_days_between(from, to)
                .map_err(|e| Failure::from_calendar(&e, "FROM"))?;
            if out.json {
                out.json(&json!({ "from": from.to_string(), "to": to.to_string(), "working_days": n }));
            } else {
                out.line(n.to_string());
            }
        }
        CalendarCmd::NonWorkingDays { year } => {
            let year: i16 = parse::count(&year, "YEAR")?;
            let days = cal
                .non_working_days(year)
                .map_err(|e| Failure::from_calendar(&e, "YEAR"))?;
            if out.json {
                out.json(&json!({
                    "year": year,
                    "calendar_edition": cal.edition(),
                    "days": days.iter().map(|d| day_json(out, d)).collect::<Vec<_>>(),
                }));
            } else {
                for d in &days {
                    out.line(day_line(out, d));
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
