// Executor: steps commit with their version rows and history; a failure rolls its step back
// and names the file and line.

#include "drivers/sqlite/sqlitedriver.h"
#include "engine/executor.h"
#include "project/migration.h"

#include <QHash>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;

class TestExecutor : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_files = 0;
    QHash<QString, Migration> m_migrations;

    void add(const QString &rev, const QString &up, const QString &down, bool reversible = true)
    {
        Migration m;
        m.revision = rev;
        m.filePath = QStringLiteral("versions/%1.sql").arg(rev);
        m.upgradeSql = up;
        m.upgradeLine = 6;
        m.downgradeSql = down;
        m.downgradeLine = 20;
        m.hasDowngrade = reversible;
        m_migrations.insert(rev, m);
    }

    MigrationLookup lookup()
    {
        return [this](const QString &rev) -> const Migration * {
            auto it = m_migrations.constFind(rev);
            return it == m_migrations.constEnd() ? nullptr : &*it;
        };
    }

    static PlanStep step(const QString &rev, Direction direction, QList<VersionChange> changes)
    {
        PlanStep s;
        s.revision = rev;
        s.direction = direction;
        s.versionChanges = std::move(changes);
        return s;
    }

    // a -> b -> c -> d; c's second statement fails.
    Plan chain()
    {
        Plan plan;
        plan.steps = {
            step(QStringLiteral("a"), Direction::Up, {VersionChange::insert(QStringLiteral("a"))}),
            step(QStringLiteral("b"), Direction::Up,
                 {VersionChange::update(QStringLiteral("a"), QStringLiteral("b"))}),
            step(QStringLiteral("c"), Direction::Up,
                 {VersionChange::update(QStringLiteral("b"), QStringLiteral("c"))}),
            step(QStringLiteral("d"), Direction::Up,
                 {VersionChange::update(QStringLiteral("c"), QStringLiteral("d"))})};
        return plan;
    }

private Q_SLOTS:
    void init()
    {
        m_migrations.clear();
        add(QStringLiteral("a"), QStringLiteral("CREATE TABLE ta (id INTEGER);"),
            QStringLiteral("DROP TABLE ta;"));
        add(QStringLiteral("b"),
            QStringLiteral("CREATE TABLE tb (id INTEGER);\nINSERT INTO tb VALUES (1);"),
            QStringLiteral("DROP TABLE tb;"));
        add(QStringLiteral("c"),
            QStringLiteral("CREATE TABLE tc (id INTEGER);\n\nINSERT INTO missing VALUES (1);"),
            QStringLiteral("DROP TABLE tc;"));
        add(QStringLiteral("d"), QStringLiteral("CREATE TABLE td (id INTEGER);"),
            QStringLiteral("DROP TABLE td;"), false);
    }

    void failureRollsBackItsStepOnly()
    {
        SqliteDriver driver(m_dir.path() + QStringLiteral("/f%1.db").arg(++m_files));
        Executor executor(driver, QStringLiteral("strata_version"), lookup());
        const Status s = executor.run(chain());
        QVERIFY(!s.ok());
        QCOMPARE(s.error().file, QStringLiteral("versions/c.sql"));
        QCOMPARE(s.error().line, 8); // upgradeLine 6, the failing INSERT two lines further down
        QVERIFY2(s.error().message.contains(QStringLiteral("no such table: missing")),
                 qPrintable(s.error().message));
        QVERIFY(s.error()
                    .details.join(QLatin1Char('\n'))
                    .contains(QStringLiteral("INSERT INTO missing")));
        QCOMPARE(*driver.versionRows(QStringLiteral("strata_version")),
                 QStringList{QStringLiteral("b")});
        QVERIFY(driver.hasTable(QStringLiteral("tb")));
        QVERIFY(!driver.hasTable(QStringLiteral("tc")));
        auto history = driver.history(QStringLiteral("strata_version"));
        QVERIFY(history.ok());
        QCOMPARE(history->size(), 3);
        QVERIFY(history->at(0).success && history->at(1).success);
        QCOMPARE(history->at(2).revision, QStringLiteral("c"));
        QVERIFY(!history->at(2).success);
        QVERIFY(history->at(2).error.contains(QStringLiteral("missing")));
        QCOMPARE(history->at(0).checksum,
                 QString::fromLatin1(m_migrations[QStringLiteral("a")].upgradeChecksum()));
        QCOMPARE(history->at(0).toolVersion, QStringLiteral(STRATA_VERSION_STRING));
    }

    void irreversibleRefusedUpFront()
    {
        SqliteDriver driver(m_dir.path() + QStringLiteral("/f%1.db").arg(++m_files));
        Executor executor(driver, QStringLiteral("strata_version"), lookup());
        Plan plan;
        plan.steps = {step(QStringLiteral("d"), Direction::Down,
                           {VersionChange::update(QStringLiteral("d"), QStringLiteral("c"))}),
                      step(QStringLiteral("c"), Direction::Down,
                           {VersionChange::update(QStringLiteral("c"), QStringLiteral("b"))})};
        const Status s = executor.run(plan);
        QVERIFY(!s.ok());
        QVERIFY(s.error().message.contains(QStringLiteral("nothing was run")));
        QVERIFY(
            s.error().details.join(QLatin1Char(' ')).contains(QStringLiteral("versions/d.sql")));
        QVERIFY(!driver.exists()); // not even created
    }

    void stampAndPurge()
    {
        SqliteDriver driver(m_dir.path() + QStringLiteral("/f%1.db").arg(++m_files));
        Executor executor(driver, QStringLiteral("v"), lookup());
        Plan stamp;
        PlanStep s =
            step(QStringLiteral("b"), Direction::Up, {VersionChange::insert(QStringLiteral("b"))});
        s.stamp = true;
        stamp.steps = {s};
        QVERIFY(executor.run(stamp).ok());
        QCOMPARE(*driver.versionRows(QStringLiteral("v")), QStringList{QStringLiteral("b")});
        QVERIFY(!driver.hasTable(QStringLiteral("tb"))); // no SQL ran
        Plan purge;
        purge.purge = true;
        PlanStep p =
            step(QStringLiteral("a"), Direction::Up, {VersionChange::insert(QStringLiteral("a"))});
        p.stamp = true;
        purge.steps = {p};
        QVERIFY(executor.run(purge).ok());
        QCOMPARE(*driver.versionRows(QStringLiteral("v")), QStringList{QStringLiteral("a")});
        QCOMPARE(driver.history(QStringLiteral("v"))->at(0).direction, QStringLiteral("stamp"));
    }

    void progressAndCancel()
    {
        SqliteDriver driver(m_dir.path() + QStringLiteral("/f%1.db").arg(++m_files));
        Executor executor(driver, QStringLiteral("v"), lookup());
        Plan plan = chain();
        plan.steps.resize(2);
        QList<Progress> seen;
        RunOptions options;
        options.progress = [&](const Progress &p) { seen.append(p); };
        QVERIFY(executor.run(plan, options).ok());
        QCOMPARE(seen.size(), 5); // a: start + 1 statement, b: start + 2 statements
        QCOMPARE(seen[3].step, 2);
        QCOMPARE(seen[3].statement, 1);
        QCOMPARE(seen[4].statementCount, 2);

        std::atomic<bool> cancel{true};
        RunOptions cancelled;
        cancelled.cancel = &cancel;
        Plan next = chain();
        next.steps = {next.steps[2]};
        next.startHeads = {QStringLiteral("b")};
        const Status s = executor.run(next, cancelled);
        QVERIFY(!s.ok());
        QVERIFY(s.error().message.contains(QStringLiteral("cancelled")));
        QCOMPARE(*driver.versionRows(QStringLiteral("v")), QStringList{QStringLiteral("b")});
        QVERIFY(!driver.hasTable(QStringLiteral("tc")));
    }

    void planFromStaleRowsIsRefused()
    {
        // Another run moved the version rows after this plan was made: nothing may run.
        SqliteDriver driver(m_dir.path() + QStringLiteral("/f%1.db").arg(++m_files));
        Executor executor(driver, QStringLiteral("v"), lookup());
        Plan first = chain();
        first.steps.resize(1);
        QVERIFY(executor.run(first).ok());
        const Status again = executor.run(first); // still believes the table is empty
        QVERIFY(!again.ok());
        QVERIFY2(again.error().message.contains(QStringLiteral("changed while")),
                 qPrintable(again.error().message));
        QCOMPARE(*driver.versionRows(QStringLiteral("v")), QStringList{QStringLiteral("a")});
        QCOMPARE(driver.history(QStringLiteral("v"))->size(), 1);
    }

    void offlineSql()
    {
        SqliteDriver driver(m_dir.path() + QStringLiteral("/never.db"));
        Executor executor(driver, QStringLiteral("strata_version"), lookup());
        Plan plan = chain();
        plan.steps.resize(2);
        plan.steps[0].toRevisions = {QStringLiteral("a")};
        plan.steps[1].fromRevisions = {QStringLiteral("a")};
        plan.steps[1].toRevisions = {QStringLiteral("b")};
        auto sql = executor.offlineSql(plan);
        QVERIFY(sql.ok());
        QCOMPARE(sql->count(QStringLiteral("CREATE TABLE strata_version")), 1);
        QVERIFY(sql->contains(QStringLiteral("-- Running upgrade  -> a")));
        QVERIFY(sql->contains(QStringLiteral("-- Running upgrade a -> b")));
        QVERIFY(sql->contains(QStringLiteral("INSERT INTO tb VALUES (1);")));
        QVERIFY(sql->contains(
            QStringLiteral("INSERT INTO strata_version (version_num) VALUES ('a');")));
        QVERIFY(sql->contains(QStringLiteral(
            "UPDATE strata_version SET version_num='b' WHERE strata_version.version_num = 'a';")));
        QCOMPARE(sql->count(QStringLiteral("BEGIN TRANSACTION;")), 2);
        QCOMPARE(sql->count(QStringLiteral("COMMIT;")), 2);
        QVERIFY(!driver.exists());
    }
};

QTEST_GUILESS_MAIN(TestExecutor)
#include "tst_executor.moc"
