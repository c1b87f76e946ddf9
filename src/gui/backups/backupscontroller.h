#pragma once

#include "jobs/projectsnapshot.h"
#include "profiles/profile.h"

#include <QObject>

#include <functional>

class QComboBox;
class QLabel;
class QMainWindow;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableView;
class QWidget;

namespace strata::gui {

class BackupModel;
class JobController;
class JobPanel;
class MigrationWorker;

// The Backups tab of the selected profile: its catalogued backups, Back Up Now (with the
// profile's retention), verifying one against its SHA-256, and restoring one into a profile.
// Backups and restores are the profile's jobs in the JobPanel; the backup the core takes before
// a run shows there as the run's progress. Dialogs answering a worker open with open().
class BackupsController : public QObject
{
    Q_OBJECT

public:
    // The tab's widgets (from the window's form).
    struct Views
    {
        QTabWidget *tabs = nullptr;
        QWidget *tab = nullptr;
        QTableView *list = nullptr;
        QComboBox *format = nullptr;
        QSpinBox *keep = nullptr;
        QLabel *folder = nullptr;
        QLabel *status = nullptr;
        QPushButton *backupNow = nullptr;
        QPushButton *verify = nullptr;
        QPushButton *restore = nullptr;
    };
    // What the controller asks of the window.
    struct Host
    {
        std::function<const Profile *(const QString &)> profile;
        std::function<QList<Profile>()> profiles; // every profile, the session's first
        std::function<JobController *(const QString &)> jobs;
        std::function<QString()> current;          // the selected profile
        std::function<bool(const QString &)> busy; // planning, confirming or running
        // Why the profile takes no new job now, naming it and its job; empty: it can.
        std::function<QString(const QString &)> refusal;
    };

    BackupsController(const Views &views, Host host, JobPanel *panel, QMainWindow *window,
                      QObject *parent = nullptr);

    BackupModel *model() const { return m_model; }
    // Listens to a profile's worker (once, when its JobController is made).
    void connectWorker(const QString &profile, MigrationWorker *worker);
    // Reads the selected profile's backups again, when the tab is shown.
    void showCurrent();
    // Reads the selected profile's backups from the catalogue now.
    void reload();
    // ready: the selected profile's database can be read and it runs nothing.
    void updateActions(bool ready);

    void backupNow();
    void verifySelected();
    void restoreSelected();

Q_SIGNALS:
    // A line for the Activity log.
    void logLine(QString text);
    // A backup or restore started or ended here: the window's actions may change.
    void changed();
    // A restore started here ended (the audit log has a new entry).
    void restoreFinished(QString profile, bool ok);

private:
    void onBackupFinished(const QString &profile, const QString &file, const Error &error);
    void onRestoreFinished(const QString &profile, bool ok, const Error &error);
    void critical(const QString &title, const QString &text);
    void setStatus(const QString &profile, const QString &text);

    Views m_views;
    Host m_host;
    JobPanel *m_panel;
    QMainWindow *m_window;
    BackupModel *m_model;
};

} // namespace strata::gui
