#pragma once

#include "schema/schemadiff.h"
#include "schema/schemamodel.h"

#include <QString>
#include <QStringList>

// Choosing which differences between two schemas to keep, and showing one object's definition:
// what the desktop app's Schema tab needs beside diff() and compare(), GUI-free so that
// `strata revision --autogenerate` and the app write the same migration for the same choice.
namespace strata::schema {

// What leaving some differences out gives.
struct Selection
{
    // `to` with the objects left out put back as they are in `from` (an object only in `to`
    // taken away, one only in `from` kept, a changed one as in `from`). diff(from, to) of it
    // is the migration without those changes.
    SchemaModel to;
    // Keys (SchemaObject::key()) left out besides those asked for, because they depend on one
    // that was (SchemaObject::dependsOn, transitively; a column's table, a table's columns
    // when the table is left out), each with why: "view public.v depends on table public.t".
    QStringList alsoLeftOut;
    QStringList why; // one line per alsoLeftOut entry, same order
};

// Leaves the changes to the objects `leftOut` names (keys) out of the way from `from` to `to`,
// and every change that needs one of them. A key that names no object on either side is
// ignored.
Selection leaveOut(const SchemaModel &from, const SchemaModel &to, const QStringList &leftOut);

// The object as SQL its engine would run to create it, for people to read side by side: for
// PostgreSQL the statements diff() would run (a table with its columns), for SQLite the stored
// "sql". Comments on it follow. Empty for nullptr.
QString definitionText(const SchemaObject *object, const SchemaModel &model);

} // namespace strata::schema
