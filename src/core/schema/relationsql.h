#pragma once

#include "schema/diffrules.h"

#include <QList>
#include <QString>
#include <QStringList>

// SQL text the relation rules share between tables (relationrules.cpp), columns
// (relationrules_columns.cpp) and constraints, indexes and sequences (relationrules_keys.cpp).
// Internal to the diff.
namespace strata::schema::detail {

// A property as text; "true" properties as bool.
inline QString prop(const SchemaObject &object, const char *name)
{
    return object.property(QLatin1String(name));
}
inline bool flag(const SchemaObject &object, const char *name)
{
    return prop(object, name) == QLatin1String("true");
}

// One operation on `object`.
Operation makeOperation(const QString &kind, const SchemaObject &object, const QStringList &sql,
                        const QStringList &inverseSql, const QList<Hazard> &hazards = {},
                        const QList<Hazard> &inverseHazards = {});

// The relation a column, constraint or index lives on, as SQL ("public.film").
QString relationName(const SchemaObject &child);

// "a=1, b=2" from options as the catalog lists them ("a=1,b=2").
QString optionsList(const QString &options);
// The statements turning storage options `before` into `after` (both "key=value" joined with
// ','): `alter` ("ALTER TABLE t", "ALTER TABLE t ALTER COLUMN c") followed by RESET of the keys
// that go and SET of those that stay or come. Empty when `after` is empty and nothing goes.
QStringList setOptionsSql(const QString &alter, const QString &before, const QString &after);

// CREATE SEQUENCE for a sequence's properties (without OWNED BY).
QString createSequenceSql(const SchemaObject &sequence);
// "ALTER SEQUENCE s OWNED BY public.t.c" (or "OWNED BY NONE" for an empty owner).
QString ownedBySql(const SchemaObject &sequence, const QString &owner);

// Statements creating the sequences `columns` own (in `world`) around the statement that
// creates the columns: CREATE SEQUENCE before (for those not in `existing`), OWNED BY after;
// the inverse's statements before the inverse drop gives existing ones back their old owner.
struct OwnedSequenceSql
{
    QStringList before;
    QStringList after;
    QStringList inverseBefore;
};
OwnedSequenceSql ownedSequenceSql(const SchemaModel &world, const SchemaModel *existing,
                                  const QList<SchemaObject> &columns);

// A column as CREATE TABLE and ADD COLUMN write it: "name type [COLLATE c] [GENERATED ...]
// [DEFAULT ...] [NOT NULL]".
QString columnDefinition(const SchemaObject &column);
// The statements giving new columns their storage, compression and statistics target, where
// they are not the defaults.
QStringList columnAttributesSql(const QList<SchemaObject> &columns);

// The rules of relationRules() that live in relationrules_columns.cpp and relationrules_keys.cpp.
const KindRules &columnRules();
const KindRules &constraintRules();
const KindRules &indexRules();
const KindRules &sequenceRules();

} // namespace strata::schema::detail
