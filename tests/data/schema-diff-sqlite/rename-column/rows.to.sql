INSERT INTO author VALUES (1, 'Ann');
