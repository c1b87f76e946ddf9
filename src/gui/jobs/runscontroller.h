#pragma once

#include "jobs/jobpanel.h"
#include "jobs/migrationworker.h"
#include "profiles/profile.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>

class QMainWindow;

namespace strata::gui {

class ConfirmRunDialog;

// Plans and runs, per profile: asks the profile's worker for a plan, shows the confirmation,
// runs what was confirmed with its progress in the JobPanel, reports how it ended, stamps, and
// launches the guided rollback. One plan or confirmation at a time per profile (a second click
// while a plan is being made does nothing); planning shows progress and can be cancelled.
// Dialogs that answer a worker's signal open with open(), never exec().
class RunsController : public QObject
{
    Q_OBJECT

public:
    // What the controller asks of the window: profiles, what their workers last read, and the
    // workers (created on first use; null for an unknown profile).
    struct Host
    {
        std::function<const Profile *(const QString &)> profile;
        std::function<SnapshotPtr(const QString &)> snapshot;
        std::function<JobController *(const QString &)> jobs;
        std::function<QStringList()> profileNames;
    };

    // window: parent of the dialogs and owner of the status bar messages.
    RunsController(Host host, JobPanel *panel, QMainWindow *window, QObject *parent = nullptr);

    // Listens to a profile's worker (once, when its JobController is made).
    void connectWorker(const QString &profile, MigrationWorker *worker);

    // Plans `kind` towards `target` on the profile; Run: then confirms and runs, ExportSql: then
    // saves the script. False (nothing asked) while the profile plans, confirms or runs.
    bool request(const QString &profile, PlanRequest::Kind kind, const QString &target,
                 PlanRequest::Purpose purpose = PlanRequest::Purpose::Run);
    // The same for a request already filled in (stamps: several targets, purge).
    bool request(const QString &profile, const PlanRequest &request);
    // Asks for a preview plan for the Pending tab (answered by previewReady or previewFailed);
    // skipped while the profile runs.
    void preview(const QString &profile, const PlanRequest &request);
    // Asks which revisions to stamp (suggesting `selected`), then plans and confirms it.
    void stamp(const QString &profile, const QString &selected);
    // Runs a confirmed plan in the profile's worker, with its progress in the panel.
    void startRun(const QString &profile, const PlanRequest &request, const Plan &plan,
                  const RunContext &context);
    // The guided rollback, starting on `profile`.
    void rollbackWizard(const QString &profile);
    // Saves SQL through a file dialog (opened with open()); suggestedName is cleaned up.
    void writeSql(const QString &sql, const QString &suggestedName);

    // The selection moved away from the profile: a plan it was making for a run is cancelled and
    // an open confirmation of it closed, so nothing chosen there arms anything elsewhere.
    void leave(const QString &profile);
    // The profile was removed or renamed: its state goes (its worker went with it).
    void forget(const QString &profile);

    // Planning, confirming or running: the profile's run actions are off.
    bool isBusy(const QString &profile) const;
    // Why the profile takes no new job now, naming it and its job ("prod is busy (planning);
    // try again when its job ends."); empty when it can take one.
    QString refusal(const QString &profile) const;
    // Shows refusal() in the status bar and the Activity log; true when there was one.
    bool refuseBusy(const QString &profile);
    // The profile's open confirmation, or null.
    ConfirmRunDialog *confirmation(const QString &profile) const;

Q_SIGNALS:
    void previewReady(QString profile, strata::gui::PlanRequest request, strata::Plan plan,
                      QString offlineSql);
    void previewFailed(QString profile, strata::gui::PlanRequest request, strata::Error error);
    // A run (confirmed here or by the wizard) ended.
    void runFinished(QString profile, strata::gui::JobResult result);
    // The profile's busy state changed (planning, confirming, running, or idle again).
    void busyChanged(QString profile);
    // A line for the Activity log.
    void logLine(QString text);

private:
    void onPlanReady(const QString &profile, const PlanRequest &request, const Plan &plan,
                     const QString &offlineSql);
    void onPlanFailed(const QString &profile, const PlanRequest &request, const Error &error);
    void confirm(const QString &profile, const PlanRequest &request, const Plan &plan,
                 const QString &offlineSql);
    void onProgress(const QString &profile, const JobProgress &progress);
    void onRunFinished(const QString &profile, const JobResult &result);
    // The run-result dialog of a failed or cancelled run (RunResultDialog), opened with open().
    void showOutcome(const QString &profile, const JobResult &result);
    void status(const QString &text, int ms = 5000);
    // A message box opened with open(), deleted when closed.
    void warn(const QString &title, const QString &text, const QString &details = {});

    Host m_host;
    JobPanel *m_panel;
    QMainWindow *m_window;
    QHash<QString, QPointer<ConfirmRunDialog>> m_confirmations;
    QSet<QString> m_guided; // runs that belong to the wizard, which shows their outcome
};

} // namespace strata::gui
