-- Who signs in, and the sessions they hold (in the database, so that every instance sees them).
CREATE TABLE accounts (
    login TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    territory TEXT,
    password_hash TEXT NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    login TEXT NOT NULL REFERENCES accounts (login) ON DELETE CASCADE,
    csrf TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_login ON sessions (login);
