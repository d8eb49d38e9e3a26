//! Every point of law the rule code cites (`LegalRef::new(Act::RulesB, "71")`) and every reference in the
//! time-limit and Rules B parameter files has its text under a `### <point>` heading in `law/texts/`.

use std::collections::BTreeSet;
use std::fs;

use crate::source::{files_under, repo_root, rust_files};

fn text_file(act: &str) -> Option<&'static str> {
    match act {
        "RulesA" | "rules-a" => Some("law/texts/rules-a.kk.md"),
        "RulesB" | "rules-b" => Some("law/texts/rules-b.kk.md"),
        "Order359" | "order-359" => Some("law/texts/order-359.kk.md"),
        _ => None,
    }
}

fn headings(path: &str) -> BTreeSet<String> {
    let text = fs::read_to_string(repo_root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .filter_map(|l| l.strip_prefix("### "))
        .map(|h| h.trim().to_owned())
        .collect()
}

/// `(act, point)` pairs cited in Rust code.
fn cited_in_code() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for file in rust_files() {
        let mut rest = file.code.as_str();
        while let Some(pos) = rest.find("LegalRef::new(Act::") {
            rest = &rest[pos + "LegalRef::new(Act::".len()..];
            let act: String = rest.chars().take_while(|c| c.is_alphanumeric()).collect();
            let point = rest.split('"').nth(1).unwrap_or_default().to_owned();
            out.push((act, point, file.path.display().to_string()));
        }
    }
    out
}

/// `(act, point)` pairs in parameter files about the rules themselves.
fn cited_in_params() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for path in files_under(&repo_root().join("law/params"), "toml") {
        let text = fs::read_to_string(&path).expect("param file");
        for line in text.lines().filter(|l| l.starts_with("reference = ")) {
            let field = |name: &str| {
                line.split(&format!("{name} = \""))
                    .nth(1)
                    .and_then(|s| s.split('"').next())
                    .unwrap_or_default()
                    .to_owned()
            };
            out.push((field("act"), field("point"), path.display().to_string()));
        }
    }
    out
}

#[test]
fn cited_points_have_their_text() {
    let mut missing = Vec::new();
    let mut checked = 0;
    for (act, point, place) in cited_in_code().into_iter().chain(cited_in_params()) {
        // XREF points name the spec's list of external references, which by definition have no text here.
        if point.starts_with("XREF-") {
            continue;
        }
        let Some(file) = text_file(&act) else { continue };
        checked += 1;
        if !headings(file).contains(&point) {
            missing.push(format!("{place}: {act} {point} has no `### {point}` in {file}"));
        }
    }
    assert!(
        checked > 20,
        "the scan found too few citations ({checked}); is it still reading the right files?"
    );
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
