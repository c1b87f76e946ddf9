#pragma once

#include "profiles/lintpolicy.h"

#include <QString>
#include <QStringList>

namespace strata::gui {

// The app's preferences, stored with QSettings (the application's own file) and read where they
// are used, so a change applies to the next job. The member initialisers are the defaults.
// Keys: "language", "runs/lockTimeoutMs", "runs/statementTimeoutMs", "backups/folder",
// "backups/keep" (and "backups/keep/<profile>" for one profile), "tools/postgresFolder". The
// lint policy is the core's (strata::LintPolicy::onProtected), shared with the command line.
struct Settings
{
    QString language;            // "" the system's, else a code such as "en" or "de"
    int lockTimeoutMs = 0;       // PostgreSQL lock_timeout for runs, ms; 0: the server's own
    int statementTimeoutMs = 0;  // PostgreSQL statement_timeout for runs, ms; 0: the server's own
    QString backupFolder;        // empty: BackupCatalog::defaultDir()
    int keepBackups = 0;         // backups kept per profile after a new one; 0: all of them
    QString postgresToolsFolder; // pg_dump, pg_restore and psql looked for here first; may be ""
    LintBlock protectedLint = LintBlock::Errors; // what lint findings block on protected profiles

    static Settings load();
    // Errors name the file that could not be written (the lint policy's settings.ini).
    Status save() const;

    // The folder backups are written to and listed from.
    QString backupDir() const;
    // Where pg_dump and friends are looked for: postgresToolsFolder, then
    // PgTools::defaultSearchDirs().
    QStringList toolDirs() const;
    // For RunOptions: -1 (the server's own) when 0.
    int runLockTimeoutMs() const { return lockTimeoutMs > 0 ? lockTimeoutMs : -1; }
    int runStatementTimeoutMs() const { return statementTimeoutMs > 0 ? statementTimeoutMs : -1; }

    // How many of a profile's backups stay after a new one: its own choice
    // ("backups/keep/<profile>") when made, else keepBackups. 0: all.
    int keepFor(const QString &profile) const;
    static void setKeepFor(const QString &profile, int keep);

    // The app's own QSettings file (window state, folders, choices per profile name) made 0600
    // in a 0700 folder, or tightened, before QSettings writes it: QSettings keeps the mode of a
    // file that is there (strata::PrivateFiles::prepareFile).
    static void makeFilePrivate();
};

} // namespace strata::gui
