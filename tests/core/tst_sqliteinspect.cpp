// inspectSqlite() (schema/inspector.h) on real SQLite files: every property schemamodel.h lists
// for SQLite, constraints written on a column or on the table reading alike, generated columns,
// partial and expression indexes, WITHOUT ROWID, STRICT, AUTOINCREMENT, views and triggers with
// what they depend on, virtual tables and what is left out; and the same schema written with
// other whitespace, case and quoting comparing equal while a real change is found.

#include "drivers/sqlite/sqlitedriver.h"
#include "schema/inspector.h"
#include "schema/schemadiff.h"

#include <QElapsedTimer>
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
        for (const Statement &statement : driver.splitStatements(sql, 1)) {
            if (Status done = driver.execute(statement); !done) {
                qWarning("%s: %s", qPrintable(statement.text), qPrintable(done.error().message));
                return {};
            }
        }
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
};

QTEST_GUILESS_MAIN(TestSqliteInspect)
#include "tst_sqliteinspect.moc"
