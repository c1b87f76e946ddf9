CREATE TABLE "Order Line" ("Line No" INTEGER PRIMARY KEY, [Item Name] TEXT NOT NULL, `Unit Price` REAL);
CREATE INDEX "Order Line by name" ON "Order Line" ([Item Name]);
