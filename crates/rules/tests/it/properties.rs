//! Properties that hold for every input, checked on generated cases.

use jiff::civil::{Date, date};
use kz::Money;
use legal::{Law, TimeLimitId};
use proptest::prelude::*;
use rules::rules_b::p67_certificate::{CertificateClaim, certificate_payment};
use rules::rules_b::p71_rent_compensation::{RentClaim, RentRates, rent_compensation};
use rules::{HouseholdSize, Locality, time_limits};

fn law() -> &'static Law {
    static LAW: std::sync::OnceLock<Law> = std::sync::OnceLock::new();
    LAW.get_or_init(|| Law::embedded().expect("embedded law"))
}

fn day_of_2026() -> impl Strategy<Value = Date> {
    (0i32..365).prop_map(|d| {
        date(2026, 1, 1)
            .checked_add(jiff::Span::new().days(d))
            .expect("in 2026")
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// The bulk rates give exactly what the explained rule gives.
    #[test]
    fn rent_rates_agree_with_the_rule(month in 1i8..=12, urban: bool, members in 1u8..=20, months_paid in 0u8..=20) {
        let p = &law().params;
        let month = date(2026, month, 1);
        let locality = if urban { Locality::Urban } else { Locality::Rural };
        let size = HouseholdSize::new(members).expect("non-zero");
        let explained = rent_compensation(p, &RentClaim::new(month, locality, size, months_paid)).expect("2026 is covered");
        let rates = RentRates::resolve(p, month).expect("2026 is covered");
        prop_assert_eq!(explained.amount().map_or(0, Money::tiyn), rates.tiyn(urban, members, months_paid));
    }

    /// A larger family never gets less; a rural family never gets more than an urban one of the same size.
    #[test]
    fn rent_is_monotone_in_family_size(members in 1u8..=30) {
        let p = &law().params;
        let month = date(2026, 6, 1);
        let amount = |loc, n| rent_compensation(p, &RentClaim::new(month, loc, HouseholdSize::new(n).expect("non-zero"), 0))
            .expect("covered").amount().expect("granted");
        prop_assert!(amount(Locality::Urban, members) <= amount(Locality::Urban, members + 1));
        prop_assert!(amount(Locality::Rural, members) <= amount(Locality::Rural, members + 1));
        prop_assert!(amount(Locality::Rural, members) < amount(Locality::Urban, members));
    }

    /// The certificate pays the lesser of its size and the appraised value, never more than either.
    #[test]
    fn certificate_is_the_lesser_amount(on in day_of_2026(), tiyn in 1i64..2_000_000_000) {
        let p = &law().params;
        let appraised = Money::from_tiyn(tiyn);
        let paid = certificate_payment(p, &CertificateClaim::new(on, appraised)).expect("covered").amount().expect("granted");
        let cap = Money::from_tenge(1_625 * 4_325).expect("fits");
        prop_assert!(paid <= appraised && paid <= cap);
        prop_assert!(paid == appraised || paid == cap);
    }

    /// Working-day due dates never move backwards when the start moves forward.
    #[test]
    fn working_day_deadlines_are_monotone(from in day_of_2026()) {
        let p = &law().params;
        let cal = &law().calendar;
        let next = from.tomorrow().expect("in range");
        for id in [TimeLimitId::EmcDecision, TimeLimitId::QuotaServiceTerm, TimeLimitId::AppealConsideration] {
            let a = time_limits::due(p, cal, id, from).expect("covered").due;
            let b = time_limits::due(p, cal, id, next).expect("covered").due;
            prop_assert!(a <= b, "{id:?}: {from} -> {a}, {next} -> {b}");
            prop_assert!(cal.is_working_day(a).expect("covered"));
        }
    }
}
