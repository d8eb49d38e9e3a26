//! Why a command could not give its answer: a stable code, the argument at fault and message arguments.

use kz::ErrorCode;

#[derive(Debug)]
pub(crate) enum Failure {
    /// Bad input: the code is a message key of the catalogs.
    Input {
        code: &'static str,
        field: Option<&'static str>,
        args: Vec<(&'static str, String)>,
    },
    /// A defect of the program or of the embedded law; shown with its cause, never with personal data.
    Internal(String),
}

impl Failure {
    pub(crate) fn input(code: &'static str, field: &'static str) -> Failure {
        Failure::Input {
            code,
            field: Some(field),
            args: Vec::new(),
        }
    }

    pub(crate) fn internal(cause: String) -> Failure {
        Failure::Internal(cause)
    }

    pub(crate) fn exit_code(&self) -> u8 {
        match self {
            Failure::Input { .. } => 2,
            Failure::Internal(_) => 3,
        }
    }

    pub(crate) fn from_code(e: &impl ErrorCode, field: &'static str) -> Failure {
        Failure::input(e.code(), field)
    }

    pub(crate) fn from_calendar(e: &calendar::CalendarError, field: &'static str) -> Failure {
        let args = match e {
            calendar::CalendarError::YearNotCovered { year } => vec![("year", year.to_string())],
            _ => Vec::new(),
        };
        Failure::Input {
            code: e.code(),
            field: Some(field),
            args,
        }
    }

    /// Store failures the user can act on keep their code; a corrupt database is a defect to report.
    pub(crate) fn from_store(e: &store::StoreError) -> Failure {
        match e {
            store::StoreError::Corrupt { .. } => Failure::Internal(e.to_string()),
            other => Failure::Input {
                code: other.code(),
                field: None,
                args: vec![("detail", other.to_string())],
            },
        }
    }

    pub(crate) fn from_rule(e: &rules::RuleError, field: &'static str) -> Failure {
        match e {
            rules::RuleError::Calendar(c) => Failure::from_calendar(c, field),
            other => Failure::input(other.code(), field),
        }
    }
}
