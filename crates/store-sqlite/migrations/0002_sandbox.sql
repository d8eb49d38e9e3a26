-- The synthetic population of the registries sandbox (`qonys seed`); never real people.
CREATE TABLE sandbox_persons (
    iin TEXT PRIMARY KEY,
    household INTEGER NOT NULL,
    kinship TEXT,
    surname TEXT NOT NULL,
    given TEXT NOT NULL,
    patronymic TEXT,
    latin TEXT NOT NULL,
    sex TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    citizen INTEGER NOT NULL,
    nationality TEXT NOT NULL,
    kato TEXT NOT NULL,
    registered_since TEXT NOT NULL,
    kandas_since TEXT,
    job_seeker_since TEXT,
    owns_home INTEGER NOT NULL,
    employer_bin TEXT
);
CREATE INDEX sandbox_persons_household ON sandbox_persons (household);

CREATE TABLE sandbox_meta (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seed INTEGER NOT NULL,
    persons INTEGER NOT NULL
);
