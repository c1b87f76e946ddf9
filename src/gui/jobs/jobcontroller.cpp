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
    auto idle = [this] {
        m_running = false;
        Q_EMIT runningChanged(false);
    };
    connect(m_worker, &MigrationWorker::runFinished, this, idle);
    connect(m_worker, &MigrationWorker::backupFinished, this, idle);
    connect(m_worker, &MigrationWorker::restoreFinished, this, idle);
    m_thread.setObjectName(QStringLiteral("strata-worker"));
    m_thread.start();
}

JobController::~JobController()
{
    m_worker->cancel();
    m_thread.quit();
    m_thread.wait();
}

void JobController::post(std::function<void(MigrationWorker &)> job)
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, job = std::move(job)] { job(*worker); },
        Qt::QueuedConnection);
}

void JobController::refresh()
{
    post([](MigrationWorker &w) { w.refresh(); });
}

void JobController::preparePlan(const PlanRequest &request)
{
    post([request](MigrationWorker &w) { w.preparePlan(request); });
}

void JobController::runPlan(const PlanRequest &request, const Plan &plan, const RunContext &context)
{
    m_running = true;
    Q_EMIT runningChanged(true);
    post([request, plan, context](MigrationWorker &w) { w.runPlan(request, plan, context); });
}

void JobController::testConnection()
{
    post([](MigrationWorker &w) { w.testConnection(); });
}

void JobController::createRevision(const RevisionRequest &request)
{
    post([request](MigrationWorker &w) { w.createRevision(request); });
}

void JobController::createMerge(const MergeRequest &request)
{
    post([request](MigrationWorker &w) { w.createMerge(request); });
}

void JobController::fetchCatalog()
{
    post([](MigrationWorker &w) { w.fetchCatalog(); });
}

void JobController::tryRevision(const QString &revision)
{
    post([revision](MigrationWorker &w) { w.tryRevision(revision); });
}

void JobController::backup(const QString &profile, const QString &format, int keep)
{
    m_running = true;
    Q_EMIT runningChanged(true);
    post([profile, format, keep](MigrationWorker &w) { w.backup(profile, format, keep); });
}

void JobController::verifyBackup(const QString &file)
{
    post([file](MigrationWorker &w) { w.verifyBackup(file); });
}

void JobController::restore(const QString &file, const QString &profile, const QString &reason)
{
    m_running = true;
    Q_EMIT runningChanged(true);
    post([file, profile, reason](MigrationWorker &w) { w.restore(file, profile, reason); });
}

void JobController::setOptions(const MigratorOptions &options)
{
    post([options](MigrationWorker &w) { w.setOptions(options); });
}

void JobController::cancel()
{
    m_worker->cancel();
}

} // namespace strata::gui
