INSERT INTO node VALUES (1, NULL, 'root'), (2, 1, 'child');
