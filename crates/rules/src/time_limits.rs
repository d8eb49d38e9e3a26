//! Every time limit of order No. 359 that yields a date (spec section 6.1), as named functions.
//!
//! The length, unit and direction of each limit are dated parameters (`law/params/time-limits.toml`);
//! this module only knows how to count them:
//! - working days on the legal calendar, the start day being day 0 (the due date is the n-th working day
//!   after it, so "within three working days from acceptance on Wednesday" ends on Monday);
//! - calendar days, months and years on the civil calendar.
//!
//! INTERPRETATION(B 73, B 68.6, month end): a period of months or years that ends on a day the target month does
//! not have (31 Aug + 6 months, 29 Feb + 5 years) ends on the last day of that month; the order is silent and the
//! alternative (the first day of the next month) would extend a time limit beyond its wording.
//! INTERPRETATION(B 73, day off not extended): a period of months or years ends on its day even when that day is a
//! day off (the six months of p.73 part 1, the three of part 3); the order does not carry it to the next working
//! day, and only working-day limits are counted on the legal calendar.

use calendar::{Calendar, DayStatus, MonthEnd, WorkingDays};
use jiff::civil::Date;
use legal::params::{Direction, LimitUnit, TimeLimit};
use legal::{Params, TimeLimitId};

use crate::{Explanation, RuleError};

/// A computed due date and how it was reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub limit: TimeLimitId,
    pub from: Date,
    pub due: Date,
    pub rule: TimeLimit,
    /// Non-working days skipped (working-day limits only).
    pub skipped: Vec<DayStatus>,
    /// The calendar edition used (working-day limits only), stored with the deadline.
    pub calendar_edition: Option<String>,
    pub explanation: Explanation,
}

/// The due date of `limit` counted from `from`, with the edition of the limit in force on `from`.
pub fn due(params: &Params, cal: &Calendar, limit: TimeLimitId, from: Date) -> Result<Due, RuleError> {
    let param = params.time_limit(limit);
    let edition = param.history.at(from)?;
    let rule = edition.value;
    let mut why = Explanation::new(std::slice::from_ref(&edition.reference.legal), &[requirement(limit)]);
    why.param(&param.history, edition, format!("{} {}", rule.count, rule.unit.key()));
    why.input("from", from);
    let sign = match rule.direction {
        Direction::After => 1,
        Direction::Before => -1,
    };
    let count = i32::from(rule.count) * sign;
    let (due, skipped, calendar_edition) = match rule.unit {
        LimitUnit::SameDay => (from, Vec::new(), None),
        LimitUnit::WorkingDays => {
            if rule.direction == Direction::Before {
                return Err(RuleError::Invalid("unsupported_time_limit"));
            }
            let deadline = cal.add_working_days(from, WorkingDays::new(rule.count))?;
            (deadline.due, deadline.skipped, Some(deadline.edition))
        }
        LimitUnit::CalendarDays => (calendar::add_calendar_days(from, count)?, Vec::new(), None),
        LimitUnit::Months => (calendar::add_months(from, count, MonthEnd::Clamp)?, Vec::new(), None),
        LimitUnit::Years => {
            let years = i16::try_from(count).map_err(|_| RuleError::Overflow)?;
            (calendar::add_years(from, years, MonthEnd::Clamp)?, Vec::new(), None)
        }
    };
    why.computed("due", due);
    Ok(Due {
        limit,
        from,
        due,
        rule,
        skipped,
        calendar_edition,
        explanation: why,
    })
}

macro_rules! limits {
    ($( $(#[$doc:meta])* $name:ident => $id:ident, $req:literal; )*) => {
        $( $(#[$doc])* pub fn $name(params: &Params, cal: &Calendar, from: Date) -> Result<Due, RuleError> {
            due(params, cal, TimeLimitId::$id, from)
        } )*

        /// The spec requirement a limit implements.
        pub fn requirement(limit: TimeLimitId) -> &'static str {
            match limit { $( TimeLimitId::$id => $req, )* }
        }

        /// The named function of each limit, for tables and the CLI.
        pub const NAMED: &[(&str, TimeLimitId)] = &[ $( (stringify!($name), TimeLimitId::$id), )* ];
    };
}

limits! {
    /// QUOTA-04, Rules A p.14 part 2: the State Corporation forwards the application on the day of receipt.
    quota_sc_forward => QuotaScForward, "QUOTA-04";
    /// QUOTA-11, Rules A p.15 part 3: career centres forward an application within one working day of receipt.
    quota_career_centre_forward => QuotaCareerCentreForward, "QUOTA-11";
    /// QUOTA-13, Rules A p.15 part 5: notice of refusal to accept within two working days.
    quota_refusal_to_accept_notice => QuotaRefusalToAcceptNotice, "QUOTA-13";
    /// QUOTA-15, Rules A p.15 part 6: a portal application is registered on the day it is filed.
    quota_portal_registration => QuotaPortalRegistration, "QUOTA-15";
    /// QUOTA-19, A-App 2 row 3: the quota service is rendered within 14 working days.
    quota_service_term => QuotaServiceTerm, "QUOTA-19";
    /// RES-03, Rules B p.24: the latest day to notify a move, counted back from the moving date.
    move_notice => MoveNotice, "RES-03";
    /// EMC-13, Rules B p.68 part 7: the career centre checks and forwards within three working days of registration.
    emc_check_and_forward => EmcCheckAndForward, "EMC-13";
    /// EMC-19, Rules B p.68 part 13: the Labour Mobility Centre decides within three working days of acceptance.
    emc_decision => EmcDecision, "EMC-19";
    /// EMC-25, Rules B p.69: the money is transferred within two working days after the decision.
    emc_transfer => EmcTransfer, "EMC-25";
    /// EMC-11, Rules B p.68 part 6: the last day of the five years in which the housing must not be sold.
    emc_no_sale => EmcNoSale, "EMC-11";
    /// RENT-05, Rules B p.72 part 2: the list of rent applications reaches the LMC within two working days.
    rent_list_forward => RentListForward, "RENT-05";
    /// DEADLINE-01, Rules B p.73 part 1: the last day to apply for material assistance other than the EMC.
    material_assistance_application => MaterialAssistanceApplication, "DEADLINE-01";
    /// DEADLINE-03, Rules B p.73 part 3: the last day to petition for restoration, counted from the expiry.
    restoration_petition => RestorationPetition, "DEADLINE-03";
    /// APPEAL-03, Rules B p.73-3 part 3: the complaint reaches the higher body within three working days.
    appeal_forward => AppealForward, "APPEAL-03";
    /// APPEAL-04, Rules B p.73-3 part 4: the appealed body may satisfy the complaint itself within three working days.
    appeal_self_remedy => AppealSelfRemedy, "APPEAL-04";
    /// APPEAL-05, Rules B p.73-3 part 5: the higher body considers the complaint within five working days of registration.
    appeal_consideration => AppealConsideration, "APPEAL-05";
    /// ORD-05, order No. 359 item 2: the Migration Committee reports within ten working days.
    ord05_report => Ord05Report, "ORD-05";
    /// EMP-02, B-App 3 obligation 1: permanent employment for at least two years.
    employer_employment_short => EmployerEmploymentShort, "EMP-02";
    /// EMP-02, B-App 3 obligation 1: permanent employment for at least five years.
    employer_employment_long => EmployerEmploymentLong, "EMP-02";
    /// QUOTA-02, Rules A p.14 part 1: the latest date from which permanent registration must have lasted.
    quota_prior_registration => QuotaPriorRegistration, "QUOTA-02";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_limit_is_named_once_and_matches_the_law_file() {
        let params = Params::embedded().unwrap();
        assert_eq!(NAMED.len(), TimeLimitId::ALL.len());
        for id in TimeLimitId::ALL {
            assert_eq!(NAMED.iter().filter(|(_, i)| i == id).count(), 1, "{id:?}");
            assert_eq!(
                NAMED.iter().find(|(_, i)| i == id).map(|(n, _)| *n),
                Some(id.key()),
                "function named after its key"
            );
            assert_eq!(params.time_limit(*id).requirement, requirement(*id), "{id:?}");
        }
    }
}
