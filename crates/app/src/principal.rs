//! Who acts: the account as the use cases see it. Every use case takes a principal and checks the policy
//! (`authz`) itself, so the web service, the command line and the background jobs are refused the same way.

use store::{AccountRecord, Actor, Channel, Party, Role};

/// An account acting through a channel: its pseudonymous handle (what the audit log knows it by), its role,
/// the region it works in, whom it is (a citizen's IIN, an employer's BIN) and whom it acts for.
#[derive(Clone, PartialEq, Eq)]
pub struct Principal {
    handle: String,
    pub role: Role,
    /// The two-digit KATO region the account may act in; `None` for national accounts.
    pub region: Option<String>,
    /// The person or organisation the account is: a citizen's cases are theirs, an employer's its own.
    pub subject: Option<Party>,
    pub channel: Channel,
    on_behalf_of: Option<String>,
    /// The staff account's login, whose certificate signs the documents its steps issue (never a citizen's).
    signer: Option<String>,
}

impl std::fmt::Debug for Principal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Principal")
            .field("handle", &self.handle)
            .field("role", &self.role)
            .field("region", &self.region)
            .field("channel", &self.channel)
            .finish_non_exhaustive()
    }
}

impl Principal {
    /// The account signed in through `channel`. A citizen is the person of their IIN login, an employer's
    /// representative the organisation of their BIN login.
    pub fn of(account: &AccountRecord, channel: Channel) -> Principal {
        let subject = match account.role {
            Role::Citizen => kz::Iin::parse(&account.login).ok().map(Party::Person),
            Role::Employer => kz::Bin::parse(&account.login).ok().map(Party::Organisation),
            Role::StateCorporationOperator
            | Role::CareerCentre
            | Role::LabourMobilityCentre
            | Role::LocalExecutiveBody
            | Role::Commission
            | Role::AppealBody
            | Role::Analyst
            | Role::Administrator
            | Role::System => None,
        };
        Principal {
            handle: account.handle.clone(),
            role: account.role,
            region: account
                .territory
                .as_ref()
                .and_then(|k| k.as_str().get(..2))
                .map(str::to_owned),
            signer: subject.is_none().then(|| account.login.clone()),
            subject,
            channel,
            on_behalf_of: None,
        }
    }

    /// Staff or a service account named `handle` (a command-line operator, the demo loader), with a role and a
    /// region, acting through `channel`.
    pub fn staff(handle: &str, role: Role, region: Option<&str>, channel: Channel) -> Principal {
        Principal {
            handle: handle.to_owned(),
            role,
            region: region.and_then(|r| r.get(..2)).map(str::to_owned),
            subject: None,
            channel,
            on_behalf_of: None,
            signer: Some(handle.to_owned()),
        }
    }

    /// The account whose certificate signs the documents this principal's steps issue.
    pub fn signer(&self) -> Option<&str> {
        self.signer.as_deref()
    }

    /// A citizen acting for themselves through `channel` (the portal, say), known to the audit by `handle`.
    pub fn citizen(handle: &str, iin: kz::Iin, channel: Channel) -> Principal {
        Principal {
            handle: handle.to_owned(),
            role: Role::Citizen,
            region: None,
            subject: Some(Party::Person(iin)),
            channel,
            on_behalf_of: None,
            signer: None,
        }
    }

    /// The service's own scheduled work (deadline checks, deliveries).
    pub fn system() -> Principal {
        Principal::staff("scheduler", Role::System, None, Channel::Scheduler)
    }

    /// Acting for someone else: an operator at the counter for the applicant, known by the handle given.
    pub fn acting_for(mut self, handle: &str) -> Principal {
        self.on_behalf_of = Some(handle.to_owned());
        self
    }

    pub fn handle(&self) -> &str {
        &self.handle
    }

    /// Whether the principal works in `region` (a two-digit KATO prefix): staff of a region only there,
    /// national accounts everywhere.
    pub fn works_in(&self, region: &str) -> bool {
        self.region.as_deref().is_none_or(|r| r == region)
    }

    /// The principal as the audit log records it.
    pub fn actor(&self) -> Result<Actor, crate::AppError> {
        let actor = Actor::new(&self.handle, self.role, self.channel).map_err(|_| crate::AppError::Forbidden)?;
        match &self.on_behalf_of {
            Some(other) => actor.on_behalf_of(other).map_err(|_| crate::AppError::Forbidden),
            None => Ok(actor),
        }
    }

    /// The audit chain of what the principal does outside a case: its region's, or `00`.
    pub fn chain(&self) -> &str {
        self.region.as_deref().unwrap_or("00")
    }
}
