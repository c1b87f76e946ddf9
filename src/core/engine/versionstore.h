#pragma once

#include "error.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace strata {

class Driver;
struct HistoryRecord;

// The version and history tables of one database as commands read them outside a plan run
// (current, check, repair). Reading never creates a database that does not exist yet.
class VersionStore
{
public:
    VersionStore(Driver &driver, QString versionTable);

    // Opens the database when it exists; false (and no error) when it does not: a SQLite file
    // not created yet (and creatable), or a PostgreSQL database the server says is missing
    // (Error::Code::DatabaseMissing). Either way nothing is applied there, truly.
    Result<bool> openExisting();

    // The version rows, sorted; empty when the database or the table does not exist.
    Result<QStringList> currentRows();
    // For each revision, the upgrade checksum recorded by its latest successful 'up' or
    // 'repair' history row: what the file held when it ran or was last accepted.
    Result<QHash<QString, QString>> appliedChecksums();
    // The same from rows already read (records(), oldest first).
    static QHash<QString, QString> appliedChecksums(const QList<HistoryRecord> &records);
    // Every history row, oldest first; empty when the database or the table does not exist.
    Result<QList<HistoryRecord>> records();
    // Each revision whose latest history row is a failure, that row (Driver::lastFailures):
    // what status reads instead of the whole table. Oldest first; empty when the database or
    // the table does not exist.
    Result<QList<HistoryRecord>> lastFailureRecords();
    // Revisions whose latest history row is a failure (a step rolled back, not retried since).
    Result<QStringList> failedRevisions();
    // Of history rows oldest first: each revision's latest row, where that row is a failure.
    static QList<HistoryRecord> lastFailures(const QList<HistoryRecord> &records);
    // Accepts an edited migration: a successful 'repair' history row carrying its new checksum.
    Status recordRepair(const QString &revision, const QString &newChecksum);

private:
    Driver &m_driver;
    QString m_versionTable;
};

} // namespace strata
