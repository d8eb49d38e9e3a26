-- Cases, evidence, quotas, idempotency and the audit chain.
-- A case's sequence is the next of its region and year, taken under its region's chain-head lock; its id is
-- made of region, year and sequence, so no two chains can give the same id.
CREATE TABLE cases (
    id BIGINT PRIMARY KEY,
    kind TEXT NOT NULL,
    territory TEXT NOT NULL,
    region TEXT NOT NULL,
    year BIGINT NOT NULL,
    sequence BIGINT NOT NULL,
    state TEXT NOT NULL,
    payload TEXT NOT NULL,
    version BIGINT NOT NULL CHECK (version >= 1),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (region, year, sequence)
);
CREATE INDEX cases_kind_state ON cases (kind, state);

CREATE TABLE evidence (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id BIGINT NOT NULL REFERENCES cases (id),
    audit_seq BIGINT NOT NULL,
    system TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    response_id TEXT NOT NULL,
    payload TEXT NOT NULL
);
CREATE INDEX evidence_case ON evidence (case_id);

CREATE TABLE quotas (
    year BIGINT NOT NULL,
    territory TEXT NOT NULL,
    category TEXT NOT NULL,
    unit TEXT NOT NULL,
    total BIGINT NOT NULL CHECK (total >= 0),
    allocated BIGINT NOT NULL CHECK (allocated >= 0 AND allocated <= total),
    PRIMARY KEY (year, territory, category)
);

CREATE TABLE idempotency (
    key TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    case_id BIGINT NOT NULL,
    version BIGINT NOT NULL,
    audit_seq BIGINT NOT NULL
);

-- One hash chain per region (the two-digit KATO prefix of the case, or of the quota; "00" for what belongs
-- to no region): writers of different regions do not queue on each other.
CREATE TABLE audit (
    chain TEXT NOT NULL,
    seq BIGINT NOT NULL,
    at TEXT NOT NULL,
    account TEXT NOT NULL,
    role TEXT NOT NULL,
    on_behalf_of TEXT,
    channel TEXT NOT NULL,
    action TEXT NOT NULL,
    basis TEXT NOT NULL,
    case_id BIGINT,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (chain, seq)
);

-- The head of each chain: created by its first writer, moved by every append, locked by every writer.
CREATE TABLE audit_head (
    chain TEXT PRIMARY KEY,
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);

-- The head follows every append, in the same transaction.
CREATE FUNCTION audit_head_follows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE audit_head SET seq = NEW.seq, hash = NEW.hash WHERE chain = NEW.chain;
    RETURN NEW;
END;
$$;
CREATE TRIGGER audit_head_follows AFTER INSERT ON audit FOR EACH ROW EXECUTE FUNCTION audit_head_follows();
