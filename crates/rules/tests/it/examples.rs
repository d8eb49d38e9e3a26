//! Runs every worked example in `law/examples/*.toml` and reports all failures at once.
//!
//! An example names the rule, its inputs and the expected outcome in terms a lawyer can check
//! (amounts in tenge, dates, refusal codes); `requirements` lists the spec IDs it illustrates, and the
//! rule's explanation must cite each of them.

use std::fs;
use std::num::NonZeroU32;
use std::path::Path;

use calendar::{MonthEnd, WorkingDays};
use jiff::civil::Date;
use kz::Money;
use legal::Law;
use rules::rules_b::p36_employer_subsidy::employer_subsidy;
use rules::rules_b::p67_certificate::{
    CertificateClaim, CertificateRefusal, DifferentiationCategory, certificate_payment,
};
use rules::rules_b::p70_relocation_subsidy::relocation_subsidy;
use rules::rules_b::p71_rent_compensation::{RentClaim, RentExclusion, RentTermination, rent_compensation};
use rules::rules_b::p73_application_windows::{
    RestorationPetition, Timing, certificate_application, material_assistance_application,
};
use rules::{Decision, Explanation, HouseholdSize, Locality, Outcome, RuleError, time_limits};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    example: Vec<Example>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Example {
    name: String,
    rule: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    requirements: Vec<String>,
    input: toml::Table,
    output: toml::Table,
}

/// What a rule produced, in the vocabulary of the example files.
#[derive(Debug, Default, PartialEq)]
struct Actual {
    fields: toml::Table,
    requirements: Vec<String>,
}

fn s<'a>(t: &'a toml::Table, k: &str) -> Result<&'a str, String> {
    t.get(k)
        .and_then(|v| v.as_str())
        .ok_or_else(|| format!("input `{k}` missing or not a string"))
}

fn int(t: &toml::Table, k: &str) -> Result<i64, String> {
    t.get(k)
        .and_then(toml::Value::as_integer)
        .ok_or_else(|| format!("input `{k}` missing or not an integer"))
}

fn date(t: &toml::Table, k: &str) -> Result<Date, String> {
    s(t, k)?.parse().map_err(|e| format!("input `{k}`: {e}"))
}

fn list(t: &toml::Table, k: &str) -> Vec<String> {
    t.get(k)
        .and_then(toml::Value::as_array)
        .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}

fn strings(items: impl IntoIterator<Item = String>) -> toml::Value {
    toml::Value::Array(items.into_iter().map(toml::Value::String).collect())
}

fn money_decision(result: Result<Decision<Money>, RuleError>) -> Actual {
    let mut a = Actual::default();
    match result {
        Ok(d) => {
            a.fields.insert("granted".into(), d.is_granted().into());
            if let Some(m) = d.amount() {
                a.fields.insert("amount".into(), m.to_string().into());
            }
            if !d.is_granted() {
                a.fields
                    .insert("grounds".into(), strings(d.grounds().iter().map(|g| g.code.to_owned())));
            }
            a.requirements = reqs(&d.explanation);
        }
        Err(e) => {
            a.fields.insert("error".into(), e.code().into());
        }
    }
    a
}

fn reqs(why: &Explanation) -> Vec<String> {
    why.requirements.iter().map(|r| (*r).to_owned()).collect()
}

fn run(law: &Law, ex: &Example) -> Result<Actual, String> {
    let p = &law.params;
    let cal = &law.calendar;
    let i = &ex.input;
    Ok(match ex.rule.as_str() {
        "rent_compensation" => {
            let month: Date = format!("{}-01", s(i, "month")?)
                .parse()
                .map_err(|e| format!("month: {e}"))?;
            let locality = match s(i, "locality")? {
                "urban" => Locality::Urban,
                "rural" => Locality::Rural,
                other => return Err(format!("locality {other}")),
            };
            let size = HouseholdSize::new(u8::try_from(int(i, "family_size")?).map_err(|e| e.to_string())?)
                .ok_or("family_size 0")?;
            let months_paid = i.get("months_paid").and_then(toml::Value::as_integer).unwrap_or(0);
            let mut claim = RentClaim::new(
                month,
                locality,
                size,
                u8::try_from(months_paid).map_err(|e| e.to_string())?,
            );
            for e in list(i, "exclusions") {
                claim.exclusions.push(match e.as_str() {
                    "state_or_service_housing" => RentExclusion::StateOrServiceHousing,
                    "labour_relation_duties" => RentExclusion::LabourRelationDuties,
                    "active_measures_participant" => RentExclusion::ActiveMeasuresParticipant,
                    "employer_housing" => RentExclusion::EmployerHousing,
                    other => return Err(format!("exclusion {other}")),
                });
            }
            for t in list(i, "terminations") {
                claim.terminations.push(match t.as_str() {
                    "housing_purchased" => RentTermination::HousingPurchased,
                    "evicted" => RentTermination::Evicted,
                    "departed" => RentTermination::Departed,
                    "not_living_at_address" => RentTermination::NotLivingAtAddress,
                    "sublet" => RentTermination::Sublet,
                    "false_information" => RentTermination::FalseInformation,
                    other => return Err(format!("termination {other}")),
                });
            }
            money_decision(rent_compensation(p, &claim))
        }
        "certificate" => {
            let appraised = Money::parse(s(i, "appraised_value")?).map_err(|e| format!("appraised_value: {e}"))?;
            let mut claim = CertificateClaim::new(date(i, "on")?, appraised);
            for c in list(i, "categories") {
                claim.categories.push(match c.as_str() {
                    "in_demand_occupation" => DifferentiationCategory::InDemandOccupation,
                    "working_age_family_members" => DifferentiationCategory::WorkingAgeFamilyMembers,
                    "children_or_students" => DifferentiationCategory::ChildrenOrStudents,
                    "individual_entrepreneur" => DifferentiationCategory::IndividualEntrepreneur,
                    other => return Err(format!("category {other}")),
                });
            }
            for r in list(i, "refusals") {
                claim.refusals.push(match r.as_str() {
                    "missing_documents" => CertificateRefusal::MissingDocuments,
                    "unreliable_data" => CertificateRefusal::UnreliableData,
                    "cadastre_grounds" => CertificateRefusal::CadastreGrounds,
                    "outside_destination" => CertificateRefusal::OutsideDestination,
                    "already_bought_with_certificate" => CertificateRefusal::AlreadyBoughtWithCertificate,
                    other => return Err(format!("refusal {other}")),
                });
            }
            money_decision(certificate_payment(p, &claim))
        }
        "employer_subsidy" => {
            let n =
                NonZeroU32::new(u32::try_from(int(i, "workers")?).map_err(|e| e.to_string())?).ok_or("workers 0")?;
            money_decision(employer_subsidy(p, date(i, "on")?, n))
        }
        "relocation_subsidy" => {
            let n =
                NonZeroU32::new(u32::try_from(int(i, "persons")?).map_err(|e| e.to_string())?).ok_or("persons 0")?;
            money_decision(relocation_subsidy(p, date(i, "on")?, n))
        }
        "deadline" => {
            let name = s(i, "limit")?;
            let id = time_limits::NAMED
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, id)| *id)
                .ok_or("unknown limit")?;
            let mut a = Actual::default();
            match time_limits::due(p, cal, id, date(i, "from")?) {
                Ok(due) => {
                    a.fields.insert("due".into(), due.due.to_string().into());
                    a.fields.insert(
                        "skipped".into(),
                        strings(due.skipped.iter().map(|d| d.date.to_string())),
                    );
                    a.requirements = reqs(&due.explanation);
                }
                Err(e) => {
                    a.fields.insert("error".into(), e.code().into());
                }
            }
            a
        }
        "add_working_days" => {
            let n = WorkingDays::new(u16::try_from(int(i, "n")?).map_err(|e| e.to_string())?);
            let mut a = Actual::default();
            match cal.add_working_days(date(i, "start")?, n) {
                Ok(d) => {
                    a.fields.insert("due".into(), d.due.to_string().into());
                    a.fields
                        .insert("skipped".into(), strings(d.skipped.iter().map(|d| d.date.to_string())));
                }
                Err(e) => {
                    a.fields.insert("error".into(), e.code().into());
                }
            }
            a
        }
        "is_working_day" => {
            let mut a = Actual::default();
            match cal.day(date(i, "date")?) {
                Ok(day) => {
                    a.fields.insert("working".into(), day.working.into());
                    a.fields.insert("reason".into(), reason_code(&day.reason).into());
                }
                Err(e) => {
                    a.fields.insert("error".into(), e.code().into());
                }
            }
            a
        }
        "add_months" => {
            let rule = match s(i, "rule")? {
                "refuse" => MonthEnd::Refuse,
                "clamp" => MonthEnd::Clamp,
                other => return Err(format!("rule {other}")),
            };
            let months = i32::try_from(int(i, "months")?).map_err(|e| e.to_string())?;
            let mut a = Actual::default();
            match calendar::add_months(date(i, "date")?, months, rule) {
                Ok(d) => {
                    a.fields.insert("date".into(), d.to_string().into());
                }
                Err(e) => {
                    a.fields.insert("error".into(), e.code().into());
                }
            }
            a
        }
        "application_window" => {
            let petition = match i.get("petition_on") {
                Some(_) => Some(RestorationPetition {
                    filed_on: date(i, "petition_on")?,
                    evidence: i.get("evidence").and_then(toml::Value::as_bool).unwrap_or(false),
                }),
                None => None,
            };
            let mut a = Actual::default();
            match material_assistance_application(p, cal, date(i, "included_on")?, date(i, "applied_on")?, petition) {
                Ok(d) => {
                    a.fields.insert("granted".into(), d.is_granted().into());
                    match d.outcome {
                        Outcome::Granted(Timing::InTime { deadline }) => {
                            a.fields.insert("timing".into(), "in_time".into());
                            a.fields.insert("deadline".into(), deadline.to_string().into());
                        }
                        Outcome::Granted(Timing::Restored {
                            deadline,
                            petition_until,
                        }) => {
                            a.fields.insert("timing".into(), "restored".into());
                            a.fields.insert("deadline".into(), deadline.to_string().into());
                            a.fields
                                .insert("petition_until".into(), petition_until.to_string().into());
                        }
                        Outcome::Refused(ref g) => {
                            a.fields
                                .insert("grounds".into(), strings(g.iter().map(|g| g.code.to_owned())));
                        }
                    }
                    a.requirements = reqs(&d.explanation);
                }
                Err(e) => {
                    a.fields.insert("error".into(), e.code().into());
                }
            }
            a
        }
        "certificate_window" => {
            let mut a = Actual::default();
            match certificate_application(p, date(i, "relevant")?, date(i, "applied_on")?) {
                Ok(d) => {
                    a.fields.insert("granted".into(), d.is_granted().into());
                    if let Outcome::Granted((start, end)) = d.outcome {
                        a.fields
                            .insert("financial_year".into(), strings([start.to_string(), end.to_string()]));
                    } else {
                        a.fields
                            .insert("grounds".into(), strings(d.grounds().iter().map(|g| g.code.to_owned())));
                    }
                    a.requirements = reqs(&d.explanation);
                }
                Err(e) => {
                    a.fields.insert("error".into(), e.code().into());
                }
            }
            a
        }
        other => return Err(format!("unknown rule `{other}`")),
    })
}

fn reason_code(reason: &calendar::DayReason) -> &'static str {
    match reason {
        calendar::DayReason::Weekday => "weekday",
        calendar::DayReason::Weekend => "weekend",
        calendar::DayReason::Holiday { .. } => "holiday",
        calendar::DayReason::CarriedOver { .. } => "carried_over",
        calendar::DayReason::TransferredDayOff { .. } => "transferred_day_off",
        calendar::DayReason::TransferredWorkingDay { .. } => "transferred_working_day",
    }
}

/// Compares only the fields the example states; a stated field that differs or is absent is a failure.
fn compare(ex: &Example, actual: &Actual) -> Vec<String> {
    let mut problems = Vec::new();
    for (key, expected) in &ex.output {
        match actual.fields.get(key) {
            Some(got) if got == expected => {}
            Some(got) => problems.push(format!("{key}: expected {expected}, got {got}")),
            None => problems.push(format!(
                "{key}: expected {expected}, got nothing (result: {:?})",
                actual.fields
            )),
        }
    }
    for r in &ex.requirements {
        if !actual.requirements.contains(r) && !actual.fields.contains_key("error") {
            problems.push(format!(
                "explanation does not cite {r} (it cites {:?})",
                actual.requirements
            ));
        }
    }
    problems
}

#[test]
fn worked_examples() {
    let law = Law::embedded().expect("embedded law");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../law/examples");
    let mut paths: Vec<_> = fs::read_dir(&dir)
        .expect("law/examples")
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    let mut failures = Vec::new();
    let mut count = 0;
    let mut names = std::collections::BTreeSet::new();
    for path in paths.iter().filter(|p| p.extension().is_some_and(|e| e == "toml")) {
        let text = fs::read_to_string(path).expect("example file");
        let file: File = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for ex in &file.example {
            count += 1;
            if !names.insert(ex.name.clone()) {
                failures.push(format!("{}: duplicate example name", ex.name));
            }
            if ex.output.is_empty() {
                failures.push(format!("{}: states no expected output", ex.name));
            }
            let _ = &ex.description;
            match run(&law, ex) {
                Ok(actual) => failures.extend(compare(ex, &actual).into_iter().map(|p| format!("{}: {p}", ex.name))),
                Err(e) => failures.push(format!("{}: bad example: {e}", ex.name)),
            }
        }
    }
    assert!(count >= 80, "only {count} worked examples");
    assert!(
        failures.is_empty(),
        "{} of {count} examples failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
