//! The legal acts Qonys implements or cites, and references into them.

use std::borrow::Cow;
use std::fmt;

/// A legal act. Titles, numbers and registration data live in `law/acts.toml`;
/// the enum is the stable identifier code and data agree on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Act {
    /// Order of the Minister of Labour and Social Protection No. 359 of 14.11.2025 (reg. No. 37453), in force 2026-01-01.
    Order359,
    /// Rules A: inclusion in the regional quota for kandases and resettlers, order No. 20 of 15.01.2016 (reg. No. 13334).
    RulesA,
    /// Rules B: voluntary resettlement to increase labour mobility, order No. 234 of 22.06.2023 (reg. No. 32880).
    RulesB,
    /// Law "On holidays in the Republic of Kazakhstan" No. 267-II of 13.12.2001.
    HolidaysLaw,
    /// Labour Code of the Republic of Kazakhstan.
    LabourCode,
    /// Budget Code of the Republic of Kazakhstan (financial year, XREF-21).
    BudgetCode,
    /// Social Code of the Republic of Kazakhstan (art. 112, XREF-04).
    SocialCode,
    /// Law "On migration of the population" No. 477-IV of 22.07.2011 (XREF-05).
    MigrationLaw,
    /// Administrative Procedural and Process Code (art. 91, XREF-07).
    Appc,
    /// Law "On the republican budget" whose first year is `first_year`; it sets the MCI for that year.
    BudgetLaw { first_year: u16 },
}

impl Act {
    /// The identifier used in `law/` files, e.g. `rules-b`, `budget-law-2026`.
    pub fn key(self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            Act::Order359 => "order-359",
            Act::RulesA => "rules-a",
            Act::RulesB => "rules-b",
            Act::HolidaysLaw => "holidays-law",
            Act::LabourCode => "labour-code",
            Act::BudgetCode => "budget-code",
            Act::SocialCode => "social-code",
            Act::MigrationLaw => "migration-law",
            Act::Appc => "appc",
            Act::BudgetLaw { first_year } => return Cow::Owned(format!("budget-law-{first_year}")),
        })
    }

    /// Parses an identifier written by [`Act::key`].
    pub fn from_key(key: &str) -> Option<Act> {
        Some(match key {
            "order-359" => Act::Order359,
            "rules-a" => Act::RulesA,
            "rules-b" => Act::RulesB,
            "holidays-law" => Act::HolidaysLaw,
            "labour-code" => Act::LabourCode,
            "budget-code" => Act::BudgetCode,
            "social-code" => Act::SocialCode,
            "migration-law" => Act::MigrationLaw,
            "appc" => Act::Appc,
            other => {
                let year = other.strip_prefix("budget-law-")?;
                if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                Act::BudgetLaw {
                    first_year: year.parse().ok()?,
                }
            }
        })
    }
}

impl fmt::Display for Act {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key())
    }
}

/// A point of an act: `rules-b 71`, `rules-b 68.14.4`, `order-359 app-7`.
///
/// Rule modules declare theirs as constants (`LegalRef::new(Act::RulesB, "71")`);
/// parameter files carry theirs as data.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LegalRef {
    pub act: Act,
    pub point: Cow<'static, str>,
}

impl LegalRef {
    pub const fn new(act: Act, point: &'static str) -> LegalRef {
        LegalRef {
            act,
            point: Cow::Borrowed(point),
        }
    }

    /// Parses the form [`LegalRef`]'s `Display` writes and records store: `rules-a 15.4`, `order-359 app-1.3`.
    /// `None` when the act is unknown or the point is missing.
    pub fn parse(s: &str) -> Option<LegalRef> {
        let (act, point) = s.trim().split_once(' ')?;
        let point = point.trim();
        if point.is_empty() {
            return None;
        }
        Some(LegalRef {
            act: Act::from_key(act)?,
            point: Cow::Owned(point.to_owned()),
        })
    }
}

impl std::str::FromStr for LegalRef {
    type Err = UnknownAct;

    /// The form `Display` writes: the act's key, a space, the point (`rules-a 15.5`, `order-359 app-1.3`).
    fn from_str(s: &str) -> Result<LegalRef, UnknownAct> {
        let (act, point) = s.split_once(' ').ok_or(UnknownAct)?;
        let act = Act::from_key(act).ok_or(UnknownAct)?;
        if point.is_empty() {
            return Err(UnknownAct);
        }
        Ok(LegalRef {
            act,
            point: Cow::Owned(point.to_owned()),
        })
    }
}

/// A reference whose act is not one Qonys knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a reference to a known act")]
pub struct UnknownAct;

impl fmt::Display for LegalRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.act, self.point)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn act_keys_round_trip() {
        let acts = [
            Act::Order359,
            Act::RulesA,
            Act::RulesB,
            Act::HolidaysLaw,
            Act::LabourCode,
            Act::BudgetCode,
            Act::SocialCode,
            Act::MigrationLaw,
            Act::Appc,
            Act::BudgetLaw { first_year: 2026 },
        ];
        for act in acts {
            assert_eq!(Act::from_key(&act.key()), Some(act), "{act}");
            let r = LegalRef::new(act, "15.5");
            assert_eq!(r.to_string().parse::<LegalRef>(), Ok(r));
        }
        assert_eq!(Act::from_key("budget-law-26"), None);
        assert_eq!(Act::from_key("rules-c"), None);
    }

    #[test]
    fn legal_ref_display() {
        assert_eq!(LegalRef::new(Act::RulesB, "71").to_string(), "rules-b 71");
    }

    #[test]
    fn legal_ref_parses_what_display_writes() {
        for r in [
            LegalRef::new(Act::RulesA, "15.4"),
            LegalRef::new(Act::RulesB, "73-3.5"),
            LegalRef::new(Act::Order359, "app-1.3"),
            LegalRef::new(
                Act::BudgetLaw { first_year: 2026 },
                "MCI for 2026 (article not verified)",
            ),
        ] {
            assert_eq!(LegalRef::parse(&r.to_string()), Some(r.clone()), "{r}");
        }
        for bad in ["", "rules-a", "rules-a ", "rules-c 15", "15.4"] {
            assert_eq!(LegalRef::parse(bad), None, "{bad:?}");
        }
    }
}
