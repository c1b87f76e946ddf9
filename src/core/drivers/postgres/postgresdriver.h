#pragma once

#include "drivers/driver.h"
#include "drivers/postgres/postgrescatalog.h"

#include <QHash>
#include <QSet>
#include <QStringList>

#include <atomic>
#include <memory>
#include <mutex>

namespace strata {

// PostgreSQL through libpqxx: the only code that includes <pqxx/...>. Statements are split
// with libpg_query; a server error keeps the server's message, and the statement line it
// points at ("LINE n:") is added to the statement's own line.
//
// Strata's own tables are always named schema-qualified: with the schema given
// (setVersionSchema, --schema), else the first schema on the search path that holds the
// version table when the session opens, else the one current_schema() names then; so a
// migration's SET search_path cannot move them. resetSession() undoes a migration's
// session state as DISCARD ALL would, except that the run's own advisory lock stays held.
class PostgresDriver : public Driver
{
public:
    // conninfo: a libpq URI or keyword string; display: the same without any password.
    PostgresDriver(QString conninfo, QString display);
    ~PostgresDriver() override;

    QString engine() const override { return QStringLiteral("postgresql"); }
    bool exists() const override { return true; }
    Status open() override;
    void close() override;

    QList<Statement> splitStatements(const QString &sql, int firstLine) const override;
    Status begin() override;
    Status commit() override;
    Status rollback() override;
    Status execute(const Statement &statement) override;
    void cancel() override;
    // libpq's PQtransactionStatus; a BEGIN not sent yet (it travels with the next statement)
    // counts as open.
    TransactionState transactionState() const override;
    Result<QStringList> invalidIndexes() override;
    Status lockRuns(const QString &versionTable, int waitSeconds) override;
    void unlockRuns(const QString &versionTable) override;
    Status setTimeouts(int lockTimeoutMs, int statementTimeoutMs) override;
    // SET SESSION AUTHORIZATION DEFAULT, RESET ALL, CLOSE ALL, DEALLOCATE ALL, UNLISTEN *,
    // DISCARD PLANS, TEMP and SEQUENCES, and the session-level advisory locks a migration took
    // released (all but the run's own); then application_name and the run's timeouts again.
    // Inside a transaction it travels with the next statement, and advisory locks wait for the
    // next call outside one (a transaction-level lock cannot be told apart from a session one).
    Status resetSession() override;
    // libpq's connect_timeout, unless the connection string sets one.
    void setConnectTimeout(int seconds) override { m_connectTimeoutSeconds = seconds; }
    bool runsOutsideTransactions() const override { return true; }
    Status setVersionSchema(const QString &schema) override;
    void setVersionTable(const QString &versionTable) override { m_versionTable = versionTable; }
    QString tableSql(const QString &table) const override;
    Result<ServerInfo> serverInfo() override;
    Result<bool> createDatabaseIfMissing() override;
    Result<QString> createScratchDatabase(const QString &name) override;
    Status dropScratchDatabase(const QString &name) override;
    Result<QMap<QString, QString>> schemaObjects(const QString &versionTable) override;
    Result<SchemaCatalog> catalog(const QString &versionTable) override;

    Result<bool> hasTable(const QString &table) override;
    Result<QStringList> versionRows(const QString &versionTable) override;
    Status applyVersionChange(const QString &versionTable, const VersionChange &change) override;
    Status deleteAllVersionRows(const QString &versionTable) override;
    Status recordHistory(const QString &versionTable, const HistoryRecord &record) override;
    Status deleteHistoryMarker(const QString &versionTable, const HistoryRecord &marker) override;
    Result<QList<HistoryRecord>> history(const QString &versionTable) override;
    Result<QList<HistoryRecord>> lastFailures(const QString &versionTable) override;
    Result<QHash<QString, QString>> acceptedChecksums(const QString &versionTable) override;

    QString versionTableDdl(const QString &versionTable) const override;
    QString historyTableDdl(const QString &versionTable) const override;
    QString beginSql() const override { return QStringLiteral("BEGIN;"); }
    QString commitSql() const override { return QStringLiteral("COMMIT;"); }
    // Without --schema (and no session), a psql variable holding the schema current when the
    // script starts (SELECT current_schema() ... \gset): a migration's SET search_path or
    // set_config('search_path', '', false) cannot move Strata's tables, and the variable, kept
    // by psql, survives the RESET ALL after each migration, where a server setting would not.
    QString offlinePreludeSql() const override;
    QString sessionResetSql() const override;

    // Rows of a query (each row's columns as text), for the driver's own bookkeeping and tests.
    Result<QList<QStringList>> query(const QString &sql, int *affected = nullptr);
    Result<QList<QStringList>> catalogQuery(const QString &sql) override { return query(sql); }

private:
    struct Connection;
    // The connection options with another database: the new keyword string, and the database
    // the original named.
    struct Retargeted
    {
        QString conninfo;
        QString original;
    };
    Result<Retargeted> retarget(const QString &database) const;
    // Runs one statement on the server's postgres database, as this connection's user.
    Result<QList<QStringList>> onMaintenanceDatabase(const QString &sql);
    // History rows matching `condition` (all when empty), oldest first.
    Result<QList<HistoryRecord>> historyWhere(const QString &versionTable,
                                              const QString &condition);
    QString m_conninfo;
    QString m_display;
    // What comes back from the server when cancel() interrupted it, as an Error with the code.
    Error cancelledOr(Error error);
    // SET statements restoring Strata's own session settings (application_name, timeouts).
    QString sessionSettingsSql() const;
    QString m_schema;       // of the version and history tables, as given; may be empty
    QString m_openedSchema; // found when the session opened, used when m_schema is empty
    QString m_versionTable; // to look for on the search path; empty: current_schema()
    // query() as a callable, for the catalog readers in postgrescatalog.h.
    pgcatalog::Query queryFunction();
    // The schema of the m_versionTable the search path finds; empty when there is none anywhere
    // yet. One only off the search path is an error asking for --schema (Code::Refused).
    Result<QString> findVersionSchema();
    int m_connectTimeoutSeconds = 10;
    int m_lockTimeoutMs = -1; // as set by setTimeouts(); -1: the server's
    int m_statementTimeoutMs = -1;
    QHash<QString, int> m_heldLocks; // lock name -> times taken in this session
    std::atomic<bool> m_cancelRequested{false};
    QString m_prelude; // sent before the next statement, in the same round trip
    std::unique_ptr<Connection> m_connection;
    mutable std::mutex m_cancelMutex;

    // Round trips are most of a migration's cost beyond its own SQL, so a transaction's BEGIN
    // travels with its first statement and its history rows with its COMMIT.
    bool m_beginPending = false;
    bool m_inTransaction = false;
    QStringList m_deferred;      // statements sent with the COMMIT
    QSet<QString> m_knownTables; // seen to exist in this session (forgotten on rollback)
};

} // namespace strata
