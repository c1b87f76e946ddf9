CREATE TABLE acct (id INTEGER PRIMARY KEY, name TEXT, old_code TEXT, balance REAL);
CREATE TABLE audit (id INTEGER PRIMARY KEY, acct_id INTEGER, what TEXT);
CREATE VIEW acct_names AS SELECT id, name FROM acct;
CREATE TRIGGER acct_audit AFTER UPDATE OF balance ON acct BEGIN INSERT INTO audit (acct_id, what) VALUES (new.id, 'balance'); END;
