INSERT INTO category VALUES (1, 'c1', 1.5);
INSERT INTO product VALUES (1, 'c1', 'p');
INSERT INTO product_tag VALUES (1, 'x');
