//! Issuing documents in the flow of a case step: the document a step's `IssueDocument` effect names is filled
//! from the case as the step leaves it (the kind's [`crate::kinds::Kind::document`]), rendered in Kazakh and in
//! Russian, signed with the certificate of the official who takes the step, and written with the step in one
//! transaction: immutable, with its number, hash and the edition of the law it was made under.
//!
//! The keys come from the edge (the CLI reads the authority's folder); this module reads no file and no clock.

use std::collections::HashMap;
use std::sync::Arc;

use documents::{Bilingual, RenderOptions, Signatory, Signature, SoftwareSigner};
use jiff::Timestamp;
use jiff::civil::Date;
use legal::Law;
use render::Lang;
use store::{CaseRecord, IssuedDocument, Op};

use crate::AppError;
use crate::kinds::Heading;

/// An official who signs: the key and what the documents print of them.
struct Official {
    signer: SoftwareSigner,
    issuer: Bilingual,
    signatory: Signatory,
}

/// The signing authority of the service: the verification site the QR codes point at, the authority that
/// vouches for the officials' certificates, and a key per official.
pub struct Issuing {
    verify_base: String,
    ca_pem: Vec<u8>,
    officials: HashMap<String, Official>,
}

impl std::fmt::Debug for Issuing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Issuing")
            .field("verify_base", &self.verify_base)
            .field("officials", &self.officials.len())
            .finish_non_exhaustive()
    }
}

/// Why an official's key is not taken.
#[derive(Debug, thiserror::Error)]
#[error("{login}: {source}")]
pub struct KeyError {
    pub login: String,
    pub source: documents::SignError,
}

impl Issuing {
    /// An authority with no officials yet.
    pub fn new(verify_base: &str, ca_pem: Vec<u8>) -> Issuing {
        Issuing {
            verify_base: verify_base.trim_end_matches('/').to_owned(),
            ca_pem,
            officials: HashMap::new(),
        }
    }

    /// Adds the key of the account `login`. A demo official prints with the body and position of the demo
    /// authority (both languages); another with the certificate's common name and organisation.
    pub fn add_official(&mut self, login: &str, certificate_pem: &[u8], key_pem: &[u8]) -> Result<(), KeyError> {
        let signer = SoftwareSigner::from_pem(certificate_pem, key_pem).map_err(|source| KeyError {
            login: login.to_owned(),
            source,
        })?;
        let (issuer, signatory) = match documents::samples::OFFICIALS.iter().find(|o| o.0 == login) {
            Some((_, name, (pos_kk, pos_ru), (org_kk, org_ru))) => (
                Bilingual::new(*org_kk, *org_ru),
                Signatory {
                    name: (*name).to_owned(),
                    position: Bilingual::new(*pos_kk, *pos_ru),
                },
            ),
            None => {
                // Another official: the certificate's words, the same in both languages.
                let holder = documents::pki::holder(certificate_pem).map_err(|source| KeyError {
                    login: login.to_owned(),
                    source,
                })?;
                (
                    Bilingual::new(holder.organisation.clone(), holder.organisation),
                    Signatory {
                        name: holder.name,
                        position: Bilingual::new(holder.position.clone(), holder.position),
                    },
                )
            }
        };
        self.officials.insert(
            login.to_owned(),
            Official {
                signer,
                issuer,
                signatory,
            },
        );
        Ok(())
    }

    /// The verification site.
    pub fn verify_base(&self) -> &str {
        &self.verify_base
    }

    /// The authority's certificate (PEM) a document's signature is checked against.
    pub fn ca_pem(&self) -> &[u8] {
        &self.ca_pem
    }

    /// Whether `login` can sign.
    pub fn signs(&self, login: &str) -> bool {
        self.officials.contains_key(login)
    }
}

/// The number of the `index`-th document a step issues: the application's number and the case's version the
/// step writes (unique, since a case's versions are).
pub fn document_number(application: &str, version: i64, index: usize) -> String {
    if index == 0 {
        format!("{application}-{version:02}")
    } else {
        format!("{application}-{version:02}-{}", index + 1)
    }
}

/// The edition of the law a document is made under: the build's embedded law and the amendments applied.
pub fn law_edition(amendments: i64) -> String {
    format!("qonys-{}+{amendments}", env!("CARGO_PKG_VERSION"))
}

/// What a step's documents are made from besides the case.
pub(crate) struct StepDocuments<'a> {
    pub issuing: &'a Issuing,
    /// The signing official's account.
    pub login: &'a str,
    /// The case as the step leaves it (its state, payload and version).
    pub case: &'a CaseRecord,
    pub application: &'a str,
    pub law: Arc<Law>,
    pub law_edition: String,
    pub day: Date,
    pub now: Timestamp,
}

/// Renders and signs every document the operations request, in place.
pub(crate) fn issue_all(ops: &mut [Op], cx: &StepDocuments<'_>) -> Result<(), AppError> {
    let mut index = 0;
    for op in ops.iter_mut() {
        if let Op::Document(request) = op
            && request.issued.is_none()
        {
            request.issued = Some(issue(&request.form, index, cx)?);
            index += 1;
        }
    }
    Ok(())
}

fn issue(form: &str, index: usize, cx: &StepDocuments<'_>) -> Result<IssuedDocument, AppError> {
    let official = cx
        .issuing
        .officials
        .get(cx.login)
        .ok_or(AppError::Refused("signer_without_certificate"))?;
    let heading = Heading {
        number: document_number(cx.application, cx.case.version, index),
        date: cx.day,
        issuer: official.issuer.clone(),
        signatory: official.signatory.clone(),
        application: cx.application.to_owned(),
        law: Arc::clone(&cx.law),
    };
    let kind = crate::kinds::of_case(cx.case)?;
    let data = kind.document(cx.case, form, &heading)?;
    let failed =
        |e: &dyn std::fmt::Display| AppError::Store(store::StoreError::Unavailable(format!("document {form}: {e}")));
    let mut files = Vec::with_capacity(2);
    for lang in [Lang::Kk, Lang::Ru] {
        let pdf = documents::render(
            &data,
            lang,
            &RenderOptions {
                verify_base: &cx.issuing.verify_base,
                created: cx.now,
            },
        )
        .map_err(|e| failed(&e))?;
        let reason = documents::common_text("reason_decision", lang);
        let signed = documents::sign(
            &pdf,
            &official.signer,
            &Signature {
                time: cx.now,
                reason: &reason,
                location: "",
            },
        )
        .map_err(|e| failed(&e))?;
        files.push(signed);
    }
    let pdf_ru = files.pop().unwrap_or_default();
    let pdf_kk = files.pop().unwrap_or_default();
    Ok(IssuedDocument {
        number: heading.number,
        issued_on: cx.day,
        law_edition: cx.law_edition.clone(),
        signer: cx.login.to_owned(),
        issuer_kk: official.issuer.kk.clone(),
        issuer_ru: official.issuer.ru.clone(),
        pdf_kk,
        pdf_ru,
    })
}

/// What anyone may learn of a document by its number: no personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicDocument {
    pub number: String,
    /// The form (`order-359-app-5`).
    pub form: String,
    pub issued_on: Date,
    pub issuer: Bilingual,
    /// `valid`, `revoked` or `superseded`.
    pub state: String,
    pub reason: Option<String>,
}

/// An uploaded file checked against the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadCheck {
    /// The document the file names, if it is one of ours.
    pub document: Option<PublicDocument>,
    /// The signature's verdict (`signature_valid`, `document_modified`, …).
    pub signature: &'static str,
    /// The file is byte for byte the one issued under that number, and its signature is valid.
    pub original: bool,
}

fn public(d: store::DocumentRecord) -> Option<PublicDocument> {
    let head = d.issued?;
    Some(PublicDocument {
        number: head.number,
        form: d.form,
        issued_on: head.issued_on,
        issuer: Bilingual::new(head.issuer_kk, head.issuer_ru),
        state: d.state,
        reason: head.reason,
    })
}

/// The largest file a verification accepts.
pub const MAX_UPLOAD: usize = 5 * 1024 * 1024;

impl<S: store::Store, R: registries::Registries + Sync> crate::App<S, R> {
    /// A document's public head by its number (the verification page; no sign-in).
    pub async fn verify_document(&self, number: &str) -> Result<PublicDocument, AppError> {
        self.store
            .document(number)
            .await?
            .and_then(public)
            .ok_or(AppError::NotFound)
    }

    /// Whether `pdf` is the original of a document of ours: its signature is valid against the authority and its
    /// bytes are those issued under the number it carries (and `number`, when the page of one is asked).
    pub async fn verify_upload(
        &self,
        number: Option<&str>,
        pdf: &[u8],
        now: Timestamp,
    ) -> Result<UploadCheck, AppError> {
        if pdf.is_empty() {
            return Err(AppError::invalid("file", "file_empty"));
        }
        if pdf.len() > MAX_UPLOAD {
            return Err(AppError::invalid("file", "file_too_large"));
        }
        let ca = self.issuing.as_deref().map(Issuing::ca_pem).unwrap_or_default();
        let report = documents::verify(pdf, ca, now);
        let named = match (number, report.number.as_deref()) {
            (Some(asked), Some(carried)) if asked != carried => None,
            (Some(asked), _) => Some(asked.to_owned()),
            (None, carried) => carried.map(str::to_owned),
        };
        let record = match &named {
            Some(n) => self.store.document(n).await?,
            None => None,
        };
        let sha = IssuedDocument::sha256(pdf);
        let same_bytes = record
            .as_ref()
            .and_then(|d| d.issued.as_ref())
            .is_some_and(|h| h.sha256_kk == sha || h.sha256_ru == sha);
        Ok(UploadCheck {
            original: same_bytes && report.valid(),
            signature: report.status.code(),
            document: record.and_then(public),
        })
    }

    /// The signed file of a document in `lang` for `p`: staff who may read its case (the read is audited), or
    /// the applicant or a family member the case concerns. Anyone else: `NotFound`.
    pub async fn document_file(
        &self,
        p: &crate::Principal,
        number: &str,
        lang: Lang,
        now: Timestamp,
    ) -> Result<(store::DocumentRecord, Vec<u8>), AppError> {
        let record = self.store.document(number).await?.ok_or(AppError::NotFound)?;
        if crate::authz::is_staff(p.role) {
            if !crate::authz::may_read_case(p, &store::plan::region_of_case(record.case)) {
                return Err(AppError::NotFound);
            }
            self.store
                .read_case(
                    record.case,
                    &p.actor()?,
                    &crate::cases_view::read_purpose("document download"),
                    now,
                )
                .await?;
        } else {
            let subject = p.subject.as_ref().ok_or(AppError::NotFound)?;
            self.store
                .case_of_party(record.case, subject)
                .await?
                .ok_or(AppError::NotFound)?;
        }
        let pdf = self
            .store
            .document_pdf(number, lang.code())
            .await?
            .ok_or(AppError::NotFound)?;
        Ok((record, pdf))
    }

    /// Revokes a valid document with its reason (a decision overturned on appeal, say), by the body that
    /// decides the case's kind in its region; written as a step of the case, so it is in the audit.
    pub async fn revoke_document(
        &self,
        p: &crate::Principal,
        number: &str,
        reason: &str,
        key: store::IdempotencyKey,
        now: Timestamp,
    ) -> Result<store::Applied, AppError> {
        let record = self.store.document(number).await?.ok_or(AppError::NotFound)?;
        let region = store::plan::region_of_case(record.case);
        if !crate::authz::may_decide_quota(p, &region) {
            return Err(AppError::NotFound);
        }
        let reason = cases::model::Reason::parse(reason).map_err(|code| AppError::invalid("reason", code))?;
        let request = crate::quota::request_id("revoke_document", &format!("{number}\n{}", reason.as_str()));
        if let Some(replay) = self.store.replay(&key).await? {
            let detail: serde_json::Value = serde_json::from_str(&replay.detail).unwrap_or_default();
            if detail.get("request").and_then(serde_json::Value::as_str) == Some(request.as_str()) {
                return Ok(replay.applied);
            }
            return Err(AppError::Store(store::StoreError::IdempotencyMismatch {
                key: key.as_str().to_owned(),
            }));
        }
        if record.state != "valid" {
            return Err(AppError::Refused("document_not_valid"));
        }
        let case = self
            .store
            .read_case(
                record.case,
                &p.actor()?,
                &crate::cases_view::read_purpose("document revocation"),
                now,
            )
            .await?;
        let kind = crate::kinds::of_case(&case)?;
        let command = store::Command {
            key,
            at: now,
            actor: p.actor()?,
            action: "document.revoked".into(),
            basis: kind.read_basis().to_string(),
            case: store::CaseWrite::Update {
                id: case.id,
                expected_version: case.version,
                state: case.state.clone(),
                payload: case.payload.clone(),
                due_on: case.due_on,
            },
            ops: vec![Op::RevokeDocument {
                number: number.to_owned(),
                reason: reason.as_str().to_owned(),
            }],
            evidence: Vec::new(),
            detail: serde_json::json!({
                "document": number,
                "form": record.form,
                "reason": reason.as_str(),
                "request": request,
            })
            .to_string(),
        };
        Ok(self.store.apply(&command).await?)
    }
}

impl<S, R> crate::App<S, R> {
    /// Renders and signs the documents a step's operations request, the case being `after` (as the step leaves
    /// it, its version the one the step writes); nothing when the service has no signing authority.
    pub(crate) fn issue_step_documents(
        &self,
        principal: &crate::Principal,
        ops: &mut [Op],
        after: &CaseRecord,
        now: Timestamp,
    ) -> Result<(), AppError> {
        let Some(issuing) = self.issuing.as_deref() else {
            return Ok(());
        };
        let law = self.law.get();
        issue_all(
            ops,
            &StepDocuments {
                issuing,
                login: principal.signer().unwrap_or_default(),
                case: after,
                application: &crate::number_of(after),
                law,
                law_edition: law_edition(self.law.applied()),
                day: crate::kz_today(now),
                now,
            },
        )
    }

    /// Whether the step's documents can be signed by `principal` (checked before anything is written).
    pub(crate) fn may_issue(&self, principal: &crate::Principal, ops: &[Op]) -> Result<(), AppError> {
        let asks = ops.iter().any(|op| matches!(op, Op::Document(d) if d.issued.is_none()));
        match self.issuing.as_deref() {
            Some(issuing) if asks && !issuing.signs(principal.signer().unwrap_or_default()) => {
                Err(AppError::Refused("signer_without_certificate"))
            }
            Some(_) | None => Ok(()),
        }
    }
}

impl<S: store::Store, R: registries::Registries + Sync> crate::App<S, R> {
    /// Issues the documents of a step that created its case, now that the case has its number: a command of
    /// its own on the case (its state unchanged), under a key derived from the step's.
    pub(crate) async fn issue_after_create(
        &self,
        principal: &crate::Principal,
        step: &store::Command,
        applied: store::Applied,
        mut ops: Vec<Op>,
        now: Timestamp,
    ) -> Result<store::Applied, AppError> {
        use sha2::{Digest, Sha256};
        let stored = self
            .store
            .read_case(
                applied.case,
                &principal.actor()?,
                &crate::cases_view::read_purpose("issuing its documents"),
                now,
            )
            .await?;
        let after = CaseRecord {
            version: stored.version + 1,
            ..stored.clone()
        };
        self.issue_step_documents(principal, &mut ops, &after, now)?;
        let digest = hex::encode(Sha256::digest(step.key.as_str().as_bytes()));
        let key = store::IdempotencyKey::parse(&format!("doc-{}", digest.get(..40).unwrap_or_default()))
            .ok_or_else(|| AppError::invalid("key", "idempotency_key_required"))?;
        let forms: Vec<&str> = ops
            .iter()
            .filter_map(|op| match op {
                Op::Document(d) => Some(d.form.as_str()),
                Op::Quota(_)
                | Op::Message(_)
                | Op::Payment(_)
                | Op::RevokeDocument { .. }
                | Op::Link(_)
                | Op::Post(_) => None,
            })
            .collect();
        let detail = serde_json::json!({ "state": stored.state, "documents": forms }).to_string();
        let command = store::Command {
            key,
            at: now,
            actor: principal.actor()?,
            action: "document.issued".into(),
            basis: step.basis.clone(),
            case: store::CaseWrite::Update {
                id: stored.id,
                expected_version: stored.version,
                state: stored.state.clone(),
                payload: stored.payload.clone(),
                due_on: stored.due_on,
            },
            ops,
            evidence: Vec::new(),
            detail,
        };
        self.store.apply(&command).await?;
        Ok(applied)
    }
}
