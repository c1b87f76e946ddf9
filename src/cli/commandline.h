#pragma once

#include "error.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace strata::cli {

// The parsed command line. Common options may stand before or after the command.
struct Invocation
{
    QString command;
    QStringList arguments; // positional arguments after the command

    // common
    QString projectDir;
    QString url;
    QString profile; // --profile: a saved connection profile (the desktop app's)
    QString versionTable;
    QString schema;          // --schema: PostgreSQL schema of the version tables
    int connectTimeout = 10; // --connect-timeout SECONDS; 0: no limit
    bool json = false;
    bool quiet = false;
    bool verbose = false;
    bool help = false;
    bool version = false;

    // revision, merge
    QString message;
    QStringList heads;
    bool splice = false;
    QStringList branchLabels;
    QStringList dependsOn;
    QString revId;

    // upgrade, downgrade, stamp
    bool sql = false;
    bool plan = false;
    bool purge = false;
    int lockWait = 60;
    QString reason;                 // --reason, for the audit log
    int lockTimeoutMs = -1;         // --lock-timeout; -1: the server's setting
    int statementTimeoutMs = -1;    // --statement-timeout
    bool createDatabase = false;    // upgrade --create-database
    bool singleTransaction = false; // --single-transaction
    bool dryRun = false;            // upgrade --dry-run
    QString dialect;                // --sql --dialect postgresql|sqlite
    // --backup-first / --no-backup (also stamp, repair, restore); nothing: Protection's default
    std::optional<bool> backupFirst;
    QString overrideLint; // --override-lint REASON: run what the lint policy blocks, audited

    // backup, backups, restore
    QString format = QStringLiteral("custom");
    int jobs = 1;
    int compression = -1;
    bool schemaOnly = false;
    QString outDir;
    int keep = 0;
    QString into;              // restore --into PROFILE
    QString confirm;           // --confirm DBNAME: the name Protection asks for
    bool confirmGiven = false; // --confirm was given (perhaps empty)
    bool noOwner = false;      // restore --no-owner: owners and grants left out

    // schema: diff, revision --autogenerate, check --drift
    QString from;   // diff --from SIDE
    QString to;     // diff --to SIDE
    QString devUrl; // --dev-url URL: the server for scratch databases
    bool autogenerate = false;
    QString schemaFile; // revision --autogenerate --schema-file PATH
    QString fromUrl;    // revision --autogenerate --from-url URL
    QString fromProfile;
    bool drift = false;        // check --drift
    QStringList ignore;        // check --drift --ignore PATTERN (repeatable)
    bool grants = false;       // check --drift --grants: owners and grants too
    bool concurrently = false; // diff, revision --autogenerate: CREATE INDEX CONCURRENTLY

    // audit
    QDateTime since; // --since DATE: entries from then on; invalid: all

    // history
    QString range;
    bool indicateCurrent = false;

    QStringList given; // long names of the options present, to refuse those a command ignores
};

Result<Invocation> parseCommandLine(const QStringList &arguments);
QString usageText();
QString commandHelp(const QString &command);

} // namespace strata::cli
