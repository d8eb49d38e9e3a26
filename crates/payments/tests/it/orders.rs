//! Orders and the values they are made of.

use std::collections::HashSet;

use jiff::civil::date;
use kz::{ErrorCode, Iban, Money};
use payments::{
    BudgetLine, Digits, Knp, Measure, MeasureKind, MessageId, Month, OrderError, OrderId, PaymentOrder, Reference,
    Text, TextError,
};

use crate::support::{batch, payer, person, rent};

#[test]
fn an_order_resolves_its_bic_from_the_iban() {
    let orders = batch();
    let bics: Vec<&str> = orders.iter().map(|o| o.bank().bic).collect();
    assert_eq!(bics, ["HSBKKZKX", "CASPKZKA", "KCJBKZKX", "CASPKZKA"]);
    assert_eq!(payer().bank().bic, "KKMFKZ2A");
    assert_eq!(orders[0].attempt(), 1);
    assert_eq!(orders[0].instruction_id(), "QN-47-2026-000101-R03/01");
    assert_eq!(orders[0].measure().period(), Some(Month::new(2026, 3).unwrap()));
    assert_eq!(orders[0].measure().kind(), MeasureKind::RentMonth);
    assert_eq!(orders[3].measure().period(), None);
}

#[test]
fn an_order_is_refused_whole() {
    let aigerim = || person("850722404566", "Айгерім Жұмабаева");
    let mut zero = rent("QN-1", aigerim(), "KZ186010001234567890", 0);
    assert_eq!(
        PaymentOrder::new(zero.clone()).unwrap_err().code(),
        "order_amount_not_positive"
    );
    zero.amount = Money::from_tiyn(-5);
    assert_eq!(PaymentOrder::new(zero).unwrap_err(), OrderError::AmountNotPositive);
    // Bank code 123 is not in the table: a valid IBAN whose BIC is unknown.
    let unknown = Iban::from_parts("123", "0000000000001").unwrap();
    let at_unknown_bank = rent("QN-2", aigerim(), unknown.as_str(), 100);
    assert_eq!(
        PaymentOrder::new(at_unknown_bank).unwrap_err().code(),
        "order_unknown_bank"
    );
    let mut employer_to_person = rent("QN-3", aigerim(), "KZ186010001234567890", 100);
    employer_to_person.measure = Measure::EmployerHousing;
    assert_eq!(
        PaymentOrder::new(employer_to_person).unwrap_err().code(),
        "order_payee_kind"
    );
}

#[test]
fn reissue_counts_attempts_up_to_99() {
    let mut order = batch().swap_remove(0);
    let account = Iban::parse("KZ758560000000000001").unwrap();
    for attempt in 2..=99u8 {
        order = order.reissued(account, date(2026, 4, 1)).unwrap();
        assert_eq!(order.attempt(), attempt);
    }
    assert_eq!(order.bank().bic, "KCJBKZKX");
    assert_eq!(order.instruction_id(), "QN-47-2026-000101-R03/99");
    assert_eq!(order.instruction_id().len(), 24);
    assert_eq!(
        order.reissued(account, date(2026, 4, 1)).unwrap_err().code(),
        "order_too_many_attempts"
    );
}

#[test]
fn debug_masks_personal_data() {
    let orders = batch();
    let person = format!("{:?}", orders[0]);
    assert!(person.contains("Iin(********4566)"), "{person}");
    assert!(person.contains("Iban(KZ**601*********7890)"), "{person}");
    for secret in ["850722404566", "KZ186010001234567890", "Айгерім", "Жұмабаева"] {
        assert!(!person.contains(secret), "{secret} in {person}");
    }
    let org = format!("{:?}", orders[2]);
    assert!(org.contains("Bin(********5677)"), "{org}");
    assert!(!org.contains("240140005677"), "{org}");
    assert!(!org.contains("KZ758560000000000001"), "{org}");
}

#[test]
fn texts_fit_their_fields() {
    assert!(Text::parse("Қожахметова Әйгерім Нұрсұлтанқызы").is_ok());
    assert_eq!(Text::parse(&"ә".repeat(140)).unwrap().as_str().chars().count(), 140);
    assert_eq!(Text::parse(&"ә".repeat(141)), Err(TextError::TooLong));
    assert_eq!(Text::parse("  \t "), Err(TextError::Empty));
    assert_eq!(Text::parse("line\nbreak"), Err(TextError::Characters));
    assert_eq!(Text::parse("nul\u{0}"), Err(TextError::Characters));
    assert_eq!(Text::parse("  trimmed ").unwrap().as_str(), "trimmed");
    assert!(Reference::parse(&"1".repeat(35)).is_ok());
    assert_eq!(Reference::parse(&"1".repeat(36)), Err(TextError::TooLong));
    assert!(OrderId::parse("QN-75-2026-000123-R03").is_ok());
    assert_eq!(OrderId::parse("QN 75"), Err(TextError::Characters));
    assert_eq!(OrderId::parse("QN/75"), Err(TextError::Characters));
    assert_eq!(OrderId::parse(&"A".repeat(33)), Err(TextError::TooLong));
    assert_eq!(MessageId::parse(&"M".repeat(27)), Err(TextError::TooLong));
    assert_eq!(
        BudgetLine::parse("252/105/015.054").unwrap().to_string(),
        "252/105/015.054"
    );
    assert_eq!(Knp::parse("01"), Err(TextError::CodeLength));
    assert_eq!(Knp::parse("0a1"), Err(TextError::Characters));
    assert_eq!(Digits::<2>::parse(" 19 ").unwrap().as_str(), "19");
    assert_eq!(format!("{:?}", Text::parse("Айгерім").unwrap()), "Text(<7 chars>)");
}

#[test]
fn months_are_real() {
    assert_eq!(Month::new(2026, 13), None);
    assert_eq!(Month::new(2026, 0), None);
    assert_eq!(Month::of(date(2026, 12, 31)).to_string(), "2026-12");
}

#[test]
fn the_payer_has_a_code_per_measure() {
    let payer = payer();
    let knps: HashSet<String> = MeasureKind::ALL
        .iter()
        .map(|kind| payer.purpose_code(*kind).to_string())
        .collect();
    assert_eq!(knps.len(), 5);
    assert_eq!(payer.budget_line(MeasureKind::Certificate).as_str(), "T-EMC");
}

#[test]
fn error_codes_are_unique_snake_case_and_prefixed() {
    let mut seen = HashSet::new();
    for code in payments::codes() {
        assert!(seen.insert(code), "duplicate code {code}");
        assert!(
            code.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
            "{code}"
        );
        let prefix = code.split('_').next().unwrap();
        assert!(
            ["text", "order", "payer", "ledger", "export", "camt"].contains(&prefix),
            "{code}"
        );
    }
    assert_eq!(seen.len(), 4 + 4 + 1 + 13 + 6 + 12);
}
