#pragma once

// Hand-built schema models for the object rules' tests (tst_objectrules, tst_objectgrants): objects
// of each kind, the two sides of a diff, and the rules called on them.

#include "schema/diffrules.h"

#include <QtGlobal>

namespace strata::test::objectmodels {

using namespace strata::schema;
using namespace strata::schema::detail;

// Text from a literal or a QString, so the hand-built models read plainly.
struct Text
{
    Text() = default;
    Text(const char *text) : value(QString::fromUtf8(text)) {}
    Text(const QString &text) : value(text) {}
    QString value;
};
using Properties = std::initializer_list<std::pair<Text, Text>>;

inline SchemaObject object(ObjectKind kind, const Text &schema, const Text &name,
                           Properties properties = {})
{
    SchemaObject o;
    o.kind = kind;
    o.schema = schema.value;
    o.name = name.value;
    for (const auto &[key, value] : properties)
        o.properties.insert(key.value, value.value);
    return o;
}

inline SchemaObject onTable(ObjectKind kind, const Text &table, const Text &name,
                            Properties properties = {})
{
    SchemaObject o = object(kind, "public", name, properties);
    o.table = table.value;
    return o;
}

inline SchemaObject column(const Text &table, const Text &name, const Text &type,
                           const Text &defaultValue = {})
{
    return onTable(ObjectKind::Column, table, name, {{"type", type}, {"default", defaultValue}});
}

inline SchemaObject table(const Text &name)
{
    return object(ObjectKind::Table, "public", name);
}

struct Models
{
    SchemaModel from;
    SchemaModel to;
    DiffOptions options;
    DiffContext context() const { return DiffContext{from, to, options}; }
};

inline const KindRules &rules(ObjectKind kind)
{
    const KindRules *found = objectRules(kind);
    Q_ASSERT(found);
    return *found;
}

inline Operation single(const QList<Operation> &operations)
{
    if (operations.size() != 1)
        qFatal("expected one operation, got %d", int(operations.size()));
    return operations.first();
}

inline Operation create(const SchemaObject &o)
{
    Models m;
    m.to.add(o);
    return single(rules(o.kind).create(o, m.context()));
}

inline Operation drop(const SchemaObject &o)
{
    Models m;
    m.from.add(o);
    return single(rules(o.kind).drop(o, m.context()));
}

inline AlterPlan alter(const SchemaObject &from, const SchemaObject &to, Models m = {})
{
    m.from.add(from);
    m.to.add(to);
    return rules(to.kind).alter(from, to, m.context());
}

inline QStringList list(std::initializer_list<const char *> items)
{
    QStringList result;
    for (const char *item : items)
        result.append(QString::fromUtf8(item));
    return result;
}

inline const QString kPlpgsql = QStringLiteral(
    "CREATE OR REPLACE FUNCTION public.f(i integer)\n RETURNS integer\n LANGUAGE plpgsql\n"
    "AS $function$ begin return i; end $function$\n");

inline SchemaObject function(const QString &definition, const Text &returns = "integer")
{
    SchemaObject f =
        object(ObjectKind::Function, "public", "f",
               {{"kind", "function"}, {"definition", definition}, {"returns", returns}});
    f.arguments = QStringLiteral("i integer");
    return f;
}

} // namespace strata::test::objectmodels
