#pragma once

#include "jobs/projectsnapshot.h"
#include "migrator.h"
#include "profiles/profile.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>

#include <memory>
#include <optional>

class QSortFilterProxyModel;

namespace Ui {
class MainWindow;
}

namespace strata::gui {

class ActivityLog;
class AuditChainStatus;
class AuditModel;
class EditorArea;
class HistoryModel;
class JobController;
class JobPanel;
class LogDock;
class MigrationWorker;
class PasswordVault;
class PlanModel;
class ProfileDock;
class ProfilesController;
class ProjectWatcher;
class RunsController;
class StatusBoard;

// The main window: profiles on the left, the selected profile's History, Pending, Schema and
// Audit tabs in the middle, the Activity log below. Every database job goes to the profile's
// JobController; plans and runs are the RunsController's, each profile's job state the
// JobPanel's; this class wires them to the views and keeps the selected profile.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a project for this session only, without saving a profile: `strata-gui --project
    // DIR [--url URL]`. An empty url takes the project's own connection (strata.ini, .env,
    // DATABASE_URL, or <project>/strata.db).
    void openProject(const QString &projectDir, const QString &url);

    // The example project on a SQLite file in the user's data folder, saved as a profile.
    void openExample();
    static QString exampleProjectDir();

    QList<Profile> profiles() const;
    QString currentProfile() const { return m_current; }
    void selectProfile(const QString &name);
    // Adds or replaces (by oldName) a profile and saves the list.
    void saveProfile(const Profile &profile, const QString &oldName = {});
    void deleteProfile(const QString &name);

    // A password for this session only: never written anywhere, handed to the connection.
    void setSessionPassword(const QString &profile, const QString &password);
    // Where remembered passwords live (the system keychain unless a test gives another);
    // the window takes ownership.
    void setPasswordVault(PasswordVault *vault);

    SnapshotPtr snapshot(const QString &profile) const { return m_snapshots.value(profile); }
    // Some profile has a job: planning, a run, backup, restore or Try it.
    bool isRunning() const;
    // Every profile's job, one line each ("staging: running: upgrade, step 2 of 5"), sorted by
    // profile; empty when none runs. The quit prompt lists these.
    QStringList runningJobs() const;
    RunsController *runsController() const { return m_runs; }
    JobPanel *jobPanel() const { return m_jobPanel; }
    ProfilesController *profilesController() const { return m_profilesCtl; }
    ProfileDock *profileDock() const { return m_profileDock; }
    LogDock *logDock() const { return m_logDock; }
    HistoryModel *historyModel() const { return m_historyModel; }
    PlanModel *planModel() const;
    AuditModel *auditModel() const { return m_auditModel; }
    AuditChainStatus *auditChainStatus() const { return m_auditChain; }
    class BackupModel *backupModel() const;
    EditorArea *editorArea() const;
    // Opens a migration file in the Editor tab and shows that tab.
    void openInEditor(const QString &path);
    QString logFilePath() const;

Q_SIGNALS:
    // For tests and the status bar: a refresh of the profile came back.
    void snapshotUpdated(QString profile);
    void runFinished(QString profile, bool success);
    void previewUpdated(QString profile);
    // The editor's completion words for the profile came back (or could not be read).
    void catalogUpdated(QString profile, bool ok);
    void trialFinished(QString profile, bool ok);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    // A line in the Activity log (and the log file).
    static void logLine(const QString &text);

    void setupActions();
    void setupViews();
    // The profiles' states as read (StatusBoard) and their projects on disk (ProjectWatcher).
    void setupStatus();
    void loadProfiles();
    void showProfiles();
    void refreshAll();
    void refresh(const QString &name);

    const Profile *profile(const QString &name) const;
    bool isSession(const QString &name) const;
    JobController *controller(const QString &name);
    void dropController(const QString &name);
    void onProfileSaved(const QString &name, const QString &oldName);
    void onProfileRemoved(const QString &name);

    void onSnapshot(const QString &name, const SnapshotPtr &snapshot);
    void onSnapshotFailed(const QString &name, const Error &error);
    void onRunFinished(const QString &name, const JobResult &result);

    void showCurrent();
    void updateBanner();
    void updateActions();
    void updateProblems();
    QString selectedRevision() const;

    void editProfile(const QString &name);
    void chooseLanguage();
    void about();
    void reloadAudit();

    std::unique_ptr<Ui::MainWindow> m_ui;
    ProfileDock *m_profileDock = nullptr;
    LogDock *m_logDock = nullptr;
    ActivityLog *m_activityLog = nullptr;
    HistoryModel *m_historyModel = nullptr;
    QSortFilterProxyModel *m_historyFilter = nullptr;
    class PendingController *m_pending = nullptr;
    AuditModel *m_auditModel = nullptr;
    AuditChainStatus *m_auditChain = nullptr; // above the table: is the hash chain intact
    QSortFilterProxyModel *m_auditFilter = nullptr;

    ProfilesController *m_profilesCtl = nullptr;
    QString m_current;
    QHash<QString, JobController *> m_controllers;
    QHash<QString, SnapshotPtr> m_snapshots;
    JobPanel *m_jobPanel = nullptr;
    RunsController *m_runs = nullptr;
    class BackupsController *m_backups = nullptr;
    StatusBoard *m_statusBoard = nullptr;
    ProjectWatcher *m_projectWatcher = nullptr;
    class AuthoringController *m_authoring = nullptr;
    class QuitGuard *m_quitGuard = nullptr; // every job of every profile, before quitting
};

} // namespace strata::gui
