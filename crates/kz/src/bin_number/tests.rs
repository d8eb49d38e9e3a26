use proptest::prelude::*;

use super::*;
use crate::test_support::{reference_bin, reference_check};

#[test]
fn reference_examples() {
    // (input, (yy, mm), entity type, attribute) — kz-reference section 3: three synthetic BINs and six
    // seen in public material.
    use BinAttribute::{Branch, HeadOffice};
    use EntityType::ResidentLegalEntity as Resident;
    let valid = [
        ("150340012340", (15, 3), Resident, Some(HeadOffice)),
        ("240140005677", (24, 1), Resident, Some(HeadOffice)),
        ("180541000890", (18, 5), Resident, Some(Branch)),
        ("940140000385", (94, 1), Resident, Some(HeadOffice)),
        ("971240001315", (97, 12), Resident, Some(HeadOffice)),
        ("160440007161", (16, 4), Resident, Some(HeadOffice)),
        ("090840000906", (9, 8), Resident, Some(HeadOffice)),
        ("040340014374", (4, 3), Resident, Some(HeadOffice)),
        ("100340000596", (10, 3), Resident, Some(HeadOffice)),
    ];
    for (input, year_month, entity, attribute) in valid {
        let bin = Bin::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(bin.as_str(), input);
        assert_eq!(bin.to_string(), input);
        assert_eq!(format!("{bin:?}"), format!("Bin({input})"));
        assert_eq!(bin.registration_year_month(), year_month, "{input}");
        assert_eq!(bin.entity_type(), entity, "{input}");
        assert_eq!(bin.attribute(), attribute, "{input}");
        assert_eq!(input.parse::<Bin>(), Ok(bin));
        assert_eq!(reference_bin(input), Ok(()));
    }
}

#[test]
fn rejections() {
    let invalid = [
        ("150340012341", "bin_check_digit"),
        ("151340012340", "bin_month"),
        ("150040012340", "bin_month"),
        ("150370012340", "bin_entity_type"),
        ("150300012340", "bin_entity_type"),
        ("15034001234", "bin_length"),
        ("1503400123401", "bin_length"),
        ("15034001234O", "bin_not_digits"),
        ("1503400-2340", "bin_not_digits"),
    ];
    for (input, code) in invalid {
        assert_eq!(Bin::parse(input).map_err(|e| e.code()), Err(code), "{input:?}");
        assert_eq!(reference_bin(input), Err(code), "reference disagrees on {input:?}");
    }
}

#[test]
fn from_parts() {
    use EntityType::*;
    let cases = [
        ((15, 3, ResidentLegalEntity, 0, 1234), Ok("150340012340")),
        ((18, 5, ResidentLegalEntity, 1, 89), Ok("180541000890")),
        ((0, 12, NonResidentLegalEntity, 2, 99_999), Ok("001252999992")),
        ((99, 1, JointEntrepreneurship, 3, 0), Ok("990163000002")),
        ((15, 0, ResidentLegalEntity, 0, 1), Err(BinError::Month)),
        ((15, 13, ResidentLegalEntity, 0, 1), Err(BinError::Month)),
        ((100, 1, ResidentLegalEntity, 0, 1), Err(BinError::Month)),
        ((15, 3, ResidentLegalEntity, 10, 1), Err(BinError::Serial)),
        ((15, 3, ResidentLegalEntity, 0, 100_000), Err(BinError::Serial)),
    ];
    for ((yy, mm, entity, attribute, serial), expected) in cases {
        let got = Bin::from_parts(yy, mm, entity, attribute, serial);
        assert_eq!(
            got.as_ref().map(Bin::as_str),
            expected.as_ref().map(|s| *s),
            "{yy} {mm} {attribute} {serial}"
        );
    }
    // An unusable prefix is reported, not papered over.
    let unusable = (0..100_000)
        .find_map(|serial| match Bin::from_parts(15, 3, ResidentLegalEntity, 0, serial) {
            Err(e) => Some((serial, e)),
            Ok(_) => None,
        })
        .unwrap();
    assert_eq!(unusable.1, BinError::Unusable);
    assert_eq!(reference_check(&format!("150340{:05}", unusable.0)).1, None);
}

#[test]
fn every_entity_type_and_attribute_digit() {
    use EntityType::*;
    for entity in [ResidentLegalEntity, NonResidentLegalEntity, JointEntrepreneurship] {
        for attribute_digit in 0..=9 {
            let bin = (0..10)
                .find_map(|serial| Bin::from_parts(21, 6, entity, attribute_digit, serial).ok())
                .unwrap();
            assert_eq!(Bin::parse(bin.as_str()), Ok(bin));
            assert_eq!(bin.entity_type(), entity);
            assert_eq!(bin.entity_type().digit(), entity.digit());
            let expected = [
                BinAttribute::HeadOffice,
                BinAttribute::Branch,
                BinAttribute::RepresentativeOffice,
                BinAttribute::PeasantFarm,
            ]
            .into_iter()
            .find(|a| a.digit() == attribute_digit);
            assert_eq!(bin.attribute(), expected);
        }
    }
}

#[test]
fn error_codes_are_listed_and_messages_follow_the_style() {
    let all = [
        BinError::Length,
        BinError::NotDigits,
        BinError::Month,
        BinError::EntityType,
        BinError::CheckDigit,
        BinError::Unusable,
        BinError::Serial,
    ];
    let codes: Vec<&str> = all.iter().map(ErrorCode::code).collect();
    assert_eq!(codes, BinError::CODES);
    for e in all {
        crate::tests::check_message(&e.to_string());
    }
}

/// Valid BINs over every year, month, entity type and attribute digit, with varied serials.
fn sweep() -> Vec<Bin> {
    let mut out = Vec::new();
    let entities = [
        EntityType::ResidentLegalEntity,
        EntityType::NonResidentLegalEntity,
        EntityType::JointEntrepreneurship,
    ];
    let mut i: u32 = 0;
    for yy in 0..100 {
        for mm in 1..=12 {
            let entity = entities[(i % 3) as usize];
            let attribute = u8::try_from(i % 10).unwrap();
            if let Ok(bin) = Bin::from_parts(yy, mm, entity, attribute, (i * 7919) % 100_000) {
                out.push(bin);
            }
            i += 1;
        }
    }
    out
}

/// Every single-digit change, compared with the reference validator, and where acceptances come from.
/// The argument is the IIN's (see `iin::tests`): digits 1–10 can slip through only via the second pass,
/// the 11th digit (pass-1 weight 11 ≡ 0) is invisible to pass 1, the 12th never slips through.
#[test]
fn every_single_digit_change_is_rejected_unless_the_algorithm_allows_it() {
    let (mut changes, mut via_second_pass, mut eleventh_digit_blind) = (0, 0, 0);
    for bin in sweep() {
        let original = bin.as_str();
        let (r1_original, _) = reference_check(original);
        for pos in 0..12 {
            for replacement in b'0'..=b'9' {
                let mut changed = original.as_bytes().to_vec();
                if changed[pos] == replacement {
                    continue;
                }
                changed[pos] = replacement;
                let changed = String::from_utf8(changed).unwrap();
                changes += 1;
                let got = Bin::parse(&changed).map(|_| ()).map_err(|e| e.code());
                assert_eq!(got, reference_bin(&changed), "{original} -> {changed}");
                let accepted = got.is_ok();
                let (r1_changed, _) = reference_check(&changed);
                match pos {
                    0..=9 => {
                        assert_ne!(r1_changed, r1_original, "{original} -> {changed}");
                        if accepted {
                            assert!(
                                r1_original == 10 || r1_changed == 10,
                                "{original} -> {changed} valid by pass 1"
                            );
                            via_second_pass += 1;
                        }
                    }
                    10 => {
                        assert_eq!(accepted, r1_original != 10, "{original} -> {changed}");
                        eleventh_digit_blind += usize::from(accepted);
                    }
                    _ => assert!(!accepted, "{original} -> {changed}"),
                }
            }
        }
    }
    // Counted independently with a short Python script over the same sweep (1189 BINs).
    assert_eq!((changes, via_second_pass, eleventh_digit_blind), (128_412, 1402, 9810));
}

fn any_bin() -> impl Strategy<Value = Bin> {
    let entity = prop_oneof![
        Just(EntityType::ResidentLegalEntity),
        Just(EntityType::NonResidentLegalEntity),
        Just(EntityType::JointEntrepreneurship)
    ];
    (0u8..=99, 1u8..=12, entity, 0u8..=9, 0u32..=99_999).prop_filter_map("unusable prefix", |(yy, mm, e, a, s)| {
        Bin::from_parts(yy, mm, e, a, s).ok()
    })
}

proptest! {
    #[test]
    fn display_parse_round_trip(bin in any_bin()) {
        prop_assert_eq!(Bin::parse(&bin.to_string()), Ok(bin));
        prop_assert_eq!(reference_bin(bin.as_str()), Ok(()));
    }

    #[test]
    fn any_corrupted_check_digit_is_rejected(bin in any_bin(), delta in 1u8..=9) {
        let mut s = bin.as_str().as_bytes().to_vec();
        s[11] = b'0' + (s[11] - b'0' + delta) % 10;
        prop_assert_eq!(Bin::parse(std::str::from_utf8(&s).unwrap()), Err(BinError::CheckDigit));
    }
}
