-- revision: 5e4a7c9f1b05
-- down_revision: 4d3f6b8e0a04
-- message: create order items
-- create_date: 2026-11-06 14:00:00

-- +upgrade
CREATE TABLE order_items (
    order_id INTEGER NOT NULL REFERENCES orders (id),
    product_id INTEGER NOT NULL REFERENCES products (id),
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    unit_price NUMERIC(10,2) NOT NULL,
    PRIMARY KEY (order_id, product_id)
);
CREATE INDEX order_items_product ON order_items (product_id);

-- +downgrade
DROP INDEX order_items_product;
DROP TABLE order_items;
