#pragma once

#include "drivers/driver.h"

#include <mutex>

struct sqlite3;

namespace strata {

// SQLite through Qt Sql (QSQLITE). Statements are split with SQLite's own completeness
// check; each step runs in BEGIN IMMEDIATE ... COMMIT. The Qt Sql connection is added under a
// unique name by open() and removed by close() or the destructor, in the thread that opened it;
// foreign_keys is ON. open() creates the file when absent (its folder must exist).
class SqliteDriver : public Driver
{
public:
    explicit SqliteDriver(QString path);
    ~SqliteDriver() override;

    QString engine() const override { return QStringLiteral("sqlite"); }
    // Call before open(): open the file read only (SQLITE_OPEN_READONLY), so nothing is ever
    // written to it, and a missing file is an error (Error::Code::NotFound) rather than
    // created. For the schema tools' live sides.
    void setReadOnly(bool readOnly) { m_readOnly = readOnly; }
    bool exists() const override;
    Status creatable() const override;
    Status open() override;
    void close() override;
    Result<ServerInfo> serverInfo() override;
    Result<QString> createScratchDatabase(const QString &name) override;
    Status dropScratchDatabase(const QString &name) override;
    Result<QMap<QString, QString>> schemaObjects(const QString &versionTable) override;
    Result<SchemaCatalog> catalog(const QString &versionTable) override;
    // Runs one query (the schema inspector's reads of sqlite_schema and the pragma functions)
    // and returns its rows, each value as text (NULL as a null QString, a BLOB as its bytes
    // read as UTF-8). Errors: SQLite's message.
    Result<QList<QStringList>> catalogQuery(const QString &sql) override;

    QList<Statement> splitStatements(const QString &sql, int firstLine) const override;
    Status begin() override;
    Status commit() override;
    Status rollback() override;
    // Runs one statement of a migration. A `PRAGMA foreign_key_check` in any form (a table
    // argument, a schema prefix, any case) that returns rows fails the step: the error names
    // each violation (the child table, its rowid, the parent table; the first ten, then how
    // many more) and carries the statement in details. SQLite itself only reports them as rows,
    // which a migration would otherwise ignore (the table-rebuild procedure ends with one).
    Status execute(const Statement &statement) override;
    // sqlite3_interrupt() on the open handle; a no-op when no statement runs.
    void cancel() override;
    // Back to the session as open() left it: the connection-level PRAGMAs that change what later
    // statements do (foreign_keys, recursive_triggers, query_only, legacy_alter_table,
    // ignore_check_constraints, writable_schema, reverse_unordered_selects, defer_foreign_keys,
    // automatic_index, trusted_schema, cell_size_check, secure_delete, synchronous, temp_store,
    // cache_size, busy_timeout, locking_mode; case_sensitive_like off) restored to the values read
    // at open, temporary tables, views and triggers dropped, and attached databases detached
    // (once the step's transaction has ended: DETACH cannot run inside one). Kept: journal_mode
    // (WAL is a property of the file, and no mode changes inside a step's transaction) and
    // anything a migration stored in the database itself.
    Status resetSession() override;
    // sqlite3_get_autocommit(): autocommit on means no transaction is open.
    TransactionState transactionState() const override;

    Result<bool> hasTable(const QString &table) override;
    Result<QStringList> versionRows(const QString &versionTable) override;
    Status applyVersionChange(const QString &versionTable, const VersionChange &change) override;
    Status deleteAllVersionRows(const QString &versionTable) override;
    Status recordHistory(const QString &versionTable, const HistoryRecord &record) override;
    Result<QList<HistoryRecord>> history(const QString &versionTable) override;
    Result<QList<HistoryRecord>> lastFailures(const QString &versionTable) override;
    Result<QHash<QString, QString>> acceptedChecksums(const QString &versionTable) override;

    QString versionTableDdl(const QString &versionTable) const override;
    QString historyTableDdl(const QString &versionTable) const override;
    QString beginSql() const override { return QStringLiteral("BEGIN TRANSACTION;"); }
    QString commitSql() const override { return QStringLiteral("COMMIT;"); }

    // Splitting on its own, for tests and the editor.
    static QList<Statement> split(const QString &sql, int firstLine);

private:
    Status exec(const QString &sql, int *rowsAffected = nullptr);
    // Runs a PRAGMA foreign_key_check statement; fails when it returns rows (see execute()).
    Status foreignKeyCheck(const QString &sql);
    // History rows matching `condition` (all when empty), oldest first.
    Result<QList<HistoryRecord>> historyWhere(const QString &versionTable,
                                              const QString &condition);

    QString m_path;
    QString m_connectionName;
    QList<std::pair<QString, QString>> m_openedPragmas; // name, value as open() left them
    // Written by open() and close() in the owning thread, read by cancel() from any thread: the
    // lock keeps close() from freeing the handle while cancel() interrupts it.
    std::mutex m_handleMutex;
    sqlite3 *m_handle = nullptr;
    bool m_readOnly = false;
};

} // namespace strata
