CREATE TABLE "order" (id INTEGER PRIMARY KEY, "group" TEXT NOT NULL DEFAULT 'g', "select" INTEGER, "from" TEXT);
CREATE INDEX "order_group" ON "order" ("group");
