//! Printing: JSON for machines, catalog text for people. The only module that writes to stdout/stderr.

use std::io::Write;

use legal::{LegalRef, Reference};
use render::{Catalog, Lang};
use rules::{Explanation, FactSource, Ground};
use serde_json::{Value, json};

use crate::failure::Failure;

pub(crate) struct Out {
    pub(crate) lang: Lang,
    pub(crate) json: bool,
    pub(crate) catalog: Catalog,
}

impl Out {
    pub(crate) fn new(lang: Lang, json: bool) -> Out {
        Out {
            lang,
            json,
            catalog: Catalog::new(),
        }
    }

    pub(crate) fn msg(&self, key: &str) -> String {
        self.catalog.message(self.lang, key, &[])
    }

    pub(crate) fn msg_with(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.catalog.message(self.lang, key, args)
    }

    pub(crate) fn json(&self, value: &Value) {
        match serde_json::to_string_pretty(value) {
            Ok(text) => stdout_line(&text),
            Err(e) => eprintln!("{e}"),
        }
    }

    /// One compact JSON value per line (progress of long commands), flushed at once.
    pub(crate) fn json_line(&self, value: &Value) {
        stdout_line(&value.to_string());
    }

    pub(crate) fn line(&self, text: impl AsRef<str>) {
        stdout_line(text.as_ref());
    }

    pub(crate) fn failure(&self, failure: &Failure) {
        match failure {
            Failure::Input { code, field, args } => {
                let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
                let mut message = self.msg_with(code, &args);
                // The technical detail (a store's or the law loader's own words) follows the message.
                if let Some((_, detail)) = args.iter().find(|(k, _)| *k == "detail")
                    && !message.contains(detail)
                {
                    message = format!("{message}: {detail}");
                }
                if self.json {
                    self.json(&json!({ "error": { "code": code, "field": field, "message": message } }));
                } else {
                    match field {
                        Some(field) => eprintln!("{field}: {message} [{code}]"),
                        None => eprintln!("{message} [{code}]"),
                    }
                }
            }
            Failure::Internal(cause) => {
                if self.json {
                    self.json(&json!({ "error": { "code": "internal", "message": cause } }));
                } else {
                    eprintln!("internal error: {cause}");
                }
            }
        }
    }

    pub(crate) fn ground(&self, g: &Ground) -> Value {
        json!({
            "code": g.code,
            "requirement": g.requirement,
            "basis": legal_ref(&g.basis),
            "message": self.msg(g.code),
        })
    }
}

/// Writes a line; a reader that went away (`qonys … | head`) ends the program quietly instead of a panic.
fn stdout_line(text: &str) {
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = writeln!(stdout, "{text}").and_then(|()| stdout.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("stdout: {e}");
    }
}

pub(crate) fn legal_ref(r: &LegalRef) -> Value {
    json!({ "act": r.act.key(), "point": r.point })
}

pub(crate) fn reference(r: &Reference) -> Value {
    json!({
        "act": r.legal.act.key(),
        "point": r.legal.point,
        "confidence": r.confidence.key(),
        "source": r.source,
        "note": r.note,
    })
}

/// The explanation as JSON: basis, requirement IDs, parameters with their editions, facts with their source.
pub(crate) fn explanation(why: &Explanation) -> Value {
    json!({
        "basis": why.basis.iter().map(legal_ref).collect::<Vec<_>>(),
        "requirements": why.requirements,
        "parameters": why.parameters.iter().map(|p| json!({
            "id": p.id,
            "value": p.value,
            "start": p.start.to_string(),
            "end": p.end.map(|d| d.to_string()),
            "reference": reference(&p.reference),
        })).collect::<Vec<_>>(),
        "facts": why.facts.iter().map(|f| json!({
            "name": f.name,
            "value": f.value,
            "source": match &f.source {
                FactSource::Input => json!("input"),
                FactSource::Computed => json!("computed"),
                FactSource::Registry { system, response_id } => json!({ "registry": system, "response_id": response_id }),
            },
        })).collect::<Vec<_>>(),
    })
}

/// The explanation as text lines for a person.
pub(crate) fn explanation_lines(out: &Out, why: &Explanation) -> Vec<String> {
    let mut lines = Vec::new();
    let basis: Vec<String> = why.basis.iter().map(|r| out.catalog.legal_ref(out.lang, r)).collect();
    lines.push(format!(
        "{}: {} ({})",
        out.msg("out_basis"),
        basis.join(", "),
        why.requirements.join(", ")
    ));
    lines.push(format!("{}:", out.msg("out_parameters")));
    for p in &why.parameters {
        let end = p.end.map(|d| format!(" – {d}")).unwrap_or_default();
        lines.push(format!(
            "  {} = {}  [{}{end}; {}; {}]",
            p.id,
            p.value,
            p.start,
            p.reference.legal,
            p.reference.confidence.key()
        ));
    }
    lines.push(format!("{}:", out.msg("out_facts")));
    for f in &why.facts {
        lines.push(format!("  {} = {}", f.name, f.value));
    }
    lines
}
