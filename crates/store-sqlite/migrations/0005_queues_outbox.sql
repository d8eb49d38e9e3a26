-- Work queues and the personal cabinet: a case knows its applicant (the IIN, for the cabinet's "my
-- applications") and the date of its next deadline (for the staff queues, sorted by it). The case page's
-- timeline reads the audit records of one case.
ALTER TABLE cases ADD COLUMN applicant TEXT;
ALTER TABLE cases ADD COLUMN due_on TEXT;
CREATE INDEX cases_applicant ON cases (applicant) WHERE applicant IS NOT NULL;
CREATE INDEX cases_region_due ON cases (region, due_on);
CREATE INDEX audit_case ON audit (case_id) WHERE case_id IS NOT NULL;

-- The interface language a person chose, remembered across sessions.
ALTER TABLE accounts ADD COLUMN lang TEXT;

-- A session waiting for its one-time code (applicants confirm sign-in with it) keeps the code's hash here;
-- NULL once confirmed.
ALTER TABLE sessions ADD COLUMN otp_hash TEXT;
ALTER TABLE sessions ADD COLUMN otp_failures INTEGER NOT NULL DEFAULT 0;

-- Messages to people (SMS and the like), written by the service and delivered by whichever instance claims
-- them first: a claim is a lease until `claimed_until`, so a crashed instance's claims are taken over.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    claimed_by TEXT,
    claimed_until TEXT,
    sent_at TEXT
);
CREATE INDEX outbox_pending ON outbox (id) WHERE sent_at IS NULL;
CREATE INDEX outbox_recipient ON outbox (recipient, id);

-- Background work (deadline checks) is done by whichever instance holds the job's lease.
CREATE TABLE jobs (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    lease_until TEXT NOT NULL
);
