// Placeholder until the rules for types, functions, views, triggers, policies land.
#include "schema/diffrules.h"

namespace strata::schema::detail {

const KindRules *objectRules(ObjectKind kind)
{
    Q_UNUSED(kind);
    return nullptr;
}

QList<Operation> commentAndGrantOperations(const SchemaObject *from, const SchemaObject *to,
                                           const DiffContext &context)
{
    Q_UNUSED(from);
    Q_UNUSED(to);
    Q_UNUSED(context);
    return {};
}

} // namespace strata::schema::detail
