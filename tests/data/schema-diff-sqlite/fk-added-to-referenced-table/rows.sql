INSERT INTO country VALUES ('NZ'), ('FR');
INSERT INTO author VALUES (1, 'Ann', 'NZ'), (2, 'Bob', NULL);
INSERT INTO book VALUES (1, 1, 'One'), (2, 1, 'Two'), (3, 2, 'Three');
INSERT INTO review VALUES (1, 1, 5), (2, 3, 4);
