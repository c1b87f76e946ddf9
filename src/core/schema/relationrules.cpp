// Rules for tables, after PostgreSQL's CREATE TABLE and ALTER TABLE pages: which forms rewrite
// the table, which scan it, which lose data; partitions, plain inheritance, persistence, storage
// options, replica identity and row-level security are the table's properties. Columns are in
// relationrules_columns.cpp, constraints, indexes and sequences in relationrules_keys.cpp.
#include "schema/relationsql.h"
#include "schema/schemadiffplan.h"

namespace strata::schema::detail {

namespace {

// --- Tables --------------------------------------------------------------------------------

QString tableName(const SchemaObject &table)
{
    return qualify(table.schema, table.name);
}

// REPLICA IDENTITY for the table's value; one naming an index only when `withIndex` (the index or
// key makes it once it exists, see replicaIdentityIndexSql()).
QStringList replicaIdentitySql(const SchemaObject &table, bool withIndex)
{
    const QString value = prop(table, "replica_identity");
    if (value.startsWith(QStringLiteral("using index ")) && !withIndex)
        return {};
    const QString form = value.isEmpty() ? QStringLiteral("DEFAULT") : value.toUpper();
    if (value.isEmpty() && !withIndex)
        return {};
    return {QStringLiteral("ALTER TABLE %1 REPLICA IDENTITY %2")
                .arg(tableName(table), value.startsWith(QStringLiteral("using index "))
                                           ? QStringLiteral("USING INDEX ") + value.mid(12)
                                           : form)};
}

QStringList rowSecuritySql(const SchemaObject &table)
{
    QStringList sql;
    if (flag(table, "row_security"))
        sql.append(
            QStringLiteral("ALTER TABLE %1 ENABLE ROW LEVEL SECURITY").arg(tableName(table)));
    if (flag(table, "force_row_security"))
        sql.append(QStringLiteral("ALTER TABLE %1 FORCE ROW LEVEL SECURITY").arg(tableName(table)));
    return sql;
}

// The statements creating `table` as `world` has it: its columns, the sequences they own (those
// not in `existing`), its partition attachment or parents, its options and row security.
QStringList createTableSql(const SchemaObject &table, const SchemaModel &world,
                           const SchemaModel *existing, QStringList *inverseBefore)
{
    const QList<SchemaObject> columns = childrenOf(world, table, ObjectKind::Column);
    const OwnedSequenceSql sequences = ownedSequenceSql(world, existing, columns);
    if (inverseBefore)
        *inverseBefore = sequences.inverseBefore;
    QString sql = QStringLiteral("CREATE ");
    if (prop(table, "persistence") == QLatin1String("unlogged"))
        sql += QStringLiteral("UNLOGGED ");
    sql += QStringLiteral("TABLE ") + tableName(table);
    const QString parent = prop(table, "partition_of");
    if (!parent.isEmpty()) {
        sql += QStringLiteral(" PARTITION OF ") + sqlName(parent) + QLatin1Char(' ') +
               prop(table, "partition_bound");
    } else {
        QStringList definitions;
        for (const SchemaObject &column : columns)
            definitions.append(columnDefinition(column));
        sql += definitions.isEmpty()
                   ? QStringLiteral(" ()")
                   : QStringLiteral(" (\n    ") + definitions.join(QStringLiteral(",\n    ")) +
                         QStringLiteral("\n)");
        QStringList parents;
        for (const QString &name :
             prop(table, "inherits").split(QLatin1Char(','), Qt::SkipEmptyParts))
            parents.append(sqlName(name.trimmed()));
        if (!parents.isEmpty())
            sql += QStringLiteral(" INHERITS (") + parents.join(QStringLiteral(", ")) +
                   QLatin1Char(')');
    }
    if (!prop(table, "partition_key").isEmpty())
        sql += QStringLiteral(" PARTITION BY ") + prop(table, "partition_key");
    if (!prop(table, "options").isEmpty())
        sql += QStringLiteral(" WITH (") + optionsList(prop(table, "options")) + QLatin1Char(')');
    return sequences.before + QStringList{sql} + columnAttributesSql(columns) +
           replicaIdentitySql(table, false) + rowSecuritySql(table) + sequences.after;
}

QList<Operation> createTable(const SchemaObject &table, const DiffContext &context)
{
    QStringList inverseBefore;
    const QStringList sql = createTableSql(table, context.to, &context.from, &inverseBefore);
    return {makeOperation(QStringLiteral("create table"), table, sql,
                          inverseBefore +
                              QStringList{QStringLiteral("DROP TABLE %1").arg(tableName(table))},
                          {Hazard::DowngradeLosesData}, {Hazard::DeletesData})};
}

QList<Operation> dropTable(const SchemaObject &table, const DiffContext &context)
{
    return {makeOperation(QStringLiteral("drop table"), table,
                          {QStringLiteral("DROP TABLE %1").arg(tableName(table))},
                          createTableSql(table, context.from, nullptr, nullptr),
                          {Hazard::DeletesData})};
}

// True when plain inheritance changes so that columns would change hands: a parent removed
// whose columns the child only takes from it (NO INHERIT makes them the child's own), or a
// parent added whose columns the child is to take from it only (after INHERIT the child's own
// stay its own). Neither can be expressed in place.
bool inheritanceMovesColumns(const SchemaObject &from, const SchemaObject &to,
                             const DiffContext &context)
{
    auto parents = [](const SchemaObject &table) {
        QStringList names;
        for (const QString &name :
             prop(table, "inherits").split(QLatin1Char(','), Qt::SkipEmptyParts))
            names.append(splitQualified(name.trimmed()).join(QLatin1Char('.')));
        return names;
    };
    auto takesOnly = [&](const SchemaModel &model, const QString &parent) {
        const QStringList parts = splitQualified(parent);
        const SchemaObject *table =
            parts.size() == 2 ? model.find(objectKey(ObjectKind::Table, parts[0], {}, parts[1]))
                              : nullptr;
        if (!table)
            return false;
        for (const SchemaObject &column : childrenOf(model, *table, ObjectKind::Column)) {
            if (!model.find(objectKey(ObjectKind::Column, to.schema, to.name, column.name)))
                return true;
        }
        return false;
    };
    const QStringList before = parents(from);
    const QStringList after = parents(to);
    for (const QString &parent : before) {
        if (!after.contains(parent) && takesOnly(context.from, parent))
            return true;
    }
    for (const QString &parent : after) {
        if (!before.contains(parent) && takesOnly(context.to, parent))
            return true;
    }
    return false;
}

AlterPlan alterTable(const SchemaObject &from, const SchemaObject &to, const DiffContext &context)
{
    AlterPlan plan;
    const QString name = tableName(to);
    const QString parentBefore = prop(from, "partition_of");
    const QString parentAfter = prop(to, "partition_of");
    // Partitioning cannot be changed in place, nor can a table become a partition or stop being
    // one without its columns changing hands.
    if (prop(from, "partition_key") != prop(to, "partition_key") ||
        parentBefore.isEmpty() != parentAfter.isEmpty() ||
        inheritanceMovesColumns(from, to, context)) {
        plan.replace = true;
        return plan;
    }
    auto op = [&](const QString &kind, const QStringList &sql, const QStringList &inverse,
                  const QList<Hazard> &hazards = {}, const QList<Hazard> &inverseHazards = {}) {
        plan.operations.append(makeOperation(kind, to, sql, inverse, hazards, inverseHazards));
    };
    if (!parentAfter.isEmpty() && (splitQualified(parentBefore) != splitQualified(parentAfter) ||
                                   prop(from, "partition_bound") != prop(to, "partition_bound"))) {
        auto move = [&](const QString &detachFrom, const QString &attachTo, const QString &bound) {
            return QStringList{
                QStringLiteral("ALTER TABLE %1 DETACH PARTITION %2").arg(sqlName(detachFrom), name),
                QStringLiteral("ALTER TABLE %1 ATTACH PARTITION %2 %3")
                    .arg(sqlName(attachTo), name, bound)};
        };
        op(QStringLiteral("attach partition"),
           move(parentBefore, parentAfter, prop(to, "partition_bound")),
           move(parentAfter, parentBefore, prop(from, "partition_bound")),
           {Hazard::ValidatesConstraint}, {Hazard::ValidatesConstraint});
    }
    const QStringList parentsBefore =
        prop(from, "inherits").split(QLatin1Char(','), Qt::SkipEmptyParts);
    const QStringList parentsAfter =
        prop(to, "inherits").split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &parent : parentsBefore) {
        if (!parentsAfter.contains(parent))
            op(QStringLiteral("drop inheritance"),
               {QStringLiteral("ALTER TABLE %1 NO INHERIT %2")
                    .arg(name, sqlName(parent.trimmed()))},
               {QStringLiteral("ALTER TABLE %1 INHERIT %2").arg(name, sqlName(parent.trimmed()))});
    }
    for (const QString &parent : parentsAfter) {
        if (!parentsBefore.contains(parent))
            op(QStringLiteral("add inheritance"),
               {QStringLiteral("ALTER TABLE %1 INHERIT %2").arg(name, sqlName(parent.trimmed()))},
               {QStringLiteral("ALTER TABLE %1 NO INHERIT %2")
                    .arg(name, sqlName(parent.trimmed()))});
    }
    const bool unloggedBefore = prop(from, "persistence") == QLatin1String("unlogged");
    const bool unloggedAfter = prop(to, "persistence") == QLatin1String("unlogged");
    if (unloggedBefore != unloggedAfter) {
        auto set = [&](bool unlogged) {
            return QStringLiteral("ALTER TABLE %1 SET %2")
                .arg(name, unlogged ? QStringLiteral("UNLOGGED") : QStringLiteral("LOGGED"));
        };
        op(QStringLiteral("set persistence"), {set(unloggedAfter)}, {set(unloggedBefore)},
           {Hazard::RewritesTable, Hazard::AccessExclusiveLock},
           {Hazard::RewritesTable, Hazard::AccessExclusiveLock});
    }
    if (prop(from, "options") != prop(to, "options")) {
        const QString alter = QStringLiteral("ALTER TABLE ") + name;
        op(QStringLiteral("set storage options"),
           setOptionsSql(alter, prop(from, "options"), prop(to, "options")),
           setOptionsSql(alter, prop(to, "options"), prop(from, "options")));
    }
    if (prop(from, "replica_identity") != prop(to, "replica_identity")) {
        // One naming an index that is still to be made is set by that index's creation.
        const QString value = prop(to, "replica_identity");
        const QStringList index = splitQualified(value.mid(12));
        const bool indexExists =
            !value.startsWith(QStringLiteral("using index ")) ||
            (index.size() == 1 &&
             (context.from.find(objectKey(ObjectKind::Index, to.schema, to.name, index[0])) ||
              context.from.find(objectKey(ObjectKind::Constraint, to.schema, to.name, index[0]))));
        if (indexExists) {
            SchemaObject back = from;
            back.name = to.name;
            op(QStringLiteral("set replica identity"), replicaIdentitySql(to, true),
               replicaIdentitySql(back, true));
        }
    }
    auto rowSecurity = [&](const char *property, const QString &on, const QString &off) {
        if (flag(from, property) == flag(to, property))
            return;
        const QString enable = QStringLiteral("ALTER TABLE %1 %2").arg(name, on);
        const QString disable = QStringLiteral("ALTER TABLE %1 %2").arg(name, off);
        op(QStringLiteral("set row level security"), {flag(to, property) ? enable : disable},
           {flag(to, property) ? disable : enable});
    };
    rowSecurity("row_security", QStringLiteral("ENABLE ROW LEVEL SECURITY"),
                QStringLiteral("DISABLE ROW LEVEL SECURITY"));
    rowSecurity("force_row_security", QStringLiteral("FORCE ROW LEVEL SECURITY"),
                QStringLiteral("NO FORCE ROW LEVEL SECURITY"));
    return plan;
}

} // namespace

// --- Shared helpers ----------------------------------------------------------------------------

QString optionsList(const QString &options)
{
    QStringList parts = options.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (QString &part : parts)
        part = part.trimmed();
    return parts.join(QStringLiteral(", "));
}

QStringList setOptionsSql(const QString &alter, const QString &before, const QString &after)
{
    QStringList sql;
    QStringList reset;
    const QStringList kept = after.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &option : before.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString key = option.section(QLatin1Char('='), 0, 0).trimmed();
        bool stays = false;
        for (const QString &other : kept)
            stays = stays || other.section(QLatin1Char('='), 0, 0).trimmed() == key;
        if (!stays)
            reset.append(key);
    }
    if (!reset.isEmpty())
        sql.append(alter + QStringLiteral(" RESET (") + reset.join(QStringLiteral(", ")) +
                   QLatin1Char(')'));
    if (!kept.isEmpty())
        sql.append(alter + QStringLiteral(" SET (") + optionsList(after) + QLatin1Char(')'));
    return sql;
}

Operation makeOperation(const QString &kind, const SchemaObject &object, const QStringList &sql,
                        const QStringList &inverseSql, const QList<Hazard> &hazards,
                        const QList<Hazard> &inverseHazards)
{
    Operation operation;
    operation.kind = kind;
    operation.object = object.display();
    operation.sql = sql;
    operation.inverseSql = inverseSql;
    operation.hazards = hazards;
    operation.inverseHazards = inverseHazards;
    return operation;
}

QString relationName(const SchemaObject &child)
{
    return qualify(child.schema, child.table);
}

OwnedSequenceSql ownedSequenceSql(const SchemaModel &world, const SchemaModel *existing,
                                  const QList<SchemaObject> &columns)
{
    OwnedSequenceSql sql;
    for (const SchemaObject &column : columns) {
        for (const SchemaObject &sequence : ownedSequences(world, column.key())) {
            const SchemaObject *before = existing ? existing->find(sequence.key()) : nullptr;
            if (before)
                sql.inverseBefore.append(ownedBySql(sequence, prop(*before, "owned_by")));
            else
                sql.before.append(createSequenceSql(sequence));
            sql.after.append(ownedBySql(sequence, prop(sequence, "owned_by")));
        }
    }
    return sql;
}

const KindRules *relationRules(ObjectKind kind)
{
    static const KindRules tables{createTable, dropTable, alterTable};
    switch (kind) {
    case ObjectKind::Table:
        return &tables;
    case ObjectKind::Column:
        return &columnRules();
    case ObjectKind::Constraint:
        return &constraintRules();
    case ObjectKind::Index:
        return &indexRules();
    case ObjectKind::Sequence:
        return &sequenceRules();
    default:
        return nullptr;
    }
}

} // namespace strata::schema::detail
