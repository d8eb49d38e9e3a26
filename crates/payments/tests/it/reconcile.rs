//! Matching the notification against the orders, and on into the ledger.

use jiff::civil::date;
use kz::{Iban, Money};
use payments::{
    BankEntry, EntryKind, EntryStatus, Event, MessageId, OrderLedger, OrderState, Outcome, ReturnReason, camt054,
    reconcile,
};

use crate::camt054::fixture;
use crate::support::batch;

fn debit(e2e: &str, tiyn: i64) -> BankEntry {
    BankEntry {
        end_to_end_id: Some(e2e.to_owned()),
        instruction_id: None,
        amount: Money::from_tiyn(tiyn),
        kind: EntryKind::Debit,
        status: EntryStatus::Booked,
        booking_date: Some(date(2026, 3, 5)),
        account_servicer_ref: None,
        account: None,
    }
}

#[test]
fn the_fixture_pays_three_orders_and_returns_one() {
    let orders = batch();
    let entries = camt054(&fixture()).unwrap();
    let result = reconcile(&orders, &entries);
    let outcomes: Vec<(&str, &Outcome)> = result.orders.iter().map(|(id, o)| (id.as_str(), o)).collect();
    let paid = |day| Outcome::Paid {
        booked_on: Some(date(2026, 3, day)),
    };
    assert_eq!(
        outcomes,
        [
            ("QN-47-2026-000101-R03", &paid(5)),
            (
                "QN-47-2026-000104-R03",
                &Outcome::Returned {
                    reason: ReturnReason::ClosedAccount,
                    booked_on: Some(date(2026, 3, 6))
                }
            ),
            ("QN-47-2026-000102-EMP", &paid(6)),
            ("QN-47-2026-000103-EMC", &paid(6)),
        ]
    );
    // The credit that is no return of ours.
    assert_eq!(result.unknown_entries, [5]);
}

#[test]
fn outcomes_drive_the_ledger() {
    let orders = batch();
    let entries = camt054(&fixture()).unwrap();
    let result = reconcile(&orders, &entries);
    let day = date(2026, 3, 6);
    for (order, (_, outcome)) in orders.iter().zip(&result.orders) {
        let (ledger, _) = OrderLedger::accrue(order, day).unwrap();
        let (ledger, _) = ledger.apply(Event::Approve, day).unwrap();
        let message_id = MessageId::parse("LMC47-20260304-01").unwrap();
        let (ledger, _) = ledger.apply(Event::Export { message_id }, day).unwrap();
        let (ledger, _) = ledger.apply(outcome.event().unwrap(), day).unwrap();
        if order.id().as_str() == "QN-47-2026-000104-R03" {
            assert!(matches!(ledger.state(), OrderState::Returned { reason } if reason.needs_new_account()));
            // The case gets a new account; the order is re-issued once, as its next attempt.
            let (ledger, _) = ledger.apply(Event::Reissue, day).unwrap();
            let again = order
                .reissued(Iban::parse("KZ186010001234567890").unwrap(), date(2026, 3, 10))
                .unwrap();
            assert_eq!(again.instruction_id(), "QN-47-2026-000104-R03/02");
            assert_eq!(ledger.attempt(), again.attempt());
            assert_eq!(again.id(), order.id(), "the end-to-end id stays the order id");
        } else {
            assert_eq!(ledger.state(), &OrderState::Settled);
            // Importing the same notification twice cannot pay twice.
            assert!(ledger.apply(outcome.event().unwrap(), day).is_err());
        }
    }
}

#[test]
fn amount_mismatch_duplicate_unknown_and_not_reported() {
    let orders = batch();
    let first = &orders[0];
    let amount = first.amount().tiyn();
    let id = first.id().as_str();
    let cases: [(Vec<BankEntry>, Outcome); 4] = [
        (vec![], Outcome::NotReported),
        (
            vec![debit(id, amount - 1)],
            Outcome::AmountMismatch {
                expected: first.amount(),
                reported: Money::from_tiyn(amount - 1),
            },
        ),
        (
            vec![debit(id, amount), debit(id, amount)],
            Outcome::Duplicate { debits: 2, returns: 0 },
        ),
        (
            vec![BankEntry {
                status: EntryStatus::Pending,
                ..debit(id, amount)
            }],
            Outcome::Pending,
        ),
    ];
    for (entries, expected) in cases {
        let result = reconcile(&orders[..1], &entries);
        assert_eq!(result.orders[0].1, expected);
        assert_eq!(expected.event(), None);
    }
    let result = reconcile(&orders[..1], &[debit("QN-99-2026-000001-R01", 100), debit(id, amount)]);
    assert_eq!(result.unknown_entries, [0]);
}

#[test]
fn a_notification_about_an_earlier_attempt_is_stale() {
    let original = batch().swap_remove(0);
    let reissued = original
        .reissued(Iban::parse("KZ758560000000000001").unwrap(), date(2026, 3, 10))
        .unwrap();
    let late = BankEntry {
        instruction_id: Some(original.instruction_id()),
        ..debit(original.id().as_str(), original.amount().tiyn())
    };
    let result = reconcile(std::slice::from_ref(&reissued), &[late]);
    assert_eq!(
        result.orders[0].1,
        Outcome::StaleAttempt {
            reported: "QN-47-2026-000101-R03/01".to_owned()
        }
    );
    let current = BankEntry {
        instruction_id: Some(reissued.instruction_id()),
        ..debit(original.id().as_str(), original.amount().tiyn())
    };
    let result = reconcile(std::slice::from_ref(&reissued), &[current]);
    assert!(matches!(result.orders[0].1, Outcome::Paid { .. }));
}
