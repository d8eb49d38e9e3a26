//! `qonys words`, `qonys pki init`, `qonys document sample|verify` end to end.

use std::os::unix::fs::PermissionsExt;

use crate::qonys;

#[test]
fn words_in_both_languages() {
    let ru = qonys(&["words", "7028125.00", "--lang", "ru"]);
    assert_eq!(ru.code, 0, "{}", ru.stderr);
    assert_eq!(
        ru.stdout.trim(),
        "семь миллионов двадцать восемь тысяч сто двадцать пять тенге 00 тиынов"
    );
    let kk = qonys(&["words", "1 000 001,99", "--json"]);
    assert_eq!(kk.json()["words"], "бір миллион бір теңге 99 тиын");
    let bad = qonys(&["words", "12,345"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("[money_precision]"), "{}", bad.stderr);
}

#[test]
fn a_signed_sample_verifies_and_a_changed_byte_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let pki = dir.path().join("pki");
    let pki = pki.to_str().unwrap();
    let init = qonys(&["pki", "init", "--dir", pki, "--json"]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    assert!(
        init.json()["officials"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o == "demo.akimat.pavlodar")
    );
    let key = std::fs::metadata(dir.path().join("pki/demo.akimat.pavlodar.key.pem")).unwrap();
    assert_eq!(
        key.permissions().mode() & 0o777,
        0o600,
        "a key must be readable by its owner only"
    );

    let pdf = dir.path().join("decision.pdf");
    let pdf = pdf.to_str().unwrap();
    let sample = qonys(&[
        "document",
        "sample",
        "--form",
        "order-359-app-2",
        "--lang",
        "ru",
        "--out",
        pdf,
        "--pki",
        pki,
    ]);
    assert_eq!(sample.code, 0, "{}", sample.stderr);
    assert!(std::path::Path::new(&format!("{pdf}.p7s")).exists());

    let verify = qonys(&["document", "verify", pdf, "--pki", pki, "--json"]);
    assert_eq!(verify.code, 0, "{}", verify.stdout);
    let v = verify.json();
    assert_eq!(v["valid"], true);
    assert_eq!(v["reason"], "signature_valid");
    assert_eq!(v["form"], "order-359-app-2");
    assert_eq!(v["number"], "QN-55-2026-000101");
    assert!(v["signer"].as_str().unwrap().contains("Жұмабаев Нұрлан Серікұлы"));

    let mut bytes = std::fs::read(pdf).unwrap();
    let at = bytes.len() / 3;
    bytes[at] ^= 0x01;
    std::fs::write(pdf, &bytes).unwrap();
    let verify = qonys(&["document", "verify", pdf, "--pki", pki, "--json"]);
    assert_eq!(verify.code, 1);
    assert_eq!(verify.json()["reason"], "document_modified");

    let unknown = qonys(&[
        "document",
        "sample",
        "--form",
        "order-359-app-99",
        "--out",
        pdf,
        "--pki",
        pki,
    ]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("[document_unknown_form]"), "{}", unknown.stderr);
}
