CREATE TABLE stock (shop TEXT NOT NULL, item TEXT NOT NULL, qty INTEGER, PRIMARY KEY (shop, item));
