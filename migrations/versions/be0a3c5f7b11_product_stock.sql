-- revision: be0a3c5f7b11
-- down_revision: ad9f2b4e6a10
-- message: track product stock
-- create_date: 2026-11-18 15:30:00

-- +upgrade
CREATE TABLE stock (
    product_id INTEGER PRIMARY KEY REFERENCES products (id),
    on_hand INTEGER NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
    updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- +downgrade
DROP TABLE stock;
