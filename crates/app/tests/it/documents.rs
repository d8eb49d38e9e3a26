//! DOC-18, DOC-19 and the decisions of Rules A: the documents the quota steps issue, rendered and signed by the
//! official who takes the step, stored with the step, verified by anyone by their number, and revoked.

use app::issuing::Issuing;
use app::{App, AppError, Inclusion, Principal};
use documents::pki;
use registries::sandbox::{Population, SandboxRegistries};
use store::{Channel, QuotaCategory, QuotaKey, QuotaUnit, Role, Store};
use store_sqlite::SqliteStore;

use crate::{admin, application, commission, key, now, operator, provider};

/// The demo authority for the two officials of these tests, and the use cases that sign with it.
async fn signing_app(dir: &tempfile::TempDir) -> (App<SqliteStore, SandboxRegistries>, SqliteStore) {
    let url = format!("sqlite://{}", dir.path().join("qonys.db").display());
    let store = SqliteStore::open(&url).await.expect("store");
    let authority = pki::demo_authority(
        &[
            pki::Official {
                login: "sc.operator.001",
                name: "Ахметова Гүлнар Бақытқызы",
                position: "Маман",
                organisation: "Мемлекеттік корпорация",
            },
            pki::Official {
                login: "leb.officer.07",
                name: "Жұмабаев Нұрлан Серікұлы",
                position: "Басшы",
                organisation: "Басқарма",
            },
        ],
        jiff::Timestamp::from_second(1_767_225_600).expect("1 January 2026"),
        10,
    )
    .expect("authority");
    let mut issuing = Issuing::new("https://qonys.example.kz/", authority.ca.certificate_pem.clone());
    for o in &authority.officials {
        issuing
            .add_official(&o.login, &o.certificate_pem, &o.key_pem)
            .expect("key");
    }
    let app = App::new(
        store.clone(),
        SandboxRegistries::new(Population::generate(11, 2_000, |_| {})),
        app::Laws::new(legal::Law::embedded().expect("law")),
    )
    .with_issuing(issuing);
    (app, store)
}

/// DOC-05, DOC-06, DOC-18, DOC-19: the acceptance notice at the counter, the inclusion decision, the refusal
/// when no place is left; each signed by its official, valid by its number, original when uploaded unchanged;
/// revoking the inclusion revokes its decision, with the reason.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_steps_issue_signed_documents_anyone_can_verify() {
    let dir = tempfile::tempdir().expect("dir");
    let (app, store) = signing_app(&dir).await;
    let officer = provider("55");
    let quota = QuotaKey {
        year: 2026,
        territory: kz::Kato::parse("550000000").expect("Pavlodar"),
        category: QuotaCategory::Resettler,
    };
    app.set_quota(&admin(), &quota, QuotaUnit::Families, 1, "minister order", now())
        .await
        .expect("quota");
    let residents: Vec<String> = app
        .registries()
        .population()
        .residents
        .iter()
        .filter(|r| r.kandas.is_none())
        .take(2)
        .map(|r| r.record.iin.as_str().to_owned())
        .collect();
    let later = jiff::Timestamp::from_second(now().as_second() + 7 * 86_400).expect("time");
    let mut cases = Vec::new();
    for (i, iin) in residents.iter().enumerate() {
        let k = |s: &str| key(&format!("doc-{i}-{s}-0001"));
        let submitted = app
            .submit_quota_application(&operator("55"), &application(iin, "550000000"), k("submit"), now())
            .await
            .expect("submitted");
        let case = submitted.applied.case;
        commission(&app, &officer, case, "include", k("commission")).await;
        app.decide_quota_inclusion(&officer, case, &Inclusion::Include, None, k("decide"), later)
            .await
            .expect("decided");
        cases.push(case);
    }
    let file = store.case_file(cases[0]).await.expect("file");
    let forms: Vec<(&str, &str)> = file
        .documents
        .iter()
        .map(|d| (d.form.as_str(), d.state.as_str()))
        .collect();
    assert_eq!(forms, [("rules-a-app-7", "valid"), ("order-359-app-5", "valid")]);
    let notice = file.documents[0].issued.clone().expect("issued");
    let decision = file.documents[1].issued.clone().expect("issued");
    assert_eq!(
        (notice.signer.as_str(), decision.signer.as_str()),
        ("sc.operator.001", "leb.officer.07")
    );
    assert!(decision.number.starts_with("QN-55-2026-"), "{}", decision.number);
    assert!(decision.law_edition.starts_with("qonys-"));
    let refused = store.case_file(cases[1]).await.expect("file");
    assert_eq!(
        refused.documents.last().map(|d| d.form.as_str()),
        Some("order-359-app-6")
    );

    // The public head of the decision, and the file checked: signed by the authority, the bytes issued.
    let public = app.verify_document(&decision.number).await.expect("public");
    assert_eq!(
        (public.form.as_str(), public.state.as_str()),
        ("order-359-app-5", "valid")
    );
    assert_eq!(public.issuer.kk, "Басқарма");
    let applicant = Principal::citizen("acc-1", kz::Iin::parse(&residents[0]).expect("IIN"), Channel::Portal);
    let (_, pdf) = app
        .document_file(&applicant, &decision.number, render::Lang::Kk, later)
        .await
        .expect("the applicant's own");
    let report = documents::verify(&pdf, app.issuing().expect("issuing").ca_pem(), later);
    assert!(report.valid(), "{report:?}");
    assert_eq!(report.number.as_deref(), Some(decision.number.as_str()));
    let check = app.verify_upload(None, &pdf, later).await.expect("checked");
    assert!(check.original);
    let mut changed = pdf.clone();
    let middle = changed.len() / 2;
    changed[middle] ^= 1;
    let check = app
        .verify_upload(Some(&decision.number), &changed, later)
        .await
        .expect("checked");
    assert!(!check.original);
    // Somebody else's decision is not theirs to download; another region's staff see nothing either.
    let other = Principal::citizen("acc-2", kz::Iin::parse(&residents[1]).expect("IIN"), Channel::Portal);
    assert!(matches!(
        app.document_file(&other, &decision.number, render::Lang::Ru, later)
            .await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        app.document_file(&provider("75"), &decision.number, render::Lang::Ru, later)
            .await,
        Err(AppError::NotFound)
    ));
    app.document_file(&officer, &decision.number, render::Lang::Ru, later)
        .await
        .expect("the region's staff");

    // Revoking the inclusion revokes its decision, with the reason.
    app.revoke_quota_inclusion(&officer, cases[0], "a false statement", key("doc-revoke-0001"), later)
        .await
        .expect("revoked");
    let public = app.verify_document(&decision.number).await.expect("public");
    assert_eq!(
        (public.state.as_str(), public.reason.as_deref()),
        ("revoked", Some("a false statement"))
    );
    // A document revoked by itself, with its reason; twice is refused.
    app.revoke_document(
        &officer,
        &notice.number,
        "issued in error",
        key("doc-revoke-notice-1"),
        later,
    )
    .await
    .expect("revoked");
    assert_eq!(
        app.verify_document(&notice.number).await.expect("public").state,
        "revoked"
    );
    assert!(matches!(
        app.revoke_document(&officer, &notice.number, "again", key("doc-revoke-notice-2"), later)
            .await,
        Err(AppError::Refused("document_not_valid"))
    ));
    assert!(store.verify_audit().await.expect("audit").is_intact());
}

/// An official with no certificate cannot issue: the step is not written.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_official_without_a_certificate_cannot_issue() {
    let dir = tempfile::tempdir().expect("dir");
    let (app, store) = signing_app(&dir).await;
    let iin = app
        .registries()
        .population()
        .residents
        .iter()
        .find(|r| r.kandas.is_none())
        .map(|r| r.record.iin.as_str().to_owned())
        .expect("resident");
    let stranger = Principal::staff(
        "sc.operator.999",
        Role::StateCorporationOperator,
        Some("55"),
        Channel::StateCorporation,
    );
    let refused = app
        .submit_quota_application(
            &stranger,
            &application(&iin, "550000000"),
            key("doc-stranger-0001"),
            now(),
        )
        .await;
    assert!(
        matches!(refused, Err(AppError::Refused("signer_without_certificate"))),
        "{refused:?}"
    );
    assert_eq!(store.case_counts().await.expect("counts").len(), 0);
}

/// DOC-18, QUOTA-06, QUOTA-13, QUOTA-14: the receipt of a refusal to accept is issued whatever the package
/// holds: at the counter for an incomplete package the officer found incomplete from the papers (no document of
/// the checklist missing from the record), and at the provider, within its two working days, for documents that
/// end before the decision is due (A 15.5), which the receipt lists.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn receipts_of_refusal_to_accept_are_issued_at_the_counter_and_by_the_provider() {
    let dir = tempfile::tempdir().expect("dir");
    let (app, store) = signing_app(&dir).await;
    let residents: Vec<String> = app
        .registries()
        .population()
        .residents
        .iter()
        .filter(|r| r.kandas.is_none() && r.kinship.is_none())
        .take(2)
        .map(|r| r.record.iin.as_str().to_owned())
        .collect();
    let at_counter = app
        .receive_at_counter(
            &operator("55"),
            &app::QuotaApplication {
                waited: Some("12".into()),
                served: Some("9".into()),
                ..application(&residents[0], "550000000")
            },
            &app::quota::AtCounter::Refuse(vec!["quota_incomplete_package".into()]),
            None,
            key("receipt-counter-0001"),
            now(),
        )
        .await
        .expect("refused to accept at the counter");
    assert_eq!(at_counter.state, "not_accepted");
    // QUOTA-20, QUOTA-21: the minutes the applicant waited and was served are kept with the case.
    let counter: Vec<(&str, app::kinds::FactValue)> = app
        .case(&provider("55"), at_counter.applied.case, now())
        .await
        .expect("case")
        .view
        .facts
        .into_iter()
        .filter(|f| f.key.starts_with("counter_"))
        .map(|f| (f.key, f.value))
        .collect();
    assert_eq!(
        counter,
        [
            ("counter_waited", app::kinds::FactValue::Count(12)),
            ("counter_served", app::kinds::FactValue::Count(9)),
        ]
    );
    // Received at a career centre with an identity document that ends two days later, forwarded: the
    // provider refuses to accept it, the decision being due in fourteen working days.
    let centre = Principal::staff("cc.55", Role::CareerCentre, Some("55"), Channel::CareerCentre);
    let scan = app
        .upload_attachment(
            &centre,
            Some(&residents[1]),
            "identity.pdf",
            b"%PDF-1.4\n%%EOF\n".to_vec(),
            now(),
        )
        .await
        .expect("uploaded");
    let input = app::QuotaApplication {
        documents: vec![app::quota::DocumentInput {
            kind: "identity".into(),
            attachment: Some(scan.0.to_string()),
            valid_until: Some("2026-03-20".into()),
            ..app::quota::DocumentInput::default()
        }],
        ..application(&residents[1], "550000000")
    };
    let received = app
        .submit_quota_application(&centre, &input, key("receipt-centre-0001"), now())
        .await
        .expect("received at the career centre");
    app.forward_quota_application(&centre, received.applied.case, key("receipt-forward-01"), now())
        .await
        .expect("forwarded");
    // The provider's two working days to refuse to accept run from receipt (Wednesday → Friday).
    let details = app
        .case(&provider("55"), received.applied.case, now())
        .await
        .expect("case");
    let running: Vec<(&str, String)> = details
        .view
        .deadlines
        .iter()
        .map(|r| (r.name, r.deadline.due.to_string()))
        .collect();
    assert!(
        running.contains(&("refuse_to_accept_by", "2026-03-20".to_owned())),
        "{running:?}"
    );
    let assessed = app
        .assess_quota_case(&provider("55"), received.applied.case, now())
        .await
        .expect("assessed");
    assert_eq!(assessed.refusal_to_accept, ["quota_expiring_documents"]);
    let refused = app
        .refuse_to_accept_quota_application(
            &provider("55"),
            received.applied.case,
            &["quota_expiring_documents".into()],
            key("receipt-provider-01"),
            now(),
        )
        .await
        .expect("refused to accept by the provider");
    assert_eq!(refused.state, "not_accepted");
    for case in [at_counter.applied.case, received.applied.case] {
        let file = store.case_file(case).await.expect("file");
        let receipt = file
            .documents
            .iter()
            .find(|d| d.form == "rules-a-app-8")
            .expect("the receipt");
        assert_eq!(receipt.state, "valid", "signed and issued");
    }
    let receipt = store
        .case_file(received.applied.case)
        .await
        .expect("file")
        .documents
        .into_iter()
        .find(|d| d.form == "rules-a-app-8")
        .and_then(|d| d.issued)
        .expect("issued");
    let pdf = store
        .document_pdf(&receipt.number, "kk")
        .await
        .expect("read")
        .expect("the Kazakh file");
    // The receipt names the document that ends too soon (read back with poppler's pdftotext).
    let path = dir.path().join("receipt.pdf");
    std::fs::write(&path, &pdf).expect("write");
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (Debian's poppler-utils)");
    let text = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains("Жеке басын куәландыратын құжат"), "{text}");
}

/// QUOTA-12, DOC-18: a complete package the provider accepts (a career centre's, forwarded) gets the acceptance
/// notice (A-App 7), signed by the official who accepts it; the fourteen working days run from receipt.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_accepted_package_gets_its_acceptance_notice() {
    let dir = tempfile::tempdir().expect("dir");
    let (app, store) = signing_app(&dir).await;
    let iin = app
        .registries()
        .population()
        .residents
        .iter()
        .find(|r| r.kandas.is_none() && r.kinship.is_none() && r.job_seeker.is_some())
        .map(|r| r.record.iin.as_str().to_owned())
        .expect("a resettler");
    let centre = Principal::staff("cc.55", Role::CareerCentre, Some("55"), Channel::CareerCentre);
    let received = app
        .submit_quota_application(
            &centre,
            &application(&iin, "550000000"),
            key("notice-centre-0001"),
            now(),
        )
        .await
        .expect("received at the career centre");
    let case = received.applied.case;
    app.forward_quota_application(&centre, case, key("notice-forward-001"), now())
        .await
        .expect("forwarded");
    assert!(store.case_file(case).await.expect("file").documents.is_empty());
    let accepted = app
        .accept_quota_application(&provider("55"), case, key("notice-accept-0001"), now())
        .await
        .expect("accepted");
    assert_eq!(accepted.state, "under_review");
    let file = store.case_file(case).await.expect("file");
    let notice = file
        .documents
        .iter()
        .find(|d| d.form == "rules-a-app-7")
        .and_then(|d| d.issued.clone())
        .expect("the acceptance notice, issued");
    assert_eq!(notice.signer, "leb.officer.07");
    let details = app.case(&provider("55"), case, now()).await.expect("case");
    assert!(
        details
            .view
            .deadlines
            .iter()
            .any(|r| r.name == "decide_by" && r.deadline.due.to_string() == "2026-04-10"),
        "{:?}",
        details.view.deadlines.iter().map(|r| r.name).collect::<Vec<_>>()
    );
}
