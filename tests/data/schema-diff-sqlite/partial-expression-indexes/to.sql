CREATE TABLE account (id INTEGER PRIMARY KEY, email TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1, created TEXT);
CREATE INDEX account_created ON account (created DESC) WHERE active = 1;
CREATE UNIQUE INDEX account_email ON account (lower(email));
CREATE INDEX account_day ON account (substr(created, 1, 10)) WHERE created IS NOT NULL;
