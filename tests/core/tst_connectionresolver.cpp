// ConnectionResolver: URL forms, password masking, .env files and the order in which a
// connection is found.

#include "connection/connectioninfo.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;

class TestConnectionResolver : public QObject
{
    Q_OBJECT

    static void writeFile(const QString &path, const QByteArray &content)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(content);
    }

private Q_SLOTS:
    void sqliteUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("path");
        QTest::newRow("relative") << QStringLiteral("sqlite:///relative.db")
                                  << QStringLiteral("/srv/proj/relative.db");
        QTest::newRow("relative in a folder")
            << QStringLiteral("sqlite:///data/app.db") << QStringLiteral("/srv/proj/data/app.db");
        QTest::newRow("dot relative")
            << QStringLiteral("sqlite:///./data/../app.db") << QStringLiteral("/srv/proj/app.db");
        QTest::newRow("absolute") << QStringLiteral("sqlite:////abs/path.db")
                                  << QStringLiteral("/abs/path.db");
        QTest::newRow("aiosqlite")
            << QStringLiteral("sqlite+aiosqlite:///x.db") << QStringLiteral("/srv/proj/x.db");
        QTest::newRow("pysqlite absolute") << QStringLiteral("sqlite+pysqlite:////var/lib/app.db")
                                           << QStringLiteral("/var/lib/app.db");
        QTest::newRow("query dropped")
            << QStringLiteral("sqlite:///x.db?timeout=10") << QStringLiteral("/srv/proj/x.db");
        QTest::newRow("upper-case scheme")
            << QStringLiteral("SQLITE:///x.db") << QStringLiteral("/srv/proj/x.db");
    }

    void sqliteUrls()
    {
        QFETCH(QString, url);
        QFETCH(QString, path);
        auto info = ConnectionResolver::parseUrl(url, QStringLiteral("/srv/proj"));
        QVERIFY2(info.ok(), info.ok() ? "" : qPrintable(info.error().toString()));
        QCOMPARE(info->engine, ConnectionInfo::Engine::Sqlite);
        QCOMPARE(info->sqlitePath, path);
        QVERIFY(info->postgresConninfo.isEmpty());
        QVERIFY(!info->display.isEmpty());
    }

    void inMemoryRefused_data()
    {
        QTest::addColumn<QString>("url");
        QTest::newRow("no path") << QStringLiteral("sqlite://");
        QTest::newRow("root only") << QStringLiteral("sqlite:///");
        QTest::newRow("aiosqlite") << QStringLiteral("sqlite+aiosqlite://");
        QTest::newRow(":memory:") << QStringLiteral("sqlite:///:memory:");
        QTest::newRow("memory URI") << QStringLiteral("sqlite:///file::memory:?cache=shared");
    }

    void inMemoryRefused()
    {
        QFETCH(QString, url);
        auto memory = ConnectionResolver::parseUrl(url, QStringLiteral("/srv"));
        QVERIFY(!memory.ok());
        QVERIFY2(memory.error().message.contains(QStringLiteral("in-memory")),
                 qPrintable(memory.error().message));
    }

    void postgresUrls()
    {
        auto plain = ConnectionResolver::parseUrl(QStringLiteral("postgresql://u:secret@h/db"), {});
        QVERIFY(plain.ok());
        QCOMPARE(plain->engine, ConnectionInfo::Engine::Postgres);
        QCOMPARE(plain->postgresConninfo, QStringLiteral("postgresql://u:secret@h/db"));
        QVERIFY(!plain->display.contains(QStringLiteral("secret")));
        QCOMPARE(plain->display, QStringLiteral("postgresql://u:***@h/db"));
        QVERIFY(plain->sqlitePath.isEmpty());

        auto short_ = ConnectionResolver::parseUrl(QStringLiteral("postgres://h/db"), {});
        QVERIFY(short_.ok());
        QCOMPARE(short_->engine, ConnectionInfo::Engine::Postgres);
        QCOMPARE(short_->postgresConninfo, QStringLiteral("postgresql://h/db"));

        auto asyncpg = ConnectionResolver::parseUrl(
            QStringLiteral("postgresql+asyncpg://u:pw@db.internal:5433/shop?sslmode=require"), {});
        QVERIFY(asyncpg.ok());
        QCOMPARE(asyncpg->engine, ConnectionInfo::Engine::Postgres);
        QVERIFY(asyncpg->postgresConninfo.startsWith(QStringLiteral("postgresql://")));
        QCOMPARE(asyncpg->postgresConninfo,
                 QStringLiteral("postgresql://u:pw@db.internal:5433/shop?sslmode=require"));
        QVERIFY(!asyncpg->display.contains(QStringLiteral(":pw@")));
        QVERIFY(asyncpg->display.contains(QStringLiteral("u:***@db.internal:5433/shop")));

        auto psycopg =
            ConnectionResolver::parseUrl(QStringLiteral("postgresql+psycopg2://u@h/db"), {});
        QVERIFY(psycopg.ok());
        QCOMPARE(psycopg->postgresConninfo, QStringLiteral("postgresql://u@h/db"));
        QCOMPARE(psycopg->display, QStringLiteral("postgresql+psycopg2://u@h/db"));

        auto parameter = ConnectionResolver::parseUrl(
            QStringLiteral("postgresql://h/db?user=u&password=secret&sslmode=require"), {});
        QVERIFY(parameter.ok());
        QVERIFY(parameter->postgresConninfo.contains(QStringLiteral("password=secret")));
        QVERIFY(!parameter->display.contains(QStringLiteral("secret")));
        QVERIFY(parameter->display.contains(QStringLiteral("sslmode=require")));
    }

    void keywordStrings()
    {
        auto keywords =
            ConnectionResolver::parseUrl(QStringLiteral("host=h dbname=d password=secret"), {});
        QVERIFY(keywords.ok());
        QCOMPARE(keywords->engine, ConnectionInfo::Engine::Postgres);
        QCOMPARE(keywords->postgresConninfo, QStringLiteral("host=h dbname=d password=secret"));
        QVERIFY(!keywords->display.contains(QStringLiteral("secret")));
        QCOMPARE(keywords->display, QStringLiteral("host=h dbname=d password=***"));

        auto quoted = ConnectionResolver::parseUrl(
            QStringLiteral("host=h password='two words' dbname=d"), {});
        QVERIFY(quoted.ok());
        QVERIFY(!quoted->display.contains(QStringLiteral("two")));
        QVERIFY(!quoted->display.contains(QStringLiteral("words")));
        QVERIFY(quoted->display.contains(QStringLiteral("dbname=d")));
    }

    void unsupportedOrUnreadable()
    {
        auto mysql = ConnectionResolver::parseUrl(QStringLiteral("mysql://u:secret@h/db"), {});
        QVERIFY(!mysql.ok());
        QVERIFY(!mysql.error().toString().contains(QStringLiteral("secret")));
        QVERIFY(!mysql.error().message.contains(QStringLiteral("secret")));
        QVERIFY(!mysql.error().details.join(QLatin1Char(' ')).contains(QStringLiteral("secret")));
        QVERIFY(mysql.error().message.contains(QStringLiteral("mysql")));

        auto garbage = ConnectionResolver::parseUrl(QStringLiteral("just-a-name"), {});
        QVERIFY(!garbage.ok());
        QVERIFY(garbage.error().message.contains(QStringLiteral("sqlite:///")));
    }

    void maskPassword()
    {
        QCOMPARE(ConnectionResolver::maskPassword(QStringLiteral("postgresql://u:p@h/db")),
                 QStringLiteral("postgresql://u:***@h/db"));
        QCOMPARE(ConnectionResolver::maskPassword(QStringLiteral("postgresql://u@h/db")),
                 QStringLiteral("postgresql://u@h/db"));
        QCOMPARE(ConnectionResolver::maskPassword(QStringLiteral("sqlite:////a/b.db")),
                 QStringLiteral("sqlite:////a/b.db"));
        QCOMPARE(ConnectionResolver::maskPassword(QStringLiteral("PASSWORD = x host=h")),
                 QStringLiteral("PASSWORD = *** host=h"));
    }

    // First found wins: --url, DATABASE_URL, DB_*, .env, strata.ini, default.
    void order()
    {
        QTemporaryDir dir;
        const QString root = dir.path();
        QProcessEnvironment env;
        auto resolve = [&](const QString &cli, const QString &ini) {
            return ConnectionResolver::resolve(cli, root, ini, env);
        };
        writeFile(root + QStringLiteral("/.env"), "DATABASE_URL=sqlite:///dotenv.db\n");
        env.insert(QStringLiteral("DB_HOST"), QStringLiteral("db.internal"));
        env.insert(QStringLiteral("DB_NAME"), QStringLiteral("shop"));
        env.insert(QStringLiteral("DATABASE_URL"), QStringLiteral("sqlite:////tmp/env.db"));
        const QString ini = QStringLiteral("sqlite:///ini.db");

        auto cli = resolve(QStringLiteral("sqlite:///cli.db"), ini);
        QVERIFY(cli.ok());
        QCOMPARE(cli->source, QStringLiteral("--url"));
        QCOMPARE(cli->sqlitePath, QDir(root).filePath(QStringLiteral("cli.db")));

        auto databaseUrl = resolve({}, ini);
        QVERIFY(databaseUrl.ok());
        QCOMPARE(databaseUrl->source, QStringLiteral("DATABASE_URL"));
        QCOMPARE(databaseUrl->sqlitePath, QStringLiteral("/tmp/env.db"));

        env.remove(QStringLiteral("DATABASE_URL"));
        auto vars = resolve({}, ini);
        QVERIFY(vars.ok());
        QCOMPARE(vars->source, QStringLiteral("DB_* variables"));
        QCOMPARE(vars->engine, ConnectionInfo::Engine::Postgres);

        env.remove(QStringLiteral("DB_HOST"));
        env.remove(QStringLiteral("DB_NAME"));
        auto dotenv = resolve({}, ini);
        QVERIFY(dotenv.ok());
        QCOMPARE(dotenv->source, QStringLiteral(".env"));
        QCOMPARE(dotenv->sqlitePath, QDir(root).filePath(QStringLiteral("dotenv.db")));

        QVERIFY(QFile::remove(root + QStringLiteral("/.env")));
        auto fromIni = resolve({}, ini);
        QVERIFY(fromIni.ok());
        QCOMPARE(fromIni->source, QStringLiteral("strata.ini"));
        QCOMPARE(fromIni->sqlitePath, QDir(root).filePath(QStringLiteral("ini.db")));

        auto fallback = resolve({}, {});
        QVERIFY(fallback.ok());
        QCOMPARE(fallback->source, QStringLiteral("default"));
        QCOMPARE(fallback->engine, ConnectionInfo::Engine::Sqlite);
        QCOMPARE(fallback->sqlitePath, QDir(root).filePath(QStringLiteral("strata.db")));
        QVERIFY(fallback->display.contains(QStringLiteral("strata.db")));

        // An empty DATABASE_URL counts as unset.
        env.insert(QStringLiteral("DATABASE_URL"), QString());
        QCOMPARE(resolve({}, {})->source, QStringLiteral("default"));
    }

    void dbVariables()
    {
        QTemporaryDir dir;
        QProcessEnvironment env;
        env.insert(QStringLiteral("DB_HOST"), QStringLiteral("db.internal"));
        env.insert(QStringLiteral("DB_PORT"), QStringLiteral("5433"));
        env.insert(QStringLiteral("DB_NAME"), QStringLiteral("shop"));
        env.insert(QStringLiteral("DB_USER"), QStringLiteral("app"));
        env.insert(QStringLiteral("DB_PASSWORD"), QStringLiteral("it's secret"));
        auto vars = ConnectionResolver::resolve({}, dir.path(), {}, env);
        QVERIFY(vars.ok());
        QCOMPARE(vars->source, QStringLiteral("DB_* variables"));
        QCOMPARE(vars->engine, ConnectionInfo::Engine::Postgres);
        QVERIFY(vars->postgresConninfo.contains(QStringLiteral("host='db.internal'")));
        QVERIFY(vars->postgresConninfo.contains(QStringLiteral("port='5433'")));
        QVERIFY(vars->postgresConninfo.contains(QStringLiteral("dbname='shop'")));
        QVERIFY(vars->postgresConninfo.contains(QStringLiteral("user='app'")));
        QVERIFY2(vars->postgresConninfo.contains(QStringLiteral("password='it\\'s secret'")),
                 qPrintable(vars->postgresConninfo));
        QVERIFY(!vars->display.contains(QStringLiteral("secret")));
        QVERIFY(!vars->display.contains(QStringLiteral("password")));
        QVERIFY(vars->display.contains(QStringLiteral("db.internal")));

        // DB_NAME alone is enough.
        QProcessEnvironment nameOnly;
        nameOnly.insert(QStringLiteral("DB_NAME"), QStringLiteral("shop"));
        auto local = ConnectionResolver::resolve({}, dir.path(), {}, nameOnly);
        QVERIFY(local.ok());
        QCOMPARE(local->source, QStringLiteral("DB_* variables"));
        QCOMPARE(local->postgresConninfo, QStringLiteral("dbname='shop'"));
    }

    void dotEnvParsing_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("file"); // relative to the project root; empty: not found
        QTest::newRow("plain") << QByteArray("DATABASE_URL=sqlite:///plain.db\n")
                               << QStringLiteral("plain.db");
        QTest::newRow("export") << QByteArray("export DATABASE_URL=sqlite:///exported.db\n")
                                << QStringLiteral("exported.db");
        QTest::newRow("double quotes with space")
            << QByteArray("export DATABASE_URL=\"sqlite:///from env.db\" \n")
            << QStringLiteral("from env.db");
        QTest::newRow("single quotes")
            << QByteArray("DATABASE_URL='sqlite:///single.db'\n") << QStringLiteral("single.db");
        QTest::newRow("spaces around =") << QByteArray("  DATABASE_URL = sqlite:///spaced.db  \n")
                                         << QStringLiteral("spaced.db");
        QTest::newRow("comments and other keys")
            << QByteArray("# app settings\nSECRET_KEY=x\n# DATABASE_URL=sqlite:///commented.db\n"
                          "DATABASE_URL_REPLICA=sqlite:///replica.db\n"
                          "DATABASE_URL=sqlite:///real.db # the main one\n")
            << QStringLiteral("real.db");
        QTest::newRow("quoted, then a comment")
            << QByteArray("DATABASE_URL=\"sqlite:///q.db\"  # the main one\n")
            << QStringLiteral("q.db");
        QTest::newRow("hash inside quotes")
            << QByteArray("DATABASE_URL='sqlite:///a #b.db'\n") << QStringLiteral("a #b.db");
        QTest::newRow("last wins")
            << QByteArray("DATABASE_URL=sqlite:///first.db\nDATABASE_URL=sqlite:///second.db\n")
            << QStringLiteral("second.db");
        QTest::newRow("CRLF") << QByteArray("DATABASE_URL=sqlite:///crlf.db\r\n")
                              << QStringLiteral("crlf.db");
        QTest::newRow("no newline at end")
            << QByteArray("DATABASE_URL=sqlite:///end.db") << QStringLiteral("end.db");
        QTest::newRow("only other keys") << QByteArray("SECRET_KEY=x\n# nothing\n") << QString();
        QTest::newRow("empty value") << QByteArray("DATABASE_URL=\n") << QString();
        QTest::newRow("commented out")
            << QByteArray("#DATABASE_URL=sqlite:///no.db\n   # DATABASE_URL=sqlite:///no2.db\n")
            << QString();
    }

    void dotEnvParsing()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, file);
        QTemporaryDir dir;
        writeFile(dir.path() + QStringLiteral("/.env"), content);
        auto info = ConnectionResolver::resolve({}, dir.path(), {}, QProcessEnvironment());
        QVERIFY2(info.ok(), info.ok() ? "" : qPrintable(info.error().toString()));
        if (file.isEmpty()) {
            QCOMPARE(info->source, QStringLiteral("default"));
        } else {
            QCOMPARE(info->source, QStringLiteral(".env"));
            QCOMPARE(info->sqlitePath, QDir(dir.path()).filePath(file));
        }
    }

    void dotEnvPostgres()
    {
        QTemporaryDir dir;
        writeFile(dir.path() + QStringLiteral("/.env"),
                  "export DATABASE_URL='postgresql+asyncpg://app:secret@db/shop'\n");
        auto info = ConnectionResolver::resolve({}, dir.path(), {}, QProcessEnvironment());
        QVERIFY(info.ok());
        QCOMPARE(info->source, QStringLiteral(".env"));
        QCOMPARE(info->engine, ConnectionInfo::Engine::Postgres);
        QCOMPARE(info->postgresConninfo, QStringLiteral("postgresql://app:secret@db/shop"));
        QVERIFY(!info->display.contains(QStringLiteral("secret")));
    }

    void errorsNameTheirSource()
    {
        QTemporaryDir dir;
        QProcessEnvironment env;
        env.insert(QStringLiteral("DATABASE_URL"), QStringLiteral("oracle://u:secret@h"));
        auto bad = ConnectionResolver::resolve({}, dir.path(), {}, env);
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().message.contains(QStringLiteral("DATABASE_URL")));
        QVERIFY(!bad.error().toString().contains(QStringLiteral("secret")));

        auto cli = ConnectionResolver::resolve(QStringLiteral("mysql://u:secret@h/db"), dir.path(),
                                               {}, env);
        QVERIFY(!cli.ok());
        QVERIFY(cli.error().message.contains(QStringLiteral("--url")));
        QVERIFY(!cli.error().toString().contains(QStringLiteral("secret")));

        auto ini = ConnectionResolver::resolve({}, dir.path(), QStringLiteral("sqlite://"),
                                               QProcessEnvironment());
        QVERIFY(!ini.ok());
        QVERIFY(ini.error().message.contains(QStringLiteral("strata.ini")));

        writeFile(dir.path() + QStringLiteral("/.env"), "DATABASE_URL=mssql://u:secret@h/db\n");
        auto dotenv = ConnectionResolver::resolve({}, dir.path(), {}, QProcessEnvironment());
        QVERIFY(!dotenv.ok());
        QVERIFY(dotenv.error().message.contains(QStringLiteral(".env")));
        QVERIFY(!dotenv.error().toString().contains(QStringLiteral("secret")));
    }

    void sqliteHostRefused()
    {
        auto host = ConnectionResolver::parseUrl(QStringLiteral("sqlite://server/app.db"), {});
        QVERIFY(!host.ok());
        QVERIFY2(host.error().message.contains(QStringLiteral("no host")),
                 qPrintable(host.error().message));
    }

    void unsupportedSchemeListsTheAcceptedForms()
    {
        auto oracle = ConnectionResolver::parseUrl(QStringLiteral("oracle://u:secret@h/db"), {});
        QVERIFY(!oracle.ok());
        const QString message = oracle.error().message;
        for (const char *form : {"sqlite:///relative.db", "sqlite:////absolute.db", "aiosqlite",
                                 "postgresql://", "postgres://", "asyncpg", "host=... dbname=..."})
            QVERIFY2(message.contains(QLatin1String(form)), form);
        QVERIFY(message.contains(QStringLiteral("oracle://u:***@h/db")));
        QVERIFY(!message.contains(QStringLiteral("secret")));
    }

    void awkwardPasswordsMaskedWhole_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("display");
        QTest::newRow("raw @ in password") << QStringLiteral("postgresql://u:pa@ss@h/db")
                                           << QStringLiteral("postgresql://u:***@h/db");
        QTest::newRow("raw / and ? in password") << QStringLiteral("postgresql://u:p/a?s@h:5432/db")
                                                 << QStringLiteral("postgresql://u:***@h:5432/db");
        QTest::newRow("port, no password") << QStringLiteral("postgresql://u@h:5432/db")
                                           << QStringLiteral("postgresql://u@h:5432/db");
        QTest::newRow("escaped quote in keyword string")
            << QStringLiteral("host=h password='it\\'s secret' dbname=d")
            << QStringLiteral("host=h password=*** dbname=d");
        QTest::newRow("unterminated quote")
            << QStringLiteral("host=h password='secret") << QStringLiteral("host=h password=***");
        QTest::newRow("URI parameter")
            << QStringLiteral("postgres://h/db?password=secret&sslmode=require")
            << QStringLiteral("postgres://h/db?password=***&sslmode=require");
    }

    void awkwardPasswordsMaskedWhole()
    {
        QFETCH(QString, url);
        QFETCH(QString, display);
        QCOMPARE(ConnectionResolver::maskPassword(url), display);
        auto info = ConnectionResolver::parseUrl(url, {});
        QVERIFY(info.ok());
        QCOMPARE(info->display, display);
        QCOMPARE(info->engine, ConnectionInfo::Engine::Postgres);
    }

    void dotEnvExpandsVariables()
    {
        QTemporaryDir dir;
        writeFile(dir.path() + QStringLiteral("/.env"),
                  "DB_FILE=app.db\n"
                  "DATABASE_URL=\"sqlite:///${DATA_DIR:-data}/${DB_FILE}\"\n");
        auto info = ConnectionResolver::resolve({}, dir.path(), {}, QProcessEnvironment());
        QVERIFY(info.ok());
        QCOMPARE(info->sqlitePath, QDir(dir.path()).filePath(QStringLiteral("data/app.db")));

        // The environment comes first, as with python-dotenv.
        QProcessEnvironment env;
        env.insert(QStringLiteral("DATA_DIR"), QStringLiteral("var"));
        env.insert(QStringLiteral("DB_FILE"), QStringLiteral("env.db"));
        info = ConnectionResolver::resolve({}, dir.path(), {}, env);
        QVERIFY(info.ok());
        QCOMPARE(info->sqlitePath, QDir(dir.path()).filePath(QStringLiteral("var/env.db")));

        // Single quotes keep the text as written.
        writeFile(dir.path() + QStringLiteral("/.env"), "DATABASE_URL='sqlite:///${X}.db'\n");
        info = ConnectionResolver::resolve({}, dir.path(), {}, env);
        QVERIFY(info.ok());
        QCOMPARE(info->sqlitePath, QDir(dir.path()).filePath(QStringLiteral("${X}.db")));

        // A password kept in its own variable stays out of the display.
        writeFile(dir.path() + QStringLiteral("/.env"),
                  "PGPASS=secret\nDATABASE_URL=postgresql://app:${PGPASS}@db/shop\n");
        info = ConnectionResolver::resolve({}, dir.path(), {}, QProcessEnvironment());
        QVERIFY(info.ok());
        QCOMPARE(info->postgresConninfo, QStringLiteral("postgresql://app:secret@db/shop"));
        QCOMPARE(info->display, QStringLiteral("postgresql://app:***@db/shop"));
    }
};

QTEST_GUILESS_MAIN(TestConnectionResolver)
#include "tst_connectionresolver.moc"
