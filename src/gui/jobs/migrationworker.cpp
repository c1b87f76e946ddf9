#include "jobs/migrationworker.h"

#include "backup/backuprunner.h"
#include "connection/connectiondisplay.h"
#include "connection/connectioninfo.h"
#include "engine/executor.h"
#include "loadedproject.h"
#include "operations/operations.h"
#include "revision/revisiongraph.h"
#include "settings/settings.h"

#include <optional>

#include <QElapsedTimer>
#include <QSet>

#include <spdlog/spdlog.h>

namespace strata::gui {

namespace {

std::shared_ptr<spdlog::logger> jobLog()
{
    auto logger = spdlog::get("strata");
    return logger ? logger : spdlog::default_logger();
}

enum class Level { Info, Warning, Error };

// A line in the Activity log and the log file, in the app's language.
void logLine(Level level, const QString &text)
{
    const std::string line = text.toStdString();
    switch (level) {
    case Level::Info:
        jobLog()->info("{}", line);
        break;
    case Level::Warning:
        jobLog()->warn("{}", line);
        break;
    case Level::Error:
        jobLog()->error("{}", line);
        break;
    }
}

// Where a database is, in words: "at abc123, def456", or "no revision applied" (never "at []").
QString where(const QStringList &revisions)
{
    return revisions.isEmpty()
               ? MigrationWorker::tr("no revision applied")
               : MigrationWorker::tr("at %1").arg(revisions.join(QLatin1String(", ")));
}

// The app's side of an audited operation: a log that cannot be written goes to the log.
OperationContext operationContext(const QString &profile, const QString &reason, bool guided)
{
    OperationContext context;
    context.source = QStringLiteral("gui");
    context.profile = profile;
    context.reason = reason;
    context.guided = guided;
    context.auditFailed = [profile](const Error &e) {
        logLine(Level::Error, MigrationWorker::tr("%1: could not write the audit log: %2")
                                  .arg(profile, e.toString()));
    };
    return context;
}

// The answer of a job whose Cancel came while it still waited behind another job.
Error cancelledBeforeStart()
{
    Error e = Error::failure(QObject::tr("Cancelled before it started; nothing ran."));
    e.code = Error::Code::Cancelled;
    return e;
}

} // namespace

QString PlanRequest::actionName() const
{
    switch (kind) {
    case Kind::Upgrade:
        return QStringLiteral("upgrade");
    case Kind::Downgrade:
        return QStringLiteral("downgrade");
    case Kind::Stamp:
        return QStringLiteral("stamp");
    }
    return {};
}

QString PlanRequest::description() const
{
    const QString target = targets.join(QLatin1String(", "));
    switch (kind) {
    case Kind::Upgrade:
        return QObject::tr("Upgrade to %1").arg(target);
    case Kind::Downgrade:
        return QObject::tr("Downgrade to %1").arg(target);
    case Kind::Stamp:
        return purge ? QObject::tr("Stamp %1 (purge)").arg(target)
                     : QObject::tr("Stamp %1").arg(target);
    }
    return {};
}

MigrationWorker::MigrationWorker(MigratorOptions options, QString label, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_label(std::move(label))
{
}

MigrationWorker::~MigrationWorker() = default;

void MigrationWorker::setOptions(const MigratorOptions &options)
{
    m_options = options;
    QMutexLocker lock(&m_mutex);
    m_migrator.reset();
}

void MigrationWorker::beginJob(const CancelToken &token)
{
    QMutexLocker lock(&m_mutex);
    m_token = token ? token : std::make_shared<std::atomic<bool>>(false);
}

void MigrationWorker::cancel(const CancelToken &token)
{
    if (!token)
        return;
    token->store(true);
    QMutexLocker lock(&m_mutex);
    if (m_token == token && m_migrator)
        m_migrator->cancel();
}

void MigrationWorker::cancel()
{
    CancelToken running;
    {
        QMutexLocker lock(&m_mutex);
        running = m_token;
    }
    cancel(running);
}

Result<Migrator *> MigrationWorker::reopen()
{
    auto opened = Migrator::open(m_options);
    if (!opened)
        return opened.error();
    QMutexLocker lock(&m_mutex);
    m_migrator = std::move(opened).value();
    return m_migrator.get();
}

SnapshotPtr MigrationWorker::buildSnapshot(Migrator &migrator)
{
    auto snap = std::make_shared<ProjectSnapshot>();
    const RevisionGraph &graph = migrator.graph();
    snap->projectRoot = migrator.projectRoot();
    snap->versionsDir = migrator.project().versionsDir();
    snap->database = migrator.databaseDisplay();
    snap->engine = migrator.engine();
    snap->versionTable = migrator.versionTable();
    snap->heads = graph.ids(graph.realHeads());

    // The state, read once, by the core: what `strata status` prints.
    snap->checkedAt = QDateTime::currentDateTimeUtc();
    snap->status = migrator.status();
    const DatabaseStatus &st = snap->status;
    if (st.reachable)
        m_lastRead = snap->checkedAt;
    snap->lastReadAt = m_lastRead;
    snap->reachable = st.reachable;
    if (st.reachable && !st.exists && snap->engine == QLatin1String("postgresql")) {
        const auto keywords =
            ConnectionDisplay::keywords(migrator.connectionInfo().postgresConninfo);
        snap->missingDatabase = keywords.value(QStringLiteral("dbname"));
        const QString host = keywords.value(QStringLiteral("host"));
        const QString port = keywords.value(QStringLiteral("port"));
        snap->missingServer = host.isEmpty()   ? QString()
                              : port.isEmpty() ? host
                                               : host + QLatin1Char(':') + port;
    }
    if (!st.reachable) {
        snap->problem = st.problem.message;
        snap->problemCode = st.problem.code;
    } else {
        snap->current = st.current;
        snap->pending = st.pending;
        snap->edited = st.edited;
        QStringList unknown;
        for (const QString &why : {st.historyUnknown, st.pendingUnknown, st.invalidIndexesUnknown})
            if (!why.isEmpty())
                unknown.append(why);
        snap->problem = unknown.join(QLatin1String("; "));
    }
    QHash<QString, const DatabaseStatus::StepFailure *> failure;
    for (const DatabaseStatus::StepFailure &f : st.failures) {
        failure.insert(f.record.revision, &f);
        (f.record.cancelled ? snap->cancelled : snap->failed).append(f.record.revision);
    }
    snap->failed.sort();
    snap->cancelled.sort();

    QList<int> order = graph.topologicalOrder();
    std::reverse(order.begin(), order.end());
    QHash<int, RevisionStatus> status;
    if (st.reachable) {
        order.clear();
        for (const RevisionStatus &s : migrator.revisionStates(st)) {
            order.append(s.index);
            status.insert(s.index, s);
        }
    }

    // When each applied revision ran, by whom: decoration from the history table, read only
    // when the state itself was read (a failure here leaves the columns empty, not the state).
    QHash<QString, HistoryRecord> lastUp;
    if (st.reachable && !st.current.isEmpty())
        if (auto records = migrator.historyRecords())
            for (const HistoryRecord &r : std::as_const(*records))
                if (r.success && r.direction == QLatin1String("up"))
                    lastUp.insert(r.revision, r);

    // Version rows that no file has: shown first, so nobody misses them.
    for (const QString &rev : std::as_const(snap->current)) {
        if (graph.indexOf(rev) >= 0)
            continue;
        RevisionRow row;
        row.id = rev;
        row.message = QObject::tr("(no migration file has this revision)");
        row.state = RevisionRow::State::MissingFile;
        snap->rows.append(row);
    }

    QStringList ids;
    QList<QStringList> parents;
    for (int i : std::as_const(order)) {
        const Migration &m = graph.migration(i);
        RevisionRow row;
        row.id = m.revision;
        row.message = m.message;
        row.labels = graph.branchLabels(i);
        row.parents = m.downRevisions;
        row.dependsOn = m.dependsOn;
        row.createDate = m.createDate;
        row.filePath = m.filePath;
        row.transactional = m.transactional;
        row.hasDowngrade = m.hasDowngrade;
        row.upgradeSql = m.upgradeSql;
        row.upgradeLine = m.upgradeLine;
        row.downgradeSql = m.downgradeSql;
        row.downgradeLine = m.downgradeLine;
        if (snap->reachable) {
            const RevisionStatus s = status.value(i);
            const DatabaseStatus::StepFailure *failed = failure.value(m.revision);
            row.state = s.edited                   ? RevisionRow::State::Edited
                        : s.current                ? RevisionRow::State::Current
                        : s.applied                ? RevisionRow::State::Applied
                        : !failed                  ? RevisionRow::State::Pending
                        : failed->record.cancelled ? RevisionRow::State::Cancelled
                                                   : RevisionRow::State::Failed;
            if (s.applied) {
                const auto it = lastUp.constFind(m.revision);
                if (it != lastUp.constEnd()) {
                    row.appliedAt = it->finishedAt;
                    row.appliedBy = it->osUser;
                    row.durationMs = it->durationMs;
                }
            }
        }
        ids.append(row.id);
        parents.append(row.parents);
        snap->rows.append(row);
    }

    const qsizetype offset = snap->rows.size() - ids.size();
    QList<QStringList> carried, declared;
    for (int i : std::as_const(order)) {
        carried.append(graph.branchLabels(i));
        declared.append(graph.migration(i).branchLabels);
    }
    const QList<GraphRow> layout = layoutGraph(ids, parents, carried);
    const QList<QStringList> shown = shownBranchLabels(ids, parents, carried, declared);
    for (qsizetype i = 0; i < layout.size(); ++i) {
        snap->rows[offset + i].graph = layout[i];
        snap->rows[offset + i].shownLabels = shown[i];
        snap->graphWidth = std::max(snap->graphWidth, layout[i].width);
    }
    for (qsizetype i = 0; i < snap->rows.size(); ++i)
        snap->rowOf.insert(snap->rows[i].id, int(i));
    return snap;
}

void MigrationWorker::noteProblem(const QString &problem, const QString &line)
{
    switch (m_problems.note(problem)) {
    case ProblemLog::Change::Started:
        logLine(Level::Warning, line);
        break;
    case ProblemLog::Change::Ended:
        logLine(Level::Info, tr("%1: the database can be read again.").arg(m_label));
        break;
    case ProblemLog::Change::None:
        break;
    }
}

void MigrationWorker::refresh()
{
    auto migrator = reopen();
    if (!migrator) {
        const QString problem = migrator.error().toString();
        noteProblem(
            problem,
            tr("%1: cannot open the project: %2").arg(m_label, ProblemLog::firstLine(problem)));
        Q_EMIT snapshotFailed(migrator.error());
        return;
    }
    SnapshotPtr snapshot = buildSnapshot(**migrator);
    // While the app reconnects, each retry fails the same way: logged once, on one line.
    const QString problem = snapshot->reachable ? QString() : snapshot->problem;
    noteProblem(
        problem,
        tr("%1: cannot read the database: %2").arg(m_label, ProblemLog::firstLine(problem)));
    if (snapshot->reachable)
        logLine(Level::Info, tr("%1 (%2): %3, %n pending", nullptr, int(snapshot->pending.size()))
                                 .arg(m_label, snapshot->database, where(snapshot->current)));
    Q_EMIT snapshotReady(snapshot);
}

void MigrationWorker::preparePlan(const PlanRequest &request)
{
    if (cancelled()) {
        Q_EMIT planFailed(request, cancelledBeforeStart());
        return;
    }
    auto migrator = reopen();
    if (!migrator) {
        Q_EMIT planFailed(request, migrator.error());
        return;
    }
    Migrator &m = **migrator;
    Result<Plan> plan = request.kind == PlanRequest::Kind::Upgrade
                            ? m.planUpgrade(request.targets.value(0))
                        : request.kind == PlanRequest::Kind::Downgrade
                            ? m.planDowngrade(request.targets.value(0))
                            : m.planStamp(request.targets, request.purge);
    if (!plan) {
        Error error = plan.error();
        if (cancelled())
            error.code = Error::Code::Cancelled;
        Q_EMIT planFailed(request, error);
        return;
    }
    auto sql = m.offlineSql(*plan);
    Q_EMIT planReady(request, *plan, sql ? *sql : QString());
}

void MigrationWorker::runPlan(const PlanRequest &request, const Plan &plan,
                              const RunContext &context)
{
    JobResult result;
    result.action = request.actionName();
    result.fromRevisions = plan.startHeads;
    result.plan = plan;
    QElapsedTimer clock;
    clock.start();
    if (cancelled()) {
        result.cancelled = true;
        result.error = cancelledBeforeStart();
        result.toRevisions = plan.startHeads;
        logLine(
            Level::Warning,
            tr("%1 on %2 cancelled before it started").arg(request.description(), context.profile));
        Q_EMIT runFinished(result);
        return;
    }

    auto migrator = reopen();
    if (!migrator) {
        result.error = migrator.error();
        Q_EMIT runFinished(result);
        return;
    }
    Migrator &m = **migrator;
    logLine(Level::Info, tr("%1 on %2 (%3): %n step(s), from %4", nullptr, int(plan.steps.size()))
                             .arg(request.description(), context.profile, m.databaseDisplay(),
                                  where(plan.startHeads)));

    const RevisionGraph &graph = m.graph();
    RunOptions options;
    options.cancel = cancelFlag();
    options.lockWaitSeconds = 10;
    options.lockTimeoutMs = context.lockTimeoutMs;
    options.statementTimeoutMs = context.statementTimeoutMs;
    options.dryRun = context.dryRun;
    result.dryRun = context.dryRun;
    options.notice = [this](const QString &notice) {
        logLine(Level::Warning, QStringLiteral("%1: %2").arg(m_label, notice));
    };
    options.progress = [&](const Progress &p) {
        JobProgress jp;
        jp.step = p.step;
        jp.stepCount = p.stepCount;
        jp.statement = p.statement;
        jp.statementCount = p.statementCount;
        jp.revision = p.revision;
        jp.direction = p.direction;
        jp.stamp = p.planStep.stamp;
        if (const int i = graph.indexOf(p.revision); i >= 0)
            jp.message = graph.migration(i).message;
        jp.elapsedMs = clock.elapsed();
        if (p.statement == 0) {
            result.stepsRun = p.step - 1;
            result.failedStep = p.step; // until it finishes
            const QString what = p.planStep.stamp               ? tr("stamp")
                                 : p.direction == Direction::Up ? tr("upgrade")
                                                                : tr("downgrade");
            logLine(Level::Info, tr("%1: step %2/%3: %4 %5 %6")
                                     .arg(m_label)
                                     .arg(p.step)
                                     .arg(p.stepCount)
                                     .arg(what, p.revision, jp.message));
        }
        Q_EMIT progress(jp);
    };

    OperationContext operation = operationContext(context.profile, context.reason, context.guided);
    operation.lintBlock = context.lintBlock;
    operation.lintOverride = context.lintOverride;
    Operations operations(m, operation);
    Result<Plan> ran = Error{};
    std::optional<Error> notCreated;
    if (context.createDatabase && !context.dryRun) {
        auto created = operations.createDatabase();
        if (!created)
            notCreated = created.error();
        else if (*created)
            logLine(Level::Info,
                    tr("%1: created the database %2").arg(m_label, m.databaseDisplay()));
    }
    if (notCreated) {
        ran = *notCreated;
    } else if (context.backupFirst && !context.dryRun) {
        const Settings settings = Settings::load();
        BackupRequest backup;
        backup.profile = context.profile;
        backup.keep = context.keepBackups;
        backup.outDir = settings.backupDir();
        backup.toolDirs = settings.toolDirs();
        BackupCallbacks callbacks;
        callbacks.cancel = cancelFlag();
        callbacks.progress = [this](const BackupProgress &p) {
            Q_EMIT backupProgress(p.text, p.total > 0 ? p.done * 100 / p.total : -1);
        };
        BackupInfo taken;
        ran = operations.runAfterBackup(plan, options, backup, callbacks, &taken);
        if (!taken.path.isEmpty()) {
            logLine(Level::Info,
                    tr("%1: backed up to %2 (%3, verified) before the run")
                        .arg(m_label, taken.path, BackupRunner::humanSize(taken.sizeBytes)));
            Q_EMIT backupFinished(taken.path, {});
        }
    } else {
        ran = operations.run(plan, options);
    }
    result.durationMs = clock.elapsed();
    if (ran) {
        result.success = true;
        result.stepsRun = int(ran->steps.size());
        result.toRevisions = ran->endHeads;
        logLine(Level::Info,
                tr("%1 on %2 finished: %n step(s) in %3 ms; now %4", nullptr, result.stepsRun)
                    .arg(request.description(), context.profile)
                    .arg(result.durationMs)
                    .arg(where(ran->endHeads)));
    } else {
        result.error = ran.error();
        result.cancelled = cancelled() || result.error.code == Error::Code::Cancelled;
        if (result.cancelled)
            logLine(Level::Warning,
                    tr("%1 on %2 cancelled: %3")
                        .arg(request.description(), context.profile, result.error.toString()));
        else
            logLine(Level::Error,
                    tr("%1 on %2 failed: %3")
                        .arg(request.description(), context.profile, result.error.toString()));
    }
    if (result.success)
        result.failedStep = 0;
    // What the run left is read back, never assumed. A lost session is dropped first, so the
    // read connects afresh (the server may be back already).
    const Error::Code code = result.error.code;
    if (code == Error::Code::ConnectionLost || code == Error::Code::ConnectionFailed)
        m.disconnect();
    result.after = buildSnapshot(m);
    if (result.after->reachable)
        result.toRevisions = result.after->current;
    noteProblem(result.after->reachable ? QString() : result.after->problem,
                tr("%1: the state after the run could not be read: %2")
                    .arg(m_label, ProblemLog::firstLine(result.after->problem)));
    Q_EMIT runFinished(result);
    Q_EMIT snapshotReady(result.after);
}

void MigrationWorker::createRevision(const RevisionRequest &request)
{
    writeFile([&request](const LoadedProject &loaded) {
        return RevisionWriter::create(loaded, request);
    });
}

void MigrationWorker::createMerge(const MergeRequest &request)
{
    writeFile(
        [&request](const LoadedProject &loaded) { return RevisionWriter::merge(loaded, request); });
}

void MigrationWorker::writeFile(const std::function<Result<QString>(const LoadedProject &)> &write)
{
    auto loaded = LoadedProject::load(m_options.projectDir);
    if (!loaded) {
        Q_EMIT revisionCreated({}, loaded.error());
        return;
    }
    auto path = write(*loaded);
    if (!path) {
        Q_EMIT revisionCreated({}, path.error());
        return;
    }
    logLine(Level::Info, tr("%1: wrote %2").arg(m_label, *path));
    Q_EMIT revisionCreated(*path, {});
}

void MigrationWorker::fetchCatalog()
{
    auto migrator = reopen();
    if (!migrator) {
        Q_EMIT catalogFailed(migrator.error());
        return;
    }
    auto catalog = (*migrator)->catalog();
    if (!catalog) {
        Q_EMIT catalogFailed(catalog.error());
        return;
    }
    Q_EMIT catalogReady(*catalog);
}

void MigrationWorker::tryRevision(const QString &revision)
{
    if (cancelled()) {
        Q_EMIT trialFinished(revision, false, {}, cancelledBeforeStart());
        return;
    }
    auto migrator = reopen();
    if (!migrator) {
        Q_EMIT trialFinished(revision, false, {}, migrator.error());
        return;
    }
    Migrator &m = **migrator;
    auto plan = m.planTrial(revision);
    if (!plan) {
        Q_EMIT trialFinished(revision, false, {}, plan.error());
        return;
    }
    QStringList steps;
    for (const PlanStep &step : plan->steps)
        steps.append(directionName(step.direction) + QLatin1Char(' ') + step.revision);
    logLine(Level::Info, tr("%1: trying %2 (%3), rolled back at the end")
                             .arg(m_label, revision, steps.join(QLatin1String(", "))));
    RunOptions options;
    options.dryRun = true;
    options.cancel = cancelFlag();
    options.lockWaitSeconds = 10;
    options.notice = [this](const QString &notice) {
        logLine(Level::Warning, QStringLiteral("%1: %2").arg(m_label, notice));
    };
    auto ran = m.run(*plan, options);
    if (!ran) {
        logLine(Level::Warning,
                tr("%1: trying %2 failed: %3").arg(m_label, revision, ran.error().toString()));
        Q_EMIT trialFinished(revision, false, steps, ran.error());
        return;
    }
    logLine(Level::Info, tr("%1: trying %2 succeeded; nothing was kept").arg(m_label, revision));
    Q_EMIT trialFinished(revision, true, steps, {});
}

void MigrationWorker::backup(const QString &profile, const QString &format, int keep)
{
    if (cancelled()) {
        Q_EMIT backupFinished({}, cancelledBeforeStart());
        return;
    }
    auto migrator = reopen();
    if (!migrator) {
        Q_EMIT backupFinished({}, migrator.error());
        return;
    }
    Migrator &m = **migrator;
    BackupRequest request;
    request.profile = profile;
    request.format = format;
    request.keep = keep;
    const Settings settings = Settings::load();
    request.outDir = settings.backupDir();
    request.toolDirs = settings.toolDirs();
    BackupCallbacks callbacks;
    callbacks.cancel = cancelFlag();
    callbacks.progress = [this](const BackupProgress &p) {
        Q_EMIT backupProgress(p.text, p.total > 0 ? p.done * 100 / p.total : -1);
    };
    logLine(Level::Info, tr("%1: backing up %2").arg(m_label, m.databaseDisplay()));
    auto info = Operations(m, operationContext(profile, {}, false)).backup(request, callbacks);
    if (!info) {
        logLine(Level::Error,
                tr("%1: the backup failed: %2").arg(m_label, info.error().toString()));
        Q_EMIT backupFinished({}, info.error());
        return;
    }
    logLine(Level::Info, tr("%1: backed up to %2 (%3, verified)")
                             .arg(m_label, info->path, BackupRunner::humanSize(info->sizeBytes)));
    Q_EMIT backupFinished(info->path, {});
}

void MigrationWorker::restore(const QString &file, const QString &profile, const QString &reason,
                              bool backupFirst)
{
    if (cancelled()) {
        Q_EMIT restoreFinished(false, cancelledBeforeStart());
        return;
    }
    auto migrator = reopen();
    if (!migrator) {
        Q_EMIT restoreFinished(false, migrator.error());
        return;
    }
    Migrator &m = **migrator;
    RestoreRequest request;
    request.backup = file;
    request.toolDirs = Settings::load().toolDirs();
    BackupCallbacks callbacks;
    callbacks.cancel = cancelFlag();
    callbacks.progress = [this](const BackupProgress &p) { Q_EMIT restoreProgress(p.text, -1); };
    Operations operations(m, operationContext(profile, reason, false));
    if (backupFirst) {
        // What the restore replaces, kept first; never pruned (the backup being restored may be
        // the profile's oldest).
        const Settings settings = Settings::load();
        BackupRequest before;
        before.outDir = settings.backupDir();
        before.toolDirs = settings.toolDirs();
        BackupInfo taken;
        logLine(Level::Info,
                tr("%1: backing up %2 before the restore").arg(m_label, m.databaseDisplay()));
        if (auto s = operations.backupBefore(QStringLiteral("restore"), before, callbacks, &taken);
            !s) {
            logLine(Level::Error, QStringLiteral("%1: %2").arg(m_label, s.error().toString()));
            Q_EMIT restoreFinished(false, s.error());
            return;
        }
        logLine(Level::Info,
                tr("%1: backed up to %2 (%3, verified) before the restore")
                    .arg(m_label, taken.path, BackupRunner::humanSize(taken.sizeBytes)));
    }
    logLine(Level::Warning, tr("%1: restoring %2 into %3").arg(m_label, file, m.databaseDisplay()));
    auto restored = operations.restore(request, callbacks);
    if (!restored)
        logLine(Level::Error,
                tr("%1: the restore failed: %2").arg(m_label, restored.error().toString()));
    else
        logLine(Level::Info, tr("%1: restored %2").arg(m_label, file));
    if (restored && !restored->ownersNote.isEmpty())
        logLine(Level::Warning, QStringLiteral("%1: %2").arg(m_label, restored->ownersNote));
    Q_EMIT restoreFinished(restored.ok(), restored ? Error{} : restored.error());
    Q_EMIT snapshotReady(buildSnapshot(m));
}

void MigrationWorker::verifyBackup(const QString &file)
{
    auto info = BackupCatalog::read(file);
    Status checked = info ? BackupCatalog::verifyChecksum(*info) : Status(info.error());
    if (!checked)
        logLine(Level::Error, QStringLiteral("%1: %2").arg(m_label, checked.error().toString()));
    else
        logLine(Level::Info, tr("%1: %2 matches its catalogue entry").arg(m_label, file));
    Q_EMIT backupVerified(file, checked.ok(), checked ? Error{} : checked.error());
}

void MigrationWorker::testConnection()
{
    auto migrator = reopen();
    if (!migrator) {
        Q_EMIT connectionTested(false, migrator.error().toString());
        return;
    }
    Migrator &m = **migrator;
    // The same reading as the app's state and `strata status`: connected means the version rows
    // could be read, and a database not created yet passes only where it can be created.
    const DatabaseStatus st = m.status();
    if (!st.reachable) {
        Q_EMIT connectionTested(false, st.problem.toString());
        return;
    }
    const int revisions = m.graph().size();
    if (!st.exists && m.engine() == QLatin1String("postgresql")) {
        Q_EMIT connectionTested(
            true, tr("The server answered: %1 does not exist; an upgrade can create it first. "
                     "%n revision(s) in the project.",
                     nullptr, revisions)
                      .arg(m.databaseDisplay()));
        return;
    }
    if (!st.exists) {
        Q_EMIT connectionTested(
            true, tr("%1 does not exist yet; the first upgrade creates it. %n revision(s) in the "
                     "project.",
                     nullptr, revisions)
                      .arg(m.databaseDisplay()));
        return;
    }
    const QString at = st.current.isEmpty() ? tr("no revision applied yet")
                                            : tr("at %1").arg(st.current.join(QLatin1String(", ")));
    Q_EMIT connectionTested(
        true, tr("Connected to %1: %2, %n revision(s) in the project.", nullptr, revisions)
                  .arg(m.databaseDisplay(), at));
}

} // namespace strata::gui
