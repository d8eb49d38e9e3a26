use std::collections::HashSet;

use proptest::prelude::*;

use super::*;

#[test]
fn all_twenty_regions_parse_and_are_region_level() {
    let regions = Kato::regions();
    assert_eq!(regions.len(), 20);
    let mut prefixes = HashSet::new();
    for region in regions {
        let kato = Kato::parse(region.kato).unwrap_or_else(|e| panic!("{region:?}: {e}"));
        assert_eq!(kato.region(), region);
        assert!(kato.is_region_level(), "{region:?}");
        assert_eq!(Kato::region_of(region), kato);
        assert_eq!(kato.to_string(), region.kato);
        // ISO 3166-2:KZ numbers equal the KATO prefixes.
        assert_eq!(region.iso, format!("KZ-{}", &region.kato[..2]));
        assert!(region.kato.ends_with("0000000"));
        assert!(prefixes.insert(&region.kato[..2]));
        for name in [region.name_kk, region.name_ru, region.name_en, region.centre_en] {
            assert!(!name.is_empty() && name.trim() == name, "{region:?}");
        }
    }
}

#[test]
fn region_names() {
    let spot = [
        (
            "100000000",
            "KZ-10",
            "Абай облысы",
            "область Абай",
            "Abai Region",
            "Semey",
        ),
        (
            "190000000",
            "KZ-19",
            "Алматы облысы",
            "Алматинская область",
            "Almaty Region",
            "Konaev",
        ),
        (
            "330000000",
            "KZ-33",
            "Жетісу облысы",
            "область Жетісу",
            "Jetisu Region",
            "Taldykorgan",
        ),
        (
            "590000000",
            "KZ-59",
            "Солтүстік Қазақстан облысы",
            "Северо-Казахстанская область",
            "North Kazakhstan Region",
            "Petropavl",
        ),
        (
            "620000000",
            "KZ-62",
            "Ұлытау облысы",
            "область Ұлытау",
            "Ulytau Region",
            "Zhezkazgan",
        ),
        (
            "710000000",
            "KZ-71",
            "Астана қаласы",
            "город Астана",
            "Astana",
            "Astana",
        ),
        (
            "750000000",
            "KZ-75",
            "Алматы қаласы",
            "город Алматы",
            "Almaty",
            "Almaty",
        ),
        (
            "790000000",
            "KZ-79",
            "Шымкент қаласы",
            "город Шымкент",
            "Shymkent",
            "Shymkent",
        ),
    ];
    for (code, iso, kk, ru, en, centre) in spot {
        let r = Kato::parse(code).unwrap().region();
        assert_eq!(
            (r.kato, r.iso, r.name_kk, r.name_ru, r.name_en, r.centre_en),
            (code, iso, kk, ru, en, centre)
        );
    }
}

#[test]
fn parse_table() {
    let cases = [
        ("100000000", Ok(("KZ-10", true))),
        ("621030000", Ok(("KZ-62", false))), // a district of Ulytau region
        ("621030100", Ok(("KZ-62", false))),
        (" 751110000 ", Ok(("KZ-75", false))),
        ("710000001", Ok(("KZ-71", false))),
        ("990000000", Err("kato_region")),
        ("000000000", Err("kato_region")),
        ("120000000", Err("kato_region")), // a gap in the numbering
        ("10000000", Err("kato_length")),
        ("1000000000", Err("kato_length")),
        ("", Err("kato_length")),
        ("10000000A", Err("kato_not_digits")),
        ("10000 000", Err("kato_not_digits")),
        ("10000000Ә", Err("kato_not_digits")),
    ];
    for (input, expected) in cases {
        let got = Kato::parse(input)
            .map(|k| (k.region().iso, k.is_region_level()))
            .map_err(|e| e.code());
        assert_eq!(got, expected, "{input:?}");
    }
    assert_eq!(Kato::parse("621030000").unwrap().region().name_en, "Ulytau Region");
}

#[test]
fn equality_order_and_debug_follow_the_digits() {
    let a = Kato::parse("621030000").unwrap();
    let b = Kato::parse("621030100").unwrap();
    assert_ne!(a, b);
    assert!(a < b);
    assert_eq!(a, "621030000".parse().unwrap());
    assert_eq!(format!("{a:?}"), "Kato(621030000)");
    assert_eq!(HashSet::from([a, b, a]).len(), 2);
}

#[test]
fn error_codes_are_listed_and_messages_follow_the_style() {
    let all = [KatoError::Length, KatoError::NotDigits, KatoError::Region];
    let codes: Vec<&str> = all.iter().map(ErrorCode::code).collect();
    assert_eq!(codes, KatoError::CODES);
    for e in all {
        crate::tests::check_message(&e.to_string());
    }
}

proptest! {
    #[test]
    fn display_parse_round_trip(index in 0usize..20, rest in "[0-9]{7}") {
        let region = &Kato::regions()[index];
        let code = format!("{}{rest}", &region.kato[..2]);
        let kato = Kato::parse(&code).unwrap();
        prop_assert_eq!(kato.to_string(), code.clone());
        prop_assert_eq!(Kato::parse(&kato.to_string()), Ok(kato));
        prop_assert_eq!(kato.region(), region);
        prop_assert_eq!(kato.is_region_level(), rest == "0000000");
    }

    #[test]
    fn prefixes_outside_the_table_are_rejected(prefix in 0u32..100, rest in "[0-9]{7}") {
        let code = format!("{prefix:02}{rest}");
        let known = Kato::regions().iter().any(|r| r.kato.starts_with(&code[..2]));
        prop_assert_eq!(Kato::parse(&code).is_ok(), known);
    }
}
