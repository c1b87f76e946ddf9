CREATE TABLE "Order Line" ("Line No" INTEGER PRIMARY KEY, [Item Name] TEXT);
