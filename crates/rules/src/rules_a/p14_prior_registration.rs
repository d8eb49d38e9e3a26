//! Rules A p.14 part 1 (wording of order No. 359, from 2026-01-01): who may apply for the resettler quota.
//!
//! > «… Қағидаларының (бұдан әрі - Қағидалар) 16-тармағында көзделген өңірдегі тұрғылықты жері бойынша кемінде бір
//! > жыл тұрақты тіркеуі бар …»
//!
//! QUOTA-02: the applicant has been permanently registered at the place of residence in the region of origin
//! (Rules B p.16, XREF-02) for at least the period of the limit `quota_prior_registration`, counted back from the
//! day of the application. This module gives the day from which the registration must have lasted; whether the
//! registration history covers it is read from the address registry (`registries::registered_since`).

use calendar::Calendar;
use jiff::civil::Date;
use legal::{Params, TimeLimitId};

use crate::RuleError;
use crate::time_limits::{Due, due};

/// The latest day from which permanent registration in the region of origin must have lasted, without a break, for
/// an application made on `applied_on`: the limit `quota_prior_registration` in force on that day, counted back.
pub fn registered_since(params: &Params, cal: &Calendar, applied_on: Date) -> Result<Due, RuleError> {
    due(params, cal, TimeLimitId::QuotaPriorRegistration, applied_on)
}
