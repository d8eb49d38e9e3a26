//! The law as data: acts and references, dated parameters (`law/params`) and the working-day calendar
//! (`law/calendar`), all embedded in the binary so it carries the exact law it was tested against.
//!
//! ```
//! let law = legal::Law::embedded().unwrap();
//! let on = jiff::civil::date(2026, 3, 1);
//! assert_eq!(law.params.mci.at(on).unwrap().value.to_string(), "4325.00");
//! ```

pub mod acts;
pub mod amend;
pub mod calendar_data;
pub mod params;
pub mod quotas;
pub mod versioned;

pub use acts::{Act, LegalRef, UnknownAct};
pub use params::{Params, ParamsError, TimeLimitId};
pub use versioned::{Confidence, Edition, NotCovered, Reference, Versioned};

/// Everything `law/` holds, parsed.
#[derive(Debug, Clone)]
pub struct Law {
    pub params: Params,
    pub calendar: calendar::Calendar,
}

/// The embedded law could not be parsed: a defect of the build, reported with the file at fault.
#[derive(Debug, thiserror::Error)]
pub enum LawError {
    #[error(transparent)]
    Params(#[from] ParamsError),
    #[error(transparent)]
    Calendar(#[from] calendar_data::CalendarDataError),
}

impl Law {
    pub fn embedded() -> Result<Law, LawError> {
        Ok(Law {
            params: Params::embedded()?,
            calendar: calendar_data::load()?,
        })
    }
}
