INSERT INTO stock VALUES ('s1', 'a', 1);
