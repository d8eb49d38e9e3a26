//! The words users read: the catalogs and templates use the order's terms (`crates/render/locales/glossary.toml`
//! lists them, with the variants to refuse), and no page shows a point of law in the notation of `law/`.

use std::collections::BTreeMap;
use std::fs;

use serde::Deserialize;

use crate::source::{files_under, repo_root};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Concept {
    what: String,
    kk: String,
    ru: String,
    refuse_kk: Vec<String>,
    refuse_ru: Vec<String>,
}

fn glossary() -> BTreeMap<String, Concept> {
    let path = repo_root().join("crates/render/locales/glossary.toml");
    let text = fs::read_to_string(&path).expect("glossary.toml");
    toml::from_str(&text).expect("glossary.toml parses")
}

/// The user-visible text of a Fluent catalog, line by line: `(line number, key, text)`; comments are left out,
/// the lines of a multi-line value (plural variants) keep the key they belong to.
fn catalog_lines(text: &str) -> Vec<(usize, String, String)> {
    let mut out = Vec::new();
    let mut key = String::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with(char::is_whitespace) {
            out.push((i + 1, key.clone(), line.trim().to_owned()));
        } else if let Some((k, value)) = line.split_once(" =") {
            key = k.trim().to_owned();
            out.push((i + 1, key.clone(), value.trim().to_owned()));
        }
    }
    out
}

/// Where `variant` occurs in `text` as the start of a word (compared in lower case): «ЖСН-ның» in «ЖСН-ның 7-цифры»,
/// but «а қағидалары» not inside «…сына қағидалары».
fn occurs(text: &str, variant: &str) -> bool {
    let text = text.to_lowercase();
    let variant = variant.to_lowercase();
    text.match_indices(&variant)
        .any(|(at, _)| !text[..at].chars().next_back().is_some_and(char::is_alphanumeric))
}

/// Every use of a refused variant in `lines` of a language, as `file:line key: «variant» (concept: term)`.
fn refused_in(
    file: &str,
    lines: &[(usize, String, String)],
    glossary: &BTreeMap<String, Concept>,
    kk: bool,
) -> Vec<String> {
    let mut found = Vec::new();
    for (n, key, text) in lines {
        for (name, concept) in glossary {
            let (refused, term) = if kk {
                (&concept.refuse_kk, &concept.kk)
            } else {
                (&concept.refuse_ru, &concept.ru)
            };
            for variant in refused.iter().filter(|v| occurs(text, v)) {
                found.push(format!("{file}:{n} {key}: «{variant}» ({name}: «{term}»)"));
            }
        }
    }
    found
}

#[test]
fn the_glossary_is_consistent() {
    let glossary = glossary();
    assert!(glossary.len() >= 10, "the glossary lists {} concepts", glossary.len());
    for (name, c) in &glossary {
        assert!(
            !c.what.is_empty() && !c.kk.is_empty() && !c.ru.is_empty(),
            "{name}: what, kk and ru are required"
        );
        for v in &c.refuse_kk {
            assert!(
                !occurs(&c.kk, v),
                "{name}: the kk term contains its own refused variant «{v}»"
            );
        }
        for v in &c.refuse_ru {
            assert!(
                !occurs(&c.ru, v),
                "{name}: the ru term contains its own refused variant «{v}»"
            );
        }
    }
    // The variants the language review named must stay refused.
    let refused = |concept: &str, kk: bool, variant: &str| {
        glossary.get(concept).is_some_and(|c| {
            let list = if kk { &c.refuse_kk } else { &c.refuse_ru };
            list.iter().any(|v| v == variant)
        })
    };
    for (concept, kk, variant) in [
        ("rent_compensation", true, "өтемақы"),
        ("rent_compensation", false, "компенсация аренды"),
        ("career_centre", false, "центр карьеры"),
        ("certificate", true, "ұтқырлық сертификат"),
        ("certificate_payee", true, "қарыз беруші"),
        ("certificate_payee", false, "заимодател"),
        ("beyond_control", true, "байланысты емес"),
        ("migration_committee", false, "комитет миграции"),
        ("iin", true, "ЖСН-ның"),
        ("bin", true, "БСН-ның"),
    ] {
        assert!(
            refused(concept, kk, variant),
            "{concept}: «{variant}» is no longer refused"
        );
    }
}

#[test]
fn catalogs_and_templates_use_the_terms_of_the_order() {
    let glossary = glossary();
    let root = repo_root();
    let mut found = Vec::new();
    for (lang, kk) in [("kk", true), ("ru", false)] {
        let files = files_under(&root.join("crates/render/locales").join(lang), "ftl");
        assert!(files.len() >= 8, "{lang}: {} catalog files", files.len());
        let mut read = 0;
        for path in files {
            let file = path.strip_prefix(&root).unwrap_or(&path).display().to_string();
            let text = fs::read_to_string(&path).expect("catalog");
            let lines = catalog_lines(&text);
            read += lines.len();
            found.extend(refused_in(&file, &lines, &glossary, kk));
        }
        assert!(read > 400, "{lang}: {read} catalog lines read");
    }
    // Templates hold no sentence of their own (every text comes from the catalogs); whatever they do hold is
    // checked in both languages.
    let templates = files_under(&root.join("crates/web/templates"), "html");
    assert!(templates.len() > 10, "{} templates", templates.len());
    for path in templates {
        let file = path.strip_prefix(&root).unwrap_or(&path).display().to_string();
        let text = fs::read_to_string(&path).expect("template");
        let lines: Vec<_> = text
            .lines()
            .enumerate()
            .map(|(i, l)| (i + 1, String::from("(template)"), l.to_owned()))
            .collect();
        found.extend(refused_in(&file, &lines, &glossary, true));
        found.extend(refused_in(&file, &lines, &glossary, false));
    }
    assert!(
        found.is_empty(),
        "terms the glossary refuses (crates/render/locales/glossary.toml):\n{}",
        found.join("\n")
    );
}

/// Every `kk` / `ru` text of a law data file (a form of `law/forms`, a holiday name of `law/calendar`), with the
/// dotted path of the table that holds it: `("blocks.3.text", "ru", "Возвращается в …")`.
fn law_texts(value: &toml::Value, path: &str, out: &mut Vec<(String, &'static str, String)>) {
    match value {
        toml::Value::Table(table) => {
            for (key, v) in table {
                match (key.as_str(), v) {
                    ("kk", toml::Value::String(s)) => out.push((path.to_owned(), "kk", s.clone())),
                    ("ru", toml::Value::String(s)) => out.push((path.to_owned(), "ru", s.clone())),
                    _ => law_texts(v, format!("{path}.{key}").trim_start_matches('.'), out),
                }
            }
        }
        toml::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                law_texts(v, &format!("{path}.{i}"), out);
            }
        }
        _ => {}
    }
}

/// The refused variants in the texts of law data files. The Kazakh of a form is the order's own text, so a Kazakh
/// variant that the order itself writes (`order_kk`, its official text, in lower case) is rendered as in the
/// source; the Russian is a translation and follows the glossary throughout.
fn refused_in_law(
    file: &str,
    texts: &[(String, &'static str, String)],
    glossary: &BTreeMap<String, Concept>,
    order_kk: &str,
) -> Vec<String> {
    let mut found = Vec::new();
    for (path, lang, text) in texts {
        let line = [(0, path.clone(), text.clone())];
        let hits = refused_in(file, &line, glossary, *lang == "kk");
        found.extend(hits.into_iter().filter(|hit| {
            *lang == "ru"
                || !glossary
                    .values()
                    .flat_map(|c| &c.refuse_kk)
                    .any(|v| hit.contains(&format!("«{v}»")) && occurs(order_kk, v))
        }));
    }
    found
}

#[test]
fn forms_and_holidays_use_the_terms_of_the_order() {
    let glossary = glossary();
    let root = repo_root();
    let order_kk = fs::read_to_string(root.join("law/texts/order-359.kk.md")).expect("the order's text");
    let mut files = files_under(&root.join("law/forms"), "toml");
    assert!(files.len() >= 17, "{} form files", files.len());
    files.push(root.join("law/calendar/holidays.toml"));
    let mut found = Vec::new();
    let mut read = 0;
    for path in files {
        let file = path.strip_prefix(&root).unwrap_or(&path).display().to_string();
        let value: toml::Value =
            toml::from_str(&fs::read_to_string(&path).expect("law file")).expect("law file parses");
        let mut texts = Vec::new();
        law_texts(&value, "", &mut texts);
        read += texts.len();
        found.extend(refused_in_law(&file, &texts, &glossary, &order_kk));
    }
    assert!(read > 500, "{read} kk/ru texts read in law/forms and law/calendar");
    assert!(
        found.is_empty(),
        "terms the glossary refuses (crates/render/locales/glossary.toml) in law data:\n{}",
        found.join("\n")
    );
}

/// The checks themselves, on samples with the defects the language review found: each refused variant is found
/// where a catalog, a template or a form writes it, and nothing is found in the corrected wording.
#[test]
fn the_term_check_finds_what_it_should() {
    let glossary = glossary();
    let bad_kk = "\
rent_max_months_reached = Өтемақы он екі айдан артық төленбейді
iin_check_digit = ЖСН-ның бақылау цифры сәйкес келмейді
bin_serial = БСН-ның реттік нөмірі тым үлкен
param-emc_transfer = Сертификат қаражаты сатушының немесе қарыз берушінің шотына аударылады
restoration_no_evidence = Өтініш берушіге байланысты емес мән-жайлар
param-rules-b-p67-certificate = Экономикалық ұтқырлық сертификатының мөлшері
ui-count = { $n ->
    [one] жалдау өтемақысы
   *[other] жалдау өтемақылары
}
";
    let bad_ru = "\
ui-role-career_centre = Специалист центра карьеры
ui-value-conversion = Компенсация аренды: { $rent }
param-emc_transfer = Перечисляет средства на счёт продавца или заимодателя
param-ord05_report = Комитет миграции отчитывается
";
    let hits_kk = refused_in("kk/sample.ftl", &catalog_lines(bad_kk), &glossary, true);
    let hits_ru = refused_in("ru/sample.ftl", &catalog_lines(bad_ru), &glossary, false);
    for expected in [
        "kk/sample.ftl:1 rent_max_months_reached: «өтемақы» (rent_compensation",
        "kk/sample.ftl:2 iin_check_digit: «ЖСН-ның» (iin",
        "kk/sample.ftl:3 bin_serial: «БСН-ның» (bin",
        "kk/sample.ftl:4 param-emc_transfer: «қарыз беруші» (certificate_payee",
        "kk/sample.ftl:5 restoration_no_evidence: «байланысты емес» (beyond_control",
        "kk/sample.ftl:6 param-rules-b-p67-certificate: «ұтқырлық сертификат» (certificate",
        "kk/sample.ftl:8 ui-count: «өтемақы» (rent_compensation",
        "kk/sample.ftl:9 ui-count: «өтемақы» (rent_compensation",
    ] {
        assert!(
            hits_kk.iter().any(|h| h.starts_with(expected)),
            "not found: {expected}\n{hits_kk:#?}"
        );
    }
    for expected in [
        "ru/sample.ftl:1 ui-role-career_centre: «центра карьеры» (career_centre",
        "ru/sample.ftl:2 ui-value-conversion: «компенсация аренды» (rent_compensation",
        "ru/sample.ftl:3 param-emc_transfer: «заимодател» (certificate_payee",
        "ru/sample.ftl:4 param-ord05_report: «комитет миграции» (migration_committee",
    ] {
        assert!(
            hits_ru.iter().any(|h| h.starts_with(expected)),
            "not found: {expected}\n{hits_ru:#?}"
        );
    }
    // A template line is checked in both languages.
    let template = [(7, String::from("(template)"), String::from("<td>Центр карьеры</td>"))];
    assert_eq!(refused_in("t.html", &template, &glossary, false).len(), 1);

    // The corrected wording passes.
    let good_kk = "\
rent_max_months_reached = Шығыстарды өтеу он екі айдан артық жүргізілмейді (71-тармақ)
iin_check_digit = ЖСН-нің бақылау цифры сәйкес келмейді
param-emc_transfer = Еңбек мобильділігі орталығы сертификат қаражатын сатушының немесе қарыз алушының ағымдағы шотына аударады
restoration_no_evidence = Өтініш берушіге тәуелді емес мән-жайлар
";
    let good_ru = "\
ui-role-career_centre = Специалист карьерного центра
ui-value-conversion = Возмещение затрат по найму жилья: { $rent }
param-ord05_report = Комитет по миграции отчитывается
";
    assert_eq!(
        refused_in("kk", &catalog_lines(good_kk), &glossary, true),
        Vec::<String>::new()
    );
    assert_eq!(
        refused_in("ru", &catalog_lines(good_ru), &glossary, false),
        Vec::<String>::new()
    );

    // A form: the Russian translation is held to the glossary; the Kazakh keeps what the order itself writes.
    let form: toml::Value = toml::from_str(
        r#"
        [[blocks]]
        text.kk = "Облыстың еңбек ұтқырлығы орталығы шешім қабылдады"
        text.ru = "Возвращается в центр карьеры, выдавший направление."
        [title]
        kk = "Жалдау өтемақысы туралы шешім"
        ru = "Решение о возмещении затрат по найму жилья"
        "#,
    )
    .expect("sample form");
    let mut texts = Vec::new();
    law_texts(&form, "", &mut texts);
    let order_kk = "облыстарының еңбек ұтқырлығы орталығы жұмыс күшінің ұтқырлығын арттыру үшін";
    let hits = refused_in_law("form.toml", &texts, &glossary, order_kk);
    assert_eq!(hits.len(), 2, "{hits:#?}");
    assert!(
        hits[0].starts_with("form.toml:0 blocks.0.text: «центр карьеры»"),
        "{hits:#?}"
    );
    assert!(hits[1].starts_with("form.toml:0 title: «өтемақы»"), "{hits:#?}");
}

/// The acts as `law/` names them; a reference in that notation is one of these, a space and a point.
const ACT_KEYS: &[&str] = &[
    "order-359",
    "rules-a",
    "rules-b",
    "holidays-law",
    "labour-code",
    "budget-code",
    "social-code",
    "migration-law",
    "appc",
];

/// The first point of law in `law/` notation in `text`: `rules-a 15.4`, `order-359 app-1.3`.
fn code_notation(text: &str) -> Option<String> {
    ACT_KEYS.iter().find_map(|act| {
        text.match_indices(&format!("{act} ")).find_map(|(at, m)| {
            let before = text[..at].chars().next_back();
            let rest = &text[at + m.len()..];
            let is_point = rest.starts_with(|c: char| c.is_ascii_digit()) || rest.starts_with("app-");
            let point: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '-')
                .collect();
            (is_point && !before.is_some_and(|c| c.is_alphanumeric() || c == '-')).then(|| format!("{act} {point}"))
        })
    })
}

/// The first point of law written with a dot between paragraph and part (`пункт 14.4`, `14.4-тармағы`): in words
/// it is «часть 4 пункта 14», «14-тармағының 4-бөлігі», as `render::Catalog::legal_ref` writes it.
fn dotted_point(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let chars: Vec<(usize, char)> = lower.char_indices().collect();
    for (k, &(at, c)) in chars.iter().enumerate() {
        let starts_number = c.is_ascii_digit()
            && !k.checked_sub(1).is_some_and(|p| {
                let b = chars[p].1;
                b.is_ascii_digit() || b == '.'
            });
        if !starts_number {
            continue;
        }
        let rest = &lower[at..];
        let paragraph = rest.chars().take_while(char::is_ascii_digit).count();
        let Some(after_dot) = rest[paragraph..].strip_prefix('.') else {
            continue;
        };
        let part = after_dot.chars().take_while(char::is_ascii_digit).count();
        if part == 0 || after_dot[part..].starts_with(|c: char| c.is_ascii_digit() || c == '.') {
            continue;
        }
        let number = &rest[..paragraph + 1 + part];
        let before = lower[..at].trim_end();
        let ru = ["пункт", "пункта", "пункте", "пунктом", "пункту", "п."]
            .iter()
            .any(|w| before.ends_with(w) && !before[..before.len() - w.len()].ends_with(char::is_alphabetic));
        if ru || after_dot[part..].starts_with("-тарма") {
            return Some(number.to_owned());
        }
    }
    None
}

#[test]
fn the_dotted_point_check_finds_what_it_should() {
    assert_eq!(dotted_point("(пункт 14.4 Правил включения)").as_deref(), Some("14.4"));
    assert_eq!(dotted_point("(п. 15.4 Правил А)").as_deref(), Some("15.4"));
    assert_eq!(dotted_point("қағидаларының 14.4-тармағы)").as_deref(), Some("14.4"));
    assert_eq!(dotted_point("часть 4 пункта 14 Правил"), None);
    assert_eq!(dotted_point("14-тармағының 4-бөлігі"), None);
    assert_eq!(dotted_point("18.03.2026, пункт 15"), None);
    assert_eq!(dotted_point("сумма 108125,00; версия 1.2"), None);
}

#[test]
fn no_page_writes_a_point_with_a_dot() {
    let root = repo_root();
    let mut files = Vec::new();
    for lang in ["kk", "ru"] {
        files.extend(files_under(&root.join("crates/render/locales").join(lang), "ftl"));
    }
    files.extend(files_under(&root.join("crates/web/templates"), "html"));
    for dir in ["web", "cli", "documents"] {
        files.extend(files_under(
            &root.join(format!("crates/{dir}/tests/it/snapshots")),
            "snap",
        ));
    }
    let mut found = Vec::new();
    for path in &files {
        let text = fs::read_to_string(path).expect("readable");
        for (i, line) in text.lines().enumerate() {
            if line.starts_with('#') {
                continue;
            }
            if let Some(hit) = dotted_point(line) {
                let file = path.strip_prefix(&root).unwrap_or(path).display().to_string();
                found.push(format!("{file}:{}: {hit}", i + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "points of law written with a dot (write «часть 4 пункта 14», «14-тармағының 4-бөлігі»):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_notation_check_finds_what_it_should() {
    assert_eq!(code_notation("(негізі: rules-a 15.4)").as_deref(), Some("rules-a 15.4"));
    assert!(code_notation("основание: order-359 app-1.3").is_some());
    assert!(code_notation("rules-b 71").is_some());
    // Act keys alone, as the amendment form's help lists them, are not references.
    assert_eq!(
        code_notation("Ключ акта: budget-law-2027, rules-a, rules-b, order-359, labour-code"),
        None
    );
    assert_eq!(code_notation("часть 5 пункта 15 Правил"), None);
}

#[test]
fn no_page_shows_a_point_of_law_in_code_notation() {
    let root = repo_root();
    let mut snapshots = files_under(&root.join("crates/web/tests/it/snapshots"), "snap");
    snapshots.extend(files_under(&root.join("crates/cli/tests/it/snapshots"), "snap"));
    // The official documents as they are printed (kk and ru).
    snapshots.extend(files_under(&root.join("crates/documents/tests/it/snapshots"), "snap"));
    assert!(snapshots.len() >= 8, "{} page snapshots", snapshots.len());
    let mut catalogs = Vec::new();
    for lang in ["kk", "ru"] {
        catalogs.extend(files_under(&root.join("crates/render/locales").join(lang), "ftl"));
    }
    let mut found = Vec::new();
    for path in snapshots.iter().cloned().chain(catalogs.iter().cloned()) {
        let text = fs::read_to_string(&path).expect("readable");
        for (i, line) in text.lines().enumerate() {
            if let Some(hit) = code_notation(line) {
                let file = path.strip_prefix(&root).unwrap_or(&path).display().to_string();
                found.push(format!("{file}:{}: {hit}", i + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "points of law in code notation where users read them (use render::Catalog::legal_ref):\n{}",
        found.join("\n")
    );
}
