#pragma once

#include "schema/diffrules.h"

#include <QMap>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

// Pieces the object rules (objectrules*.cpp) share; internal to src/core/schema.
namespace strata::schema::detail::objects {

// 'text' as an SQL string literal (quotes doubled; standard_conforming_strings is on).
QString literal(const QString &text);
// Server text as one statement: trimmed, without its final ";" (pg_get_viewdef and
// pg_get_ruledef end with one, pg_get_functiondef with a newline).
QString statement(const QString &text);
// A '\n'-joined property as its non-empty lines.
QStringList lines(const QString &value);
// "true", "t", "on", "yes", "1" (any case) as true.
bool isTrue(const QString &value);
// An identifier as SQL: kept when already double-quoted, else quoteName().
QString identifier(const QString &name);
// The relation a column, constraint, trigger, rule or policy is on: "schema.table".
QString relationName(const SchemaObject &object);
// One operation on `object`.
Operation operation(const QString &kind, const SchemaObject &object, const QStringList &sql,
                    const QStringList &inverseSql);
// reloptions text ("fillfactor=70,security_barrier=true") as name -> value.
QMap<QString, QString> options(const QString &text);
// " WITH (name='value', ...)" for CREATE, empty when there are none.
QString withClause(const QString &optionsText);
// "ALTER <what> SET (...)" and "ALTER <what> RESET (...)" turning one reloptions text into
// another; empty when they hold the same.
QStringList setOptions(const QString &alterPrefix, const QString &fromText, const QString &toText);
// FUNCTION or PROCEDURE, by the function's "kind".
QString routineKeyword(const SchemaObject &routine);
// "schema.name(arguments)" of a function or aggregate; an aggregate without arguments is
// "name(*)".
QString routineSignature(const SchemaObject &routine);
// True when some object of `model` depends on `object` or on one of its columns (dependsOn).
bool hasDependants(const SchemaModel &model, const SchemaObject &object);

// The indexes and constraints of ctx.from, unchanged in ctx.to, whose definitions match
// `pattern` or that depend on `object`: ALTER COLUMN TYPE makes such an index or constraint
// again from its text, which would name what is being set aside. Appends their drop statements
// to *drop and the statements making them again (with their comments) to *create, from the
// relation rules, without CONCURRENTLY; adds the hazards of making them again (an index build, a
// validation) to *hazards.
void remakeNaming(const SchemaObject &object, const QRegularExpression &pattern,
                  const DiffContext &context, QStringList *drop, QStringList *create,
                  QList<Hazard> *hazards);
// True when `column` is a column of a table of `model` (not of a view or composite type).
bool isTableColumn(const SchemaModel &model, const SchemaObject &column);
// One ALTER TABLE per table for the columns' clauses ("ALTER COLUMN a TYPE ..., ..."), tables in
// the order their first column comes; a column whose clause is empty is left out.
QStringList alterTables(const QList<SchemaObject> &columns,
                        const std::function<QString(const SchemaObject &)> &clause);
// A cast to the type in server text ("::public.mood"), not to one whose name starts the same.
QRegularExpression castTo(const QString &qualifiedName);
// The indexes and constraints casting to a type that is swapped under its columns, taken off
// and made again around the swap (remakeNaming()), and the swap's hazards.
struct Remade
{
    QStringList drop;
    QStringList make;
    QList<Hazard> hazards{Hazard::RewritesTable, Hazard::AccessExclusiveLock};
};
Remade remakeCasting(const SchemaObject &type, const DiffContext &context);
// "name<suffix>" within PostgreSQL's 63 bytes.
QString nameWithSuffix(const QString &name, const QString &suffix);

// Create and drop for a kind whose creation is `create` and whose drop is one statement;
// operation kinds "create KIND" and "drop KIND". alter is left for the caller.
KindRules simpleRules(const QString &kindText,
                      const std::function<QStringList(const SchemaObject &)> &create,
                      const std::function<QString(const SchemaObject &)> &drop);

// Rules per kind (objectrules.cpp, objectrules_types.cpp, objectrules_composite.cpp,
// objectrules_routines.cpp, objectrules_relations.cpp).
KindRules schemaRules();
KindRules extensionRules();
KindRules collationRules();
KindRules enumRules();
KindRules domainRules();
KindRules compositeRules();
KindRules viewRules();
KindRules materializedViewRules();
KindRules functionRules();
KindRules aggregateRules();
KindRules triggerRules();
KindRules ruleRules();
KindRules policyRules();

// Domain creation statements, shared with the enum rebuild (a domain over a rebuilt enum is
// created again over the new type).
QStringList createDomainSql(const SchemaObject &domain);

} // namespace strata::schema::detail::objects
