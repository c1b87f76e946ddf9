// The SQLite diff on real files: FROM (with rows) and TO built from SQL and inspected, the
// diff run as a migration step on a copy of FROM, the result inspected and compared with TO,
// the rows counted; then the downgrade, compared with FROM.

#include "sqlitefiles.h"

#include <QTest>

#include <algorithm>

using namespace strata;
using namespace strata::schema;
using namespace strata::test;

class TestSqliteDiffRoundTrip : public QObject
{
    Q_OBJECT

    SqliteFiles m_files;

private Q_SLOTS:
    // Real files: FROM (with rows) and TO built from SQL and inspected, the diff run as a
    // migration step on a copy of FROM, the result inspected and compared with TO, the rows
    // counted; then the downgrade, compared with FROM. Each ALTER TABLE case and each rebuild
    // case, on a schema with ON DELETE CASCADE children, a self-reference, views (one on
    // another) and triggers.
    void roundTripOnFiles_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("seed"); // rows put in FROM
        QTest::addColumn<QString>("to");
        QTest::addColumn<QStringList>("renames"); // "key in to=old name"
        QTest::addColumn<QString>("expected");    // an operation kind the diff must hold
        // Whether the downgrade can succeed: not when it recreates a dropped parent table empty
        // under rows that reference it (the foreign key check fails the step, which rolls back).
        QTest::addColumn<bool>("downgrades");

        QString seed = QStringLiteral(
            "INSERT INTO authors (id, name, born) VALUES (1, 'Ann', 1950), (2, 'Bo', 1960), (3, "
            "'Cy', NULL);\n"
            "INSERT INTO books (id, author_id, title, price, sequel_of) VALUES (1, 1, 'A', 5, "
            "NULL), (2, 1, 'B', 12, 1), (3, 2, 'C', 8, NULL), (4, 3, 'D', 30, 3);\n"
            "INSERT INTO reviews (book_id, stars) VALUES (1, 5), (2, 3), (4, 1);\n"
            "DELETE FROM reviews WHERE id = 3;\n"
            "INSERT INTO log VALUES ('start');\n");
        QString base = QStringLiteral(
            "CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL, born INTEGER);\n"
            "CREATE TABLE books (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES authors "
            "(id) ON DELETE CASCADE, title TEXT, price REAL CHECK (price >= 0), sequel_of "
            "INTEGER REFERENCES books (id));\n"
            "CREATE TABLE reviews (id INTEGER PRIMARY KEY AUTOINCREMENT, book_id INTEGER NOT NULL "
            "REFERENCES books (id) ON DELETE CASCADE, stars INTEGER);\n"
            "CREATE TABLE log (msg TEXT);\n"
            "CREATE INDEX books_title ON books (title);\n"
            "CREATE VIEW cheap AS SELECT id, title FROM books WHERE price < 10;\n"
            "CREATE VIEW cheap_count AS SELECT count(*) AS n FROM cheap;\n"
            "CREATE TRIGGER books_log AFTER UPDATE ON books BEGIN INSERT INTO log VALUES "
            "('book ' || new.id); END;\n"
            "CREATE TRIGGER authors_log AFTER DELETE ON authors BEGIN INSERT INTO log VALUES "
            "('author gone'); END;\n");
        auto with = [&base](std::initializer_list<std::pair<const char *, const char *>> edits) {
            QString text = base;
            for (const auto &[before, after] : edits) {
                const QString b = QString::fromUtf8(before);
                if (!text.contains(b))
                    qFatal("test data: '%s' is not in the base schema", before);
                text.replace(b, QString::fromUtf8(after));
            }
            return text;
        };
        const QStringList none;
        auto row = [&](const char *name, const QString &to, const QStringList &renames,
                       const char *expected, bool downgrades = true) {
            QTest::newRow(name) << base << seed << to << renames << QString::fromUtf8(expected)
                                << downgrades;
        };

        // ALTER TABLE.
        row("add column", with({{"born INTEGER)", "born INTEGER, bio TEXT DEFAULT 'none')"}}), none,
            "alter table");
        row("add virtual generated column",
            with({{"born INTEGER)",
                   "born INTEGER, shout TEXT GENERATED ALWAYS AS (upper(name)) VIRTUAL)"}}),
            none, "alter table");
        row("add column with check",
            with({{"born INTEGER)", "born INTEGER, rank INTEGER CHECK (rank > 0))"}}), none,
            "alter table");
        row("add column with references",
            with({{"born INTEGER)", "born INTEGER, mentor_id INTEGER REFERENCES authors (id))"}}),
            none, "alter table");
        row("add not null column with default",
            with({{"born INTEGER)", "born INTEGER, active INTEGER NOT NULL DEFAULT 1)"}}), none,
            "alter table");
        row("drop column", with({{", born INTEGER)", ")"}}), none, "alter table");
        row("drop indexed column with its index",
            with({{"title TEXT, ", ""},
                  {"CREATE INDEX books_title ON books (title);\n", ""},
                  {"SELECT id, title FROM", "SELECT id FROM"}}),
            none, "alter table");
        row("rename table",
            with({{"TABLE authors", "TABLE writers"},
                  {"REFERENCES authors", "REFERENCES writers"},
                  {"DELETE ON authors", "DELETE ON writers"}}),
            {QStringLiteral("table|||writers|=authors")}, "rename table");
        row("rename column",
            with({{"title TEXT", "headline TEXT"},
                  {"books (title)", "books (headline)"},
                  {"SELECT id, title", "SELECT id, headline"}}),
            {QStringLiteral("column||books|headline|=title")}, "alter table");
        row("rename, drop and add together",
            with({{"TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL, born INTEGER)",
                   "TABLE writers (id INTEGER PRIMARY KEY, full_name TEXT NOT NULL, web TEXT)"},
                  {"REFERENCES authors", "REFERENCES writers"},
                  {"DELETE ON authors", "DELETE ON writers"}}),
            {QStringLiteral("table|||writers|=authors"),
             QStringLiteral("column||writers|full_name|=name")},
            "alter table");

        row("renames declared in another case",
            with({{"TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL, born INTEGER)",
                   "TABLE Writers (id INTEGER PRIMARY KEY, FullName TEXT NOT NULL, born INTEGER)"},
                  {"REFERENCES authors", "REFERENCES Writers"},
                  {"DELETE ON authors", "DELETE ON Writers"}}),
            {QStringLiteral("table|||Writers|=AUTHORS"),
             QStringLiteral("column||Writers|FullName|=Name")},
            "alter table");

        // The table-rebuild procedure.
        row("column type", with({{"born INTEGER", "born TEXT"}}), none, "rebuild table");
        row("column default", with({{"born INTEGER", "born INTEGER DEFAULT 1900"}}), none,
            "rebuild table");
        row("not null on a column with values",
            with({{"title TEXT", "title TEXT NOT NULL DEFAULT ''"}}), none, "rebuild table");
        row("not null dropped", with({{"name TEXT NOT NULL", "name TEXT"}}), none, "rebuild table");
        row("collation", with({{"title TEXT", "title TEXT COLLATE NOCASE"}}), none,
            "rebuild table");
        row("unique added", with({{"name TEXT NOT NULL", "name TEXT NOT NULL UNIQUE"}}), none,
            "rebuild table");
        row("check removed", with({{" CHECK (price >= 0)", ""}}), none, "rebuild table");
        row("check changed", with({{"CHECK (price >= 0)", "CHECK (price >= 0 AND price < 1000)"}}),
            none, "rebuild table");
        row("foreign key added to a column",
            with({{"stars INTEGER)", "stars INTEGER, author_id INTEGER REFERENCES authors (id) "
                                     "ON DELETE SET NULL)"}}),
            none, "alter table");
        row("foreign key changed",
            with({{"REFERENCES authors (id) ON DELETE CASCADE",
                   "REFERENCES authors (id) ON DELETE SET NULL"}}),
            none, "rebuild table");
        row("column with its own references dropped",
            with({{", sequel_of INTEGER REFERENCES books (id)", ""}}), none, "alter table");
        row("column with its own check dropped",
            with({{", price REAL CHECK (price >= 0)", ""}, {"WHERE price < 10", ""}}), none,
            "alter table");
        row("self reference removed from its column",
            with({{"sequel_of INTEGER REFERENCES books (id)", "sequel_of INTEGER"}}), none,
            "rebuild table");
        row("table check added",
            with({{"born INTEGER)", "born INTEGER, CHECK (born > 1000 OR born IS NULL))"}}), none,
            "rebuild table");
        row("primary key column dropped",
            with({{"CREATE TABLE log (msg TEXT)", "CREATE TABLE log (msg TEXT PRIMARY KEY)"}}),
            none, "rebuild table");
        row("without rowid",
            with({{"CREATE TABLE log (msg TEXT)",
                   "CREATE TABLE log (msg TEXT PRIMARY KEY) WITHOUT ROWID"}}),
            none, "rebuild table");
        row("strict",
            with({{"name TEXT NOT NULL, born INTEGER)",
                   "name TEXT NOT NULL, born INTEGER) STRICT"}}),
            none, "rebuild table");
        row("autoincrement table", with({{"stars INTEGER)", "stars INTEGER NOT NULL DEFAULT 3)"}}),
            none, "rebuild table");
        row("stored generated column added",
            with({{"born INTEGER)",
                   "born INTEGER, shout TEXT GENERATED ALWAYS AS (upper(name)) STORED)"}}),
            none, "rebuild table");
        row("current_timestamp default added",
            with({{"born INTEGER)", "born INTEGER, added TEXT DEFAULT CURRENT_TIMESTAMP)"}}), none,
            "rebuild table");
        row("expression default added",
            with({{"born INTEGER)", "born INTEGER, score INTEGER DEFAULT (1 + 1))"}}), none,
            "rebuild table");
        row("function default added",
            with({{"born INTEGER)", "born INTEGER, seen TEXT DEFAULT (datetime('now')))"}}), none,
            "rebuild table");
        row("constant defaults added",
            with({{"born INTEGER)", "born INTEGER, s INTEGER DEFAULT (-1), t TEXT DEFAULT ('x'), "
                                    "u BLOB DEFAULT x'00', v INTEGER DEFAULT TRUE, w TEXT DEFAULT "
                                    "(CAST(1 AS TEXT)), x INTEGER NOT NULL DEFAULT +3)"}}),
            none, "alter table");
        row("unique column added", with({{"born INTEGER)", "born INTEGER, code TEXT UNIQUE)"}}),
            none, "rebuild table");
        row("rebuild of a renamed table with a renamed column",
            with({{"TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL, born INTEGER)",
                   "TABLE writers (id INTEGER PRIMARY KEY, full_name TEXT NOT NULL, born TEXT)"},
                  {"REFERENCES authors", "REFERENCES writers"},
                  {"DELETE ON authors", "DELETE ON writers"}}),
            {QStringLiteral("table|||writers|=authors"),
             QStringLiteral("column||writers|full_name|=name")},
            "rebuild table");

        // Tables, indexes, views and triggers on their own.
        row("table added",
            with({{"CREATE TABLE log (msg TEXT);", "CREATE TABLE log (msg TEXT);\n"
                                                   "CREATE TABLE tags (book_id "
                                                   "INTEGER REFERENCES books (id), "
                                                   "tag TEXT);"}}),
            none, "create table");
        row("table dropped with the kept table's reference to it",
            with({{"book_id INTEGER NOT NULL REFERENCES books (id) ON DELETE CASCADE",
                   "book_id INTEGER NOT NULL"},
                  {"CREATE TABLE books (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES "
                   "authors (id) ON DELETE CASCADE, title TEXT, price REAL CHECK (price >= 0), "
                   "sequel_of INTEGER REFERENCES books (id));\n",
                   ""},
                  {"CREATE INDEX books_title ON books (title);\n", ""},
                  {"CREATE VIEW cheap AS SELECT id, title FROM books WHERE price < 10;\n", ""},
                  {"CREATE VIEW cheap_count AS SELECT count(*) AS n FROM cheap;\n", ""},
                  {"CREATE TRIGGER books_log AFTER UPDATE ON books BEGIN INSERT INTO log VALUES "
                   "('book ' || new.id); END;\n",
                   ""}}),
            none, "rebuild table", false);
        row("table dropped with the triggers that write to it",
            with(
                {{"CREATE TABLE log (msg TEXT);\n", ""},
                 {"CREATE TRIGGER books_log AFTER UPDATE ON books BEGIN INSERT INTO log VALUES "
                  "('book ' || new.id); END;\n",
                  ""},
                 {"CREATE TRIGGER authors_log AFTER DELETE ON authors BEGIN INSERT INTO log VALUES "
                  "('author gone'); END;\n",
                  ""}}),
            none, "drop table");
        row("partial index", with({{"books (title)", "books (title) WHERE price > 0"}}), none,
            "create index");
        row("view changed and its dependant recreated",
            with({{"WHERE price < 10", "WHERE price < 20"}}), none, "create view");
        row("trigger changed", with({{"'author gone'", "'author removed'"}}), none,
            "create trigger");

        // A second schema: names that need quotes, a WITHOUT ROWID grandchild, two tables that
        // reference each other, a view with an INSTEAD OF trigger.
        base = QStringLiteral(
            "CREATE TABLE \"Customers\" (\"Id\" INTEGER PRIMARY KEY, \"group\" TEXT, email TEXT "
            "UNIQUE);\n"
            "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES "
            "\"Customers\" (\"Id\") ON DELETE SET NULL, total REAL, note TEXT);\n"
            "CREATE TABLE lines (order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE "
            "CASCADE, sku TEXT NOT NULL, qty INTEGER DEFAULT 1, PRIMARY KEY (order_id, sku)) "
            "WITHOUT ROWID;\n"
            "CREATE TABLE a (id INTEGER PRIMARY KEY, b_id INTEGER REFERENCES b (id) DEFERRABLE "
            "INITIALLY DEFERRED, v TEXT);\n"
            "CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a (id) DEFERRABLE "
            "INITIALLY DEFERRED, w TEXT);\n"
            "CREATE VIEW order_totals AS SELECT c.\"Id\", sum(o.total) AS total FROM \"Customers\" "
            "c JOIN orders o ON o.customer_id = c.\"Id\" GROUP BY c.\"Id\";\n"
            "CREATE TRIGGER order_totals_insert INSTEAD OF INSERT ON order_totals BEGIN INSERT "
            "INTO orders (customer_id, total) VALUES (new.\"Id\", new.total); END;\n"
            "CREATE TRIGGER lines_note AFTER INSERT ON lines BEGIN UPDATE orders SET note = 'has "
            "lines' WHERE id = new.order_id; END;\n");
        seed = QStringLiteral(
            "INSERT INTO \"Customers\" VALUES (1, 'x', 'a@x'), (2, 'y', 'b@x');\n"
            "INSERT INTO orders VALUES (1, 1, 10, NULL), (2, 1, 5, NULL), (3, 2, 7, NULL);\n"
            "INSERT INTO lines VALUES (1, 's1', 1), (1, 's2', 2), (3, 's1', 1);\n"
            "INSERT INTO a VALUES (1, NULL, 'a1');\n"
            "INSERT INTO b VALUES (1, 1, 'b1');\n"
            "UPDATE a SET b_id = 1;\n");
        row("quoted names rebuilt with a grandchild",
            with({{"\"group\" TEXT,", "\"group\" TEXT NOT NULL DEFAULT '',"}}), none,
            "rebuild table");
        row("quoted column added",
            with({{"email TEXT UNIQUE)", "email TEXT UNIQUE, \"Order\" TEXT)"}}), none,
            "alter table");
        row("column added to a WITHOUT ROWID table",
            with({{"qty INTEGER DEFAULT 1,", "qty INTEGER DEFAULT 1, price REAL,"}}), none,
            "alter table");
        row("column dropped from a WITHOUT ROWID table", with({{"qty INTEGER DEFAULT 1, ", ""}}),
            none, "alter table");
        row("tables that reference each other", with({{"v TEXT", "v TEXT NOT NULL DEFAULT 'v'"}}),
            none, "rebuild table");
        row("rebuilt under a new name with a child that has no delete action",
            with({{"CREATE TABLE a (id INTEGER PRIMARY KEY, b_id INTEGER REFERENCES b (id) "
                   "DEFERRABLE INITIALLY DEFERRED, v TEXT)",
                   "CREATE TABLE a2 (id INTEGER PRIMARY KEY, b_id INTEGER REFERENCES b (id) "
                   "DEFERRABLE INITIALLY DEFERRED, v TEXT NOT NULL DEFAULT 'v')"},
                  {"REFERENCES a (id)", "REFERENCES a2 (id)"}}),
            {QStringLiteral("table|||a2|=a")}, "rebuild table");
        row("new table referencing a rebuilt one",
            with({{"total REAL", "total NUMERIC"},
                  {"CREATE TABLE a ", "CREATE TABLE refunds (order_id INTEGER REFERENCES orders "
                                      "(id), amount REAL);\nCREATE TABLE a "}}),
            none, "create table");
        row("child of a rebuilt table dropped",
            with({{"note TEXT", "note VARCHAR(200)"},
                  {"CREATE TABLE lines (order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE "
                   "CASCADE, sku TEXT NOT NULL, qty INTEGER DEFAULT 1, PRIMARY KEY (order_id, "
                   "sku)) WITHOUT ROWID;\n",
                   ""},
                  {"CREATE TRIGGER lines_note AFTER INSERT ON lines BEGIN UPDATE orders SET note = "
                   "'has lines' WHERE id = new.order_id; END;\n",
                   ""}}),
            none, "drop table");
        row("columns that exchange names",
            with({{"total REAL, note TEXT", "note REAL, total TEXT"},
                  {"sum(o.total) AS total", "sum(o.note) AS total"},
                  {"INTO orders (customer_id, total)", "INTO orders (customer_id, note)"},
                  {"SET note = 'has lines'", "SET total = 'has lines'"}}),
            {QStringLiteral("column||orders|note|=total"),
             QStringLiteral("column||orders|total|=note")},
            "rebuild table");
        row("index on an expression and a partial index on a rebuilt table",
            with({{"total REAL", "total NUMERIC"},
                  {"CREATE TABLE a ", "CREATE INDEX orders_lower ON orders (lower(note));\n"
                                      "CREATE INDEX orders_big ON orders (total) WHERE total > "
                                      "6;\nCREATE TABLE a "}}),
            none, "rebuild table");
        row("parent's key column renamed",
            with({{"(\"Id\" INTEGER PRIMARY KEY", "(cid INTEGER PRIMARY KEY"},
                  {"REFERENCES \"Customers\" (\"Id\")", "REFERENCES \"Customers\" (cid)"},
                  {"SELECT c.\"Id\"", "SELECT c.cid"},
                  {"o.customer_id = c.\"Id\" GROUP BY c.\"Id\"",
                   "o.customer_id = c.cid GROUP BY c.cid"},
                  {"VALUES (new.\"Id\", new.total)", "VALUES (new.cid, new.total)"}}),
            {QStringLiteral("column||customers|cid|=id")}, "alter table");
        row("unique column dropped", with({{", email TEXT UNIQUE", ""}}), none, "rebuild table");
        row("references column with a default added",
            with({{"note TEXT)", "note TEXT, customer2 INTEGER DEFAULT 1 REFERENCES \"Customers\" "
                                 "(\"Id\"))"}}),
            none, "rebuild table");
        row("table renamed into the name of a dropped one",
            with({{"CREATE TABLE a (id INTEGER PRIMARY KEY, b_id INTEGER REFERENCES b (id) "
                   "DEFERRABLE INITIALLY DEFERRED, v TEXT);\n",
                   ""},
                  {"CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a (id) "
                   "DEFERRABLE INITIALLY DEFERRED, w TEXT);\n",
                   "CREATE TABLE a (id INTEGER PRIMARY KEY, a_id INTEGER, w TEXT);\n"}}),
            {QStringLiteral("table|||a|=b")}, "rebuild table", false);
    }

    // A column made NOT NULL: with a default its NULL rows take it (no hazard), without one
    // the rebuild says it fails on them. A type of another affinity converts values: flagged.
    void notNullAndAffinity()
    {
        const QString from =
            QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, code TEXT);"
                           "INSERT INTO t VALUES (1, NULL, '007'), (2, 'x', '1e3');");
        const QString to = QStringLiteral(
            "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL DEFAULT 'd', code TEXT);");
        const QString fromPath = m_files.file(from);
        const auto fromModel = m_files.inspectFile(fromPath);
        const auto toModel = m_files.inspectFile(m_files.file(to));
        QVERIFY(fromModel && toModel);
        const SchemaDiff diff = diffSqlite(*fromModel, *toModel);
        QCOMPARE(diff.operations.size(), 1);
        QVERIFY(!diff.operations.first().hazards.contains(Hazard::FailsWithRows));
        QVERIFY(!diff.operations.first().hazards.contains(Hazard::DeletesData));
        const QString path = m_files.copy(fromPath);
        const Status up = m_files.run(path, diff.upgradeSql());
        QVERIFY2(up.ok(), qPrintable(up.ok() ? QString() : up.error().message));
        QCOMPARE(m_files.rows(path, QStringLiteral("SELECT a FROM t ORDER BY id")),
                 (QStringList{QStringLiteral("d"), QStringLiteral("x")}));

        const auto numeric = m_files.inspectFile(m_files.file(
            QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, code INTEGER);")));
        QVERIFY(numeric);
        const SchemaDiff converting = diffSqlite(*fromModel, *numeric);
        QCOMPARE(converting.operations.size(), 1);
        QVERIFY(converting.operations.first().hazards.contains(Hazard::DeletesData));
    }

    // Renames declared with the user's spelling (upper case, spaces): matched as SQLite matches
    // names, run with that spelling, the rows kept.
    void renamesKeepTheirSpelling()
    {
        const QString fromPath =
            m_files.file(QStringLiteral("CREATE TABLE items (id INTEGER PRIMARY KEY, qty INT); "
                                        "INSERT INTO items VALUES (1, 2);"));
        const auto fromModel = m_files.inspectFile(fromPath);
        const auto toModel = m_files.inspectFile(m_files.file(QStringLiteral(
            "CREATE TABLE \"Stock Items\" (id INTEGER PRIMARY KEY, Quantity INT);")));
        QVERIFY(fromModel && toModel);
        DiffOptions options;
        options.renames.insert(QStringLiteral("table|||Stock Items|"), QStringLiteral("ITEMS"));
        options.renames.insert(QStringLiteral("column||Stock Items|Quantity|"),
                               QStringLiteral("Qty"));
        const SchemaDiff diff = diffSqlite(*fromModel, *toModel, options);
        QCOMPARE(diff.operations.size(), 1);
        QCOMPARE(diff.operations.first().sql,
                 (QStringList{QStringLiteral("ALTER TABLE items RENAME TO \"Stock Items\""),
                              QStringLiteral("ALTER TABLE \"Stock Items\" RENAME COLUMN qty TO "
                                             "\"Quantity\"")}));
        const QString path = m_files.copy(fromPath);
        QVERIFY(m_files.run(path, diff.upgradeSql()).ok());
        QCOMPARE(m_files.rows(path, QStringLiteral("SELECT * FROM \"Stock Items\"")),
                 QStringList{QStringLiteral("1|2")});
        QCOMPARE(m_files.rows(path, QStringLiteral("SELECT name FROM pragma_table_info('Stock "
                                                   "Items') ORDER BY cid")),
                 (QStringList{QStringLiteral("id"), QStringLiteral("Quantity")}));
        QVERIFY(m_files.run(path, diff.downgradeSql()).ok());
        QCOMPARE(m_files.rows(path, QStringLiteral("SELECT * FROM items")),
                 QStringList{QStringLiteral("1|2")});
    }

    // A rowid table without an INTEGER PRIMARY KEY keeps its rowids through a rebuild and back
    // (gaps included), so what is keyed by rowid still finds its rows.
    void rebuildKeepsRowids()
    {
        const QString fromPath = m_files.file(QStringLiteral(
            "CREATE TABLE t (a TEXT, b INTEGER);"
            "INSERT INTO t VALUES ('x', 1), ('y', 2), ('z', 3); DELETE FROM t WHERE b = 2;"
            "INSERT INTO t (rowid, a, b) VALUES (10, 'w', 4);"));
        const auto fromModel = m_files.inspectFile(fromPath);
        const auto toModel = m_files.inspectFile(
            m_files.file(QStringLiteral("CREATE TABLE t (a TEXT NOT NULL DEFAULT '', b REAL);")));
        QVERIFY(fromModel && toModel);
        const SchemaDiff diff = diffSqlite(*fromModel, *toModel);
        QCOMPARE(diff.operations.size(), 1);
        QCOMPARE(diff.operations.first().kind, QStringLiteral("rebuild table"));
        const QString path = m_files.copy(fromPath);
        const QStringList before = m_files.rows(path, QStringLiteral("SELECT rowid, a FROM t"));
        QCOMPARE(before, (QStringList{QStringLiteral("1|x"), QStringLiteral("3|z"),
                                      QStringLiteral("10|w")}));
        QVERIFY(m_files.run(path, diff.upgradeSql()).ok());
        QCOMPARE(m_files.rows(path, QStringLiteral("SELECT rowid, a FROM t")), before);
        QVERIFY(m_files.run(path, diff.downgradeSql()).ok());
        QCOMPARE(m_files.rows(path, QStringLiteral("SELECT rowid, a FROM t")), before);
    }

    // A unique column made NOCASE: the rebuild says the copied rows are checked, and fails on
    // values that differ only in case (rolled back).
    void uniqueColumnUnderNocaseIsChecked()
    {
        const QString fromPath =
            m_files.file(QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT UNIQUE);"
                                        "INSERT INTO t VALUES (1, 'a'), (2, 'A');"));
        const auto fromModel = m_files.inspectFile(fromPath);
        const auto toModel = m_files.inspectFile(m_files.file(QStringLiteral(
            "CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT COLLATE NOCASE UNIQUE);")));
        QVERIFY(fromModel && toModel);
        const SchemaDiff diff = diffSqlite(*fromModel, *toModel);
        QCOMPARE(diff.operations.size(), 1);
        QVERIFY(diff.operations.first().hazards.contains(Hazard::ValidatesConstraint));
        const QString path = m_files.copy(fromPath);
        const Status up = m_files.run(path, diff.upgradeSql());
        QVERIFY(!up.ok());
        QVERIFY2(up.error().message.contains(QStringLiteral("UNIQUE constraint failed")),
                 qPrintable(up.error().message));
        QCOMPARE(m_files.rows(path, QStringLiteral("SELECT count(*) FROM t")),
                 QStringList{QStringLiteral("2")});
    }

    // Columns DROP COLUMN refuses: in a table CHECK, in a table UNIQUE, used by a generated
    // column; and ALTER TABLE for the others.
    void dropColumnRefusals_data()
    {
        QTest::addColumn<QString>("dropped");
        QTest::addColumn<QString>("expected");
        QTest::newRow("in the primary key")
            << QStringLiteral("k") << QStringLiteral("rebuild table");
        QTest::newRow("in a table check") << QStringLiteral("a") << QStringLiteral("rebuild table");
        QTest::newRow("in a table unique")
            << QStringLiteral("d") << QStringLiteral("rebuild table");
        QTest::newRow("used by a generated column")
            << QStringLiteral("b") << QStringLiteral("rebuild table");
        QTest::newRow("generated itself") << QStringLiteral("c") << QStringLiteral("alter table");
        QTest::newRow("plain") << QStringLiteral("e") << QStringLiteral("alter table");
    }

    void dropColumnRefusals()
    {
        QFETCH(QString, dropped);
        QFETCH(QString, expected);
        const QStringList columns = {QStringLiteral("id INTEGER NOT NULL"),
                                     QStringLiteral("k INTEGER"),
                                     QStringLiteral("a INTEGER"),
                                     QStringLiteral("b INTEGER"),
                                     QStringLiteral("c INTEGER GENERATED ALWAYS AS (b * 2)"),
                                     QStringLiteral("d INTEGER"),
                                     QStringLiteral("e TEXT")};
        auto table = [&](const QString &without) {
            QStringList kept;
            for (const QString &column : columns) {
                if (column.section(QLatin1Char(' '), 0, 0) != without &&
                    !(without == QLatin1String("b") && column.startsWith(QLatin1Char('c'))))
                    kept.append(column);
            }
            kept.append(without == QLatin1String("k") ? QStringLiteral("PRIMARY KEY (id)")
                                                      : QStringLiteral("PRIMARY KEY (id, k)"));
            if (without != QLatin1String("a"))
                kept.append(QStringLiteral("CHECK (a >= 0)"));
            if (without != QLatin1String("d"))
                kept.append(QStringLiteral("UNIQUE (d)"));
            return QStringLiteral("CREATE TABLE t (%1);").arg(kept.join(QStringLiteral(", ")));
        };
        const QString fromPath = m_files.file(
            table({}) +
            QStringLiteral("INSERT INTO t (id, k, a, b, d, e) VALUES (1, 1, 1, 2, 3, 'x');"));
        const auto fromModel = m_files.inspectFile(fromPath);
        const auto toModel = m_files.inspectFile(m_files.file(table(dropped)));
        QVERIFY(fromModel && toModel);
        const SchemaDiff diff = diffSqlite(*fromModel, *toModel);
        QCOMPARE(diff.operations.size(), 1);
        QCOMPARE(diff.operations.first().kind, expected);
        const QString path = m_files.copy(fromPath);
        const Status up = m_files.run(path, diff.upgradeSql());
        QVERIFY2(up.ok(), qPrintable(up.ok() ? QString() : up.error().message));
        const auto upgraded = m_files.inspectFile(path);
        QVERIFY(upgraded);
        QVERIFY2(m_files.changes(*toModel, *upgraded).isEmpty(),
                 qPrintable(m_files.changes(*toModel, *upgraded)));
        QCOMPARE(m_files.rows(path, QStringLiteral("SELECT count(*) FROM t")),
                 QStringList{QStringLiteral("1")});
        const Status down = m_files.run(path, diff.downgradeSql());
        QVERIFY2(down.ok(), qPrintable(down.ok() ? QString() : down.error().message));
        const auto downgraded = m_files.inspectFile(path);
        QVERIFY(downgraded);
        QVERIFY2(m_files.changes(*fromModel, *downgraded).isEmpty(),
                 qPrintable(m_files.changes(*fromModel, *downgraded)));
    }

    // A NOT NULL column added without a default: the rebuild says it fails with rows, and does
    // (the step rolls back, the rows stay); on an empty table it runs.
    void notNullColumnWithoutDefaultFailsWithRows()
    {
        const QString from = QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT);");
        const QString to =
            QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT NOT NULL);");
        const auto fromModel = m_files.inspectFile(m_files.file(from));
        const auto toModel = m_files.inspectFile(m_files.file(to));
        QVERIFY(fromModel && toModel);
        const SchemaDiff diff = diffSqlite(*fromModel, *toModel);
        QCOMPARE(diff.operations.size(), 1);
        QCOMPARE(diff.operations.first().kind, QStringLiteral("rebuild table"));
        QVERIFY(diff.operations.first().hazards.contains(Hazard::FailsWithRows));
        QVERIFY(diff.upgradeSql().contains(
            QStringLiteral("-- hazard: fails when the table has rows: give the column a default")));

        const QString full = m_files.file(from + QStringLiteral("INSERT INTO t VALUES (1, 'x');"));
        const Status failed = m_files.run(full, diff.upgradeSql());
        QVERIFY(!failed.ok());
        QVERIFY2(failed.error().message.contains(QStringLiteral("NOT NULL constraint failed")),
                 qPrintable(failed.error().message));
        QCOMPARE(m_files.rows(full, QStringLiteral("SELECT * FROM t")),
                 QStringList{QStringLiteral("1|x")});
        const auto unchanged = m_files.inspectFile(full);
        QVERIFY(unchanged);
        QVERIFY(m_files.changes(*fromModel, *unchanged).isEmpty());

        const QString empty = m_files.file(from);
        QVERIFY(m_files.run(empty, diff.upgradeSql()).ok());
        const auto upgraded = m_files.inspectFile(empty);
        QVERIFY(upgraded);
        QVERIFY(m_files.changes(*toModel, *upgraded).isEmpty());
    }

    void roundTripOnFiles()
    {
        QFETCH(QString, from);
        QFETCH(QString, seed);
        QFETCH(QString, to);
        QFETCH(QStringList, renames);
        QFETCH(QString, expected);
        QFETCH(bool, downgrades);
        const QString fromPath = m_files.file(from + seed);
        const QString toPath = m_files.file(to);
        QVERIFY(!fromPath.isEmpty() && !toPath.isEmpty());
        const auto fromModel = m_files.inspectFile(fromPath);
        const auto toModel = m_files.inspectFile(toPath);
        QVERIFY2(fromModel, qPrintable(fromModel ? QString() : fromModel.error().message));
        QVERIFY2(toModel, qPrintable(toModel ? QString() : toModel.error().message));
        DiffOptions options;
        for (const QString &rename : renames)
            options.renames.insert(rename.section(QLatin1Char('='), 0, 0),
                                   rename.section(QLatin1Char('='), 1));
        const SchemaDiff diff = diffSqlite(*fromModel, *toModel, options);
        QVERIFY2(diff.refused.isEmpty(), qPrintable(diff.refused.join(QLatin1Char('\n'))));
        const QString script =
            diff.upgradeSql() + QStringLiteral("\n-- down\n") + diff.downgradeSql();
        QVERIFY2(std::any_of(diff.operations.cbegin(), diff.operations.cend(),
                             [&](const Operation &op) { return op.kind == expected; }),
                 qPrintable(script));

        const QString path = m_files.copy(fromPath);
        QVERIFY(!path.isEmpty());
        const QMap<QString, QString> before = m_files.counts(path, *fromModel);
        const Status up = m_files.run(path, diff.upgradeSql());
        QVERIFY2(up.ok(), qPrintable((up.ok() ? QString() : up.error().message) +
                                     QLatin1Char('\n') + script));
        const auto upgraded = m_files.inspectFile(path);
        QVERIFY(upgraded);
        QVERIFY2(m_files.changes(*toModel, *upgraded).isEmpty(),
                 qPrintable(m_files.changes(*toModel, *upgraded) + QLatin1Char('\n') + script));
        const QMap<QString, QString> after = m_files.counts(path, *upgraded);
        QStringList kept;
        for (auto it = before.cbegin(); it != before.cend(); ++it) {
            QString name = it.key();
            for (const QString &rename : renames) {
                if (rename.startsWith(QLatin1String("table|")) &&
                    rename.section(QLatin1Char('='), 1) == name)
                    name = rename.section(QLatin1Char('|'), 3, 3);
            }
            if (after.contains(name)) {
                QCOMPARE(after.value(name), it.value());
                kept.append(it.key());
            }
        }
        QCOMPARE(
            m_files.rows(path, QStringLiteral("SELECT seq FROM sqlite_sequence WHERE name = "
                                              "'reviews'")),
            m_files.rows(fromPath, QStringLiteral("SELECT seq FROM sqlite_sequence WHERE name = "
                                                  "'reviews'")));

        const Status down = m_files.run(path, diff.downgradeSql());
        if (!downgrades) {
            QVERIFY(!down.ok());
            QVERIFY2(down.error().message.startsWith(QStringLiteral("foreign key check failed")),
                     qPrintable(down.error().message));
            const auto unchanged = m_files.inspectFile(path);
            QVERIFY(unchanged);
            QVERIFY2(m_files.changes(*toModel, *unchanged).isEmpty(),
                     qPrintable(m_files.changes(*toModel, *unchanged)));
            return;
        }
        QVERIFY2(down.ok(), qPrintable((down.ok() ? QString() : down.error().message) +
                                       QLatin1Char('\n') + script));
        const auto downgraded = m_files.inspectFile(path);
        QVERIFY(downgraded);
        QVERIFY2(m_files.changes(*fromModel, *downgraded).isEmpty(),
                 qPrintable(m_files.changes(*fromModel, *downgraded) + QLatin1Char('\n') + script));
        // Every table the upgrade kept has its rows back; one it dropped comes back empty.
        const QMap<QString, QString> back = m_files.counts(path, *downgraded);
        for (auto it = before.cbegin(); it != before.cend(); ++it) {
            if (kept.contains(it.key()))
                QCOMPARE(back.value(it.key()), it.value());
        }
    }
};

QTEST_GUILESS_MAIN(TestSqliteDiffRoundTrip)
#include "tst_sqlitediffroundtrip.moc"
