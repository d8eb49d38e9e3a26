//! No numeric literal with legal meaning in rule code: amounts, caps, counts of days come from `law/params`.
//! Rule code may use 0 and 1 (identities, the first member); anything else must be a parameter.

use crate::source::{rust_files, strip_comments_and_strings};

fn numbers_in(code: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in code.lines().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let starts_token = i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
            if chars[i].is_ascii_digit() && starts_token {
                let literal: String = chars[i..]
                    .iter()
                    .take_while(|c| c.is_alphanumeric() || **c == '_')
                    .collect();
                i += literal.len();
                let digits: String = literal
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || *c == '_')
                    .filter(|c| *c != '_')
                    .collect();
                if digits.parse::<u64>().is_ok_and(|v| v > 1) {
                    out.push((n + 1, literal));
                }
            } else {
                i += 1;
            }
        }
    }
    out
}

#[test]
fn rule_code_has_no_legal_numbers() {
    let mut found = Vec::new();
    for file in rust_files()
        .iter()
        .filter(|f| f.path.components().any(|c| c.as_os_str() == "rules"))
    {
        for (line, literal) in numbers_in(&strip_comments_and_strings(&file.code)) {
            found.push(format!("{}:{line}: {literal}", file.path.display()));
        }
    }
    assert!(
        found.is_empty(),
        "numeric literals in rule code (move them to law/params):\n{}",
        found.join("\n")
    );
}

#[test]
fn scanner_finds_literals_but_not_identifiers() {
    let found = numbers_in("let a = x1 + 20 + 1 + 0 + u8::MAX + 1_625u32 + p71;");
    assert_eq!(found, [(1, "20".to_owned()), (1, "1_625u32".to_owned())]);
}
