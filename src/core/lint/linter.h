#pragma once

#include "error.h"

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

// Checks PostgreSQL migrations for statements that lock, rewrite or lose data. Rules read the
// parse tree from PostgreSQL's own parser (libpg_query), never the text. A comment
// `-- strata:allow RULE` on the statement (on it, or on the comment lines right above it)
// silences RULE for that statement.
class Linter
{
public:
    struct Rule
    {
        const char *name;
        LintFinding::Severity severity;
    };
    static const QList<Rule> &rules();

    // Findings for the upgrade section (and a missing downgrade). A section that does not
    // parse is an Error naming the file and line.
    static Result<QList<LintFinding>> lint(const Migration &migration);
    // Statements of the downgrade section that delete data (DROP TABLE, DROP COLUMN,
    // TRUNCATE), for a rollback to show before it runs. PostgreSQL's parser reads the section;
    // SQL it cannot read is an Error naming the file and line.
    static Result<QList<LintFinding>> downgradeDataLoss(const Migration &migration);
};

} // namespace strata
