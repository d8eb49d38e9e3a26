//! The pieces every payload codec is made of: dates, deadlines, grounds and amounts to and from JSON. A stored
//! payload is untrusted input: whatever does not read back is `StoreError::Corrupt` naming the case and field.

use cases::Deadline;
use jiff::civil::Date;
use serde_json::{Map, Value, json};
use store::{CaseRecord, StoreError};

use crate::AppError;

/// The error for a case whose stored data does not read back.
pub fn corrupt(case: &CaseRecord, reason: &str) -> AppError {
    AppError::Store(StoreError::Corrupt {
        table: "cases",
        id: case.id.to_string(),
        reason: reason.into(),
    })
}

/// A deadline as stored.
pub fn deadline(d: &Deadline) -> Value {
    json!({
        "limit": d.limit.key(),
        "from": d.from.to_string(),
        "due": d.due.to_string(),
        "edition": d.calendar_edition,
        "basis": d.basis.to_string(),
        "skipped": d.skipped.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "resumed_with": d.resumed_with.map(calendar::WorkingDays::get),
    })
}

/// A payload's fields, read with errors that name the case and the field.
pub struct Fields<'a> {
    case: &'a CaseRecord,
    map: Map<String, Value>,
}

impl std::fmt::Debug for Fields<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // A payload holds personal data: only which fields it has.
        f.debug_struct("Fields")
            .field("case", &self.case.id)
            .field("keys", &self.map.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl<'a> Fields<'a> {
    /// The case's payload, which must be a JSON object.
    pub fn of(case: &'a CaseRecord) -> Result<Fields<'a>, AppError> {
        match serde_json::from_str(&case.payload) {
            Ok(Value::Object(map)) => Ok(Fields { case, map }),
            _ => Err(corrupt(case, "payload")),
        }
    }

    /// A nested object.
    pub fn object(&self, key: &str) -> Result<Fields<'a>, AppError> {
        match self.map.get(key) {
            Some(Value::Object(map)) => Ok(Fields {
                case: self.case,
                map: map.clone(),
            }),
            _ => Err(self.bad(key)),
        }
    }

    /// A nested object, if the key is there.
    pub fn opt_object(&self, key: &str) -> Result<Option<Fields<'a>>, AppError> {
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(_) => self.object(key).map(Some),
        }
    }

    /// A list of objects (an absent key is an empty list).
    pub fn objects(&self, key: &str) -> Result<Vec<Fields<'a>>, AppError> {
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| match v {
                    Value::Object(map) => Ok(Fields {
                        case: self.case,
                        map: map.clone(),
                    }),
                    _ => Err(self.bad(key)),
                })
                .collect(),
            Some(_) => Err(self.bad(key)),
        }
    }

    /// A list of texts (an absent key is an empty list).
    pub fn texts(&self, key: &str) -> Result<Vec<String>, AppError> {
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| v.as_str().map(str::to_owned).ok_or_else(|| self.bad(key)))
                .collect(),
            Some(_) => Err(self.bad(key)),
        }
    }

    pub fn opt_i64(&self, key: &str) -> Option<i64> {
        self.map.get(key).and_then(Value::as_i64)
    }

    pub fn timestamp(&self, key: &str) -> Result<jiff::Timestamp, AppError> {
        self.str(key)?.parse().map_err(|_| self.bad(key))
    }

    fn bad(&self, key: &str) -> AppError {
        corrupt(self.case, key)
    }

    pub fn opt_str(&self, key: &str) -> Option<&str> {
        self.map.get(key).and_then(Value::as_str)
    }

    pub fn str(&self, key: &str) -> Result<&str, AppError> {
        self.opt_str(key).ok_or_else(|| self.bad(key))
    }

    pub fn opt_bool(&self, key: &str) -> Option<bool> {
        self.map.get(key).and_then(Value::as_bool)
    }

    pub fn opt_u32(&self, key: &str) -> Option<u32> {
        self.map
            .get(key)
            .and_then(Value::as_u64)
            .and_then(|n| u32::try_from(n).ok())
    }

    pub fn u32(&self, key: &str) -> Result<u32, AppError> {
        self.opt_u32(key).ok_or_else(|| self.bad(key))
    }

    pub fn date(&self, key: &str) -> Result<Date, AppError> {
        self.str(key)?.parse().map_err(|_| self.bad(key))
    }

    pub fn opt_date(&self, key: &str) -> Result<Option<Date>, AppError> {
        self.opt_str(key)
            .map(|s| s.parse().map_err(|_| self.bad(key)))
            .transpose()
    }

    pub fn money(&self, key: &str) -> Result<kz::Money, AppError> {
        self.map
            .get(key)
            .and_then(Value::as_i64)
            .map(kz::Money::from_tiyn)
            .ok_or_else(|| self.bad(key))
    }

    pub fn working_days(&self, key: &str) -> Result<calendar::WorkingDays, AppError> {
        self.opt_u32(key)
            .and_then(|n| u16::try_from(n).ok())
            .map(calendar::WorkingDays::new)
            .ok_or_else(|| self.bad(key))
    }

    /// A deadline written by [`deadline`].
    pub fn deadline(&self, key: &str) -> Result<Deadline, AppError> {
        let d = self.object(key)?;
        let limit = legal::TimeLimitId::from_key(d.str("limit")?).ok_or_else(|| self.bad(key))?;
        let basis = d.str("basis")?.parse().map_err(|_| self.bad(key))?;
        let skipped = match d.map.get("skipped") {
            Some(Value::Array(days)) => days
                .iter()
                .map(|v| v.as_str().and_then(|s| s.parse().ok()).ok_or_else(|| self.bad(key)))
                .collect::<Result<Vec<Date>, AppError>>()?,
            _ => return Err(self.bad(key)),
        };
        Ok(Deadline {
            limit,
            from: d.date("from")?,
            due: d.date("due")?,
            calendar_edition: d.opt_str("edition").map(str::to_owned),
            basis,
            skipped,
            resumed_with: d
                .opt_u32("resumed_with")
                .and_then(|n| u16::try_from(n).ok())
                .map(calendar::WorkingDays::new),
        })
    }

    /// Grounds by their codes, each one of `known`.
    pub fn grounds(&self, key: &str, known: &[rules::Ground]) -> Result<cases::Grounds, AppError> {
        let codes = match self.map.get(key) {
            Some(Value::Array(codes)) => codes,
            _ => return Err(self.bad(key)),
        };
        let grounds = codes
            .iter()
            .map(|c| {
                c.as_str()
                    .and_then(|c| known.iter().find(|g| g.code == c))
                    .cloned()
                    .ok_or_else(|| self.bad(key))
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        cases::Grounds::new(grounds).map_err(|_| self.bad(key))
    }
}

/// Grounds as stored: their codes.
pub fn grounds(g: &cases::Grounds) -> Value {
    json!(g.as_slice().iter().map(|g| g.code).collect::<Vec<_>>())
}
