//! Rules B p.36 sub-p.1: the employment subsidy to an employer, requested in B-App 3 (order No. 359 appendix 7)
//! and decided in B-App 3-1 (appendix 8).
//!
//! > «… 400 АЕК мөлшерінде субсидия тағайындауды немесе тұрғын үй шығыстарын өтеуді сұраймын» (appendix 7)
//!
//! Appendix 7 is only the employer's request: the entitlement is p.36 sub-p.1, which the order does not reproduce
//! (XREF-02), so the amount is a configurable parameter marked unverified, and every decision shows that mark.
//! Amount = workers × the subsidy per worker (EMP-01, EMP-06) at the MCI of the decision date.
//!
//! INTERPRETATION(B 36.1, per worker): the 400 MCI are due for each employed participant, as the per-worker MCI
//! column of the decision form (appendix 8) suggests; the request does not say per worker or per employer (AMB-41).

use std::num::NonZeroU32;

use jiff::civil::Date;
use kz::Money;
use legal::{Act, LegalRef, Params};

use super::{conversion_date, mci_to_money};
use crate::{Decision, Explanation, Outcome, RuleError};

pub const BASIS: LegalRef = LegalRef::new(Act::RulesB, "36.1");
const FORM: LegalRef = LegalRef::new(Act::Order359, "app-7");

pub fn employer_subsidy(params: &Params, on: Date, workers: NonZeroU32) -> Result<Decision<Money>, RuleError> {
    let mut why = Explanation::new(&[BASIS, FORM], &["EMP-01", "EMP-06"]);
    why.input("decision_date", on);
    why.input("workers", workers);
    let per_worker = params.employer_subsidy.at(on)?;
    why.param(
        &params.employer_subsidy,
        per_worker,
        format!("{} MCI per worker", per_worker.value.per_worker()),
    );
    let total = per_worker
        .value
        .per_worker()
        .checked_mul(workers.get())
        .ok_or(RuleError::Overflow)?;
    why.computed("amount_mci", total);
    let conversion = params.mci_conversion.at(on)?;
    why.param(&params.mci_conversion, conversion, "employer_subsidy=decision_date");
    let amount = mci_to_money(
        params,
        conversion_date(conversion.value.employer_subsidy, on),
        total,
        &mut why,
    )?;
    Ok(Decision {
        outcome: Outcome::Granted(amount),
        explanation: why,
    })
}
