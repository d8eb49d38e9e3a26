//! The shape of the repository: both store adapters apply the same migrations, and source files stay small
//! enough to read in one sitting.

use std::collections::BTreeSet;
use std::fs;

use crate::source::{files_under, repo_root};

/// Lines a Rust file may have before it should be split.
const BUDGET: usize = 800;

/// Files allowed above the budget, each with the ceiling it must stay under and why it is one piece.
const EXCEPTIONS: &[(&str, usize, &str)] = &[
    (
        "crates/web/tests/it/pages.rs",
        1500,
        "one page test per role, sharing the seeded service",
    ),
    (
        "crates/store/src/conformance.rs",
        1650,
        "the one conformance story both adapters run",
    ),
    (
        "crates/store-sqlite/src/lib.rs",
        1450,
        "the SQLite adapter binds every store operation",
    ),
    (
        "crates/store-postgres/src/lib.rs",
        1450,
        "the PostgreSQL adapter binds every store operation",
    ),
    (
        "crates/app/src/quota/intake.rs",
        1200,
        "the quota intake use cases over all three channels",
    ),
    (
        "crates/web/tests/it/matrix.rs",
        1000,
        "the authorisation matrix: every route against every role",
    ),
    (
        "crates/store/src/records.rs",
        950,
        "the records the store port reads and writes",
    ),
    (
        "crates/legal/src/calendar_data.rs",
        900,
        "the calendar's data, generated in form",
    ),
    (
        "crates/app/src/rent/bank.rs",
        1000,
        "payment orders, bank files and reconciliation of one chain",
    ),
    (
        "crates/store/src/plan.rs",
        900,
        "one command turned into rows, for every effect",
    ),
    (
        "crates/documents/src/layout.rs",
        900,
        "the page layout engine of the PDF forms",
    ),
];

fn lines(path: &std::path::Path) -> usize {
    fs::read_to_string(path).expect("readable source").lines().count()
}

#[test]
fn source_files_stay_within_the_size_budget() {
    let root = repo_root();
    let mut over = Vec::new();
    for path in files_under(&root.join("crates"), "rs") {
        let relative = path
            .strip_prefix(&root)
            .expect("under the root")
            .to_string_lossy()
            .into_owned();
        let limit = EXCEPTIONS
            .iter()
            .find(|(p, _, _)| *p == relative)
            .map_or(BUDGET, |(_, limit, _)| *limit);
        let count = lines(&path);
        if count > limit {
            over.push(format!("{relative}: {count} lines (limit {limit})"));
        }
    }
    assert!(
        over.is_empty(),
        "split these files or list them with a reason:\n{}",
        over.join("\n")
    );
}

#[test]
fn every_exception_is_still_needed() {
    let root = repo_root();
    for (path, limit, why) in EXCEPTIONS {
        assert!(!why.is_empty());
        let count = lines(&root.join(path));
        assert!(
            count > BUDGET,
            "{path} has {count} lines, within the budget: remove it from the exceptions"
        );
        assert!(*limit > BUDGET, "{path}: an exception's ceiling is above the budget");
    }
}

fn migration_names(adapter: &str) -> BTreeSet<String> {
    let dir = repo_root().join("crates").join(adapter).join("migrations");
    files_under(&dir, "sql")
        .iter()
        .map(|p| p.file_name().expect("a file").to_string_lossy().into_owned())
        .collect()
}

#[test]
fn both_adapters_have_the_same_migrations_and_apply_each() {
    let sqlite = migration_names("store-sqlite");
    let postgres = migration_names("store-postgres");
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, postgres, "a migration exists for one database only");
    for adapter in ["store-sqlite", "store-postgres"] {
        let lib = fs::read_to_string(repo_root().join("crates").join(adapter).join("src/lib.rs")).expect("lib.rs");
        let applied: Vec<&str> = lib
            .lines()
            .filter_map(|l| l.trim().strip_prefix("include_str!(\"../migrations/"))
            .filter_map(|l| l.strip_suffix("\"),"))
            .collect();
        let listed: BTreeSet<String> = applied.iter().map(|s| (*s).to_owned()).collect();
        assert_eq!(listed, sqlite, "{adapter} does not apply every migration of its folder");
        let mut sorted = applied.clone();
        sorted.sort_unstable();
        assert_eq!(applied, sorted, "{adapter} applies its migrations out of order");
    }
}
