//! Signing: an embedded PDF signature and a detached CMS, made by a [`Signer`].
//!
//! The PDF signature is added as an incremental update after the rendered file (ISO 32000-1 12.8): the
//! catalog gets an `/AcroForm` with one signature field, the first page gets its invisible widget
//! (`/Rect [0 0 0 0]`, print flag, as PDF/A-2 requires), and the signature dictionary has
//! `/Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached`, a `/ByteRange` covering the whole file but the
//! `/Contents` hole, the signing time `/M` and the signer's name. The CMS is computed over exactly those
//! bytes, so a change to any of them (or bytes appended) is detected.
//!
//! **Signing time.** The time is a parameter and goes into `/M`, which is itself covered by the signature.
//! [`SoftwareSigner`] makes the CMS without signed attributes (`NOATTR`), because OpenSSL would otherwise
//! add a `signingTime` attribute read from the system clock: the crate reads no clock, and the same input
//! gives the same signed file. A PKI signer (NCALayer's CAdES) may add its own signed attributes; the PDF
//! carries whatever CMS the [`Signer`] returns.

use jiff::Timestamp;
use openssl::hash::MessageDigest;
use openssl::pkcs7::{Pkcs7, Pkcs7Flags};
use openssl::pkey::{PKey, Private};
use openssl::stack::Stack;
use openssl::x509::X509;

use crate::error::SignError;

/// Something that signs: the demo software keys here, the national PKI later.
pub trait Signer {
    /// A detached CMS `SignedData` (DER) over `content`, with the signer's certificate in it.
    fn sign_detached(&self, content: &[u8], signing_time: Timestamp) -> Result<Vec<u8>, SignError>;
    /// The signer's name as printed in the signature dictionary (the certificate's common name).
    fn name(&self) -> String;
}

/// A software key with its X.509 certificate (RSA or ECDSA; SHA-256).
pub struct SoftwareSigner {
    certificate: X509,
    key: PKey<Private>,
}

impl std::fmt::Debug for SoftwareSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The key stays out of logs.
        f.debug_struct("SoftwareSigner").field("name", &self.name()).finish()
    }
}

impl SoftwareSigner {
    /// Reads a PEM certificate and its PEM private key (PKCS#8 or traditional), checking they match.
    pub fn from_pem(certificate: &[u8], key: &[u8]) -> Result<SoftwareSigner, SignError> {
        let certificate = X509::from_pem(certificate).map_err(|e| SignError::Key(e.to_string()))?;
        let key = PKey::private_key_from_pem(key).map_err(|e| SignError::Key(e.to_string()))?;
        let public = certificate.public_key().map_err(|e| SignError::Key(e.to_string()))?;
        if !public.public_eq(&key) {
            return Err(SignError::KeyMismatch);
        }
        Ok(SoftwareSigner { certificate, key })
    }
}

impl Signer for SoftwareSigner {
    fn sign_detached(&self, content: &[u8], _signing_time: Timestamp) -> Result<Vec<u8>, SignError> {
        // No signed attributes: see the module documentation (the time is in the PDF's `/M`).
        let flags = Pkcs7Flags::DETACHED | Pkcs7Flags::BINARY | Pkcs7Flags::NOATTR;
        let chain = Stack::new()?;
        let p7 = Pkcs7::sign(&self.certificate, &self.key, &chain, content, flags)?;
        Ok(p7.to_der()?)
    }

    fn name(&self) -> String {
        crate::verify::common_name(&self.certificate).unwrap_or_default()
    }
}

/// What the signature dictionary says besides the signature itself.
#[derive(Debug, Clone, Copy)]
pub struct Signature<'a> {
    pub time: Timestamp,
    /// Why it is signed («Шешім», «Решение»).
    pub reason: &'a str,
    /// Where (the body's town).
    pub location: &'a str,
}

/// Reserved for the CMS, in bytes (written as twice as many hex digits).
const CONTENTS_BYTES: usize = 8192;

/// A detached CMS (DER) of `content`, for a `.p7s` next to the file.
pub fn sign_detached(content: &[u8], signer: &dyn Signer, time: Timestamp) -> Result<Vec<u8>, SignError> {
    signer.sign_detached(content, time)
}

/// The PDF with an embedded signature over all of it.
pub fn sign(pdf: &[u8], signer: &dyn Signer, signature: &Signature<'_>) -> Result<Vec<u8>, SignError> {
    let trailer = Trailer::read(pdf)?;
    let catalog = object(pdf, trailer.root).ok_or(SignError::Pdf("catalog not found"))?;
    if catalog.contains("/AcroForm") {
        return Err(SignError::Pdf("the document already has a form or a signature"));
    }
    let pages = reference_after(&catalog, "/Pages").ok_or(SignError::Pdf("page tree not found"))?;
    let pages_dict = object(pdf, pages).ok_or(SignError::Pdf("page tree not found"))?;
    let page = reference_after(&pages_dict, "/Kids").ok_or(SignError::Pdf("first page not found"))?;
    let page_dict = object(pdf, page).ok_or(SignError::Pdf("first page not found"))?;
    if page_dict.contains("/Annots") {
        return Err(SignError::Pdf("the first page already has annotations"));
    }
    let (sig, widget, form) = (trailer.size, trailer.size + 1, trailer.size + 2);

    let mut out = pdf.to_vec();
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    let mut offsets: Vec<(u32, usize)> = Vec::new();
    let put = |out: &mut Vec<u8>, offsets: &mut Vec<(u32, usize)>, id: u32, body: &str| {
        offsets.push((id, out.len()));
        out.extend_from_slice(format!("{id} 0 obj\n{body}\nendobj\n").as_bytes());
    };
    put(
        &mut out,
        &mut offsets,
        trailer.root,
        &insert_before_end(&catalog, &format!("/AcroForm {form} 0 R"))?,
    );
    put(
        &mut out,
        &mut offsets,
        page,
        &insert_before_end(&page_dict, &format!("/Annots [{widget} 0 R]"))?,
    );

    let local = jiff::tz::offset(5).to_datetime(signature.time);
    let when = format!(
        "D:{:04}{:02}{:02}{:02}{:02}{:02}+05'00'",
        local.year(),
        local.month(),
        local.day(),
        local.hour(),
        local.minute(),
        local.second()
    );
    let placeholder_range = format!("[0 {:>10} {:>10} {:>10}]", 0, 0, 0);
    let sig_head = format!(
        "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange {placeholder_range} /Contents <"
    );
    let sig_tail = format!(
        "> /M ({when}) /Name {} /Reason {} /Location {} >>",
        text_string(&signer.name()),
        text_string(signature.reason),
        text_string(signature.location)
    );
    offsets.push((sig, out.len()));
    out.extend_from_slice(format!("{sig} 0 obj\n").as_bytes());
    let range_at = out.len() + sig_head.find("[0 ").ok_or(SignError::Pdf("placeholder"))?;
    out.extend_from_slice(sig_head.as_bytes());
    let contents_start = out.len() - 1;
    out.resize(out.len() + CONTENTS_BYTES * 2, b'0');
    let contents_end = out.len() + 1;
    out.extend_from_slice(sig_tail.as_bytes());
    out.extend_from_slice(b"\nendobj\n");
    put(
        &mut out,
        &mut offsets,
        widget,
        &format!(
            "<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature1) /V {sig} 0 R /P {page} 0 R /Rect [0 0 0 0] /F 132 >>"
        ),
    );
    put(
        &mut out,
        &mut offsets,
        form,
        &format!("<< /Fields [{widget} 0 R] /SigFlags 3 >>"),
    );

    offsets.sort_unstable();
    let xref_at = out.len();
    let mut xref = String::from("xref\n");
    for (id, offset) in &offsets {
        xref.push_str(&format!("{id} 1\n{offset:010} 00000 n \n"));
    }
    let info = trailer.info.map(|i| format!(" /Info {i} 0 R")).unwrap_or_default();
    let id = trailer.id.map(|i| format!(" /ID {i}")).unwrap_or_default();
    xref.push_str(&format!(
        "trailer\n<< /Size {} /Root {} 0 R{info}{id} /Prev {} >>\nstartxref\n{xref_at}\n%%EOF\n",
        form + 1,
        trailer.root,
        trailer.startxref
    ));
    out.extend_from_slice(xref.as_bytes());

    // The byte range: everything but the hex string of /Contents (its angle brackets included).
    let range = format!(
        "[0 {:>10} {:>10} {:>10}]",
        contents_start,
        contents_end,
        out.len() - contents_end
    );
    out.get_mut(range_at..range_at + range.len())
        .ok_or(SignError::Pdf("placeholder"))?
        .copy_from_slice(range.as_bytes());
    let mut signed = Vec::with_capacity(out.len());
    signed.extend_from_slice(out.get(..contents_start).ok_or(SignError::Pdf("range"))?);
    signed.extend_from_slice(out.get(contents_end..).ok_or(SignError::Pdf("range"))?);
    let cms = signer.sign_detached(&signed, signature.time)?;
    let hex = hex::encode_upper(cms);
    if hex.len() > CONTENTS_BYTES * 2 {
        return Err(SignError::TooLarge);
    }
    out.get_mut(contents_start + 1..contents_start + 1 + hex.len())
        .ok_or(SignError::Pdf("contents"))?
        .copy_from_slice(hex.as_bytes());
    Ok(out)
}

/// The last trailer of the file.
struct Trailer {
    root: u32,
    info: Option<u32>,
    size: u32,
    id: Option<String>,
    startxref: usize,
}

impl Trailer {
    fn read(pdf: &[u8]) -> Result<Trailer, SignError> {
        let text = String::from_utf8_lossy(pdf.get(pdf.len().saturating_sub(2048)..).unwrap_or(pdf));
        let at = text.rfind("trailer").ok_or(SignError::Pdf("no trailer"))?;
        let tail = text.get(at..).unwrap_or_default();
        let startxref = tail
            .split("startxref")
            .nth(1)
            .and_then(leading_number)
            .and_then(|n| usize::try_from(n).ok())
            .ok_or(SignError::Pdf("no startxref"))?;
        let number = |key: &str| reference_after(tail, key);
        let id = tail.split("/ID").nth(1).and_then(|s| {
            let start = s.find('[')?;
            let end = s.find(']')?;
            s.get(start..=end).map(str::to_owned)
        });
        Ok(Trailer {
            root: number("/Root").ok_or(SignError::Pdf("no root"))?,
            info: number("/Info"),
            size: number("/Size").ok_or(SignError::Pdf("no size"))?,
            id,
            startxref,
        })
    }
}

/// The dictionary of object `id` (as text; the objects this crate edits are plain dictionaries).
fn object(pdf: &[u8], id: u32) -> Option<String> {
    // The last definition wins: an incremental update redefines objects after the original.
    let head = format!("\n{id} 0 obj");
    let start = rfind(pdf, head.as_bytes())? + head.len();
    let rest = pdf.get(start..)?;
    let end = find(rest, b"endobj")?;
    let body = String::from_utf8(rest.get(..end)?.to_vec()).ok()?;
    let body = body.trim();
    (body.starts_with("<<") && body.ends_with(">>")).then(|| body.to_owned())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// The number right after `key` (`/Pages 2 0 R` → 2, `/Kids[16 0 R …` → 16, `/Size 36` → 36), in the
/// compact syntax krilla writes as well as with spaces.
pub(crate) fn reference_after(dict: &str, key: &str) -> Option<u32> {
    let rest = dict.split(key).nth(1)?;
    // The key must end there (`/Pages` is not `/PagesX`).
    if rest.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return None;
    }
    leading_number(rest).and_then(|n| u32::try_from(n).ok())
}

/// The first run of digits after any spaces, line ends and `[`.
fn leading_number(s: &str) -> Option<u64> {
    let s = s.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '[');
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    s.get(..end)?.parse().ok()
}

fn insert_before_end(dict: &str, entry: &str) -> Result<String, SignError> {
    let body = dict.strip_suffix(">>").ok_or(SignError::Pdf("not a dictionary"))?;
    Ok(format!("{} {entry} >>", body.trim_end()))
}

/// A PDF text string in UTF-16BE with its byte order mark, as hex (any script, no escaping).
fn text_string(s: &str) -> String {
    let mut out = String::from("<FEFF");
    for unit in s.encode_utf16() {
        out.push_str(&format!("{unit:04X}"));
    }
    out.push('>');
    out
}

/// SHA-256 for the certificates this module makes.
pub(crate) fn sha256() -> MessageDigest {
    MessageDigest::sha256()
}
