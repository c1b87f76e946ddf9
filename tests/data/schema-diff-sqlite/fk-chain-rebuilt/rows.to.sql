INSERT INTO region VALUES (1, 'north');
INSERT INTO shop VALUES (1, 1, 'a');
INSERT INTO sale VALUES (1, 1, 9.5);
