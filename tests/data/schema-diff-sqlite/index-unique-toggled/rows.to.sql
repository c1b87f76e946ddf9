INSERT INTO code VALUES (1, 'a');
