INSERT INTO reading VALUES (1, 's1', 1.5, x'00ff'), (2, 's2', NULL, NULL);
