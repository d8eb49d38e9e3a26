//! Who and what a case is about: persons, families, employers, documents. Parsed values only; `Debug` masks
//! personal data.

use std::fmt;

use jiff::civil::Date;
use kz::{Bin, Iin, Kato, Sex};

/// A name in Cyrillic with its Latin transliteration (documents print both).
#[derive(Clone, PartialEq, Eq)]
pub struct Name {
    pub surname: String,
    pub given: String,
    pub patronymic: Option<String>,
    pub latin: String,
}

impl Name {
    /// `Surname G. P.`: what a screen that is not the person's own may show.
    pub fn initials(&self) -> String {
        let initial = |s: &str| s.chars().next().map(|c| format!("{c}.")).unwrap_or_default();
        let mut out = format!("{} {}", self.surname, initial(&self.given));
        if let Some(p) = &self.patronymic {
            out.push(' ');
            out.push_str(&initial(p));
        }
        out
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Name(***)")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Citizenship {
    Kazakhstan,
    /// A foreign state or none (kandases before citizenship); ISO 3166-1 alpha-2 when known.
    Other(Option<[u8; 2]>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    pub kato: Kato,
    /// Street, house, flat as registered.
    pub line: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub iin: Iin,
    pub name: Name,
    pub sex: Sex,
    pub birth_date: Date,
    pub citizenship: Citizenship,
    /// Ethnicity as the civil registry records it (kandas status depends on it).
    pub nationality: Option<String>,
    pub address: Option<Address>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    Spouse,
    Child,
    Parent,
    Sibling,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub person: Person,
    pub relation: Relation,
}

/// The applicant and the members who move with him or her (family size counts the applicant, AMB-31).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Family {
    pub applicant: Person,
    pub members: Vec<Member>,
}

impl Family {
    pub fn size(&self) -> usize {
        1 + self.members.len()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Employer {
    pub bin: Bin,
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentType {
    IdentityDocument,
    KandasCertificate,
    RegistrationCertificate,
    LeaseContract,
    PurchaseContract,
    AppraisalReport,
    LoanApproval,
    EmploymentConfirmation,
    Other,
}

/// Where a document on a case came from (once-only: what an information system has is not asked for, EMC-09).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    SuppliedByApplicant,
    FromInformationSystem {
        system: &'static str,
        response_id: String,
        requested_at: jiff::Timestamp,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub kind: DocumentType,
    pub number: String,
    pub issued_on: Option<Date>,
    pub valid_until: Option<Date>,
    pub source: Source,
}

impl Document {
    /// Expired on `on`; a document that ends on the day of the decision counts as expired (A 15.5, 2)).
    pub fn is_expired_on(&self, on: Date) -> bool {
        self.valid_until.is_some_and(|until| until <= on)
    }
}

/// A reason or a reasoning an official writes (a revocation's reason, a decision's reasoning): trimmed, not
/// empty, at most [`Reason::MAX_CHARS`] characters, no control characters but line breaks.
#[derive(Clone, PartialEq, Eq)]
pub struct Reason(String);

impl Reason {
    /// Every error code `parse` gives.
    pub const CODES: &'static [&'static str] = &["reason_required", "reason_too_long", "reason_control_characters"];

    pub const MAX_CHARS: usize = 2000;

    pub fn parse(text: &str) -> Result<Reason, &'static str> {
        let text = text.trim();
        if text.is_empty() {
            return Err("reason_required");
        }
        if text.chars().count() > Reason::MAX_CHARS {
            return Err("reason_too_long");
        }
        if text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
        {
            return Err("reason_control_characters");
        }
        Ok(Reason(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Free text may name people.
        write!(f, "Reason({} chars)", self.0.chars().count())
    }
}
