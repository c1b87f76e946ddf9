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
    QString source; // "--url", "DATABASE_URL", "DB_* variables", ".env", "strata.ini", "default"
};

// Turns URLs into ConnectionInfo and picks the connection in Strata's order.
class ConnectionResolver
{
public:
    // sqlite:///relative.db (relative to baseDir), sqlite:////absolute.db, sqlite+aiosqlite:///,
    // postgresql://, postgres://, postgresql+asyncpg://, postgresql+psycopg2://, and libpq
    // keyword strings ("host=... dbname=...").
    static Result<ConnectionInfo> parseUrl(const QString &url, const QString &baseDir);

    // First found wins: cliUrl, DATABASE_URL, DB_HOST/DB_PORT/DB_NAME/DB_USER/DB_PASSWORD,
    // DATABASE_URL in <projectRoot>/.env, iniUrl, else <projectRoot>/strata.db.
    static Result<ConnectionInfo> resolve(const QString &cliUrl, const QString &projectRoot,
                                          const QString &iniUrl,
                                          const QProcessEnvironment &environment);

    // A value for a libpq keyword string: single-quoted, backslashes and quotes escaped.
    static QString quoteKeywordValue(const QString &value);

    // The URL with any password replaced by "***".
    static QString maskPassword(const QString &url);
};

} // namespace strata
