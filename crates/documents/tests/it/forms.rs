//! Every form in both languages: it renders, poppler reads every value and every fixed wording back, the
//! text content is snapshotted, and every glyph used is in the embedded fonts.

use std::collections::BTreeSet;

use documents::{DocumentError, FormData, RenderOptions, form_ids, samples, template};
use render::Lang;

use crate::support::{self, BASE, created, pdftotext, squeeze};

#[test]
fn every_form_renders_in_both_languages_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for form in form_ids() {
        for lang in Lang::ALL {
            let data = samples::sample(form).unwrap();
            let pdf = support::render(form, lang);
            let path = dir.path().join(format!("{form}.{lang}.pdf"));
            std::fs::write(&path, &pdf).unwrap();
            let text = squeeze(&pdftotext(&path));
            // Every line of the filled form: fixed wording, labels, and each value where the template puts it.
            let words: String = pdftotext(&path);
            for line in documents::text_content(&data, lang).unwrap() {
                for piece in line.split(" | ") {
                    let piece = piece.trim_start_matches("[x] ").trim_start_matches("[ ] ");
                    // Whole, or word by word in reading order: a table cell wrapped over several lines
                    // is read back interleaved with its neighbours, a paragraph over a page break with
                    // the footer.
                    if !piece.is_empty() && !text.contains(&squeeze(piece)) && !in_order(&words, piece) {
                        failures.push(format!("{form} {lang}: «{piece}» not in the PDF text"));
                    }
                }
            }
            for needle in [data.number().to_owned(), documents::verify_url(BASE, data.number())] {
                if !text.contains(&squeeze(&needle)) {
                    failures.push(format!("{form} {lang}: footer «{needle}» missing"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every word of `piece` appears in `text`, each after the previous one.
fn in_order(text: &str, piece: &str) -> bool {
    let mut rest = text;
    for word in piece.split_whitespace() {
        match rest.find(word) {
            Some(at) => rest = &rest[at + word.len()..],
            None => return false,
        }
    }
    true
}

#[test]
fn text_content_snapshots() {
    for form in form_ids() {
        for lang in Lang::ALL {
            let data = samples::sample(form).unwrap();
            let text = documents::text_content(&data, lang).unwrap().join("\n");
            insta::assert_snapshot!(format!("{form}.{lang}"), text);
        }
    }
}

#[test]
fn every_glyph_of_templates_catalog_and_samples_is_in_the_fonts() {
    let mut chars: BTreeSet<char> = BTreeSet::new();
    // The Kazakh alphabet in full, whatever the texts happen to use today.
    chars.extend("АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯаәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя".chars());
    chars.extend("№«»–—\u{a0}0123456789".chars());
    let library = template::library().unwrap();
    let sources = [include_str!("../../../../law/forms/common.toml")];
    for s in sources {
        chars.extend(s.chars());
    }
    for form in form_ids() {
        for lang in Lang::ALL {
            let data = samples::sample(form).unwrap();
            for line in documents::text_content(&data, lang).unwrap() {
                chars.extend(line.chars());
            }
        }
    }
    for t in &library.templates {
        chars.extend(format!("{t:?}").chars());
    }
    let missing: Vec<String> = chars
        .iter()
        .filter(|c| !c.is_control() && !documents::has_glyph(**c))
        .map(|c| format!("{c} (U+{:04X})", u32::from(*c)))
        .collect();
    assert!(
        missing.is_empty(),
        "glyphs missing from PT Serif: {}",
        missing.join(", ")
    );
}

#[test]
fn a_missing_field_is_a_coded_error_naming_the_field() {
    let data = samples::sample("order-359-app-14").unwrap();
    // Rebuild the decision without its amount.
    let mut without = FormData::new(
        data.form(),
        data.number(),
        data.date(),
        data.issuer().clone(),
        data.signatory().clone(),
    );
    for (key, value) in data.fields().filter(|(k, _)| *k != "amount") {
        without = without.set(key, value.clone());
    }
    for (table, rows) in data.tables() {
        for row in rows {
            without = without.row(table, row.clone());
        }
    }
    let err = documents::render(
        &without,
        Lang::Kk,
        &RenderOptions {
            verify_base: BASE,
            created: created(),
        },
    )
    .unwrap_err();
    assert_eq!(
        err,
        DocumentError::MissingField {
            form: "order-359-app-14".into(),
            field: "amount".into()
        }
    );
    assert_eq!(err.code(), "document_missing_field");
    let unknown = FormData::new(
        "order-359-app-99",
        "X-1",
        data.date(),
        data.issuer().clone(),
        data.signatory().clone(),
    );
    assert_eq!(
        documents::render(
            &unknown,
            Lang::Ru,
            &RenderOptions {
                verify_base: BASE,
                created: created()
            }
        )
        .unwrap_err()
        .code(),
        "document_unknown_form"
    );
}

#[test]
fn the_kandas_decision_has_no_iin_in_its_main_block_and_no_order_heading() {
    // DOC-02 (AMB-44): the family table has IINs, the person block does not; AMB-43: only the corner label.
    let data = samples::sample("order-359-app-2").unwrap();
    let lines = documents::text_content(&data, Lang::Kk).unwrap();
    assert!(
        !lines
            .iter()
            .any(|l| l.starts_with("ЖСН | ") && l.chars().nth(6).is_some_and(|c| c.is_ascii_digit())),
        "{lines:#?}"
    );
    assert!(lines.iter().any(|l| l.starts_with("ЖСН | Тегі")), "{lines:#?}");
    assert!(!lines.iter().any(|l| l.contains("Бұйрығына")), "{lines:#?}");
    assert_eq!(
        lines[0],
        "Қандастар мен қоныс аударушыларды қабылдаудың өңірлік квотасына енгізу қағидаларына 4-қосымша"
    );
    assert_eq!(lines[1], "Нысан");
}

#[test]
fn every_template_marks_its_russian_as_translation_and_names_its_source() {
    let library = template::library().unwrap();
    assert_eq!(library.templates.len(), 19);
    for t in &library.templates {
        assert_eq!(t.ru_source, "translation", "{}", t.id);
        assert!(t.doc.starts_with("DOC-"), "{}", t.id);
        let procedure = t.id.starts_with("rules-a-");
        assert_eq!(t.source == template::Source::Procedure, procedure, "{}", t.id);
    }
}

#[test]
fn the_same_input_gives_the_same_pdf() {
    assert_eq!(
        support::render("order-359-app-16", Lang::Ru),
        support::render("order-359-app-16", Lang::Ru)
    );
}

#[test]
fn every_doc_requirement_has_its_template() {
    let library = template::library().unwrap();
    for (doc, forms) in [
        ("DOC-01", &["order-359-app-1"][..]),
        ("DOC-02", &["order-359-app-2"]),
        ("DOC-03", &["order-359-app-3"]),
        ("DOC-04", &["order-359-app-4"]),
        ("DOC-05", &["order-359-app-5"]),
        ("DOC-06", &["order-359-app-6"]),
        ("DOC-07", &["order-359-app-7"]),
        ("DOC-08", &["order-359-app-8"]),
        ("DOC-09", &["order-359-app-9"]),
        ("DOC-10", &["order-359-app-10"]),
        ("DOC-11", &["order-359-app-11"]),
        ("DOC-12", &["order-359-app-12"]),
        ("DOC-13", &["order-359-app-13"]),
        ("DOC-14", &["order-359-app-14"]),
        ("DOC-15", &["order-359-app-15"]),
        ("DOC-16", &["order-359-app-16"]),
        ("DOC-17", &["order-359-app-17"]),
        ("DOC-18", &["rules-a-app-7", "rules-a-app-8"]),
    ] {
        for form in forms {
            assert_eq!(library.template(form).unwrap().doc, doc, "{form}");
        }
    }
    // DOC-19: only the rules' corner label and «Нысан» / «Форма» head every form.
    for form in form_ids() {
        for lang in Lang::ALL {
            let lines = documents::text_content(&samples::sample(form).unwrap(), lang).unwrap();
            assert!(
                lines[0].contains("қосымша") || lines[0].starts_with("Приложение"),
                "{form} {lang}"
            );
            assert!(lines[1] == "Нысан" || lines[1] == "Форма", "{form} {lang}");
        }
    }
}
