//! The payments core: payment orders, their double-entry ledger, the bank file out (ISO 20022
//! pain.001.001.09) and the bank's notifications in (camt.054.001.08).
//!
//! Every support measure pays through this crate: rent and utilities month by month, the relocation subsidy,
//! the economic mobility certificate, the employer subsidy and the employer's housing part (see [`order`]).
//!
//! - [`PaymentOrder`]: one transfer to one payee, checked whole; the payee's BIC is resolved from the IBAN's
//!   bank code through the `kz` bank table.
//! - [`OrderLedger`]: the events of an order (accrue, approve, export, settle, return, reissue, cancel,
//!   overpaid, recover) as balanced [`PostingSet`]s per budget line and region; the state of an order is
//!   derived from its postings, and an order is paid at most once.
//! - [`pain001`] and the streaming [`Pain001Writer`]: the bank file for a payer ([`PayerConfig`]).
//! - [`camt054`] (and the streaming [`camt054_each`]): the bank's notification read into [`BankEntry`]s;
//!   [`reconcile`] matches them to orders.
//!
//! The crate is pure: values in, values or bytes out. It does no IO of its own (the writer writes to the
//! sink its caller gives it), reads no clock (times and ids are parameters) and does not log. Money is
//! [`kz::Money`], integer tiyn, everywhere: no floating point.
//!
//! ```
//! use jiff::civil::date;
//! use payments::{Event, OrderLedger, OrderState};
//! # use payments::{BudgetKey, BudgetLine, OrderId};
//! # let key = BudgetKey { budget_line: BudgetLine::parse("252-105-015")?, region: kz::Kato::parse("750000000")? };
//! # let id = OrderId::parse("QN-75-2026-000123-R03")?;
//! # let amount = kz::Money::from_tenge(108_125).ok_or("amount")?;
//!
//! let (accrued, _) = OrderLedger::start(id, key, amount, date(2026, 3, 2))?;
//! let (payable, _) = accrued.apply(Event::Approve, date(2026, 3, 2))?;
//! let message_id = payments::MessageId::parse("LMC75-20260303-1")?;
//! let (sent, _) = payable.apply(Event::Export { message_id }, date(2026, 3, 3))?;
//! let (settled, postings) = sent.apply(Event::Settle, date(2026, 3, 4))?;
//! postings.check_balanced()?;
//! assert_eq!(settled.state(), &OrderState::Settled);
//! assert_eq!(settled.paid(), amount);
//!
//! // Paying the same order again is refused with a stable code.
//! let again = settled.apply(Event::Settle, date(2026, 3, 5)).map_err(|e| kz::ErrorCode::code(&e));
//! assert_eq!(again.err(), Some("ledger_already_settled"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod amount;
pub mod camt054;
mod config;
pub mod ledger;
pub mod order;
pub mod pain001;
pub mod reconcile;
mod text;

pub use camt054::{BankEntry, EntryKind, EntryStatus, ParseError, ReturnReason, camt054, camt054_each};
pub use config::{NewPayer, PayerConfig, PayerError, PerMeasure};
pub use ledger::{
    AccountKind, BudgetKey, Event, LedgerError, Leg, OrderLedger, OrderState, PostingSet, RecoveryBasis, Side,
    balances, check_trial_balance,
};
pub use order::{DecisionRef, Measure, MeasureKind, Month, NewOrder, OrderError, Payee, PaymentOrder};
pub use pain001::{BatchSummary, ExportError, Pain001Writer, Totals, pain001};
pub use reconcile::{Outcome, Reconciliation, reconcile};
pub use text::{BudgetLine, Digits, EconomicCode, Knp, MessageId, OrderId, Reference, Text, TextError};

/// Every error code of this crate, for checking message catalogs.
pub fn codes() -> impl Iterator<Item = &'static str> {
    [
        TextError::CODES,
        OrderError::CODES,
        PayerError::CODES,
        LedgerError::CODES,
        ExportError::CODES,
        ParseError::CODES,
    ]
    .into_iter()
    .flatten()
    .copied()
}
