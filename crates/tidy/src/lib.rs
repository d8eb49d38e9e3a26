//! Repository checks run by `cargo test` (in the spirit of rust-analyzer's tidy tests): requirement
//! traceability, no legal numbers in rule code, every cited point of law present in `law/texts`.
//! The crate has no library code; the checks live in `tests/it`.
