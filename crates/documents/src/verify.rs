//! Reading a signed document back: is its signature valid, and if not, why.
//!
//! OpenSSL checks the CMS (the digest of the signed bytes against the signature, then the signer's
//! certificate against the trusted authority at the given time); this module finds the signed bytes in the
//! PDF and tells the cases apart:
//!
//! - [`Status::NotSigned`]: no signature dictionary;
//! - [`Status::Modified`]: the signed bytes changed, or bytes were added after the signature (the byte
//!   range no longer covers the whole file);
//! - [`Status::Untrusted`]: the signature matches the bytes, but its certificate does not chain to the given
//!   authority (or was not valid at the given time);
//! - [`Status::Malformed`]: the signature dictionary or its CMS cannot be read.

use jiff::Timestamp;
use openssl::nid::Nid;
use openssl::pkcs7::{Pkcs7, Pkcs7Flags};
use openssl::stack::Stack;
use openssl::x509::store::{X509Store, X509StoreBuilder};
use openssl::x509::verify::X509VerifyParam;
use openssl::x509::{X509, X509Ref};
use sha2::{Digest, Sha256};

use crate::{FORM_KEY, NUMBER_KEY};

/// The verdict on a signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Valid,
    NotSigned,
    Modified,
    Untrusted,
    Malformed,
}

impl Status {
    pub const CODES: &'static [&'static str] = &[
        "signature_valid",
        "document_not_signed",
        "document_modified",
        "signer_not_trusted",
        "signature_malformed",
    ];

    /// A stable code; its kk/ru message is in `law/forms/common.toml`.
    pub fn code(self) -> &'static str {
        match self {
            Status::Valid => "signature_valid",
            Status::NotSigned => "document_not_signed",
            Status::Modified => "document_modified",
            Status::Untrusted => "signer_not_trusted",
            Status::Malformed => "signature_malformed",
        }
    }
}

/// What verification found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyReport {
    pub status: Status,
    /// The cryptographic library's words when the status is not valid (for the log, not for people).
    pub detail: Option<String>,
    /// The signer certificate's subject (`CN=…, O=…`).
    pub signer: Option<String>,
    /// The signing time of the signature dictionary, as written (`D:20261124100000+05'00'`).
    pub signing_time: Option<String>,
    /// The document number and form from the metadata.
    pub number: Option<String>,
    pub form: Option<String>,
    /// SHA-256 of the whole file, hex.
    pub sha256: String,
}

impl VerifyReport {
    pub fn valid(&self) -> bool {
        self.status == Status::Valid
    }
}

/// Verifies the embedded signature of `pdf` against the authority `trusted_ca_pem` at the time `at`.
pub fn verify(pdf: &[u8], trusted_ca_pem: &[u8], at: Timestamp) -> VerifyReport {
    let (number, form) = metadata(pdf);
    let mut report = VerifyReport {
        status: Status::NotSigned,
        detail: None,
        signer: None,
        signing_time: None,
        number,
        form,
        sha256: hex::encode(Sha256::digest(pdf)),
    };
    let Some(range_at) = rfind(pdf, b"/ByteRange") else {
        return report;
    };
    let fail = |mut report: VerifyReport, status: Status, detail: &str| {
        report.status = status;
        report.detail = Some(detail.to_owned());
        report
    };
    let tail = String::from_utf8_lossy(pdf.get(range_at..).unwrap_or_default());
    report.signing_time = tail
        .split("/M (")
        .nth(1)
        .and_then(|s| s.split(')').next())
        .map(str::to_owned);
    let Some(range) = byte_range(&tail) else {
        return fail(report, Status::Malformed, "byte range unreadable");
    };
    let [a, b, c, d] = range;
    if a != 0 || b >= c || c > pdf.len() {
        return fail(report, Status::Malformed, "byte range out of the file");
    }
    if c.checked_add(d) != Some(pdf.len()) {
        return fail(report, Status::Modified, "the byte range does not cover the whole file");
    }
    let Some(der) = pdf.get(b + 1..c.saturating_sub(1)).and_then(contents) else {
        return fail(report, Status::Malformed, "contents unreadable");
    };
    let mut signed = Vec::with_capacity(b + d);
    signed.extend_from_slice(pdf.get(..b).unwrap_or_default());
    signed.extend_from_slice(pdf.get(c..).unwrap_or_default());
    let (status, detail, signer) = check(&signed, &der, trusted_ca_pem, at);
    report.status = status;
    report.detail = detail;
    report.signer = signer;
    report
}

/// Verifies a detached CMS (DER or PEM) of `content` against `trusted_ca_pem` at `at`: the status, the
/// library's words when invalid, and the signer's subject.
pub fn verify_detached(
    content: &[u8],
    cms: &[u8],
    trusted_ca_pem: &[u8],
    at: Timestamp,
) -> (Status, Option<String>, Option<String>) {
    let der = if cms.starts_with(b"-----BEGIN") {
        match Pkcs7::from_pem(cms).and_then(|p| p.to_der()) {
            Ok(der) => der,
            Err(e) => return (Status::Malformed, Some(e.to_string()), None),
        }
    } else {
        cms.to_vec()
    };
    check(content, &der, trusted_ca_pem, at)
}

fn check(content: &[u8], der: &[u8], trusted_ca_pem: &[u8], at: Timestamp) -> (Status, Option<String>, Option<String>) {
    let p7 = match Pkcs7::from_der(der) {
        Ok(p7) => p7,
        Err(e) => return (Status::Malformed, Some(e.to_string()), None),
    };
    let Ok(none) = Stack::<X509>::new() else {
        return (Status::Malformed, Some("stack".into()), None);
    };
    let signer = p7
        .signers(&none, Pkcs7Flags::empty())
        .ok()
        .and_then(|s| s.iter().next().map(subject));
    // First the bytes against the signature, with no certificate check: a failure here is a change.
    let empty = match X509StoreBuilder::new() {
        Ok(b) => b.build(),
        Err(e) => return (Status::Malformed, Some(e.to_string()), signer),
    };
    let flags = Pkcs7Flags::BINARY | Pkcs7Flags::NOVERIFY;
    if let Err(e) = p7.verify(&none, &empty, Some(content), None, flags) {
        return (Status::Modified, Some(e.to_string()), signer);
    }
    // Then the signer against the authority, at the given time.
    let store = match trust_store(trusted_ca_pem, at) {
        Ok(store) => store,
        Err(e) => return (Status::Untrusted, Some(e.to_string()), signer),
    };
    match p7.verify(&none, &store, Some(content), None, Pkcs7Flags::BINARY) {
        Ok(()) => (Status::Valid, None, signer),
        Err(e) => (Status::Untrusted, Some(e.to_string()), signer),
    }
}

fn trust_store(ca_pem: &[u8], at: Timestamp) -> Result<X509Store, openssl::error::ErrorStack> {
    let mut builder = X509StoreBuilder::new()?;
    for ca in X509::stack_from_pem(ca_pem)? {
        builder.add_cert(ca)?;
    }
    let mut param = X509VerifyParam::new()?;
    param.set_time(at.as_second());
    builder.set_param(&param)?;
    Ok(builder.build())
}

/// `[a b c d]` of a `/ByteRange`.
fn byte_range(text: &str) -> Option<[usize; 4]> {
    let inner = text.split('[').nth(1)?.split(']').next()?;
    let mut numbers = inner.split_whitespace().map(|n| n.parse::<usize>().ok());
    let range = [numbers.next()??, numbers.next()??, numbers.next()??, numbers.next()??];
    Some(range)
}

/// The DER of a `/Contents` hex string, without the zero padding after it.
fn contents(hex_digits: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(hex_digits).ok()?;
    let bytes = hex::decode(text.trim()).ok()?;
    // The DER's own length says where the padding starts: 0x30, then a short or a long length.
    let (&first, rest) = bytes.split_first()?;
    if first != 0x30 {
        return None;
    }
    let (&len0, rest) = rest.split_first()?;
    let (header, len) = if len0 < 0x80 {
        (2, usize::from(len0))
    } else {
        let n = usize::from(len0 & 0x7f);
        let len = rest.get(..n)?.iter().fold(0usize, |acc, b| acc << 8 | usize::from(*b));
        (2 + n, len)
    };
    bytes.get(..header + len).map(<[u8]>::to_vec)
}

/// The form and number keywords of the metadata.
fn metadata(pdf: &[u8]) -> (Option<String>, Option<String>) {
    let value = |key: &str| {
        let at = find(pdf, key.as_bytes())? + key.len();
        let rest = pdf.get(at..)?;
        let end = rest
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || b"-/.".contains(b)))?;
        String::from_utf8(rest.get(..end)?.to_vec()).ok()
    };
    (value(NUMBER_KEY), value(FORM_KEY))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// `CN=…, O=…` of a certificate's subject, UTF-8.
pub(crate) fn subject(cert: &X509Ref) -> String {
    cert.subject_name()
        .entries()
        .filter_map(|e| {
            let key = e.object().nid().short_name().ok()?;
            let value = e.data().to_string().ok()?;
            Some(format!("{key}={value}"))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn common_name(cert: &X509Ref) -> Option<String> {
    cert.subject_name()
        .entries_by_nid(Nid::COMMONNAME)
        .next()
        .and_then(|e| e.data().to_string().ok())
}
