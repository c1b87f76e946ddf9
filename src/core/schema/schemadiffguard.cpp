// The diff's safety net: every property the model carries (schemamodel.h) must be one a rule
// turns into SQL. A difference in any other property, or one set on an object the diff creates,
// refuses the diff naming the object and the property, instead of SQL that does not produce
// the desired schema.
#include "schema/schemadiffplan.h"

namespace strata::schema::detail {

const QStringList &handledProperties(ObjectKind kind)
{
    auto list = [](std::initializer_list<const char *> names) {
        QStringList result;
        for (const char *name : names)
            result.append(QLatin1String(name));
        return result;
    };
    static const QHash<ObjectKind, QStringList> handled = {
        {ObjectKind::Schema, {}},
        {ObjectKind::Extension, list({"version", "schema"})},
        {ObjectKind::Collation,
         list({"provider", "locale", "lc_collate", "lc_ctype", "deterministic"})},
        {ObjectKind::EnumType, list({"values"})},
        {ObjectKind::Domain, list({"type", "default", "not_null", "collation", "checks"})},
        {ObjectKind::CompositeType, list({"attributes"})},
        {ObjectKind::Sequence,
         list({"type", "start", "increment", "min", "max", "cache", "cycle", "owned_by"})},
        {ObjectKind::Table,
         list({"persistence", "partition_key", "partition_of", "partition_bound", "inherits",
               "row_security", "force_row_security", "options", "replica_identity"})},
        {ObjectKind::Column,
         list({"type", "not_null", "default", "identity", "identity_options", "generated",
               "collation", "position", "storage", "compression", "statistics", "options"})},
        {ObjectKind::Constraint, list({"type", "definition", "validated"})},
        {ObjectKind::Index, list({"definition", "unique", "parent", "clustered", "invalid"})},
        {ObjectKind::View, list({"definition", "options", "columns"})},
        {ObjectKind::MaterializedView, list({"definition", "options", "columns"})},
        {ObjectKind::Function, list({"kind", "definition", "returns"})},
        {ObjectKind::Aggregate, list({"definition"})},
        {ObjectKind::Trigger, list({"definition", "enabled"})},
        {ObjectKind::Rule, list({"definition"})},
        {ObjectKind::Policy, list({"permissive", "command", "roles", "using", "with_check"})},
    };
    static const QStringList none;
    const auto it = handled.constFind(kind);
    return it == handled.cend() ? none : *it;
}

QStringList unhandledProperties(const SchemaObject *before, const SchemaObject &after)
{
    QStringList reasons;
    const bool invalidBefore =
        before && before->property(QStringLiteral("invalid")) == QLatin1String("true");
    if (after.kind == ObjectKind::Index &&
        after.property(QStringLiteral("invalid")) == QLatin1String("true") && !invalidBefore)
        reasons.append(after.display() +
                       QStringLiteral(": invalid in the desired schema (left by a failed CREATE "
                                      "INDEX CONCURRENTLY), which no migration can produce; "
                                      "rebuild it (REINDEX INDEX) or drop it there first"));
    // An index attached to a partitioned one is made by its parent's CREATE INDEX: only what
    // that statement carries is handled.
    const bool attached =
        after.kind == ObjectKind::Index && !after.property(QStringLiteral("parent")).isEmpty();
    QStringList handled = handledProperties(after.kind);
    if (attached) {
        handled.removeAll(QStringLiteral("clustered"));
        handled.removeAll(QStringLiteral("invalid"));
    }
    QStringList names = after.properties.keys();
    if (before) {
        for (const QString &name : before->properties.keys()) {
            if (!names.contains(name))
                names.append(name);
        }
    }
    names.sort();
    for (const QString &name : std::as_const(names)) {
        const QString old = before ? before->property(name) : QString();
        const QString value = after.property(name);
        if (handled.contains(name) || old == value ||
            (attached && name == QLatin1String("invalid") && value.isEmpty()))
            continue;
        reasons.append(before ? QStringLiteral("%1: property \"%2\" differs (\"%3\" -> \"%4\") and "
                                               "no rule of the diff turns it into SQL")
                                    .arg(after.display(), name, old, value)
                              : QStringLiteral("%1: property \"%2\" is \"%3\" and no rule of the "
                                               "diff creates it")
                                    .arg(after.display(), name, value));
    }
    return reasons;
}

} // namespace strata::schema::detail
