//! Rules B p.67–68 (wording of order No. 359, from 2026-01-01): the economic mobility certificate.
//!
//! > «Экономикалық мобильділік сертификаты … 1 625 АЕК мөлшерінде беріледі. Бұл ретте, егер тұрғын үйдің құны
//! > экономикалық мобильділік сертификатының мөлшерінен аспайтын болса, ақшалай төлем сатып алынатын тұрғын
//! > үйдің нақты бағалау құны мөлшерінде жүргізіледі.»
//!
//! Payment = the lesser of the certificate size (in tenge at the conversion date) and the actual appraised
//! value (EMC-02, EMC-03; AMB-20 reading). The four differentiation categories of p.67 part four are recorded;
//! their effect comes from `law/params/rules-b/p67-differentiation.toml` (AMB-21). The refusal grounds of
//! p.68 part 14 are established by the case (documents, registries) and passed in.

use jiff::civil::Date;
use kz::Money;
use legal::params::DifferentiationEffect;
use legal::{Act, LegalRef, Params};

use super::{conversion_date, mci_to_money};
use crate::{Decision, Explanation, Ground, Outcome, RuleError};

pub const BASIS: LegalRef = LegalRef::new(Act::RulesB, "67");
const P67_4: LegalRef = LegalRef::new(Act::RulesB, "67.4");
const P68_14: LegalRef = LegalRef::new(Act::RulesB, "68.14");

/// p.67 part four: categories the Labour Mobility Centre differentiates applicants by (EMC-04).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DifferentiationCategory {
    /// 1) working in an occupation in demand in the settlement regions.
    InDemandOccupation,
    /// 2) family members of working age living together with the applicant.
    WorkingAgeFamilyMembers,
    /// 3) minor children, or full-time students from 18 until graduation but not beyond 23.
    ChildrenOrStudents,
    /// 4) individual entrepreneurial activity in the settlement regions.
    IndividualEntrepreneur,
}

impl DifferentiationCategory {
    pub fn key(self) -> &'static str {
        match self {
            DifferentiationCategory::InDemandOccupation => "in_demand_occupation",
            DifferentiationCategory::WorkingAgeFamilyMembers => "working_age_family_members",
            DifferentiationCategory::ChildrenOrStudents => "children_or_students",
            DifferentiationCategory::IndividualEntrepreneur => "individual_entrepreneur",
        }
    }
}

/// p.68 part 14: grounds to refuse the certificate payment (EMC-20..EMC-24).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CertificateRefusal {
    /// 1) documents of p.68 part one not submitted.
    MissingDocuments,
    /// 2) the data in the documents are established to be inaccurate.
    ///
    /// INTERPRETATION(B 68.14.2, inaccurate): the act reads «ұсынылған құжаттарда қамтылған деректердің
    /// (мәліметтердің) дұрыс екенін анықтау» — establishing that the data are accurate; read as the evident drafting
    /// error for "inaccurate", as grounds K2 and R1 of the service standard say (AMB-30).
    UnreliableData,
    /// 3) grounds of p.76 found in the real-estate cadastre.
    CadastreGrounds,
    /// 4) housing outside the destination settlement of the referral.
    OutsideDestination,
    /// 5) housing previously bought by the family with a certificate payment.
    AlreadyBoughtWithCertificate,
}

impl CertificateRefusal {
    pub const ALL: &[CertificateRefusal] = &[
        CertificateRefusal::MissingDocuments,
        CertificateRefusal::UnreliableData,
        CertificateRefusal::CadastreGrounds,
        CertificateRefusal::OutsideDestination,
        CertificateRefusal::AlreadyBoughtWithCertificate,
    ];

    pub fn ground(self) -> Ground {
        let (code, requirement) = match self {
            CertificateRefusal::MissingDocuments => ("emc_missing_documents", "EMC-20"),
            CertificateRefusal::UnreliableData => ("emc_unreliable_data", "EMC-21"),
            CertificateRefusal::CadastreGrounds => ("emc_cadastre_grounds", "EMC-22"),
            CertificateRefusal::OutsideDestination => ("emc_outside_destination", "EMC-23"),
            CertificateRefusal::AlreadyBoughtWithCertificate => ("emc_already_bought_with_certificate", "EMC-24"),
        };
        Ground {
            code,
            basis: P68_14,
            requirement,
        }
    }
}

/// An application for the certificate payment, as the Labour Mobility Centre decides it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateClaim {
    /// The day of the decision (its MCI converts the certificate size, see `law/params/mci-conversion.toml`).
    pub on: Date,
    /// Actual appraised value of the housing (appraisal act).
    pub appraised: Money,
    pub categories: Vec<DifferentiationCategory>,
    pub refusals: Vec<CertificateRefusal>,
}

impl CertificateClaim {
    pub fn new(on: Date, appraised: Money) -> CertificateClaim {
        CertificateClaim {
            on,
            appraised,
            categories: Vec::new(),
            refusals: Vec::new(),
        }
    }
}

/// The certificate size in tenge on a date: 1 625 MCI at the MCI of the conversion date.
pub fn certificate_cap(params: &Params, on: Date, why: &mut Explanation) -> Result<Money, RuleError> {
    let size = params.certificate.at(on)?;
    why.param(&params.certificate, size, format!("{} MCI", size.value.size()));
    let conversion = params.mci_conversion.at(on)?;
    why.param(&params.mci_conversion, conversion, "certificate=decision_date");
    mci_to_money(
        params,
        conversion_date(conversion.value.certificate, on),
        size.value.size(),
        why,
    )
}

/// The certificate payment (EMC-02, EMC-03, EMC-04, EMC-20..EMC-24).
pub fn certificate_payment(params: &Params, claim: &CertificateClaim) -> Result<Decision<Money>, RuleError> {
    if claim.appraised.tiyn() <= 0 {
        return Err(RuleError::Invalid("invalid_input_zero_amount"));
    }
    let mut why = Explanation::new(&[BASIS], &["EMC-02", "EMC-03"]);
    why.input("decision_date", claim.on);
    why.input("appraised_value", claim.appraised);
    if !claim.categories.is_empty() {
        let effect = params.differentiation.at(claim.on)?;
        // INTERPRETATION(B 67.4, record only): the order does not say what the differentiation changes (AMB-21);
        // the categories are recorded and shown, with no effect on the amount or the order of consideration.
        let shown = match effect.value.effect {
            DifferentiationEffect::RecordOnly => "record_only",
        };
        why.param(&params.differentiation, effect, shown);
        why.basis.push(P67_4);
        why.requirements.push("EMC-04");
        let keys: Vec<&str> = claim.categories.iter().map(|c| c.key()).collect();
        why.input("differentiation_categories", keys.join(","));
    }
    if !claim.refusals.is_empty() {
        let grounds: Vec<Ground> = claim.refusals.iter().map(|r| r.ground()).collect();
        why.basis.push(P68_14);
        why.requirements.extend(grounds.iter().map(|g| g.requirement));
        // The size still applies on that date: refusing a date the law does not cover would hide a defect.
        params.certificate.at(claim.on)?;
        return Ok(Decision {
            outcome: Outcome::Refused(grounds),
            explanation: why,
        });
    }
    let cap = certificate_cap(params, claim.on, &mut why)?;
    why.computed("certificate_size", cap);
    let amount = cap.min(claim.appraised);
    why.computed(
        "capped_at",
        if amount < cap {
            "appraised_value"
        } else {
            "certificate_size"
        },
    );
    Ok(Decision {
        outcome: Outcome::Granted(amount),
        explanation: why,
    })
}
