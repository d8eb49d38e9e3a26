//! `qonys bench documents`: signed one-page decisions per second on one thread, render and signature timed
//! apart. The decision is the sample of order-359-app-14 (one page); the key is a fresh demo RSA-2048 key.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use documents::{RenderOptions, Signature, SoftwareSigner, pki, samples};
use serde_json::json;

use crate::failure::Failure;
use crate::output::Out;
use crate::parse;

const FORM: &str = "order-359-app-14";

pub(crate) fn run(count: &str, out: &Out) -> Result<ExitCode, Failure> {
    let count = parse::nonzero(count, "--count")?;
    let internal = |e: &dyn std::fmt::Display| Failure::internal(e.to_string());
    let now = crate::now();
    let official = pki::Official {
        login: "demo.lmc.pavlodar",
        name: "Сапарова Айгүл Маратқызы",
        position: "Басшы",
        organisation: "Павлодар облысының еңбек мобильділігі орталығы",
    };
    let authority = pki::demo_authority(&[official], now, 1).map_err(|e| internal(&e))?;
    let issued = authority
        .officials
        .first()
        .ok_or_else(|| Failure::internal("no certificate".into()))?;
    let signer = SoftwareSigner::from_pem(&issued.certificate_pem, &issued.key_pem).map_err(|e| internal(&e))?;
    let data = samples::sample(FORM).map_err(|e| internal(&e))?;
    let options = RenderOptions {
        verify_base: "https://qonys.example.kz",
        created: now,
    };
    let signature = Signature {
        time: now,
        reason: "Шешімге қол қою",
        location: "Павлодар",
    };
    // One of each first, outside the timing: fonts and templates are parsed on first use.
    let warm = documents::render(&data, out.lang, &options).map_err(|e| internal(&e))?;
    documents::sign(&warm, &signer, &signature).map_err(|e| internal(&e))?;

    let (mut render_time, mut sign_time, mut bytes) = (Duration::ZERO, Duration::ZERO, 0usize);
    for _ in 0..count.get() {
        let start = Instant::now();
        let pdf = documents::render(&data, out.lang, &options).map_err(|e| internal(&e))?;
        let rendered = Instant::now();
        let signed = documents::sign(&pdf, &signer, &signature).map_err(|e| internal(&e))?;
        sign_time += rendered.elapsed();
        render_time += rendered - start;
        bytes += signed.len();
    }
    let n = f64::from(count.get());
    let per_second = |d: Duration| if d.is_zero() { 0.0 } else { n / d.as_secs_f64() };
    let total = render_time + sign_time;
    let result = json!({
        "form": FORM,
        "lang": out.lang.code(),
        "count": count.get(),
        "threads": 1,
        "render_ms_per_doc": render_time.as_secs_f64() * 1000.0 / n,
        "sign_ms_per_doc": sign_time.as_secs_f64() * 1000.0 / n,
        "signed_docs_per_second": per_second(total),
        "render_only_per_second": per_second(render_time),
        "sign_only_per_second": per_second(sign_time),
        "average_bytes": bytes / usize::try_from(count.get()).unwrap_or(1),
    });
    if out.json {
        out.json(&result);
    } else {
        out.line(format!(
            "{FORM}: {} signed documents in {:.2} s = {:.1}/s (render {:.2} ms, sign {:.2} ms per document)",
            count.get(),
            total.as_secs_f64(),
            per_second(total),
            render_time.as_secs_f64() * 1000.0 / n,
            sign_time.as_secs_f64() * 1000.0 / n,
        ));
    }
    Ok(ExitCode::SUCCESS)
}
