INSERT INTO event VALUES (1, 'a'), (5, 'b');
