use proptest::prelude::*;

use super::*;

#[test]
fn counts_and_money() {
    let mci_2026 = Money::from_tenge(4325).unwrap();
    assert_eq!(Mci::new(25).count(), 25);
    assert_eq!(
        Mci::new(25).to_money(mci_2026),
        Some(Money::from_tenge(108_125).unwrap())
    );
    assert_eq!(Mci::new(0).to_money(mci_2026), Some(Money::ZERO));
    assert_eq!(Mci::new(u32::MAX).to_money(Money::from_tiyn(i64::MAX)), None);
    assert_eq!(Mci::new(25).checked_mul(4), Some(Mci::new(100)));
    assert_eq!(Mci::new(u32::MAX).checked_mul(2), None);
    assert_eq!(Mci::new(1625).to_string(), "1625");
}

#[test]
fn parse_table() {
    let cases = [
        ("25", Ok(25)),
        (" 1625\n", Ok(1625)),
        ("0", Ok(0)),
        ("4294967295", Ok(u32::MAX)),
        ("4294967296", Err("mci_overflow")),
        ("", Err("mci_format")),
        ("+5", Err("mci_format")),
        ("-5", Err("mci_format")),
        ("2.5", Err("mci_format")),
        ("1 625", Err("mci_format")),
    ];
    for (input, expected) in cases {
        assert_eq!(
            input.parse::<Mci>().map(|m| m.count()).map_err(|e| e.code()),
            expected,
            "{input:?}"
        );
    }
}

#[test]
fn error_codes_are_listed_and_messages_follow_the_style() {
    let all = [MciError::Format, MciError::Overflow];
    let codes: Vec<&str> = all.iter().map(ErrorCode::code).collect();
    assert_eq!(codes, MciError::CODES);
    for e in all {
        crate::tests::check_message(&e.to_string());
    }
}

proptest! {
    #[test]
    fn display_parse_round_trip(n in any::<u32>()) {
        prop_assert_eq!(Mci::parse(&Mci::new(n).to_string()), Ok(Mci::new(n)));
    }

    #[test]
    fn to_money_agrees_with_i128(n in any::<u32>(), tiyn in any::<i64>()) {
        let expected = i64::try_from(i128::from(n) * i128::from(tiyn)).ok().map(Money::from_tiyn);
        prop_assert_eq!(Mci::new(n).to_money(Money::from_tiyn(tiyn)), expected);
    }
}
