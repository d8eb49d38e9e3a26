//! Rent compensation and the relocation subsidy through the use cases: the combined application, the career
//! centre's forwarding, the centre's decisions, the month paid once however often the payroll runs, the twelve
//! months' limit, the bank file and the bank's notification with a return (RENT-01, RENT-04…06, RENT-11,
//! RELOC-01, RELOC-02).

use app::rent::{RentApplication, RentDecision, bank::Payout, bank::parse_month};
use app::{AppError, Principal};
use store::{Channel, Role, Store};

use crate::{app, citizen, key, now};

fn centre() -> Principal {
    Principal::staff("lmc.officer.03", Role::LabourMobilityCentre, Some("55"), Channel::Api)
}

fn career_centre(region: &str) -> Principal {
    Principal::staff("cc.officer.02", Role::CareerCentre, Some(region), Channel::Api)
}

/// A camt.054 notification with one entry per (order id, amount in tenge, return reason if returned).
pub(crate) fn notification(entries: &[(&str, &str, Option<&str>)]) -> Vec<u8> {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"><BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>N-1</MsgId><CreDtTm>2026-03-20T18:00:00+05:00</CreDtTm></GrpHdr><Ntfctn><Id>N-1-1</Id><CreDtTm>2026-03-20T18:00:00+05:00</CreDtTm><Acct><Id><IBAN>KZ94070105KSN0000001</IBAN></Id></Acct>"#,
    );
    for (i, (id, amount, reason)) in entries.iter().enumerate() {
        let (ind, family, rtr) = match reason {
            Some(r) => ("CRDT", "RRTN", format!("<RtrInf><Rsn><Cd>{r}</Cd></Rsn></RtrInf>")),
            None => ("DBIT", "DMCT", String::new()),
        };
        xml.push_str(&format!(
            r#"<Ntry><NtryRef>{n}</NtryRef><Amt Ccy="KZT">{amount}</Amt><CdtDbtInd>{ind}</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-03-20</Dt></BookgDt><BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>{family}</SubFmlyCd></Fmly></Domn></BkTxCd><NtryDtls><TxDtls><Refs><InstrId>{id}/01</InstrId><EndToEndId>{id}</EndToEndId></Refs><Amt Ccy="KZT">{amount}</Amt><CdtDbtInd>{ind}</CdtDbtInd>{rtr}</TxDtls></NtryDtls></Ntry>"#,
            n = i + 1
        ));
    }
    xml.push_str("</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>");
    xml.into_bytes()
}

fn application() -> RentApplication {
    RentApplication {
        territory: "550000000".into(),
        included_on: "2026-02-02".into(),
        locality: "urban".into(),
        family: "3".into(),
        account: "KZ18722S000012345678".into(),
        relocation: true,
        petition: false,
    }
}

/// RENT-01, RENT-02, RENT-04, RENT-05, RENT-06, RELOC-01, RELOC-02: the combined application, sent on by the
/// career centre of the region, granted by the centre (urban table), each month paid once, the bank file, the
/// bank's notification with a return, and the returned month sent once more to the account the applicant gives.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_family_applies_is_granted_and_paid_each_month_once() {
    let dir = tempfile::tempdir().expect("dir");
    let (app, store) = app(&dir).await;
    let app = app.with_payout(Payout::sandbox());
    let resident = app.registries().population().residents[0].record.iin;
    let me = citizen(resident.as_str());

    // Nothing typed wrong passes: every bad field at once.
    let bad = RentApplication {
        family: "0".into(),
        account: "KZ00".into(),
        ..application()
    };
    match app.apply_rent(&me, &bad, key("rent-apply-bad"), now()).await {
        Err(AppError::Invalid(fields)) => assert_eq!(fields.len(), 2, "{fields:?}"),
        other => panic!("{other:?}"),
    }

    let submitted = app
        .apply_rent(&me, &application(), key("rent-apply-0001"), now())
        .await
        .expect("applied");
    let again = app
        .apply_rent(&me, &application(), key("rent-apply-0001"), now())
        .await
        .expect("replayed");
    assert_eq!(again, submitted, "the same key applies once");
    // The same key for another application is refused, not answered with the first one.
    for other in [
        RentApplication {
            family: "4".into(),
            ..application()
        },
        RentApplication {
            relocation: false,
            ..application()
        },
    ] {
        let reused = app.apply_rent(&me, &other, key("rent-apply-0001"), now()).await;
        assert!(
            matches!(
                reused,
                Err(AppError::Store(store::StoreError::IdempotencyMismatch { .. }))
            ),
            "{reused:?}"
        );
    }
    let (reloc, _) = submitted.relocation.clone().expect("relocation applied for");

    // Only the career centre of the region sends it on; to anyone else the case is not there.
    assert!(matches!(
        app.forward_rent(&career_centre("75"), submitted.rent, key("rent-fwd-x"), now())
            .await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        app.forward_rent(&centre(), submitted.rent, key("rent-fwd-y"), now())
            .await,
        Err(AppError::NotFound)
    ));
    app.forward_rent(&career_centre("55"), submitted.rent, key("rent-fwd-1"), now())
        .await
        .expect("forwarded");
    let granted = app
        .decide_rent(
            &centre(),
            submitted.rent,
            RentDecision::Grant,
            key("rent-grant-1"),
            now(),
        )
        .await
        .expect("granted");
    assert_eq!(granted.state, "paying");
    app.decide_relocation(&centre(), reloc, true, key("reloc-grant-1"), now())
        .await
        .expect("relocation granted");

    // The payroll pays the month once, however often it runs.
    let march = parse_month("2026-03").expect("month");
    let first = app.run_payroll(&centre(), march, now()).await.expect("payroll");
    assert_eq!((first.scheduled, first.already), (1, 0));
    assert!(first.total.tiyn() > 0);
    let second = app.run_payroll(&centre(), march, now()).await.expect("payroll again");
    assert_eq!((second.scheduled, second.already), (0, 1));
    let file = store.case_file(submitted.rent).await.expect("file");
    assert_eq!(file.payments.len(), 1, "one payment row for the month");
    // The month's payroll page: the order under its locality and family size, nothing to look at.
    let page = app.payroll_month(&centre(), march, now()).await.expect("month");
    assert_eq!(page.groups.len(), 1, "{page:?}");
    assert_eq!(
        (page.groups[0].locality, page.groups[0].family, page.groups[0].count),
        ("urban", 3, 1)
    );
    assert_eq!((page.count, page.total), (1, first.total));
    assert!(page.exceptions.is_empty(), "{page:?}");
    let april = app
        .payroll_month(&centre(), parse_month("2026-04").expect("month"), now())
        .await
        .expect("april");
    assert_eq!(
        (
            april.count,
            april.exceptions.iter().map(|x| x.reason).collect::<Vec<_>>()
        ),
        (0, vec!["not_scheduled"]),
        "a paying case whose month is not scheduled is an exception"
    );

    // The bank file carries the month and the relocation subsidy, once.
    let bank = app
        .export_bank_file(&centre(), jiff::civil::date(2026, 3, 19), now())
        .await
        .expect("exported");
    assert_eq!(bank.orders, 2);
    let xml = String::from_utf8(bank.xml.clone()).expect("utf-8");
    assert!(xml.contains("pain.001.001.09"));
    let rent_number = submitted.rent_number.clone();
    assert!(xml.contains(&format!("{rent_number}-R202603")), "{xml}");
    assert!(matches!(
        app.export_bank_file(&centre(), jiff::civil::date(2026, 3, 19), now())
            .await,
        Err(AppError::Refused("nothing_to_export"))
    ));

    // The bank books the relocation subsidy and returns the rent month (closed account).
    let reloc_number = submitted.relocation.clone().expect("relocation").1;
    let case = app.case(&centre(), submitted.rent, now()).await.expect("case");
    let monthly = case
        .view
        .facts
        .iter()
        .find(|f| f.key == "monthly")
        .map(|f| match &f.value {
            app::kinds::FactValue::Money(m) => m.to_string(),
            _ => String::new(),
        })
        .expect("monthly");
    let reloc_case = app.case(&centre(), reloc, now()).await.expect("reloc");
    let reloc_amount = reloc_case
        .view
        .facts
        .iter()
        .find_map(|f| match (&f.key, &f.value) {
            (&"amount", app::kinds::FactValue::Money(m)) => Some(m.to_string()),
            _ => None,
        })
        .expect("amount");
    let camt = notification(&[
        (&format!("{reloc_number}-RL"), &reloc_amount, None),
        (&format!("{rent_number}-R202603"), &monthly, Some("AC04")),
    ]);
    let r = app
        .reconcile_bank_file(&centre(), &camt, now())
        .await
        .expect("reconciled");
    assert_eq!(r.orders.len(), 2, "{r:?}");
    assert!(r.orders.iter().any(|(_, o)| o == "paid"));
    assert!(r.orders.iter().any(|(_, o)| o == "returned"));
    let reloc_case = app.case(&centre(), reloc, now()).await.expect("reloc");
    assert_eq!(reloc_case.record.state, "paid");
    let rent = app.case(&centre(), submitted.rent, now()).await.expect("rent");
    let lines: Vec<String> = rent
        .view
        .facts
        .iter()
        .filter(|f| f.key == "payment_order")
        .map(|f| format!("{:?}", f.value))
        .collect();
    assert!(lines.iter().any(|l| l.contains("returned")), "{lines:?}");
    let page = app.payroll_month(&centre(), march, now()).await.expect("month");
    assert_eq!(
        page.exceptions.iter().map(|x| x.reason).collect::<Vec<_>>(),
        vec!["returned"]
    );
    // The same notification again changes nothing.
    app.reconcile_bank_file(&centre(), &camt, now()).await.expect("again");

    // The applicant gives a new account: the returned month goes out once more, the same order, attempt 2.
    assert!(
        matches!(
            app.give_new_account(
                &citizen(app.registries().population().residents[1].record.iin.as_str()),
                submitted.rent,
                "KZ18722S000012345679",
                key("rent-acct-x"),
                now()
            )
            .await,
            Err(AppError::NotFound)
        ),
        "only the applicant"
    );
    app.give_new_account(&me, submitted.rent, "KZ86125KZT5004100100", key("rent-acct-1"), now())
        .await
        .expect("new account");
    assert!(matches!(
        app.give_new_account(&me, submitted.rent, "KZ86125KZT5004100100", key("rent-acct-2"), now())
            .await,
        Err(AppError::Refused("nothing_returned"))
    ));
    let again = app
        .export_bank_file(&centre(), jiff::civil::date(2026, 3, 20), now())
        .await
        .expect("re-issued");
    assert_eq!(again.orders, 1);
    let xml = String::from_utf8(again.xml).expect("utf-8");
    assert!(xml.contains(&format!("{rent_number}-R202603/02")), "{xml}");
    assert!(xml.contains("KZ86125KZT5004100100"));

    // The ledger of the month: every order balances; the returned month was booked accrued, paid and returned
    // (three events, each a debit and a credit of the month's amount); the paid subsidy accrued and paid.
    let orders = store.ledger_by_order("2026-03").await.expect("ledger");
    assert!(orders.iter().all(|o| o.debit == o.credit), "{orders:?}");
    let rent_order = orders
        .iter()
        .find(|o| o.case == submitted.rent && o.period == "2026-03")
        .expect("the rent month's postings");
    let tiyn = first.total.tiyn();
    assert_eq!(rent_order.debit, 3 * tiyn, "{rent_order:?}");
    let accounts = store.ledger_by_account("2026-03").await.expect("accounts");
    let net = |account: &str| -> i64 {
        accounts
            .iter()
            .filter(|a| a.account == account)
            .map(|a| a.debit - a.credit)
            .sum()
    };
    assert_eq!(net("expense") + net("payable") + net("bank"), 0, "{accounts:?}");
    assert_eq!(net("payable"), -tiyn, "the returned month is owed again: {accounts:?}");
    assert_eq!(net("expense"), -net("bank") + tiyn, "{accounts:?}");
}

/// RENT-01, RENT-03: twelve months at most, in a rural locality.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twelve_months_are_paid_and_the_thirteenth_is_not() {
    let dir = tempfile::tempdir().expect("dir");
    let (app, store) = app(&dir).await;
    let resident = app.registries().population().residents[1].record.iin;
    let me = citizen(resident.as_str());
    let input = RentApplication {
        relocation: false,
        ..application()
    };
    let s = app
        .apply_rent(&me, &input, key("rent-apply-0002"), now())
        .await
        .expect("applied");
    app.forward_rent(&career_centre("55"), s.rent, key("rent-fwd-2"), now())
        .await
        .expect("forwarded");
    app.decide_rent(&centre(), s.rent, RentDecision::Grant, key("rent-grant-2"), now())
        .await
        .expect("granted");
    let mut state = String::new();
    for m in 0..12 {
        let month = parse_month(&format!("2026-{:02}", m + 1)).expect("month");
        state = app
            .pay_rent_month(&centre(), s.rent, month, now())
            .await
            .expect("paid")
            .state;
    }
    assert_eq!(state, "completed");
    let thirteenth = parse_month("2027-01").expect("month");
    assert!(matches!(
        app.pay_rent_month(&centre(), s.rent, thirteenth, now()).await,
        Err(AppError::Rejected(cases::Rejected::NotAllowed { .. }))
    ));
    assert_eq!(store.case_file(s.rent).await.expect("file").payments.len(), 12);
}

/// RENT-11, RENT-17, RENT-18: the payments stop on the purchase of housing; an overpayment is recorded and
/// its refund brings the case back where it was.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn payments_stop_when_housing_is_bought_and_an_overpayment_is_recovered() {
    let dir = tempfile::tempdir().expect("dir");
    let (app, _store) = app(&dir).await;
    let resident = app.registries().population().residents[2].record.iin;
    let me = citizen(resident.as_str());
    let input = RentApplication {
        relocation: false,
        ..application()
    };
    let s = app
        .apply_rent(&me, &input, key("rent-apply-0003"), now())
        .await
        .expect("applied");
    app.forward_rent(&career_centre("55"), s.rent, key("rent-fwd-3"), now())
        .await
        .expect("forwarded");
    app.decide_rent(&centre(), s.rent, RentDecision::Grant, key("rent-grant-3"), now())
        .await
        .expect("granted");
    for m in ["2026-03", "2026-04"] {
        app.pay_rent_month(&centre(), s.rent, parse_month(m).expect("month"), now())
            .await
            .expect("paid");
    }
    let stop = RentDecision::parse("terminate", &["rent_housing_purchased".into()], "", "").expect("decision");
    let t = app
        .decide_rent(&centre(), s.rent, stop, key("rent-stop-3"), now())
        .await
        .expect("stopped");
    assert_eq!(t.state, "terminated");
    assert!(
        app.pay_rent_month(&centre(), s.rent, parse_month("2026-05").expect("m"), now())
            .await
            .is_err(),
        "no month after the stop"
    );
    let over = RentDecision::parse("overpaid", &[], "64880", "centre_decision").expect("decision");
    let o = app
        .decide_rent(&centre(), s.rent, over, key("rent-over-3"), now())
        .await
        .expect("overpaid");
    assert_eq!(o.state, "refund_due");
    let back = app
        .decide_rent(&centre(), s.rent, RentDecision::Refunded, key("rent-back-3"), now())
        .await
        .expect("refunded");
    assert_eq!(back.state, "terminated");
}

/// A rent case granted for the resident `n`, in Pavlodar, applied for under `k`.
async fn granted(
    app: &app::App<store_sqlite::SqliteStore, registries::sandbox::SandboxRegistries>,
    n: usize,
    k: &str,
) -> store::CaseId {
    let resident = app.registries().population().residents[n].record.iin;
    let input = RentApplication {
        relocation: false,
        ..application()
    };
    let s = app
        .apply_rent(&citizen(resident.as_str()), &input, key(&format!("{k}-apply")), now())
        .await
        .expect("applied");
    app.forward_rent(&career_centre("55"), s.rent, key(&format!("{k}-forward")), now())
        .await
        .expect("forwarded");
    s.rent
}

/// RENT-07, RENT-08, RENT-09, RENT-10: a refusal on the exclusions, each with its point; RENT-12, RENT-13,
/// RENT-14, RENT-15, RENT-16: the other events that stop the payments.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exclusions_refuse_and_each_stop_event_ends_the_payments() {
    let dir = tempfile::tempdir().expect("dir");
    let (app, _store) = app(&dir).await;
    let refused = granted(&app, 3, "rent-excl").await;
    let all: Vec<String> = app::rent::exclusion_codes().into_iter().map(str::to_owned).collect();
    assert_eq!(all.len(), 4);
    let r = RentDecision::parse("refuse", &all, "", "").expect("decision");
    let done = app
        .decide_rent(&centre(), refused, r, key("rent-excl-refuse"), now())
        .await
        .expect("refused");
    assert_eq!(done.state, "refused");
    let case = app.case(&centre(), refused, now()).await.expect("case");
    let codes: Vec<&str> = case.view.grounds.iter().map(|g| g.code).collect();
    assert_eq!(codes, app::rent::exclusion_codes());
    assert!(
        RentDecision::parse("refuse", &[], "", "").is_err(),
        "a refusal names its grounds"
    );

    for (i, code) in app::rent::termination_codes().into_iter().enumerate().skip(1) {
        let case = granted(&app, 4 + i, &format!("rent-stop{i}")).await;
        app.decide_rent(
            &centre(),
            case,
            RentDecision::Grant,
            key(&format!("rent-stop{i}-grant")),
            now(),
        )
        .await
        .expect("granted");
        let stop = RentDecision::parse("terminate", &[code.to_owned()], "", "").expect("decision");
        let t = app
            .decide_rent(&centre(), case, stop, key(&format!("rent-stop{i}-stop")), now())
            .await
            .expect("stopped");
        assert_eq!(t.state, "terminated", "{code}");
        let view = app.case(&centre(), case, now()).await.expect("case").view;
        assert_eq!(view.grounds.iter().map(|g| g.code).collect::<Vec<_>>(), vec![code]);
    }
}

/// RENT-19, RELOC-04, DEADLINE-01: an application made more than six months after the inclusion, without a
/// petition, is refused on the window when the centre would grant it, both the compensation and the subsidy.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_application_after_six_months_is_refused_on_the_window() {
    let dir = tempfile::tempdir().expect("dir");
    let (app, _store) = app(&dir).await;
    let resident = app.registries().population().residents[12].record.iin;
    // Included on 2 February, applying in October: eight months later.
    let later = now()
        .checked_add(jiff::SignedDuration::from_hours(24 * 200))
        .expect("later");
    let late = application();
    let s = app
        .apply_rent(&citizen(resident.as_str()), &late, key("rent-late-apply"), later)
        .await
        .expect("applied");
    app.forward_rent(&career_centre("55"), s.rent, key("rent-late-fwd"), later)
        .await
        .expect("forwarded");
    let rent = app
        .decide_rent(&centre(), s.rent, RentDecision::Grant, key("rent-late-grant"), later)
        .await
        .expect("decided");
    assert_eq!(rent.state, "refused");
    let (reloc, _) = s.relocation.expect("relocation");
    let r = app
        .decide_relocation(&centre(), reloc, true, key("reloc-late-grant"), later)
        .await
        .expect("decided");
    assert_eq!(r.state, "refused");
    let view = app.case(&centre(), s.rent, later).await.expect("case").view;
    assert!(
        view.grounds.iter().any(|g| g.code == "deadline_missed"),
        "{:?}",
        view.grounds
    );
}
