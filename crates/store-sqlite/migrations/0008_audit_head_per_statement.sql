-- PostgreSQL moves each chain's head once per statement (its migration 0008). SQLite keeps its row trigger
-- (0001): one writer appends one record per statement, so there is nothing to change; the step is kept so
-- that both adapters number their migrations alike.

