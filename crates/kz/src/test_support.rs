//! Reference implementations for tests, written straight from kz-reference.md sections 3 and 4 and sharing
//! no code with the crate, so a test comparing the two checks the algorithm rather than itself.

const W1: [u32; 11] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const W2: [u32; 11] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/// For the first 11 digits of `number`: the pass-1 remainder and the check digit (`None`: unusable).
pub(crate) fn reference_check(number: &str) -> (u32, Option<u32>) {
    let d: Vec<u32> = number.chars().take(11).map(|c| c.to_digit(10).unwrap()).collect();
    let r1 = d.iter().zip(W1).map(|(a, w)| a * w).sum::<u32>() % 11;
    if r1 != 10 {
        return (r1, Some(r1));
    }
    let r2 = d.iter().zip(W2).map(|(a, w)| a * w).sum::<u32>() % 11;
    (r1, if r2 == 10 { None } else { Some(r2) })
}

fn real_date(year: u32, month: u32, day: u32) -> bool {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

fn num(s: &str, range: std::ops::Range<usize>) -> u32 {
    s[range].parse().unwrap()
}

fn check_digit_code(s: &str, mismatch: &'static str, unusable: &'static str) -> Result<(), &'static str> {
    match reference_check(s).1 {
        None => Err(unusable),
        Some(c) if c == s[11..].parse::<u32>().unwrap() => Ok(()),
        Some(_) => Err(mismatch),
    }
}

/// The error code an IIN validator must give for `s` (already trimmed), or `Ok`.
pub(crate) fn reference_iin(s: &str) -> Result<(), &'static str> {
    if s.chars().count() != 12 {
        return Err("iin_length");
    }
    if !s.chars().all(|c| c.is_ascii_digit()) {
        return Err("iin_not_digits");
    }
    let century = num(s, 6..7);
    if !(1..=6).contains(&century) {
        return Err("iin_century_digit");
    }
    let year = 1800 + 100 * ((century - 1) / 2) + num(s, 0..2);
    if !real_date(year, num(s, 2..4), num(s, 4..6)) {
        return Err("iin_birth_date");
    }
    check_digit_code(s, "iin_check_digit", "iin_unusable")
}

/// The error code a BIN validator must give for `s` (already trimmed), or `Ok`.
pub(crate) fn reference_bin(s: &str) -> Result<(), &'static str> {
    if s.chars().count() != 12 {
        return Err("bin_length");
    }
    if !s.chars().all(|c| c.is_ascii_digit()) {
        return Err("bin_not_digits");
    }
    if !(1..=12).contains(&num(s, 2..4)) {
        return Err("bin_month");
    }
    if !(4..=6).contains(&num(s, 4..5)) {
        return Err("bin_entity_type");
    }
    check_digit_code(s, "bin_check_digit", "bin_unusable")
}

/// The IBAN as one decimal number per ISO 13616: first four characters moved to the end, A = 10 … Z = 35.
pub(crate) fn iban_digits(canonical: &str) -> String {
    let rearranged = format!("{}{}", &canonical[4..], &canonical[..4]);
    rearranged
        .chars()
        .map(|c| c.to_digit(36).unwrap().to_string())
        .collect()
}

/// A decimal number (as text) modulo 97, one digit at a time.
pub(crate) fn mod97(decimal: &str) -> u32 {
    decimal.chars().fold(0, |r, c| (r * 10 + c.to_digit(10).unwrap()) % 97)
}

/// Whether `s` (canonical form) is a valid Kazakh IBAN: `KZ`, check digits 02..=98, a 3-digit bank code,
/// 13 upper-case alphanumerics, mod 97 = 1.
pub(crate) fn reference_iban_valid(s: &str) -> bool {
    let upper_alnum = |c: char| c.is_ascii_digit() || c.is_ascii_uppercase();
    s.len() == 20
        && s.starts_with("KZ")
        && s.chars().all(upper_alnum)
        && s[2..7].chars().all(|c| c.is_ascii_digit())
        && (2..=98).contains(&num(s, 2..4))
        && mod97(&iban_digits(s)) == 1
}
