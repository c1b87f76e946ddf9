// The `strata` commands on a real PostgreSQL server (the throwaway fixture).

#include "cli.h"
#include "drivers/postgres/postgresdriver.h"
#include "pgserver.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using strata::test::PgServer;

class TestPostgresCli : public QObject
{
    Q_OBJECT

    std::unique_ptr<PgServer> m_server;

    struct Outcome
    {
        int code = -1;
        QString out;
        QString err;
    };

    Outcome run(const QString &project, const QString &database, QStringList args)
    {
        Outcome o;
        QTextStream out(&o.out), err(&o.err);
        strata::cli::Cli cli(out, err);
        args = QStringList{QStringLiteral("strata"), QStringLiteral("-d"), project,
                           QStringLiteral("--url"), m_server->conninfo(database)} +
               args;
        o.code = cli.run(args);
        out.flush();
        err.flush();
        return o;
    }

    QString scalar(const QString &database, const QString &sql)
    {
        QString out;
        if (!m_server->psql(sql, &out, database))
            return QStringLiteral("ERROR: ") + out;
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        m_server = PgServer::start(&error);
        QVERIFY2(m_server, qPrintable(error));
    }

    void exampleRoundTrip()
    {
        QVERIFY(m_server->psql(QStringLiteral("CREATE DATABASE shop")));
        const QString project = QStringLiteral(STRATA_SOURCE_DIR "/migrations");
        Outcome o = run(project, QStringLiteral("shop"),
                        {QStringLiteral("upgrade"), QStringLiteral("heads")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QCOMPARE(scalar(QStringLiteral("shop"),
                        QStringLiteral("SELECT version_num FROM strata_version")),
                 QStringLiteral("be0a3c5f7b11"));
        QCOMPARE(scalar(QStringLiteral("shop"), QStringLiteral("SELECT count(*) FROM categories")),
                 QStringLiteral("3"));
        QCOMPARE(scalar(QStringLiteral("shop"),
                        QStringLiteral("SELECT count(*) FROM strata_version_history WHERE success "
                                       "AND direction = 'up'")),
                 QStringLiteral("11"));
        const QString schemaQuery =
            QStringLiteral("SELECT string_agg(table_name || '.' || column_name || ':' || "
                           "data_type, ',' ORDER BY table_name, column_name) "
                           "FROM information_schema.columns WHERE table_schema = 'public' AND "
                           "table_name NOT LIKE 'strata_version%'");
        const QString schema = scalar(QStringLiteral("shop"), schemaQuery);
        QVERIFY(schema.contains(QStringLiteral("customers.loyalty_points:integer")));
        o = run(project, QStringLiteral("shop"), {QStringLiteral("check")});
        QCOMPARE(o.code, 0);
        o = run(project, QStringLiteral("shop"),
                {QStringLiteral("downgrade"), QStringLiteral("base")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QCOMPARE(scalar(QStringLiteral("shop"), schemaQuery), QString());
        o = run(project, QStringLiteral("shop"),
                {QStringLiteral("upgrade"), QStringLiteral("heads")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QCOMPARE(scalar(QStringLiteral("shop"), schemaQuery), schema);
    }

    void failureNamesFileAndLineAndRollsBack()
    {
        QVERIFY(m_server->psql(QStringLiteral("CREATE DATABASE broken")));
        QTemporaryDir dir;
        QDir(dir.path()).mkpath(QStringLiteral("versions"));
        auto write = [&](const QString &name, const QByteArray &text) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text);
        };
        write(QStringLiteral("strata.ini"), "[strata]\nversions = versions\n");
        write(QStringLiteral("versions/a.sql"), "-- revision: a1\n-- +upgrade\nCREATE TABLE one "
                                                "(id int);\n-- +downgrade\nDROP TABLE one;\n");
        // The bad column type sits on line 8 of the file, the third line of its statement.
        write(QStringLiteral("versions/b.sql"),
              "-- revision: b2\n-- down_revision: a1\n-- +upgrade\nCREATE TABLE two (id int);\n"
              "CREATE TABLE three (\n"
              "    id int,\n"
              "    name text,\n"
              "    bad no_such_type\n"
              ");\n-- +downgrade\nDROP TABLE three;\nDROP TABLE two;\n");
        Outcome o = run(dir.path(), QStringLiteral("broken"),
                        {QStringLiteral("upgrade"), QStringLiteral("heads")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QStringLiteral("b.sql:8")), qPrintable(o.err));
        QVERIFY2(o.err.contains(QStringLiteral("no_such_type")), qPrintable(o.err));
        QCOMPARE(scalar(QStringLiteral("broken"),
                        QStringLiteral("SELECT version_num FROM strata_version")),
                 QStringLiteral("a1"));
        QCOMPARE(
            scalar(QStringLiteral("broken"), QStringLiteral("SELECT to_regclass('two') IS NULL")),
            QStringLiteral("t"));
        QCOMPARE(scalar(QStringLiteral("broken"),
                        QStringLiteral("SELECT count(*) FROM strata_version_history WHERE revision "
                                       "= 'b2' AND NOT success")),
                 QStringLiteral("1"));
    }

    void concurrentRunWaitsThenNamesTheHolder()
    {
        QVERIFY(m_server->psql(QStringLiteral("CREATE DATABASE locked")));
        const QString project = QStringLiteral(STRATA_SOURCE_DIR "/migrations");
        // Another run holds the lock on the version table.
        strata::PostgresDriver other(m_server->conninfo(QStringLiteral("locked")),
                                     QStringLiteral("locked"));
        QVERIFY(other.open().ok());
        QVERIFY(other.lockRuns(QStringLiteral("strata_version"), 0).ok());
        QElapsedTimer timer;
        timer.start();
        Outcome o = run(project, QStringLiteral("locked"),
                        {QStringLiteral("upgrade"), QStringLiteral("heads"),
                         QStringLiteral("--lock-wait"), QStringLiteral("1")});
        QCOMPARE(o.code, 1);
        QVERIFY(timer.elapsed() >= 900);
        QVERIFY2(o.err.contains(QStringLiteral("holds the lock")) &&
                     o.err.contains(QStringLiteral("application 'strata'")),
                 qPrintable(o.err));
        QCOMPARE(scalar(QStringLiteral("locked"),
                        QStringLiteral("SELECT to_regclass('customers') IS NULL")),
                 QStringLiteral("t"));
        // Released: the run goes through.
        other.unlockRuns(QStringLiteral("strata_version"));
        o = run(project, QStringLiteral("locked"),
                {QStringLiteral("upgrade"), QStringLiteral("heads")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        // And the lock does not outlive the run.
        QVERIFY(other.lockRuns(QStringLiteral("strata_version"), 0).ok());
    }

    void runThatWaitedPlansAgain()
    {
        QVERIFY(m_server->psql(QStringLiteral("CREATE DATABASE waited")));
        const QString project = QStringLiteral(STRATA_SOURCE_DIR "/migrations");
        // Another session holds the lock and, meanwhile, brings the database to the heads.
        auto other = std::make_unique<strata::PostgresDriver>(
            m_server->conninfo(QStringLiteral("waited")), QStringLiteral("waited"));
        QVERIFY(other->open().ok());
        QVERIFY(other->lockRuns(QStringLiteral("strata_version"), 0).ok());
        Outcome first = run(project, QStringLiteral("waited"),
                            {QStringLiteral("upgrade"), QStringLiteral("heads"),
                             QStringLiteral("--lock-wait"), QStringLiteral("0")});
        QVERIFY2(first.code == 1, "the first run should have been refused by the lock");
        QVERIFY(other->ensureTables(QStringLiteral("strata_version")).ok());
        QVERIFY(
            other
                ->applyVersionChange(QStringLiteral("strata_version"),
                                     strata::VersionChange::insert(QStringLiteral("be0a3c5f7b11")))
                .ok());
        std::thread releaser([&other] {
            std::this_thread::sleep_for(std::chrono::milliseconds(700));
            other->unlockRuns(QStringLiteral("strata_version"));
        });
        Outcome o = run(project, QStringLiteral("waited"),
                        {QStringLiteral("upgrade"), QStringLiteral("heads"),
                         QStringLiteral("--lock-wait"), QStringLiteral("20")});
        releaser.join();
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QVERIFY2(o.out.contains(QStringLiteral("Nothing to do")), qPrintable(o.out));
        QCOMPARE(scalar(QStringLiteral("waited"),
                        QStringLiteral("SELECT to_regclass('customers') IS NULL")),
                 QStringLiteral("t"));
    }

    // A project in a temporary folder from (file name, text) pairs.
    static void writeProject(const QTemporaryDir &dir,
                             const QList<std::pair<QString, QByteArray>> &files)
    {
        QDir(dir.path()).mkpath(QStringLiteral("versions"));
        for (const auto &[name, text] : files) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text);
        }
    }

    void pingSaysWhatAnsweredOrWhyNot()
    {
        QVERIFY(m_server->psql(QStringLiteral("CREATE DATABASE pinged")));
        const QString project = QStringLiteral(STRATA_SOURCE_DIR "/migrations");
        Outcome o = run(project, QStringLiteral("pinged"), {QStringLiteral("ping")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QVERIFY2(o.out.contains(QStringLiteral("server:   PostgreSQL 15")), qPrintable(o.out));
        QVERIFY(o.out.contains(QStringLiteral("database: pinged")));
        QVERIFY(o.out.contains(QStringLiteral("user:     postgres")));
        QVERIFY(o.out.contains(QStringLiteral("(base: no revision applied)")));
        QCOMPARE(run(project, QStringLiteral("pinged"),
                     {QStringLiteral("upgrade"), QStringLiteral("7a6c9e1b3d07")})
                     .code,
                 0);
        o = run(project, QStringLiteral("pinged"), {QStringLiteral("ping")});
        QVERIFY2(o.out.contains(QStringLiteral("current:  7a6c9e1b3d07")), qPrintable(o.out));

        // A database that is not there: exit 1, naming it and the server's reason.
        o = run(project, QStringLiteral("no_such_db"), {QStringLiteral("ping")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QStringLiteral("no_such_db")) &&
                     o.err.contains(QStringLiteral("does not exist")),
                 qPrintable(o.err));
    }

    void upgradeCreatesTheDatabaseWhenAsked()
    {
        const QString project = QStringLiteral(STRATA_SOURCE_DIR "/migrations");
        Outcome o = run(project, QStringLiteral("created_by_strata"),
                        {QStringLiteral("upgrade"), QStringLiteral("heads")});
        QCOMPARE(o.code, 1); // without the flag, a missing database is an error
        QVERIFY2(o.err.contains(QStringLiteral("created_by_strata")), qPrintable(o.err));

        o = run(project, QStringLiteral("created_by_strata"),
                {QStringLiteral("upgrade"), QStringLiteral("heads"),
                 QStringLiteral("--create-database")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QVERIFY2(o.out.contains(QStringLiteral("Created database")), qPrintable(o.out));
        QCOMPARE(scalar(QStringLiteral("created_by_strata"),
                        QStringLiteral("SELECT version_num FROM strata_version")),
                 QStringLiteral("be0a3c5f7b11"));
        // A second time: nothing to create, nothing to do.
        o = run(project, QStringLiteral("created_by_strata"),
                {QStringLiteral("upgrade"), QStringLiteral("heads"),
                 QStringLiteral("--create-database")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QVERIFY(!o.out.contains(QStringLiteral("Created database")));
    }

    void statementTimeoutStopsALongStatement()
    {
        QVERIFY(m_server->psql(QStringLiteral("CREATE DATABASE timed")));
        QTemporaryDir dir;
        writeProject(dir, {{QStringLiteral("strata.ini"), "[strata]\nversions = versions\n"},
                           {QStringLiteral("versions/a.sql"),
                            "-- revision: a1\n-- +upgrade\nCREATE TABLE one (id int);\n"
                            "-- +downgrade\nDROP TABLE one;\n"},
                           {QStringLiteral("versions/b.sql"),
                            "-- revision: b2\n-- down_revision: a1\n-- +upgrade\n"
                            "CREATE TABLE two (id int);\nSELECT pg_sleep(20);\n"
                            "-- +downgrade\nDROP TABLE two;\n"}});
        QElapsedTimer timer;
        timer.start();
        Outcome o = run(dir.path(), QStringLiteral("timed"),
                        {QStringLiteral("upgrade"), QStringLiteral("heads"),
                         QStringLiteral("--statement-timeout"), QStringLiteral("500ms")});
        QCOMPARE(o.code, 1);
        QVERIFY2(timer.elapsed() < 10000, "the statement timeout did not stop pg_sleep");
        QVERIFY2(o.err.contains(QStringLiteral("statement timeout")) &&
                     o.err.contains(QStringLiteral("b.sql:5")),
                 qPrintable(o.err));
        QCOMPARE(scalar(QStringLiteral("timed"),
                        QStringLiteral("SELECT version_num FROM strata_version")),
                 QStringLiteral("a1"));
        QCOMPARE(
            scalar(QStringLiteral("timed"), QStringLiteral("SELECT to_regclass('two') IS NULL")),
            QStringLiteral("t"));
    }

    void lockTimeoutGivesUpOnABusyTable()
    {
        QVERIFY(m_server->psql(QStringLiteral("CREATE DATABASE busy")));
        QTemporaryDir dir;
        writeProject(dir, {{QStringLiteral("strata.ini"), "[strata]\nversions = versions\n"},
                           {QStringLiteral("versions/a.sql"),
                            "-- revision: a1\n-- +upgrade\nCREATE TABLE orders (id int);\n"
                            "-- +downgrade\nDROP TABLE orders;\n"},
                           {QStringLiteral("versions/b.sql"),
                            "-- revision: b2\n-- down_revision: a1\n-- +upgrade\n"
                            "ALTER TABLE orders ADD COLUMN note text;\n"
                            "-- +downgrade\nALTER TABLE orders DROP COLUMN note;\n"}});
        Outcome o = run(dir.path(), QStringLiteral("busy"),
                        {QStringLiteral("upgrade"), QStringLiteral("a1")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        // An application's long transaction holds the table.
        strata::PostgresDriver app(m_server->conninfo(QStringLiteral("busy")),
                                   QStringLiteral("busy"));
        QVERIFY(app.open().ok());
        QVERIFY(app.begin().ok());
        QVERIFY(app.execute({QStringLiteral("LOCK TABLE orders IN ACCESS SHARE MODE"), 1}).ok());
        QElapsedTimer timer;
        timer.start();
        o = run(dir.path(), QStringLiteral("busy"),
                {QStringLiteral("upgrade"), QStringLiteral("heads"),
                 QStringLiteral("--lock-timeout"), QStringLiteral("300ms")});
        QCOMPARE(o.code, 1);
        QVERIFY2(timer.elapsed() < 10000, "the lock timeout did not stop the wait");
        QVERIFY2(o.err.contains(QStringLiteral("lock timeout")), qPrintable(o.err));
        QCOMPARE(scalar(QStringLiteral("busy"),
                        QStringLiteral("SELECT version_num FROM strata_version")),
                 QStringLiteral("a1"));
        QVERIFY(app.rollback().ok());
        o = run(dir.path(), QStringLiteral("busy"),
                {QStringLiteral("upgrade"), QStringLiteral("heads"),
                 QStringLiteral("--lock-timeout"), QStringLiteral("5s")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
    }

    void nonTransactionalMigrationRunsOutsideATransaction()
    {
        QVERIFY(m_server->psql(QStringLiteral("CREATE DATABASE nontx")));
        QTemporaryDir dir;
        writeProject(dir, {{QStringLiteral("strata.ini"), "[strata]\nversions = versions\n"},
                           {QStringLiteral("versions/a.sql"),
                            "-- revision: a1\n-- +upgrade\nCREATE TABLE orders (id int, placed "
                            "date);\n-- +downgrade\nDROP TABLE orders;\n"},
                           {QStringLiteral("versions/b.sql"),
                            "-- revision: b2\n-- down_revision: a1\n-- transactional: false\n"
                            "-- +upgrade\n"
                            "CREATE INDEX CONCURRENTLY orders_placed ON orders (placed);\n"
                            "-- +downgrade\nDROP INDEX CONCURRENTLY orders_placed;\n"}});
        // Offline, its statements stand outside BEGIN/COMMIT, as they must run.
        Outcome sql =
            run(dir.path(), QStringLiteral("nontx"),
                {QStringLiteral("upgrade"), QStringLiteral("heads"), QStringLiteral("--sql")});
        QVERIFY2(sql.code == 0, qPrintable(sql.err));
        const qsizetype header = sql.out.indexOf(QStringLiteral("-- Running upgrade a1 -> b2"));
        const qsizetype index = sql.out.indexOf(QStringLiteral("CREATE INDEX CONCURRENTLY"));
        const qsizetype begin = sql.out.indexOf(QStringLiteral("BEGIN;"), header);
        QVERIFY2(header >= 0 && header < index && index < begin, qPrintable(sql.out));

        // Inside a transaction PostgreSQL would refuse CREATE INDEX CONCURRENTLY.
        Outcome o = run(dir.path(), QStringLiteral("nontx"),
                        {QStringLiteral("upgrade"), QStringLiteral("heads")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QCOMPARE(scalar(QStringLiteral("nontx"),
                        QStringLiteral("SELECT version_num FROM strata_version")),
                 QStringLiteral("b2"));
        QCOMPARE(scalar(QStringLiteral("nontx"),
                        QStringLiteral("SELECT indisvalid FROM pg_index WHERE indexrelid = "
                                       "'orders_placed'::regclass")),
                 QStringLiteral("t"));
        QCOMPARE(run(dir.path(), QStringLiteral("nontx"), {QStringLiteral("check")}).code, 0);
        o = run(dir.path(), QStringLiteral("nontx"),
                {QStringLiteral("downgrade"), QStringLiteral("a1")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QCOMPARE(scalar(QStringLiteral("nontx"),
                        QStringLiteral("SELECT to_regclass('orders_placed') IS NULL")),
                 QStringLiteral("t"));
    }

    void nonTransactionalFailureSaysWhatRanAndPretendsNothing()
    {
        QVERIFY(m_server->psql(QStringLiteral("CREATE DATABASE halfway")));
        QTemporaryDir dir;
        writeProject(dir, {{QStringLiteral("strata.ini"), "[strata]\nversions = versions\n"},
                           {QStringLiteral("versions/a.sql"),
                            "-- revision: a1\n-- +upgrade\nCREATE TABLE orders (id int, placed "
                            "date);\n-- +downgrade\nDROP TABLE orders;\n"},
                           {QStringLiteral("versions/b.sql"),
                            "-- revision: b2\n-- down_revision: a1\n-- transactional: false\n"
                            "-- +upgrade\n"
                            "CREATE INDEX CONCURRENTLY orders_placed ON orders (placed);\n"
                            "CREATE INDEX CONCURRENTLY orders_missing ON orders (no_such_col);\n"
                            "-- +downgrade\nDROP INDEX CONCURRENTLY orders_placed;\n"}});
        Outcome o = run(dir.path(), QStringLiteral("halfway"),
                        {QStringLiteral("upgrade"), QStringLiteral("heads")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QStringLiteral("b.sql:6")) &&
                     o.err.contains(QStringLiteral("stopped part way: 1 of 2 statements ran")) &&
                     o.err.contains(QStringLiteral("no_such_col")) &&
                     o.err.contains(QStringLiteral("nothing was rolled back")),
                 qPrintable(o.err));
        // What ran stays; the version row does not pretend the step happened.
        QCOMPARE(scalar(QStringLiteral("halfway"),
                        QStringLiteral("SELECT to_regclass('orders_placed') IS NOT NULL")),
                 QStringLiteral("t"));
        QCOMPARE(scalar(QStringLiteral("halfway"),
                        QStringLiteral("SELECT version_num FROM strata_version")),
                 QStringLiteral("a1"));
        QCOMPARE(scalar(QStringLiteral("halfway"),
                        QStringLiteral("SELECT count(*) FROM strata_version_history "
                                       "WHERE revision = 'b2' AND success")),
                 QStringLiteral("0"));
        // check and current say so in words a DBA can act on.
        Outcome check = run(dir.path(), QStringLiteral("halfway"), {QStringLiteral("check")});
        QCOMPARE(check.code, 3);
        QVERIFY2(check.out.contains(QStringLiteral("Last attempt of b2 stopped part way")) &&
                     check.out.contains(QStringLiteral("partly applied: 1 of 2 statements ran")),
                 qPrintable(check.out));
        Outcome status = run(dir.path(), QStringLiteral("halfway"),
                             {QStringLiteral("status"), QStringLiteral("--json")});
        QCOMPARE(status.code, 0);
        const QJsonArray failed = QJsonDocument::fromJson(status.out.toUtf8())
                                      .object()[QStringLiteral("failed")]
                                      .toArray();
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.first()[QStringLiteral("revision")].toString(), QStringLiteral("b2"));
        QCOMPARE(failed.first()[QStringLiteral("partly_applied")].toBool(), true);
        Outcome current = run(dir.path(), QStringLiteral("halfway"), {QStringLiteral("current")});
        QCOMPARE(current.code, 0);
        QVERIFY2(
            current.err.contains(QStringLiteral("warning: Last attempt of b2 stopped part way")),
            qPrintable(current.err));

        // Once the file is fixed to be safe to repeat, a rerun finishes and the warning goes.
        writeProject(dir, {{QStringLiteral("versions/b.sql"),
                            "-- revision: b2\n-- down_revision: a1\n-- transactional: false\n"
                            "-- +upgrade\n"
                            "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_placed ON orders "
                            "(placed);\n"
                            "-- +downgrade\nDROP INDEX CONCURRENTLY orders_placed;\n"}});
        o = run(dir.path(), QStringLiteral("halfway"),
                {QStringLiteral("upgrade"), QStringLiteral("heads")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QCOMPARE(run(dir.path(), QStringLiteral("halfway"), {QStringLiteral("check")}).code, 0);
        current = run(dir.path(), QStringLiteral("halfway"), {QStringLiteral("current")});
        QVERIFY2(!current.err.contains(QStringLiteral("warning")), qPrintable(current.err));
    }

    void singleTransactionIsAllOrNothing()
    {
        QVERIFY(m_server->psql(QStringLiteral("CREATE DATABASE single")));
        QTemporaryDir dir;
        const QByteArray a = "-- revision: a1\n-- +upgrade\nCREATE TABLE one (id int);\n"
                             "-- +downgrade\nDROP TABLE one;\n";
        const QByteArray b = "-- revision: b2\n-- down_revision: a1\n-- +upgrade\n"
                             "CREATE TABLE two (id int);\n-- +downgrade\nDROP TABLE two;\n";
        writeProject(dir, {{QStringLiteral("strata.ini"), "[strata]\nversions = versions\n"},
                           {QStringLiteral("versions/a.sql"), a},
                           {QStringLiteral("versions/b.sql"), b},
                           {QStringLiteral("versions/c.sql"),
                            "-- revision: c3\n-- down_revision: b2\n-- +upgrade\n"
                            "INSERT INTO no_such_table VALUES (1);\n-- +downgrade\nSELECT 1;\n"}});
        // Offline: one BEGIN and one COMMIT around the three migrations.
        Outcome sql = run(dir.path(), QStringLiteral("single"),
                          {QStringLiteral("upgrade"), QStringLiteral("heads"),
                           QStringLiteral("--sql"), QStringLiteral("--single-transaction")});
        QVERIFY2(sql.code == 0, qPrintable(sql.err));
        QCOMPARE(sql.out.count(QStringLiteral("BEGIN;")), 1);
        QCOMPARE(sql.out.count(QStringLiteral("COMMIT;")), 1);
        QVERIFY(sql.out.trimmed().endsWith(QStringLiteral("COMMIT;")));

        Outcome o = run(dir.path(), QStringLiteral("single"),
                        {QStringLiteral("upgrade"), QStringLiteral("heads"),
                         QStringLiteral("--single-transaction")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QStringLiteral("c.sql:4")) &&
                     o.err.contains(QStringLiteral("whole run was rolled back")),
                 qPrintable(o.err));
        // None of it happened: not a1's table, not even the version table.
        QCOMPARE(scalar(QStringLiteral("single"),
                        QStringLiteral(
                            "SELECT to_regclass('one') IS NULL AND to_regclass('two') IS NULL "
                            "AND to_regclass('strata_version') IS NULL")),
                 QStringLiteral("t"));

        writeProject(dir, {{QStringLiteral("versions/c.sql"),
                            "-- revision: c3\n-- down_revision: b2\n-- +upgrade\n"
                            "CREATE TABLE three (id int);\n-- +downgrade\nDROP TABLE three;\n"}});
        o = run(dir.path(), QStringLiteral("single"),
                {QStringLiteral("upgrade"), QStringLiteral("heads"),
                 QStringLiteral("--single-transaction")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QCOMPARE(scalar(QStringLiteral("single"),
                        QStringLiteral("SELECT version_num FROM strata_version")),
                 QStringLiteral("c3"));
        QCOMPARE(
            scalar(QStringLiteral("single"),
                   QStringLiteral("SELECT count(*) FROM strata_version_history WHERE success")),
            QStringLiteral("3"));

        // A migration that must run outside a transaction cannot join the run's one.
        writeProject(dir, {{QStringLiteral("versions/d.sql"),
                            "-- revision: d4\n-- down_revision: c3\n-- transactional: false\n"
                            "-- +upgrade\nCREATE INDEX CONCURRENTLY three_id ON three (id);\n"
                            "-- +downgrade\nDROP INDEX three_id;\n"}});
        o = run(dir.path(), QStringLiteral("single"),
                {QStringLiteral("upgrade"), QStringLiteral("heads"),
                 QStringLiteral("--single-transaction")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QStringLiteral("d4 is marked 'transactional: false'")),
                 qPrintable(o.err));
        QCOMPARE(scalar(QStringLiteral("single"),
                        QStringLiteral("SELECT version_num FROM strata_version")),
                 QStringLiteral("c3"));
    }

    void verifyRoundTripsInAScratchDatabase()
    {
        QVERIFY(m_server->psql(QStringLiteral("CREATE DATABASE verified")));
        const QString project = QStringLiteral(STRATA_SOURCE_DIR "/migrations");
        Outcome o = run(project, QStringLiteral("verified"), {QStringLiteral("verify")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QVERIFY2(o.out.contains(QStringLiteral("Reversible:")) &&
                     o.out.contains(QStringLiteral("identical after both upgrades")),
                 qPrintable(o.out));
        // The real database is untouched and the scratch one is gone.
        QCOMPARE(scalar(QStringLiteral("verified"),
                        QStringLiteral("SELECT to_regclass('strata_version') IS NULL")),
                 QStringLiteral("t"));
        QCOMPARE(scalar(QStringLiteral("postgres"),
                        QStringLiteral("SELECT count(*) FROM pg_database WHERE datname LIKE "
                                       "'strata_verify%'")),
                 QStringLiteral("0"));

        // A downgrade that leaves a column behind, which the second upgrade then keeps.
        QTemporaryDir dir;
        writeProject(dir, {{QStringLiteral("strata.ini"), "[strata]\nversions = versions\n"},
                           {QStringLiteral("versions/a.sql"),
                            "-- revision: a1\n-- +upgrade\nCREATE TABLE IF NOT EXISTS orders (id "
                            "int);\nCREATE SEQUENCE invoice_no;\n"
                            "-- +downgrade\nALTER TABLE orders ADD COLUMN leftover int;\n"
                            "DROP SEQUENCE invoice_no;\n"}});
        o = run(dir.path(), QStringLiteral("verified"), {QStringLiteral("verify")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.out.contains(QStringLiteral("left behind by the downgrade to base: relation "
                                               "public.orders")),
                 qPrintable(o.out));
        QVERIFY2(o.out.contains(QStringLiteral("column public.orders.leftover new after the "
                                               "second upgrade")),
                 qPrintable(o.out));
        QVERIFY(!o.out.contains(QStringLiteral("invoice_no"))); // reverted properly

        // Irreversible revisions are named; nothing is run.
        writeProject(dir, {{QStringLiteral("versions/b.sql"),
                            "-- revision: b2\n-- down_revision: a1\n-- +upgrade\nSELECT 1;\n"}});
        o = run(dir.path(), QStringLiteral("verified"), {QStringLiteral("verify")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QStringLiteral("irreversible revision without a downgrade "
                                               "section: b2")),
                 qPrintable(o.err));
        QCOMPARE(scalar(QStringLiteral("postgres"),
                        QStringLiteral("SELECT count(*) FROM pg_database WHERE datname LIKE "
                                       "'strata_verify%'")),
                 QStringLiteral("0"));
    }

    void schemaHoldsTheVersionTables()
    {
        QVERIFY(m_server->psql(QStringLiteral("CREATE DATABASE schemed")));
        const QString project = QStringLiteral(STRATA_SOURCE_DIR "/migrations");
        // Offline SQL creates the schema with the version table.
        Outcome sql =
            run(project, QStringLiteral("schemed"),
                {QStringLiteral("upgrade"), QStringLiteral("heads"), QStringLiteral("--sql"),
                 QStringLiteral("--schema"), QStringLiteral("deploy")});
        QVERIFY2(sql.code == 0, qPrintable(sql.err));
        QVERIFY2(sql.out.contains(QStringLiteral("CREATE SCHEMA IF NOT EXISTS deploy;")) &&
                     sql.out.contains(QStringLiteral("INSERT INTO deploy.strata_version")),
                 qPrintable(sql.out.left(600)));

        Outcome o = run(project, QStringLiteral("schemed"),
                        {QStringLiteral("upgrade"), QStringLiteral("heads"),
                         QStringLiteral("--schema"), QStringLiteral("deploy")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QCOMPARE(scalar(QStringLiteral("schemed"),
                        QStringLiteral("SELECT version_num FROM deploy.strata_version")),
                 QStringLiteral("be0a3c5f7b11"));
        QCOMPARE(scalar(QStringLiteral("schemed"),
                        QStringLiteral("SELECT count(*) FROM deploy.strata_version_history")),
                 QStringLiteral("11"));
        // Not in public; the migrations' own tables are where they always were.
        QCOMPARE(scalar(QStringLiteral("schemed"),
                        QStringLiteral("SELECT to_regclass('public.strata_version') IS NULL AND "
                                       "to_regclass('public.customers') IS NOT NULL")),
                 QStringLiteral("t"));
        o = run(project, QStringLiteral("schemed"),
                {QStringLiteral("current"), QStringLiteral("--schema"), QStringLiteral("deploy")});
        QVERIFY2(o.out.contains(QStringLiteral("be0a3c5f7b11")), qPrintable(o.out));
        // Without the schema, the version table is off the search path: neither "base" nor a
        // guess at which schema was meant, but an error naming the one there is.
        o = run(project, QStringLiteral("schemed"), {QStringLiteral("current")});
        QCOMPARE(o.code, 1);
        QVERIFY2(!o.out.contains(QStringLiteral("base")), qPrintable(o.out));
        QVERIFY2(o.err.contains(QStringLiteral("--schema deploy")), qPrintable(o.err));
        o = run(project, QStringLiteral("schemed"),
                {QStringLiteral("upgrade"), QStringLiteral("heads")});
        QCOMPARE(o.code, 1);
        QCOMPARE(scalar(QStringLiteral("schemed"),
                        QStringLiteral("SELECT to_regclass('public.strata_version') IS NULL")),
                 QStringLiteral("t"));
        o = run(project, QStringLiteral("schemed"),
                {QStringLiteral("current"), QStringLiteral("--schema"), QStringLiteral("no-way")});
        QCOMPARE(o.code, 2);
        QVERIFY2(o.err.contains(QStringLiteral("'no-way' is not a valid schema name")),
                 qPrintable(o.err));
    }

    void dryRunTriesEverythingAndKeepsNothing()
    {
        QVERIFY(m_server->psql(QStringLiteral("CREATE DATABASE dry")));
        QTemporaryDir dir;
        writeProject(dir, {{QStringLiteral("strata.ini"), "[strata]\nversions = versions\n"},
                           {QStringLiteral("versions/a.sql"),
                            "-- revision: a1\n-- +upgrade\nCREATE TABLE one (id int);\n"
                            "-- +downgrade\nDROP TABLE one;\n"},
                           {QStringLiteral("versions/b.sql"),
                            "-- revision: b2\n-- down_revision: a1\n-- +upgrade\n"
                            "CREATE TABLE two (id int);\n-- +downgrade\nDROP TABLE two;\n"}});
        QCOMPARE(run(dir.path(), QStringLiteral("dry"),
                     {QStringLiteral("upgrade"), QStringLiteral("a1")})
                     .code,
                 0);
        const QString history = QStringLiteral("SELECT count(*) FROM strata_version_history");
        const QString rowsBefore = scalar(QStringLiteral("dry"), history);
        Outcome o =
            run(dir.path(), QStringLiteral("dry"),
                {QStringLiteral("upgrade"), QStringLiteral("heads"), QStringLiteral("--dry-run")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QVERIFY2(o.out.contains(QStringLiteral("Dry run: 1 migration ran")), qPrintable(o.out));
        QCOMPARE(
            scalar(QStringLiteral("dry"), QStringLiteral("SELECT version_num FROM strata_version")),
            QStringLiteral("a1"));
        QCOMPARE(scalar(QStringLiteral("dry"), QStringLiteral("SELECT to_regclass('two') IS NULL")),
                 QStringLiteral("t"));
        QCOMPARE(scalar(QStringLiteral("dry"), history), rowsBefore);

        // A failure is reported with its line and leaves no trace either.
        writeProject(dir, {{QStringLiteral("versions/b.sql"),
                            "-- revision: b2\n-- down_revision: a1\n-- +upgrade\n"
                            "CREATE TABLE two (id int);\nINSERT INTO missing VALUES (1);\n"
                            "-- +downgrade\nDROP TABLE two;\n"}});
        o = run(dir.path(), QStringLiteral("dry"),
                {QStringLiteral("upgrade"), QStringLiteral("heads"), QStringLiteral("--dry-run")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QStringLiteral("b.sql:5")) &&
                     o.err.contains(QStringLiteral("missing")),
                 qPrintable(o.err));
        QCOMPARE(scalar(QStringLiteral("dry"), history), rowsBefore);
        QCOMPARE(
            scalar(QStringLiteral("dry"), QStringLiteral("SELECT version_num FROM strata_version")),
            QStringLiteral("a1"));
    }

    void timeoutsMustBeTimes()
    {
        const QString project = QStringLiteral(STRATA_SOURCE_DIR "/migrations");
        Outcome o = run(project, QStringLiteral("postgres"),
                        {QStringLiteral("upgrade"), QStringLiteral("heads"),
                         QStringLiteral("--statement-timeout"), QStringLiteral("soon")});
        QCOMPARE(o.code, 2);
        QVERIFY2(o.err.contains(QStringLiteral("--statement-timeout")) &&
                     o.err.contains(QStringLiteral("'soon'")),
                 qPrintable(o.err));
    }

    // The offline script behaves like the online run: a migration's search_path, role and
    // timeouts do not carry into the next one, and Strata's tables stay where they were. Run
    // with psql against the server, it leaves the same tables and version rows as an online run.
    void offlineScriptResetsTheSessionLikeAnOnlineRun()
    {
        QVERIFY(m_server->psql(QStringLiteral("CREATE DATABASE offonline")));
        QVERIFY(m_server->psql(QStringLiteral("CREATE DATABASE offscript")));
        QTemporaryDir dir;
        writeProject(dir,
                     {{QStringLiteral("strata.ini"), "[strata]\nversions = versions\n"},
                      {QStringLiteral("versions/a.sql"),
                       "-- revision: off001\n-- +upgrade\nCREATE SCHEMA app;\nSET search_path TO "
                       "app;\nCREATE TABLE t1 (id int);\n-- +downgrade\nDROP SCHEMA app "
                       "CASCADE;\n"},
                      {QStringLiteral("versions/b.sql"),
                       "-- revision: off002\n-- down_revision: off001\n-- +upgrade\nCREATE "
                       "TABLE t2 (id int);\nSELECT set_config('search_path', '', false);\nSET "
                       "statement_timeout = 1;\n-- +downgrade\nDROP TABLE t2;\n"},
                      {QStringLiteral("versions/c.sql"),
                       "-- revision: off003\n-- down_revision: off002\n-- +upgrade\nCREATE "
                       "TABLE t3 AS SELECT count(*) AS n FROM pg_sleep(0.05);\n-- "
                       "+downgrade\nDROP TABLE t3;\n"}});
        Outcome online = run(dir.path(), QStringLiteral("offonline"),
                             {QStringLiteral("upgrade"), QStringLiteral("heads")});
        QVERIFY2(online.code == 0, qPrintable(online.err));
        Outcome script =
            run(dir.path(), QStringLiteral("offscript"),
                {QStringLiteral("upgrade"), QStringLiteral("heads"), QStringLiteral("--sql"),
                 QStringLiteral("--dialect"), QStringLiteral("postgresql")});
        QVERIFY2(script.code == 0, qPrintable(script.err));
        const QString file = dir.filePath(QStringLiteral("upgrade.sql"));
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(script.out.toUtf8());
        }
        QString output;
        QVERIFY2(
            m_server->psql(QStringLiteral("\\i ") + file, &output, QStringLiteral("offscript")),
            qPrintable(output + QLatin1Char('\n') + script.out));
        const QString tables = QStringLiteral(
            "SELECT string_agg(table_schema || '.' || table_name, ',' ORDER BY 1) FROM "
            "information_schema.tables WHERE table_schema NOT IN ('pg_catalog', "
            "'information_schema') AND table_name NOT LIKE 'strata_version_history'");
        QCOMPARE(scalar(QStringLiteral("offscript"), tables),
                 scalar(QStringLiteral("offonline"), tables));
        QCOMPARE(scalar(QStringLiteral("offscript"),
                        QStringLiteral("SELECT version_num FROM public.strata_version")),
                 QStringLiteral("off003"));
    }

    void cleanupTestCase() { m_server.reset(); }
};

QTEST_GUILESS_MAIN(TestPostgresCli)
#include "tst_postgrescli.moc"
