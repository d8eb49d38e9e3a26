//! Reading the bank's notifications: camt.054.001.08 (BankToCustomerDebitCreditNotificationV08).
//!
//! Version 08 is the notification of the same ISO 20022 release (2019) as the pain.001.001.09 we write, so the
//! two share their component types; `xsd/SOURCES.md` says where the schema comes from. Any other version is
//! refused ([`ParseError::UnsupportedMessage`]) rather than half read.
//!
//! Each transaction detail (`Ntry/NtryDtls/TxDtls`) becomes one [`BankEntry`]; an entry without details
//! becomes one on its own. The input is untrusted: anything that is not a well-formed notification is a
//! [`ParseError`], never a panic. Nesting depth and the text of one element are capped, and
//! [`camt054_each`] hands each entry over as it closes, so the memory held does not grow with the number of
//! entries.

use std::io::BufRead;

use jiff::civil::Date;
use kz::{ErrorCode, Iban, Money};
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

use crate::amount::{DecimalError, parse_decimal};

/// The namespace of the notification version this reader understands.
pub const CAMT054_NAMESPACE: &str = "urn:iso:std:iso:20022:tech:xsd:camt.054.001.08";

/// Deeper nesting than any notification has (the deepest path read is 8 levels).
const MAX_DEPTH: usize = 64;
/// More text in one element than any ISO 20022 notification field holds (the longest is 500 characters).
const MAX_TEXT_BYTES: usize = 4096;

/// Why the bank sent a payment back (ISO 20022 external return reason codes, `ExternalReturnReason1Code`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ReturnReason {
    /// AC01: the account number is wrong.
    IncorrectAccountNumber,
    /// AC03: the creditor account number is invalid.
    InvalidCreditorAccountNumber,
    /// AC04: the account is closed.
    ClosedAccount,
    /// AC06: the account is blocked.
    BlockedAccount,
    /// AG01: transactions of this kind are forbidden on the account.
    TransactionForbidden,
    /// AM05: a duplicate payment.
    Duplication,
    /// BE01: the name does not match the account holder.
    InconsistentWithEndCustomer,
    /// MD07: the account holder has died.
    EndCustomerDeceased,
    /// MS02: a reason the payee gave and did not specify.
    NotSpecifiedCustomer,
    /// MS03: a reason the bank gave and did not specify.
    NotSpecifiedAgent,
    /// RR04: a regulatory reason.
    RegulatoryReason,
    /// Another code of the ISO list, kept as sent.
    OtherCode(String),
    /// A bank's own reason (`Prtry`), kept as sent.
    Proprietary(String),
    /// A return or a reversal that gives no reason.
    Unstated,
}

impl ReturnReason {
    /// The reason for an ISO external code.
    pub fn from_code(code: &str) -> ReturnReason {
        match code {
            "AC01" => ReturnReason::IncorrectAccountNumber,
            "AC03" => ReturnReason::InvalidCreditorAccountNumber,
            "AC04" => ReturnReason::ClosedAccount,
            "AC06" => ReturnReason::BlockedAccount,
            "AG01" => ReturnReason::TransactionForbidden,
            "AM05" => ReturnReason::Duplication,
            "BE01" => ReturnReason::InconsistentWithEndCustomer,
            "MD07" => ReturnReason::EndCustomerDeceased,
            "MS02" => ReturnReason::NotSpecifiedCustomer,
            "MS03" => ReturnReason::NotSpecifiedAgent,
            "RR04" => ReturnReason::RegulatoryReason,
            other => ReturnReason::OtherCode(other.to_owned()),
        }
    }

    /// The ISO code (`AC04`), the bank's own text, or `""` when none was given.
    pub fn code(&self) -> &str {
        match self {
            ReturnReason::IncorrectAccountNumber => "AC01",
            ReturnReason::InvalidCreditorAccountNumber => "AC03",
            ReturnReason::ClosedAccount => "AC04",
            ReturnReason::BlockedAccount => "AC06",
            ReturnReason::TransactionForbidden => "AG01",
            ReturnReason::Duplication => "AM05",
            ReturnReason::InconsistentWithEndCustomer => "BE01",
            ReturnReason::EndCustomerDeceased => "MD07",
            ReturnReason::NotSpecifiedCustomer => "MS02",
            ReturnReason::NotSpecifiedAgent => "MS03",
            ReturnReason::RegulatoryReason => "RR04",
            ReturnReason::OtherCode(code) | ReturnReason::Proprietary(code) => code,
            ReturnReason::Unstated => "",
        }
    }

    /// Whether the payee has to give another account before the order is re-issued: the account itself was
    /// the problem (wrong, invalid, closed, blocked, or not the payee's).
    pub fn needs_new_account(&self) -> bool {
        matches!(
            self,
            ReturnReason::IncorrectAccountNumber
                | ReturnReason::InvalidCreditorAccountNumber
                | ReturnReason::ClosedAccount
                | ReturnReason::BlockedAccount
                | ReturnReason::TransactionForbidden
                | ReturnReason::InconsistentWithEndCustomer
        )
    }
}

/// The entry's status (`Sts`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum EntryStatus {
    /// BOOK: booked on the account.
    Booked,
    /// PDNG: not yet booked.
    Pending,
    /// INFO: for information only.
    Information,
    /// Another code or a proprietary status, kept as sent.
    Other(String),
}

/// What the entry did to the payer's account.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum EntryKind {
    /// A debit without return information: a payment that left.
    Debit,
    /// A return (an entry with return information, or a reversal), with its reason.
    Return { reason: ReturnReason },
    /// A credit without return information (not the return of a payment: a refund of an overpayment, say).
    Credit,
}

/// One transaction the bank reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankEntry {
    /// The end-to-end id, as sent: for our payments, the order id.
    pub end_to_end_id: Option<String>,
    /// The instruction id, as sent: for our payments, the order id, `/` and the attempt.
    pub instruction_id: Option<String>,
    pub amount: Money,
    pub kind: EntryKind,
    pub status: EntryStatus,
    pub booking_date: Option<Date>,
    /// The bank's own reference of the entry.
    pub account_servicer_ref: Option<String>,
    /// The account the notification is about, when given as an IBAN.
    pub account: Option<Iban>,
}

/// Why bytes are not a notification this reader accepts.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// The bytes are not UTF-8 (the encoding ISO 20022 messages use).
    #[error("notification is not utf-8 text")]
    NotUtf8,
    /// Not well-formed XML; `at` is the byte offset where reading stopped.
    #[error("notification is not well-formed xml (at byte {at})")]
    Xml { at: u64 },
    /// The input ends inside an element, or has no root element.
    #[error("notification ends before its last element is closed")]
    Truncated,
    /// A document type declaration or an entity other than XML's five (never in ISO 20022 messages, and the
    /// way entity-expansion attacks come in).
    #[error("notification declares a document type or uses an unknown entity")]
    Entity,
    /// The root is not a camt.054.001.08 `Document` with its notification.
    #[error("not a camt.054.001.08 notification")]
    UnsupportedMessage,
    /// Nesting deeper than any notification has.
    #[error("notification nests too deep")]
    TooDeep,
    /// An element with more text than any notification field holds.
    #[error("notification has an over-long text")]
    TextTooLong,
    /// A mandatory element is missing; `field` names it.
    #[error("notification lacks {field}")]
    Missing { field: &'static str },
    /// An amount that is not a non-negative decimal with at most two significant decimals.
    #[error("notification has an invalid amount")]
    Amount,
    /// An amount in a currency other than tenge.
    #[error("notification has an amount in a currency other than kzt")]
    Currency,
    /// A date or time that is not ISO 8601.
    #[error("notification has an invalid date")]
    Date,
    /// A debit/credit indicator other than `DBIT` or `CRDT`, or a reversal indicator that is not a boolean.
    #[error("notification has an invalid indicator")]
    Indicator,
}

impl ParseError {
    pub const CODES: &'static [&'static str] = &[
        "camt_not_utf8",
        "camt_xml",
        "camt_truncated",
        "camt_entity",
        "camt_unsupported_message",
        "camt_too_deep",
        "camt_text_too_long",
        "camt_missing",
        "camt_amount",
        "camt_currency",
        "camt_date",
        "camt_indicator",
    ];
}

impl ErrorCode for ParseError {
    fn code(&self) -> &'static str {
        match self {
            ParseError::NotUtf8 => "camt_not_utf8",
            ParseError::Xml { .. } => "camt_xml",
            ParseError::Truncated => "camt_truncated",
            ParseError::Entity => "camt_entity",
            ParseError::UnsupportedMessage => "camt_unsupported_message",
            ParseError::TooDeep => "camt_too_deep",
            ParseError::TextTooLong => "camt_text_too_long",
            ParseError::Missing { .. } => "camt_missing",
            ParseError::Amount => "camt_amount",
            ParseError::Currency => "camt_currency",
            ParseError::Date => "camt_date",
            ParseError::Indicator => "camt_indicator",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Debit,
    Credit,
}

#[derive(Debug, Default)]
struct TxDraft {
    end_to_end_id: Option<String>,
    instruction_id: Option<String>,
    amount: Option<Money>,
    direction: Option<Direction>,
    returned: bool,
    reason: Option<ReturnReason>,
}

#[derive(Debug, Default)]
struct EntryDraft {
    amount: Option<Money>,
    direction: Option<Direction>,
    reversal: bool,
    status: Option<EntryStatus>,
    booking_date: Option<Date>,
    account_servicer_ref: Option<String>,
    txs: Vec<TxDraft>,
}

/// Reads a camt.054.001.08 notification into its entries, in document order.
pub fn camt054(bytes: &[u8]) -> Result<Vec<BankEntry>, ParseError> {
    std::str::from_utf8(bytes).map_err(|_| ParseError::NotUtf8)?;
    let mut out = Vec::new();
    camt054_each(bytes, |entry| out.push(entry))?;
    Ok(out)
}

/// Reads a camt.054.001.08 notification from `source`, handing each entry to `each` as soon as its `Ntry`
/// closes, so a notification of a million payments is read without holding it or its entries in memory.
///
/// The whole notification is valid only if this returns `Ok`: an error may come after some entries were
/// handed over, so the caller keeps them apart (a staging table, say) until then.
pub fn camt054_each<R: BufRead>(source: R, each: impl FnMut(BankEntry)) -> Result<(), ParseError> {
    let mut reader = NsReader::from_reader(source);
    let mut buf = Vec::new();
    let mut state = Reading::new(each);
    loop {
        buf.clear();
        let position = reader.buffer_position();
        let (ns, event) = reader.read_resolved_event_into(&mut buf).map_err(|e| match e {
            quick_xml::Error::Encoding(_) => ParseError::NotUtf8,
            _ => ParseError::Xml { at: position },
        })?;
        let in_camt = matches!(ns, ResolveResult::Bound(ns) if ns.into_inner() == CAMT054_NAMESPACE);
        match event {
            Event::Start(start) => state.start(&start, in_camt, position)?,
            Event::Empty(start) => {
                state.start(&start, in_camt, position)?;
                state.end()?;
            }
            Event::End(_) => state.end()?,
            Event::Text(text) => state.text(&text, position)?,
            Event::CData(data) => state.text(&data, position)?,
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => quick_xml::escape::resolve_predefined_entity(&reference)
                        .ok_or(ParseError::Entity)?
                        .to_owned(),
                    Err(_) => return Err(ParseError::Entity),
                };
                state.text(&resolved, position)?;
            }
            Event::DocType(_) => return Err(ParseError::Entity),
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    if !state.stack.is_empty() || !state.seen_root {
        return Err(ParseError::Truncated);
    }
    Ok(())
}

struct Reading<F> {
    stack: Vec<String>,
    text: String,
    seen_root: bool,
    account: Option<Iban>,
    entry: Option<EntryDraft>,
    each: F,
}

impl<F: FnMut(BankEntry)> Reading<F> {
    fn new(each: F) -> Reading<F> {
        Reading {
            stack: Vec::new(),
            text: String::new(),
            seen_root: false,
            account: None,
            entry: None,
            each,
        }
    }

    /// Whether the open elements end with `suffix`.
    fn at(&self, suffix: &[&str]) -> bool {
        ends_with(&self.stack, suffix)
    }

    fn start(&mut self, start: &BytesStart<'_>, in_camt: bool, at: u64) -> Result<(), ParseError> {
        let name = start.local_name().into_inner().to_owned();
        match self.stack.len() {
            // A second root element.
            0 if self.seen_root => return Err(ParseError::Xml { at }),
            0 if !(in_camt && name == "Document") => return Err(ParseError::UnsupportedMessage),
            1 if name != "BkToCstmrDbtCdtNtfctn" => return Err(ParseError::UnsupportedMessage),
            depth if depth >= MAX_DEPTH => return Err(ParseError::TooDeep),
            _ => {}
        }
        self.seen_root = true;
        self.stack.push(name);
        self.text.clear();
        if self.at(&["Ntfctn", "Ntry"]) {
            self.entry = Some(EntryDraft::default());
        } else if self.at(&["Ntry", "NtryDtls", "TxDtls"]) {
            if let Some(entry) = &mut self.entry {
                entry.txs.push(TxDraft::default());
            }
        } else if self.at(&["NtryDtls", "TxDtls", "RtrInf"]) {
            if let Some(tx) = self.tx() {
                tx.returned = true;
            }
        } else if self.at(&["Ntfctn", "Ntry", "Amt"]) || self.at(&["NtryDtls", "TxDtls", "Amt"]) {
            let currency = start
                .try_get_attribute("Ccy")
                .map_err(|_| ParseError::Xml { at })?
                .ok_or(ParseError::Missing { field: "Amt/@Ccy" })?;
            if currency.value.as_ref() != "KZT" {
                return Err(ParseError::Currency);
            }
        } else if self.at(&["BkToCstmrDbtCdtNtfctn", "Ntfctn"]) {
            self.account = None;
        }
        Ok(())
    }

    fn text(&mut self, text: &str, at: u64) -> Result<(), ParseError> {
        if self.stack.is_empty() {
            // Outside the root only whitespace may stand.
            return match text.trim() {
                "" => Ok(()),
                _ => Err(ParseError::Xml { at }),
            };
        }
        if self.text.len() + text.len() > MAX_TEXT_BYTES {
            return Err(ParseError::TextTooLong);
        }
        self.text.push_str(text);
        Ok(())
    }

    fn tx(&mut self) -> Option<&mut TxDraft> {
        self.entry.as_mut().and_then(|entry| entry.txs.last_mut())
    }

    fn end(&mut self) -> Result<(), ParseError> {
        let value = std::mem::take(&mut self.text);
        let value = value.trim();
        if self.at(&["Ntfctn", "Acct", "Id", "IBAN"]) {
            self.account = Iban::parse(value).ok();
        } else if self.at(&["Ntfctn", "Ntry"]) {
            let entry = self.entry.take().ok_or(ParseError::Missing { field: "Ntry" })?;
            self.finish_entry(entry)?;
        } else if let Some(entry) = self.entry.as_mut() {
            entry_field(entry, &self.stack, value)?;
        }
        self.stack.pop();
        Ok(())
    }

    fn finish_entry(&mut self, entry: EntryDraft) -> Result<(), ParseError> {
        let amount = entry.amount.ok_or(ParseError::Missing { field: "Ntry/Amt" })?;
        let direction = entry.direction.ok_or(ParseError::Missing {
            field: "Ntry/CdtDbtInd",
        })?;
        let status = entry.status.ok_or(ParseError::Missing { field: "Ntry/Sts" })?;
        let single = entry.txs.len() <= 1;
        let txs = if entry.txs.is_empty() {
            vec![TxDraft::default()]
        } else {
            entry.txs
        };
        for tx in txs {
            let tx_amount = match tx.amount {
                Some(amount) => amount,
                None if single => amount,
                None => return Err(ParseError::Missing { field: "TxDtls/Amt" }),
            };
            let kind = if tx.returned || entry.reversal {
                EntryKind::Return {
                    reason: tx.reason.unwrap_or(ReturnReason::Unstated),
                }
            } else {
                match tx.direction.unwrap_or(direction) {
                    Direction::Debit => EntryKind::Debit,
                    Direction::Credit => EntryKind::Credit,
                }
            };
            (self.each)(BankEntry {
                end_to_end_id: tx.end_to_end_id,
                instruction_id: tx.instruction_id,
                amount: tx_amount,
                kind,
                status: status.clone(),
                booking_date: entry.booking_date,
                account_servicer_ref: entry.account_servicer_ref.clone(),
                account: self.account,
            });
        }
        Ok(())
    }
}

/// Stores `value` if the open elements name a field of the entry or of its current transaction.
fn entry_field(entry: &mut EntryDraft, stack: &[String], value: &str) -> Result<(), ParseError> {
    let at = |suffix: &[&str]| ends_with(stack, suffix);
    if at(&["Ntfctn", "Ntry", "Amt"]) {
        entry.amount = Some(amount(value)?);
    } else if at(&["Ntfctn", "Ntry", "CdtDbtInd"]) {
        entry.direction = Some(direction(value)?);
    } else if at(&["Ntfctn", "Ntry", "RvslInd"]) {
        entry.reversal = match value {
            "true" | "1" => true,
            "false" | "0" => false,
            _ => return Err(ParseError::Indicator),
        };
    } else if at(&["Ntfctn", "Ntry", "Sts", "Cd"]) {
        entry.status = Some(match value {
            "BOOK" => EntryStatus::Booked,
            "PDNG" => EntryStatus::Pending,
            "INFO" => EntryStatus::Information,
            other => EntryStatus::Other(other.to_owned()),
        });
    } else if at(&["Ntfctn", "Ntry", "Sts", "Prtry"]) {
        entry.status = Some(EntryStatus::Other(value.to_owned()));
    } else if at(&["Ntfctn", "Ntry", "BookgDt", "Dt"]) || at(&["Ntfctn", "Ntry", "BookgDt", "DtTm"]) {
        entry.booking_date = Some(date(value)?);
    } else if at(&["Ntfctn", "Ntry", "AcctSvcrRef"]) {
        entry.account_servicer_ref = Some(value.to_owned());
    } else if let Some(tx) = entry.txs.last_mut() {
        if at(&["TxDtls", "Refs", "EndToEndId"]) {
            tx.end_to_end_id = Some(value.to_owned());
        } else if at(&["TxDtls", "Refs", "InstrId"]) {
            tx.instruction_id = Some(value.to_owned());
        } else if at(&["NtryDtls", "TxDtls", "Amt"]) {
            tx.amount = Some(amount(value)?);
        } else if at(&["NtryDtls", "TxDtls", "CdtDbtInd"]) {
            tx.direction = Some(direction(value)?);
        } else if at(&["TxDtls", "RtrInf", "Rsn", "Cd"]) {
            tx.reason = Some(ReturnReason::from_code(value));
        } else if at(&["TxDtls", "RtrInf", "Rsn", "Prtry"]) {
            tx.reason = Some(ReturnReason::Proprietary(value.to_owned()));
        }
    }
    Ok(())
}

/// Whether the open elements `stack` end with `suffix`.
fn ends_with(stack: &[String], suffix: &[&str]) -> bool {
    stack.len() >= suffix.len()
        && stack
            .iter()
            .rev()
            .zip(suffix.iter().rev())
            .all(|(open, want)| open == want)
}

fn amount(value: &str) -> Result<Money, ParseError> {
    parse_decimal(value).map_err(|e| match e {
        DecimalError::Format | DecimalError::Precision | DecimalError::Overflow => ParseError::Amount,
    })
}

fn direction(value: &str) -> Result<Direction, ParseError> {
    match value {
        "DBIT" => Ok(Direction::Debit),
        "CRDT" => Ok(Direction::Credit),
        _ => Err(ParseError::Indicator),
    }
}

/// An ISO date, or the date part of an ISO date-time as written (`2026-03-05T23:30:00+05:00` is 5 March).
fn date(value: &str) -> Result<Date, ParseError> {
    let day = value.get(..10).ok_or(ParseError::Date)?;
    if value.len() > 10 && value.get(10..11).is_none_or(|t| t != "T") {
        return Err(ParseError::Date);
    }
    day.parse::<Date>().map_err(|_| ParseError::Date)
}
