// SqliteDriver: statement splitting by SQLite's own rules, the version and history tables.

#include "drivers/sqlite/sqlitedriver.h"

#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <thread>

using namespace strata;

class TestSqliteDriver : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_files = 0;

    QString freshPath() { return m_dir.path() + QStringLiteral("/db%1.sqlite").arg(++m_files); }

    static QString scalar(const QString &path, const QString &sql)
    {
        QString out;
        const QString name = QUuid::createUuid().toString();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(path);
            if (db.open()) {
                QSqlQuery q(db);
                if (q.exec(sql) && q.next())
                    out = q.value(0).toString();
            }
        }
        QSqlDatabase::removeDatabase(name);
        return out;
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
        QTest::newRow("semicolons in strings and comments")
            << QStringLiteral("INSERT INTO t VALUES ('a;b'); -- c;d\n/* e; f */ SELECT \"x;y\";")
            << QStringList{QStringLiteral("INSERT INTO t VALUES ('a;b');"),
                           QStringLiteral("SELECT \"x;y\";")}
            << QList<int>{10, 11};
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
        QTest::newRow("only comments")
            << QStringLiteral("-- nothing here\n/* or here */\n") << QStringList{} << QList<int>{};
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
    }

    void tablesInAlembicShape()
    {
        const QString path = freshPath();
        SqliteDriver driver(path);
        QVERIFY(!driver.exists());
        QVERIFY(driver.open().ok());
        QVERIFY(driver.versionRows(QStringLiteral("alembic_version"))->isEmpty()); // no table yet
        QVERIFY(driver.ensureTables(QStringLiteral("alembic_version")).ok());
        QVERIFY(driver.ensureTables(QStringLiteral("alembic_version")).ok()); // idempotent
        const QString ddl = scalar(
            path, QStringLiteral("SELECT sql FROM sqlite_master WHERE name = 'alembic_version'"));
        QVERIFY(ddl.contains(QStringLiteral("version_num VARCHAR(32) NOT NULL")));
        QVERIFY(ddl.contains(
            QStringLiteral("CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)")));
        QVERIFY(driver.hasTable(QStringLiteral("alembic_version_history")));
        QVERIFY(!driver.ensureTables(QStringLiteral("bad name")).ok());
    }

    void versionChanges()
    {
        SqliteDriver driver(freshPath());
        QVERIFY(driver.open().ok());
        const QString t = QStringLiteral("strata_version");
        QVERIFY(driver.ensureTables(t).ok());
        QVERIFY(driver.applyVersionChange(t, VersionChange::insert(QStringLiteral("a"))).ok());
        QVERIFY(driver.applyVersionChange(t, VersionChange::insert(QStringLiteral("x"))).ok());
        QVERIFY(driver
                    .applyVersionChange(
                        t, VersionChange::update(QStringLiteral("a"), QStringLiteral("b")))
                    .ok());
        QVERIFY(driver.applyVersionChange(t, VersionChange::remove(QStringLiteral("x"))).ok());
        QCOMPARE(*driver.versionRows(t), QStringList{QStringLiteral("b")});
        const Status missing = driver.applyVersionChange(
            t, VersionChange::update(QStringLiteral("zz"), QStringLiteral("c")));
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().message.contains(t));
        QVERIFY(missing.error().message.contains(QStringLiteral("zz")));
        QVERIFY(!driver.applyVersionChange(t, VersionChange::remove(QStringLiteral("zz"))).ok());
        QVERIFY(!driver.applyVersionChange(t, VersionChange::insert(QStringLiteral("b")))
                     .ok()); // primary key
        QVERIFY(driver.deleteAllVersionRows(t).ok());
        QVERIFY(driver.versionRows(t)->isEmpty());
    }

    void historyRoundTrip()
    {
        SqliteDriver driver(freshPath());
        QVERIFY(driver.open().ok());
        QVERIFY(driver.ensureTables(QStringLiteral("v")).ok());
        HistoryRecord r;
        r.revision = QStringLiteral("abc");
        r.direction = QStringLiteral("up");
        r.checksum = QStringLiteral("00ff");
        r.startedAt =
            QDateTime::fromString(QStringLiteral("2026-11-22T10:00:00.125Z"), Qt::ISODateWithMs);
        r.finishedAt = r.startedAt.addMSecs(40);
        r.durationMs = 40;
        r.osUser = QStringLiteral("dba");
        r.toolVersion = QStringLiteral("0.1.0");
        r.success = false;
        r.error = QStringLiteral("boom");
        QVERIFY(driver.recordHistory(QStringLiteral("v"), r).ok());
        auto rows = driver.history(QStringLiteral("v"));
        QVERIFY(rows.ok());
        QCOMPARE(rows->size(), 1);
        const HistoryRecord &back = rows->first();
        QCOMPARE(back.revision, r.revision);
        QCOMPARE(back.checksum, r.checksum);
        QCOMPARE(back.startedAt, r.startedAt);
        QCOMPARE(back.durationMs, 40);
        QCOMPARE(back.osUser, QStringLiteral("dba"));
        QCOMPARE(back.success, false);
        QCOMPARE(back.error, QStringLiteral("boom"));
    }

    void errorsCarrySqlitesMessage()
    {
        SqliteDriver driver(freshPath());
        QVERIFY(driver.open().ok());
        const Status s = driver.execute(Statement{QStringLiteral("SELECT * FROM nowhere"), 3});
        QVERIFY(!s.ok());
        QVERIFY2(s.error().message.contains(QStringLiteral("no such table")),
                 qPrintable(s.error().message));
        SqliteDriver lost(m_dir.path() + QStringLiteral("/missing/folder/db.sqlite"));
        const Status open = lost.open();
        QVERIFY(!open.ok());
        QVERIFY(open.error().message.contains(QStringLiteral("missing/folder")));
    }

    void transactionsRollBack()
    {
        const QString path = freshPath();
        SqliteDriver driver(path);
        QVERIFY(driver.open().ok());
        QVERIFY(driver.begin().ok());
        QVERIFY(driver.execute(Statement{QStringLiteral("CREATE TABLE t (a INTEGER)"), 1}).ok());
        QVERIFY(driver.rollback().ok());
        QVERIFY(!driver.hasTable(QStringLiteral("t")));
    }

    void cancelInterruptsARunningStatement()
    {
        SqliteDriver driver(freshPath());
        QVERIFY(driver.open().ok());
        std::thread canceller([&driver] {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            driver.cancel();
        });
        QElapsedTimer timer;
        timer.start();
        const Status s =
            driver.execute(Statement{QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
                                                    "SELECT i + 1 FROM n WHERE i < 2000000000) "
                                                    "SELECT count(*) FROM n"),
                                     1});
        canceller.join();
        QVERIFY(!s.ok());
        QVERIFY2(s.error().message.contains(QStringLiteral("interrupt")),
                 qPrintable(s.error().message));
        QVERIFY(timer.elapsed() < 20000);
    }
};

QTEST_GUILESS_MAIN(TestSqliteDriver)
#include "tst_sqlitedriver.moc"
