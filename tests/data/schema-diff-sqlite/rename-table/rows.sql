INSERT INTO author VALUES (1, 'Ann'), (2, 'Bob');
INSERT INTO book VALUES (1, 1, 'One');
