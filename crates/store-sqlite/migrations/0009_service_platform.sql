-- The service platform: a case's applicant is a person (IIN) or an organisation (BIN), it records the channel
-- it came in through, and may point to other cases; a command writes, in the same transaction, the messages
-- about the case (outbox), the payments and the documents its step orders.
ALTER TABLE cases ADD COLUMN applicant_kind TEXT;
ALTER TABLE cases ADD COLUMN channel TEXT;
UPDATE cases SET applicant_kind = 'person' WHERE applicant IS NOT NULL;
UPDATE cases SET channel = json_extract(payload, '$.channel') WHERE json_valid(payload);
CREATE INDEX cases_region_state_due ON cases (region, state, due_on, id);

CREATE TABLE case_links (
    case_id INTEGER NOT NULL REFERENCES cases (id),
    related_id INTEGER NOT NULL REFERENCES cases (id),
    relation TEXT NOT NULL,
    PRIMARY KEY (case_id, related_id, relation)
) WITHOUT ROWID;
CREATE INDEX case_links_related ON case_links (related_id);

ALTER TABLE outbox ADD COLUMN template TEXT;
ALTER TABLE outbox ADD COLUMN args TEXT;
ALTER TABLE outbox ADD COLUMN case_id INTEGER;

-- A measure is scheduled once per case and period ('' for one-off payments).
CREATE TABLE payments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    measure TEXT NOT NULL,
    period TEXT NOT NULL,
    amount INTEGER NOT NULL CHECK (amount > 0),
    payee_kind TEXT NOT NULL,
    payee TEXT NOT NULL,
    state TEXT NOT NULL,
    audit_seq INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (case_id, measure, period)
);

CREATE TABLE documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    form TEXT NOT NULL,
    state TEXT NOT NULL,
    audit_seq INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX documents_case ON documents (case_id);

-- Accounts are known to the audit log by a pseudonymous handle, never by their login (a citizen's IIN).
ALTER TABLE accounts ADD COLUMN handle TEXT;
UPDATE accounts SET handle = 'acc-' || lower(hex(randomblob(10))) WHERE handle IS NULL;
CREATE UNIQUE INDEX accounts_handle ON accounts (handle);

-- Sign-in attempts are counted per login and per source (an address), each numbered so that the one before
-- an attempt is found however close in time: a sprayer of many logins is slowed too. What the old table held
-- (failures of the last minutes) is not worth keeping.
DROP TABLE login_failures;
CREATE TABLE login_failures (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    login TEXT NOT NULL,
    source TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX login_failures_login_at ON login_failures (login, at);
CREATE INDEX login_failures_source_at ON login_failures (source, at);
