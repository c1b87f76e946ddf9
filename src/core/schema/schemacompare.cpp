// compare(): which objects one schema model has that another has not, or has otherwise, as
// drift and the proofs of a generated migration report it.
#include "schema/schemadiff.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace strata::schema {

QString changeName(ObjectChange::Change change)
{
    switch (change) {
    case ObjectChange::Change::Added:
        return QStringLiteral("added");
    case ObjectChange::Change::Removed:
        return QStringLiteral("removed");
    case ObjectChange::Change::Changed:
        return QStringLiteral("changed");
    }
    return {};
}

namespace {

bool onRelation(ObjectKind kind)
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

// The glob patterns of CompareOptions::ignore, matched against the names an object is known
// by: its display() ("table public.tmp_x") with and without its kind, "schema.name" as written and
// as SQL text, for an object on a relation the same names of that relation, so ignoring a table
// ignores what is on it, and "schema NAME" of its schema, so ignoring a schema ignores what is in
// it.
class IgnoreList
{
public:
    explicit IgnoreList(const QStringList &patterns)
    {
        for (const QString &pattern : patterns) {
            if (!pattern.trimmed().isEmpty())
                m_patterns.append(QRegularExpression(
                    QRegularExpression::wildcardToRegularExpression(pattern.trimmed())));
        }
    }

    bool ignores(const SchemaObject &object) const
    {
        if (m_patterns.isEmpty())
            return false;
        QStringList names = {object.display()};
        // The name as the report prints it, without its kind: "hand_idx" for "index hand_idx"
        // (SQLite), "public.hand_idx" for "index public.hand_idx", "t.tr" for "trigger t.tr".
        if (const QString kind = kindName(object.kind) + QLatin1Char(' ');
            names.first().startsWith(kind))
            names << names.first().mid(kind.size());
        if (object.kind == ObjectKind::Extension || object.kind == ObjectKind::Schema) {
            names << object.name << object.qualifiedName();
        } else if (onRelation(object.kind)) {
            // SQLite's objects have no schema: "table t", not "table .t".
            const QString relation = object.schema.isEmpty()
                                         ? object.table
                                         : object.schema + QLatin1Char('.') + object.table;
            names << relation + QLatin1Char('.') + object.name << relation
                  << qualify(object.schema, object.table);
            for (const char *kind : {"table", "view", "materialized view"})
                names << QString::fromLatin1(kind) + QLatin1Char(' ') + relation;
        } else {
            names << (object.schema.isEmpty() ? object.name
                                              : object.schema + QLatin1Char('.') + object.name)
                  << object.qualifiedName();
        }
        // What is in an ignored schema ("schema audit") is ignored with it.
        if (!object.schema.isEmpty())
            names << QStringLiteral("schema ") + object.schema;
        // A sequence OWNED BY a column belongs to that column's table as much as its indexes.
        if (const QString owner = object.property(QStringLiteral("owned_by"));
            object.kind == ObjectKind::Sequence && !owner.isEmpty()) {
            const QString relation = owner.section(QLatin1Char('.'), 0, -2);
            const QString unquoted = QString(relation).remove(QLatin1Char('"'));
            names << relation << unquoted;
            for (const char *kind : {"table", "view", "materialized view"})
                names << QString::fromLatin1(kind) + QLatin1Char(' ') + unquoted;
        }
        for (const QRegularExpression &pattern : m_patterns) {
            for (const QString &name : names) {
                if (pattern.match(name).hasMatch())
                    return true;
            }
        }
        return false;
    }

private:
    QList<QRegularExpression> m_patterns;
};

QString shown(const QString &value)
{
    return value.isEmpty() ? QStringLiteral("(none)") : value;
}

void differ(QStringList *lines, const QString &what, const QString &expected, const QString &actual)
{
    if (expected != actual)
        lines->append(QStringLiteral("%1: %2 -> %3").arg(what, shown(expected), shown(actual)));
}

// "prop: old -> new" for each property, the comment, owner and grants that differ.
QString detail(const SchemaObject &expected, const SchemaObject &actual,
               const CompareOptions &options)
{
    QStringList lines;
    QStringList names = expected.properties.keys() + actual.properties.keys();
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    for (const QString &name : names) {
        if (!isComparedProperty(expected.kind, name))
            continue;
        differ(&lines, name, expected.property(name), actual.property(name));
    }
    if (options.comments)
        differ(&lines, QStringLiteral("comment"), expected.comment, actual.comment);
    if (options.ownersAndGrants) {
        differ(&lines, QStringLiteral("owner"), expected.owner, actual.owner);
        differ(&lines, QStringLiteral("grants"), expected.grants.join(QLatin1Char(',')),
               actual.grants.join(QLatin1Char(',')));
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace

QList<ObjectChange> compare(const SchemaModel &expected, const SchemaModel &actual,
                            const CompareOptions &options)
{
    const IgnoreList ignore(options.ignore);
    QList<std::pair<QString, ObjectChange>> found; // key, change
    const QList<SchemaObject> expectedObjects = expected.objects();
    for (const SchemaObject &object : expectedObjects) {
        if (ignore.ignores(object))
            continue;
        const SchemaObject *other = actual.find(object.key());
        if (!other) {
            found.append(
                {object.key(), {object.kind, object.display(), ObjectChange::Change::Removed, {}}});
            continue;
        }
        const QString lines = detail(object, *other, options);
        if (!lines.isEmpty())
            found.append({object.key(),
                          {object.kind, object.display(), ObjectChange::Change::Changed, lines}});
    }
    const QList<SchemaObject> actualObjects = actual.objects();
    for (const SchemaObject &object : actualObjects) {
        if (expected.find(object.key()) || ignore.ignores(object))
            continue;
        found.append(
            {object.key(), {object.kind, object.display(), ObjectChange::Change::Added, {}}});
    }
    std::sort(found.begin(), found.end(), [](const auto &a, const auto &b) {
        if (a.second.kind != b.second.kind)
            return a.second.kind < b.second.kind;
        return a.first < b.first;
    });
    QList<ObjectChange> changes;
    for (const auto &entry : found)
        changes.append(entry.second);
    return changes;
}

} // namespace strata::schema
