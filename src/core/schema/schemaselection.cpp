// leaveOut(): which other changes leaving some out takes with it, and the desired model without
// them; definitionText(): one object as the SQL that creates it, for the side-by-side panes.
#include "schema/schemaselection.h"

#include "schema/diffrules.h"
#include "schema/schemadiffplan.h"
#include "schema/schemadiffrenames.h"

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
// and what cannot be without an object (its parts).
class Sides
{
public:
    Sides(const SchemaModel &from, const SchemaModel &to) : m_from(from), m_to(to)
    {
        for (const SchemaModel *model : {&from, &to}) {
            const QList<SchemaObject> objects = model->objects();
            for (const SchemaObject &object : objects) {
                const QString key = object.key();
                for (const QString &dependency : object.dependsOn)
                    add(m_dependants, dependency, key);
                if (livesOnRelation(object.kind) && !object.table.isEmpty())
                    add(m_parts, relationPartsKey(object.schema, object.table), key);
                if (object.kind != ObjectKind::Schema && !object.schema.isEmpty())
                    add(m_parts, schemaPartsKey(object.schema), key);
                if (object.kind == ObjectKind::Sequence) {
                    if (const QString owner = detail::ownerColumnKey(*model, object);
                        !owner.isEmpty())
                        add(m_parts, owner, key);
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
    // What cannot be without the object: a relation's columns, constraints, indexes ...; a
    // schema's objects; the sequences a column owns (OWNED BY).
    QStringList parts(const SchemaObject &object) const
    {
        if (isRelation(object.kind))
            return m_parts.value(relationPartsKey(object.schema, object.name));
        if (object.kind == ObjectKind::Schema)
            return m_parts.value(schemaPartsKey(object.name));
        if (object.kind == ObjectKind::Column)
            return m_parts.value(object.key());
        return {};
    }
    // What the object cannot be without, in `model`: its relation, its schema, the column
    // owning it (a sequence).
    static QStringList wholes(const SchemaObject &object, const SchemaModel &model)
    {
        QStringList keys;
        if (const SchemaObject *relation = detail::relationOf(model, object))
            keys.append(relation->key());
        if (object.kind != ObjectKind::Schema && !object.schema.isEmpty())
            keys.append(detail::objectKey(ObjectKind::Schema, QString(), QString(), object.schema));
        if (object.kind == ObjectKind::Sequence)
            keys.append(detail::ownerColumnKey(model, object));
        keys.removeAll(QString());
        return keys;
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
    static QString relationPartsKey(const QString &schema, const QString &name)
    {
        return QStringLiteral("relation|") + schema + QLatin1Char('|') + name;
    }
    static QString schemaPartsKey(const QString &name) { return QStringLiteral("schema|") + name; }
    static void add(QHash<QString, QStringList> &lists, const QString &list, const QString &key)
    {
        QStringList &keys = lists[list];
        if (!keys.contains(key))
            keys.append(key);
    }

    const SchemaModel &m_from;
    const SchemaModel &m_to;
    QHash<QString, QStringList> m_dependants;
    // "relation|schema|name", "schema|name" or a column's key -> the keys of its parts
    QHash<QString, QStringList> m_parts;
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
    case Link::Renamed:
        return QStringLiteral("%1 is %2 under another name").arg(object, cause);
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
    return leaveOut(from, to, leftOut, {});
}

Selection leaveOut(const SchemaModel &from, const SchemaModel &to, const QStringList &leftOut,
                   const QHash<QString, QString> &renames)
{
    const Sides sides(from, to);
    // Renamed objects: the key in `from` and the key in `to` of each, both ways.
    QHash<QString, QString> renamed;
    if (!renames.isEmpty()) {
        const detail::RenameMap map(from, to, renames);
        const QList<SchemaObject> objects = from.objects();
        for (const SchemaObject &object : objects) {
            const QString mapped = map.map(object).key();
            if (mapped != object.key() && to.find(mapped) && !from.find(mapped)) {
                renamed.insert(object.key(), mapped);
                renamed.insert(mapped, object.key());
            }
        }
    }
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
        // Parts go with a whole that comes or goes, and with any change to a SQLite table (its
        // one statement holds its columns and constraints); a PostgreSQL table's own change
        // (an option, a comment) leaves its columns' changes alone.
        if (!from.find(key) || !to.find(key) || sqlite) {
            for (const QString &part : sides.parts(object))
                take(part, key, Link::PartOf);
        }
        for (const QString &dependant : sides.dependants(key))
            take(dependant, key, Link::DependsOn);
        take(renamed.value(key), key, Link::Renamed);
        // Kept as in `from`: what it stands on there must stay too.
        if (const SchemaObject *before = from.find(key)) {
            for (const QString &whole : Sides::wholes(*before, from)) {
                if (!to.find(whole))
                    take(whole, key, Link::NeededBy);
            }
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
