//! The administrator's use cases outside the law (`law`): quotas, accounts, the sandbox delivery channels, and
//! the readiness of the service.

use jiff::Timestamp;
use store::{AccountRecord, Accounts, Admin, Outbox, Quota, QuotaCategory, QuotaKey, QuotaUnit, Role, Store};

use crate::{App, AppError, Principal, authz, identity};

/// The shortest password the administrator may set.
pub const MIN_PASSWORD: usize = 12;
/// The accounts one listing shows.
const ACCOUNTS_SHOWN: u32 = 500;

/// A staff account to create or change.
#[derive(Clone)]
pub struct StaffAccount {
    pub login: String,
    pub role: Role,
    pub territory: Option<kz::Kato>,
    pub password: String,
}

impl std::fmt::Debug for StaffAccount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaffAccount")
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

/// The roles an administrator gives accounts: everyone but applicants (who sign in with their IIN and a
/// one-time code) and the system itself.
pub fn staff_roles() -> Vec<Role> {
    Role::ALL
        .iter()
        .copied()
        .filter(|r| !matches!(r, Role::Citizen | Role::System))
        .collect()
}

impl<S: Store + Accounts + Outbox + Admin, R: Sync> App<S, R> {
    /// Whether the database answers, for readiness checks.
    pub async fn ready(&self) -> Result<(), AppError> {
        Ok(self.store.ping().await?)
    }

    /// Sets (creates or changes) a quota; never below the places already allocated. Audited.
    pub async fn set_quota(
        &self,
        p: &Principal,
        key: &QuotaKey,
        unit: QuotaUnit,
        total: u32,
        basis: &str,
        now: Timestamp,
    ) -> Result<Quota, AppError> {
        if !authz::may_administer(p) {
            return Err(AppError::NotFound);
        }
        let basis = basis.trim();
        if basis.is_empty() || basis.chars().count() > 500 {
            return Err(AppError::invalid("basis", "field_required"));
        }
        Ok(self.store.set_quota(key, unit, total, &p.actor()?, basis, now).await?)
    }

    /// The quotas of a year; staff see them for their work, the analysts as figures.
    pub async fn quotas(&self, p: &Principal, year: i16) -> Result<Vec<Quota>, AppError> {
        if !(authz::is_staff(p.role) || authz::may_see_aggregates(p)) {
            return Err(AppError::NotFound);
        }
        Ok(self.store.list_quotas(year).await?)
    }

    /// One quota, or `NotFound` when the territory has none for the year.
    pub async fn quota_of(
        &self,
        p: &Principal,
        year: i16,
        territory: kz::Kato,
        category: QuotaCategory,
    ) -> Result<Quota, AppError> {
        if !(authz::is_staff(p.role) || authz::may_see_aggregates(p)) {
            return Err(AppError::NotFound);
        }
        Ok(self
            .store
            .quota(&QuotaKey {
                year,
                territory,
                category,
            })
            .await?)
    }

    /// The accounts, for the administrator.
    pub async fn accounts(&self, p: &Principal) -> Result<Vec<AccountRecord>, AppError> {
        if !authz::may_administer(p) {
            return Err(AppError::NotFound);
        }
        Ok(self.store.list_accounts(ACCOUNTS_SHOWN).await?)
    }

    /// Creates a staff account, or changes one's role, region and password (audited). An employer's
    /// representative is identified by the organisation's BIN; an IIN is an applicant's login, never a staff
    /// account's. The last administrator cannot be demoted.
    pub async fn put_staff_account(&self, p: &Principal, input: &StaffAccount, now: Timestamp) -> Result<(), AppError> {
        if !authz::may_administer(p) {
            return Err(AppError::NotFound);
        }
        let login = input.login.trim();
        let mut bad = Vec::new();
        let login_ok = (3..=64).contains(&login.len())
            && login
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b'_');
        if !login_ok {
            bad.push(crate::FieldError {
                field: "login",
                code: "invalid_login",
            });
        } else if input.role == Role::Employer {
            if kz::Bin::parse(login).is_err() {
                bad.push(crate::FieldError {
                    field: "login",
                    code: "login_not_bin",
                });
            }
        } else if kz::Iin::parse(login).is_ok() {
            bad.push(crate::FieldError {
                field: "login",
                code: "login_is_iin",
            });
        }
        if !staff_roles().contains(&input.role) {
            bad.push(crate::FieldError {
                field: "role",
                code: "invalid_role",
            });
        }
        if input.password.chars().count() < MIN_PASSWORD {
            bad.push(crate::FieldError {
                field: "password",
                code: "password_too_short",
            });
        }
        if !bad.is_empty() {
            return Err(AppError::Invalid(bad));
        }
        let existing = self.store.account(login).await?;
        if let Some(current) = &existing
            && current.role == Role::Administrator
            && input.role != Role::Administrator
            && self.administrators().await? <= 1
        {
            return Err(AppError::Refused("last_administrator"));
        }
        let account = AccountRecord {
            login: login.to_owned(),
            handle: existing.map_or_else(identity::new_handle, |a| a.handle),
            role: input.role,
            territory: input.territory,
            password_hash: identity::hash_password(&input.password)?,
        };
        Ok(self.store.put_account(&account, &p.actor()?, now).await?)
    }

    async fn administrators(&self) -> Result<usize, AppError> {
        Ok(self
            .store
            .list_accounts(ACCOUNTS_SHOWN)
            .await?
            .iter()
            .filter(|a| a.role == Role::Administrator)
            .count())
    }

    /// The newest messages of the sandbox delivery channels (demo mode), for the administrator.
    pub async fn sandbox_messages(&self, p: &Principal, limit: u32) -> Result<Vec<store::Message>, AppError> {
        if !(self.sandbox_channels() && authz::may_read_sandbox(p)) {
            return Err(AppError::NotFound);
        }
        Ok(self.store.recent_messages(limit).await?)
    }
}
