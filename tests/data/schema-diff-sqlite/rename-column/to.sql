CREATE TABLE author (
  id INTEGER PRIMARY KEY,
  -- strata:renamed-from name
  full_name TEXT NOT NULL
);
