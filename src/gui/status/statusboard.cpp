#include "status/statusboard.h"

#include "profiles/profiledock.h"
#include "status/driftmonitor.h"

#include <QTimer>

namespace strata::gui {

namespace {

QString clock(const QDateTime &utc)
{
    return utc.toLocalTime().toString(QStringLiteral("HH:mm:ss"));
}

bool reconnects(Error::Code code)
{
    return code == Error::Code::ConnectionLost || code == Error::Code::ConnectionFailed;
}

} // namespace

StatusBoard::StatusBoard(ProfileDock *dock, QObject *parent) : QObject(parent), m_dock(dock) {}

StatusBoard::~StatusBoard()
{
    for (Entry &entry : m_entries)
        delete entry.timer;
}

int StatusBoard::backoffMs(int attempt)
{
    const int shift = std::clamp(attempt - 1, 0, 6);
    return std::min(1000 << shift, 60000);
}

void StatusBoard::checking(const QString &profile)
{
    if (m_dock)
        m_dock->setBadge(profile, ProfileDock::Badge::Checking);
}

void StatusBoard::noteSnapshot(const QString &profile, const SnapshotPtr &snapshot)
{
    Entry &entry = m_entries[profile];
    entry.snapshot = snapshot;
    entry.projectFailed = false;
    entry.projectError = {};
    entry.checkedAt =
        snapshot->checkedAt.isValid() ? snapshot->checkedAt : QDateTime::currentDateTimeUtc();
    if (snapshot->lastReadAt.isValid())
        entry.lastReadAt = snapshot->lastReadAt;
    if (snapshot->reachable) {
        entry.lastReadAt = entry.checkedAt;
        stopReconnect(entry);
    } else if (reconnects(snapshot->problemCode)) {
        scheduleReconnect(profile, entry);
    } else {
        stopReconnect(entry);
    }
    setBadge(profile, entry);
    if (m_drift)
        m_drift->noteSnapshot(profile, snapshot);
}

void StatusBoard::watchDrift(DriftMonitor *monitor)
{
    m_drift = monitor;
    connect(monitor, &DriftMonitor::checked, this,
            [this](const QString &profile, const DriftReportPtr &report, const QDateTime &at) {
                noteDrift(profile, *report, at);
            });
    connect(monitor, &DriftMonitor::checkFailed, this, &StatusBoard::noteDriftFailed);
}

void StatusBoard::noteProjectFailure(const QString &profile, const Error &error)
{
    Entry &entry = m_entries[profile];
    entry.snapshot.reset();
    entry.projectFailed = true;
    entry.projectError = error;
    entry.checkedAt = QDateTime::currentDateTimeUtc();
    stopReconnect(entry); // the project watcher notices when it comes back
    setBadge(profile, entry);
}

void StatusBoard::forget(const QString &profile)
{
    if (m_drift)
        m_drift->forget(profile);
    auto it = m_entries.find(profile);
    if (it == m_entries.end())
        return;
    delete it->timer;
    m_entries.erase(it);
}

bool StatusBoard::isKnown(const QString &profile) const
{
    const auto it = m_entries.constFind(profile);
    return it != m_entries.constEnd() && it->snapshot && it->snapshot->reachable;
}

bool StatusBoard::isProjectMissing(const QString &profile) const
{
    const auto it = m_entries.constFind(profile);
    return it != m_entries.constEnd() && it->projectFailed &&
           it->projectError.code == Error::Code::NotFound;
}

int StatusBoard::reconnectAttempt(const QString &profile) const
{
    const auto it = m_entries.constFind(profile);
    return it == m_entries.constEnd() ? 0 : it->attempt;
}

void StatusBoard::stopReconnect(Entry &entry)
{
    entry.attempt = 0;
    entry.nextAttemptAt = {};
    if (entry.timer)
        entry.timer->stop();
}

void StatusBoard::scheduleReconnect(const QString &profile, Entry &entry)
{
    ++entry.attempt;
    const int delay = backoffMs(entry.attempt);
    entry.nextAttemptAt = QDateTime::currentDateTimeUtc().addMSecs(delay);
    if (!entry.timer) {
        entry.timer = new QTimer;
        entry.timer->setSingleShot(true);
        QObject::connect(entry.timer, &QTimer::timeout, this, [this, profile] {
            auto it = m_entries.find(profile);
            if (it == m_entries.end())
                return;
            it->nextAttemptAt = {};
            Q_EMIT retryDue(profile);
        });
    }
    entry.timer->start(delay);
    Q_EMIT changed(profile);
}

QString StatusBoard::lastReadText(const Entry &entry) const
{
    return entry.lastReadAt.isValid() ? tr("last read %1").arg(clock(entry.lastReadAt))
                                      : tr("not read since Strata started");
}

QString StatusBoard::unknownWhy(const Entry &entry) const
{
    if (entry.projectFailed)
        return entry.projectError.message;
    if (!entry.snapshot)
        return {};
    switch (entry.snapshot->problemCode) {
    case Error::Code::ConnectionLost:
        return tr("the connection was lost (%1)").arg(entry.snapshot->problem);
    case Error::Code::ConnectionFailed:
        return tr("the database cannot be reached (%1)").arg(entry.snapshot->problem);
    default:
        return entry.snapshot->problem;
    }
}

QString StatusBoard::shortWhy(const Entry &entry) const
{
    switch (entry.snapshot ? entry.snapshot->problemCode : Error::Code::None) {
    case Error::Code::ConnectionLost:
        return tr("the connection was lost");
    case Error::Code::ConnectionFailed:
        return tr("the database cannot be reached");
    case Error::Code::AuthenticationFailed:
        return tr("the server refused the login");
    default:
        break;
    }
    // The first line, cut short: the whole of it is in the problem lines and the badge's tip.
    const QString first = unknownWhy(entry).section(QLatin1Char('\n'), 0, 0);
    return first.size() > 100 ? first.left(99) + QChar(0x2026) : first;
}

void StatusBoard::setBadge(const QString &profile, const Entry &entry)
{
    if (!m_dock)
        return;
    const SnapshotPtr &snap = entry.snapshot;
    if (entry.projectFailed) {
        const bool missing = entry.projectError.code == Error::Code::NotFound;
        m_dock->setBadge(profile,
                         missing ? ProfileDock::Badge::ProjectMissing
                                 : ProfileDock::Badge::ProjectError,
                         0, entry.projectError.toString(), entry.checkedAt);
        return;
    }
    if (!snap->reachable) {
        QString detail = tr("State unknown: %1\nThe database was %2; checked %3.")
                             .arg(unknownWhy(entry), lastReadText(entry), clock(entry.checkedAt));
        if (entry.nextAttemptAt.isValid())
            detail += QLatin1Char('\n') + tr("Reconnecting (attempt %1) at %2.")
                                              .arg(entry.attempt)
                                              .arg(clock(entry.nextAttemptAt));
        m_dock->setBadge(profile, ProfileDock::Badge::Unreachable, 0, detail, entry.checkedAt);
        return;
    }
    QString checked = tr("Read at %1.").arg(clock(entry.checkedAt));
    if (!snap->status.exists && snap->engine == QLatin1String("postgresql"))
        checked = tr("The database %1 does not exist on the server; Upgrade can create it.")
                      .arg(snap->missingDatabase) +
                  QLatin1Char('\n') + checked;
    if (!snap->edited.isEmpty())
        m_dock->setBadge(profile, ProfileDock::Badge::Edited, int(snap->edited.size()), checked,
                         entry.checkedAt);
    else if (!snap->pending.isEmpty())
        m_dock->setBadge(profile, ProfileDock::Badge::Pending, int(snap->pending.size()), checked,
                         entry.checkedAt);
    else if (!snap->status.upToDate())
        m_dock->setBadge(profile, ProfileDock::Badge::Unknown, 0,
                         snap->problem.isEmpty() ? checked : snap->problem, entry.checkedAt);
    else
        m_dock->setBadge(profile, ProfileDock::Badge::UpToDate, 0, checked, entry.checkedAt);
}

QString StatusBoard::stateText(const QString &profile) const
{
    const auto it = m_entries.constFind(profile);
    if (it == m_entries.constEnd())
        return {};
    const Entry &entry = *it;
    if (entry.projectFailed) {
        if (entry.projectError.code == Error::Code::NotFound)
            return tr("project missing: %1 · the state of the database is not read without it")
                .arg(entry.projectError.message);
        return tr("the project could not be read: %1").arg(entry.projectError.message);
    }
    const SnapshotPtr &snap = entry.snapshot;
    if (!snap->reachable) {
        QString text = tr("state unknown: %1 · %2").arg(shortWhy(entry), lastReadText(entry));
        if (entry.nextAttemptAt.isValid())
            text += tr(" · reconnecting (attempt %1) at %2")
                        .arg(entry.attempt)
                        .arg(clock(entry.nextAttemptAt));
        else if (entry.attempt > 0)
            text += tr(" · reconnecting (attempt %1)…").arg(entry.attempt);
        return text;
    }
    const bool serverSaysMissing =
        !snap->status.exists && snap->engine == QLatin1String("postgresql");
    QString text =
        serverSaysMissing         ? (snap->missingServer.isEmpty()
                                         ? tr("database %1 does not exist on the local server (nothing "
                                                      "applied; Upgrade can create it)")
                                       .arg(snap->missingDatabase)
                                         : tr("database %1 does not exist on %2 (nothing applied; Upgrade "
                                                      "can create it)")
                                       .arg(snap->missingDatabase, snap->missingServer))
        : !snap->status.exists    ? tr("not created yet (nothing applied)")
        : snap->current.isEmpty() ? tr("at empty (base)")
                                  : tr("at %1").arg(snap->current.join(QLatin1String(", ")));
    if (!snap->cancelled.isEmpty())
        text += tr(" · cancelled: %1").arg(snap->cancelled.join(QLatin1String(", ")));
    if (!snap->failed.isEmpty())
        text += tr(" · failed: %1").arg(snap->failed.join(QLatin1String(", ")));
    text += tr(" · read %1").arg(clock(entry.checkedAt));
    return text;
}

QString StatusBoard::changeText(const QString &object, int change)
{
    switch (schema::ObjectChange::Change(change)) {
    case schema::ObjectChange::Change::Added:
        return tr("%1 added").arg(object);
    case schema::ObjectChange::Change::Removed:
        return tr("%1 removed").arg(object);
    case schema::ObjectChange::Change::Changed:
        break;
    }
    return tr("%1 changed").arg(object);
}

void StatusBoard::noteDrift(const QString &profile, const schema::DriftReport &report,
                            const QDateTime &at)
{
    Entry &entry = m_entries[profile];
    const QString where =
        report.current.isEmpty()
            ? tr("the project at base")
            : tr("the project at %1").arg(report.current.join(QLatin1String(", ")));
    if (!report.hasDrift()) {
        QString text = tr("No drift: the database matches %1 (checked %2).").arg(where, clock(at));
        if (!report.ownersAndGrantsCompared)
            text += QLatin1Char('\n') + tr("Owners and grants were not compared.");
        if (report.ignoredFindings > 0)
            text += QLatin1Char('\n') +
                    tr("%n finding(s) hidden by drift_ignore.", nullptr, report.ignoredFindings);
        entry.drift = Entry::Drift::None;
        entry.driftText = text;
    } else {
        QStringList objects;
        for (const schema::ObjectChange &c : report.changes)
            objects << changeText(c.object, int(c.change));
        for (const schema::UnsupportedChange &c : report.unsupported)
            objects << changeText(c.object, int(c.change));
        const int count = int(objects.size());
        constexpr int shown = 6;
        QString list = QStringList(objects.mid(0, shown)).join(QLatin1String("; "));
        if (count > shown)
            list += QLatin1String("; ") + tr("and %n more", nullptr, count - shown);
        entry.drift = Entry::Drift::Found;
        entry.driftText = tr("Drift: %n object(s) of the database differ from %1: %2 (checked %3).",
                             nullptr, count)
                              .arg(where, list, clock(at));
    }
    setDrift(profile, entry);
}

void StatusBoard::noteDriftFailed(const QString &profile, const Error &error, const QDateTime &at)
{
    Entry &entry = m_entries[profile];
    entry.drift = Entry::Drift::Unknown;
    const QString why =
        error.code == Error::Code::Cancelled ? tr("the check was cancelled") : error.toString();
    entry.driftText = tr("Drift unknown: %1 (checked %2).").arg(why, clock(at));
    setDrift(profile, entry);
}

QString StatusBoard::driftText(const QString &profile) const
{
    return m_entries.value(profile).driftText;
}

void StatusBoard::setDrift(const QString &profile, const Entry &entry)
{
    if (!m_dock)
        return;
    const auto mark = entry.drift == Entry::Drift::Found     ? ProfileDock::Drift::Found
                      : entry.drift == Entry::Drift::None    ? ProfileDock::Drift::None
                      : entry.drift == Entry::Drift::Unknown ? ProfileDock::Drift::Unknown
                                                             : ProfileDock::Drift::NotChecked;
    m_dock->setDrift(profile, mark, entry.driftText);
}

QString StatusBoard::pendingText(const QString &profile) const
{
    const auto it = m_entries.constFind(profile);
    if (it == m_entries.constEnd() || (it->snapshot && it->snapshot->reachable))
        return {};
    if (it->projectFailed)
        return tr("No plan: %1").arg(stateText(profile));
    return tr("Pending steps unknown: the database was not read (%1; %2).")
        .arg(unknownWhy(*it), lastReadText(*it));
}

QStringList StatusBoard::problems(const QString &profile) const
{
    const auto it = m_entries.constFind(profile);
    if (it == m_entries.constEnd())
        return {};
    const Entry &entry = *it;
    QStringList lines;
    if (entry.projectFailed) {
        lines << (entry.projectError.code == Error::Code::NotFound
                      ? tr("The project is missing: %1. It was moved or deleted; put it back, or "
                           "choose its new folder with Edit Profile.")
                            .arg(entry.projectError.message)
                      : tr("The project could not be read: %1").arg(entry.projectError.toString()));
        return lines;
    }
    const SnapshotPtr &snap = entry.snapshot;
    if (!snap->reachable) {
        lines << tr("The state of the database is unknown: %1. It was %2.")
                     .arg(unknownWhy(entry), lastReadText(entry));
        return lines;
    }
    if (!snap->problem.isEmpty())
        lines << snap->problem;
    const DatabaseStatus &st = snap->status;
    for (const DatabaseStatus::StepFailure &f : st.failures) {
        if (f.record.cancelled)
            lines << tr("The last run of %1 was cancelled and rolled back; run it again when "
                        "ready.")
                         .arg(f.record.revision);
        else if (f.partlyApplied)
            lines << tr("The last run of %1 failed part way; it ran outside a transaction, so "
                        "its statements before the failing one may have stayed applied. Check "
                        "the schema before you upgrade again.")
                         .arg(f.record.revision);
        else
            lines << tr("The last run of %1 failed and was rolled back; fix the migration and "
                        "upgrade again.")
                         .arg(f.record.revision);
    }
    return lines;
}

} // namespace strata::gui
