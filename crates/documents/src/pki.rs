//! The demo authority: a certification authority and a certificate with its key per demo official, so
//! documents can be signed and verified before the national PKI (NCA RK, НУЦ РК) is connected.
//!
//! It is not a qualified authority and its certificates say so in the organisation of the CA. Keys are
//! RSA-2048 with SHA-256, the algorithm of NCA RK's RSA keys; subjects carry the official's name (CN), the
//! position (title), the body (O), the login (UID) and the country. The certificate profile is what
//! `openssl cms -verify` and poppler's `pdfsig` (NSS) accept for document signing: key usage
//! `digitalSignature, nonRepudiation`, no extended key usage.
//!
//! Everything is returned as PEM bytes; the caller writes the files (the CLI keeps the keys owner-only).
//! Validity starts at the given time and lasts the given number of years: no clock is read here.

use jiff::Timestamp;
use openssl::asn1::{Asn1Integer, Asn1Time, Asn1Type};
use openssl::bn::BigNum;
use openssl::nid::Nid;
use openssl::pkey::{PKey, Private};
use openssl::rsa::Rsa;
use openssl::x509::extension::{AuthorityKeyIdentifier, BasicConstraints, KeyUsage, SubjectKeyIdentifier};
use openssl::x509::{X509, X509Builder, X509Name, X509NameBuilder};

use crate::error::SignError;
use crate::sign::sha256;

/// A demo official who gets a certificate.
#[derive(Debug, Clone, Copy)]
pub struct Official<'a> {
    /// The sign-in account (`demo.akimat.pavlodar`).
    pub login: &'a str,
    /// Surname, name, patronymic.
    pub name: &'a str,
    /// The position («Басшы», «Head»).
    pub position: &'a str,
    /// The body the official works for.
    pub organisation: &'a str,
}

/// A certificate and its key, PEM.
#[derive(Clone)]
pub struct Issued {
    pub login: String,
    pub certificate_pem: Vec<u8>,
    pub key_pem: Vec<u8>,
}

impl std::fmt::Debug for Issued {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Issued").field("login", &self.login).finish()
    }
}

/// The authority and what it issued.
#[derive(Debug, Clone)]
pub struct DemoAuthority {
    pub ca: Issued,
    pub officials: Vec<Issued>,
}

const CA_NAME: &str = "Qonys demo CA";
const CA_ORGANISATION: &str = "Qonys (demo authority, not qualified)";

/// Creates the CA and one certificate per official, valid from `not_before` for `years` years.
pub fn demo_authority(
    officials: &[Official<'_>],
    not_before: Timestamp,
    years: u16,
) -> Result<DemoAuthority, SignError> {
    let start = Asn1Time::from_unix(not_before.as_second())?;
    let end_seconds = not_before.as_second() + i64::from(years) * 365 * 86_400;
    let end = Asn1Time::from_unix(end_seconds)?;
    let ca_key = rsa_key()?;
    let ca_name = name(&[
        (Nid::COMMONNAME, CA_NAME),
        (Nid::ORGANIZATIONNAME, CA_ORGANISATION),
        (Nid::COUNTRYNAME, "KZ"),
    ])?;
    let mut b = builder(1, &ca_name, &ca_name, &ca_key, &start, &end)?;
    b.append_extension(BasicConstraints::new().critical().ca().build()?)?;
    b.append_extension(KeyUsage::new().critical().key_cert_sign().crl_sign().build()?)?;
    let ski = SubjectKeyIdentifier::new().build(&b.x509v3_context(None, None))?;
    b.append_extension(ski)?;
    b.sign(&ca_key, sha256())?;
    let ca_cert = b.build();

    let mut issued = Vec::with_capacity(officials.len());
    for (i, o) in officials.iter().enumerate() {
        let key = rsa_key()?;
        let subject = name(&[
            (Nid::COMMONNAME, o.name),
            (Nid::TITLE, o.position),
            (Nid::ORGANIZATIONNAME, o.organisation),
            (Nid::USERID, o.login),
            (Nid::COUNTRYNAME, "KZ"),
        ])?;
        let serial = u32::try_from(i + 2).map_err(|_| SignError::Crypto("too many officials".into()))?;
        let mut b = builder(serial, &subject, ca_cert.subject_name(), &key, &start, &end)?;
        b.append_extension(BasicConstraints::new().build()?)?;
        b.append_extension(
            KeyUsage::new()
                .critical()
                .digital_signature()
                .non_repudiation()
                .build()?,
        )?;
        let ski = SubjectKeyIdentifier::new().build(&b.x509v3_context(Some(&ca_cert), None))?;
        b.append_extension(ski)?;
        let aki = AuthorityKeyIdentifier::new()
            .keyid(true)
            .build(&b.x509v3_context(Some(&ca_cert), None))?;
        b.append_extension(aki)?;
        b.sign(&ca_key, sha256())?;
        issued.push(Issued {
            login: o.login.to_owned(),
            certificate_pem: b.build().to_pem()?,
            key_pem: key.private_key_to_pem_pkcs8()?,
        });
    }
    Ok(DemoAuthority {
        ca: Issued {
            login: "ca".into(),
            certificate_pem: ca_cert.to_pem()?,
            key_pem: ca_key.private_key_to_pem_pkcs8()?,
        },
        officials: issued,
    })
}

fn rsa_key() -> Result<PKey<Private>, SignError> {
    Ok(PKey::from_rsa(Rsa::generate(2048)?)?)
}

fn name(entries: &[(Nid, &str)]) -> Result<X509Name, SignError> {
    let mut b = X509NameBuilder::new()?;
    for (nid, value) in entries {
        // UTF8String: names and bodies are in Kazakh or Russian.
        b.append_entry_by_nid_with_type(*nid, value, Asn1Type::UTF8STRING)?;
    }
    Ok(b.build())
}

fn builder(
    serial: u32,
    subject: &openssl::x509::X509NameRef,
    issuer: &openssl::x509::X509NameRef,
    key: &PKey<Private>,
    start: &Asn1Time,
    end: &Asn1Time,
) -> Result<X509Builder, SignError> {
    let mut b = X509::builder()?;
    b.set_version(2)?;
    let serial: Asn1Integer = BigNum::from_u32(serial)?.to_asn1_integer()?;
    b.set_serial_number(&serial)?;
    b.set_subject_name(subject)?;
    b.set_issuer_name(issuer)?;
    b.set_pubkey(key)?;
    b.set_not_before(start)?;
    b.set_not_after(end)?;
    Ok(b)
}

/// Who a certificate names: the common name, the position (title) and the organisation, as far as it says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Holder {
    pub name: String,
    pub position: String,
    pub organisation: String,
}

/// The holder named by a PEM certificate's subject.
pub fn holder(certificate_pem: &[u8]) -> Result<Holder, SignError> {
    let cert = X509::from_pem(certificate_pem).map_err(|e| SignError::Key(e.to_string()))?;
    let entry = |nid: Nid| {
        cert.subject_name()
            .entries_by_nid(nid)
            .next()
            .and_then(|e| e.data().to_string().ok())
            .unwrap_or_default()
    };
    Ok(Holder {
        name: entry(Nid::COMMONNAME),
        position: entry(Nid::TITLE),
        organisation: entry(Nid::ORGANIZATIONNAME),
    })
}
