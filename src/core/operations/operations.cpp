#include "operations/operations.h"

#include "project/migration.h"
#include "revision/revisiongraph.h"

#include <QDateTime>
#include <QElapsedTimer>

namespace strata {

namespace {

bool isCancelled(const Error &error, const std::atomic<bool> *flag)
{
    return error.code == Error::Code::Cancelled || (flag && flag->load());
}

QString joined(const QStringList &revisions)
{
    return revisions.join(QLatin1Char(','));
}

} // namespace

Operations::Operations(Migrator &migrator, OperationContext context)
    : m_migrator(migrator), m_context(std::move(context))
{
}

QString Operations::actionName(const Plan &plan, bool guided)
{
    if (guided)
        return QStringLiteral("guided rollback");
    switch (plan.request) {
    case Plan::Request::Upgrade:
        return QStringLiteral("upgrade");
    case Plan::Request::Downgrade:
        return QStringLiteral("downgrade");
    case Plan::Request::Stamp:
        return plan.purge ? QStringLiteral("stamp --purge") : QStringLiteral("stamp");
    case Plan::Request::None:
        break;
    }
    // A plan made by hand: its steps say what it is.
    for (const PlanStep &step : plan.steps)
        if (!step.stamp)
            return step.direction == Direction::Up ? QStringLiteral("upgrade")
                                                   : QStringLiteral("downgrade");
    return plan.purge ? QStringLiteral("stamp --purge") : QStringLiteral("stamp");
}

AuditEntry Operations::entry(const QString &action, qint64 durationMs) const
{
    AuditEntry e = AuditEntry::of(m_context.source, m_context.profile, m_migrator.databaseDisplay(),
                                  action, durationMs);
    e.reason = m_context.reason;
    return e;
}

void Operations::append(const AuditEntry &entry) const
{
    const AuditLog log(m_context.auditFile.isEmpty() ? AuditLog::defaultFilePath()
                                                     : m_context.auditFile);
    if (auto s = log.append(entry); !s && m_context.auditFailed)
        m_context.auditFailed(s.error());
}

QString Operations::outcome(const Error *error, bool cancelled)
{
    if (!error)
        return QStringLiteral("success");
    if (cancelled)
        return QStringLiteral("cancelled");
    return QStringLiteral("failed: ") + error->message;
}

QString Operations::rowsNow(QString *unread)
{
    auto now = m_migrator.current();
    if (!now && (now.error().code == Error::Code::ConnectionLost ||
                 now.error().code == Error::Code::ConnectionFailed)) {
        m_migrator.disconnect(); // a lost session: once more over a new connection
        now = m_migrator.current();
    }
    if (now)
        return joined(*now);
    if (unread)
        *unread = QStringLiteral("not read back: ") +
                  now.error().message.section(QLatin1Char('\n'), 0, 0);
    return AuditEntry::unknownRevisions();
}

LintReview Operations::lintReview(const Plan &plan) const
{
    const RevisionGraph &graph = m_migrator.graph();
    return LintPolicy::review(
        plan,
        [&graph](const QString &revision) -> const Migration * {
            const int i = graph.indexOf(revision);
            return i >= 0 ? &graph.migration(i) : nullptr;
        },
        dialectOfEngine(m_migrator.engine()), m_context.lintBlock);
}

Status Operations::passLint(const Plan &plan, const RunOptions &options)
{
    if (options.dryRun || m_context.lintBlock == LintBlock::Nothing)
        return {}; // a dry run keeps nothing: the findings may be tried
    const LintReview review = lintReview(plan);
    if (auto s = LintPolicy::check(review, m_context.lintOverride); !s)
        return s;
    if (!review.blocked())
        return {};
    AuditEntry e = entry(
        QStringLiteral("lint override: ") + review.blockingRules().join(QLatin1String(", ")), 0);
    e.reason = m_context.lintOverride.trimmed();
    e.fromRevisions = joined(plan.startHeads);
    e.toRevisions = joined(plan.endHeads);
    e.result = QStringLiteral("success");
    append(e);
    return {};
}

Result<Plan> Operations::run(const Plan &plan, const RunOptions &options)
{
    if (auto s = passLint(plan, options); !s)
        return s.error();
    return runPassed(plan, options);
}

Result<Plan> Operations::runPassed(const Plan &plan, const RunOptions &options)
{
    QElapsedTimer clock;
    clock.start();
    RunOptions opts = options;
    // A guided rollback leaves an entry per step, written as the next step starts.
    QDateTime stepStarted = QDateTime::currentDateTimeUtc();
    int stepsDone = 0;
    auto auditStep = [&](int index, const QString &result) {
        if (!m_context.guided || index < 0 || index >= plan.steps.size())
            return;
        const PlanStep &step = plan.steps.at(index);
        AuditEntry e = entry(QStringLiteral("rollback step %1/%2: %3 %4")
                                 .arg(index + 1)
                                 .arg(plan.steps.size())
                                 .arg(directionName(step.direction), step.revision),
                             stepStarted.msecsTo(QDateTime::currentDateTimeUtc()));
        e.fromRevisions = joined(step.fromRevisions);
        e.toRevisions = joined(step.toRevisions);
        e.result = result;
        append(e);
        stepStarted = QDateTime::currentDateTimeUtc();
    };
    if (m_context.guided && !options.dryRun) {
        opts.progress = [&, next = options.progress](const Progress &p) {
            if (p.statement == 0) {
                stepsDone = p.step - 1;
                if (p.step > 1)
                    auditStep(p.step - 2, QStringLiteral("success"));
                else
                    stepStarted = QDateTime::currentDateTimeUtc();
            }
            if (next)
                next(p);
        };
    }
    auto ran = m_migrator.run(plan, opts);
    if (options.dryRun) // nothing changed: nothing to audit
        return ran;
    const bool cancelled = !ran && isCancelled(ran.error(), options.cancel);
    AuditEntry e = entry(actionName(plan, m_context.guided), clock.elapsed());
    e.fromRevisions = joined(plan.startHeads);
    e.result = outcome(ran ? nullptr : &ran.error(), cancelled);
    if (ran) {
        auditStep(int(plan.steps.size()) - 1, e.result);
        e.toRevisions = joined(ran->endHeads);
    } else {
        auditStep(stepsDone, e.result);
        e.toRevisions = rowsNow(&e.unread);
    }
    append(e);
    return ran;
}

Result<Plan> Operations::stamp(const QStringList &targets, bool purge, const RunOptions &options)
{
    QElapsedTimer clock;
    clock.start();
    const auto before = m_migrator.current();
    auto ran = m_migrator.stamp(targets, purge, options);
    AuditEntry e =
        entry(purge ? QStringLiteral("stamp --purge") : QStringLiteral("stamp"), clock.elapsed());
    if (before) {
        e.fromRevisions = joined(*before);
    } else {
        e.fromRevisions = AuditEntry::unknownRevisions();
        e.unread = QStringLiteral("not read before: ") +
                   before.error().message.section(QLatin1Char('\n'), 0, 0);
    }
    e.result =
        outcome(ran ? nullptr : &ran.error(), !ran && isCancelled(ran.error(), options.cancel));
    e.toRevisions = ran ? joined(ran->endHeads) : rowsNow(e.unread.isEmpty() ? &e.unread : nullptr);
    append(e);
    return ran;
}

Result<QStringList> Operations::repair()
{
    QElapsedTimer clock;
    clock.start();
    auto repaired = m_migrator.repair();
    AuditEntry e = entry(QStringLiteral("repair"), clock.elapsed());
    // Repair moves no version row: before and after are the same.
    e.fromRevisions = rowsNow(&e.unread);
    e.toRevisions = e.fromRevisions;
    e.result = outcome(repaired ? nullptr : &repaired.error(), false);
    append(e);
    return repaired;
}

Result<bool> Operations::createDatabase()
{
    QElapsedTimer clock;
    clock.start();
    auto created = m_migrator.createDatabaseIfMissing();
    if (created && !*created)
        return false; // there already: nothing happened, nothing to record
    AuditEntry e = entry(QStringLiteral("create database"), clock.elapsed());
    e.result = outcome(created ? nullptr : &created.error(), false);
    append(e);
    return created;
}

Result<BackupInfo> Operations::backup(BackupRequest request, const BackupCallbacks &callbacks)
{
    auto current = m_migrator.current();
    if (!current)
        return current.error();
    request.connection = m_migrator.connectionInfo();
    if (request.profile.isEmpty())
        request.profile = m_context.profile;
    request.revisions = *current;
    QElapsedTimer clock;
    clock.start();
    auto info = BackupRunner::run(request, callbacks);
    AuditEntry e = entry(QStringLiteral("backup"), clock.elapsed());
    e.fromRevisions = joined(*current);
    e.toRevisions = e.fromRevisions;
    e.result = outcome(info ? nullptr : &info.error(),
                       !info && isCancelled(info.error(), callbacks.cancel));
    append(e);
    return info;
}

Result<Plan> Operations::runAfterBackup(const Plan &plan, const RunOptions &options,
                                        BackupRequest backupRequest,
                                        const BackupCallbacks &callbacks, BackupInfo *taken)
{
    // Refused by the lint policy: no backup either.
    if (auto s = passLint(plan, options); !s)
        return s.error();
    if (auto s = backupBefore(actionName(plan, m_context.guided), std::move(backupRequest),
                              callbacks, taken);
        !s)
        return s.error();
    return runPassed(plan, options);
}

Status Operations::backupBefore(const QString &action, BackupRequest request,
                                const BackupCallbacks &callbacks, BackupInfo *taken)
{
    auto backedUp = backup(std::move(request), callbacks);
    if (!backedUp) {
        Error e = backedUp.error();
        e.message = QStringLiteral("the backup before the %1 failed, so nothing ran: %2")
                        .arg(action, e.message);
        return e;
    }
    if (taken)
        *taken = *backedUp;
    return {};
}

Result<RestoreResult> Operations::restore(RestoreRequest request, const BackupCallbacks &callbacks)
{
    QString unread;
    const QString before = rowsNow(&unread);
    m_migrator.disconnect(); // the restore replaces what this connection sees
    request.target = m_migrator.connectionInfo();
    QElapsedTimer clock;
    clock.start();
    auto restored = RestoreRunner::run(request, callbacks);
    AuditEntry e = entry(QStringLiteral("restore"), clock.elapsed());
    e.fromRevisions = before;
    e.unread = unread;
    e.toRevisions = restored ? joined(restored->backup.revisions)
                             : rowsNow(unread.isEmpty() ? &e.unread : nullptr);
    e.result = outcome(restored ? nullptr : &restored.error(),
                       !restored && isCancelled(restored.error(), callbacks.cancel));
    append(e);
    return restored;
}

} // namespace strata
