CREATE TABLE author (
  id INTEGER PRIMARY KEY,
  -- strata:renamed-from full_name
  name TEXT NOT NULL
);
