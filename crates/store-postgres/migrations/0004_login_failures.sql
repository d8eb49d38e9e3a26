-- Failed sign-ins, for throttling; shared by every instance.
CREATE TABLE login_failures (
    login TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX login_failures_login_at ON login_failures (login, at);
