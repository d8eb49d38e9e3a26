use proptest::prelude::*;

use super::*;
use crate::test_support::{iban_digits, mod97, reference_iban_valid};

/// kz-reference section 4: three synthetic IBANs, four from published requisites, the Treasury example.
const VALID: [(&str, &str, &str); 8] = [
    ("KZ186010001234567890", "0001234567890", "HSBKKZKX"),
    ("KZ18722S000012345678", "S000012345678", "CASPKZKA"),
    ("KZ758560000000000001", "0000000000001", "KCJBKZKX"),
    ("KZ476010131000179714", "0131000179714", "HSBKKZKX"),
    ("KZ8096512F0008376088", "12F0008376088", "IRTYKZKA"),
    ("KZ738562204140586741", "2204140586741", "KCJBKZKX"),
    ("KZ45722S000054326792", "S000054326792", "CASPKZKA"),
    ("KZ24070105KSN0000000", "105KSN0000000", "KKMFKZ2A"),
];

#[test]
fn reference_examples() {
    for (input, account, bic) in VALID {
        let iban = Iban::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(iban.as_str(), input);
        assert_eq!(iban.to_string(), input);
        assert_eq!(iban.check_digits(), &input[2..4]);
        assert_eq!(iban.bank_code(), &input[4..7]);
        assert_eq!(iban.account(), account);
        assert_eq!(iban.bank().map(|b| b.bic), Some(bic), "{input}");
        assert_eq!(Iban::from_parts(iban.bank_code(), account), Ok(iban));
        assert!(reference_iban_valid(input));
    }
    assert_eq!(
        Iban::parse("KZ186010001234567890").unwrap().bank().map(|b| b.name),
        Some("Halyk Bank")
    );
}

#[test]
fn spaces_and_case_are_normalised() {
    let canonical = "KZ18722S000012345678";
    for input in [
        "KZ18 722S 0000 1234 5678",
        "kz18722s000012345678",
        "  kz18 722s 0000 1234 5678 ",
        "KZ18\u{a0}722S\u{a0}0000\u{202f}1234\t5678",
    ] {
        assert_eq!(
            Iban::parse(input).map(|i| i.to_string()),
            Ok(canonical.to_owned()),
            "{input:?}"
        );
    }
    let iban: Iban = canonical.parse().unwrap();
    assert_eq!(iban.grouped(), "KZ18 722S 0000 1234 5678");
    assert_eq!(Iban::parse(&iban.grouped()), Ok(iban));
}

#[test]
fn rejections() {
    let invalid = [
        ("KZ476010131000179715", "iban_checksum"), // last digit of a real IBAN changed
        ("KZ196010001234567890", "iban_checksum"), // check digits changed
        ("KZ18601000123456789", "iban_length"),
        ("KZ1860100012345678901", "iban_length"),
        ("", "iban_length"),
        ("DE89370400440532013000", "iban_length"),
        ("DE186010001234567890", "iban_country"),
        ("ҚZ186010001234567890", "iban_country"), // Cyrillic Қ
        ("KZ1860100012345678-0", "iban_characters"),
        ("KZ1860100012345678Ә0", "iban_characters"),
        ("KZA86010001234567890", "iban_characters"),
        ("KZ18A010001234567890", "iban_bank_code"),
        ("KZ1860S0001234567890", "iban_bank_code"),
    ];
    for (input, code) in invalid {
        assert_eq!(Iban::parse(input).map_err(|e| e.code()), Err(code), "{input:?}");
    }
}

/// Check digits 00, 01 and 99 are congruent mod 97 to 97, 98 and 02, so they pass the bare mod-97 test,
/// but ISO 13616 never issues them.
#[test]
fn check_digits_outside_02_to_98_are_rejected() {
    let mut found = [false; 3];
    for n in 0..10_000u32 {
        let iban = Iban::from_parts("601", &format!("{n:013}")).unwrap();
        let (alias, index) = match iban.check_digits() {
            "97" => ("00", 0),
            "98" => ("01", 1),
            "02" => ("99", 2),
            _ => continue,
        };
        let aliased = format!("KZ{alias}{}", &iban.as_str()[4..]);
        assert_eq!(mod97(&iban_digits(&aliased)), 1, "{aliased}");
        assert_eq!(Iban::parse(&aliased), Err(IbanError::Checksum), "{aliased}");
        found[index] = true;
    }
    assert_eq!(found, [true; 3]);
}

#[test]
fn from_parts() {
    let cases = [
        (("601", "0001234567890"), Ok("KZ186010001234567890")),
        (("722", "s000012345678"), Ok("KZ18722S000012345678")),
        (("856", "0000 0000 0000 1"), Ok("KZ758560000000000001")),
        (("60", "0001234567890"), Err(IbanError::BankCode)),
        (("6011", "0001234567890"), Err(IbanError::BankCode)),
        (("60A", "0001234567890"), Err(IbanError::BankCode)),
        (("601", "000123456789"), Err(IbanError::Length)),
        (("601", "00012345678901"), Err(IbanError::Length)),
        (("601", "000123456789-"), Err(IbanError::Characters)),
        (("601", "000123456789Ж"), Err(IbanError::Characters)),
    ];
    for ((bank, account), expected) in cases {
        let got = Iban::from_parts(bank, account);
        assert_eq!(
            got.as_ref().map(Iban::as_str),
            expected.as_ref().map(|s| *s),
            "{bank} {account}"
        );
    }
}

#[test]
fn unknown_bank_code_is_still_valid() {
    let iban = Iban::from_parts("123", "0000000000001").unwrap();
    assert_eq!(Iban::parse(iban.as_str()), Ok(iban));
    assert_eq!(iban.bank(), None);
}

#[test]
fn bank_table() {
    let banks = Iban::banks();
    assert_eq!(banks.len(), 28);
    let mut codes: Vec<&str> = banks.iter().map(|b| b.code).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), 28, "bank codes are unique");
    for bank in banks {
        assert!(
            bank.code.len() == 3 && bank.code.bytes().all(|b| b.is_ascii_digit()),
            "{bank:?}"
        );
        // SWIFT BIC: 4 bank letters, country KZ, 2 location characters (no branch suffix in the table).
        assert_eq!(bank.bic.len(), 8, "{bank:?}");
        assert_eq!(&bank.bic[4..6], "KZ", "{bank:?}");
        assert!(!bank.name.is_empty());
        let iban = Iban::from_parts(bank.code, "0000000000001").unwrap();
        assert_eq!(iban.bank(), Some(bank));
    }
    let spot = [
        ("601", "Halyk Bank"),
        ("722", "Kaspi Bank"),
        ("965", "ForteBank"),
        ("009", "GCVPKZ2A"),
    ];
    for (code, name_or_bic) in spot {
        let bank = banks.iter().find(|b| b.code == code).unwrap();
        assert!(bank.name == name_or_bic || bank.bic == name_or_bic, "{bank:?}");
    }
}

#[test]
fn debug_masks_the_account() {
    let iban = Iban::parse("KZ186010001234567890").unwrap();
    assert_eq!(format!("{iban:?}"), "Iban(KZ**601*********7890)");
    for (input, account, _) in VALID {
        let debug = format!("{:?}", Iban::parse(input).unwrap());
        assert!(!debug.contains(input) && !debug.contains(account), "{debug}");
    }
}

#[test]
fn error_codes_are_listed_and_messages_follow_the_style() {
    let all = [
        IbanError::Length,
        IbanError::Country,
        IbanError::Characters,
        IbanError::BankCode,
        IbanError::Checksum,
    ];
    let codes: Vec<&str> = all.iter().map(ErrorCode::code).collect();
    assert_eq!(codes, IbanError::CODES);
    for e in all {
        crate::tests::check_message(&e.to_string());
    }
}

/// What happened to one single-character change of a valid IBAN.
#[derive(Debug, Default, PartialEq, Eq)]
struct Substitutions {
    /// Same-width changes (digit for digit, letter for letter), all rejected.
    same_width: usize,
    /// A digit for a letter or back in the account: rejected unless mod 97 happens to agree.
    width_changing: usize,
    width_changing_accepted: usize,
}

/// Applies every single-character change allowed by the format to `original` and checks each outcome.
///
/// mod 97 catches every substitution that keeps the decimal expansion's length: the number changes by
/// δ·10ᵏ with 0 < |δ| ≤ 35 < 97, and 97 is prime and coprime to 10. It does NOT catch every digit↔letter
/// substitution: a letter expands to two decimal digits, so swapping the digit d for the letter v (value
/// 10..=35) changes the number by 10ᴸ·(90·P + v − d), where P is the expansion of everything before the
/// character in the rearranged IBAN. When 90·P + v − d ≡ 0 (mod 97) the changed IBAN is valid too. The
/// test asserts exactly that condition against the parser and the reference validator.
fn check_substitutions(original: &str, tally: &mut Substitutions) {
    const LETTERS: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const DIGITS: &str = "0123456789";
    for (pos, current) in original.char_indices() {
        let class = match pos {
            0..=1 => LETTERS.to_owned(),
            2..=6 => DIGITS.to_owned(),
            _ => format!("{DIGITS}{LETTERS}"),
        };
        for replacement in class.chars().filter(|&c| c != current) {
            let mut changed = original.to_owned();
            changed.replace_range(pos..=pos, &replacement.to_string());
            let accepted = Iban::parse(&changed).is_ok();
            assert_eq!(accepted, reference_iban_valid(&changed), "{original} -> {changed}");
            if current.is_ascii_digit() == replacement.is_ascii_digit() {
                assert!(!accepted, "{original} -> {changed}");
                tally.same_width += 1;
            } else {
                let (digit, letter) = if current.is_ascii_digit() {
                    (current, replacement)
                } else {
                    (replacement, current)
                };
                let prefix: String = original[4..pos]
                    .chars()
                    .map(|c| c.to_digit(36).unwrap().to_string())
                    .collect();
                let p = mod97(&prefix);
                let v = letter.to_digit(36).unwrap();
                let d = digit.to_digit(10).unwrap();
                assert_eq!(accepted, (90 * p + v - d).is_multiple_of(97), "{original} -> {changed}");
                tally.width_changing += 1;
                tally.width_changing_accepted += usize::from(accepted);
            }
        }
    }
}

#[test]
fn single_character_changes_are_rejected_except_where_mod_97_allows() {
    let mut tally = Substitutions::default();
    for (input, _, _) in VALID {
        check_substitutions(input, &mut tally);
    }
    // Counted independently with a short Python script (int(c, 36) expansion, int(n) % 97): 28 of the
    // digit↔letter changes of these eight IBANs are themselves valid IBANs.
    assert_eq!(tally.width_changing_accepted, 28, "{tally:?}");
    assert!(tally.same_width > 0 && tally.width_changing > 0);
}

fn any_iban() -> impl Strategy<Value = Iban> {
    ("[0-9]{3}", "[0-9A-Z]{13}").prop_map(|(bank, account)| Iban::from_parts(&bank, &account).unwrap())
}

proptest! {
    #[test]
    fn display_parse_round_trip(iban in any_iban()) {
        let shown = iban.to_string();
        prop_assert_eq!(Iban::parse(&shown), Ok(iban));
        prop_assert_eq!(Iban::parse(&iban.grouped().to_lowercase()), Ok(iban));
        prop_assert!(reference_iban_valid(&shown));
        let debug = format!("{iban:?}");
        prop_assert!(!debug.contains(&shown) && !debug.contains(iban.account()), "{}", debug);
    }

    #[test]
    fn single_character_changes_of_any_iban(iban in any_iban()) {
        check_substitutions(iban.as_str(), &mut Substitutions::default());
    }
}
