-- revision: abc
-- transactional: false
-- +upgrade
CREATE INDEX CONCURRENTLY i ON t (c);
