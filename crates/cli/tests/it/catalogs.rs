//! Every error code and ground a user can meet has a message in both languages.

use render::{Catalog, Lang};

fn all_codes() -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = kz::codes().collect();
    codes.extend(calendar::CODES);
    codes.extend(legal::versioned::EditionError::CODES);
    codes.push(legal::NotCovered::CODE);
    codes.extend(rules::RuleError::CODES);
    codes.extend(legal::amend::AmendError::CODES);
    codes.extend(store::StoreError::CODES);
    codes.extend(rules::all_grounds().iter().map(|g| g.code));
    codes.extend([
        "invalid_date",
        "invalid_month",
        "invalid_number",
        "invalid_locality",
        "unknown_time_limit",
        "config_unreadable",
        "config_invalid",
        "rush_too_few_applicants",
    ]);
    codes
}

#[test]
fn every_code_has_a_kazakh_and_a_russian_message() {
    let catalog = Catalog::new();
    let codes = all_codes();
    assert!(
        codes.len() > 40,
        "too few codes collected ({}); is the list still wired?",
        codes.len()
    );
    let missing: Vec<String> = codes
        .iter()
        .flat_map(|code| {
            Lang::ALL
                .into_iter()
                .filter(|lang| !catalog.has(*lang, code))
                .map(move |lang| format!("{lang}: {code}"))
        })
        .collect();
    assert!(missing.is_empty(), "missing messages:\n{}", missing.join("\n"));
}

#[test]
fn every_notice_a_machine_sends_has_a_kazakh_and_a_russian_message() {
    let catalog = Catalog::new();
    let missing: Vec<String> = cases::NOTICES
        .iter()
        .flat_map(|key| {
            Lang::ALL
                .into_iter()
                .filter(|lang| !catalog.has(*lang, key))
                .map(move |lang| format!("{lang}: {key}"))
        })
        .collect();
    assert!(missing.is_empty(), "missing notices:\n{}", missing.join("\n"));
}

#[test]
fn every_ground_names_a_requirement_and_a_point() {
    for g in rules::all_grounds() {
        assert!(g.requirement.contains('-'), "{}: requirement {}", g.code, g.requirement);
        assert!(!g.basis.point.is_empty(), "{}: basis", g.code);
    }
}
