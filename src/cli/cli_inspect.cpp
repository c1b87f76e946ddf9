#include "cli.h"
#include "interrupts.h"

#include "engine/versionstore.h"
#include "lint/linter.h"
#include "migrator.h"
#include "project/migration.h"
#include "revision/revisiongraph.h"

#include <QDir>
#include <QJsonArray>
#include <QSet>

namespace strata::cli {

namespace {

QString commaList(const QStringList &ids)
{
    return ids.join(QLatin1String(", "));
}

QString flags(const RevisionGraph &graph, int index, bool isCurrent)
{
    QString text;
    const QStringList labels = graph.branchLabels(index);
    if (!labels.isEmpty())
        text += QStringLiteral(" (%1)").arg(commaList(labels));
    if (graph.isHead(index))
        text += QStringLiteral(" (head)");
    if (graph.isBranchPoint(index))
        text += QStringLiteral(" (branchpoint)");
    if (graph.isMergePoint(index))
        text += QStringLiteral(" (mergepoint)");
    if (isCurrent)
        text += QStringLiteral(" (current)");
    return text;
}

QString verboseBlock(const RevisionGraph &graph, int index, bool isCurrent, const QString &root)
{
    const Migration &m = graph.migration(index);
    QString text = QStringLiteral("Rev: %1%2\n").arg(m.revision, flags(graph, index, isCurrent));
    text +=
        QStringLiteral("Parent: %1\n")
            .arg(m.downRevisions.isEmpty() ? QStringLiteral("<base>") : commaList(m.downRevisions));
    if (!m.dependsOn.isEmpty())
        text += QStringLiteral("Also depends on: %1\n").arg(commaList(m.dependsOn));
    if (graph.isBranchPoint(index))
        text +=
            QStringLiteral("Branches into: %1\n").arg(commaList(graph.ids(graph.children(index))));
    text += QStringLiteral("Path: %1\n").arg(QDir(root).relativeFilePath(m.filePath));
    if (!m.transactional)
        text += QStringLiteral("Transactional: false\n");
    if (!m.hasDowngrade)
        text += QStringLiteral("Irreversible: no downgrade section\n");
    text += QStringLiteral("\n    %1\n")
                .arg(m.message.isEmpty() ? QStringLiteral("(no message)") : m.message);
    if (!m.createDate.isEmpty())
        text += QStringLiteral("\n    Create Date: %1\n").arg(m.createDate);
    return text;
}

QJsonArray toJson(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

// Revisions between A and B of "-r A:B", newest first. Either side may be empty (base, heads)
// or "current".
Result<QList<int>> revisionsInRange(const RevisionGraph &graph, const QString &range,
                                    const std::function<Result<QStringList>()> &current)
{
    QList<int> order = graph.topologicalOrder();
    std::reverse(order.begin(), order.end());
    if (range.isEmpty())
        return order;
    const qsizetype colon = range.indexOf(QLatin1Char(':'));
    if (colon < 0)
        return Error::usage(
            QStringLiteral("-r takes A:B (either side may be empty), got '%1'").arg(range));
    auto resolveSide = [&](const QString &side) -> Result<std::optional<QList<int>>> {
        if (side.isEmpty())
            return std::optional<QList<int>>{};
        if (side == QLatin1String("current")) {
            auto rows = current();
            if (!rows)
                return rows.error();
            QList<int> out;
            for (const QString &id : *rows)
                if (const int i = graph.indexOf(id); i >= 0)
                    out.append(i);
            return std::optional<QList<int>>{out};
        }
        auto resolved = graph.resolve(side);
        if (!resolved)
            return resolved.error();
        return std::optional<QList<int>>{*resolved};
    };
    auto lower = resolveSide(range.left(colon));
    if (!lower)
        return lower.error();
    auto upper = resolveSide(range.mid(colon + 1));
    if (!upper)
        return upper.error();
    QSet<int> keep;
    if (upper->has_value()) {
        const QList<int> below = graph.ancestors(**upper);
        keep = QSet<int>(below.begin(), below.end());
    } else {
        keep = QSet<int>(order.begin(), order.end());
    }
    if (lower->has_value() && !(*lower)->isEmpty()) {
        const QList<int> above = graph.descendants(**lower);
        const QSet<int> aboveSet(above.begin(), above.end());
        keep.intersect(aboveSet);
    }
    QList<int> out;
    for (int i : order)
        if (keep.contains(i))
            out.append(i);
    return out;
}

} // namespace

QString historyLine(const RevisionGraph &graph, int index, bool isCurrent)
{
    const Migration &m = graph.migration(index);
    const QString parents =
        m.downRevisions.isEmpty() ? QStringLiteral("<base>") : commaList(m.downRevisions);
    return QStringLiteral("%1 -> %2%3, %4")
        .arg(parents, m.revision, flags(graph, index, isCurrent), m.message);
}

int Cli::ping()
{
    auto migrator = openMigrator();
    if (!migrator)
        return fail(migrator.error());
    auto report = (*migrator)->ping();
    if (!report)
        return fail(report.error());
    if (m_inv.json) {
        printJson({{QStringLiteral("server"), report->server.product},
                   {QStringLiteral("database"), report->server.database},
                   {QStringLiteral("user"), report->server.user},
                   {QStringLiteral("url"), report->display},
                   {QStringLiteral("current"), toJson(report->current)}});
        return Success;
    }
    say(QStringLiteral("Connected to %1").arg(report->display));
    say(QStringLiteral("  server:   %1").arg(report->server.product));
    say(QStringLiteral("  database: %1").arg(report->server.database));
    if (!report->server.user.isEmpty())
        say(QStringLiteral("  user:     %1").arg(report->server.user));
    say(QStringLiteral("  current:  %1")
            .arg(report->current.isEmpty() ? QStringLiteral("(base: no revision applied)")
                                           : report->current.join(QLatin1String(", "))));
    return Success;
}

int Cli::lint()
{
    auto migrator = openMigrator();
    if (!migrator)
        return fail(migrator.error());
    const RevisionGraph &graph = (*migrator)->graph();
    QList<int> chosen;
    if (m_inv.arguments.isEmpty()) {
        chosen = graph.topologicalOrder();
    } else {
        for (const QString &target : m_inv.arguments) {
            auto resolved = graph.resolve(target);
            if (!resolved)
                return fail(resolved.error());
            chosen += *resolved;
        }
    }
    // The project's engine decides the rules: SQLite has its own grammar and no PostgreSQL locks.
    const SqlDialect dialect = dialectOfEngine((*migrator)->engine());
    QList<LintFinding> findings;
    int unread = 0;
    for (int i : std::as_const(chosen)) {
        int unreadHere = 0;
        auto found = Linter::lint(graph.migration(i), dialect, &unreadHere);
        if (!found)
            return fail(found.error());
        findings += *found;
        unread += unreadHere;
    }
    const QString sqliteNote =
        QStringLiteral("SQLite project: checked %1; the PostgreSQL lock rules do not apply%2.")
            .arg(Linter::rulesFor(SqlDialect::SQLite).join(QLatin1String(", ")),
                 unread == 0 ? QString()
                             : QStringLiteral("; %1 statement(s) in SQLite's own syntax were "
                                              "checked for transaction control only")
                                   .arg(unread));
    const bool errors = std::any_of(findings.cbegin(), findings.cend(), [](const LintFinding &f) {
        return f.severity == LintFinding::Severity::Error;
    });
    if (m_inv.json) {
        QJsonArray list;
        for (const LintFinding &f : std::as_const(findings))
            list.append(
                QJsonObject{{QStringLiteral("revision"), f.revision},
                            {QStringLiteral("file"), f.file},
                            {QStringLiteral("line"), f.line},
                            {QStringLiteral("rule"), f.rule},
                            {QStringLiteral("severity"), LintFinding::severityName(f.severity)},
                            {QStringLiteral("message"), f.message}});
        printJson(
            {{QStringLiteral("findings"), list},
             {QStringLiteral("dialect"), dialect == SqlDialect::SQLite
                                             ? QStringLiteral("sqlite")
                                             : QStringLiteral("postgresql")},
             {QStringLiteral("rules"), QJsonArray::fromStringList(Linter::rulesFor(dialect))}});
        return errors ? Failure : Success;
    }
    for (const LintFinding &f : std::as_const(findings))
        say(QStringLiteral("%1:%2: %3: [%4] %5 (revision %6)")
                .arg(f.file)
                .arg(f.line)
                .arg(LintFinding::severityName(f.severity), f.rule, f.message, f.revision));
    if (dialect == SqlDialect::SQLite)
        say(sqliteNote);
    say(findings.isEmpty() ? QStringLiteral("No findings in %1 migration(s).").arg(chosen.size())
                           : QStringLiteral("%1 finding(s) in %2 migration(s); silence one with "
                                            "`-- strata:allow RULE` on its statement.")
                                 .arg(findings.size())
                                 .arg(chosen.size()));
    return errors ? Failure : Success;
}

int Cli::verify()
{
    auto migrator = openMigrator();
    if (!migrator)
        return fail(migrator.error());
    RunOptions options = runOptions();
    options.progress = [this](const Progress &p) {
        if (p.statement == 0 && m_inv.verbose)
            note(QStringLiteral("  %1 %2").arg(directionName(p.direction), p.revision));
    };
    // Ctrl-C stops the round trip cleanly, so the scratch database is dropped all the same.
    auto report = [&] {
        const Interrupts::Scope stopping([this, &migrator] {
            m_interrupted.store(true);
            (*migrator)->cancel();
        });
        return (*migrator)->verify(options);
    }();
    if (!report)
        return fail(report.error());
    if (m_inv.json) {
        QJsonArray differences;
        for (const VerifyReport::Difference &d : report->differences)
            differences.append(QJsonObject{{QStringLiteral("object"), d.object},
                                           {QStringLiteral("first"), d.first},
                                           {QStringLiteral("second"), d.second}});
        printJson({{QStringLiteral("ok"), report->ok()},
                   {QStringLiteral("irreversible"), toJson(report->irreversible)},
                   {QStringLiteral("objects"), report->objects},
                   {QStringLiteral("left_behind"), toJson(report->leftBehind)},
                   {QStringLiteral("differences"), differences}});
        return report->ok() ? Success : Failure;
    }
    if (!report->irreversible.isEmpty()) {
        m_err << QStringLiteral("strata: verify: irreversible revision(s) without a downgrade "
                                "section: %1; the round trip cannot be checked\n")
                     .arg(commaList(report->irreversible));
        return Failure;
    }
    say(QStringLiteral("Verified in scratch database %1 (dropped again): upgrade heads, "
                       "downgrade base, upgrade heads.")
            .arg(report->scratch));
    for (const QString &object : report->leftBehind)
        say(QStringLiteral("  left behind by the downgrade to base: %1").arg(object));
    for (const VerifyReport::Difference &d : report->differences) {
        if (d.first.isEmpty() != d.second.isEmpty() && (d.first.isEmpty() || d.second.isEmpty()))
            say(QStringLiteral("  %1 %2 after the second upgrade")
                    .arg(d.object,
                         d.second.isEmpty() ? QStringLiteral("missing") : QStringLiteral("new")));
        else
            say(QStringLiteral("  %1 differs:\n    first:  %2\n    second: %3")
                    .arg(d.object, d.first, d.second));
    }
    if (report->ok()) {
        say(QStringLiteral("Reversible: %1 schema object(s), identical after both upgrades, and "
                           "nothing left after the downgrade.")
                .arg(report->objects));
        return Success;
    }
    m_err << QStringLiteral("strata: verify: %1 object(s) left behind by the downgrade, %2 "
                            "difference(s) between the two upgrades\n")
                 .arg(report->leftBehind.size())
                 .arg(report->differences.size());
    return Failure;
}

int Cli::current()
{
    auto migrator = openMigrator();
    if (!migrator)
        return fail(migrator.error());
    Migrator &mig = **migrator;
    auto rows = mig.current();
    if (!rows)
        return fail(rows.error());
    if (m_inv.json) {
        printJson({{QStringLiteral("current"), toJson(*rows)}});
        return Success;
    }
    const RevisionGraph &graph = mig.graph();
    if (rows->isEmpty())
        say(QStringLiteral("(base: no revision applied)"));
    for (const QString &id : *rows) {
        const int i = graph.indexOf(id);
        if (i < 0) {
            say(QStringLiteral("%1 (not in the project)").arg(id));
            continue;
        }
        if (m_inv.verbose)
            say(verboseBlock(graph, i, false, mig.projectRoot()));
        else
            say(QStringLiteral("%1%2, %3")
                    .arg(id, flags(graph, i, false), graph.migration(i).message));
    }
    // A step that failed (or stopped part way outside a transaction) is worth a warning here
    // too: stderr, so scripts reading the revisions are not disturbed.
    if (auto records = mig.historyRecords())
        for (const HistoryRecord &r : VersionStore::lastFailures(*records))
            m_err << QStringLiteral("strata: warning: the last attempt of %1 %2: %3\n")
                         .arg(r.revision,
                              r.cancelled ? QStringLiteral("was cancelled")
                                          : QStringLiteral("failed"),
                              r.error);
    return Success;
}

int Cli::history()
{
    auto migrator = openMigrator();
    if (!migrator)
        return fail(migrator.error());
    Migrator &mig = **migrator;
    const RevisionGraph &graph = mig.graph();
    const bool needsDatabase =
        m_inv.json || m_inv.indicateCurrent || m_inv.range.contains(QLatin1String("current"));
    QSet<int> applied, currentSet;
    if (needsDatabase) {
        auto statuses = mig.history();
        if (!statuses)
            return fail(statuses.error());
        for (const RevisionStatus &s : *statuses) {
            if (s.applied)
                applied.insert(s.index);
            if (s.current)
                currentSet.insert(s.index);
        }
        // A version row no file has would otherwise show as nothing applied at all.
        if (auto rows = mig.current())
            for (const QString &row : *rows)
                if (graph.indexOf(row) < 0)
                    m_err << QStringLiteral("strata: warning: the database is at %1, which no "
                                            "migration file has; restore the file or stamp the "
                                            "database\n")
                                 .arg(row);
    }
    auto revisions = revisionsInRange(graph, m_inv.range, [&] { return mig.current(); });
    if (!revisions)
        return fail(revisions.error());

    if (m_inv.json) {
        QJsonArray list;
        for (int i : *revisions) {
            const Migration &m = graph.migration(i);
            list.append(QJsonObject{
                {QStringLiteral("revision"), m.revision},
                {QStringLiteral("down_revisions"), toJson(m.downRevisions)},
                {QStringLiteral("depends_on"), toJson(m.dependsOn)},
                {QStringLiteral("branch_labels"), toJson(graph.branchLabels(i))},
                {QStringLiteral("message"), m.message},
                {QStringLiteral("is_head"), graph.isHead(i)},
                {QStringLiteral("is_base"), graph.isBase(i)},
                {QStringLiteral("is_branch_point"), graph.isBranchPoint(i)},
                {QStringLiteral("is_merge_point"), graph.isMergePoint(i)},
                {QStringLiteral("applied"), applied.contains(i)},
            });
        }
        printJson({{QStringLiteral("revisions"), list}});
        return Success;
    }
    QString text;
    for (int i : *revisions) {
        const bool isCurrent = m_inv.indicateCurrent && currentSet.contains(i);
        if (m_inv.verbose)
            text += verboseBlock(graph, i, isCurrent, mig.projectRoot()) + QLatin1Char('\n');
        else
            text += historyLine(graph, i, isCurrent) + QLatin1Char('\n');
    }
    if (!m_inv.quiet)
        m_out << text;
    return Success;
}

int Cli::heads()
{
    auto migrator = openMigrator();
    if (!migrator)
        return fail(migrator.error());
    const RevisionGraph &graph = (*migrator)->graph();
    const QList<int> heads = graph.heads();
    if (m_inv.json) {
        QJsonArray list;
        for (int i : heads)
            list.append(
                QJsonObject{{QStringLiteral("revision"), graph.id(i)},
                            {QStringLiteral("message"), graph.migration(i).message},
                            {QStringLiteral("branch_labels"), toJson(graph.branchLabels(i))}});
        printJson({{QStringLiteral("heads"), list}});
        return Success;
    }
    for (int i : heads) {
        if (m_inv.verbose)
            say(verboseBlock(graph, i, false, (*migrator)->projectRoot()));
        else
            say(QStringLiteral("%1%2, %3")
                    .arg(graph.id(i), flags(graph, i, false), graph.migration(i).message));
    }
    return Success;
}

int Cli::branches()
{
    auto migrator = openMigrator();
    if (!migrator)
        return fail(migrator.error());
    const RevisionGraph &graph = (*migrator)->graph();
    QList<int> order = graph.topologicalOrder();
    std::reverse(order.begin(), order.end());
    QJsonArray list;
    for (int i : order) {
        if (!graph.isBranchPoint(i))
            continue;
        if (m_inv.json) {
            list.append(
                QJsonObject{{QStringLiteral("revision"), graph.id(i)},
                            {QStringLiteral("message"), graph.migration(i).message},
                            {QStringLiteral("children"), toJson(graph.ids(graph.children(i)))}});
            continue;
        }
        say(QStringLiteral("%1%2, %3")
                .arg(graph.id(i), flags(graph, i, false), graph.migration(i).message));
        for (int child : graph.children(i))
            say(QStringLiteral("    -> %1%2, %3")
                    .arg(graph.id(child), flags(graph, child, false),
                         graph.migration(child).message));
    }
    if (m_inv.json)
        printJson({{QStringLiteral("branches"), list}});
    return Success;
}

int Cli::show()
{
    auto migrator = openMigrator();
    if (!migrator)
        return fail(migrator.error());
    const RevisionGraph &graph = (*migrator)->graph();
    auto resolved = graph.resolve(m_inv.arguments.first());
    if (!resolved)
        return fail(resolved.error());
    if (resolved->isEmpty())
        return fail(
            Error::failure(QStringLiteral("'%1' names no revision").arg(m_inv.arguments.first())));
    QJsonArray list;
    for (int i : *resolved) {
        const Migration &m = graph.migration(i);
        if (m_inv.json) {
            list.append(QJsonObject{
                {QStringLiteral("revision"), m.revision},
                {QStringLiteral("down_revisions"), toJson(m.downRevisions)},
                {QStringLiteral("depends_on"), toJson(m.dependsOn)},
                {QStringLiteral("branch_labels"), toJson(graph.branchLabels(i))},
                {QStringLiteral("message"), m.message},
                {QStringLiteral("create_date"), m.createDate},
                {QStringLiteral("path"), m.filePath},
                {QStringLiteral("transactional"), m.transactional},
                {QStringLiteral("reversible"), m.hasDowngrade},
                {QStringLiteral("is_head"), graph.isHead(i)},
                {QStringLiteral("is_base"), graph.isBase(i)},
                {QStringLiteral("is_branch_point"), graph.isBranchPoint(i)},
                {QStringLiteral("is_merge_point"), graph.isMergePoint(i)},
                {QStringLiteral("upgrade_sql"), m.upgradeSql},
                {QStringLiteral("downgrade_sql"),
                 m.hasDowngrade ? QJsonValue(m.downgradeSql) : QJsonValue()},
            });
            continue;
        }
        QString text = verboseBlock(graph, i, false, (*migrator)->projectRoot());
        text += QStringLiteral("\n-- +upgrade (line %1)\n%2\n")
                    .arg(m.upgradeLine)
                    .arg(m.upgradeSql.trimmed());
        if (m.hasDowngrade)
            text += QStringLiteral("\n-- +downgrade (line %1)\n%2\n")
                        .arg(m.downgradeLine)
                        .arg(m.downgradeSql.trimmed());
        say(text);
    }
    if (m_inv.json)
        printJson(list.size() == 1 ? list.first().toObject()
                                   : QJsonObject{{QStringLiteral("revisions"), list}});
    return Success;
}

int Cli::check()
{
    auto migrator = openMigrator();
    if (!migrator)
        return fail(migrator.error());
    auto report = (*migrator)->check();
    if (!report)
        return fail(report.error());
    if (m_inv.json) {
        printJson({{QStringLiteral("up_to_date"), report->upToDate()},
                   {QStringLiteral("current"), toJson(report->current)},
                   {QStringLiteral("heads"), toJson(report->heads)},
                   {QStringLiteral("pending"), toJson(report->pending)},
                   {QStringLiteral("edited"), toJson(report->edited)},
                   {QStringLiteral("failed"), toJson(report->failed)},
                   {QStringLiteral("invalid_indexes"), toJson(report->invalidIndexes)}});
        return report->upToDate() ? Success : CheckFailed;
    }
    if (report->upToDate()) {
        say(QStringLiteral("Up to date: the database is at the heads (%1).")
                .arg(commaList(report->heads)));
        return Success;
    }
    if (!report->pending.isEmpty())
        m_out << QStringLiteral("Behind: %1 migration(s) pending: %2\n")
                     .arg(report->pending.size())
                     .arg(commaList(report->pending));
    if (!report->edited.isEmpty())
        m_out << QStringLiteral(
                     "Edited since applied: %1 (review the change, then run `strata repair`)\n")
                     .arg(commaList(report->edited));
    for (const QString &revision : report->failed)
        m_out << QStringLiteral("Last attempt of %1 failed: %2\n")
                     .arg(revision, report->failures.value(revision));
    if (!report->invalidIndexes.isEmpty())
        m_out << QStringLiteral("Invalid indexes (kept by the server but never used, left by a "
                                "failed CREATE INDEX CONCURRENTLY): %1; drop them with DROP INDEX "
                                "CONCURRENTLY and run the migration again\n")
                     .arg(commaList(report->invalidIndexes));
    return CheckFailed;
}

} // namespace strata::cli
