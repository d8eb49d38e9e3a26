//! The case machines driven by scripts (`tests/scripts/*.txt`), each scenario's transcript a snapshot.
//!
//! A script is scenarios separated by `---`; a scenario is `kind KIND` and then `on DATE EVENT ARGS…` lines.
//! The transcript shows, for each event, the state reached (or the rejection), the basis, the requirement IDs,
//! the effects and every deadline with its calendar edition.

#![allow(
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a bad script is a failed test"
)]

mod procedure;
mod properties;

use std::fmt::Debug;
use std::fs;
use std::num::NonZeroU32;
use std::path::Path;
use std::sync::OnceLock;

use cases::{
    Ctx, Rejected, Step, appeal_b73_3, certificate_b68, employer_app7, material_b73, quota_a14, rent_b72,
    resettlement_b24,
};
use jiff::civil::Date;
use kz::{Kato, Money};
use legal::Law;
use rules::rules_b::p67_certificate::CertificateRefusal;
use rules::rules_b::p71_rent_compensation::{RentExclusion, RentTermination};

pub(crate) fn law() -> &'static Law {
    static LAW: OnceLock<Law> = OnceLock::new();
    LAW.get_or_init(|| Law::embedded().expect("embedded law"))
}

fn date(s: &str) -> Date {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn line<S: Debug>(out: &mut String, head: &str, result: Result<Step<S>, Rejected>, state: &mut S) {
    match result {
        Ok(step) => {
            let reqs = step.requirements.join(", ");
            out.push_str(&format!(
                "{head}\n  -> {:?}\n  basis {} [{reqs}]\n",
                step.next, step.basis
            ));
            for e in &step.effects {
                out.push_str(&format!("  effect {e:?}\n"));
            }
            *state = step.next;
        }
        Err(e) => out.push_str(&format!("{head}\n  REJECTED {} ({e})\n", e.code())),
    }
}

fn quota_ground(code: &str) -> rules::Ground {
    quota_a14::ALL_GROUNDS
        .iter()
        .find(|g| g.code == code)
        .cloned()
        .unwrap_or_else(|| panic!("no ground {code}"))
}

/// Runs one scenario and returns its transcript.
fn run(kind: &str, events: &[(Date, Vec<&str>)]) -> String {
    let law = law();
    let mut out = format!("kind {kind}\n");
    let ctx = |today| Ctx {
        today,
        params: &law.params,
        calendar: &law.calendar,
    };
    macro_rules! drive {
        ($state:expr, $parse:expr, $step:expr) => {{
            let mut state = $state;
            for (on, words) in events {
                let head = format!("{on} {}", words.join(" "));
                let event = $parse(words.as_slice());
                let result = $step(&state, event, &ctx(*on));
                line(&mut out, &head, result, &mut state);
            }
        }};
    }
    match kind {
        "quota_kandas" | "quota_resettler" => {
            let category = if kind == "quota_kandas" {
                quota_a14::Category::Kandas
            } else {
                quota_a14::Category::Resettler
            };
            drive!(
                quota_a14::State::New,
                |w: &[&str]| match w {
                    ["submit", "state_corporation"] => quota_a14::Event::Submit {
                        channel: quota_a14::Channel::StateCorporation
                    },
                    ["submit", "career_centre"] => quota_a14::Event::Submit {
                        channel: quota_a14::Channel::CareerCentre
                    },
                    ["submit", "portal"] => quota_a14::Event::Submit {
                        channel: quota_a14::Channel::Portal
                    },
                    ["accept_at_counter"] => quota_a14::Event::AcceptAtCounter,
                    ["request_home_visit"] => quota_a14::Event::RequestHomeVisit,
                    ["forward"] => quota_a14::Event::Forward,
                    ["accept"] => quota_a14::Event::Accept,
                    ["commission", outcome, on, protocol] => quota_a14::Event::RecordCommission {
                        commission: quota_a14::Commission {
                            body: quota_a14::CommissionBody::of(category),
                            date: date(on),
                            protocol: (*protocol).to_owned(),
                            members: vec!["Сапарова А. М.".into(), "Омаров Б. К.".into()],
                            outcome: match *outcome {
                                "include" => legal::params::QuotaOutcome::Include,
                                _ => legal::params::QuotaOutcome::Refuse,
                            },
                        }
                    },
                    ["include"] => quota_a14::Event::Include,
                    ["no_quota"] => quota_a14::Event::NoQuota,
                    ["revoke", reason @ ..] => quota_a14::Event::Revoke {
                        reason: cases::model::Reason::parse(&reason.join(" ")).expect("a reason")
                    },
                    ["refuse_to_accept", grounds @ ..] => {
                        quota_a14::Event::RefuseToAccept {
                            grounds: grounds.iter().map(|g| quota_ground(g)).collect(),
                        }
                    }
                    ["refuse", grounds @ ..] => quota_a14::Event::Refuse {
                        grounds: grounds.iter().map(|g| quota_ground(g)).collect()
                    },
                    other => panic!("quota event {other:?}"),
                },
                |s: &quota_a14::State, e, c: &Ctx<'_>| quota_a14::step(category, s, e, c)
            )
        }
        "certificate" => drive!(
            certificate_b68::State::New,
            |w: &[&str]| match w {
                ["submit"] => certificate_b68::Event::Submit,
                ["forward"] => certificate_b68::Event::Forward,
                ["site_visit"] => certificate_b68::Event::SiteVisit,
                ["appraisal_contested"] => certificate_b68::Event::AppraisalContested,
                ["appraisal_resolved"] => certificate_b68::Event::AppraisalResolved,
                ["approve", amount] => certificate_b68::Event::Approve {
                    amount: Money::parse(amount).expect("amount")
                },
                ["transferred"] => certificate_b68::Event::Transferred,
                ["refuse", grounds @ ..] => certificate_b68::Event::Refuse {
                    grounds: grounds
                        .iter()
                        .map(|g| {
                            CertificateRefusal::ALL
                                .iter()
                                .copied()
                                .find(|r| r.ground().code == *g)
                                .expect("ground")
                        })
                        .collect(),
                },
                other => panic!("certificate event {other:?}"),
            },
            certificate_b68::step
        ),
        "rent_compensation" => drive!(
            rent_b72::State::New,
            |w: &[&str]| match w {
                ["submit", included] => rent_b72::Event::Submit {
                    included_on: date(included),
                    petition: None,
                },
                ["submit", included, "petition", filed, evidence] => rent_b72::Event::Submit {
                    included_on: date(included),
                    petition: Some(rules::rules_b::p73_application_windows::RestorationPetition {
                        filed_on: date(filed),
                        evidence: *evidence == "evidence",
                    }),
                },
                ["forward"] => rent_b72::Event::Forward,
                ["grant"] => rent_b72::Event::Grant,
                ["month_paid"] => rent_b72::Event::MonthPaid,
                ["refuse", grounds @ ..] => rent_b72::Event::Refuse {
                    exclusions: grounds
                        .iter()
                        .map(|g| RentExclusion::ALL
                            .iter()
                            .copied()
                            .find(|r| r.ground().code == *g)
                            .expect("exclusion"))
                        .collect(),
                },
                ["overpaid", amount, path] => rent_b72::Event::Overpaid {
                    amount: Money::parse(amount).expect("amount"),
                    path: match *path {
                        "application" => rent_b72::RefundPath::Application,
                        "court" => rent_b72::RefundPath::CourtDecision,
                        _ => rent_b72::RefundPath::LabourMobilityCentreDecision,
                    },
                },
                ["refunded"] => rent_b72::Event::Refunded,
                ["terminate", grounds @ ..] => rent_b72::Event::Terminate {
                    grounds: grounds
                        .iter()
                        .map(|g| RentTermination::ALL
                            .iter()
                            .copied()
                            .find(|r| r.ground().code == *g)
                            .expect("termination"))
                        .collect(),
                },
                other => panic!("rent event {other:?}"),
            },
            rent_b72::step
        ),
        "appeal" => drive!(
            appeal_b73_3::State::New,
            |w: &[&str]| match w {
                ["file"] => appeal_b73_3::Event::File,
                ["remedy"] => appeal_b73_3::Event::Remedy,
                ["forward"] => appeal_b73_3::Event::Forward,
                ["uphold"] => appeal_b73_3::Event::Uphold,
                ["dismiss"] => appeal_b73_3::Event::Dismiss,
                ["uphold_in_part"] => appeal_b73_3::Event::UpholdInPart,
                ["no_answer"] => appeal_b73_3::Event::NoAnswer,
                other => panic!("appeal event {other:?}"),
            },
            appeal_b73_3::step
        ),
        "relocation_subsidy" => drive!(
            material_b73::Relocation::New,
            |w: &[&str]| match w {
                ["apply", included, persons] => material_b73::RelocationEvent::Apply {
                    included_on: date(included),
                    persons: persons.parse::<NonZeroU32>().expect("persons"),
                    petition: None,
                },
                ["apply", included, persons, "petition", filed, evidence] => material_b73::RelocationEvent::Apply {
                    included_on: date(included),
                    persons: persons.parse::<NonZeroU32>().expect("persons"),
                    petition: Some(rules::rules_b::p73_application_windows::RestorationPetition {
                        filed_on: date(filed),
                        evidence: *evidence == "evidence",
                    }),
                },
                ["grant"] => material_b73::RelocationEvent::Grant,
                ["refuse"] => material_b73::RelocationEvent::Refuse,
                ["paid"] => material_b73::RelocationEvent::Paid,
                other => panic!("relocation event {other:?}"),
            },
            material_b73::relocation
        ),
        "restoration" => drive!(
            material_b73::Restoration::New,
            |w: &[&str]| match w {
                ["petition", included, evidence] => {
                    material_b73::RestorationEvent::Petition {
                        included_on: date(included),
                        evidence: *evidence == "evidence",
                    }
                }
                other => panic!("restoration event {other:?}"),
            },
            material_b73::restoration
        ),
        "employer_subsidy" => drive!(
            employer_app7::State::New,
            |w: &[&str]| match w {
                ["apply", workers, hired, term] => employer_app7::Event::Apply {
                    workers: workers.parse::<NonZeroU32>().expect("workers"),
                    hired_on: date(hired),
                    term: if *term == "5y" {
                        employer_app7::Term::FiveYears
                    } else {
                        employer_app7::Term::TwoYears
                    },
                },
                ["grant"] => employer_app7::Event::Grant,
                ["grant_housing", amount] => employer_app7::Event::GrantHousing {
                    amount: Money::parse(amount).expect("amount")
                },
                ["refuse"] => employer_app7::Event::Refuse,
                ["paid"] => employer_app7::Event::Paid,
                other => panic!("employer event {other:?}"),
            },
            employer_app7::step
        ),
        "resettlement" => drive!(
            resettlement_b24::State::New,
            |w: &[&str]| match w {
                ["apply"] => resettlement_b24::Event::Apply,
                ["approve"] => resettlement_b24::Event::Approve,
                ["refuse"] => resettlement_b24::Event::Refuse,
                ["refer", kato] => resettlement_b24::Event::Refer {
                    destination: Kato::parse(kato).expect("kato")
                },
                ["arrived"] => resettlement_b24::Event::Arrived,
                ["contract"] => resettlement_b24::Event::Contract,
                ["move_notice", moving_on] => resettlement_b24::Event::MoveNotice {
                    moving_on: date(moving_on)
                },
                other => panic!("resettlement event {other:?}"),
            },
            resettlement_b24::step
        ),
        other => panic!("unknown kind {other}"),
    }
    out
}

/// Parses a script file into scenarios and runs them all.
fn transcript(path: &Path) -> String {
    let text = fs::read_to_string(path).expect("script");
    let mut out = String::new();
    for scenario in text.split("\n---\n") {
        let mut kind = None;
        let mut events = Vec::new();
        let mut title = Vec::new();
        for l in scenario.lines().map(str::trim).filter(|l| !l.is_empty()) {
            if let Some(t) = l.strip_prefix('#') {
                title.push(t.trim());
            } else if let Some(k) = l.strip_prefix("kind ") {
                kind = Some(k.trim().to_owned());
            } else if let Some(rest) = l.strip_prefix("on ") {
                let mut words = rest.split_whitespace();
                let on = date(words.next().expect("date"));
                events.push((on, words.collect::<Vec<_>>()));
            } else {
                panic!("{}: cannot read line {l:?}", path.display());
            }
        }
        let kind = kind.unwrap_or_else(|| panic!("{}: a scenario without `kind`", path.display()));
        out.push_str(&format!("## {}\n", title.join(" ")));
        out.push_str(&run(&kind, &events));
        out.push('\n');
    }
    out
}

#[test]
fn scripts() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scripts");
    let mut names: Vec<_> = fs::read_dir(&dir)
        .expect("scripts")
        .map(|e| e.expect("entry").path())
        .collect();
    names.sort();
    assert!(names.len() >= 8, "a script per machine");
    for path in names {
        let name = path.file_stem().and_then(|s| s.to_str()).expect("name").to_owned();
        insta::assert_snapshot!(name, transcript(&path));
    }
}

#[test]
fn every_notice_a_machine_sends_is_listed_for_the_catalogs() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut sent = Vec::new();
    for entry in fs::read_dir(dir).expect("src") {
        let text = fs::read_to_string(entry.expect("entry").path()).expect("source");
        for piece in text.split("message: \"").skip(1) {
            sent.push(piece.split('"').next().expect("key").to_owned());
        }
    }
    assert!(sent.len() > 20, "the scan found too few notices ({})", sent.len());
    let missing: Vec<_> = sent.iter().filter(|k| !cases::NOTICES.contains(&k.as_str())).collect();
    assert!(missing.is_empty(), "not in cases::NOTICES: {missing:?}");
}

#[test]
fn social_assistance_runs_from_the_portal_registration_date() {
    // DEADLINE-05, DEADLINE-06: the date of application is the day of registration on the portal.
    let (from, basis) = material_b73::social_assistance_from(date("2026-03-21"));
    assert_eq!(
        (from, basis.to_string()),
        (date("2026-03-21"), "rules-b 73-2".to_owned())
    );
}
