#include "status/driftmonitor.h"

#include "jobs/jobpanel.h"
#include "profiles/profilescontroller.h"

namespace strata::gui {

DriftMonitor::DriftMonitor(ProfilesController *profiles, JobPanel *jobs, QObject *parent)
    : QObject(parent), m_profiles(profiles), m_jobPanel(jobs),
      m_jobs(new SchemaJobs(this, QThread::IdlePriority))
{
    SchemaWorker *worker = m_jobs->worker();
    connect(worker, &SchemaWorker::drifted, this,
            [this](quint64 job, const DriftReportPtr &report) {
                const QString profile = m_jobProfile.value(job);
                finish(job);
                if (!profile.isEmpty())
                    Q_EMIT checked(profile, report, m_entries.value(profile).checkedAt);
            });
    connect(worker, &SchemaWorker::failed, this,
            [this](quint64 job, const Error &error, const QString &) {
                const QString profile = m_jobProfile.value(job);
                finish(job);
                if (!profile.isEmpty())
                    Q_EMIT checkFailed(profile, error, m_entries.value(profile).checkedAt);
            });
    connect(&m_timer, &QTimer::timeout, this, &DriftMonitor::checkDue);
    setInterval(defaultIntervalMs);
}

DriftMonitor::~DriftMonitor() = default;

void DriftMonitor::setInterval(int ms)
{
    m_intervalMs = std::max(ms, 1);
    m_timer.start(std::min(m_intervalMs, 60 * 1000));
}

void DriftMonitor::noteSnapshot(const QString &profile, const SnapshotPtr &snapshot)
{
    if (!snapshot || !snapshot->reachable)
        return; // the last check stands, with its time
    Entry &entry = m_entries[profile];
    entry.snapshot = snapshot;
    if (isDue(profile, entry))
        start(profile, entry);
}

void DriftMonitor::forget(const QString &profile)
{
    const auto it = m_entries.find(profile);
    if (it == m_entries.end())
        return;
    if (it->job) {
        m_jobs->cancel(it->job);
        m_jobProfile.remove(it->job);
    }
    m_entries.erase(it);
}

bool DriftMonitor::isChecking(const QString &profile) const
{
    return m_entries.value(profile).job != 0;
}

bool DriftMonitor::isDue(const QString &profile, const Entry &entry) const
{
    const SnapshotPtr &snap = entry.snapshot;
    if (!snap || !snap->reachable || !snap->status.exists || entry.job || !m_jobProfile.isEmpty())
        return false;
    if (m_jobPanel && m_jobPanel->isBusy(profile))
        return false;
    return !entry.checkedAt.isValid() || entry.checkedCurrent != snap->current ||
           entry.checkedAt.msecsTo(QDateTime::currentDateTimeUtc()) >= m_intervalMs;
}

void DriftMonitor::checkDue()
{
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        if (isDue(it.key(), *it)) {
            start(it.key(), *it);
            return; // one at a time; the next when this one ends
        }
    }
}

void DriftMonitor::start(const QString &profile, Entry &entry)
{
    const Profile *p = m_profiles ? m_profiles->profile(profile) : nullptr;
    if (!p)
        return;
    entry.checkedCurrent = entry.snapshot->current;
    entry.checkedAt = QDateTime::currentDateTimeUtc();
    entry.job = m_jobs->drift(m_profiles->optionsFor(*p), true, p->isProtected);
    m_jobProfile.insert(entry.job, profile);
    Q_EMIT checking(profile);
}

void DriftMonitor::finish(quint64 job)
{
    const QString profile = m_jobProfile.take(job);
    if (auto it = m_entries.find(profile); it != m_entries.end() && it->job == job) {
        it->job = 0;
        it->checkedAt = QDateTime::currentDateTimeUtc();
    }
    // The next profile due need not wait for the timer.
    QTimer::singleShot(0, this, &DriftMonitor::checkDue);
}

} // namespace strata::gui
