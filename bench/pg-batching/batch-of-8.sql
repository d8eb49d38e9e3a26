\set c random(1, 1000000000)
BEGIN;
INSERT INTO head (chain, seq, hash) VALUES ('c' || (:client_id % 8), 0, 'h') ON CONFLICT (chain) DO UPDATE SET seq = head.seq + 8 RETURNING seq, hash;
WITH n AS (SELECT nextval('cid') AS id FROM generate_series(1,8))
, c AS (INSERT INTO cases SELECT id, 'quota_resettler', '550000000', '55', 2026, id, 'received', repeat('p', 300), 1, 't', 't', '900101300007', '2026-03-20' FROM n RETURNING id)
, e AS (INSERT INTO evidence SELECT c.id, 1, 'civil_registry', 't', 'resp-' || c.id || '-' || g, repeat('e', 60) FROM c, generate_series(1,6) g)
, a AS (INSERT INTO audit SELECT 'c' || c.id, 1, 't', 'sc.55', 'state_corporation_operator', NULL, 'api', 'quota.submit', 'rules-a 14.2', c.id, repeat('d', 120), repeat('0', 64), repeat('1', 64) FROM c)
, m AS (INSERT INTO members SELECT c.id, '90010130000' || g FROM c, generate_series(1,2) g)
INSERT INTO idempotency SELECT 'k' || c.id, repeat('f', 64), c.id, 1, 1 FROM c;
COMMIT;
