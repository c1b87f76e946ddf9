#pragma once

#include "schema/schemadiff.h"
#include "schema/schemamodel.h"

#include <QHash>
#include <QString>
#include <QStringList>

// Choosing which differences between two schemas to keep, and showing one object's definition:
// what the desktop app's Schema tab needs beside diff() and compare(), GUI-free so that
// `strata revision --autogenerate` and the app write the same migration for the same choice.
namespace strata::schema {

// Why one object was left out besides those asked for, for a front end to word it in its own
// language (Selection::why words it in English).
struct LeftOutReason
{
    enum class Link {
        DependsOn, // `key` depends on `cause` (SchemaObject::dependsOn, on either side)
        PartOf,    // `key` is a column, constraint, index, trigger ... of the relation `cause`,
                   // an object in the schema `cause`, or a sequence the column `cause` owns
        NeededBy,  // `key` is kept as in `from` because `cause`, kept, needs it (its relation, or
                   // an object it depends on there)
        Statement, // SQLite: `key` is the table whose one CREATE TABLE statement holds `cause`
                   // (a column or constraint), so it cannot change without it
        Renamed,   // `key` and `cause` are one object under its old and its new name (a rename
                   // declared with `-- strata:renamed-from`): the rename is left out whole
    };
    QString key;   // the object also left out
    QString cause; // the object it was left out with (asked for, or itself also left out)
    Link link = Link::DependsOn;
};

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
    // The same as data: one per alsoLeftOut entry, same order.
    QList<LeftOutReason> reasons;
};

// Leaves the changes to the objects `leftOut` names (keys) out of the way from `from` to `to`,
// and every change that needs one of them. A key that names no object on either side is
// ignored. What goes with a left-out object, both for one added (taken away) and one removed
// or changed (kept as in `from`): its dependants (dependsOn on either side, transitively); for
// an object that comes or goes (and any SQLite table) its parts: the columns, constraints,
// indexes, triggers, rules and policies of a relation, the objects of a schema, the sequences a
// column owns; what a kept object needs in `from` that `to` has not
// (its relation, schema, owning column, dependencies), and on SQLite the
// table of a column or constraint (one CREATE TABLE statement holds them). alsoLeftOut names
// only objects that differ (compare()); an object the same on both sides carries nothing on.
Selection leaveOut(const SchemaModel &from, const SchemaModel &to, const QStringList &leftOut);
// The same when the diff is told of renames (DiffOptions::renames): the old and the new name of
// a renamed table or column (and of its columns, constraints ...) are left out together, so that
// leaving out the new name keeps the old object instead of dropping it.
Selection leaveOut(const SchemaModel &from, const SchemaModel &to, const QStringList &leftOut,
                   const QHash<QString, QString> &renames);

// compare(from, to) by key (SchemaObject::key()): each object added, removed or changed.
QHash<QString, ObjectChange> differences(const SchemaModel &from, const SchemaModel &to);

// The key of the table, view, materialized view or composite type `child` (a column,
// constraint, index, trigger, rule or policy) lives on, found in `to`, else in `from`; empty when
// it lives on none.
QString relationKey(const SchemaObject &child, const SchemaModel &from, const SchemaModel &to);

// The object as SQL its engine would run to create it, for people to read side by side: for
// PostgreSQL the statements diff() would run (a table with its columns), for SQLite the stored
// "sql". Comments on it follow. Empty for nullptr.
QString definitionText(const SchemaObject *object, const SchemaModel &model);

} // namespace strata::schema
