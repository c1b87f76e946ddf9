#pragma once

#include "drivers/driver.h"

#include <QSet>
#include <QStringList>

#include <memory>
#include <mutex>

namespace strata {

// PostgreSQL through libpqxx: the only code that includes <pqxx/...>. Statements are split
// with libpg_query; a server error keeps the server's message, and the statement line it
// points at ("LINE n:") is added to the statement's own line.
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
    Status lockRuns(const QString &versionTable, int waitSeconds) override;
    void unlockRuns(const QString &versionTable) override;
    Status setTimeouts(int lockTimeoutMs, int statementTimeoutMs) override;
    bool runsOutsideTransactions() const override { return true; }
    Status setVersionSchema(const QString &schema) override;
    QString tableSql(const QString &table) const override;
    Result<ServerInfo> serverInfo() override;
    Result<bool> createDatabaseIfMissing() override;
    Result<QString> createScratchDatabase(const QString &name) override;
    Status dropScratchDatabase(const QString &name) override;
    Result<QMap<QString, QString>> schemaObjects(const QString &versionTable) override;
    Result<SchemaCatalog> catalog(const QString &versionTable) override;

    bool hasTable(const QString &table) override;
    Result<QStringList> versionRows(const QString &versionTable) override;
    Status applyVersionChange(const QString &versionTable, const VersionChange &change) override;
    Status deleteAllVersionRows(const QString &versionTable) override;
    Status recordHistory(const QString &versionTable, const HistoryRecord &record) override;
    Result<QList<HistoryRecord>> history(const QString &versionTable) override;

    QString versionTableDdl(const QString &versionTable) const override;
    QString historyTableDdl(const QString &versionTable) const override;
    QString beginSql() const override { return QStringLiteral("BEGIN;"); }
    QString commitSql() const override { return QStringLiteral("COMMIT;"); }

    // Rows of a query (each row's columns as text), for the driver's own bookkeeping and tests.
    Result<QList<QStringList>> query(const QString &sql, int *affected = nullptr);

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
    QString m_conninfo;
    QString m_display;
    QString m_schema; // of the version and history tables; empty: the search path's
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
