#pragma once

#include "lint/linter.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace strata {

// What the rest of the project holds, for checking one file against it.
struct CheckContext
{
    QHash<QString, QString> revisions; // revision id -> its file (absolute path)
    QStringList branchLabels;
    bool postgres = false; // PostgreSQL: its parser's syntax errors and rules; else SQLite's rules

    bool operator==(const CheckContext &) const = default;
};

// Everything wrong with one migration file's text as it stands, for an editor to underline
// while someone types: header errors, an unknown parent or dependency, an id another file
// already has, then by engine: on PostgreSQL its parser's syntax errors at their line and column
// and the lint's findings; on SQLite what SQLite itself refuses to compile
// (SqliteStatementCheck) and the lint's rules that hold for SQLite (transaction control among
// them). checks() names them, for an editor to say which apply.
// A pure function of its arguments, so it runs on any thread.
class MigrationChecker
{
public:
    // Rule names of the problems that are not lint rules.
    static constexpr const char *headerRule = "header";
    static constexpr const char *syntaxRule = "syntax";
    static constexpr const char *unknownParentRule = "unknown-parent";
    static constexpr const char *unknownDependencyRule = "unknown-dependency";
    static constexpr const char *duplicateIdRule = "duplicate-id";

    static QList<LintFinding> check(const QString &filePath, const QString &text,
                                    const CheckContext &context);

    // What check() looks at for an engine, in order: "header", "parents" (parents, dependencies
    // and a duplicate id), "postgresql-parser" or "sqlite-compile", then "lint". The lint's rule
    // names for the engine are Linter::rulesFor().
    static QStringList checks(SqlDialect dialect);
};

} // namespace strata
