-- revision: 3c2e5a7d9f03
-- down_revision: 2b1d4f6c8e02
-- message: create products
-- create_date: 2026-11-04 11:30:00

-- +upgrade
CREATE TABLE products (
    id INTEGER PRIMARY KEY,
    category_id INTEGER NOT NULL REFERENCES categories (id),
    sku TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    price NUMERIC(10,2) NOT NULL CHECK (price >= 0),
    active BOOLEAN NOT NULL DEFAULT TRUE
);
CREATE INDEX products_category ON products (category_id);

-- +downgrade
DROP INDEX products_category;
DROP TABLE products;
