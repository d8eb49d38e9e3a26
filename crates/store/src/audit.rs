//! The tamper-evident audit log: each record carries the SHA-256 of its predecessor in its chain. There is one
//! chain per region (writers of different regions do not wait for each other); each is verified on its own.
//!
//! The hash covers every field of the record, its sequence number and the previous hash, encoded as a JSON
//! array of strings (unambiguous: no field can bleed into the next). Editing a record breaks its own hash;
//! deleting one breaks the sequence and the link of its successor; reordering breaks the links; cutting the
//! tail is caught against the chain head, which the store updates in the same transaction as each append.

use sha2::{Digest, Sha256};

/// The `prev_hash` of the first record.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One audit record as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRecord {
    /// The chain: the region's two-digit KATO prefix, or "00".
    pub chain: String,
    pub seq: i64,
    /// RFC 3339 timestamp as stored.
    pub at: String,
    pub account: String,
    pub role: String,
    pub on_behalf_of: Option<String>,
    pub channel: String,
    pub action: String,
    pub basis: String,
    pub case_id: Option<i64>,
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditRecord {
    /// The hash this record must carry given its fields and `prev_hash`.
    pub fn expected_hash(&self) -> String {
        let fields = serde_json::json!([
            self.chain,
            self.seq.to_string(),
            self.at,
            self.account,
            self.role,
            self.on_behalf_of.clone().unwrap_or_default(),
            self.channel,
            self.action,
            self.basis,
            self.case_id.map(|c| c.to_string()).unwrap_or_default(),
            self.detail,
            self.prev_hash,
        ]);
        hex::encode(Sha256::digest(fields.to_string().as_bytes()))
    }

    /// Fills `hash` from the other fields.
    pub fn seal(mut self) -> AuditRecord {
        self.hash = self.expected_hash();
        self
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakKind {
    /// The record's content does not match its hash: it was edited.
    Edited,
    /// The record does not link to its predecessor: something before it was removed, inserted or reordered.
    LinkBroken,
    /// A sequence number is missing: a record was deleted.
    Missing,
    /// The chain ends before the head the store recorded: records at the end were deleted.
    Truncated,
    /// A head a signed checkpoint witnessed is gone or different: the chain was rewritten, deleted or cut
    /// together with its head row.
    Unwitnessed,
    /// A case row differs from the digest the last audit record that wrote it keeps (or no record names it):
    /// the row was edited behind the store's back. The break names that record.
    RowEdited,
}

impl BreakKind {
    pub fn key(self) -> &'static str {
        match self {
            BreakKind::Edited => "edited",
            BreakKind::LinkBroken => "link_broken",
            BreakKind::Missing => "missing",
            BreakKind::Truncated => "truncated",
            BreakKind::Unwitnessed => "unwitnessed",
            BreakKind::RowEdited => "row_edited",
        }
    }
}

/// The first broken link found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditBreak {
    pub chain: String,
    pub seq: i64,
    pub kind: BreakKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditReport {
    /// Records checked before the first break (all of them when intact).
    pub verified: u64,
    pub first_break: Option<AuditBreak>,
}

impl AuditReport {
    pub fn is_intact(&self) -> bool {
        self.first_break.is_none()
    }
}

/// Incremental verification, so adapters can stream the chain instead of loading it.
#[derive(Debug)]
pub struct Verifier {
    chain: String,
    expected_seq: i64,
    expected_prev: String,
    verified: u64,
    first_break: Option<AuditBreak>,
}

impl Verifier {
    /// A walk of one chain from its first record.
    pub fn new(chain: &str) -> Verifier {
        Verifier {
            chain: chain.to_owned(),
            expected_seq: 1,
            expected_prev: GENESIS.to_owned(),
            verified: 0,
            first_break: None,
        }
    }
}

impl Verifier {
    /// Feeds the next record in `seq` order; returns false once a break is found (the rest need not be read).
    pub fn push(&mut self, r: &AuditRecord) -> bool {
        if self.first_break.is_some() {
            return false;
        }
        let kind = if r.chain != self.chain {
            Some(BreakKind::LinkBroken)
        } else if r.seq != self.expected_seq {
            Some(if r.seq > self.expected_seq {
                BreakKind::Missing
            } else {
                BreakKind::LinkBroken
            })
        } else if r.expected_hash() != r.hash {
            Some(BreakKind::Edited)
        } else if r.prev_hash != self.expected_prev {
            Some(BreakKind::LinkBroken)
        } else {
            None
        };
        if let Some(kind) = kind {
            let seq = if kind == BreakKind::Missing {
                self.expected_seq
            } else {
                r.seq
            };
            self.first_break = Some(AuditBreak {
                chain: self.chain.clone(),
                seq,
                kind,
            });
            return false;
        }
        self.verified += 1;
        self.expected_seq += 1;
        self.expected_prev.clone_from(&r.hash);
        true
    }

    /// Ends the walk against the head the store keeps (`last seq`, `last hash`; `0` and [`GENESIS`] when the
    /// chain has records but its head is gone, which then shows as a broken link).
    pub fn finish(mut self, head_seq: i64, head_hash: &str) -> AuditReport {
        if self.first_break.is_none() && (self.expected_seq - 1 != head_seq || self.expected_prev != head_hash) {
            let kind = if self.expected_seq - 1 < head_seq {
                BreakKind::Truncated
            } else {
                BreakKind::LinkBroken
            };
            self.first_break = Some(AuditBreak {
                chain: self.chain.clone(),
                seq: self.expected_seq,
                kind,
            });
        }
        AuditReport {
            verified: self.verified,
            first_break: self.first_break,
        }
    }
}

/// The report over several chains: the records verified in all of them (a break stops only its own chain),
/// and the first break in chain order.
pub fn combine(reports: impl IntoIterator<Item = AuditReport>) -> AuditReport {
    let mut out = AuditReport {
        verified: 0,
        first_break: None,
    };
    for r in reports {
        out.verified += r.verified;
        if out.first_break.is_none() {
            out.first_break = r.first_break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<AuditRecord> {
        let mut prev = GENESIS.to_owned();
        (1..=n)
            .map(|seq| {
                let r = AuditRecord {
                    chain: "75".into(),
                    seq,
                    at: format!("2026-03-18T09:00:{seq:02}Z"),
                    account: "operator.01".into(),
                    role: "state_corporation_operator".into(),
                    on_behalf_of: None,
                    channel: "state_corporation".into(),
                    action: "case.create".into(),
                    basis: "rules-a 14.2".into(),
                    case_id: Some(seq),
                    detail: "{}".into(),
                    prev_hash: prev.clone(),
                    hash: String::new(),
                }
                .seal();
                prev.clone_from(&r.hash);
                r
            })
            .collect()
    }

    fn verify(records: &[AuditRecord], head: (i64, &str)) -> AuditReport {
        let mut v = Verifier::new("75");
        for r in records {
            if !v.push(r) {
                break;
            }
        }
        v.finish(head.0, head.1)
    }

    #[test]
    fn intact_chain_verifies() {
        let c = chain(5);
        let last = c.last().map(|r| r.hash.clone()).unwrap_or_default();
        assert_eq!(
            verify(&c, (5, &last)),
            AuditReport {
                verified: 5,
                first_break: None
            }
        );
        assert_eq!(
            verify(&[], (0, GENESIS)),
            AuditReport {
                verified: 0,
                first_break: None
            }
        );
    }

    #[test]
    fn each_kind_of_tampering_is_named() {
        let c = chain(5);
        let last = c.last().map(|r| r.hash.clone()).unwrap_or_default();
        let head = (5, last.as_str());

        let mut edited = c.clone();
        edited[2].detail = r#"{"amount":1}"#.into();
        assert_eq!(
            verify(&edited, head).first_break,
            Some(AuditBreak {
                chain: "75".into(),
                seq: 3,
                kind: BreakKind::Edited
            })
        );

        let mut deleted = c.clone();
        deleted.remove(1);
        assert_eq!(
            verify(&deleted, head).first_break,
            Some(AuditBreak {
                chain: "75".into(),
                seq: 2,
                kind: BreakKind::Missing
            })
        );

        // Swapping two records' contents but keeping the sequence numbers in place.
        let mut swapped = c.clone();
        swapped.swap(1, 2);
        (swapped[1].seq, swapped[2].seq) = (2, 3);
        assert_eq!(verify(&swapped, head).first_break.map(|b| b.seq), Some(2));

        // Re-sealing an edited record does not help: the next link breaks.
        let mut resealed = c.clone();
        resealed[2].detail = r#"{"amount":1}"#.into();
        resealed[2] = resealed[2].clone().seal();
        assert_eq!(
            verify(&resealed, head).first_break,
            Some(AuditBreak {
                chain: "75".into(),
                seq: 4,
                kind: BreakKind::LinkBroken
            })
        );

        let truncated = &c[..3];
        assert_eq!(
            verify(truncated, head).first_break,
            Some(AuditBreak {
                chain: "75".into(),
                seq: 4,
                kind: BreakKind::Truncated
            })
        );
    }
}
