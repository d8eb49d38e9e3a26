//! Voluntary resettlement on the web (Rules B p.24, order No. 359 appendices 10 and 11): its JSON routes
//! (`api`) and its pages (`pages`): the application on the portal or at the career centre, and the forms of the
//! case page by which the career centre records the commission's decision, refers, registers the referral's
//! tear-off notification and concludes the social contract, and the participant gives notice of a move.

pub mod api;
pub mod pages;

/// A step's result as JSON.
pub(crate) fn stepped_json(s: &app::resettlement::Stepped) -> serde_json::Value {
    serde_json::json!({
        "case": s.applied.case.0,
        "number": s.number,
        "state": s.state,
        "version": s.applied.version,
        "replayed": s.applied.replayed,
    })
}

/// What a step of a resettlement case is, on a form or in a JSON body.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Step {
    Commission,
    Referral,
    TearOff,
    Contract,
    MoveNotice,
}

/// Runs a step with its fields, named alike in the forms and the JSON bodies.
pub(crate) async fn run<S: crate::Backend, R: crate::Deps>(
    state: &crate::AppState<S, R>,
    p: &app::Principal,
    id: store::CaseId,
    step: Step,
    get: impl Fn(&str) -> String,
    key: store::IdempotencyKey,
) -> Result<app::resettlement::Stepped, app::AppError> {
    use app::resettlement::{CommissionDecision, ContractInput, MoveInput, ReferralInput};
    let now = (state.clock)();
    let a = &state.app;
    match step {
        Step::Commission => {
            let input = CommissionDecision {
                date: get("date"),
                protocol: get("protocol"),
                members: get("members"),
                outcome: get("outcome"),
            };
            a.record_resettlement_commission(p, id, &input, key, now).await
        }
        Step::Referral => {
            let input = ReferralInput {
                destination: get("destination"),
                occupation: get("occupation"),
                family: get("family"),
            };
            a.refer_for_resettlement(p, id, &input, key, now).await
        }
        Step::TearOff => {
            a.return_referral_tear_off(p, id, &get("referral_number"), key, now)
                .await
        }
        Step::Contract => {
            let input = ContractInput {
                number: get("number"),
                date: get("date"),
            };
            a.conclude_social_contract(p, id, &input, key, now).await
        }
        Step::MoveNotice => {
            let input = MoveInput {
                moving_on: get("moving_on"),
                reasons: get("reasons"),
            };
            a.notify_resettlement_move(p, id, &input, key, now).await
        }
    }
}
