#pragma once

#include "error.h"
#include "lint/transactionrules.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace strata {

struct Migration;

// One thing a reviewer should know about a migration before it meets a busy database.
struct LintFinding
{
    enum class Severity { Warning, Error };

    QString revision;
    QString file;
    int line = 0;
    int column = 0; // 1-based; 0: the whole line
    QString rule;   // e.g. "index-not-concurrent"; `-- strata:allow RULE` silences it
    Severity severity = Severity::Warning;
    QString message; // why it is dangerous, then the safer way

    static QString severityName(Severity severity);
};

// Checks migrations for statements that break the run's transaction, lock, rewrite or lose
// data. Rules read the parse tree from PostgreSQL's own parser (libpg_query), never the text;
// SQLite projects are split with SQLite's own completeness check, compiled statement by
// statement by SQLite itself (SqliteStatementCheck: what its grammar refuses is an Error with
// rule "syntax"), and checked with the rules that hold for SQLite (rulesFor()): statements only
// SQLite reads are checked for transaction control alone. A comment `-- strata:allow RULE` on the
// statement (on it, or on the comment lines right above it) silences RULE for that statement;
// naming no rule is an error finding.
class Linter
{
public:
    struct Rule
    {
        const char *name;
        LintFinding::Severity severity;
        bool sqlite; // checked on SQLite projects too
    };
    static const QList<Rule> &rules();
    // The rule names checked for a dialect, in the table's order.
    static QStringList rulesFor(SqlDialect dialect);

    // Findings for the upgrade section, transaction control in both sections, `strata:allow`
    // comments naming no rule, and a missing downgrade, ordered by line. A section that does
    // not split (PostgreSQL: does not parse) is an Error naming the file and line.
    // unread: when given, the number of SQLite statements PostgreSQL's parser could not read
    // (checked for transaction control only).
    static Result<QList<LintFinding>> lint(const Migration &migration,
                                           SqlDialect dialect = SqlDialect::PostgreSQL,
                                           int *unread = nullptr);
    // Statements of the downgrade section that delete data (DROP TABLE, DROP COLUMN,
    // TRUNCATE), for a rollback to show before it runs. PostgreSQL's parser reads the section;
    // SQL it cannot read is an Error naming the file and line.
    static Result<QList<LintFinding>> downgradeDataLoss(const Migration &migration);
};

} // namespace strata
