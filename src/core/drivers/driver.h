#pragma once

#include "error.h"
#include "revision/plan.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMap>
#include <QString>

#include <memory>

namespace strata {

// One SQL statement of a migration section, with the file line it starts on.
struct Statement
{
    QString text;
    int line = 0;
};

// A row of the history table: one step, run or attempted.
struct HistoryRecord
{
    QString revision;
    QString direction; // up, down, stamp, repair
    QString checksum;  // of the upgrade section
    QString fromRevisions;
    QString toRevisions;
    QDateTime startedAt;
    QDateTime finishedAt;
    qint64 durationMs = 0;
    QString osUser;
    QString toolVersion;
    bool success = false;
    // Stopped by a person or a signal (Ctrl-C, SIGTERM, Cancel) and rolled back; success is then
    // false too. Stored in the history table's nullable `cancelled` column, added to tables made
    // before it existed; older rows read as false.
    bool cancelled = false;
    QString error;
};

// The names an editor completes: tables and views with their columns, and functions. Strata's
// own two tables are left out.
struct SchemaCatalog
{
    struct Relation
    {
        QString schema; // empty for SQLite
        QString name;
        bool view = false;
        QStringList columns; // in table order
    };
    QList<Relation> relations; // sorted by schema and name
    QStringList functions;     // user-defined, unqualified, sorted, no duplicates
};

// What every engine does for Strata. A driver belongs to the thread that opened it; only
// cancel() may be called from another thread.
class Driver
{
public:
    virtual ~Driver() = default;

    virtual QString engine() const = 0;
    // False when the database does not exist yet (a SQLite file not created).
    virtual bool exists() const = 0;
    // For a database that does not exist yet: whether it could be created where it is named,
    // or an error saying why not (SQLite: its folder is missing, Error::Code::NotFound, or not
    // writable). A missing database reads as base only when this passes; else "base" would be
    // a guess.
    virtual Status creatable() const { return {}; }
    // Opening an open driver is harmless. Call both in the thread that uses the driver.
    virtual Status open() = 0;
    virtual void close() = 0;

    virtual QList<Statement> splitStatements(const QString &sql, int firstLine) const = 0;
    virtual Status begin() = 0;
    virtual Status commit() = 0;
    virtual Status rollback() = 0;
    // On failure the Error's message is the engine's own.
    virtual Status execute(const Statement &statement) = 0;
    // Interrupts the running statement; safe from any thread.
    virtual void cancel() = 0;
    // Where the session stands, as the engine itself says after the last statement: libpq's
    // PQtransactionStatus on PostgreSQL, sqlite3_get_autocommit on SQLite. The executor reads it
    // after every statement of a transactional step: a migration that ended the transaction
    // (COMMIT, ROLLBACK, ...) shows as Idle. Unknown when the engine cannot say.
    enum class TransactionState { Idle, InTransaction, Failed, Unknown };
    virtual TransactionState transactionState() const { return TransactionState::Unknown; }
    // Indexes the engine keeps but cannot use, schema-qualified (PostgreSQL: pg_index.indisvalid
    // is false, left by a failed CREATE INDEX CONCURRENTLY or REINDEX CONCURRENTLY, or being
    // built right now). Engines without such indexes have none.
    virtual Result<QStringList> invalidIndexes() { return QStringList{}; }
    // The version and history tables' schema (PostgreSQL's --schema); engines without schemas
    // refuse a non-empty one.
    virtual Status setVersionSchema(const QString &schema)
    {
        if (schema.isEmpty())
            return {};
        return Error::usage(
            QStringLiteral("%1 has no schemas; --schema applies to PostgreSQL").arg(engine()));
    }
    // The version table this driver serves (Migrator says so before opening), so an engine
    // with schemas can find the one holding it when none was given. Harmless to leave unset.
    virtual void setVersionTable(const QString &versionTable) { Q_UNUSED(versionTable); }
    // A table of Strata's as SQL text: quoted as needed, schema-qualified when one is set.
    virtual QString tableSql(const QString &table) const;
    // Whether statements may run outside a transaction, each committed on its own, as
    // `transactional: false` migrations need (CREATE INDEX CONCURRENTLY on PostgreSQL).
    virtual bool runsOutsideTransactions() const { return false; }

    // Serialises runs on one version table across processes, waiting up to waitSeconds for
    // another run to finish (0: not at all). The wait is the server's, so cancel() ends it
    // (Error::Code::Cancelled); a wait that runs out is Error::Code::LockTimeout naming the
    // holder. Taking it again in the same session only counts; unlockRuns() releases it when
    // the count drops to zero. Engines that serialise on their own (SQLite's BEGIN IMMEDIATE)
    // need nothing here. Use RunLock (engine/runlock.h) rather than calling these directly.
    virtual Status lockRuns(const QString &versionTable, int waitSeconds)
    {
        Q_UNUSED(versionTable);
        Q_UNUSED(waitSeconds);
        return {};
    }
    virtual void unlockRuns(const QString &versionTable) { Q_UNUSED(versionTable); }

    // Undoes what a migration may have changed in the session, so the next step (and Strata's
    // own bookkeeping) starts from the session as it was opened: settings, role, temporary
    // objects and the like; each engine documents what it resets. Strata's own settings (the
    // run's timeouts, application_name) are set again. Inside a transaction what can only be
    // done outside one waits for the next call outside it.
    virtual Status resetSession() { return {}; }

    // Seconds a connection attempt may take before it fails with Error::Code::ConnectionFailed
    // (0: no limit). Engines without a network ignore it. Default 10.
    virtual void setConnectTimeout(int seconds) { Q_UNUSED(seconds); }

    // Timeouts for the statements that follow, in milliseconds (PostgreSQL's lock_timeout and
    // statement_timeout); -1 leaves the server's setting. Engines without them ignore them.
    virtual Status setTimeouts(int lockTimeoutMs, int statementTimeoutMs)
    {
        Q_UNUSED(lockTimeoutMs);
        Q_UNUSED(statementTimeoutMs);
        return {};
    }

    // What `strata ping` shows of an open connection.
    struct ServerInfo
    {
        QString product;  // "PostgreSQL 15.5", "SQLite 3.40.1"
        QString database; // the database name, or the SQLite file
        QString user;     // the role connected as; empty for SQLite
    };
    virtual Result<ServerInfo> serverInfo() = 0;

    // Creates the database when it does not exist yet, as teams' init scripts do before the
    // first upgrade; true when it was created. SQLite creates its file on open anyway.
    virtual Result<bool> createDatabaseIfMissing() { return false; }

    // `strata verify`: a throwaway database beside this one, named `name` (its URL for
    // Migrator), and dropping it again.
    virtual Result<QString> createScratchDatabase(const QString &name) = 0;
    virtual Status dropScratchDatabase(const QString &name) = 0;
    // Every schema object but Strata's own two tables, as "kind name" -> its definition as the
    // engine prints it, so two snapshots compare object by object.
    virtual Result<QMap<QString, QString>> schemaObjects(const QString &versionTable) = 0;
    // For completion in the editor; a database that does not exist yet has an empty catalog.
    virtual Result<SchemaCatalog> catalog(const QString &versionTable) = 0;
    // Rows of one catalog query (each column as text, NULL as a null QString), for the schema
    // inspector (schema/inspector.h), which reads the catalog without knowing the client
    // library. Runs in the session as it stands (inside its transaction, if one is open).
    // Engines without an inspector refuse with a usage error.
    virtual Result<QList<QStringList>> catalogQuery(const QString &sql)
    {
        Q_UNUSED(sql);
        return Error::usage(QStringLiteral("%1 has no catalog queries").arg(engine()));
    }

    // The version table (Alembic's shape) and its history table (historyTableName()), created
    // when missing. Table names must pass isValidTableName(); SQL text quotes them as needed.
    // Shared by every engine; only the DDL differs.
    Status ensureTables(const QString &versionTable);
    // Whether a table of Strata's exists; an Error (never false) when the database could not
    // be asked, so an unreadable database is never taken for one without a version table.
    virtual Result<bool> hasTable(const QString &table) = 0;
    // The version rows as stored (unsorted); empty when the version table does not exist.
    virtual Result<QStringList> versionRows(const QString &versionTable) = 0;
    // Delete and Update must touch exactly one row, else an error naming the table and row.
    virtual Status applyVersionChange(const QString &versionTable, const VersionChange &change) = 0;
    virtual Status deleteAllVersionRows(const QString &versionTable) = 0;
    virtual Status recordHistory(const QString &versionTable, const HistoryRecord &record) = 0;
    // Removes the row recordHistory() wrote for `marker` (same revision, direction, started_at,
    // error, success false): the mark a `transactional: false` step leaves before its first
    // statement, replaced by the step's final row in the same transaction. Engines that never run
    // a step outside a transaction (runsOutsideTransactions() false) refuse.
    virtual Status deleteHistoryMarker(const QString &versionTable, const HistoryRecord &marker)
    {
        (void)versionTable;
        (void)marker;
        return Error::failure(QStringLiteral("%1 keeps no history markers").arg(engine()));
    }
    virtual Result<QList<HistoryRecord>> history(const QString &versionTable) = 0;
    // What status reads of the history table instead of all of it (an index on revision, id
    // serves both). Each revision whose latest history row is a failure, that row, oldest first:
    // the steps that failed or stopped part way and were not retried since.
    virtual Result<QList<HistoryRecord>> lastFailures(const QString &versionTable) = 0;
    // For each revision, the upgrade checksum of its latest successful 'up' or 'repair' row:
    // what the file held when it ran or was last accepted. Both empty when the history table
    // does not exist.
    virtual Result<QHash<QString, QString>> acceptedChecksums(const QString &versionTable) = 0;

    // Offline SQL, for --sql.
    virtual QString versionTableDdl(const QString &versionTable) const = 0;
    virtual QString historyTableDdl(const QString &versionTable) const = 0;
    virtual QString beginSql() const = 0;
    virtual QString commitSql() const = 0;
    // What an offline script says first, before any statement (PostgreSQL: pins the schema
    // Strata's tables are addressed in); empty where nothing is needed.
    virtual QString offlinePreludeSql() const { return {}; }
    // The session reset an online run does after each migration, as script text ending in
    // "; " (PostgreSQL: pgsession::resetSql()); empty where the engine has no session state.
    virtual QString sessionResetSql() const { return {}; }
};

// The history table beside a version table: "<version table>_history" (strata_version_history).
inline QString historyTableName(const QString &versionTable)
{
    return versionTable + QStringLiteral("_history");
}

// SQL text changing one version row, without the final ";"; shared by online runs and offline
// output: INSERT INTO v (version_num) VALUES ('a'), UPDATE v SET version_num='b' WHERE
// v.version_num = 'a', DELETE FROM v WHERE v.version_num = 'a'.
// tableSql: the version table as SQL text (Driver::tableSql).
QString versionChangeSql(const QString &tableSql, const VersionChange &change);
// An identifier Strata accepts as a table name: [A-Za-z_][A-Za-z0-9_]*, at most 63 characters.
bool isValidTableName(const QString &name);
// The name as SQL text: as is when lower case and not a reserved word (so alembic_version reads
// as Alembic writes it), else double-quoted, as SQLAlchemy quotes it.
QString quoteIdentifier(const QString &name);
// A value as an SQL string literal, quotes doubled.
QString quoteLiteral(const QString &value);
// The SQL both engines run for Driver::lastFailures() (a WHERE condition) and
// Driver::acceptedChecksums() (a query of revision, checksum, oldest first: insert each row so
// the latest wins), on a history table given as SQL text.
QString lastFailuresCondition(const QString &historyTableSql);
QString acceptedChecksumsSql(const QString &historyTableSql);
// The index created with the history table, for the two reads above.
QString historyIndexDdl(const QString &historyTableSql, const QString &indexName);
// The same error (code, SQLSTATE, file, details) told in other words, such as with what was
// being done: "cannot read the version table v: " + the engine's message.
Error reworded(Error error, QString message);

} // namespace strata
