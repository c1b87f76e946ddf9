INSERT INTO customers VALUES (1, 'a');
INSERT INTO invoice VALUES (1, 1, 150);
