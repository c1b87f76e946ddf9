// Placeholder until the PostgreSQL inspector lands this session.
#include "schema/inspector.h"

namespace strata::schema {

Result<SchemaModel> inspectPostgres(const Query &query, const InspectOptions &options)
{
    Q_UNUSED(query);
    Q_UNUSED(options);
    return Error::failure(QStringLiteral("schema inspection is not built yet"));
}

Result<SchemaModel> inspect(Driver &driver, const InspectOptions &options)
{
    Q_UNUSED(driver);
    Q_UNUSED(options);
    return Error::failure(QStringLiteral("schema inspection is not built yet"));
}

} // namespace strata::schema
