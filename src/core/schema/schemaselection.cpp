// Placeholder: the Schema tab's engineer replaces this file.
#include "schema/schemaselection.h"

namespace strata::schema {

Selection leaveOut(const SchemaModel &from, const SchemaModel &to, const QStringList &leftOut)
{
    Q_UNUSED(from);
    Q_UNUSED(leftOut);
    Selection out;
    out.to = to;
    return out;
}

QString definitionText(const SchemaObject *object, const SchemaModel &model)
{
    Q_UNUSED(model);
    return object ? object->display() : QString();
}

} // namespace strata::schema
