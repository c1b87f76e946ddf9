-- revision: 7a6c9e1b3d07
-- down_revision: 5e4a7c9f1b05
-- message: order totals view for reporting
-- create_date: 2026-11-10 16:05:00
-- branch_labels: reporting

-- +upgrade
-- The reporting branch starts here, beside the payments work on the main line.
CREATE VIEW order_totals AS
    SELECT o.id AS order_id,
           o.customer_id,
           SUM(i.quantity * i.unit_price) AS total
      FROM orders o
      JOIN order_items i ON i.order_id = o.id
     GROUP BY o.id, o.customer_id;

-- +downgrade
DROP VIEW order_totals;
