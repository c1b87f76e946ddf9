INSERT INTO word VALUES (1, 'a'), (2, 'B');
