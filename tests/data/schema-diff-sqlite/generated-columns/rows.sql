INSERT INTO line VALUES (1, 2, 3.5), (2, 1, 10);
