//! Every requirement marked implemented (or partial) in `law/requirements.toml` is referenced by production
//! code and by a test (a test module, an integration test or a worked example in `law/examples`).

use std::collections::BTreeSet;
use std::fs;

use serde::Deserialize;

use crate::source::{files_under, repo_root, rust_files};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RequirementsFile {
    requirement: Vec<Requirement>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Requirement {
    id: String,
    #[allow(dead_code, reason = "read by people, parsed to keep the file well-formed")]
    title: String,
    status: Status,
    #[allow(dead_code, reason = "read by people")]
    note: Option<String>,
}

#[derive(Deserialize, PartialEq, Eq, Clone, Copy, Debug)]
#[serde(rename_all = "snake_case")]
enum Status {
    Implemented,
    Partial,
    Planned,
    NotSoftware,
}

const PREFIXES: [&str; 11] = [
    "ORD", "QUOTA", "RES", "EMC", "RENT", "RELOC", "DEADLINE", "APPEAL", "HOUSING", "EMP", "DOC",
];

/// The IDs `law/requirements.toml` lists.
pub(crate) fn listed_ids() -> BTreeSet<String> {
    requirements().into_iter().map(|r| r.id).collect()
}

fn requirements() -> Vec<Requirement> {
    let text = fs::read_to_string(repo_root().join("law/requirements.toml")).expect("law/requirements.toml");
    toml::from_str::<RequirementsFile>(&text)
        .expect("law/requirements.toml parses")
        .requirement
}

/// Requirement IDs (`EMC-02`) mentioned in a text.
pub(crate) fn ids_in(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for prefix in PREFIXES {
        let pattern = format!("{prefix}-");
        let mut from = 0;
        while let Some(pos) = text[from..].find(&pattern) {
            let start = from + pos;
            let before_ok = text[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_ascii_alphanumeric());
            let digits: String = text[start + pattern.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            if before_ok && digits.len() == 2 {
                out.insert(format!("{prefix}-{digits}"));
            }
            from = start + pattern.len();
        }
    }
    out
}

fn referenced() -> (BTreeSet<String>, BTreeSet<String>) {
    let mut code = BTreeSet::new();
    let mut tests = BTreeSet::new();
    for file in rust_files() {
        code.extend(ids_in(&file.code));
        tests.extend(ids_in(&file.tests));
    }
    for example in files_under(&repo_root().join("law/examples"), "toml") {
        tests.extend(ids_in(&fs::read_to_string(example).expect("example file")));
    }
    // Snapshot transcripts are expectations: a machine that stops citing an ID fails its snapshot test.
    for snapshot in files_under(&repo_root().join("crates"), "snap") {
        tests.extend(ids_in(&fs::read_to_string(snapshot).expect("snapshot file")));
    }
    (code, tests)
}

#[test]
fn the_list_has_every_spec_id_once() {
    let reqs = requirements();
    assert_eq!(
        reqs.len(),
        146,
        "the spec has 146 requirement IDs (145 and RENT-19, added on 4 Dec 2026)"
    );
    let unique: BTreeSet<&str> = reqs.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(unique.len(), reqs.len(), "an ID is listed twice");
    for r in &reqs {
        assert_eq!(ids_in(&r.id).len(), 1, "malformed ID {}", r.id);
    }
}

#[test]
fn implemented_requirements_are_referenced_by_code_and_tests() {
    let (code, tests) = referenced();
    let mut missing = Vec::new();
    for r in requirements()
        .iter()
        .filter(|r| matches!(r.status, Status::Implemented | Status::Partial))
    {
        if !code.contains(&r.id) {
            missing.push(format!(
                "{} ({:?}) is not referenced by production code",
                r.id, r.status
            ));
        }
        if !tests.contains(&r.id) {
            missing.push(format!(
                "{} ({:?}) is not referenced by any test or example",
                r.id, r.status
            ));
        }
    }
    assert!(missing.is_empty(), "traceability gaps:\n{}", missing.join("\n"));
}

#[test]
fn code_cites_only_listed_requirements() {
    let listed: BTreeSet<String> = requirements().into_iter().map(|r| r.id).collect();
    let (code, tests) = referenced();
    let unknown: Vec<&String> = code.union(&tests).filter(|id| !listed.contains(*id)).collect();
    assert!(unknown.is_empty(), "IDs not in the spec: {unknown:?}");
}

#[test]
fn id_scanner() {
    let found = ids_in("see RENT-02, XRENT-03, EMC-1, DOC-19x and (APPEAL-05)");
    assert_eq!(
        found.into_iter().collect::<Vec<_>>(),
        ["APPEAL-05", "DOC-19", "RENT-02"]
    );
}
