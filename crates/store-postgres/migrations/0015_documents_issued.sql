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
ALTER TABLE documents ADD COLUMN pdf_kk BYTEA;
ALTER TABLE documents ADD COLUMN sha256_ru TEXT;
ALTER TABLE documents ADD COLUMN pdf_ru BYTEA;
ALTER TABLE documents ADD COLUMN reason TEXT;
ALTER TABLE documents ADD COLUMN changed_at TEXT;
CREATE UNIQUE INDEX documents_number ON documents (number) WHERE number IS NOT NULL;

CREATE FUNCTION documents_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.case_id, NEW.form, NEW.audit_seq, NEW.created_at, NEW.number, NEW.issued_on, NEW.law_edition,
        NEW.signer, NEW.issuer_kk, NEW.issuer_ru, NEW.sha256_kk, NEW.pdf_kk, NEW.sha256_ru, NEW.pdf_ru)
       IS DISTINCT FROM
       (OLD.case_id, OLD.form, OLD.audit_seq, OLD.created_at, OLD.number, OLD.issued_on, OLD.law_edition,
        OLD.signer, OLD.issuer_kk, OLD.issuer_ru, OLD.sha256_kk, OLD.pdf_kk, OLD.sha256_ru, OLD.pdf_ru) THEN
        RAISE EXCEPTION 'an issued document is immutable';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER documents_immutable BEFORE UPDATE ON documents
    FOR EACH ROW EXECUTE FUNCTION documents_immutable();
