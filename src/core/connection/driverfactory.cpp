#include "connection/driverfactory.h"

#include "drivers/postgres/postgresdriver.h"
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
        return std::unique_ptr<Driver>(
            std::make_unique<PostgresDriver>(info.postgresConninfo, info.display));
    }
    return Error::failure(QStringLiteral("unknown database engine"));
}

} // namespace strata
