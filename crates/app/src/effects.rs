//! The effects of a case step carried out in the same transaction as the step: each `cases::Effect` becomes
//! operations of the store command that writes the step (`store::Op`), or is refused here for a documented
//! reason. The match below has no wildcard: a new effect does not compile until it is given an executor or a
//! refusal.

use cases::Effect;
use serde_json::json;
use store::{DocumentRequest, NewMessage, Op, Party, PaymentRequest, QuotaKey, QuotaOp};

use crate::AppError;

/// The channels a notice to a person goes out through: the personal cabinet, SMS and e-mail (the sandbox
/// gateways in demo mode). The cabinet shows it in the reader's language from its template.
pub const NOTICE_CHANNELS: &[&str] = &["cabinet", "sms", "email"];

/// What the effects of one step need from the use case that runs it.
#[derive(Debug, Clone, Default)]
pub struct Context<'a> {
    /// Whom notices to the applicant go to.
    pub applicant: Option<&'a Party>,
    /// The application number notices name.
    pub number: &'a str,
    /// The quota and the places a step allocates or releases.
    pub quota: Option<(&'a QuotaKey, u32)>,
    /// The payment a step schedules (the amount comes from the rules, not from the machine).
    pub payment: Option<&'a PaymentRequest>,
}

/// Why an effect is not an operation of the command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoOp {
    /// A notice to a body: the case stands in the body's work queue, in the state the step left it.
    BodyQueue,
    /// Handing the case to another body: the state the step writes is where the other body's queue finds it.
    StateIsTheHandOver,
}

/// One effect as operations, or the documented reason it has none.
pub fn operations(effect: &Effect, cx: &Context<'_>) -> Result<Result<Vec<Op>, NoOp>, AppError> {
    let missing = |what: &str| {
        AppError::Store(store::StoreError::Unavailable(format!(
            "a step asked for {what} its use case did not give"
        )))
    };
    Ok(match effect {
        Effect::Notify {
            to: cases::Party::Applicant,
            message,
        } => {
            let to = cx.applicant.ok_or_else(|| missing("a notice to the applicant"))?;
            Ok(notice(to, message, cx.number))
        }
        Effect::Notify {
            to:
                cases::Party::StateCorporation
                | cases::Party::CareerCentre
                | cases::Party::ServiceProvider
                | cases::Party::LabourMobilityCentre
                | cases::Party::AppealBody
                | cases::Party::Employer,
            ..
        } => Err(NoOp::BodyQueue),
        Effect::Forward { .. } => Err(NoOp::StateIsTheHandOver),
        Effect::AllocateQuota => {
            let (key, amount) = cx.quota.ok_or_else(|| missing("quota places"))?;
            Ok(vec![Op::Quota(QuotaOp::Allocate {
                key: key.clone(),
                amount,
            })])
        }
        Effect::ReleaseQuota => {
            let (key, amount) = cx.quota.ok_or_else(|| missing("quota places"))?;
            Ok(vec![Op::Quota(QuotaOp::Release {
                key: key.clone(),
                amount,
            })])
        }
        Effect::SchedulePayment { .. } => {
            let payment = cx.payment.ok_or_else(|| missing("a payment"))?;
            Ok(vec![Op::Payment(payment.clone())])
        }
        Effect::IssueDocument { form } => Ok(vec![Op::Document(DocumentRequest {
            form: form_id(form),
            issued: None,
        })]),
    })
}

/// Every effect of a step as the operations of its command.
pub fn all(effects: &[Effect], cx: &Context<'_>) -> Result<Vec<Op>, AppError> {
    let mut ops = Vec::new();
    for effect in effects {
        if let Ok(more) = operations(effect, cx)? {
            ops.extend(more);
        }
    }
    Ok(ops)
}

/// A form as the documents know it: the order's appendices by their full name (`order-359-app-5`), the rules'
/// own as named (`rules-a-app-7`).
pub fn form_id(form: &str) -> String {
    if form.starts_with("app-") {
        format!("order-359-{form}")
    } else {
        form.to_owned()
    }
}

/// A notice to a person through every channel, in Kazakh (the default language; the cabinet shows it again in
/// the reader's).
fn notice(to: &Party, message: &str, number: &str) -> Vec<Op> {
    let catalog = render::Catalog::new();
    let text = catalog.message(render::Lang::Kk, message, &[]);
    // A new case has no number before the store writes it; its notice names none.
    let body = if number.is_empty() {
        text
    } else {
        catalog.message(
            render::Lang::Kk,
            "notice-about-case",
            &[("number", number), ("text", text.as_str())],
        )
    };
    NOTICE_CHANNELS
        .iter()
        .map(|channel| {
            Op::Message(NewMessage {
                channel: (*channel).to_owned(),
                recipient: to.number().to_owned(),
                template: message.to_owned(),
                args: json!({ "number": number }).to_string(),
                body: body.clone(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used, clippy::panic, reason = "test code")]

    use super::*;

    /// Every effect, to every party: an executor or a documented refusal. The match has no wildcard, so an
    /// effect or a party added to `cases` fails to compile here until it is placed.
    #[test]
    fn every_effect_has_an_executor_or_a_documented_refusal() {
        let iin = kz::Iin::parse("900115301235").ok();
        let person = iin.map(Party::Person);
        let key = QuotaKey {
            year: 2026,
            territory: kz::Kato::parse("550000000").expect("Pavlodar"),
            category: store::QuotaCategory::Resettler,
        };
        let payment = PaymentRequest {
            measure: "relocation_subsidy".into(),
            amount: kz::Money::from_tiyn(100),
            payee: person.clone().expect("person"),
            period: String::new(),
        };
        let cx = Context {
            applicant: person.as_ref(),
            number: "QN-55-2026-000001",
            quota: Some((&key, 2)),
            payment: Some(&payment),
        };
        let day: jiff::civil::Date = "2026-03-18".parse().expect("date");
        let parties = [
            cases::Party::Applicant,
            cases::Party::StateCorporation,
            cases::Party::CareerCentre,
            cases::Party::ServiceProvider,
            cases::Party::LabourMobilityCentre,
            cases::Party::AppealBody,
            cases::Party::Employer,
        ];
        let mut effects = vec![
            Effect::AllocateQuota,
            Effect::ReleaseQuota,
            Effect::SchedulePayment { by: Some(day) },
            Effect::IssueDocument { form: "app-5" },
        ];
        for to in parties {
            effects.push(Effect::Notify {
                to,
                message: "notice_quota_included",
            });
            effects.push(Effect::Forward { to });
        }
        for effect in &effects {
            let done = operations(effect, &cx).expect("executed");
            match (effect, done) {
                (
                    Effect::Notify {
                        to: cases::Party::Applicant,
                        ..
                    },
                    Ok(ops),
                ) => {
                    assert_eq!(ops.len(), NOTICE_CHANNELS.len(), "one message per channel");
                }
                (Effect::Notify { .. }, Err(why)) => assert_eq!(why, NoOp::BodyQueue),
                (Effect::Forward { .. }, Err(why)) => assert_eq!(why, NoOp::StateIsTheHandOver),
                (Effect::AllocateQuota, Ok(ops)) => assert!(matches!(
                    ops.as_slice(),
                    [Op::Quota(QuotaOp::Allocate { amount: 2, .. })]
                )),
                (Effect::ReleaseQuota, Ok(ops)) => assert!(matches!(
                    ops.as_slice(),
                    [Op::Quota(QuotaOp::Release { amount: 2, .. })]
                )),
                (Effect::SchedulePayment { .. }, Ok(ops)) => assert!(matches!(ops.as_slice(), [Op::Payment(_)])),
                (Effect::IssueDocument { .. }, Ok(ops)) => match ops.as_slice() {
                    [Op::Document(d)] => assert_eq!(d.form, "order-359-app-5"),
                    other => panic!("a document: {other:?}"),
                },
                (effect, other) => panic!("{effect:?} gave {other:?}"),
            }
        }
    }

    /// An effect whose data the use case did not give is an error, never a silently dropped effect.
    #[test]
    fn an_effect_without_its_data_is_an_error() {
        let cx = Context::default();
        for effect in [
            Effect::AllocateQuota,
            Effect::Notify {
                to: cases::Party::Applicant,
                message: "notice_quota_included",
            },
        ] {
            assert!(operations(&effect, &cx).is_err(), "{effect:?}");
        }
    }
}
