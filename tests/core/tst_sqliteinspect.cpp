// inspectSqlite() (schema/inspector.h) on real SQLite files: every property schemamodel.h lists
// for SQLite, constraints written on a column or on the table reading alike, generated columns,
// partial and expression indexes, WITHOUT ROWID, STRICT, AUTOINCREMENT, views and triggers with
// what they depend on, virtual tables and what is left out; and the same schema written with
// other whitespace, case and quoting comparing equal while a real change is found.

#include "drivers/sqlite/sqlitedriver.h"
#include "schema/inspect_sqlite_p.h"
#include "schema/inspector.h"
#include "schema/schemadiff.h"

#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using namespace strata::schema;

namespace {

QString describe(const QList<ObjectChange> &changes)
{
    QStringList text;
    for (const ObjectChange &change : changes)
        text << changeName(change.change) + QLatin1Char(' ') + change.object +
                    (change.detail.isEmpty() ? QString() : QStringLiteral(": ") + change.detail);
    return text.join(QLatin1Char('\n'));
}

QString key(ObjectKind kind, const QString &table, const QString &name)
{
    SchemaObject object;
    object.kind = kind;
    object.table = table;
    object.name = name;
    return object.key();
}

} // namespace

class TestSqliteInspect : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_files = 0;

    // A new SQLite file holding `sql`, inspected.
    SchemaModel inspectSql(const QString &sql, const InspectOptions &options = {})
    {
        const QString path = m_dir.path() + QStringLiteral("/db%1.sqlite").arg(++m_files);
        SqliteDriver driver(path);
        if (Status opened = driver.open(); !opened) {
            qWarning("%s", qPrintable(opened.error().message));
            return {};
        }
        // One transaction, so a large schema is written in one go.
        if (Status begun = driver.begin(); !begun)
            return {};
        for (const Statement &statement : driver.splitStatements(sql, 1)) {
            if (Status done = driver.execute(statement); !done) {
                qWarning("%s: %s", qPrintable(statement.text), qPrintable(done.error().message));
                return {};
            }
        }
        if (Status committed = driver.commit(); !committed)
            return {};
        auto model = inspect(driver, options);
        if (!model) {
            qWarning("%s", qPrintable(model.error().message));
            return {};
        }
        return *model;
    }

    static const SchemaObject &get(const SchemaModel &model, ObjectKind kind, const QString &table,
                                   const QString &name)
    {
        static const SchemaObject missing;
        const SchemaObject *found = model.find(key(kind, table, name));
        if (!found)
            qWarning("no %s", qPrintable(key(kind, table, name)));
        return found ? *found : missing;
    }

private Q_SLOTS:
    void engineAndVersion()
    {
        const SchemaModel model = inspectSql(QStringLiteral("CREATE TABLE t (a INT);"));
        QCOMPARE(model.engine, Engine::SQLite);
        QVERIFY2(model.serverVersion.startsWith(QLatin1String("SQLite 3.")),
                 qPrintable(model.serverVersion));
        QVERIFY(model.unsupported.isEmpty());
        for (const SchemaObject &object : model.objects())
            QVERIFY(object.schema.isEmpty());
    }

    void emptyDatabase()
    {
        const SchemaModel model = inspectSql(QString());
        QVERIFY(model.isEmpty());
        QCOMPARE(model.engine, Engine::SQLite);
    }

    void columns()
    {
        const SchemaModel model =
            inspectSql(QStringLiteral("CREATE TABLE \"Item\" (\n"
                                      "  id INTEGER PRIMARY KEY,\n"
                                      "  Name varchar ( 20 ) NOT NULL COLLATE nocase,\n"
                                      "  price decimal(10,  2) DEFAULT (0.5 * 2),\n"
                                      "  note TEXT DEFAULT 'n/a' COLLATE BINARY,\n"
                                      "  quoted DEFAULT \"Hello\",\n"
                                      "  created TEXT DEFAULT CURRENT_TIMESTAMP,\n"
                                      "  neg INT DEFAULT -1,\n"
                                      "  raw\n"
                                      ");"));
        QCOMPARE(get(model, ObjectKind::Table, {}, QStringLiteral("item"))
                     .property(QStringLiteral("sql")),
                 QStringLiteral("CREATE TABLE \"Item\" (\n  id INTEGER PRIMARY KEY,\n  Name "
                                "varchar ( 20 ) NOT NULL COLLATE nocase,\n  price decimal(10,  2) "
                                "DEFAULT (0.5 * 2),\n  note TEXT DEFAULT 'n/a' COLLATE BINARY,\n  "
                                "quoted DEFAULT \"Hello\",\n  created TEXT DEFAULT "
                                "CURRENT_TIMESTAMP,\n  neg INT DEFAULT -1,\n  raw\n)"));
        const QString item = QStringLiteral("item");
        const SchemaObject &id = get(model, ObjectKind::Column, item, QStringLiteral("id"));
        QCOMPARE(id.property(QStringLiteral("type")), QStringLiteral("INTEGER"));
        QCOMPARE(id.property(QStringLiteral("primary_key")), QStringLiteral("1"));
        QCOMPARE(id.property(QStringLiteral("not_null")), QStringLiteral("false"));
        QCOMPARE(id.property(QStringLiteral("autoincrement")), QString());
        QCOMPARE(id.property(QStringLiteral("position")), QStringLiteral("0"));
        const SchemaObject &name = get(model, ObjectKind::Column, item, QStringLiteral("name"));
        QCOMPARE(name.property(QStringLiteral("type")), QStringLiteral("VARCHAR(20)"));
        QCOMPARE(name.property(QStringLiteral("not_null")), QStringLiteral("true"));
        QCOMPARE(name.property(QStringLiteral("collation")), QStringLiteral("NOCASE"));
        QCOMPARE(name.property(QStringLiteral("primary_key")), QString());
        QCOMPARE(name.property(QStringLiteral("default")), QString());
        const SchemaObject &price = get(model, ObjectKind::Column, item, QStringLiteral("price"));
        QCOMPARE(price.property(QStringLiteral("type")), QStringLiteral("DECIMAL(10,2)"));
        QCOMPARE(price.property(QStringLiteral("default")), QStringLiteral("0.5 * 2"));
        const SchemaObject &note = get(model, ObjectKind::Column, item, QStringLiteral("note"));
        QCOMPARE(note.property(QStringLiteral("default")), QStringLiteral("'n/a'"));
        QCOMPARE(note.property(QStringLiteral("collation")), QString());
        QCOMPARE(get(model, ObjectKind::Column, item, QStringLiteral("quoted"))
                     .property(QStringLiteral("default")),
                 QStringLiteral("'Hello'"));
        QCOMPARE(get(model, ObjectKind::Column, item, QStringLiteral("created"))
                     .property(QStringLiteral("default")),
                 QStringLiteral("current_timestamp"));
        QCOMPARE(get(model, ObjectKind::Column, item, QStringLiteral("neg"))
                     .property(QStringLiteral("default")),
                 QStringLiteral("- 1"));
        const SchemaObject &raw = get(model, ObjectKind::Column, item, QStringLiteral("raw"));
        QCOMPARE(raw.property(QStringLiteral("type")), QString());
        QCOMPARE(raw.property(QStringLiteral("position")), QStringLiteral("7"));
        QCOMPARE(model.objects(ObjectKind::Column).size(), 8);
    }

    void declaredTypes()
    {
        const SchemaModel model = inspectSql(QStringLiteral(
            "CREATE TABLE t (a unsigned   BIG\tint, b \"integer\", c Double Precision, "
            "d numeric( 10 ,2 ), e character varying(255), f);"));
        QStringList types;
        for (const SchemaObject &column : model.objects(ObjectKind::Column))
            types << column.name + QLatin1Char(' ') + column.property(QStringLiteral("type"));
        QCOMPARE(types, (QStringList{
                            QStringLiteral("a UNSIGNED BIG INT"), QStringLiteral("b INTEGER"),
                            QStringLiteral("c DOUBLE PRECISION"), QStringLiteral("d NUMERIC(10,2)"),
                            QStringLiteral("e CHARACTER VARYING(255)"), QStringLiteral("f ")}));
    }

    void tableOptions()
    {
        const SchemaModel model = inspectSql(
            QStringLiteral("CREATE TABLE plain (a INT);\n"
                           "CREATE TABLE kv (k TEXT PRIMARY KEY, v ANY) WITHOUT ROWID, STRICT;\n"
                           "CREATE TABLE s (a INTEGER, b TEXT) STRICT;\n"
                           "CREATE TABLE w (a, b, PRIMARY KEY (b DESC, a)) without rowid;"));
        auto table = [&](const char *name) {
            return get(model, ObjectKind::Table, {}, QString::fromLatin1(name));
        };
        QCOMPARE(table("plain").property(QStringLiteral("without_rowid")), QString());
        QCOMPARE(table("plain").property(QStringLiteral("strict")), QString());
        QCOMPARE(table("kv").property(QStringLiteral("without_rowid")), QStringLiteral("true"));
        QCOMPARE(table("kv").property(QStringLiteral("strict")), QStringLiteral("true"));
        QCOMPARE(table("s").property(QStringLiteral("strict")), QStringLiteral("true"));
        QCOMPARE(table("s").property(QStringLiteral("without_rowid")), QString());
        QCOMPARE(table("w").property(QStringLiteral("without_rowid")), QStringLiteral("true"));
        // The key's order is the PRIMARY KEY clause's, not the columns'.
        QCOMPARE(get(model, ObjectKind::Column, QStringLiteral("w"), QStringLiteral("b"))
                     .property(QStringLiteral("primary_key")),
                 QStringLiteral("1"));
        QCOMPARE(get(model, ObjectKind::Column, QStringLiteral("w"), QStringLiteral("a"))
                     .property(QStringLiteral("primary_key")),
                 QStringLiteral("2"));
        QCOMPARE(get(model, ObjectKind::Column, QStringLiteral("kv"), QStringLiteral("k"))
                     .property(QStringLiteral("not_null")),
                 QStringLiteral("true"));
        // The primary key's own index is not an index of the model.
        QVERIFY(model.objects(ObjectKind::Index).isEmpty());
        QVERIFY(model.objects(ObjectKind::Constraint).isEmpty());
    }

    void autoincrement()
    {
        const SchemaModel model = inspectSql(
            QStringLiteral("CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT, x);\n"
                           "CREATE TABLE b (id INTEGER, x, PRIMARY KEY (id AUTOINCREMENT));\n"
                           "CREATE TABLE c (id INTEGER PRIMARY KEY, x);"));
        for (const char *table : {"a", "b"})
            QCOMPARE(
                get(model, ObjectKind::Column, QString::fromLatin1(table), QStringLiteral("id"))
                    .property(QStringLiteral("autoincrement")),
                QStringLiteral("true"));
        QCOMPARE(get(model, ObjectKind::Column, QStringLiteral("c"), QStringLiteral("id"))
                     .property(QStringLiteral("autoincrement")),
                 QString());
        QCOMPARE(get(model, ObjectKind::Column, QStringLiteral("a"), QStringLiteral("x"))
                     .property(QStringLiteral("autoincrement")),
                 QString());
        // sqlite_sequence, which AUTOINCREMENT makes, is SQLite's own.
        QVERIFY(!model.find(key(ObjectKind::Table, {}, QStringLiteral("sqlite_sequence"))));
        // Both spellings are the same column.
        QVERIFY(compare(inspectSql(QStringLiteral(
                            "CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT, x);")),
                        inspectSql(QStringLiteral(
                            "CREATE TABLE a (id INTEGER, x, PRIMARY KEY (id AUTOINCREMENT));")))
                    .isEmpty());
    }

    void generatedColumns()
    {
        const SchemaModel model =
            inspectSql(QStringLiteral("CREATE TABLE g (a INT, b INT,\n"
                                      "  v INT GENERATED ALWAYS AS (a + b) VIRTUAL,\n"
                                      "  s TEXT GENERATED ALWAYS AS (A||'x') STORED,\n"
                                      "  d AS (a*2),\n"
                                      "  n INT NOT NULL AS (b) STORED);"));
        const QString g = QStringLiteral("g");
        auto generated = [&](const char *column) {
            return get(model, ObjectKind::Column, g, QString::fromLatin1(column))
                .property(QStringLiteral("generated"));
        };
        QCOMPARE(generated("v"), QStringLiteral("virtual a + b"));
        QCOMPARE(generated("s"), QStringLiteral("stored a || 'x'"));
        QCOMPARE(generated("d"), QStringLiteral("virtual a * 2"));
        QCOMPARE(generated("n"), QStringLiteral("stored b"));
        QCOMPARE(generated("a"), QString());
        QCOMPARE(
            get(model, ObjectKind::Column, g, QStringLiteral("v")).property(QStringLiteral("type")),
            QStringLiteral("INT"));
        QCOMPARE(get(model, ObjectKind::Column, g, QStringLiteral("v"))
                     .property(QStringLiteral("default")),
                 QString());
        QCOMPARE(get(model, ObjectKind::Column, g, QStringLiteral("n"))
                     .property(QStringLiteral("not_null")),
                 QStringLiteral("true"));
        QCOMPARE(get(model, ObjectKind::Column, g, QStringLiteral("d"))
                     .property(QStringLiteral("position")),
                 QStringLiteral("4"));
        // Virtual to stored is a change.
        const SchemaModel stored =
            inspectSql(QStringLiteral("CREATE TABLE g (a INT, b INT,\n"
                                      "  v INT GENERATED ALWAYS AS (a + b) STORED,\n"
                                      "  s TEXT GENERATED ALWAYS AS (A||'x') STORED,\n"
                                      "  d AS (a*2),\n"
                                      "  n INT NOT NULL AS (b) STORED);"));
        QCOMPARE(describe(compare(model, stored)),
                 QStringLiteral("changed column g.v: generated: virtual a + b -> stored a + b"));
    }

    // Every constraint of a table as "name | type | definition | constraint_name" lines.
    static QString constraints(const SchemaModel &model)
    {
        QStringList lines;
        for (const SchemaObject &object : model.objects(ObjectKind::Constraint))
            lines << QStringList{object.table + QLatin1Char('.') + object.name,
                                 object.property(QStringLiteral("type")),
                                 object.property(QStringLiteral("definition")),
                                 object.property(QStringLiteral("constraint_name"))}
                         .join(QLatin1String(" | "));
        return lines.join(QLatin1Char('\n'));
    }

    void constraintsOnColumnsAndTable()
    {
        const QString parents =
            QStringLiteral("CREATE TABLE author (id INTEGER PRIMARY KEY, code TEXT, region TEXT, "
                           "UNIQUE (code, region));\n");
        const SchemaModel onColumns = inspectSql(
            parents +
            QStringLiteral("CREATE TABLE book (\n"
                           "  id INTEGER PRIMARY KEY,\n"
                           "  isbn TEXT UNIQUE,\n"
                           "  price REAL CHECK (price > 0),\n"
                           "  author_id INTEGER REFERENCES author (id) ON DELETE CASCADE,\n"
                           "  code TEXT, region TEXT,\n"
                           "  FOREIGN KEY (code, region) REFERENCES author (code, region)\n"
                           ");"));
        const SchemaModel onTable = inspectSql(
            parents +
            QStringLiteral("CREATE TABLE book (\n"
                           "  id INTEGER, isbn TEXT, price REAL, author_id INTEGER,\n"
                           "  code TEXT, region TEXT,\n"
                           "  PRIMARY KEY (id),\n"
                           "  UNIQUE (isbn),\n"
                           "  CHECK (price>0),\n"
                           "  FOREIGN KEY (author_id) REFERENCES author ON DELETE CASCADE,\n"
                           "  FOREIGN KEY (code, region) REFERENCES author (code, region)\n"
                           ");"));
        const QString expected = QStringLiteral(
            "author.unique (code, region) | unique | unique (code, region) | \n"
            "book.check (price > 0) | check | check (price > 0) | \n"
            "book.foreign key (author_id) references author (id) | foreign key | foreign key "
            "(author_id) references author (id) on update no action on delete cascade match "
            "none | \n"
            "book.foreign key (code, region) references author (code, region) | foreign key | "
            "foreign key (code, region) references author (code, region) on update no action on "
            "delete no action match none | \n"
            "book.unique (isbn) | unique | unique (isbn) | ");
        QCOMPARE(constraints(onColumns), expected);
        QCOMPARE(constraints(onTable), expected);
        QCOMPARE(describe(compare(onColumns, onTable)), QString());
        // What each depends on: its table, and a foreign key the table it references.
        const SchemaObject &reference = get(onTable, ObjectKind::Constraint, QStringLiteral("book"),
                                            QStringLiteral("foreign key (author_id) references "
                                                           "author (id)"));
        QCOMPARE(reference.dependsOn,
                 (QStringList{key(ObjectKind::Table, {}, QStringLiteral("book")),
                              key(ObjectKind::Table, {}, QStringLiteral("author"))}));
        QCOMPARE(get(onTable, ObjectKind::Constraint, QStringLiteral("book"),
                     QStringLiteral("check (price > 0)"))
                     .dependsOn,
                 QStringList{key(ObjectKind::Table, {}, QStringLiteral("book"))});
        QCOMPARE(get(onTable, ObjectKind::Column, QStringLiteral("book"), QStringLiteral("id"))
                     .property(QStringLiteral("primary_key")),
                 QStringLiteral("1"));
    }

    void constraintNamesAndClauses()
    {
        const SchemaModel model = inspectSql(QStringLiteral(
            "CREATE TABLE p (a INT, b INT, PRIMARY KEY (a, b));\n"
            "CREATE TABLE c (\n"
            "  x INT CONSTRAINT x_positive CHECK (x >= 0) CONSTRAINT x_unique UNIQUE,\n"
            "  y INT, z TEXT COLLATE NOCASE, w TEXT,\n"
            "  CONSTRAINT to_p FOREIGN KEY (x, y) REFERENCES p DEFERRABLE INITIALLY DEFERRED,\n"
            "  CONSTRAINT \"Both\" UNIQUE (y DESC, x) ON CONFLICT REPLACE\n"
            "  CHECK (y <> 0)\n"
            "  UNIQUE (z), UNIQUE (w COLLATE NOCASE)\n"
            ");"));
        QCOMPARE(constraints(model),
                 QStringLiteral(
                     "c.check (x >= 0) | check | check (x >= 0) | x_positive\n"
                     "c.check (y <> 0) | check | check (y <> 0) | \n"
                     "c.foreign key (x, y) references p (a, b) | foreign key | foreign key (x, y) "
                     "references p (a, b) on update no action on delete no action match none "
                     "deferrable initially deferred | to_p\n"
                     "c.unique (w) | unique | unique (w collate nocase) | \n"
                     "c.unique (x) | unique | unique (x) | x_unique\n"
                     "c.unique (y, x) | unique | unique (y desc, x) on conflict replace | Both\n"
                     "c.unique (z) | unique | unique (z) | "));
        // NOT DEFERRABLE and DEFERRABLE INITIALLY IMMEDIATE are SQLite's default.
        const SchemaModel immediate = inspectSql(QStringLiteral(
            "CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
            "CREATE TABLE c (a INT REFERENCES p (id) DEFERRABLE INITIALLY IMMEDIATE, b INT "
            "REFERENCES p NOT DEFERRABLE, d INT REFERENCES p (id) ON UPDATE SET NULL ON DELETE "
            "SET DEFAULT NOT NULL);"));
        QCOMPARE(constraints(immediate),
                 QStringLiteral(
                     "c.foreign key (a) references p (id) | foreign key | foreign key (a) "
                     "references p (id) on update no action on delete no action match none | \n"
                     "c.foreign key (b) references p (id) | foreign key | foreign key (b) "
                     "references p (id) on update no action on delete no action match none | \n"
                     "c.foreign key (d) references p (id) | foreign key | foreign key (d) "
                     "references p (id) on update set null on delete set default match none | "));
        QCOMPARE(get(immediate, ObjectKind::Column, QStringLiteral("c"), QStringLiteral("d"))
                     .property(QStringLiteral("not_null")),
                 QStringLiteral("true"));
    }

    void indexes()
    {
        const SchemaModel model = inspectSql(QStringLiteral(
            "CREATE TABLE t (a INT, b TEXT UNIQUE, c TEXT);\n"
            "CREATE INDEX t_a ON t (a);\n"
            "CREATE UNIQUE INDEX IF NOT EXISTS \"T_Lower\" ON t (lower(b), c DESC);\n"
            "CREATE INDEX t_partial ON t (c COLLATE NOCASE) WHERE a > 0 AND c IS NOT NULL;"));
        // The UNIQUE column's own index is the constraint, not an index.
        QCOMPARE(model.objects(ObjectKind::Index).size(), 3);
        const QString t = QStringLiteral("t");
        const SchemaObject &plain = get(model, ObjectKind::Index, t, QStringLiteral("t_a"));
        QCOMPARE(plain.property(QStringLiteral("definition")),
                 QStringLiteral("create index %INDEX% on t ( a )"));
        QCOMPARE(plain.property(QStringLiteral("unique")), QStringLiteral("false"));
        QCOMPARE(plain.property(QStringLiteral("partial")), QString());
        QCOMPARE(plain.property(QStringLiteral("sql")),
                 QStringLiteral("CREATE INDEX t_a ON t (a)"));
        QCOMPARE(plain.dependsOn, QStringList{key(ObjectKind::Table, {}, t)});
        const SchemaObject &expression =
            get(model, ObjectKind::Index, t, QStringLiteral("t_lower"));
        QCOMPARE(expression.property(QStringLiteral("definition")),
                 QStringLiteral("create unique index %INDEX% on t ( lower ( b ) , c desc )"));
        QCOMPARE(expression.property(QStringLiteral("unique")), QStringLiteral("true"));
        const SchemaObject &partial = get(model, ObjectKind::Index, t, QStringLiteral("t_partial"));
        QCOMPARE(partial.property(QStringLiteral("partial")), QStringLiteral("true"));
        QCOMPARE(partial.property(QStringLiteral("definition")),
                 QStringLiteral("create index %INDEX% on t ( c collate nocase ) where a > 0 and c "
                                "is not null"));
        QCOMPARE(constraints(model), QStringLiteral("t.unique (b) | unique | unique (b) | "));
        // A changed WHERE is a changed index.
        const SchemaModel changed = inspectSql(QStringLiteral(
            "CREATE TABLE t (a INT, b TEXT UNIQUE, c TEXT);\n"
            "CREATE INDEX t_a ON t (a);\n"
            "CREATE UNIQUE INDEX \"T_Lower\" ON t (lower(b), c DESC);\n"
            "CREATE INDEX t_partial ON t (c COLLATE NOCASE) WHERE a > 1 AND c IS NOT NULL;"));
        const QList<ObjectChange> changes = compare(model, changed);
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes.first().object, QStringLiteral("index t_partial"));
    }

    void viewsAndTriggers()
    {
        const SchemaModel model = inspectSql(QStringLiteral(
            "CREATE TABLE orders (id INTEGER PRIMARY KEY, total REAL, customer TEXT);\n"
            "CREATE TABLE audit (at TEXT, what TEXT);\n"
            "CREATE TABLE unrelated (x);\n"
            "CREATE VIEW big AS SELECT o.id, o.total FROM orders AS o WHERE o.total > 100;\n"
            "CREATE VIEW \"Big Customers\" (customer, n) AS\n"
            "  SELECT customer, count(*) FROM orders JOIN big USING (id) GROUP BY customer;\n"
            "CREATE TRIGGER log_order AFTER INSERT ON orders\n"
            "BEGIN\n"
            "  INSERT INTO audit VALUES (datetime('now'), 'order ' || NEW.id);\n"
            "END;\n"
            "CREATE TRIGGER no_big INSTEAD OF DELETE ON big BEGIN SELECT RAISE(ABORT, 'no'); "
            "END;\n"
            "CREATE TRIGGER audit AFTER DELETE ON audit BEGIN SELECT 1; END;\n"
            "CREATE VIEW recent AS WITH cte AS (SELECT * FROM big) SELECT cte.id, main.audit.at "
            "FROM cte, main.audit;"));
        const SchemaObject &big = get(model, ObjectKind::View, {}, QStringLiteral("big"));
        QCOMPARE(big.property(QStringLiteral("definition")),
                 QStringLiteral("create view big as select o . id , o . total from orders as o "
                                "where o . total > 100"));
        QCOMPARE(big.property(QStringLiteral("sql")),
                 QStringLiteral("CREATE VIEW big AS SELECT o.id, o.total FROM orders AS o WHERE "
                                "o.total > 100"));
        QCOMPARE(big.dependsOn, QStringList{key(ObjectKind::Table, {}, QStringLiteral("orders"))});
        const SchemaObject &customers =
            get(model, ObjectKind::View, {}, QStringLiteral("big customers"));
        QCOMPARE(customers.dependsOn,
                 (QStringList{key(ObjectKind::Table, {}, QStringLiteral("orders")),
                              key(ObjectKind::View, {}, QStringLiteral("big"))}));
        const SchemaObject &log =
            get(model, ObjectKind::Trigger, QStringLiteral("orders"), QStringLiteral("log_order"));
        QCOMPARE(log.property(QStringLiteral("definition")),
                 QStringLiteral("create trigger log_order after insert on orders begin insert "
                                "into audit values ( datetime ( 'now' ) , 'order ' || new . id ) "
                                "; end"));
        QVERIFY(log.property(QStringLiteral("sql")).startsWith(QLatin1String("CREATE TRIGGER")));
        QCOMPARE(log.dependsOn,
                 (QStringList{key(ObjectKind::Table, {}, QStringLiteral("audit")),
                              key(ObjectKind::Table, {}, QStringLiteral("orders"))}));
        const SchemaObject &noBig =
            get(model, ObjectKind::Trigger, QStringLiteral("big"), QStringLiteral("no_big"));
        QCOMPARE(noBig.dependsOn, QStringList{key(ObjectKind::View, {}, QStringLiteral("big"))});
        // A trigger named like its table depends on it.
        QCOMPARE(get(model, ObjectKind::Trigger, QStringLiteral("audit"), QStringLiteral("audit"))
                     .dependsOn,
                 QStringList{key(ObjectKind::Table, {}, QStringLiteral("audit"))});
        // Names in a WITH clause and schema-qualified ones; a column after "table." is none.
        QCOMPARE(get(model, ObjectKind::View, {}, QStringLiteral("recent")).dependsOn,
                 (QStringList{key(ObjectKind::Table, {}, QStringLiteral("audit")),
                              key(ObjectKind::View, {}, QStringLiteral("big"))}));
    }

    // The same schema written with other whitespace, case, quoting and comments compares equal;
    // each real change is found.
    void variantsCompareEqual()
    {
        const SchemaModel a = inspectSql(QStringLiteral(
            "CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT NOT NULL COLLATE NOCASE,\n"
            "  email VARCHAR(80) UNIQUE, score REAL DEFAULT 0 CHECK (score >= 0));\n"
            "CREATE TABLE \"order\" (id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
            "  customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,\n"
            "  total NUMERIC(10,2), doubled AS (total * 2) STORED);\n"
            "CREATE INDEX order_customer ON \"order\" (customer_id) WHERE total > 0;\n"
            "CREATE VIEW rich AS SELECT c.name, sum(o.total) AS spent FROM customer c\n"
            "  JOIN \"order\" o ON o.customer_id = c.id GROUP BY c.name;\n"
            "CREATE TRIGGER touch AFTER UPDATE ON customer BEGIN\n"
            "  UPDATE customer SET score = score + 1 WHERE id = NEW.id; END;"));
        const SchemaModel b = inspectSql(QStringLiteral(
            "create table Customer (\n"
            "  \"ID\" integer primary key,\n"
            "  [Name] text not null collate nocase, -- who\n"
            "  `email` varchar ( 80 ) unique,\n"
            "  Score real default 0, check(Score>=0)\n"
            ") ;\n"
            "create table [Order] (\n"
            "  id integer, customer_id integer not null, total numeric(10, 2),\n"
            "  doubled generated always as (TOTAL*2) stored,\n"
            "  primary key (id autoincrement),\n"
            "  foreign key (customer_id) references Customer on delete cascade);\n"
            "create index Order_Customer on [order](customer_id) where TOTAL>0;\n"
            "create view RICH as select C.name, SUM(O.total) as spent from Customer C\n"
            "  join \"Order\" O on O.customer_id=C.id /* per name */ group by C.name;\n"
            "create trigger TOUCH after update on Customer begin\n"
            "  update CUSTOMER set score=score+1 where ID=new.id;\n"
            "end;"));
        QCOMPARE(describe(compare(a, b)), QString());
        QCOMPARE(a.size(), b.size());

        const SchemaModel changed = inspectSql(QStringLiteral(
            "CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT NOT NULL COLLATE RTRIM,\n"
            "  email VARCHAR(90) UNIQUE, score REAL DEFAULT 1 CHECK (score > 0));\n"
            "CREATE TABLE \"order\" (id INTEGER PRIMARY KEY,\n"
            "  customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE SET NULL,\n"
            "  total NUMERIC(10,2), doubled AS (total * 3) STORED);\n"
            "CREATE INDEX order_customer ON \"order\" (customer_id) WHERE total >= 0;\n"
            "CREATE VIEW rich AS SELECT c.name, max(o.total) AS spent FROM customer c\n"
            "  JOIN \"order\" o ON o.customer_id = c.id GROUP BY c.name;\n"
            "CREATE TRIGGER touch AFTER UPDATE ON customer BEGIN\n"
            "  UPDATE customer SET score = score + 2 WHERE id = NEW.id; END;"));
        QStringList objects;
        for (const ObjectChange &change : compare(a, changed))
            objects << changeName(change.change) + QLatin1Char(' ') + change.object;
        QCOMPARE(objects, (QStringList{
                              QStringLiteral("changed column customer.email"),
                              QStringLiteral("changed column customer.name"),
                              QStringLiteral("changed column customer.score"),
                              QStringLiteral("changed column order.doubled"),
                              QStringLiteral("changed column order.id"),
                              QStringLiteral("added constraint customer.check (score > 0)"),
                              QStringLiteral("removed constraint customer.check (score >= 0)"),
                              QStringLiteral("changed constraint order.foreign key (customer_id) "
                                             "references customer (id)"),
                              QStringLiteral("changed index order_customer"),
                              QStringLiteral("changed view rich"),
                              QStringLiteral("changed trigger customer.touch"),
                          }));
    }

    // Spellings SQLite reads as the same object: DEFAULT NULL and none, +1 and 1, an index
    // column's ASC and none, a trigger's BEFORE and none, FOR EACH ROW and none.
    void equivalentSpellings()
    {
        const SchemaModel a = inspectSql(QStringLiteral(
            "CREATE TABLE t (a INT DEFAULT NULL, b INT DEFAULT +1, c TEXT, d DEFAULT ((2)) "
            "CHECK ((d > 0)), e AS ((d + 1)));\n"
            "CREATE INDEX t_ab ON t (a ASC, b DESC, c);\n"
            "CREATE TRIGGER t_ins INSERT ON t FOR EACH ROW WHEN new.a > 0 BEGIN SELECT 1; END;\n"
            "CREATE TRIGGER t_upd AFTER UPDATE OF a, b ON t FOR EACH ROW BEGIN SELECT 2; END;"));
        const SchemaModel b = inspectSql(QStringLiteral(
            "CREATE TABLE t (a INT, b INT DEFAULT 1, c TEXT, d DEFAULT 2 CHECK (d > 0), e AS "
            "(d + 1));\n"
            "CREATE INDEX t_ab ON t (a, b DESC, c ASC);\n"
            "CREATE TRIGGER t_ins BEFORE INSERT ON t WHEN new.a > 0 BEGIN SELECT 1; END;\n"
            "CREATE TRIGGER t_upd AFTER UPDATE OF a, b ON t BEGIN SELECT 2; END;"));
        QCOMPARE(describe(compare(a, b)), QString());
        QCOMPARE(get(b, ObjectKind::Trigger, QStringLiteral("t"), QStringLiteral("t_ins"))
                     .property(QStringLiteral("definition")),
                 QStringLiteral("create trigger t_ins before insert on t when new . a > 0 begin "
                                "select 1 ; end"));
        QCOMPARE(get(b, ObjectKind::Index, QStringLiteral("t"), QStringLiteral("t_ab"))
                     .property(QStringLiteral("definition")),
                 QStringLiteral("create index %INDEX% on t ( a , b desc , c )"));
        QCOMPARE(get(a, ObjectKind::Column, QStringLiteral("t"), QStringLiteral("a"))
                     .property(QStringLiteral("default")),
                 QString());
        // An AFTER trigger is not a BEFORE one.
        const SchemaModel after = inspectSql(QStringLiteral(
            "CREATE TABLE t (a INT DEFAULT NULL, b INT DEFAULT +1, c TEXT, d DEFAULT ((2)) "
            "CHECK ((d > 0)), e AS ((d + 1)));\n"
            "CREATE INDEX t_ab ON t (a ASC, b DESC, c);\n"
            "CREATE TRIGGER t_ins AFTER INSERT ON t WHEN new.a > 0 BEGIN SELECT 1; END;\n"
            "CREATE TRIGGER t_upd AFTER UPDATE OF a, b ON t FOR EACH ROW BEGIN SELECT 2; END;"));
        QCOMPARE(compare(a, after).size(), 1);
        // "(a) + (b)" is "a + b": parentheses around an operand change nothing
        // (tst_sqliteinspectclauses has the ones that do).
        QCOMPARE(get(inspectSql(QStringLiteral("CREATE TABLE p (a, b, c AS ((a) + (b)));")),
                     ObjectKind::Column, QStringLiteral("p"), QStringLiteral("c"))
                     .property(QStringLiteral("generated")),
                 QStringLiteral("virtual a + b"));
    }

    void exclusionsAndVirtualTables()
    {
        InspectOptions options;
        options.excludeTables = {QStringLiteral("strata_version"),
                                 QStringLiteral("main.strata_version_history")};
        const SchemaModel model = inspectSql(
            QStringLiteral(
                "CREATE TABLE strata_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT "
                "strata_version_pkc PRIMARY KEY (version_num));\n"
                "CREATE TABLE Strata_Version_History (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                "revision TEXT UNIQUE CHECK (revision <> ''));\n"
                "CREATE INDEX history_revision ON strata_version_history (revision);\n"
                "CREATE TRIGGER history_guard BEFORE DELETE ON strata_version_history BEGIN "
                "SELECT 1; END;\n"
                "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT, version TEXT REFERENCES "
                "strata_version);\n"
                "CREATE VIRTUAL TABLE notes_fts USING fts5(body, content='notes');\n"
                "CREATE VIRTUAL TABLE places USING rtree(id, minx, maxx);\n"
                "ANALYZE;"),
            options);
        QStringList keys;
        for (const SchemaObject &object : model.objects())
            keys << object.display();
        QCOMPARE(
            keys,
            (QStringList{QStringLiteral("table notes"), QStringLiteral("column notes.body"),
                         QStringLiteral("column notes.id"), QStringLiteral("column notes.version"),
                         QStringLiteral("constraint notes.foreign key (version) "
                                        "references strata_version (version_num)")}));
        // The reference into an excluded table is resolved, but depends only on its own table.
        QCOMPARE(model.objects(ObjectKind::Constraint).first().dependsOn,
                 QStringList{key(ObjectKind::Table, {}, QStringLiteral("notes"))});
        QCOMPARE(model.unsupported.size(), 2);
        QVERIFY2(model.unsupported.at(0).startsWith(
                     QLatin1String("virtual table notes_fts (kind not supported) definition ")),
                 qPrintable(model.unsupported.join(QLatin1Char('\n'))));
        QVERIFY(model.unsupported.at(1).startsWith(
            QLatin1String("virtual table places (kind not supported) definition ")));
        // A changed virtual table reads differently; the same one alike.
        const SchemaModel same =
            inspectSql(QStringLiteral("CREATE VIRTUAL TABLE places USING rtree(id, minx, maxx);"));
        const SchemaModel other = inspectSql(
            QStringLiteral("CREATE VIRTUAL TABLE places USING rtree(id, minx, maxx, miny, maxy);"));
        QCOMPARE(same.unsupported.first(), model.unsupported.at(1));
        QVERIFY(other.unsupported.first() != model.unsupported.at(1));
    }

    // The CREATE TABLE reader takes any text, cut anywhere, without reading past its end.
    void readerTakesCutText()
    {
        const QString sql = QStringLiteral(
            "CREATE TABLE IF NOT EXISTS main.\"T\" (a INTEGER CONSTRAINT k PRIMARY KEY DESC ON "
            "CONFLICT FAIL AUTOINCREMENT, b TEXT DEFAULT (lower('X')) COLLATE nocase REFERENCES "
            "p (x) ON DELETE SET NULL MATCH FULL DEFERRABLE INITIALLY DEFERRED, c AS (a * 2) "
            "STORED, CONSTRAINT u UNIQUE (b DESC, c) ON CONFLICT IGNORE CHECK (a > 0) FOREIGN "
            "KEY (c) REFERENCES q) WITHOUT ROWID, STRICT");
        for (qsizetype length = 0; length <= sql.size(); ++length)
            (void)sqlitetext::readCreateTable(sql.left(length));
        const sqlitetext::CreateTable table = sqlitetext::readCreateTable(sql);
        QCOMPARE(table.name, QStringLiteral("t"));
        QCOMPARE(table.columns.size(), 3);
        QVERIFY(table.columns.at(0).autoincrement);
        QCOMPARE(table.columns.at(1).collation, QStringLiteral("NOCASE"));
        QCOMPARE(table.columns.at(2).generated, QStringLiteral("stored"));
        QCOMPARE(table.columns.at(2).generatedExpression, QStringLiteral("a * 2"));
        QCOMPARE(table.constraints.size(), 5);
        QCOMPARE(table.constraints.at(0).name, QStringLiteral("k"));
        QCOMPARE(table.constraints.at(0).onConflict, QStringLiteral("fail"));
        QCOMPARE(table.constraints.at(1).parent, QStringLiteral("p"));
        QVERIFY(table.constraints.at(1).deferred);
        QCOMPARE(table.constraints.at(2).columns,
                 (QStringList{QStringLiteral("b"), QStringLiteral("c")}));
        QCOMPARE(table.constraints.at(2).onConflict, QStringLiteral("ignore"));
        QCOMPARE(table.constraints.at(3).expression, QStringLiteral("a > 0"));
        QCOMPARE(table.constraints.at(4).parent, QStringLiteral("q"));
        QVERIFY(table.withoutRowid);
        QVERIFY(table.strict);
    }

    // Before SQLite 3.37 (no pragma_table_list), shadow tables are known by their modules'
    // name suffixes.
    void shadowTablesWithoutTableList()
    {
        const QString path = m_dir.path() + QStringLiteral("/db%1.sqlite").arg(++m_files);
        SqliteDriver driver(path);
        QVERIFY(driver.open());
        for (const char *sql :
             {"CREATE VIRTUAL TABLE docs USING fts5(body)",
              "CREATE VIRTUAL TABLE old USING fts4(body)",
              "CREATE VIRTUAL TABLE box USING rtree(id, a, b)", "CREATE TABLE docs_notes (x)"})
            QVERIFY(driver.execute(Statement{QString::fromLatin1(sql), 1}));
        const Query older = [&driver](const QString &sql) -> Result<QList<QStringList>> {
            if (sql.contains(QLatin1String("pragma_table_list")))
                return Error::failure(QStringLiteral("no such table: pragma_table_list"));
            return driver.catalogQuery(sql);
        };
        for (const Query &query :
             {older, Query([&driver](const QString &sql) { return driver.catalogQuery(sql); })}) {
            auto model = inspectSqlite(query);
            QVERIFY(model);
            QStringList tables;
            for (const SchemaObject &table : model->objects(ObjectKind::Table))
                tables << table.name;
            QCOMPARE(tables, QStringList{QStringLiteral("docs_notes")});
            QCOMPARE(model->unsupported.size(), 3);
        }
    }

    // Only the main database is read, even where a temporary object has the same name.
    void temporaryObjectsLeftOut()
    {
        const SchemaModel model = inspectSql(QStringLiteral(
            "CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT UNIQUE REFERENCES t (a));\n"
            "CREATE INDEX t_b ON t (b);\n"
            "CREATE TEMP TABLE t (x INT, y INT UNIQUE, z INT REFERENCES t (x));\n"
            "CREATE INDEX temp.t_b ON t (y);\n"
            "CREATE TEMP VIEW tv AS SELECT 1;\n"
            "CREATE TEMP TRIGGER tt AFTER INSERT ON t BEGIN SELECT 1; END;"));
        QStringList objects;
        for (const SchemaObject &object : model.objects())
            objects << object.display();
        QCOMPARE(
            objects,
            (QStringList{QStringLiteral("table t"), QStringLiteral("column t.a"),
                         QStringLiteral("column t.b"),
                         QStringLiteral("constraint t.foreign key (b) references t (a)"),
                         QStringLiteral("constraint t.unique (b)"), QStringLiteral("index t_b")}));
        QCOMPARE(get(model, ObjectKind::Index, QStringLiteral("t"), QStringLiteral("t_b"))
                     .property(QStringLiteral("definition")),
                 QStringLiteral("create index %INDEX% on t ( b )"));
    }

    void errorsSayWhatWasRead()
    {
        const Query failing = [](const QString &sql) -> Result<QList<QStringList>> {
            if (sql.contains(QLatin1String("pragma_table_xinfo")))
                return Error::failure(QStringLiteral("disk I/O error"));
            if (sql.contains(QLatin1String("sqlite_version")))
                return QList<QStringList>{{QStringLiteral("3.40.1")}};
            if (sql.contains(QLatin1String("sqlite_master")))
                return QList<QStringList>{{QStringLiteral("table"), QStringLiteral("t"),
                                           QStringLiteral("t"),
                                           QStringLiteral("CREATE TABLE t (a)")}};
            return QList<QStringList>{};
        };
        auto model = inspectSqlite(failing);
        QVERIFY(!model);
        QCOMPARE(model.error().message, QStringLiteral("cannot read columns: disk I/O error"));
    }

    // A large schema reads whole (the benchmark measures how fast; nothing here times it).
    void manyTables()
    {
        QString sql;
        for (int i = 0; i < 500; ++i)
            sql += QStringLiteral("CREATE TABLE t%1 (id INTEGER PRIMARY KEY, ref INTEGER "
                                  "REFERENCES t%2 (id), name TEXT NOT NULL UNIQUE, qty INT "
                                  "CHECK (qty >= 0));\nCREATE INDEX t%1_ref ON t%1 (ref);\n")
                       .arg(i)
                       .arg(i > 0 ? i - 1 : 0);
        const SchemaModel model = inspectSql(sql);
        QCOMPARE(model.objects(ObjectKind::Table).size(), 500);
        QCOMPARE(model.objects(ObjectKind::Column).size(), 2000);
        QCOMPARE(model.objects(ObjectKind::Constraint).size(), 1500);
        QCOMPARE(model.objects(ObjectKind::Index).size(), 500);
        QVERIFY(compare(model, model).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSqliteInspect)
#include "tst_sqliteinspect.moc"
