CREATE TABLE book (id INTEGER PRIMARY KEY, title TEXT, price REAL);
CREATE VIEW cheap AS SELECT id, title FROM book WHERE price < 10;
