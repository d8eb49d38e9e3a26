//! The information systems the order relies on (once-only principle: what a system holds is asked of the
//! system, never of the applicant, EMC-07, EMC-09), as ports, and a sandbox that answers them from a
//! deterministic synthetic population.
//!
//! Every answer carries its [`Evidence`]: which system, when it was asked (the caller's clock, passed in) and
//! the system's response id. The case keeps it as the provenance of the fact.

pub mod sandbox;

use jiff::Timestamp;
use jiff::civil::Date;
use kz::{Bin, Iin, Kato, Sex};

/// The systems named or implied by the order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum System {
    /// Civil registry (persons, family relations, citizenship, ethnicity).
    CivilRegistry,
    /// Kandas status (the migration authority's register).
    KandasRegister,
    /// Registration at a place of residence, with its history.
    AddressRegister,
    /// "Еңбек нарығы" AIS: job seekers and the unemployed.
    LabourMarket,
    /// Unified real-estate cadastre.
    Cadastre,
    /// Electronic labour contracts (ESUTD).
    LabourContracts,
    /// Digital documents service (with the owner's consent by one-time password).
    DigitalDocuments,
    /// Offences and terrorism/extremism lists.
    Offences,
    /// The state database of legal entities (employers by BIN).
    LegalEntities,
}

impl System {
    pub const ALL: [System; 9] = [
        System::CivilRegistry,
        System::KandasRegister,
        System::AddressRegister,
        System::LabourMarket,
        System::Cadastre,
        System::LabourContracts,
        System::DigitalDocuments,
        System::Offences,
        System::LegalEntities,
    ];

    pub fn key(self) -> &'static str {
        match self {
            System::CivilRegistry => "civil_registry",
            System::KandasRegister => "kandas_register",
            System::AddressRegister => "address_register",
            System::LabourMarket => "labour_market",
            System::Cadastre => "cadastre",
            System::LabourContracts => "labour_contracts",
            System::DigitalDocuments => "digital_documents",
            System::Offences => "offences",
            System::LegalEntities => "legal_entities",
        }
    }
}

/// Where a fact came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub system: System,
    pub requested_at: Timestamp,
    pub response_id: String,
}

/// A system's answer with its provenance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer<T> {
    pub value: T,
    pub evidence: Evidence,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegistryError {
    #[error("the system has no record of this person")]
    NotFound,
    #[error("the system did not answer")]
    Unavailable,
    #[error("the owner's consent is needed")]
    ConsentRequired,
    #[error("the one-time password does not match")]
    OtpInvalid,
}

impl RegistryError {
    pub const CODES: &'static [&'static str] = &[
        "registry_not_found",
        "registry_unavailable",
        "registry_consent_required",
        "registry_otp_invalid",
    ];

    pub fn code(&self) -> &'static str {
        match self {
            RegistryError::NotFound => "registry_not_found",
            RegistryError::Unavailable => "registry_unavailable",
            RegistryError::ConsentRequired => "registry_consent_required",
            RegistryError::OtpInvalid => "registry_otp_invalid",
        }
    }
}

pub type Reply<T> = Result<Answer<T>, RegistryError>;

/// A person as the civil registry holds them.
#[derive(Clone, PartialEq, Eq)]
pub struct PersonRecord {
    pub iin: Iin,
    pub surname: String,
    pub given: String,
    pub patronymic: Option<String>,
    /// `SURNAME GIVEN` in Latin letters, as in the passport.
    pub latin: String,
    pub sex: Sex,
    pub birth_date: Date,
    pub citizen: bool,
    pub nationality: &'static str,
}

impl std::fmt::Debug for PersonRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PersonRecord")
            .field("iin", &self.iin)
            .field("birth_date", &self.birth_date)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kinship {
    Spouse,
    Child,
    Parent,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relative {
    pub iin: Iin,
    pub kinship: Kinship,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registration {
    pub kato: Kato,
    pub since: Date,
    pub until: Option<Date>,
}

/// Registered at least `years` in `region` (any unit of it) as of `on`, without a break (A 14: «кемінде бір жыл»).
/// The period is law: prefer [`registered_since`] with the day `rules::rules_a::p14_prior_registration` gives.
pub fn registered_for(history: &[Registration], region: &Kato, years: i16, on: Date) -> bool {
    let Ok(since) = on.checked_sub(jiff::Span::new().years(years)) else {
        return false;
    };
    registered_since(history, region, since, on)
}

/// Registered in `region` (any unit of it) from `since` or earlier until `on`, without a break (A 14).
pub fn registered_since(history: &[Registration], region: &Kato, since: Date, on: Date) -> bool {
    history.iter().any(|r| {
        r.kato.region().kato == region.region().kato && r.since <= since && r.until.is_none_or(|until| until >= on)
    })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KandasStatus {
    pub granted_on: Date,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobSeeker {
    pub registered_on: Date,
    pub unemployed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holding {
    pub kato: Kato,
    pub acquired_on: Date,
    /// Bought with a certificate payment (refusal ground 5 of p.68).
    pub with_certificate: bool,
    pub seller: Option<Iin>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabourContract {
    pub employer: Bin,
    pub start: Date,
    pub end: Option<Date>,
}

pub trait CivilRegistry {
    fn person(&self, iin: &Iin, at: Timestamp) -> Reply<PersonRecord>;
    fn relatives(&self, iin: &Iin, at: Timestamp) -> Reply<Vec<Relative>>;
}

pub trait KandasRegister {
    fn kandas_status(&self, iin: &Iin, at: Timestamp) -> Reply<Option<KandasStatus>>;
}

pub trait AddressRegister {
    fn registrations(&self, iin: &Iin, at: Timestamp) -> Reply<Vec<Registration>>;
}

pub trait LabourMarket {
    fn job_seeker(&self, iin: &Iin, at: Timestamp) -> Reply<Option<JobSeeker>>;
}

pub trait Cadastre {
    fn holdings(&self, iin: &Iin, at: Timestamp) -> Reply<Vec<Holding>>;
}

pub trait LabourContracts {
    fn contracts(&self, iin: &Iin, at: Timestamp) -> Reply<Vec<LabourContract>>;
}

/// An organisation as the state database of legal entities holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegalEntity {
    pub bin: Bin,
    pub name: String,
    /// Where it is registered.
    pub region: Kato,
}

pub trait LegalEntities {
    fn entity(&self, bin: &Bin, at: Timestamp) -> Reply<LegalEntity>;
}

pub trait Offences {
    /// Whether the person is on the offences or the terrorism/extremism lists: the facts for kandas ground K3, whose
    /// two limbs (incriminating information on offences, and other information on affiliation) the act joins with
    /// «және» (and).
    fn listed(&self, iin: &Iin, at: Timestamp) -> Reply<bool>;
}

/// The digital documents service: the document is released only after the owner confirms with a one-time
/// password sent to their phone.
pub trait DigitalDocuments {
    fn request_consent(&self, iin: &Iin, document: &str, at: Timestamp) -> Result<ConsentRequest, RegistryError>;
    fn fetch(&self, request: &ConsentRequest, otp: &str, at: Timestamp) -> Reply<DigitalDocument>;
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentRequest {
    pub id: String,
    pub iin: Iin,
    pub document: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigitalDocument {
    pub kind: String,
    pub number: String,
    pub valid_until: Option<Date>,
}

/// Everything the intake asks, in one bound.
pub trait Registries:
    CivilRegistry
    + KandasRegister
    + AddressRegister
    + LabourMarket
    + Cadastre
    + LabourContracts
    + Offences
    + DigitalDocuments
    + LegalEntities
{
}

impl<T> Registries for T where
    T: CivilRegistry
        + KandasRegister
        + AddressRegister
        + LabourMarket
        + Cadastre
        + LabourContracts
        + Offences
        + DigitalDocuments
        + LegalEntities
{
}
