//! The sandbox population and the registries over it.

#![allow(clippy::expect_used, clippy::panic, clippy::indexing_slicing, reason = "test code")]

use std::collections::HashSet;
use std::sync::OnceLock;

use jiff::Timestamp;
use kz::Iin;
use registries::sandbox::{Population, SandboxRegistries};
use registries::{
    AddressRegister, CivilRegistry, DigitalDocuments, Kinship, LabourMarket, Offences, RegistryError, System,
    registered_for, registered_since,
};

const SEED: u64 = 2026;

fn sandbox() -> &'static SandboxRegistries {
    static S: OnceLock<SandboxRegistries> = OnceLock::new();
    S.get_or_init(|| SandboxRegistries::new(Population::generate(SEED, 20_000, |_| {})))
}

fn at() -> Timestamp {
    Timestamp::from_second(1_773_806_400).expect("fixed time")
}

fn digest(p: &Population) -> String {
    p.residents
        .iter()
        .map(|r| format!("{}{}{}", r.record.iin.as_str(), r.record.given, r.household))
        .collect::<Vec<_>>()
        .join(",")
}

#[test]
fn the_same_seed_gives_the_same_people_and_another_seed_others() {
    let a = Population::generate(7, 3_000, |_| {});
    let b = Population::generate(7, 3_000, |_| {});
    let c = Population::generate(8, 3_000, |_| {});
    assert_eq!(digest(&a), digest(&b));
    assert_ne!(digest(&a), digest(&c));
    assert_eq!(a.residents.len(), 3_000);
}

#[test]
fn every_iin_is_valid_and_unique_and_families_hold_together() {
    let population = sandbox().population();
    let mut seen = HashSet::new();
    for r in &population.residents {
        let parsed = Iin::parse(r.record.iin.as_str()).expect("valid IIN");
        assert_eq!(parsed.birth_date(), r.record.birth_date);
        assert_eq!(parsed.sex(), r.record.sex);
        assert!(seen.insert(r.record.iin), "IIN used twice");
    }
    let mut checked = 0;
    for household in 0..500 {
        let members: Vec<_> = population.household(household).collect();
        let Some(head) = members.first() else { continue };
        assert!(head.kinship.is_none(), "the head comes first");
        for m in &members[1..] {
            match m.kinship {
                Some(Kinship::Child) => {
                    assert!(
                        m.record.birth_date > head.record.birth_date,
                        "a child is younger than the head"
                    );
                    checked += 1;
                }
                Some(Kinship::Spouse) => {
                    assert_ne!(m.record.sex, head.record.sex);
                    let back = sandbox().relatives(&m.record.iin, at()).expect("relatives").value;
                    assert!(
                        back.iter()
                            .any(|r| r.iin == head.record.iin && r.kinship == Kinship::Spouse)
                    );
                }
                other => panic!("unexpected kinship {other:?}"),
            }
        }
    }
    assert!(checked > 100, "the sample has children ({checked})");
}

#[test]
fn registries_answer_with_evidence_and_refuse_strangers() {
    let s = sandbox();
    let r = &s.population().residents[0];
    let person = s.person(&r.record.iin, at()).expect("person");
    assert_eq!(person.evidence.system, System::CivilRegistry);
    assert_eq!(person.evidence.requested_at, at());
    assert!(person.evidence.response_id.starts_with("civil_registry-"));
    assert!(
        !person.evidence.response_id.contains(r.record.iin.as_str()),
        "no IIN in a response id"
    );
    let again = s.person(&r.record.iin, at()).expect("person");
    assert_eq!(person.evidence.response_id, again.evidence.response_id, "deterministic");
    assert_eq!(
        s.job_seeker(&r.record.iin, at())
            .expect("labour market")
            .evidence
            .system,
        System::LabourMarket
    );
    assert!(s.listed(&r.record.iin, at()).is_ok());
    let history = s.registrations(&r.record.iin, at()).expect("addresses").value;
    let home = history[0].kato;
    let since = history[0].since;
    let one_year_later = since.checked_add(jiff::Span::new().years(1)).expect("date");
    assert!(registered_for(&history, &home, 1, one_year_later));
    assert!(registered_since(&history, &home, since, one_year_later));
    assert!(!registered_since(
        &history,
        &home,
        since.yesterday().expect("date"),
        one_year_later
    ));
    assert!(!registered_for(
        &history,
        &home,
        1,
        one_year_later.yesterday().expect("date")
    ));
    let stranger = Iin::from_parts(jiff::civil::date(1901, 1, 1), kz::Sex::Male, 1)
        .or_else(|_| Iin::from_parts(jiff::civil::date(1901, 1, 1), kz::Sex::Male, 2))
        .expect("a synthetic IIN");
    assert_eq!(
        s.person(&stranger, at()).map(|a| a.value.birth_date),
        Err(RegistryError::NotFound)
    );
}

#[test]
fn a_digital_document_needs_the_owners_one_time_password() {
    let s = sandbox();
    let iin = s.population().residents[1].record.iin;
    let request = s.request_consent(&iin, "identity_card", at()).expect("consent request");
    assert_eq!(
        s.fetch(&request, "000000x", at()).map(|a| a.value),
        Err(RegistryError::OtpInvalid)
    );
    let otp = s.otp_for(&request);
    let document = s.fetch(&request, &otp, at()).expect("document");
    assert_eq!(document.evidence.system, System::DigitalDocuments);
    assert_eq!(document.value.kind, "identity_card");
}

#[test]
fn the_first_people_of_a_seed_are_stable() {
    let population = Population::generate(1, 6, |_| {});
    let shown: Vec<String> = population
        .residents
        .iter()
        .map(|r| {
            format!(
                "{} | {} {} {} | {} | {:?} | {} | household {} {:?} | {} | kandas {} | job seeker {}",
                r.record.iin.as_str(),
                r.record.surname,
                r.record.given,
                r.record.patronymic.clone().unwrap_or_default(),
                r.record.latin,
                r.record.sex,
                r.record.birth_date,
                r.household,
                r.kinship,
                r.registrations[0].kato.region().name_en,
                r.kandas.is_some(),
                r.job_seeker.is_some()
            )
        })
        .collect();
    insta::assert_snapshot!(shown.join("\n"));
}
