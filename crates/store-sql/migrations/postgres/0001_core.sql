-- Cases, application numbers, evidence, quotas, idempotency and the audit chain.
CREATE TABLE cases (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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

CREATE TABLE case_numbers (
    region TEXT NOT NULL,
    year BIGINT NOT NULL,
    last BIGINT NOT NULL,
    PRIMARY KEY (region, year)
);

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
