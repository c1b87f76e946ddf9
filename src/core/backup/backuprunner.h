#pragma once

#include "backup/backupcatalog.h"
#include "connection/connectioninfo.h"
#include "error.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

namespace strata {

struct BackupRequest
{
    ConnectionInfo connection;
    QString profile;
    QStringList revisions;                     // the database's version rows now, for the catalogue
    QString outDir;                            // empty: BackupCatalog::defaultDir()
    QString format = QStringLiteral("custom"); // PostgreSQL: custom, directory, plain, tar
    int jobs = 1;                              // directory format: parallel pg_dump workers
    int compression = -1;                      // 0-9; -1: pg_dump's default
    bool schemaOnly = false;
    int keep = 0;         // after success, keep this many of the profile's backups; 0: all
    QStringList toolDirs; // where pg_dump is looked for; empty: PgTools::defaultSearchDirs()
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
};

struct BackupProgress
{
    QString text;  // for people: "table public.orders (12 of 40), 18.2 MB written"
    int done = -1; // tables dumped (PostgreSQL) or pages copied (SQLite); -1 unknown
    int total = -1;
    qint64 bytes = 0; // written so far
};

struct BackupCallbacks
{
    std::function<void(const BackupProgress &)> progress;
    std::function<void(qint64 pid)> started; // the child's process id (pg_dump, pg_restore)
    std::function<void()> running;           // about every 100 ms while the child runs
    const std::atomic<bool> *cancel = nullptr;
};

// Takes a backup and catalogues it: PostgreSQL through pg_dump (the version matching the
// server, the password in its environment), SQLite through its online backup API. The backup
// is written under a temporary name, verified (pg_restore --list, or SQLite's integrity check),
// checksummed, and only then named and catalogued: a failed or cancelled backup leaves nothing.
class BackupRunner
{
public:
    static Result<BackupInfo> run(const BackupRequest &request,
                                  const BackupCallbacks &callbacks = {});

    static QStringList formats(); // custom, directory, plain, tar
    // "12.4 MB"
    static QString humanSize(qint64 bytes);
};

} // namespace strata
