// inspectSqlite() (schema/inspector.h) on real SQLite files, for what SQLite keeps only in the
// statement text: clauses that change what the database does must make a difference
// (ON CONFLICT on a primary key or NOT NULL, INTEGER PRIMARY KEY DESC that is no rowid alias,
// a primary key's collation and order), and spellings SQLite reads as the same schema must not
// (ON CONFLICT ABORT, NOT NULL on a rowid alias, parentheses its grammar makes redundant).

#include "sqlitefiles.h"

#include <QTest>

using namespace strata;
using namespace strata::schema;
using strata::test::SqliteFiles;

class TestSqliteInspectClauses : public QObject
{
    Q_OBJECT

    SqliteFiles m_files;

    SchemaModel inspectSql(const QString &sql)
    {
        const QString path = m_files.file(sql);
        auto model = SqliteFiles::inspectFile(path);
        if (!model) {
            qWarning("%s", qPrintable(model.error().message));
            return {};
        }
        return *model;
    }

    // What compare() finds between the schemas `a` and `b` make.
    QString changes(const QString &a, const QString &b)
    {
        return SqliteFiles::changes(inspectSql(a), inspectSql(b));
    }

    static QString property(const SchemaModel &model, ObjectKind kind, const QString &table,
                            const QString &name, const QString &property)
    {
        SchemaObject probe;
        probe.kind = kind;
        probe.table = table;
        probe.name = name;
        const SchemaObject *found = model.find(probe.key());
        return found ? found->property(property) : QStringLiteral("(missing)");
    }

private Q_SLOTS:
    void rowidAlias()
    {
        // SQLite's quirk: INTEGER PRIMARY KEY DESC on a column is not the rowid; the table
        // gets an index of its own and inserted rows get NULL ids.
        const SchemaModel alias = inspectSql(
            QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, x TEXT);"
                           "CREATE TABLE ta(id INTEGER PRIMARY KEY ASC, x TEXT);"
                           "CREATE TABLE tt(id INTEGER, x TEXT, PRIMARY KEY(id DESC));"
                           "CREATE TABLE d(id INTEGER PRIMARY KEY DESC, x TEXT);"
                           "CREATE TABLE i(id INT PRIMARY KEY, x TEXT);"
                           "CREATE TABLE w(id INTEGER PRIMARY KEY, x TEXT) WITHOUT ROWID;"));
        const QString rowid = QStringLiteral("rowid_alias");
        QCOMPARE(
            property(alias, ObjectKind::Column, QStringLiteral("t"), QStringLiteral("id"), rowid),
            QStringLiteral("true"));
        QCOMPARE(
            property(alias, ObjectKind::Column, QStringLiteral("ta"), QStringLiteral("id"), rowid),
            QStringLiteral("true"));
        // The table-constraint form with DESC is a rowid alias (the quirk is the column form's).
        QCOMPARE(
            property(alias, ObjectKind::Column, QStringLiteral("tt"), QStringLiteral("id"), rowid),
            QStringLiteral("true"));
        QCOMPARE(
            property(alias, ObjectKind::Column, QStringLiteral("t"), QStringLiteral("x"), rowid),
            QString());
        for (const char *table : {"d", "i", "w"})
            QCOMPARE(property(alias, ObjectKind::Column, QLatin1String(table), QStringLiteral("id"),
                              rowid),
                     QString());
        QCOMPARE(property(alias, ObjectKind::Table, {}, QStringLiteral("d"),
                          QStringLiteral("primary_key_index")),
                 QStringLiteral("id desc"));

        const QString plain = QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, x TEXT);");
        const QString found =
            changes(plain, QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY DESC, x TEXT);"));
        QVERIFY2(found.contains(QLatin1String("column t.id")) &&
                     found.contains(QLatin1String("rowid_alias")),
                 qPrintable(found));
        QCOMPARE(
            changes(plain, QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY ASC, x TEXT);")),
            QString());
        QCOMPARE(
            changes(plain, QStringLiteral("CREATE TABLE t(id INTEGER, x TEXT, PRIMARY KEY(id));")),
            QString());
        // A rowid alias is never NULL: NOT NULL on it changes nothing.
        QCOMPARE(changes(plain, QStringLiteral(
                                    "CREATE TABLE t(id INTEGER NOT NULL PRIMARY KEY, x TEXT);")),
                 QString());
        QCOMPARE(changes(plain, QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY NOT NULL ON "
                                               "CONFLICT REPLACE, x TEXT);")),
                 QString());
        // ... but on a primary key that is not the rowid it does.
        QVERIFY(!changes(QStringLiteral("CREATE TABLE t(id TEXT PRIMARY KEY, x TEXT);"),
                         QStringLiteral("CREATE TABLE t(id TEXT NOT NULL PRIMARY KEY, x TEXT);"))
                     .isEmpty());
    }

    void primaryKeyCollationAndOrder()
    {
        // A collation on the key decides which values are duplicates.
        const QString plain = QStringLiteral("CREATE TABLE t(a TEXT, b TEXT, PRIMARY KEY(a, b));");
        QVERIFY(
            changes(plain, QStringLiteral(
                               "CREATE TABLE t(a TEXT, b TEXT, PRIMARY KEY(a COLLATE nocase, b));"))
                .contains(QLatin1String("primary_key_index")));
        QVERIFY(!changes(plain,
                         QStringLiteral("CREATE TABLE t(a TEXT, b TEXT, PRIMARY KEY(a, b DESC));"))
                     .isEmpty());
        // The column's own collation is the key's: written on the key too, nothing changes.
        QCOMPARE(changes(QStringLiteral(
                             "CREATE TABLE t(a TEXT COLLATE nocase, b TEXT, PRIMARY KEY(a, b));"),
                         QStringLiteral("CREATE TABLE t(a TEXT COLLATE nocase, b TEXT, "
                                        "PRIMARY KEY(a COLLATE NOCASE, b ASC));")),
                 QString());
    }

    void onConflict()
    {
        // The tester's case: each clause changes what an INSERT does.
        const QString before =
            QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, y TEXT NOT NULL DEFAULT 'q');"
                           "CREATE TABLE w(a INT, b INT, PRIMARY KEY(a,b)) WITHOUT ROWID;");
        const QString after =
            QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY ON CONFLICT REPLACE, y TEXT "
                           "NOT NULL ON CONFLICT REPLACE DEFAULT 'q');"
                           "CREATE TABLE w(a INT, b INT, PRIMARY KEY(a,b) ON CONFLICT IGNORE) "
                           "WITHOUT ROWID;");
        const SchemaModel model = inspectSql(after);
        QCOMPARE(property(model, ObjectKind::Table, {}, QStringLiteral("t"),
                          QStringLiteral("primary_key_on_conflict")),
                 QStringLiteral("replace"));
        QCOMPARE(property(model, ObjectKind::Column, QStringLiteral("t"), QStringLiteral("y"),
                          QStringLiteral("not_null_on_conflict")),
                 QStringLiteral("replace"));
        QCOMPARE(property(model, ObjectKind::Table, {}, QStringLiteral("w"),
                          QStringLiteral("primary_key_on_conflict")),
                 QStringLiteral("ignore"));
        const QString found = changes(before, after);
        for (const char *expected : {"table t", "column t.y", "table w", "primary_key_on_conflict",
                                     "not_null_on_conflict"})
            QVERIFY2(found.contains(QLatin1String(expected)), qPrintable(found));

        // The table-constraint forms read as the column forms; each resolution is its own.
        QCOMPARE(changes(QStringLiteral("CREATE TABLE t(a INT PRIMARY KEY ON CONFLICT FAIL);"),
                         QStringLiteral("CREATE TABLE t(a INT, PRIMARY KEY(a) ON CONFLICT FAIL);")),
                 QString());
        QVERIFY(!changes(QStringLiteral("CREATE TABLE t(a INT PRIMARY KEY ON CONFLICT FAIL);"),
                         QStringLiteral("CREATE TABLE t(a INT PRIMARY KEY ON CONFLICT ROLLBACK);"))
                     .isEmpty());
        QVERIFY(!changes(QStringLiteral("CREATE TABLE t(a INT NOT NULL ON CONFLICT IGNORE);"),
                         QStringLiteral("CREATE TABLE t(a INT NOT NULL ON CONFLICT FAIL);"))
                     .isEmpty());
        // ABORT is what every constraint does without the clause.
        QCOMPARE(changes(QStringLiteral("CREATE TABLE t(a INT PRIMARY KEY NOT NULL, b INT UNIQUE, "
                                        "c INT, UNIQUE(a, c));"),
                         QStringLiteral("CREATE TABLE t(a INT PRIMARY KEY ON CONFLICT ABORT NOT "
                                        "NULL ON CONFLICT abort, b INT UNIQUE ON CONFLICT ABORT, "
                                        "c INT, UNIQUE(a, c) ON CONFLICT ABORT);")),
                 QString());
    }

    void redundantParenthesesInViews_data()
    {
        QTest::addColumn<QString>("before");
        QTest::addColumn<QString>("after");
        QTest::addColumn<bool>("differs");
        const auto row = [](const char *name, const char *before, const char *after, bool differs) {
            QTest::newRow(name) << QString::fromUtf8(before) << QString::fromUtf8(after) << differs;
        };
        // The tester's case, and each place a whole condition stands.
        row("where", "SELECT id, s FROM t WHERE s = 'A'", "SELECT id, s FROM t WHERE (s = 'A')",
            false);
        row("doubled", "SELECT id FROM t WHERE s = 'A'", "SELECT id FROM t WHERE ((s = 'A'))",
            false);
        row("join on", "SELECT t.id FROM t JOIN u ON u.t_id = t.id AND u.n > 1",
            "SELECT t.id FROM t JOIN u ON (u.t_id = t.id AND (u.n > 1))", false);
        row("having", "SELECT s, count(*) AS c FROM t GROUP BY s HAVING count(*) > 1",
            "SELECT s, count(*) AS c FROM t GROUP BY (s) HAVING (count(*) > 1)", false);
        row("case", "SELECT id, CASE WHEN n > 1 THEN 'x' ELSE s END AS k FROM t",
            "SELECT id, CASE WHEN (n > 1) THEN ('x') ELSE (s) END AS k FROM t", false);
        row("operand", "SELECT id FROM t WHERE n + 1 > 2 AND s LIKE 'a%'",
            "SELECT id FROM t WHERE (n) + (1) > 2 AND (s) LIKE ('a%')", false);
        row("tighter", "SELECT id FROM t WHERE n * 2 + 1 > 3 OR s = 'a' AND n = 1",
            "SELECT id FROM t WHERE ((n * 2) + 1) > 3 OR (s = 'a' AND n = 1)", false);
        row("argument", "SELECT id, coalesce(s, 'x') AS c FROM t",
            "SELECT id, coalesce((s), ('x')) AS c FROM t", false);
        row("not", "SELECT id FROM t WHERE NOT n = 1", "SELECT id FROM t WHERE NOT (n = 1)", false);
        row("in list item", "SELECT id FROM t WHERE n IN (1, 2)",
            "SELECT id FROM t WHERE n IN ((1), 2)", false);
        // Real changes are still found: precedence that matters, operators, literals.
        row("and or", "SELECT id FROM t WHERE s = 'a' AND (n = 1 OR n = 2)",
            "SELECT id FROM t WHERE s = 'a' AND n = 1 OR n = 2", true);
        row("times plus", "SELECT id FROM t WHERE (n + 1) * 2 > 3",
            "SELECT id FROM t WHERE n + 1 * 2 > 3", true);
        row("minus", "SELECT id FROM t WHERE n - (1 - 2) > 0",
            "SELECT id FROM t WHERE n - 1 - 2 > 0", true);
        row("not and", "SELECT id FROM t WHERE NOT (n = 1 AND s = 'a')",
            "SELECT id FROM t WHERE NOT n = 1 AND s = 'a'", true);
        row("is not", "SELECT id FROM t WHERE s IS NOT (n = 1)",
            "SELECT id FROM t WHERE s IS NOT n = 1", true);
        row("between", "SELECT id FROM t WHERE n BETWEEN 1 AND (2 = 2)",
            "SELECT id FROM t WHERE n BETWEEN 1 AND 2 = 2", true);
        row("collate", "SELECT id FROM t WHERE (s || 'x') COLLATE nocase = 'ax'",
            "SELECT id FROM t WHERE s || 'x' COLLATE nocase = 'ax'", true);
        row("in subquery", "SELECT id FROM t WHERE n IN (SELECT n FROM u)",
            "SELECT id FROM t WHERE n IN ((SELECT n FROM u))", true);
        row("operator", "SELECT id FROM t WHERE (s = 'A')", "SELECT id FROM t WHERE (s <> 'A')",
            true);
        row("literal", "SELECT id FROM t WHERE (s = 'A')", "SELECT id FROM t WHERE (s = 'a')",
            true);
        // A result column's name is its text: SQLite names it "(n + 1)" with the parentheses.
        row("result name", "SELECT id, n + 1 FROM t", "SELECT id, (n + 1) FROM t", true);
        row("result name kept", "SELECT id, (n + 1) AS m FROM t", "SELECT id, n + 1 AS m FROM t",
            false);
        // ... but not its case: the model's names ignore ASCII case, a table's columns' too.
        row("result case", "SELECT ID, S AS Name FROM t", "SELECT id, s AS name FROM t", false);
    }

    void redundantParenthesesInViews()
    {
        QFETCH(QString, before);
        QFETCH(QString, after);
        QFETCH(bool, differs);
        const QString tables =
            QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, s TEXT, n INT);"
                           "CREATE TABLE u(id INTEGER PRIMARY KEY, t_id INT, n INT);");
        const QString found = changes(tables + QStringLiteral("CREATE VIEW v AS ") + before,
                                      tables + QStringLiteral("CREATE VIEW v AS ") + after);
        QCOMPARE(!found.isEmpty(), differs);
        if (differs)
            QVERIFY2(found.contains(QLatin1String("view v")), qPrintable(found));
    }

    void redundantParenthesesElsewhere()
    {
        const QString table = QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, s TEXT, n "
                                             "INT, log TEXT);");
        // Index WHERE and expressions.
        QCOMPARE(
            changes(table + QStringLiteral("CREATE INDEX i ON t(n + 1, s) WHERE n > 0;"),
                    table + QStringLiteral("CREATE INDEX i ON t((n + 1), (s)) WHERE (n > 0);")),
            QString());
        QVERIFY(!changes(table + QStringLiteral("CREATE INDEX i ON t(s) WHERE n > 0 AND (s = 'a' "
                                                "OR s = 'b');"),
                         table + QStringLiteral("CREATE INDEX i ON t(s) WHERE n > 0 AND s = 'a' "
                                                "OR s = 'b';"))
                     .isEmpty());
        // An index column's COLLATE that is its column's own collation.
        const QString collated = QStringLiteral("CREATE TABLE c(a TEXT, b TEXT COLLATE NOCASE);");
        QCOMPARE(changes(collated + QStringLiteral("CREATE INDEX ci ON c(a, b);"),
                         collated + QStringLiteral("CREATE INDEX ci ON c(a COLLATE binary, b "
                                                   "COLLATE nocase);")),
                 QString());
        QVERIFY(!changes(collated + QStringLiteral("CREATE INDEX ci ON c(a, b);"),
                         collated + QStringLiteral("CREATE INDEX ci ON c(a COLLATE nocase, b "
                                                   "COLLATE binary);"))
                     .isEmpty());
        // Trigger WHEN and body.
        const QString trigger = QStringLiteral(
            "CREATE TRIGGER tr AFTER UPDATE ON t WHEN %1 BEGIN UPDATE t SET log = %2 WHERE %3; "
            "END;");
        QCOMPARE(
            changes(table + trigger.arg(QStringLiteral("new.n > 0"), QStringLiteral("old.s || 'x'"),
                                        QStringLiteral("id = new.id")),
                    table + trigger.arg(QStringLiteral("(new.n > 0)"),
                                        QStringLiteral("(old.s || 'x')"),
                                        QStringLiteral("(id = new.id)"))),
            QString());
        QVERIFY(!changes(table + trigger.arg(QStringLiteral("new.n > 0"),
                                             QStringLiteral("(old.s || 'x') || 'y'"),
                                             QStringLiteral("id = new.id")),
                         table + trigger.arg(QStringLiteral("new.n > 0"),
                                             QStringLiteral("old.s || 'x' || 'y'"),
                                             QStringLiteral("id = (new.id + 1)")))
                     .isEmpty());
        // CHECK, DEFAULT and generated columns: inside the expression too, not only around it.
        QCOMPARE(changes(QStringLiteral("CREATE TABLE t(a INT CHECK (a > 0 AND a < 9), b INT "
                                        "DEFAULT (1 + 2), c INT AS (a * 2 + 1));"),
                         QStringLiteral("CREATE TABLE t(a INT CHECK ((a > 0) AND (a < 9)), b INT "
                                        "DEFAULT ((1) + 2), c INT AS ((a * 2) + 1));")),
                 QString());
        // SQLite keeps DEFAULT ((+1)) as "(+1)" and DEFAULT ((NULL)) as "(NULL)".
        QCOMPARE(
            changes(QStringLiteral("CREATE TABLE t(a INT DEFAULT 1, b INT, c INT DEFAULT -1);"),
                    QStringLiteral("CREATE TABLE t(a INT DEFAULT ((+1)), b INT DEFAULT "
                                   "((NULL)), c INT DEFAULT ((-1)));")),
            QString());
        QVERIFY(!changes(QStringLiteral("CREATE TABLE t(a INT DEFAULT 1);"),
                         QStringLiteral("CREATE TABLE t(a INT DEFAULT ((-1)));"))
                     .isEmpty());
        QVERIFY(!changes(QStringLiteral("CREATE TABLE t(a INT, b INT CHECK (a > 0 AND (b > 0 OR "
                                        "b IS NULL)));"),
                         QStringLiteral("CREATE TABLE t(a INT, b INT CHECK (a > 0 AND b > 0 OR b "
                                        "IS NULL));"))
                     .isEmpty());
        QVERIFY(!changes(QStringLiteral("CREATE TABLE t(a INT, c INT AS (a * (2 + 1)));"),
                         QStringLiteral("CREATE TABLE t(a INT, c INT AS (a * 2 + 1));"))
                     .isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSqliteInspectClauses)
#include "tst_sqliteinspectclauses.moc"
