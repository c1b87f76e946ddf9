// SqliteDriver: statement splitting by SQLite's own rules, the version and history tables,
// errors in SQLite's words, and cancellation from another thread.

#include "drivers/sqlite/sqlitedriver.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <atomic>
#include <chrono>
#include <thread>

using namespace strata;

class TestSqliteDriver : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_files = 0;

    QString freshPath() { return m_dir.path() + QStringLiteral("/db%1.sqlite").arg(++m_files); }

    // Every row of the first column of `sql`, read through a connection of the test's own.
    static QStringList column(const QString &path, const QString &sql)
    {
        QStringList out;
        const QString name = QStringLiteral("tst-sqlitedriver-") + QUuid::createUuid().toString();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(path);
            if (db.open()) {
                QSqlQuery q(db);
                if (q.exec(sql))
                    while (q.next())
                        out.append(q.value(0).toString());
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return out;
    }

    static QString scalar(const QString &path, const QString &sql)
    {
        const QStringList rows = column(path, sql);
        return rows.isEmpty() ? QString() : rows.first();
    }

private Q_SLOTS:
    void split_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QStringList>("texts");
        QTest::addColumn<QList<int>>("lines");
        QTest::newRow("two on one line")
            << QStringLiteral("SELECT 1; SELECT 2;")
            << QStringList{QStringLiteral("SELECT 1;"), QStringLiteral("SELECT 2;")}
            << QList<int>{10, 10};
        QTest::newRow("spanning lines")
            << QStringLiteral("\n-- lead comment\nCREATE TABLE t (\n  a INTEGER\n);\nSELECT 1;\n")
            << QStringList{QStringLiteral("CREATE TABLE t (\n  a INTEGER\n);"),
                           QStringLiteral("SELECT 1;")}
            << QList<int>{12, 15};
        QTest::newRow("block comment spanning lines before a statement")
            << QStringLiteral("/* one;\n two;\n three */\n\nSELECT 1;\n  SELECT\n  2;")
            << QStringList{QStringLiteral("SELECT 1;"), QStringLiteral("SELECT\n  2;")}
            << QList<int>{14, 15};
        QTest::newRow("semicolons in strings and comments")
            << QStringLiteral("INSERT INTO t VALUES ('a;b'); -- c;d\n/* e; f */ SELECT \"x;y\";")
            << QStringList{QStringLiteral("INSERT INTO t VALUES ('a;b');"),
                           QStringLiteral("SELECT \"x;y\";")}
            << QList<int>{10, 11};
        QTest::newRow("escaped quote and semicolon in a string")
            << QStringLiteral("INSERT INTO t VALUES ('it''s; fine');\nSELECT 'x';")
            << QStringList{QStringLiteral("INSERT INTO t VALUES ('it''s; fine');"),
                           QStringLiteral("SELECT 'x';")}
            << QList<int>{10, 11};
        QTest::newRow("multi-line string with semicolons")
            << QStringLiteral("INSERT INTO t VALUES ('a;\nb;\nc');\nSELECT 1;")
            << QStringList{QStringLiteral("INSERT INTO t VALUES ('a;\nb;\nc');"),
                           QStringLiteral("SELECT 1;")}
            << QList<int>{10, 13};
        QTest::newRow("trigger body")
            << QStringLiteral("CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  UPDATE t SET a = 1;\n  "
                              "UPDATE t SET a = 2;\nEND;\nSELECT 1;")
            << QStringList{QStringLiteral("CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  UPDATE t "
                                          "SET a = 1;\n  UPDATE t SET a = 2;\nEND;"),
                           QStringLiteral("SELECT 1;")}
            << QList<int>{10, 14};
        QTest::newRow("last without semicolon")
            << QStringLiteral("SELECT 1;\nSELECT 2")
            << QStringList{QStringLiteral("SELECT 1;"), QStringLiteral("SELECT 2")}
            << QList<int>{10, 11};
        QTest::newRow("last without semicolon after blank lines")
            << QStringLiteral("SELECT 1;\n\n\n  SELECT 2  \n")
            << QStringList{QStringLiteral("SELECT 1;"), QStringLiteral("SELECT 2")}
            << QList<int>{10, 13};
        QTest::newRow("trailing comment after the last statement")
            << QStringLiteral("SELECT 1; -- done;\n/* really; */\n")
            << QStringList{QStringLiteral("SELECT 1;")} << QList<int>{10};
        QTest::newRow("lone semicolons")
            << QStringLiteral(";\n-- x\n;\nSELECT 1;") << QStringList{QStringLiteral("SELECT 1;")}
            << QList<int>{13};
        QTest::newRow("only comments")
            << QStringLiteral("-- nothing here\n/* or here */\n") << QStringList{} << QList<int>{};
        QTest::newRow("empty") << QString() << QStringList{} << QList<int>{};
        QTest::newRow("blank") << QStringLiteral("  \n\t\n") << QStringList{} << QList<int>{};
    }

    void split()
    {
        QFETCH(QString, sql);
        QFETCH(QStringList, texts);
        QFETCH(QList<int>, lines);
        const QList<Statement> got = SqliteDriver::split(sql, 10);
        QStringList gotTexts;
        QList<int> gotLines;
        for (const Statement &s : got) {
            gotTexts.append(s.text);
            gotLines.append(s.line);
        }
        QCOMPARE(gotTexts, texts);
        QCOMPARE(gotLines, lines);
        // The virtual and the static agree.
        SqliteDriver driver(freshPath());
        QCOMPARE(driver.splitStatements(sql, 10).size(), texts.size());
    }

    void splitCountsFromFirstLine()
    {
        const QList<Statement> a = SqliteDriver::split(QStringLiteral("\nSELECT 1;"), 1);
        QCOMPARE(a.size(), 1);
        QCOMPARE(a.first().line, 2);
        const QList<Statement> b = SqliteDriver::split(QStringLiteral("\nSELECT 1;"), 100);
        QCOMPARE(b.first().line, 101);
    }

    void splitTriggerRuns()
    {
        // The trigger kept whole is valid SQL to SQLite.
        SqliteDriver driver(freshPath());
        QVERIFY(driver.open().ok());
        const QList<Statement> statements = SqliteDriver::split(
            QStringLiteral("CREATE TABLE t (a INTEGER);\nCREATE TABLE log (m TEXT);\n"
                           "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n"
                           "  INSERT INTO log VALUES ('one;');\n"
                           "  INSERT INTO log VALUES ('two');\nEND;\n"
                           "INSERT INTO t VALUES (1)"),
            1);
        QCOMPARE(statements.size(), 4);
        for (const Statement &s : statements)
            QVERIFY2(driver.execute(s).ok(), qPrintable(s.text));
    }

    void tablesInAlembicShape()
    {
        const QString path = freshPath();
        SqliteDriver driver(path);
        QCOMPARE(driver.engine(), QStringLiteral("sqlite"));
        QVERIFY(!driver.exists());
        QVERIFY(driver.open().ok());
        QVERIFY(driver.exists());
        QVERIFY(driver.open().ok()); // a second open is harmless
        auto none = driver.versionRows(QStringLiteral("alembic_version"));
        QVERIFY(none.ok());
        QVERIFY(none->isEmpty()); // no table yet
        QCOMPARE(driver.hasTable(QStringLiteral("alembic_version")).value(), false);
        auto noHistory = driver.history(QStringLiteral("alembic_version"));
        QVERIFY(noHistory.ok());
        QVERIFY(noHistory->isEmpty());

        QVERIFY(driver.ensureTables(QStringLiteral("alembic_version")).ok());
        QVERIFY(driver.ensureTables(QStringLiteral("alembic_version")).ok()); // idempotent
        const QString ddl =
            scalar(path, QStringLiteral("SELECT sql FROM sqlite_master WHERE type = 'table' AND "
                                        "name = 'alembic_version'"));
        QVERIFY2(ddl.contains(QStringLiteral("version_num VARCHAR(32) NOT NULL")), qPrintable(ddl));
        QVERIFY2(ddl.contains(
                     QStringLiteral("CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)")),
                 qPrintable(ddl));
        QCOMPARE(driver.hasTable(QStringLiteral("alembic_version")).value(), true);
        QCOMPARE(driver.hasTable(QStringLiteral("alembic_version_history")).value(), true);
        QCOMPARE(column(path, QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' "
                                             "AND name LIKE 'alembic_version%' ORDER BY name")),
                 (QStringList{QStringLiteral("alembic_version"),
                              QStringLiteral("alembic_version_history")}));
        QCOMPARE(driver.versionTableDdl(QStringLiteral("alembic_version")), ddl);
    }

    void invalidTableNamesRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("space") << QStringLiteral("bad name");
        QTest::newRow("injection") << QStringLiteral("v; DROP TABLE x");
        QTest::newRow("leading digit") << QStringLiteral("1version");
        QTest::newRow("quote") << QStringLiteral("v\"x");
        QTest::newRow("dot") << QStringLiteral("main.v");
        QTest::newRow("empty") << QString();
        QTest::newRow("64 characters") << QString(64, QLatin1Char('v'));
    }

    void invalidTableNamesRefused()
    {
        QFETCH(QString, name);
        QVERIFY(!isValidTableName(name));
        const QString path = freshPath();
        SqliteDriver driver(path);
        QVERIFY(driver.open().ok());
        const Status s = driver.ensureTables(name);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().kind, Error::Kind::Usage);
        QVERIFY(!driver.versionRows(name).ok());
        QVERIFY(column(path, QStringLiteral("SELECT name FROM sqlite_master")).isEmpty());
    }

    void validTableNames()
    {
        QVERIFY(isValidTableName(QStringLiteral("_v")));
        QVERIFY(isValidTableName(QStringLiteral("v2_Version")));
        QVERIFY(isValidTableName(QString(63, QLatin1Char('v'))));
    }

    void versionChanges()
    {
        const QString path = freshPath();
        SqliteDriver driver(path);
        QVERIFY(driver.open().ok());
        const QString t = QStringLiteral("strata_version");
        QVERIFY(driver.ensureTables(t).ok());
        QVERIFY(driver.applyVersionChange(t, VersionChange::insert(QStringLiteral("a"))).ok());
        QVERIFY(driver.applyVersionChange(t, VersionChange::insert(QStringLiteral("x"))).ok());
        QCOMPARE(column(path, QStringLiteral("SELECT version_num FROM strata_version ORDER BY 1")),
                 (QStringList{QStringLiteral("a"), QStringLiteral("x")}));
        QVERIFY(driver
                    .applyVersionChange(
                        t, VersionChange::update(QStringLiteral("a"), QStringLiteral("b")))
                    .ok());
        QVERIFY(driver.applyVersionChange(t, VersionChange::remove(QStringLiteral("x"))).ok());
        QCOMPARE(*driver.versionRows(t), QStringList{QStringLiteral("b")});
        QCOMPARE(column(path, QStringLiteral("SELECT version_num FROM strata_version")),
                 QStringList{QStringLiteral("b")});

        const Status missingUpdate = driver.applyVersionChange(
            t, VersionChange::update(QStringLiteral("zz"), QStringLiteral("c")));
        QVERIFY(!missingUpdate.ok());
        QVERIFY2(missingUpdate.error().message.contains(t),
                 qPrintable(missingUpdate.error().message));
        QVERIFY(missingUpdate.error().message.contains(QStringLiteral("zz")));
        const Status missingDelete =
            driver.applyVersionChange(t, VersionChange::remove(QStringLiteral("zz")));
        QVERIFY(!missingDelete.ok());
        QVERIFY2(missingDelete.error().message.contains(t),
                 qPrintable(missingDelete.error().message));
        QCOMPARE(*driver.versionRows(t), QStringList{QStringLiteral("b")}); // untouched

        const Status duplicate =
            driver.applyVersionChange(t, VersionChange::insert(QStringLiteral("b")));
        QVERIFY(!duplicate.ok()); // primary key
        QVERIFY(duplicate.error().message.contains(t));

        QVERIFY(driver.deleteAllVersionRows(t).ok());
        QVERIFY(driver.versionRows(t)->isEmpty());
        QVERIFY(column(path, QStringLiteral("SELECT version_num FROM strata_version")).isEmpty());
    }

    void versionChangeSqlText()
    {
        QCOMPARE(versionChangeSql(QStringLiteral("v"), VersionChange::insert(QStringLiteral("a"))),
                 QStringLiteral("INSERT INTO v (version_num) VALUES ('a')"));
        QCOMPARE(versionChangeSql(QStringLiteral("v"), VersionChange::remove(QStringLiteral("a"))),
                 QStringLiteral("DELETE FROM v WHERE v.version_num = 'a'"));
        QCOMPARE(versionChangeSql(QStringLiteral("v"),
                                  VersionChange::update(QStringLiteral("a"), QStringLiteral("b"))),
                 QStringLiteral("UPDATE v SET version_num='b' WHERE v.version_num = 'a'"));
    }

    void historyRoundTrip()
    {
        const QString path = freshPath();
        SqliteDriver driver(path);
        QVERIFY(driver.open().ok());
        QVERIFY(driver.ensureTables(QStringLiteral("v")).ok());
        HistoryRecord r;
        r.revision = QStringLiteral("abc");
        r.direction = QStringLiteral("up");
        r.checksum = QStringLiteral("00ff");
        r.fromRevisions = QStringLiteral("p1,p2");
        r.toRevisions = QStringLiteral("abc");
        r.startedAt =
            QDateTime::fromString(QStringLiteral("2026-11-22T10:00:00.125Z"), Qt::ISODateWithMs);
        r.finishedAt = r.startedAt.addMSecs(40);
        r.durationMs = 40;
        r.osUser = QStringLiteral("dba");
        r.toolVersion = QStringLiteral("0.1.0");
        r.success = false;
        r.error = QStringLiteral("boom; it's broken");
        QVERIFY(driver.recordHistory(QStringLiteral("v"), r).ok());
        HistoryRecord second;
        second.revision = QStringLiteral("def");
        second.direction = QStringLiteral("stamp");
        second.startedAt = r.startedAt.addSecs(1);
        second.success = true;
        QVERIFY(driver.recordHistory(QStringLiteral("v"), second).ok());

        auto rows = driver.history(QStringLiteral("v"));
        QVERIFY(rows.ok());
        QCOMPARE(rows->size(), 2);
        const HistoryRecord &back = rows->first();
        QCOMPARE(back.revision, r.revision);
        QCOMPARE(back.direction, r.direction);
        QCOMPARE(back.checksum, r.checksum);
        QCOMPARE(back.fromRevisions, r.fromRevisions);
        QCOMPARE(back.toRevisions, r.toRevisions);
        QCOMPARE(back.startedAt, r.startedAt);
        QCOMPARE(back.finishedAt, r.finishedAt);
        QCOMPARE(back.durationMs, 40);
        QCOMPARE(back.osUser, QStringLiteral("dba"));
        QCOMPARE(back.toolVersion, QStringLiteral("0.1.0"));
        QCOMPARE(back.success, false);
        QCOMPARE(back.error, r.error);
        QCOMPARE(rows->at(1).revision, QStringLiteral("def"));
        QCOMPARE(rows->at(1).direction, QStringLiteral("stamp"));
        QCOMPARE(rows->at(1).success, true);
        QVERIFY(!rows->at(1).finishedAt.isValid());

        // As stored, seen by another connection.
        QCOMPARE(column(path, QStringLiteral("SELECT success FROM v_history ORDER BY id")),
                 (QStringList{QStringLiteral("0"), QStringLiteral("1")}));
        QCOMPARE(scalar(path, QStringLiteral("SELECT started_at FROM v_history ORDER BY id")),
                 QStringLiteral("2026-11-22T10:00:00.125Z"));
    }

    void errorsCarrySqlitesMessage()
    {
        SqliteDriver driver(freshPath());
        QVERIFY(driver.open().ok());
        const Status s = driver.execute(Statement{QStringLiteral("SELECT * FROM nowhere"), 3});
        QVERIFY(!s.ok());
        QVERIFY2(s.error().message.contains(QStringLiteral("no such table: nowhere")),
                 qPrintable(s.error().message));
        const Status syntax = driver.execute(Statement{QStringLiteral("CREATE TABLEX t (a)"), 1});
        QVERIFY(!syntax.ok());
        QVERIFY2(syntax.error().message.contains(QStringLiteral("syntax error")),
                 qPrintable(syntax.error().message));
        QVERIFY(driver.execute(Statement{QStringLiteral("SELECT 1"), 1}).ok()); // still usable
    }

    void missingFileAndFolder()
    {
        const QString path = m_dir.path() + QStringLiteral("/never-created.sqlite");
        SqliteDriver absent(path);
        QVERIFY(!absent.exists());
        QVERIFY(!QFile::exists(path)); // asking does not create it

        const QString lostPath = m_dir.path() + QStringLiteral("/missing/folder/db.sqlite");
        SqliteDriver lost(lostPath);
        QVERIFY(!lost.exists());
        const Status open = lost.open();
        QVERIFY(!open.ok());
        QVERIFY2(open.error().message.contains(lostPath), qPrintable(open.error().message));
        QVERIFY(!QDir(m_dir.path() + QStringLiteral("/missing")).exists());
    }

    void transactionsRollBack()
    {
        const QString path = freshPath();
        SqliteDriver driver(path);
        QVERIFY(driver.open().ok());
        QVERIFY(driver.begin().ok());
        QVERIFY(driver.execute(Statement{QStringLiteral("CREATE TABLE t (a INTEGER)"), 1}).ok());
        QVERIFY(driver.rollback().ok());
        QCOMPARE(driver.hasTable(QStringLiteral("t")).value(), false);
        QVERIFY(driver.begin().ok());
        QVERIFY(driver.execute(Statement{QStringLiteral("CREATE TABLE u (a INTEGER)"), 1}).ok());
        QVERIFY(driver.commit().ok());
        QCOMPARE(scalar(path, QStringLiteral("SELECT name FROM sqlite_master WHERE name = 'u'")),
                 QStringLiteral("u"));
    }

    void cancelInterruptsARunningStatement()
    {
        SqliteDriver driver(freshPath());
        QVERIFY(driver.open().ok());
        driver.cancel(); // nothing running: harmless
        QVERIFY(driver.execute(Statement{QStringLiteral("SELECT 1"), 1}).ok());

        std::thread canceller([&driver] {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            driver.cancel();
        });
        QElapsedTimer timer;
        timer.start();
        const Status s =
            driver.execute(Statement{QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
                                                    "SELECT i + 1 FROM n WHERE i < 1000000000) "
                                                    "SELECT count(*) FROM n"),
                                     1});
        const qint64 elapsed = timer.elapsed();
        canceller.join();
        QVERIFY(!s.ok());
        QVERIFY2(s.error().message.contains(QStringLiteral("interrupt")),
                 qPrintable(s.error().message));
        QVERIFY2(elapsed < 10000, qPrintable(QString::number(elapsed)));
        // The connection works after the interrupt.
        QVERIFY(driver.execute(Statement{QStringLiteral("SELECT 1"), 1}).ok());
    }

    void cancelInsideATransactionRollsBack()
    {
        SqliteDriver driver(freshPath());
        QVERIFY(driver.open().ok());
        QVERIFY(driver.begin().ok());
        QVERIFY(driver.execute(Statement{QStringLiteral("CREATE TABLE t (a INTEGER)"), 1}).ok());
        std::thread canceller([&driver] {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            driver.cancel();
        });
        const Status s = driver.execute(
            Statement{QStringLiteral("INSERT INTO t WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
                                     "SELECT i + 1 FROM n WHERE i < 1000000000) SELECT i FROM n"),
                      2});
        canceller.join();
        QVERIFY(!s.ok());
        QVERIFY(driver.rollback().ok()); // whether or not SQLite already rolled back
        QCOMPARE(driver.hasTable(QStringLiteral("t")).value(), false);
    }

    void reservedAndMixedCaseTableNamesQuoted()
    {
        QCOMPARE(quoteIdentifier(QStringLiteral("alembic_version")),
                 QStringLiteral("alembic_version"));
        QCOMPARE(quoteIdentifier(QStringLiteral("order")), QStringLiteral("\"order\""));
        QCOMPARE(quoteIdentifier(QStringLiteral("MyVersion")), QStringLiteral("\"MyVersion\""));
        QCOMPARE(versionChangeSql(quoteIdentifier(QStringLiteral("order")),
                                  VersionChange::update(QStringLiteral("a"), QStringLiteral("b"))),
                 QStringLiteral(
                     "UPDATE \"order\" SET version_num='b' WHERE \"order\".version_num = 'a'"));

        // A version table named like a keyword works end to end.
        for (const QString &table : {QStringLiteral("order"), QStringLiteral("MyVersion")}) {
            const QString path = freshPath();
            SqliteDriver driver(path);
            QVERIFY(driver.open().ok());
            QVERIFY2(driver.ensureTables(table).ok(), qPrintable(table));
            QVERIFY(
                driver.applyVersionChange(table, VersionChange::insert(QStringLiteral("a"))).ok());
            QVERIFY(driver
                        .applyVersionChange(
                            table, VersionChange::update(QStringLiteral("a"), QStringLiteral("b")))
                        .ok());
            QCOMPARE(*driver.versionRows(table), QStringList{QStringLiteral("b")});
            HistoryRecord r;
            r.revision = QStringLiteral("b");
            r.direction = QStringLiteral("up");
            r.startedAt = QDateTime::currentDateTimeUtc();
            QVERIFY(driver.recordHistory(table, r).ok());
            QCOMPARE(driver.history(table)->size(), 1);
            QVERIFY(driver.deleteAllVersionRows(table).ok());
            QVERIFY(driver.versionRows(table)->isEmpty());
            QCOMPARE(column(path, QStringLiteral("SELECT name FROM sqlite_master WHERE type = "
                                                 "'index' AND tbl_name = '%1'")
                                      .arg(table)),
                     QStringList{QStringLiteral("sqlite_autoindex_%1_1").arg(table)});
            QVERIFY(
                scalar(path,
                       QStringLiteral("SELECT sql FROM sqlite_master WHERE name = '%1'").arg(table))
                    .contains(QStringLiteral("CONSTRAINT %1 PRIMARY KEY")
                                  .arg(quoteIdentifier(table + QStringLiteral("_pkc")))));
        }
    }

    void versionTableColumnsAndKey()
    {
        const QString path = freshPath();
        SqliteDriver driver(path);
        QVERIFY(driver.open().ok());
        QVERIFY(driver.ensureTables(QStringLiteral("strata_version")).ok());
        // name|type|notnull|pk of every column, as SQLite reports them.
        QCOMPARE(column(path, QStringLiteral("SELECT name || '|' || type || '|' || \"notnull\" || "
                                             "'|' || pk FROM pragma_table_info('strata_version')")),
                 QStringList{QStringLiteral("version_num|VARCHAR(32)|1|1")});
        QCOMPARE(column(path, QStringLiteral("SELECT name FROM pragma_table_info("
                                             "'strata_version_history') ORDER BY cid")),
                 (QStringList{QStringLiteral("id"), QStringLiteral("revision"),
                              QStringLiteral("direction"), QStringLiteral("checksum"),
                              QStringLiteral("from_revisions"), QStringLiteral("to_revisions"),
                              QStringLiteral("started_at"), QStringLiteral("finished_at"),
                              QStringLiteral("duration_ms"), QStringLiteral("os_user"),
                              QStringLiteral("tool_version"), QStringLiteral("success"),
                              QStringLiteral("error"), QStringLiteral("cancelled")}));
        QVERIFY(scalar(path, QStringLiteral("SELECT sql FROM sqlite_master WHERE name = "
                                            "'strata_version'"))
                    .contains(QStringLiteral("CONSTRAINT strata_version_pkc PRIMARY KEY")));
    }

    void foreignKeysAreOn()
    {
        SqliteDriver driver(freshPath());
        QVERIFY(driver.open().ok());
        QVERIFY(
            driver.execute(Statement{QStringLiteral("CREATE TABLE p (id INTEGER PRIMARY KEY)"), 1})
                .ok());
        QVERIFY(driver
                    .execute(
                        Statement{QStringLiteral("CREATE TABLE c (p INTEGER REFERENCES p(id))"), 2})
                    .ok());
        const Status s = driver.execute(Statement{QStringLiteral("INSERT INTO c VALUES (42)"), 3});
        QVERIFY(!s.ok());
        QVERIFY2(s.error().message.contains(QStringLiteral("FOREIGN KEY")),
                 qPrintable(s.error().message));
    }

    // A foreign_key_check that finds violations fails the step, naming them, in every
    // spelling of the statement; one that finds none, and other PRAGMAs, pass.
    void foreignKeyCheckWithRowsFails_data()
    {
        QTest::addColumn<QString>("statement");
        QTest::addColumn<bool>("fails");
        QTest::newRow("plain") << QStringLiteral("PRAGMA foreign_key_check") << true;
        QTest::newRow("lower, semicolon") << QStringLiteral("pragma foreign_key_check;") << true;
        QTest::newRow("table call") << QStringLiteral("PRAGMA foreign_key_check(c)") << true;
        QTest::newRow("table assigned") << QStringLiteral("PRAGMA foreign_key_check = c") << true;
        QTest::newRow("schema") << QStringLiteral("PRAGMA main.foreign_key_check") << true;
        QTest::newRow("quoted schema and table")
            << QStringLiteral("PRAGMA \"main\" . Foreign_Key_Check ( \"c\" )") << true;
        QTest::newRow("comments") << QStringLiteral("/* check */ PRAGMA -- now\n foreign_key_check")
                                  << true;
        QTest::newRow("other table") << QStringLiteral("PRAGMA foreign_key_check(p)") << false;
        QTest::newRow("other pragma") << QStringLiteral("PRAGMA foreign_key_list(c)") << false;
        QTest::newRow("select") << QStringLiteral("SELECT * FROM pragma_foreign_key_check")
                                << false;
    }

    void foreignKeyCheckWithRowsFails()
    {
        QFETCH(QString, statement);
        QFETCH(bool, fails);
        SqliteDriver driver(freshPath());
        QVERIFY(driver.open().ok());
        for (const char *sql :
             {"CREATE TABLE p (id INTEGER PRIMARY KEY)",
              "CREATE TABLE c (p INTEGER REFERENCES p(id))", "PRAGMA foreign_keys=OFF",
              "INSERT INTO c VALUES (42)", "INSERT INTO c VALUES (43)", "PRAGMA foreign_keys=ON"})
            QVERIFY(driver.execute(Statement{QString::fromLatin1(sql), 1}).ok());
        const Status s = driver.execute(Statement{statement, 7});
        QCOMPARE(!s.ok(), fails);
        if (!fails)
            return;
        QCOMPARE(s.error().message,
                 QStringLiteral("foreign key check failed: 2 rows have no parent "
                                "row: c rowid 1 references p; c rowid 2 "
                                "references p"));
        QCOMPARE(s.error().details, QStringList{statement});
    }

    // Inside a step's transaction too, after the rows are fixed the check passes.
    void foreignKeyCheckInsideTransaction()
    {
        SqliteDriver driver(freshPath());
        QVERIFY(driver.open().ok());
        QVERIFY(driver.begin().ok());
        for (const char *sql : {"CREATE TABLE p (id INTEGER PRIMARY KEY)",
                                "CREATE TABLE c (p INTEGER REFERENCES p(id))",
                                "PRAGMA defer_foreign_keys=ON", "INSERT INTO c VALUES (1)"})
            QVERIFY(driver.execute(Statement{QString::fromLatin1(sql), 1}).ok());
        const Status failing =
            driver.execute(Statement{QStringLiteral("PRAGMA foreign_key_check"), 5});
        QVERIFY(!failing.ok());
        QVERIFY2(failing.error().message.contains(QStringLiteral("1 row has no parent row: c "
                                                                 "rowid 1 references p")),
                 qPrintable(failing.error().message));
        QVERIFY(driver.execute(Statement{QStringLiteral("INSERT INTO p VALUES (1)"), 6}).ok());
        QVERIFY(driver.execute(Statement{QStringLiteral("PRAGMA foreign_key_check"), 7}).ok());
        QVERIFY(driver.commit().ok());
    }

    void oneRowErrorsInAlembicsWords()
    {
        SqliteDriver driver(freshPath());
        QVERIFY(driver.open().ok());
        const QString t = QStringLiteral("strata_version");
        QVERIFY(driver.ensureTables(t).ok());
        const Status update = driver.applyVersionChange(
            t, VersionChange::update(QStringLiteral("gone"), QStringLiteral("next")));
        QVERIFY(!update.ok());
        QCOMPARE(update.error().message,
                 QStringLiteral("version table strata_version: expected to match one row when "
                                "updating 'gone' to 'next'; 0 found"));
        const Status remove =
            driver.applyVersionChange(t, VersionChange::remove(QStringLiteral("gone")));
        QVERIFY(!remove.ok());
        QCOMPARE(remove.error().message,
                 QStringLiteral("version table strata_version: expected to match one row when "
                                "deleting 'gone'; 0 found"));
    }

    void closeThenCancelIsSafe()
    {
        const QString path = freshPath();
        SqliteDriver driver(path);
        QVERIFY(driver.open().ok());
        // cancel() from another thread while the owner closes: the lock keeps the handle alive
        // for as long as sqlite3_interrupt needs it.
        std::atomic<bool> stop{false};
        std::thread canceller([&] {
            while (!stop.load())
                driver.cancel();
        });
        int reopened = 0;
        QString failure;
        for (int i = 0; i < 50; ++i) {
            driver.close();
            const Status s = driver.open();
            if (!s.ok()) {
                failure = s.error().message;
                break;
            }
            ++reopened;
        }
        stop.store(true);
        canceller.join();
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QCOMPARE(reopened, 50);
        driver.close();
        driver.cancel(); // closed: nothing to interrupt
        QVERIFY(driver.open().ok());
        QVERIFY(driver.execute(Statement{QStringLiteral("SELECT 1"), 1}).ok());
        // Reopened with foreign keys on, as the first time.
        QVERIFY(
            driver.execute(Statement{QStringLiteral("CREATE TABLE p (id INTEGER PRIMARY KEY)"), 1})
                .ok());
        QVERIFY(driver
                    .execute(
                        Statement{QStringLiteral("CREATE TABLE c (p INTEGER REFERENCES p(id))"), 2})
                    .ok());
        QVERIFY(!driver.execute(Statement{QStringLiteral("INSERT INTO c VALUES (7)"), 3}).ok());
    }
};

QTEST_GUILESS_MAIN(TestSqliteDriver)
#include "tst_sqlitedriver.moc"
