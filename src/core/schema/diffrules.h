#pragma once

#include "schema/schemadiff.h"

#include <functional>

// Inside diff(): what each kind of object contributes. diff() (schemadiff.cpp) matches objects,
// asks these rules for operations and orders them; the rules only say what SQL to run.
// relationrules.cpp serves tables, columns, constraints, indexes and sequences;
// objectrules.cpp every other kind, and comments and grants of all kinds.
namespace strata::schema::detail {

// What a rule may look at.
struct DiffContext
{
    const SchemaModel &from;
    const SchemaModel &to;
    const DiffOptions &options;
};

// How an object present on both sides with other properties becomes the new one.
struct AlterPlan
{
    // True: it cannot be altered in place; diff() drops it and creates it again (and its
    // dependants around it), and ignores operations.
    bool replace = false;
    // True: views and other objects depending on it must be dropped before operations and
    // created again after (a column type change under a view). For an enum type, the table
    // columns of that type are converted by the operations themselves (not dropped); views,
    // functions and the like over them are rebuilt. Columns of the type that the diff drops
    // must be dropped before the operations run.
    bool rebuildDependants = false;
    QList<Operation> operations;
};

struct KindRules
{
    // Creating the object as it is in ctx.to. A table's creation includes its columns; a
    // partition's, its attachment.
    std::function<QList<Operation>(const SchemaObject &, const DiffContext &)> create;
    // Dropping the object as it is in ctx.from; the inverse recreates it. Dropping a table
    // includes its columns, constraints, indexes, triggers, rules and policies.
    std::function<QList<Operation>(const SchemaObject &, const DiffContext &)> drop;
    // From ctx.from's object to ctx.to's, same key, some property different.
    std::function<AlterPlan(const SchemaObject &, const SchemaObject &, const DiffContext &)> alter;
};

// Rules for Table, Column, Constraint, Index and Sequence; nullptr for other kinds.
const KindRules *relationRules(ObjectKind kind);
// Rules for every other kind; nullptr for the kinds relationRules() serves.
const KindRules *objectRules(ObjectKind kind);

// COMMENT ON, and with DiffOptions::ownersAndGrants ALTER ... OWNER TO, GRANT and REVOKE,
// turning `from`'s into `to`'s (either may be null: created or dropped object).
// For a created object (from null) the operations set what it has and have no inverse: place
// them after its create. For a dropped one (to null) they have no upgrade statement and their
// inverse puts back what it had: place them before its drop, so the downgrade runs them after
// the object is created again. An object replaced (AlterPlan::replace) is both: (from, null)
// before the drop and (null, to) after the create.
QList<Operation> commentAndGrantOperations(const SchemaObject *from, const SchemaObject *to,
                                           const DiffContext &context);

// For an object diff() drops and creates again although it stays (replaced, or rebuilt around a
// change beneath it): GRANT and REVOKE giving the new object the privileges the old one had in
// ctx.from, so that an application role keeps its SELECT on a view rebuilt in production. Only
// when DiffOptions::ownersAndGrants is off (on, commentAndGrantOperations() carries the grants)
// and the model holds the grants (inspection read them). Called like it: (from, null) before
// the drop, (null, to) after the create.
QList<Operation> regrantOperations(const SchemaObject *from, const SchemaObject *to,
                                   const DiffContext &context);

} // namespace strata::schema::detail
