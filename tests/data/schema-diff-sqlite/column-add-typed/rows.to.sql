INSERT INTO author VALUES (1, 'Ann', 'a@x', '1980-02-03', 1.5);
