//! Rules B p.73 (wording of order No. 359, from 2026-01-01): when material assistance may be applied for.
//!
//! > «Материалдық көмек экономикалық мобильділік сертификатын алу үшін өтініш берілген жағдайларды қоспағанда,
//! > өңірлік квотаға енгізілген сәттен бастап алты ай мерзімнен кешіктірмей өтініш берілген жағдайда беріледі.»
//! > «… тиісті қаржы жылы ішінде …» «… мерзім өткеннен кейін үш ай ішінде берілген өтініш берушінің
//! > өтінішхаты бойынша қалпына келтіруге жатады.»
//!
//! DEADLINE-01: six months from inclusion in the quota (the certificate excepted); DEADLINE-02: the certificate
//! within the relevant financial year; DEADLINE-03/04: restoration on a petition filed within three months after
//! expiry, with a document on circumstances beyond the applicant's control.

use calendar::Calendar;
use jiff::civil::Date;
use legal::{Act, LegalRef, Params, TimeLimitId};

use crate::time_limits::due;
use crate::{Decision, Explanation, Ground, Outcome, RuleError};

pub const BASIS: LegalRef = LegalRef::new(Act::RulesB, "73");
const P73_1: LegalRef = LegalRef::new(Act::RulesB, "73.1");
const P73_2: LegalRef = LegalRef::new(Act::RulesB, "73.2");
const P73_3: LegalRef = LegalRef::new(Act::RulesB, "73.3");
const P73_4: LegalRef = LegalRef::new(Act::RulesB, "73.4");

pub const DEADLINE_MISSED: Ground = Ground {
    code: "deadline_missed",
    basis: P73_1,
    requirement: "DEADLINE-01",
};
pub const RESTORATION_LATE: Ground = Ground {
    code: "restoration_late",
    basis: P73_3,
    requirement: "DEADLINE-03",
};
pub const RESTORATION_NO_EVIDENCE: Ground = Ground {
    code: "restoration_no_evidence",
    basis: P73_4,
    requirement: "DEADLINE-04",
};
pub const OUTSIDE_FINANCIAL_YEAR: Ground = Ground {
    code: "emc_outside_financial_year",
    basis: P73_2,
    requirement: "DEADLINE-02",
};

/// A petition to restore the missed six-month period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RestorationPetition {
    pub filed_on: Date,
    /// A document stating, or confirming, circumstances beyond the applicant's control (DEADLINE-04).
    pub evidence: bool,
}

/// How an application stands against the six-month window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timing {
    InTime {
        deadline: Date,
    },
    /// Late, but the period is restored on the petition.
    Restored {
        deadline: Date,
        petition_until: Date,
    },
}

/// DEADLINE-01, DEADLINE-03, DEADLINE-04 (and RELOC-04, RENT-19: the relocation subsidy and the rent compensation
/// are material assistance too).
///
/// A late application is restored only when it is made, with its petition, within the three months after the six
/// (p.73 parts 3–4): a timely petition does not carry an application made later.
///
/// INTERPRETATION(B 73.3, restoration due): «қалпына келтіруге жатады» is read as a duty: a petition filed in time
/// with its document restores the period, without an assessment of the circumstances; the order names neither who
/// decides nor how (AMB-38).
pub fn material_assistance_application(
    params: &Params,
    cal: &Calendar,
    included_on: Date,
    applied_on: Date,
    petition: Option<RestorationPetition>,
) -> Result<Decision<Timing>, RuleError> {
    let window = due(params, cal, TimeLimitId::MaterialAssistanceApplication, included_on)?;
    let mut why = window.explanation;
    why.basis.insert(0, BASIS);
    why.input("included_in_quota_on", included_on);
    why.input("applied_on", applied_on);
    if applied_on <= window.due {
        return Ok(Decision {
            outcome: Outcome::Granted(Timing::InTime { deadline: window.due }),
            explanation: why,
        });
    }
    let Some(petition) = petition else {
        return Ok(Decision {
            outcome: Outcome::Refused(vec![DEADLINE_MISSED]),
            explanation: why,
        });
    };
    let restoration = due(params, cal, TimeLimitId::RestorationPetition, window.due)?;
    merge(&mut why, restoration.explanation);
    why.input("petition_filed_on", petition.filed_on);
    why.input("petition_evidence", petition.evidence);
    why.basis.push(P73_4);
    why.requirements.push("DEADLINE-04");
    let mut grounds = Vec::new();
    // p.73 part 3 restores «мерзім өткеннен кейін үш ай ішінде берілген» — what is filed within the three months;
    // part 4 attaches the evidence to the application itself: both the petition and the application fall within.
    if petition.filed_on > restoration.due || applied_on > restoration.due {
        grounds.push(RESTORATION_LATE);
    }
    if !petition.evidence {
        grounds.push(RESTORATION_NO_EVIDENCE);
    }
    let outcome = if grounds.is_empty() {
        Outcome::Granted(Timing::Restored {
            deadline: window.due,
            petition_until: restoration.due,
        })
    } else {
        Outcome::Refused(grounds)
    };
    Ok(Decision {
        outcome,
        explanation: why,
    })
}

/// DEADLINE-02: the certificate application falls within the financial year containing `relevant`.
///
/// INTERPRETATION(B 73.2, financial year): "the relevant financial year" (AMB-37) is chosen by the caller — the
/// year whose budget funds the certificate; this function only checks the application date against its boundaries.
pub fn certificate_application(
    params: &Params,
    relevant: Date,
    applied_on: Date,
) -> Result<Decision<(Date, Date)>, RuleError> {
    let mut why = Explanation::new(&[BASIS, P73_2], &["DEADLINE-02"]);
    let fy = params.financial_year.at(relevant)?;
    let (start, end) = fy.value.containing(relevant).ok_or(RuleError::Overflow)?;
    why.param(&params.financial_year, fy, format!("{start} – {end}"));
    why.input("relevant_date", relevant);
    why.input("applied_on", applied_on);
    let outcome = if (start..=end).contains(&applied_on) {
        Outcome::Granted((start, end))
    } else {
        Outcome::Refused(vec![OUTSIDE_FINANCIAL_YEAR])
    };
    Ok(Decision {
        outcome,
        explanation: why,
    })
}

fn merge(into: &mut Explanation, from: Explanation) {
    for b in from.basis {
        if !into.basis.contains(&b) {
            into.basis.push(b);
        }
    }
    into.requirements.extend(from.requirements);
    into.parameters.extend(from.parameters);
    into.facts.extend(from.facts);
}
