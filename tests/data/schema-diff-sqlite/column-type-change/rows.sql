INSERT INTO item VALUES (1, 'a', 10, 1), (2, 'b', 20, 2);
