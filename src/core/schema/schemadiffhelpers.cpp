// Small helpers of the diff shared by the planner and the relation rules.
#include "schema/schemadiffplan.h"

namespace strata::schema::detail {

QString objectKey(ObjectKind kind, const QString &schema, const QString &table, const QString &name,
                  const QString &arguments)
{
    SchemaObject object;
    object.kind = kind;
    object.schema = schema;
    object.table = table;
    object.name = name;
    object.arguments = arguments;
    return object.key();
}

bool livesOnRelation(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Column:
    case ObjectKind::Constraint:
    case ObjectKind::Index:
    case ObjectKind::Trigger:
    case ObjectKind::Rule:
    case ObjectKind::Policy:
        return true;
    default:
        return false;
    }
}

const SchemaObject *relationOf(const SchemaModel &model, const SchemaObject &child)
{
    if (!livesOnRelation(child.kind) || child.table.isEmpty())
        return nullptr;
    for (ObjectKind kind : {ObjectKind::Table, ObjectKind::View, ObjectKind::MaterializedView,
                            ObjectKind::CompositeType}) {
        if (const SchemaObject *relation =
                model.find(objectKey(kind, child.schema, QString(), child.table)))
            return relation;
    }
    return nullptr;
}

QStringList splitQualified(const QString &text)
{
    QStringList parts;
    QString part;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < text.size() && text.at(i + 1) == c) {
                part += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                part += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char('.')) {
            parts.append(part);
            part.clear();
        } else {
            part += c;
        }
    }
    if (!text.isEmpty())
        parts.append(part);
    return parts;
}

QString sqlName(const QString &text)
{
    QStringList quoted;
    for (const QString &part : splitQualified(text))
        quoted.append(quoteName(part));
    return quoted.join(QLatin1Char('.'));
}

QString ownerColumnKey(const SchemaModel &model, const SchemaObject &sequence)
{
    const QStringList parts = splitQualified(sequence.property(QStringLiteral("owned_by")));
    if (parts.size() != 3)
        return {};
    const QString key = objectKey(ObjectKind::Column, parts[0], parts[1], parts[2]);
    return model.find(key) ? key : QString();
}

} // namespace strata::schema::detail
