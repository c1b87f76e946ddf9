#pragma once

#include "schema/schemamodel.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

// Turning one schema into another: typed operations, each with its inverse and its hazards,
// in an order the server accepts. Rules from PostgreSQL's "ALTER TABLE" page (which forms
// rewrite the table, which lock), "CREATE INDEX" (CONCURRENTLY), "ALTER TYPE" (ADD VALUE).
namespace strata::schema {

// What running an operation may do beyond changing the schema.
enum class Hazard {
    DeletesData,         // rows or values are lost (a dropped table or column, a narrowed type)
    RewritesTable,       // the whole table is rewritten (a type change that is not binary)
    AccessExclusiveLock, // readers and writers wait while it runs
    BuildsIndex,         // an index build (CREATE INDEX CONCURRENTLY avoids blocking writes)
    ValidatesConstraint, // scans to validate (NOT VALID then VALIDATE CONSTRAINT avoids it)
    NotInTransaction,    // cannot run inside a transaction block (the migration is made
                         // transactional: false)
    UntrackedDependency, // depends on something the catalog cannot track (a function body)
    DowngradeLosesData,  // the inverse deletes data the upgrade kept
    FailsWithRows,       // fails on a table that has rows (a NOT NULL column without a default)
};

// Stable machine name: "deletes_data", "rewrites_table", "access_exclusive_lock",
// "builds_index", "validates_constraint", "not_in_transaction", "untracked_dependency",
// "downgrade_loses_data", "fails_with_rows".
QString hazardName(Hazard hazard);
// One sentence for a comment above the statement, with the safer alternative where there is
// one ("builds an index: CREATE INDEX CONCURRENTLY avoids blocking writes").
QString hazardText(Hazard hazard);
// The same sentence as it holds on `engine` (SQLite has no ACCESS EXCLUSIVE lock nor
// CONCURRENTLY: its writers wait on the database's write lock).
QString hazardText(Hazard hazard, Engine engine);

// One step of a diff.
struct Operation
{
    QString kind;           // "create table", "add column", "alter column type", "drop index" ...
    QString object;         // SchemaObject::display() of what it changes
    QStringList sql;        // statements, each without the final ";"
    QStringList inverseSql; // statements undoing it, in their own order
    QList<Hazard> hazards;  // of the upgrade statements
    QList<Hazard> inverseHazards;
    // False when a statement cannot run inside a transaction block (ALTER TYPE ... ADD VALUE
    // whose value is used later in the same migration, CREATE INDEX CONCURRENTLY).
    bool transactional = true;
    bool inverseTransactional = true;
};

// What the diff is told beyond the two models.
struct DiffOptions
{
    // Renames declared in the desired schema (`-- strata:renamed-from OLD`): key() of the
    // object in `to` -> its old unqualified name in `from`. Only tables and columns. Renames
    // are never guessed.
    QHash<QString, QString> renames;
    // Build new indexes with CREATE INDEX CONCURRENTLY (then the operation is not
    // transactional).
    bool concurrentIndexes = false;
    // Compare owners and grants (only meaningful when both models read them).
    bool ownersAndGrants = false;
};

// The result of diff(): operations in the order they run for the upgrade; the downgrade is
// their inverses in reverse order.
struct SchemaDiff
{
    QList<Operation> operations;
    // Objects the diff must touch but cannot: "aggregate public.x: kind not supported". A
    // non-empty list means the diff is refused; operations is then incomplete.
    QStringList refused;
    // The engine the statements are written for (the models'): hazard comments are worded
    // for it.
    Engine engine = Engine::PostgreSQL;
    bool isEmpty() const { return operations.isEmpty() && refused.isEmpty(); }
    bool transactional() const;
    bool inverseTransactional() const;
    // The upgrade as script text: each statement ended with ";" and hazards as "-- hazard:"
    // comments above the statements they concern.
    QString upgradeSql() const;
    // The downgrade likewise (inverses, last operation first).
    QString downgradeSql() const;
};

// The operations turning `from` into `to`. Objects are matched by key(); an object only in
// `to` is created, only in `from` dropped, in both with other properties altered in place when
// PostgreSQL can (ALTER ... ) else dropped and created again, with the views and other
// dependants of a changed object dropped before and created after it. Drops run in reverse
// dependency order, creates forward (dependencies from SchemaObject::dependsOn).
// Two SQLite models (Engine::SQLite) go to diffSqlite().
SchemaDiff diff(const SchemaModel &from, const SchemaModel &to, const DiffOptions &options = {});

// The same for two SQLite models, in SQLite's own statements (sqlitediff.cpp): what ALTER TABLE
// can do (RENAME TO, RENAME COLUMN, ADD COLUMN, DROP COLUMN) where SQLite allows it (its
// "ALTER TABLE" page), every other table change through the table-rebuild procedure of that
// page, done inside the migration's transaction so rows are kept and a failure leaves the
// database as it was: the rows are copied aside, the table (and the tables whose foreign keys
// reference it, which SQLite's DROP TABLE would otherwise cascade into) dropped and created
// again from the desired "sql", the rows copied back under PRAGMA defer_foreign_keys, then the
// indexes, triggers and views recreated, and PRAGMA foreign_key_check run (Strata's SQLite
// driver fails a step whose foreign_key_check finds a violation). Indexes, views and triggers
// are dropped and created again from their "sql". DiffOptions::concurrentIndexes and
// ownersAndGrants do not apply.
SchemaDiff diffSqlite(const SchemaModel &from, const SchemaModel &to,
                      const DiffOptions &options = {});

// One object that differs between two models, as drift and the proofs report it.
struct ObjectChange
{
    enum class Change { Added, Removed, Changed };
    ObjectKind kind = ObjectKind::Table;
    QString object; // display()
    Change change = Change::Changed;
    // For Changed: which properties differ and how, "default: 'a'::text -> 'b'::text" lines.
    QString detail;
};
QString changeName(ObjectChange::Change change); // "added", "removed", "changed"

// What compare() looks at.
struct CompareOptions
{
    bool ownersAndGrants = false;
    bool comments = true;
    // Glob patterns on display names ("table public.tmp_*", "public.audit_*"): an object whose
    // display() or qualified name matches one is skipped, and so are its children.
    QStringList ignore;
};

// Every object added (in `actual`, not in `expected`), removed or changed, sorted by kind and
// key. Empty when the two are the same schema. Column positions are not compared.
QList<ObjectChange> compare(const SchemaModel &expected, const SchemaModel &actual,
                            const CompareOptions &options = {});

} // namespace strata::schema
