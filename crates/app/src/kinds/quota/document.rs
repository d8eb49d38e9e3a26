//! The documents a quota case issues, filled from its stored record: nothing is typed twice. The words the
//! documents take from the service (states, kinds, grounds, kinships, documents) are the catalogs' in both
//! languages.
//!
//! DOC-02 and DOC-03 (the kandas decisions), DOC-05 and DOC-06 (the resettler decisions), DOC-18 (the acceptance
//! notice A-App 7 and the refusal-to-accept receipt A-App 8).

use cases::quota_a14::{Category, Channel, State};
use documents::{Bilingual, FormData, Row, Value};
use render::{Catalog, Lang};
use store::CaseRecord;

use super::QuotaRecord;
use crate::AppError;
use crate::kinds::Heading;

fn both(catalog: &Catalog, key: &str) -> Bilingual {
    Bilingual::new(catalog.message(Lang::Kk, key, &[]), catalog.message(Lang::Ru, key, &[]))
}

fn missing(form: &str, field: &'static str) -> AppError {
    AppError::Store(store::StoreError::Unavailable(format!(
        "document {form}: the case has no {field}"
    )))
}

/// The applicant's IIN: the case's applicant (the record keeps it masked).
fn applicant_iin(case: &CaseRecord, form: &str) -> Result<kz::Iin, AppError> {
    match &case.applicant {
        Some(store::Party::Person(iin)) => Ok(*iin),
        Some(store::Party::Organisation(_)) | None => Err(missing(form, "applicant")),
    }
}

fn with_person(mut data: FormData, r: &QuotaRecord, iin: Option<kz::Iin>) -> FormData {
    data = data.set("applicant.name", r.name.as_str());
    if let Some(iin) = iin {
        data = data.set("applicant.iin", iin);
    }
    if let Some(born) = r.person.birth_date {
        data = data.set("applicant.birth_date", born);
    }
    if let Some(sex) = r.person.sex {
        data = data.set("applicant.sex", sex);
    }
    data
}

fn family_rows(mut data: FormData, table: &str, r: &QuotaRecord, catalog: &Catalog) -> FormData {
    for m in &r.family {
        data = data.row(
            table,
            Row::new()
                .with("iin", m.iin)
                .with("name", m.name.as_str())
                .with("birth_date", m.birth_date)
                .with("sex", m.sex)
                .with("relation", both(catalog, &format!("ui-kinship-{}", m.kinship))),
        );
    }
    data.empty_table(table)
}

/// Fills `form` for the case.
pub(super) fn fill(case: &CaseRecord, form: &str, heading: &Heading) -> Result<FormData, AppError> {
    let r = QuotaRecord::decode(case)?;
    let catalog = Catalog::new();
    let iin = applicant_iin(case, form)?;
    let base = heading.form(form);
    let data = match (form, r.category) {
        ("order-359-app-2", Category::Kandas) => family_rows(with_person(base, &r, None), "family", &r, &catalog),
        ("order-359-app-5", Category::Resettler) => {
            family_rows(with_person(base, &r, Some(iin)), "family", &r, &catalog)
        }
        ("order-359-app-3", Category::Kandas) | ("order-359-app-6", Category::Resettler) => {
            let State::Refused { grounds } = &r.state else {
                return Err(AppError::Refused("form_not_issued"));
            };
            let text = |lang| {
                grounds
                    .as_slice()
                    .iter()
                    .map(|g| catalog.message(lang, g.code, &[]))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            let mut d = base
                .set("application.number", heading.application.as_str())
                .set("application.status", both(&catalog, "ui-state-refused"))
                .set("application.type", both(&catalog, &format!("ui-kind-{}", case.kind)))
                .set("application.accepted", r.received_on)
                .set("application.executed", heading.date)
                .set("grounds", Bilingual::new(text(Lang::Kk), text(Lang::Ru)));
            let mut me = Row::new()
                .with("iin", iin)
                .with("name", r.name.as_str())
                .with("relation", both(&catalog, "doc-relation-applicant"));
            if let Some(born) = r.person.birth_date {
                me = me.with("birth_date", born);
            }
            if let Some(sex) = r.person.sex {
                me = me.with("sex", sex);
            }
            d = d.row("recipients", me);
            family_rows(d, "recipients", &r, &catalog)
        }
        ("rules-a-app-7", Category::Resettler) => {
            let provider = if r.channel == Channel::StateCorporation {
                both(&catalog, "ui-party-service_provider")
            } else {
                heading.issuer.clone()
            };
            let mut d = with_person(base, &r, Some(iin))
                .set("application.number", heading.application.as_str())
                .set("application.accepted", heading.date)
                .set(
                    "application.channel",
                    both(&catalog, &format!("ui-channel-{}", r.channel.key())),
                )
                .set("provider", provider)
                .set("forwarded", heading.date);
            for doc in &r.documents {
                let row = Row::new().with("name", both(&catalog, &format!("ui-doc-{}", doc.kind)));
                d = d.row("documents", row);
            }
            d
        }
        ("rules-a-app-8", Category::Resettler | Category::Kandas) => {
            let State::NotAccepted { grounds } = &r.state else {
                return Err(AppError::Refused("form_not_issued"));
            };
            let codes: Vec<&str> = grounds.as_slice().iter().map(|g| g.code).collect();
            let mut chosen = Vec::new();
            let incomplete = codes.contains(&cases::quota_a14::INCOMPLETE_PACKAGE.code);
            if incomplete {
                chosen.push("incomplete".to_owned());
            }
            if codes.iter().any(|c| {
                *c == cases::quota_a14::EXPIRED_DOCUMENTS.code || *c == cases::quota_a14::EXPIRING_DOCUMENTS.code
            }) {
                chosen.push("expired".to_owned());
            }
            // A document out of date is one that has ended by today or, on the provider's ground of A 15.5, one
            // that ends by the day the decision is due (counted from receipt, as the case counted it).
            let law_gap = |e: rules::RuleError| AppError::Rejected(cases::Rejected::Law(e));
            let out_of_date_by = if codes.contains(&cases::quota_a14::EXPIRING_DOCUMENTS.code) {
                rules::time_limits::due(
                    &heading.law.params,
                    &heading.law.calendar,
                    legal::TimeLimitId::QuotaServiceTerm,
                    r.received_on,
                )
                .map_err(law_gap)?
                .due
            } else {
                heading.date
            };
            let mut d = with_person(base, &r, Some(iin))
                .set("application.submitted", r.received_on)
                .set("ground", Value::Choice(chosen));
            // The documents the checklist in force asks for and the package lacks, then those out of date.
            let checklist = heading
                .law
                .params
                .quota_documents
                .at(heading.date)
                .map_err(|e| AppError::Rejected(cases::Rejected::Law(rules::RuleError::from(e))))?;
            let items = match r.category {
                Category::Kandas => &checklist.value.kandas,
                Category::Resettler => &checklist.value.resettler,
            };
            for item in items {
                if item.required && !r.documents.iter().any(|d| d.kind == item.key) {
                    d = d.row(
                        "documents",
                        Row::new()
                            .with("name", both(&catalog, &format!("ui-doc-{}", item.key)))
                            .with("reason", both(&catalog, "doc-reason-missing")),
                    );
                }
            }
            let mut listed = false;
            for doc in &r.documents {
                if doc.valid_until.is_some_and(|u| u <= out_of_date_by) {
                    listed = true;
                    d = d.row(
                        "documents",
                        Row::new()
                            .with("name", both(&catalog, &format!("ui-doc-{}", doc.kind)))
                            .with("reason", both(&catalog, "doc-reason-expired")),
                    );
                }
            }
            // The official found the package incomplete or out of date from the papers themselves (a document
            // the checklist does not name, a date not typed in): the receipt still states the ground.
            if !listed
                && !items
                    .iter()
                    .any(|i| i.required && !r.documents.iter().any(|d| d.kind == i.key))
            {
                d = d.row(
                    "documents",
                    Row::new().with("name", "—").with(
                        "reason",
                        both(
                            &catalog,
                            if incomplete {
                                "doc-reason-missing"
                            } else {
                                "doc-reason-expired"
                            },
                        ),
                    ),
                );
            }
            d
        }
        _ => return Err(AppError::Refused("form_not_issued")),
    };
    Ok(data)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used, reason = "test code")]

    use super::*;
    use crate::kinds::Kind;

    /// Every document a quota step issues is filled from a stored case of the state that step leaves, in both
    /// categories, with every field its form needs (the text of both languages composes), and carries the
    /// applicant's name and the application's number.
    #[test]
    fn every_quota_document_fills_from_its_case() {
        let law = std::sync::Arc::new(legal::Law::embedded().expect("law"));
        let day = jiff::civil::date(2026, 3, 2);
        let heading = Heading {
            number: "QN-55-2026-000007-03".into(),
            date: day,
            issuer: Bilingual::new("Басқарма", "Управление"),
            signatory: documents::Signatory {
                name: "Жұмабаев Н. С.".into(),
                position: Bilingual::new("Басшы", "Руководитель"),
            },
            application: "QN-55-2026-000007".into(),
            law: std::sync::Arc::clone(&law),
        };
        let iin = kz::Iin::parse("900115301235")
            .ok()
            .or_else(|| (0..10).find_map(|d| kz::Iin::parse(&format!("90011530123{d}")).ok()));
        let mut filled = Vec::new();
        for sample in super::super::Quota.samples(&law, day).expect("samples") {
            let case = CaseRecord {
                id: store::CaseId(7),
                kind: sample.kind.key().into(),
                territory: kz::Kato::parse("550000000").expect("Pavlodar"),
                region: "55".into(),
                year: 2026,
                sequence: 7,
                state: sample.state.clone(),
                payload: sample.payload.clone(),
                version: 3,
                created_at: jiff::Timestamp::from_second(1_772_400_000).expect("time"),
                updated_at: jiff::Timestamp::from_second(1_772_400_000).expect("time"),
                applicant: iin.map(store::Party::Person),
                channel: None,
                due_on: None,
            };
            let resettler = sample.kind == cases::CaseKind::QuotaResettler;
            let forms: &[&str] = match (sample.state.as_str(), resettler) {
                ("included", false) => &["order-359-app-2"],
                ("included", true) => &["order-359-app-5"],
                ("refused", false) => &["order-359-app-3"],
                ("refused", true) => &["order-359-app-6"],
                ("under_review", true) => &["rules-a-app-7"],
                ("not_accepted", _) => &["rules-a-app-8"],
                _ => &[],
            };
            for form in forms {
                let data = super::super::Quota.document(&case, form, &heading).expect(form);
                for lang in [Lang::Kk, Lang::Ru] {
                    let text = documents::text_content(&data, lang).expect(form).join("\n");
                    assert!(text.contains("Сапарова Әлия"), "{form} {lang:?}");
                }
                filled.push(*form);
            }
        }
        filled.sort_unstable();
        filled.dedup();
        assert_eq!(filled.len(), 6, "{filled:?}");
        let other = CaseRecord {
            kind: "quota_kandas".into(),
            ..dummy()
        };
        assert!(fill(&other, "order-359-app-9", &heading).is_err());
    }

    fn dummy() -> CaseRecord {
        CaseRecord {
            id: store::CaseId(1),
            kind: String::new(),
            territory: kz::Kato::parse("550000000").expect("Pavlodar"),
            region: "55".into(),
            year: 2026,
            sequence: 1,
            state: String::new(),
            payload: String::new(),
            version: 1,
            created_at: jiff::Timestamp::from_second(0).expect("time"),
            updated_at: jiff::Timestamp::from_second(0).expect("time"),
            applicant: None,
            channel: None,
            due_on: None,
        }
    }
}
