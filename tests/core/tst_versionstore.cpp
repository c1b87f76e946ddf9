// VersionStore: the version-state queries commands make outside a run, on real SQLite files.

#include "drivers/sqlite/sqlitedriver.h"
#include "engine/versionstore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;

class TestVersionStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_files = 0;
    const QString m_table = QStringLiteral("strata_version");

    QString freshPath() { return m_dir.path() + QStringLiteral("/s%1.db").arg(++m_files); }

    static HistoryRecord record(const QString &revision, const QString &direction, bool success,
                                const QString &checksum = {})
    {
        HistoryRecord r;
        r.revision = revision;
        r.direction = direction;
        r.success = success;
        r.checksum = checksum;
        r.startedAt = QDateTime::currentDateTimeUtc();
        return r;
    }

private Q_SLOTS:
    void missingDatabaseReadsEmptyAndStaysMissing()
    {
        const QString path = freshPath();
        SqliteDriver driver(path);
        VersionStore store(driver, m_table);
        auto rows = store.currentRows();
        QVERIFY(rows.ok());
        QVERIFY(rows->isEmpty());
        auto sums = store.appliedChecksums();
        QVERIFY(sums.ok());
        QVERIFY(sums->isEmpty());
        auto failed = store.failedRevisions();
        QVERIFY(failed.ok());
        QVERIFY(failed->isEmpty());
        QVERIFY(!QFile::exists(path));
    }

    // Status reads each revision's latest row and its latest accepted checksum, not the whole
    // history table.
    void latestRecordsReadOnlyTheLatestRows()
    {
        SqliteDriver driver(freshPath());
        QVERIFY(driver.open().ok());
        QVERIFY(driver.ensureTables(m_table).ok());
        const QList<HistoryRecord> rows = {
            record(QStringLiteral("a1"), QStringLiteral("up"), true, QStringLiteral("sum1")),
            record(QStringLiteral("a1"), QStringLiteral("down"), true),
            record(QStringLiteral("a1"), QStringLiteral("up"), true, QStringLiteral("sum2")),
            record(QStringLiteral("b2"), QStringLiteral("up"), false, QStringLiteral("sumb")),
            record(QStringLiteral("a1"), QStringLiteral("repair"), true, QStringLiteral("sum3")),
            record(QStringLiteral("b2"), QStringLiteral("up"), true, QStringLiteral("sumb")),
            record(QStringLiteral("c3"), QStringLiteral("up"), true, QStringLiteral("sumc")),
            record(QStringLiteral("c3"), QStringLiteral("down"), false),
        };
        for (const HistoryRecord &r : rows)
            QVERIFY(driver.recordHistory(m_table, r).ok());
        VersionStore store(driver, m_table);
        auto failures = store.lastFailureRecords();
        QVERIFY(failures.ok());
        QCOMPARE(failures->size(), 1); // b2 failed once, then ran: not a failure now
        QCOMPARE(failures->first().revision, QStringLiteral("c3"));
        QCOMPARE(failures->first().direction, QStringLiteral("down"));
        const auto sums = store.appliedChecksums();
        QVERIFY(sums.ok());
        QCOMPARE(sums->size(), 3);
        QCOMPARE(sums->value(QStringLiteral("a1")), QStringLiteral("sum3")); // the repair's
        QCOMPARE(sums->value(QStringLiteral("b2")), QStringLiteral("sumb"));
        QCOMPARE(sums->value(QStringLiteral("c3")), QStringLiteral("sumc"));
        QCOMPARE(store.failedRevisions().value(), QStringList{QStringLiteral("c3")});
    }

    void databaseWithoutTablesReadsEmpty()
    {
        const QString path = freshPath();
        SqliteDriver driver(path);
        QVERIFY(driver.open().ok()); // creates the file, no tables
        VersionStore store(driver, m_table);
        QVERIFY(store.currentRows()->isEmpty());
        QVERIFY(store.appliedChecksums()->isEmpty());
        QCOMPARE(driver.hasTable(m_table).value(), false);
    }

    void currentRowsSorted()
    {
        SqliteDriver driver(freshPath());
        QVERIFY(driver.open().ok());
        QVERIFY(driver.ensureTables(m_table).ok());
        for (const char *rev : {"c3", "a1", "b2"})
            QVERIFY(
                driver.applyVersionChange(m_table, VersionChange::insert(QLatin1String(rev))).ok());
        VersionStore store(driver, m_table);
        QCOMPARE(*store.currentRows(),
                 (QStringList{QStringLiteral("a1"), QStringLiteral("b2"), QStringLiteral("c3")}));
    }

    void appliedChecksumsTakeTheLatestSuccessfulUpOrRepair()
    {
        SqliteDriver driver(freshPath());
        QVERIFY(driver.open().ok());
        QVERIFY(driver.ensureTables(m_table).ok());
        const QList<HistoryRecord> rows = {
            record(QStringLiteral("a"), QStringLiteral("up"), true, QStringLiteral("a1")),
            record(QStringLiteral("b"), QStringLiteral("up"), true, QStringLiteral("b1")),
            // later failed attempt and a downgrade do not count
            record(QStringLiteral("a"), QStringLiteral("up"), false, QStringLiteral("a-broken")),
            record(QStringLiteral("b"), QStringLiteral("down"), true, QStringLiteral("b-down")),
            record(QStringLiteral("b"), QStringLiteral("stamp"), true, QStringLiteral("b-stamp")),
            // a repair replaces the recorded checksum
            record(QStringLiteral("a"), QStringLiteral("repair"), true, QStringLiteral("a2")),
            // a stamp carries no checksum
            record(QStringLiteral("s"), QStringLiteral("stamp"), true),
        };
        for (const HistoryRecord &r : rows)
            QVERIFY(driver.recordHistory(m_table, r).ok());
        VersionStore store(driver, m_table);
        auto sums = store.appliedChecksums();
        QVERIFY(sums.ok());
        QCOMPARE(sums->size(), 2);
        QCOMPARE(sums->value(QStringLiteral("a")), QStringLiteral("a2"));
        QCOMPARE(sums->value(QStringLiteral("b")), QStringLiteral("b1"));
        QVERIFY(!sums->contains(QStringLiteral("s")));
    }

    void failedRevisionsAreThoseWhoseLastRowFailed()
    {
        SqliteDriver driver(freshPath());
        QVERIFY(driver.open().ok());
        QVERIFY(driver.ensureTables(m_table).ok());
        for (const HistoryRecord &r : {record(QStringLiteral("a"), QStringLiteral("up"), false),
                                       record(QStringLiteral("b"), QStringLiteral("up"), false),
                                       record(QStringLiteral("a"), QStringLiteral("up"), true),
                                       record(QStringLiteral("c"), QStringLiteral("down"), true),
                                       record(QStringLiteral("c"), QStringLiteral("down"), false)})
            QVERIFY(driver.recordHistory(m_table, r).ok());
        VersionStore store(driver, m_table);
        QCOMPARE(*store.failedRevisions(), (QStringList{QStringLiteral("b"), QStringLiteral("c")}));
    }

    void recordRepairAddsAHistoryRow()
    {
        const QString path = freshPath();
        SqliteDriver driver(path);
        QVERIFY(driver.open().ok());
        QVERIFY(driver.ensureTables(m_table).ok());
        QVERIFY(driver
                    .recordHistory(m_table, record(QStringLiteral("a"), QStringLiteral("up"), true,
                                                   QStringLiteral("old")))
                    .ok());
        VersionStore store(driver, m_table);
        QVERIFY(store.recordRepair(QStringLiteral("a"), QStringLiteral("new")).ok());
        QCOMPARE(store.appliedChecksums()->value(QStringLiteral("a")), QStringLiteral("new"));

        auto history = driver.history(m_table);
        QVERIFY(history.ok());
        QCOMPARE(history->size(), 2);
        const HistoryRecord &repair = history->last();
        QCOMPARE(repair.direction, QStringLiteral("repair"));
        QCOMPARE(repair.checksum, QStringLiteral("new"));
        QVERIFY(repair.success);
        QVERIFY(repair.startedAt.isValid());
        QCOMPARE(repair.toolVersion, QStringLiteral(STRATA_VERSION_STRING));

        // The row is committed: a second connection sees it.
        SqliteDriver other(path);
        QVERIFY(other.open().ok());
        QCOMPARE(other.history(m_table)->size(), 2);
    }

    void recordRepairOnAFreshDatabaseCreatesTheTables()
    {
        SqliteDriver driver(freshPath());
        VersionStore store(driver, m_table);
        QVERIFY(store.recordRepair(QStringLiteral("x"), QStringLiteral("sum")).ok());
        QCOMPARE(driver.hasTable(m_table).value(), true);
        QCOMPARE(store.appliedChecksums()->value(QStringLiteral("x")), QStringLiteral("sum"));
    }
};

QTEST_GUILESS_MAIN(TestVersionStore)
#include "tst_versionstore.moc"
