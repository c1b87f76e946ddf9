INSERT INTO setting (id, name) VALUES (1, 'a');
