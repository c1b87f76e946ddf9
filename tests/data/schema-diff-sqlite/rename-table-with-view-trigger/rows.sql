INSERT INTO client VALUES (1, 'a'), (2, 'b');
INSERT INTO invoice VALUES (1, 1, 150), (2, 2, 50);
