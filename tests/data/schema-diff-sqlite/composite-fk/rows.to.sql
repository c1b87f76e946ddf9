INSERT INTO shelf VALUES ('a', 1, 'top');
INSERT INTO box VALUES (1, 'a', 1, 2.5);
