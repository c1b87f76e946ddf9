INSERT INTO stock VALUES ('s1', 'a', 1), ('s2', 'a', 2);
