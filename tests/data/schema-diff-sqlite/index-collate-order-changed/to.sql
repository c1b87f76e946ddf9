CREATE TABLE person (id INTEGER PRIMARY KEY, last TEXT, first TEXT);
CREATE INDEX person_name ON person (last COLLATE NOCASE DESC, first);
