#pragma once

#include "schema/diffrules.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

// Inside diff(): the planner (schemadiffplan.cpp) and small helpers the relation rules share
// with it. Not part of the public API.
namespace strata::schema::detail {

// The operations turning `from` into `to`, ordered (see diff() in schemadiff.h).
SchemaDiff planDiff(const SchemaModel &from, const SchemaModel &to, const DiffOptions &options);

// key() of an object with these identity fields.
QString objectKey(ObjectKind kind, const QString &schema, const QString &table, const QString &name,
                  const QString &arguments = {});

// True for the kinds that live on a relation (SchemaObject::table): columns, constraints,
// indexes, triggers, rules and policies.
bool livesOnRelation(ObjectKind kind);

// The table, view, materialized view or composite type `child` lives on, in `model`; nullptr
// when the child has none there.
const SchemaObject *relationOf(const SchemaModel &model, const SchemaObject &child);

// The parts of a dotted name as the model's properties write them ("public.film",
// public."Order".id): unquoted. Empty for empty text.
QStringList splitQualified(const QString &text);

// A dotted name from the model's properties as SQL text, each part quoted as needed.
QString sqlName(const QString &text);

// The properties of objects of `kind` that the rules turn into SQL or that are not compared
// ("position"), after schemamodel.h's list.
const QStringList &handledProperties(ObjectKind kind);
// Why the diff cannot turn `before` (nullptr: the object is created, or made again) into `after`
// by its properties: one "index public.t_a: property "x" ..." line per property no rule handles
// that differs (or is set, when created), and an index invalid in `after` (no migration makes
// one). Empty when the rules handle every difference.
QStringList unhandledProperties(const SchemaObject *before, const SchemaObject &after);

// The column (key in `model`) that owns `sequence` through OWNED BY; empty when none.
QString ownerColumnKey(const SchemaModel &model, const SchemaObject &sequence);

// Lookups the rules make for every object (the columns of a table, the sequences a column
// owns), built once per model for one diff instead of a scan of the model each time. The
// planner registers one for each model it hands the rules, for as long as it plans; the models
// must not change meanwhile.
class ModelIndex
{
public:
    explicit ModelIndex(const SchemaModel &model);
    ~ModelIndex();
    ModelIndex(const ModelIndex &) = delete;
    ModelIndex &operator=(const ModelIndex &) = delete;

    // The index registered for `model` on this thread, or nullptr.
    static const ModelIndex *of(const SchemaModel &model);

private:
    friend QList<SchemaObject> childrenOf(const SchemaModel &, const SchemaObject &, ObjectKind);
    friend QList<SchemaObject> ownedSequences(const SchemaModel &, const QString &);
    const SchemaModel &m_model;
    void build() const;
    mutable bool m_built = false;
    mutable QHash<QString, QList<SchemaObject>> m_children;  // "kind|schema|table" -> objects
    mutable QHash<QString, QList<SchemaObject>> m_sequences; // owning column key -> sequences
};

// SchemaModel::children(), through the model's index when one is registered.
QList<SchemaObject> childrenOf(const SchemaModel &model, const SchemaObject &relation,
                               ObjectKind kind);
// The sequences of `model` owned by `columnKey` (a column key in `model`).
QList<SchemaObject> ownedSequences(const SchemaModel &model, const QString &columnKey);

} // namespace strata::schema::detail
