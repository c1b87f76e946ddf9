#include "jobs/jobcontroller.h"

namespace strata::gui {

namespace {

void registerTypes()
{
    static const bool done = [] {
        qRegisterMetaType<SnapshotPtr>();
        qRegisterMetaType<PlanRequest>();
        qRegisterMetaType<JobProgress>();
        qRegisterMetaType<JobResult>();
        qRegisterMetaType<Plan>();
        qRegisterMetaType<Error>();
        qRegisterMetaType<SchemaCatalog>();
        return true;
    }();
    Q_UNUSED(done);
}

} // namespace

JobController::JobController(const MigratorOptions &options, const QString &label, QObject *parent)
    : QObject(parent)
{
    registerTypes();
    m_worker = new MigrationWorker(options, label);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    // A run, a backup and a restore each hold the worker; the window waits for its answer.
    connect(m_worker, &MigrationWorker::runFinished, this, [this] { release(Held::Run); });
    connect(m_worker, &MigrationWorker::backupFinished, this, [this] { release(Held::Backup); });
    connect(m_worker, &MigrationWorker::restoreFinished, this, [this] { release(Held::Restore); });
    m_thread.setObjectName(QStringLiteral("strata-worker"));
    m_thread.start();
}

void JobController::hold(Held kind)
{
    const bool was = isRunning();
    m_held.append(kind);
    if (!was)
        Q_EMIT runningChanged(true);
}

void JobController::release(Held kind)
{
    // A backup taken inside a run answers too: only the job at the front is released.
    if (m_held.isEmpty() || m_held.first() != kind)
        return;
    m_held.removeFirst();
    if (!isRunning())
        Q_EMIT runningChanged(false);
}

JobController::~JobController()
{
    {
        QMutexLocker lock(&m_jobsMutex);
        for (const Job &job : std::as_const(m_jobs))
            job.token->store(true);
    }
    m_worker->cancel();
    m_thread.quit();
    m_thread.wait();
}

JobController::JobId JobController::post(std::function<void(MigrationWorker &)> job, bool held)
{
    Job entry{std::make_shared<std::atomic<bool>>(false), held};
    JobId id = 0;
    {
        QMutexLocker lock(&m_jobsMutex);
        id = ++m_lastJob;
        m_jobs.insert(id, entry);
    }
    QMetaObject::invokeMethod(
        m_worker,
        [this, id, token = entry.token, worker = m_worker, job = std::move(job)] {
            worker->beginJob(token);
            job(*worker);
            worker->beginJob({});
            QMutexLocker lock(&m_jobsMutex);
            m_jobs.remove(id);
        },
        Qt::QueuedConnection);
    return id;
}

void JobController::cancel(JobId job)
{
    CancelToken token;
    {
        QMutexLocker lock(&m_jobsMutex);
        token = m_jobs.value(job).token;
    }
    m_worker->cancel(token);
}

void JobController::cancel()
{
    QList<CancelToken> tokens;
    {
        QMutexLocker lock(&m_jobsMutex);
        for (const Job &job : std::as_const(m_jobs)) {
            if (job.held)
                tokens.append(job.token);
        }
    }
    for (const CancelToken &token : std::as_const(tokens))
        m_worker->cancel(token);
}

bool JobController::isPending(JobId job) const
{
    QMutexLocker lock(&m_jobsMutex);
    return m_jobs.contains(job);
}

JobController::JobId JobController::refresh()
{
    return post([](MigrationWorker &w) { w.refresh(); });
}

JobController::JobId JobController::preparePlan(const PlanRequest &request)
{
    return post([request](MigrationWorker &w) { w.preparePlan(request); });
}

JobController::JobId JobController::runPlan(const PlanRequest &request, const Plan &plan,
                                            const RunContext &context)
{
    hold(Held::Run);
    return post([request, plan, context](MigrationWorker &w) { w.runPlan(request, plan, context); },
                true);
}

JobController::JobId JobController::testConnection()
{
    return post([](MigrationWorker &w) { w.testConnection(); });
}

JobController::JobId JobController::createRevision(const RevisionRequest &request)
{
    return post([request](MigrationWorker &w) { w.createRevision(request); });
}

JobController::JobId JobController::createMerge(const MergeRequest &request)
{
    return post([request](MigrationWorker &w) { w.createMerge(request); });
}

JobController::JobId JobController::fetchCatalog()
{
    return post([](MigrationWorker &w) { w.fetchCatalog(); });
}

JobController::JobId JobController::tryRevision(const QString &revision)
{
    return post([revision](MigrationWorker &w) { w.tryRevision(revision); }, true);
}

JobController::JobId JobController::backup(const QString &profile, const QString &format, int keep)
{
    hold(Held::Backup);
    return post([profile, format, keep](MigrationWorker &w) { w.backup(profile, format, keep); },
                true);
}

JobController::JobId JobController::verifyBackup(const QString &file)
{
    return post([file](MigrationWorker &w) { w.verifyBackup(file); });
}

JobController::JobId JobController::restore(const QString &file, const QString &profile,
                                            const QString &reason, bool backupFirst)
{
    hold(Held::Restore);
    return post([file, profile, reason, backupFirst](
                    MigrationWorker &w) { w.restore(file, profile, reason, backupFirst); },
                true);
}

JobController::JobId JobController::setOptions(const MigratorOptions &options)
{
    return post([options](MigrationWorker &w) { w.setOptions(options); });
}

} // namespace strata::gui
