CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT, updated TEXT);
CREATE TABLE log (id INTEGER PRIMARY KEY, item_id INTEGER, what TEXT);
CREATE TRIGGER item_log AFTER INSERT ON item BEGIN INSERT INTO log (item_id, what) VALUES (new.id, 'added'); END;
CREATE TRIGGER item_touch AFTER UPDATE OF name ON item FOR EACH ROW WHEN old.name IS NOT new.name BEGIN UPDATE item SET updated = 'now' WHERE id = new.id; INSERT INTO log (item_id, what) VALUES (new.id, 'renamed'); END;
