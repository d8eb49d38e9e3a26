-- The double-entry ledger of payment orders: one row per leg, booked under the order's budget line and region.
-- An order is (case, measure, period), the payments row; each event of an attempt is booked once (a debit and a
-- credit of the same amount), so a command run twice books nothing twice.
CREATE TABLE ledger (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    measure TEXT NOT NULL,
    period TEXT NOT NULL,
    attempt INTEGER NOT NULL CHECK (attempt >= 1),
    event TEXT NOT NULL,
    account TEXT NOT NULL,
    side TEXT NOT NULL CHECK (side IN ('debit', 'credit')),
    amount INTEGER NOT NULL CHECK (amount > 0),
    budget_line TEXT NOT NULL,
    region TEXT NOT NULL,
    month TEXT NOT NULL,
    booked_on TEXT NOT NULL,
    audit_seq INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (case_id, measure, period, attempt, event, side)
);
CREATE INDEX ledger_month ON ledger (month);
