#pragma once

#include "audit/auditchain.h"
#include "error.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace strata {

// One operation, from the GUI or the CLI.
struct AuditEntry
{
    QDateTime time;   // UTC, when the action started
    QString source;   // "gui" or "cli"
    QString profile;  // empty when none was used
    QString database; // display form, never a password
    QString osUser;
    QString action;        // upgrade, downgrade, stamp, repair, backup, restore, ...
    QString fromRevisions; // comma-separated; empty: base; unknownRevisions(): not read
    QString toRevisions;
    QString result; // "success", "failed: <message>", "cancelled"
    QString reason; // what the person typed, may be empty
    // Why fromRevisions or toRevisions is unknownRevisions(): the read that failed ("the
    // connection was lost: ..."); empty when both were read.
    QString unread;
    qint64 durationMs = 0;

    // What fromRevisions or toRevisions hold when the version rows could not be read (a lost
    // connection): never empty, which would say base; `unread` says why.
    static QString unknownRevisions() { return QStringLiteral("unknown"); }
    // True when `revisions` (this entry's from or to) were not read: "unknown" with a reason, or
    // the "?" that entries written before the reason field hold.
    bool notRead(const QString &revisions) const
    {
        return (revisions == unknownRevisions() && !unread.isEmpty()) ||
               revisions == QLatin1String("?");
    }
    // An entry for an action that started durationMs ago, by this operating-system user.
    static AuditEntry of(QString source, QString profile, QString database, QString action,
                         qint64 durationMs = 0);
};

// Which entries to list (strata audit --since --profile, the Audit tab's filters).
struct AuditQuery
{
    QDateTime since; // entries that started at or after it; invalid: all
    QString profile; // entries of this profile; empty: all
    bool matches(const AuditEntry &entry) const;
};

// An append-only local log of operations: one JSON object per line, so a reader skips a damaged
// line instead of losing the file. Tamper-evident: each entry is linked to the one before by a
// SHA-256 hash chain (auditchain.h), which verify() checks. The file is 0600 in a 0700 folder
// (PrivateFiles). Writers in several processes and threads (the app's workers, a CLI at the
// same moment) take an exclusive flock(2) on the file around reading the last hash and
// appending, so lines never interleave and the chain never forks.
class AuditLog
{
public:
    explicit AuditLog(QString filePath);

    // $STRATA_AUDIT_LOG when set, else GenericDataLocation/strata/audit.jsonl
    // (~/.local/share/strata/audit.jsonl), shared by the app and the command line.
    static QString defaultFilePath();

    QString filePath() const { return m_filePath; }

    // Creates the folder and file when needed; links the entry after the last one. Waits up to
    // 10 s for the lock (another writer holds it for microseconds). Errors name the file.
    Status append(const AuditEntry &entry) const;
    // Oldest first; lines that do not parse are skipped.
    Result<QList<AuditEntry>> readAll() const;
    // Those of readAll() that `query` matches.
    Result<QList<AuditEntry>> read(const AuditQuery &query) const;
    // An entry as the log stores it (and `strata audit --json` prints it), without the chain's
    // "prev" and "hash".
    static QJsonObject toJson(const AuditEntry &entry);
    // Checks the hash chain (under a shared lock, so a writer's line is read whole): intact,
    // broken (naming the first line changed, removed or inserted), or unreadable (a missing
    // file is unreadable too: there is nothing to vouch for).
    AuditVerification verify() const;

private:
    QString m_filePath;
};

} // namespace strata
