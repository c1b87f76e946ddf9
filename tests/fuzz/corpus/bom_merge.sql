-- revision: b_1
-- down_revision: a, c
-- branch_labels: x
-- depends_on: lib
-- Note: a plain comment
-- +upgrade
SELECT 1;
-- +downgrade
SELECT 0;
