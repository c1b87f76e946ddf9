#pragma once

#include "profiles/protection.h"

#include "jobs/projectsnapshot.h"
#include "lint/linter.h"
#include "profiles/profile.h"
#include "rollback/rollbackreport.h"

#include <QPointer>
#include <QWizard>

#include <functional>
#include <memory>

namespace Ui {
class RollbackWizard;
}

namespace strata::gui {

class JobController;
struct RunContext;

// The guided rollback, for support staff: choose the state to return to (by what each change
// did and when), review every step's downgrade SQL and what blocks or deletes data, take a
// safety backup (required on protected profiles), confirm with the database name and a
// reason, watch it run, restore the backup if it fails half way, and keep an HTML report for
// the ticket. Database work goes to the profile's JobController; the run itself starts through
// `startRun`, so the main window shows it like any other.
class RollbackWizard : public QWizard
{
    Q_OBJECT

public:
    enum PageId { TargetPage, ReviewPage, BackupPage, ConfirmPage, RunPage, SummaryPage };
    using StartRun = std::function<void(const PlanRequest &, const Plan &, const RunContext &)>;
    // What the wizard works on for a profile chosen on its first page: the profile, what its
    // worker last read, and the worker. No controller: the profile cannot be used now.
    struct Target
    {
        Profile profile;
        SnapshotPtr snapshot;
        JobController *controller = nullptr;
    };
    using Resolve = std::function<Target(const QString &profile)>;

    // profiles: offered on the first page; `initial` is chosen first.
    RollbackWizard(const QStringList &profiles, const QString &initial, Resolve resolve,
                   StartRun startRun, QWidget *parent = nullptr);
    ~RollbackWizard() override;

    // Switches to another profile (first page only), as picking it in the list does.
    bool chooseProfile(const QString &name);
    // Selects the state to return to by revision id ("base" for none), as a person would by
    // clicking it; false when it is not offered.
    bool chooseTarget(const QString &revision);
    const RollbackRecord &record() const { return m_record; }
    QString reportFile() const { return m_reportFile; }

    bool validateCurrentPage() override;
    // While a backup, the rollback or a restore runs, closing asks to stop it first.
    void reject() override;

Q_SIGNALS:
    void planShown(); // the review page has its plan (or its reason for none)
    void backupDone(bool ok);
    void runDone(bool ok);
    void restoreDone(bool ok);

protected:
    void initializePage(int id) override;

private:
    void useProfile(const QString &name);
    void fillTargets();
    void showPlan(const Plan &plan);
    void showPlanError(const Error &error);
    void showStepSql();
    // What the Confirm page still lacks before Roll Back is enabled, as phrases for a sentence
    // ("the database name shop", "a reason"); empty when nothing does.
    QStringList confirmMissing() const;
    void updateConfirmHint();
    void startBackup();
    void onBackupProgress(const QString &text, int percent);
    void onBackupFinished(const QString &file, const Error &error);
    void startRun();
    void onProgress(const JobProgress &progress);
    void onRunFinished(const JobResult &result);
    void startRestore();
    void onRestoreFinished(bool ok, const Error &error);
    void finishReport();
    // What the core's protection policy asks of a guided rollback on this profile.
    Guard guard() const
    {
        return Protection::guard(GuardedAction::GuidedRollback, GuardedMode::Apply, &m_profile);
    }
    bool backupRequired() const { return guard().backup == Guard::Backup::Required; }

    std::unique_ptr<Ui::RollbackWizard> m_ui;
    Profile m_profile;
    SnapshotPtr m_snapshot;
    QPointer<JobController> m_controller;
    Resolve m_resolve;
    StartRun m_startRun;
    QList<QMetaObject::Connection> m_workerConnections;

    QString m_target;
    bool m_planReady = false;
    Plan m_plan;
    QStringList m_blocking; // what stops the rollback: irreversible steps, unreadable SQL
    QList<LintFinding> m_dataLoss;
    bool m_backingUp = false;
    QString m_backupFile;
    bool m_running = false;
    bool m_finished = false;
    bool m_restoring = false;
    RollbackRecord m_record;
    QString m_reportFile;
};

} // namespace strata::gui
