//! `qonys validate iin|bin|iban|kato VALUE`: exit 0 when valid, 1 when invalid.
//!
//! Personal numbers are echoed masked: the output may end up in a terminal log.

use std::process::ExitCode;

use clap::ValueEnum;
use kz::{Bin, BinAttribute, EntityType, ErrorCode, Iban, Iin, Kato, Sex};
use serde_json::{Value, json};

use crate::output::Out;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum Kind {
    Iin,
    Bin,
    Iban,
    Kato,
}

pub(crate) fn run(kind: Kind, value: &str, out: &Out) -> ExitCode {
    let (name, result) = match kind {
        Kind::Iin => ("iin", Iin::parse(value).map(|v| iin(&v)).map_err(|e| e.code())),
        Kind::Bin => ("bin", Bin::parse(value).map(|v| bin(&v)).map_err(|e| e.code())),
        Kind::Iban => ("iban", Iban::parse(value).map(|v| iban(&v, out)).map_err(|e| e.code())),
        Kind::Kato => ("kato", Kato::parse(value).map(|v| kato(&v, out)).map_err(|e| e.code())),
    };
    match result {
        Ok(fields) => {
            if out.json {
                let mut v = json!({ "kind": name, "valid": true });
                if let (Value::Object(map), Value::Object(fields)) = (&mut v, fields) {
                    map.extend(fields);
                }
                out.json(&v);
            } else {
                out.line(format!("{}: {}", name.to_uppercase(), out.msg("out_valid")));
                if let Value::Object(fields) = fields {
                    for (k, v) in fields {
                        out.line(format!(
                            "  {k}: {}",
                            v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string())
                        ));
                    }
                }
            }
            ExitCode::SUCCESS
        }
        Err(code) => {
            let message = out.msg(code);
            if out.json {
                out.json(&json!({ "kind": name, "valid": false, "code": code, "message": message }));
            } else {
                out.line(format!(
                    "{}: {} — {message} [{code}]",
                    name.to_uppercase(),
                    out.msg("out_invalid")
                ));
            }
            ExitCode::from(1)
        }
    }
}

fn iin(v: &Iin) -> Value {
    json!({
        "value": v.masked(),
        "birth_date": v.birth_date().to_string(),
        "sex": match v.sex() { Sex::Male => "male", Sex::Female => "female" },
    })
}

fn bin(v: &Bin) -> Value {
    let (yy, mm) = v.registration_year_month();
    json!({
        "value": v.to_string(),
        "registered": format!("{yy:02}-{mm:02}"),
        "entity_type": match v.entity_type() {
            EntityType::ResidentLegalEntity => "resident_legal_entity",
            EntityType::NonResidentLegalEntity => "non_resident_legal_entity",
            EntityType::JointEntrepreneurship => "joint_entrepreneurship",
        },
        "attribute": v.attribute().map(|a| match a {
            BinAttribute::HeadOffice => "head_office",
            BinAttribute::Branch => "branch",
            BinAttribute::RepresentativeOffice => "representative_office",
            BinAttribute::PeasantFarm => "peasant_farm",
        }),
    })
}

fn iban(v: &Iban, out: &Out) -> Value {
    let bank = v.bank();
    json!({
        "value": v.masked(),
        "bank_code": v.bank_code(),
        "bank": bank.map(|b| b.name).unwrap_or(&out.msg("out_unknown_bank")),
        "bic": bank.map(|b| b.bic),
    })
}

fn kato(v: &Kato, out: &Out) -> Value {
    let region = v.region();
    json!({
        "value": v.to_string(),
        "region_kato": region.kato,
        "region_iso": region.iso,
        "region": match out.lang { render::Lang::Kk => region.name_kk, render::Lang::Ru => region.name_ru },
        "region_en": region.name_en,
        "region_level": v.is_region_level(),
    })
}
