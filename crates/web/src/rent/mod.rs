//! Rent compensation and the relocation subsidy on the web: the JSON routes (`api`), the citizen's application
//! and payments, the career centre's and the Labour Mobility Centre's forms on the case page, and the centre's
//! payroll page with the bank file and the bank's notification (`pages`). The use cases authorise.
//!
//! Requirements served: the application (RENT-04, RELOC-01), the career centre's sending on (RENT-05), the
//! decisions (RENT-06, RELOC-02) with the exclusions (RENT-07, RENT-08, RENT-09, RENT-10), the monthly payment
//! (RENT-01, RENT-02, RENT-03), the stop events (RENT-11, RENT-12, RENT-13, RENT-14, RENT-15, RENT-16), the
//! overpayment and its refund (RENT-17, RENT-18), the six-month window (RENT-19, RELOC-04, DEADLINE-01).

pub mod api;
pub mod pages;

/// A step's result as JSON.
pub(crate) fn stepped_json(s: &app::rent::Stepped) -> serde_json::Value {
    serde_json::json!({ "case": s.case.0, "state": s.state, "replayed": s.replayed })
}

/// The file name a bank file is downloaded under.
pub(crate) fn bank_file_name(message_id: &str) -> String {
    format!("{message_id}.pain001.xml")
}
