//! Helpers for the fixed-width ASCII forms the value types store.

/// Why a string is not `N` ASCII digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DigitsError {
    Length,
    NotDigits,
}

/// `s` without surrounding whitespace as exactly `N` ASCII digits.
///
/// The length is counted in characters, not bytes, so twelve characters with a Cyrillic letter among
/// them are "not digits" rather than "wrong length".
pub(crate) fn fixed_digits<const N: usize>(s: &str) -> Result<[u8; N], DigitsError> {
    let s = s.trim();
    if s.chars().count() != N {
        return Err(DigitsError::Length);
    }
    let mut out = [0u8; N];
    // With N characters, any multi-byte character starts within the first N bytes and is caught here.
    for (slot, b) in out.iter_mut().zip(s.bytes()) {
        if !b.is_ascii_digit() {
            return Err(DigitsError::NotDigits);
        }
        *slot = b;
    }
    Ok(out)
}

/// The stored ASCII bytes as text.
///
/// Every type keeps only bytes checked to be ASCII at construction, so the empty fallback is never taken;
/// it exists only because the standard library offers no infallible ASCII-to-`str` view.
pub(crate) fn as_str(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap_or_default()
}

/// The value of an ASCII digit.
pub(crate) const fn digit(b: u8) -> u8 {
    b.wrapping_sub(b'0')
}

/// The ASCII digit for `value % 10`.
pub(crate) const fn ascii_digit(value: u32) -> u8 {
    b'0' + (value % 10) as u8
}
