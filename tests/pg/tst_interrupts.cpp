// Stopping is clean: Ctrl-C (SIGINT) or SIGTERM sent to a running `strata upgrade` cancels the
// statement on the server, rolls the step back, records it as cancelled, releases the lock and
// exits 130, on PostgreSQL (the throwaway fixture) and on SQLite (sqlite3_interrupt). Also: a
// lock wait is cancelled the same way, and a server that never answers fails within the
// connect timeout.

#include "drivers/postgres/postgresdriver.h"
#include "files.h"
#include "pgserver.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <arpa/inet.h>
#include <csignal>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using strata::test::PgServer;

class TestInterrupts : public QObject
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

    // A project with one migration r1 whose upgrade section is `sql`; its folder.
    QString project(const QString &name, const QString &sql) const
    {
        const QString dir = m_home.filePath(name);
        const bool ok =
            strata::test::writeFile(dir + QStringLiteral("/strata.ini"),
                                    "[strata]\nversions = versions\n") &&
            strata::test::writeFile(
                dir + QStringLiteral("/versions/r1.sql"),
                QStringLiteral("-- revision: r1\n-- +upgrade\n%1\n-- +downgrade\nSELECT 1;\n")
                    .arg(sql)
                    .toUtf8());
        return ok ? dir : QString();
    }

    static std::unique_ptr<QProcess> start(const QStringList &args)
    {
        auto process = std::make_unique<QProcess>();
        process->setProgram(QStringLiteral(STRATA_CLI_BINARY));
        process->setArguments(args);
        process->start();
        process->waitForStarted(5000);
        return process;
    }

    // Waits at most timeoutMs (a bound against a hang, not a speed claim); a child still
    // running then is killed and reported with code -1.
    static Outcome finish(QProcess &process, int timeoutMs)
    {
        Outcome o;
        if (!process.waitForFinished(timeoutMs) && process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(5000);
            o.err = QStringLiteral("[test: still running after %1 ms; killed]\n").arg(timeoutMs);
        } else if (process.exitStatus() == QProcess::NormalExit) {
            o.code = process.exitCode();
        } else {
            o.code = -2;
        }
        o.out += QString::fromLocal8Bit(process.readAllStandardOutput());
        o.err += QString::fromLocal8Bit(process.readAllStandardError());
        return o;
    }

    QString scalar(const QString &database, const QString &sql) const
    {
        QString out;
        if (!m_server->psql(sql, &out, database))
            return QStringLiteral("ERROR: ") + out;
        return out;
    }

    // Polls until the query prints `expected`; false after timeoutMs.
    bool waitFor(const QString &database, const QString &sql, const QString &expected,
                 int timeoutMs) const
    {
        QElapsedTimer timer;
        timer.start();
        while (scalar(database, sql) != expected) {
            if (timer.elapsed() > timeoutMs)
                return false;
            QThread::msleep(50);
        }
        return true;
    }

    static QString activeLike(const QString &pattern)
    {
        return QStringLiteral("SELECT count(*) > 0 FROM pg_stat_activity WHERE state = 'active' "
                              "AND pid <> pg_backend_pid() AND query LIKE '%1'")
            .arg(pattern);
    }

    // `strata upgrade heads` on a migration sleeping on the server, stopped by `signal` once
    // the sleep runs; then everything the issue asks of a clean stop, and a rerun.
    void stopPostgresRun(int signal, const QString &database)
    {
        QVERIFY(m_server->psql(QStringLiteral("CREATE DATABASE %1").arg(database)));
        const QString dir = project(database, QStringLiteral("CREATE TABLE before_sleep (id "
                                                             "int);\nSELECT pg_sleep(4);"));
        const QStringList args{QStringLiteral("-d"),      dir,
                               QStringLiteral("--url"),   m_server->conninfo(database),
                               QStringLiteral("upgrade"), QStringLiteral("heads")};
        auto child = start(args);
        QVERIFY(waitFor(database, activeLike(QStringLiteral("%pg_sleep(4)%")), QStringLiteral("t"),
                        20000));
        QThread::msleep(1000); // a second into the statement
        QCOMPARE(::kill(pid_t(child->processId()), signal), 0);
        const Outcome o = finish(*child, 20000);
        QVERIFY2(o.code == 130, qPrintable(QStringLiteral("%1: %2").arg(o.code).arg(o.err)));
        QVERIFY2(o.err.contains(QStringLiteral("cancelled")), qPrintable(o.err));
        // The server runs nothing of it any more, the lock is free, nothing stayed.
        QCOMPARE(scalar(database, activeLike(QStringLiteral("%pg_sleep(4)%"))),
                 QStringLiteral("f"));
        QCOMPARE(scalar(database, QStringLiteral("SELECT count(*) FROM pg_locks WHERE locktype "
                                                 "= 'advisory'")),
                 QStringLiteral("0"));
        QCOMPARE(scalar(database, QStringLiteral("SELECT to_regclass('before_sleep') IS NULL")),
                 QStringLiteral("t"));
        QCOMPARE(scalar(database, QStringLiteral("SELECT count(*) FROM strata_version")),
                 QStringLiteral("0"));
        // History says cancelled, not merely failed.
        QCOMPARE(scalar(database, QStringLiteral("SELECT revision || ':' || success || ':' || "
                                                 "cancelled FROM strata_version_history")),
                 QStringLiteral("r1:false:true"));
        // The rerun is not refused and reaches the heads.
        const Outcome again = finish(*start(args), 30000);
        QVERIFY2(again.code == 0, qPrintable(again.err));
        QCOMPARE(scalar(database, QStringLiteral("SELECT version_num FROM strata_version")),
                 QStringLiteral("r1"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("STRATA_AUDIT_LOG"))
            qputenv("STRATA_AUDIT_LOG", m_home.filePath(QStringLiteral("audit.jsonl")).toUtf8());
        QVERIFY(QFile::exists(QStringLiteral(STRATA_CLI_BINARY)));
        QString error;
        m_server = PgServer::start(&error);
        QVERIFY2(m_server, qPrintable(error));
    }

    void ctrlCStopsAPostgresRunCleanly() { stopPostgresRun(SIGINT, QStringLiteral("sigint")); }

    void sigtermStopsAPostgresRunCleanly() { stopPostgresRun(SIGTERM, QStringLiteral("sigterm")); }

    // `strata verify` works in a scratch database: Ctrl-C reaches its statement too, and the
    // scratch database is dropped on the way out.
    void ctrlCStopsVerifyAndDropsTheScratchDatabase()
    {
        const QString database = QStringLiteral("verified");
        QVERIFY(m_server->psql(QStringLiteral("CREATE DATABASE %1").arg(database)));
        const QString dir = project(database, QStringLiteral("SELECT pg_sleep(30);"));
        auto child = start({QStringLiteral("-d"), dir, QStringLiteral("--url"),
                            m_server->conninfo(database), QStringLiteral("verify")});
        QVERIFY(waitFor(QStringLiteral("postgres"), activeLike(QStringLiteral("%pg_sleep(30)%")),
                        QStringLiteral("t"), 20000));
        QCOMPARE(::kill(pid_t(child->processId()), SIGINT), 0);
        const Outcome o = finish(*child, 20000);
        QVERIFY2(o.code == 130, qPrintable(QStringLiteral("%1: %2").arg(o.code).arg(o.err)));
        QCOMPARE(scalar(QStringLiteral("postgres"),
                        QStringLiteral("SELECT count(*) FROM pg_database WHERE datname LIKE "
                                       "'strata_verify%'")),
                 QStringLiteral("0"));
        QCOMPARE(scalar(QStringLiteral("postgres"), activeLike(QStringLiteral("%pg_sleep(30)%"))),
                 QStringLiteral("f"));
    }

    void ctrlCEndsTheLockWait()
    {
        const QString database = QStringLiteral("lockwait");
        QVERIFY(m_server->psql(QStringLiteral("CREATE DATABASE %1").arg(database)));
        const QString dir = project(database, QStringLiteral("CREATE TABLE t (id int);"));
        strata::PostgresDriver holder(m_server->conninfo(database), database);
        QVERIFY(holder.open().ok());
        QVERIFY(holder.lockRuns(QStringLiteral("strata_version"), 0).ok());
        // A wait that runs out says so by its code, and names who holds the lock.
        {
            strata::PostgresDriver waiter(m_server->conninfo(database), database);
            QVERIFY(waiter.open().ok());
            const strata::Status s = waiter.lockRuns(QStringLiteral("strata_version"), 1);
            QVERIFY(!s.ok());
            QCOMPARE(s.error().code, strata::Error::Code::LockTimeout);
            QVERIFY2(s.error().message.contains(QStringLiteral("process ")),
                     qPrintable(s.error().message));
            // Its own settings are back: the wait's lock_timeout does not stay behind.
            auto timeout = waiter.query(QStringLiteral("SHOW lock_timeout"));
            QVERIFY(timeout.ok());
            QCOMPARE(timeout->value(0).value(0), QStringLiteral("0"));
        }
        auto child =
            start({QStringLiteral("-d"), dir, QStringLiteral("--url"), m_server->conninfo(database),
                   QStringLiteral("upgrade"), QStringLiteral("heads"),
                   QStringLiteral("--lock-wait"), QStringLiteral("300")});
        // The wait is the server's: a session waiting on an advisory lock.
        QVERIFY(waitFor(database,
                        QStringLiteral("SELECT count(*) > 0 FROM pg_locks WHERE locktype = "
                                       "'advisory' AND NOT granted"),
                        QStringLiteral("t"), 20000));
        QCOMPARE(::kill(pid_t(child->processId()), SIGINT), 0);
        const Outcome o = finish(*child, 20000);
        QVERIFY2(o.code == 130, qPrintable(QStringLiteral("%1: %2").arg(o.code).arg(o.err)));
        QVERIFY2(o.err.contains(QStringLiteral("cancelled while waiting for the lock")),
                 qPrintable(o.err));
        QCOMPARE(scalar(database, QStringLiteral("SELECT to_regclass('t') IS NULL")),
                 QStringLiteral("t"));
        holder.unlockRuns(QStringLiteral("strata_version"));
    }

    void ctrlCStopsASqliteRunCleanly()
    {
        const QString dir =
            project(QStringLiteral("sqlite"),
                    QStringLiteral("CREATE TABLE before_count (id int);\nWITH RECURSIVE c(x) AS "
                                   "(SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < "
                                   "2000000000) SELECT count(*) FROM c;"));
        const QString file = dir + QStringLiteral("/app.db");
        const QStringList args{QStringLiteral("-d"),      dir,
                               QStringLiteral("--url"),   QStringLiteral("sqlite:///") + file,
                               QStringLiteral("upgrade"), QStringLiteral("heads")};
        auto child = start(args);
        // No server to ask what runs: the step's transaction shows as its rollback journal, and
        // the count that follows runs for minutes.
        QElapsedTimer waited;
        waited.start();
        while (!QFile::exists(file + QStringLiteral("-journal")) && waited.elapsed() < 20000)
            QThread::msleep(20);
        QVERIFY(QFile::exists(file + QStringLiteral("-journal")));
        QThread::msleep(1000);
        QCOMPARE(::kill(pid_t(child->processId()), SIGINT), 0);
        const Outcome o = finish(*child, 20000);
        QVERIFY2(o.code == 130, qPrintable(QStringLiteral("%1: %2").arg(o.code).arg(o.err)));
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = "
                                          "'before_count'")) &&
                    q.next());
            QCOMPARE(q.value(0).toInt(), 0);
            QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM strata_version")) && q.next());
            QCOMPARE(q.value(0).toInt(), 0);
            QVERIFY(q.exec(QStringLiteral("SELECT revision, success, cancelled FROM "
                                          "strata_version_history")) &&
                    q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("r1"));
            QCOMPARE(q.value(1).toInt(), 0);
            QCOMPARE(q.value(2).toInt(), 1);
        }
        QSqlDatabase::removeDatabase(QStringLiteral("check"));
        // The migration, shortened (it never ran, so it may change), goes through on a rerun.
        QVERIFY(strata::test::writeFile(
            dir + QStringLiteral("/versions/r1.sql"),
            "-- revision: r1\n-- +upgrade\nCREATE TABLE before_count (id int);\n"));
        const Outcome again = finish(*start(args), 30000);
        QVERIFY2(again.code == 0, qPrintable(again.err));
    }

    // A server that accepts the connection and never answers: the command fails within the
    // connect timeout (libpq's minimum is 2 s), naming the host, instead of hanging.
    void unansweringServerTimesOut()
    {
        // Listens: the kernel completes the handshake, and nobody ever speaks.
        const int silent = ::socket(AF_INET, SOCK_STREAM, 0);
        QVERIFY(silent >= 0);
        const auto closeSilent = qScopeGuard([silent] { ::close(silent); });
        sockaddr_in address = {};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::bind(silent, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
        QCOMPARE(::listen(silent, 8), 0);
        socklen_t length = sizeof address;
        QCOMPARE(::getsockname(silent, reinterpret_cast<sockaddr *>(&address), &length), 0);
        const QString dir = project(QStringLiteral("silent"), QStringLiteral("SELECT 1;"));
        auto child = start(
            {QStringLiteral("-d"), dir, QStringLiteral("--url"),
             QStringLiteral("postgresql://nobody@127.0.0.1:%1/db").arg(ntohs(address.sin_port)),
             QStringLiteral("--connect-timeout"), QStringLiteral("1"), QStringLiteral("current")});
        const Outcome o = finish(*child, 30000);
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QStringLiteral("127.0.0.1")) &&
                     o.err.contains(QStringLiteral("did not answer within")),
                 qPrintable(o.err));
    }

    void cleanupTestCase() { m_server.reset(); }
};

QTEST_GUILESS_MAIN(TestInterrupts)
#include "tst_interrupts.moc"
