-- revision: 8b7d0f2c4e08
-- down_revision: 7a6c9e1b3d07
-- message: daily sales summary
-- create_date: 2026-11-12 10:40:00
-- depends_on: 6f5b8d0a2c06

-- +upgrade
-- Needs payments (main line) as well as the order totals: hence depends_on.
CREATE TABLE daily_sales (
    sales_day TEXT PRIMARY KEY,
    orders_count INTEGER NOT NULL,
    paid_amount NUMERIC(12,2) NOT NULL
);
CREATE VIEW unpaid_orders AS
    SELECT t.order_id, t.total
      FROM order_totals t
     WHERE NOT EXISTS (SELECT 1 FROM payments p WHERE p.order_id = t.order_id);

-- +downgrade
DROP VIEW unpaid_orders;
DROP TABLE daily_sales;
