//! The bank's notification: the fixture is valid camt.054.001.08 and reads into the expected entries;
//! hostile input is an error, never a panic.

use jiff::civil::date;
use kz::{ErrorCode, Iban, Money};
use payments::{BankEntry, EntryKind, EntryStatus, ParseError, ReturnReason, camt054, camt054_each};
use proptest::prelude::*;

use crate::support::{crate_dir, xmllint, xsd};

pub(crate) fn fixture() -> Vec<u8> {
    std::fs::read(crate_dir().join("tests/fixtures/camt054-returns.xml")).unwrap()
}

fn entry(e2e: &str, instr: Option<&str>, tiyn: i64, kind: EntryKind, day: u8, reference: Option<&str>) -> BankEntry {
    BankEntry {
        end_to_end_id: Some(e2e.to_owned()),
        instruction_id: instr.map(str::to_owned),
        amount: Money::from_tiyn(tiyn),
        kind,
        status: EntryStatus::Booked,
        booking_date: Some(date(2026, 3, day as i8)),
        account_servicer_ref: reference.map(str::to_owned),
        account: Some(Iban::parse("KZ94070105KSN0000001").unwrap()),
    }
}

#[test]
fn the_fixture_validates_against_the_camt_054_001_08_schema() {
    if let Err(report) = xmllint(&xsd("camt.054.001.08.xsd"), &fixture()) {
        panic!("xmllint rejects the fixture:\n{report}");
    }
}

#[test]
fn the_fixture_reads_into_its_entries_with_the_return() {
    let entries = camt054(&fixture()).unwrap();
    let expected = vec![
        entry(
            "QN-47-2026-000101-R03",
            Some("QN-47-2026-000101-R03/01"),
            10_812_550,
            EntryKind::Debit,
            5,
            Some("KKMF-0305-000001"),
        ),
        // No amount in the details: the entry's own.
        entry(
            "QN-47-2026-000104-R03",
            Some("QN-47-2026-000104-R03/01"),
            8_650_000,
            EntryKind::Debit,
            5,
            Some("KKMF-0305-000002"),
        ),
        // Booked at a date-time: its date as written.
        entry(
            "QN-47-2026-000104-R03",
            Some("QN-47-2026-000104-R03/01"),
            8_650_000,
            EntryKind::Return {
                reason: ReturnReason::ClosedAccount,
            },
            6,
            Some("KKMF-0306-000017"),
        ),
        // One booking, two transfers.
        entry(
            "QN-47-2026-000102-EMP",
            None,
            65_000_000,
            EntryKind::Debit,
            6,
            Some("KKMF-0306-000018"),
        ),
        entry(
            "QN-47-2026-000103-EMC",
            None,
            640_250_050,
            EntryKind::Debit,
            6,
            Some("KKMF-0306-000018"),
        ),
        entry("NOTPROVIDED", None, 3_000_000, EntryKind::Credit, 6, None),
    ];
    assert_eq!(entries, expected);
    let EntryKind::Return { reason } = &entries[2].kind else {
        panic!("a return")
    };
    assert_eq!(reason.code(), "AC04");
    assert!(reason.needs_new_account());
}

#[test]
fn a_stream_gives_the_same_entries_one_by_one() {
    // A reader that hands out a few bytes at a time, as a file or a socket might.
    let reader = std::io::BufReader::with_capacity(7, std::io::Cursor::new(fixture()));
    let mut streamed = Vec::new();
    camt054_each(reader, |entry| streamed.push(entry)).unwrap();
    assert_eq!(streamed, camt054(&fixture()).unwrap());
    let not_utf8 = camt054_each(&[b'<', 0xff, b'>'][..], |_| {});
    assert_eq!(not_utf8.unwrap_err().code(), "camt_not_utf8");
}

#[test]
fn return_reasons_keep_their_codes() {
    for code in [
        "AC01", "AC03", "AC04", "AC06", "AG01", "AM05", "BE01", "MD07", "MS02", "MS03", "RR04", "XY99",
    ] {
        assert_eq!(ReturnReason::from_code(code).code(), code);
    }
    assert_eq!(
        ReturnReason::from_code("BE01"),
        ReturnReason::InconsistentWithEndCustomer
    );
    assert!(!ReturnReason::EndCustomerDeceased.needs_new_account());
}

fn replace(from: &str, to: &str) -> Vec<u8> {
    let text = String::from_utf8(fixture()).unwrap();
    assert!(text.contains(from), "{from}");
    text.replacen(from, to, 1).into_bytes()
}

#[test]
fn refuses_what_it_does_not_understand() {
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (
            replace("camt.054.001.08", "camt.054.001.02"),
            "camt_unsupported_message",
        ),
        (
            replace("camt.054.001.08", "pain.001.001.09"),
            "camt_unsupported_message",
        ),
        (
            replace("Ccy=\"KZT\">108125.50", "Ccy=\"EUR\">108125.50"),
            "camt_currency",
        ),
        (replace(">108125.50</Amt>", ">108125.505</Amt>"), "camt_amount"),
        (replace(">108125.50</Amt>", ">-1</Amt>"), "camt_amount"),
        (replace("<Dt>2026-03-05</Dt>", "<Dt>2026-02-30</Dt>"), "camt_date"),
        (
            replace("<CdtDbtInd>DBIT</CdtDbtInd>", "<CdtDbtInd>DEBIT</CdtDbtInd>"),
            "camt_indicator",
        ),
        (
            replace("<Sts>\n          <Cd>BOOK</Cd>\n        </Sts>", ""),
            "camt_missing",
        ),
        (replace("</Document>", ""), "camt_truncated"),
        (replace("</Ntfctn>", "</Ntfctn><Ntfctn></Document>"), "camt_xml"),
        (
            replace(
                "<Document",
                "<!DOCTYPE Document [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;\">]><Document",
            ),
            "camt_entity",
        ),
        (replace("KKMF-0305-000001", "&b;"), "camt_entity"),
        (vec![0xff, 0xfe, b'<'], "camt_not_utf8"),
        (Vec::new(), "camt_truncated"),
        (replace("NOTPROVIDED", &"x".repeat(5000)), "camt_text_too_long"),
        (
            replace(
                "<AddtlInf>",
                &format!("{}<AddtlInf>", "<a>".repeat(80) + &"</a>".repeat(80)),
            ),
            "camt_too_deep",
        ),
    ];
    for (bytes, code) in cases {
        let error = camt054(&bytes).unwrap_err();
        assert_eq!(error.code(), code, "{error}");
    }
}

#[test]
fn character_and_entity_references_are_resolved() {
    let entries = camt054(&replace("KKMF-0305-000001", "KKMF&#45;0305&#x2D;000001&amp;")).unwrap();
    assert_eq!(entries[0].account_servicer_ref.as_deref(), Some("KKMF-0305-000001&"));
}

#[test]
fn every_truncation_of_the_fixture_is_an_error_not_a_panic() {
    let bytes = fixture();
    let text = String::from_utf8(bytes.clone()).unwrap();
    // Every cut before the root element closes (after it, only the final line break is left to cut).
    let complete = text.rfind("</Document>").unwrap() + "</Document>".len();
    assert!(camt054(&bytes[..complete]).is_ok());
    for cut in 0..complete {
        let result = camt054(&bytes[..cut]);
        assert!(result.is_err(), "a notification cut at byte {cut} was accepted");
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2_000,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x6361_6d74),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Bytes overwritten, removed or duplicated anywhere in a real notification: a result, never a panic; and
    /// whatever is accepted is a list of well-formed entries.
    #[test]
    fn garbled_notifications_never_panic(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..8),
    ) {
        let mut bytes = fixture();
        for (at, byte, how) in edits {
            if bytes.is_empty() {
                break;
            }
            let i = at.index(bytes.len());
            match how {
                0 => bytes[i] = byte,
                1 => { bytes.remove(i); }
                _ => { let b = bytes[i]; bytes.insert(i, b); }
            }
        }
        if let Ok(entries) = camt054(&bytes) {
            for entry in entries {
                prop_assert!(!entry.amount.is_negative());
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = camt054(&bytes);
    }

    #[test]
    fn arbitrary_tag_soup_never_panics(
        parts in prop::collection::vec(
            prop_oneof![
                Just("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.08\">"),
                Just("<BkToCstmrDbtCdtNtfctn>"), Just("<Ntfctn>"), Just("<Ntry>"), Just("</Ntry>"),
                Just("<Amt Ccy=\"KZT\">"), Just("</Amt>"), Just("1.00"), Just("<NtryDtls>"), Just("<TxDtls>"),
                Just("</TxDtls>"), Just("<RtrInf>"), Just("<CdtDbtInd>DBIT</CdtDbtInd>"),
                Just("<Sts><Cd>BOOK</Cd></Sts>"), Just("</Ntfctn>"), Just("</Document>"), Just("&amp;"),
            ],
            0..40,
        ),
    ) {
        let _ = camt054(parts.concat().as_bytes());
    }
}

#[test]
fn errors_have_codes() {
    let error = ParseError::Missing { field: "Ntry/Amt" };
    assert_eq!(error.code(), "camt_missing");
    assert_eq!(error.to_string(), "notification lacks Ntry/Amt");
}
