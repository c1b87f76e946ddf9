#pragma once

#include "jobs/jobcontroller.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <functional>

class QLabel;
class QProgressBar;
class QPushButton;
class QWidget;

namespace strata::gui {

// Each profile's job state (what runs or is being planned, its progress, elapsed time and the
// job to cancel), and the progress panel that shows the selected profile's: a job's progress
// bar and Cancel appear only under its own profile; another profile shows its own job or
// nothing. Runs, plans, backups and restores all report here.
class JobPanel : public QObject
{
    Q_OBJECT

public:
    enum class Kind { None, Planning, Run, Backup, Restore, Trial };
    // Finds the profile's JobController to cancel through (null: none).
    using Jobs = std::function<JobController *(const QString &profile)>;

    // panel holds label, bar and cancel; the panel shows only while the shown profile is busy.
    JobPanel(QWidget *panel, QLabel *label, QProgressBar *bar, QPushButton *cancel, Jobs jobs,
             QObject *parent = nullptr);

    // A job of `profile` started: `job` is what Cancel cancels, `text` what the panel says
    // until progress comes; steps > 0: the bar counts that many steps.
    void begin(const QString &profile, Kind kind, JobController::JobId job, const QString &text,
               int steps = 0);
    // A line of progress; percent -1 while it cannot be known.
    void setText(const QString &profile, const QString &text, int percent = -1);
    // A run's progress: step, statement and elapsed time.
    void setProgress(const QString &profile, const JobProgress &progress);
    // The job of `profile` answered: the profile is idle again.
    void end(const QString &profile);
    // Forgets a removed or renamed profile's state (its jobs were cancelled with its worker).
    void forget(const QString &profile) { end(profile); }

    Kind kind(const QString &profile) const { return m_states.value(profile).kind; }
    bool isBusy(const QString &profile) const { return kind(profile) != Kind::None; }
    bool anyBusy() const;
    // Cancel was pressed for the profile's job and its answer has not come yet.
    bool isCancelling(const QString &profile) const { return m_states.value(profile).cancelling; }
    JobController::JobId job(const QString &profile) const { return m_states.value(profile).job; }
    // Asks the profile's job to stop (as its Cancel button does).
    void cancel(const QString &profile);
    // The profiles with a job, sorted by name.
    QStringList busyProfiles() const;
    // What the profile's job is doing, in a few words ("running: upgrade, step 2 of 5",
    // "planning: upgrade to heads", "backing up"); empty while it is idle.
    QString summary(const QString &profile) const;
    // The same in fewer words, for a narrow badge ("running 2/5", "planning"); empty: idle.
    QString shortSummary(const QString &profile) const;
    // Why an action on the profile is refused now: "prod is busy (planning: …); try again when
    // its job ends."; empty while it is idle.
    QString refusal(const QString &profile) const;

    // The selected profile changed: the panel shows its state.
    void show(const QString &profile);
    QString shown() const { return m_shown; }

Q_SIGNALS:
    // A profile became busy or idle.
    void busyChanged(QString profile);
    // The profile's job began, moved on, is being cancelled or ended: summary() changed.
    void jobChanged(QString profile);

private:
    struct State
    {
        Kind kind = Kind::None;
        JobController::JobId job = 0;
        QString text;
        int percent = -1;
        int steps = 0;
        bool hasProgress = false;
        JobProgress progress;
        QElapsedTimer clock;
        bool cancelling = false;
    };
    void display();
    QString progressText(const State &state) const;
    static QString directionWord(const JobProgress &progress);

    QWidget *m_panel;
    QLabel *m_label;
    QProgressBar *m_bar;
    QPushButton *m_cancel;
    Jobs m_jobs;
    QHash<QString, State> m_states; // busy profiles only
    QString m_shown;
    QTimer m_ticker; // the shown job's elapsed time
};

} // namespace strata::gui
