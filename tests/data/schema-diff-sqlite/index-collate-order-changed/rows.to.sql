INSERT INTO person VALUES (1, 'a', 'b');
