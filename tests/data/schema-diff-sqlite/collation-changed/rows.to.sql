INSERT INTO word VALUES (1, 'a');
