-- A batch over a whole caseload reads its pages by kind, state and id (store::sql::CASES_IN_STATE): each page
-- is then one range of this index, however far the batch has gone. It replaces the index on kind and state,
-- which it also serves.
DROP INDEX cases_kind_state;
CREATE INDEX cases_kind_state_id ON cases (kind, state, id);
