// Rules for composite types (PostgreSQL's "CREATE TYPE" and "ALTER TYPE" pages): attributes
// added and dropped in place, or the type swapped under the table columns holding it.
#include "schema/objectrules_p.h"

namespace strata::schema::detail::objects {

namespace {

const QString kType = QStringLiteral("type");
const QString kDefault = QStringLiteral("default");

// --- composite types

struct Attribute
{
    QString name; // as SQL
    QString type;
};

// "name type" lines; a name may come double-quoted.
QList<Attribute> attributes(const SchemaObject &type)
{
    QList<Attribute> result;
    const QStringList all = lines(type.property(QStringLiteral("attributes")));
    for (const QString &line : all) {
        qsizetype end = -1;
        if (line.startsWith(QLatin1Char('"'))) {
            for (qsizetype i = 1; i < line.size(); ++i) {
                if (line[i] != QLatin1Char('"'))
                    continue;
                if (i + 1 < line.size() && line[i + 1] == QLatin1Char('"')) {
                    ++i;
                    continue;
                }
                end = i + 1;
                break;
            }
            if (end < 0)
                continue;
            result.append({line.left(end), line.mid(end).trimmed()});
        } else {
            end = line.indexOf(QLatin1Char(' '));
            if (end < 0)
                continue;
            result.append({quoteName(line.left(end)), line.mid(end + 1).trimmed()});
        }
    }
    return result;
}

QString createCompositeSql(const SchemaObject &type)
{
    QStringList items;
    const QList<Attribute> all = attributes(type);
    for (const Attribute &attribute : all)
        items.append(attribute.name + QLatin1Char(' ') + attribute.type);
    return QStringLiteral("CREATE TYPE %1 AS (%2)")
        .arg(type.qualifiedName(), items.join(QStringLiteral(", ")));
}

bool usedByColumns(const SchemaObject &type, const SchemaModel &model)
{
    const QString name = type.qualifiedName();
    const QList<SchemaObject> columns = model.objects(ObjectKind::Column);
    for (const SchemaObject &column : columns) {
        const QString columnType = column.property(kType);
        if (columnType == name || columnType == name + QStringLiteral("[]"))
            return true;
    }
    return false;
}

qsizetype indexOfName(const QList<Attribute> &list, const QString &name)
{
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (list[i].name == name)
            return i;
    }
    return -1;
}

// Moving the columns of composite type `from` to `to` without dropping them: `to` is made
// beside `from` under another name, each column converted field by field (an attribute `to`
// lacks is lost, a new one is NULL), `from` dropped and `to` renamed.
QStringList swapCompositeSql(const SchemaObject &from, const SchemaObject &to,
                             const QList<SchemaObject> &columns, const QStringList &dropUsers,
                             const QStringList &makeUsers)
{
    SchemaObject fresh = to;
    fresh.name = nameWithSuffix(to.name, QStringLiteral("__strata_new"));
    const QList<Attribute> oldList = attributes(from);
    const QList<Attribute> newList = attributes(to);
    QStringList sql{createCompositeSql(fresh)};
    sql += dropUsers;
    sql += alterTables(columns, [&](const SchemaObject &column) {
        const QString name = column.qualifiedName();
        QStringList fields;
        for (const Attribute &attribute : newList) {
            fields.append(
                indexOfName(oldList, attribute.name) >= 0
                    ? QStringLiteral("(%1).%2::%3").arg(name, attribute.name, attribute.type)
                    : QStringLiteral("NULL::%1").arg(attribute.type));
        }
        return QStringLiteral("ALTER COLUMN %1 TYPE %2 USING CASE WHEN %1::text IS NULL THEN NULL "
                              "ELSE ROW(%3)::%2 END")
            .arg(name, fresh.qualifiedName(), fields.join(QStringLiteral(", ")));
    });
    sql.append(QStringLiteral("DROP TYPE %1").arg(from.qualifiedName()));
    sql.append(QStringLiteral("ALTER TYPE %1 RENAME TO %2")
                   .arg(fresh.qualifiedName(), quoteName(to.name)));
    return sql + makeUsers;
}

// A composite type that cannot change in place (attributes moved, or retyped under table
// columns): swapped under the table columns of that type when there are any and none has a
// default or is an array of it, else replaced.
AlterPlan replaceComposite(const SchemaObject &from, const SchemaObject &to,
                           const DiffContext &context)
{
    AlterPlan plan;
    plan.replace = true;
    const QString name = from.qualifiedName();
    QList<SchemaObject> columns;
    const QList<SchemaObject> all = context.from.objects(ObjectKind::Column);
    for (const SchemaObject &column : all) {
        const QString type = column.property(kType);
        if (type == name + QStringLiteral("[]") ||
            (type == name && !column.property(kDefault).isEmpty()))
            return plan;
        if (type == name && context.to.find(column.key()) && isTableColumn(context.from, column))
            columns.append(column);
    }
    if (columns.isEmpty())
        return plan;
    plan.replace = false;
    plan.rebuildDependants = true;
    const Remade users = remakeCasting(from, context);
    Operation op = operation(QStringLiteral("rebuild composite type"), to,
                             swapCompositeSql(from, to, columns, users.drop, users.make),
                             swapCompositeSql(to, from, columns, users.drop, users.make));
    op.hazards = users.hazards;
    op.inverseHazards = users.hazards;
    auto losesAttributes = [](const QList<Attribute> &before, const QList<Attribute> &after) {
        for (const Attribute &attribute : before) {
            if (indexOfName(after, attribute.name) < 0)
                return true;
        }
        return false;
    };
    if (losesAttributes(attributes(from), attributes(to)))
        op.hazards.prepend(Hazard::DeletesData);
    if (losesAttributes(attributes(to), attributes(from))) {
        op.inverseHazards.prepend(Hazard::DeletesData);
        op.hazards.append(Hazard::DowngradeLosesData);
    }
    plan.operations.append(op);
    return plan;
}

AlterPlan alterComposite(const SchemaObject &from, const SchemaObject &to,
                         const DiffContext &context)
{
    AlterPlan plan;
    const QList<Attribute> oldList = attributes(from);
    const QList<Attribute> newList = attributes(to);
    qsizetype kept = 0;
    while (kept < oldList.size() && kept < newList.size() &&
           oldList[kept].name == newList[kept].name)
        ++kept;
    // In place only when both directions keep the order: the attributes both sides share come
    // first, removed ones after them on the old side, added ones after them on the new side
    // (ADD ATTRIBUTE appends); and ALTER ATTRIBUTE ... TYPE is refused under a table column.
    for (qsizetype i = kept; i < oldList.size(); ++i) {
        if (indexOfName(newList, oldList[i].name) >= 0)
            return replaceComposite(from, to, context);
    }
    for (qsizetype i = kept; i < newList.size(); ++i) {
        if (indexOfName(oldList, newList[i].name) >= 0)
            return replaceComposite(from, to, context);
    }
    for (qsizetype i = 0; i < kept; ++i) {
        if (oldList[i].type != newList[i].type && usedByColumns(from, context.from))
            return replaceComposite(from, to, context);
    }
    const QString prefix = QStringLiteral("ALTER TYPE %1 ").arg(to.qualifiedName());
    QStringList sql;
    QStringList inverse;
    for (qsizetype i = 0; i < kept; ++i) {
        if (oldList[i].type == newList[i].type)
            continue;
        const QString alter = prefix + QStringLiteral("ALTER ATTRIBUTE %1 TYPE %2");
        sql.append(alter.arg(newList[i].name, newList[i].type));
        inverse.append(alter.arg(oldList[i].name, oldList[i].type));
    }
    QStringList undoAdds;
    QStringList undoDrops;
    for (qsizetype i = kept; i < oldList.size(); ++i) {
        sql.append(prefix + QStringLiteral("DROP ATTRIBUTE %1").arg(oldList[i].name));
        undoDrops.append(
            prefix + QStringLiteral("ADD ATTRIBUTE %1 %2").arg(oldList[i].name, oldList[i].type));
    }
    for (qsizetype i = kept; i < newList.size(); ++i) {
        sql.append(prefix +
                   QStringLiteral("ADD ATTRIBUTE %1 %2").arg(newList[i].name, newList[i].type));
        undoAdds.append(prefix + QStringLiteral("DROP ATTRIBUTE %1").arg(newList[i].name));
    }
    inverse = undoAdds + undoDrops + inverse;
    Operation op = operation(QStringLiteral("alter composite type"), to, sql, inverse);
    if (usedByColumns(from, context.from)) {
        if (kept < oldList.size())
            op.hazards.append(Hazard::DeletesData);
        if (kept < newList.size()) {
            op.hazards.append(Hazard::DowngradeLosesData);
            op.inverseHazards.append(Hazard::DeletesData);
        }
    }
    plan.operations.append(op);
    return plan;
}

} // namespace

KindRules compositeRules()
{
    KindRules rules = simpleRules(
        QStringLiteral("composite type"),
        [](const SchemaObject &type) { return QStringList{createCompositeSql(type)}; },
        [](const SchemaObject &type) {
            return QStringLiteral("DROP TYPE %1").arg(type.qualifiedName());
        });
    rules.alter = alterComposite;
    return rules;
}

} // namespace strata::schema::detail::objects
