//! Passwords, session tokens and the signed-in account of a request.
//!
//! Passwords are kept as Argon2id hashes. A session token is 32 random bytes in an `HttpOnly`, `SameSite=Strict`
//! cookie; the database keeps only its SHA-256, so a copy of the database signs no one in. Every
//! state-changing request of a session must echo the session's anti-CSRF token in `x-csrf-token`.

use argon2::Argon2;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::http::{HeaderMap, StatusCode, header};
use sha2::{Digest, Sha256};
use store::{Accounts, SessionRecord};

use crate::ApiError;

pub const COOKIE: &str = "qonys_session";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The Argon2id hash of a password, as a PHC string.
pub fn hash_password(password: &str) -> Result<String, ApiError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|_| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal"))
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

/// What the database keeps of a token.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The session token of the request's cookie, if any.
pub fn session_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| pair.trim().strip_prefix(COOKIE).and_then(|rest| rest.strip_prefix('=')))
}

/// The live session of the request, or 401.
pub async fn signed_in<S: Accounts>(
    store: &S,
    headers: &HeaderMap,
    now: jiff::Timestamp,
) -> Result<SessionRecord, ApiError> {
    let unauthorized = || ApiError::new(StatusCode::UNAUTHORIZED, "not_signed_in");
    let token = session_token(headers).ok_or_else(unauthorized)?;
    match store.session(&token_hash(token), now).await {
        // A session still waiting for its one-time code signs no one in.
        Ok(Some(session)) if session.otp_hash.is_none() => Ok(session),
        Ok(_) => Err(unauthorized()),
        Err(_) => Err(ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "store_unavailable")),
    }
}

/// A state-changing request must carry the session's anti-CSRF token (403 otherwise).
pub fn check_csrf(session: &SessionRecord, headers: &HeaderMap) -> Result<(), ApiError> {
    let sent = headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok());
    if sent.is_some_and(|s| same_token(s, &session.csrf)) {
        Ok(())
    } else {
        Err(ApiError::new(StatusCode::FORBIDDEN, "csrf_token_missing"))
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_and_tokens() {
        let hash = hash_password("correct horse battery staple").expect("hash");
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery staple", &hash));
        assert!(!verify_password("Correct horse battery staple", &hash));
        assert!(!verify_password("anything", "not a hash"));
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_ne!(token_hash(&a), a);
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            format!("lang=kk; {COOKIE}={a}").parse().expect("header"),
        );
        assert_eq!(session_token(&headers), Some(a.as_str()));
    }
}
