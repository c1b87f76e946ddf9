INSERT INTO book VALUES (1, 'One', 5.5);
