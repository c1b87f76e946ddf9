#include "lint/migrationchecker.h"

#include "drivers/postgres/postgressplitter.h"
#include "project/migrationparser.h"

#include <QFileInfo>

#include <algorithm>

namespace strata {

namespace {

LintFinding problem(const Migration &m, const QString &file, int line, const char *rule,
                    QString message)
{
    return LintFinding{
        m.revision,        file, line, 0, QLatin1String(rule), LintFinding::Severity::Error,
        std::move(message)};
}

LintFinding fromError(const Migration &m, const QString &file, const Error &error, const char *rule)
{
    LintFinding f = problem(m, file, qMax(1, error.line), rule, error.message);
    f.column = error.column;
    return f;
}

bool known(const QString &id, const CheckContext &context)
{
    return context.revisions.contains(id) || context.branchLabels.contains(id);
}

} // namespace

QList<LintFinding> MigrationChecker::check(const QString &filePath, const QString &text,
                                           const CheckContext &context)
{
    QList<LintFinding> out;
    auto parsed = MigrationParser::parse(filePath, text.toUtf8());
    if (!parsed) {
        out.append(fromError(Migration{}, filePath, parsed.error(), headerRule));
        return out;
    }
    const Migration &m = *parsed;
    const QString self = QFileInfo(filePath).absoluteFilePath();

    const QString owner = context.revisions.value(m.revision);
    if (!owner.isEmpty() && QFileInfo(owner).absoluteFilePath() != self)
        out.append(problem(m, filePath, m.headerLine, duplicateIdRule,
                           QStringLiteral("revision id %1 is already used by %2; choose another")
                               .arg(m.revision, QFileInfo(owner).fileName())));
    for (const QString &parent : m.downRevisions) {
        if (parent == m.revision)
            out.append(problem(m, filePath, m.downRevisionsLine, unknownParentRule,
                               QStringLiteral("%1 names itself as its parent").arg(parent)));
        else if (!context.revisions.contains(parent))
            out.append(
                problem(m, filePath, m.downRevisionsLine, unknownParentRule,
                        QStringLiteral("parent revision %1 is not in the project").arg(parent)));
    }
    for (const QString &dependency : m.dependsOn)
        if (!known(dependency, context))
            out.append(problem(m, filePath, m.dependsOnLine, unknownDependencyRule,
                               QStringLiteral("depends_on %1 is neither a revision nor a branch "
                                              "label of the project")
                                   .arg(dependency)));
    if (!context.postgres) {
        // SQLite: the lint for SQLite, in which SQLite compiles each statement itself, and the
        // rules that hold for it (transaction control among them); no PostgreSQL syntax errors.
        if (auto findings = Linter::lint(m, SqlDialect::SQLite))
            out += *findings;
        else
            out.append(fromError(m, filePath, findings.error(), syntaxRule));
        std::stable_sort(out.begin(), out.end(), [](const LintFinding &a, const LintFinding &b) {
            return a.line < b.line;
        });
        return out;
    }

    bool parses = true;
    if (auto s = PostgresSplitter::split(m.upgradeSql, m.upgradeLine, filePath); !s) {
        out.append(fromError(m, filePath, s.error(), syntaxRule));
        parses = false;
    }
    if (m.hasDowngrade)
        if (auto s = PostgresSplitter::split(m.downgradeSql, m.downgradeLine, filePath); !s) {
            out.append(fromError(m, filePath, s.error(), syntaxRule));
            parses = false;
        }
    if (!parses)
        return out;
    auto findings = Linter::lint(m);
    if (!findings)
        out.append(fromError(m, filePath, findings.error(), syntaxRule));
    else
        out += *findings;
    return out;
}

QStringList MigrationChecker::checks(SqlDialect dialect)
{
    return {QStringLiteral("header"), QStringLiteral("parents"),
            dialect == SqlDialect::PostgreSQL ? QStringLiteral("postgresql-parser")
                                              : QStringLiteral("sqlite-compile"),
            QStringLiteral("lint")};
}

} // namespace strata
