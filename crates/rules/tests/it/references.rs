//! What a decision says about the law it applied: a value taken from outside the order says so.

use std::num::NonZeroU32;

use jiff::civil::date;
use legal::{Confidence, Law};
use rules::rules_b::p36_employer_subsidy::employer_subsidy;

#[test]
fn the_employer_subsidy_per_worker_is_marked_as_rules_b_36_1_outside_the_order() {
    // Appendix 7 is only the employer's request («…400 АЕК мөлшерінде субсидия тағайындауды … сұраймын»); the
    // entitlement is Rules B p.36 sub-p.1, which the order does not reproduce (XREF-02), and "per worker" is a
    // reading of the decision form (appendix 8, AMB-41).
    let law = Law::embedded().expect("law");
    let decision = employer_subsidy(&law.params, date(2026, 4, 15), NonZeroU32::MIN).expect("decision");
    let used = decision
        .explanation
        .parameters
        .iter()
        .find(|p| p.id == "rules-b.p36.employer_subsidy")
        .expect("the per-worker parameter is in the explanation");
    assert_eq!(used.reference.legal.to_string(), "rules-b 36.1");
    assert_eq!(used.reference.confidence, Confidence::Unverified);
    let note = used.reference.note.as_deref().unwrap_or_default();
    assert!(note.contains("INTERPRETATION(B 36.1, per worker)"), "{note}");
}
