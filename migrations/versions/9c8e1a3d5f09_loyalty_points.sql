-- revision: 9c8e1a3d5f09
-- down_revision: 6f5b8d0a2c06
-- message: add loyalty points to customers
-- create_date: 2026-11-13 13:10:00

-- +upgrade
ALTER TABLE customers ADD COLUMN loyalty_points INTEGER NOT NULL DEFAULT 0;

-- +downgrade
ALTER TABLE customers DROP COLUMN loyalty_points;
