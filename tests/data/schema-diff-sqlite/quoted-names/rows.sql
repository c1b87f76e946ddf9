INSERT INTO "Order Line" VALUES (1, 'a'), (2, 'b');
