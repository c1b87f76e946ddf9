#pragma once

#include "audit/auditlog.h"
#include "backup/backuprunner.h"
#include "backup/restorerunner.h"
#include "error.h"
#include "migrator.h"
#include "profiles/lintpolicy.h"

#include <functional>

namespace strata {

// Who runs an operation, and why: what the audit log records beside the operation itself.
struct OperationContext
{
    QString source = QStringLiteral("cli"); // "cli" or "gui"
    QString profile;                        // empty when none was used
    QString reason;                         // what the person typed, may be empty
    // A guided rollback (the app's wizard): its entry is named "guided rollback", and each
    // step gets an entry of its own ("rollback step 2/3: down abc123"), so the log shows how
    // far it got.
    bool guided = false;
    // The lint policy for runs (LintPolicy::blockFor): run() and runAfterBackup() refuse a plan
    // whose findings it blocks, before anything runs, unless lintOverride gives a reason; an
    // override is audited as an entry of its own, "lint override: RULE, ..." with that reason.
    LintBlock lintBlock = LintBlock::Nothing;
    QString lintOverride;
    QString auditFile; // empty: AuditLog::defaultFilePath()
    // Told when the audit log cannot be written: a warning, the operation's result stands.
    std::function<void(const Error &)> auditFailed;
};

// The sequences the command line and the desktop app both run, written once so the two doors
// cannot drift: each operation on a database followed by its audit entry, a backup before a
// run, a restore followed by its entry. Front ends format the results and ask the person;
// they never build an audit entry themselves.
//
// Audit entries (AuditEntry, one JSON line each; the format is AuditLog's):
//  - action: "upgrade", "downgrade", "stamp", "stamp --purge", "repair", "backup",
//    "create database",
//    "restore", "guided rollback" (and its "rollback step N/M: DIR REV" entries), and
//    "lint override: RULE, ..." before a run the lint policy blocked, with the reason typed;
//  - from: the version rows before; to: the rows after (on failure, the rows read again, or
//    empty when they cannot be read);
//  - result: "success", "cancelled" (Error::Code::Cancelled, or the cancel flag was set), or
//    "failed: <message>";
//  - reason, profile, database (display form, never a password), duration.
// A dry run changes nothing and leaves no entry.
class Operations
{
public:
    // migrator: the open database; it must outlive this object.
    Operations(Migrator &migrator, OperationContext context);

    // Runs an upgrade, downgrade or stamp plan (Migrator::run) and audits it. Refused
    // (Error::Code::Refused, nothing run) when the lint policy blocks it (see OperationContext).
    Result<Plan> run(const Plan &plan, const RunOptions &options);
    // Migrator::stamp, audited as "stamp" or "stamp --purge".
    Result<Plan> stamp(const QStringList &targets, bool purge, const RunOptions &options);
    // Migrator::repair, audited; the version rows do not move.
    Result<QStringList> repair();
    // Migrator::createDatabaseIfMissing (`upgrade --create-database`, the app's "Create the
    // database first"): true when it was created, audited then as "create database"; a refusal
    // (say, a role without CREATEDB) is audited as a failure and leaves nothing. False, with no
    // entry, when the database was there already.
    Result<bool> createDatabase();

    // A verified, catalogued backup of the migrator's database at its current revisions
    // (request.connection and request.revisions are filled in here), audited as "backup".
    Result<BackupInfo> backup(BackupRequest request, const BackupCallbacks &callbacks = {});
    // The backup first, then the plan (a protected upgrade when the person keeps Guard's
    // offered backup): a failed or cancelled backup means nothing runs (the error says so).
    // Both are audited. *taken (when given) gets the backup once it is written.
    Result<Plan> runAfterBackup(const Plan &plan, const RunOptions &options,
                                BackupRequest backupRequest, const BackupCallbacks &callbacks = {},
                                BackupInfo *taken = nullptr);
    // The backup before `action` ("stamp", "restore", ...; see Protection::backupFirst), audited
    // as "backup". A failure (or cancel) comes back saying that nothing ran, for the caller to
    // stop there. *taken (when given) gets the backup once it is written.
    Status backupBefore(const QString &action, BackupRequest request,
                        const BackupCallbacks &callbacks = {}, BackupInfo *taken = nullptr);
    // What the lint policy says about `plan` (OperationContext::lintBlock), read from the
    // migrator's project for its engine.
    LintReview lintReview(const Plan &plan) const;

    // Restores a catalogued backup into the migrator's database (request.target is filled in
    // here; the migrator's connection is closed first), audited as "restore" with the rows
    // before and the backup's rows after.
    Result<RestoreResult> restore(RestoreRequest request, const BackupCallbacks &callbacks = {});

    // The action name an audit entry gives a plan: "upgrade", "downgrade", "stamp",
    // "stamp --purge", or "guided rollback" when guided.
    static QString actionName(const Plan &plan, bool guided);

private:
    // The lint policy's gate before a run: a refusal, or an override audited; ok otherwise.
    Status passLint(const Plan &plan, const RunOptions &options);
    Result<Plan> runPassed(const Plan &plan, const RunOptions &options);
    AuditEntry entry(const QString &action, qint64 durationMs) const;
    void append(const AuditEntry &entry) const;
    // "success", "cancelled" or "failed: ...".
    static QString outcome(const Error *error, bool cancelled);
    // The version rows as a comma-separated list (empty: base), read again over a new connection
    // after a lost one; AuditEntry::unknownRevisions() when they cannot be read, and then
    // `unread` (when given) says why.
    QString rowsNow(QString *unread = nullptr);

    Migrator &m_migrator;
    OperationContext m_context;
};

} // namespace strata
