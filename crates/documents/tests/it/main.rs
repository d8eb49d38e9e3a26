//! The documents crate end to end: every form rendered in both languages, read back with poppler, signed
//! and verified with pdfsig and openssl.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed step is a failed check"
)]

mod forms;
mod signatures;
mod support;
