#pragma once

#include "jobs/projectsnapshot.h"
#include "schema/schemaworkbench.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

class QTimer;

namespace strata::gui {

class DriftMonitor;
class ProfileDock;

// What the app says about each profile's database: only what the core read
// (Migrator::status(), carried by a ProjectSnapshot), else "unknown" with why and when it was
// last read; "project missing" when the profile's project folder is gone. It sets the profile
// badges and words the banner's state, the Pending summary and the problem lines, so every view
// says the same. After a lost or failed connection it reconnects with a backoff (1 s, 2 s, 4 s,
// ... up to a minute; retryDue() asks for each attempt) until the state is read again.
class StatusBoard : public QObject
{
    Q_OBJECT

public:
    // dock: where the badges go (not owned; may be null in tests of the texts).
    explicit StatusBoard(ProfileDock *dock, QObject *parent = nullptr);
    ~StatusBoard() override;

    // A read of the profile is under way (its badge says so, keeping the last check's time).
    void checking(const QString &profile);
    // A read came back: the state it holds, or why it is unknown.
    void noteSnapshot(const QString &profile, const SnapshotPtr &snapshot);
    // The profile's project could not be opened (Migrator::open's error): Code::NotFound is
    // a missing project folder (or strata.ini); anything else a project that does not read.
    void noteProjectFailure(const QString &profile, const Error &error);
    // The profile is gone or was replaced: no more reconnects for it.
    void forget(const QString &profile);

    // Checks the profiles for drift with `monitor` (owned by its parent) after each successful
    // read, and shows what it finds in the badges.
    void watchDrift(DriftMonitor *monitor);
    // Drift (DriftMonitor's checks): what the last check found, with when it was made (UTC), or
    // why it could not be made. A failed check never reads as "no drift".
    void noteDrift(const QString &profile, const schema::DriftReport &report, const QDateTime &at);
    void noteDriftFailed(const QString &profile, const Error &error, const QDateTime &at);
    // The drift lines of the badge's tooltip: "Drift: 2 objects differ from the project at a1:
    // ... (checked 18:32:05)", "No drift ... (checked ...)", "Drift unknown: why (checked ...)";
    // empty before the first check.
    QString driftText(const QString &profile) const;

    // True when the latest read of the profile read its database (the state is known).
    bool isKnown(const QString &profile) const;
    bool isProjectMissing(const QString &profile) const;
    // The banner's state, plain text: "at 1a2b", "at empty (base)" (read, and truly empty),
    // "state unknown: <why> · last read 18:32:05 · reconnecting (attempt 2) at 18:32:09", or
    // "project missing: ...". Empty before the first read.
    QString stateText(const QString &profile) const;
    // What the Pending tab says instead of a plan when the state is not known; empty when known.
    QString pendingText(const QString &profile) const;
    // The problem lines of the profile's state (unknown parts, failed and cancelled runs).
    QStringList problems(const QString &profile) const;
    // Reconnect attempts made since the state was last read (0: none pending).
    int reconnectAttempt(const QString &profile) const;
    // The delay before reconnect attempt n (1-based), in ms.
    static int backoffMs(int attempt);

Q_SIGNALS:
    // Time to read the profile again (a reconnect attempt).
    void retryDue(QString profile);
    // The texts of the profile changed without a new read (a reconnect was scheduled).
    void changed(QString profile);

private:
    struct Entry
    {
        SnapshotPtr snapshot; // the latest read; null when the project did not open
        Error projectError;   // why the project did not open (when snapshot is null)
        bool projectFailed = false;
        QDateTime checkedAt;     // of the latest attempt (UTC)
        QDateTime lastReadAt;    // the last time the database was read (UTC)
        int attempt = 0;         // reconnect attempts since the last successful read
        QDateTime nextAttemptAt; // when the next one is due (UTC); invalid: none
        QTimer *timer = nullptr;
        // The last drift check.
        enum class Drift { NotChecked, None, Found, Unknown };
        Drift drift = Drift::NotChecked;
        QString driftText;
    };
    void setDrift(const QString &profile, const Entry &entry);
    // "table public.x added" (change: schema::ObjectChange::Change).
    static QString changeText(const QString &object, int change);

    void setBadge(const QString &profile, const Entry &entry);
    void scheduleReconnect(const QString &profile, Entry &entry);
    void stopReconnect(Entry &entry);
    QString unknownWhy(const Entry &entry) const;
    QString shortWhy(const Entry &entry) const; // for the banner: a few words
    QString lastReadText(const Entry &entry) const;

    ProfileDock *m_dock = nullptr;
    DriftMonitor *m_drift = nullptr;
    QHash<QString, Entry> m_entries;
};

} // namespace strata::gui
