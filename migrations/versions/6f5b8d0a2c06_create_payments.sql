-- revision: 6f5b8d0a2c06
-- down_revision: 5e4a7c9f1b05
-- message: create payments
-- create_date: 2026-11-09 09:20:00

-- +upgrade
CREATE TABLE payments (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders (id),
    amount NUMERIC(10,2) NOT NULL CHECK (amount > 0),
    method TEXT NOT NULL,
    paid_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX payments_order ON payments (order_id);

-- +downgrade
DROP INDEX payments_order;
DROP TABLE payments;
