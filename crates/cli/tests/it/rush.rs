//! `qonys bench rush`: a smaller 1 January rush whose allocation must come out exact on every database.

use serde_json::Value;

use crate::qonys;

const APPLICANTS: u64 = 500;
const PLACES: u64 = 50;

fn n(v: &Value, field: &str) -> u64 {
    v[field]
        .as_u64()
        .unwrap_or_else(|| panic!("{field} is not a count: {v}"))
}

/// Runs the rush on `database` and checks that every applicant ended with a decision, that no place was given
/// twice and that the places went to exactly as many applicants as could have them.
fn rush_is_exact(database: &str) {
    let run = qonys(&[
        "--database",
        database,
        "bench",
        "rush",
        "--applicants",
        &APPLICANTS.to_string(),
        "--places",
        &PLACES.to_string(),
        "--clients",
        "16",
        "--officers",
        "4",
        "--json",
    ]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let v = run.json();
    assert_eq!(n(&v, "applicants"), APPLICANTS);
    assert_eq!(n(&v, "places"), PLACES);
    assert_eq!(n(&v, "errors"), 0, "{v}");
    let (included, refused) = (n(&v, "included"), n(&v, "refused"));
    // Every applicant is accounted for: included, or refused with grounds.
    assert_eq!(included + refused + n(&v, "errors"), APPLICANTS, "{v}");
    assert_eq!(
        refused,
        n(&v, "refused_no_places") + n(&v, "refused_on_grounds") + n(&v, "refused_at_portal"),
        "{v}"
    );
    // Those the officers meant to include: the places went to as many of them as there were places.
    let eligible = included + n(&v, "refused_no_places");
    assert!(
        eligible > PLACES,
        "the quota was not exhausted, the run proves nothing: {v}"
    );
    assert_eq!(n(&v, "places_allocated"), PLACES.min(eligible), "{v}");
    assert_eq!(included, PLACES.min(eligible), "{v}");
    // No place twice: the quota's count is the sum of the places of the inclusions, and the database holds as
    // many included and refused applications as the officers were told.
    assert_eq!(n(&v, "places_allocated"), n(&v, "places_of_included"), "{v}");
    assert_eq!(n(&v, "cases_included"), included, "{v}");
    // An applicant the portal turned away (no places left when they applied) has no application.
    let turned_away = n(&v, "refused_at_portal");
    assert_eq!(n(&v, "cases_refused"), refused - turned_away, "{v}");
    assert_eq!(n(&v, "cases"), APPLICANTS - turned_away, "{v}");
    assert_eq!(v["audit_chain_intact"], true, "{v}");
    assert!(v["seconds"].as_f64().is_some_and(|s| s > 0.0), "{v}");
    assert!(v["p99_ms"].as_f64().is_some_and(|p| p > 0.0), "{v}");
}

#[test]
fn rush_on_sqlite_allocates_every_place_once() {
    // The default database is replaced by a fresh one in a temporary directory.
    rush_is_exact("sqlite://unused.db");
}

#[test]
fn postgres_rush_allocates_every_place_once() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let Some(url) = runtime.block_on(store_postgres::testing::fresh_database("rush")) else {
        return;
    };
    rush_is_exact(&url);
}

#[test]
fn rush_refuses_a_bad_count_with_its_code() {
    let run = qonys(&["bench", "rush", "--applicants", "0", "--json"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.json()["error"]["code"], "invalid_number");
    assert_eq!(run.json()["error"]["field"], "--applicants");
}
