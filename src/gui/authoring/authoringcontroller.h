#pragma once

#include "jobs/projectsnapshot.h"
#include "profiles/profile.h"

#include <QObject>
#include <QSet>

#include <functional>

class QAction;
class QMainWindow;
class QTabWidget;
class QTableView;
class QWidget;

namespace strata::gui {

class EditorArea;
class JobController;
class JobPanel;
class MigrationWorker;

// Writing migrations for the selected profile: the Editor tab (what open files are checked
// against, completion words from the profile's schema), New Migration, Merge Heads, Open in
// Editor, and Try it (the profile's job in the JobPanel, rolled back whatever happens).
class AuthoringController : public QObject
{
    Q_OBJECT

public:
    // The window's widgets and actions this controller drives.
    struct Views
    {
        QTabWidget *tabs = nullptr;
        QWidget *editorTab = nullptr;
        EditorArea *editorArea = nullptr;
        QAction *newMigration = nullptr;
        QAction *mergeHeads = nullptr;
        QAction *openInEditor = nullptr;
    };
    // What the controller asks of the window.
    struct Host
    {
        std::function<const Profile *(const QString &)> profile;
        std::function<SnapshotPtr(const QString &)> snapshot;
        std::function<JobController *(const QString &)> jobs;
        std::function<QString()> current;          // the selected profile
        std::function<QString()> selectedRevision; // in History; empty when none
        std::function<bool(const QString &)> busy; // planning, confirming or running
        // Why the profile takes no new job now, naming it and its job; empty: it can.
        std::function<QString(const QString &)> refusal;
        std::function<void(const QString &)> refresh;
    };

    AuthoringController(const Views &views, Host host, JobPanel *panel, QMainWindow *window,
                        QObject *parent = nullptr);

    // Listens to a profile's worker (once, when its JobController is made).
    void connectWorker(const QString &profile, MigrationWorker *worker);
    // The selected profile's snapshot changed: what open files are checked against.
    void updateContext();
    // Enables the authoring actions and Try it for the selected profile.
    void updateActions();
    // The profile's schema changed (a run): its completion words are read again when next shown.
    void schemaChanged(const QString &profile);
    // Opens a migration file in the Editor tab and shows that tab.
    void openInEditor(const QString &path);

    void newMigration();
    void mergeHeads();
    void openSelectedInEditor();

Q_SIGNALS:
    // The editor's completion words for the profile came back (or could not be read).
    void catalogUpdated(QString profile, bool ok);
    void trialFinished(QString profile, bool ok);
    void logLine(QString text);
    void statusMessage(QString text, int ms);

private:
    void requestCatalog();
    void wroteFile(const QString &projectRoot, const QString &path);
    void tryInEditor(const QString &path, const QString &revision);
    void onTrialFinished(const QString &profile, const QString &revision, bool ok,
                         const QStringList &steps, const Error &error);

    Views m_views;
    Host m_host;
    JobPanel *m_panel;
    QMainWindow *m_window;
    QString m_catalogProfile; // whose schema the editor completes from
};

} // namespace strata::gui
