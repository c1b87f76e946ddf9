// ConnectionResolver: URL forms and the order in which a connection is found.

#include "connection/connectioninfo.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;

class TestConnectionResolver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void urls()
    {
        auto rel = ConnectionResolver::parseUrl(QStringLiteral("sqlite:///data/app.db"),
                                                QStringLiteral("/srv/proj"));
        QVERIFY(rel.ok());
        QCOMPARE(rel->engine, ConnectionInfo::Engine::Sqlite);
        QCOMPARE(rel->sqlitePath, QStringLiteral("/srv/proj/data/app.db"));
        auto abs = ConnectionResolver::parseUrl(QStringLiteral("sqlite:////var/lib/app.db"),
                                                QStringLiteral("/srv/proj"));
        QCOMPARE(abs->sqlitePath, QStringLiteral("/var/lib/app.db"));
        auto aio = ConnectionResolver::parseUrl(QStringLiteral("sqlite+aiosqlite:///./data/app.db"),
                                                QStringLiteral("/srv/proj"));
        QCOMPARE(aio->sqlitePath, QStringLiteral("/srv/proj/data/app.db"));
        auto memory =
            ConnectionResolver::parseUrl(QStringLiteral("sqlite://"), QStringLiteral("/srv"));
        QVERIFY(!memory.ok());
        QVERIFY(memory.error().message.contains(QStringLiteral("in-memory")));

        auto pg = ConnectionResolver::parseUrl(
            QStringLiteral("postgresql+asyncpg://app:s3cret@db.internal:5433/shop"), {});
        QVERIFY(pg.ok());
        QCOMPARE(pg->engine, ConnectionInfo::Engine::Postgres);
        QCOMPARE(pg->postgresConninfo,
                 QStringLiteral("postgresql://app:s3cret@db.internal:5433/shop"));
        QVERIFY(!pg->display.contains(QStringLiteral("s3cret")));
        QVERIFY(pg->display.contains(QStringLiteral("db.internal")));
        QCOMPARE(ConnectionResolver::parseUrl(QStringLiteral("postgres://h/db"), {})->engine,
                 ConnectionInfo::Engine::Postgres);
        auto keywords =
            ConnectionResolver::parseUrl(QStringLiteral("host=h dbname=d password=s3cret"), {});
        QVERIFY(keywords.ok());
        QCOMPARE(keywords->engine, ConnectionInfo::Engine::Postgres);
        QVERIFY(!keywords->display.contains(QStringLiteral("s3cret")));
        auto mysql = ConnectionResolver::parseUrl(QStringLiteral("mysql://u:s3cret@h/db"), {});
        QVERIFY(!mysql.ok());
        QVERIFY(!mysql.error().toString().contains(QStringLiteral("s3cret")));
        QVERIFY(mysql.error().message.contains(QStringLiteral("mysql")));
    }

    void order()
    {
        QTemporaryDir dir;
        const QString root = dir.path();
        QProcessEnvironment env;
        auto resolve = [&](const QString &cli, const QString &ini) {
            return ConnectionResolver::resolve(cli, root, ini, env);
        };
        auto fallback = resolve({}, {});
        QCOMPARE(fallback->source, QStringLiteral("default"));
        QCOMPARE(fallback->sqlitePath, QDir(root).filePath(QStringLiteral("strata.db")));
        QCOMPARE(resolve({}, QStringLiteral("sqlite:///ini.db"))->source,
                 QStringLiteral("strata.ini"));

        QFile dotenv(root + QStringLiteral("/.env"));
        QVERIFY(dotenv.open(QIODevice::WriteOnly));
        dotenv.write(
            "# app settings\nSECRET_KEY=x\nexport DATABASE_URL=\"sqlite:///from env.db\" \n");
        dotenv.close();
        auto fromDotEnv = resolve({}, QStringLiteral("sqlite:///ini.db"));
        QCOMPARE(fromDotEnv->source, QStringLiteral(".env"));
        QCOMPARE(fromDotEnv->sqlitePath, QDir(root).filePath(QStringLiteral("from env.db")));

        env.insert(QStringLiteral("DB_HOST"), QStringLiteral("db.internal"));
        env.insert(QStringLiteral("DB_NAME"), QStringLiteral("shop"));
        env.insert(QStringLiteral("DB_USER"), QStringLiteral("app"));
        env.insert(QStringLiteral("DB_PASSWORD"), QStringLiteral("s3cret"));
        auto vars = resolve({}, {});
        QCOMPARE(vars->source, QStringLiteral("DB_* variables"));
        QVERIFY(vars->postgresConninfo.contains(QStringLiteral("password='s3cret'")));
        QVERIFY(vars->postgresConninfo.contains(QStringLiteral("host='db.internal'")));
        QVERIFY(!vars->display.contains(QStringLiteral("s3cret")));

        env.insert(QStringLiteral("DATABASE_URL"), QStringLiteral("sqlite:////tmp/env.db"));
        QCOMPARE(resolve({}, {})->source, QStringLiteral("DATABASE_URL"));
        auto cli = resolve(QStringLiteral("sqlite:///cli.db"), {});
        QCOMPARE(cli->source, QStringLiteral("--url"));
        QCOMPARE(cli->sqlitePath, QDir(root).filePath(QStringLiteral("cli.db")));

        env.insert(QStringLiteral("DATABASE_URL"), QStringLiteral("oracle://u:s3cret@h"));
        auto bad = resolve({}, {});
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().message.contains(QStringLiteral("DATABASE_URL")));
        QVERIFY(!bad.error().toString().contains(QStringLiteral("s3cret")));
    }
};

QTEST_GUILESS_MAIN(TestConnectionResolver)
#include "tst_connectionresolver.moc"
