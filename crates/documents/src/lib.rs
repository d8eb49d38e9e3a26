//! Official documents: every form of order No. 359 as a signed, verifiable PDF in Kazakh and Russian.
//!
//! The crate is pure: a view model in, PDF bytes out; no IO, no clock (times are parameters), no logging.
//!
//! - The forms are data: `law/forms/*.toml`, one file per form (`order-359-app-1` … `order-359-app-17`, and
//!   `rules-a-app-7`, `rules-a-app-8` for the two Rules A forms the order uses but does not contain), the
//!   Kazakh verbatim from the order and the Russian marked as a translation ([`template`]).
//! - [`FormData`] is the view model: typed values by key, table rows, the number, date, issuing body and
//!   signatory. [`render`] fills a template in one language, lays it out on A4 and writes a PDF/A-2b file
//!   with the QR code of its verification address on every page; a missing field is
//!   [`DocumentError::MissingField`].
//! - [`sign()`] adds an embedded signature (`adbe.pkcs7.detached`, an incremental update) made by a
//!   [`Signer`]; [`sign_detached`] makes a detached CMS of any bytes. [`SoftwareSigner`] signs with an
//!   X.509 certificate and its key; the national PKI (NCALayer / Kalkan, RSA and GOST keys) plugs in as
//!   another [`Signer`].
//! - [`verify()`] reads a signed PDF back: whether the signature is valid, modified after signing, not
//!   signed, or made by a signer the given authority does not vouch for; the signer, the signing time, the
//!   form and number written into the metadata, and the document's SHA-256.
//! - [`pki`] is the demo authority: a CA and a certificate per demo official.
//!
//! ```
//! use documents::{RenderOptions, render, samples};
//! let data = samples::sample("order-359-app-2")?;
//! let created = "2026-11-24T05:00:00Z".parse()?;
//! let pdf = render(&data, render::Lang::Kk, &RenderOptions { verify_base: "https://qonys.example.kz", created })?;
//! assert!(pdf.starts_with(b"%PDF-"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod compose;
mod data;
mod error;
mod layout;
mod pdf;
pub mod pki;
pub mod samples;
mod sign;
pub mod template;
mod verify;

use jiff::Timestamp;
use render::Lang;

pub use data::{Bilingual, FormData, Row, Signatory, Value};
pub use error::{DocumentError, SignError};
pub use layout::has_glyph;
pub use sign::{Signature, Signer, SoftwareSigner, sign, sign_detached};
pub use template::form_ids;
pub use verify::{Status, VerifyReport, verify, verify_detached};

/// How a document is rendered, besides its data.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions<'a> {
    /// The verification site; the QR code and the footer carry `{verify_base}/verify/{number}`.
    pub verify_base: &'a str,
    /// When the file is made (its metadata's creation date).
    pub created: Timestamp,
}

/// The verification address of a document number.
pub fn verify_url(base: &str, number: &str) -> String {
    format!("{}/verify/{number}", base.trim_end_matches('/'))
}

/// Renders `data` with its form's template in `lang`.
pub fn render(data: &FormData, lang: Lang, options: &RenderOptions<'_>) -> Result<Vec<u8>, DocumentError> {
    check_number(data.number())?;
    let library = template::library()?;
    let template = library.template(data.form())?;
    let blocks = compose::fill(template, &library.common, data, lang)?;
    let fonts = layout::fonts().ok_or_else(|| DocumentError::Pdf("embedded fonts do not load".into()))?;
    let mut layout = layout::Layout::new(fonts);
    for block in &blocks {
        layout.block(block);
    }
    let common = &library.common;
    let url = verify_url(options.verify_base, data.number());
    let footer = pdf::Footer {
        line1: format!(
            "{} № {} · {}",
            common.get("footer_document", lang),
            data.number(),
            render::date_numeric(data.date())
        ),
        line2: format!("{}: {url}", common.get("footer_verify", lang)),
        line3: common.get("footer_signed", lang).to_owned(),
        page: common.get("page", lang).to_owned(),
        url,
    };
    let meta = pdf::Meta {
        title: template.title.get(lang).to_owned(),
        subject: format!("{} · {}", template.corner.get(lang), template.doc),
        keywords: vec![
            format!("{FORM_KEY}{}", template.id),
            format!("{NUMBER_KEY}{}", data.number()),
        ],
        lang,
        created: options.created,
    };
    pdf::write(fonts, &layout.pages, &footer, &meta)
}

/// The text of the filled form in reading order, one line per paragraph, row or cell (for review and tests).
pub fn text_content(data: &FormData, lang: Lang) -> Result<Vec<String>, DocumentError> {
    let library = template::library()?;
    let template = library.template(data.form())?;
    let blocks = compose::fill(template, &library.common, data, lang)?;
    Ok(compose::text_lines(&blocks))
}

/// The keywords that carry the form and the number in the metadata (read back by [`verify()`]).
pub(crate) const FORM_KEY: &str = "qonys-form:";
pub(crate) const NUMBER_KEY: &str = "qonys-number:";

fn check_number(number: &str) -> Result<(), DocumentError> {
    let ok = !number.is_empty()
        && number.len() <= 64
        && number.bytes().all(|b| b.is_ascii_alphanumeric() || b"-/.".contains(&b));
    if ok { Ok(()) } else { Err(DocumentError::Number) }
}

/// The text shared by the forms in `lang` (the messages of the verification report and errors included).
pub fn common_text(key: &str, lang: Lang) -> String {
    match template::library() {
        Ok(library) => library.common.get(key, lang).to_owned(),
        Err(_) => key.to_owned(),
    }
}
