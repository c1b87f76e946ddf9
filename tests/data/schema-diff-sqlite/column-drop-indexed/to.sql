CREATE TABLE doc (id INTEGER PRIMARY KEY, title TEXT, size INTEGER);
CREATE INDEX doc_size ON doc (size);
