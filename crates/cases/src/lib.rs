//! The case machines of order No. 359: one module per kind of case, each with an explicit `State`, an explicit
//! `Event` and one pure transition function `step(state, event, ctx) -> Result<Step, Rejected>`.
//!
//! A step computes the deadlines the law attaches to it on the legal calendar (and keeps the calendar edition
//! used), names its basis (a point of the rules) and its requirement IDs, and lists its effects (notices,
//! documents to issue, quota places to take or give back, payments to schedule) for the application to carry
//! out after the store commits. A refusal on the merits is a state with enumerated grounds; `Rejected` is only
//! for an event the state does not take.
//!
//! | kind | module | stages |
//! |---|---|---|
//! | quota inclusion, kandas and resettler | [`quota_a14`] | receipt, acceptance, inclusion or refusal, revocation |
//! | participation, referral, social contract, move notice | [`resettlement_b24`] | one case per resettling family |
//! | certificate payment | [`certificate_b68`] | registration, review, suspension on an appraisal suit, payment |
//! | rent and utilities compensation | [`rent_b72`] | list, review, monthly payments, termination |
//! | relocation subsidy, restoration petition | [`material_b73`] | the six-month window of p.73 |
//! | employer participation and subsidy | [`employer_app7`] | application, grant, payment |
//! | complaint (appeal) | [`appeal_b73_3`] | forwarding, self-remedy, consideration, the way to court |
//!
//! No IO, no clock: `Ctx::today` is the day of the event.

#![deny(clippy::wildcard_enum_match_arm)]

pub mod appeal_b73_3;
pub mod certificate_b68;
pub mod employer_app7;
pub mod machine;
pub mod material_b73;
pub mod model;
pub mod number;
pub mod quota_a14;
pub mod quota_grounds;
pub mod rent_b72;
pub mod resettlement_b24;

pub use machine::{Ctx, Deadline, Effect, Grounds, Party, Rejected, Step};
pub use number::{ApplicationNumber, NumberError};

/// The kinds of case, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CaseKind {
    QuotaKandas,
    QuotaResettler,
    Resettlement,
    Certificate,
    RentCompensation,
    RelocationSubsidy,
    Restoration,
    EmployerSubsidy,
    Appeal,
}

impl CaseKind {
    pub const ALL: &'static [CaseKind] = &[
        CaseKind::QuotaKandas,
        CaseKind::QuotaResettler,
        CaseKind::Resettlement,
        CaseKind::Certificate,
        CaseKind::RentCompensation,
        CaseKind::RelocationSubsidy,
        CaseKind::Restoration,
        CaseKind::EmployerSubsidy,
        CaseKind::Appeal,
    ];

    pub fn key(self) -> &'static str {
        match self {
            CaseKind::QuotaKandas => "quota_kandas",
            CaseKind::QuotaResettler => "quota_resettler",
            CaseKind::Resettlement => "resettlement",
            CaseKind::Certificate => "certificate",
            CaseKind::RentCompensation => "rent_compensation",
            CaseKind::RelocationSubsidy => "relocation_subsidy",
            CaseKind::Restoration => "restoration",
            CaseKind::EmployerSubsidy => "employer_subsidy",
            CaseKind::Appeal => "appeal",
        }
    }

    pub fn from_key(key: &str) -> Option<CaseKind> {
        CaseKind::ALL.iter().copied().find(|k| k.key() == key)
    }
}

/// Every ground a machine of this crate can refuse with (beyond those of `rules`), for catalogs and documents.
pub fn grounds() -> Vec<rules::Ground> {
    let mut out = quota_a14::ALL_GROUNDS.to_vec();
    out.push(material_b73::RELOCATION_CONDITIONS_NOT_MET);
    out
}

/// Every notice key the machines send (`Effect::Notify`), for the message catalogs.
pub const NOTICES: &[&str] = &[
    "notice_appeal_dismissed",
    "notice_appeal_remedied",
    "notice_appeal_unanswered",
    "notice_appeal_upheld",
    "notice_appeal_upheld_in_part",
    "notice_emc_approved",
    "notice_emc_refused",
    "notice_emc_site_visit",
    "notice_employer_housing_granted",
    "notice_employer_subsidy_granted",
    "notice_employer_subsidy_refused",
    "notice_move_within_region",
    "notice_participation_approved",
    "notice_participation_refused",
    "notice_quota_accepted",
    "notice_quota_home_visit",
    "notice_quota_included",
    "notice_quota_not_accepted",
    "notice_quota_registered",
    "notice_quota_refused",
    "notice_quota_revoked",
    "notice_referral_tear_off",
    "notice_relocation_granted",
    "notice_relocation_refused",
    "notice_rent_granted",
    "notice_rent_refund_due",
    "notice_rent_refused",
    "notice_rent_terminated",
    "notice_restoration_granted",
    "notice_restoration_refused",
];
