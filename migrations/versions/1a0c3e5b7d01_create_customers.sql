-- revision: 1a0c3e5b7d01
-- down_revision:
-- message: create customers
-- create_date: 2026-11-02 09:00:00

-- +upgrade
CREATE TABLE customers (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- +downgrade
DROP TABLE customers;
