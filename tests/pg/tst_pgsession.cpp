// A migration's session state (search_path, role, time zone, settings, temporary objects,
// prepared statements, LISTEN, sequences' currval, advisory locks) on a real PostgreSQL server:
// Strata's own tables stay where they are, and a plan gives the same result run in one
// invocation or one step per invocation.

#include "cli.h"
#include "files.h"
#include "pgserver.h"

#include <QTemporaryDir>
#include <QTest>

using strata::test::PgServer;

namespace {

// The migrations of one case: upgrade sections, each revision the child of the one before.
using Steps = QStringList;

QString revisionId(int index)
{
    return QStringLiteral("r%1").arg(index + 1);
}

} // namespace

class TestPgSession : public QObject
{
    Q_OBJECT

    std::unique_ptr<PgServer> m_server;
    QTemporaryDir m_home;
    int m_databases = 0;

    struct Outcome
    {
        int code = -1;
        QString out;
        QString err;
    };

    Outcome run(const QString &project, const QString &database, const QStringList &args)
    {
        Outcome o;
        QTextStream out(&o.out), err(&o.err);
        strata::cli::Cli cli(out, err);
        o.code = cli.run(QStringList{QStringLiteral("strata"), QStringLiteral("-d"), project,
                                     QStringLiteral("--url"), m_server->conninfo(database)} +
                         args);
        out.flush();
        err.flush();
        return o;
    }

    QString scalar(const QString &database, const QString &sql) const
    {
        QString out;
        if (!m_server->psql(sql, &out, database))
            return QStringLiteral("ERROR: ") + out;
        return out;
    }

    // A project of its own holding the steps; its folder.
    QString project(const Steps &steps)
    {
        const QString dir = m_home.filePath(QStringLiteral("p%1").arg(++m_databases));
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

    QString newDatabase()
    {
        const QString name = QStringLiteral("session%1").arg(++m_databases);
        return m_server->psql(QStringLiteral("CREATE DATABASE %1").arg(name)) ? name : QString();
    }

    // Where everything landed: each user table with its schema, owner and rows, Strata's own
    // included, then the version rows.
    QString landing(const QString &database, const QString &versionSchema) const
    {
        const QString tables = scalar(
            database,
            QStringLiteral(
                "SELECT string_agg(schemaname || '.' || tablename || ':' || tableowner || ':' || "
                "(xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I.%I', "
                "schemaname, tablename), false, true, '')))[1]::text, ',' ORDER BY 1) FROM "
                "pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND "
                "tablename <> 'strata_version_history'"));
        const QString rows =
            scalar(database, QStringLiteral("SELECT string_agg(version_num, ',') FROM %1")
                                 .arg(versionSchema + QStringLiteral(".strata_version")));
        return tables + QStringLiteral(" | ") + rows;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("STRATA_AUDIT_LOG"))
            qputenv("STRATA_AUDIT_LOG", m_home.filePath(QStringLiteral("audit.jsonl")).toUtf8());
        QString error;
        m_server = PgServer::start(&error);
        QVERIFY2(m_server, qPrintable(error));
        QVERIFY(m_server->psql(QStringLiteral("CREATE ROLE app_owner NOLOGIN")));
    }

    void sameResultInOneRunOrStepByStep_data()
    {
        QTest::addColumn<Steps>("steps");
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<bool>("succeeds");
        QTest::addColumn<QString>("versionSchema");
        // Each case: a migration changes the session, the next one creates a table whose place,
        // owner or rows show whether that change leaked into it.
        const QString next = QStringLiteral("CREATE TABLE next_table (id int);");
        QTest::newRow("search_path") << Steps{QStringLiteral("CREATE SCHEMA app;\nSET search_path "
                                                             "TO app;\nCREATE TABLE a (id int);"),
                                              next}
                                     << QStringList{} << true << QStringLiteral("public");
        QTest::newRow("search_path with --schema")
            << Steps{QStringLiteral("CREATE SCHEMA app;\nSET search_path TO app;"), next}
            << QStringList{QStringLiteral("--schema"), QStringLiteral("strata")} << true
            << QStringLiteral("strata");
        QTest::newRow("search_path, one transaction")
            << Steps{QStringLiteral("CREATE SCHEMA app;\nSET search_path TO app;"), next}
            << QStringList{QStringLiteral("--single-transaction")} << true
            << QStringLiteral("public");
        // What every pg_dump baseline starts with.
        QTest::newRow("pg_dump baseline")
            << Steps{QStringLiteral("SET statement_timeout = 0;\nSET client_encoding = 'UTF8';\n"
                                    "SELECT pg_catalog.set_config('search_path', '', false);\n"
                                    "SET check_function_bodies = false;\nCREATE TABLE "
                                    "public.base (id integer NOT NULL);"),
                     next}
            << QStringList{} << true << QStringLiteral("public");
        QTest::newRow("SET ROLE")
            << Steps{QStringLiteral("SET ROLE app_owner;\nCREATE TABLE owned (id int);"), next}
            << QStringList{} << true << QStringLiteral("public");
        QTest::newRow("SET SESSION AUTHORIZATION")
            << Steps{QStringLiteral("SET SESSION AUTHORIZATION app_owner;\nCREATE TABLE owned "
                                    "(id int);"),
                     next}
            << QStringList{} << true << QStringLiteral("public");
        QTest::newRow("time zone")
            << Steps{QStringLiteral("SET TIME ZONE 'Pacific/Auckland';"),
                     QStringLiteral("CREATE TABLE zone AS SELECT 1 AS n FROM "
                                    "generate_series(1, 3) WHERE current_setting('TimeZone') = "
                                    "'Pacific/Auckland';")}
            << QStringList{} << true << QStringLiteral("public");
        QTest::newRow("set_config, not local")
            << Steps{QStringLiteral("SELECT set_config('work_mem', '99MB', false);"),
                     QStringLiteral("CREATE TABLE mem AS SELECT 1 AS n FROM generate_series(1, 3) "
                                    "WHERE current_setting('work_mem') = '99MB';")}
            << QStringList{} << true << QStringLiteral("public");
        QTest::newRow("SET LOCAL")
            << Steps{QStringLiteral("SET LOCAL search_path TO pg_temp;\nCREATE TABLE "
                                    "public.local_one (id int);"),
                     next}
            << QStringList{} << true << QStringLiteral("public");
        QTest::newRow("temporary table")
            << Steps{QStringLiteral("CREATE TEMP TABLE scratch (id int);"),
                     QStringLiteral("CREATE TABLE scratch (id int);\nINSERT INTO scratch VALUES "
                                    "(1);")}
            << QStringList{} << true << QStringLiteral("public");
        QTest::newRow("prepared statement")
            << Steps{QStringLiteral("PREPARE probe AS SELECT 1;"),
                     QStringLiteral("PREPARE probe AS SELECT 2;\n") + next}
            << QStringList{} << true << QStringLiteral("public");
        QTest::newRow("LISTEN") << Steps{QStringLiteral("LISTEN strata_test;"),
                                         QStringLiteral("CREATE TABLE channels AS SELECT * FROM "
                                                        "pg_listening_channels();")}
                                << QStringList{} << true << QStringLiteral("public");
        // currval() is defined only in the session that called nextval(): step by step it is
        // not, so it must not be in one run either.
        QTest::newRow("sequence currval")
            << Steps{QStringLiteral("CREATE SEQUENCE counter;\nSELECT nextval('counter');"),
                     QStringLiteral("CREATE TABLE cv AS SELECT currval('counter') AS v;")}
            << QStringList{} << false << QStringLiteral("public");
        QTest::newRow("advisory lock")
            << Steps{QStringLiteral("SELECT pg_advisory_lock(42);\nSELECT "
                                    "pg_advisory_lock_shared(7, 8);"),
                     QStringLiteral("CREATE TABLE locks AS SELECT objid FROM pg_locks WHERE "
                                    "locktype = 'advisory' AND pid = pg_backend_pid() AND classid "
                                    "<> 21332;")}
            << QStringList{} << true << QStringLiteral("public");
        // A change that outlives the session: the next session's search path finds another
        // schema first, yet the version table stays the one already there, so nothing runs twice
        // (cfg's single row) and no second version table appears.
        const QString seeded = QStringLiteral("CREATE TABLE public.next_table (id int);");
        QTest::newRow("database's search_path moved")
            << Steps{QStringLiteral("CREATE SCHEMA app;\nDO $$ BEGIN EXECUTE format('ALTER "
                                    "DATABASE %I SET search_path TO app, public', "
                                    "current_database()); END $$;\nCREATE TABLE public.cfg AS "
                                    "SELECT 1 AS n;"),
                     seeded}
            << QStringList{} << true << QStringLiteral("public");
        // "$user" comes first on the default search path: a schema named after the role.
        QTest::newRow("schema named after the role")
            << Steps{QStringLiteral("CREATE SCHEMA postgres;\nCREATE TABLE public.cfg AS SELECT 1 "
                                    "AS n;"),
                     seeded}
            << QStringList{} << true << QStringLiteral("public");
        QTest::newRow("statement_timeout")
            << Steps{QStringLiteral("SET statement_timeout = 1;"),
                     QStringLiteral("CREATE TABLE slow AS SELECT 1 AS n FROM pg_sleep(0.05);")}
            << QStringList{} << true << QStringLiteral("public");
    }

    void sameResultInOneRunOrStepByStep()
    {
        QFETCH(Steps, steps);
        QFETCH(QStringList, options);
        QFETCH(bool, succeeds);
        QFETCH(QString, versionSchema);
        const QString dir = project(steps);
        QVERIFY(!dir.isEmpty());
        const QString together = newDatabase(), apart = newDatabase();
        QVERIFY(!together.isEmpty() && !apart.isEmpty());
        for (const QString &db : {together, apart})
            QVERIFY(m_server->psql(QStringLiteral("GRANT CREATE ON SCHEMA public TO app_owner; "
                                                  "GRANT CREATE ON DATABASE %1 TO app_owner")
                                       .arg(db),
                                   nullptr, db));

        const Outcome once =
            run(dir, together,
                QStringList{QStringLiteral("upgrade"), QStringLiteral("heads")} + options);
        QVERIFY2((once.code == 0) == succeeds, qPrintable(once.err));
        if (succeeds)
            QVERIFY2(once.code == 0, qPrintable(once.err));
        int failures = 0;
        for (int i = 0; i < steps.size(); ++i) {
            const Outcome o =
                run(dir, apart, QStringList{QStringLiteral("upgrade"), revisionId(i)} + options);
            if (o.code != 0)
                ++failures;
            if (succeeds)
                QVERIFY2(o.code == 0, qPrintable(o.err));
        }
        QCOMPARE(failures == 0, succeeds);
        const QString first = landing(together, versionSchema);
        QVERIFY2(!first.contains(QStringLiteral("ERROR")), qPrintable(first));
        QCOMPARE(first, landing(apart, versionSchema));
        // Nothing from a migration leaks into the next: the probe tables are empty where they
        // exist, and next_table is where the session was when Strata connected.
        if (steps.last().contains(QStringLiteral("next_table")) && succeeds)
            QVERIFY2(first.contains(QStringLiteral("public.next_table:postgres:0")),
                     qPrintable(first));
        for (const QString &probe : {QStringLiteral("zone"), QStringLiteral("mem"),
                                     QStringLiteral("channels"), QStringLiteral("locks")})
            if (first.contains(QStringLiteral("public.%1:").arg(probe)))
                QVERIFY2(first.contains(QStringLiteral("public.%1:postgres:0").arg(probe)),
                         qPrintable(first));
        if (first.contains(QStringLiteral("public.scratch:")))
            QVERIFY2(first.contains(QStringLiteral("public.scratch:postgres:1")),
                     qPrintable(first));
        // The lock the migration took went with its step; the run's own went with the run.
        QCOMPARE(scalar(QStringLiteral("postgres"),
                        QStringLiteral("SELECT count(*) FROM pg_locks WHERE locktype = "
                                       "'advisory'")),
                 QStringLiteral("0"));
    }

    // Version-row update of a migration that moved search_path: the failure the issue shows.
    void versionRowFoundAfterSearchPathMoved()
    {
        const QString dir = project({QStringLiteral("CREATE SCHEMA app;\nSET search_path TO "
                                                    "app;\nCREATE TABLE a (id int);"),
                                     QStringLiteral("CREATE TABLE b (id int);")});
        const QString db = newDatabase();
        const Outcome o = run(dir, db, {QStringLiteral("upgrade"), QStringLiteral("r1")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QCOMPARE(scalar(db, QStringLiteral("SELECT version_num FROM public.strata_version")),
                 QStringLiteral("r1"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT to_regclass('app.a') IS NOT NULL")),
                 QStringLiteral("t"));
        const Outcome c = run(dir, db, {QStringLiteral("current")});
        QVERIFY2(c.code == 0 && c.out.contains(QStringLiteral("r1")), qPrintable(c.out + c.err));
    }

    // Strata's own settings survive the reset: the run's --lock-timeout and --statement-timeout
    // and application_name are what the next migration sees, whatever the one before set.
    void strataSettingsComeBack()
    {
        const QString dir = project(
            {QStringLiteral("SET lock_timeout = 0;\nSET statement_timeout = 0;\nSET "
                            "application_name = 'migration';"),
             QStringLiteral("CREATE TABLE seen AS SELECT current_setting('lock_timeout') || ',' "
                            "|| current_setting('statement_timeout') || ',' || "
                            "current_setting('application_name') AS v;")});
        const QString db = newDatabase();
        const Outcome o = run(dir, db,
                              {QStringLiteral("upgrade"), QStringLiteral("heads"),
                               QStringLiteral("--lock-timeout"), QStringLiteral("3s"),
                               QStringLiteral("--statement-timeout"), QStringLiteral("1min")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QCOMPARE(scalar(db, QStringLiteral("SELECT v FROM seen")),
                 QStringLiteral("3s,1min,strata"));
    }

    // A database migrated before a schema named after the role appeared (here by a migration):
    // the version table is where the search path found it, not in the new first schema.
    void versionTableFoundWhereTheSearchPathFindsIt()
    {
        const QString dir =
            project({QStringLiteral("CREATE TABLE public.first (id int);"),
                     QStringLiteral("CREATE SCHEMA postgres;"), // "$user" on the search path
                     QStringLiteral("CREATE TABLE public.third (id int);")});
        const QString db = newDatabase();
        for (const QString &target : {QStringLiteral("r2"), QStringLiteral("heads")}) {
            const Outcome o = run(dir, db, {QStringLiteral("upgrade"), target});
            QVERIFY2(o.code == 0, qPrintable(o.err));
        }
        QCOMPARE(scalar(db, QStringLiteral("SELECT version_num FROM public.strata_version")),
                 QStringLiteral("r3"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT to_regclass('postgres.strata_version') IS "
                                           "NULL")),
                 QStringLiteral("t"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM public.strata_version_history "
                                           "WHERE success")),
                 QStringLiteral("3"));
    }

    // In one transaction the reset between steps travels on its own: an error in the next
    // step's first statement shows that statement, at its line, and nothing of the reset.
    void resetBetweenStepsStaysOutOfErrors()
    {
        const QString dir = project({QStringLiteral("SET TIME ZONE 'UTC';"),
                                     QStringLiteral("CREATE TABLE oops (id no_such_type);")});
        const QString db = newDatabase();
        const Outcome o = run(dir, db,
                              {QStringLiteral("upgrade"), QStringLiteral("heads"),
                               QStringLiteral("--single-transaction")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QStringLiteral("r2.sql:4")) &&
                     o.err.contains(QStringLiteral("no_such_type")) &&
                     !o.err.contains(QStringLiteral("RESET ALL")),
                 qPrintable(o.err));
    }

    // A role whose search_path names no schema that exists: said plainly, unless --schema.
    void noCurrentSchemaIsSaidClearly()
    {
        const QString dir = project({QStringLiteral("CREATE TABLE public.t (id int);")});
        const QString db = newDatabase();
        QVERIFY(
            m_server->psql(QStringLiteral("ALTER DATABASE %1 SET search_path = nowhere").arg(db)));
        Outcome o = run(dir, db, {QStringLiteral("upgrade"), QStringLiteral("heads")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QStringLiteral("no current schema")) &&
                     o.err.contains(QStringLiteral("--schema")),
                 qPrintable(o.err));
        o = run(dir, db,
                {QStringLiteral("upgrade"), QStringLiteral("heads"), QStringLiteral("--schema"),
                 QStringLiteral("strata")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QCOMPARE(scalar(db, QStringLiteral("SELECT version_num FROM strata.strata_version")),
                 QStringLiteral("r1"));
    }

    void cleanupTestCase() { m_server.reset(); }
};

QTEST_GUILESS_MAIN(TestPgSession)
#include "tst_pgsession.moc"
