//! Every point of law the rule code cites (`LegalRef::new(Act::RulesB, "71")`) and every reference in the
//! time-limit and Rules B parameter files has its text under a `### <point>` heading in `law/texts/`; a value
//! whose point the order does not reproduce does not claim high confidence.

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
    sections(path).into_iter().map(|(h, _)| h).collect()
}

/// `(heading, body)` of every `### <point>` section of a text file.
fn sections(path: &str) -> Vec<(String, String)> {
    let text = fs::read_to_string(repo_root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if let Some(h) = line.strip_prefix("### ") {
            out.push((h.trim().to_owned(), String::new()));
        } else if let Some((_, body)) = out.last_mut() {
            body.push_str(line);
            body.push('\n');
        }
    }
    out
}

/// The section's text says the order does not contain the point (its value comes from outside, an XREF).
fn outside_the_order(body: &str) -> bool {
    body.trim_start().starts_with("_Not in the text of order No. 359")
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
    references_in_params()
        .into_iter()
        .map(|(act, point, _, place)| (act, point, place))
        .collect()
}

/// `(act, point, confidence, file)` of every reference in the parameter files.
fn references_in_params() -> Vec<(String, String, String, String)> {
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
            out.push((
                field("act"),
                field("point"),
                field("confidence"),
                path.display().to_string(),
            ));
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

#[test]
fn values_from_points_outside_the_order_do_not_claim_high_confidence() {
    let mut wrong = Vec::new();
    let mut outside = 0;
    for (act, point, confidence, place) in references_in_params() {
        let Some(file) = text_file(&act) else { continue };
        let Some((_, body)) = sections(file).into_iter().find(|(h, _)| *h == point) else {
            continue;
        };
        if outside_the_order(&body) {
            outside += 1;
            if confidence == "high" {
                wrong.push(format!(
                    "{place}: {act} {point} is not in the order (law/texts says so) but claims high confidence"
                ));
            }
        }
    }
    assert!(
        outside >= 2,
        "the scan found {outside} references to points outside the order (p.36.1, p.70)"
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
