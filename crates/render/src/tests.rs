use super::*;

#[test]
fn both_catalogs_have_the_same_keys() {
    let c = Catalog::new();
    let kk: Vec<&String> = c.keys(Lang::Kk).iter().collect();
    let ru: Vec<&String> = c.keys(Lang::Ru).iter().collect();
    assert!(!kk.is_empty());
    assert_eq!(kk, ru, "kk.ftl and ru.ftl must list the same keys in the same order");
    let mut sorted = kk.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), kk.len(), "a key is defined twice");
}

#[test]
fn catalogs_parse_without_errors() {
    for (name, source) in [("kk", KK), ("ru", RU)] {
        if let Err((_, errors)) = FluentResource::try_new(source.to_owned()) {
            panic!("{name}.ftl: {errors:?}");
        }
    }
}

#[test]
fn messages_with_arguments() {
    let c = Catalog::new();
    assert_eq!(
        c.message(Lang::Kk, "calendar_year_not_covered", &[("year", "2028")]),
        "2028 жылдың жұмыс күндері күнтізбесі жүйеде жоқ: мерзімді есептеу мүмкін емес"
    );
    assert_eq!(
        c.message(Lang::Ru, "reason_holiday", &[("name", "Наурыз мейрамы")]),
        "праздник: Наурыз мейрамы"
    );
    assert_eq!(c.message(Lang::Ru, "no_such_key", &[]), "no_such_key");
}

#[test]
fn language_codes() {
    for (input, lang) in [
        ("kk", Some(Lang::Kk)),
        ("RU", Some(Lang::Ru)),
        ("ru-KZ", Some(Lang::Ru)),
        ("en", None),
    ] {
        assert_eq!(input.parse::<Lang>().ok(), lang, "{input}");
    }
    assert_eq!(Lang::default(), Lang::Kk);
}

#[test]
fn tiyn_formatting() {
    let cases = [
        (0, "0,00\u{a0}₸"),
        (5, "0,05\u{a0}₸"),
        (10_812_500, "108\u{a0}125,00\u{a0}₸"),
        (123_456_789, "1\u{a0}234\u{a0}567,89\u{a0}₸"),
        (-310, "-3,10\u{a0}₸"),
        (100_000, "1\u{a0}000,00\u{a0}₸"),
    ];
    for (tiyn, text) in cases {
        assert_eq!(format_tiyn(tiyn), text);
    }
}
