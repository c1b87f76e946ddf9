CREATE TABLE product (id INTEGER PRIMARY KEY, price REAL NOT NULL CHECK (price > 0), stock INTEGER, CONSTRAINT stock_positive CHECK (stock IS NULL OR stock >= 0));
