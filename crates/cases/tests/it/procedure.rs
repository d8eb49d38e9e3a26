//! What the order prescribes for the procedure of each case, event by event: who decides, on what grounds, within
//! which time limits, and which dates it does not set.

use std::num::NonZeroU32;

use cases::{
    Ctx, Effect, appeal_b73_3, certificate_b68, employer_app7, material_b73, quota_a14, rent_b72, resettlement_b24,
};
use jiff::civil::{Date, date};
use rules::rules_b::p73_application_windows::RestorationPetition;

use crate::law;

fn ctx(today: Date) -> Ctx<'static> {
    let law = law();
    Ctx {
        today,
        params: &law.params,
        calendar: &law.calendar,
    }
}

/// The payment effects of a step, as their debug text.
fn payments(effects: &[Effect]) -> Vec<String> {
    effects
        .iter()
        .map(|e| format!("{e:?}"))
        .filter(|e| e.starts_with("SchedulePayment"))
        .collect()
}

#[test]
fn the_order_sets_no_date_for_the_employer_payment() {
    // Appendices 7–9 set no time limit for paying the employer: the payment has no due date of its own.
    let applied = employer_app7::State::Applied {
        workers: NonZeroU32::MIN,
        hired_on: date(2026, 3, 2),
        term: employer_app7::Term::TwoYears,
    };
    let on = date(2026, 3, 27);
    for event in [
        employer_app7::Event::Grant,
        employer_app7::Event::GrantHousing {
            amount: kz::Money::from_tiyn(35_000_000),
        },
    ] {
        let step = employer_app7::step(&applied, event, &ctx(on)).expect("granted");
        assert_eq!(payments(&step.effects), ["SchedulePayment { by: None }"], "{event:?}");
    }
}

#[test]
fn the_order_sets_no_date_for_a_monthly_rent_payment() {
    // p.71 pays monthly; it names no day by which a month is paid.
    let step = rent_b72::step(
        &rent_b72::State::Paying { months_paid: 1 },
        rent_b72::Event::MonthPaid,
        &ctx(date(2026, 4, 30)),
    )
    .expect("paid");
    assert!(
        payments(&step.effects)
            .iter()
            .all(|p| p == "SchedulePayment { by: None }"),
        "{:?}",
        step.effects
    );
}

#[test]
fn the_relocation_subsidy_is_not_granted_on_the_application_itself() {
    // Appendix 15: the centre «өтінішті қарап … шешім қабылдады» — the application is considered, then decided.
    let step = material_b73::relocation(
        &material_b73::Relocation::New,
        material_b73::RelocationEvent::Apply {
            included_on: date(2026, 2, 10),
            persons: NonZeroU32::MIN,
            petition: None,
        },
        &ctx(date(2026, 5, 15)),
    )
    .expect("applied");
    assert_eq!(step.next.key(), "applied");
    assert!(payments(&step.effects).is_empty(), "{:?}", step.effects);
}

/// A rent application from filing to the centre's review.
fn rent_under_review(included_on: Date, applied_on: Date, petition: Option<RestorationPetition>) -> rent_b72::State {
    let mut state = rent_b72::State::New;
    for (on, event) in [
        (applied_on, rent_b72::Event::Submit { included_on, petition }),
        (applied_on, rent_b72::Event::Forward),
    ] {
        state = rent_b72::step(&state, event, &ctx(on))
            .expect("listed and forwarded")
            .next;
    }
    state
}

#[test]
fn rent_compensation_is_applied_for_within_six_months_of_inclusion() {
    // p.73 part 1: material assistance «өңірлік квотаға енгізілген сәттен бастап алты ай мерзімнен кешіктірмей өтініш
    // берілген жағдайда беріледі»; appendix 16 names the rent compensation «субсидиялар түрінде материалдық көмек».
    let included = date(2026, 1, 20);
    let late = rent_under_review(included, date(2026, 7, 21), None);
    let step = rent_b72::step(&late, rent_b72::Event::Grant, &ctx(date(2026, 7, 24))).expect("decided");
    let rent_b72::State::Refused { grounds } = &step.next else {
        panic!("a late application is granted: {:?}", step.next)
    };
    let codes: Vec<_> = grounds.as_slice().iter().map(|g| g.code).collect();
    assert_eq!(codes, ["deadline_missed"]);
    assert!(step.requirements.contains(&"RENT-19"));

    // On the last day of the six months it is in time, however late the centre decides.
    let in_time = rent_under_review(included, date(2026, 7, 20), None);
    let step = rent_b72::step(&in_time, rent_b72::Event::Grant, &ctx(date(2026, 7, 24))).expect("decided");
    assert_eq!(step.next, rent_b72::State::Paying { months_paid: 0 });

    // Late, restored on a petition with evidence made with the application within the three months.
    let petition = RestorationPetition {
        filed_on: date(2026, 9, 1),
        evidence: true,
    };
    let restored = rent_under_review(included, date(2026, 9, 1), Some(petition));
    let step = rent_b72::step(&restored, rent_b72::Event::Grant, &ctx(date(2026, 9, 3))).expect("decided");
    assert_eq!(step.next, rent_b72::State::Paying { months_paid: 0 });
}

/// A complaint filed on `on` (and forwarded on `forwarded`, if given).
fn appeal(filed: Date, forwarded: Option<Date>) -> appeal_b73_3::State {
    let mut state = appeal_b73_3::step(&appeal_b73_3::State::New, appeal_b73_3::Event::File, &ctx(filed))
        .expect("filed")
        .next;
    if let Some(on) = forwarded {
        state = appeal_b73_3::step(&state, appeal_b73_3::Event::Forward, &ctx(on))
            .expect("forwarded")
            .next;
    }
    state
}

#[test]
fn the_appealed_centre_may_keep_the_complaint_only_within_three_working_days() {
    // p.73-3 part 4: it may not forward the complaint if it satisfies it in full «үш жұмыс күні ішінде».
    // Filed on Tuesday 5 May 2026: Thursday 7 May is Defender's Day and Monday 11 May the carried-over Victory
    // Day, so the third working day is Tuesday 12 May.
    let filed = appeal(date(2026, 5, 5), None);
    let on_time = appeal_b73_3::step(&filed, appeal_b73_3::Event::Remedy, &ctx(date(2026, 5, 12)));
    assert_eq!(on_time.map(|s| s.next.key()), Ok("remedied"));
    let late = appeal_b73_3::step(&filed, appeal_b73_3::Event::Remedy, &ctx(date(2026, 5, 13)));
    assert_eq!(
        late.map(|s| s.next.key()).map_err(|e| e.code()),
        Err("event_not_allowed")
    );
    // Past the three days the complaint goes to the higher body.
    let forwarded = appeal_b73_3::step(&filed, appeal_b73_3::Event::Forward, &ctx(date(2026, 5, 13)));
    assert_eq!(forwarded.map(|s| s.next.key()), Ok("under_consideration"));
}
#[test]
fn the_court_is_open_after_the_pre_trial_complaint_whatever_its_outcome() {
    // p.73-3 part 6: «сотқа жүгіну … сотқа дейінгі тәртіппен … шағымданғаннан кейін ғана рұқсат етіледі».
    let considering = appeal(date(2026, 5, 5), Some(date(2026, 5, 6)));
    let upheld =
        appeal_b73_3::step(&considering, appeal_b73_3::Event::Uphold, &ctx(date(2026, 5, 12))).expect("upheld");
    assert!(upheld.requirements.contains(&"APPEAL-06"), "{:?}", upheld.requirements);
    let dismissed =
        appeal_b73_3::step(&considering, appeal_b73_3::Event::Dismiss, &ctx(date(2026, 5, 12))).expect("dismissed");
    assert!(
        dismissed.requirements.contains(&"APPEAL-06"),
        "{:?}",
        dismissed.requirements
    );
}

#[test]
fn every_outcome_of_the_complaint_and_its_silence_open_the_court() {
    let considering = appeal(date(2026, 5, 5), Some(date(2026, 5, 6)));
    assert!(!considering.court_open(), "not while the complaint is considered");
    // Forwarded on Wednesday 6 May: five working days end on Friday 15 May (7 May is Defender's Day, 11 May the
    // carried-over Victory Day).
    for event in [
        appeal_b73_3::Event::Uphold,
        appeal_b73_3::Event::UpholdInPart,
        appeal_b73_3::Event::Dismiss,
    ] {
        let step = appeal_b73_3::step(&considering, event, &ctx(date(2026, 5, 13))).expect("decided");
        assert!(step.next.court_open(), "{event:?}");
    }
    let early = appeal_b73_3::step(&considering, appeal_b73_3::Event::NoAnswer, &ctx(date(2026, 5, 15)));
    assert_eq!(
        early.map(|s| s.next.key()).map_err(|e| e.code()),
        Err("event_not_allowed")
    );
    let silent = appeal_b73_3::step(&considering, appeal_b73_3::Event::NoAnswer, &ctx(date(2026, 5, 18)))
        .expect("no answer in five working days");
    assert!(silent.next.court_open());
    assert!(silent.requirements.contains(&"APPEAL-06"));
    // A late answer is still recorded, and the court stays open.
    let answered =
        appeal_b73_3::step(&silent.next, appeal_b73_3::Event::Dismiss, &ctx(date(2026, 5, 19))).expect("late");
    assert!(answered.next.court_open());
    // Satisfied in full by the centre itself: the pre-trial complaint has its outcome too.
    let remedied = appeal_b73_3::step(
        &appeal(date(2026, 5, 5), None),
        appeal_b73_3::Event::Remedy,
        &ctx(date(2026, 5, 6)),
    )
    .expect("remedied");
    assert!(remedied.next.court_open());
    assert!(!appeal(date(2026, 5, 5), None).court_open(), "not while filed");
}

#[test]
fn an_appraisal_suit_stops_the_career_centre_check_too_but_not_the_transfer() {
    // p.68 part 12: the suit «экономикалық мобильділік сертификатын төлеу туралы өтінішті қарау мерзімдерін
    // тоқтата тұрады» — the time limits (plural) of considering the application: the career centre's check of
    // part 7 as well as the centre's decision of part 13.
    let registered = certificate_b68::step(
        &certificate_b68::State::New,
        certificate_b68::Event::Submit,
        &ctx(date(2026, 4, 27)),
    )
    .expect("registered")
    .next;
    // Registered on Monday 27 April: checked and forwarded by Thursday 30 April; the suit on the 28th leaves two.
    let suspended = certificate_b68::step(
        &registered,
        certificate_b68::Event::AppraisalContested,
        &ctx(date(2026, 4, 28)),
    )
    .expect("the check is suspended")
    .next;
    assert_eq!(suspended.key(), "suspended");
    // Resumed on Friday 8 May, the two days run over the carried-over Victory Day (Monday 11 May): 13 May.
    let resumed = certificate_b68::step(
        &suspended,
        certificate_b68::Event::AppraisalResolved,
        &ctx(date(2026, 5, 8)),
    )
    .expect("resumed")
    .next;
    let certificate_b68::State::Registered { forward_by, .. } = &resumed else {
        panic!("the check resumes where it stopped: {resumed:?}")
    };
    assert_eq!(forward_by.due, date(2026, 5, 13));

    // After the decision the suit stops nothing: p.69's two working days to transfer follow the decision.
    let approved = certificate_b68::State::Approved {
        amount: kz::Money::from_tiyn(700_000_000),
        transfer_by: ctx(date(2026, 5, 13))
            .due(legal::TimeLimitId::EmcTransfer, date(2026, 5, 13))
            .expect("due"),
    };
    let contested = certificate_b68::step(
        &approved,
        certificate_b68::Event::AppraisalContested,
        &ctx(date(2026, 5, 14)),
    );
    assert_eq!(
        contested.map(|s| s.next.key()).map_err(|e| e.code()),
        Err("event_not_allowed")
    );
}

#[test]
fn only_the_contract_after_a_move_within_the_region_rests_on_paragraph_24() {
    // p.24 is about a move within the region of reception: «… жаңа тұрғылықты жері бойынша әлеуметтік
    // келісімшарт жасасады». The first social contract is the one the referral's tear-off notification records
    // (appendix 11: «… жасалған № … әлеуметтік келісімшартқа сәйкес»).
    let first = resettlement_b24::step(
        &resettlement_b24::State::Settled { on: date(2026, 3, 2) },
        resettlement_b24::Event::Contract,
        &ctx(date(2026, 3, 3)),
    )
    .expect("contract");
    assert_eq!(first.basis.to_string(), "order-359 app-11");
    assert!(!first.requirements.contains(&"RES-04"), "{:?}", first.requirements);

    let moved = resettlement_b24::State::MoveNotified {
        moving_on: date(2026, 6, 15),
        notice_by: ctx(date(2026, 6, 1))
            .due(legal::TimeLimitId::MoveNotice, date(2026, 6, 15))
            .expect("due"),
        timely: true,
    };
    let after_move =
        resettlement_b24::step(&moved, resettlement_b24::Event::Contract, &ctx(date(2026, 6, 16))).expect("contract");
    assert_eq!(after_move.basis.to_string(), "rules-b 24");
    assert_eq!(after_move.requirements, ["RES-04"]);
}

#[test]
fn each_body_refuses_to_accept_only_on_its_own_grounds() {
    use legal::{Act, LegalRef};
    let ground = |code: &'static str| rules::Ground {
        code,
        basis: LegalRef::new(Act::RulesA, "15.5"),
        requirement: "QUOTA-14",
    };
    let refuse = |state: &quota_a14::State, codes: &[&'static str]| {
        quota_a14::step(
            quota_a14::Category::Resettler,
            state,
            quota_a14::Event::RefuseToAccept {
                grounds: codes.iter().map(|c| ground(c)).collect(),
            },
            &ctx(date(2026, 3, 18)),
        )
    };
    let grounds_of = |step: &cases::Step<quota_a14::State>| match &step.next {
        quota_a14::State::NotAccepted { grounds } => grounds
            .as_slice()
            .iter()
            .map(|g| format!("{} {} {}", g.code, g.basis, g.requirement))
            .collect::<Vec<_>>(),
        other => panic!("not refused: {other:?}"),
    };
    // At the counter, p.14 part 4: an incomplete package or expired documents, nothing else.
    let counter = quota_a14::State::New;
    let step = refuse(&counter, &["quota_incomplete_package", "quota_expired_documents"]).expect("refused");
    assert_eq!(
        grounds_of(&step),
        [
            "quota_incomplete_package rules-a 14.4 QUOTA-06",
            "quota_expired_documents rules-a 14.4 QUOTA-06"
        ]
    );
    for foreign in ["quota_expiring_documents", "quota_k1_not_kandas"] {
        let step = refuse(&counter, &[foreign]);
        assert_eq!(
            step.map(|s| s.next.key()).map_err(|e| e.code()),
            Err("event_not_allowed"),
            "{foreign}"
        );
    }
    // The provider, p.15 part 5: also documents whose validity ends on the day of the decision on inclusion.
    let received = quota_a14::step(
        quota_a14::Category::Resettler,
        &quota_a14::State::New,
        quota_a14::Event::Submit {
            channel: quota_a14::Channel::Portal,
        },
        &ctx(date(2026, 3, 18)),
    )
    .expect("received")
    .next;
    let step = refuse(&received, &["quota_expiring_documents"]).expect("refused");
    assert_eq!(grounds_of(&step), ["quota_expiring_documents rules-a 15.5 QUOTA-14"]);
    let step = refuse(&received, &["quota_r1_unreliable_data"]);
    assert_eq!(
        step.map(|s| s.next.key()).map_err(|e| e.code()),
        Err("event_not_allowed")
    );
}

#[test]
fn both_sub_types_are_received_through_the_three_channels() {
    // QUOTA-03, QUOTA-18: the State Corporation, a career centre, a portal; QUOTA-16: the kandas and the resettler
    // sub-types, each with its own refusal grounds. A resettler's package is accepted or refused at the counter
    // (A 14.4-14.5), reaches the provider from a career centre after its forwarding (A 15.3), and from the portal
    // for the provider's check (A 15.5); a kandas's goes to review on receipt (XREF-01, intake `direct`).
    let submit = |category, channel| {
        quota_a14::step(
            category,
            &quota_a14::State::New,
            quota_a14::Event::Submit { channel },
            &ctx(date(2026, 3, 18)),
        )
        .map(|s| s.next.key())
        .map_err(|e| e.code())
    };
    use quota_a14::{Category, Channel};
    for channel in [Channel::StateCorporation, Channel::CareerCentre, Channel::Portal] {
        assert_eq!(submit(Category::Kandas, channel), Ok("under_review"), "{channel:?}");
    }
    assert_eq!(submit(Category::Resettler, Channel::Portal), Ok("received"));
    assert_eq!(
        submit(Category::Resettler, Channel::CareerCentre),
        Ok("at_career_centre")
    );
    assert_eq!(
        submit(Category::Resettler, Channel::StateCorporation),
        Err("event_not_allowed")
    );
    let counter = quota_a14::step(
        Category::Resettler,
        &quota_a14::State::New,
        quota_a14::Event::AcceptAtCounter,
        &ctx(date(2026, 3, 18)),
    )
    .expect("accepted at the counter");
    assert_eq!(counter.next.key(), "under_review");
    assert!(
        counter
            .effects
            .contains(&Effect::IssueDocument { form: "rules-a-app-7" })
    );
    assert!(
        Category::Kandas
            .grounds()
            .iter()
            .all(|g| !Category::Resettler.grounds().contains(g))
    );
}

/// XREF-01 is configuration: with the kandas intake set to the provider's check, a kandas application waits for
/// it and may be refused acceptance, citing the parameter's reference, never the resettlers' paragraphs.
#[test]
fn the_kandas_intake_follows_its_parameter() {
    let files: Vec<(&'static str, String)> = legal::params::FILES
        .iter()
        .map(|(path, text)| {
            let text = if *path == "rules-a/kandas-intake.toml" {
                text.replace(r#"intake = "direct""#, r#"intake = "provider_check""#)
            } else {
                (*text).to_owned()
            };
            (*path, text)
        })
        .collect();
    let borrowed: Vec<(&'static str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let params = legal::Params::from_files(&borrowed).expect("params");
    let law = law();
    let ctx = Ctx {
        today: date(2026, 3, 18),
        params: &params,
        calendar: &law.calendar,
    };
    let step = quota_a14::step(
        quota_a14::Category::Kandas,
        &quota_a14::State::New,
        quota_a14::Event::Submit {
            channel: quota_a14::Channel::Portal,
        },
        &ctx,
    )
    .expect("received");
    assert_eq!(step.next.key(), "received");
    assert_eq!(step.basis.act, legal::Act::RulesA);
    assert_eq!(step.basis.point, "XREF-01");
    let accepted =
        quota_a14::step(quota_a14::Category::Kandas, &step.next, quota_a14::Event::Accept, &ctx).expect("accepted");
    assert!(
        !accepted
            .effects
            .iter()
            .any(|e| matches!(e, Effect::IssueDocument { .. })),
        "the acceptance notice A-App 7 is the resettlers' form"
    );
}
