-- The head of each chain follows the appends once per statement instead of once per row. A group of commands
-- appends many records to one chain in one INSERT; a row trigger updated the head row once per record, each
-- update a new row version that the next one had to walk past.
DROP TRIGGER audit_head_follows ON audit;
DROP FUNCTION audit_head_follows();
CREATE FUNCTION audit_head_follows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE audit_head h SET seq = n.seq, hash = n.hash
    FROM (SELECT DISTINCT ON (chain) chain, seq, hash FROM appended ORDER BY chain, seq DESC) n
    WHERE h.chain = n.chain;
    RETURN NULL;
END;
$$;
CREATE TRIGGER audit_head_follows AFTER INSERT ON audit REFERENCING NEW TABLE AS appended
    FOR EACH STATEMENT EXECUTE FUNCTION audit_head_follows();
