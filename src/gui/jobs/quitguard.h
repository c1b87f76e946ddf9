#pragma once

#include <QHash>
#include <QObject>
#include <QStringList>

#include <functional>

class QMainWindow;

namespace strata::gui {

class JobController;
class JobPanel;

// What stands between the window and quitting: every job of every profile (planning, runs,
// backups, restores, Try it, the rollback wizard's own jobs). Asked to close with jobs running,
// it lists them by profile; on Yes it cancels every one and closes the window again once the
// last has answered, so nothing is left half-done and no worker outlives the window.
class QuitGuard : public QObject
{
    Q_OBJECT

public:
    // The profiles' job controllers, by profile name.
    using Controllers = std::function<QHash<QString, JobController *>()>;

    QuitGuard(JobPanel *panel, Controllers controllers, QMainWindow *window);

    // One line per profile with a job ("staging: running: upgrade, step 2 of 5"), sorted by
    // profile; empty when none runs.
    QStringList runningJobs() const;
    // A new controller: its end of a run, backup or restore may be the last one awaited.
    void watch(JobController *controller);
    // From closeEvent: true when the window may close now. With jobs running it asks (once);
    // on Yes, and when beforeStopping() agrees (unsaved files), it cancels them all and closes
    // the window when they have stopped; meanwhile it returns false.
    bool mayClose(const std::function<bool()> &beforeStopping);

private:
    void closeWhenStopped();

    JobPanel *m_panel;
    Controllers m_controllers;
    QMainWindow *m_window;
    bool m_quitting = false; // jobs were cancelled to quit; closing once they have stopped
};

} // namespace strata::gui
