use super::*;
use jiff::civil::date;

fn params() -> Params {
    Params::embedded().unwrap()
}

#[test]
fn embedded_parameters_load() {
    let p = params();
    assert_eq!(p.time_limits.len(), TimeLimitId::ALL.len());
    for id in TimeLimitId::ALL {
        assert_eq!(TimeLimitId::from_key(id.key()), Some(*id));
    }
}

#[test]
fn mci_by_date() {
    let p = params();
    let cases = [
        (date(2017, 12, 31), None),
        (date(2018, 1, 1), Some(2405)),
        (date(2020, 3, 31), Some(2651)),
        (date(2020, 4, 1), Some(2778)),
        (date(2022, 5, 31), Some(3063)),
        (date(2022, 6, 1), Some(3180)),
        (date(2025, 12, 31), Some(3932)),
        (date(2026, 1, 1), Some(4325)),
        (date(2027, 1, 1), None),
    ];
    for (on, tenge) in cases {
        assert_eq!(
            p.mci.at(on).ok().map(|e| e.value),
            tenge.map(|t| Money::from_tenge(t).unwrap()),
            "{on}"
        );
    }
}

#[test]
fn rent_table_of_order_359() {
    let p = params();
    assert!(
        p.rent.at(date(2025, 12, 31)).is_err(),
        "no edition before the order's entry into force"
    );
    let t = &p.rent.at(date(2026, 3, 1)).unwrap().value;
    assert_eq!(t.max_months(), 12);
    let show = |b: &[Bracket]| {
        b.iter()
            .map(|b| (b.from_members(), b.mci().count()))
            .collect::<Vec<_>>()
    };
    assert_eq!(show(t.urban()), [(1, 20), (2, 25), (5, 30)]);
    assert_eq!(show(t.rural()), [(1, 15), (2, 18), (5, 21)]);
}

#[test]
fn every_value_has_a_reference_with_a_point() {
    let p = params();
    for item in p.in_force(date(2026, 6, 1)) {
        assert!(!item.reference.legal.point.is_empty(), "{}", item.id);
    }
    assert_eq!(p.in_force(date(2026, 6, 1)).len(), 12 + TimeLimitId::ALL.len());
}

#[test]
fn financial_year_is_the_calendar_year() {
    let fy = p_fy();
    assert_eq!(
        fy.containing(date(2026, 5, 27)),
        Some((date(2026, 1, 1), date(2026, 12, 31)))
    );
}

fn p_fy() -> FinancialYear {
    params().financial_year.at(date(2026, 1, 1)).unwrap().value
}

#[test]
fn bad_files_are_refused_with_the_file_named() {
    let good = FILES.to_vec();
    let with = |name: &'static str, text: &'static str| -> Vec<(&'static str, &str)> {
        good.iter()
            .map(|(p, t)| if *p == name { (*p, text) } else { (*p, *t) })
            .collect()
    };
    let cases: [(&'static str, &'static str, &str); 5] = [
        (
            "rules-b/p67-certificate.toml",
            "id='x'\ndescription=''\nunit=''\n[[edition]]\nstart=2026-01-01\nvalue={mci=1}\nreference={act='rules-z', point='1', confidence='high'}\n",
            "law/params/rules-b/p67-certificate.toml: unknown act `rules-z`",
        ),
        (
            "rules-b/p67-certificate.toml",
            "id='x'\ndescription=''\nunit=''\n[[edition]]\nstart=2026-01-01\nvalue={mci=1}\n",
            "law/params/rules-b/p67-certificate.toml: missing field `reference`",
        ),
        (
            "rules-b/p67-certificate.toml",
            "id='x'\ndescription=''\nunit=''\n[[edition]]\nstart=2026-01-01T10:00:00\nvalue={mci=1}\nreference={act='rules-b', point='1', confidence='high'}\n",
            "law/params/rules-b/p67-certificate.toml: `2026-01-01T10:00:00` is not a date",
        ),
        (
            "rules-b/p71-rent-compensation.toml",
            "id='x'\ndescription=''\nunit=''\n[[edition]]\nstart=2026-01-01\nreference={act='rules-b', point='71', confidence='high'}\nvalue={max_months=12, urban=[{from_members=2, mci=1}], rural=[{from_members=1, mci=1}]}\n",
            "law/params/rules-b/p71-rent-compensation.toml: urban: the first bracket must start at one member",
        ),
        (
            "time-limits.toml",
            "",
            "law/params/time-limits.toml: time limit `quota_sc_forward` is missing",
        ),
    ];
    for (file, text, message) in cases {
        let err = Params::from_files(&with(file, text)).unwrap_err();
        assert_eq!(err.to_string(), message);
    }
}
