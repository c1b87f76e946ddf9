#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace strata::gui {

// What a guided rollback did, for the ticket: who, where, why, what each step did, and the
// state the database was left in.
struct RollbackRecord
{
    struct Step
    {
        QString revision;
        QString message;
        enum class Outcome { NotRun, Done, Failed } outcome = Outcome::NotRun;
    };

    QString profile;
    QString environment;
    QString database; // display form, never a password
    QString target;   // revision id, or "base"
    QString targetDescription;
    QStringList fromRevisions;
    QStringList toRevisions; // where the database was left
    QList<Step> steps;
    QString backupFile; // empty: none taken
    QString backupNote; // why none, or what it holds
    QString reason;
    QString osUser;
    QDateTime startedAt;
    QDateTime finishedAt;
    bool success = false;
    QString error;         // the failure, with file:line
    QString restoreResult; // empty: no restore was attempted
    QString toolVersion;
};

class RollbackReport
{
    Q_DECLARE_TR_FUNCTIONS(RollbackReport)

public:
    // A self-contained HTML page (inline style, no scripts, every value escaped).
    static QString html(const RollbackRecord &record);
    // Writes the page into dir as rollback-<profile>-<UTC time>.html, mode 0600 in a 0700
    // folder (strata::PrivateFiles: it holds the SQL of the rollback); the path, or empty with
    // *error set.
    static QString save(const RollbackRecord &record, const QString &dir, QString *error);
    // Where reports are kept: the app's data folder, reports/.
    static QString defaultDir();
};

} // namespace strata::gui
