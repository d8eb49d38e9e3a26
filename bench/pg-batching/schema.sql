-- Tables shaped like Qonys's (the same columns and indexes as the rows an intake command writes), without the
-- constraints and triggers that do not change the cost of an insert.
CREATE TABLE single (id bigserial PRIMARY KEY, payload text NOT NULL);
CREATE TABLE cases (id bigint PRIMARY KEY, kind text, territory text, region text, year int, sequence bigint,
    state text, payload text, version bigint, created_at text, updated_at text, applicant text, due_on text);
CREATE INDEX ON cases (region, year, sequence);
CREATE INDEX ON cases (applicant);
CREATE INDEX ON cases (region, due_on);
CREATE TABLE evidence (case_id bigint, audit_seq bigint, system text, requested_at text, response_id text, payload text);
CREATE INDEX ON evidence (case_id);
CREATE TABLE audit (chain text, seq bigint, at text, account text, role text, on_behalf_of text, channel text,
    action text, basis text, case_id bigint, detail text, prev_hash text, hash text, PRIMARY KEY (chain, seq));
CREATE INDEX ON audit (case_id);
CREATE TABLE idempotency (key text PRIMARY KEY, fingerprint text, case_id bigint, version bigint, audit_seq bigint);
CREATE TABLE members (case_id bigint, iin text, PRIMARY KEY (case_id, iin));
CREATE INDEX ON members (iin);
CREATE TABLE head (chain text PRIMARY KEY, seq bigint, hash text);
CREATE SEQUENCE cid;
