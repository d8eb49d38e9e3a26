//! What the order prescribes for the procedure of each case, event by event: who decides, on what grounds, within
//! which time limits, and which dates it does not set.

use std::num::NonZeroU32;

use cases::{Ctx, Effect, employer_app7, material_b73, rent_b72};
use jiff::civil::{Date, date};

use crate::law;

fn ctx(today: Date) -> Ctx<'static> {
    let law = law();
    Ctx {
        today,
        params: &law.params,
        calendar: &law.calendar,
    }
}

/// The payment effects of a step, as their debug text.
fn payments(effects: &[Effect]) -> Vec<String> {
    effects
        .iter()
        .map(|e| format!("{e:?}"))
        .filter(|e| e.starts_with("SchedulePayment"))
        .collect()
}

#[test]
fn the_order_sets_no_date_for_the_employer_payment() {
    // Appendices 7–9 set no time limit for paying the employer: the payment has no due date of its own.
    let applied = employer_app7::State::Applied {
        workers: NonZeroU32::MIN,
        hired_on: date(2026, 3, 2),
        term: employer_app7::Term::TwoYears,
    };
    let on = date(2026, 3, 27);
    for event in [
        employer_app7::Event::Grant,
        employer_app7::Event::GrantHousing {
            amount: kz::Money::from_tiyn(35_000_000),
        },
    ] {
        let step = employer_app7::step(&applied, event, &ctx(on)).expect("granted");
        assert_eq!(payments(&step.effects), ["SchedulePayment { by: None }"], "{event:?}");
    }
}

#[test]
fn the_order_sets_no_date_for_a_monthly_rent_payment() {
    // p.71 pays monthly; it names no day by which a month is paid.
    let step = rent_b72::step(
        &rent_b72::State::Paying { months_paid: 1 },
        rent_b72::Event::MonthPaid,
        &ctx(date(2026, 4, 30)),
    )
    .expect("paid");
    assert!(
        payments(&step.effects)
            .iter()
            .all(|p| p == "SchedulePayment { by: None }"),
        "{:?}",
        step.effects
    );
}

#[test]
fn the_relocation_subsidy_is_not_granted_on_the_application_itself() {
    // Appendix 15: the centre «өтінішті қарап … шешім қабылдады» — the application is considered, then decided.
    let step = material_b73::relocation(
        &material_b73::Relocation::New,
        material_b73::RelocationEvent::Apply {
            included_on: date(2026, 2, 10),
            persons: NonZeroU32::MIN,
            petition: None,
        },
        &ctx(date(2026, 5, 15)),
    )
    .expect("applied");
    assert_eq!(step.next.key(), "applied");
    assert!(payments(&step.effects).is_empty(), "{:?}", step.effects);
}
