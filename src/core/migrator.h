#pragma once

#include "drivers/driver.h"
#include "engine/executor.h"
#include "error.h"
#include "revision/plan.h"

#include <QDateTime>
#include <QHash>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>

namespace strata {

class Project;
class RevisionGraph;
struct ConnectionInfo;

// Where to find the project and the database. Empty fields take their defaults: the project
// folder holding strata.ini (searched upward from the working folder), the connection found
// in the usual order (--url, DATABASE_URL, DB_* variables, .env, strata.ini, <project>/strata.db).
struct MigratorOptions
{
    QString projectDir;
    QString url;
    QString urlSource = QStringLiteral("--url"); // where url came from ("--profile dev")
    QString versionTable; // empty: strata.ini's version_table, else strata_version
    QString schema;       // PostgreSQL: the version tables' schema; empty: strata.ini's, else none
    // Seconds a connection attempt may take before it fails (Error::Code::ConnectionFailed),
    // so an unreachable host never hangs; 0: no limit. A URL's own connect_timeout wins.
    int connectTimeoutSeconds = 10;
    // Offline SQL only: "postgresql" or "sqlite" instead of the configured database's engine;
    // no database is then resolved or opened (ConnectionResolver::offline).
    QString dialect;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
};

// One revision as `history` shows it, newest first.
struct RevisionStatus
{
    int index = -1;       // in graph()
    bool applied = false; // at or below a version row
    bool current = false; // a version row
    bool edited = false;  // applied, and its upgrade section changed since
};

// The state of one database against the project, read in one pass by Migrator::status(): what
// `strata status`, `current`, `check`, `history -i` and `ping` print, and what the desktop app's
// banner shows. Only what was read is reported: when the database could not be read,
// `reachable` is false, `problem` says why, and the lists below are empty, never a guess such
// as "base"; a part that could not be worked out says so in its `...Unknown` text.
struct DatabaseStatus
{
    // A revision whose latest history row is a failure (not retried since).
    struct StepFailure
    {
        HistoryRecord record;
        // It ran outside a transaction (transactional: false, on an engine that honours it):
        // some of its statements may have run and stay applied.
        bool partlyApplied = false;
    };
    // Two version rows of one lineage: `ancestor` is below `row`, so the rows contradict each
    // other (one row per head is the rule). `strata stamp` resolves it.
    struct Overlap
    {
        QString row;
        QString ancestor;
    };

    QString database; // where, password masked
    QString engine;   // "postgresql", "sqlite"
    // Whether the version rows could be read. When false, `problem` says why; its code is
    // ConnectionFailed, AuthenticationFailed, Unreadable, ConnectionLost, ...
    bool reachable = false;
    Error problem;
    // False for a database that does not exist yet: a SQLite file not created (and creatable),
    // or a PostgreSQL database the server says is missing (the server was reached: 3D000).
    // Then `reachable` is true and nothing is applied, truly; an upgrade creates it (SQLite
    // always, PostgreSQL when asked: createDatabaseIfMissing, `--create-database`).
    bool exists = true;

    QStringList current;         // the version rows, sorted
    QStringList heads;           // the project's heads
    QStringList unknownRows;     // version rows no migration file has
    QList<Overlap> overlapping;  // version rows that are ancestors of other rows
    QList<StepFailure> failures; // by revision, oldest first: failed or stopped part way
    QStringList edited;          // applied revisions whose upgrade section changed since
    QString historyUnknown;      // why failures and edits are unknown; empty when read
    QStringList pending;         // what `upgrade heads` would run, in order
    QString pendingUnknown;      // why pending is unknown ("the database is at ..."); empty: known
    // Indexes the server keeps but cannot use (Driver::invalidIndexes), schema-qualified: left
    // by a failed CREATE INDEX CONCURRENTLY, so the schema is not what the migrations say.
    QStringList invalidIndexes;
    QString invalidIndexesUnknown; // why they could not be listed; empty when read

    // No version row naming a missing file, none implied by another.
    bool consistent() const { return unknownRows.isEmpty() && overlapping.isEmpty(); }
    // Read, consistent, nothing pending, nothing edited, no INVALID index.
    bool upToDate() const
    {
        return reachable && consistent() && pendingUnknown.isEmpty() && historyUnknown.isEmpty() &&
               pending.isEmpty() && edited.isEmpty() && invalidIndexes.isEmpty() &&
               invalidIndexesUnknown.isEmpty();
    }
};

struct CheckReport
{
    QStringList current;
    QStringList heads;
    QStringList pending;              // revisions `upgrade heads` would run, in order
    QStringList edited;               // applied revisions whose upgrade section changed since
    QStringList failed;               // revisions whose last recorded step failed
    QHash<QString, QString> failures; // failed revision -> what its history row says
    // Indexes the server keeps but cannot use (Driver::invalidIndexes), schema-qualified: left by
    // a failed CREATE INDEX CONCURRENTLY, so the schema is not what the migrations say.
    QStringList invalidIndexes;
    QStringList unknownRows;                    // version rows no migration file has
    QList<DatabaseStatus::Overlap> overlapping; // version rows implied by another row
    QString pendingUnknown;                     // why pending is unknown; empty: known
    bool upToDate() const
    {
        return pending.isEmpty() && edited.isEmpty() && invalidIndexes.isEmpty() &&
               unknownRows.isEmpty() && overlapping.isEmpty() && pendingUnknown.isEmpty();
    }
};

struct PingReport
{
    Driver::ServerInfo server;
    QString display;     // where, password masked
    QStringList current; // the database's revisions
};

// What `strata verify` found, in a scratch database: upgrade heads, downgrade base, upgrade heads.
struct VerifyReport
{
    struct Difference
    {
        QString object; // "column public.orders.note", "index public.orders_placed", ...
        QString first;  // its definition after the first upgrade; empty: not there
        QString second; // after the second upgrade; empty: not there
    };
    QString scratch;               // the scratch database, as shown to people
    QStringList irreversible;      // revisions without a downgrade section: no round trip
    int objects = 0;               // schema objects after the first upgrade
    QStringList leftBehind;        // objects the downgrade to base did not remove
    QList<Difference> differences; // between the two upgrades
    bool ok() const
    {
        return irreversible.isEmpty() && leftBehind.isEmpty() && differences.isEmpty();
    }
};

// The public face of the core: what the CLI, the desktop app and programs embedding Strata
// call. One Migrator holds one project and (lazily) one database connection, and belongs to
// the thread that uses it.
class Migrator
{
public:
    ~Migrator();

    static Result<std::unique_ptr<Migrator>> open(const MigratorOptions &options);

    const Project &project() const;
    const RevisionGraph &graph() const;
    QString projectRoot() const;
    QString versionTable() const;
    // Where the database is, password masked, and which rule chose it ("--url", ".env", ...).
    QString databaseDisplay() const;
    QString engine() const; // "postgresql", "sqlite"
    // The database this Migrator works on, for tools that connect on their own (pg_dump).
    const ConnectionInfo &connectionInfo() const;
    // Closes the connection (before another program replaces the database, say); the next call
    // that needs it opens it again.
    void disconnect();
    QString databaseSource() const;

    // Reading. A SQLite database file that does not exist yet reads as empty and is not created.
    // The state of the database in one pass (see DatabaseStatus); never an Error: a database
    // that cannot be read is a status saying so. Reads the version rows and, of the history
    // table, only each revision's last failure and accepted checksum (Driver::lastFailures,
    // Driver::acceptedChecksums).
    DatabaseStatus status();
    // The version rows, sorted.
    Result<QStringList> current();
    Result<QList<RevisionStatus>> history();
    // The same from a status already read (status()), without reading again: what the desktop
    // app shows beside the status it read. Empty when the status was not read (reachable false).
    QList<RevisionStatus> revisionStates(const DatabaseStatus &status) const;
    Result<CheckReport> check();
    // Every row of the history table (steps run, failed, stamped, repaired), oldest first.
    Result<QList<HistoryRecord>> historyRecords();

    // Planning: nothing is run, nothing is created.
    Result<Plan> planUpgrade(const QString &target);
    Result<Plan> planDowngrade(const QString &target);
    Result<Plan> planStamp(const QStringList &targets, bool purge);
    // The same from given version rows instead of the database's (offline --sql).
    Result<Plan> planUpgradeFrom(const QStringList &currentHeads, const QString &target) const;
    Result<Plan> planDowngradeFrom(const QStringList &currentHeads, const QString &target) const;
    Result<Plan> planStampFrom(const QStringList &currentHeads, const QStringList &targets,
                               bool purge) const;
    // Trying a pending migration out (the editor's "Try it"): the steps that bring the database
    // up to `revision` (the pending ones below it, then it), followed by its downgrade when it
    // has one and reverting it alone is possible. Run it with RunOptions::dryRun, so all of it
    // is rolled back. An error when `revision` is unknown or already applied.
    Result<Plan> planTrial(const QString &revision);
    // Offline SQL for a plan, for a DBA to review or run by hand. Its first line is a comment
    // naming the dialect and why. Refused (a usage error) when no database is configured and
    // no dialect was given: the project's default SQLite file is no reason to write SQLite's.
    Result<QString> offlineSql(const Plan &plan, bool singleTransaction = false) const;

    // Running. Each returns the plan that ran; on failure the error names file:line.
    Result<Plan> upgrade(const QString &target, const RunOptions &options = {});
    Result<Plan> downgrade(const QString &target, const RunOptions &options = {});
    Result<Plan> stamp(const QStringList &targets, bool purge, const RunOptions &options = {});
    Result<Plan> run(const Plan &plan, const RunOptions &options = {});
    // Accepts the current text of edited migrations; returns the revisions repaired.
    Result<QStringList> repair();

    // Interrupts a running statement from another thread.
    void cancel();

    // Tables, views, columns and functions of the database, for completion in the editor.
    Result<SchemaCatalog> catalog();

    // Connects and says what answered: `strata ping`. A SQLite file that does not exist yet is
    // an error saying so (ping never creates it).
    Result<PingReport> ping();
    // Creates the database when missing (PostgreSQL, on the server's maintenance database
    // postgres); true when it was created, false when it was there already. An error (say, the
    // role may not CREATE DATABASE: SQLSTATE 42501) leaves nothing behind. SQLite: false; its
    // file is created by the first run.
    Result<bool> createDatabaseIfMissing();
    // Proves the migrations reversible: in a scratch database beside this one (created and
    // dropped here; the real database is never touched), upgrade heads, downgrade base, upgrade
    // heads, comparing the schema after the two upgrades object by object.
    Result<VerifyReport> verify(const RunOptions &options = {});

private:
    Migrator();
    struct Private;
    std::unique_ptr<Private> d;
};

// The one-call forms teams use from their own code, as they call upgrade_database() and
// check_migrations() with Alembic.
Status upgradeDatabase(const QString &projectDir, const QString &url = {},
                       const QString &target = QStringLiteral("heads"));
Result<CheckReport> checkMigrations(const QString &projectDir, const QString &url = {});

} // namespace strata
