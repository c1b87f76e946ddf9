INSERT INTO acct VALUES (1, 'a', 1.5);
