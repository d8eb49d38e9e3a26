//! `qonys calc …`: the rules with their explanations.

use std::process::ExitCode;

use clap::{Subcommand, ValueEnum};
use kz::Money;
use rules::rules_b::p67_certificate::{self, CertificateClaim, CertificateRefusal, DifferentiationCategory};
use rules::rules_b::p71_rent_compensation::{self, RentClaim, RentExclusion, RentTermination};
use rules::rules_b::p73_application_windows::{self, RestorationPetition, Timing};
use rules::rules_b::{p36_employer_subsidy, p70_relocation_subsidy};
use rules::{Decision, HouseholdSize, Locality, Outcome, RuleError, time_limits};
use serde_json::{Value, json};

use crate::failure::Failure;
use crate::output::{Out, explanation, explanation_lines};
use crate::{cmd_calendar, law, parse};

#[derive(Debug, Subcommand)]
pub(crate) enum CalcCmd {
    /// Monthly rent and utilities compensation (Rules B p.71–72).
    RentCompensation {
        /// The month paid for, YYYY-MM.
        #[arg(long, allow_hyphen_values = true)]
        month: String,
        /// urban | rural
        #[arg(long, allow_hyphen_values = true)]
        locality: String,
        /// Family members, the applicant included.
        #[arg(long, allow_hyphen_values = true)]
        family_size: String,
        /// Months already compensated.
        #[arg(long, default_value = "0")]
        months_paid: String,
        /// A p.72 part 4–5 exclusion that applies (repeatable).
        #[arg(long, value_enum)]
        exclusion: Vec<ExclusionArg>,
        /// A p.72 part 6 termination that applies (repeatable).
        #[arg(long, value_enum)]
        termination: Vec<TerminationArg>,
    },
    /// Economic mobility certificate payment (Rules B p.67–68).
    Certificate {
        /// The decision date, YYYY-MM-DD.
        #[arg(long, allow_hyphen_values = true)]
        on: String,
        /// Actual appraised value of the housing, tenge (e.g. 6500000 or 6 500 000,50).
        #[arg(long, allow_hyphen_values = true)]
        appraised_value: String,
        /// A p.67 part four differentiation category (repeatable).
        #[arg(long, value_enum)]
        category: Vec<CategoryArg>,
        /// A p.68 part 14 refusal ground established by the case (repeatable).
        #[arg(long, value_enum)]
        refusal: Vec<RefusalArg>,
    },
    /// Employment subsidy to an employer (Rules B p.36, B-App 3).
    EmployerSubsidy {
        #[arg(long, allow_hyphen_values = true)]
        on: String,
        #[arg(long, default_value = "1")]
        workers: String,
    },
    /// Relocation subsidy (Rules B p.70; configurable, unverified amount).
    RelocationSubsidy {
        #[arg(long, allow_hyphen_values = true)]
        on: String,
        #[arg(long, allow_hyphen_values = true)]
        persons: String,
    },
    /// A time limit of the order: its due date counted from an event.
    Deadline {
        /// One of: quota_sc_forward, quota_career_centre_forward, …, emc_decision, appeal_consideration (see --help of `law time-limits`).
        limit: String,
        /// The event the limit is counted from, YYYY-MM-DD.
        #[arg(long, allow_hyphen_values = true)]
        from: String,
    },
    /// Whether an application for material assistance is within the six-month window of p.73.
    ApplicationWindow {
        #[arg(long, allow_hyphen_values = true)]
        included_on: String,
        #[arg(long, allow_hyphen_values = true)]
        applied_on: String,
        /// Date a restoration petition was filed, if any.
        #[arg(long, allow_hyphen_values = true)]
        petition_on: Option<String>,
        /// The petition carries a document on circumstances beyond the applicant's control.
        #[arg(long)]
        evidence: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum ExclusionArg {
    StateOrServiceHousing,
    LabourRelationDuties,
    ActiveMeasuresParticipant,
    EmployerHousing,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum TerminationArg {
    HousingPurchased,
    Evicted,
    Departed,
    NotLivingAtAddress,
    Sublet,
    FalseInformation,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum CategoryArg {
    InDemandOccupation,
    WorkingAgeFamilyMembers,
    ChildrenOrStudents,
    IndividualEntrepreneur,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum RefusalArg {
    MissingDocuments,
    UnreliableData,
    CadastreGrounds,
    OutsideDestination,
    AlreadyBoughtWithCertificate,
}

pub(crate) fn locality(s: &str) -> Result<Locality, Failure> {
    match s.trim().to_ascii_lowercase().as_str() {
        "urban" => Ok(Locality::Urban),
        "rural" => Ok(Locality::Rural),
        _ => Err(Failure::input("invalid_locality", "--locality")),
    }
}

pub(crate) fn run(cmd: CalcCmd, out: &Out) -> Result<ExitCode, Failure> {
    let law = law()?;
    let params = &law.params;
    match cmd {
        CalcCmd::RentCompensation {
            month,
            locality: loc,
            family_size,
            months_paid,
            exclusion,
            termination,
        } => {
            let mut claim = RentClaim::new(
                parse::month(&month, "--month")?,
                locality(&loc)?,
                HouseholdSize::new(parse::positive(&family_size, "--family-size")?)
                    .ok_or_else(|| Failure::input("invalid_number", "--family-size"))?,
                parse::count(&months_paid, "--months-paid")?,
            );
            claim.exclusions = exclusion.iter().map(|e| exclusion_of(*e)).collect();
            claim.terminations = termination.iter().map(|t| termination_of(*t)).collect();
            amount(
                out,
                "rent_compensation",
                p71_rent_compensation::rent_compensation(params, &claim),
            )
        }
        CalcCmd::Certificate {
            on,
            appraised_value,
            category,
            refusal,
        } => {
            let appraised = Money::parse(&appraised_value).map_err(|e| Failure::from_code(&e, "--appraised-value"))?;
            let mut claim = CertificateClaim::new(parse::date(&on, "--on")?, appraised);
            claim.categories = category.iter().map(|c| category_of(*c)).collect();
            claim.refusals = refusal.iter().map(|r| refusal_of(*r)).collect();
            amount(out, "certificate", p67_certificate::certificate_payment(params, &claim))
        }
        CalcCmd::EmployerSubsidy { on, workers } => {
            let workers = parse::nonzero(&workers, "--workers")?;
            amount(
                out,
                "employer_subsidy",
                p36_employer_subsidy::employer_subsidy(params, parse::date(&on, "--on")?, workers),
            )
        }
        CalcCmd::RelocationSubsidy { on, persons } => {
            let persons = parse::nonzero(&persons, "--persons")?;
            amount(
                out,
                "relocation_subsidy",
                p70_relocation_subsidy::relocation_subsidy(params, parse::date(&on, "--on")?, persons),
            )
        }
        CalcCmd::Deadline { limit, from } => {
            let id = time_limits::NAMED
                .iter()
                .find(|(name, _)| *name == limit.trim())
                .map(|(_, id)| *id)
                .ok_or_else(|| Failure::input("unknown_time_limit", "LIMIT"))?;
            let due = time_limits::due(params, &law.calendar, id, parse::date(&from, "--from")?)
                .map_err(|e| Failure::from_rule(&e, "--from"))?;
            let skipped: Vec<Value> = due.skipped.iter().map(|d| cmd_calendar::day_json(out, d)).collect();
            if out.json {
                out.json(&json!({
                    "limit": id.key(),
                    "from": due.from.to_string(),
                    "due": due.due.to_string(),
                    "count": due.rule.count,
                    "unit": due.rule.unit.key(),
                    "calendar_edition": due.calendar_edition,
                    "skipped": skipped,
                    "explanation": explanation(&due.explanation),
                }));
            } else {
                out.line(format!("{}: {}", out.msg("out_due"), due.due));
                for line in explanation_lines(out, &due.explanation) {
                    out.line(line);
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        CalcCmd::ApplicationWindow {
            included_on,
            applied_on,
            petition_on,
            evidence,
        } => {
            let petition = petition_on
                .map(|d| parse::date(&d, "--petition-on").map(|filed_on| RestorationPetition { filed_on, evidence }))
                .transpose()?;
            let decision = p73_application_windows::material_assistance_application(
                params,
                &law.calendar,
                parse::date(&included_on, "--included-on")?,
                parse::date(&applied_on, "--applied-on")?,
                petition,
            )
            .map_err(|e| Failure::from_rule(&e, "--included-on"))?;
            let (timing, deadline, petition_until) = match decision.outcome {
                Outcome::Granted(Timing::InTime { deadline }) => ("in_time", Some(deadline), None),
                Outcome::Granted(Timing::Restored {
                    deadline,
                    petition_until,
                }) => ("restored", Some(deadline), Some(petition_until)),
                Outcome::Refused(_) => ("late", None, None),
            };
            report(
                out,
                "application_window",
                &decision,
                json!({
                    "timing": timing,
                    "deadline": deadline.map(|d| d.to_string()),
                    "petition_until": petition_until.map(|d| d.to_string()),
                }),
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The catalog key that names a measure for people. The six-month window has no `out_measure_` entry of its own:
/// it is named by its time limit (`param-material_assistance_application`, the period for applying for material
/// assistance other than the certificate).
fn measure_key(measure: &str) -> String {
    match measure {
        "application_window" => "param-material_assistance_application".to_owned(),
        other => format!("out_measure_{other}"),
    }
}

/// Prints an amount decision. A date the law is not known for is a result ("not covered"), not a failure.
fn amount(out: &Out, measure: &str, result: Result<Decision<Money>, RuleError>) -> Result<ExitCode, Failure> {
    let decision = match result {
        Ok(d) => d,
        Err(RuleError::NotCovered(nc)) => {
            let message = out.msg("edition_not_covered");
            if out.json {
                out.json(&json!({
                    "measure": measure,
                    "eligible": false,
                    "amount_tiyn": 0,
                    "amount": Money::ZERO.to_string(),
                    "currency": "KZT",
                    "reason": "edition_not_covered",
                    "reasons": [{ "code": "edition_not_covered", "parameter": nc.parameter, "on": nc.on.to_string(), "message": message }],
                    "basis": [],
                    "parameters": [],
                }));
            } else {
                out.line(format!(
                    "{}: {}",
                    out.msg(&measure_key(measure)),
                    out.msg("out_refused")
                ));
                out.line(format!(
                    "{}: {message} ({}, {})",
                    out.msg("out_reason"),
                    nc.parameter,
                    nc.on
                ));
            }
            return Ok(ExitCode::SUCCESS);
        }
        Err(e) => return Err(Failure::from_rule(&e, "--on")),
    };
    let amount = decision.amount().unwrap_or(Money::ZERO);
    report(
        out,
        measure,
        &decision,
        json!({
            "amount_tiyn": amount.tiyn(),
            "amount": amount.to_string(),
            "currency": "KZT",
        }),
    );
    Ok(ExitCode::SUCCESS)
}

fn report<T>(out: &Out, measure: &str, decision: &Decision<T>, extra: Value) {
    let grounds: Vec<Value> = decision.grounds().iter().map(|g| out.ground(g)).collect();
    if out.json {
        // The explanation's keys (basis, requirements, parameters, facts) sit at the top level of the answer.
        let mut v = explanation(&decision.explanation);
        let head = json!({
            "measure": measure,
            "eligible": decision.is_granted(),
            "reason": decision.grounds().first().map(|g| g.code),
            "reasons": grounds,
        });
        if let (Value::Object(map), Value::Object(head), Value::Object(extra)) = (&mut v, head, extra) {
            map.extend(head);
            map.extend(extra);
        }
        out.json(&v);
        return;
    }
    let verdict = if decision.is_granted() {
        out.msg("out_granted")
    } else {
        out.msg("out_refused")
    };
    out.line(format!("{}: {verdict}", out.msg(&measure_key(measure))));
    if let Some(tiyn) = extra.get("amount_tiyn").and_then(Value::as_i64)
        && decision.is_granted()
    {
        out.line(format!("{}: {}", out.msg("out_amount"), render::format_tiyn(tiyn)));
    }
    for g in decision.grounds() {
        out.line(format!(
            "{}: {} ({}, {})",
            out.msg("out_reason"),
            out.msg(g.code),
            out.catalog.legal_ref(out.lang, &g.basis),
            g.requirement
        ));
    }
    for line in explanation_lines(out, &decision.explanation) {
        out.line(line);
    }
}

fn exclusion_of(e: ExclusionArg) -> RentExclusion {
    match e {
        ExclusionArg::StateOrServiceHousing => RentExclusion::StateOrServiceHousing,
        ExclusionArg::LabourRelationDuties => RentExclusion::LabourRelationDuties,
        ExclusionArg::ActiveMeasuresParticipant => RentExclusion::ActiveMeasuresParticipant,
        ExclusionArg::EmployerHousing => RentExclusion::EmployerHousing,
    }
}

fn termination_of(t: TerminationArg) -> RentTermination {
    match t {
        TerminationArg::HousingPurchased => RentTermination::HousingPurchased,
        TerminationArg::Evicted => RentTermination::Evicted,
        TerminationArg::Departed => RentTermination::Departed,
        TerminationArg::NotLivingAtAddress => RentTermination::NotLivingAtAddress,
        TerminationArg::Sublet => RentTermination::Sublet,
        TerminationArg::FalseInformation => RentTermination::FalseInformation,
    }
}

fn category_of(c: CategoryArg) -> DifferentiationCategory {
    match c {
        CategoryArg::InDemandOccupation => DifferentiationCategory::InDemandOccupation,
        CategoryArg::WorkingAgeFamilyMembers => DifferentiationCategory::WorkingAgeFamilyMembers,
        CategoryArg::ChildrenOrStudents => DifferentiationCategory::ChildrenOrStudents,
        CategoryArg::IndividualEntrepreneur => DifferentiationCategory::IndividualEntrepreneur,
    }
}

fn refusal_of(r: RefusalArg) -> CertificateRefusal {
    match r {
        RefusalArg::MissingDocuments => CertificateRefusal::MissingDocuments,
        RefusalArg::UnreliableData => CertificateRefusal::UnreliableData,
        RefusalArg::CadastreGrounds => CertificateRefusal::CadastreGrounds,
        RefusalArg::OutsideDestination => CertificateRefusal::OutsideDestination,
        RefusalArg::AlreadyBoughtWithCertificate => CertificateRefusal::AlreadyBoughtWithCertificate,
    }
}

#[cfg(test)]
mod tests {
    use render::{Catalog, Lang};

    use super::measure_key;

    /// The measures `calc` reports on, as `report` and `amount` name them.
    const MEASURES: &[&str] = &[
        "rent_compensation",
        "certificate",
        "employer_subsidy",
        "relocation_subsidy",
        "application_window",
    ];

    #[test]
    fn the_arguments_are_well_formed() {
        use clap::Subcommand;
        super::CalcCmd::augment_subcommands(clap::Command::new("calc")).debug_assert();
    }

    #[test]
    fn every_measure_is_named_from_the_catalogs() {
        let catalog = Catalog::new();
        for measure in MEASURES {
            for lang in Lang::ALL {
                let key = measure_key(measure);
                assert!(catalog.has(lang, &key), "{lang}: {key} is printed raw");
            }
        }
    }
}
