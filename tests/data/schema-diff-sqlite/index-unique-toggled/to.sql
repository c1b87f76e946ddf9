CREATE TABLE code (id INTEGER PRIMARY KEY, value TEXT);
CREATE UNIQUE INDEX code_value ON code (value);
