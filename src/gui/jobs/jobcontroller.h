#pragma once

#include "jobs/migrationworker.h"

#include <QObject>
#include <QThread>

#include <functional>

namespace strata::gui {

// Owns one profile's worker thread. Jobs are posted to the worker and run one at a time in
// order; results arrive as the worker's signals, queued to the GUI thread. The destructor
// cancels what runs, then quits and waits for the thread, so no job outlives its owner.
class JobController : public QObject
{
    Q_OBJECT

public:
    JobController(const MigratorOptions &options, const QString &label, QObject *parent = nullptr);
    ~JobController() override;

    MigrationWorker *worker() const { return m_worker; }

    void refresh();
    void preparePlan(const PlanRequest &request);
    void runPlan(const PlanRequest &request, const Plan &plan, const RunContext &context);
    void testConnection();
    void createRevision(const RevisionRequest &request);
    void createMerge(const MergeRequest &request);
    void fetchCatalog();
    void tryRevision(const QString &revision);
    void backup(const QString &profile, const QString &format = QStringLiteral("custom"),
                int keep = 0);
    void verifyBackup(const QString &file);
    void restore(const QString &file, const QString &profile, const QString &reason);
    void setOptions(const MigratorOptions &options);
    void cancel();

    // True from runPlan(), backup() or restore() until the worker's answer.
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void runningChanged(bool running);

private:
    void post(std::function<void(MigrationWorker &)> job);

    QThread m_thread;
    MigrationWorker *m_worker = nullptr; // lives in m_thread, deleted there
    bool m_running = false;
};

} // namespace strata::gui
