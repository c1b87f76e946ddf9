INSERT INTO team VALUES (1, 't');
INSERT INTO player VALUES (1, 'p'), (2, 'q');
