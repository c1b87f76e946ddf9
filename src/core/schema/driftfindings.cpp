// Drift findings as people read them: a table's children folded into it, and the objects of
// kinds Strata does not model compared by what the model lists of them.
#include "schema/driftfindings.h"

#include <QHash>
#include <QMap>
#include <QRegularExpression>

namespace strata::schema::detail {

namespace {

// One SchemaModel::unsupported entry: "KIND NAME (kind not supported)", then whatever the
// model adds about its definition (a fingerprint), which tells a changed object.
struct UnsupportedEntry
{
    QString identity; // "foreign table public.remote"
    QString kind;
    QString name;
    QString definition;

    // What an ignore pattern is matched against: the identity, the name as listed and
    // unquoted, and "schema S" for an object in schema S (as compare() does).
    QStringList names() const
    {
        const QString unquoted = QString(name).remove(QLatin1Char('"'));
        QStringList out = {identity, name, unquoted};
        if (unquoted.contains(QLatin1Char('.')) && !unquoted.startsWith(QLatin1Char('(')))
            out.append(QStringLiteral("schema ") + unquoted.section(QLatin1Char('.'), 0, 0));
        return out;
    }
};

UnsupportedEntry unsupportedEntry(const QString &text)
{
    static const QLatin1String marker(" (kind not supported)");
    // The kinds inspection lists, longest first so "trigger on foreign table" wins over others.
    static const QStringList kinds = {
        QStringLiteral("trigger on foreign table"),
        QStringLiteral("text search configuration"),
        QStringLiteral("text search dictionary"),
        QStringLiteral("text search template"),
        QStringLiteral("text search parser"),
        QStringLiteral("foreign-data wrapper"),
        QStringLiteral("statistics object"),
        QStringLiteral("operator family"),
        QStringLiteral("operator class"),
        QStringLiteral("foreign table"),
        QStringLiteral("access method"),
        QStringLiteral("event trigger"),
        QStringLiteral("typed table"),
        QStringLiteral("range type"),
        QStringLiteral("base type"),
        QStringLiteral("publication"),
        QStringLiteral("conversion"),
        QStringLiteral("transform"),
        QStringLiteral("language"),
        QStringLiteral("operator"),
        QStringLiteral("server"),
        QStringLiteral("cast"),
    };
    UnsupportedEntry entry;
    const qsizetype at = text.indexOf(marker);
    entry.identity = at < 0 ? text : text.left(at);
    entry.definition = at < 0 ? QString() : text.mid(at + marker.size()).trimmed();
    entry.kind = QStringLiteral("object");
    entry.name = entry.identity;
    for (const QString &kind : kinds) {
        if (entry.identity.startsWith(kind + QLatin1Char(' '))) {
            entry.kind = kind;
            entry.name = entry.identity.mid(kind.size() + 1);
            break;
        }
    }
    return entry;
}

// "definition 1a2b3c4d" (as inspection lists it) -> "1a2b3c4d"; "(none)" when empty.
QString fingerprint(const QString &definition)
{
    if (definition.isEmpty())
        return QStringLiteral("(none)");
    return definition.startsWith(QLatin1String("definition "))
               ? definition.mid(QStringLiteral("definition ").size())
               : definition;
}

} // namespace

// Drift as a person reads it: the columns, constraints, indexes, triggers, rules and policies of
// a table (or view) that was itself added or removed are named in its detail, not listed again.
QList<ObjectChange> foldChildren(const QList<ObjectChange> &changes, const SchemaModel &expected,
                                 const SchemaModel &actual)
{
    QHash<QString, const SchemaObject *> byDisplay[2]; // expected, actual
    const QList<SchemaObject> objects[2] = {expected.objects(), actual.objects()};
    for (int side = 0; side < 2; ++side)
        for (const SchemaObject &object : objects[side])
            byDisplay[side].insert(object.display(), &object);
    QHash<QString, qsizetype> relations; // "added|schema.name" -> index in changes
    for (qsizetype i = 0; i < changes.size(); ++i) {
        const ObjectChange &c = changes[i];
        const int side = c.change == ObjectChange::Change::Added ? 1 : 0;
        const SchemaObject *object = byDisplay[side].value(c.object);
        if (c.change != ObjectChange::Change::Changed && object && object->table.isEmpty())
            relations.insert(changeName(c.change) + QLatin1Char('|') + object->schema +
                                 QLatin1Char('.') + object->name,
                             i);
    }
    QList<ObjectChange> out = changes;
    QList<bool> folded(changes.size(), false);
    for (qsizetype i = 0; i < changes.size(); ++i) {
        const ObjectChange &c = changes[i];
        if (c.change == ObjectChange::Change::Changed)
            continue;
        const int side = c.change == ObjectChange::Change::Added ? 1 : 0;
        const SchemaObject *object = byDisplay[side].value(c.object);
        if (!object || object->table.isEmpty())
            continue;
        const auto parent = relations.constFind(changeName(c.change) + QLatin1Char('|') +
                                                object->schema + QLatin1Char('.') + object->table);
        if (parent == relations.constEnd())
            continue;
        ObjectChange &owner = out[*parent];
        owner.detail += (owner.detail.isEmpty() ? QString() : QStringLiteral("\n")) +
                        QStringLiteral("with %1").arg(c.object);
        folded[i] = true;
    }
    for (qsizetype i = changes.size() - 1; i >= 0; --i)
        if (folded[i])
            out.removeAt(i);
    return out;
}

// The unsupported objects only one side has, or whose listed definitions differ; those whose
// identity, name or (unquoted) name matches an ignore pattern are left out.
QList<UnsupportedChange> unsupportedChanges(const SchemaModel &expected, const SchemaModel &actual,
                                            const QStringList &ignore)
{
    QList<QRegularExpression> patterns;
    for (const QString &pattern : ignore)
        patterns.append(
            QRegularExpression(QRegularExpression::wildcardToRegularExpression(pattern.trimmed())));
    const auto ignored = [&patterns](const UnsupportedEntry &entry) {
        for (const QRegularExpression &pattern : patterns)
            for (const QString &name : entry.names())
                if (pattern.match(name).hasMatch())
                    return true;
        return false;
    };
    QMap<QString, UnsupportedEntry> sides[2]; // expected, actual; by identity, sorted
    for (const QString &text : expected.unsupported) {
        const UnsupportedEntry entry = unsupportedEntry(text);
        sides[0].insert(entry.identity, entry);
    }
    for (const QString &text : actual.unsupported) {
        const UnsupportedEntry entry = unsupportedEntry(text);
        sides[1].insert(entry.identity, entry);
    }
    const QString notModelled = QStringLiteral("kind not modelled by Strata");
    QList<UnsupportedChange> out;
    for (const UnsupportedEntry &entry : std::as_const(sides[0])) {
        if (ignored(entry))
            continue;
        const auto other = sides[1].constFind(entry.identity);
        if (other == sides[1].constEnd())
            out.append({entry.kind, entry.identity, ObjectChange::Change::Removed, notModelled});
        else if (other->definition != entry.definition)
            out.append({entry.kind, entry.identity, ObjectChange::Change::Changed,
                        QStringLiteral("%1; its definition differs (fingerprint %2 -> %3)")
                            .arg(notModelled, fingerprint(entry.definition),
                                 fingerprint(other->definition))});
    }
    for (const UnsupportedEntry &entry : std::as_const(sides[1]))
        if (!sides[0].contains(entry.identity) && !ignored(entry))
            out.append({entry.kind, entry.identity, ObjectChange::Change::Added, notModelled});
    return out;
}

QStringList unsupportedUncompared(const SchemaModel &a, const SchemaModel &b,
                                  const QStringList &ignore)
{
    QList<QRegularExpression> patterns;
    for (const QString &pattern : ignore)
        patterns.append(
            QRegularExpression(QRegularExpression::wildcardToRegularExpression(pattern.trimmed())));
    QHash<QString, QString> other; // identity -> definition, in b
    for (const QString &text : b.unsupported) {
        const UnsupportedEntry entry = unsupportedEntry(text);
        other.insert(entry.identity, entry.definition);
    }
    QStringList out;
    for (const QString &text : a.unsupported) {
        const UnsupportedEntry entry = unsupportedEntry(text);
        const auto it = other.constFind(entry.identity);
        if (it == other.constEnd() || !entry.definition.isEmpty() || !it->isEmpty())
            continue;
        bool ignored = false;
        for (const QRegularExpression &pattern : patterns)
            for (const QString &name : entry.names())
                ignored = ignored || pattern.match(name).hasMatch();
        if (!ignored)
            out.append(entry.identity);
    }
    out.sort();
    return out;
}

} // namespace strata::schema::detail
