INSERT INTO person VALUES (1, 'Ann', 'a'), (2, 'Bob', 'b');
