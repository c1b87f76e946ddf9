#pragma once

#include "backup/backupcatalog.h"
#include "backup/backuprunner.h"
#include "connection/connectioninfo.h"
#include "error.h"

#include <QProcessEnvironment>

namespace strata {

struct RestoreRequest
{
    QString backup; // the backup (or its catalogue entry)
    ConnectionInfo target;
    // PostgreSQL: parallel pg_restore workers; with 1, the restore is one transaction (all of
    // it or none of it).
    int jobs = 1;
    // PostgreSQL: leave out owners and grants, for a target whose server lacks the backup's
    // roles. Without it they are left out only when the target is another database than the
    // one backed up (by the server's identity, not the URL's text).
    bool noOwner = false;
    QStringList toolDirs; // empty: PgTools::defaultSearchDirs()
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
};

// What a restore did.
struct RestoreResult
{
    BackupInfo backup;          // the backup restored, as catalogued
    bool ownersLeftOut = false; // PostgreSQL: owners and grants were not restored
    QString ownersNote;         // why they were left out (or kept), for people; may be empty
};

// Puts a catalogued backup back: its checksum is checked first (a mismatch refuses it). On
// PostgreSQL every user schema of the target is dropped and the backup's content recreated
// (pg_restore's script, or the plain dump, run by psql), in one transaction unless jobs > 1,
// so the database is as it was when the backup was taken; a SQLite file is replaced through
// the online backup API.
// In place, the result is exactly what was backed up: besides the user schemas, the database's
// objects that live outside schemas (subscriptions, publications, event triggers, large
// objects, user-made casts and procedural languages, foreign servers with their user mappings,
// foreign-data wrappers, extensions) are dropped in the same transaction and the backup's
// recreated; so are the database's own comment, settings (ALTER DATABASE / ALTER ROLE ... IN
// DATABASE ... SET) and privileges, except from a plain dump, which does not hold them. Restoring
// into another database than the one backed up (say production into staging; decided by the
// server's system identifier and the database name recorded in the catalogue) leaves out ownership
// and grants, which belong to the source's roles; so does noOwner. When owners are kept and the
// backup names roles the target server lacks, the restore is refused up front (nothing changed)
// naming every missing role.
class RestoreRunner
{
public:
    static Result<RestoreResult> run(const RestoreRequest &request,
                                     const BackupCallbacks &callbacks = {});
};

} // namespace strata
