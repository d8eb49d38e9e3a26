//! The mod-11 check digit shared by the IIN and the BIN (Government Decree No. 406 of 22 May 2007).
//!
//! Not a perfect single-error detector, and tests pin exactly where: the 11th digit has pass-1 weight
//! 11 ≡ 0, so whenever pass 1 applies a change of that digit goes unnoticed; and a change elsewhere can
//! slip through when it moves the number into or out of the second pass.

use crate::ascii::digit;

const PASS_1: [u32; 11] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const PASS_2: [u32; 11] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/// The check digit for the first 11 ASCII digits of `number` (the 12th is ignored).
///
/// `None` when both passes give 10: no number with that prefix is ever issued.
pub(crate) fn check_digit(number: &[u8; 12]) -> Option<u8> {
    let remainder = |weights: &[u32; 11]| {
        let sum: u32 = number.iter().zip(weights).map(|(&b, &w)| u32::from(digit(b)) * w).sum();
        sum % 11
    };
    match remainder(&PASS_1) {
        10 => match remainder(&PASS_2) {
            10 => None,
            r => Some(r as u8),
        },
        r => Some(r as u8),
    }
}

/// Whether the 12th digit of `number` is its check digit; `Err(Unusable)` when the prefix has no check digit.
pub(crate) fn verify(number: &[u8; 12]) -> Result<bool, Unusable> {
    let [.., last] = *number;
    check_digit(number).map(|c| c == digit(last)).ok_or(Unusable)
}

/// The 11-digit prefix has no check digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Unusable;
