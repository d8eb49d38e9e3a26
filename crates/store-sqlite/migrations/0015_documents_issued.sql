-- Documents issued by the case steps: rendered and signed in the step's transaction, with their number (unique,
-- named by the verification address), the day, the edition of the law they were made under, the official who
-- signed, the issuing body, and the signed file in Kazakh and in Russian with its SHA-256. A document is
-- immutable: only its state (valid, revoked, superseded) changes, with the reason and when.
ALTER TABLE documents ADD COLUMN number TEXT;
ALTER TABLE documents ADD COLUMN issued_on TEXT;
ALTER TABLE documents ADD COLUMN law_edition TEXT;
ALTER TABLE documents ADD COLUMN signer TEXT;
ALTER TABLE documents ADD COLUMN issuer_kk TEXT;
ALTER TABLE documents ADD COLUMN issuer_ru TEXT;
ALTER TABLE documents ADD COLUMN sha256_kk TEXT;
ALTER TABLE documents ADD COLUMN pdf_kk BLOB;
ALTER TABLE documents ADD COLUMN sha256_ru TEXT;
ALTER TABLE documents ADD COLUMN pdf_ru BLOB;
ALTER TABLE documents ADD COLUMN reason TEXT;
ALTER TABLE documents ADD COLUMN changed_at TEXT;
CREATE UNIQUE INDEX documents_number ON documents (number) WHERE number IS NOT NULL;

CREATE TRIGGER documents_immutable BEFORE UPDATE OF case_id, form, audit_seq, created_at, number, issued_on,
    law_edition, signer, issuer_kk, issuer_ru, sha256_kk, pdf_kk, sha256_ru, pdf_ru ON documents
BEGIN
    SELECT RAISE(ABORT, 'an issued document is immutable');
END;
