CREATE TABLE book (id INTEGER PRIMARY KEY, title TEXT, price INTEGER);
CREATE VIEW cheap AS SELECT id, title FROM book WHERE price < 10;
CREATE VIEW cheap_titles AS SELECT title FROM cheap;
