INSERT INTO product VALUES (1, 9.5, 3), (2, 12, NULL);
