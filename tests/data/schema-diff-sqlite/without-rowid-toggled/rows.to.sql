INSERT INTO tag VALUES ('a', 1), ('b', 2);
