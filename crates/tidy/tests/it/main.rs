//! Repository-wide checks. Each reads files of the repository as text.

#![allow(
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "helpers of test code: a failed read or a bad index is a failed check"
)]

mod interpretations;
mod language;
mod law_texts;
mod layout;
mod literals;
mod quotes;
mod source;
mod traceability;
