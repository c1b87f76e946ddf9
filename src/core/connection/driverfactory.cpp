#include "connection/driverfactory.h"

#include "drivers/sqlite/sqlitedriver.h"

namespace strata {

Result<std::unique_ptr<Driver>> createDriver(const ConnectionInfo &info)
{
    switch (info.engine) {
    case ConnectionInfo::Engine::Sqlite:
        if (info.sqlitePath.isEmpty())
            return Error::failure(
                QStringLiteral("no SQLite file given (from %1)").arg(info.source));
        return std::unique_ptr<Driver>(std::make_unique<SqliteDriver>(info.sqlitePath));
    case ConnectionInfo::Engine::Postgres:
        // display, never the conninfo: the latter may hold a password.
        return Error::failure(
            QStringLiteral("%1 (from %2) is a PostgreSQL database; PostgreSQL support is not "
                           "built yet, this build of Strata runs on SQLite only")
                .arg(info.display, info.source));
    }
    return Error::failure(QStringLiteral("unknown database engine"));
}

} // namespace strata
