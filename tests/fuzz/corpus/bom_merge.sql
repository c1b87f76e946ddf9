-- revision: b_1
-- down_revision: a, c
-- branch_labels: x
-- note: a comment
-- +upgrade
SELECT 1;
