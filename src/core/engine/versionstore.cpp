#include "engine/versionstore.h"

#include "drivers/driver.h"
#include "engine/executor.h"

#include <QDateTime>

namespace strata {

VersionStore::VersionStore(Driver &driver, QString versionTable)
    : m_driver(driver), m_versionTable(std::move(versionTable))
{
}

Result<bool> VersionStore::openExisting()
{
    if (!m_driver.exists()) {
        if (auto s = m_driver.creatable(); !s)
            return s.error();
        return false;
    }
    if (auto s = m_driver.open(); !s) {
        if (s.error().code == Error::Code::DatabaseMissing)
            return false;
        return s.error();
    }
    return true;
}

Result<QStringList> VersionStore::currentRows()
{
    auto opened = openExisting();
    if (!opened)
        return opened.error();
    if (!*opened)
        return QStringList{};
    auto rows = m_driver.versionRows(m_versionTable);
    if (rows)
        rows->sort();
    return rows;
}

Result<QHash<QString, QString>> VersionStore::appliedChecksums()
{
    auto opened = openExisting();
    if (!opened)
        return opened.error();
    if (!*opened)
        return QHash<QString, QString>{};
    return m_driver.acceptedChecksums(m_versionTable);
}

QHash<QString, QString> VersionStore::appliedChecksums(const QList<HistoryRecord> &records)
{
    QHash<QString, QString> out;
    // Oldest first, so the latest row wins.
    for (const HistoryRecord &r : records)
        if (r.success && !r.checksum.isEmpty() &&
            (r.direction == QLatin1String("up") || r.direction == QLatin1String("repair")))
            out.insert(r.revision, r.checksum);
    return out;
}

Result<QList<HistoryRecord>> VersionStore::lastFailureRecords()
{
    auto opened = openExisting();
    if (!opened)
        return opened.error();
    if (!*opened)
        return QList<HistoryRecord>{};
    return m_driver.lastFailures(m_versionTable);
}

Result<QList<HistoryRecord>> VersionStore::records()
{
    auto opened = openExisting();
    if (!opened)
        return opened.error();
    if (!*opened)
        return QList<HistoryRecord>{};
    return m_driver.history(m_versionTable);
}

Result<QStringList> VersionStore::failedRevisions()
{
    auto opened = openExisting();
    if (!opened)
        return opened.error();
    if (!*opened)
        return QStringList{};
    auto records = m_driver.lastFailures(m_versionTable);
    if (!records)
        return records.error();
    QStringList out;
    for (const HistoryRecord &r : *records)
        out.append(r.revision);
    return out;
}

QList<HistoryRecord> VersionStore::lastFailures(const QList<HistoryRecord> &records)
{
    QHash<QString, const HistoryRecord *> last;
    QStringList order;
    for (const HistoryRecord &r : records) {
        if (!last.contains(r.revision))
            order.append(r.revision);
        last.insert(r.revision, &r);
    }
    QList<HistoryRecord> out;
    for (const QString &revision : order)
        if (!last.value(revision)->success)
            out.append(*last.value(revision));
    return out;
}

Status VersionStore::recordRepair(const QString &revision, const QString &newChecksum)
{
    if (auto s = m_driver.open(); !s)
        return s;
    if (auto s = m_driver.begin(); !s)
        return s;
    HistoryRecord r;
    r.revision = revision;
    r.direction = QStringLiteral("repair");
    r.checksum = newChecksum;
    r.startedAt = r.finishedAt = QDateTime::currentDateTimeUtc();
    r.osUser = Executor::osUser();
    r.toolVersion = QStringLiteral(STRATA_VERSION_STRING);
    r.success = true;
    Status s = m_driver.ensureTables(m_versionTable);
    if (s)
        s = m_driver.recordHistory(m_versionTable, r);
    if (!s) {
        (void)m_driver.rollback();
        return s;
    }
    return m_driver.commit();
}

} // namespace strata
