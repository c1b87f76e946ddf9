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

// Puts a catalogued backup back: its checksum is checked first (a mismatch refuses it), then
// PostgreSQL's objects are dropped and recreated from it by pg_restore --clean --if-exists
// (psql for a plain dump), in one transaction unless jobs > 1; a SQLite file is replaced
// through the online backup API. Restoring into another database than the one backed up (say
// production into staging) leaves out ownership and grants, which belong to the source's roles.
class RestoreRunner
{
public:
    static Result<BackupInfo> run(const RestoreRequest &request,
                                  const BackupCallbacks &callbacks = {});
};

} // namespace strata
