// Executor: steps commit with their version rows and history; a failure rolls its step back
// and names the file and line; downgrades refuse irreversible steps up front; stamps, purge,
// progress, cancellation and offline SQL.

#include "drivers/sqlite/sqlitedriver.h"
#include "engine/executor.h"
#include "project/migration.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "verify.h"
#include <QUuid>

#include <atomic>
#include <chrono>
#include <thread>

using namespace strata;

namespace {

// One history row as stored, read through the test's own connection.
struct StoredHistory
{
    QString revision;
    QString direction;
    int success = -1;
    QString error;
    QString fromRevisions;
    QString toRevisions;
    QString checksum;
};

// A driver whose statement "CREATE TABLE tkept ..." is followed by a COMMIT the executor does
// not see, as a statement no static check can read would do: the executor's last guard must
// notice the transaction is gone.
class CommittingDriver : public SqliteDriver
{
public:
    using SqliteDriver::SqliteDriver;
    Status execute(const Statement &statement) override
    {
        Status s = SqliteDriver::execute(statement);
        if (s && statement.text.contains(QLatin1String("tkept")))
            (void)commit();
        return s;
    }
};

} // namespace

class TestExecutor : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_files = 0;
    QHash<QString, Migration> m_migrations;
    const QString m_table = QStringLiteral("strata_version");

    QString freshPath() { return m_dir.path() + QStringLiteral("/f%1.db").arg(++m_files); }

    void add(const QString &rev, const QString &up, int upLine, const QString &down, int downLine,
             bool reversible = true)
    {
        Migration m;
        m.revision = rev;
        m.filePath = QStringLiteral("/proj/versions/%1_step.sql").arg(rev);
        m.upgradeSql = up;
        m.upgradeLine = upLine;
        m.downgradeSql = down;
        m.downgradeLine = downLine;
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

    static PlanStep step(const QString &rev, Direction direction, QList<VersionChange> changes,
                         QStringList from = {}, QStringList to = {})
    {
        PlanStep s;
        s.revision = rev;
        s.direction = direction;
        s.versionChanges = std::move(changes);
        s.fromRevisions = std::move(from);
        s.toRevisions = std::move(to);
        return s;
    }

    static PlanStep up(const QString &from, const QString &to)
    {
        if (from.isEmpty())
            return step(to, Direction::Up, {VersionChange::insert(to)}, {}, {to});
        return step(to, Direction::Up, {VersionChange::update(from, to)}, {from}, {to});
    }

    static PlanStep down(const QString &rev, const QString &to)
    {
        if (to.isEmpty())
            return step(rev, Direction::Down, {VersionChange::remove(rev)}, {rev}, {});
        return step(rev, Direction::Down, {VersionChange::update(rev, to)}, {rev}, {to});
    }

    // a -> b -> c -> d; c's second statement fails.
    static Plan chain()
    {
        Plan plan;
        plan.steps = {up({}, QStringLiteral("a")), up(QStringLiteral("a"), QStringLiteral("b")),
                      up(QStringLiteral("b"), QStringLiteral("c")),
                      up(QStringLiteral("c"), QStringLiteral("d"))};
        return plan;
    }

    static Plan firstSteps(int n)
    {
        Plan plan = chain();
        plan.steps.resize(n);
        return plan;
    }

    template <typename Fn> static void withDb(const QString &path, Fn fn)
    {
        const QString name = QStringLiteral("tst-executor-") + QUuid::createUuid().toString();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            fn(db);
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }

    static QStringList column(const QString &path, const QString &sql)
    {
        QStringList out;
        withDb(path, [&](QSqlDatabase &db) {
            QSqlQuery q(db);
            if (q.exec(sql))
                while (q.next())
                    out.append(q.value(0).toString());
        });
        return out;
    }

    static QStringList tables(const QString &path)
    {
        return column(path, QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' "
                                           "AND name NOT LIKE 'sqlite_%' ORDER BY name"));
    }

    QStringList versionRows(const QString &path)
    {
        return column(path, QStringLiteral("SELECT version_num FROM %1 ORDER BY 1").arg(m_table));
    }

    QList<StoredHistory> history(const QString &path)
    {
        QList<StoredHistory> out;
        withDb(path, [&](QSqlDatabase &db) {
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT revision, direction, success, error, "
                                          "from_revisions, to_revisions, checksum FROM %1_history "
                                          "ORDER BY id")
                               .arg(m_table)));
            while (q.next())
                out.append(StoredHistory{q.value(0).toString(), q.value(1).toString(),
                                         q.value(2).toInt(), q.value(3).toString(),
                                         q.value(4).toString(), q.value(5).toString(),
                                         q.value(6).toString()});
        });
        return out;
    }

private Q_SLOTS:
    void init()
    {
        m_migrations.clear();
        add(QStringLiteral("a"), QStringLiteral("CREATE TABLE ta (id INTEGER);"), 5,
            QStringLiteral("DROP TABLE ta;"), 9);
        add(QStringLiteral("b"),
            QStringLiteral("CREATE TABLE tb (id INTEGER);\nINSERT INTO tb VALUES (1)"), 5,
            QStringLiteral("DROP TABLE tb;"), 10);
        add(QStringLiteral("c"),
            QStringLiteral("CREATE TABLE tc (id INTEGER);\n\n-- the bad one\n"
                           "INSERT INTO missing VALUES (1);\nCREATE TABLE tc2 (id INTEGER);"),
            7, QStringLiteral("DROP TABLE tc;"), 20);
        add(QStringLiteral("d"), QStringLiteral("CREATE TABLE td (id INTEGER);"), 5,
            QStringLiteral("DROP TABLE td;"), 0, false);
    }

    void upgradeRunsEveryStep()
    {
        const QString path = freshPath();
        SqliteDriver driver(path);
        Executor executor(driver, m_table, lookup());
        VERIFY_OK(executor.run(firstSteps(2)));
        QCOMPARE(versionRows(path), QStringList{QStringLiteral("b")});
        QCOMPARE(column(path, QStringLiteral("SELECT id FROM tb")),
                 QStringList{QStringLiteral("1")});
        const QList<StoredHistory> h = history(path);
        QCOMPARE(h.size(), 2);
        QCOMPARE(h[0].revision, QStringLiteral("a"));
        QCOMPARE(h[0].direction, QStringLiteral("up"));
        QCOMPARE(h[0].success, 1);
        QCOMPARE(h[0].toRevisions, QStringLiteral("a"));
        QCOMPARE(h[0].checksum,
                 QString::fromLatin1(m_migrations[QStringLiteral("a")].upgradeChecksum()));
        QCOMPARE(h[1].fromRevisions, QStringLiteral("a"));
        QCOMPARE(h[1].toRevisions, QStringLiteral("b"));
        auto viaDriver = driver.history(m_table);
        QVERIFY(viaDriver.ok());
        QCOMPARE(viaDriver->at(0).toolVersion, QStringLiteral(STRATA_VERSION_STRING));
        QVERIFY(viaDriver->at(0).finishedAt >= viaDriver->at(0).startedAt);
    }

    void failureRollsBackItsStepOnly()
    {
        const QString path = freshPath();
        SqliteDriver driver(path);
        Executor executor(driver, m_table, lookup());
        const Status s = executor.run(chain());
        QVERIFY(!s.ok());
        QCOMPARE(s.error().file, QStringLiteral("/proj/versions/c_step.sql"));
        QCOMPARE(s.error().line, 10); // upgradeLine 7, the failing INSERT three lines down
        QVERIFY2(s.error().message.contains(QStringLiteral("no such table: missing")),
                 qPrintable(s.error().message));
        QVERIFY(s.error()
                    .details.join(QLatin1Char('\n'))
                    .contains(QStringLiteral("INSERT INTO missing")));

        // Steps 1-2 committed, step 3 rolled back (its first statement too), step 4 never ran.
        QCOMPARE(tables(path), (QStringList{QStringLiteral("strata_version"),
                                            QStringLiteral("strata_version_history"),
                                            QStringLiteral("ta"), QStringLiteral("tb")}));
        QCOMPARE(column(path, QStringLiteral("SELECT count(*) FROM tb")),
                 QStringList{QStringLiteral("1")});
        QCOMPARE(versionRows(path), QStringList{QStringLiteral("b")});
        const QList<StoredHistory> h = history(path);
        QCOMPARE(h.size(), 3);
        QCOMPARE(h[0].revision, QStringLiteral("a"));
        QCOMPARE(h[0].success, 1);
        QCOMPARE(h[1].revision, QStringLiteral("b"));
        QCOMPARE(h[1].success, 1);
        QCOMPARE(h[2].revision, QStringLiteral("c"));
        QCOMPARE(h[2].direction, QStringLiteral("up"));
        QCOMPARE(h[2].success, 0);
        QVERIFY2(h[2].error.contains(QStringLiteral("no such table: missing")),
                 qPrintable(h[2].error));

        // Fixed, the rest of the chain runs from where it stopped.
        m_migrations[QStringLiteral("c")].upgradeSql =
            QStringLiteral("CREATE TABLE tc (id INTEGER);");
        Plan rest = chain();
        rest.steps.remove(0, 2);
        rest.startHeads = {QStringLiteral("b")};
        VERIFY_OK(executor.run(rest));
        QCOMPARE(versionRows(path), QStringList{QStringLiteral("d")});
        QVERIFY(tables(path).contains(QStringLiteral("td")));
        QCOMPARE(history(path).size(), 5);
    }

    void rowsMovedUnderneathStopTheRun()
    {
        const QString path = freshPath();
        SqliteDriver driver(path);
        Executor executor(driver, m_table, lookup());
        VERIFY_OK(executor.run(firstSteps(2)));
        // A plan made from an empty table, run after another run moved it to b.
        const Status s = executor.run(firstSteps(2));
        QVERIFY(!s.ok());
        QVERIFY2(s.error().message.contains(m_table), qPrintable(s.error().message));
        QCOMPARE(versionRows(path), QStringList{QStringLiteral("b")});
        QCOMPARE(history(path).size(), 2); // nothing run, nothing recorded
        QCOMPARE(column(path, QStringLiteral("SELECT count(*) FROM tb")),
                 QStringList{QStringLiteral("1")});
    }

    void downgradeRuns()
    {
        const QString path = freshPath();
        SqliteDriver driver(path);
        Executor executor(driver, m_table, lookup());
        VERIFY_OK(executor.run(firstSteps(2)));
        Plan plan;
        plan.startHeads = {QStringLiteral("b")};
        plan.steps = {down(QStringLiteral("b"), QStringLiteral("a")),
                      down(QStringLiteral("a"), QString())};
        VERIFY_OK(executor.run(plan));
        QCOMPARE(tables(path), (QStringList{QStringLiteral("strata_version"),
                                            QStringLiteral("strata_version_history")}));
        QVERIFY(versionRows(path).isEmpty());
        const QList<StoredHistory> h = history(path);
        QCOMPARE(h.size(), 4);
        QCOMPARE(h[2].direction, QStringLiteral("down"));
        QCOMPARE(h[2].revision, QStringLiteral("b"));
        QCOMPARE(h[3].direction, QStringLiteral("down"));
        QCOMPARE(h[3].success, 1);
    }

    void downgradeFailureNamesTheDowngradeLine()
    {
        const QString path = freshPath();
        SqliteDriver driver(path);
        Executor executor(driver, m_table, lookup());
        VERIFY_OK(executor.run(firstSteps(2)));
        m_migrations[QStringLiteral("b")].downgradeSql =
            QStringLiteral("DROP TABLE tb;\nDROP TABLE nothere;");
        Plan plan;
        plan.startHeads = {QStringLiteral("b")};
        plan.steps = {down(QStringLiteral("b"), QStringLiteral("a"))};
        const Status s = executor.run(plan);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().line, 11);
        QVERIFY(s.error().message.contains(QStringLiteral("no such table: nothere")));
        QVERIFY(tables(path).contains(QStringLiteral("tb")));
        QCOMPARE(versionRows(path), QStringList{QStringLiteral("b")});
        QCOMPARE(history(path).last().direction, QStringLiteral("down"));
        QCOMPARE(history(path).last().success, 0);
    }

    void irreversibleRefusedUpFront()
    {
        // On a database that does not exist yet: not even created.
        {
            SqliteDriver driver(freshPath());
            Executor executor(driver, m_table, lookup());
            Plan plan;
            plan.steps = {down(QStringLiteral("d"), QStringLiteral("c")),
                          down(QStringLiteral("c"), QStringLiteral("b"))};
            const Status s = executor.run(plan);
            QVERIFY(!s.ok());
            QVERIFY(s.error().message.contains(QStringLiteral("nothing was run")));
            QVERIFY(s.error()
                        .details.join(QLatin1Char(' '))
                        .contains(QStringLiteral("/proj/versions/d_step.sql")));
            QVERIFY(!driver.exists());
        }
        // On a database at b: a reversible step before the irreversible one does not run either.
        const QString path = freshPath();
        SqliteDriver driver(path);
        Executor executor(driver, m_table, lookup());
        VERIFY_OK(executor.run(firstSteps(2)));
        Plan plan;
        plan.startHeads = {QStringLiteral("b")};
        plan.steps = {down(QStringLiteral("b"), QStringLiteral("a")),
                      down(QStringLiteral("d"), QStringLiteral("c"))};
        const Status s = executor.run(plan);
        QVERIFY(!s.ok());
        QVERIFY(s.error().message.contains(QStringLiteral("nothing was run")));
        QVERIFY(s.error().details.join(QLatin1Char(' ')).contains(QStringLiteral("d")));
        QVERIFY(tables(path).contains(QStringLiteral("tb")));
        QCOMPARE(versionRows(path), QStringList{QStringLiteral("b")});
        QCOMPARE(history(path).size(), 2);
        // The offline script refuses it the same way.
        QVERIFY(!executor.offlineSql(plan).ok());
    }

    void unknownRevisionRefused()
    {
        SqliteDriver driver(freshPath());
        Executor executor(driver, m_table, lookup());
        Plan plan;
        plan.steps = {up({}, QStringLiteral("a")), up(QStringLiteral("a"), QStringLiteral("zz"))};
        const Status s = executor.run(plan);
        QVERIFY(!s.ok());
        QVERIFY(s.error().message.contains(QStringLiteral("zz")));
        QVERIFY(!driver.exists());
    }

    void stampChangesOnlyRows()
    {
        const QString path = freshPath();
        SqliteDriver driver(path);
        Executor executor(driver, m_table, lookup());
        Plan stamp;
        PlanStep s = up({}, QStringLiteral("c"));
        s.stamp = true;
        stamp.steps = {s};
        VERIFY_OK(executor.run(stamp));
        QCOMPARE(versionRows(path), QStringList{QStringLiteral("c")});
        QCOMPARE(tables(path), (QStringList{QStringLiteral("strata_version"),
                                            QStringLiteral("strata_version_history")}));
        // A stamp down to a, not through the SQL of c or b.
        Plan back;
        back.startHeads = {QStringLiteral("c")};
        PlanStep d = down(QStringLiteral("c"), QStringLiteral("a"));
        d.stamp = true;
        back.steps = {d};
        VERIFY_OK(executor.run(back));
        QCOMPARE(versionRows(path), QStringList{QStringLiteral("a")});
        const QList<StoredHistory> h = history(path);
        QCOMPARE(h.size(), 2);
        QCOMPARE(h[0].direction, QStringLiteral("stamp"));
        QCOMPARE(h[0].revision, QStringLiteral("c"));
        QCOMPARE(h[0].success, 1);
        QVERIFY(h[0].checksum.isEmpty());
        QCOMPARE(h[1].direction, QStringLiteral("stamp"));
        QCOMPARE(h[1].fromRevisions, QStringLiteral("c"));
        QCOMPARE(h[1].toRevisions, QStringLiteral("a"));
        // d is irreversible, but a stamp runs no SQL and so is allowed.
        Plan irreversible;
        irreversible.startHeads = {QStringLiteral("a")};
        PlanStep dd = down(QStringLiteral("d"), QString());
        dd.versionChanges = {VersionChange::insert(QStringLiteral("d"))};
        dd.stamp = true;
        irreversible.steps = {dd};
        VERIFY_OK(executor.run(irreversible));
        QCOMPARE(versionRows(path), (QStringList{QStringLiteral("a"), QStringLiteral("d")}));
    }

    void purgeDeletesEveryRowFirst()
    {
        const QString path = freshPath();
        SqliteDriver driver(path);
        Executor executor(driver, m_table, lookup());
        Plan two;
        PlanStep x = up({}, QStringLiteral("x"));
        x.stamp = true;
        PlanStep y = up({}, QStringLiteral("y"));
        y.stamp = true;
        two.steps = {x, y};
        VERIFY_OK(executor.run(two));
        QCOMPARE(versionRows(path), (QStringList{QStringLiteral("x"), QStringLiteral("y")}));

        Plan purge;
        purge.purge = true;
        purge.startHeads = {QStringLiteral("x"), QStringLiteral("y")};
        PlanStep b = up({}, QStringLiteral("b"));
        b.stamp = true;
        purge.steps = {b};
        VERIFY_OK(executor.run(purge));
        QCOMPARE(versionRows(path), QStringList{QStringLiteral("b")});

        Plan purgeOnly;
        purgeOnly.purge = true;
        VERIFY_OK(executor.run(purgeOnly));
        QVERIFY(versionRows(path).isEmpty());

        auto offline = executor.offlineSql(purge);
        QVERIFY(offline.ok());
        QVERIFY(offline->startsWith(QStringLiteral("DELETE FROM strata_version;")));
        // The purge script runs against the existing table (DELETE needs it, so no CREATE).
        VERIFY_OK(executor.run(two));
        withDb(path, [&](QSqlDatabase &db) {
            for (const Statement &st : SqliteDriver::split(*offline, 1)) {
                QSqlQuery q(db);
                QVERIFY2(q.exec(st.text), qPrintable(st.text + QLatin1Char('\n') + *offline));
            }
        });
        QCOMPARE(versionRows(path), QStringList{QStringLiteral("b")});
    }

    void progressReportsStepsAndStatements()
    {
        SqliteDriver driver(freshPath());
        Executor executor(driver, m_table, lookup());
        QList<Progress> seen;
        RunOptions options;
        options.progress = [&](const Progress &p) { seen.append(p); };
        VERIFY_OK(executor.run(firstSteps(2), options));
        // a: start + 1 statement, b: start + 2 statements
        QCOMPARE(seen.size(), 5);
        const QList<QList<int>> expected = {
            {1, 2, 0, 1}, {1, 2, 1, 1}, {2, 2, 0, 2}, {2, 2, 1, 2}, {2, 2, 2, 2}};
        for (int i = 0; i < seen.size(); ++i) {
            const QList<int> got = {seen[i].step, seen[i].stepCount, seen[i].statement,
                                    seen[i].statementCount};
            QCOMPARE(got, expected[i]);
            QCOMPARE(seen[i].direction, Direction::Up);
        }
        QCOMPARE(seen[0].revision, QStringLiteral("a"));
        QCOMPARE(seen[4].revision, QStringLiteral("b"));

        // A failing run reports up to the failing statement: step 3 of 4, statement 2 of 3.
        SqliteDriver other(freshPath());
        Executor failing(other, m_table, lookup());
        seen.clear();
        QVERIFY(!failing.run(chain(), options).ok());
        QCOMPARE(seen.last().step, 3);
        QCOMPARE(seen.last().stepCount, 4);
        QCOMPARE(seen.last().statement, 2);
        QCOMPARE(seen.last().statementCount, 3);
        QCOMPARE(seen.last().revision, QStringLiteral("c"));
    }

    void cancelledBeforeTheRun()
    {
        const QString path = freshPath();
        SqliteDriver driver(path);
        Executor executor(driver, m_table, lookup());
        std::atomic<bool> cancel{true};
        RunOptions options;
        options.cancel = &cancel;
        int statementsReported = 0;
        options.progress = [&](const Progress &p) {
            if (p.statement > 0)
                ++statementsReported;
        };
        const Status s = executor.run(firstSteps(2), options);
        QVERIFY(!s.ok());
        // Stopped before the run took its lock: nothing ran, so nothing is recorded either.
        QCOMPARE(s.error().code, Error::Code::Cancelled);
        QVERIFY2(s.error().message.contains(QStringLiteral("nothing was run")),
                 qPrintable(s.error().message));
        QCOMPARE(statementsReported, 0);
        QVERIFY(!tables(path).contains(QStringLiteral("ta")));
        QVERIFY(!tables(path).contains(m_table));
    }

    void cancelledBetweenSteps()
    {
        const QString path = freshPath();
        SqliteDriver driver(path);
        Executor executor(driver, m_table, lookup());
        std::atomic<bool> cancel{false};
        RunOptions options;
        options.cancel = &cancel;
        options.progress = [&](const Progress &p) {
            if (p.step == 2 && p.statement == 0)
                cancel.store(true);
        };
        const Status s = executor.run(firstSteps(3), options);
        QVERIFY(!s.ok());
        QVERIFY(s.error().message.contains(QStringLiteral("cancelled")));
        QCOMPARE(s.error().file, QStringLiteral("/proj/versions/b_step.sql"));
        QCOMPARE(versionRows(path), QStringList{QStringLiteral("a")});
        QVERIFY(tables(path).contains(QStringLiteral("ta")));
        QVERIFY(!tables(path).contains(QStringLiteral("tb")));
        QCOMPARE(history(path).size(), 2);
        QCOMPARE(history(path).at(1).success, 0);
        // Told apart from a failure, in the table and when read back.
        QCOMPARE(s.error().code, Error::Code::Cancelled);
        auto records = driver.history(m_table);
        QVERIFY(records.ok());
        QCOMPARE(records->size(), 2);
        QVERIFY(!records->at(0).cancelled);
        QVERIFY(records->at(1).cancelled);
        QVERIFY(!records->at(1).success);
    }

    void offlineSql()
    {
        SqliteDriver driver(m_dir.path() + QStringLiteral("/never.db"));
        Executor executor(driver, m_table, lookup());
        auto sql = executor.offlineSql(firstSteps(2));
        QVERIFY(sql.ok());
        const QString &text = *sql;
        QCOMPARE(text.count(QStringLiteral("CREATE TABLE strata_version")), 1);
        QVERIFY(text.contains(QStringLiteral("CONSTRAINT strata_version_pkc PRIMARY KEY")));
        QVERIFY(text.contains(QStringLiteral("-- Running upgrade  -> a")));
        QVERIFY(text.contains(QStringLiteral("-- Running upgrade a -> b")));
        QVERIFY(text.contains(QStringLiteral("CREATE TABLE ta (id INTEGER);")));
        QVERIFY(text.contains(QStringLiteral("CREATE TABLE tb (id INTEGER);")));
        QVERIFY(text.contains(QStringLiteral("INSERT INTO tb VALUES (1);"))); // ';' added
        QVERIFY(!text.contains(QStringLiteral(";;")));
        QVERIFY(text.contains(
            QStringLiteral("INSERT INTO strata_version (version_num) VALUES ('a');")));
        QVERIFY(text.contains(QStringLiteral(
            "UPDATE strata_version SET version_num='b' WHERE strata_version.version_num = 'a';")));
        QCOMPARE(text.count(QStringLiteral("BEGIN TRANSACTION;")), 2);
        QCOMPARE(text.count(QStringLiteral("COMMIT;")), 2);
        QVERIFY(!text.contains(QStringLiteral("_history"))); // no history offline
        // Order within the first step.
        const qsizetype begin = text.indexOf(QStringLiteral("BEGIN TRANSACTION;"));
        const qsizetype ddl = text.indexOf(QStringLiteral("CREATE TABLE strata_version"));
        const qsizetype running = text.indexOf(QStringLiteral("-- Running upgrade  -> a"));
        const qsizetype statement = text.indexOf(QStringLiteral("CREATE TABLE ta"));
        const qsizetype insert = text.indexOf(QStringLiteral("INSERT INTO strata_version"));
        const qsizetype commit = text.indexOf(QStringLiteral("COMMIT;"));
        QVERIFY(begin < ddl && ddl < running && running < statement && statement < insert &&
                insert < commit);
        QVERIFY(!driver.exists());

        // From an existing head the table is not created; a stamp has no statements.
        Plan fromA;
        fromA.startHeads = {QStringLiteral("a")};
        PlanStep b = up(QStringLiteral("a"), QStringLiteral("b"));
        b.stamp = true;
        fromA.steps = {b};
        auto stamp = executor.offlineSql(fromA);
        QVERIFY(stamp.ok());
        QVERIFY(!stamp->contains(QStringLiteral("CREATE TABLE")));
        QVERIFY(stamp->contains(QStringLiteral("-- Running stamp a -> b")));
        QVERIFY(!stamp->contains(QStringLiteral("INSERT INTO tb")));
        QVERIFY(stamp->contains(QStringLiteral("UPDATE strata_version SET version_num='b'")));

        // The script is valid SQLite: run it and compare with an online run.
        const QString scripted = freshPath();
        withDb(scripted, [&](QSqlDatabase &db) {
            for (const Statement &st : SqliteDriver::split(text, 1)) {
                QSqlQuery q(db);
                QVERIFY2(q.exec(st.text), qPrintable(st.text));
            }
        });
        QCOMPARE(versionRows(scripted), QStringList{QStringLiteral("b")});
        QVERIFY(tables(scripted).contains(QStringLiteral("tb")));
    }

    void purgeIsUndoneWhenTheFirstStepFails()
    {
        const QString path = freshPath();
        SqliteDriver driver(path);
        Executor executor(driver, m_table, lookup());
        VERIFY_OK(executor.run(firstSteps(1)));
        // A purge whose first step cannot apply its rows: the rows the purge deleted come back.
        Plan purge;
        purge.purge = true;
        purge.startHeads = {QStringLiteral("a")};
        PlanStep bad = step(QStringLiteral("b"), Direction::Up,
                            {VersionChange::update(QStringLiteral("zz"), QStringLiteral("b"))});
        bad.stamp = true;
        purge.steps = {bad};
        const Status s = executor.run(purge);
        QVERIFY(!s.ok());
        QVERIFY2(s.error().message.contains(QStringLiteral("expected to match one row")),
                 qPrintable(s.error().message));
        QCOMPARE(versionRows(path), QStringList{QStringLiteral("a")});
        QCOMPARE(history(path).last().success, 0);
    }

    void nonTransactionalRunsInTheStepTransactionAndSaysSo()
    {
        const QString path = freshPath();
        SqliteDriver driver(path);
        Executor executor(driver, m_table, lookup());
        m_migrations[QStringLiteral("b")].transactional = false;
        QStringList notices;
        RunOptions options;
        options.notice = [&](const QString &n) { notices.append(n); };
        VERIFY_OK(executor.run(firstSteps(2), options));
        QCOMPARE(notices.size(), 1);
        QVERIFY2(notices.first().contains(QStringLiteral("b")) &&
                     notices.first().contains(QStringLiteral("transactional: false")),
                 qPrintable(notices.first()));
        // Still one transaction: a failing statement takes the earlier ones with it.
        m_migrations[QStringLiteral("c")].transactional = false;
        Plan next;
        next.startHeads = {QStringLiteral("b")};
        next.steps = {up(QStringLiteral("b"), QStringLiteral("c"))};
        QVERIFY(!executor.run(next, options).ok());
        QVERIFY(!tables(path).contains(QStringLiteral("tc")));
        QCOMPARE(versionRows(path), QStringList{QStringLiteral("b")});
    }

    // Issue 13, section 1: a statement that ends, starts or replaces the step's transaction is
    // refused before anything runs, in the upgrade and the downgrade, dry run or not, and on
    // SQLite whatever `transactional` says (SQLite runs every step in a transaction).
    void transactionControlIsRefusedUpFront_data()
    {
        QTest::addColumn<QString>("statement");
        QTest::addColumn<bool>("transactional");
        QTest::addColumn<bool>("dryRun");
        QTest::newRow("COMMIT, dry run") << QStringLiteral("COMMIT;") << true << true;
        QTest::newRow("COMMIT") << QStringLiteral("COMMIT;") << true << false;
        QTest::newRow("END TRANSACTION") << QStringLiteral("END TRANSACTION;") << true << false;
        QTest::newRow("rollback behind a comment")
            << QStringLiteral("/* undo */ rollback;") << true << false;
        QTest::newRow("BEGIN IMMEDIATE") << QStringLiteral("BEGIN IMMEDIATE;") << true << false;
        QTest::newRow("begin exclusive transaction")
            << QStringLiteral("begin exclusive transaction;") << true << true;
        QTest::newRow("COMMIT, transactional: false")
            << QStringLiteral("COMMIT;") << false << false;
        QTest::newRow("VACUUM") << QStringLiteral("VACUUM;") << true << false;
    }

    void transactionControlIsRefusedUpFront()
    {
        QFETCH(QString, statement);
        QFETCH(bool, transactional);
        QFETCH(bool, dryRun);
        const QString path = freshPath();
        SqliteDriver driver(path);
        Executor executor(driver, m_table, lookup());
        VERIFY_OK(executor.run(firstSteps(1)));
        add(QStringLiteral("b"),
            QStringLiteral("CREATE TABLE tb (id INTEGER);\n") + statement +
                QStringLiteral("\nCREATE TABLE tb2 (id INTEGER);"),
            5, QStringLiteral("DROP TABLE tb;\n") + statement + QStringLiteral("\nDROP TABLE tb2;"),
            10);
        m_migrations[QStringLiteral("b")].transactional = transactional;
        RunOptions options;
        options.dryRun = dryRun;
        Plan plan;
        plan.startHeads = {QStringLiteral("a")};
        plan.steps = {up(QStringLiteral("a"), QStringLiteral("b"))};
        Status s = executor.run(plan, options);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, Error::Code::Refused);
        QCOMPARE(s.error().file, QStringLiteral("/proj/versions/b_step.sql"));
        QCOMPARE(s.error().line, 6);
        QVERIFY2(s.error().message.contains(QStringLiteral("nothing was run")),
                 qPrintable(s.error().message));
        QCOMPARE(tables(path),
                 (QStringList{QStringLiteral("strata_version"),
                              QStringLiteral("strata_version_history"), QStringLiteral("ta")}));
        QCOMPARE(versionRows(path), QStringList{QStringLiteral("a")});
        QCOMPARE(history(path).size(), 1);

        // The downgrade section is read too.
        m_migrations[QStringLiteral("b")].upgradeSql =
            QStringLiteral("CREATE TABLE tb (id INTEGER);");
        VERIFY_OK(executor.run(plan));
        Plan back;
        back.startHeads = {QStringLiteral("b")};
        back.steps = {down(QStringLiteral("b"), QStringLiteral("a"))};
        s = executor.run(back, options);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, Error::Code::Refused);
        QCOMPARE(s.error().line, 11);
        QVERIFY(tables(path).contains(QStringLiteral("tb")));
        QCOMPARE(versionRows(path), QStringList{QStringLiteral("b")});
    }

    // The last guard: a transaction ended behind the executor's back (no static check saw it)
    // stops the step; no version row, no success row; the error says what was kept, by line.
    void brokenTransactionStopsAndSaysWhatWasKept_data()
    {
        QTest::addColumn<bool>("dryRun");
        QTest::newRow("run") << false;
        QTest::newRow("dry run") << true;
    }

    void brokenTransactionStopsAndSaysWhatWasKept()
    {
        QFETCH(bool, dryRun);
        const QString path = freshPath();
        CommittingDriver driver(path);
        Executor executor(driver, m_table, lookup());
        add(QStringLiteral("a"),
            QStringLiteral("CREATE TABLE ta (id INTEGER);\nCREATE TABLE tkept (id INTEGER);\n"
                           "CREATE TABLE tafter (id INTEGER);"),
            5, QStringLiteral("DROP TABLE ta;"), 9);
        RunOptions options;
        options.dryRun = dryRun;
        if (dryRun) // a dry run needs the database it would change
            VERIFY_OK(driver.open());
        const Status s = executor.run(firstSteps(1), options);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, Error::Code::TransactionBroken);
        QCOMPARE(s.error().file, QStringLiteral("/proj/versions/a_step.sql"));
        QCOMPARE(s.error().line, 6);
        const QString details = s.error().details.join(QLatin1Char('\n'));
        QVERIFY2(details.contains(QStringLiteral("/proj/versions/a_step.sql:5, "
                                                 "/proj/versions/a_step.sql:6")),
                 qPrintable(details));
        QVERIFY2(details.contains(QStringLiteral("did not run")), qPrintable(details));
        // What the hidden COMMIT kept is there, nothing after it, and no version row.
        const QStringList t = tables(path);
        QVERIFY2(t.contains(QStringLiteral("ta")) && t.contains(QStringLiteral("tkept")) &&
                     !t.contains(QStringLiteral("tafter")),
                 qPrintable(t.join(QLatin1Char(','))));
        QCOMPARE(versionRows(path), QStringList{});
        const QList<StoredHistory> h = history(path);
        if (dryRun) {
            QCOMPARE(h.size(), 0);
        } else {
            QCOMPARE(h.size(), 1);
            QCOMPARE(h[0].success, 0);
            QVERIFY2(h[0].error.contains(QStringLiteral("ended the transaction")),
                     qPrintable(h[0].error));
        }
    }

    // A failed dry run names the option the user gave, not --single-transaction.
    void failedDryRunNamesDryRun()
    {
        const QString path = freshPath();
        SqliteDriver driver(path);
        VERIFY_OK(driver.open());
        Executor executor(driver, m_table, lookup());
        add(QStringLiteral("a"), QStringLiteral("CREATE TABLE ta (id INTEGER);\nCREATE TABEL x;"),
            5, QStringLiteral("DROP TABLE ta;"), 9);
        RunOptions options;
        options.dryRun = true;
        const Status s = executor.run(firstSteps(1), options);
        QVERIFY(!s.ok());
        const QString details = s.error().details.join(QLatin1Char('\n'));
        QVERIFY2(details.contains(QStringLiteral("With --dry-run the whole run was rolled back")) &&
                     !details.contains(QStringLiteral("--single-transaction")),
                 qPrintable(details));
        QVERIFY(!tables(path).contains(QStringLiteral("ta")));
    }

    void cancelDuringTheLastStatementRollsTheStepBack()
    {
        const QString path = freshPath();
        SqliteDriver driver(path);
        Executor executor(driver, m_table, lookup());
        std::atomic<bool> cancel{false};
        RunOptions options;
        options.cancel = &cancel;
        // The flag rises while a's only statement runs: too late to interrupt it, in time to
        // keep its step from committing.
        options.progress = [&](const Progress &p) {
            if (p.step == 1 && p.statement == 1)
                cancel.store(true);
        };
        const Status s = executor.run(firstSteps(2), options);
        QVERIFY(!s.ok());
        QVERIFY2(s.error().message.contains(QStringLiteral("cancelled")) &&
                     s.error().message.contains(QStringLiteral("rolled back")),
                 qPrintable(s.error().message));
        QCOMPARE(s.error().file, QStringLiteral("/proj/versions/a_step.sql"));
        QVERIFY(!tables(path).contains(QStringLiteral("ta")));
        QVERIFY(versionRows(path).isEmpty());
        QCOMPARE(history(path).size(), 1);
        QCOMPARE(history(path).first().success, 0);
    }

    void cancelInterruptsALongStatement()
    {
        const QString path = freshPath();
        SqliteDriver driver(path);
        Executor executor(driver, m_table, lookup());
        m_migrations[QStringLiteral("a")].upgradeSql =
            QStringLiteral("CREATE TABLE ta (id INTEGER);\n"
                           "INSERT INTO ta WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
                           "FROM n WHERE i < 2000000000) SELECT i FROM n;");
        std::atomic<bool> cancel{false};
        RunOptions options;
        options.cancel = &cancel;
        std::thread canceller;
        options.progress = [&](const Progress &p) {
            if (p.statement == 2)
                canceller = std::thread([&] {
                    std::this_thread::sleep_for(std::chrono::milliseconds(200));
                    cancel.store(true);
                    driver.cancel();
                });
        };
        QElapsedTimer timer;
        timer.start();
        const Status s = executor.run(firstSteps(1), options);
        if (canceller.joinable())
            canceller.join();
        QVERIFY(timer.elapsed() < 20000);
        QVERIFY(!s.ok());
        QVERIFY2(s.error().message.contains(QStringLiteral("upgrade a cancelled")),
                 qPrintable(s.error().message));
        QCOMPARE(s.error().line, 6);
        QVERIFY(!tables(path).contains(QStringLiteral("ta")));
        QVERIFY(versionRows(path).isEmpty());
    }

    void offlineSqlEndsEveryStatement()
    {
        SqliteDriver driver(m_dir.path() + QStringLiteral("/never2.db"));
        Executor executor(driver, m_table, lookup());
        // A last statement without ';' that ends in a line comment, and a trigger.
        m_migrations[QStringLiteral("a")].upgradeSql = QStringLiteral(
            "CREATE TABLE ta (id INTEGER);\nCREATE TABLE log (m TEXT);\n"
            "CREATE TRIGGER tr AFTER INSERT ON ta BEGIN\n  INSERT INTO log VALUES ('x;');\nEND;\n"
            "INSERT INTO ta VALUES (1) -- the first row");
        auto sql = executor.offlineSql(firstSteps(1));
        QVERIFY(sql.ok());
        QVERIFY2(sql->contains(QStringLiteral("INSERT INTO ta VALUES (1) -- the first row\n;")),
                 qPrintable(*sql));
        QVERIFY(sql->contains(QStringLiteral("INSERT INTO log VALUES ('x;');\nEND;")));
        const QString scripted = freshPath();
        withDb(scripted, [&](QSqlDatabase &db) {
            for (const Statement &st : SqliteDriver::split(*sql, 1)) {
                QSqlQuery q(db);
                QVERIFY2(q.exec(st.text), qPrintable(st.text));
            }
        });
        QCOMPARE(column(scripted, QStringLiteral("SELECT m FROM log")),
                 QStringList{QStringLiteral("x;")});
        QCOMPARE(versionRows(scripted), QStringList{QStringLiteral("a")});

        // Merge and base wording, in Alembic's form.
        Plan merge;
        merge.startHeads = {QStringLiteral("a"), QStringLiteral("c")};
        PlanStep m = step(QStringLiteral("b"), Direction::Up,
                          {VersionChange::remove(QStringLiteral("c")),
                           VersionChange::update(QStringLiteral("a"), QStringLiteral("b"))},
                          {QStringLiteral("a"), QStringLiteral("c")}, {QStringLiteral("b")});
        merge.steps = {m};
        auto merged = executor.offlineSql(merge);
        QVERIFY(merged.ok());
        QVERIFY(merged->contains(QStringLiteral("-- Running upgrade a, c -> b\n")));
        QVERIFY(merged->contains(
            QStringLiteral("DELETE FROM strata_version WHERE strata_version.version_num = 'c';")));
        QVERIFY(merged->indexOf(QStringLiteral("DELETE FROM")) <
                merged->indexOf(QStringLiteral("UPDATE strata_version")));
        Plan downToBase;
        downToBase.startHeads = {QStringLiteral("a")};
        downToBase.steps = {down(QStringLiteral("a"), QString())};
        auto base = executor.offlineSql(downToBase);
        QVERIFY(base.ok());
        QVERIFY(base->contains(QStringLiteral("-- Running downgrade a -> \n")));
        QVERIFY(base->contains(QStringLiteral("DROP TABLE ta;")));
        QVERIFY(!driver.exists());
    }
};

QTEST_GUILESS_MAIN(TestExecutor)
#include "tst_executor.moc"
