#include "jobs/quitguard.h"

#include "jobs/jobcontroller.h"
#include "jobs/jobpanel.h"

#include <QMainWindow>
#include <QMessageBox>
#include <QStatusBar>
#include <QTimer>

namespace strata::gui {

QuitGuard::QuitGuard(JobPanel *panel, Controllers controllers, QMainWindow *window)
    : QObject(window), m_panel(panel), m_controllers(std::move(controllers)), m_window(window)
{
    connect(m_panel, &JobPanel::jobChanged, this, &QuitGuard::closeWhenStopped);
}

QStringList QuitGuard::runningJobs() const
{
    QStringList lines;
    const QStringList busy = m_panel->busyProfiles();
    for (const QString &name : busy)
        lines << tr("%1: %2").arg(name, m_panel->summary(name));
    // A job the panel does not show (the rollback wizard's own backup or restore).
    const QHash<QString, JobController *> controllers = m_controllers();
    for (auto it = controllers.constBegin(); it != controllers.constEnd(); ++it) {
        if (it.value()->isRunning() && !busy.contains(it.key()))
            lines << tr("%1: running a job").arg(it.key());
    }
    return lines;
}

void QuitGuard::watch(JobController *controller)
{
    connect(controller, &JobController::runningChanged, this, &QuitGuard::closeWhenStopped);
}

bool QuitGuard::mayClose(const std::function<bool()> &beforeStopping)
{
    const QStringList jobs = runningJobs();
    if (jobs.isEmpty())
        return true;
    if (m_quitting) { // cancelled already; the window closes when the last one answers
        m_window->statusBar()->showMessage(
            tr("Waiting for these jobs to stop: %1").arg(jobs.join(QLatin1String("; "))));
        return false;
    }
    const auto answer = QMessageBox::question(
        m_window, tr("Jobs Are Running"),
        tr("These jobs are still going on:\n\n%1\n\nCancel them and quit? Strata waits "
           "until each has stopped; an interrupted step is rolled back.")
            .arg(jobs.join(QLatin1Char('\n'))));
    if (answer != QMessageBox::Yes || !beforeStopping())
        return false;
    m_quitting = true;
    const QStringList busy = m_panel->busyProfiles();
    for (const QString &name : busy)
        m_panel->cancel(name);
    const QHash<QString, JobController *> controllers = m_controllers();
    for (JobController *c : controllers)
        c->cancel();
    m_window->statusBar()->showMessage(tr("Stopping every job before quitting…"));
    closeWhenStopped();
    return false;
}

void QuitGuard::closeWhenStopped()
{
    // Closing again once every job has answered; the controllers' destructors then join
    // threads that have nothing left to run.
    if (m_quitting && runningJobs().isEmpty())
        QTimer::singleShot(0, m_window, &QWidget::close);
}

} // namespace strata::gui
