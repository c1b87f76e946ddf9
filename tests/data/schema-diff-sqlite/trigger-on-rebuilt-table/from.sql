CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT, qty INTEGER);
CREATE TABLE log (id INTEGER PRIMARY KEY, item_id INTEGER, what TEXT);
CREATE TRIGGER item_log AFTER INSERT ON item BEGIN INSERT INTO log (item_id, what) VALUES (new.id, 'insert'); END;
CREATE INDEX item_name ON item (name);
