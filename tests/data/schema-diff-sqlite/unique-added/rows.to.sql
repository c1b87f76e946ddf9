INSERT INTO member VALUES (1, 'a@x', 't', 1);
