-- revision: ad9f2b4e6a10
-- down_revision: 9c8e1a3d5f09, 8b7d0f2c4e08
-- message: merge reporting into main
-- create_date: 2026-11-16 09:00:00

-- +upgrade
-- Both lines now meet; reports look orders up by status, so index it here.
CREATE INDEX orders_status ON orders (status);

-- +downgrade
DROP INDEX orders_status;
