//! Shared helpers: the external tools (poppler, openssl, NSS), a demo authority made once, fixed times.

use std::path::Path;
use std::process::{Command, Output};
use std::sync::LazyLock;

use documents::pki::{self, DemoAuthority, Official};
use documents::{RenderOptions, Signature, SoftwareSigner, samples};
use jiff::Timestamp;
use render::Lang;

pub(crate) const BASE: &str = "https://qonys.example.kz";

pub(crate) fn created() -> Timestamp {
    "2026-11-24T05:00:00Z".parse().unwrap()
}

pub(crate) fn signed_at() -> Timestamp {
    "2026-11-24T05:30:00Z".parse().unwrap()
}

/// Runs an installed tool; a missing tool fails the test with what to install.
pub(crate) fn tool(name: &str, args: &[&str]) -> Output {
    Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!(
            "{name} could not be run ({e}): install it (Debian: apt-get install poppler-utils openssl libnss3-tools)"
        )
    })
}

/// The demo authority, made once per test binary (key generation is the slow part).
pub(crate) static AUTHORITY: LazyLock<DemoAuthority> = LazyLock::new(|| {
    let officials: Vec<Official<'_>> = samples::OFFICIALS
        .iter()
        .map(|(login, name, position, body)| Official {
            login,
            name,
            position: position.0,
            organisation: body.0,
        })
        .collect();
    pki::demo_authority(&officials, "2026-01-01T00:00:00Z".parse().unwrap(), 10).unwrap()
});

pub(crate) fn signer(login: &str) -> SoftwareSigner {
    let issued = AUTHORITY.officials.iter().find(|o| o.login == login).unwrap();
    SoftwareSigner::from_pem(&issued.certificate_pem, &issued.key_pem).unwrap()
}

pub(crate) fn render(form: &str, lang: Lang) -> Vec<u8> {
    let data = samples::sample(form).unwrap();
    documents::render(
        &data,
        lang,
        &RenderOptions {
            verify_base: BASE,
            created: created(),
        },
    )
    .unwrap_or_else(|e| panic!("{form} {lang}: {e}"))
}

pub(crate) fn render_signed(form: &str, lang: Lang) -> Vec<u8> {
    let pdf = render(form, lang);
    let signer = signer(samples::signer_login(form));
    documents::sign(
        &pdf,
        &signer,
        &Signature {
            time: signed_at(),
            reason: "Шешімге қол қою",
            location: "Павлодар",
        },
    )
    .unwrap()
}

/// The text poppler extracts from a PDF file.
pub(crate) fn pdftotext(path: &Path) -> String {
    let out = tool("pdftotext", &["-raw", "-enc", "UTF-8", path.to_str().unwrap(), "-"]);
    assert!(
        out.status.success(),
        "pdftotext: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Whitespace of any kind (line ends, no-break spaces, justification gaps) removed, for comparing a
/// logical line with text laid out over several lines.
pub(crate) fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}
