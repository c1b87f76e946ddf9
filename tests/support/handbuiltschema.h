#pragma once

// Hand-built schema models for the tests of leaving differences out and of the Schema Diff view:
// objects by kind, table and name (schema "public" unless told), and models of them.

#include "schema/schemamodel.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace strata::test::handbuilt {

using namespace strata::schema;
using Properties = QMap<QString, QString>;

inline SchemaObject object(ObjectKind kind, const QString &table, const QString &name,
                           const Properties &properties = {}, const QStringList &dependsOn = {},
                           const QString &schema = QStringLiteral("public"))
{
    SchemaObject o;
    o.kind = kind;
    o.schema = schema;
    o.table = table;
    o.name = name;
    o.properties = properties;
    o.dependsOn = dependsOn;
    return o;
}

// A nullable column of PostgreSQL's shape (or SQLite's, with an empty schema).
inline SchemaObject column(const QString &table, const QString &name, const QString &type,
                           const QString &schema = QStringLiteral("public"))
{
    return object(
        ObjectKind::Column, table, name,
        {{QStringLiteral("type"), type}, {QStringLiteral("not_null"), QStringLiteral("false")}}, {},
        schema);
}

inline QString key(ObjectKind kind, const QString &table, const QString &name,
                   const QString &schema = QStringLiteral("public"))
{
    return object(kind, table, name, {}, {}, schema).key();
}

inline SchemaModel model(const QList<SchemaObject> &objects, Engine engine = Engine::PostgreSQL)
{
    SchemaModel m;
    m.engine = engine;
    for (const SchemaObject &o : objects)
        m.add(o);
    return m;
}

} // namespace strata::test::handbuilt
