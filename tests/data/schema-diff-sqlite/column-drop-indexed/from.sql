CREATE TABLE doc (id INTEGER PRIMARY KEY, title TEXT, legacy TEXT, size INTEGER);
CREATE INDEX doc_legacy ON doc (legacy);
CREATE INDEX doc_size ON doc (size);
