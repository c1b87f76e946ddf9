INSERT INTO author VALUES (1, 'Ann');
INSERT INTO book VALUES (1, 1, 'One');
