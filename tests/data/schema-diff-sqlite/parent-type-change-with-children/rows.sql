INSERT INTO category VALUES (1, 'c1', 1), (2, 'c2', 2);
INSERT INTO product VALUES (1, 'c1', 'p'), (2, 'c2', 'q');
INSERT INTO product_tag VALUES (1, 'x'), (2, 'y');
