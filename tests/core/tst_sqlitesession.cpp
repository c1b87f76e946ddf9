// SqliteDriver::resetSession through whole runs: what a migration sets in its SQLite connection
// (PRAGMAs, temporary tables and triggers) does not reach the next migration or Strata's own
// rows, so a plan gives the same result in one invocation or one step per invocation.

#include "cli.h"
#include "files.h"
#include "sqlitefile.h"

#include <QTemporaryDir>
#include <QTest>

using Steps = QStringList;

class TestSqliteSession : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;
    int m_count = 0;

    struct Outcome
    {
        int code = -1;
        QString err;
    };

    Outcome run(const QString &project, const QString &file, const QStringList &args)
    {
        Outcome o;
        QString out;
        QTextStream outStream(&out), err(&o.err);
        strata::cli::Cli cli(outStream, err);
        o.code = cli.run(QStringList{QStringLiteral("strata"), QStringLiteral("-d"), project,
                                     QStringLiteral("--url"), QStringLiteral("sqlite:///") + file} +
                         args);
        err.flush();
        return o;
    }

    static QString revisionId(int index) { return QStringLiteral("r%1").arg(index + 1); }

    QString project(const Steps &steps)
    {
        const QString dir = m_home.filePath(QStringLiteral("p%1").arg(++m_count));
        bool ok = strata::test::writeFile(dir + QStringLiteral("/strata.ini"),
                                          "[strata]\nversions = versions\n");
        for (int i = 0; i < steps.size(); ++i)
            ok =
                ok && strata::test::writeFile(
                          dir + QStringLiteral("/versions/%1.sql").arg(revisionId(i)),
                          QStringLiteral("-- revision: %1\n-- down_revision: %2\n-- +upgrade\n%3\n")
                              .arg(revisionId(i), i == 0 ? QString() : revisionId(i - 1), steps[i])
                              .toUtf8());
        return ok ? dir : QString();
    }

    // Every table of the main database with its rows, then the version rows.
    static QString landing(const QString &file)
    {
        const QString tables = strata::test::sqliteRun(
            file, QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name "
                                 "NOT LIKE 'sqlite_%' AND name NOT LIKE 'strata_version%' ORDER "
                                 "BY name"));
        QStringList out;
        for (const QString &table : tables.split(QLatin1Char(','), Qt::SkipEmptyParts))
            out.append(table + QLatin1Char(':') +
                       strata::test::sqliteRun(
                           file, QStringLiteral("SELECT count(*) FROM \"%1\"").arg(table)));
        return out.join(QLatin1Char(',')) + QStringLiteral(" | ") +
               strata::test::sqliteRun(file, QStringLiteral("SELECT version_num FROM "
                                                            "strata_version"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("STRATA_AUDIT_LOG"))
            qputenv("STRATA_AUDIT_LOG", m_home.filePath(QStringLiteral("audit.jsonl")).toUtf8());
    }

    void sameResultInOneRunOrStepByStep_data()
    {
        QTest::addColumn<Steps>("steps");
        QTest::addColumn<bool>("succeeds");
        QTest::addColumn<QString>("expected"); // the landing of the one-invocation run
        QTest::newRow("temporary table shadows the next migration's")
            << Steps{QStringLiteral("CREATE TEMP TABLE scratch (id int);"),
                     QStringLiteral("CREATE TABLE scratch (id int);\nINSERT INTO scratch VALUES "
                                    "(1);")}
            << true << QStringLiteral("scratch:1 | r2");
        QTest::newRow("temporary trigger on a main table")
            << Steps{QStringLiteral("CREATE TABLE src (x int);\nCREATE TABLE log (x int);\n"
                                    "CREATE TEMP TRIGGER copy AFTER INSERT ON src BEGIN INSERT "
                                    "INTO log VALUES (new.x); END;"),
                     QStringLiteral("INSERT INTO src VALUES (1);")}
            << true << QStringLiteral("log:0,src:1 | r2");
        QTest::newRow("query_only")
            << Steps{QStringLiteral("PRAGMA query_only = 1;"),
                     QStringLiteral("CREATE TABLE after_query_only (id int);")}
            << true << QStringLiteral("after_query_only:0 | r2");
        QTest::newRow("recursive_triggers")
            << Steps{QStringLiteral("PRAGMA recursive_triggers = 1;"),
                     QStringLiteral("CREATE TABLE n (x int);\nCREATE TRIGGER grow AFTER INSERT "
                                    "ON n WHEN new.x < 5 BEGIN INSERT INTO n VALUES (new.x + 1); "
                                    "END;\nINSERT INTO n VALUES (1);")}
            << true << QStringLiteral("n:2 | r2");
        QTest::newRow("case_sensitive_like")
            << Steps{QStringLiteral("PRAGMA case_sensitive_like = 1;"),
                     QStringLiteral("CREATE TABLE liked AS SELECT 1 AS n WHERE 'ABC' LIKE "
                                    "'abc';")}
            << true << QStringLiteral("liked:1 | r2");
        QTest::newRow("ignore_check_constraints")
            << Steps{QStringLiteral("PRAGMA ignore_check_constraints = 1;"),
                     QStringLiteral("CREATE TABLE checked (x int CHECK (x > 0));\nINSERT INTO "
                                    "checked VALUES (-1);")}
            << false << QStringLiteral(" | r1");
        // A no-op inside the step's transaction, and reset after it all the same.
        QTest::newRow("foreign_keys off")
            << Steps{QStringLiteral("PRAGMA foreign_keys = OFF;\nCREATE TABLE parent (id int "
                                    "PRIMARY KEY);\nCREATE TABLE child (p int REFERENCES "
                                    "parent);"),
                     QStringLiteral("INSERT INTO child VALUES (7);")}
            << false << QStringLiteral("child:0,parent:0 | r1");
        // Refused before anything runs (every SQLite step runs in a transaction); were one
        // attached all the same, the reset after the step detaches it.
        QTest::newRow("attached database")
            << Steps{QStringLiteral("ATTACH DATABASE ':memory:' AS side;\nCREATE TABLE side.t (x "
                                    "int);"),
                     QStringLiteral("CREATE TABLE seen AS SELECT name FROM pragma_database_list "
                                    "WHERE name = 'side';")}
            << false << QStringLiteral(" | ERROR"); // no version table: nothing ran
    }

    void sameResultInOneRunOrStepByStep()
    {
        QFETCH(Steps, steps);
        QFETCH(bool, succeeds);
        QFETCH(QString, expected);
        const QString dir = project(steps);
        QVERIFY(!dir.isEmpty());
        const QString together = dir + QStringLiteral("/together.db");
        const QString apart = dir + QStringLiteral("/apart.db");
        const Outcome once =
            run(dir, together, {QStringLiteral("upgrade"), QStringLiteral("heads")});
        QVERIFY2((once.code == 0) == succeeds, qPrintable(once.err));
        bool allSucceeded = true;
        for (int i = 0; i < steps.size(); ++i) {
            const Outcome o = run(dir, apart, {QStringLiteral("upgrade"), revisionId(i)});
            allSucceeded = allSucceeded && o.code == 0;
            if (o.code != 0)
                break;
        }
        QCOMPARE(allSucceeded, succeeds);
        QCOMPARE(landing(together), expected);
        QCOMPARE(landing(apart), expected);
    }
};

QTEST_GUILESS_MAIN(TestSqliteSession)
#include "tst_sqlitesession.moc"
