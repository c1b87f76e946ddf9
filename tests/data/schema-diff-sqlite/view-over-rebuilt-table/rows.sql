INSERT INTO book VALUES (1, 'One', 5), (2, 'Two', 50);
