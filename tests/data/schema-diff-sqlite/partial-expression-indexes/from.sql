CREATE TABLE account (id INTEGER PRIMARY KEY, email TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1, created TEXT);
CREATE INDEX account_created ON account (created);
