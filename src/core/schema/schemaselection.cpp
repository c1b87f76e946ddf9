// leaveOut(): which other changes leaving some out takes with it, and the desired model without
// them; definitionText(): one object as the SQL that creates it, for the side-by-side panes.
#include "schema/schemaselection.h"

#include "schema/diffrules.h"
#include "schema/schemadiffplan.h"

#include <QHash>
#include <QSet>

namespace strata::schema {

namespace {

using detail::livesOnRelation;
using Link = LeftOutReason::Link;

bool isRelation(ObjectKind kind)
{
    return kind == ObjectKind::Table || kind == ObjectKind::View ||
           kind == ObjectKind::MaterializedView || kind == ObjectKind::CompositeType;
}

// The objects of both sides by key, with the lookups the closure walks: who depends on a key,
// and which objects live on a relation.
class Sides
{
public:
    Sides(const SchemaModel &from, const SchemaModel &to) : m_from(from), m_to(to)
    {
        for (const SchemaModel *model : {&from, &to}) {
            const QList<SchemaObject> objects = model->objects();
            for (const SchemaObject &object : objects) {
                const QString key = object.key();
                for (const QString &dependency : object.dependsOn) {
                    if (!m_dependants[dependency].contains(key))
                        m_dependants[dependency].append(key);
                }
                if (livesOnRelation(object.kind) && !object.table.isEmpty()) {
                    QStringList &children =
                        m_children[object.schema + QLatin1Char('|') + object.table];
                    if (!children.contains(key))
                        children.append(key);
                }
            }
        }
    }

    const SchemaObject *either(const QString &key) const
    {
        const SchemaObject *object = m_to.find(key);
        return object ? object : m_from.find(key);
    }
    QStringList dependants(const QString &key) const { return m_dependants.value(key); }
    QStringList children(const SchemaObject &relation) const
    {
        return m_children.value(relation.schema + QLatin1Char('|') + relation.name);
    }
    // Whether leaving the object out changes anything: absent on one side, or other text there.
    bool differs(const QString &key) const
    {
        const SchemaObject *before = m_from.find(key);
        const SchemaObject *after = m_to.find(key);
        return !before || !after || before->properties != after->properties ||
               before->comment != after->comment;
    }

private:
    const SchemaModel &m_from;
    const SchemaModel &m_to;
    QHash<QString, QStringList> m_dependants;
    QHash<QString, QStringList> m_children; // "schema|relation" -> keys living on it
};

QString why(const Sides &sides, const LeftOutReason &reason)
{
    const QString object = sides.either(reason.key)->display();
    const QString cause = sides.either(reason.cause)->display();
    switch (reason.link) {
    case Link::DependsOn:
        return QStringLiteral("%1 depends on %2").arg(object, cause);
    case Link::PartOf:
        return QStringLiteral("%1 is part of %2").arg(object, cause);
    case Link::NeededBy:
        return QStringLiteral("%1 is kept because %2 needs it").arg(object, cause);
    case Link::Statement:
        return QStringLiteral("%1 is created by one statement with %2").arg(object, cause);
    }
    return {};
}

} // namespace

QString relationKey(const SchemaObject &child, const SchemaModel &from, const SchemaModel &to)
{
    for (const SchemaModel *model : {&to, &from}) {
        if (const SchemaObject *relation = detail::relationOf(*model, child))
            return relation->key();
    }
    return {};
}

QHash<QString, ObjectChange> differences(const SchemaModel &from, const SchemaModel &to)
{
    // compare() names objects by display(); both sides' objects give the key back.
    QHash<QString, QString> keys;
    for (const SchemaModel *model : {&from, &to}) {
        const QList<SchemaObject> objects = model->objects();
        for (const SchemaObject &object : objects)
            keys.insert(object.display(), object.key());
    }
    QHash<QString, ObjectChange> found;
    const QList<ObjectChange> changes = compare(from, to);
    for (const ObjectChange &change : changes)
        found.insert(keys.value(change.object), change);
    return found;
}

Selection leaveOut(const SchemaModel &from, const SchemaModel &to, const QStringList &leftOut)
{
    const Sides sides(from, to);
    const QHash<QString, ObjectChange> differing = differences(from, to);

    QSet<QString> out;
    QStringList queue;
    QList<LeftOutReason> reasons;
    for (const QString &key : leftOut) {
        if (sides.either(key) && !out.contains(key)) {
            out.insert(key);
            queue.append(key);
        }
    }
    auto take = [&](const QString &key, const QString &cause, Link link) {
        if (key.isEmpty() || out.contains(key) || !sides.either(key))
            return;
        out.insert(key);
        queue.append(key);
        reasons.append({key, cause, link});
    };
    const bool sqlite = from.engine == Engine::SQLite || to.engine == Engine::SQLite;
    for (qsizetype i = 0; i < queue.size(); ++i) {
        const QString key = queue.at(i);
        // The same on both sides: leaving it out changes nothing, so nothing follows from it.
        if (!sides.differs(key))
            continue;
        const SchemaObject &object = *sides.either(key);
        if (isRelation(object.kind)) {
            for (const QString &child : sides.children(object))
                take(child, key, Link::PartOf);
        }
        for (const QString &dependant : sides.dependants(key))
            take(dependant, key, Link::DependsOn);
        // Kept as in `from`: what it stands on there must stay too.
        if (const SchemaObject *before = from.find(key)) {
            if (const SchemaObject *relation = detail::relationOf(from, *before);
                relation && !to.find(relation->key()))
                take(relation->key(), key, Link::NeededBy);
            for (const QString &dependency : before->dependsOn) {
                if (!to.find(dependency))
                    take(dependency, key, Link::NeededBy);
            }
        }
        if (sqlite &&
            (object.kind == ObjectKind::Column || object.kind == ObjectKind::Constraint)) {
            const SchemaModel &side = to.find(key) ? to : from;
            if (const SchemaObject *relation = detail::relationOf(side, object))
                take(relation->key(), key, Link::Statement);
        }
    }

    Selection selection;
    selection.to.engine = to.engine;
    selection.to.serverVersion = to.serverVersion;
    selection.to.unsupported = to.unsupported;
    const QList<SchemaObject> desired = to.objects();
    for (const SchemaObject &object : desired) {
        if (!out.contains(object.key()))
            selection.to.add(object);
    }
    for (const QString &key : std::as_const(out)) {
        if (const SchemaObject *before = from.find(key))
            selection.to.add(*before);
    }
    for (const LeftOutReason &reason : std::as_const(reasons)) {
        if (!differing.contains(reason.key))
            continue;
        selection.alsoLeftOut.append(reason.key);
        selection.why.append(why(sides, reason));
        selection.reasons.append(reason);
    }
    return selection;
}

namespace {

// A SQLite column or constraint has no statement of its own: its clause of CREATE TABLE.
QString sqliteClause(const SchemaObject &object)
{
    if (object.kind == ObjectKind::Constraint) {
        const QString name = object.property(QStringLiteral("constraint_name"));
        const QString definition = object.property(QStringLiteral("definition"));
        return name.isEmpty() ? definition
                              : QStringLiteral("CONSTRAINT %1 %2").arg(quoteName(name), definition);
    }
    QStringList parts{quoteName(object.name)};
    auto add = [&](const QString &property, const QString &format) {
        const QString value = object.property(property);
        if (!value.isEmpty() && value != QLatin1String("false"))
            parts.append(format.contains(QLatin1Char('%')) ? format.arg(value) : format);
    };
    add(QStringLiteral("type"), QStringLiteral("%1"));
    add(QStringLiteral("primary_key"), QStringLiteral("PRIMARY KEY"));
    add(QStringLiteral("autoincrement"), QStringLiteral("AUTOINCREMENT"));
    add(QStringLiteral("not_null"), QStringLiteral("NOT NULL"));
    add(QStringLiteral("default"), QStringLiteral("DEFAULT %1"));
    add(QStringLiteral("collation"), QStringLiteral("COLLATE %1"));
    const QString generated = object.property(QStringLiteral("generated"));
    if (!generated.isEmpty()) {
        const qsizetype space = generated.indexOf(QLatin1Char(' '));
        parts.append(QStringLiteral("GENERATED ALWAYS AS (%1) %2")
                         .arg(generated.mid(space + 1), generated.left(space).toUpper()));
    }
    return parts.join(QLatin1Char(' '));
}

} // namespace

QString definitionText(const SchemaObject *object, const SchemaModel &model)
{
    if (!object)
        return {};
    if (model.engine == Engine::SQLite) {
        const QString sql = object->property(QStringLiteral("sql"));
        return (sql.isEmpty() ? sqliteClause(*object) : sql.trimmed()) + QLatin1Char(';');
    }
    const detail::KindRules *rules = detail::relationRules(object->kind);
    if (!rules)
        rules = detail::objectRules(object->kind);
    // Created from nothing: the statements diff() runs for an object new in `model`.
    const SchemaModel empty;
    const DiffOptions options;
    const detail::DiffContext context{empty, model, options};
    const detail::ModelIndex index(model);
    QStringList statements;
    if (rules && rules->create) {
        const QList<Operation> operations = rules->create(*object, context);
        for (const Operation &operation : operations)
            statements += operation.sql;
    }
    const QList<Operation> comments = detail::commentAndGrantOperations(nullptr, object, context);
    for (const Operation &operation : comments)
        statements += operation.sql;
    QString text;
    for (const QString &statement : std::as_const(statements))
        text += statement + QStringLiteral(";\n");
    return text.trimmed();
}

} // namespace strata::schema
