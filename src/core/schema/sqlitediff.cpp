// Placeholder: the SQLite diff replaces this file.
#include "schema/schemadiff.h"

namespace strata::schema {

SchemaDiff diffSqlite(const SchemaModel &from, const SchemaModel &to, const DiffOptions &options)
{
    Q_UNUSED(from);
    Q_UNUSED(to);
    Q_UNUSED(options);
    SchemaDiff out;
    out.engine = Engine::SQLite;
    out.refused.append(QStringLiteral("the SQLite diff is not built yet"));
    return out;
}

} // namespace strata::schema
