//! The grounds for refusing inclusion in the quota (order No. 359 appendix 1 row 9) weighed against the facts the
//! information systems gave and the case holds, for the official who decides: which ground the facts make out,
//! which they rule out, which they cannot tell, and which only the official can find.
//!
//! The finding informs, it does not decide: the official refuses on the grounds they choose, and a refusal
//! cites them (`quota_a14::Event::Refuse`).

use rules::Ground;

use crate::quota_a14::{
    Category, K1_NOT_KANDAS, K2_UNRELIABLE, K3_OFFENCES, K4_NO_CONSENT, K5_NO_QUOTA, R1_UNRELIABLE, R2_NO_CONSENT,
    R3_SOCIAL_CODE, R4_NO_QUOTA, R5_CATEGORY,
};

/// What the facts say of one ground.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finding {
    /// The facts make the ground out.
    Applies,
    /// The facts rule it out.
    DoesNotApply,
    /// An information system did not answer the question the ground turns on.
    NotKnown,
    /// No information system can tell: the official finds it from the documents (unreliable data), or the
    /// order refers to rules it does not reproduce (the categories of Rules B p.12, XREF-02).
    ForTheOfficer,
}

impl Finding {
    pub fn key(self) -> &'static str {
        match self {
            Finding::Applies => "applies",
            Finding::DoesNotApply => "does_not_apply",
            Finding::NotKnown => "not_known",
            Finding::ForTheOfficer => "for_the_officer",
        }
    }
}

/// The facts the grounds turn on, each `None` when its information system did not answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GroundFacts {
    /// Kandas status in the register of the authorised body on migration (K1).
    pub kandas: Option<bool>,
    /// On the lists of offences or of terrorist and extremist organisations (K3).
    pub listed: Option<bool>,
    /// Consent to access to restricted personal data given with the application (K4, R2).
    pub consent: bool,
    /// A citizen of Kazakhstan (R3).
    pub citizen: Option<bool>,
    /// Registered as a job seeker or unemployed (R3).
    pub job_seeker: Option<bool>,
    /// Permanently registered in the region of origin for the required time (R3).
    pub registered: Option<bool>,
    /// Places left in the quota of the territorial unit, and places the application needs (K5, R4).
    pub places_left: Option<u32>,
    pub places_needed: u32,
    /// The applicant refused the territorial unit offered (K5, R4).
    pub declined_unit: bool,
}

/// One ground with its finding and the facts it was weighed on (`ui-fact-<key>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    pub ground: Ground,
    pub finding: Finding,
    pub facts: &'static [&'static str],
}

fn yes_no(fact: Option<bool>, applies_when: bool) -> Finding {
    match fact {
        Some(v) if v == applies_when => Finding::Applies,
        Some(_) => Finding::DoesNotApply,
        None => Finding::NotKnown,
    }
}

fn consent(facts: &GroundFacts) -> Finding {
    if facts.consent {
        Finding::DoesNotApply
    } else {
        Finding::Applies
    }
}

fn no_quota(facts: &GroundFacts) -> Finding {
    if facts.declined_unit {
        return Finding::Applies;
    }
    match facts.places_left {
        Some(left) if left < facts.places_needed => Finding::Applies,
        Some(_) => Finding::DoesNotApply,
        None => Finding::NotKnown,
    }
}

/// Every ground of the category's list, in the order of the list.
pub fn assess(category: Category, facts: &GroundFacts) -> Vec<Assessment> {
    let a = |ground: Ground, finding, facts| Assessment { ground, finding, facts };
    match category {
        Category::Kandas => vec![
            a(K1_NOT_KANDAS, yes_no(facts.kandas, false), &["kandas"]),
            a(K2_UNRELIABLE, Finding::ForTheOfficer, &[]),
            a(K3_OFFENCES, yes_no(facts.listed, true), &["listed"]),
            a(K4_NO_CONSENT, consent(facts), &["consent"]),
            a(K5_NO_QUOTA, no_quota(facts), &["places_left", "declined_unit"]),
        ],
        Category::Resettler => {
            // INTERPRETATION(app-1.9 R3, Social Code conditions): the conditions of Social Code art. 112 p.1–2
            // (XREF-04) are read as those A 14.1 sets for the applicant: a citizen, registered as a job seeker or
            // unemployed, permanently registered in the region of origin for the required time (QUOTA-02).
            let conditions = [facts.citizen, facts.job_seeker, facts.registered];
            let social_code = if conditions.contains(&Some(false)) {
                Finding::Applies
            } else if conditions.contains(&None) {
                Finding::NotKnown
            } else {
                Finding::DoesNotApply
            };
            vec![
                a(R1_UNRELIABLE, Finding::ForTheOfficer, &[]),
                a(R2_NO_CONSENT, consent(facts), &["consent"]),
                a(
                    R3_SOCIAL_CODE,
                    social_code,
                    &["citizen", "job_seeker", "registered_one_year"],
                ),
                a(R4_NO_QUOTA, no_quota(facts), &["places_left", "declined_unit"]),
                a(R5_CATEGORY, Finding::ForTheOfficer, &["employment"]),
            ]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(list: &[Assessment], code: &str) -> Finding {
        list.iter()
            .find(|a| a.ground.code == code)
            .map_or(Finding::NotKnown, |a| a.finding)
    }

    #[test]
    fn each_kandas_ground_follows_its_fact() {
        let clean = GroundFacts {
            kandas: Some(true),
            listed: Some(false),
            consent: true,
            places_left: Some(5),
            places_needed: 3,
            ..GroundFacts::default()
        };
        let list = assess(Category::Kandas, &clean);
        assert_eq!(list.len(), 5);
        for (code, expected) in [
            ("quota_k1_not_kandas", Finding::DoesNotApply),
            ("quota_k2_unreliable_data", Finding::ForTheOfficer),
            ("quota_k3_offences", Finding::DoesNotApply),
            ("quota_k4_no_consent", Finding::DoesNotApply),
            ("quota_k5_no_quota", Finding::DoesNotApply),
        ] {
            assert_eq!(finding(&list, code), expected, "{code}");
        }
        let bad = GroundFacts {
            kandas: Some(false),
            listed: Some(true),
            consent: false,
            places_left: Some(2),
            places_needed: 3,
            ..GroundFacts::default()
        };
        let list = assess(Category::Kandas, &bad);
        for code in [
            "quota_k1_not_kandas",
            "quota_k3_offences",
            "quota_k4_no_consent",
            "quota_k5_no_quota",
        ] {
            assert_eq!(finding(&list, code), Finding::Applies, "{code}");
        }
        let silent = assess(Category::Kandas, &GroundFacts::default());
        assert_eq!(finding(&silent, "quota_k1_not_kandas"), Finding::NotKnown);
        assert_eq!(finding(&silent, "quota_k5_no_quota"), Finding::NotKnown);
        let declined = GroundFacts {
            declined_unit: true,
            ..clean
        };
        assert_eq!(
            finding(&assess(Category::Kandas, &declined), "quota_k5_no_quota"),
            Finding::Applies
        );
    }

    #[test]
    fn the_resettler_conditions_of_the_social_code() {
        let ok = GroundFacts {
            citizen: Some(true),
            job_seeker: Some(true),
            registered: Some(true),
            consent: true,
            places_left: Some(1),
            places_needed: 1,
            ..GroundFacts::default()
        };
        assert_eq!(
            finding(&assess(Category::Resettler, &ok), "quota_r3_social_code"),
            Finding::DoesNotApply
        );
        assert_eq!(
            finding(&assess(Category::Resettler, &ok), "quota_r4_no_quota"),
            Finding::DoesNotApply
        );
        for broken in [
            GroundFacts {
                citizen: Some(false),
                ..ok
            },
            GroundFacts {
                job_seeker: Some(false),
                ..ok
            },
            GroundFacts {
                registered: Some(false),
                job_seeker: None,
                ..ok
            },
        ] {
            assert_eq!(
                finding(&assess(Category::Resettler, &broken), "quota_r3_social_code"),
                Finding::Applies
            );
        }
        let unknown = GroundFacts { job_seeker: None, ..ok };
        assert_eq!(
            finding(&assess(Category::Resettler, &unknown), "quota_r3_social_code"),
            Finding::NotKnown
        );
        let full = GroundFacts {
            places_left: Some(0),
            ..ok
        };
        assert_eq!(
            finding(&assess(Category::Resettler, &full), "quota_r4_no_quota"),
            Finding::Applies
        );
        assert_eq!(
            finding(&assess(Category::Resettler, &ok), "quota_r5_category"),
            Finding::ForTheOfficer
        );
    }
}
