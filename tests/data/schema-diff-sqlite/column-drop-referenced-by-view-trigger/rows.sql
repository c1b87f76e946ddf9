INSERT INTO acct VALUES (1, 'a', 'x', 1.5);
