#pragma once

// A real SQLite file made from a script and read back into a schema model, for tests that need
// what the SQLite inspection reads rather than a hand-built model.

#include "drivers/sqlite/sqlitedriver.h"
#include "schema/inspector.h"

#include <QString>

#include <optional>

namespace strata::test {

// Makes `path` hold what `sql` makes (statements split by the driver) and inspects it; nullopt
// (with a warning naming the statement or the error) on failure.
inline std::optional<schema::SchemaModel> sqliteSchema(const QString &path, const QString &sql)
{
    SqliteDriver driver(path);
    if (Status opened = driver.open(); !opened) {
        qWarning("%s", qPrintable(opened.error().message));
        return std::nullopt;
    }
    for (const Statement &statement : SqliteDriver::split(sql, 1)) {
        if (const Status status = driver.execute(statement); !status) {
            qWarning("%s: %s", qPrintable(statement.text), qPrintable(status.error().message));
            return std::nullopt;
        }
    }
    auto model = schema::inspect(driver);
    if (!model) {
        qWarning("%s", qPrintable(model.error().message));
        return std::nullopt;
    }
    return *model;
}

} // namespace strata::test
