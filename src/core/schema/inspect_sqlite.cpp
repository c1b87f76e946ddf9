// Placeholder: the SQLite inspection replaces this file.
#include "schema/inspector.h"

namespace strata::schema {

Result<SchemaModel> inspectSqlite(const Query &query, const InspectOptions &options)
{
    Q_UNUSED(query);
    Q_UNUSED(options);
    return Error::failure(QStringLiteral("inspecting a SQLite schema is not built yet"))
        .with(Error::Code::Refused);
}

} // namespace strata::schema
