//! Every reading of the order that the code or a parameter makes is marked `INTERPRETATION(<label>):` where it is
//! made and listed under `## <label>` in `law/INTERPRETATIONS.md`, with its quote, the alternative reading, where
//! it is made and the requirements it touches; and every entry there is still made somewhere.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use crate::source::{files_under, repo_root, rust_files};
use crate::traceability::{ids_in, listed_ids};

const LIST: &str = "law/INTERPRETATIONS.md";
const MARKER: &str = "INTERPRETATION(";

/// The labels of the markers in a text.
fn labels(text: &str) -> Vec<String> {
    text.match_indices(MARKER)
        .filter_map(|(at, _)| {
            let rest = &text[at + MARKER.len()..];
            rest.find(')').map(|end| rest[..end].trim().to_owned())
        })
        .collect()
}

/// Every marker's label and the files (relative to the repository) that carry it: production Rust code under
/// `crates/` and the files of `law/`.
fn markers() -> BTreeMap<String, BTreeSet<String>> {
    let root = repo_root();
    let relative = |p: &std::path::Path| p.strip_prefix(&root).unwrap_or(p).display().to_string();
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in rust_files() {
        for label in labels(&file.code) {
            out.entry(label).or_default().insert(relative(&file.path));
        }
    }
    for path in files_under(&root.join("law"), "toml") {
        for label in labels(&fs::read_to_string(&path).expect("law file")) {
            out.entry(label).or_default().insert(relative(&path));
        }
    }
    out
}

/// An entry of the list: its fields by name (`Quote`, `Alternative`, `Where`, `Requirements`), each with the lines
/// that continue it.
#[derive(Debug, Default)]
struct Entry {
    fields: BTreeMap<String, String>,
}

fn entries() -> Vec<(String, Entry)> {
    let text = fs::read_to_string(repo_root().join(LIST)).expect("law/INTERPRETATIONS.md");
    let mut out: Vec<(String, Entry)> = Vec::new();
    let mut field: Option<String> = None;
    for line in text.lines() {
        if let Some(label) = line.strip_prefix("## ") {
            out.push((label.trim().to_owned(), Entry::default()));
            field = None;
        } else if let Some(rest) = line.strip_prefix("- **") {
            let Some((name, value)) = rest.split_once(":**") else {
                continue;
            };
            if let Some((_, entry)) = out.last_mut() {
                entry.fields.insert(name.to_owned(), value.trim().to_owned());
                field = Some(name.to_owned());
            }
        } else if line.starts_with("  ") && !line.trim().is_empty() {
            if let (Some(name), Some((_, entry))) = (&field, out.last_mut())
                && let Some(value) = entry.fields.get_mut(name)
            {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else {
            field = None;
        }
    }
    out
}

/// The paths between backquotes in a field.
fn paths(field: &str) -> BTreeSet<String> {
    field.split('`').skip(1).step_by(2).map(str::to_owned).collect()
}

#[test]
fn every_marked_reading_is_listed_and_every_listed_reading_is_marked() {
    let marked = markers();
    let listed = entries();
    assert!(
        marked.len() > 20,
        "the scan found only {} marked readings",
        marked.len()
    );
    let mut problems = Vec::new();
    let mut headings = BTreeSet::new();
    for (label, _) in &listed {
        if !headings.insert(label.clone()) {
            problems.push(format!("{LIST}: `## {label}` is listed twice"));
        }
    }
    for (label, files) in &marked {
        if !headings.contains(label) {
            problems.push(format!(
                "INTERPRETATION({label}) in {} has no `## {label}` in {LIST}",
                files.iter().cloned().collect::<Vec<_>>().join(", ")
            ));
        }
    }
    let known = listed_ids();
    for (label, entry) in &listed {
        let Some(files) = marked.get(label) else {
            problems.push(format!(
                "{LIST}: `## {label}` is marked nowhere (INTERPRETATION({label}))"
            ));
            continue;
        };
        for name in ["Quote", "Alternative", "Where", "Requirements"] {
            if entry.fields.get(name).is_none_or(|v| v.is_empty()) {
                problems.push(format!("{LIST}: `## {label}` has no **{name}**"));
            }
        }
        let named = entry.fields.get("Where").map(|w| paths(w)).unwrap_or_default();
        if named != *files {
            problems.push(format!(
                "{LIST}: `## {label}` says it is made in {named:?}; the markers are in {files:?}"
            ));
        }
        let ids = entry.fields.get("Requirements").map(|r| ids_in(r)).unwrap_or_default();
        if ids.is_empty() {
            problems.push(format!("{LIST}: `## {label}` names no requirement"));
        }
        for id in ids.difference(&known) {
            problems.push(format!(
                "{LIST}: `## {label}` names {id}, which is not in law/requirements.toml"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_marker_is_read_up_to_its_parenthesis() {
    assert_eq!(
        labels("// INTERPRETATION(B 71, flat amount): the table. INTERPRETATION(A 14): x"),
        ["B 71, flat amount", "A 14"]
    );
    assert_eq!(
        paths("`a/b.rs`, `law/c.toml`"),
        BTreeSet::from(["a/b.rs".to_owned(), "law/c.toml".to_owned()])
    );
}
