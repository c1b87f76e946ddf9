#pragma once

#include "jobs/migrationworker.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QThread>

#include <functional>

namespace strata::gui {

// Owns one profile's worker thread. Jobs are posted to the worker and run one at a time in
// order; results arrive as the worker's signals, queued to the GUI thread. Each job gets its
// own cancel token, so a cancel pressed while it waits behind another job is honoured when it
// starts and never reaches the job before it. The destructor cancels every job, then quits and
// waits for the thread, so no job outlives its owner.
class JobController : public QObject
{
    Q_OBJECT

public:
    // Names one posted job, for cancel(JobId); 0 is no job.
    using JobId = quint64;

    JobController(const MigratorOptions &options, const QString &label, QObject *parent = nullptr);
    ~JobController() override;

    MigrationWorker *worker() const { return m_worker; }

    // Each posts one job and returns its id; the answer is the worker's signal.
    JobId refresh();
    JobId preparePlan(const PlanRequest &request);
    JobId runPlan(const PlanRequest &request, const Plan &plan, const RunContext &context);
    JobId testConnection();
    JobId createRevision(const RevisionRequest &request);
    JobId createMerge(const MergeRequest &request);
    JobId fetchCatalog();
    JobId tryRevision(const QString &revision);
    JobId backup(const QString &profile, const QString &format = QStringLiteral("custom"),
                 int keep = 0);
    JobId verifyBackup(const QString &file);
    JobId restore(const QString &file, const QString &profile, const QString &reason,
                  bool backupFirst = false);
    JobId setOptions(const MigratorOptions &options);
    // Cancels one job, running or still queued (a finished or unknown id does nothing).
    void cancel(JobId job);
    // Cancels every run, backup, restore and Try it not yet finished (not refreshes or plans).
    void cancel();
    // True while `job` is queued or running.
    bool isPending(JobId job) const;

    // True from runPlan(), backup() or restore() until the worker's answer.
    bool isRunning() const { return !m_held.isEmpty(); }

Q_SIGNALS:
    void runningChanged(bool running);

private:
    struct Job
    {
        CancelToken token;
        bool held = false; // a run, backup, restore or Try it: what cancel() stops
    };
    JobId post(std::function<void(MigrationWorker &)> job, bool held = false);

    QThread m_thread;
    MigrationWorker *m_worker = nullptr; // lives in m_thread, deleted there
    // The runs, backups and restores posted and not yet answered, in order (the worker answers
    // in order; a backup inside a run answers backupFinished before the run's runFinished).
    enum class Held { Run, Backup, Restore };
    QList<Held> m_held;
    void hold(Held kind);
    void release(Held kind);
    mutable QMutex m_jobsMutex; // the worker's thread removes finished jobs
    QHash<JobId, Job> m_jobs;   // queued or running
    JobId m_lastJob = 0;
};

} // namespace strata::gui
