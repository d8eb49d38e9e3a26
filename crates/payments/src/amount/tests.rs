use super::*;

#[test]
fn writes_two_decimals_from_tiyn() {
    for (tiyn, text) in [(0, "0.00"), (5, "0.05"), (10_812_550, "108125.50"), (100, "1.00")] {
        assert_eq!(decimal(Money::from_tiyn(tiyn)), text);
    }
    assert_eq!(
        decimal(Money::from_tiyn(i64::MAX)),
        "92233720368547758.07",
        "the largest amount is exact"
    );
}

#[test]
fn reads_decimals_exactly() {
    let ok = [
        ("108125", 10_812_500),
        ("108125.5", 10_812_550),
        ("108125.50", 10_812_550),
        ("108125.50000", 10_812_550),
        ("+0.01", 1),
        (".5", 50),
        ("7.", 700),
        (" 12.34 ", 1234),
    ];
    for (text, tiyn) in ok {
        assert_eq!(parse_decimal(text), Ok(Money::from_tiyn(tiyn)), "{text}");
    }
    let bad = [
        ("", DecimalError::Format),
        (".", DecimalError::Format),
        ("-1.00", DecimalError::Format),
        ("1,00", DecimalError::Format),
        ("1e3", DecimalError::Format),
        ("1.005", DecimalError::Precision),
        ("99999999999999999999", DecimalError::Overflow),
    ];
    for (text, error) in bad {
        assert_eq!(parse_decimal(text), Err(error), "{text}");
    }
}

#[test]
fn round_trips() {
    for tiyn in [0, 1, 99, 100, 101, 123_456_789, i64::MAX] {
        let money = Money::from_tiyn(tiyn);
        assert_eq!(parse_decimal(&decimal(money)), Ok(money));
    }
}
