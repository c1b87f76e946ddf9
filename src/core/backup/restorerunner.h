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
    QStringList toolDirs; // empty: PgTools::defaultSearchDirs()
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
};

// Puts a catalogued backup back: its checksum is checked first (a mismatch refuses it). On
// PostgreSQL every user schema of the target is dropped and the backup's content recreated
// (pg_restore's script, or the plain dump, run by psql), in one transaction unless jobs > 1,
// so the database is as it was when the backup was taken; a SQLite file is replaced through
// the online backup API. Restoring into another database than the one backed up (say
// production into staging) leaves out ownership and grants, which belong to the source's roles.
class RestoreRunner
{
public:
    static Result<BackupInfo> run(const RestoreRequest &request,
                                  const BackupCallbacks &callbacks = {});
};

} // namespace strata
