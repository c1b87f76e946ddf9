INSERT INTO reading VALUES (1, 's1', 1.5, x'00ff');
