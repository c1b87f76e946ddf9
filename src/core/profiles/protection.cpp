#include "profiles/protection.h"

#include "backup/pgtools.h"

#include <QFileInfo>

namespace strata {

namespace {

// Whether the target holds anything a backup could copy.
bool somethingToBackUp(const Profile &profile)
{
    return profile.engine == Profile::Engine::Postgres || QFileInfo::exists(profile.sqliteFile);
}

} // namespace

QString Protection::actionName(GuardedAction action)
{
    switch (action) {
    case GuardedAction::Upgrade:
        return QStringLiteral("upgrade");
    case GuardedAction::Downgrade:
        return QStringLiteral("downgrade");
    case GuardedAction::Stamp:
        return QStringLiteral("stamp");
    case GuardedAction::Repair:
        return QStringLiteral("repair");
    case GuardedAction::Restore:
        return QStringLiteral("restore");
    case GuardedAction::GuidedRollback:
        return QStringLiteral("guided rollback");
    }
    return {};
}

namespace {

// The rule for a database that exists (see Protection::guard).
Guard guardOfExisting(GuardedAction action, GuardedMode mode, const Profile *profile,
                      const QString &databaseName)
{
    Guard g;
    g.action = action;
    if (mode != GuardedMode::Apply)
        return g; // nothing changes: nothing to confirm
    const QString verb = Protection::actionName(action);
    if (profile && profile->isProtected) {
        g.confirmName = profile->databaseName();
        g.why = QStringLiteral("%1 is protected: %2 changes its database %3")
                    .arg(profile->name, verb, g.confirmName);
        // Every change to a protected database can be undone from the backup taken just before.
        if (somethingToBackUp(*profile))
            g.backup = action == GuardedAction::GuidedRollback ? Guard::Backup::Required
                                                               : Guard::Backup::Offered;
        return g;
    }
    if (action == GuardedAction::GuidedRollback) {
        g.confirmName = profile ? profile->databaseName() : databaseName;
        g.why = QStringLiteral("a guided rollback reverts migrations of %1").arg(g.confirmName);
        if (profile && somethingToBackUp(*profile))
            g.backup = Guard::Backup::Offered;
        return g;
    }
    if (action == GuardedAction::Restore && !profile) {
        g.confirmName = databaseName;
        g.why = QStringLiteral("a restore replaces everything in %1 (every user schema, or the "
                               "whole SQLite file)")
                    .arg(databaseName);
    }
    return g;
}

} // namespace

Guard Protection::guard(GuardedAction action, GuardedMode mode, const Profile *profile,
                        const QString &databaseName, bool databaseExists)
{
    Guard g = guardOfExisting(action, mode, profile, databaseName);
    if (databaseExists || mode != GuardedMode::Apply)
        return g;
    // A database that does not exist holds nothing a backup could copy.
    g.backup = Guard::Backup::None;
    const QString name = profile ? profile->databaseName() : databaseName;
    g.nothingToBackUp = QStringLiteral("the database %1 does not exist yet, so there is nothing "
                                       "to back up; the %2 creates it")
                            .arg(name, actionName(action));
    return g;
}

Status Protection::check(const Guard &guard, const QString &typed)
{
    if (!guard.needsConfirmation() || typed == guard.confirmName)
        return {};
    const QString message =
        typed.isEmpty()
            ? QStringLiteral("%1; type its database name, %2, to go ahead; nothing was changed")
                  .arg(guard.why, guard.confirmName)
            : QStringLiteral("%1; the name given, '%2', is not its database name %3; nothing "
                             "was changed")
                  .arg(guard.why, typed, guard.confirmName);
    return Error::failure(message).with(Error::Code::Refused);
}

Result<bool> Protection::backupFirst(const Guard &guard, std::optional<bool> asked)
{
    if (!guard.nothingToBackUp.isEmpty()) {
        if (asked == true)
            return Error::failure(QStringLiteral("cannot back up first: %1; nothing was changed")
                                      .arg(guard.nothingToBackUp))
                .with(Error::Code::Refused);
        return false;
    }
    switch (guard.backup) {
    case Guard::Backup::Required:
        if (asked == false)
            return Error::failure(QStringLiteral("a %1 takes a backup first, always; it cannot "
                                                 "be left out; nothing was changed")
                                      .arg(actionName(guard.action)))
                .with(Error::Code::Refused);
        return true;
    case Guard::Backup::Offered:
        return asked.value_or(true);
    case Guard::Backup::None:
        break;
    }
    return asked.value_or(false);
}

Result<QString> Protection::databaseName(const ConnectionInfo &connection)
{
    if (connection.engine == ConnectionInfo::Engine::Sqlite)
        return QFileInfo(connection.sqlitePath).fileName();
    auto parsed = PgTools::connection(connection.postgresConninfo, QProcessEnvironment());
    if (!parsed)
        return parsed.error();
    if (!parsed->database.isEmpty())
        return parsed->database;
    // A service, PGDATABASE or the user's name decides: the server knows which it is.
    auto name =
        PgTools::column(connection.postgresConninfo, QStringLiteral("SELECT current_database()"));
    if (!name)
        return name.error();
    return name->value(0);
}

} // namespace strata
