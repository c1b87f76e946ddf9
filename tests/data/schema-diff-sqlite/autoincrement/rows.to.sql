INSERT INTO event VALUES (1, 'a');
