//! The dated parameters of the law (`law/params/*.toml`), embedded in the binary and parsed once.
//!
//! Every value carries a [`Reference`]; a date outside every edition is [`NotCovered`], never a guess.

use std::collections::BTreeMap;

use jiff::civil::Date;
use kz::{Mci, Money};
use serde::Deserialize;

use crate::acts::{Act, LegalRef};
use crate::versioned::{Confidence, Edition, EditionError, Reference, Versioned};

/// The parameter files, as embedded: `(path under law/params, contents)`.
pub const FILES: &[(&str, &str)] = &[
    ("mci.toml", include_str!("../../../../law/params/mci.toml")),
    (
        "mci-conversion.toml",
        include_str!("../../../../law/params/mci-conversion.toml"),
    ),
    (
        "financial-year.toml",
        include_str!("../../../../law/params/financial-year.toml"),
    ),
    (
        "time-limits.toml",
        include_str!("../../../../law/params/time-limits.toml"),
    ),
    (
        "rules-a/kandas-intake.toml",
        include_str!("../../../../law/params/rules-a/kandas-intake.toml"),
    ),
    (
        "rules-a/commissions.toml",
        include_str!("../../../../law/params/rules-a/commissions.toml"),
    ),
    (
        "rules-a/quota-documents.toml",
        include_str!("../../../../law/params/rules-a/quota-documents.toml"),
    ),
    (
        "rules-a/revocation.toml",
        include_str!("../../../../law/params/rules-a/revocation.toml"),
    ),
    (
        "rules-b/p36-employer-subsidy.toml",
        include_str!("../../../../law/params/rules-b/p36-employer-subsidy.toml"),
    ),
    (
        "rules-b/p67-certificate.toml",
        include_str!("../../../../law/params/rules-b/p67-certificate.toml"),
    ),
    (
        "rules-b/p67-differentiation.toml",
        include_str!("../../../../law/params/rules-b/p67-differentiation.toml"),
    ),
    (
        "rules-b/p70-relocation-subsidy.toml",
        include_str!("../../../../law/params/rules-b/p70-relocation-subsidy.toml"),
    ),
    (
        "rules-b/p71-rent-compensation.toml",
        include_str!("../../../../law/params/rules-b/p71-rent-compensation.toml"),
    ),
];

/// A law file could not be read into parameters.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParamsError {
    #[error("law/params/{file}: {message}")]
    Syntax { file: &'static str, message: String },
    #[error("law/params/{file}: unknown act `{act}`")]
    UnknownAct { file: &'static str, act: String },
    #[error("law/params/{file}: {source}")]
    Edition { file: &'static str, source: EditionError },
    #[error("law/params/{file}: {message}")]
    Invalid { file: &'static str, message: String },
    #[error("law/params/{file} is not embedded")]
    Missing { file: &'static str },
}

// ---- typed values ----

/// p.67: the certificate size in MCI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Certificate {
    mci: u32,
}

impl Certificate {
    pub fn size(&self) -> Mci {
        Mci::new(self.mci)
    }
}

/// p.67 part four: what the differentiation categories change (AMB-21).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DifferentiationEffect {
    /// Recorded on the application and shown; no effect on amount or order of consideration.
    RecordOnly,
}

impl DifferentiationEffect {
    /// The name used in the parameter files.
    pub fn key(self) -> &'static str {
        match self {
            DifferentiationEffect::RecordOnly => "record_only",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Differentiation {
    pub effect: DifferentiationEffect,
}

/// How a kandas application is received where order No. 359 is silent (XREF-01).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KandasIntakeMode {
    /// Registered on receipt and reviewed.
    Direct,
    /// The provider checks the package first and may refuse to accept it.
    ProviderCheck,
}

impl KandasIntakeMode {
    pub fn key(self) -> &'static str {
        match self {
            KandasIntakeMode::Direct => "direct",
            KandasIntakeMode::ProviderCheck => "provider_check",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KandasIntake {
    pub intake: KandasIntakeMode,
}

/// A decision on inclusion in the quota.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuotaOutcome {
    Include,
    Refuse,
}

impl QuotaOutcome {
    pub fn key(self) -> &'static str {
        match self {
            QuotaOutcome::Include => "include",
            QuotaOutcome::Refuse => "refuse",
        }
    }
}

/// The decisions that follow a commission's word, per category (the decision forms, appendices 2, 3 and 5).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuotaCommissions {
    pub kandas: Vec<QuotaOutcome>,
    pub resettler: Vec<QuotaOutcome>,
}

/// One document of the quota application's checklist (appendix 1 row 8).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistItem {
    /// `identity`, `marriage`, `birth`, `education`, `labour`, `job_seeker`.
    pub key: String,
    /// Without it the package is incomplete.
    pub required: bool,
    /// The information system that holds it (`digital_documents`, `labour_market`): not asked of the applicant.
    #[serde(default)]
    pub system: Option<String>,
}

/// The checklists of the two sub-types.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuotaDocuments {
    pub kandas: Vec<ChecklistItem>,
    pub resettler: Vec<ChecklistItem>,
}

/// Whether an inclusion may be revoked (the order does not provide for it; see the parameter's reference).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuotaRevocation {
    pub allowed: bool,
}

/// One family-size bracket of the p.71 table: applies from `from_members` up to the next bracket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bracket {
    from_members: u8,
    mci: u32,
}

impl Bracket {
    pub fn from_members(&self) -> u8 {
        self.from_members
    }
    pub fn mci(&self) -> Mci {
        Mci::new(self.mci)
    }
}

/// p.71: monthly compensation by locality and family size, and the number of months it is paid at most.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RentTable {
    max_months: u8,
    urban: Vec<Bracket>,
    rural: Vec<Bracket>,
}

impl RentTable {
    pub fn max_months(&self) -> u8 {
        self.max_months
    }
    pub fn urban(&self) -> &[Bracket] {
        &self.urban
    }
    pub fn rural(&self) -> &[Bracket] {
        &self.rural
    }

    fn validate(&self) -> Result<(), String> {
        for (name, brackets) in [("urban", &self.urban), ("rural", &self.rural)] {
            if brackets.first().map(|b| b.from_members) != Some(1) {
                return Err(format!("{name}: the first bracket must start at one member"));
            }
            if brackets
                .windows(2)
                .any(|w| matches!(w, [a, b] if a.from_members >= b.from_members))
            {
                return Err(format!("{name}: brackets must be in increasing order"));
            }
        }
        Ok(())
    }
}

/// p.36 sub-p.1 / B-App 3: subsidy per employed participant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmployerSubsidy {
    mci_per_worker: u32,
}

impl EmployerSubsidy {
    pub fn per_worker(&self) -> Mci {
        Mci::new(self.mci_per_worker)
    }
}

/// p.70: relocation subsidy per person (a configurable default, XREF-02).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelocationSubsidy {
    mci_per_person: u32,
}

impl RelocationSubsidy {
    pub fn per_person(&self) -> Mci {
        Mci::new(self.mci_per_person)
    }
}

/// Which day's MCI converts an amount in MCI into tenge (XREF-16).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConversionDate {
    /// The first day of the month the payment is for.
    FirstDayOfMonth,
    /// The day the payment decision is taken.
    DecisionDate,
}

impl ConversionDate {
    /// The name used in the parameter files.
    pub fn key(self) -> &'static str {
        match self {
            ConversionDate::FirstDayOfMonth => "first_day_of_month",
            ConversionDate::DecisionDate => "decision_date",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MciConversion {
    pub rent_compensation: ConversionDate,
    pub certificate: ConversionDate,
    pub employer_subsidy: ConversionDate,
    pub relocation_subsidy: ConversionDate,
}

/// The first day of the financial year (XREF-21).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FinancialYear {
    start_month: i8,
    start_day: i8,
}

impl FinancialYear {
    /// The financial year that contains `on`, as `(first day, last day)`.
    pub fn containing(&self, on: Date) -> Option<(Date, Date)> {
        let this_year = Date::new(on.year(), self.start_month, self.start_day).ok()?;
        let start = if on >= this_year {
            this_year
        } else {
            Date::new(on.year() - 1, self.start_month, self.start_day).ok()?
        };
        let next = Date::new(start.year() + 1, self.start_month, self.start_day).ok()?;
        Some((start, next.yesterday().ok()?))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LimitUnit {
    SameDay,
    WorkingDays,
    CalendarDays,
    Months,
    Years,
}

impl LimitUnit {
    pub fn key(self) -> &'static str {
        match self {
            LimitUnit::SameDay => "same_day",
            LimitUnit::WorkingDays => "working_days",
            LimitUnit::CalendarDays => "calendar_days",
            LimitUnit::Months => "months",
            LimitUnit::Years => "years",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// The limit runs forward from its start event.
    After,
    /// The limit is counted back from its reference event ("not later than 10 days before moving").
    Before,
}

/// A time limit: `count` units after (or before) the event it is counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeLimit {
    pub count: u16,
    pub unit: LimitUnit,
    pub direction: Direction,
}

/// Every time limit of the order (spec section 6.1) that yields a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TimeLimitId {
    QuotaScForward,
    QuotaCareerCentreForward,
    QuotaRefusalToAcceptNotice,
    QuotaPortalRegistration,
    QuotaServiceTerm,
    MoveNotice,
    EmcCheckAndForward,
    EmcDecision,
    EmcTransfer,
    EmcNoSale,
    RentListForward,
    MaterialAssistanceApplication,
    RestorationPetition,
    AppealForward,
    AppealSelfRemedy,
    AppealConsideration,
    Ord05Report,
    EmployerEmploymentShort,
    EmployerEmploymentLong,
    QuotaPriorRegistration,
}

impl TimeLimitId {
    pub const ALL: &'static [TimeLimitId] = &[
        TimeLimitId::QuotaScForward,
        TimeLimitId::QuotaCareerCentreForward,
        TimeLimitId::QuotaRefusalToAcceptNotice,
        TimeLimitId::QuotaPortalRegistration,
        TimeLimitId::QuotaServiceTerm,
        TimeLimitId::MoveNotice,
        TimeLimitId::EmcCheckAndForward,
        TimeLimitId::EmcDecision,
        TimeLimitId::EmcTransfer,
        TimeLimitId::EmcNoSale,
        TimeLimitId::RentListForward,
        TimeLimitId::MaterialAssistanceApplication,
        TimeLimitId::RestorationPetition,
        TimeLimitId::AppealForward,
        TimeLimitId::AppealSelfRemedy,
        TimeLimitId::AppealConsideration,
        TimeLimitId::Ord05Report,
        TimeLimitId::EmployerEmploymentShort,
        TimeLimitId::EmployerEmploymentLong,
        TimeLimitId::QuotaPriorRegistration,
    ];

    /// The table name in `law/params/time-limits.toml`.
    pub fn key(self) -> &'static str {
        match self {
            TimeLimitId::QuotaScForward => "quota_sc_forward",
            TimeLimitId::QuotaCareerCentreForward => "quota_career_centre_forward",
            TimeLimitId::QuotaRefusalToAcceptNotice => "quota_refusal_to_accept_notice",
            TimeLimitId::QuotaPortalRegistration => "quota_portal_registration",
            TimeLimitId::QuotaServiceTerm => "quota_service_term",
            TimeLimitId::MoveNotice => "move_notice",
            TimeLimitId::EmcCheckAndForward => "emc_check_and_forward",
            TimeLimitId::EmcDecision => "emc_decision",
            TimeLimitId::EmcTransfer => "emc_transfer",
            TimeLimitId::EmcNoSale => "emc_no_sale",
            TimeLimitId::RentListForward => "rent_list_forward",
            TimeLimitId::MaterialAssistanceApplication => "material_assistance_application",
            TimeLimitId::RestorationPetition => "restoration_petition",
            TimeLimitId::AppealForward => "appeal_forward",
            TimeLimitId::AppealSelfRemedy => "appeal_self_remedy",
            TimeLimitId::AppealConsideration => "appeal_consideration",
            TimeLimitId::Ord05Report => "ord05_report",
            TimeLimitId::EmployerEmploymentShort => "employer_employment_short",
            TimeLimitId::EmployerEmploymentLong => "employer_employment_long",
            TimeLimitId::QuotaPriorRegistration => "quota_prior_registration",
        }
    }

    pub fn from_key(key: &str) -> Option<TimeLimitId> {
        TimeLimitId::ALL.iter().copied().find(|id| id.key() == key)
    }
}

/// A time limit with what the law says it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeLimitParam {
    /// The spec requirement the limit implements, e.g. `EMC-19`.
    pub requirement: String,
    pub counted_from: String,
    pub history: Versioned<TimeLimit>,
}

/// Every dated parameter of the law.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Params {
    pub mci: Versioned<Money>,
    pub mci_conversion: Versioned<MciConversion>,
    pub financial_year: Versioned<FinancialYear>,
    pub certificate: Versioned<Certificate>,
    pub differentiation: Versioned<Differentiation>,
    pub kandas_intake: Versioned<KandasIntake>,
    pub quota_commissions: Versioned<QuotaCommissions>,
    pub quota_revocation: Versioned<QuotaRevocation>,
    pub quota_documents: Versioned<QuotaDocuments>,
    pub rent: Versioned<RentTable>,
    pub employer_subsidy: Versioned<EmployerSubsidy>,
    pub relocation_subsidy: Versioned<RelocationSubsidy>,
    pub time_limits: BTreeMap<TimeLimitId, TimeLimitParam>,
}

/// One parameter in force on a date, for listing (`qonys law params`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InForce {
    pub id: String,
    pub description: String,
    pub unit: String,
    pub value: String,
    pub start: Date,
    pub end: Option<Date>,
    pub reference: Reference,
}

impl Params {
    /// Parses the parameter files embedded in the binary.
    pub fn embedded() -> Result<Params, ParamsError> {
        Params::from_files(FILES)
    }

    /// Parses parameter files given as `(path, contents)`; every file of [`FILES`] must be present.
    pub fn from_files(files: &[(&'static str, &str)]) -> Result<Params, ParamsError> {
        let get = |name: &'static str| {
            files
                .iter()
                .find(|(path, _)| *path == name)
                .map(|(_, text)| *text)
                .ok_or(ParamsError::Missing { file: name })
        };
        let mci: Versioned<u32> = parse_param(get("mci.toml")?, "mci.toml")?;
        let mci = map_values(mci, "mci.toml", |tenge| {
            Money::from_tenge(i64::from(tenge)).ok_or_else(|| "MCI value overflows".to_owned())
        })?;
        let rent: Versioned<RentTable> = parse_param(
            get("rules-b/p71-rent-compensation.toml")?,
            "rules-b/p71-rent-compensation.toml",
        )?;
        for edition in rent.editions() {
            edition.value.validate().map_err(|message| ParamsError::Invalid {
                file: "rules-b/p71-rent-compensation.toml",
                message,
            })?;
        }
        Ok(Params {
            mci,
            mci_conversion: parse_param(get("mci-conversion.toml")?, "mci-conversion.toml")?,
            financial_year: parse_param(get("financial-year.toml")?, "financial-year.toml")?,
            certificate: parse_param(get("rules-b/p67-certificate.toml")?, "rules-b/p67-certificate.toml")?,
            differentiation: parse_param(
                get("rules-b/p67-differentiation.toml")?,
                "rules-b/p67-differentiation.toml",
            )?,
            kandas_intake: parse_param(get("rules-a/kandas-intake.toml")?, "rules-a/kandas-intake.toml")?,
            quota_commissions: parse_param(get("rules-a/commissions.toml")?, "rules-a/commissions.toml")?,
            quota_revocation: parse_param(get("rules-a/revocation.toml")?, "rules-a/revocation.toml")?,
            quota_documents: parse_param(get("rules-a/quota-documents.toml")?, "rules-a/quota-documents.toml")?,
            rent,
            employer_subsidy: parse_param(
                get("rules-b/p36-employer-subsidy.toml")?,
                "rules-b/p36-employer-subsidy.toml",
            )?,
            relocation_subsidy: parse_param(
                get("rules-b/p70-relocation-subsidy.toml")?,
                "rules-b/p70-relocation-subsidy.toml",
            )?,
            time_limits: parse_time_limits(get("time-limits.toml")?, "time-limits.toml")?,
        })
    }

    pub fn time_limit(&self, id: TimeLimitId) -> &TimeLimitParam {
        // Loading guarantees every id is present; the map is never edited afterwards except by `append`.
        #[expect(
            clippy::indexing_slicing,
            reason = "from_files checks every TimeLimitId has an entry"
        )]
        &self.time_limits[&id]
    }

    /// Every parameter with an edition in force on `on`, with its value rendered as text.
    pub fn in_force(&self, on: Date) -> Vec<InForce> {
        let mut out = Vec::new();
        push(&mut out, &self.mci, on, |v| format!("{v}"));
        push(&mut out, &self.mci_conversion, on, |v| {
            format!(
                "rent_compensation={}, certificate={}, employer_subsidy={}, relocation_subsidy={}",
                v.rent_compensation.key(),
                v.certificate.key(),
                v.employer_subsidy.key(),
                v.relocation_subsidy.key()
            )
        });
        push(&mut out, &self.financial_year, on, |v| {
            format!("starts {:02}-{:02}", v.start_month, v.start_day)
        });
        push(&mut out, &self.certificate, on, |v| format!("{}", v.size()));
        push(&mut out, &self.differentiation, on, |v| v.effect.key().to_owned());
        push(&mut out, &self.kandas_intake, on, |v| v.intake.key().to_owned());
        push(&mut out, &self.quota_commissions, on, |v| {
            let list = |o: &[QuotaOutcome]| o.iter().map(|o| o.key()).collect::<Vec<_>>().join(" ");
            format!("kandas: {}; resettler: {}", list(&v.kandas), list(&v.resettler))
        });
        push(&mut out, &self.quota_documents, on, |v| {
            let list = |items: &[ChecklistItem]| {
                items
                    .iter()
                    .map(|i| format!("{}{}", i.key, if i.required { "*" } else { "" }))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            format!("kandas: {}; resettler: {}", list(&v.kandas), list(&v.resettler))
        });
        push(&mut out, &self.quota_revocation, on, |v| {
            if v.allowed { "allowed" } else { "not allowed" }.to_owned()
        });
        push(&mut out, &self.rent, on, |v| {
            let table = |b: &[Bracket]| {
                b.iter()
                    .map(|b| format!("{}+:{}", b.from_members, b.mci))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            format!(
                "urban {}; rural {}; max {} months",
                table(&v.urban),
                table(&v.rural),
                v.max_months
            )
        });
        push(&mut out, &self.employer_subsidy, on, |v| format!("{}", v.per_worker()));
        push(&mut out, &self.relocation_subsidy, on, |v| {
            format!("{}", v.per_person())
        });
        for limit in self.time_limits.values() {
            push(&mut out, &limit.history, on, |v| {
                let dir = match v.direction {
                    Direction::After => "after",
                    Direction::Before => "before",
                };
                format!("{} {} {dir}", v.count, v.unit.key())
            });
        }
        out
    }
}

fn push<T>(out: &mut Vec<InForce>, p: &Versioned<T>, on: Date, show: impl Fn(&T) -> String) {
    if let Ok(e) = p.at(on) {
        out.push(InForce {
            id: p.id().to_owned(),
            description: p.description().to_owned(),
            unit: p.unit().to_owned(),
            value: show(&e.value),
            start: e.start,
            end: e.end,
            reference: e.reference.clone(),
        });
    }
}

// ---- file format ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParam<T> {
    id: String,
    description: String,
    unit: String,
    edition: Vec<RawEdition<T>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEdition<T> {
    start: toml::value::Datetime,
    end: Option<toml::value::Datetime>,
    value: T,
    reference: RawReference,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReference {
    act: String,
    point: String,
    confidence: RawConfidence,
    source: Option<String>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum RawConfidence {
    High,
    Medium,
    Low,
    Unverified,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTimeLimit {
    requirement: String,
    description: String,
    counted_from: String,
    edition: Vec<RawEdition<TimeLimit>>,
}

fn toml_date(file: &'static str, value: toml::value::Datetime) -> Result<Date, ParamsError> {
    let invalid = || ParamsError::Invalid {
        file,
        message: format!("`{value}` is not a date"),
    };
    let (Some(d), None, None) = (value.date, value.time, value.offset) else {
        return Err(invalid());
    };
    let year = i16::try_from(d.year).map_err(|_| invalid())?;
    let month = i8::try_from(d.month).map_err(|_| invalid())?;
    let day = i8::try_from(d.day).map_err(|_| invalid())?;
    Date::new(year, month, day).map_err(|_| invalid())
}

fn editions<T>(file: &'static str, raw: Vec<RawEdition<T>>) -> Result<Vec<Edition<T>>, ParamsError> {
    raw.into_iter()
        .map(|e| {
            let act = Act::from_key(&e.reference.act).ok_or_else(|| ParamsError::UnknownAct {
                file,
                act: e.reference.act.clone(),
            })?;
            Ok(Edition {
                start: toml_date(file, e.start)?,
                end: e.end.map(|d| toml_date(file, d)).transpose()?,
                value: e.value,
                reference: Reference {
                    legal: LegalRef {
                        act,
                        point: e.reference.point.into(),
                    },
                    source: e.reference.source,
                    confidence: match e.reference.confidence {
                        RawConfidence::High => Confidence::High,
                        RawConfidence::Medium => Confidence::Medium,
                        RawConfidence::Low => Confidence::Low,
                        RawConfidence::Unverified => Confidence::Unverified,
                    },
                    note: e.reference.note,
                },
            })
        })
        .collect()
}

fn parse_param<T: serde::de::DeserializeOwned>(text: &str, file: &'static str) -> Result<Versioned<T>, ParamsError> {
    let raw: RawParam<T> = toml::from_str(text).map_err(|e| ParamsError::Syntax {
        file,
        message: e.message().to_owned(),
    })?;
    Versioned::new(raw.id, raw.description, raw.unit, editions(file, raw.edition)?)
        .map_err(|source| ParamsError::Edition { file, source })
}

fn parse_time_limits(text: &str, file: &'static str) -> Result<BTreeMap<TimeLimitId, TimeLimitParam>, ParamsError> {
    let raw: BTreeMap<String, RawTimeLimit> = toml::from_str(text).map_err(|e| ParamsError::Syntax {
        file,
        message: e.message().to_owned(),
    })?;
    let mut out = BTreeMap::new();
    for (key, limit) in raw {
        let id = TimeLimitId::from_key(&key).ok_or_else(|| ParamsError::Invalid {
            file,
            message: format!("unknown time limit `{key}`"),
        })?;
        let history = Versioned::new(
            key,
            limit.description,
            "time_limit".to_owned(),
            editions(file, limit.edition)?,
        )
        .map_err(|source| ParamsError::Edition { file, source })?;
        out.insert(
            id,
            TimeLimitParam {
                requirement: limit.requirement,
                counted_from: limit.counted_from,
                history,
            },
        );
    }
    if let Some(missing) = TimeLimitId::ALL.iter().find(|id| !out.contains_key(id)) {
        return Err(ParamsError::Invalid {
            file,
            message: format!("time limit `{}` is missing", missing.key()),
        });
    }
    Ok(out)
}

fn map_values<T, U>(
    p: Versioned<T>,
    file: &'static str,
    f: impl Fn(T) -> Result<U, String>,
) -> Result<Versioned<U>, ParamsError> {
    let (id, description, unit, editions) = p.into_parts();
    let editions = editions
        .into_iter()
        .map(|e| {
            Ok(Edition {
                start: e.start,
                end: e.end,
                reference: e.reference,
                value: f(e.value).map_err(|message| ParamsError::Invalid { file, message })?,
            })
        })
        .collect::<Result<Vec<_>, ParamsError>>()?;
    Versioned::new(id, description, unit, editions).map_err(|source| ParamsError::Edition { file, source })
}

#[cfg(test)]
mod tests;
