// Small helpers of the diff shared by the planner and the relation rules.
#include "schema/schemadiffplan.h"

#include <algorithm>

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

namespace {

QString childKey(ObjectKind kind, const QString &schema, const QString &table)
{
    return kindName(kind) + QLatin1Char('|') + schema + QLatin1Char('|') + table;
}

QHash<const SchemaModel *, const ModelIndex *> &registry()
{
    thread_local QHash<const SchemaModel *, const ModelIndex *> indexes;
    return indexes;
}

} // namespace

ModelIndex::ModelIndex(const SchemaModel &model) : m_model(model)
{
    registry().insert(&model, this);
}

// Built on first use: a diff with few changes never asks.
void ModelIndex::build() const
{
    if (m_built)
        return;
    m_built = true;
    const SchemaModel &model = m_model;
    for (const SchemaObject &object : model.objects()) {
        if (!object.table.isEmpty())
            m_children[childKey(object.kind, object.schema, object.table)].append(object);
        if (object.kind == ObjectKind::Sequence) {
            const QString owner = ownerColumnKey(model, object);
            if (!owner.isEmpty())
                m_sequences[owner].append(object);
        }
    }
    for (auto it = m_children.begin(); it != m_children.end(); ++it) {
        if (it->isEmpty() || it->first().kind != ObjectKind::Column)
            continue;
        std::stable_sort(it->begin(), it->end(), [](const SchemaObject &a, const SchemaObject &b) {
            return a.property(QStringLiteral("position")).toInt() <
                   b.property(QStringLiteral("position")).toInt();
        });
    }
}

ModelIndex::~ModelIndex()
{
    if (registry().value(&m_model) == this)
        registry().remove(&m_model);
}

const ModelIndex *ModelIndex::of(const SchemaModel &model)
{
    return registry().value(&model);
}

QList<SchemaObject> childrenOf(const SchemaModel &model, const SchemaObject &relation,
                               ObjectKind kind)
{
    if (const ModelIndex *index = ModelIndex::of(model)) {
        index->build();
        return index->m_children.value(childKey(kind, relation.schema, relation.name));
    }
    return model.children(relation, kind);
}

QList<SchemaObject> ownedSequences(const SchemaModel &model, const QString &columnKey)
{
    if (const ModelIndex *index = ModelIndex::of(model)) {
        index->build();
        return index->m_sequences.value(columnKey);
    }
    QList<SchemaObject> sequences;
    for (const SchemaObject &sequence : model.objects(ObjectKind::Sequence)) {
        if (ownerColumnKey(model, sequence) == columnKey)
            sequences.append(sequence);
    }
    return sequences;
}

} // namespace strata::schema::detail
