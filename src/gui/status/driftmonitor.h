#pragma once

#include "jobs/projectsnapshot.h"
#include "migrator.h"
#include "schemadiff/schemaworker.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QTimer>

namespace strata::gui {

class JobPanel;
class ProfilesController;

// Checks the profiles' databases for drift (SchemaWorkbench::drift(): the database against the
// project replayed to its own version rows) in the background, in its own worker thread, never
// on the GUI thread, at idle priority (a check waits for a free processor). A check runs after
// a successful read of the profile's state, when the database exists, no job runs on the
// profile, and either it was never checked, its revisions changed since the last check, or the
// last check is older than the interval (ten minutes unless set); a timer looks again every
// minute. One check at a time over all profiles. A protected PostgreSQL profile is checked only
// when scratch databases go to a dev server (schema::unattendedDriftAllowed()); otherwise its
// drift is unknown, with why.
class DriftMonitor : public QObject
{
    Q_OBJECT

public:
    static constexpr int defaultIntervalMs = 10 * 60 * 1000;

    // profiles: how to connect to each profile (the password as the app resolved it); jobs:
    // whether a job runs on it (planning, a run, backup, restore, Try it). Neither is owned.
    DriftMonitor(ProfilesController *profiles, JobPanel *jobs, QObject *parent = nullptr);
    ~DriftMonitor() override;

    // How old a check may grow before the next (ms); also how often the timer looks (at most
    // every minute).
    void setInterval(int ms);
    int interval() const { return m_intervalMs; }

    // The profile was read: checks it when due.
    void noteSnapshot(const QString &profile, const SnapshotPtr &snapshot);
    // The profile is gone or was replaced: its check is cancelled and forgotten.
    void forget(const QString &profile);
    bool isChecking(const QString &profile) const;

Q_SIGNALS:
    void checking(QString profile);
    // A check ended: what it found, and when it was made (UTC).
    void checked(QString profile, strata::gui::DriftReportPtr report, QDateTime at);
    void checkFailed(QString profile, strata::Error error, QDateTime at);

private:
    struct Entry
    {
        SnapshotPtr snapshot;       // the latest successful read
        QStringList checkedCurrent; // the version rows at the last check
        QDateTime checkedAt;        // of the last check (UTC); invalid: never
        SchemaWorker::JobId job = 0;
    };
    bool isDue(const QString &profile, const Entry &entry) const;
    void checkDue();
    void start(const QString &profile, Entry &entry);
    void finish(quint64 job);

    ProfilesController *m_profiles = nullptr;
    JobPanel *m_jobPanel = nullptr;
    SchemaJobs *m_jobs = nullptr;
    QTimer m_timer;
    int m_intervalMs = defaultIntervalMs;
    QHash<QString, Entry> m_entries;
    QHash<SchemaWorker::JobId, QString> m_jobProfile;
};

} // namespace strata::gui
