-- Cases, evidence, quotas, idempotency and the audit chain. Tables keyed by something else than an integer
-- are WITHOUT ROWID: one B-tree instead of a table and its key index, fewer pages written per command.
-- A case's sequence is the next of its region and year, taken under its region's chain-head lock; its id is
-- made of region, year and sequence, so no two chains can give the same id.
CREATE TABLE cases (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    territory TEXT NOT NULL,
    region TEXT NOT NULL,
    year INTEGER NOT NULL,
    sequence INTEGER NOT NULL,
    state TEXT NOT NULL,
    payload TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (region, year, sequence)
);
CREATE INDEX cases_kind_state ON cases (kind, state);

CREATE TABLE evidence (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    audit_seq INTEGER NOT NULL,
    system TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    response_id TEXT NOT NULL,
    payload TEXT NOT NULL
);
CREATE INDEX evidence_case ON evidence (case_id);

CREATE TABLE quotas (
    year INTEGER NOT NULL,
    territory TEXT NOT NULL,
    category TEXT NOT NULL,
    unit TEXT NOT NULL,
    total INTEGER NOT NULL CHECK (total >= 0),
    allocated INTEGER NOT NULL CHECK (allocated >= 0 AND allocated <= total),
    PRIMARY KEY (year, territory, category)
);

CREATE TABLE idempotency (
    key TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    case_id INTEGER NOT NULL,
    version INTEGER NOT NULL,
    audit_seq INTEGER NOT NULL
) WITHOUT ROWID;

-- One hash chain per region (the two-digit KATO prefix of the case, or of the quota; "00" for what belongs
-- to no region): writers of different regions do not queue on each other.
CREATE TABLE audit (
    chain TEXT NOT NULL,
    seq INTEGER NOT NULL,
    at TEXT NOT NULL,
    account TEXT NOT NULL,
    role TEXT NOT NULL,
    on_behalf_of TEXT,
    channel TEXT NOT NULL,
    action TEXT NOT NULL,
    basis TEXT NOT NULL,
    case_id INTEGER,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (chain, seq)
) WITHOUT ROWID;

-- The head of each chain: created by its first writer, moved by every append, locked by every writer.
CREATE TABLE audit_head (
    chain TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL
) WITHOUT ROWID;

-- The head follows every append, in the same transaction.
CREATE TRIGGER audit_head_follows AFTER INSERT ON audit
BEGIN
    UPDATE audit_head SET seq = NEW.seq, hash = NEW.hash WHERE chain = NEW.chain;
END;
