-- strata:renamed-from client
CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE invoice (id INTEGER PRIMARY KEY, client_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE, total REAL);
CREATE INDEX client_name ON customers (name);
CREATE VIEW big_clients AS SELECT c.id, c.name FROM customers AS c JOIN invoice AS i ON i.client_id = c.id WHERE i.total > 100;
CREATE TRIGGER client_clean AFTER DELETE ON customers BEGIN DELETE FROM invoice WHERE client_id = old.id; END;
