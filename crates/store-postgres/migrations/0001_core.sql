-- Cases, evidence, quotas, idempotency and the audit chain.
-- A case's id and its sequence (the next of its region and year) are assigned under the chain-head lock
-- every writer holds.
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

CREATE TABLE audit (
    seq BIGINT PRIMARY KEY,
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
    hash TEXT NOT NULL
);

-- The head of the chain: updated with every append, and the row writers lock first.
CREATE TABLE audit_head (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- The head follows every append, in the same statement's transaction.
CREATE FUNCTION audit_head_follows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE audit_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1;
    RETURN NEW;
END;
$$;
CREATE TRIGGER audit_head_follows AFTER INSERT ON audit FOR EACH ROW EXECUTE FUNCTION audit_head_follows();
