CREATE TABLE code (id INTEGER PRIMARY KEY, value TEXT);
CREATE INDEX code_value ON code (value);
