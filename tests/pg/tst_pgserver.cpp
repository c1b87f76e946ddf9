// The throwaway PostgreSQL fixture every PostgreSQL test will use: it starts a private cluster,
// answers queries, and leaves nothing running when it goes.

#include "pgserver.h"

#include <QProcess>
#include <QTest>

using strata::test::PgServer;

class TestPgServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startQueryStop()
    {
        QString error;
        std::unique_ptr<PgServer> server = PgServer::start(&error);
        QVERIFY2(server, qPrintable(error));
        QVERIFY(server->port() > 0);
        QString out;
        QVERIFY2(server->psql(
                     QStringLiteral("SELECT current_setting('server_version_num')::int >= 150000"),
                     &out),
                 qPrintable(out));
        QCOMPARE(out, QStringLiteral("t"));
        QVERIFY2(server->psql(QStringLiteral("SELECT current_setting('listen_addresses')"), &out),
                 qPrintable(out));
        QCOMPARE(out, QStringLiteral("127.0.0.1"));
        QVERIFY(server->psql(QStringLiteral("CREATE DATABASE scratch"), &out));
        QVERIFY(server->psql(QStringLiteral("CREATE TABLE t (a int); INSERT INTO t VALUES (1);"),
                             &out, QStringLiteral("scratch")));
        QVERIFY(server->psql(QStringLiteral("SELECT count(*) FROM t"), &out,
                             QStringLiteral("scratch")));
        QCOMPARE(out, QStringLiteral("1"));
        QVERIFY(!server->psql(QStringLiteral("SELECT * FROM no_such_table"), &out));
        QVERIFY(out.contains(QStringLiteral("no_such_table")));

        const QString socketDir = server->socketDir();
        const int port = server->port();
        server.reset();
        // Gone: nothing answers on the socket any more.
        QProcess probe;
        probe.start(
            QStringLiteral("psql"),
            {QStringLiteral("-X"), QStringLiteral("-d"),
             QStringLiteral("host=%1 port=%2 user=postgres dbname=postgres connect_timeout=3")
                 .arg(socketDir)
                 .arg(port),
             QStringLiteral("-c"), QStringLiteral("SELECT 1")});
        QVERIFY(probe.waitForFinished(20000));
        QVERIFY(probe.exitCode() != 0);
    }
};

QTEST_GUILESS_MAIN(TestPgServer)
#include "tst_pgserver.moc"
