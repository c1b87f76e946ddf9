INSERT INTO line (id, qty, unit) VALUES (1, 2, 3.5);
