// Faults on a real PostgreSQL server (the throwaway fixture): a syntax error part way through a
// chain, a version row no file knows, a backend terminated mid-step, concurrent runs and
// `kill -9` at random moments. Each slot uses a database of its own.

#include "cli.h"
#include "drivers/postgres/postgresdriver.h"
#include "engine/executor.h"
#include "files.h"
#include "migrator.h"
#include "pgserver.h"
#include "project/migration.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using strata::test::PgServer;

namespace {

const QString kExampleHead = QStringLiteral("be0a3c5f7b11");

bool writeFile(const QString &path, const QString &text)
{
    return strata::test::writeFile(path, text.toUtf8());
}

QString readFile(const QString &path)
{
    return QString::fromUtf8(strata::test::readFile(path));
}

// One migration file: the header takes lines 1-4, "-- +upgrade" is line 5 and the upgrade SQL
// starts on line 6.
QString migrationText(const QString &rev, const QString &down, const QString &message,
                      const QString &upgrade, const QString &downgrade)
{
    return QStringLiteral("-- revision: %1\n-- down_revision: %2\n-- message: %3\n\n"
                          "-- +upgrade\n%4\n\n-- +downgrade\n%5\n")
        .arg(rev, down, message, upgrade, downgrade);
}

QString sorted(QStringList list)
{
    list.sort();
    return list.join(QLatin1Char(','));
}

QString sorted(const QSet<QString> &set)
{
    return sorted(QStringList(set.cbegin(), set.cend()));
}

// A driver that COMMITs behind the executor's back after a statement creating "tkept", as a
// statement no static check can read would: the executor's last guard must see the session
// idle through libpq's transaction status.
class CommittingDriver : public strata::PostgresDriver
{
public:
    using PostgresDriver::PostgresDriver;
    strata::Status execute(const strata::Statement &statement) override
    {
        strata::Status s = PostgresDriver::execute(statement);
        if (s && statement.text.contains(QLatin1String("tkept")))
            if (auto r = query(QStringLiteral("COMMIT")); !r)
                return r.error();
        return s;
    }
};

} // namespace

class TestPgFaults : public QObject
{
    Q_OBJECT

    std::unique_ptr<PgServer> m_server;
    QTemporaryDir m_home;

    struct Outcome
    {
        int code = -1;
        QString out;
        QString err;
    };

    QStringList cliArguments(const QString &project, const QString &database,
                             const QStringList &args) const
    {
        return QStringList{QStringLiteral("-d"), project, QStringLiteral("--url"),
                           m_server->conninfo(database)} +
               args;
    }

    // `strata` in this process.
    Outcome run(const QString &project, const QString &database, const QStringList &args)
    {
        Outcome o;
        QTextStream out(&o.out), err(&o.err);
        strata::cli::Cli cli(out, err);
        o.code =
            cli.run(QStringList{QStringLiteral("strata")} + cliArguments(project, database, args));
        out.flush();
        err.flush();
        return o;
    }

    // `strata` as a child process, started and left running.
    std::unique_ptr<QProcess> startChild(const QString &project, const QString &database,
                                         const QStringList &args) const
    {
        auto process = std::make_unique<QProcess>();
        process->setProgram(QStringLiteral(STRATA_CLI_BINARY));
        process->setArguments(cliArguments(project, database, args));
        process->start();
        return process;
    }

    // Waits at most timeoutMs for a child; one still running then is killed and reported with
    // code -1, one that crashed with code -2.
    static Outcome finish(QProcess &process, int timeoutMs)
    {
        Outcome o;
        if (process.state() != QProcess::NotRunning && !process.waitForFinished(timeoutMs)) {
            process.kill();
            process.waitForFinished(5000);
            o.code = -1;
            o.err = QStringLiteral("[test: the child did not finish within %1 ms and was killed]\n")
                        .arg(timeoutMs);
        } else if (process.error() == QProcess::FailedToStart) {
            o.code = -1;
            o.err =
                QStringLiteral("[test: the child did not start: %1]\n").arg(process.errorString());
        } else if (process.exitStatus() != QProcess::NormalExit) {
            o.code = -2;
            o.err = QStringLiteral("[test: the child crashed: %1]\n").arg(process.errorString());
        } else {
            o.code = process.exitCode();
        }
        o.out += QString::fromLocal8Bit(process.readAllStandardOutput());
        o.err += QString::fromLocal8Bit(process.readAllStandardError());
        return o;
    }

    static void stopChild(QProcess &process)
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(5000);
        }
    }

    QString scalar(const QString &database, const QString &sql) const
    {
        QString out;
        if (!m_server->psql(sql, &out, database))
            return QStringLiteral("ERROR: ") + out;
        return out;
    }

    bool createDatabase(const QString &name, QString *error) const
    {
        return m_server->psql(QStringLiteral("CREATE DATABASE %1").arg(name), error);
    }

    // Polls a query (on the maintenance database) until it prints `expected`, for at most
    // timeoutMs; true when it did.
    bool waitFor(const QString &sql, const QString &expected, int timeoutMs) const
    {
        QElapsedTimer timer;
        timer.start();
        while (true) {
            if (scalar(QStringLiteral("postgres"), sql) == expected)
                return true;
            if (timer.elapsed() >= timeoutMs)
                return false;
            QThread::msleep(50);
        }
    }

    static QString tablesQuery()
    {
        return QStringLiteral(
            "SELECT coalesce(string_agg(table_name, ',' ORDER BY table_name), '') FROM "
            "information_schema.tables WHERE table_schema = 'public' AND table_name NOT LIKE "
            "'strata_version%'");
    }

    static QString historyQuery()
    {
        return QStringLiteral("SELECT coalesce(string_agg(revision || ':' || direction || ':' || "
                              "success::text, ',' ORDER BY id), '') FROM strata_version_history");
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Commands run here (in this process and as children) write their audit entries in a
        // folder of the test's own unless ctest named a file.
        if (qEnvironmentVariableIsEmpty("STRATA_AUDIT_LOG"))
            qputenv("STRATA_AUDIT_LOG", m_home.filePath(QStringLiteral("audit.jsonl")).toUtf8());
        QVERIFY(QFile::exists(QStringLiteral(STRATA_CLI_BINARY)));
        QString error;
        m_server = PgServer::start(&error);
        QVERIFY2(m_server, qPrintable(error));
    }

    void syntaxErrorInFifthOfTenKeepsFourApplied()
    {
        const QString db = QStringLiteral("faultsyntax");
        QString error;
        QVERIFY2(createDatabase(db, &error), qPrintable(error));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(writeFile(dir.filePath(QStringLiteral("strata.ini")),
                          QStringLiteral("[strata]\nversions = versions\n")));
        auto rev = [](int n) { return QStringLiteral("syn%1").arg(n, 3, 10, QLatin1Char('0')); };
        auto fileOf = [&](int n) {
            return dir.filePath(
                QStringLiteral("versions/%1_t%2.sql").arg(n, 4, 10, QLatin1Char('0')).arg(n));
        };
        for (int n = 1; n <= 10; ++n) {
            if (n == 5)
                continue;
            QVERIFY(writeFile(fileOf(n),
                              migrationText(rev(n), n == 1 ? QString() : rev(n - 1),
                                            QStringLiteral("create t%1").arg(n),
                                            QStringLiteral("CREATE TABLE t%1 (id integer);").arg(n),
                                            QStringLiteral("DROP TABLE t%1;").arg(n))));
        }
        // The trailing comma before ")" is a syntax error; PostgreSQL points at the ")" on line
        // 4 of the second statement, which is line 10 of the file. The first statement has run
        // by then and must be rolled back with the rest of the step.
        const QString brokenUpgrade = QStringLiteral("CREATE TABLE t5_before (id integer);\n"
                                                     "CREATE TABLE t5 (\n"
                                                     "    id integer,\n"
                                                     "    name text,\n"
                                                     ");");
        const QString fixedUpgrade = QStringLiteral("CREATE TABLE t5_before (id integer);\n"
                                                    "CREATE TABLE t5 (\n"
                                                    "    id integer,\n"
                                                    "    name text\n"
                                                    ");");
        const QString downgrade5 = QStringLiteral("DROP TABLE t5;\nDROP TABLE t5_before;");
        QVERIFY(writeFile(fileOf(5), migrationText(rev(5), rev(4), QStringLiteral("create t5"),
                                                   brokenUpgrade, downgrade5)));
        QCOMPARE(readFile(fileOf(5)).split(QLatin1Char('\n')).value(9), QStringLiteral(");"));

        Outcome o = run(dir.path(), db, {QStringLiteral("upgrade"), QStringLiteral("heads")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QStringLiteral("versions/0005_t5.sql:10: ")), qPrintable(o.err));
        QVERIFY2(o.err.contains(QStringLiteral("upgrade syn005 failed")), qPrintable(o.err));
        QVERIFY2(o.err.contains(QStringLiteral("syntax error")), qPrintable(o.err));
        // The four steps before it ran, and said so; nothing after it was tried.
        QVERIFY2(o.out.contains(QStringLiteral("Running upgrade syn003 -> syn004")),
                 qPrintable(o.out));
        QVERIFY2(!o.out.contains(QStringLiteral("syn006")), qPrintable(o.out));

        QCOMPARE(scalar(db, QStringLiteral("SELECT string_agg(version_num, ',') FROM "
                                           "strata_version")),
                 rev(4));
        QCOMPARE(scalar(db, tablesQuery()), QStringLiteral("t1,t2,t3,t4"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT to_regclass('t5') IS NULL AND "
                                           "to_regclass('t5_before') IS NULL")),
                 QStringLiteral("t"));
        QCOMPARE(scalar(db, historyQuery()),
                 QStringLiteral("syn001:up:true,syn002:up:true,syn003:up:true,syn004:up:true,"
                                "syn005:up:false"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT error LIKE '%syntax error%' FROM "
                                           "strata_version_history WHERE revision = 'syn005'")),
                 QStringLiteral("t"));
        // Six revisions are pending.
        QCOMPARE(run(dir.path(), db, {QStringLiteral("check")}).code, 3);

        // Fixed, the rerun goes on from revision 4 to the head.
        QVERIFY(writeFile(fileOf(5), migrationText(rev(5), rev(4), QStringLiteral("create t5"),
                                                   fixedUpgrade, downgrade5)));
        o = run(dir.path(), db, {QStringLiteral("upgrade"), QStringLiteral("heads")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QVERIFY2(o.out.contains(QStringLiteral("Applied 6 migrations")), qPrintable(o.out));
        QCOMPARE(scalar(db, QStringLiteral("SELECT string_agg(version_num, ',') FROM "
                                           "strata_version")),
                 rev(10));
        QCOMPARE(scalar(db, tablesQuery()),
                 QStringLiteral("t1,t10,t2,t3,t4,t5,t5_before,t6,t7,t8,t9"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM strata_version_history WHERE "
                                           "direction = 'up' AND success")),
                 QStringLiteral("10"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT string_agg(success::text, ',' ORDER BY id) "
                                           "FROM strata_version_history WHERE revision = "
                                           "'syn005'")),
                 QStringLiteral("false,true"));
        QCOMPARE(run(dir.path(), db, {QStringLiteral("check")}).code, 0);
    }

    void missingRevisionIsNamedAndStampPurgeRecovers()
    {
        const QString db = QStringLiteral("faultmissing");
        QString error;
        QVERIFY2(createDatabase(db, &error), qPrintable(error));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(writeFile(dir.filePath(QStringLiteral("strata.ini")),
                          QStringLiteral("[strata]\nversions = versions\n")));
        const QStringList revs{QStringLiteral("mis001"), QStringLiteral("mis002"),
                               QStringLiteral("mis003")};
        for (int k = 0; k < revs.size(); ++k)
            QVERIFY(
                writeFile(dir.filePath(QStringLiteral("versions/%1.sql").arg(revs[k])),
                          migrationText(revs[k], k == 0 ? QString() : revs[k - 1],
                                        QStringLiteral("create m%1").arg(k + 1),
                                        QStringLiteral("CREATE TABLE m%1 (id integer);").arg(k + 1),
                                        QStringLiteral("DROP TABLE m%1;").arg(k + 1))));
        Outcome o = run(dir.path(), db, {QStringLiteral("upgrade"), QStringLiteral("heads")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QCOMPARE(scalar(db, QStringLiteral("SELECT string_agg(version_num, ',') FROM "
                                           "strata_version")),
                 QStringLiteral("mis003"));

        QCOMPARE(scalar(db, QStringLiteral("UPDATE strata_version SET version_num = "
                                           "'deadbeef0000' RETURNING version_num")),
                 QStringLiteral("deadbeef0000"));
        const QString notInProject = QStringLiteral(
            "the version table holds revision deadbeef0000, which is not in the project");

        // `current` shows the row as it is, flagged, and succeeds: it reports, it does not
        // judge (tests/cli/tst_cli.cpp holds it to exit 0 on purpose).
        o = run(dir.path(), db, {QStringLiteral("current")});
        QCOMPARE(o.code, 0);
        QVERIFY2(o.out.contains(QStringLiteral("deadbeef0000 (not in the project)")),
                 qPrintable(o.out));

        o = run(dir.path(), db, {QStringLiteral("upgrade"), QStringLiteral("heads")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(notInProject), qPrintable(o.err));
        QVERIFY2(o.err.contains(QStringLiteral("stamp")), qPrintable(o.err));

        // check: inconsistent (exit 3), naming the command that works.
        o = run(dir.path(), db, {QStringLiteral("check")});
        QCOMPARE(o.code, 3);
        QVERIFY2(o.out.contains(QStringLiteral("Version row deadbeef0000 names no migration file")),
                 qPrintable(o.out));
        QVERIFY2(o.out.contains(QStringLiteral("`strata stamp --purge ")), qPrintable(o.out));

        o = run(dir.path(), db, {QStringLiteral("downgrade"), QStringLiteral("base")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(notInProject), qPrintable(o.err));

        // A plain stamp starts from the rows as well, so it is refused too.
        o = run(dir.path(), db, {QStringLiteral("stamp"), revs[2]});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QStringLiteral("deadbeef0000")), qPrintable(o.err));

        // Nothing of the above touched the schema or the row.
        QCOMPARE(scalar(db, tablesQuery()), QStringLiteral("m1,m2,m3"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT string_agg(version_num, ',') FROM "
                                           "strata_version")),
                 QStringLiteral("deadbeef0000"));

        o = run(dir.path(), db, {QStringLiteral("stamp"), QStringLiteral("--purge"), revs[2]});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QCOMPARE(scalar(db, QStringLiteral("SELECT string_agg(version_num, ',') FROM "
                                           "strata_version")),
                 revs[2]);
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM strata_version_history WHERE "
                                           "revision = 'mis003' AND direction = 'stamp' AND "
                                           "success")),
                 QStringLiteral("1"));
        o = run(dir.path(), db, {QStringLiteral("check")});
        QVERIFY2(o.code == 0, qPrintable(o.err + o.out));
        o = run(dir.path(), db, {QStringLiteral("current")});
        QCOMPARE(o.code, 0);
        QVERIFY2(o.out.startsWith(QStringLiteral("mis003")), qPrintable(o.out));
        QVERIFY2(!o.out.contains(QStringLiteral("deadbeef0000")), qPrintable(o.out));
        QCOMPARE(scalar(db, tablesQuery()), QStringLiteral("m1,m2,m3"));
    }

    void terminatedBackendGivesCleanErrorAndRerunFinishes()
    {
        const QString db = QStringLiteral("faultterm");
        QString error;
        QVERIFY2(createDatabase(db, &error), qPrintable(error));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(writeFile(dir.filePath(QStringLiteral("strata.ini")),
                          QStringLiteral("[strata]\nversions = versions\n")));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("versions/0001_one.sql")),
                          migrationText(QStringLiteral("trm001"), {}, QStringLiteral("one"),
                                        QStringLiteral("CREATE TABLE term_one (id integer);"),
                                        QStringLiteral("DROP TABLE term_one;"))));
        // pg_sleep is on line 7 of the second file.
        const QString second = dir.filePath(QStringLiteral("versions/0002_two.sql"));
        QVERIFY(writeFile(second, migrationText(QStringLiteral("trm002"), QStringLiteral("trm001"),
                                                QStringLiteral("two"),
                                                QStringLiteral("CREATE TABLE term_two (id "
                                                               "integer);\nSELECT pg_sleep(30);"),
                                                QStringLiteral("DROP TABLE term_two;"))));

        auto child =
            startChild(dir.path(), db, {QStringLiteral("upgrade"), QStringLiteral("heads")});
        auto stop = qScopeGuard([&child] { stopChild(*child); });
        const QString sleeping =
            QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname = '%1' AND state = "
                           "'active' AND query LIKE 'SELECT pg_sleep%'")
                .arg(db);
        QVERIFY2(waitFor(sleeping, QStringLiteral("1"), 20000),
                 "the second migration's pg_sleep never showed in pg_stat_activity");
        QCOMPARE(scalar(QStringLiteral("postgres"),
                        QStringLiteral("SELECT string_agg(pg_terminate_backend(pid)::text, ',') "
                                       "FROM pg_stat_activity WHERE datname = '%1' AND query LIKE "
                                       "'SELECT pg_sleep%'")
                            .arg(db)),
                 QStringLiteral("true"));
        QElapsedTimer timer;
        timer.start();
        const Outcome o = finish(*child, 10000);
        qInfo("the child exited %lld ms after its backend was terminated; stderr: %s",
              timer.elapsed(), qPrintable(o.err.trimmed()));
        QVERIFY2(timer.elapsed() < 5000, qPrintable(o.err));
        QVERIFY2(o.code == 1,
                 qPrintable(QStringLiteral("exit code %1: %2").arg(o.code).arg(o.err)));
        QVERIFY2(!o.err.trimmed().isEmpty(), "no message on stderr");
        QVERIFY2(o.err.startsWith(QStringLiteral("strata: error: ")), qPrintable(o.err));
        QVERIFY2(o.err.contains(QStringLiteral("versions/0002_two.sql:7: upgrade trm002 failed")),
                 qPrintable(o.err));
        // Says what happened in words a DBA recognises.
        QVERIFY2(o.err.contains(QStringLiteral("was lost: the server ended the session")),
                 qPrintable(o.err));
        // The state was unknown after the loss: read again over a new connection, and said.
        QVERIFY2(o.err.contains(QStringLiteral("Read after reconnecting: the version table "
                                               "strata_version holds trm001.")),
                 qPrintable(o.err));
        for (const QString &crash : {QStringLiteral("terminate called"), QStringLiteral("what():"),
                                     QStringLiteral("Segmentation"), QStringLiteral("Aborted"),
                                     QStringLiteral("core dumped")})
            QVERIFY2(!o.err.contains(crash), qPrintable(o.err));
        QVERIFY2(o.out.contains(QStringLiteral("Running upgrade trm001 -> trm002")),
                 qPrintable(o.out));

        QCOMPARE(scalar(db, QStringLiteral("SELECT string_agg(version_num, ',') FROM "
                                           "strata_version")),
                 QStringLiteral("trm001"));
        QCOMPARE(scalar(db, tablesQuery()), QStringLiteral("term_one"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM strata_version_history WHERE "
                                           "revision = 'trm002' AND success")),
                 QStringLiteral("0"));
        qInfo("history after the terminated step: %s", qPrintable(scalar(db, historyQuery())));
        // No session is left behind holding the run lock.
        QVERIFY(waitFor(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                                       "'%1'")
                            .arg(db),
                        QStringLiteral("0"), 10000));

        QString text = readFile(second);
        QVERIFY(text.contains(QStringLiteral("pg_sleep(30)")));
        text.replace(QStringLiteral("pg_sleep(30)"), QStringLiteral("pg_sleep(0)"));
        QVERIFY(writeFile(second, text));
        auto rerun = startChild(dir.path(), db,
                                {QStringLiteral("upgrade"), QStringLiteral("heads"),
                                 QStringLiteral("--lock-wait"), QStringLiteral("30")});
        auto stopRerun = qScopeGuard([&rerun] { stopChild(*rerun); });
        const Outcome again = finish(*rerun, 60000);
        QVERIFY2(again.code == 0, qPrintable(again.err));
        QCOMPARE(scalar(db, QStringLiteral("SELECT string_agg(version_num, ',') FROM "
                                           "strata_version")),
                 QStringLiteral("trm002"));
        QCOMPARE(scalar(db, tablesQuery()), QStringLiteral("term_one,term_two"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM strata_version_history WHERE "
                                           "revision = 'trm002' AND direction = 'up' AND "
                                           "success")),
                 QStringLiteral("1"));
    }

    // The server's refusals come back with a code and the SQLSTATE, so callers never read the
    // message: authentication, lock_timeout, a cancel, a statement timeout, a lost session.
    void serverErrorsCarryCodeAndSqlState()
    {
        using strata::Error;
        using strata::PostgresDriver;
        const QString db = QStringLiteral("faultcodes");
        QString error;
        QVERIFY2(createDatabase(db, &error), qPrintable(error));

        // Over TCP the fixture asks for a password; this one is wrong.
        const QString tcp = QStringLiteral("host=127.0.0.1 port=%1 user=postgres dbname=%2 "
                                           "password=wrong-password connect_timeout=10")
                                .arg(m_server->port())
                                .arg(db);
        PostgresDriver refused(tcp, QStringLiteral("tcp"));
        auto s = refused.open();
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, Error::Code::AuthenticationFailed);
        QVERIFY(!s.error().message.contains(QStringLiteral("wrong-password")));
        PostgresDriver nowhere(QStringLiteral("host=127.0.0.1 port=1 dbname=x connect_timeout=5"),
                               QStringLiteral("nowhere"));
        s = nowhere.open();
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, Error::Code::ConnectionFailed);
        // The server answered, and the database is not there (3D000): a kind of its own.
        PostgresDriver missing(m_server->conninfo(QStringLiteral("no_such_database")),
                               QStringLiteral("missing"));
        s = missing.open();
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, Error::Code::DatabaseMissing);

        PostgresDriver holder(m_server->conninfo(db), db), waiter(m_server->conninfo(db), db);
        QVERIFY(holder.open().ok());
        QVERIFY(waiter.open().ok());
        QVERIFY(holder.query(QStringLiteral("CREATE TABLE locked (id int)")).ok());
        QVERIFY(holder.query(QStringLiteral("BEGIN; LOCK TABLE locked")).ok());
        QVERIFY(waiter.query(QStringLiteral("SET lock_timeout = 100")).ok());
        auto r = waiter.query(QStringLiteral("SELECT * FROM locked"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().sqlState, QStringLiteral("55P03"));
        QCOMPARE(r.error().code, Error::Code::LockTimeout);
        QVERIFY(holder.query(QStringLiteral("ROLLBACK")).ok());

        QVERIFY(waiter.query(QStringLiteral("SET statement_timeout = 100")).ok());
        r = waiter.query(QStringLiteral("SELECT pg_sleep(5)"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().sqlState, QStringLiteral("57014"));
        QCOMPARE(r.error().code, Error::Code::None); // a timeout, not a cancel
        QVERIFY(waiter.query(QStringLiteral("SET statement_timeout = 0")).ok());

        std::atomic<bool> started{false};
        QThread *canceller = QThread::create([&] {
            while (!started.load())
                QThread::msleep(10);
            QThread::msleep(300);
            waiter.cancel();
        });
        canceller->start();
        started.store(true);
        r = waiter.query(QStringLiteral("SELECT pg_sleep(10)"));
        canceller->wait();
        delete canceller;
        QVERIFY(!r.ok());
        QCOMPARE(r.error().sqlState, QStringLiteral("57014"));
        QCOMPARE(r.error().code, Error::Code::Cancelled);

        // A session ended by the server: reading is an error (ConnectionLost), never "no
        // version table".
        auto pid = waiter.query(QStringLiteral("SELECT pg_backend_pid()"));
        QVERIFY(pid.ok());
        QVERIFY(
            holder
                .query(QStringLiteral("SELECT pg_terminate_backend(%1)").arg(pid->first().first()))
                .ok());
        auto has = waiter.hasTable(QStringLiteral("strata_version"));
        QVERIFY(!has.ok());
        QCOMPARE(has.error().code, Error::Code::ConnectionLost);
        auto rows = waiter.versionRows(QStringLiteral("strata_version"));
        QVERIFY(!rows.ok());
        QCOMPARE(rows.error().code, Error::Code::ConnectionLost);
    }

    void fourConcurrentUpgradesRunEachMigrationOnce()
    {
        const QString db = QStringLiteral("faultfour");
        QString error;
        QVERIFY2(createDatabase(db, &error), qPrintable(error));
        const QString project = QStringLiteral(STRATA_SOURCE_DIR "/migrations");
        std::vector<std::unique_ptr<QProcess>> children;
        auto stop = qScopeGuard([&children] {
            for (auto &child : children)
                stopChild(*child);
        });
        for (int k = 0; k < 4; ++k)
            children.push_back(startChild(project, db,
                                          {QStringLiteral("upgrade"), QStringLiteral("heads"),
                                           QStringLiteral("--lock-wait"), QStringLiteral("60")}));
        int applied = 0, nothing = 0;
        for (auto &child : children) {
            const Outcome o = finish(*child, 90000);
            QVERIFY2(o.code == 0,
                     qPrintable(QStringLiteral("exit code %1: %2").arg(o.code).arg(o.err)));
            if (o.out.contains(QStringLiteral("Applied 11 migrations")))
                ++applied;
            else if (o.out.contains(QStringLiteral("Nothing to do")))
                ++nothing;
            else
                QFAIL(qPrintable(QStringLiteral("unexpected output: ") + o.out));
        }
        // The first to take the lock ran everything; the others planned again after waiting.
        QCOMPARE(applied, 1);
        QCOMPARE(nothing, 3);
        QCOMPARE(scalar(db, QStringLiteral("SELECT string_agg(version_num, ',') FROM "
                                           "strata_version")),
                 kExampleHead);
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM strata_version_history")),
                 QStringLiteral("11"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) || '/' || count(DISTINCT revision) "
                                           "FROM strata_version_history WHERE direction = 'up' "
                                           "AND success")),
                 QStringLiteral("11/11"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM categories")),
                 QStringLiteral("3"));
    }

    void killNineAtRandomMomentsStaysConsistent()
    {
        // A copy of the example project with one slow step (0.3 s) after its head, so that a
        // kill in the first 60 ms, or in the first 3 ms of a step, always lands while the run
        // is still going.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString source = QStringLiteral(STRATA_SOURCE_DIR "/migrations");
        QVERIFY(QFile::copy(source + QStringLiteral("/strata.ini"),
                            dir.filePath(QStringLiteral("strata.ini"))));
        QDir(dir.path()).mkpath(QStringLiteral("versions"));
        const QStringList files =
            QDir(source + QStringLiteral("/versions")).entryList({QStringLiteral("*.sql")});
        QCOMPARE(files.size(), 11);
        for (const QString &file : files)
            QVERIFY(QFile::copy(source + QStringLiteral("/versions/") + file,
                                dir.filePath(QStringLiteral("versions/") + file)));
        const QString slowRev = QStringLiteral("cf1d3e5a7b12");
        QVERIFY(writeFile(
            dir.filePath(QStringLiteral("versions/cf1d3e5a7b12_kill_window.sql")),
            migrationText(slowRev, kExampleHead, QStringLiteral("a slow step after the head"),
                          QStringLiteral("CREATE TABLE kill_window (id integer);\n"
                                         "SELECT pg_sleep(0.1);\nSELECT pg_sleep(0.1);\n"
                                         "SELECT pg_sleep(0.1);"),
                          QStringLiteral("DROP TABLE kill_window;"))));

        // What each revision leaves in the schema.
        const QHash<QString, QString> effects{
            {QStringLiteral("1a0c3e5b7d01"),
             QStringLiteral("to_regclass('customers') IS NOT NULL")},
            {QStringLiteral("2b1d4f6c8e02"),
             QStringLiteral("to_regclass('categories') IS NOT NULL")},
            {QStringLiteral("3c2e5a7d9f03"), QStringLiteral("to_regclass('products') IS NOT NULL")},
            {QStringLiteral("4d3f6b8e0a04"), QStringLiteral("to_regclass('orders') IS NOT NULL")},
            {QStringLiteral("5e4a7c9f1b05"),
             QStringLiteral("to_regclass('order_items') IS NOT NULL")},
            {QStringLiteral("6f5b8d0a2c06"), QStringLiteral("to_regclass('payments') IS NOT NULL")},
            {QStringLiteral("7a6c9e1b3d07"),
             QStringLiteral("to_regclass('order_totals') IS NOT NULL")},
            {QStringLiteral("8b7d0f2c4e08"),
             QStringLiteral("to_regclass('daily_sales') IS NOT NULL AND "
                            "to_regclass('unpaid_orders') IS NOT NULL")},
            {QStringLiteral("9c8e1a3d5f09"),
             QStringLiteral("EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema "
                            "= 'public' AND table_name = 'customers' AND column_name = "
                            "'loyalty_points')")},
            {QStringLiteral("ad9f2b4e6a10"),
             QStringLiteral("to_regclass('orders_status') IS NOT NULL")},
            {QStringLiteral("be0a3c5f7b11"), QStringLiteral("to_regclass('stock') IS NOT NULL")},
            {slowRev, QStringLiteral("to_regclass('kill_window') IS NOT NULL")},
        };
        // The parents of each revision (down_revision and depends_on), read from the files, so
        // "applied" is worked out here and not by Strata.
        QHash<QString, QStringList> parents, downRevisions;
        static const QRegularExpression header(
            QStringLiteral("^-- (revision|down_revision|depends_on):[ \\t]*(.*)$"),
            QRegularExpression::MultilineOption);
        for (const QString &file :
             QDir(dir.filePath(QStringLiteral("versions"))).entryList({QStringLiteral("*.sql")})) {
            QString revision;
            QStringList up, down;
            auto it =
                header.globalMatch(readFile(dir.filePath(QStringLiteral("versions/") + file)));
            while (it.hasNext()) {
                const QRegularExpressionMatch m = it.next();
                if (m.captured(1) == QLatin1String("revision"))
                    revision = m.captured(2).trimmed();
                else
                    for (const QString &id :
                         m.captured(2).split(QLatin1Char(','), Qt::SkipEmptyParts))
                        if (!id.trimmed().isEmpty()) {
                            up.append(id.trimmed());
                            if (m.captured(1) == QLatin1String("down_revision"))
                                down.append(id.trimmed());
                        }
            }
            QVERIFY2(!revision.isEmpty(), qPrintable(file));
            parents.insert(revision, up);
            downRevisions.insert(revision, down);
        }
        QCOMPARE(sorted(QStringList(parents.keyBegin(), parents.keyEnd())),
                 sorted(QStringList(effects.keyBegin(), effects.keyEnd())));
        QCOMPARE(parents.value(QStringLiteral("8b7d0f2c4e08")).size(), 2); // down + depends_on
        QCOMPARE(parents.value(QStringLiteral("ad9f2b4e6a10")).size(), 2); // the merge
        // The revisions at or below the given ones along the given edges.
        auto closure = [](const QHash<QString, QStringList> &edges, const QStringList &from) {
            QSet<QString> out;
            QStringList todo = from;
            while (!todo.isEmpty()) {
                const QString r = todo.takeLast();
                if (!out.contains(r)) {
                    out.insert(r);
                    todo += edges.value(r);
                }
            }
            return out;
        };
        auto appliedBy = [&](const QStringList &rows) { return closure(parents, rows); };

        QStringList values;
        for (auto it = effects.cbegin(); it != effects.cend(); ++it)
            values.append(QStringLiteral("('%1', %2)").arg(it.key(), it.value()));
        const QString presentQuery =
            QStringLiteral("SELECT coalesce(string_agg(rev, ',' ORDER BY rev), '') FROM (VALUES "
                           "%1) AS v(rev, present) WHERE present")
                .arg(values.join(QLatin1String(", ")));

        const QString db = QStringLiteral("faultkill");
        const QString backends =
            QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname = '%1'").arg(db);
        const quint32 seed = quint32(qEnvironmentVariableIsSet("STRATA_KILL_SEED")
                                         ? qEnvironmentVariableIntValue("STRATA_KILL_SEED")
                                         : 20261123);
        qInfo("kill -9 trials with seed %u (set STRATA_KILL_SEED to replay another)", seed);
        QRandomGenerator random(seed);
        const int trials = 30;
        int none = 0, partial = 0, atExampleHead = 0;
        for (int trial = 0; trial < trials; ++trial) {
            QVERIFY(
                m_server->psql(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(db)));
            QString error;
            QVERIFY2(createDatabase(db, &error), qPrintable(error));
            // Even trials: kill 0 to 60 ms after the start. Odd trials: kill 0 to 3 ms after the
            // run announced its k-th step (1 to 12), so every step gets its share of kills,
            // the ones between the branches and the merge too.
            const bool byStep = trial % 2 == 1;
            const int step = byStep ? int(random.bounded(1, 13)) : 0;
            const int delayMs = byStep ? int(random.bounded(4)) : int(random.bounded(61));
            const QString when =
                byStep ? QStringLiteral("kill %1 ms after step %2 began").arg(delayMs).arg(step)
                       : QStringLiteral("kill %1 ms after the start").arg(delayMs);

            auto child =
                startChild(dir.path(), db, {QStringLiteral("upgrade"), QStringLiteral("heads")});
            auto stop = qScopeGuard([&child] { stopChild(*child); });
            QVERIFY2(child->waitForStarted(10000), qPrintable(child->errorString()));
            QString out;
            QElapsedTimer waited;
            waited.start();
            while (out.count(QStringLiteral("Running upgrade")) < step &&
                   child->state() != QProcess::NotRunning && waited.elapsed() < 20000) {
                child->waitForReadyRead(100);
                out += QString::fromLocal8Bit(child->readAllStandardOutput());
            }
            const bool finishedFirst = child->waitForFinished(delayMs);
            child->kill();
            QVERIFY(child->state() == QProcess::NotRunning || child->waitForFinished(10000));
            out += QString::fromLocal8Bit(child->readAllStandardOutput());
            QVERIFY2(!finishedFirst && out.count(QStringLiteral("Running upgrade")) >= step,
                     qPrintable(QStringLiteral("trial %1 (%2): the run ended, or never got "
                                               "there, before the kill: %3")
                                    .arg(trial)
                                    .arg(when, out)));
            // The server ends the dead client's session (and with it the run lock) once it
            // notices; look at the database only after that.
            QVERIFY2(waitFor(backends, QStringLiteral("0"), 15000),
                     qPrintable(
                         QStringLiteral("trial %1: the killed run's session lingers").arg(trial)));

            const QString tables =
                scalar(db, QStringLiteral(
                               "SELECT (to_regclass('strata_version') IS NOT NULL)::text || "
                               "',' || (to_regclass('strata_version_history') IS NOT NULL)::text"));
            QStringList rows, successes;
            QString failedRows = QStringLiteral("0"), historyCount = QStringLiteral("0");
            if (tables == QLatin1String("true,true")) {
                const QString r =
                    scalar(db, QStringLiteral("SELECT coalesce(string_agg(version_num, "
                                              "',' ORDER BY version_num), '') FROM "
                                              "strata_version"));
                QVERIFY2(!r.startsWith(QStringLiteral("ERROR")), qPrintable(r));
                rows = r.split(QLatin1Char(','), Qt::SkipEmptyParts);
                const QString s = scalar(
                    db, QStringLiteral("SELECT coalesce(string_agg(revision, ',' ORDER BY id), '') "
                                       "FROM strata_version_history WHERE direction = 'up' AND "
                                       "success"));
                QVERIFY2(!s.startsWith(QStringLiteral("ERROR")), qPrintable(s));
                successes = s.split(QLatin1Char(','), Qt::SkipEmptyParts);
                failedRows =
                    scalar(db, QStringLiteral("SELECT count(*) FROM strata_version_history "
                                              "WHERE NOT success"));
                historyCount =
                    scalar(db, QStringLiteral("SELECT count(*) FROM strata_version_history"));
            } else {
                // The version and history tables are made in one transaction: both or neither.
                QCOMPARE(tables, QStringLiteral("false,false"));
            }
            const QString present = scalar(db, presentQuery);
            QVERIFY2(!present.startsWith(QStringLiteral("ERROR")), qPrintable(present));
            const QSet<QString> applied = appliedBy(rows);
            const QString context =
                QStringLiteral("trial %1 (%2): version rows [%3], schema has [%4], "
                               "successful up rows [%5]; last output: %6")
                    .arg(trial)
                    .arg(when, rows.join(QLatin1Char(',')), present,
                         successes.join(QLatin1Char(',')),
                         out.trimmed().section(QLatin1Char('\n'), -1));
            qInfo("%s", qPrintable(context));
            for (const QString &row : rows) {
                QVERIFY2(effects.contains(row), qPrintable(context));
                // The rows are heads of what is applied: none lies below another one.
                for (const QString &other : rows)
                    QVERIFY2(other == row || !closure(downRevisions, {other}).contains(row),
                             qPrintable(context));
            }
            // A revision's effects are in the schema exactly when the version rows say it is
            // applied, and exactly then a successful step is on record for it, once.
            QVERIFY2(present == sorted(applied), qPrintable(context));
            QVERIFY2(sorted(successes) == sorted(applied), qPrintable(context));
            QVERIFY2(successes.size() == applied.size(), qPrintable(context));
            QVERIFY2(historyCount == QString::number(successes.size()), qPrintable(context));
            QVERIFY2(failedRows == QLatin1String("0"), qPrintable(context));
            if (applied.isEmpty())
                ++none;
            else if (applied.contains(kExampleHead))
                ++atExampleHead;
            else
                ++partial;

            // A rerun finishes the job.
            const Outcome again = run(dir.path(), db,
                                      {QStringLiteral("upgrade"), QStringLiteral("heads"),
                                       QStringLiteral("--lock-wait"), QStringLiteral("30")});
            QVERIFY2(again.code == 0,
                     qPrintable(context + QStringLiteral("; rerun: ") + again.err));
            QCOMPARE(scalar(db, QStringLiteral("SELECT string_agg(version_num, ',') FROM "
                                               "strata_version")),
                     slowRev);
            QCOMPARE(scalar(db, presentQuery),
                     sorted(QStringList(effects.keyBegin(), effects.keyEnd())));
            QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) || '/' || count(DISTINCT revision) "
                                               "FROM strata_version_history WHERE direction = 'up' "
                                               "AND success")),
                     QStringLiteral("12/12"));
            QVERIFY(scalar(db, QStringLiteral("SELECT count(*) FROM strata_version_history WHERE "
                                              "revision = '%1' AND success")
                                   .arg(kExampleHead)) == QLatin1String("1"));
        }
        qInfo("kills left %d run(s) with nothing applied, %d part way through the example, %d at "
              "its head (the slow step rolled back)",
              none, partial, atExampleHead);
        QCOMPARE(none + partial + atExampleHead, trials);
    }

    // Issue 13, section 1, on PostgreSQL: the example, dry run and not.
    void commitInAMigrationIsRefusedAndKeepsNothing()
    {
        const QString db = QStringLiteral("faultcommit");
        QString error;
        QVERIFY2(createDatabase(db, &error), qPrintable(error));
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(QStringLiteral("strata.ini")),
                          QStringLiteral("[strata]\nversions = versions\n")));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("versions/c1.sql")),
                          migrationText(QStringLiteral("com001"), {}, QStringLiteral("commit"),
                                        QStringLiteral("CREATE TABLE a (id int); COMMIT; "
                                                       "CREATE TABLE b (id int);"),
                                        QStringLiteral("DROP TABLE b; DROP TABLE a;"))));
        for (const QStringList &args :
             {QStringList{QStringLiteral("upgrade"), QStringLiteral("heads"),
                          QStringLiteral("--dry-run")},
              QStringList{QStringLiteral("upgrade"), QStringLiteral("heads")}}) {
            const Outcome o = run(dir.path(), db, args);
            QCOMPARE(o.code, 1);
            QVERIFY2(o.err.contains(QStringLiteral("versions/c1.sql:6: cannot upgrade com001: "
                                                   "COMMIT")),
                     qPrintable(o.err));
            QCOMPARE(scalar(db, tablesQuery()), QString());
            // Refused before the run opened: not even Strata's tables were created.
            QCOMPARE(scalar(db, QStringLiteral("SELECT to_regclass('strata_version') IS NULL")),
                     QStringLiteral("t"));
        }
        // A DO block or a procedure that commits is caught at run time: PostgreSQL itself refuses
        // it inside the step's transaction block, and the step rolls back whole.
        for (const QString &body :
             {QStringLiteral("CREATE TABLE a (id int);\nDO $$ BEGIN COMMIT; END $$;"),
              QStringLiteral("CREATE TABLE a (id int);\nCREATE PROCEDURE p() LANGUAGE plpgsql AS "
                             "$$ BEGIN COMMIT; END $$;\nCALL p();")}) {
            QVERIFY(writeFile(dir.filePath(QStringLiteral("versions/c1.sql")),
                              migrationText(QStringLiteral("com001"), {}, QStringLiteral("commit"),
                                            body, QStringLiteral("DROP TABLE a;"))));
            const Outcome o =
                run(dir.path(), db, {QStringLiteral("upgrade"), QStringLiteral("heads")});
            QCOMPARE(o.code, 1);
            QVERIFY2(o.err.contains(QStringLiteral("invalid transaction termination")),
                     qPrintable(o.err));
            QCOMPARE(scalar(db, tablesQuery()), QString());
            QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM strata_version")),
                     QStringLiteral("0"));
            QCOMPARE(scalar(db, QStringLiteral("SELECT to_regproc('p') IS NULL")),
                     QStringLiteral("t"));
        }
    }

    // Statements PostgreSQL refuses inside a transaction block, in the upgrade or the downgrade
    // of a transactional migration: refused up front with the advice; run once the migration is
    // marked `transactional: false`.
    void refusedInATransactionBlockIsRefusedUpFront()
    {
        const QString db = QStringLiteral("faultvacuum");
        QString error;
        QVERIFY2(createDatabase(db, &error), qPrintable(error));
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(QStringLiteral("strata.ini")),
                          QStringLiteral("[strata]\nversions = versions\n")));
        const QString file = dir.filePath(QStringLiteral("versions/v1.sql"));
        QVERIFY(writeFile(file, migrationText(QStringLiteral("vac001"), {}, QStringLiteral("v"),
                                              QStringLiteral("CREATE TABLE t (id int);\n"
                                                             "REINDEX TABLE CONCURRENTLY t;"),
                                              QStringLiteral("VACUUM t;\nDROP TABLE t;"))));
        Outcome o = run(dir.path(), db, {QStringLiteral("upgrade"), QStringLiteral("heads")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QStringLiteral("versions/v1.sql:7: cannot upgrade vac001: "
                                               "PostgreSQL refuses REINDEX ... CONCURRENTLY")) &&
                     o.err.contains(QStringLiteral("transactional: false")),
                 qPrintable(o.err));
        QCOMPARE(scalar(db, tablesQuery()), QString());

        // Upgraded with a plain REINDEX, the downgrade's VACUUM is refused the same way.
        QVERIFY(writeFile(file, migrationText(QStringLiteral("vac001"), {}, QStringLiteral("v"),
                                              QStringLiteral("CREATE TABLE t (id int);"),
                                              QStringLiteral("VACUUM t;\nDROP TABLE t;"))));
        QCOMPARE(run(dir.path(), db, {QStringLiteral("upgrade"), QStringLiteral("heads")}).code, 0);
        o = run(dir.path(), db, {QStringLiteral("downgrade"), QStringLiteral("base")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QStringLiteral("versions/v1.sql:9: cannot downgrade vac001: "
                                               "PostgreSQL refuses VACUUM")),
                 qPrintable(o.err));
        QCOMPARE(scalar(db, tablesQuery()), QStringLiteral("t"));
        // Marked non-transactional, the same statements run.
        QVERIFY(writeFile(file, QStringLiteral("-- revision: vac001\n-- transactional: false\n"
                                               "-- +upgrade\nCREATE TABLE t (id int);\n"
                                               "-- +downgrade\nVACUUM t;\nDROP TABLE t;\n")));
        o = run(dir.path(), db, {QStringLiteral("downgrade"), QStringLiteral("base")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QCOMPARE(scalar(db, tablesQuery()), QString());
    }

    // The executor's last guard on PostgreSQL: a COMMIT it did not see (libpq's transaction
    // status says idle) stops the step; no version row, no success row; what was kept is named.
    void brokenTransactionIsCaughtByTheTransactionStatus()
    {
        const QString db = QStringLiteral("faultbroken");
        QString error;
        QVERIFY2(createDatabase(db, &error), qPrintable(error));
        strata::Migration m;
        m.revision = QStringLiteral("brk001");
        m.filePath = QStringLiteral("/proj/versions/brk001.sql");
        m.upgradeSql = QStringLiteral("CREATE TABLE ta (id int);\nCREATE TABLE tkept (id int);\n"
                                      "CREATE TABLE tafter (id int);");
        m.upgradeLine = 6;
        CommittingDriver driver(m_server->conninfo(db), db);
        strata::Executor executor(
            driver, QStringLiteral("strata_version"),
            [&](const QString &rev) { return rev == m.revision ? &m : nullptr; });
        strata::Plan plan;
        strata::PlanStep step;
        step.revision = m.revision;
        step.direction = strata::Direction::Up;
        step.versionChanges = {strata::VersionChange::insert(m.revision)};
        step.toRevisions = {m.revision};
        plan.steps = {step};
        const strata::Status s = executor.run(plan);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, strata::Error::Code::TransactionBroken);
        QCOMPARE(s.error().line, 7);
        QVERIFY2(s.error()
                     .details.join(QLatin1Char('\n'))
                     .contains(QStringLiteral(
                         "/proj/versions/brk001.sql:6, /proj/versions/brk001.sql:7")),
                 qPrintable(s.error().details.join(QLatin1Char('\n'))));
        driver.close();
        QCOMPARE(scalar(db, QStringLiteral("SELECT string_agg(table_name, ',' ORDER BY "
                                           "table_name) FROM information_schema.tables WHERE "
                                           "table_schema = 'public' AND table_name LIKE 't%'")),
                 QStringLiteral("ta,tkept"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM strata_version")),
                 QStringLiteral("0"));
        QCOMPARE(scalar(db, historyQuery()), QStringLiteral("brk001:up:false"));
    }

    // A failed CREATE UNIQUE INDEX CONCURRENTLY leaves an INVALID index: the error and `check`
    // name it, and a rerun with IF NOT EXISTS does not pass over it.
    void invalidIndexLeftByAFailedConcurrentIndexIsNamed()
    {
        const QString db = QStringLiteral("faultinvalid");
        QString error;
        QVERIFY2(createDatabase(db, &error), qPrintable(error));
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(QStringLiteral("strata.ini")),
                          QStringLiteral("[strata]\nversions = versions\n")));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("versions/i1.sql")),
                          migrationText(QStringLiteral("idx001"), {}, QStringLiteral("t"),
                                        QStringLiteral("CREATE TABLE t (email text);\n"
                                                       "INSERT INTO t VALUES ('a'), ('a');"),
                                        QStringLiteral("DROP TABLE t;"))));
        const QString index = dir.filePath(QStringLiteral("versions/i2.sql"));
        auto writeIndex = [&](const QString &ifNotExists) {
            return writeFile(index, QStringLiteral("-- revision: idx002\n-- down_revision: idx001\n"
                                                   "-- transactional: false\n\n-- +upgrade\n"
                                                   "CREATE UNIQUE INDEX CONCURRENTLY %1t_email "
                                                   "ON t (email);\n\n-- +downgrade\nDROP INDEX "
                                                   "CONCURRENTLY t_email;\n")
                                        .arg(ifNotExists));
        };
        QVERIFY(writeIndex({}));
        Outcome o = run(dir.path(), db, {QStringLiteral("upgrade"), QStringLiteral("heads")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QStringLiteral("INVALID index public.t_email")) &&
                     o.err.contains(QStringLiteral("DROP INDEX CONCURRENTLY public.t_email")),
                 qPrintable(o.err));
        o = run(dir.path(), db, {QStringLiteral("check")});
        QCOMPARE(o.code, 3);
        QVERIFY2(o.out.contains(QStringLiteral("Invalid indexes")) &&
                     o.out.contains(QStringLiteral("public.t_email")),
                 qPrintable(o.out));

        // IF NOT EXISTS skips the invalid index; the step must not pass for done.
        QVERIFY(writeIndex(QStringLiteral("IF NOT EXISTS ")));
        o = run(dir.path(), db, {QStringLiteral("upgrade"), QStringLiteral("heads")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QStringLiteral("public.t_email")) &&
                     o.err.contains(QStringLiteral("INVALID")),
                 qPrintable(o.err));
        QCOMPARE(scalar(db, QStringLiteral("SELECT version_num FROM strata_version")),
                 QStringLiteral("idx001"));
        o = run(dir.path(), db, {QStringLiteral("check"), QStringLiteral("--json")});
        QCOMPARE(o.code, 3);
        QVERIFY2(o.out.contains(QStringLiteral("\"invalid_indexes\"")), qPrintable(o.out));

        // Duplicates gone and the index dropped, the rerun builds it and check is clean.
        QVERIFY(m_server->psql(QStringLiteral("DELETE FROM t WHERE ctid <> (SELECT min(ctid) FROM "
                                              "t); DROP INDEX t_email;"),
                               &error, db));
        o = run(dir.path(), db, {QStringLiteral("upgrade"), QStringLiteral("heads")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QCOMPARE(run(dir.path(), db, {QStringLiteral("check")}).code, 0);
    }

    // A `transactional: false` migration that opens its own block: what ran in a block that
    // failed or was left open did not stay, the message says so, and history holds one final
    // row per attempt (the mark written before the statements is replaced).
    void ownTransactionBlockInANonTransactionalMigrationIsReportedTruly()
    {
        const QString db = QStringLiteral("faultownblock");
        QString error;
        QVERIFY2(createDatabase(db, &error), qPrintable(error));
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(QStringLiteral("strata.ini")),
                          QStringLiteral("[strata]\nversions = versions\n")));
        const QString file = dir.filePath(QStringLiteral("versions/b1.sql"));
        auto writeSection = [&](const QString &upgrade) {
            return writeFile(file, QStringLiteral("-- revision: blk001\n-- transactional: false\n"
                                                  "\n-- +upgrade\n%1\n")
                                       .arg(upgrade));
        };
        auto historyRows = [&](const QString &where) {
            return scalar(db, QStringLiteral("SELECT count(*) FROM strata_version_history WHERE "
                                             "revision = 'blk001' %1")
                                  .arg(where));
        };

        // An error inside the block: PostgreSQL rolled the block back, nothing stayed.
        QVERIFY(writeSection(QStringLiteral("BEGIN;\nCREATE TABLE a (id int);\nCREATE TABLE b "
                                            "(id intt);\nCOMMIT;")));
        Outcome o = run(dir.path(), db, {QStringLiteral("upgrade"), QStringLiteral("heads")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QStringLiteral("2 of 4 statements ran and 0 stay applied")) &&
                     o.err.contains(QStringLiteral("intt")) &&
                     !o.err.contains(QStringLiteral("current transaction is aborted")) &&
                     !o.err.contains(QStringLiteral("nothing was rolled back")),
                 qPrintable(o.err));
        QCOMPARE(scalar(db, QStringLiteral("SELECT to_regclass('a') IS NULL")),
                 QStringLiteral("t"));
        QCOMPARE(historyRows({}), QStringLiteral("1"));
        QCOMPARE(historyRows(QStringLiteral("AND error LIKE 'partly applied: %'")),
                 QStringLiteral("1"));

        // A block left open: rolled back, and the message does not contradict itself.
        QVERIFY(writeSection(QStringLiteral("CREATE TABLE c (id int);\nBEGIN;\nCREATE TABLE a "
                                            "(id int);")));
        o = run(dir.path(), db, {QStringLiteral("upgrade"), QStringLiteral("heads")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QStringLiteral("3 of 3 statements ran and 1 stay applied")) &&
                     o.err.contains(QStringLiteral("line 6 has no COMMIT")) &&
                     !o.err.contains(QStringLiteral("nothing was rolled back")),
                 qPrintable(o.err));
        QCOMPARE(scalar(db, QStringLiteral("SELECT to_regclass('a') IS NULL AND to_regclass('c') "
                                           "IS NOT NULL")),
                 QStringLiteral("t"));
        QCOMPARE(historyRows({}), QStringLiteral("2"));

        // A block that commits stays; success leaves exactly one row, a success.
        QVERIFY(writeSection(QStringLiteral("BEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\nCREATE "
                                            "TABLE IF NOT EXISTS c (id int);")));
        o = run(dir.path(), db, {QStringLiteral("upgrade"), QStringLiteral("heads")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QCOMPARE(historyRows({}), QStringLiteral("3"));
        QCOMPARE(historyRows(QStringLiteral("AND success")), QStringLiteral("1"));
        QCOMPARE(historyRows(QStringLiteral("AND error LIKE 'started outside%'")),
                 QStringLiteral("0"));
        o = run(dir.path(), db, {QStringLiteral("history")});
        QVERIFY2(o.code == 0 && !o.out.contains(QStringLiteral("never finished")),
                 qPrintable(o.out));
        o = run(dir.path(), db, {QStringLiteral("check")});
        QVERIFY2(o.code == 0, qPrintable(o.out + o.err));
    }

    // A migration that makes its transaction read-only breaks Strata's own rows after its
    // statements: the error names the file and line and says the step was rolled back, and the
    // failed attempt is recorded once.
    void readOnlyTransactionFailsNamingTheFileAndIsRecordedOnce_data()
    {
        QTest::addColumn<QString>("statement");
        QTest::addColumn<bool>("fails"); // a session default is reset before Strata's rows
        QTest::newRow("SET TRANSACTION") << QStringLiteral("SET TRANSACTION READ ONLY;") << true;
        QTest::newRow("SET SESSION CHARACTERISTICS")
            << QStringLiteral("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY;") << false;
        QTest::newRow("default_transaction_read_only")
            << QStringLiteral("SET default_transaction_read_only = on;") << false;
        QTest::newRow("transaction_read_only")
            << QStringLiteral("SET transaction_read_only = on;") << true;
    }

    void readOnlyTransactionFailsNamingTheFileAndIsRecordedOnce()
    {
        QFETCH(QString, statement);
        QFETCH(bool, fails);
        static int n = 0;
        const QString db = QStringLiteral("faultreadonly%1").arg(++n);
        QString error;
        QVERIFY2(createDatabase(db, &error), qPrintable(error));
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(QStringLiteral("strata.ini")),
                          QStringLiteral("[strata]\nversions = versions\n")));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("versions/ro.sql")),
                          QStringLiteral("-- revision: ro0001\n\n\n-- +upgrade\n%1\nSELECT 1;\n")
                              .arg(statement)));
        const Outcome o = run(dir.path(), db, {QStringLiteral("upgrade"), QStringLiteral("heads")});
        const QString rows = scalar(db, QStringLiteral("SELECT count(*) FROM "
                                                       "strata_version_history WHERE revision = "
                                                       "'ro0001'"));
        if (!fails) { // the session's default was reset before Strata's rows: no harm
            QVERIFY2(o.code == 0, qPrintable(o.err));
            QCOMPARE(rows, QStringLiteral("1"));
            QCOMPARE(scalar(db, QStringLiteral("SELECT version_num FROM strata_version")),
                     QStringLiteral("ro0001"));
            return;
        }
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QStringLiteral("ro.sql:5")) &&
                     o.err.contains(QStringLiteral("rolled back")) &&
                     o.err.contains(QStringLiteral("read-only")),
                 qPrintable(o.err));
        QCOMPARE(rows, QStringLiteral("1"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM strata_version")),
                 QStringLiteral("0"));
    }

    void cleanupTestCase() { m_server.reset(); }
};

QTEST_GUILESS_MAIN(TestPgFaults)
#include "tst_pgfaults.moc"
