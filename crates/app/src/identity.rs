//! Sign-in: passwords, sessions, one-time codes and the throttling of guesses.
//!
//! Passwords are kept as Argon2id hashes. A session token is 32 random bytes held by the browser; the database
//! keeps only its SHA-256, so a copy of the database signs no one in. Applicants (IIN logins) confirm a sign-in
//! with a six-digit code sent by SMS through the outbox; the database keeps the code's hash salted with the
//! session token.
//!
//! Wrong passwords slow down, they never lock out: every attempt is counted before its password is checked
//! (so attempts sent at once are all counted), per login and per source, and past a few failures each further
//! attempt must wait a delay that doubles with every failure, up to a ceiling. The owner of an account under
//! attack waits at most that ceiling; a sprayer trying many logins from one source is slowed by the source's
//! count.

use argon2::Argon2;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use jiff::{SignedDuration, Timestamp};
use sha2::{Digest, Sha256};
use store::{AccountRecord, Accounts, Channel, NewMessage, Outbox, Role, SessionRecord};

use crate::{App, AppError, Principal};

/// Wrong one-time codes a session may send before it is ended.
const MAX_CODE_FAILURES: u32 = 5;

/// How hard guessing is made: the delays of wrong passwords and the caps of one-time codes. Operational
/// settings, not law: the defaults are the values here, `qonys serve` reads others from its configuration.
///
/// Every count is taken atomically with the attempt it counts (the attempt is recorded first), per account
/// and per source, over a sliding window. Wrong passwords make each further attempt wait a delay that doubles
/// up to a ceiling, never a lockout. One-time codes: at most `codes_per_account` (and `codes_per_source`) are
/// sent per window, at least `code_spacing_seconds` apart to one account; at most `code_tries_per_account`
/// (and `code_tries_per_source`) codes are tried per window whatever the session; the owner is told by SMS
/// when their account reaches either cap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInPolicy {
    /// The window over which failed passwords are counted.
    pub window_seconds: i64,
    /// Failures of one login allowed before each attempt must wait; and the longest wait.
    pub login_free: u32,
    pub login_ceiling_seconds: i64,
    /// Failures from one source allowed before each attempt must wait; and the longest wait.
    pub source_free: u32,
    pub source_ceiling_seconds: i64,
    /// The window over which one-time codes sent and tried are counted.
    pub code_window_seconds: i64,
    pub codes_per_account: u32,
    pub codes_per_source: u32,
    /// The least time between two codes sent to one account.
    pub code_spacing_seconds: i64,
    pub code_tries_per_account: u32,
    pub code_tries_per_source: u32,
}

impl Default for SignInPolicy {
    fn default() -> SignInPolicy {
        SignInPolicy {
            window_seconds: 15 * 60,
            login_free: 5,
            login_ceiling_seconds: 60,
            source_free: 20,
            source_ceiling_seconds: 15 * 60,
            code_window_seconds: 3600,
            codes_per_account: 5,
            codes_per_source: 30,
            code_spacing_seconds: 60,
            code_tries_per_account: 10,
            code_tries_per_source: 50,
        }
    }
}
/// How long a session waiting for its one-time code lasts.
pub const CODE_SECONDS: i64 = 10 * 60;
/// How long a session lasts without signing in again.
pub const SESSION_SECONDS: i64 = 8 * 3600;

/// The Argon2id hash of a password, as a PHC string.
pub fn hash_password(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|_| AppError::Refused("password_unusable"))
}

/// Whether `password` matches the stored hash (a malformed hash matches nothing).
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// A fresh random token, hex-encoded.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// A fresh pseudonymous handle for a new account: what the audit log knows it by.
pub fn new_handle() -> String {
    let mut bytes = [0u8; 10];
    OsRng.fill_bytes(&mut bytes);
    format!("acc-{}", hex::encode(bytes))
}

/// What the database keeps of a token.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Whether a token a client sent equals the one expected, in time that does not depend on where they differ.
pub fn same_token(sent: &str, expected: &str) -> bool {
    let (a, b) = (sent.as_bytes(), expected.as_bytes());
    !b.is_empty() && a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A six-digit one-time code from the operating system's generator.
pub fn new_code() -> String {
    // Rejection sampling keeps the six digits uniform.
    loop {
        let n = OsRng.next_u32();
        if n < 4_294_000_000 {
            return format!("{:06}", n % 1_000_000);
        }
    }
}

/// What the database keeps of a one-time code: its hash salted with the session token, so a copy of the
/// database gives away neither.
pub fn code_hash(token: &str, code: &str) -> String {
    hex::encode(Sha256::digest(format!("{token}:{code}").as_bytes()))
}

/// An Argon2id hash of a random password no one knows: checked when the login is unknown, so an unknown login
/// takes as long to refuse as a wrong password.
static DECOY_HASH: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| hash_password(&new_token()).unwrap_or_default());

/// A session begun: its token (for the cookie), its anti-CSRF token, its account and whether a one-time code was
/// sent that must confirm it first.
pub struct SignIn {
    pub token: String,
    pub csrf: String,
    pub account: AccountRecord,
    pub code_sent: bool,
}

impl std::fmt::Debug for SignIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignIn")
            .field("account", &self.account)
            .field("code_sent", &self.code_sent)
            .finish_non_exhaustive()
    }
}

/// A signed-in session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub record: SessionRecord,
    /// What the database keeps of this session's token: tells it apart in the list of the account's sessions.
    token_hash: String,
}

/// One of an account's sessions as its owner sees it: an id that is not the token, until when it lasts, whether
/// it is the one looking and whether it is signed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionView {
    pub id: String,
    pub expires_at: Timestamp,
    pub current: bool,
    pub confirmed: bool,
}

/// The id a session is shown and ended by: derived from its token hash, so it reveals nothing usable.
fn session_id(token_hash: &str) -> String {
    let digest = hex::encode(Sha256::digest(format!("session id\n{token_hash}").as_bytes()));
    digest.get(..16).unwrap_or_default().to_owned()
}

impl Session {
    /// The session's account acting through `channel`.
    pub fn principal(&self, channel: Channel) -> Principal {
        Principal::of(&self.record.account, channel)
    }

    pub fn account(&self) -> &AccountRecord {
        &self.record.account
    }

    /// The session's anti-CSRF token.
    pub fn csrf(&self) -> &str {
        &self.record.csrf
    }

    /// Whether `sent` is the session's anti-CSRF token (every state-changing request echoes it).
    pub fn csrf_matches(&self, sent: &str) -> bool {
        same_token(sent, &self.record.csrf)
    }

    pub fn lang(&self) -> Option<&str> {
        self.record.lang.as_deref()
    }
}

/// How long the `n`-th failure past `free` must wait: one second doubling with each, up to `ceiling`.
fn delay(n: u32, free: u32, ceiling: i64) -> i64 {
    match n.checked_sub(free) {
        None | Some(0) => 0,
        Some(over) => 1i64
            .checked_shl(over.saturating_sub(1).min(30))
            .unwrap_or(ceiling)
            .min(ceiling),
    }
}

fn throttled(code: &'static str, seconds: i64) -> AppError {
    AppError::Throttled {
        code,
        retry_after: u64::try_from(seconds.max(1)).unwrap_or(1),
    }
}

fn after(at: Timestamp, seconds: i64) -> Timestamp {
    at.saturating_add(SignedDuration::from_secs(seconds)).unwrap_or(at)
}

impl<S: Accounts + Outbox + Sync, R: Sync> App<S, R> {
    /// Counts a sign-in attempt of `login` from `source` and refuses it while its delay runs.
    async fn password_allowance(&self, login: &str, source: &str, now: Timestamp) -> Result<(), AppError> {
        let p = &self.sign_in_policy;
        let since = after(now, -p.window_seconds);
        let attempts = self.store.login_attempt(login, source, now, since).await?;
        let wait_until = [
            attempts
                .previous_login
                .map(|at| after(at, delay(attempts.login, p.login_free, p.login_ceiling_seconds))),
            attempts
                .previous_source
                .map(|at| after(at, delay(attempts.source, p.source_free, p.source_ceiling_seconds))),
        ]
        .into_iter()
        .flatten()
        .max();
        match wait_until.filter(|until| *until > now) {
            Some(until) => Err(throttled("login_throttled", until.duration_since(now).as_secs())),
            None => Ok(()),
        }
    }

    /// Counts a one-time code about to be sent to `login` at the request of `source`, and refuses it when it
    /// comes sooner than the spacing after the last one or past a cap; the owner is told once when their
    /// account reaches its cap.
    async fn code_allowance(
        &self,
        login: &str,
        source: &str,
        lang: render::Lang,
        now: Timestamp,
    ) -> Result<(), AppError> {
        let p = &self.sign_in_policy;
        let since = after(now, -p.code_window_seconds);
        let sent = self
            .store
            .login_attempt(
                &format!("code-sent\n{login}"),
                &format!("code-sent\n{source}"),
                now,
                since,
            )
            .await?;
        if sent.login == p.codes_per_account.saturating_add(1) {
            self.tell_owner(login, lang, now).await?;
        }
        if sent.login > p.codes_per_account || sent.source > p.codes_per_source {
            return Err(throttled("code_throttled", p.code_window_seconds));
        }
        if let Some(until) = sent
            .previous_login
            .map(|at| after(at, p.code_spacing_seconds))
            .filter(|until| *until > now)
        {
            return Err(throttled("code_throttled", until.duration_since(now).as_secs()));
        }
        Ok(())
    }

    /// Counts a one-time code tried for `login` from `source`, and refuses it past a cap (whatever the code).
    async fn code_try_allowance(&self, login: &str, source: &str, now: Timestamp) -> Result<(), AppError> {
        let p = &self.sign_in_policy;
        let since = after(now, -p.code_window_seconds);
        let tried = self
            .store
            .login_attempt(
                &format!("code-tried\n{login}"),
                &format!("code-tried\n{source}"),
                now,
                since,
            )
            .await?;
        if tried.login == p.code_tries_per_account.saturating_add(1) {
            self.tell_owner(login, render::Lang::Kk, now).await?;
        }
        if tried.login > p.code_tries_per_account || tried.source > p.code_tries_per_source {
            return Err(throttled("code_throttled", p.code_window_seconds));
        }
        Ok(())
    }

    /// Tells the owner of `login` by SMS that someone keeps asking for or trying their sign-in codes.
    async fn tell_owner(&self, login: &str, lang: render::Lang, now: Timestamp) -> Result<(), AppError> {
        if self.store.account(login).await?.is_none() {
            return Ok(());
        }
        let catalog = render::Catalog::new();
        let message = NewMessage {
            channel: "sms".into(),
            recipient: login.to_owned(),
            template: "sms-sign-in-alert".into(),
            args: String::new(),
            body: catalog.message(lang, "sms-sign-in-alert", &[]),
        };
        self.store.enqueue(&message, now).await?;
        Ok(())
    }

    /// Checks a login and password and begins a session. Every attempt is counted first and waits the delay its
    /// login's and its source's failures call for (`login_throttled`, with the seconds left); an unknown login
    /// costs the same work as a wrong password. Applicants (IIN logins) get a one-time code by SMS through the
    /// outbox; their session signs them in only once the code is confirmed.
    pub async fn sign_in(
        &self,
        login: &str,
        password: &str,
        source: &str,
        lang: render::Lang,
        now: Timestamp,
    ) -> Result<SignIn, AppError> {
        let login = login.trim();
        self.password_allowance(login, source, now).await?;
        let account = self.store.account(login).await?;
        let hash = account
            .as_ref()
            .map_or(DECOY_HASH.as_str(), |a| a.password_hash.as_str());
        let matches = verify_password(password, hash);
        let Some(account) = account.filter(|_| matches) else {
            return Err(AppError::Unauthenticated("login_failed"));
        };
        self.store.clear_login_attempts(login).await?;
        let (token, csrf) = (new_token(), new_token());
        let needs_code = account.role == Role::Citizen;
        if needs_code {
            self.code_allowance(&account.login, source, lang, now).await?;
        }
        let code = needs_code.then(new_code);
        let seconds = if needs_code { CODE_SECONDS } else { SESSION_SECONDS };
        let code_hash = code.as_ref().map(|c| code_hash(&token, c));
        self.store
            .put_session(
                &token_hash(&token),
                &account.login,
                &csrf,
                after(now, seconds),
                code_hash.as_deref(),
            )
            .await?;
        if let Some(code) = &code {
            let catalog = render::Catalog::new();
            let message = NewMessage {
                channel: "sms".into(),
                recipient: account.login.clone(),
                template: "sms-sign-in-code".into(),
                args: String::new(),
                body: catalog.message(lang, "sms-sign-in-code", &[("code", code)]),
            };
            self.store.enqueue(&message, now).await?;
        }
        Ok(SignIn {
            token,
            csrf,
            account,
            code_sent: code.is_some(),
        })
    }

    /// The session of `token`, signed in (a session still waiting for its one-time code signs no one in).
    pub async fn session(&self, token: &str, now: Timestamp) -> Result<Session, AppError> {
        match self.store.session(&token_hash(token), now).await? {
            Some(record) if record.otp_hash.is_none() => Ok(Session {
                record,
                token_hash: token_hash(token),
            }),
            Some(_) | None => Err(AppError::Unauthenticated("not_signed_in")),
        }
    }

    /// The session of `token` still waiting for its one-time code, if it is one.
    pub async fn pending_session(&self, token: &str, now: Timestamp) -> Result<Option<Session>, AppError> {
        Ok(self
            .store
            .session(&token_hash(token), now)
            .await?
            .filter(|r| r.otp_hash.is_some())
            .map(|record| Session {
                record,
                token_hash: token_hash(token),
            }))
    }

    /// Confirms a waiting session with its one-time code; after a few wrong codes the session is ended and
    /// sign-in starts again. `csrf`, when given, must be the session's.
    pub async fn confirm_code(
        &self,
        token: &str,
        code: &str,
        csrf: Option<&str>,
        source: &str,
        now: Timestamp,
    ) -> Result<(), AppError> {
        let hash = token_hash(token);
        let Some(session) = self.store.session(&hash, now).await? else {
            return Err(AppError::Unauthenticated("not_signed_in"));
        };
        let Some(expected) = &session.otp_hash else {
            return Ok(());
        };
        if let Some(sent) = csrf
            && !same_token(sent, &session.csrf)
        {
            return Err(AppError::Refused("csrf_token_missing"));
        }
        let code = code.trim();
        if code.is_empty() {
            return Err(AppError::invalid("code", "code_required"));
        }
        if let Err(e) = self.code_try_allowance(&session.account.login, source, now).await {
            self.store.drop_session(&hash).await?;
            return Err(e);
        }
        if same_token(&code_hash(token, code), expected) {
            self.store.confirm_session(&hash).await?;
            self.store
                .clear_login_attempts(&format!("code-tried\n{}", session.account.login))
                .await?;
            return Ok(());
        }
        let failures = self.store.otp_failed(&hash).await?;
        if failures >= MAX_CODE_FAILURES {
            self.store.drop_session(&hash).await?;
            return Err(AppError::Throttled {
                code: "code_attempts_exhausted",
                retry_after: 0,
            });
        }
        Err(AppError::invalid("code", "code_wrong"))
    }

    /// Ends the session of `token`.
    pub async fn sign_out(&self, token: &str) -> Result<(), AppError> {
        Ok(self.store.drop_session(&token_hash(token)).await?)
    }

    /// Every session of the signed-in account, this one marked.
    pub async fn sessions(&self, session: &Session, now: Timestamp) -> Result<Vec<SessionView>, AppError> {
        let all = self.store.sessions_of(&session.record.account.login, now).await?;
        Ok(all
            .into_iter()
            .map(|s| SessionView {
                id: session_id(&s.token_hash),
                expires_at: s.expires_at,
                current: s.token_hash == session.token_hash,
                confirmed: s.confirmed,
            })
            .collect())
    }

    /// Ends one session of the signed-in account by its id (a session of another account is not found).
    pub async fn end_session(&self, session: &Session, id: &str, now: Timestamp) -> Result<(), AppError> {
        let all = self.store.sessions_of(&session.record.account.login, now).await?;
        let found = all
            .iter()
            .find(|s| same_token(id, &session_id(&s.token_hash)))
            .ok_or(AppError::NotFound)?;
        Ok(self.store.drop_session(&found.token_hash).await?)
    }

    /// Ends every other session of the signed-in account; returns how many ended.
    pub async fn end_other_sessions(&self, session: &Session) -> Result<u64, AppError> {
        Ok(self
            .store
            .end_sessions(&session.record.account.login, Some(&session.token_hash))
            .await?)
    }

    /// Remembers the interface language the session's account chose.
    pub async fn set_language(&self, session: &Session, lang: render::Lang) -> Result<(), AppError> {
        Ok(self.store.set_lang(&session.record.account.login, lang.code()).await?)
    }
}

/// A one-time code that confirms one act of a signed-in person (a portal application: it stands in for the
/// electronic signature, QUOTA-08): the ticket the form carries back with the code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirmation {
    pub ticket: String,
}

impl<S: Accounts + Outbox + Sync, R: Sync> App<S, R> {
    /// Sends a one-time code by SMS that confirms the act whose fingerprint is `digest` (a hash of everything
    /// the act says), and only that act, within the code's lifetime.
    pub async fn begin_confirmation(
        &self,
        session: &Session,
        digest: &str,
        lang: render::Lang,
        now: Timestamp,
    ) -> Result<Confirmation, AppError> {
        let account = session.account();
        self.code_allowance(&account.login, &account.login, lang, now).await?;
        let ticket = new_token();
        let code = new_code();
        // A confirmation is kept like a session waiting for its code (it never becomes one: it is dropped when
        // confirmed); its anti-CSRF column holds the act's fingerprint.
        self.store
            .put_session(
                &token_hash(&ticket),
                &account.login,
                digest,
                after(now, CODE_SECONDS),
                Some(&code_hash(&ticket, &code)),
            )
            .await?;
        let catalog = render::Catalog::new();
        self.store
            .enqueue(
                &NewMessage {
                    channel: "sms".into(),
                    recipient: account.login.clone(),
                    template: "sms-confirmation-code".into(),
                    args: String::new(),
                    body: catalog.message(lang, "sms-confirmation-code", &[("code", &code)]),
                },
                now,
            )
            .await?;
        Ok(Confirmation { ticket })
    }

    /// Checks the code of a confirmation for the act `digest` of the same account; a right code uses the
    /// confirmation up, a few wrong ones end it.
    pub async fn confirm_act(
        &self,
        session: &Session,
        ticket: &str,
        digest: &str,
        code: &str,
        now: Timestamp,
    ) -> Result<(), AppError> {
        let hash = token_hash(ticket);
        let Some(pending) = self.store.session(&hash, now).await? else {
            return Err(AppError::invalid("code", "code_expired"));
        };
        let Some(expected) = &pending.otp_hash else {
            return Err(AppError::invalid("code", "code_expired"));
        };
        if pending.account.login != session.account().login || !same_token(digest, &pending.csrf) {
            return Err(AppError::invalid("code", "confirmation_mismatch"));
        }
        let code = code.trim();
        if code.is_empty() {
            return Err(AppError::invalid("code", "code_required"));
        }
        if same_token(&code_hash(ticket, code), expected) {
            self.store.drop_session(&hash).await?;
            return Ok(());
        }
        if self.store.otp_failed(&hash).await? >= MAX_CODE_FAILURES {
            self.store.drop_session(&hash).await?;
            return Err(AppError::Throttled {
                code: "code_attempts_exhausted",
                retry_after: 0,
            });
        }
        Err(AppError::invalid("code", "code_wrong"))
    }
}

impl<S: Accounts + Outbox + Sync, R: registries::Registries + Sync> App<S, R> {
    /// A citizen signs in with their IIN and a one-time code sent to the phone the e-government portal holds
    /// for them; a first sign-in opens their account. The answer does not say whether the IIN is known: an
    /// unknown or under-age IIN gets a session whose code never comes.
    pub async fn sign_in_with_code(
        &self,
        iin: &str,
        source: &str,
        lang: render::Lang,
        now: Timestamp,
    ) -> Result<SignIn, AppError> {
        let iin = kz::Iin::parse(iin).map_err(|e| AppError::invalid("iin", kz::ErrorCode::code(&e)))?;
        let login = iin.as_str().to_owned();
        self.password_allowance(&login, source, now).await?;
        self.code_allowance(&login, source, lang, now).await?;
        let existing = self.store.account(&login).await?;
        let account = match existing {
            Some(a) if a.role == Role::Citizen => Some(a),
            // Staff and employers sign in with their password.
            Some(_) => None,
            None => {
                let day = crate::kz_today(now);
                let adult = self.registries.person(&iin, now).ok().is_some_and(|p| {
                    p.value
                        .birth_date
                        .checked_add(jiff::Span::new().years(18))
                        .is_ok_and(|of_age| of_age <= day)
                });
                if adult {
                    let account = AccountRecord {
                        login: login.clone(),
                        password_hash: hash_password(&new_token())?,
                        role: Role::Citizen,
                        territory: None,
                        handle: new_handle(),
                    };
                    // The account opens itself: the audit record names it, never the IIN.
                    let actor = store::Actor::new(&account.handle, Role::Citizen, Channel::Portal)
                        .map_err(|_| AppError::Refused("invalid_role"))?;
                    self.store.put_account(&account, &actor, now).await?;
                    Some(account)
                } else {
                    None
                }
            }
        };
        let (token, csrf, code) = (new_token(), new_token(), new_code());
        if let Some(account) = &account {
            self.store
                .put_session(
                    &token_hash(&token),
                    &account.login,
                    &csrf,
                    after(now, CODE_SECONDS),
                    Some(&code_hash(&token, &code)),
                )
                .await?;
            let catalog = render::Catalog::new();
            self.store
                .enqueue(
                    &NewMessage {
                        channel: "sms".into(),
                        recipient: account.login.clone(),
                        template: "sms-sign-in-code".into(),
                        args: String::new(),
                        body: catalog.message(lang, "sms-sign-in-code", &[("code", &code)]),
                    },
                    now,
                )
                .await?;
        }
        let account = account.unwrap_or(AccountRecord {
            login,
            password_hash: String::new(),
            role: Role::Citizen,
            territory: None,
            handle: String::new(),
        });
        Ok(SignIn {
            token,
            csrf,
            account,
            code_sent: true,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used, reason = "test code")]

    use super::*;

    #[test]
    fn passwords_and_tokens() {
        let hash = hash_password("correct horse battery staple").expect("hash");
        assert!(verify_password("correct horse battery staple", &hash));
        assert!(!verify_password("wrong", &hash));
        assert!(!verify_password("anything", "not a hash"));
        assert_eq!(new_token().len(), 64);
        assert_ne!(new_token(), new_token());
        assert!(same_token("abc", "abc"));
        assert!(!same_token("abd", "abc") && !same_token("", "") && !same_token("ab", "abc"));
        assert_eq!(new_code().len(), 6);
        assert!(new_handle().starts_with("acc-"));
    }

    /// No wait for the first failures, then one second doubling with each, never past the ceiling.
    #[test]
    fn delays_double_up_to_a_ceiling() {
        let waits: Vec<i64> = (0..=14).map(|n| delay(n, 5, 60)).collect();
        assert_eq!(waits, [0, 0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60]);
        assert_eq!(delay(u32::MAX, 5, 900), 900);
    }
}
