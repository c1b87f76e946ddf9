// One profile's worker and its queue: each job has its own cancel token, so a Cancel pressed
// while a job waits behind another is honoured when it starts and never stops the job before.

#include "database.h"
#include "jobs/jobcontroller.h"
#include "migrator.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using namespace strata::gui;

class TestJobController : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;
    QString m_slow; // aaaa is quick, bbbb counts for minutes unless cancelled
    int m_databases = 0;

    MigratorOptions freshOptions()
    {
        MigratorOptions options;
        options.projectDir = m_slow;
        options.url = QStringLiteral("sqlite:///") +
                      m_home.filePath(QStringLiteral("db%1.sqlite").arg(++m_databases));
        return options;
    }

    static QStringList current(const MigratorOptions &options)
    {
        return test::currentRows(options.projectDir, options.url);
    }

    // Plans an upgrade to the heads in the controller's worker.
    static Plan plan(JobController &c)
    {
        QSignalSpy ready(c.worker(), &MigrationWorker::planReady);
        PlanRequest r;
        r.targets = {QStringLiteral("heads")};
        r.purpose = PlanRequest::Purpose::Run;
        c.preparePlan(r);
        if (!ready.wait(20000))
            return {};
        return ready.first().at(1).value<Plan>();
    }

    static RunContext context(const QString &profile)
    {
        RunContext c;
        c.profile = profile;
        return c;
    }

    static PlanRequest upgrade()
    {
        PlanRequest r;
        r.targets = {QStringLiteral("heads")};
        r.purpose = PlanRequest::Purpose::Run;
        return r;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("STRATA_AUDIT_LOG", m_home.filePath(QStringLiteral("audit.jsonl")).toUtf8());
        qputenv("STRATA_BACKUP_DIR", m_home.filePath(QStringLiteral("backups")).toUtf8());
        m_slow = m_home.filePath(QStringLiteral("slow"));
        QVERIFY(QDir().mkpath(m_slow + QStringLiteral("/versions")));
        auto write = [](const QString &path, const QByteArray &text) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text);
        };
        write(m_slow + QStringLiteral("/strata.ini"), "[strata]\nversions = versions\n");
        write(m_slow + QStringLiteral("/versions/aaaa_first.sql"),
              "-- revision: aaaa\n-- down_revision:\n-- message: first\n\n"
              "-- +upgrade\nCREATE TABLE t (x INTEGER);\n\n-- +downgrade\nDROP TABLE t;\n");
        write(m_slow + QStringLiteral("/versions/bbbb_slow.sql"),
              "-- revision: bbbb\n-- down_revision: aaaa\n-- message: slow backfill\n\n"
              "-- +upgrade\nCREATE TABLE u (x INTEGER);\n"
              "INSERT INTO u SELECT count(*) FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL "
              "SELECT x + 1 FROM c WHERE x < 2000000000) SELECT x FROM c);\n\n"
              "-- +downgrade\nDROP TABLE u;\n");
    }

    void cancelOfAQueuedRunIsHonouredAndSparesTheRunningOne()
    {
        const MigratorOptions options = freshOptions();
        JobController c(options, QStringLiteral("queued"));
        const Plan planned = plan(c);
        QCOMPARE(planned.steps.size(), 2);

        QSignalSpy progress(c.worker(), &MigrationWorker::progress);
        QSignalSpy finished(c.worker(), &MigrationWorker::runFinished);
        const auto first = c.runPlan(upgrade(), planned, context(QStringLiteral("queued")));
        const auto second = c.runPlan(upgrade(), planned, context(QStringLiteral("queued")));
        QVERIFY(first != second);
        QVERIFY(c.isRunning());
        // The first run is in its slow step when the second one's Cancel comes.
        QTRY_VERIFY_WITH_TIMEOUT(
            !progress.isEmpty() && progress.last().at(0).value<JobProgress>().step == 2, 20000);
        QVERIFY(c.isPending(second));
        c.cancel(second);
        QTest::qWait(300);
        QVERIFY2(finished.isEmpty(), "the queued job's cancel stopped the running one");

        c.cancel(first);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 20000);
        const auto a = finished.at(0).at(0).value<JobResult>();
        const auto b = finished.at(1).at(0).value<JobResult>();
        QVERIFY(a.cancelled);
        QCOMPARE(a.error.code, Error::Code::Cancelled);
        QCOMPARE(a.toRevisions, QStringList{QStringLiteral("aaaa")});
        // The second never touched the database.
        QVERIFY(b.cancelled);
        QCOMPARE(b.error.code, Error::Code::Cancelled);
        QCOMPARE(b.stepsRun, 0);
        QTRY_VERIFY_WITH_TIMEOUT(!c.isRunning(), 20000);
        QVERIFY(!c.isPending(second));
        QCOMPARE(current(options), QStringList{QStringLiteral("aaaa")});
    }

    void cancelOfAQueuedPlanAnswersCancelled()
    {
        const MigratorOptions options = freshOptions();
        JobController c(options, QStringLiteral("planning"));
        const Plan planned = plan(c);
        QSignalSpy progress(c.worker(), &MigrationWorker::progress);
        QSignalSpy finished(c.worker(), &MigrationWorker::runFinished);
        QSignalSpy failed(c.worker(), &MigrationWorker::planFailed);
        QSignalSpy ready(c.worker(), &MigrationWorker::planReady);
        const auto run = c.runPlan(upgrade(), planned, context(QStringLiteral("planning")));
        QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty(), 20000);
        const auto planning = c.preparePlan(upgrade());
        c.cancel(planning);
        c.cancel(run);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 20000);
        QCOMPARE(failed.first().at(1).value<Error>().code, Error::Code::Cancelled);
        QVERIFY(ready.isEmpty());
        QCOMPARE(finished.size(), 1);
        QVERIFY(finished.first().at(0).value<JobResult>().cancelled);
    }

    void cancelWithoutAnIdStopsRunsButNotRefreshes()
    {
        const MigratorOptions options = freshOptions();
        JobController c(options, QStringLiteral("all"));
        const Plan planned = plan(c);
        QSignalSpy progress(c.worker(), &MigrationWorker::progress);
        QSignalSpy finished(c.worker(), &MigrationWorker::runFinished);
        QSignalSpy snapshots(c.worker(), &MigrationWorker::snapshotReady);
        c.runPlan(upgrade(), planned, context(QStringLiteral("all")));
        QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty(), 20000);
        c.refresh();
        c.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        QVERIFY(finished.first().at(0).value<JobResult>().cancelled);
        // The run's own snapshot, then the refresh's: read, not cancelled.
        QTRY_COMPARE_WITH_TIMEOUT(snapshots.size(), 2, 20000);
        QVERIFY(snapshots.last().at(0).value<SnapshotPtr>()->reachable);
    }
};

QTEST_GUILESS_MAIN(TestJobController)
#include "tst_jobcontroller.moc"
