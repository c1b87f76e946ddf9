#pragma once

#include "schema/schemadiff.h"
#include "schema/schemaselection.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

// The Schema Diff view's words: kinds, marks, hazards and the reasons an object was left out,
// in the user's language (the core words them in English for the command line), and which
// lines of two definitions differ.
namespace strata::gui {

class SchemaDiffText
{
    Q_DECLARE_TR_FUNCTIONS(SchemaDiffText)

public:
    // "table", "materialized view" ...
    static QString kind(schema::ObjectKind kind);
    // A group of the tree: "Tables", "Materialized views" ...
    static QString kindGroup(schema::ObjectKind kind);
    // "added", "removed", "changed".
    static QString change(schema::ObjectChange::Change change);
    // An object as people read it: "table public.film", "column public.film.title".
    static QString object(const schema::SchemaObject &object);
    // One hazard as a warning, worded for the engine the statements run on.
    static QString hazard(schema::Hazard hazard, schema::Engine engine);
    // Why an object was also left out: "view public.v depends on table public.t". `from` and
    // `to` hold the objects the reason names.
    static QString reason(const schema::LeftOutReason &reason, const schema::SchemaModel &from,
                          const schema::SchemaModel &to);
    // An object beneath its relation in the tree: "column title".
    static QString childLabel(schema::ObjectKind kind, const QString &name);
    // A group's count: "3 differences"; a relation's, when only what lies beneath it differs:
    // "2 differences inside"; "unchanged".
    static QString differences(int count);
    static QString inside(int count);
    static QString unchanged();
    // "12 differences: 3 added, 2 removed, 7 changed".
    static QString summary(int added, int removed, int changed);
};

// The 0-based line numbers of `left` and of `right` that are not in their longest common
// subsequence of lines: what changed between two definitions.
struct ChangedLines
{
    QList<int> left;
    QList<int> right;
};
ChangedLines changedLines(const QString &left, const QString &right);

} // namespace strata::gui
