-- The family members a case concerns besides its applicant (A 14: the applicant moves with the family): each
-- may follow the case in the personal cabinet. Written with the case, in the same transaction.
CREATE TABLE case_members (
    case_id INTEGER NOT NULL REFERENCES cases (id),
    iin TEXT NOT NULL,
    PRIMARY KEY (case_id, iin)
);
CREATE INDEX case_members_iin ON case_members (iin);
