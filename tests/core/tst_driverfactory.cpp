// createDriver: the Driver for a resolved connection.

#include "connection/driverfactory.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;

class TestDriverFactory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sqliteGivesASqliteDriver()
    {
        QTemporaryDir dir;
        auto info = ConnectionResolver::parseUrl(QStringLiteral("sqlite:///app.db"), dir.path());
        QVERIFY(info.ok());
        auto driver = createDriver(*info);
        QVERIFY(driver.ok());
        QCOMPARE((*driver)->engine(), QStringLiteral("sqlite"));
        QVERIFY(!(*driver)->exists()); // created, not opened
        QVERIFY((*driver)->open().ok());
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("app.db"))));
        (*driver)->close();
        QVERIFY((*driver)->open().ok()); // reopens after a close
    }

    void postgresFailureNamesTheServerNotThePassword()
    {
        // Nothing listens on port 1: the connection fails at once.
        auto info = ConnectionResolver::parseUrl(
            QStringLiteral("postgresql://app:s3cret@127.0.0.1:1/shop?connect_timeout=3"), {});
        QVERIFY(info.ok());
        auto driver = createDriver(*info);
        QVERIFY(driver.ok());
        QCOMPARE((*driver)->engine(), QStringLiteral("postgresql"));
        const Status opened = (*driver)->open();
        QVERIFY(!opened.ok());
        const QString text = opened.error().toString();
        QVERIFY2(text.contains(QStringLiteral("127.0.0.1")), qPrintable(text));
        // What was tried, in full: database, host, port and user.
        QVERIFY2(text.contains(
                     QStringLiteral("tried database shop on host 127.0.0.1 port 1 as user app")),
                 qPrintable(text));
        QVERIFY(!text.contains(QStringLiteral("s3cret")));
    }

    void sqliteWithoutAPathRefused()
    {
        ConnectionInfo info;
        info.source = QStringLiteral("test");
        QVERIFY(!createDriver(info).ok());
    }
};

QTEST_GUILESS_MAIN(TestDriverFactory)
#include "tst_driverfactory.moc"
