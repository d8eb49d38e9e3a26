use proptest::prelude::*;

use super::*;

#[test]
fn parse_table() {
    let cases = [
        ("108125", Ok(10_812_500)),
        ("108125.5", Ok(10_812_550)),
        ("108125.50", Ok(10_812_550)),
        ("108125,50", Ok(10_812_550)),
        ("1 234 567,89", Ok(123_456_789)),
        ("1\u{a0}234\u{a0}567,89", Ok(123_456_789)),
        ("1\u{202f}234\u{202f}567.89", Ok(123_456_789)),
        ("  42 ", Ok(4200)),
        ("0.1", Ok(10)),
        ("0.05", Ok(5)),
        ("0", Ok(0)),
        ("007", Ok(700)),
        ("92233720368547758.07", Ok(i64::MAX)),
        ("1.234", Err("money_precision")),
        ("1.230", Err("money_precision")),
        ("-5", Err("money_negative")),
        ("\u{2212}5", Err("money_negative")),
        ("-0", Err("money_negative")),
        ("+5", Err("money_format")),
        ("abc", Err("money_format")),
        ("", Err("money_format")),
        ("   ", Err("money_format")),
        ("1e5", Err("money_format")),
        ("1.", Err("money_format")),
        (".5", Err("money_format")),
        ("1.2.3", Err("money_format")),
        ("1,234.56", Err("money_format")),
        ("1.2a", Err("money_format")),
        ("12 34", Err("money_format")),
        ("1234 567", Err("money_format")),
        ("1  234", Err("money_format")),
        ("1 234 ", Ok(123_400)), // trailing space is trimmed
        ("5 ₸", Err("money_format")),
        ("99999999999999999999", Err("money_overflow")),
        ("92233720368547758.08", Err("money_overflow")),
        ("92233720368547759", Err("money_overflow")),
    ];
    for (input, expected) in cases {
        assert_eq!(
            Money::parse(input).map(|m| m.tiyn()).map_err(|e| e.code()),
            expected,
            "{input:?}"
        );
    }
    assert_eq!("108125.00".parse::<Money>(), Ok(Money::from_tiyn(10_812_500)));
}

#[test]
fn display() {
    let cases = [
        (10_812_500, "108125.00"),
        (5, "0.05"),
        (0, "0.00"),
        (-310, "-3.10"),
        (-5, "-0.05"),
        (i64::MAX, "92233720368547758.07"),
        (i64::MIN, "-92233720368547758.08"),
    ];
    for (tiyn, shown) in cases {
        assert_eq!(Money::from_tiyn(tiyn).to_string(), shown);
    }
    assert_eq!(format!("{:?}", Money::from_tiyn(-310)), "Money(-3.10)");
    assert_eq!(format!("{:>9}", Money::from_tiyn(-310)), "    -3.10");
    assert_eq!(format!("{:+}", Money::from_tiyn(310)), "+3.10");
}

#[test]
fn checked_arithmetic() {
    let m = Money::from_tiyn;
    assert_eq!(Money::ZERO.tiyn(), 0);
    // Callers map options with the method path; this must keep compiling.
    assert_eq!(m(5).checked_add(m(1)).map(Money::tiyn), Some(6));
    assert_eq!(Money::from_tenge(4325), Some(m(432_500)));
    assert_eq!(Money::from_tenge(-1), Some(m(-100)));
    assert_eq!(Money::from_tenge(i64::MAX / 100 + 1), None);
    assert_eq!(m(1).checked_add(m(2)), Some(m(3)));
    assert_eq!(m(i64::MAX).checked_add(m(1)), None);
    assert_eq!(m(1).checked_sub(m(2)), Some(m(-1)));
    assert_eq!(m(i64::MIN).checked_sub(m(1)), None);
    assert_eq!(m(432_500).checked_mul(25), Some(m(10_812_500)));
    assert_eq!(m(-3).checked_mul(-2), Some(m(6)));
    assert_eq!(m(i64::MAX).checked_mul(2), None);
    assert_eq!(m(i64::MIN).checked_mul(-1), None);
    assert_eq!(m(432_500).times(25), Some(m(10_812_500)));
    assert_eq!(m(i64::MAX / 2 + 1).times(2), None);
    assert_eq!(m(1).times(u32::MAX), Some(m(i64::from(u32::MAX))));
    assert_eq!(m(5).min(m(3)), m(3));
    assert_eq!(m(5).max(m(3)), m(5));
    assert!(m(-1).is_negative());
    assert!(!Money::ZERO.is_negative());
}

#[test]
fn error_codes_are_listed_and_messages_follow_the_style() {
    let all = [
        MoneyError::Format,
        MoneyError::Precision,
        MoneyError::Negative,
        MoneyError::Overflow,
    ];
    let codes: Vec<&str> = all.iter().map(ErrorCode::code).collect();
    assert_eq!(codes, MoneyError::CODES);
    for e in all {
        crate::tests::check_message(&e.to_string());
    }
}

/// `1 234 567,89` for 123456789 tiyn: how people and office software write amounts.
fn grouped(money: Money) -> String {
    let plain = money.to_string();
    let (int, frac) = plain.split_once('.').unwrap();
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    format!("{out},{frac}")
}

proptest! {
    #[test]
    fn display_parse_round_trip(tiyn in 0i64..=i64::MAX) {
        let money = Money::from_tiyn(tiyn);
        prop_assert_eq!(Money::parse(&money.to_string()), Ok(money));
        prop_assert_eq!(Money::parse(&grouped(money)), Ok(money));
    }

    #[test]
    fn negative_amounts_display_with_a_minus_and_do_not_parse(tiyn in i64::MIN..0) {
        let shown = Money::from_tiyn(tiyn).to_string();
        prop_assert!(shown.starts_with('-'));
        prop_assert_eq!(Money::parse(&shown), Err(MoneyError::Negative));
        if let Some(abs) = tiyn.checked_neg() {
            prop_assert_eq!(&shown[1..], Money::from_tiyn(abs).to_string());
        }
    }

    #[test]
    fn checked_ops_agree_with_i128(a in any::<i64>(), b in any::<i64>(), n in any::<u32>()) {
        let fits = |v: i128| i64::try_from(v).ok().map(Money::from_tiyn);
        let (ma, mb) = (Money::from_tiyn(a), Money::from_tiyn(b));
        prop_assert_eq!(ma.checked_add(mb), fits(i128::from(a) + i128::from(b)));
        prop_assert_eq!(ma.checked_sub(mb), fits(i128::from(a) - i128::from(b)));
        prop_assert_eq!(ma.checked_mul(b), fits(i128::from(a) * i128::from(b)));
        prop_assert_eq!(ma.times(n), fits(i128::from(a) * i128::from(n)));
        prop_assert_eq!(ma.min(mb).tiyn(), a.min(b));
        prop_assert_eq!(ma.max(mb).tiyn(), a.max(b));
    }
}
