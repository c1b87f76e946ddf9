-- strata:renamed-from author
CREATE TABLE writer (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE book (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES writer (id), title TEXT);
