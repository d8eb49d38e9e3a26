//! Rules A p.14 part 1 (QUOTA-02): the prior registration is read from its parameter, not assumed.

use jiff::civil::date;
use legal::Law;
use legal::amend::{Amendment, AmendmentRef};
use rules::rules_a::p14_prior_registration::registered_since;

#[test]
fn one_year_of_registration_before_the_application() {
    let law = Law::embedded().expect("law");
    let since = registered_since(&law.params, &law.calendar, date(2026, 3, 18)).expect("in force");
    assert_eq!(since.due, date(2025, 3, 18));
    assert_eq!(
        since.explanation.basis.first().map(ToString::to_string).as_deref(),
        Some("rules-a 14.1")
    );
    assert!(since.explanation.requirements.contains(&"QUOTA-02"));
}

#[test]
fn a_new_edition_of_the_period_is_followed() {
    let amended = Law::amended(&[Amendment::Edition {
        parameter: "quota_prior_registration".into(),
        start: date(2027, 1, 1),
        end: None,
        value: r#"{ count = 2, unit = "years", direction = "before" }"#.into(),
        reference: AmendmentRef {
            act: "rules-a".into(),
            point: "14.1".into(),
            confidence: "high".into(),
            source: "a hypothetical amendment, for the test".into(),
        },
    }])
    .expect("amended");
    let since = registered_since(&amended.params, &amended.calendar, date(2027, 3, 1)).expect("in force");
    assert_eq!(since.due, date(2025, 3, 1));
    let before = registered_since(&amended.params, &amended.calendar, date(2026, 12, 31)).expect("in force");
    assert_eq!(before.due, date(2025, 12, 31));
}
