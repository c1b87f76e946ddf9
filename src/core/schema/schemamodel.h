#pragma once

#include <QHash>
#include <QList>
#include <QMap>
#include <QMultiHash>
#include <QString>
#include <QStringList>

// One model of a database schema, read from the catalog (inspection) and compared object by
// object (diff, drift, the proofs of a generated migration). GUI-free; the same model serves
// PostgreSQL now and SQLite later.
namespace strata::schema {

// The kinds of object Strata models. Anything else the catalog holds in the user's schemas is
// listed in SchemaModel::unsupported and makes a diff that touches it refuse.
enum class ObjectKind {
    Schema,
    Extension,
    Collation,
    EnumType,
    Domain,
    CompositeType,
    Sequence,
    Table, // ordinary, partitioned, partition, unlogged
    Column,
    Constraint, // of a table: primary key, unique, foreign key, check, exclusion
    Index,
    View,
    MaterializedView,
    Function, // functions, procedures and window functions
    Aggregate,
    Trigger,
    Rule,
    Policy, // row-level security policy
};

// The engine a model was read from: it decides the property names (below) and which diff
// turns one model into another (PostgreSQL's ALTER forms, or SQLite's ALTER TABLE and
// table-rebuild procedure).
enum class Engine { PostgreSQL, SQLite };

// The kind as users read it: "table", "materialized view", "enum type" ...
QString kindName(ObjectKind kind);
// The inverse of kindName(); false when the name is not one.
bool kindFromName(const QString &name, ObjectKind *kind);

// One object of a schema. Identity is (kind, schema, table, name, arguments), never a position
// or an OID, so two databases match object by object.
//
// Properties are what a diff compares; their names per kind (values are the server's own text,
// read with search_path set to '' so every name is schema-qualified):
//  - Schema: none.
//  - Extension: "version", "schema". (schema field empty; name is the extension's.)
//  - Collation: "provider" (c, i, d), "locale" or "lc_collate"/"lc_ctype", "deterministic".
//  - EnumType: "values" (labels in sort order, joined with '\n').
//  - Domain: "type" (format_type), "default", "not_null" ("true"/"false"), "collation",
//    "checks" ("name: pg_get_constraintdef" lines sorted, joined with '\n').
//  - CompositeType: "attributes" ("name type" lines in order, joined with '\n').
//  - Sequence: "type", "start", "increment", "min", "max", "cache", "cycle",
//    "owned_by" ("schema.table.column" or empty).
//  - Table: "persistence" (permanent, unlogged), "partition_key" (pg_get_partkeydef, empty when
//    not partitioned), "partition_of" ("schema.table" of the parent, empty when not a
//    partition), "partition_bound" (pg_get_expr of relpartbound), "inherits" (parents of plain
//    inheritance, "schema.table" joined with ','), "row_security", "force_row_security"
//    ("true"/"false"), "options" (reloptions joined with ','), "replica_identity" (empty for
//    the default, "nothing", "full" or "using index NAME").
//  - Column (table = its table or composite/view owner): "type" (format_type), "not_null",
//    "default" (pg_get_expr; empty when none or when generated), "identity" ("", "always",
//    "by default"), "identity_options" (the identity sequence's options, when identity),
//    "generated" (the stored expression, empty when not generated), "collation" (qualified,
//    empty when the type's default), "position" (attnum; not compared), "storage" (plain,
//    external, main, extended; empty when the type's default), "compression" (pglz, lz4;
//    empty for the server's default), "statistics" (the statistics target; empty for the
//    default), "options" (attoptions such as n_distinct, sorted, joined with ',').
//    Columns a partition or child inherits (not local) are not modelled on the child.
//  - Constraint (table = its table): "type" (primary key, unique, foreign key, check,
//    exclusion), "definition" (pg_get_constraintdef, which carries DEFERRABLE and NOT VALID),
//    "validated" ("true"/"false"). Constraints cloned onto partitions are left out.
//  - Index (table = its table or materialized view): "definition" (pg_get_indexdef with the
//    index's own name replaced by the placeholder "%INDEX%", so attached partition indexes
//    compare), "unique", "parent" ("schema.index" of the partitioned index it is attached to;
//    then name is that parent's qualified name, so matching goes through the parent).
//    "invalid" ("true" when pg_index.indisvalid is false, as a failed CREATE INDEX
//    CONCURRENTLY leaves it; else empty), "clustered" ("true" after CLUSTER ... USING it;
//    else empty).
//    Indexes that back a constraint are left out (the constraint makes them).
//  - View, MaterializedView: "definition" (pg_get_viewdef), "options", "columns" ("name type"
//    lines).
//  - Function: "kind" (function, procedure, window), "definition" (pg_get_functiondef),
//    "returns" (pg_get_function_result); arguments = pg_get_function_identity_arguments.
//  - Aggregate: "definition" (a CREATE AGGREGATE statement built from pg_aggregate);
//    arguments as for functions.
//  - Trigger (table = its table): "definition" (pg_get_triggerdef), "enabled" (O, D, R, A).
//    Triggers cloned onto partitions and internal ones are left out.
//  - Rule (table = its table or view): "definition" (pg_get_ruledef). The _RETURN rule of a
//    view is part of the view.
//  - Policy (table = its table): "permissive", "command", "roles" (sorted, ','), "using",
//    "with_check".
//
// SQLite (SchemaModel::engine == Engine::SQLite; read from sqlite_schema and the table_xinfo,
// index_list, index_xinfo and foreign_key_list pragmas of the main database). Every object's
// schema is empty. Kinds: Table, Column, Constraint, Index, View, Trigger only. Where SQLite
// keeps only the statement text, the compared property is that text normalised token by token
// (sqltokens.h: comments dropped, whitespace collapsed, keywords and identifiers lower-cased,
// quotes around plain identifiers removed, literals kept as written) so that whitespace, case
// and quoting never make a difference; the text as SQLite stores it is kept in "sql", which is
// never compared (isComparedProperty()) and is what a diff runs to create the object again.
//  - Table: "sql" (sqlite_schema.sql), "without_rowid", "strict" ("true" or empty).
//    "primary_key_on_conflict" (the PRIMARY KEY's ON CONFLICT resolution, lower-cased:
//    "replace", "ignore", "fail", "rollback"; empty when none or ABORT, the default),
//    "primary_key_index" (the key columns of the index SQLite makes for the primary key,
//    "a collate nocase, b desc", when one has a collation other than its column's or is
//    descending; else empty).
//  - Column: "type" (the declared type, whitespace collapsed, upper-cased: "VARCHAR(20)";
//    empty when none), "not_null" ("true"/"false"), "default" (the default's text,
//    normalised; empty when none), "primary_key" (1-based position in the primary key; empty
//    when not part of it), "autoincrement" ("true" on an INTEGER PRIMARY KEY AUTOINCREMENT
//    column, else empty), "generated" ("virtual EXPR" or "stored EXPR", the expression
//    normalised; empty when not generated), "collation" (upper-cased, empty for BINARY),
//    "position" (cid; not compared).
//    Also "rowid_alias" ("true" on the column that is the table's rowid: a rowid table's
//    one-column INTEGER PRIMARY KEY, which SQLite gives no index of its own; not one declared
//    INTEGER PRIMARY KEY DESC; else empty; its "not_null" is always "false": NULL there stands
//    for the next rowid), "not_null_on_conflict" (NOT NULL's ON CONFLICT resolution as for the
//    primary key; empty when none, ABORT or the column is not NOT NULL).
//  - Constraint (table = its table): unique, check and foreign key constraints, whether
//    written on a column or on the table (the primary key is the columns' "primary_key").
//    name = the canonical definition in lower case ("unique (a, b)", "check (price > 0)",
//    "foreign key (author_id) references author (id)"), so the key is the same whichever way
//    it was written; "type" (unique, check, foreign key), "definition" (canonical and
//    normalised: "unique (a, b)", "check (price > 0)", "foreign key (a) references t (id) on
//    update no action on delete cascade match none" from the pragmas; deferrable clauses from
//    the text), "constraint_name" (the CONSTRAINT name written, else empty).
//  - Index (table = its table): indexes created with CREATE INDEX (index_list origin 'c');
//    "definition" (the statement normalised, its own name replaced by "%INDEX%"), "unique",
//    "partial" ("true" or empty), "sql".
//    In "definition" an indexed column's COLLATE naming its column's own collation is left
//    out, as is ASC (the same index either way).
//  - View: "definition" (the statement normalised), "sql".
//    Also "columns" (the result column names SQLite gives the view, double-quoted, ASCII
//    lower-cased, ", " between: what a query reading rows by name sees; empty when SQLite
//    cannot prepare the view). A "definition" (view, trigger, index, and the check, default
//    and generated expressions) leaves out the parentheses SQLite's grammar makes redundant.
//  - Trigger (table = its table): "definition" (the statement normalised), "sql".
// dependsOn: an index, trigger or constraint on its table; a foreign key also on the table it
// references; a view and a trigger on the tables and views their text names.
//
// Comments, owners and grants are kept apart from properties: comment on every kind; owner
// and grants of the kinds that have them (always read; compared only when asked).
struct SchemaObject
{
    ObjectKind kind = ObjectKind::Table;
    QString schema;    // empty for extensions
    QString table;     // the relation a column, constraint, index, trigger, rule or policy is on
    QString name;      // unqualified
    QString arguments; // a function's or aggregate's identity arguments ("integer, text")
    QMap<QString, QString> properties;
    QString comment;
    QString owner;      // empty unless read (hand-built models, kinds without one)
    QStringList grants; // "grantee:PRIVILEGE" and "grantee:PRIVILEGE*" (grant option), sorted
    // Keys (key()) of the objects this one depends on, as pg_depend and pg_rewrite record it:
    // a view on its tables' columns and on functions, a column on its type and sequence, a
    // foreign key on the referenced unique index, a trigger on its function, a partition on
    // its parent, an index on its table.
    QStringList dependsOn;

    // Identity as one string: "kind|schema|table|name|arguments".
    QString key() const;
    // As users read it: "table public.film", "column public.film.title",
    // "function public.f(integer, text)", "index public.film_title_idx".
    QString display() const;
    // The object's name as SQL text: quoted where needed, schema-qualified
    // ("public.film", public."Order"); for a column, constraint, trigger, rule or policy just
    // its own quoted name.
    QString qualifiedName() const;
    QString property(const QString &name) const { return properties.value(name); }
};

// A schema as read from one database (or built by hand in a test).
class SchemaModel
{
public:
    // Adds or replaces the object with the same key.
    void add(const SchemaObject &object);
    // The object with this key, or nullptr.
    const SchemaObject *find(const QString &key) const;
    // All objects, sorted by kind then key, so output is stable.
    QList<SchemaObject> objects() const;
    // The objects of one kind; for Column, Constraint, Index, Trigger, Rule and Policy
    // optionally only those on the relation schema.table.
    QList<SchemaObject> objects(ObjectKind kind) const;
    QList<SchemaObject> children(const SchemaObject &relation, ObjectKind kind) const;
    int size() const { return m_objects.size(); }
    bool isEmpty() const { return m_objects.isEmpty(); }

    // Objects found that Strata does not model: "aggregate public.x (kind not supported)".
    // A diff that would have to create, drop or change one of them refuses, naming it.
    QStringList unsupported;
    // The server the model was read from ("PostgreSQL 15.5", "SQLite 3.40.1"); empty for
    // hand-built models.
    QString serverVersion;
    // Which engine's properties the objects carry (see SchemaObject); hand-built models are
    // PostgreSQL's unless they say otherwise.
    Engine engine = Engine::PostgreSQL;

private:
    QHash<QString, SchemaObject> m_objects;
    // "schema|table" -> keys of the objects on that relation, so children() does not scan the
    // whole model (a diff asks it once or more per table).
    QMultiHash<QString, QString> m_onRelation;
};

// Whether a property takes part in comparing two objects (compare(), diff()): false for a
// column's "position" and for "sql" (SQLite's stored statement text, kept to recreate the
// object as written; its normalised form is compared instead).
bool isComparedProperty(ObjectKind kind, const QString &name);

// SQL text for identifiers: as is when lower case, not a keyword and plain, else double-quoted
// (PostgreSQL's quote_ident rule, from its own keyword list).
QString quoteName(const QString &name);
// "schema.name" with each part quoted as needed.
QString qualify(const QString &schema, const QString &name);

} // namespace strata::schema
