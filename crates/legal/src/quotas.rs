//! The regional quotas a ministerial order sets for a year (`law/quotas/<year>.toml`), for loading into the
//! quota ledger. The files say where each figure comes from; an administrator may also set quotas by hand.

use serde::Deserialize;

const FILES: &[(i16, &str)] = &[(2026, include_str!("../../../law/quotas/2026.toml"))];

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    year: i16,
    unit: String,
    reference: RawReference,
    quota: Vec<RawQuota>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReference {
    act: String,
    point: String,
    confidence: String,
    source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuota {
    territory: String,
    kandas: Option<u32>,
    resettler: Option<u32>,
}

/// One quota of the year's order: a territory (KATO code as written), a category, a size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotaLine {
    pub territory: String,
    /// `kandas` or `resettler`
    pub category: &'static str,
    pub size: u32,
}

/// A year's quotas with the act that sets them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearQuotas {
    pub year: i16,
    /// `persons` or `families`
    pub unit: String,
    /// The act and point, for the audit record of each quota set from this file.
    pub basis: String,
    pub source: String,
    pub lines: Vec<QuotaLine>,
}

/// The quotas the law data holds for `year`, or `None` when there is no file for it.
pub fn for_year(year: i16) -> Option<Result<YearQuotas, String>> {
    let (_, text) = FILES.iter().find(|(y, _)| *y == year)?;
    Some(parse(text))
}

/// The years with a quota file.
pub fn years() -> Vec<i16> {
    FILES.iter().map(|(y, _)| *y).collect()
}

fn parse(text: &str) -> Result<YearQuotas, String> {
    let raw: RawFile = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut lines = Vec::new();
    for q in raw.quota {
        if let Some(size) = q.kandas {
            lines.push(QuotaLine {
                territory: q.territory.clone(),
                category: "kandas",
                size,
            });
        }
        if let Some(size) = q.resettler {
            lines.push(QuotaLine {
                territory: q.territory,
                category: "resettler",
                size,
            });
        }
    }
    Ok(YearQuotas {
        year: raw.year,
        unit: raw.unit,
        basis: format!("{} {}", raw.reference.act, raw.reference.point),
        source: format!("{} ({})", raw.reference.source, raw.reference.confidence),
        lines,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_2026_quotas_add_up_to_the_published_totals() {
        let q = for_year(2026).expect("a 2026 file").expect("it parses");
        let total = |c: &str| q.lines.iter().filter(|l| l.category == c).map(|l| l.size).sum::<u32>();
        assert_eq!((total("kandas"), total("resettler")), (2_281, 5_997));
        assert_eq!(q.unit, "persons");
        assert!(for_year(2019).is_none());
    }
}
