-- Files uploaded with applications (scanned documents): stored apart from the cases that list them, by owner.
CREATE TABLE attachments (
    id BIGSERIAL PRIMARY KEY,
    owner_kind TEXT NOT NULL,
    owner TEXT NOT NULL,
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL CHECK (size > 0),
    sha256 TEXT NOT NULL,
    body BYTEA NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX attachments_owner ON attachments (owner_kind, owner);

-- One open application for inclusion in the quota per person: a second one, even sent at the same moment from
-- another channel, is refused (the open states of the quota machine).
CREATE UNIQUE INDEX cases_one_open_quota ON cases (applicant_kind, applicant)
    WHERE kind IN ('quota_kandas', 'quota_resettler')
    AND state IN ('visit_requested', 'at_career_centre', 'received', 'under_review');
