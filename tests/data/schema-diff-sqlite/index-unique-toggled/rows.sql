INSERT INTO code VALUES (1, 'a'), (2, 'b');
