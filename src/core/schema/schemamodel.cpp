#include "schema/schemamodel.h"

#include <QRegularExpression>

#include <algorithm>
#include <array>
#include <utility>

namespace strata::schema {

namespace {

struct KindEntry
{
    ObjectKind kind;
    const char *name;
};

constexpr std::array kKinds = {
    KindEntry{ObjectKind::Schema, "schema"},
    KindEntry{ObjectKind::Extension, "extension"},
    KindEntry{ObjectKind::Collation, "collation"},
    KindEntry{ObjectKind::EnumType, "enum type"},
    KindEntry{ObjectKind::Domain, "domain"},
    KindEntry{ObjectKind::CompositeType, "composite type"},
    KindEntry{ObjectKind::Sequence, "sequence"},
    KindEntry{ObjectKind::Table, "table"},
    KindEntry{ObjectKind::Column, "column"},
    KindEntry{ObjectKind::Constraint, "constraint"},
    KindEntry{ObjectKind::Index, "index"},
    KindEntry{ObjectKind::View, "view"},
    KindEntry{ObjectKind::MaterializedView, "materialized view"},
    KindEntry{ObjectKind::Function, "function"},
    KindEntry{ObjectKind::Aggregate, "aggregate"},
    KindEntry{ObjectKind::Trigger, "trigger"},
    KindEntry{ObjectKind::Rule, "rule"},
    KindEntry{ObjectKind::Policy, "policy"},
};

bool hasTable(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Column:
    case ObjectKind::Constraint:
    case ObjectKind::Trigger:
    case ObjectKind::Rule:
    case ObjectKind::Policy:
        return true;
    default:
        return false;
    }
}

// PostgreSQL's reserved key words and those that cannot be a column or function name
// (Appendix C, "SQL Key Words": "reserved" and "non-reserved (cannot be function or type)"
// kept simple: the reserved ones; quoting a few more than needed is harmless).
const QStringList &reservedWords()
{
    static const QStringList words = {
        QStringLiteral("all"),
        QStringLiteral("analyse"),
        QStringLiteral("analyze"),
        QStringLiteral("and"),
        QStringLiteral("any"),
        QStringLiteral("array"),
        QStringLiteral("as"),
        QStringLiteral("asc"),
        QStringLiteral("asymmetric"),
        QStringLiteral("authorization"),
        QStringLiteral("between"),
        QStringLiteral("bigint"),
        QStringLiteral("binary"),
        QStringLiteral("bit"),
        QStringLiteral("boolean"),
        QStringLiteral("both"),
        QStringLiteral("case"),
        QStringLiteral("cast"),
        QStringLiteral("char"),
        QStringLiteral("character"),
        QStringLiteral("check"),
        QStringLiteral("coalesce"),
        QStringLiteral("collate"),
        QStringLiteral("collation"),
        QStringLiteral("column"),
        QStringLiteral("concurrently"),
        QStringLiteral("constraint"),
        QStringLiteral("create"),
        QStringLiteral("cross"),
        QStringLiteral("current_catalog"),
        QStringLiteral("current_date"),
        QStringLiteral("current_role"),
        QStringLiteral("current_schema"),
        QStringLiteral("current_time"),
        QStringLiteral("current_timestamp"),
        QStringLiteral("current_user"),
        QStringLiteral("dec"),
        QStringLiteral("decimal"),
        QStringLiteral("default"),
        QStringLiteral("deferrable"),
        QStringLiteral("desc"),
        QStringLiteral("distinct"),
        QStringLiteral("do"),
        QStringLiteral("else"),
        QStringLiteral("end"),
        QStringLiteral("except"),
        QStringLiteral("exists"),
        QStringLiteral("extract"),
        QStringLiteral("false"),
        QStringLiteral("fetch"),
        QStringLiteral("float"),
        QStringLiteral("for"),
        QStringLiteral("foreign"),
        QStringLiteral("freeze"),
        QStringLiteral("from"),
        QStringLiteral("full"),
        QStringLiteral("grant"),
        QStringLiteral("greatest"),
        QStringLiteral("group"),
        QStringLiteral("grouping"),
        QStringLiteral("having"),
        QStringLiteral("ilike"),
        QStringLiteral("in"),
        QStringLiteral("initially"),
        QStringLiteral("inner"),
        QStringLiteral("inout"),
        QStringLiteral("int"),
        QStringLiteral("integer"),
        QStringLiteral("intersect"),
        QStringLiteral("interval"),
        QStringLiteral("into"),
        QStringLiteral("is"),
        QStringLiteral("isnull"),
        QStringLiteral("join"),
        QStringLiteral("lateral"),
        QStringLiteral("leading"),
        QStringLiteral("least"),
        QStringLiteral("left"),
        QStringLiteral("like"),
        QStringLiteral("limit"),
        QStringLiteral("localtime"),
        QStringLiteral("localtimestamp"),
        QStringLiteral("national"),
        QStringLiteral("natural"),
        QStringLiteral("nchar"),
        QStringLiteral("none"),
        QStringLiteral("normalize"),
        QStringLiteral("not"),
        QStringLiteral("notnull"),
        QStringLiteral("null"),
        QStringLiteral("nullif"),
        QStringLiteral("numeric"),
        QStringLiteral("offset"),
        QStringLiteral("on"),
        QStringLiteral("only"),
        QStringLiteral("or"),
        QStringLiteral("order"),
        QStringLiteral("out"),
        QStringLiteral("outer"),
        QStringLiteral("overlaps"),
        QStringLiteral("overlay"),
        QStringLiteral("placing"),
        QStringLiteral("position"),
        QStringLiteral("precision"),
        QStringLiteral("primary"),
        QStringLiteral("real"),
        QStringLiteral("references"),
        QStringLiteral("returning"),
        QStringLiteral("right"),
        QStringLiteral("row"),
        QStringLiteral("select"),
        QStringLiteral("session_user"),
        QStringLiteral("setof"),
        QStringLiteral("similar"),
        QStringLiteral("smallint"),
        QStringLiteral("some"),
        QStringLiteral("substring"),
        QStringLiteral("symmetric"),
        QStringLiteral("system_user"),
        QStringLiteral("table"),
        QStringLiteral("tablesample"),
        QStringLiteral("then"),
        QStringLiteral("time"),
        QStringLiteral("timestamp"),
        QStringLiteral("to"),
        QStringLiteral("trailing"),
        QStringLiteral("treat"),
        QStringLiteral("trim"),
        QStringLiteral("true"),
        QStringLiteral("union"),
        QStringLiteral("unique"),
        QStringLiteral("user"),
        QStringLiteral("using"),
        QStringLiteral("values"),
        QStringLiteral("varchar"),
        QStringLiteral("variadic"),
        QStringLiteral("verbose"),
        QStringLiteral("when"),
        QStringLiteral("where"),
        QStringLiteral("window"),
        QStringLiteral("with"),
        QStringLiteral("xmlattributes"),
        QStringLiteral("xmlconcat"),
        QStringLiteral("xmlelement"),
        QStringLiteral("xmlexists"),
        QStringLiteral("xmlforest"),
        QStringLiteral("xmlnamespaces"),
        QStringLiteral("xmlparse"),
        QStringLiteral("xmlpi"),
        QStringLiteral("xmlroot"),
        QStringLiteral("xmlserialize"),
        QStringLiteral("xmltable"),
    };
    return words;
}

} // namespace

QString kindName(ObjectKind kind)
{
    for (const KindEntry &entry : kKinds) {
        if (entry.kind == kind)
            return QString::fromLatin1(entry.name);
    }
    return {};
}

bool kindFromName(const QString &name, ObjectKind *kind)
{
    for (const KindEntry &entry : kKinds) {
        if (name == QLatin1String(entry.name)) {
            *kind = entry.kind;
            return true;
        }
    }
    return false;
}

QString quoteName(const QString &name)
{
    static const QRegularExpression plain(QStringLiteral("^[a-z_][a-z0-9_$]*$"));
    if (plain.match(name).hasMatch() && !reservedWords().contains(name))
        return name;
    QString quoted = name;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

bool isComparedProperty(ObjectKind kind, const QString &name)
{
    if (name == QLatin1String("sql"))
        return false;
    return !(kind == ObjectKind::Column && name == QLatin1String("position"));
}

QString qualify(const QString &schema, const QString &name)
{
    if (schema.isEmpty())
        return quoteName(name);
    return quoteName(schema) + QLatin1Char('.') + quoteName(name);
}

QString SchemaObject::key() const
{
    return kindName(kind) + QLatin1Char('|') + schema + QLatin1Char('|') + table +
           QLatin1Char('|') + name + QLatin1Char('|') + arguments;
}

QString SchemaObject::display() const
{
    const QString where = schema.isEmpty() ? QString() : schema + QLatin1Char('.');
    const QString parent = property(QStringLiteral("parent"));
    if (kind == ObjectKind::Index && !parent.isEmpty())
        return QStringLiteral("index on %1%2 attached to %3").arg(where, table, parent);
    QString text = kindName(kind) + QLatin1Char(' ') + where;
    if (hasTable(kind))
        text += table + QLatin1Char('.');
    text += name;
    if (kind == ObjectKind::Function || kind == ObjectKind::Aggregate)
        text += QLatin1Char('(') + arguments + QLatin1Char(')');
    return text;
}

QString SchemaObject::qualifiedName() const
{
    if (hasTable(kind))
        return quoteName(name);
    if (kind == ObjectKind::Extension)
        return quoteName(name);
    if (kind == ObjectKind::Schema)
        return quoteName(name);
    return qualify(schema, name);
}

void SchemaModel::add(const SchemaObject &object)
{
    const QString key = object.key();
    if (!object.table.isEmpty() && !m_objects.contains(key))
        m_onRelation.insert(object.schema + QLatin1Char('|') + object.table, key);
    m_objects.insert(key, object);
}

const SchemaObject *SchemaModel::find(const QString &key) const
{
    auto it = m_objects.constFind(key);
    return it == m_objects.constEnd() ? nullptr : &it.value();
}

static bool lessByKindThenKey(const SchemaObject &a, const SchemaObject &b)
{
    if (a.kind != b.kind)
        return a.kind < b.kind;
    return a.key() < b.key();
}

// The objects `keep` accepts, sorted by kind then key. The hash's own keys are the objects'
// keys, so the sort compares them instead of building key() for every comparison (a large
// model sorts in milliseconds, not seconds).
template <typename Keep>
static QList<SchemaObject> sortedObjects(const QHash<QString, SchemaObject> &objects, Keep keep)
{
    QList<QHash<QString, SchemaObject>::const_iterator> picked;
    picked.reserve(objects.size());
    for (auto it = objects.cbegin(); it != objects.cend(); ++it) {
        if (keep(it.value()))
            picked.append(it);
    }
    std::sort(picked.begin(), picked.end(), [](const auto &a, const auto &b) {
        if (a.value().kind != b.value().kind)
            return a.value().kind < b.value().kind;
        return a.key() < b.key();
    });
    QList<SchemaObject> sorted;
    sorted.reserve(picked.size());
    for (const auto &it : picked)
        sorted.append(it.value());
    return sorted;
}

QList<SchemaObject> SchemaModel::objects() const
{
    return sortedObjects(m_objects, [](const SchemaObject &) { return true; });
}

QList<SchemaObject> SchemaModel::objects(ObjectKind kind) const
{
    return sortedObjects(m_objects,
                         [kind](const SchemaObject &object) { return object.kind == kind; });
}

QList<SchemaObject> SchemaModel::children(const SchemaObject &relation, ObjectKind kind) const
{
    QList<SchemaObject> some;
    const QString where = relation.schema + QLatin1Char('|') + relation.name;
    for (auto it = m_onRelation.constFind(where); it != m_onRelation.cend() && it.key() == where;
         ++it) {
        const SchemaObject &object = *m_objects.constFind(it.value());
        if (object.kind == kind)
            some.append(object);
    }
    if (kind == ObjectKind::Column) {
        std::sort(some.begin(), some.end(), [](const SchemaObject &a, const SchemaObject &b) {
            return a.property(QStringLiteral("position")).toInt() <
                   b.property(QStringLiteral("position")).toInt();
        });
    } else {
        std::sort(some.begin(), some.end(), lessByKindThenKey);
    }
    return some;
}

} // namespace strata::schema
