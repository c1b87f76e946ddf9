-- revision: 4d3f6b8e0a04
-- down_revision: 3c2e5a7d9f03
-- message: create orders
-- create_date: 2026-11-05 08:45:00

-- +upgrade
CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paid', 'shipped', 'cancelled')),
    placed_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX orders_customer ON orders (customer_id);

-- +downgrade
DROP INDEX orders_customer;
DROP TABLE orders;
