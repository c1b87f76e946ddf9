INSERT INTO account VALUES (1, 'a@x', 1, '2024-01-01'), (2, 'B@x', 0, NULL);
