INSERT INTO doc VALUES (1, 'a', 'x', 10), (2, 'b', NULL, 20);
