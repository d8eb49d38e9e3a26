//! Fixtures: a payer, synthetic payees (IINs and BINs from kz-reference section 3, valid check digits, no
//! real person), orders, fixed times, and `xmllint`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use jiff::Timestamp;
use jiff::civil::{Date, date};
use kz::{Bin, Iban, Iin, Kato, Money};
use payments::{
    BudgetLine, DecisionRef, EconomicCode, Knp, Measure, MessageId, Month, NewOrder, NewPayer, OrderId, Payee,
    PayerConfig, PaymentOrder, PerMeasure, Reference, Text,
};

pub(crate) fn text(s: &str) -> Text {
    Text::parse(s).unwrap()
}

pub(crate) fn month(year: i16, month: i8) -> Month {
    Month::new(year, month).unwrap()
}

/// A payer configured with codes that are test values, not real KNP/KOd assignments.
pub(crate) fn payer() -> PayerConfig {
    PayerConfig::new(NewPayer {
        name: text("«Маңғыстау облысының еңбек мобильділігі орталығы» КММ"),
        bin: Bin::parse("150340012340").unwrap(),
        // A synthetic account at the Treasury (bank code 070, BIC KKMFKZ2A).
        account: Iban::from_parts("070", "105KSN0000001").unwrap(),
        sender_code: EconomicCode::parse("11").unwrap(),
        purpose_codes: PerMeasure {
            rent_month: Knp::parse("901").unwrap(),
            relocation_subsidy: Knp::parse("902").unwrap(),
            certificate: Knp::parse("903").unwrap(),
            employer_subsidy: Knp::parse("904").unwrap(),
            employer_housing: Knp::parse("905").unwrap(),
        },
        budget_lines: PerMeasure {
            rent_month: BudgetLine::parse("T-RENT").unwrap(),
            relocation_subsidy: BudgetLine::parse("T-RELOC").unwrap(),
            certificate: BudgetLine::parse("T-EMC").unwrap(),
            employer_subsidy: BudgetLine::parse("T-EMP1").unwrap(),
            employer_housing: BudgetLine::parse("T-EMP2").unwrap(),
        },
    })
    .unwrap()
}

pub(crate) fn person(iin: &str, name: &str) -> Payee {
    Payee::Person {
        iin: Iin::parse(iin).unwrap(),
        name: text(name),
    }
}

pub(crate) fn organisation(bin: &str, name: &str) -> Payee {
    Payee::Organisation {
        bin: Bin::parse(bin).unwrap(),
        name: text(name),
    }
}

pub(crate) fn decision(case: &str, number: &str, on: Date) -> DecisionRef {
    DecisionRef {
        case: Reference::parse(case).unwrap(),
        number: Reference::parse(number).unwrap(),
        date: on,
    }
}

/// A rent order of `tiyn` for `payee`, paid on 2026-03-05.
pub(crate) fn rent(id: &str, payee: Payee, iban: &str, tiyn: i64) -> NewOrder {
    NewOrder {
        id: OrderId::parse(id).unwrap(),
        payee,
        account: Iban::parse(iban).unwrap(),
        beneficiary_code: EconomicCode::parse("19").unwrap(),
        amount: Money::from_tiyn(tiyn),
        purpose: text("Тұрғын үйді жалдау шығыстарын өтеу, наурыз 2026"),
        measure: Measure::RentMonth(month(2026, 3)),
        decision: decision("QN-47-2026-000101", "15", date(2026, 3, 2)),
        budget_line: BudgetLine::parse("T-RENT").unwrap(),
        region: Kato::parse("471010000").unwrap(),
        execution_date: date(2026, 3, 5),
    }
}

pub(crate) fn order(new: NewOrder) -> PaymentOrder {
    PaymentOrder::new(new).unwrap()
}

/// A batch: a person's rent with tiyn, a second person's rent, an employer subsidy to an organisation with
/// a name that needs escaping, and a certificate to a seller on a later execution date.
pub(crate) fn batch() -> Vec<PaymentOrder> {
    let aigerim = person("850722404566", "Айгерім Серікқызы Жұмабаева");
    let nurlan = person("900115301235", "Нұрлан Ержанұлы Сәрсенбаев");
    let mut employer = rent(
        "QN-47-2026-000102-EMP",
        organisation("240140005677", "ЖШС «Маңғыстау Құрылыс & Co» <Ақтау>"),
        "KZ758560000000000001",
        65_000_000,
    );
    employer.measure = Measure::EmployerSubsidy;
    employer.purpose = text("Жұмыс берушіге субсидия, 3-1 қосымша");
    employer.budget_line = BudgetLine::parse("T-EMP1").unwrap();
    employer.decision = decision("QN-47-2026-000102", "3-1/7", date(2026, 3, 3));
    let mut certificate = rent(
        "QN-47-2026-000103-EMC",
        nurlan.clone(),
        "KZ18722S000012345678",
        640_250_050,
    );
    certificate.measure = Measure::Certificate;
    certificate.purpose = text("Экономикалық мобильділік сертификаты бойынша төлем");
    certificate.budget_line = BudgetLine::parse("T-EMC").unwrap();
    certificate.execution_date = date(2026, 3, 6);
    certificate.decision = decision("QN-47-2026-000103", "11/2", date(2026, 3, 4));
    vec![
        order(rent(
            "QN-47-2026-000101-R03",
            aigerim,
            "KZ186010001234567890",
            10_812_550,
        )),
        order(rent("QN-47-2026-000104-R03", nurlan, "KZ18722S000012345678", 8_650_000)),
        order(employer),
        order(certificate),
    ]
}

pub(crate) fn message_id() -> MessageId {
    MessageId::parse("LMC47-20260304-01").unwrap()
}

/// 2026-03-04 10:15:00 in Kazakhstan (05:15 UTC).
pub(crate) fn created_at() -> Timestamp {
    "2026-03-04T05:15:00Z".parse().unwrap()
}

pub(crate) fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub(crate) fn xsd(name: &str) -> PathBuf {
    crate_dir().join("xsd").join(name)
}

/// Validates `xml` against `schema` with `xmllint`; `Err` carries its report. Fails the test, naming the
/// package, when `xmllint` is not installed.
pub(crate) fn xmllint(schema: &Path, xml: &[u8]) -> Result<(), String> {
    let child = Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(schema)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) => panic!("cannot run xmllint ({e}): install it (Debian package libxml2-utils)"),
    };
    child.stdin.take().unwrap().write_all(xml).unwrap();
    let output = child.wait_with_output().unwrap();
    if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}
