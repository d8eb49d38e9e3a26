//! `qonys law …`: what the embedded law says on a date, and the amendments the database adds to it.

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
    /// Amend the law in the database (audited): a parameter edition, a transfer of a day off or a holiday,
    /// as the JSON of the API's `Amendment` (see /api/docs). It is checked by loading the whole law with it;
    /// running services apply it within ten seconds.
    Amend {
        /// The amendment as JSON, e.g. {"kind": "edition", "parameter": "mci", "start": "2027-01-01", ...}.
        #[arg(long)]
        file: std::path::PathBuf,
        /// The administrator's account, for the audit record.
        #[arg(long)]
        actor: String,
        /// Make nothing: list the running deadlines of open cases the amendment would move.
        #[arg(long)]
        preview: bool,
    },
    /// The amendments the database adds to the embedded law, in order.
    Amendments,
}

fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::internal(format!("runtime: {e}")))
}

/// The use cases over the database, without registries: amending the law asks no information system.
async fn law_app(database: &str) -> Result<(app::App<crate::db::Db, ()>, crate::db::Db), Failure> {
    let store = crate::cmd_store::open(database).await?;
    Ok((app::App::new(store.clone(), (), app::Laws::new(law()?)), store))
}

fn law_failure(e: &app::AppError) -> Failure {
    match e {
        app::AppError::LawRefused { code, reason } => Failure::Input {
            code,
            field: Some("--file"),
            args: vec![("detail", reason.clone())],
        },
        other => crate::cmd_batch::app_failure(other),
    }
}

pub(crate) fn run(cmd: LawCmd, database: &str, out: &Out) -> Result<ExitCode, Failure> {
    match cmd {
        LawCmd::Amend { file, actor, preview } => {
            let text = std::fs::read_to_string(&file).map_err(|_| Failure::input("file_unreadable", "--file"))?;
            let amendment: legal::amend::Amendment = serde_json::from_str(&text).map_err(|e| Failure::Input {
                code: "amendment_invalid",
                field: Some("--file"),
                args: vec![("detail", e.to_string())],
            })?;
            store::Actor::new(actor.trim(), store::Role::Administrator, store::Channel::Cli)
                .map_err(|_| Failure::input("invalid_account", "--actor"))?;
            let admin = app::Principal::staff(actor.trim(), store::Role::Administrator, None, store::Channel::Cli);
            let at = crate::now();
            if preview {
                let moves = runtime()?.block_on(async {
                    let (app, store) = law_app(database).await?;
                    let moves = app
                        .preview_amendment(&admin, &amendment, at)
                        .await
                        .map_err(|e| law_failure(&e));
                    store::Admin::close(&store).await;
                    moves
                })?;
                if out.json {
                    let moved: Vec<_> = moves
                        .iter()
                        .map(|m| {
                            json!({
                                "number": m.number,
                                "deadline": m.deadline,
                                "limit": m.limit.key(),
                                "from": m.from.to_string(),
                                "to": m.to.to_string(),
                            })
                        })
                        .collect();
                    out.json(&json!({ "preview": true, "deadlines_moved": moved }));
                } else if moves.is_empty() {
                    out.line(out.msg("ui-preview-none"));
                } else {
                    for m in &moves {
                        let deadline = out.msg(&format!("ui-deadline-{}", m.deadline));
                        out.line(format!("{}  {deadline}  {} -> {}", m.number, m.from, m.to));
                    }
                }
                return Ok(ExitCode::SUCCESS);
            }
            let amended = runtime()?.block_on(async {
                let (app, store) = law_app(database).await?;
                let amended = app.amend_law(&admin, &amendment, at).await.map_err(|e| law_failure(&e));
                store::Admin::close(&store).await;
                amended
            })?;
            let moved = amended.recount.map(|r| r.moved.len());
            if out.json {
                out.json(
                    &json!({ "seq": amended.record.seq, "summary": amendment.summary(), "deadlines_moved": moved }),
                );
            } else {
                out.line(format!("{}: {}", amended.record.seq, amendment_text(out, &amendment)));
                if let Some(n) = moved.filter(|n| *n > 0) {
                    out.line(out.msg_with("ui-law-amended-moved", &[("count", &n.to_string())]));
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        LawCmd::Amendments => {
            let records = runtime()?.block_on(async {
                let store = crate::cmd_store::open(database).await?;
                let records = store::Store::amendments(&store)
                    .await
                    .map_err(|e| Failure::from_store(&e));
                store::Admin::close(&store).await;
                records
            })?;
            // JSON carries the technical summary (as in the audit record); text is in the reader's language.
            let rows: Vec<(i64, String, String, String)> = records
                .iter()
                .map(|r| {
                    let summary = serde_json::from_str::<legal::amend::Amendment>(&r.body).map_or_else(
                        |_| r.body.clone(),
                        |a| if out.json { a.summary() } else { amendment_text(out, &a) },
                    );
                    (r.seq, r.at.to_string(), r.account.clone(), summary)
                })
                .collect();
            if out.json {
                out.json(&json!({ "amendments": rows.iter().map(|(seq, at, by, summary)| json!({
                    "seq": seq, "at": at, "by": by, "summary": summary,
                })).collect::<Vec<_>>() }));
            } else {
                for (seq, at, by, summary) in &rows {
                    out.line(format!("{seq}  {at}  {by}  {summary}"));
                }
            }
            Ok(ExitCode::SUCCESS)
        }
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

/// An amendment told in the reader's language; dates in ISO form, as the command takes them.
fn amendment_text(out: &Out, a: &legal::amend::Amendment) -> String {
    let (key, args) = a.message_shown(|arg| match arg {
        legal::amend::MessageArg::Date(d) => d.to_string(),
        legal::amend::MessageArg::Parameter(id) => id,
        legal::amend::MessageArg::Text(s) => s,
    });
    // The act and point as one reference in words, as the law page shows it.
    let reference = match (
        args.iter().find(|(n, _)| *n == "act"),
        args.iter().find(|(n, _)| *n == "point"),
    ) {
        (Some((_, act)), Some((_, point))) => out.catalog.basis(out.lang, &format!("{act} {point}")),
        _ => String::new(),
    };
    let mut args: Vec<(&str, &str)> = args.iter().map(|(n, v)| (*n, v.as_str())).collect();
    args.push(("reference", &reference));
    out.msg_with(key, &args)
}
