INSERT INTO item VALUES (1, 'a', 10.5, 1);
