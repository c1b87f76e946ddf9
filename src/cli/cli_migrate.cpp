#include "cli.h"
#include "text/englishcount.h"

#include "engine/executor.h"
#include "interrupts.h"
#include "migrator.h"
#include "project/migration.h"
#include "revision/revisiongraph.h"

#include <QElapsedTimer>
#include <QJsonArray>

#include <unistd.h>

namespace strata::cli {

namespace {

QString stepLine(const RevisionGraph &graph, const PlanStep &step)
{
    const QString verb = step.stamp
                             ? QStringLiteral("stamp")
                             : (step.direction == Direction::Up ? QStringLiteral("upgrade")
                                                                : QStringLiteral("downgrade"));
    QString line = QStringLiteral("%1 %2 -> %3")
                       .arg(verb, step.fromRevisions.join(QLatin1String(", ")),
                            step.toRevisions.join(QLatin1String(", ")));
    if (!step.stamp)
        if (const int i = graph.indexOf(step.revision); i >= 0)
            line += QStringLiteral(", %1").arg(graph.migration(i).message);
    return line;
}

QJsonObject planJson(const Plan &plan)
{
    QJsonArray steps;
    for (const PlanStep &step : plan.steps) {
        QJsonObject s{{QStringLiteral("revision"), step.revision},
                      {QStringLiteral("direction"), directionName(step.direction)}};
        if (step.stamp)
            s.insert(QStringLiteral("stamp"), true);
        steps.append(s);
    }
    QJsonObject out{{QStringLiteral("steps"), steps},
                    {QStringLiteral("from"), QJsonArray::fromStringList(plan.startHeads)},
                    {QStringLiteral("to"), QJsonArray::fromStringList(plan.endHeads)}};
    if (!plan.irreversible.isEmpty())
        out.insert(QStringLiteral("irreversible"), QJsonArray::fromStringList(plan.irreversible));
    return out;
}

} // namespace

int Cli::printPlan(const Migrator &migrator, const Plan &plan)
{
    if (m_inv.json) {
        printJson(planJson(plan));
        return Success;
    }
    if (plan.steps.isEmpty()) {
        say(QStringLiteral("Nothing to do: the database is already there."));
        return Success;
    }
    for (int k = 0; k < plan.steps.size(); ++k)
        say(QStringLiteral("%1. %2").arg(k + 1).arg(stepLine(migrator.graph(), plan.steps[k])));
    if (!plan.irreversible.isEmpty())
        say(QStringLiteral("Irreversible (no downgrade section): %1")
                .arg(plan.irreversible.join(QLatin1String(", "))));
    return Success;
}

OperationContext Cli::operationContext(const QString &profile) const
{
    OperationContext context;
    context.source = QStringLiteral("cli");
    context.profile = profile;
    context.reason = m_inv.reason;
    context.auditFailed = [this](const Error &e) {
        m_err << QStringLiteral("strata: warning: the audit log was not written: %1\n")
                     .arg(e.toString());
    };
    return context;
}

Result<Cli::Guarded> Cli::confirm(GuardedAction action, GuardedMode mode,
                                  const QString &profileName, const Migrator *migrator)
{
    std::optional<Profile> profile;
    if (!profileName.isEmpty()) {
        auto p = findProfile(profileName);
        if (!p)
            return p.error();
        profile = *p;
    }
    QString name;
    if (!profile && migrator && mode == GuardedMode::Apply) {
        auto n = Protection::databaseName(migrator->connectionInfo());
        if (!n)
            return n.error();
        name = *n;
    }
    const Guard guard = Protection::guard(action, mode, profile ? &*profile : nullptr, name);
    Guarded guarded;
    guarded.lintBlock = LintPolicy::blockFor(profile ? &*profile : nullptr, mode);
    auto backupFirst = Protection::backupFirst(guard, m_inv.backupFirst);
    if (!backupFirst)
        return backupFirst.error();
    guarded.backupFirst = *backupFirst;
    if (!guard.needsConfirmation())
        return guarded;
    QString typed = m_inv.confirm;
    if (!m_inv.confirmGiven) {
        std::optional<QString> answer;
        const QString question = QStringLiteral("%1.\nType the database name (%2) to go ahead: ")
                                     .arg(guard.why, guard.confirmName);
        if (m_ask) {
            answer = m_ask(question);
        } else if (isatty(STDIN_FILENO)) {
            m_err << question;
            m_err.flush();
            QTextStream in(stdin);
            const QString line = in.readLine();
            if (!line.isNull())
                answer = line;
        }
        if (!answer) {
            Error e = Protection::check(guard, {}).error();
            e.message += QStringLiteral("; add --confirm %1 (standard input is not a terminal "
                                        "to ask on)")
                             .arg(guard.confirmName);
            return e;
        }
        typed = *answer;
    }
    if (auto s = Protection::check(guard, typed); !s) {
        Error e = s.error();
        e.message += QStringLiteral(" (--confirm %1)").arg(guard.confirmName);
        return e;
    }
    return guarded;
}

BackupCallbacks Cli::backupCallbacks()
{
    BackupCallbacks callbacks;
    callbacks.cancel = &m_interrupted;
    callbacks.progress = [this](const BackupProgress &p) {
        note(QStringLiteral("  %1").arg(p.text));
    };
    return callbacks;
}

Status Cli::backupBefore(Operations &operations, const QString &action)
{
    BackupRequest request;
    request.outDir = m_inv.outDir;
    BackupInfo taken;
    auto s = operations.backupBefore(action, request, backupCallbacks(), &taken);
    if (s)
        say(QStringLiteral("Backed up to %1 before the %2.").arg(taken.path, action));
    return s;
}

Status Cli::reportLint(const Operations &operations, const Plan &plan, LintBlock block)
{
    if (block == LintBlock::Nothing || m_inv.dryRun)
        return {};
    const LintReview review = operations.lintReview(plan);
    // What blocks is the refusal's own list; Operations refuses it again before running.
    if (auto s = LintPolicy::check(review, m_inv.overrideLint); !s) {
        Error e = s.error();
        e.message += QStringLiteral(" (--override-lint REASON)");
        return e;
    }
    if (m_inv.quiet)
        return {};
    for (const StepFindings &step : review.steps)
        for (const LintFinding &f : step.findings)
            m_err << QStringLiteral("strata: lint %1: %2:%3: [%4] %5%6\n")
                         .arg(LintFinding::severityName(f.severity), f.file)
                         .arg(f.line)
                         .arg(f.rule, f.message,
                              review.blocks(f) && !m_inv.overrideLint.isEmpty()
                                  ? QStringLiteral(" (overridden: %1)").arg(m_inv.overrideLint)
                                  : QString());
    return {};
}

int Cli::upgradeOrDowngrade(bool upgrade)
{
    auto migrator = openMigrator();
    if (!migrator)
        return fail(migrator.error());
    Migrator &mig = **migrator;
    QString target = m_inv.arguments.first();

    if (m_inv.sql) {
        // Offline: start from FROM (or base) and touch no database.
        QStringList start;
        if (const qsizetype colon = target.indexOf(QLatin1Char(':')); colon >= 0) {
            auto from = mig.graph().resolve(target.left(colon));
            if (!from)
                return fail(from.error());
            start = mig.graph().ids(*from);
            target = target.mid(colon + 1);
        } else if (!upgrade) {
            return fail(
                Error::usage(QStringLiteral("downgrade --sql needs FROM:TO, e.g. heads:base")));
        }
        auto plan =
            upgrade ? mig.planUpgradeFrom(start, target) : mig.planDowngradeFrom(start, target);
        if (!plan)
            return fail(plan.error());
        if (!upgrade && !plan->irreversible.isEmpty())
            return fail(Error::failure(
                QStringLiteral("cannot downgrade: irreversible %1 %2 %3 no downgrade section")
                    .arg(nounFor(plan->irreversible.size(), QStringLiteral("revision")),
                         plan->irreversible.join(QLatin1String(", ")),
                         hasOrHave(plan->irreversible.size()))));
        auto sql = mig.offlineSql(*plan, m_inv.singleTransaction);
        if (!sql)
            return fail(sql.error());
        m_out << *sql;
        return Success;
    }
    if (target.contains(QLatin1Char(':')))
        return fail(Error::usage(QStringLiteral("a FROM:TO range needs --sql")));
    announceTarget(mig);
    const GuardedMode mode = m_inv.plan     ? GuardedMode::Plan
                             : m_inv.dryRun ? GuardedMode::DryRun
                                            : GuardedMode::Apply;
    auto guarded =
        confirm(upgrade ? GuardedAction::Upgrade : GuardedAction::Downgrade, mode, m_inv.profile);
    if (!guarded)
        return fail(guarded.error());
    if (m_inv.createDatabase) {
        auto created = Operations(mig, operationContext(m_inv.profile)).createDatabase();
        if (!created)
            return fail(created.error());
        if (*created)
            say(QStringLiteral("Created database %1.").arg(mig.databaseDisplay()));
    }

    auto plan = upgrade ? mig.planUpgrade(target) : mig.planDowngrade(target);
    if (!plan)
        return fail(plan.error());
    if (m_inv.plan)
        return printPlan(mig, *plan);

    RunOptions options = runOptions();
    options.progress = [this, &mig, &plan](const Progress &p) {
        if (p.statement == 0)
            say(QStringLiteral("Running %1").arg(stepLine(mig.graph(), p.planStep)));
        else if (m_inv.verbose)
            note(QStringLiteral("  statement %1 of %2").arg(p.statement).arg(p.statementCount));
    };
    options.notice = [this](const QString &text) { note(text); };
    options.singleTransaction = m_inv.singleTransaction;
    options.dryRun = m_inv.dryRun;
    QElapsedTimer timer;
    timer.start();
    OperationContext context = operationContext(m_inv.profile);
    context.lintBlock = guarded->lintBlock;
    context.lintOverride = m_inv.overrideLint;
    Operations operations(mig, context);
    if (auto s = reportLint(operations, *plan, guarded->lintBlock); !s)
        return fail(s.error());
    BackupInfo taken;
    auto ran = [&]() -> Result<Plan> {
        const Interrupts::Scope stopping([this, &mig] {
            m_interrupted.store(true);
            mig.cancel();
        });
        if (!guarded->backupFirst || m_inv.dryRun)
            return operations.run(*plan, options);
        // The lint policy refuses before the backup; a failed backup means nothing runs.
        return operations.runAfterBackup(*plan, options, BackupRequest{}, backupCallbacks(),
                                         &taken);
    }();
    if (!taken.path.isEmpty())
        say(QStringLiteral("Backed up to %1 before the %2.")
                .arg(taken.path, Operations::actionName(*plan, false)));
    if (m_inv.dryRun) { // nothing changed: nothing audited
        if (!ran)
            return fail(ran.error());
        say(QStringLiteral("Dry run: %1 ran in %2 ms and %3 rolled back; the database is "
                           "unchanged.")
                .arg(countOf(ran->steps.size(), QStringLiteral("migration")))
                .arg(timer.elapsed())
                .arg(ran->steps.size() == 1 ? QStringLiteral("was") : QStringLiteral("were")));
        return Success;
    }
    if (!ran)
        return fail(ran.error());
    if (m_inv.json) {
        QJsonObject out = planJson(*ran);
        out.insert(QStringLiteral("current"), QJsonArray::fromStringList(ran->endHeads));
        if (!taken.path.isEmpty())
            out.insert(QStringLiteral("backup"), taken.path);
        printJson(out);
        return Success;
    }
    if (ran->steps.isEmpty())
        say(QStringLiteral("Nothing to do: the database is already at %1.")
                .arg(ran->endHeads.isEmpty() ? QStringLiteral("base")
                                             : ran->endHeads.join(QLatin1String(", "))));
    else
        say(QStringLiteral("%1 %2 in %3 ms; now at %4.")
                .arg(upgrade ? QStringLiteral("Applied") : QStringLiteral("Reverted"))
                .arg(countOf(ran->steps.size(), QStringLiteral("migration")))
                .arg(timer.elapsed())
                .arg(ran->endHeads.isEmpty() ? QStringLiteral("base")
                                             : ran->endHeads.join(QLatin1String(", "))));
    return Success;
}

RunOptions Cli::runOptions()
{
    RunOptions options;
    options.cancel = &m_interrupted;
    options.lockWaitSeconds = m_inv.lockWait;
    options.lockTimeoutMs = m_inv.lockTimeoutMs;
    options.statementTimeoutMs = m_inv.statementTimeoutMs;
    return options;
}

int Cli::stamp()
{
    auto migrator = openMigrator();
    if (!migrator)
        return fail(migrator.error());
    Migrator &mig = **migrator;
    QStringList targets = m_inv.arguments;
    if (m_inv.sql) {
        QStringList start;
        for (QString &t : targets) {
            if (const qsizetype colon = t.indexOf(QLatin1Char(':')); colon >= 0) {
                auto from = mig.graph().resolve(t.left(colon));
                if (!from)
                    return fail(from.error());
                start = mig.graph().ids(*from);
                t = t.mid(colon + 1);
            }
        }
        auto plan = mig.planStampFrom(start, targets, m_inv.purge);
        if (!plan)
            return fail(plan.error());
        auto sql = mig.offlineSql(*plan);
        if (!sql)
            return fail(sql.error());
        m_out << *sql;
        return Success;
    }
    announceTarget(mig);
    auto guarded = confirm(GuardedAction::Stamp, GuardedMode::Apply, m_inv.profile);
    if (!guarded)
        return fail(guarded.error());
    const RunOptions options = runOptions();
    Operations operations(mig, operationContext(m_inv.profile));
    auto ran = [&]() -> Result<Plan> {
        const Interrupts::Scope stopping([this, &mig] {
            m_interrupted.store(true);
            mig.cancel();
        });
        if (guarded->backupFirst)
            if (auto s = backupBefore(operations, m_inv.purge ? QStringLiteral("stamp --purge")
                                                              : QStringLiteral("stamp"));
                !s)
                return s.error();
        return operations.stamp(targets, m_inv.purge, options);
    }();
    if (!ran)
        return fail(ran.error());
    if (m_inv.json) {
        QJsonObject out = planJson(*ran);
        out.insert(QStringLiteral("current"), QJsonArray::fromStringList(ran->endHeads));
        printJson(out);
        return Success;
    }
    say(QStringLiteral("Stamped: the version table now holds %1.")
            .arg(ran->endHeads.isEmpty() ? QStringLiteral("no revision (base)")
                                         : ran->endHeads.join(QLatin1String(", "))));
    return Success;
}

int Cli::repair()
{
    auto migrator = openMigrator();
    if (!migrator)
        return fail(migrator.error());
    announceTarget(**migrator);
    auto guarded = confirm(GuardedAction::Repair, GuardedMode::Apply, m_inv.profile);
    if (!guarded)
        return fail(guarded.error());
    Operations operations(**migrator, operationContext(m_inv.profile));
    if (guarded->backupFirst)
        if (auto s = backupBefore(operations, QStringLiteral("repair")); !s)
            return fail(s.error());
    auto repaired = operations.repair();
    if (!repaired)
        return fail(repaired.error());
    if (m_inv.json) {
        printJson({{QStringLiteral("repaired"), QJsonArray::fromStringList(*repaired)}});
        return Success;
    }
    if (repaired->isEmpty())
        say(QStringLiteral("Nothing to repair: no applied migration was edited."));
    for (const QString &rev : *repaired)
        say(QStringLiteral("Accepted the edited upgrade section of %1.").arg(rev));
    return Success;
}

} // namespace strata::cli
