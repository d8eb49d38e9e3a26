//! Every requirement marked implemented, built or partial in `law/requirements.toml` is referenced by production
//! code and by a test (a test module, an integration test or a worked example in `law/examples`); each layer it
//! claims to be built in reaches it; and one marked implemented has a test through a use case that names it.

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
    /// The layers it is built in.
    #[serde(default)]
    built: Vec<Layer>,
    #[allow(dead_code, reason = "read by people")]
    note: Option<String>,
}

#[derive(Deserialize, PartialEq, Eq, Clone, Copy, Debug)]
#[serde(rename_all = "snake_case")]
enum Status {
    /// Usable end to end, with a test through a use case.
    Implemented,
    /// All it requires is built in the layers listed, and it stops there.
    Built,
    /// Part of it is built, in the layers listed.
    Partial,
    Planned,
    NotSoftware,
}

/// Where a requirement is built, from the law up to what people use.
#[derive(Deserialize, PartialEq, Eq, PartialOrd, Ord, Clone, Copy, Debug)]
#[serde(rename_all = "snake_case")]
enum Layer {
    Rule,
    Machine,
    UseCase,
    Api,
    Page,
    Document,
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
        .filter(|r| matches!(r.status, Status::Implemented | Status::Built | Status::Partial))
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

/// The Rust files of one crate (`crates/<name>/`), production code and tests.
fn crate_files(name: &str) -> Vec<crate::source::RustFile> {
    let dir = repo_root().join("crates").join(name);
    rust_files().into_iter().filter(|f| f.path.starts_with(&dir)).collect()
}

/// The IDs a crate's production code names, and those its code or tests name.
fn named_by(name: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut code = BTreeSet::new();
    let mut all = BTreeSet::new();
    for f in crate_files(name) {
        code.extend(ids_in(&f.code));
        all.extend(ids_in(&f.code));
        all.extend(ids_in(&f.tests));
    }
    (code, all)
}

/// Whether `text` uses `word` as a whole identifier (`quota_a14` in `cases::quota_a14::step`).
fn uses(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        let part = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !part(before) && !part(after)
    })
}

#[test]
fn statuses_say_how_far_each_requirement_is_built() {
    let (rule, _) = named_by("rules");
    let (machine, _) = named_by("cases");
    let (app_code, app_all) = named_by("app");
    let (_, web_all) = named_by("web");
    let (_, documents) = named_by("documents");
    let production = |name: &str| -> String { crate_files(name).into_iter().map(|f| f.code).collect() };
    let (app_src, web_src) = (production("app"), production("web"));
    // The case machines (`crates/cases/src/<module>.rs`) that cite each ID in their code.
    let mut machines: Vec<(String, BTreeSet<String>)> = Vec::new();
    for f in crate_files("cases") {
        if let Some(module) = f.path.file_stem().and_then(|s| s.to_str()) {
            machines.push((module.to_owned(), ids_in(&f.code)));
        }
    }
    let through_machine = |id: &str, src: &str| machines.iter().any(|(m, ids)| ids.contains(id) && uses(src, m));
    // The tests through a use case: the app's and the web service's integration tests.
    let mut use_case_tests = BTreeSet::new();
    for name in ["app", "web"] {
        let dir = repo_root().join("crates").join(name).join("tests");
        for f in crate_files(name).into_iter().filter(|f| f.path.starts_with(&dir)) {
            use_case_tests.extend(ids_in(&f.tests));
        }
    }

    let mut wrong = Vec::new();
    for r in requirements() {
        let id = r.id.as_str();
        let expects_layers = !matches!(r.status, Status::Planned | Status::NotSoftware);
        if expects_layers == r.built.is_empty() {
            wrong.push(format!(
                "{id} ({:?}): `built` must {}",
                r.status,
                if expects_layers {
                    "name the layers it is built in"
                } else {
                    "be empty"
                }
            ));
        }
        if r.built.windows(2).any(|w| matches!(w, [a, b] if a >= b)) {
            wrong.push(format!("{id}: `built` lists its layers once each, in order"));
        }
        let use_case = app_all.contains(id) || through_machine(id, &app_src);
        for layer in &r.built {
            let reached = match layer {
                Layer::Rule => rule.contains(id),
                Layer::Machine => machine.contains(id),
                Layer::UseCase => use_case,
                // A route is a thin adapter over a use case: the web service names the ID or the machine carrying
                // it, or calls the use case that names it.
                Layer::Api | Layer::Page => {
                    web_all.contains(id) || through_machine(id, &web_src) || app_code.contains(id)
                }
                Layer::Document => documents.contains(id),
            };
            if !reached {
                wrong.push(format!("{id}: built in {layer:?}, but that layer does not reach it"));
            }
        }
        if r.status == Status::Implemented && !use_case_tests.contains(id) {
            wrong.push(format!(
                "{id} is implemented, but no test in crates/app/tests or crates/web/tests names it"
            ));
        }
    }
    assert!(wrong.is_empty(), "statuses that claim too much:\n{}", wrong.join("\n"));
}

#[test]
fn identifier_use() {
    assert!(uses("use cases::quota_a14::{self};", "quota_a14"));
    assert!(!uses("quota_a14x", "quota_a14"));
}
