//! Integration tests of the rules: the worked examples of `law/examples` and property tests.

#![allow(
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "helpers of test code: a failed read or a bad index is a failed check"
)]

mod examples;
mod prior_registration;
mod properties;
mod references;
