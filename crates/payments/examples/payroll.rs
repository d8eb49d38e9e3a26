//! A monthly rent payroll written as one pain.001 file, to measure time and memory: `N` synthetic orders are
//! made one at a time (as rows come from a database cursor), counted in a first pass, then streamed through
//! `Pain001Writer` into a buffered file; the file is then read back as the bank would see it, and its totals
//! are checked.
//!
//! `cargo run --release -p payments --example payroll -- 1000000 /tmp/payroll.xml`
//! (under `/usr/bin/time -v` for the peak resident memory).
//!
//! With `notification FILE` instead, it reads a camt.054.001.08 file through `camt054_each` and counts its
//! entries and their sum, which measures the import side the same way.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::process::ExitCode;
use std::time::Instant;

use jiff::Timestamp;
use jiff::civil::date;
use kz::{Bin, Iban, Iin, Kato, Money, Sex};
use payments::{
    BatchSummary, BudgetLine, DecisionRef, EconomicCode, Knp, Measure, MessageId, Month, NewOrder, NewPayer, OrderId,
    Pain001Writer, Payee, PayerConfig, PaymentOrder, PerMeasure, Reference, Text,
};

type Error = Box<dyn std::error::Error>;

/// The `i`-th synthetic order: a valid synthetic IIN, an account at one of four banks, an amount with tiyn.
fn order(i: u32) -> Result<PaymentOrder, Error> {
    let birth = date(1960, 1, 1)
        .checked_add(jiff::Span::new().days(i64::from(i % 15_000)))
        .map_err(|e| e.to_string())?;
    let serial = u16::try_from(i % 9_000).map_err(|e| e.to_string())?;
    // Some prefixes have no check digit (10 in both passes); the next serial is tried then.
    let iin =
        Iin::from_parts(birth, Sex::Female, serial).or_else(|_| Iin::from_parts(birth, Sex::Female, serial + 1))?;
    let bank = ["601", "722", "856", "965"].get((i % 4) as usize).ok_or("bank")?;
    let account = Iban::from_parts(bank, &format!("{i:013}"))?;
    Ok(PaymentOrder::new(NewOrder {
        id: OrderId::parse(&format!("QN-55-2026-{i:07}-R03"))?,
        payee: Payee::Person {
            iin,
            name: Text::parse("Айгерім Серікқызы Жұмабаева")?,
        },
        account,
        beneficiary_code: EconomicCode::parse("19")?,
        amount: Money::from_tiyn(8_650_000 + i64::from(i % 100)),
        purpose: Text::parse("Тұрғын үйді жалдау шығыстарын өтеу, наурыз 2026")?,
        measure: Measure::RentMonth(Month::new(2026, 3).ok_or("month")?),
        decision: DecisionRef {
            case: Reference::parse(&format!("QN-55-2026-{i:07}"))?,
            number: Reference::parse("15")?,
            date: date(2026, 3, 2),
        },
        budget_line: BudgetLine::parse("T-RENT")?,
        region: Kato::parse("550000000")?,
        execution_date: date(2026, 3, 5),
    })?)
}

fn payer() -> Result<PayerConfig, Error> {
    let knp = Knp::parse("901")?;
    let line = BudgetLine::parse("T-RENT")?;
    Ok(PayerConfig::new(NewPayer {
        name: Text::parse("Еңбек мобильділігі орталығы")?,
        bin: Bin::parse("150340012340")?,
        account: Iban::from_parts("070", "105KSN0000001")?,
        sender_code: EconomicCode::parse("11")?,
        purpose_codes: PerMeasure {
            rent_month: knp,
            relocation_subsidy: knp,
            certificate: knp,
            employer_subsidy: knp,
            employer_housing: knp,
        },
        budget_lines: PerMeasure {
            rent_month: line.clone(),
            relocation_subsidy: line.clone(),
            certificate: line.clone(),
            employer_subsidy: line.clone(),
            employer_housing: line,
        },
    })?)
}

fn run(n: u32, path: &str) -> Result<(), Error> {
    let started = Instant::now();
    let mut summary = BatchSummary::new();
    for i in 0..n {
        summary.add(&order(i)?)?;
    }
    let counted = started.elapsed();
    let config = payer()?;
    let sink = BufWriter::new(File::create(path)?);
    let created_at: Timestamp = "2026-03-04T05:15:00Z".parse()?;
    let mut writer = Pain001Writer::new(
        sink,
        &config,
        &MessageId::parse("PAYROLL-202603")?,
        created_at,
        &summary,
    )?;
    for i in 0..n {
        writer.push(&order(i)?)?;
    }
    writer.finish()?.flush()?;
    let written = started.elapsed();
    let size = std::fs::metadata(path)?.len();
    let mut out = std::io::stderr().lock();
    writeln!(
        out,
        "{n} orders, {} tiyn: counted in {counted:.2?}, written in {written:.2?}, {size} bytes",
        summary.total().sum.tiyn()
    )?;
    Ok(())
}

fn read(path: &str) -> Result<(), Error> {
    let started = Instant::now();
    let mut count = 0u64;
    let mut sum = Money::ZERO;
    let file = std::io::BufReader::new(File::open(path)?);
    payments::camt054_each(file, |entry| {
        count += 1;
        sum = sum.checked_add(entry.amount).unwrap_or(sum);
    })?;
    let mut out = std::io::stderr().lock();
    writeln!(
        out,
        "{count} entries, {} tiyn, read in {:.2?}",
        sum.tiyn(),
        started.elapsed()
    )?;
    Ok(())
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let first = args.next().unwrap_or_default();
    let result = if first == "notification" {
        read(&args.next().unwrap_or_default())
    } else {
        let n = first.parse().unwrap_or(1_000_000);
        run(n, &args.next().unwrap_or_else(|| "payroll.xml".to_owned()))
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "payroll: {e}");
            ExitCode::FAILURE
        }
    }
}
