//! Every Kazakh quotation «…» in the comments of the code and its tests, in the parameter and example files and in
//! `law/INTERPRETATIONS.md` is the act's own words: each piece between the ellipses («… ай сайын, он екі айдан көп
//! емес …») is found word for word in `law/texts`. String literals of Rust code are texts for people (catalog
//! keys, pages), not quotations of the act, and Russian quotations are not checked.

use std::fs;

use crate::source::{files_under, repo_root, rust_files};

/// Lower case with every run of whitespace made one space, so line breaks and the extraction's spacing don't count.
fn normal(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The law texts the quotations are checked against, normalised.
fn law_texts() -> String {
    files_under(&repo_root().join("law/texts"), "md")
        .into_iter()
        .map(|p| normal(&fs::read_to_string(p).expect("law text")))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The comments of Rust source, one line each (what follows `//`, doc comments included).
fn comments(code: &str) -> String {
    code.lines()
        .filter_map(|l| l.find("//").map(|at| &l[at..]))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether a quotation is Kazakh: it has a letter of the Kazakh alphabet that Russian does not have.
fn kazakh(quote: &str) -> bool {
    quote.chars().any(|c| "әғқңөұүһіӘҒҚҢӨҰҮҺІ".contains(c))
}

/// A source's text with comment markers and quote markers (`//!`, `///`, `//`, `#`, `>`) taken off each line and
/// the lines joined, so a quotation broken over comment lines reads as one.
fn prose(text: &str) -> String {
    // A quotation mark inside a quoted TOML or Rust string is escaped.
    let text = text.replace("\\\"", "\"");
    text.lines()
        .map(|l| {
            let l = l.trim_start();
            let l = ["//!", "///", "//", "#"]
                .iter()
                .find_map(|m| l.strip_prefix(m))
                .unwrap_or(l)
                .trim_start();
            l.strip_prefix('>').unwrap_or(l).trim()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The quotations «…» of a text.
fn quotations(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('«') {
        let after = &rest[open + '«'.len_utf8()..];
        let Some(close) = after.find('»') else { break };
        out.push(after[..close].to_owned());
        rest = &after[close + '»'.len_utf8()..];
    }
    out
}

/// The pieces of a quotation between its ellipses, without the punctuation at their ends.
fn pieces(quote: &str) -> Vec<String> {
    quote
        .replace("...", "…")
        .split('…')
        .map(|p| normal(p.trim_matches(|c: char| c.is_whitespace() || ",.;:".contains(c))))
        .filter(|p| !p.is_empty())
        .collect()
}

#[test]
fn quotations_are_the_acts_words() {
    let law = law_texts();
    let mut sources: Vec<(String, String)> = rust_files()
        .into_iter()
        .map(|f| {
            (
                f.path.display().to_string(),
                comments(&format!("{}\n{}", f.code, f.tests)),
            )
        })
        .collect();
    let list = repo_root().join("law/INTERPRETATIONS.md");
    sources.push((
        list.display().to_string(),
        fs::read_to_string(&list).expect("interpretations"),
    ));
    for dir in ["law/params", "law/examples"] {
        for path in files_under(&repo_root().join(dir), "toml") {
            sources.push((path.display().to_string(), fs::read_to_string(&path).expect("toml")));
        }
    }
    let mut checked = 0;
    let mut wrong = Vec::new();
    for (path, text) in sources {
        for quote in quotations(&prose(&text)) {
            if !kazakh(&quote) {
                continue;
            }
            for piece in pieces(&quote) {
                checked += 1;
                if !law.contains(&piece) {
                    wrong.push(format!("{path}: «{piece}» is not in law/texts"));
                }
            }
        }
    }
    assert!(checked > 50, "the scan found only {checked} quoted pieces");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_quotation_is_read_across_comment_lines_and_ellipses() {
    let text = "//! > «Материалдық көмек … өңірлік\n//! > квотаға енгізілген» and «x»";
    let quotes = quotations(&prose(text));
    assert_eq!(quotes.len(), 2);
    assert!(kazakh(&quotes[0]) && !kazakh("Религиозные праздники"));
    assert_eq!(comments("let s = \"«x»\"; // «y»\n/// «z»"), "// «y»\n/// «z»");
    assert_eq!(pieces(&quotes[0]), ["материалдық көмек", "өңірлік квотаға енгізілген"]);
}
