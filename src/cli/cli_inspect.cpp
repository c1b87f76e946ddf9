#include "cli.h"
#include "interrupts.h"
#include "text/englishcount.h"

#include "lint/linter.h"
#include "migrator.h"
#include "project/migration.h"
#include "project/project.h"
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

const char *codeName(Error::Code code)
{
    switch (code) {
    case Error::Code::None:
        return "none";
    case Error::Code::Cancelled:
        return "cancelled";
    case Error::Code::ConnectionLost:
        return "connection_lost";
    case Error::Code::ConnectionFailed:
        return "connection_failed";
    case Error::Code::AuthenticationFailed:
        return "authentication_failed";
    case Error::Code::DatabaseMissing:
        return "database_missing";
    case Error::Code::LockTimeout:
        return "lock_timeout";
    case Error::Code::RowsMoved:
        return "rows_moved";
    case Error::Code::TransactionBroken:
        return "transaction_broken";
    case Error::Code::Unreadable:
        return "unreadable";
    case Error::Code::NotFound:
        return "not_found";
    case Error::Code::Refused:
        return "refused";
    }
    return "none";
}

// The version rows that stay when the rows implied by others go: what `stamp` should be given.
QStringList upperRows(const DatabaseStatus &st)
{
    QStringList out;
    for (const QString &row : st.current) {
        const bool implied =
            std::any_of(st.overlapping.cbegin(), st.overlapping.cend(),
                        [&row](const DatabaseStatus::Overlap &o) { return o.ancestor == row; });
        if (!implied && !st.unknownRows.contains(row))
            out.append(row);
    }
    return out;
}

// What is wrong with the version rows and the last steps, with the command that mends each,
// one line each: shared by `status` and `check`.
QStringList statusProblems(const DatabaseStatus &st)
{
    QStringList lines;
    for (const QString &row : st.unknownRows) {
        const QStringList keep = upperRows(st);
        lines << QStringLiteral("Version row %1 names no migration file: restore its file, or set "
                                "the rows to the revision the schema is really at with `strata "
                                "stamp --purge %2`")
                     .arg(row,
                          keep.isEmpty() ? QStringLiteral("REV") : keep.join(QLatin1Char(' ')));
    }
    for (const DatabaseStatus::Overlap &o : st.overlapping)
        lines << QStringLiteral("Inconsistent version rows: %1 and its ancestor %2 are both "
                                "present; `strata stamp %3` sets one row per head")
                     .arg(o.row, o.ancestor, upperRows(st).join(QLatin1Char(' ')));
    if (!st.edited.isEmpty())
        lines << QStringLiteral(
                     "Edited since applied: %1 (review the change, then run `strata repair`)")
                     .arg(commaList(st.edited));
    for (const DatabaseStatus::StepFailure &f : st.failures)
        lines << (f.partlyApplied
                      ? QStringLiteral("Last attempt of %1 stopped part way (%2; transactional: "
                                       "false, so statements that ran stay applied): %3")
                  : f.record.cancelled ? QStringLiteral("Last attempt of %1 was cancelled (%2): %3")
                                       : QStringLiteral("Last attempt of %1 failed (%2): %3"))
                     .arg(f.record.revision,
                          f.record.startedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")),
                          f.record.error);
    if (!st.historyUnknown.isEmpty())
        lines << QStringLiteral("Failed and edited migrations: %1").arg(st.historyUnknown);
    if (!st.invalidIndexes.isEmpty())
        lines << QStringLiteral("Invalid indexes (kept by the server but never used, left by a "
                                "failed CREATE INDEX CONCURRENTLY): %1; drop them with DROP INDEX "
                                "CONCURRENTLY and run the migration again")
                     .arg(commaList(st.invalidIndexes));
    if (!st.invalidIndexesUnknown.isEmpty())
        lines << QStringLiteral("Invalid indexes: %1").arg(st.invalidIndexesUnknown);
    return lines;
}

QJsonObject statusJson(const DatabaseStatus &st)
{
    QJsonObject o{{QStringLiteral("database"), st.database},
                  {QStringLiteral("engine"), st.engine},
                  {QStringLiteral("reachable"), st.reachable}};
    if (!st.reachable) {
        o.insert(QStringLiteral("problem"),
                 QJsonObject{{QStringLiteral("message"), st.problem.message},
                             {QStringLiteral("code"), QLatin1String(codeName(st.problem.code))},
                             {QStringLiteral("sql_state"), st.problem.sqlState},
                             {QStringLiteral("details"), toJson(st.problem.details)}});
        return o;
    }
    QJsonArray failed, overlapping;
    for (const DatabaseStatus::StepFailure &f : st.failures)
        failed.append(QJsonObject{
            {QStringLiteral("revision"), f.record.revision},
            {QStringLiteral("direction"), f.record.direction},
            {QStringLiteral("started_at"), f.record.startedAt.toString(Qt::ISODateWithMs)},
            {QStringLiteral("error"), f.record.error},
            {QStringLiteral("cancelled"), f.record.cancelled},
            {QStringLiteral("partly_applied"), f.partlyApplied}});
    for (const DatabaseStatus::Overlap &x : st.overlapping)
        overlapping.append(
            QJsonObject{{QStringLiteral("row"), x.row}, {QStringLiteral("ancestor"), x.ancestor}});
    o.insert(QStringLiteral("exists"), st.exists);
    o.insert(QStringLiteral("current"), toJson(st.current));
    o.insert(QStringLiteral("heads"), toJson(st.heads));
    o.insert(QStringLiteral("pending"),
             st.pendingUnknown.isEmpty() ? QJsonValue(toJson(st.pending)) : QJsonValue());
    if (!st.pendingUnknown.isEmpty())
        o.insert(QStringLiteral("pending_unknown"), st.pendingUnknown);
    o.insert(QStringLiteral("up_to_date"), st.upToDate());
    o.insert(QStringLiteral("consistent"), st.consistent());
    o.insert(QStringLiteral("unknown_rows"), toJson(st.unknownRows));
    o.insert(QStringLiteral("overlapping"), overlapping);
    o.insert(QStringLiteral("edited"), toJson(st.edited));
    o.insert(QStringLiteral("failed"), failed);
    o.insert(QStringLiteral("invalid_indexes"), toJson(st.invalidIndexes));
    if (!st.historyUnknown.isEmpty())
        o.insert(QStringLiteral("history_unknown"), st.historyUnknown);
    return o;
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

int Cli::status()
{
    auto migrator = openMigrator();
    if (!migrator)
        return fail(migrator.error());
    Migrator &mig = **migrator;
    const DatabaseStatus st = mig.status();
    if (m_inv.json) {
        printJson(statusJson(st));
        return st.reachable ? Success : Failure;
    }
    if (!st.reachable)
        return fail(st.problem);
    const RevisionGraph &graph = mig.graph();
    say(QStringLiteral("Database: %1 (%2)").arg(st.database, st.engine));
    if (!st.exists)
        say(QStringLiteral("Current:  (base: the database does not exist yet)"));
    else if (st.current.isEmpty())
        say(QStringLiteral("Current:  (base: no revision applied)"));
    for (const QString &id : st.current) {
        const int i = graph.indexOf(id);
        say(QStringLiteral("Current:  %1")
                .arg(i < 0 ? QStringLiteral("%1 (no migration file)").arg(id)
                           : QStringLiteral("%1%2, %3")
                                 .arg(id, flags(graph, i, false), graph.migration(i).message)));
    }
    if (!st.pendingUnknown.isEmpty())
        say(QStringLiteral("Pending:  %1").arg(st.pendingUnknown));
    else if (st.pending.isEmpty())
        say(QStringLiteral("Pending:  none; the database is at the heads (%1)")
                .arg(st.heads.isEmpty() ? QStringLiteral("no migrations") : commaList(st.heads)));
    else
        say(QStringLiteral("Pending:  %1 migration%2: %3")
                .arg(st.pending.size())
                .arg(st.pending.size() == 1 ? QString() : QStringLiteral("s"),
                     commaList(st.pending)));
    for (const QString &line : statusProblems(st))
        say(line);
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
        QStringLiteral("SQLite project: checked %1, and each statement compiled by SQLite "
                       "itself; the PostgreSQL lock rules do not apply%2.")
            .arg(Linter::rulesFor(SqlDialect::SQLite).join(QLatin1String(", ")),
                 unread == 0
                     ? QString()
                     : QStringLiteral("; %1 in SQLite's own syntax %2 checked for "
                                      "transaction control only")
                           .arg(countOf(unread, QStringLiteral("statement")),
                                unread == 1 ? QStringLiteral("was") : QStringLiteral("were")));
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
    const QString checked = countOf(chosen.size(), QStringLiteral("migration"));
    say(findings.isEmpty()
            ? QStringLiteral("No findings in %1.").arg(checked)
            : QStringLiteral("%1 in %2; silence one with `-- strata:allow RULE` "
                             "on its statement.")
                  .arg(countOf(findings.size(), QStringLiteral("finding")), checked));
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
        m_err << QStringLiteral("strata: verify: irreversible %1 without a downgrade section: "
                                "%2; the round trip cannot be checked\n")
                     .arg(nounFor(report->irreversible.size(), QStringLiteral("revision")),
                          commaList(report->irreversible));
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
        say(QStringLiteral("Reversible: %1, identical after both upgrades, and nothing left "
                           "after the downgrade.")
                .arg(countOf(report->objects, QStringLiteral("schema object"))));
        return Success;
    }
    m_err << QStringLiteral("strata: verify: %1 left behind by the downgrade, %2 between the "
                            "two upgrades\n")
                 .arg(countOf(report->leftBehind.size(), QStringLiteral("object")),
                      countOf(report->differences.size(), QStringLiteral("difference")));
    return Failure;
}

int Cli::current()
{
    auto migrator = openMigrator();
    if (!migrator)
        return fail(migrator.error());
    Migrator &mig = **migrator;
    const DatabaseStatus st = mig.status();
    if (!st.reachable)
        return fail(st.problem);
    if (m_inv.json) {
        printJson({{QStringLiteral("current"), toJson(st.current)},
                   {QStringLiteral("exists"), st.exists}});
        return Success;
    }
    const RevisionGraph &graph = mig.graph();
    // A database that is not there is named: a mistyped name must not read as a plain "base".
    if (!st.exists)
        say(QStringLiteral("(base: the database %1 does not exist yet)").arg(st.database));
    else if (st.current.isEmpty())
        say(QStringLiteral("(base: no revision applied)"));
    for (const QString &id : st.current) {
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
    // What is wrong (a failed step, rows that contradict each other) is worth a warning here
    // too: stderr, so scripts reading the revisions are not disturbed.
    for (const QString &line : statusProblems(st))
        m_err << QStringLiteral("strata: warning: %1\n").arg(line);
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
    QStringList rows;
    if (needsDatabase) {
        const DatabaseStatus st = mig.status();
        if (!st.reachable)
            return fail(st.problem);
        rows = st.current;
        const QList<int> known = [&] {
            QList<int> out;
            for (const QString &row : st.current)
                if (const int i = graph.indexOf(row); i >= 0)
                    out.append(i);
            return out;
        }();
        const QList<int> below = graph.ancestors(known);
        applied = QSet<int>(below.cbegin(), below.cend());
        currentSet = QSet<int>(known.cbegin(), known.cend());
        // A version row no file has would otherwise show as nothing applied at all.
        for (const QString &line : statusProblems(st))
            m_err << QStringLiteral("strata: warning: %1\n").arg(line);
    }
    auto revisions =
        revisionsInRange(graph, m_inv.range, [&]() -> Result<QStringList> { return rows; });
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
    Migrator &mig = **migrator;
    if (mig.graph().isEmpty())
        return fail(mig.project().emptyProjectError());
    const DatabaseStatus st = mig.status();
    if (!st.reachable)
        return fail(st.problem);
    if (!st.historyUnknown.isEmpty())
        return fail(Error::failure(st.historyUnknown));
    if (!st.invalidIndexesUnknown.isEmpty())
        return fail(Error::failure(st.invalidIndexesUnknown));
    const bool upToDate = st.upToDate();
    if (m_inv.json) {
        QJsonObject o = statusJson(st);
        QJsonArray failed;
        for (const DatabaseStatus::StepFailure &f : st.failures)
            failed.append(f.record.revision);
        o.insert(QStringLiteral("failed"), failed);
        printJson(o);
        return upToDate ? Success : CheckFailed;
    }
    if (upToDate) {
        say(QStringLiteral("Up to date: the database is at the heads (%1).")
                .arg(commaList(st.heads)));
        return Success;
    }
    if (!st.consistent())
        m_out << QStringLiteral("Inconsistent: the version rows (%1) do not describe one state "
                                "of the project\n")
                     .arg(st.current.isEmpty() ? QStringLiteral("none") : commaList(st.current));
    else if (!st.pendingUnknown.isEmpty())
        m_out << QStringLiteral("Pending: %1\n").arg(st.pendingUnknown);
    if (!st.pending.isEmpty())
        m_out << QStringLiteral("Behind: %1 pending: %2\n")
                     .arg(countOf(st.pending.size(), QStringLiteral("migration")),
                          commaList(st.pending));
    for (const QString &line : statusProblems(st))
        m_out << line << '\n';
    return CheckFailed;
}

} // namespace strata::cli
