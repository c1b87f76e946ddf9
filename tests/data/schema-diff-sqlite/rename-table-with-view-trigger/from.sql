-- strata:renamed-from customers
CREATE TABLE client (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE invoice (id INTEGER PRIMARY KEY, client_id INTEGER NOT NULL REFERENCES client (id) ON DELETE CASCADE, total REAL);
CREATE INDEX client_name ON client (name);
CREATE VIEW big_clients AS SELECT c.id, c.name FROM client AS c JOIN invoice AS i ON i.client_id = c.id WHERE i.total > 100;
CREATE TRIGGER client_clean AFTER DELETE ON client BEGIN DELETE FROM invoice WHERE client_id = old.id; END;
