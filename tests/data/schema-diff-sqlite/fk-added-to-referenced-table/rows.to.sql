INSERT INTO country VALUES ('NZ');
INSERT INTO author VALUES (1, 'Ann', 'NZ');
INSERT INTO book VALUES (1, 1, 'One');
INSERT INTO review VALUES (1, 1, 5);
