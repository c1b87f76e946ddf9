INSERT INTO author VALUES (1, 'Ann'), (2, 'Bob');
