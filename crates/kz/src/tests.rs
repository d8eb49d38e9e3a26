use std::collections::HashSet;

/// House style for error messages: lower case, no trailing period. (They cannot contain the input: no
/// error variant carries data.)
pub(crate) fn check_message(message: &str) {
    assert_eq!(message, message.to_lowercase(), "{message}");
    assert!(!message.ends_with('.'), "{message}");
    assert!(!message.is_empty());
}

#[test]
fn codes_are_unique_snake_case_and_prefixed_by_their_type() {
    let mut seen = HashSet::new();
    for code in crate::codes() {
        assert!(seen.insert(code), "duplicate code {code}");
        assert!(code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{code}");
        let prefix = code.split('_').next().unwrap();
        assert!(
            ["iin", "bin", "iban", "kato", "money", "mci"].contains(&prefix),
            "{code}"
        );
    }
    assert_eq!(seen.len(), 7 + 7 + 5 + 3 + 4 + 2);
}
