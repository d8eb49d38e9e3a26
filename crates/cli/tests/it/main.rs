//! The `qonys` binary end to end: arguments in, exit code and output out.

#![allow(
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "helpers of test code: a failed read or a bad index is a failed check"
)]

mod catalogs;
mod crash;
mod documents;
mod payroll;
mod rush;
mod serve;

use std::process::Command;

use serde_json::Value;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", self.stdout, self.stderr))
    }
}

fn qonys(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_qonys"))
        .args(args)
        .env_remove("QONYS_LANG")
        .output()
        .expect("the binary runs");
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
    };
    assert!(!run.stderr.contains("panicked"), "{args:?} panicked:\n{}", run.stderr);
    run
}

fn skipped(v: &Value) -> Vec<(String, String)> {
    v["skipped"]
        .as_array()
        .expect("skipped is a list")
        .iter()
        .map(|d| {
            (
                d["date"].as_str().unwrap_or_default().to_owned(),
                d["reason"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[test]
fn acceptance_fourteen_working_days_over_nauryz_2026() {
    let run = qonys(&["calendar", "add-working-days", "2026-03-18", "14", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = run.json();
    assert_eq!(v["start"], "2026-03-18");
    assert_eq!(v["working_days"], 14);
    assert_eq!(v["due"], "2026-04-10");
    let skipped = skipped(&v);
    for (date, reason) in [
        ("2026-03-23", "holiday"),
        ("2026-03-24", "carried_over"),
        ("2026-03-25", "carried_over"),
    ] {
        assert!(
            skipped.contains(&(date.to_owned(), reason.to_owned())),
            "{date} {reason} not in {skipped:?}"
        );
    }
    // Each skipped day says why in words too, and names the holiday it comes from.
    let day = v["skipped"]
        .as_array()
        .and_then(|a| a.iter().find(|d| d["date"] == "2026-03-24"))
        .expect("24 March");
    assert_eq!(day["holiday"], "nauryz");
    assert_eq!(day["holiday_date"], "2026-03-21");
    assert!(day["text"].as_str().unwrap_or_default().contains("Наурыз"), "{day}");
}

#[test]
fn human_output_is_kazakh_by_default_and_russian_on_request() {
    let kk = qonys(&["calendar", "add-working-days", "2026-03-18", "14"]);
    insta::assert_snapshot!("add_working_days_kk", kk.stdout);
    let ru = qonys(&["--lang", "ru", "calendar", "add-working-days", "2026-03-18", "14"]);
    insta::assert_snapshot!("add_working_days_ru", ru.stdout);
}

#[test]
fn is_working_day_gives_the_reason() {
    let cases = [
        ("2025-01-05", true, "transferred_working_day"),
        ("2025-01-03", false, "transferred_day_off"),
        ("2026-05-11", false, "carried_over"),
        ("2026-05-27", false, "holiday"),
        ("2026-08-31", true, "weekday"),
        ("2026-03-28", false, "weekend"),
    ];
    for (date, working, reason) in cases {
        let run = qonys(&["calendar", "is-working-day", date, "--json"]);
        assert_eq!(run.code, 0, "{date}: {}", run.stderr);
        let v = run.json();
        assert_eq!(
            (v["date"].as_str(), v["working"].as_bool(), v["reason"].as_str()),
            (Some(date), Some(working), Some(reason))
        );
    }
}

#[test]
fn a_year_outside_the_calendar_is_an_error_not_a_guess() {
    let run = qonys(&["calendar", "add-working-days", "2028-03-01", "3", "--json"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.json()["error"]["code"], "calendar_year_not_covered");
}

fn calc(args: &[&str]) -> Value {
    let mut all = vec!["calc"];
    all.extend_from_slice(args);
    all.push("--json");
    let run = qonys(&all);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    let v = run.json();
    for key in ["eligible", "amount_tiyn", "amount", "currency", "basis", "parameters"] {
        assert!(v.get(key).is_some(), "{args:?}: no `{key}` in {v}");
    }
    assert_eq!(v["currency"], "KZT");
    let tiyn = v["amount_tiyn"].as_i64().expect("integer tiyn");
    assert_eq!(
        v["amount"].as_str(),
        Some(format!("{}.{:02}", tiyn / 100, tiyn % 100).as_str())
    );
    assert!(
        v["parameters"]
            .as_array()
            .is_some_and(|p| p.iter().all(|p| p["start"].is_string() && p.get("value").is_some()))
    );
    if v["eligible"] == false {
        assert!(v["reason"].is_string(), "a refusal names its reason: {v}");
    }
    v
}

#[test]
fn calc_commands_share_one_json_contract() {
    let v = calc(&[
        "rent-compensation",
        "--month",
        "2026-03",
        "--locality",
        "urban",
        "--family-size",
        "3",
    ]);
    assert_eq!(
        (v["eligible"].as_bool(), v["amount"].as_str()),
        (Some(true), Some("108125.00"))
    );
    let v = calc(&[
        "rent-compensation",
        "--month",
        "2026-03",
        "--locality",
        "rural",
        "--family-size",
        "5",
        "--months-paid",
        "11",
    ]);
    assert_eq!(v["amount_tiyn"], 21 * 4325 * 100);
    let v = calc(&[
        "rent-compensation",
        "--month",
        "2026-03",
        "--locality",
        "rural",
        "--family-size",
        "5",
        "--months-paid",
        "12",
    ]);
    assert_eq!(
        (v["eligible"].as_bool(), v["amount_tiyn"].as_i64(), v["reason"].as_str()),
        (Some(false), Some(0), Some("rent_max_months_reached"))
    );
    // The law before the order's entry into force is not known: a refusal that says so, never a guessed amount.
    let v = calc(&[
        "rent-compensation",
        "--month",
        "2025-06",
        "--locality",
        "urban",
        "--family-size",
        "1",
    ]);
    assert_eq!(
        (v["eligible"].as_bool(), v["reason"].as_str()),
        (Some(false), Some("edition_not_covered"))
    );
    let v = calc(&["certificate", "--on", "2026-03-01", "--appraised-value", "9000000"]);
    assert_eq!(v["amount"], "7028125.00");
    let v = calc(&["certificate", "--on", "2026-03-01", "--appraised-value", "5000000"]);
    assert_eq!(v["amount"], "5000000.00");
    let v = calc(&["employer-subsidy", "--on", "2026-03-01", "--workers", "2"]);
    assert_eq!(v["amount_tiyn"], 2 * 400 * 4325 * 100);
    let v = calc(&["relocation-subsidy", "--on", "2026-03-01", "--persons", "4"]);
    assert_eq!(v["amount_tiyn"], 4 * 70 * 4325 * 100);
    let reference = &v["parameters"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["id"] == "rules-b.p70.relocation_subsidy"))
        .expect("p70")["reference"];
    assert_eq!(
        reference["confidence"], "unverified",
        "the unverified default says so in every decision"
    );
}

#[test]
fn validate_exit_codes_and_fields() {
    let run = qonys(&["validate", "iin", "900101300007", "--json"]);
    assert_eq!(run.code, 0);
    let v = run.json();
    assert_eq!(
        (v["birth_date"].as_str(), v["sex"].as_str()),
        (Some("1990-01-01"), Some("male"))
    );
    assert!(!run.stdout.contains("900101300007"), "the IIN is masked in output");
    let run = qonys(&["validate", "iin", "900101300008", "--json"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        (run.json()["valid"].as_bool(), run.json()["code"].as_str()),
        (Some(false), Some("iin_check_digit"))
    );
    let run = qonys(&["validate", "iban", "KZ186010001234567890", "--json"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.json()["bic"], "HSBKKZKX");
    assert!(!run.stdout.contains("1234567890"), "the account is masked in output");
    let run = qonys(&["validate", "bin", "150340012340", "--json"]);
    assert_eq!(run.code, 0);
    let run = qonys(&["validate", "bin", "150340012341"]);
    assert_eq!(run.code, 1);
}

#[test]
fn bad_arguments_are_refused_with_a_code_never_a_panic() {
    let cases = [
        ("calendar add-working-days 2026-02-30 1", "invalid_date"),
        ("calendar add-working-days 2026-03-18 -1", "invalid_number"),
        ("calendar add-working-days 2026-03-18 99999999999", "invalid_number"),
        (
            "calc rent-compensation --month 2026-13 --locality urban --family-size 1",
            "invalid_month",
        ),
        (
            "calc rent-compensation --month 2026-03 --locality town --family-size 1",
            "invalid_locality",
        ),
        (
            "calc rent-compensation --month 2026-03 --locality urban --family-size 0",
            "invalid_number",
        ),
        (
            "calc certificate --on 2026-03-01 --appraised-value 12.345",
            "money_precision",
        ),
        (
            "calc certificate --on 2026-03-01 --appraised-value -5",
            "money_negative",
        ),
        ("calc employer-subsidy --on 2026-03-01 --workers 0", "invalid_number"),
        ("calc deadline no_such_limit --from 2026-03-01", "unknown_time_limit"),
        ("law params --on yesterday", "invalid_date"),
    ];
    for (line, code) in cases {
        let args: Vec<&str> = line.split_whitespace().chain(["--json"]).collect();
        let run = qonys(&args);
        assert_eq!(run.code, 2, "{args:?}: {}{}", run.stdout, run.stderr);
        assert_eq!(run.json()["error"]["code"], code, "{args:?}");
        assert!(
            run.json()["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty() && m != code),
            "{args:?}: message"
        );
    }
    // Arguments clap itself rejects still exit non-zero without a panic.
    for args in [
        &["calc", "rent-compensation"][..],
        &["no-such-command"],
        &["calendar", "add-working-days"],
    ] {
        let run = qonys(args);
        assert_ne!(run.code, 0, "{args:?}");
    }
}

#[test]
fn law_params_lists_what_is_in_force_with_references() {
    let run = qonys(&["law", "params", "--on", "2026-03-01", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = run.json();
    let params = v["parameters"].as_array().expect("list");
    let mci = params.iter().find(|p| p["id"] == "mci").expect("MCI");
    assert_eq!(
        (mci["start"].as_str(), mci["reference"]["act"].as_str()),
        (Some("2026-01-01"), Some("budget-law-2026"))
    );
    assert!(
        params.iter().all(|p| p["reference"]["act"].is_string()),
        "every value has a reference"
    );
    let before = qonys(&["law", "params", "--on", "2025-06-01", "--json"]).json();
    let ids: Vec<&str> = before["parameters"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|p| p["id"].as_str())
        .collect();
    assert!(
        ids.contains(&"mci") && !ids.contains(&"rules-b.p71.rent_compensation"),
        "{ids:?}"
    );
}

#[test]
fn bench_reports_throughput_and_totals() {
    let run = qonys(&[
        "bench",
        "rules",
        "--households",
        "5000",
        "--seed",
        "7",
        "--repeat",
        "1",
        "--json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = run.json();
    assert_eq!(v["households"], 5000);
    assert!(v["seconds"].is_number() && v["households_per_second"].is_number());
    // Same seed, same households, same totals.
    let again = qonys(&[
        "bench",
        "rules",
        "--households",
        "5000",
        "--seed",
        "7",
        "--repeat",
        "1",
        "--json",
    ])
    .json();
    assert_eq!(v["total_rent_tiyn"], again["total_rent_tiyn"]);
    assert!(v["total_rent_tiyn"].as_i64().is_some_and(|t| t > 0));
}

/// Runs `f` on the SQLite store at `url`, from a synchronous test.
fn with_store<T>(url: &str, f: impl AsyncFnOnce(&store_sqlite::SqliteStore) -> T) -> T {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let store = store_sqlite::SqliteStore::open(url).await.expect("store");
        f(&store).await
    })
}

/// `qonys` over a database in a temporary directory.
fn qonys_db(dir: &tempfile::TempDir, args: &[&str]) -> Run {
    let url = format!("sqlite://{}", dir.path().join("qonys.db").display());
    let mut all = vec!["--database", url.as_str()];
    all.extend_from_slice(args);
    qonys(&all)
}

#[test]
fn quota_set_show_and_audit_verify_over_sqlite() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let set = [
        "quota",
        "set",
        "--year",
        "2026",
        "--territory",
        "750000000",
        "--category",
        "resettler",
        "--unit",
        "families",
        "--total",
        "120",
        "--basis",
        "akimat resolution No. 12",
        "--actor",
        "admin.01",
        "--json",
    ];
    let run = qonys_db(&dir, &set);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        (run.json()["total"].as_u64(), run.json()["remaining"].as_u64()),
        (Some(120), Some(120))
    );
    let show = qonys_db(
        &dir,
        &[
            "quota",
            "show",
            "--year",
            "2026",
            "--territory",
            "750000000",
            "--category",
            "kandas",
            "--json",
        ],
    );
    assert_eq!(
        (show.code, show.json()["error"]["code"].as_str()),
        (2, Some("not_found"))
    );
    let verify = qonys_db(&dir, &["audit", "verify", "--json"]);
    assert_eq!(
        (
            verify.code,
            verify.json()["intact"].as_bool(),
            verify.json()["verified"].as_u64()
        ),
        (0, Some(true), Some(1))
    );
}

#[test]
fn seed_loads_the_sandbox_population() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let url = format!("sqlite://{}", dir.path().join("qonys.db").display());
    let sandbox_persons = || {
        with_store(&url, async |store| {
            store::Admin::count_rows(store, store::Table::SandboxPersons)
                .await
                .expect("count")
        })
    };
    let run = qonys_db(&dir, &["seed", "--persons", "3000", "--seed", "5", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.json()["persons"], 3000);
    assert_eq!(sandbox_persons(), 3000);
    // Seeding again replaces the population instead of adding to it.
    assert_eq!(
        qonys_db(&dir, &["seed", "--persons", "1000", "--seed", "5", "--json"]).code,
        0
    );
    assert_eq!(sandbox_persons(), 1000);
    assert_ne!(qonys_db(&dir, &["seed", "--persons", "0"]).code, 0);
}

#[test]
fn audit_verify_names_the_record_edited_behind_its_back() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let run = qonys_db(&dir, &["batch", "intake", "--count", "20", "--seed", "3", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(qonys_db(&dir, &["audit", "verify"]).code, 0);
    let url = format!("sqlite://{}", dir.path().join("qonys.db").display());
    with_store(&url, async |store| {
        // The first record of the first chain (one chain per region).
        let sql = "UPDATE audit SET account = 'someone.else' WHERE seq = 1 AND chain = (SELECT MIN(chain) FROM audit)";
        store::Admin::execute_unchecked(store, sql).await.expect("tamper");
    });
    let verify = qonys_db(&dir, &["audit", "verify", "--json"]);
    assert_eq!(verify.code, 1, "a broken chain exits 1");
    let v = verify.json();
    let broken = &v["first_break"];
    assert_eq!(
        (v["intact"].as_bool(), broken["seq"].as_i64(), broken["kind"].as_str()),
        (Some(false), Some(1), Some("edited"))
    );
    let chain = broken["chain"].as_str().expect("the chain is named").to_owned();
    assert_eq!(chain.len(), 2, "a region's two-digit code: {chain}");
    // Every other chain is still walked: the 19 other records verify.
    assert_eq!(v["verified"], 19);
    let text = qonys_db(&dir, &["--lang", "ru", "audit", "verify"]);
    assert!(
        text.stdout.contains("№ 1") && text.stdout.contains(&chain) && text.stdout.contains("запись изменена"),
        "{}",
        text.stdout
    );
}

/// `audit checkpoint` signs the chains' heads into the witness folder beside the database with a key made on
/// first use (owner-only); a rotated key keeps the older checkpoints verifiable; `audit verify` then catches a
/// chain deleted together with its head row, which the chain walk alone cannot see, and exits 1 naming it.
#[test]
fn audit_verify_checks_the_chains_against_signed_checkpoints() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let run = qonys_db(&dir, &["batch", "intake", "--count", "12", "--seed", "4", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let checkpoint = qonys_db(&dir, &["audit", "checkpoint", "--json"]);
    assert_eq!(checkpoint.code, 0, "{}", checkpoint.stderr);
    let key = dir.path().join("qonys.db.audit-key");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).expect("the key").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "owner-only");
    }
    // Rotation: a new key signs the next checkpoint; the first one still verifies with the old public key.
    std::fs::rename(&key, dir.path().join("old.audit-key")).expect("rotate");
    assert_eq!(qonys_db(&dir, &["audit", "checkpoint"]).code, 0);
    let keys = std::fs::read_dir(dir.path().join("qonys.db.witness").join("keys"))
        .expect("keys")
        .count();
    assert_eq!(keys, 2, "both public keys kept");
    let verify = qonys_db(&dir, &["audit", "verify", "--json"]);
    assert_eq!(verify.code, 0, "{}", verify.stdout);
    assert_eq!(verify.json()["checkpoints"], 2);

    let url = format!("sqlite://{}", dir.path().join("qonys.db").display());
    let chain = with_store(&url, async |store| {
        let chain = store::Admin::audit_records(store).await.expect("records")[0]
            .chain
            .clone();
        for table in ["audit", "audit_head"] {
            let sql = format!("DELETE FROM {table} WHERE chain = '{chain}'");
            store::Admin::execute_unchecked(store, &sql).await.expect("tamper");
        }
        chain
    });
    let verify = qonys_db(&dir, &["audit", "verify", "--json"]);
    assert_eq!(verify.code, 1, "{}", verify.stdout);
    let v = verify.json();
    assert_eq!(
        (v["first_break"]["chain"].as_str(), v["first_break"]["kind"].as_str()),
        (Some(chain.as_str()), Some("unwitnessed"))
    );
    // A checkpoint file changed by hand does not verify.
    let checkpoints = dir.path().join("qonys.db.witness").join("checkpoints");
    let first = std::fs::read_dir(&checkpoints)
        .expect("checkpoints")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .min()
        .expect("a checkpoint");
    let text = std::fs::read_to_string(&first).expect("text");
    std::fs::write(&first, text.replacen("head ", "head 9", 1)).expect("forge");
    let verify = qonys_db(&dir, &["audit", "verify", "--json"]);
    assert_eq!(
        (verify.code, verify.json()["code"].as_str()),
        (1, Some("audit_checkpoint_bad_signature"))
    );
}

/// A case row edited in the database (the chains untouched) is named by `audit verify` with the record that
/// last wrote it, exit 1.
#[test]
fn audit_verify_names_a_case_row_edited_behind_its_back() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let run = qonys_db(&dir, &["batch", "intake", "--count", "6", "--seed", "5", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(qonys_db(&dir, &["audit", "verify"]).code, 0, "untouched");
    let url = format!("sqlite://{}", dir.path().join("qonys.db").display());
    let case = with_store(&url, async |store| {
        let sql = "UPDATE cases SET state = 'included' WHERE id = (SELECT MAX(id) FROM cases)";
        store::Admin::execute_unchecked(store, sql).await.expect("tamper");
        store::Admin::case_digests(store)
            .await
            .expect("rows")
            .last()
            .expect("a case")
            .0
    });
    let verify = qonys_db(&dir, &["audit", "verify", "--json"]);
    assert_eq!(verify.code, 1, "{}", verify.stdout);
    let v = verify.json();
    assert_eq!(
        (v["first_break"]["kind"].as_str(), v["first_break"]["case"].as_i64()),
        (Some("row_edited"), Some(case))
    );
    assert_eq!(
        v["first_break"]["chain"].as_str().map(str::len),
        Some(2),
        "the chain is named"
    );
    let text = qonys_db(&dir, &["--lang", "ru", "audit", "verify"]);
    assert!(
        text.stdout.contains(&format!("строка дела № {case}")),
        "{}",
        text.stdout
    );
}

/// A quota row changed in the database is named by `audit verify`, exit 1.
#[test]
fn audit_verify_names_a_quota_row_edited_behind_its_back() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let load = qonys_db(
        &dir,
        &["quota", "load", "--year", "2026", "--actor", "admin.01", "--json"],
    );
    assert_eq!(load.code, 0, "{}", load.stderr);
    assert_eq!(qonys_db(&dir, &["audit", "verify"]).code, 0, "untouched");
    let url = format!("sqlite://{}", dir.path().join("qonys.db").display());
    with_store(&url, async |store| {
        let sql = "UPDATE quotas SET total = total + 100 WHERE territory = '550000000'";
        store::Admin::execute_unchecked(store, sql).await.expect("tamper");
    });
    let verify = qonys_db(&dir, &["audit", "verify", "--json"]);
    assert_eq!(verify.code, 1, "{}", verify.stdout);
    let v = verify.json();
    assert_eq!(v["first_break"]["kind"].as_str(), Some("row_edited"));
    assert!(
        v["first_break"]["quota"]
            .as_str()
            .is_some_and(|q| q.contains("550000000")),
        "{v}"
    );
}

#[test]
fn law_amend_lists_and_refuses_with_the_loaders_reason() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let file = dir.path().join("mci-2027.json");
    std::fs::write(
        &file,
        r#"{"kind":"edition","parameter":"mci","start":"2027-01-01","end":"2027-12-31","value":"4500",
            "reference":{"act":"budget-law-2027","point":"art. 9","confidence":"high","source":"adilet.zan.kz"}}"#,
    )
    .expect("file");
    let path = file.to_str().expect("path");
    // A preview makes nothing (the listing below has one amendment) and says what it would move: no case here.
    let preview = qonys_db(
        &dir,
        &[
            "law",
            "amend",
            "--file",
            path,
            "--actor",
            "admin.01",
            "--preview",
            "--json",
        ],
    );
    assert_eq!(preview.code, 0, "{}", preview.stderr);
    assert_eq!(
        preview.json(),
        serde_json::json!({ "preview": true, "deadlines_moved": [] })
    );
    let run = qonys_db(&dir, &["law", "amend", "--file", path, "--actor", "admin.01", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.json()["seq"].as_u64(), Some(1));
    // The same again overlaps the edition just added: refused, in Kazakh, with the loader's reason.
    let again = qonys_db(&dir, &["law", "amend", "--file", path, "--actor", "admin.01"]);
    assert_eq!(again.code, 2);
    assert!(
        again.stderr.starts_with("--file: Заң бұл өзгерісті қабылдамайды"),
        "{}",
        again.stderr
    );
    assert!(
        again.stderr.contains("mci") && again.stderr.ends_with("[amend_rejected]\n"),
        "{}",
        again.stderr
    );
    let listed = qonys_db(&dir, &["law", "amendments", "--json"]);
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    assert_eq!(
        listed.json()["amendments"][0]["summary"],
        "mci = 4500 from 2027-01-01 to 2027-12-31 (budget-law-2027 art. 9)"
    );
    assert_eq!(listed.json()["amendments"].as_array().map(Vec::len), Some(1));
    // As text, in the reader's language.
    let text = qonys_db(&dir, &["law", "amendments", "--lang", "ru"]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    assert!(
        text.stdout
            .contains("mci: 4500 с 2027-01-01 по 2027-12-31 (Закон Республики Казахстан «О республиканском бюджете на 2027 – 2029 годы», art. 9)"),
        "{}",
        text.stdout
    );
    // Not JSON, and a file that is not there.
    std::fs::write(&file, "mci = 4500").expect("file");
    let bad = qonys_db(&dir, &["law", "amend", "--file", path, "--actor", "admin.01"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("[amendment_invalid]"), "{}", bad.stderr);
    let missing = qonys_db(
        &dir,
        &["law", "amend", "--file", "/nonexistent/a.json", "--actor", "admin.01"],
    );
    assert!(missing.stderr.contains("[file_unreadable]"), "{}", missing.stderr);
    // The audit log holds the amendment.
    let verify = qonys_db(&dir, &["audit", "verify", "--json"]);
    assert_eq!(verify.code, 0, "{}", verify.stderr);
}
