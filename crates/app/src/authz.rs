//! Who may do what, and where. The use cases call these before they read or write; an answer of "no" for a
//! case the principal may not see is the same as for a case that does not exist (`AppError::NotFound`), so no
//! one learns which cases exist elsewhere. Which role acts in which state of a case is the case kind's
//! (`kinds`); this module holds what is true of every kind.

use store::Role;

use crate::Principal;

/// Staff who read and work on cases of their region.
pub fn is_staff(role: Role) -> bool {
    match role {
        Role::StateCorporationOperator
        | Role::CareerCentre
        | Role::LabourMobilityCentre
        | Role::LocalExecutiveBody
        | Role::Commission
        | Role::AppealBody
        | Role::Administrator => true,
        Role::Citizen | Role::Employer | Role::Analyst | Role::System => false,
    }
}

/// Receiving a quota application on an applicant's behalf: the State Corporation and career centres (A 14, 15).
pub fn may_receive_quota_application(p: &Principal, region: &str) -> bool {
    matches!(p.role, Role::StateCorporationOperator | Role::CareerCentre) && p.works_in(region)
}

/// Deciding on a quota application (accepting the package, including or refusing, revoking): the service
/// provider, the local executive body on social protection and employment of the region (spec QUOTA-17,
/// XREF-04), in its region only.
pub fn may_decide_quota(p: &Principal, region: &str) -> bool {
    p.role == Role::LocalExecutiveBody && p.works_in(region)
}

/// Figures without personal data (counts of cases by region, kind and state): the ministry's analysts and the
/// administrator.
pub fn may_see_aggregates(p: &Principal) -> bool {
    matches!(p.role, Role::Analyst | Role::Administrator)
}

/// Reading a case as staff, in the principal's region. Applicants read their own cases through the personal
/// cabinet, which identifies them by IIN; employers theirs by BIN.
pub fn may_read_case(p: &Principal, region: &str) -> bool {
    is_staff(p.role) && p.works_in(region)
}

/// Administering the law in force, the quotas and the accounts.
pub fn may_administer(p: &Principal) -> bool {
    p.role == Role::Administrator
}

/// Reading the messages of the sandbox delivery channels (demo mode only; the caller knows whether it is).
pub fn may_read_sandbox(p: &Principal) -> bool {
    p.role == Role::Administrator
}

#[cfg(test)]
mod tests {
    use super::*;

    fn principal(role: Role, region: Option<&str>) -> Principal {
        Principal::staff("someone.01", role, region, store::Channel::Api)
    }

    /// Who receives (A 14-15), who reads, and who decides: the service provider (QUOTA-17).
    #[test]
    fn every_role_in_and_out_of_its_region() {
        let cases: &[(Role, bool, bool, bool)] = &[
            // role, may receive in its region, may read in its region, may decide in its region
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
        for (role, receive, read, decide) in cases {
            let pavlodar = principal(*role, Some("55"));
            assert_eq!(
                may_receive_quota_application(&pavlodar, "55"),
                *receive,
                "{role:?} receives at home"
            );
            assert_eq!(may_read_case(&pavlodar, "55"), *read, "{role:?} read at home");
            assert_eq!(may_decide_quota(&pavlodar, "55"), *decide, "{role:?} decide at home");
            assert!(!may_decide_quota(&pavlodar, "75"), "{role:?} decide elsewhere");
            assert!(
                !may_receive_quota_application(&pavlodar, "75"),
                "{role:?} receive elsewhere"
            );
            assert!(!may_read_case(&pavlodar, "75"), "{role:?} read elsewhere");
            let national = principal(*role, None);
            assert_eq!(
                may_read_case(&national, "75"),
                *read,
                "{role:?} without a region reads everywhere"
            );
        }
    }
}
