#pragma once

#include "error.h"

#include <QProcessEnvironment>
#include <QString>

namespace strata {

// A database to connect to, and where that choice came from.
struct ConnectionInfo
{
    enum class Engine { Sqlite, Postgres };
    Engine engine = Engine::Sqlite;
    QString sqlitePath;       // absolute, for SQLite
    QString postgresConninfo; // libpq URI or keyword string, for PostgreSQL (may hold a password)
    QString display;          // for people and logs: never a password
    // Which rule chose it, with the file when one did: "--url", "DATABASE_URL in the
    // environment", "DATABASE_URL in /srv/app/.env", "DB_* variables (DB_HOST, DB_NAME in
    // /srv/app/.env)", "strata.ini", "--dialect" (offline SQL only), "default" (nothing named a
    // database: the project's SQLite file).
    QString source;
    // What a person should know about how it was read: URL parameters mapped or ignored,
    // settings shadowed by others. Shown on stderr by the CLI; never holds a password.
    QStringList notes;

    // Nothing named a database: this is the project's own SQLite file, chosen by default.
    bool isFallback() const { return source == QLatin1String("default"); }
};

// Turns URLs into ConnectionInfo and picks the connection in Strata's order.
class ConnectionResolver
{
public:
    // sqlite:///relative.db (relative to baseDir), sqlite:////absolute.db, sqlite+aiosqlite:///,
    // postgresql://, postgres://, postgresql+asyncpg://, postgresql+psycopg2://, and libpq
    // keyword strings ("host=... dbname=...").
    static Result<ConnectionInfo> parseUrl(const QString &url, const QString &baseDir);

    // PostgreSQL URLs' query parameters go through UrlParameters (asyncpg's ssl=require,
    // SQLAlchemy's prepared_statement_cache_size, ...: mapped to libpq's keywords or ignored,
    // with notes); keyword strings are checked with libpq's own parser.
    //
    // First found wins: cliUrl, then DATABASE_URL, then the DB_HOST, DB_PORT, DB_NAME, DB_USER
    // and DB_PASSWORD variables, then iniUrl, else <projectRoot>/strata.db. DATABASE_URL and
    // DB_* are read from the environment and from the project's .env (DotEnv::find: the project
    // folder, then its parents up to the repository root), a variable of the environment
    // winning over the same one in .env, as python-dotenv's load_dotenv() does by default.
    // DB_* without DB_HOST, DB_PORT or DB_USER take libpq's defaults (PGHOST, ..., the local
    // socket, port 5432, the operating-system user), as psql does; DB_PASSWORD alone names no
    // database and is an error. A DATABASE_URL or DB_* set but empty never leads to the
    // default SQLite file: with nothing else configured it is an error. `environment` also
    // gives HOME, where the search for .env stops outside a repository.
    // `cliSource` names where cliUrl came from ("--url", "--profile dev").
    static Result<ConnectionInfo> resolve(const QString &cliUrl, const QString &projectRoot,
                                          const QString &iniUrl,
                                          const QProcessEnvironment &environment,
                                          const QString &cliSource = QStringLiteral("--url"));

    // No database, only an engine for offline SQL (`--sql --dialect postgresql|sqlite`); an
    // error for another name.
    static Result<ConnectionInfo> offline(const QString &dialect, const QString &projectRoot);

    // A value for a libpq keyword string: single-quoted, backslashes and quotes escaped.
    static QString quoteKeywordValue(const QString &value);

    // The URL with any password replaced by "***".
    static QString maskPassword(const QString &url);
};

} // namespace strata
