//! Matching what the bank reported against the orders that were sent.
//!
//! An entry belongs to the order whose id is its end-to-end id. When the entry also carries our instruction id
//! (`<order id>/<attempt>`), it must name the order's current attempt: a late notification about a payment
//! that was returned and re-issued since is [`Outcome::StaleAttempt`], never mistaken for the new one.
//!
//! The outcome of an order becomes at most one ledger event ([`Outcome::event`]): `Paid` settles it,
//! `Returned` returns it. Everything else is for a person to look at; the ledger refuses anything that would
//! pay an order twice in any case.

use std::collections::HashMap;

use jiff::civil::Date;
use kz::Money;

use crate::camt054::{BankEntry, EntryKind, EntryStatus, ReturnReason};
use crate::ledger::Event;
use crate::order::PaymentOrder;
use crate::text::OrderId;

/// What the notification says about one order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// No entry names the order.
    NotReported,
    /// Entries name it, none booked yet (pending or for information).
    Pending,
    /// One booked debit of the order's amount.
    Paid { booked_on: Option<Date> },
    /// One return of the order's amount (after its debit, or instead of it).
    Returned {
        reason: ReturnReason,
        booked_on: Option<Date>,
    },
    /// An entry of another amount than the order's.
    AmountMismatch { expected: Money, reported: Money },
    /// More than one booked debit, or more than one return, for the order: the bank may have paid it twice.
    Duplicate { debits: usize, returns: usize },
    /// An entry about an earlier attempt of an order that has been re-issued since.
    StaleAttempt { reported: String },
}

impl Outcome {
    /// The ledger event this outcome records, if it records one.
    pub fn event(&self) -> Option<Event> {
        match self {
            Outcome::Paid { .. } => Some(Event::Settle),
            Outcome::Returned { reason, .. } => Some(Event::Return { reason: reason.clone() }),
            Outcome::NotReported
            | Outcome::Pending
            | Outcome::AmountMismatch { .. }
            | Outcome::Duplicate { .. }
            | Outcome::StaleAttempt { .. } => None,
        }
    }
}

/// The result of matching a notification against orders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reconciliation {
    /// Every order given, in the order given, with its outcome.
    pub orders: Vec<(OrderId, Outcome)>,
    /// Indices (into the entries given) of the entries that name no order given: credits of other kinds, other
    /// payers' payments, ids we never issued.
    pub unknown_entries: Vec<usize>,
}

/// Matches `entries` to `orders`.
///
/// Orders should be those named by the entries (the import looks them up by end-to-end id) and may include
/// more; an order id given twice counts once, with the first of its orders.
pub fn reconcile(orders: &[PaymentOrder], entries: &[BankEntry]) -> Reconciliation {
    let mut by_id: HashMap<&str, Vec<(usize, &BankEntry)>> = HashMap::new();
    let known: HashMap<&str, &PaymentOrder> = orders.iter().rev().map(|o| (o.id().as_str(), o)).collect();
    let mut unknown_entries = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        let id = entry.end_to_end_id.as_deref().map(str::trim);
        // A credit without return information is never the outcome of a payment of ours.
        let ours = id.filter(|id| known.contains_key(id) && entry.kind != EntryKind::Credit);
        match ours {
            Some(id) => by_id.entry(id).or_default().push((index, entry)),
            None => unknown_entries.push(index),
        }
    }
    let mut seen = std::collections::HashSet::new();
    let orders = orders
        .iter()
        .filter(|order| seen.insert(order.id().as_str()))
        .map(|order| {
            let named = by_id.get(order.id().as_str()).map(Vec::as_slice).unwrap_or_default();
            (order.id().clone(), outcome(order, named))
        })
        .collect();
    Reconciliation {
        orders,
        unknown_entries,
    }
}

fn outcome(order: &PaymentOrder, entries: &[(usize, &BankEntry)]) -> Outcome {
    if entries.is_empty() {
        return Outcome::NotReported;
    }
    let current = order.instruction_id();
    if let Some(stale) = entries
        .iter()
        .filter_map(|(_, e)| e.instruction_id.as_deref().map(str::trim))
        .find(|reported| *reported != current)
    {
        return Outcome::StaleAttempt {
            reported: stale.to_owned(),
        };
    }
    if let Some((_, wrong)) = entries.iter().find(|(_, e)| e.amount != order.amount()) {
        return Outcome::AmountMismatch {
            expected: order.amount(),
            reported: wrong.amount,
        };
    }
    let booked = |e: &&(usize, &BankEntry)| e.1.status == EntryStatus::Booked;
    let debits: Vec<_> = entries
        .iter()
        .filter(booked)
        .filter(|(_, e)| e.kind == EntryKind::Debit)
        .collect();
    let returns: Vec<_> = entries
        .iter()
        .filter(booked)
        .filter_map(|(_, e)| match &e.kind {
            EntryKind::Return { reason } => Some((reason, e.booking_date)),
            EntryKind::Debit | EntryKind::Credit => None,
        })
        .collect();
    match (debits.as_slice(), returns.as_slice()) {
        ([], []) => Outcome::Pending,
        ([(_, debit)], []) => Outcome::Paid {
            booked_on: debit.booking_date,
        },
        ([] | [_], [(reason, booked_on)]) => Outcome::Returned {
            reason: (*reason).clone(),
            booked_on: *booked_on,
        },
        (debits, returns) => Outcome::Duplicate {
            debits: debits.len(),
            returns: returns.len(),
        },
    }
}
