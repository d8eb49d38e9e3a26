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
