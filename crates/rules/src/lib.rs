//! The rules of order No. 359 as pure functions: `(facts, params, calendar, date) -> Decision`.
//!
//! Every function returns its result together with an [`Explanation`]: the points of law applied, the
//! requirement IDs of the spec, the parameter editions used and the facts it relied on. A refusal is a
//! decision ([`Outcome::Refused`] with enumerated grounds), never an error; errors are reserved for
//! "the law here is not known" ([`RuleError::NotCovered`]) and arithmetic that cannot be represented.
//!
//! Modules are named after the paragraphs they implement (`rules_b::p71_rent_compensation`,
//! `rules_a::p14_prior_registration`).
//!
//! ```
//! use rules::rules_b::p71_rent_compensation::{rent_compensation, RentClaim};
//! use rules::{HouseholdSize, Locality};
//! let law = legal::Law::embedded().unwrap();
//! let claim = RentClaim::new(jiff::civil::date(2026, 3, 1), Locality::Urban, HouseholdSize::new(3).unwrap(), 0);
//! let decision = rent_compensation(&law.params, &claim).unwrap();
//! assert_eq!(decision.amount().unwrap().to_string(), "108125.00"); // 25 MCI × 4 325 ₸
//! ```

mod explain;
mod household;
pub mod rules_a;
pub mod rules_b;
pub mod time_limits;

pub use explain::{Decision, Explanation, Fact, FactSource, Ground, Outcome, ParamUse};
pub use household::{HouseholdSize, Locality};

use calendar::CalendarError;
use legal::NotCovered;

/// Every enumerated ground of refusal or termination the rules can return, for catalogs and documents.
pub fn all_grounds() -> Vec<Ground> {
    use rules_b::{p67_certificate, p71_rent_compensation as p71, p73_application_windows as p73};
    let mut out = vec![
        p71::MAX_MONTHS_GROUND,
        p73::DEADLINE_MISSED,
        p73::RESTORATION_LATE,
        p73::RESTORATION_NO_EVIDENCE,
        p73::OUTSIDE_FINANCIAL_YEAR,
    ];
    out.extend(p71::RentExclusion::ALL.iter().map(|g| g.ground()));
    out.extend(p71::RentTermination::ALL.iter().map(|g| g.ground()));
    out.extend(p67_certificate::CertificateRefusal::ALL.iter().map(|g| g.ground()));
    out
}

/// A rule could not be evaluated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    /// The law in force on that date is not known to Qonys (no parameter edition covers it).
    #[error(transparent)]
    NotCovered(#[from] NotCovered),
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    /// The amount does not fit in the money type: the input is not a real case.
    #[error("amount overflows")]
    Overflow,
    /// An input outside what the rule accepts (e.g. zero workers).
    #[error("invalid input: {0}")]
    Invalid(&'static str),
}

impl RuleError {
    pub const CODES: &'static [&'static str] = &[
        "edition_not_covered",
        "amount_overflow",
        "invalid_input_zero_count",
        "invalid_input_zero_amount",
    ];

    pub fn code(&self) -> &'static str {
        match self {
            RuleError::NotCovered(_) => NotCovered::CODE,
            RuleError::Calendar(e) => e.code(),
            RuleError::Overflow => "amount_overflow",
            RuleError::Invalid(code) => code,
        }
    }
}
