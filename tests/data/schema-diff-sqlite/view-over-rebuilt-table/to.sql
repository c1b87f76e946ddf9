CREATE TABLE book (id INTEGER PRIMARY KEY, title TEXT NOT NULL, price REAL CHECK (price >= 0));
CREATE VIEW cheap AS SELECT id, title FROM book WHERE price < 10;
CREATE VIEW cheap_titles AS SELECT title FROM cheap;
