//! Arguments are parsed here, once, into domain values; a bad one becomes a coded [`Failure`].

use jiff::civil::Date;

use crate::failure::Failure;

pub(crate) fn date(s: &str, field: &'static str) -> Result<Date, Failure> {
    s.trim()
        .parse::<Date>()
        .map_err(|_| Failure::input("invalid_date", field))
}

/// `YYYY-MM` → the first day of that month.
pub(crate) fn month(s: &str, field: &'static str) -> Result<Date, Failure> {
    let bad = || Failure::input("invalid_month", field);
    let (y, m) = s.trim().split_once('-').ok_or_else(bad)?;
    if y.len() != 4 || m.len() != 2 {
        return Err(bad());
    }
    let year: i16 = y.parse().map_err(|_| bad())?;
    let month: i8 = m.parse().map_err(|_| bad())?;
    Date::new(year, month, 1).map_err(|_| bad())
}

pub(crate) fn positive<T: TryFrom<u64>>(s: &str, field: &'static str) -> Result<T, Failure> {
    let n: u64 = s.trim().parse().map_err(|_| Failure::input("invalid_number", field))?;
    if n == 0 {
        return Err(Failure::input("invalid_number", field));
    }
    T::try_from(n).map_err(|_| Failure::input("invalid_number", field))
}

pub(crate) fn nonzero(s: &str, field: &'static str) -> Result<std::num::NonZeroU32, Failure> {
    positive::<u32>(s, field)
        .and_then(|n| std::num::NonZeroU32::new(n).ok_or_else(|| Failure::input("invalid_number", field)))
}

pub(crate) fn count<T: TryFrom<u64>>(s: &str, field: &'static str) -> Result<T, Failure> {
    let n: u64 = s.trim().parse().map_err(|_| Failure::input("invalid_number", field))?;
    T::try_from(n).map_err(|_| Failure::input("invalid_number", field))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months() {
        assert_eq!(month("2026-03", "m").ok(), Some(jiff::civil::date(2026, 3, 1)));
        for bad in ["2026-3", "2026-13", "26-03", "march", "2026-03-01"] {
            assert!(
                matches!(
                    month(bad, "m"),
                    Err(Failure::Input {
                        code: "invalid_month",
                        ..
                    })
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(positive::<u8>("5", "n").ok(), Some(5));
        for bad in ["0", "-1", "x", "256"] {
            assert!(positive::<u8>(bad, "n").is_err(), "{bad}");
        }
        assert_eq!(count::<u8>("0", "n").ok(), Some(0));
    }
}
