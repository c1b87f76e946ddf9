INSERT INTO shelf VALUES ('a', 1, 'top'), ('a', 2, 'low');
INSERT INTO box VALUES (1, 'a', 1), (2, 'a', 2);
