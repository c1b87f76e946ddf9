INSERT INTO "order" VALUES (1, 'a', 1);
