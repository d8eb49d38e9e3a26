//! Signed checkpoints of the audit chains' heads, kept outside the database: a witness, as transparency logs
//! keep signed tree heads. Whoever can write the database can rewrite a hash chain and its head row, but not
//! forge a checkpoint signed with a key the database does not hold: a record at or before a witnessed head
//! that was edited (and the rest re-sealed), deleted with its whole chain, cut off with the head moved back, or
//! a forged one inserted, no longer matches the witnessed hash. Each checkpoint names its key by id, so a key
//! may be rotated while the old checkpoints stay verifiable with the old public key.
//!
//! Pure: the caller reads and writes the files and the key; this module makes, signs, parses and checks.

use ed25519_dalek::{Signature, Signer, Verifier as _, VerifyingKey};
use sha2::{Digest, Sha256};

use crate::audit::{AuditBreak, AuditRecord, BreakKind};

/// The first line of every checkpoint (its format's version).
const MAGIC: &str = "qonys audit checkpoint v1";

/// One chain's head as witnessed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub chain: String,
    pub seq: i64,
    pub hash: String,
}

/// The heads of every chain at one moment, under one key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    pub key_id: String,
    /// When it was made, RFC 3339.
    pub at: String,
    /// In chain order.
    pub heads: Vec<Head>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WitnessError {
    #[error("the checkpoint is not in the expected format")]
    Malformed,
    #[error("the checkpoint names key {0}, whose public key the witness does not hold")]
    UnknownKey(String),
    #[error("the checkpoint's signature does not verify")]
    BadSignature,
}

impl WitnessError {
    pub fn code(&self) -> &'static str {
        match self {
            WitnessError::Malformed => "audit_checkpoint_malformed",
            WitnessError::UnknownKey(_) => "audit_checkpoint_unknown_key",
            WitnessError::BadSignature => "audit_checkpoint_bad_signature",
        }
    }
}

pub use ed25519_dalek::{SigningKey, VerifyingKey as PublicKey};

/// A signing key from its file's text (the seed's 64 hex digits).
pub fn key_from_text(text: &str) -> Option<SigningKey> {
    let seed: [u8; 32] = hex::decode(text.trim()).ok()?.try_into().ok()?;
    Some(signing_key(&seed))
}

/// The text of a key's file.
pub fn key_text(key: &SigningKey) -> String {
    format!("{}\n", hex::encode(key.to_bytes()))
}

/// A signing key from its 32-byte seed.
pub fn signing_key(seed: &[u8; 32]) -> SigningKey {
    SigningKey::from_bytes(seed)
}

/// The id of a public key: the first 16 hex digits of its SHA-256.
pub fn key_id(public: &VerifyingKey) -> String {
    let digest = hex::encode(Sha256::digest(public.as_bytes()));
    digest.get(..16).unwrap_or_default().to_owned()
}

/// A public key as the witness keeps it (hex).
pub fn public_text(public: &VerifyingKey) -> String {
    hex::encode(public.as_bytes())
}

/// A public key read back from its text.
pub fn parse_public(text: &str) -> Option<VerifyingKey> {
    let bytes: [u8; 32] = hex::decode(text.trim()).ok()?.try_into().ok()?;
    VerifyingKey::from_bytes(&bytes).ok()
}

impl Checkpoint {
    /// The checkpoint of `heads` made at `at` with `key`.
    pub fn new(key: &SigningKey, at: &str, mut heads: Vec<Head>) -> Checkpoint {
        heads.sort_by(|a, b| a.chain.cmp(&b.chain));
        Checkpoint {
            key_id: key_id(&key.verifying_key()),
            at: at.to_owned(),
            heads,
        }
    }

    /// The signed text: one line per field and per head, then the signature over all lines before it.
    fn body(&self) -> String {
        let mut text = format!("{MAGIC}\nkey {}\nat {}\n", self.key_id, self.at);
        for h in &self.heads {
            text.push_str(&format!("head {} {} {}\n", h.chain, h.seq, h.hash));
        }
        text
    }

    /// The checkpoint as a file: its text and its Ed25519 signature.
    pub fn signed(&self, key: &SigningKey) -> String {
        let body = self.body();
        let signature = key.sign(body.as_bytes());
        format!("{body}signature {}\n", hex::encode(signature.to_bytes()))
    }

    /// Reads a checkpoint file and verifies its signature with the public key it names (`key_for` looks the
    /// id up among the witness's keys).
    pub fn verify(text: &str, key_for: impl Fn(&str) -> Option<VerifyingKey>) -> Result<Checkpoint, WitnessError> {
        let (body, signature) = text.rsplit_once("signature ").ok_or(WitnessError::Malformed)?;
        let signature: [u8; 64] = hex::decode(signature.trim())
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or(WitnessError::Malformed)?;
        let mut lines = body.lines();
        if lines.next() != Some(MAGIC) {
            return Err(WitnessError::Malformed);
        }
        let key_id = lines
            .next()
            .and_then(|l| l.strip_prefix("key "))
            .ok_or(WitnessError::Malformed)?
            .to_owned();
        let at = lines
            .next()
            .and_then(|l| l.strip_prefix("at "))
            .ok_or(WitnessError::Malformed)?
            .to_owned();
        let mut heads = Vec::new();
        for line in lines {
            let mut parts = line.strip_prefix("head ").ok_or(WitnessError::Malformed)?.split(' ');
            let (Some(chain), Some(seq), Some(hash), None) = (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                return Err(WitnessError::Malformed);
            };
            heads.push(Head {
                chain: chain.to_owned(),
                seq: seq.parse().map_err(|_| WitnessError::Malformed)?,
                hash: hash.to_owned(),
            });
        }
        let public = key_for(&key_id).ok_or_else(|| WitnessError::UnknownKey(key_id.clone()))?;
        if self::key_id(&public) != key_id {
            return Err(WitnessError::UnknownKey(key_id));
        }
        public
            .verify(body.as_bytes(), &Signature::from_bytes(&signature))
            .map_err(|_| WitnessError::BadSignature)?;
        Ok(Checkpoint { key_id, at, heads })
    }

    /// The first witnessed head the database no longer holds as witnessed (`records` by chain and sequence):
    /// the record gone (a chain deleted, a tail cut) or different (edited and re-sealed, a record inserted).
    pub fn check(&self, records: &[AuditRecord]) -> Option<AuditBreak> {
        self.heads.iter().find_map(|h| {
            let found = records.iter().find(|r| r.chain == h.chain && r.seq == h.seq);
            let kind = match found {
                None => Some(BreakKind::Unwitnessed),
                Some(r) if r.hash != h.hash => Some(BreakKind::Unwitnessed),
                Some(_) => None,
            };
            kind.map(|kind| AuditBreak {
                chain: h.chain.clone(),
                seq: h.seq,
                kind,
            })
        })
    }
}

/// The head of every chain in `records` (by chain and sequence): its last record.
pub fn heads_of(records: &[AuditRecord]) -> Vec<Head> {
    let mut heads: Vec<Head> = Vec::new();
    for r in records {
        match heads.last_mut() {
            Some(h) if h.chain == r.chain => {
                h.seq = r.seq;
                h.hash.clone_from(&r.hash);
            }
            Some(_) | None => heads.push(Head {
                chain: r.chain.clone(),
                seq: r.seq,
                hash: r.hash.clone(),
            }),
        }
    }
    heads
}

/// The first discrepancy between the database's records and any of the checkpoints, oldest first.
pub fn check_all(checkpoints: &[Checkpoint], records: &[AuditRecord]) -> Option<AuditBreak> {
    checkpoints.iter().find_map(|c| c.check(records))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used, clippy::indexing_slicing, reason = "test code")]

    use super::*;

    fn heads() -> Vec<Head> {
        vec![
            Head {
                chain: "75".into(),
                seq: 3,
                hash: "ab".repeat(32),
            },
            Head {
                chain: "00".into(),
                seq: 1,
                hash: "cd".repeat(32),
            },
        ]
    }

    #[test]
    fn a_checkpoint_verifies_with_its_key_only_and_any_change_breaks_it() {
        let (a, b) = (signing_key(&[1; 32]), signing_key(&[2; 32]));
        let cp = Checkpoint::new(&a, "2026-03-18T09:00:00Z", heads());
        assert_eq!(cp.heads[0].chain, "00", "in chain order");
        let text = cp.signed(&a);
        let keys = |id: &str| {
            [a.verifying_key(), b.verifying_key()]
                .into_iter()
                .find(|k| key_id(k) == id)
        };
        assert_eq!(Checkpoint::verify(&text, keys), Ok(cp.clone()));
        // Rotation: a checkpoint under the new key verifies next to the old one.
        let newer = Checkpoint::new(&b, "2026-03-18T09:01:00Z", heads()).signed(&b);
        assert!(Checkpoint::verify(&newer, keys).is_ok());
        // A key the witness does not hold, a changed head, a signature made by another key.
        assert_eq!(
            Checkpoint::verify(&text, |_| None),
            Err(WitnessError::UnknownKey(key_id(&a.verifying_key())))
        );
        let edited = text.replace(" 3 ", " 2 ");
        assert_eq!(Checkpoint::verify(&edited, keys), Err(WitnessError::BadSignature));
        let forged = format!(
            "{}signature {}\n",
            cp.body(),
            hex::encode(b.sign(cp.body().as_bytes()).to_bytes())
        );
        assert_eq!(Checkpoint::verify(&forged, keys), Err(WitnessError::BadSignature));
        assert_eq!(Checkpoint::verify("garbage", keys), Err(WitnessError::Malformed));
        assert_eq!(parse_public(&public_text(&a.verifying_key())), Some(a.verifying_key()));
    }
}
