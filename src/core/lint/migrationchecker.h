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
// already has, PostgreSQL syntax errors at their line and column, and the lint's findings (with
// SQLite's rules on a SQLite project).
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
};

} // namespace strata
