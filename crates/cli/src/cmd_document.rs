//! `qonys document sample|verify`, `qonys pki init` and `qonys words`: the official documents engine from the
//! command line, with the demo authority.
//!
//! The texts of these commands (errors, report labels) come from `law/forms/common.toml` through
//! `documents::common_text`, in the language of `--lang`; the documents themselves are rendered in it too.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use documents::{RenderOptions, Signature, SoftwareSigner, pki, samples};
use kz::Money;
use serde_json::json;

use crate::failure::Failure;
use crate::output::Out;

const DEFAULT_BASE: &str = "https://qonys.example.kz";

#[derive(Debug, Subcommand)]
pub(crate) enum DocumentCmd {
    /// Renders a form from a synthetic case, signs it with the demo authority and writes FILE.pdf and
    /// FILE.pdf.p7s (the detached CMS).
    Sample {
        /// order-359-app-1 … order-359-app-17, rules-a-app-7, rules-a-app-8
        #[arg(long)]
        form: String,
        #[arg(long)]
        out: PathBuf,
        /// The demo authority's folder (made by `qonys pki init` if it has none).
        #[arg(long, default_value = "pki")]
        pki: PathBuf,
        /// The verification site printed in the QR code.
        #[arg(long, default_value = DEFAULT_BASE)]
        verify_base: String,
    },
    /// Verifies the signature of a PDF against the demo authority (exit 0 valid, 1 invalid).
    Verify {
        file: PathBuf,
        #[arg(long, default_value = "pki")]
        pki: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum PkiCmd {
    /// Creates the demo CA and a certificate with its key for every demo official.
    Init {
        #[arg(long)]
        dir: PathBuf,
    },
}

/// A failure of these commands: its code's text comes from the documents' common texts.
fn fail(out: &Out, code: &'static str, field: Option<&str>, detail: &str) -> ExitCode {
    let mut message = documents::common_text(code, out.lang);
    if !detail.is_empty() {
        message = format!("{message}: {detail}");
    }
    if out.json {
        out.json(&json!({ "error": { "code": code, "field": field, "message": message } }));
    } else {
        match field {
            Some(field) => eprintln!("{field}: {message} [{code}]"),
            None => eprintln!("{message} [{code}]"),
        }
    }
    ExitCode::from(2)
}

pub(crate) fn words(amount: &str, out: &Out) -> Result<ExitCode, Failure> {
    let money = Money::parse(amount).map_err(|e| Failure::from_code(&e, "AMOUNT"))?;
    let words = render::amount_in_words(money, out.lang);
    if out.json {
        out.json(&json!({ "amount": money.to_string(), "lang": out.lang.code(), "words": words }));
    } else {
        out.line(words);
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn pki(cmd: PkiCmd, out: &Out) -> Result<ExitCode, Failure> {
    let PkiCmd::Init { dir } = cmd;
    match init(&dir) {
        Ok(authority) => {
            let ca = dir.join("ca.pem");
            if out.json {
                out.json(&json!({
                    "dir": dir.display().to_string(),
                    "ca": ca.display().to_string(),
                    "officials": authority.officials.iter().map(|o| o.login.clone()).collect::<Vec<_>>(),
                }));
            } else {
                out.line(format!(
                    "{}: {}",
                    documents::common_text("label_ca", out.lang),
                    ca.display()
                ));
                for o in &authority.officials {
                    out.line(format!(
                        "  {}: {}",
                        documents::common_text("label_certificate", out.lang),
                        dir.join(format!("{}.pem", o.login)).display()
                    ));
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Err((code, detail)) => Ok(fail(out, code, Some("--dir"), &detail)),
    }
}

/// Makes the demo authority in `dir`: `ca.pem`, `ca.key.pem`, and `LOGIN.pem`, `LOGIN.key.pem` per official;
/// keys readable by the owner only.
fn init(dir: &Path) -> Result<pki::DemoAuthority, (&'static str, String)> {
    let officials: Vec<pki::Official<'_>> = samples::OFFICIALS
        .iter()
        .map(|(login, name, position, body)| pki::Official {
            login,
            name,
            position: position.0,
            organisation: body.0,
        })
        .collect();
    let authority = pki::demo_authority(&officials, crate::now(), 10).map_err(|e| (e.code(), e.to_string()))?;
    let unwritable = |e: std::io::Error| ("file_unwritable", e.to_string());
    std::fs::create_dir_all(dir).map_err(unwritable)?;
    let all = std::iter::once(&authority.ca).chain(authority.officials.iter());
    for issued in all {
        std::fs::write(dir.join(format!("{}.pem", issued.login)), &issued.certificate_pem).map_err(unwritable)?;
        write_private(&dir.join(format!("{}.key.pem", issued.login)), &issued.key_pem).map_err(unwritable)?;
    }
    Ok(authority)
}

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let _ = std::fs::remove_file(path);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(bytes)
}

fn read(path: &Path) -> Result<Vec<u8>, (&'static str, String)> {
    std::fs::read(path).map_err(|e| ("file_unreadable", format!("{}: {e}", path.display())))
}

pub(crate) fn run(cmd: DocumentCmd, out: &Out) -> Result<ExitCode, Failure> {
    match cmd {
        DocumentCmd::Sample {
            form,
            out: file,
            pki,
            verify_base,
        } => Ok(sample(&form, &file, &pki, &verify_base, out)
            .unwrap_or_else(|(code, field, detail)| fail(out, code, field, &detail))),
        DocumentCmd::Verify { file, pki } => {
            Ok(verify(&file, &pki, out).unwrap_or_else(|(code, field, detail)| fail(out, code, field, &detail)))
        }
    }
}

type CmdError = (&'static str, Option<&'static str>, String);

fn sample(form: &str, file: &Path, pki: &Path, base: &str, out: &Out) -> Result<ExitCode, CmdError> {
    let data = samples::sample(form).map_err(|e| (e.code(), Some("--form"), String::new()))?;
    if !pki.join("ca.pem").exists() {
        init(pki).map_err(|(code, detail)| (code, Some("--pki"), detail))?;
    }
    let login = samples::signer_login(form);
    let certificate = read(&pki.join(format!("{login}.pem"))).map_err(|(c, d)| (c, Some("--pki"), d))?;
    let key = read(&pki.join(format!("{login}.key.pem"))).map_err(|(c, d)| (c, Some("--pki"), d))?;
    let signer = SoftwareSigner::from_pem(&certificate, &key).map_err(|e| (e.code(), Some("--pki"), e.to_string()))?;
    let now = crate::now();
    let pdf = documents::render(
        &data,
        out.lang,
        &RenderOptions {
            verify_base: base,
            created: now,
        },
    )
    .map_err(|e| (e.code(), None, e.to_string()))?;
    let decision = form.starts_with("order-359-app-") && !matches!(form, "order-359-app-4" | "order-359-app-7");
    let reason = documents::common_text(if decision { "reason_decision" } else { "reason_document" }, out.lang);
    let signed = documents::sign(
        &pdf,
        &signer,
        &Signature {
            time: now,
            reason: &reason,
            location: "Павлодар",
        },
    )
    .map_err(|e| (e.code(), None, e.to_string()))?;
    let cms = documents::sign_detached(&signed, &signer, now).map_err(|e| (e.code(), None, e.to_string()))?;
    let p7s = PathBuf::from(format!("{}.p7s", file.display()));
    let unwritable = |e: std::io::Error| ("file_unwritable", Some("--out"), e.to_string());
    std::fs::write(file, &signed).map_err(unwritable)?;
    std::fs::write(&p7s, &cms).map_err(unwritable)?;
    if out.json {
        out.json(&json!({
            "form": form,
            "number": data.number(),
            "lang": out.lang.code(),
            "pdf": file.display().to_string(),
            "cms": p7s.display().to_string(),
            "signer": login,
            "verify_url": documents::verify_url(base, data.number()),
        }));
    } else {
        let label = |k| documents::common_text(k, out.lang);
        out.line(format!("{}: {}", label("label_written"), file.display()));
        out.line(format!("{}: {}", label("label_detached"), p7s.display()));
        out.line(format!("{}: {} ({form})", label("label_number"), data.number()));
        out.line(format!("{}: {login}", label("label_signer")));
    }
    Ok(ExitCode::SUCCESS)
}

fn verify(file: &Path, pki: &Path, out: &Out) -> Result<ExitCode, CmdError> {
    let ca_path = pki.join("ca.pem");
    if !ca_path.exists() {
        return Err(("pki_missing", Some("--pki"), ca_path.display().to_string()));
    }
    let ca = read(&ca_path).map_err(|(c, d)| (c, Some("--pki"), d))?;
    let pdf = read(file).map_err(|(c, d)| (c, Some("FILE"), d))?;
    let report = documents::verify(&pdf, &ca, crate::now());
    let code = report.status.code();
    let message = documents::common_text(code, out.lang);
    if out.json {
        out.json(&json!({
            "valid": report.valid(),
            "reason": code,
            "message": message,
            "number": report.number,
            "form": report.form,
            "signer": report.signer,
            "signing_time": report.signing_time,
            "sha256": report.sha256,
        }));
    } else {
        let label = |k| documents::common_text(k, out.lang);
        let verdict = label(if report.valid() { "label_valid" } else { "label_invalid" });
        out.line(format!("{verdict}: {message} [{code}]"));
        let none = String::from("—");
        out.line(format!(
            "  {}: {}",
            label("label_number"),
            report.number.as_ref().unwrap_or(&none)
        ));
        out.line(format!(
            "  {}: {}",
            label("label_form"),
            report.form.as_ref().unwrap_or(&none)
        ));
        out.line(format!(
            "  {}: {}",
            label("label_signer"),
            report.signer.as_ref().unwrap_or(&none)
        ));
        out.line(format!(
            "  {}: {}",
            label("label_signing_time"),
            report.signing_time.as_ref().unwrap_or(&none)
        ));
        out.line(format!("  {}: {}", label("label_sha256"), report.sha256));
    }
    Ok(if report.valid() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The signing authority `qonys serve` issues documents with: the CA of `dir` and every official's certificate
/// and key in it (`LOGIN.pem` with `LOGIN.key.pem`). In demo mode a missing authority is created first.
pub(crate) fn issuing(dir: &Path, public_url: &str, demo: bool, out: &Out) -> Result<app::issuing::Issuing, Failure> {
    let ca_path = dir.join("ca.pem");
    if !ca_path.exists() {
        if !demo {
            return Err(Failure::input("pki_missing", "--pki"));
        }
        init(dir).map_err(|(code, detail)| Failure::internal(format!("{code}: {detail}")))?;
        out.line(format!(
            "{}: {}",
            documents::common_text("label_ca", out.lang),
            ca_path.display()
        ));
    }
    let unreadable = |e: (&'static str, String)| Failure::internal(format!("{}: {}", e.0, e.1));
    let mut issuing = app::issuing::Issuing::new(public_url, read(&ca_path).map_err(unreadable)?);
    let entries = std::fs::read_dir(dir).map_err(|e| Failure::internal(format!("{}: {e}", dir.display())))?;
    let mut logins: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().to_str().map(str::to_owned))
        .filter_map(|name| name.strip_suffix(".key.pem").map(str::to_owned))
        .filter(|login| login != "ca")
        .collect();
    logins.sort();
    for login in logins {
        let certificate = read(&dir.join(format!("{login}.pem"))).map_err(unreadable)?;
        let key = read(&dir.join(format!("{login}.key.pem"))).map_err(unreadable)?;
        issuing
            .add_official(&login, &certificate, &key)
            .map_err(|e| Failure::internal(e.to_string()))?;
    }
    Ok(issuing)
}
