// The one readable name of a database: from what the profiles, URLs and environment give, and
// from what audit entries and backup catalogues written in the older form hold.

#include "audit/auditlog.h"
#include "connection/connectiondisplay.h"
#include "connection/connectioninfo.h"
#include "profiles/profile.h"

#include <QTemporaryDir>
#include <QTest>

using namespace strata;

class TestConnectionDisplay : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readable_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("shown");
        QTest::newRow("profile keyword string")
            << QStringLiteral("host='127.0.0.1' port='57002' dbname='shop_prod' user='postgres'")
            << QStringLiteral("shop_prod on 127.0.0.1:57002 as postgres");
        QTest::newRow("masked password, sslmode")
            << QStringLiteral("host='db' port='5432' dbname='shop' user='app' sslmode='require' "
                              "password=***")
            << QStringLiteral("shop on db:5432 as app");
        QTest::newRow("unquoted") << QStringLiteral("host=h dbname=d password=***")
                                  << QStringLiteral("d on h");
        QTest::newRow("escaped quote in a value")
            << QStringLiteral("host='db' dbname='shop' user='o\\'brien'")
            << QStringLiteral("shop on db as o'brien");
        QTest::newRow("URI with masked password")
            << QStringLiteral("postgresql://u:***@db.internal:5433/shop?sslmode=require")
            << QStringLiteral("shop on db.internal:5433 as u");
        QTest::newRow("URI, raw @ in the password")
            << QStringLiteral("postgresql://u:pa@ss@h/db") << QStringLiteral("db on h as u");
        QTest::newRow("SQLAlchemy driver")
            << QStringLiteral("postgresql+asyncpg://app@h/db") << QStringLiteral("db on h as app");
        QTest::newRow("postgres scheme")
            << QStringLiteral("postgres://h:6000/db") << QStringLiteral("db on h:6000");
        QTest::newRow("service alone")
            << QStringLiteral("service='shop_staging'") << QStringLiteral("service shop_staging");
        QTest::newRow("service and database")
            << QStringLiteral("service=s dbname=shop") << QStringLiteral("shop (service s)");
        QTest::newRow("port, no host")
            << QStringLiteral("dbname='shop' port='5433'") << QStringLiteral("shop on port 5433");
        QTest::newRow("socket folder") << QStringLiteral("host=/run/postgresql dbname=shop")
                                       << QStringLiteral("shop on /run/postgresql");
        QTest::newRow("several hosts") << QStringLiteral("host=a,b port=5432,5433 dbname=shop")
                                       << QStringLiteral("shop on a:5432, b:5433");
        QTest::newRow("SQLite absolute") << QStringLiteral("sqlite:////srv/app/strata.db")
                                         << QStringLiteral("/srv/app/strata.db");
        QTest::newRow("SQLite with parameters")
            << QStringLiteral("sqlite+aiosqlite:////srv/app/app.db?timeout=5")
            << QStringLiteral("/srv/app/app.db");
        QTest::newRow("already readable")
            << QStringLiteral("shop_prod on 127.0.0.1:57002 as postgres")
            << QStringLiteral("shop_prod on 127.0.0.1:57002 as postgres");
        QTest::newRow("a path") << QStringLiteral("/srv/app/strata.db")
                                << QStringLiteral("/srv/app/strata.db");
        QTest::newRow("offline") << QStringLiteral("(no database: offline SQL for PostgreSQL)")
                                 << QStringLiteral("(no database: offline SQL for PostgreSQL)");
        QTest::newRow("empty") << QString() << QString();
    }

    void readable()
    {
        QFETCH(QString, text);
        QFETCH(QString, shown);
        QCOMPARE(ConnectionDisplay::readable(text), shown);
        QVERIFY(!ConnectionDisplay::readable(text).contains(QStringLiteral("***")));
    }

    void resolvedConnectionsAreReadable()
    {
        auto keywords = ConnectionResolver::parseUrl(
            QStringLiteral("host='127.0.0.1' port='57002' dbname='shop_prod' user='postgres' "
                           "password='secret'"),
            {});
        QVERIFY(keywords);
        QCOMPARE(keywords->display, QStringLiteral("shop_prod on 127.0.0.1:57002 as postgres"));
        auto uri = ConnectionResolver::parseUrl(QStringLiteral("postgresql://u:secret@h/db"), {});
        QVERIFY(uri);
        QCOMPARE(uri->display, QStringLiteral("db on h as u"));
        auto sqlite = ConnectionResolver::parseUrl(QStringLiteral("sqlite:///data/app.db"),
                                                   QStringLiteral("/srv/app"));
        QVERIFY(sqlite);
        QCOMPARE(sqlite->display, QStringLiteral("/srv/app/data/app.db"));
        auto fallback =
            ConnectionResolver::resolve({}, QStringLiteral("/srv/app"), {}, QProcessEnvironment());
        QVERIFY(fallback);
        QCOMPARE(fallback->display, QStringLiteral("/srv/app/strata.db"));
        QProcessEnvironment env;
        env.insert(QStringLiteral("HOME"), QStringLiteral("/nonexistent"));
        env.insert(QStringLiteral("DB_HOST"), QStringLiteral("db.internal"));
        env.insert(QStringLiteral("DB_NAME"), QStringLiteral("shop"));
        env.insert(QStringLiteral("DB_USER"), QStringLiteral("app"));
        env.insert(QStringLiteral("DB_PASSWORD"), QStringLiteral("secret"));
        auto vars =
            ConnectionResolver::resolve({}, QStringLiteral("/nonexistent/project"), {}, env);
        QVERIFY(vars);
        QCOMPARE(vars->display, QStringLiteral("shop on db.internal as app"));
    }

    void profilesShowTheSameForm()
    {
        Profile pg;
        pg.engine = Profile::Engine::Postgres;
        pg.host = QStringLiteral("127.0.0.1");
        pg.port = 57002;
        pg.database = QStringLiteral("shop_prod");
        pg.user = QStringLiteral("postgres");
        QCOMPARE(pg.displayTarget(), QStringLiteral("shop_prod on 127.0.0.1:57002 as postgres"));
        auto resolved = ConnectionResolver::parseUrl(pg.url(QStringLiteral("pw")), {});
        QVERIFY(resolved);
        QCOMPARE(resolved->display, pg.displayTarget());
        Profile lite;
        lite.sqliteFile = QStringLiteral("/home/me/shop.db");
        QCOMPARE(lite.displayTarget(), QStringLiteral("/home/me/shop.db"));
    }

    // An audit log written before the readable form: its entries read the same way.
    void oldAuditEntriesReadTheSame()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("audit.jsonl"));
        AuditEntry old;
        old.action = QStringLiteral("upgrade");
        old.database = QStringLiteral("host='127.0.0.1' port='57002' dbname='shop_prod' "
                                      "user='postgres'");
        old.result = QStringLiteral("success");
        QVERIFY(AuditLog(file).append(old));
        auto read = AuditLog(file).readAll();
        QVERIFY(read);
        QCOMPARE(read->size(), 1);
        QCOMPARE(ConnectionDisplay::readable(read->first().database),
                 QStringLiteral("shop_prod on 127.0.0.1:57002 as postgres"));
    }
};

QTEST_GUILESS_MAIN(TestConnectionDisplay)
#include "tst_connectiondisplay.moc"
