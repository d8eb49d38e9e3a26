//! Taking part in voluntary resettlement through the use cases: the application, the commission's decision,
//! the referral and its tear-off notification, the social contract, the notice of a move and the new contract
//! (RES-03 … RES-07), each by the body the order names and in its region only.

use app::resettlement::{CommissionDecision, ContractInput, MoveInput, ReferralInput, ResettlementApplication};
use app::{AppError, Principal};
use store::{Channel, Outbox, Role};

use super::{app, citizen, key, now};

fn centre(region: &str) -> Principal {
    Principal::staff("cc.officer.03", Role::CareerCentre, Some(region), Channel::CareerCentre)
}

/// RES-05, RES-06, RES-07, RES-03, RES-04: the journey from the application to the new contract after a move.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_participant_is_referred_settles_and_moves_within_the_region() {
    let dir = tempfile::tempdir().expect("dir");
    let (app, store) = app(&dir).await;
    let iin = app.registries().population().residents[0]
        .record
        .iin
        .as_str()
        .to_owned();
    let me = citizen(&iin);

    // Nobody but the citizen themselves or a career centre of the region applies.
    let input = ResettlementApplication {
        iin: iin.clone(),
        territory: "550000000".into(),
    };
    assert_eq!(
        app.apply_for_resettlement(&centre("75"), &input, key("res-apply-elsewhere"), now())
            .await,
        Err(AppError::Forbidden)
    );
    let applied = app
        .apply_for_resettlement(&me, &input, key("res-apply-0001"), now())
        .await
        .expect("applied");
    assert_eq!(applied.state, "applied");
    let case = applied.applied.case;
    // The same request again is answered from the first, and writes nothing.
    let again = app
        .apply_for_resettlement(&me, &input, key("res-apply-0001"), now())
        .await
        .expect("replayed");
    assert_eq!(again.applied.case, case);

    let decision = CommissionDecision {
        date: "2026-03-17".into(),
        protocol: "4".into(),
        members: "Ахметова Г. С.\nБекенов Н. Т.".into(),
        outcome: "approve".into(),
    };
    // A centre of another region is answered as if the case did not exist.
    assert_eq!(
        app.record_resettlement_commission(&centre("75"), case, &decision, key("res-com-elsewhere"), now())
            .await,
        Err(AppError::NotFound)
    );
    let bad = CommissionDecision {
        outcome: "maybe".into(),
        members: String::new(),
        ..decision.clone()
    };
    match app
        .record_resettlement_commission(&centre("55"), case, &bad, key("res-com-bad"), now())
        .await
    {
        Err(AppError::Invalid(fields)) => {
            let codes: Vec<_> = fields.iter().map(|f| f.code).collect();
            assert_eq!(codes, ["members_required", "invalid_outcome"]);
        }
        other => panic!("{other:?}"),
    }
    let cc = centre("55");
    let s = app
        .record_resettlement_commission(&cc, case, &decision, key("res-com-0001"), now())
        .await
        .expect("recorded");
    assert_eq!(s.state, "participant");

    let referral = ReferralInput {
        destination: "551010000".into(),
        occupation: "дәнекерлеуші".into(),
        family: "2".into(),
    };
    let s = app
        .refer_for_resettlement(&cc, case, &referral, key("res-ref-0001"), now())
        .await
        .expect("referred");
    assert_eq!(s.state, "referred");
    let referral_number = format!("{}/1", s.number);

    // The tear-off notification is matched to the referral by its number.
    assert_eq!(
        app.return_referral_tear_off(&cc, case, "QN-55-2026-999999/1", key("res-tear-wrong"), now())
            .await,
        Err(AppError::Invalid(vec![app::FieldError {
            field: "referral_number",
            code: "referral_number_mismatch",
        }]))
    );
    let s = app
        .return_referral_tear_off(&cc, case, &referral_number, key("res-tear-0001"), now())
        .await
        .expect("returned");
    assert_eq!(s.state, "settled");

    let contract = ContractInput {
        number: "СК-17".into(),
        date: "2026-03-18".into(),
    };
    // The participant does not conclude the contract themselves.
    assert_eq!(
        app.conclude_social_contract(&me, case, &contract, key("res-con-self"), now())
            .await,
        Err(AppError::NotFound)
    );
    let s = app
        .conclude_social_contract(&cc, case, &contract, key("res-con-0001"), now())
        .await
        .expect("contract");
    assert_eq!(s.state, "under_contract");

    // Someone else cannot give notice on the participant's case.
    let other = app.registries().population().residents[5]
        .record
        .iin
        .as_str()
        .to_owned();
    let notice = MoveInput {
        moving_on: "2026-03-25".into(),
        reasons: "Жаңа жұмыс орны".into(),
    };
    assert_eq!(
        app.notify_resettlement_move(&citizen(&other), case, &notice, key("res-move-other"), now())
            .await,
        Err(AppError::NotFound)
    );
    // Seven days before the move: recorded, as late.
    let s = app
        .notify_resettlement_move(&me, case, &notice, key("res-move-0001"), now())
        .await
        .expect("notice");
    assert_eq!(s.state, "move_notified");
    let details = app.case(&cc, case, now()).await.expect("case");
    let timely = details
        .view
        .facts
        .iter()
        .find(|f| f.key == "move_timely")
        .map(|f| f.value.clone());
    assert_eq!(timely, Some(app::kinds::FactValue::No));
    assert_eq!(details.actions, ["contract"]);

    let s = app
        .conclude_social_contract(
            &cc,
            case,
            &ContractInput {
                number: "СК-18".into(),
                date: "2026-03-18".into(),
            },
            key("res-con-0002"),
            now(),
        )
        .await
        .expect("new contract");
    assert_eq!(s.state, "under_contract");

    // The applicant was told of the decision on participation.
    let messages = store.messages_to(&iin, 50).await.expect("messages");
    assert!(messages.iter().any(|m| m.template == "notice_participation_approved"));
}

/// RES-03: a notice given ten calendar days or more before the move is timely.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_notice_ten_days_ahead_is_timely() {
    let dir = tempfile::tempdir().expect("dir");
    let (app, _store) = app(&dir).await;
    let iin = app.registries().population().residents[1]
        .record
        .iin
        .as_str()
        .to_owned();
    let cc = centre("55");
    let case = app
        .apply_for_resettlement(
            &cc,
            &ResettlementApplication {
                iin: iin.clone(),
                territory: "550000000".into(),
            },
            key("res2-apply"),
            now(),
        )
        .await
        .expect("applied")
        .applied
        .case;
    let decision = CommissionDecision {
        date: "2026-03-17".into(),
        protocol: "5".into(),
        members: "Ахметова Г. С.".into(),
        outcome: "approve".into(),
    };
    app.record_resettlement_commission(&cc, case, &decision, key("res2-com"), now())
        .await
        .expect("approved");
    let s = app
        .refer_for_resettlement(
            &cc,
            case,
            &ReferralInput {
                destination: "551010000".into(),
                occupation: "жүргізуші".into(),
                family: String::new(),
            },
            key("res2-ref"),
            now(),
        )
        .await
        .expect("referred");
    app.return_referral_tear_off(&cc, case, &format!("{}/1", s.number), key("res2-tear"), now())
        .await
        .expect("returned");
    app.conclude_social_contract(
        &cc,
        case,
        &ContractInput {
            number: "1".into(),
            date: "2026-03-18".into(),
        },
        key("res2-con"),
        now(),
    )
    .await
    .expect("contract");
    app.notify_resettlement_move(
        &citizen(&iin),
        case,
        &MoveInput {
            moving_on: "2026-03-28".into(),
            reasons: "Отбасы жағдайы".into(),
        },
        key("res2-move"),
        now(),
    )
    .await
    .expect("notice");
    let details = app.case(&cc, case, now()).await.expect("case");
    let timely = details
        .view
        .facts
        .iter()
        .find(|f| f.key == "move_timely")
        .map(|f| f.value.clone());
    assert_eq!(timely, Some(app::kinds::FactValue::Yes));
}
