//! The documents an applicant uploads (a scanned diploma, a work record): checked by their contents, never by
//! the name or type the browser claims, and served back only as what they were checked to be, as a download.

use jiff::Timestamp;
use sha2::{Digest, Sha256};
use store::{AttachmentId, AttachmentRecord, Party, Store};

use crate::kinds::QuotaRecord;
use crate::{App, AppError, Principal};

/// The largest file accepted (a service limit, not a legal one).
pub const MAX_BYTES: usize = 5 * 1024 * 1024;

/// The type of a file by its first bytes: PDF or JPEG, nothing else.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else {
        None
    }
}

/// A file name as shown back: its last path component, without control characters, at most 120 characters.
fn clean_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>'))
        .take(120)
        .collect();
    if cleaned.trim().is_empty() {
        "document".to_owned()
    } else {
        cleaned.trim().to_owned()
    }
}

impl<S: Store + store::Attachments, R: registries::Registries + Sync> App<S, R> {
    /// Stores a file for an application: a citizen's own, or one a counter or career centre scans for the
    /// applicant `for_iin`.
    pub async fn upload_attachment(
        &self,
        principal: &Principal,
        for_iin: Option<&str>,
        name: &str,
        bytes: Vec<u8>,
        now: Timestamp,
    ) -> Result<AttachmentId, AppError> {
        let owner = match (principal.role, for_iin) {
            (store::Role::Citizen, None) => principal.subject.clone().ok_or(AppError::Forbidden)?,
            (store::Role::StateCorporationOperator | store::Role::CareerCentre, Some(iin)) => {
                Party::Person(kz::Iin::parse(iin).map_err(|e| AppError::invalid("iin", kz::ErrorCode::code(&e)))?)
            }
            _ => return Err(AppError::Forbidden),
        };
        if bytes.is_empty() {
            return Err(AppError::invalid("file", "file_empty"));
        }
        if bytes.len() > MAX_BYTES {
            return Err(AppError::invalid("file", "file_too_large"));
        }
        let Some(content_type) = sniff(&bytes) else {
            return Err(AppError::invalid("file", "file_type_not_allowed"));
        };
        let file = store::NewAttachment {
            owner,
            name: clean_name(name),
            content_type: content_type.to_owned(),
            sha256: hex::encode(Sha256::digest(&bytes)),
            body: bytes,
        };
        Ok(self.store.put_attachment(&file, now).await?)
    }

    /// A file an application lists, for whoever may read the case (the applicant in their cabinet, staff of
    /// the region); the read of the case is recorded.
    pub async fn case_attachment(
        &self,
        principal: &Principal,
        case: store::CaseId,
        id: AttachmentId,
        now: Timestamp,
    ) -> Result<(AttachmentRecord, Vec<u8>), AppError> {
        let details = self.case(principal, case, now).await?;
        let listed = crate::kinds::quota_kind_of(&details.record.kind).is_some()
            && super::review::lists_attachment(&QuotaRecord::decode(&details.record)?, id.0);
        if !listed {
            return Err(AppError::NotFound);
        }
        self.store.attachment(id).await?.ok_or(AppError::NotFound)
    }

    /// A citizen's own upload, before it is part of an application (the form shows what was attached).
    pub async fn own_attachment(&self, principal: &Principal, id: AttachmentId) -> Result<AttachmentRecord, AppError> {
        let records = self.store.attachments(&[id]).await?;
        let record = records.into_iter().next().ok_or(AppError::NotFound)?;
        if principal.subject.as_ref() == Some(&record.owner) {
            Ok(record)
        } else {
            Err(AppError::NotFound)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_pdf_and_jpeg_by_their_contents() {
        assert_eq!(sniff(b"%PDF-1.7 ..."), Some("application/pdf"));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(sniff(b"<html><script>"), None);
        assert_eq!(sniff(b"MZ\x90\x00"), None);
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn names_lose_paths_and_markup() {
        assert_eq!(clean_name("C:\\Users\\a\\диплом.pdf"), "диплом.pdf");
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("a\u{0}b<script>.pdf"), "abscript.pdf");
        assert_eq!(clean_name("   "), "document");
    }
}
