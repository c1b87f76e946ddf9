CREATE TABLE book (id INTEGER PRIMARY KEY, title TEXT, price REAL);
CREATE VIEW cheap AS SELECT id, title, price FROM book WHERE price < 20;
CREATE VIEW dear AS SELECT id FROM book WHERE price >= 20;
