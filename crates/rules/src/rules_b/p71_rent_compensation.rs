//! Rules B p.71–72 (wording of order No. 359, from 2026-01-01): compensation of rent and utilities.
//!
//! > «Тұрғын үйді жалдау (жалға алу) және коммуналдық қызметтерді төлеу жөніндегі шығыстарды өтеу ай сайын,
//! > он екі айдан көп емес тұрғын үйді сатып алу-сату шарты бойынша тұрғын үй алғанға дейін мынадай мөлшерлерде
//! > өтеледі»
//!
//! The monthly amount depends on the locality (urban/rural) and the family size bracket (1 / 2–4 / 5+),
//! from `law/params/rules-b/p71-rent-compensation.toml`. p.72 part 4–5 excludes some families, part 6
//! terminates payments; those are inputs here, established by the case.
//!
//! INTERPRETATION(B 71, flat amount): the compensation is the table's amount for the family's size and locality,
//! whatever rent and utilities the lease states; the order does not say whether it is limited to the actual
//! expenses (AMB-31 c).
//! INTERPRETATION(B 72.6, whole month): a termination event of p.72 part 6 refuses the whole month claimed; the
//! order does not say from when a termination takes effect (AMB-35).

use jiff::civil::Date;
use kz::{Mci, Money};
use legal::params::{Bracket, RentTable};
use legal::{Act, LegalRef, Params};

use super::{conversion_date, mci_to_money};
use crate::{Decision, Explanation, Ground, HouseholdSize, Locality, Outcome, RuleError};

pub const BASIS: LegalRef = LegalRef::new(Act::RulesB, "71");
const P72_4: LegalRef = LegalRef::new(Act::RulesB, "72.4");
const P72_5: LegalRef = LegalRef::new(Act::RulesB, "72.5");
const P72_6: LegalRef = LegalRef::new(Act::RulesB, "72.6");

/// p.72 parts 4–5: compensation is not provided («… өтеу ұсынылмайды»).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RentExclusion {
    /// Housing rented from the state housing fund and/or service housing is provided (RENT-07):
    /// «Мемлекеттік тұрғын үй қорынан жалға берілетін және (немесе) қызметтік тұрғын үй берілген кезде».
    StateOrServiceHousing,
    /// Duties related to the nature of labour relations, incl. civil-servant rotation (RENT-08): «… өздерінің
    /// еңбек қатынастарының сипатына байланысты міндеттерді орындау кезеңінде, оның ішінде мемлекеттік қызметшілерді
    /// ротациялауды жүзеге асыру кезінде».
    LabourRelationDuties,
    /// Participant of active employment measures under a lease for settlement (RENT-09): «Қазақстан
    /// Республикасының әлеуметтік қорғау туралы заңнамасына сәйкес жұмыспен қамтуға жәрдемдесудің белсенді
    /// шараларына қатысатын адамдарға қоныстануға арналған жалдау шартына сәйкес».
    ///
    /// INTERPRETATION(B 72.4, settlement lease): «қоныстануға арналған жалдау шартына сәйкес» qualifies only the
    /// participants of active employment measures, not the two situations before them (AMB-34).
    ActiveMeasuresParticipant,
    /// The employer provides rented and/or service housing (RENT-10): «Жұмыс берушілер жалдау шартына сәйкес
    /// жалдамалы және (немесе) қызметтік тұрғын үй берген кезде».
    EmployerHousing,
}

/// p.72 part 6: payments terminate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RentTermination {
    /// Housing purchased into ownership, including with the certificate (RENT-11).
    HousingPurchased,
    /// Eviction from housing rented from the private fund (RENT-12).
    Evicted,
    /// Left for another settlement or outside the region of reception (RENT-13).
    Departed,
    /// Not living at the address of the lease (RENT-14).
    NotLivingAtAddress,
    /// The rented housing is sub-let (RENT-15).
    Sublet,
    /// Distorted or false information was provided (RENT-16).
    FalseInformation,
}

impl RentExclusion {
    pub const ALL: &[RentExclusion] = &[
        RentExclusion::StateOrServiceHousing,
        RentExclusion::LabourRelationDuties,
        RentExclusion::ActiveMeasuresParticipant,
        RentExclusion::EmployerHousing,
    ];

    pub fn ground(self) -> Ground {
        let (code, basis, requirement) = match self {
            RentExclusion::StateOrServiceHousing => ("rent_state_or_service_housing", P72_4, "RENT-07"),
            RentExclusion::LabourRelationDuties => ("rent_labour_relation_duties", P72_4, "RENT-08"),
            RentExclusion::ActiveMeasuresParticipant => ("rent_active_measures_participant", P72_4, "RENT-09"),
            RentExclusion::EmployerHousing => ("rent_employer_housing", P72_5, "RENT-10"),
        };
        Ground {
            code,
            basis,
            requirement,
        }
    }
}

impl RentTermination {
    pub const ALL: &[RentTermination] = &[
        RentTermination::HousingPurchased,
        RentTermination::Evicted,
        RentTermination::Departed,
        RentTermination::NotLivingAtAddress,
        RentTermination::Sublet,
        RentTermination::FalseInformation,
    ];

    pub fn ground(self) -> Ground {
        let (code, requirement) = match self {
            RentTermination::HousingPurchased => ("rent_housing_purchased", "RENT-11"),
            RentTermination::Evicted => ("rent_evicted", "RENT-12"),
            RentTermination::Departed => ("rent_departed", "RENT-13"),
            RentTermination::NotLivingAtAddress => ("rent_not_living_at_address", "RENT-14"),
            RentTermination::Sublet => ("rent_sublet", "RENT-15"),
            RentTermination::FalseInformation => ("rent_false_information", "RENT-16"),
        };
        Ground {
            code,
            basis: P72_6,
            requirement,
        }
    }
}

/// The limit of months is reached (RENT-01).
pub const MAX_MONTHS_GROUND: Ground = Ground {
    code: "rent_max_months_reached",
    basis: BASIS,
    requirement: "RENT-01",
};

/// A month of compensation claimed for a family.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RentClaim {
    /// Any day of the month the compensation is for.
    pub month: Date,
    pub locality: Locality,
    pub family: HouseholdSize,
    /// Months already compensated for this family.
    ///
    /// INTERPRETATION(B 71, cap per case): the twelve months are counted as months paid on this application, not as
    /// twelve consecutive calendar months; the order says neither whether they are consecutive nor from when they
    /// run (AMB-31 d).
    pub months_paid: u8,
    pub exclusions: Vec<RentExclusion>,
    pub terminations: Vec<RentTermination>,
}

impl RentClaim {
    pub fn new(month: Date, locality: Locality, family: HouseholdSize, months_paid: u8) -> RentClaim {
        RentClaim {
            month,
            locality,
            family,
            months_paid,
            exclusions: Vec::new(),
            terminations: Vec::new(),
        }
    }
}

/// The bracket of the table that applies to a family: the last one starting at or below its size.
///
/// INTERPRETATION(B 71, family size): the family size counts the applicant («бір адам үшін» is the applicant
/// alone); the order does not say whether the applicant is one of the «отбасы мүшелерінің» (AMB-31 a).
pub fn bracket(table: &RentTable, locality: Locality, family: HouseholdSize) -> Option<&Bracket> {
    let brackets = match locality {
        Locality::Urban => table.urban(),
        Locality::Rural => table.rural(),
    };
    brackets.iter().rev().find(|b| b.from_members() <= family.get())
}

/// The compensation for one month (RENT-01..RENT-03, RENT-07..RENT-16).
pub fn rent_compensation(params: &Params, claim: &RentClaim) -> Result<Decision<Money>, RuleError> {
    let month = claim.month.first_of_month();
    let mut why = Explanation::new(&[BASIS], &["RENT-01", rent_requirement(claim.locality)]);
    why.input("month", month.strftime("%Y-%m"));
    why.input("locality", claim.locality.key());
    why.input("family_size", claim.family);
    why.input("months_paid", claim.months_paid);

    let table_param = &params.rent;
    let edition = table_param.at(month)?;
    let table = &edition.value;

    let mut grounds: Vec<Ground> = claim.exclusions.iter().map(|e| e.ground()).collect();
    grounds.extend(claim.terminations.iter().map(|t| t.ground()));
    if claim.months_paid >= table.max_months() {
        grounds.push(MAX_MONTHS_GROUND);
    }
    if !grounds.is_empty() {
        why.param(table_param, edition, format!("max {} months", table.max_months()));
        for g in &grounds {
            if !why.basis.contains(&g.basis) {
                why.basis.push(g.basis.clone());
            }
            why.requirements.push(g.requirement);
        }
        return Ok(Decision {
            outcome: Outcome::Refused(grounds),
            explanation: why,
        });
    }

    let bracket = bracket(table, claim.locality, claim.family).ok_or(RuleError::Invalid("invalid_input_zero_count"))?;
    let mci: Mci = bracket.mci();
    why.param(
        table_param,
        edition,
        format!(
            "{} from {} members: {mci} MCI",
            claim.locality.key(),
            bracket.from_members()
        ),
    );
    why.computed("month_number", claim.months_paid.saturating_add(1));
    let conversion = params.mci_conversion.at(month)?;
    why.param(
        &params.mci_conversion,
        conversion,
        "rent_compensation=first_day_of_month",
    );
    let on = conversion_date(conversion.value.rent_compensation, month);
    let amount = mci_to_money(params, on, mci, &mut why)?;
    why.computed("amount_mci", mci);
    Ok(Decision {
        outcome: Outcome::Granted(amount),
        explanation: why,
    })
}

fn rent_requirement(locality: Locality) -> &'static str {
    match locality {
        Locality::Urban => "RENT-02",
        Locality::Rural => "RENT-03",
    }
}

/// The table resolved for one month into tiyn per family size, for computing many families at once.
/// It applies exactly the same parameters as [`rent_compensation`]; a test holds the two together.
#[derive(Debug, Clone)]
pub struct RentRates {
    urban: Vec<i64>,
    rural: Vec<i64>,
    max_months: u8,
}

impl RentRates {
    pub fn resolve(params: &Params, month: Date) -> Result<RentRates, RuleError> {
        let month = month.first_of_month();
        let table = &params.rent.at(month)?.value;
        let conversion = params.mci_conversion.at(month)?.value.rent_compensation;
        let mci_value = params.mci.at(conversion_date(conversion, month))?.value;
        let rates = |locality| -> Result<Vec<i64>, RuleError> {
            (0..=u8::MAX)
                .map(|n| match HouseholdSize::new(n) {
                    None => Ok(0),
                    Some(size) => bracket(table, locality, size)
                        .and_then(|b| b.mci().to_money(mci_value))
                        .map(Money::tiyn)
                        .ok_or(RuleError::Overflow),
                })
                .collect()
        };
        Ok(RentRates {
            urban: rates(Locality::Urban)?,
            rural: rates(Locality::Rural)?,
            max_months: table.max_months(),
        })
    }

    /// Monthly amount in tiyn; zero when the months are exhausted. Exclusions and terminations are not seen here.
    #[inline]
    pub fn tiyn(&self, urban: bool, members: u8, months_paid: u8) -> i64 {
        let table = if urban { &self.urban } else { &self.rural };
        if months_paid >= self.max_months {
            0
        } else {
            table.get(usize::from(members)).copied().unwrap_or(0)
        }
    }
}
