-- revision: 2b1d4f6c8e02
-- down_revision: 1a0c3e5b7d01
-- message: create product categories
-- create_date: 2026-11-03 10:15:00

-- +upgrade
CREATE TABLE categories (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
INSERT INTO categories (id, name) VALUES (1, 'books');
INSERT INTO categories (id, name) VALUES (2, 'games');
INSERT INTO categories (id, name) VALUES (3, 'stationery');

-- +downgrade
DROP TABLE categories;
