//! The double-entry ledger of benefit payments: what happens to one order, as balanced postings.
//!
//! Every event of an order becomes one [`PostingSet`]: a debit and a credit of the same amount, booked under
//! the order's budget line and region. The state of an order is never stored beside its postings: it is
//! derived from them ([`OrderLedger::replay`]), so the two cannot disagree.
//!
//! ```text
//! (none) ──accrue(amount)──▶ Accrued        Dr Expense     Cr Accrued     decision to pay taken
//! Accrued ──approve────────▶ Payable        Dr Accrued     Cr Payable     approved for payment
//! Payable ──export(msg)────▶ Sent           Dr Payable     Cr InTransit   in a pain.001 file sent to the bank
//! Sent ──settle────────────▶ Settled        Dr InTransit   Cr Bank        the bank booked the debit (camt.054)
//! Sent ──return(reason)────▶ Returned       Dr InTransit   Cr Returned    rejected or returned before we saw it booked
//! Settled ──return(reason)─▶ Returned       Dr Bank        Cr Returned    the payee's bank sent the money back
//! Returned ──reissue───────▶ Payable        Dr Returned    Cr Payable     new account, next attempt
//! Accrued | Payable | Returned ──cancel──▶ Cancelled      Dr <that one>  Cr Expense   the decision no longer pays
//! Settled ──overpaid(x, basis)──▶ Overpaid  Dr Receivable  Cr Expense     B p.72 parts 7–8: refund due   RENT-17
//! Overpaid ──recover(y)────▶ Overpaid | Recovered   Dr Bank  Cr Receivable   money refunded           RENT-18
//! ```
//!
//! Rules B p.72 part 8 names three ways an overpayment is recovered: on the applicant's own application, on a
//! decision of the Labour Mobility Centre, on a court decision ([`RecoveryBasis`], RENT-18).
//!
//! **An order is paid at most once.** Money leaves the bank account only on `settle`, only from `Sent`, and
//! an order is `Sent` again only after a `return` and a `reissue`, which take the payment back first. A
//! second `settle` is [`LedgerError::AlreadySettled`]; a `reissue` of an order that was not returned is
//! [`LedgerError::ReissueNotReturned`].
//!
//! Accounts, all per budget line and region, with debits positive: `Expense` (budget spent), `Accrued`,
//! `Payable`, `InTransit` (sent, not yet confirmed), `Returned` (came back, owed to the payee again),
//! `Receivable` (overpaid, owed back by the payee) and `Bank` (the payer's account: negative by what left it).

use std::collections::BTreeMap;

use jiff::civil::Date;
use kz::{ErrorCode, Kato, Money};

use crate::camt054::ReturnReason;
use crate::order::{MAX_ATTEMPT, PaymentOrder};
use crate::text::{BudgetLine, MessageId, OrderId};

/// How an overpayment is to be recovered (B p.72 part 8, RENT-18).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecoveryBasis {
    /// On the recipient's own application (the spec reads «арызданушы» as the recipient, AMB-36).
    ApplicantStatement,
    /// On a decision of the Labour Mobility Centre.
    CentreDecision,
    /// On a court decision.
    CourtDecision,
}

/// Something that happened to an order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The decision to pay: the order's amount becomes a budget expense.
    Accrue { amount: Money },
    /// Approved for payment.
    Approve,
    /// Written into the bank file `message_id`.
    Export { message_id: MessageId },
    /// The bank booked the debit.
    Settle,
    /// The payment came back (or was rejected), with the bank's reason.
    Return { reason: ReturnReason },
    /// A returned order is to be paid again, to the account the payee gave since.
    Reissue,
    /// The order will not be paid (the decision was revoked or the case ended before payment).
    Cancel,
    /// `amount` of what was paid was not due and is to be refunded, on `basis`.
    Overpaid { amount: Money, basis: RecoveryBasis },
    /// `amount` of an overpayment was refunded to the payer's account.
    Recover { amount: Money },
}

impl Event {
    /// A stable snake_case name, for storage and error messages.
    pub fn name(&self) -> &'static str {
        match self {
            Event::Accrue { .. } => "accrue",
            Event::Approve => "approve",
            Event::Export { .. } => "export",
            Event::Settle => "settle",
            Event::Return { .. } => "return",
            Event::Reissue => "reissue",
            Event::Cancel => "cancel",
            Event::Overpaid { .. } => "overpaid",
            Event::Recover { .. } => "recover",
        }
    }
}

/// Where an order stands, derived from its postings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderState {
    Accrued,
    Payable,
    Sent {
        message_id: MessageId,
    },
    Settled,
    Returned {
        reason: ReturnReason,
    },
    Cancelled,
    /// Part or all of the payment is owed back; `outstanding` is what remains to be refunded.
    Overpaid {
        outstanding: Money,
        basis: RecoveryBasis,
    },
    /// The overpayment was refunded in full.
    Recovered {
        basis: RecoveryBasis,
    },
}

impl OrderState {
    /// A stable snake_case name, for storage and error messages.
    pub fn name(&self) -> &'static str {
        match self {
            OrderState::Accrued => "accrued",
            OrderState::Payable => "payable",
            OrderState::Sent { .. } => "sent",
            OrderState::Settled => "settled",
            OrderState::Returned { .. } => "returned",
            OrderState::Cancelled => "cancelled",
            OrderState::Overpaid { .. } => "overpaid",
            OrderState::Recovered { .. } => "recovered",
        }
    }
}

/// A ledger account, kept per budget line and region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AccountKind {
    Expense,
    Accrued,
    Payable,
    InTransit,
    Returned,
    Receivable,
    Bank,
}

/// The budget line and region postings are booked under.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BudgetKey {
    pub budget_line: BudgetLine,
    /// A region-level KATO code.
    pub region: Kato,
}

impl BudgetKey {
    /// The key an order books under: its budget line and its region.
    pub fn of(order: &PaymentOrder) -> BudgetKey {
        BudgetKey {
            budget_line: order.budget_line().clone(),
            region: order.region_code(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    Debit,
    Credit,
}

/// One side of a posting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Leg {
    pub account: AccountKind,
    pub side: Side,
    pub amount: Money,
}

impl Leg {
    /// The leg's effect on its account's balance: debits positive, credits negative.
    pub fn signed(&self) -> Option<i64> {
        match self.side {
            Side::Debit => Some(self.amount.tiyn()),
            Side::Credit => self.amount.tiyn().checked_neg(),
        }
    }
}

/// The postings of one event of one order, all under one budget key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostingSet {
    pub order: OrderId,
    pub key: BudgetKey,
    pub on: Date,
    pub event: Event,
    pub legs: Vec<Leg>,
}

impl PostingSet {
    /// Checks that the set balances: positive legs whose debits equal their credits.
    pub fn check_balanced(&self) -> Result<(), LedgerError> {
        let mut sum = 0i64;
        for leg in &self.legs {
            if leg.amount.tiyn() <= 0 {
                return Err(LedgerError::AmountNotPositive);
            }
            sum = leg
                .signed()
                .and_then(|v| sum.checked_add(v))
                .ok_or(LedgerError::Overflow)?;
        }
        if sum != 0 || self.legs.is_empty() {
            return Err(LedgerError::Unbalanced);
        }
        Ok(())
    }
}

/// Why an event cannot be posted, or why stored postings do not make a valid history.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LedgerError {
    /// An event other than `accrue` for an order with no postings, or postings that do not start with one.
    #[error("the order has not been accrued")]
    NotAccrued,
    /// `accrue` for an order that already has postings.
    #[error("the order is already accrued")]
    AlreadyAccrued,
    /// `settle` for an order already paid: the bank would have paid it twice.
    #[error("the order is already settled")]
    AlreadySettled,
    /// `settle` or `return` for an order that was never sent (or was returned or cancelled since).
    #[error("the order is not with the bank")]
    NotSent,
    /// `reissue` for an order that was not returned.
    #[error("only a returned order can be re-issued")]
    ReissueNotReturned,
    /// An event that does not fit the order's state.
    #[error("{event} is not possible for an order that is {state}")]
    Transition { state: &'static str, event: &'static str },
    /// A zero or negative amount.
    #[error("amount must be positive")]
    AmountNotPositive,
    /// An overpayment larger than what was paid.
    #[error("the overpayment is larger than the payment")]
    OverpaymentExceedsPayment,
    /// A refund larger than what is still owed.
    #[error("the refund is larger than what is owed")]
    RecoveryExceedsDebt,
    /// More re-issues than the instruction id can count.
    #[error("the order has been re-issued too many times")]
    TooManyAttempts,
    /// A posting set whose debits and credits differ (or that has no legs).
    #[error("the postings do not balance")]
    Unbalanced,
    /// Stored postings that differ from what their event posts, or that belong to another order or key.
    #[error("the stored postings do not match their events")]
    Mismatch,
    /// A sum beyond the range of the amount type.
    #[error("amount overflow")]
    Overflow,
}

impl LedgerError {
    pub const CODES: &'static [&'static str] = &[
        "ledger_not_accrued",
        "ledger_already_accrued",
        "ledger_already_settled",
        "ledger_not_sent",
        "ledger_reissue_not_returned",
        "ledger_transition",
        "ledger_amount_not_positive",
        "ledger_overpayment_exceeds_payment",
        "ledger_recovery_exceeds_debt",
        "ledger_too_many_attempts",
        "ledger_unbalanced",
        "ledger_mismatch",
        "ledger_overflow",
    ];
}

impl ErrorCode for LedgerError {
    fn code(&self) -> &'static str {
        match self {
            LedgerError::NotAccrued => "ledger_not_accrued",
            LedgerError::AlreadyAccrued => "ledger_already_accrued",
            LedgerError::AlreadySettled => "ledger_already_settled",
            LedgerError::NotSent => "ledger_not_sent",
            LedgerError::ReissueNotReturned => "ledger_reissue_not_returned",
            LedgerError::Transition { .. } => "ledger_transition",
            LedgerError::AmountNotPositive => "ledger_amount_not_positive",
            LedgerError::OverpaymentExceedsPayment => "ledger_overpayment_exceeds_payment",
            LedgerError::RecoveryExceedsDebt => "ledger_recovery_exceeds_debt",
            LedgerError::TooManyAttempts => "ledger_too_many_attempts",
            LedgerError::Unbalanced => "ledger_unbalanced",
            LedgerError::Mismatch => "ledger_mismatch",
            LedgerError::Overflow => "ledger_overflow",
        }
    }
}

/// One order as its postings tell it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderLedger {
    order: OrderId,
    key: BudgetKey,
    amount: Money,
    state: OrderState,
    attempt: u8,
    paid: Money,
    recovered: Money,
}

impl OrderLedger {
    /// The accrual of an order: its first posting set.
    pub fn accrue(order: &PaymentOrder, on: Date) -> Result<(OrderLedger, PostingSet), LedgerError> {
        OrderLedger::start(order.id().clone(), BudgetKey::of(order), order.amount(), on)
    }

    /// The accrual of `amount` for the order `order` under `key`.
    pub fn start(
        order: OrderId,
        key: BudgetKey,
        amount: Money,
        on: Date,
    ) -> Result<(OrderLedger, PostingSet), LedgerError> {
        if amount.tiyn() <= 0 {
            return Err(LedgerError::AmountNotPositive);
        }
        let ledger = OrderLedger {
            order,
            key,
            amount,
            state: OrderState::Accrued,
            attempt: 1,
            paid: Money::ZERO,
            recovered: Money::ZERO,
        };
        let set = ledger.set(
            on,
            Event::Accrue { amount },
            AccountKind::Expense,
            AccountKind::Accrued,
            amount,
        );
        Ok((ledger, set))
    }

    /// The order after `event`, with the postings that record it; the order itself is not changed.
    pub fn apply(&self, event: Event, on: Date) -> Result<(OrderLedger, PostingSet), LedgerError> {
        use AccountKind as A;
        use OrderState as S;
        let amount = self.amount;
        let mut next = self.clone();
        let (debit, credit, posted) = match (&self.state, &event) {
            (_, Event::Accrue { .. }) => return Err(LedgerError::AlreadyAccrued),
            (S::Accrued, Event::Approve) => {
                next.state = S::Payable;
                (A::Accrued, A::Payable, amount)
            }
            (S::Payable, Event::Export { message_id }) => {
                next.state = S::Sent {
                    message_id: message_id.clone(),
                };
                (A::Payable, A::InTransit, amount)
            }
            (S::Sent { .. }, Event::Settle) => {
                next.state = S::Settled;
                next.paid = add(self.paid, amount)?;
                (A::InTransit, A::Bank, amount)
            }
            (S::Settled | S::Overpaid { .. } | S::Recovered { .. }, Event::Settle) => {
                return Err(LedgerError::AlreadySettled);
            }
            (S::Accrued | S::Payable | S::Returned { .. } | S::Cancelled, Event::Settle | Event::Return { .. }) => {
                return Err(LedgerError::NotSent);
            }
            (S::Sent { .. }, Event::Return { reason }) => {
                next.state = S::Returned { reason: reason.clone() };
                (A::InTransit, A::Returned, amount)
            }
            (S::Settled, Event::Return { reason }) => {
                next.state = S::Returned { reason: reason.clone() };
                next.paid = sub(self.paid, amount)?;
                (A::Bank, A::Returned, amount)
            }
            (S::Returned { .. }, Event::Reissue) => {
                if self.attempt >= MAX_ATTEMPT {
                    return Err(LedgerError::TooManyAttempts);
                }
                next.state = S::Payable;
                next.attempt = self.attempt + 1;
                (A::Returned, A::Payable, amount)
            }
            (_, Event::Reissue) => return Err(LedgerError::ReissueNotReturned),
            (S::Accrued, Event::Cancel) => {
                next.state = S::Cancelled;
                (A::Accrued, A::Expense, amount)
            }
            (S::Payable, Event::Cancel) => {
                next.state = S::Cancelled;
                (A::Payable, A::Expense, amount)
            }
            (S::Returned { .. }, Event::Cancel) => {
                next.state = S::Cancelled;
                (A::Returned, A::Expense, amount)
            }
            (
                S::Settled,
                Event::Overpaid {
                    amount: overpaid,
                    basis,
                },
            ) => {
                positive(*overpaid)?;
                if *overpaid > self.paid {
                    return Err(LedgerError::OverpaymentExceedsPayment);
                }
                next.state = S::Overpaid {
                    outstanding: *overpaid,
                    basis: *basis,
                };
                (A::Receivable, A::Expense, *overpaid)
            }
            (S::Overpaid { outstanding, basis }, Event::Recover { amount: refunded }) => {
                positive(*refunded)?;
                let left = sub(*outstanding, *refunded)?;
                if left.is_negative() {
                    return Err(LedgerError::RecoveryExceedsDebt);
                }
                next.recovered = add(self.recovered, *refunded)?;
                next.state = if left == Money::ZERO {
                    S::Recovered { basis: *basis }
                } else {
                    S::Overpaid {
                        outstanding: left,
                        basis: *basis,
                    }
                };
                (A::Bank, A::Receivable, *refunded)
            }
            (
                S::Accrued
                | S::Payable
                | S::Sent { .. }
                | S::Settled
                | S::Returned { .. }
                | S::Cancelled
                | S::Overpaid { .. }
                | S::Recovered { .. },
                Event::Approve
                | Event::Export { .. }
                | Event::Return { .. }
                | Event::Cancel
                | Event::Overpaid { .. }
                | Event::Recover { .. },
            ) => {
                return Err(LedgerError::Transition {
                    state: self.state.name(),
                    event: event.name(),
                });
            }
        };
        let set = self.set(on, event, debit, credit, posted);
        Ok((next, set))
    }

    /// The order as told by its posting sets, in the order they were posted; each set must be exactly what
    /// its event posts from the state before it (so a stored set that was edited is [`LedgerError::Mismatch`]).
    pub fn replay<'a>(sets: impl IntoIterator<Item = &'a PostingSet>) -> Result<OrderLedger, LedgerError> {
        let mut sets = sets.into_iter();
        let first = sets.next().ok_or(LedgerError::NotAccrued)?;
        let Event::Accrue { amount } = first.event else {
            return Err(LedgerError::NotAccrued);
        };
        first.check_balanced()?;
        let (mut ledger, expected) = OrderLedger::start(first.order.clone(), first.key.clone(), amount, first.on)?;
        if &expected != first {
            return Err(LedgerError::Mismatch);
        }
        for set in sets {
            set.check_balanced()?;
            let (next, expected) = ledger.apply(set.event.clone(), set.on)?;
            if &expected != set {
                return Err(LedgerError::Mismatch);
            }
            ledger = next;
        }
        Ok(ledger)
    }

    pub fn order(&self) -> &OrderId {
        &self.order
    }

    pub fn key(&self) -> &BudgetKey {
        &self.key
    }

    pub fn amount(&self) -> Money {
        self.amount
    }

    pub fn state(&self) -> &OrderState {
        &self.state
    }

    /// 1, plus one for each re-issue.
    pub fn attempt(&self) -> u8 {
        self.attempt
    }

    /// What left the payer's account for this order and did not come back as a return: the order's amount
    /// once settled, otherwise zero. Refunds of an overpayment are counted apart ([`OrderLedger::recovered`]).
    pub fn paid(&self) -> Money {
        self.paid
    }

    /// What the payee refunded of an overpayment.
    pub fn recovered(&self) -> Money {
        self.recovered
    }

    fn set(&self, on: Date, event: Event, debit: AccountKind, credit: AccountKind, amount: Money) -> PostingSet {
        PostingSet {
            order: self.order.clone(),
            key: self.key.clone(),
            on,
            event,
            legs: vec![
                Leg {
                    account: debit,
                    side: Side::Debit,
                    amount,
                },
                Leg {
                    account: credit,
                    side: Side::Credit,
                    amount,
                },
            ],
        }
    }
}

fn positive(amount: Money) -> Result<(), LedgerError> {
    if amount.tiyn() <= 0 {
        return Err(LedgerError::AmountNotPositive);
    }
    Ok(())
}

fn add(a: Money, b: Money) -> Result<Money, LedgerError> {
    a.checked_add(b).ok_or(LedgerError::Overflow)
}

fn sub(a: Money, b: Money) -> Result<Money, LedgerError> {
    a.checked_sub(b).ok_or(LedgerError::Overflow)
}

/// The balance of every account under every key (debits positive), over any posting sets.
///
/// Every set balances, so the balances under each key sum to zero; [`check_trial_balance`] says so or names
/// the key that does not.
pub fn balances<'a>(
    sets: impl IntoIterator<Item = &'a PostingSet>,
) -> Result<BTreeMap<(BudgetKey, AccountKind), i64>, LedgerError> {
    let mut out: BTreeMap<(BudgetKey, AccountKind), i64> = BTreeMap::new();
    for set in sets {
        for leg in &set.legs {
            let balance = out.entry((set.key.clone(), leg.account)).or_insert(0);
            *balance = leg
                .signed()
                .and_then(|v| balance.checked_add(v))
                .ok_or(LedgerError::Overflow)?;
        }
    }
    Ok(out)
}

/// Checks that the balances under each budget key sum to zero.
pub fn check_trial_balance(balances: &BTreeMap<(BudgetKey, AccountKind), i64>) -> Result<(), LedgerError> {
    let mut per_key: BTreeMap<&BudgetKey, i64> = BTreeMap::new();
    for ((key, _), balance) in balances {
        let sum = per_key.entry(key).or_insert(0);
        *sum = sum.checked_add(*balance).ok_or(LedgerError::Overflow)?;
    }
    if per_key.values().any(|sum| *sum != 0) {
        return Err(LedgerError::Unbalanced);
    }
    Ok(())
}
