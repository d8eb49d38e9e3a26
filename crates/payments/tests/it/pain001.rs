//! The bank file: valid against the official schema, exact amounts, deterministic, streamed.

use std::io::{self, Write};

use jiff::civil::date;
use kz::{ErrorCode, Money};
use payments::{BatchSummary, ExportError, OrderId, Pain001Writer, pain001};

use crate::support::{batch, created_at, message_id, order, payer, person, rent, xmllint, xsd};

fn file() -> String {
    String::from_utf8(pain001(&payer(), &batch(), &message_id(), created_at()).unwrap()).unwrap()
}

#[test]
fn validates_against_the_pain_001_001_09_schema() {
    let xml = file();
    if let Err(report) = xmllint(&xsd("pain.001.001.09.xsd"), xml.as_bytes()) {
        panic!("xmllint rejects the file:\n{report}\n{xml}");
    }
}

#[test]
fn the_schema_check_can_fail() {
    // The same file with a stray element in an amount is refused: the validation above is a real one.
    let xml = file().replacen("Ccy=\"KZT\">108125.50<", "Ccy=\"KZT\">108125.50<Bad/><", 1);
    assert!(xmllint(&xsd("pain.001.001.09.xsd"), xml.as_bytes()).is_err());
}

#[test]
fn golden_file() {
    insta::assert_snapshot!("pain001_batch", file());
}

#[test]
fn header_counts_and_sums_exactly() {
    let xml = file();
    // 108 125.50 + 86 500.00 + 650 000.00 + 6 402 500.50, in tiyn: no rounding anywhere.
    assert!(xml.contains("<NbOfTxs>4</NbOfTxs>"));
    assert!(xml.contains("<CtrlSum>7247126.00</CtrlSum>"), "{xml}");
    assert!(xml.contains("<CtrlSum>844625.50</CtrlSum>"), "the 5 March block");
    assert!(xml.contains("<CtrlSum>6402500.50</CtrlSum>"), "the 6 March block");
    assert_eq!(xml.matches("<PmtInf>").count(), 2, "one block per execution date");
    assert!(xml.contains("<PmtInfId>LMC47-20260304-01-20260305</PmtInfId>"));
    assert!(xml.contains("<CreDtTm>2026-03-04T10:15:00+05:00</CreDtTm>"));
    assert!(xml.contains("<InstdAmt Ccy=\"KZT\">108125.50</InstdAmt>"));
}

#[test]
fn names_are_escaped_and_kept_in_cyrillic() {
    let xml = file();
    assert!(
        xml.contains("<Nm>ЖШС «Маңғыстау Құрылыс &amp; Co» &lt;Ақтау&gt;</Nm>"),
        "{xml}"
    );
    assert!(xml.contains("<Nm>Айгерім Серікқызы Жұмабаева</Nm>"));
}

#[test]
fn each_transfer_carries_its_ids_bic_and_decision() {
    let xml = file();
    assert!(xml.contains("<EndToEndId>QN-47-2026-000101-R03</EndToEndId>"));
    assert!(xml.contains("<InstrId>QN-47-2026-000101-R03/01</InstrId>"));
    // BICs from the IBANs' bank codes: 601 Halyk, 856 BCC, 722 Kaspi; the payer's 070 the Treasury.
    for bic in ["HSBKKZKX", "KCJBKZKX", "CASPKZKA", "KKMFKZ2A"] {
        assert!(xml.contains(&format!("<BICFI>{bic}</BICFI>")), "{bic}");
    }
    assert!(xml.contains("<Ustrd>QN-47-2026-000101 № 15 2026-03-02 2026-03</Ustrd>"));
    assert!(
        xml.contains("<Prtry>904</Prtry>"),
        "the employer subsidy's configured purpose code"
    );
}

#[test]
fn same_orders_in_any_order_give_the_same_bytes() {
    let first = pain001(&payer(), &batch(), &message_id(), created_at()).unwrap();
    let mut reversed = batch();
    reversed.reverse();
    let second = pain001(&payer(), &reversed, &message_id(), created_at()).unwrap();
    assert_eq!(first, second);
}

#[test]
fn refuses_empty_and_duplicate_batches() {
    let empty = pain001(&payer(), &[], &message_id(), created_at());
    assert_eq!(empty.map_err(|e| e.code()).err(), Some("export_empty"));
    let mut twice = batch();
    twice.push(twice[0].clone());
    let duplicate = pain001(&payer(), &twice, &message_id(), created_at());
    assert!(matches!(duplicate, Err(ExportError::Duplicate(id)) if id.as_str() == "QN-47-2026-000101-R03"));
}

#[test]
fn the_streaming_writer_checks_order_and_totals() {
    let orders = batch();
    let summary = BatchSummary::of(&orders).unwrap();
    let config = payer();
    let start = || Pain001Writer::new(Vec::new(), &config, &message_id(), created_at(), &summary).unwrap();

    // Orders out of (date, id) order.
    let mut writer = start();
    writer.push(&orders[1]).unwrap();
    assert_eq!(
        writer.push(&orders[0]).map_err(|e| e.code()),
        Err("export_not_in_order")
    );

    // The same order twice in a row.
    let mut writer = start();
    writer.push(&orders[0]).unwrap();
    assert_eq!(writer.push(&orders[0]).map_err(|e| e.code()), Err("export_duplicate"));

    // Fewer orders than the header announced.
    let mut writer = start();
    writer.push(&orders[0]).unwrap();
    assert_eq!(
        writer.finish().map_err(|e| e.code()).err(),
        Some("export_summary_mismatch")
    );

    // An order whose date the summary does not know.
    let mut stray = rent(
        "QN-47-2026-000999-R03",
        person("031105507891", "Дана Әлиқызы"),
        "KZ186010001234567890",
        100,
    );
    stray.execution_date = date(2026, 4, 1);
    let mut writer = start();
    assert_eq!(
        writer.push(&order(stray)).map_err(|e| e.code()),
        Err("export_summary_mismatch")
    );
}

/// A sink that keeps nothing and counts what it was given.
struct Counting {
    bytes: u64,
}

impl Write for Counting {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.bytes += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_payroll_streams_to_the_sink_as_it_is_written() {
    // Orders are made one at a time from an index, as rows come from a database cursor: nothing holds the
    // whole batch, and each transfer reaches the sink before the next order is pushed.
    const N: u32 = 20_000;
    let template = batch().swap_remove(0);
    let make = |i: u32| {
        order(rent(
            &format!("QN-47-2026-{i:06}-R03"),
            template.payee().clone(),
            template.account().as_str(),
            10_812_550,
        ))
    };
    let mut summary = BatchSummary::new();
    for i in 0..N {
        summary.add(&make(i)).unwrap();
    }
    assert_eq!(summary.total().sum, Money::from_tiyn(10_812_550 * i64::from(N)));
    let config = payer();
    let mut writer = Pain001Writer::new(Counting { bytes: 0 }, &config, &message_id(), created_at(), &summary).unwrap();
    let mut before = writer.sink_mut().bytes;
    for i in 0..N {
        writer.push(&make(i)).unwrap();
        let now = writer.sink_mut().bytes;
        assert!(
            now > before + 500,
            "order {i} was not written through ({before} -> {now})"
        );
        before = now;
    }
    let sink = writer.finish().unwrap();
    assert!(sink.bytes > before, "the closing tags follow");
}

#[test]
fn a_streamed_file_equals_the_in_memory_one() {
    let orders = batch();
    let mut sorted = orders.clone();
    sorted.sort_by(|a, b| (a.execution_date(), a.id()).cmp(&(b.execution_date(), b.id())));
    let summary = BatchSummary::of(&sorted).unwrap();
    let config = payer();
    let mut writer = Pain001Writer::new(Vec::new(), &config, &message_id(), created_at(), &summary).unwrap();
    for order in &sorted {
        writer.push(order).unwrap();
    }
    let streamed = writer.finish().unwrap();
    assert_eq!(
        streamed,
        pain001(&payer(), &orders, &message_id(), created_at()).unwrap()
    );
    assert!(
        sorted.windows(2).all(|w| w[0].id() != w[1].id()),
        "fixture ids are unique: {:?}",
        sorted.iter().map(|o| o.id().clone()).collect::<Vec<OrderId>>()
    );
}
