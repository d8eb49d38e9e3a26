BEGIN;
INSERT INTO head (chain, seq, hash) VALUES ('c' || (:client_id % 8), 0, 'h') ON CONFLICT (chain) DO UPDATE SET seq = head.seq + 1 RETURNING seq, hash;
SELECT nextval('cid') AS id \gset
INSERT INTO cases VALUES (:id, 'quota_resettler', '550000000', '55', 2026, :id, 'received', repeat('p', 300), 1, 't', 't', '900101300007', '2026-03-20');
INSERT INTO audit VALUES ('c' || :id, 1, 't', 'sc.55', 'state_corporation_operator', NULL, 'api', 'quota.submit', 'rules-a 14.2', :id, repeat('d', 120), repeat('0', 64), repeat('1', 64));
INSERT INTO evidence VALUES (:id, 1, 'civil_registry', 't', 'r1-' || :id, repeat('e', 60));
INSERT INTO evidence VALUES (:id, 1, 'civil_registry', 't', 'r2-' || :id, repeat('e', 60));
INSERT INTO evidence VALUES (:id, 1, 'address', 't', 'r3-' || :id, repeat('e', 60));
INSERT INTO evidence VALUES (:id, 1, 'labour', 't', 'r4-' || :id, repeat('e', 60));
INSERT INTO evidence VALUES (:id, 1, 'offences', 't', 'r5-' || :id, repeat('e', 60));
INSERT INTO members VALUES (:id, '900101300001');
INSERT INTO members VALUES (:id, '900101300002');
INSERT INTO idempotency VALUES ('k' || :id, repeat('f', 64), :id, 1, 1);
COMMIT;
