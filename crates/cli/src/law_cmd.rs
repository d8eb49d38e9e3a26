//! `qonys law …`: what the embedded law says on a date.

use std::process::ExitCode;

use clap::Subcommand;
use serde_json::json;

use crate::failure::Failure;
use crate::output::{Out, reference};
use crate::{law, parse, today};

#[derive(Debug, Subcommand)]
pub(crate) enum LawCmd {
    /// The parameters in force on a date (today in Kazakhstan by default), with their references.
    Params {
        #[arg(long)]
        on: Option<String>,
    },
}

pub(crate) fn run(cmd: LawCmd, out: &Out) -> Result<ExitCode, Failure> {
    match cmd {
        LawCmd::Params { on } => {
            let on = match on {
                Some(s) => parse::date(&s, "--on")?,
                None => today()?,
            };
            let law = law()?;
            let items = law.params.in_force(on);
            if out.json {
                out.json(&json!({
                    "on": on.to_string(),
                    "parameters": items.iter().map(|p| json!({
                        "id": p.id,
                        "description": p.description,
                        "unit": p.unit,
                        "value": p.value,
                        "start": p.start.to_string(),
                        "end": p.end.map(|d| d.to_string()),
                        "reference": reference(&p.reference),
                    })).collect::<Vec<_>>(),
                }));
            } else {
                out.line(format!("{on}"));
                for p in &items {
                    let end = p.end.map(|d| format!(" – {d}")).unwrap_or_default();
                    out.line(format!(
                        "{} = {}  [{}{end}; {}; {}]",
                        p.id,
                        p.value,
                        p.start,
                        p.reference.legal,
                        p.reference.confidence.key()
                    ));
                    if let Some(note) = &p.reference.note {
                        out.line(format!("    {note}"));
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
