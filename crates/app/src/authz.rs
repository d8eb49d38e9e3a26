//! Who may do what, and where: every read and write of a case is checked by role and by region before it is
//! made. An answer of "no" for a case the account may not see is the same as for a case that does not exist
//! (404), so no one learns which cases exist elsewhere.

use store::{AccountRecord, Role};

/// Whether the account works in `region` (a two-digit KATO prefix): staff of a region only there, accounts
/// without a region everywhere.
pub fn works_in(account: &AccountRecord, region: &str) -> bool {
    match &account.territory {
        None => true,
        Some(kato) => kato.as_str().get(..2) == Some(region),
    }
}

/// Receiving a quota application on an applicant's behalf: the State Corporation and career centres (A 14, 15).
pub fn may_submit_quota_application(account: &AccountRecord, region: &str) -> bool {
    matches!(account.role, Role::StateCorporationOperator | Role::CareerCentre) && works_in(account, region)
}

/// Deciding on a quota application (accepting the package, including or refusing, revoking): the service
/// provider, the local executive body on social protection and employment of the region (spec QUOTA-17,
/// XREF-04), in its region only.
pub fn may_decide_quota(account: &AccountRecord, region: &str) -> bool {
    account.role == Role::LocalExecutiveBody && works_in(account, region)
}

/// Figures without personal data (counts of cases by region, kind and state): the ministry's analysts and the
/// administrator.
pub fn may_see_aggregates(account: &AccountRecord) -> bool {
    matches!(account.role, Role::Analyst | Role::Administrator)
}

/// Reading a case as staff. Applicants read their own cases through the personal cabinet, which identifies
/// them by IIN; employers see only what concerns them; neither reads cases here.
pub fn may_read_case(account: &AccountRecord, region: &str) -> bool {
    let staff = match account.role {
        Role::StateCorporationOperator
        | Role::CareerCentre
        | Role::LabourMobilityCentre
        | Role::LocalExecutiveBody
        | Role::Commission
        | Role::AppealBody
        | Role::Administrator => true,
        Role::Citizen | Role::Employer | Role::Analyst | Role::System => false,
    };
    staff && works_in(account, region)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(role: Role, territory: Option<&str>) -> AccountRecord {
        AccountRecord {
            login: "someone.01".into(),
            role,
            territory: territory.map(|t| kz::Kato::parse(t).expect("KATO")),
            password_hash: String::new(),
        }
    }

    /// Who receives (A 14-15), who reads, and who decides: the service provider (QUOTA-17).
    #[test]
    fn every_role_in_and_out_of_its_region() {
        let cases: &[(Role, bool, bool, bool)] = &[
            // role, may submit in its region, may read in its region, may decide in its region
            (Role::Citizen, false, false, false),
            (Role::StateCorporationOperator, true, true, false),
            (Role::CareerCentre, true, true, false),
            (Role::LabourMobilityCentre, false, true, false),
            (Role::LocalExecutiveBody, false, true, true),
            (Role::Commission, false, true, false),
            (Role::AppealBody, false, true, false),
            (Role::Employer, false, false, false),
            (Role::Analyst, false, false, false),
            (Role::Administrator, false, true, false),
            (Role::System, false, false, false),
        ];
        assert_eq!(cases.len(), Role::ALL.len(), "every role has a row");
        for (role, submit, read, decide) in cases {
            let pavlodar = account(*role, Some("550000000"));
            assert_eq!(
                may_submit_quota_application(&pavlodar, "55"),
                *submit,
                "{role:?} submit at home"
            );
            assert_eq!(may_read_case(&pavlodar, "55"), *read, "{role:?} read at home");
            assert_eq!(may_decide_quota(&pavlodar, "55"), *decide, "{role:?} decide at home");
            assert!(!may_decide_quota(&pavlodar, "75"), "{role:?} decide elsewhere");
            assert!(
                !may_submit_quota_application(&pavlodar, "75"),
                "{role:?} submit elsewhere"
            );
            assert!(!may_read_case(&pavlodar, "75"), "{role:?} read elsewhere");
            let national = account(*role, None);
            assert_eq!(
                may_read_case(&national, "75"),
                *read,
                "{role:?} without a region reads everywhere"
            );
        }
    }
}
