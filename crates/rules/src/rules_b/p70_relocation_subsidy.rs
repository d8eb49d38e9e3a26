//! Rules B p.70: the relocation subsidy (B-App 12, order No. 359 appendix 15).
//!
//! Order No. 359 neither amends nor reproduces p.70 (RELOC-03, XREF-02): the amount per person is a
//! configurable parameter whose reference is marked unverified, and every decision shows that mark.

use std::num::NonZeroU32;

use jiff::civil::Date;
use kz::Money;
use legal::{Act, LegalRef, Params};

use super::{conversion_date, mci_to_money};
use crate::{Decision, Explanation, Outcome, RuleError};

pub const BASIS: LegalRef = LegalRef::new(Act::RulesB, "70");

/// Subsidy for `persons` (the applicant and each family member moving with him/her).
pub fn relocation_subsidy(params: &Params, on: Date, persons: NonZeroU32) -> Result<Decision<Money>, RuleError> {
    let mut why = Explanation::new(&[BASIS], &["RELOC-02", "RELOC-03"]);
    why.input("decision_date", on);
    why.input("persons", persons);
    let per_person = params.relocation_subsidy.at(on)?;
    why.param(
        &params.relocation_subsidy,
        per_person,
        format!("{} MCI per person", per_person.value.per_person()),
    );
    let total = per_person
        .value
        .per_person()
        .checked_mul(persons.get())
        .ok_or(RuleError::Overflow)?;
    why.computed("amount_mci", total);
    let conversion = params.mci_conversion.at(on)?;
    why.param(&params.mci_conversion, conversion, "relocation_subsidy=decision_date");
    let amount = mci_to_money(
        params,
        conversion_date(conversion.value.relocation_subsidy, on),
        total,
        &mut why,
    )?;
    Ok(Decision {
        outcome: Outcome::Granted(amount),
        explanation: why,
    })
}
