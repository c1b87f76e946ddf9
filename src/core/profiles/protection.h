#pragma once

#include "connection/connectioninfo.h"
#include "error.h"
#include "profiles/profile.h"

#include <QString>

#include <optional>

namespace strata {

// The actions a guard looks at. A guided rollback is the app's wizard: a downgrade with a
// safety backup and a typed confirmation on every profile.
enum class GuardedAction { Upgrade, Downgrade, Stamp, Repair, Restore, GuidedRollback };

// How an action is asked for. Only Apply changes the database: a plan printed, offline SQL
// written or a dry run rolled back keeps nothing, so it needs no confirmation.
enum class GuardedMode { Apply, DryRun, Plan, OfflineSql };

// What a person must do before an action runs on a database.
struct Guard
{
    enum class Backup {
        None,     // nothing to offer (or nothing to back up yet)
        Offered,  // a backup first is proposed, on by default
        Required, // the action does not start without one
    };

    GuardedAction action = GuardedAction::Upgrade;
    QString confirmName; // the database name to type; empty: no confirmation is needed
    QString why;         // one sentence: "prod is protected", "a restore replaces ..."
    Backup backup = Backup::None;
    // Why no backup can be taken at all, when that is so: the database does not exist yet (it
    // is created by this upgrade). backupFirst() refuses a backup asked for then.
    QString nothingToBackUp;

    bool needsConfirmation() const { return !confirmName.isEmpty(); }
};

// The one protection policy, asked by the command line and the desktop app alike (neither
// decides on its own). The rule, written once:
//  - Nothing is needed unless the action changes the database (GuardedMode::Apply).
//  - On a protected profile, upgrade, downgrade, stamp, repair, restore and a guided rollback
//    need the database name typed (Profile::databaseName()); every one of them offers a backup
//    first (on by default: the restore's is of its target, before it is replaced), a guided
//    rollback requires one.
//  - A restore replaces every user schema (or the whole SQLite file): when the target is not a
//    saved profile that says it is unprotected (a plain --url, DATABASE_URL, .env, ...), it
//    needs the database name typed too.
//  - A guided rollback asks for the name on every profile, and offers a backup when the
//    profile is not protected.
// A backup is offered or required only when there is something to back up (a PostgreSQL
// database, or a SQLite file that exists).
class Protection
{
public:
    // profile: the saved profile of the target, or nullptr when the database was named
    // otherwise; then databaseName is the name to type (see databaseName(ConnectionInfo)).
    // databaseExists: false when the database was read as not existing yet
    // (DatabaseStatus::exists): the name is still typed on a protected profile, but there is
    // nothing to back up (Guard::nothingToBackUp).
    static Guard guard(GuardedAction action, GuardedMode mode, const Profile *profile,
                       const QString &databaseName = {}, bool databaseExists = true);

    // typed is the name the person gave (--confirm, a prompt, a dialog's field). Ok when no
    // confirmation is needed or it matches exactly; else a failure (exit 1: the command line is
    // well formed, the profile or database refuses it) with code Error::Code::Refused naming
    // the target and what to type.
    static Status check(const Guard &guard, const QString &typed);

    // The name a person types for a database not given as a profile: PostgreSQL's database
    // (dbname, else the service's, asked from the server), or the SQLite file's name.
    static Result<QString> databaseName(const ConnectionInfo &connection);

    // Whether to take a backup first. asked: what the person chose (a dialog's check box,
    // --backup-first or --no-backup); nothing: the default. Offered: on unless declined; None:
    // off unless asked for; Required: on, and declining it is refused (Error::Code::Refused,
    // nothing was changed). A backup asked for when there is nothing to back up (the database
    // does not exist yet, Guard::nothingToBackUp) is refused the same way, saying so.
    static Result<bool> backupFirst(const Guard &guard, std::optional<bool> asked);

    // "upgrade", "downgrade", "stamp", "repair", "restore", "guided rollback".
    static QString actionName(GuardedAction action);
};

} // namespace strata
