CREATE TABLE "order" (id INTEGER PRIMARY KEY, "group" TEXT, "select" INTEGER);
