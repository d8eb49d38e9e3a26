//! Signatures: poppler's pdfsig and `openssl cms -verify` accept what is signed here and reject it after one
//! changed byte; `documents::verify` tells valid, modified, unsigned and untrusted apart.

use std::path::Path;

use documents::{Status, samples};
use render::Lang;

use crate::support::{AUTHORITY, render, render_signed, signed_at, signer, tool};

const DECISION: &str = "order-359-app-14";

/// An NSS database that trusts the demo CA, for pdfsig.
fn nss_db(dir: &Path) -> String {
    let db = format!("sql:{}", dir.join("nss").display());
    std::fs::create_dir_all(dir.join("nss")).unwrap();
    let ca = dir.join("ca.pem");
    std::fs::write(&ca, &AUTHORITY.ca.certificate_pem).unwrap();
    let out = tool("certutil", &["-N", "-d", &db, "--empty-password"]);
    assert!(
        out.status.success(),
        "certutil -N: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = tool(
        "certutil",
        &[
            "-A",
            "-d",
            &db,
            "-n",
            "qonys-demo-ca",
            "-t",
            "CT,C,C",
            "-i",
            ca.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "certutil -A: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    db
}

fn flip_one_byte(pdf: &[u8]) -> Vec<u8> {
    // A byte of the page content, well inside the first signed range.
    let mut changed = pdf.to_vec();
    let at = pdf.len() / 3;
    changed[at] ^= 0x01;
    changed
}

#[test]
fn pdfsig_accepts_a_signed_decision_and_rejects_it_after_one_byte_changes() {
    let dir = tempfile::tempdir().unwrap();
    let db = nss_db(dir.path());
    let signed = render_signed(DECISION, Lang::Kk);
    let good = dir.path().join("signed.pdf");
    std::fs::write(&good, &signed).unwrap();
    let out = tool("pdfsig", &["-nssdir", &db, good.to_str().unwrap()]);
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("Signature Validation: Signature is Valid."), "{report}");
    assert!(
        report.contains("Certificate Validation: Certificate is Trusted."),
        "{report}"
    );
    assert!(report.contains("Total document signed"), "{report}");
    assert!(report.contains("adbe.pkcs7.detached"), "{report}");

    let bad = dir.path().join("changed.pdf");
    std::fs::write(&bad, flip_one_byte(&signed)).unwrap();
    let out = tool("pdfsig", &["-nssdir", &db, bad.to_str().unwrap()]);
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(!report.contains("Signature is Valid."), "{report}");
    assert!(report.contains("Signature Validation:"), "{report}");
}

#[test]
fn openssl_cms_verifies_the_detached_signature_and_rejects_a_changed_file() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = render_signed(DECISION, Lang::Ru);
    let cms = documents::sign_detached(&pdf, &signer(samples::signer_login(DECISION)), signed_at()).unwrap();
    let (file, p7s, ca) = (
        dir.path().join("d.pdf"),
        dir.path().join("d.pdf.p7s"),
        dir.path().join("ca.pem"),
    );
    std::fs::write(&file, &pdf).unwrap();
    std::fs::write(&p7s, &cms).unwrap();
    std::fs::write(&ca, &AUTHORITY.ca.certificate_pem).unwrap();
    let args = |content: &Path| {
        vec![
            "cms".to_owned(),
            "-verify".into(),
            "-binary".into(),
            "-inform".into(),
            "DER".into(),
            "-in".into(),
            p7s.display().to_string(),
            "-content".into(),
            content.display().to_string(),
            "-CAfile".into(),
            ca.display().to_string(),
            "-purpose".into(),
            "any".into(),
            "-out".into(),
            "/dev/null".into(),
        ]
    };
    let run = |content: &Path| {
        let a = args(content);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        tool("openssl", &a)
    };
    let out = run(&file);
    assert!(
        out.status.success(),
        "openssl cms -verify: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("Verification successful"));

    let changed = dir.path().join("changed.pdf");
    std::fs::write(&changed, flip_one_byte(&pdf)).unwrap();
    let out = run(&changed);
    assert!(!out.status.success(), "a changed file verified");

    // The same verdicts from the crate.
    let ca_pem = &AUTHORITY.ca.certificate_pem;
    assert_eq!(
        documents::verify_detached(&pdf, &cms, ca_pem, signed_at()).0,
        Status::Valid
    );
    assert_eq!(
        documents::verify_detached(&flip_one_byte(&pdf), &cms, ca_pem, signed_at()).0,
        Status::Modified
    );
}

#[test]
fn verify_tells_valid_modified_unsigned_and_untrusted_apart() {
    let ca = &AUTHORITY.ca.certificate_pem;
    let signed = render_signed(DECISION, Lang::Kk);
    let report = documents::verify(&signed, ca, signed_at());
    assert_eq!(report.status, Status::Valid, "{report:?}");
    assert_eq!(
        report.number.as_deref(),
        Some(samples::sample(DECISION).unwrap().number())
    );
    assert_eq!(report.form.as_deref(), Some(DECISION));
    assert!(
        report
            .signer
            .as_deref()
            .unwrap()
            .contains("CN=Сапарова Айгүл Маратқызы"),
        "{report:?}"
    );
    assert_eq!(report.signing_time.as_deref(), Some("D:20261124103000+05'00'"));
    assert_eq!(report.sha256.len(), 64);

    assert_eq!(
        documents::verify(&flip_one_byte(&signed), ca, signed_at()).status,
        Status::Modified
    );
    let mut appended = signed.clone();
    appended.extend_from_slice(b"\n% appended after signing\n");
    assert_eq!(documents::verify(&appended, ca, signed_at()).status, Status::Modified);

    let unsigned = render(DECISION, Lang::Kk);
    let report = documents::verify(&unsigned, ca, signed_at());
    assert_eq!(report.status, Status::NotSigned);
    assert_eq!(report.form.as_deref(), Some(DECISION));

    // Another authority's CA does not vouch for the demo officials.
    let other = documents::pki::demo_authority(&[], "2026-01-01T00:00:00Z".parse().unwrap(), 1).unwrap();
    assert_eq!(
        documents::verify(&signed, &other.ca.certificate_pem, signed_at()).status,
        Status::Untrusted
    );
    // Nor does the demo CA after its certificates expire.
    let later: jiff::Timestamp = "2040-01-01T00:00:00Z".parse().unwrap();
    assert_eq!(documents::verify(&signed, ca, later).status, Status::Untrusted);
}

#[test]
fn signing_twice_is_refused_and_signing_is_deterministic() {
    let signed = render_signed(DECISION, Lang::Ru);
    assert_eq!(signed, render_signed(DECISION, Lang::Ru));
    let again = documents::sign(
        &signed,
        &signer("demo.lmc.pavlodar"),
        &documents::Signature {
            time: signed_at(),
            reason: "x",
            location: "y",
        },
    );
    assert_eq!(again.unwrap_err().code(), "sign_pdf");
}
