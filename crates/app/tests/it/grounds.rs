//! Every ground for refusing inclusion in the quota (order No. 359, appendix 1, row 9: K1–K5 for kandases,
//! R1–R5 for resettlers), one case each, through the use cases: an applicant picked from the registries sandbox
//! by the facts the ground turns on is received at the State Corporation's counter, the provider weighs the
//! grounds (the finding the facts give), the commission's word is recorded and the decision refuses on the
//! ground, which the case then cites with its point of law and requirement ID (QUOTA-23: the refusal is the
//! result, with its form).

use app::{App, Inclusion, QuotaApplication};
use registries::sandbox::{Resident, SandboxRegistries};
use store::{QuotaCategory, QuotaKey, QuotaUnit};
use store_sqlite::SqliteStore;

use super::{admin, app, commission, key, now, operator, provider};

/// How the decision comes to the ground.
#[derive(Debug, Clone, Copy)]
enum Decision {
    /// The official refuses citing the ground.
    Refuse,
    /// The applicant refuses the territorial unit offered.
    Declined,
    /// The official includes, and the unit's quota has no place left.
    IncludeWithoutPlaces,
}

struct Row {
    code: &'static str,
    requirement: &'static str,
    category: &'static str,
    /// The applicant: the facts of the registries the ground turns on.
    who: fn(&Resident) -> bool,
    consent: bool,
    /// What weighing the grounds finds for this one before the decision (`Finding::key`).
    finding: &'static str,
    decision: Decision,
    /// The refusal form the decision fills (appendix 3 for kandases, appendix 6 for resettlers).
    form: &'static str,
}

fn alone(r: &Resident) -> bool {
    r.kinship.is_none() && !r.listed
}

fn kandas(r: &Resident) -> bool {
    alone(r) && r.kandas.is_some()
}

fn resettler(r: &Resident) -> bool {
    alone(r) && r.kandas.is_none() && r.job_seeker.is_some()
}

const ROWS: &[Row] = &[
    Row {
        code: "quota_k1_not_kandas",
        requirement: "QUOTA-31",
        category: "kandas",
        who: |r| alone(r) && r.kandas.is_none(),
        consent: true,
        finding: "applies",
        decision: Decision::Refuse,
        form: "order-359-app-3",
    },
    Row {
        code: "quota_k2_unreliable_data",
        requirement: "QUOTA-32",
        category: "kandas",
        who: kandas,
        consent: true,
        finding: "for_the_officer",
        decision: Decision::Refuse,
        form: "order-359-app-3",
    },
    Row {
        code: "quota_k3_offences",
        requirement: "QUOTA-33",
        category: "kandas",
        who: |r| r.kinship.is_none() && r.listed,
        consent: true,
        finding: "applies",
        decision: Decision::Refuse,
        form: "order-359-app-3",
    },
    Row {
        code: "quota_k4_no_consent",
        requirement: "QUOTA-34",
        category: "kandas",
        who: kandas,
        consent: false,
        finding: "applies",
        decision: Decision::Refuse,
        form: "order-359-app-3",
    },
    Row {
        code: "quota_k5_no_quota",
        requirement: "QUOTA-35",
        category: "kandas",
        who: kandas,
        consent: true,
        finding: "applies",
        decision: Decision::IncludeWithoutPlaces,
        form: "order-359-app-3",
    },
    Row {
        code: "quota_r1_unreliable_data",
        requirement: "QUOTA-36",
        category: "resettler",
        who: resettler,
        consent: true,
        finding: "for_the_officer",
        decision: Decision::Refuse,
        form: "order-359-app-6",
    },
    Row {
        code: "quota_r2_no_consent",
        requirement: "QUOTA-37",
        category: "resettler",
        who: resettler,
        consent: false,
        finding: "applies",
        decision: Decision::Refuse,
        form: "order-359-app-6",
    },
    Row {
        code: "quota_r3_social_code",
        requirement: "QUOTA-38",
        category: "resettler",
        // Not registered as a job seeker or unemployed in the Labour Market system.
        who: |r| alone(r) && r.kandas.is_none() && r.job_seeker.is_none(),
        consent: true,
        finding: "applies",
        decision: Decision::Refuse,
        form: "order-359-app-6",
    },
    Row {
        code: "quota_r4_no_quota",
        requirement: "QUOTA-39",
        category: "resettler",
        who: resettler,
        consent: true,
        // Places are left: the applicant declines the unit offered.
        finding: "does_not_apply",
        decision: Decision::Declined,
        form: "order-359-app-6",
    },
    Row {
        code: "quota_r5_category",
        requirement: "QUOTA-40",
        category: "resettler",
        who: resettler,
        consent: true,
        finding: "for_the_officer",
        decision: Decision::Refuse,
        form: "order-359-app-6",
    },
];

async fn set_quota(app: &App<SqliteStore, SandboxRegistries>, category: QuotaCategory, total: u32) {
    let quota = QuotaKey {
        year: 2026,
        territory: kz::Kato::parse("550000000").expect("Pavlodar"),
        category,
    };
    app.set_quota(
        &admin(),
        &quota,
        QuotaUnit::Families,
        total,
        "akimat resolution No. 12",
        now(),
    )
    .await
    .expect("quota");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_ground_of_refusal_is_found_decided_and_cited() {
    let dir = tempfile::tempdir().expect("dir");
    let (app, _store) = app(&dir).await;
    // The kandases' quota of the unit is exhausted (K5 comes from it); the resettlers' has places.
    set_quota(&app, QuotaCategory::Kandas, 0).await;
    set_quota(&app, QuotaCategory::Resettler, 50).await;
    let officer = provider("55");
    let residents = &app.registries().population().residents;
    let mut taken: Vec<String> = Vec::new();
    for (n, row) in ROWS.iter().enumerate() {
        let resident = residents
            .iter()
            .find(|r| (row.who)(r) && !taken.contains(&r.record.iin.as_str().to_owned()))
            .unwrap_or_else(|| panic!("{}: the sandbox has such an applicant", row.code));
        taken.push(resident.record.iin.as_str().to_owned());
        let k = |s: &str| key(&format!("ground-{n:02}-{s}"));
        let input = QuotaApplication {
            iin: resident.record.iin.as_str().to_owned(),
            category: row.category.into(),
            territory: "550000000".into(),
            employment: (row.category == "resettler").then(|| "9".into()),
            consent: row.consent,
            ..QuotaApplication::default()
        };
        let submitted = app
            .submit_quota_application(&operator("55"), &input, k("submit"), now())
            .await
            .unwrap_or_else(|e| panic!("{}: received: {e:?}", row.code));
        let case = submitted.applied.case;
        if submitted.state == "received" {
            app.accept_quota_application(&officer, case, k("accept"), now())
                .await
                .unwrap_or_else(|e| panic!("{}: accepted: {e:?}", row.code));
        }
        // Weighed from the registries' answers kept on the case.
        let assessed = app.assess_quota_case(&officer, case, now()).await.expect("assessed");
        let finding = assessed
            .grounds
            .iter()
            .find(|a| a.ground.code == row.code)
            .map(|a| a.finding.key());
        assert_eq!(finding, Some(row.finding), "{}", row.code);
        let (word, decision) = match row.decision {
            Decision::Refuse => ("refuse", Inclusion::Refuse(vec![row.code.to_owned()])),
            Decision::Declined => ("refuse", Inclusion::Declined),
            Decision::IncludeWithoutPlaces => ("include", Inclusion::Include),
        };
        commission(&app, &officer, case, word, k("commission")).await;
        let decided = app
            .decide_quota_inclusion(&officer, case, &decision, None, k("decide"), now())
            .await
            .unwrap_or_else(|e| panic!("{}: decided: {e:?}", row.code));
        assert_eq!(
            (decided.state.as_str(), decided.grounds.clone()),
            ("refused", vec![row.code.to_owned()]),
            "{}",
            row.code
        );
        // The case cites the ground with its point of law and requirement; the step's basis is the list of
        // grounds (appendix 1, row 9); the refusal's form is requested with it.
        let details = app.case(&officer, case, now()).await.expect("case");
        let cited: Vec<(&str, String, &str)> = details
            .view
            .grounds
            .iter()
            .map(|g| (g.code, g.basis.to_string(), g.requirement))
            .collect();
        assert_eq!(
            cited,
            vec![(row.code, "order-359 app-1.9".to_owned(), row.requirement)],
            "{}",
            row.code
        );
        assert_eq!(
            details
                .timeline
                .iter()
                .rev()
                .find(|r| r.action.starts_with("quota."))
                .map(|r| (r.action.as_str(), r.basis.as_str())),
            Some(("quota.refused", "order-359 app-1.9")),
            "{}",
            row.code
        );
        assert!(
            details.file.documents.iter().any(|d| d.form == row.form),
            "{}: {:?}",
            row.code,
            details.file.documents
        );
    }
}
