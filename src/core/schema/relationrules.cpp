// Placeholder until the rules for tables, columns, constraints, indexes and sequences land.
#include "schema/diffrules.h"

namespace strata::schema::detail {

const KindRules *relationRules(ObjectKind kind)
{
    Q_UNUSED(kind);
    return nullptr;
}

} // namespace strata::schema::detail
