// Placeholder until the diff lands this session: refuses every diff.
#include "schema/schemadiff.h"

namespace strata::schema {

QString hazardName(Hazard hazard)
{
    Q_UNUSED(hazard);
    return {};
}

QString hazardText(Hazard hazard)
{
    Q_UNUSED(hazard);
    return {};
}

bool SchemaDiff::transactional() const
{
    return true;
}

bool SchemaDiff::inverseTransactional() const
{
    return true;
}

QString SchemaDiff::upgradeSql() const
{
    return {};
}

QString SchemaDiff::downgradeSql() const
{
    return {};
}

SchemaDiff diff(const SchemaModel &from, const SchemaModel &to, const DiffOptions &options)
{
    Q_UNUSED(from);
    Q_UNUSED(to);
    Q_UNUSED(options);
    SchemaDiff result;
    result.refused.append(QStringLiteral("schema diff is not built yet"));
    return result;
}

} // namespace strata::schema
