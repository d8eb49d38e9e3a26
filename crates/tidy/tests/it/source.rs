//! Reading the repository's Rust sources, split into production code and test code.

use std::fs;
use std::path::{Path, PathBuf};

pub(crate) fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repository root")
}

pub(crate) fn files_under(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else { return out };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            out.extend(files_under(&path, ext));
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
    out
}

/// A Rust file cut into the part that is production code and the part that is test code.
pub(crate) struct RustFile {
    pub(crate) path: PathBuf,
    pub(crate) code: String,
    pub(crate) tests: String,
}

/// Every `.rs` file under `crates/`: files in `tests/` or named `tests.rs` are all test code; elsewhere
/// everything from the first `#[cfg(test)]` on is test code.
pub(crate) fn rust_files() -> Vec<RustFile> {
    let root = repo_root();
    files_under(&root.join("crates"), "rs")
        .into_iter()
        .filter(|p| !p.starts_with(root.join("crates/tidy")))
        .map(|path| {
            let text = fs::read_to_string(&path).expect("readable source");
            let is_test_file = path.components().any(|c| c.as_os_str() == "tests")
                || path.file_name().is_some_and(|n| n == "tests.rs");
            let (code, tests) = if is_test_file {
                (String::new(), text)
            } else if let Some(at) = text.find("#[cfg(test)]") {
                (text[..at].to_owned(), text[at..].to_owned())
            } else {
                (text, String::new())
            };
            RustFile { path, code, tests }
        })
        .collect()
}

/// Removes comments and string/char literals, keeping line structure, so scans see only code tokens.
pub(crate) fn strip_comments_and_strings(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let chars: Vec<char> = src.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                if chars[i] == '\n' {
                    out.push('\n');
                }
                i += 1;
            }
            i += 2;
        } else if c == '"' || (c == 'r' && next == Some('"')) {
            let raw = c == 'r';
            i += if raw { 2 } else { 1 };
            while i < chars.len() && chars[i] != '"' {
                if !raw && chars[i] == '\\' {
                    i += 1;
                }
                if chars.get(i) == Some(&'\n') {
                    out.push('\n');
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' && chars.get(i + 2) == Some(&'\'') {
            i += 3;
            out.push_str("' '");
        } else if c == '\'' && next == Some('\\') {
            i += 2;
            while i < chars.len() && chars[i] != '\'' {
                i += 1;
            }
            i += 1;
            out.push_str("' '");
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

#[test]
fn stripping_keeps_code_only() {
    let src = "let a = 5; // 20 MCI\nlet s = \"RENT-02 30\"; /* 25 */ let c = '\\n'; let d = 'x';\n";
    let stripped = strip_comments_and_strings(src);
    assert!(stripped.contains("let a = 5;"));
    assert!(!stripped.contains("20") && !stripped.contains("30") && !stripped.contains("25"));
    assert_eq!(stripped.lines().count(), 2);
}
