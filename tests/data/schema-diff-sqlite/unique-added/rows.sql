INSERT INTO member VALUES (1, 'a@x', 't', 1), (2, 'b@x', 't', 2);
