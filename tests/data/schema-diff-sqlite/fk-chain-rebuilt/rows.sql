INSERT INTO region VALUES (1, 'north');
INSERT INTO shop VALUES (1, 1, 'a'), (2, 1, 'b');
INSERT INTO sale VALUES (1, 1, 9.5), (2, 2, 3);
