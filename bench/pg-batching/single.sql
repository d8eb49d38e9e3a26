INSERT INTO single (payload) VALUES ('raw');
