//! The payments crate's integration tests: one binary.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed unwrap or a bad index is a failed test"
)]

mod camt054;
mod ledger;
mod orders;
mod pain001;
mod reconcile;
mod support;
