// ConnectionResolver: URL forms, password masking, .env files and the order in which a
// connection is found.

#include "connection/connectiondisplay.h"
#include "connection/connectioninfo.h"
#include "connection/connectiontarget.h"
#include "connection/dotenv.h"
#include "connection/urlparameters.h"

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

    // A temporary folder that is a repository root, so the search for .env stops there
    // whatever the machine keeps in /tmp.
    struct Repo
    {
        QTemporaryDir dir;
        Repo() { QDir(dir.path()).mkdir(QStringLiteral(".git")); }
        QString path() const { return dir.path(); }
    };

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
        // Parameters of the Python drivers are ignored, each with a note.
        QCOMPARE(info->notes.size(), qsizetype(url.count(QLatin1Char('='))));
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
        QCOMPARE(plain->display, QStringLiteral("db on h as u"));
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
        QCOMPARE(asyncpg->display, QStringLiteral("shop on db.internal:5433 as u"));

        auto psycopg =
            ConnectionResolver::parseUrl(QStringLiteral("postgresql+psycopg2://u@h/db"), {});
        QVERIFY(psycopg.ok());
        QCOMPARE(psycopg->postgresConninfo, QStringLiteral("postgresql://u@h/db"));
        QCOMPARE(psycopg->display, QStringLiteral("db on h as u"));

        auto parameter = ConnectionResolver::parseUrl(
            QStringLiteral("postgresql://h/db?user=u&password=secret&sslmode=require"), {});
        QVERIFY(parameter.ok());
        QVERIFY(parameter->postgresConninfo.contains(QStringLiteral("password=secret")));
        QVERIFY(!parameter->display.contains(QStringLiteral("secret")));
        QCOMPARE(parameter->display, QStringLiteral("db on h as u"));
    }

    void keywordStrings()
    {
        auto keywords =
            ConnectionResolver::parseUrl(QStringLiteral("host=h dbname=d password=secret"), {});
        QVERIFY(keywords.ok());
        QCOMPARE(keywords->engine, ConnectionInfo::Engine::Postgres);
        QCOMPARE(keywords->postgresConninfo, QStringLiteral("host=h dbname=d password=secret"));
        QVERIFY(!keywords->display.contains(QStringLiteral("secret")));
        QCOMPARE(keywords->display, QStringLiteral("d on h"));

        auto quoted = ConnectionResolver::parseUrl(
            QStringLiteral("host=h password='two words' dbname=d"), {});
        QVERIFY(quoted.ok());
        QVERIFY(!quoted->display.contains(QStringLiteral("two")));
        QVERIFY(!quoted->display.contains(QStringLiteral("words")));
        QCOMPARE(quoted->display, QStringLiteral("d on h"));
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

    // First found wins: --url, DATABASE_URL, DB_*, strata.ini, default; DATABASE_URL and DB_*
    // from the environment over the same variables in .env.
    void order()
    {
        Repo dir;
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
        QCOMPARE(databaseUrl->source, QStringLiteral("DATABASE_URL in the environment"));
        // The DB_* variables it shadows are named in a note.
        QVERIFY2(databaseUrl->notes.join(QLatin1Char('\n')).contains(QStringLiteral("DB_HOST")),
                 qPrintable(databaseUrl->notes.join(QLatin1Char('\n'))));
        QCOMPARE(databaseUrl->sqlitePath, QStringLiteral("/tmp/env.db"));

        // DATABASE_URL of .env stands where the environment's stood (python-dotenv's view).
        env.remove(QStringLiteral("DATABASE_URL"));
        auto dotenv = resolve({}, ini);
        QVERIFY(dotenv.ok());
        QCOMPARE(dotenv->source, QStringLiteral("DATABASE_URL in %1/.env").arg(root));
        QCOMPARE(dotenv->sqlitePath, QDir(root).filePath(QStringLiteral("dotenv.db")));

        QVERIFY(QFile::remove(root + QStringLiteral("/.env")));
        auto vars = resolve({}, ini);
        QVERIFY(vars.ok());
        QCOMPARE(vars->source,
                 QStringLiteral("DB_* variables: DB_HOST, DB_NAME in the environment"));
        QCOMPARE(vars->engine, ConnectionInfo::Engine::Postgres);

        env.remove(QStringLiteral("DB_HOST"));
        env.remove(QStringLiteral("DB_NAME"));
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

        // An empty DATABASE_URL (a CI secret that is missing) never means the SQLite file.
        env.insert(QStringLiteral("DATABASE_URL"), QString());
        auto empty = resolve({}, {});
        QVERIFY(!empty.ok());
        QVERIFY2(empty.error().message.contains(QStringLiteral("DATABASE_URL")) &&
                     empty.error().message.contains(QStringLiteral("empty")),
                 qPrintable(empty.error().message));
        // ... but strata.ini's url is a database named: it is used, with a note.
        auto emptyThenIni = resolve({}, ini);
        QVERIFY(emptyThenIni.ok());
        QCOMPARE(emptyThenIni->source, QStringLiteral("strata.ini"));
        QVERIFY(emptyThenIni->notes.join(QLatin1Char(' ')).contains(QStringLiteral("empty")));
    }

    void dbVariables()
    {
        Repo dir;
        QProcessEnvironment env;
        env.insert(QStringLiteral("DB_HOST"), QStringLiteral("db.internal"));
        env.insert(QStringLiteral("DB_PORT"), QStringLiteral("5433"));
        env.insert(QStringLiteral("DB_NAME"), QStringLiteral("shop"));
        env.insert(QStringLiteral("DB_USER"), QStringLiteral("app"));
        env.insert(QStringLiteral("DB_PASSWORD"), QStringLiteral("it's secret"));
        auto vars = ConnectionResolver::resolve({}, dir.path(), {}, env);
        QVERIFY(vars.ok());
        QVERIFY(vars->source.startsWith(QStringLiteral("DB_* variables")));
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
        QCOMPARE(local->source, QStringLiteral("DB_* variables: DB_NAME in the environment"));
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
        QTest::newRow("commented out")
            << QByteArray("#DATABASE_URL=sqlite:///no.db\n   # DATABASE_URL=sqlite:///no2.db\n")
            << QString();
    }

    void dotEnvParsing()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, file);
        Repo dir;
        writeFile(dir.path() + QStringLiteral("/.env"), content);
        auto info = ConnectionResolver::resolve({}, dir.path(), {}, QProcessEnvironment());
        QVERIFY2(info.ok(), info.ok() ? "" : qPrintable(info.error().toString()));
        if (file.isEmpty()) {
            QCOMPARE(info->source, QStringLiteral("default"));
        } else {
            QCOMPARE(info->source, QStringLiteral("DATABASE_URL in %1/.env").arg(dir.path()));
            QCOMPARE(info->sqlitePath, QDir(dir.path()).filePath(file));
        }
    }

    void dotEnvPostgres()
    {
        Repo dir;
        writeFile(dir.path() + QStringLiteral("/.env"),
                  "export DATABASE_URL='postgresql+asyncpg://app:secret@db/shop'\n");
        auto info = ConnectionResolver::resolve({}, dir.path(), {}, QProcessEnvironment());
        QVERIFY(info.ok());
        QCOMPARE(info->source, QStringLiteral("DATABASE_URL in %1/.env").arg(dir.path()));
        QCOMPARE(info->engine, ConnectionInfo::Engine::Postgres);
        QCOMPARE(info->postgresConninfo, QStringLiteral("postgresql://app:secret@db/shop"));
        QVERIFY(!info->display.contains(QStringLiteral("secret")));
    }

    void errorsNameTheirSource()
    {
        Repo dir;
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
        // file:line of the setting at fault
        QCOMPARE(dotenv.error().file, dir.path() + QStringLiteral("/.env"));
        QCOMPARE(dotenv.error().line, 1);
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
        if (QByteArray(QTest::currentDataTag()) == "unterminated quote") {
            // libpq cannot read it: refused now, not at connect time, and masked still.
            QVERIFY(!info.ok());
            QVERIFY(!info.error().toString().contains(QStringLiteral("secret")));
            return;
        }
        QVERIFY2(info.ok(), info.ok() ? "" : qPrintable(info.error().toString()));
        // The connection is named in people's words (ConnectionDisplay), the password left out.
        QCOMPARE(info->display, ConnectionDisplay::readable(display));
        QVERIFY(!info->display.contains(QStringLiteral("secret")));
        QVERIFY(!info->display.contains(QStringLiteral("***")));
        QCOMPARE(info->engine, ConnectionInfo::Engine::Postgres);
    }

    void dotEnvExpandsVariables()
    {
        Repo dir;
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
        QCOMPARE(info->display, QStringLiteral("shop on db as app"));
    }
    // DB_* in .env, written the ways teams' guides write them: each names the PostgreSQL
    // database, never the project's SQLite file.
    void dotEnvDbVariables_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("conninfo");
        QTest::newRow("guide") << QByteArray("DB_USER=app\nDB_HOST=db.internal\nDB_PORT=5433\n"
                                             "DB_NAME=shop\n")
                               << QStringLiteral("host='db.internal' port='5433' dbname='shop' "
                                                 "user='app'");
        QTest::newRow("with password, quoted, export, comments, CRLF")
            << QByteArray("# database\r\nexport\tDB_HOST=\"db.internal\"\r\nDB_PORT='5433' # pg\r\n"
                          "DB_NAME=shop\r\nDB_USER=app\r\nDB_PASSWORD=\"p#ss w\\\"rd\"\r\n")
            << QStringLiteral("host='db.internal' port='5433' dbname='shop' user='app' "
                              "password='p#ss w\"rd'");
        QTest::newRow("name only: libpq's defaults for the rest")
            << QByteArray("DB_NAME=shop\n") << QStringLiteral("dbname='shop'");
        QTest::newRow("user only") << QByteArray("DB_USER=app\n") << QStringLiteral("user='app'");
        QTest::newRow("port only") << QByteArray("DB_PORT=5433\n") << QStringLiteral("port='5433'");
    }

    void dotEnvDbVariables()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, conninfo);
        Repo dir;
        writeFile(dir.path() + QStringLiteral("/.env"), content);
        auto info = ConnectionResolver::resolve({}, dir.path(), {}, QProcessEnvironment());
        QVERIFY2(info.ok(), info.ok() ? "" : qPrintable(info.error().toString()));
        QCOMPARE(info->engine, ConnectionInfo::Engine::Postgres);
        QCOMPARE(info->postgresConninfo, conninfo);
        QVERIFY2(info->source.contains(dir.path() + QStringLiteral("/.env")),
                 qPrintable(info->source));
        QVERIFY(!info->display.contains(QStringLiteral("p#ss")));
        const QString target = ConnectionTarget::of(*info).text();
        QVERIFY2(target.startsWith(QStringLiteral("PostgreSQL database ")), qPrintable(target));
        QVERIFY(!target.contains(QStringLiteral("p#ss")));
        QVERIFY(!target.contains(QStringLiteral("SQLite")));
    }

    // .env in a parent folder, up to the repository root and not beyond.
    void dotEnvInParentFolders()
    {
        Repo repo;
        const QString project = repo.path() + QStringLiteral("/services/api/migrations");
        QVERIFY(QDir().mkpath(project));
        writeFile(repo.path() + QStringLiteral("/.env"), "DB_HOST=db\nDB_NAME=shop\n");
        auto info = ConnectionResolver::resolve({}, project, {}, QProcessEnvironment());
        QVERIFY2(info.ok(), info.ok() ? "" : qPrintable(info.error().toString()));
        QCOMPARE(info->postgresConninfo, QStringLiteral("host='db' dbname='shop'"));
        QCOMPARE(DotEnv::find(project, {}), repo.path() + QStringLiteral("/.env"));

        // The nearest .env is the one read (python-dotenv's find_dotenv), even when it names
        // no database.
        writeFile(repo.path() + QStringLiteral("/services/.env"), "SECRET_KEY=x\n");
        QCOMPARE(DotEnv::find(project, {}), repo.path() + QStringLiteral("/services/.env"));
        info = ConnectionResolver::resolve({}, project, {}, QProcessEnvironment());
        QVERIFY(info.ok());
        QCOMPARE(info->source, QStringLiteral("default"));
        QVERIFY2(info->notes.join(QLatin1Char(' ')).contains(QStringLiteral("services/.env")),
                 qPrintable(info->notes.join(QLatin1Char(' '))));
        // libpq's or Docker's variables there are named in a note: they choose nothing here.
        writeFile(repo.path() + QStringLiteral("/services/.env"), "PGDATABASE=shop\n");
        info = ConnectionResolver::resolve({}, project, {}, QProcessEnvironment());
        QVERIFY(info.ok());
        QCOMPARE(info->source, QStringLiteral("default"));
        QVERIFY2(info->notes.join(QLatin1Char(' ')).contains(QStringLiteral("PGDATABASE in ")),
                 qPrintable(info->notes.join(QLatin1Char(' '))));
        QVERIFY(QFile::remove(repo.path() + QStringLiteral("/services/.env")));

        // A .env above the repository root belongs to something else.
        QTemporaryDir outer;
        const QString inner = outer.path() + QStringLiteral("/repo/proj");
        QVERIFY(QDir().mkpath(inner));
        QVERIFY(QDir().mkpath(outer.path() + QStringLiteral("/repo/.git")));
        writeFile(outer.path() + QStringLiteral("/.env"), "DB_NAME=elsewhere\n");
        QCOMPARE(DotEnv::find(inner, {}), QString());
        // A worktree's .git is a file: the same stop.
        QVERIFY(QDir(outer.path() + QStringLiteral("/repo/.git")).removeRecursively());
        writeFile(outer.path() + QStringLiteral("/repo/.git"), "gitdir: /elsewhere\n");
        QCOMPARE(DotEnv::find(inner, {}), QString());
    }

    // Without a repository the search stops below the user's home folder.
    void dotEnvStopsAtHome()
    {
        QTemporaryDir dir;
        const QString home = dir.path() + QStringLiteral("/home");
        const QString project = home + QStringLiteral("/work/proj");
        QVERIFY(QDir().mkpath(project));
        writeFile(home + QStringLiteral("/.env"), "DB_NAME=personal\n");
        QCOMPARE(DotEnv::find(project, home), QString());
        QProcessEnvironment env;
        env.insert(QStringLiteral("HOME"), home);
        auto info = ConnectionResolver::resolve({}, project, {}, env);
        QVERIFY(info.ok());
        QCOMPARE(info->source, QStringLiteral("default"));
        writeFile(home + QStringLiteral("/work/.env"), "DB_NAME=work\n");
        QCOMPARE(DotEnv::find(project, home), home + QStringLiteral("/work/.env"));
        // A project that is the home folder itself reads its own .env.
        QCOMPARE(DotEnv::find(home, home), home + QStringLiteral("/.env"));
    }

    // The environment wins over .env variable by variable, as python-dotenv's load_dotenv().
    void environmentWinsOverDotEnv()
    {
        Repo dir;
        writeFile(dir.path() + QStringLiteral("/.env"),
                  "DB_HOST=from-file\nDB_NAME=shop\nDB_PASSWORD=filesecret\n");
        QProcessEnvironment env;
        env.insert(QStringLiteral("DB_HOST"), QStringLiteral("from-env"));
        auto info = ConnectionResolver::resolve({}, dir.path(), {}, env);
        QVERIFY(info.ok());
        QCOMPARE(info->postgresConninfo,
                 QStringLiteral("host='from-env' dbname='shop' password='filesecret'"));
        QVERIFY2(info->source.contains(QStringLiteral("DB_HOST in the environment")) &&
                     info->source.contains(QStringLiteral("DB_NAME, DB_PASSWORD in ")),
                 qPrintable(info->source));
        // An empty variable of the environment hides the file's, and a note says so.
        env.insert(QStringLiteral("DB_HOST"), QString());
        info = ConnectionResolver::resolve({}, dir.path(), {}, env);
        QVERIFY(info.ok());
        QCOMPARE(info->postgresConninfo, QStringLiteral("dbname='shop' password='filesecret'"));
        QVERIFY2(info->notes.join(QLatin1Char(' '))
                     .contains(QStringLiteral("DB_HOST is set but "
                                              "empty")),
                 qPrintable(info->notes.join(QLatin1Char(' '))));
        QVERIFY(!info->notes.join(QLatin1Char(' ')).contains(QStringLiteral("filesecret")));
    }

    // Settings that today fall silently back to the SQLite file: each works or fails clearly.
    void noSilentFallback_data()
    {
        QTest::addColumn<QByteArray>("dotenv");
        QTest::addColumn<QString>("variable"); // set in the environment as NAME=VALUE
        QTest::addColumn<QString>("error");    // words of the error; empty: it resolves
        QTest::newRow("empty DATABASE_URL in the environment")
            << QByteArray() << QStringLiteral("DATABASE_URL=")
            << QStringLiteral("DATABASE_URL,empty");
        QTest::newRow("empty DATABASE_URL in .env")
            << QByteArray("DATABASE_URL=\n") << QString() << QStringLiteral("DATABASE_URL,empty");
        QTest::newRow("empty DB_HOST only")
            << QByteArray("DB_HOST=\n") << QString() << QStringLiteral("DB_HOST,empty");
        QTest::newRow("DB_PASSWORD alone") << QByteArray("DB_PASSWORD=secret\n") << QString()
                                           << QStringLiteral("DB_PASSWORD,names no database");
        QTest::newRow("unreadable keyword string")
            << QByteArray("DATABASE_URL=\"host=db dbname\"\n") << QString()
            << QStringLiteral("cannot read,dbname");
        QTest::newRow("JDBC URL") << QByteArray("DATABASE_URL=jdbc:postgresql://db/shop\n")
                                  << QString() << QStringLiteral("unsupported");
        QTest::newRow("empty DATABASE_URL beside DB_*: DB_* used")
            << QByteArray("DATABASE_URL=\nDB_NAME=shop\n") << QString() << QString();
    }

    void noSilentFallback()
    {
        QFETCH(QByteArray, dotenv);
        QFETCH(QString, variable);
        QFETCH(QString, error);
        Repo dir;
        if (!dotenv.isEmpty())
            writeFile(dir.path() + QStringLiteral("/.env"), dotenv);
        QProcessEnvironment env;
        if (!variable.isEmpty())
            env.insert(variable.section(QLatin1Char('='), 0, 0),
                       variable.section(QLatin1Char('='), 1));
        auto info = ConnectionResolver::resolve({}, dir.path(), {}, env);
        if (error.isEmpty()) {
            QVERIFY2(info.ok(), info.ok() ? "" : qPrintable(info.error().toString()));
            QCOMPARE(info->engine, ConnectionInfo::Engine::Postgres);
            return;
        }
        QVERIFY2(!info.ok(), qPrintable(info.ok() ? info->source : QString()));
        for (const QString &word : error.split(QLatin1Char(',')))
            QVERIFY2(info.error().message.contains(word), qPrintable(info.error().message));
        QVERIFY(!info.error().toString().contains(QStringLiteral("secret")));
    }

    // Query parameters of the Python drivers' URLs: mapped to libpq's keywords, or ignored with
    // a note; never refused (UrlParameters' table).
    void urlParameters_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("conninfo");
        QTest::addColumn<QString>("note"); // a word of the notes; empty: none
        const QString base = QStringLiteral("postgresql+asyncpg://u:pw@h:5433/db");
        const QString libpq = QStringLiteral("postgresql://u:pw@h:5433/db");
        QTest::newRow("asyncpg ssl=disable")
            << base + QStringLiteral("?ssl=disable") << libpq + QStringLiteral("?sslmode=disable")
            << QStringLiteral("sslmode=disable");
        QTest::newRow("asyncpg ssl=require")
            << base + QStringLiteral("?ssl=require") << libpq + QStringLiteral("?sslmode=require")
            << QStringLiteral("ssl");
        QTest::newRow("ssl=true") << base + QStringLiteral("?ssl=true")
                                  << libpq + QStringLiteral("?sslmode=require")
                                  << QStringLiteral("require");
        QTest::newRow("ssl=verify_full")
            << base + QStringLiteral("?ssl=verify_full")
            << libpq + QStringLiteral("?sslmode=verify-full") << QStringLiteral("verify-full");
        QTest::newRow("sslmode passes") << base + QStringLiteral("?sslmode=require")
                                        << libpq + QStringLiteral("?sslmode=require") << QString();
        QTest::newRow("prepared_statement_cache_size ignored")
            << base + QStringLiteral("?prepared_statement_cache_size=0") << libpq
            << QStringLiteral("prepared_statement_cache_size");
        QTest::newRow("statement_cache_size ignored")
            << base + QStringLiteral("?statement_cache_size=0&sslmode=prefer")
            << libpq + QStringLiteral("?sslmode=prefer") << QStringLiteral("statement_cache_size");
        QTest::newRow("libpq keywords pass")
            << QStringLiteral("postgresql://h/db?connect_timeout=5&"
                              "target_session_attrs=read-write&client_encoding=UTF8")
            << QStringLiteral("postgresql://h/db?connect_timeout=5&"
                              "target_session_attrs=read-write&client_encoding=UTF8")
            << QString();
        QTest::newRow("options with spaces")
            << QStringLiteral("postgresql://h/db?options=-c%20statement_timeout%3D5s")
            << QStringLiteral("postgresql://h/db?options=-c%20statement_timeout%3D5s") << QString();
        QTest::newRow("sslmode as asyncpg spells it")
            << base + QStringLiteral("?sslmode=verify_full")
            << libpq + QStringLiteral("?sslmode=verify-full") << QString();
        QTest::newRow("application_name: said to be replaced")
            << QStringLiteral("postgresql://h/db?application_name=api")
            << QStringLiteral("postgresql://h/db?application_name=api")
            << QStringLiteral("'strata'");
        QTest::newRow("charset") << QStringLiteral("postgresql://h/db?charset=utf8")
                                 << QStringLiteral("postgresql://h/db?client_encoding=utf8")
                                 << QStringLiteral("client_encoding");
        QTest::newRow("asyncpg timeout")
            << base + QStringLiteral("?timeout=2.5") << libpq + QStringLiteral("?connect_timeout=3")
            << QStringLiteral("connect_timeout=3");
        QTest::newRow("command_timeout") << base + QStringLiteral("?command_timeout=60") << libpq
                                         << QStringLiteral("--statement-timeout");
        QTest::newRow("server setting, asyncpg's rule")
            << base + QStringLiteral("?search_path=app&options=-c%20work_mem%3D4MB")
            << libpq + QStringLiteral("?options=-c%20work_mem%3D4MB%20-c%20search_path%3Dapp")
            << QStringLiteral("search_path");
        QTest::newRow("pg8000 unix_sock")
            << QStringLiteral("postgresql+pg8000://u@/db?unix_sock=/run/pg/.s.PGSQL.5433")
            << QStringLiteral("postgresql://u@/db?host=%2Frun%2Fpg&port=5433")
            << QStringLiteral("unix_sock");
        QTest::newRow("database") << QStringLiteral("postgresql://h?database=shop")
                                  << QStringLiteral("postgresql://h?dbname=shop")
                                  << QStringLiteral("dbname");
        QTest::newRow("raw / ? @ in the password, as SQLAlchemy takes them")
            << QStringLiteral("postgresql+psycopg2://u:p/a?s@x@h:5432/db?sslmode=require")
            << QStringLiteral("postgresql://u:p%2Fa%3Fs%40x@h:5432/db?sslmode=require")
            << QString();
        QTest::newRow("encoded password stays encoded")
            << QStringLiteral("postgresql://u:p%40ss@h/db")
            << QStringLiteral("postgresql://u:p%40ss@h/db") << QString();
        QTest::newRow("password with ? keeps its place")
            << QStringLiteral("postgresql://u:p?w@h/db?ssl=disable")
            << QStringLiteral("postgresql://u:p%3Fw@h/db?sslmode=disable") << QStringLiteral("ssl");
    }

    void urlParameters()
    {
        QFETCH(QString, url);
        QFETCH(QString, conninfo);
        QFETCH(QString, note);
        auto info = ConnectionResolver::parseUrl(url, {});
        QVERIFY2(info.ok(), info.ok() ? "" : qPrintable(info.error().toString()));
        QCOMPARE(info->postgresConninfo, conninfo);
        const QString notes = info->notes.join(QLatin1Char('\n'));
        if (note.isEmpty())
            QVERIFY2(notes.isEmpty(), qPrintable(notes));
        else
            QVERIFY2(notes.contains(note), qPrintable(notes));
        QVERIFY(!notes.contains(QStringLiteral("pw")));
    }

    void urlParameterValuesNoDriverTakes()
    {
        auto bad = ConnectionResolver::parseUrl(QStringLiteral("postgresql://h/db?ssl=maybe"), {});
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().message.contains(QStringLiteral("ssl=maybe")),
                 qPrintable(bad.error().message));
        QVERIFY(!UrlParameters::rules().isEmpty());
    }

    // The target line: engine, host, port, database, user; never the password.
    void targetLine()
    {
        auto pg = ConnectionResolver::parseUrl(
            QStringLiteral("postgresql://app:secret@db.internal:5433/shop?sslmode=disable"), {});
        QVERIFY(pg.ok());
        pg->source = QStringLiteral("--url");
        const ConnectionTarget t = ConnectionTarget::of(*pg);
        QCOMPARE(t.engine, QStringLiteral("PostgreSQL"));
        QCOMPARE(t.host, QStringLiteral("db.internal"));
        QCOMPARE(t.port, QStringLiteral("5433"));
        QCOMPARE(t.database, QStringLiteral("shop"));
        QCOMPARE(t.user, QStringLiteral("app"));
        QCOMPARE(t.text(), QStringLiteral("PostgreSQL database shop on db.internal port 5433 as "
                                          "user app (from --url)"));

        Repo dir;
        auto fallback = ConnectionResolver::resolve({}, dir.path(), {}, QProcessEnvironment());
        QVERIFY(fallback.ok());
        const QString text = ConnectionTarget::of(*fallback).text();
        QVERIFY2(text.startsWith(QStringLiteral("SQLite file ") + dir.path()) &&
                     text.contains(QStringLiteral("no database configured")),
                 qPrintable(text));

        // A service is read from the service file, as libpq reads it.
        writeFile(dir.path() + QStringLiteral("/services.conf"),
                  "[other]\nhost=wrong\n\n[prod]\nhost=db.prod\nport=6543\ndbname=orders\n"
                  "user=deployer\n");
        qputenv("PGSERVICEFILE", QFile::encodeName(dir.path() + QStringLiteral("/services.conf")));
        auto service = ConnectionResolver::parseUrl(QStringLiteral("service=prod"), {});
        QVERIFY(service.ok());
        const ConnectionTarget s = ConnectionTarget::of(*service);
        qunsetenv("PGSERVICEFILE");
        QCOMPARE(s.host, QStringLiteral("db.prod"));
        QCOMPARE(s.port, QStringLiteral("6543"));
        QCOMPARE(s.database, QStringLiteral("orders"));
        QCOMPARE(s.user, QStringLiteral("deployer"));
        QCOMPARE(s.service, QStringLiteral("prod"));
    }
};

QTEST_GUILESS_MAIN(TestConnectionResolver)
#include "tst_connectionresolver.moc"
