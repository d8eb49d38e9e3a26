-- Amendments of the law made by an administrator (legal::amend): next year's MCI, a transfer of a day off.
-- Applied over the embedded law/ files in `seq` order; each is written with its audit record (chain 00).
CREATE TABLE law_amendments (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    account TEXT NOT NULL,
    body TEXT NOT NULL
);
