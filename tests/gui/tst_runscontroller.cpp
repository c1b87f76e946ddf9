// Plans, confirmations and runs belong to their profile: switching profiles clears what was
// chosen on the last one, a job's progress and Cancel show only under its own profile while
// the others stay usable, one confirmation at a time per profile, and planning can be cancelled.

#include "appenvironment.h"
#include "dialogs.h"
#include "files.h"
#include "history/historymodel.h"
#include "jobs/confirmrundialog.h"
#include "jobs/jobpanel.h"
#include "jobs/runscontroller.h"
#include "mainwindow.h"
#include "migrator.h"
#include "pending/planmodel.h"
#include "pgserver.h"
#include "profiles/profilestore.h"
#include "verify.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using namespace strata::gui;

namespace {

QAction *action(MainWindow &w, const char *name)
{
    auto *found = w.findChild<QAction *>(QLatin1String(name));
    if (!found)
        qFatal("no action %s", name);
    return found;
}

QWidget *child(MainWindow &w, const char *name)
{
    auto *found = w.findChild<QWidget *>(QLatin1String(name));
    if (!found)
        qFatal("no widget %s", name);
    return found;
}

QString progressText(MainWindow &w)
{
    return w.findChild<QLabel *>(QStringLiteral("progressLabel"))->text();
}

int confirmations(MainWindow &w)
{
    return int(w.findChildren<ConfirmRunDialog *>().size());
}

// Another session holding the SQLite file's write lock, as a long job elsewhere would: readers
// wait behind it (up to the driver's busy timeout).
class HeldLock
{
public:
    explicit HeldLock(const QString &file) : m_name(QStringLiteral("held-%1").arg(quintptr(this)))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(file);
        m_held = db.open() && QSqlQuery(db).exec(QStringLiteral("BEGIN EXCLUSIVE"));
    }
    ~HeldLock() { release(); }
    bool held() const { return m_held; }
    void release()
    {
        if (!QSqlDatabase::contains(m_name))
            return;
        {
            QSqlDatabase db = QSqlDatabase::database(m_name);
            if (m_held)
                QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
        m_held = false;
    }

private:
    QString m_name;
    bool m_held = false;
};

} // namespace

class TestRunsController : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;
    QString m_example; // a copy of the example project
    QString m_slow;    // aaaa is quick, bbbb counts for minutes unless cancelled
    int m_databases = 0;

    Profile sqliteProfile(const QString &name, const QString &environment, const QString &project)
    {
        Profile p = Profile::forEnvironment(environment);
        p.name = name;
        p.sqliteFile = m_home.filePath(QStringLiteral("db%1.sqlite").arg(++m_databases));
        p.projectDir = project;
        return p;
    }

    static void waitForSnapshot(MainWindow &w, const QString &name)
    {
        QTRY_VERIFY_WITH_TIMEOUT(w.snapshot(name) != nullptr, 20000);
    }

    static void selectRevision(MainWindow &w, const QString &revision)
    {
        auto *view = w.findChild<QTableView *>(QStringLiteral("historyView"));
        const auto *model = view->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, HistoryModel::Revision);
            if (index.data().toString() == revision) {
                view->setCurrentIndex(index);
                return;
            }
        }
        QFAIL(qPrintable(QStringLiteral("revision %1 not in History").arg(revision)));
    }

    static QString selectedRevision(MainWindow &w)
    {
        auto *view = w.findChild<QTableView *>(QStringLiteral("historyView"));
        const QModelIndex index = view->currentIndex();
        return index.isValid() ? index.siblingAtColumn(HistoryModel::Revision).data().toString()
                               : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        test::isolateApp(m_home.path());

        m_example = m_home.filePath(QStringLiteral("example"));
        const QDir source(QStringLiteral(STRATA_SOURCE_DIR "/migrations"));
        QVERIFY(test::writeFile(m_example + QStringLiteral("/strata.ini"),
                                test::readFile(source.filePath(QStringLiteral("strata.ini")))));
        for (const QString &f :
             QDir(source.filePath(QStringLiteral("versions"))).entryList(QDir::Files))
            QVERIFY(
                test::writeFile(m_example + QStringLiteral("/versions/") + f,
                                test::readFile(source.filePath(QStringLiteral("versions/") + f))));

        m_slow = m_home.filePath(QStringLiteral("slow"));
        QVERIFY(test::writeFile(m_slow + QStringLiteral("/strata.ini"),
                                "[strata]\nversions = versions\n"));
        QVERIFY(test::writeFile(
            m_slow + QStringLiteral("/versions/aaaa_first.sql"),
            "-- revision: aaaa\n-- down_revision:\n-- message: first\n\n"
            "-- +upgrade\nCREATE TABLE t (x INTEGER);\n\n-- +downgrade\nDROP TABLE t;\n"));
        QVERIFY(test::writeFile(
            m_slow + QStringLiteral("/versions/bbbb_slow.sql"),
            "-- revision: bbbb\n-- down_revision: aaaa\n-- message: slow backfill\n\n"
            "-- +upgrade\nCREATE TABLE u (x INTEGER);\n"
            "INSERT INTO u SELECT count(*) FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL "
            "SELECT x + 1 FROM c WHERE x < 2000000000) SELECT x FROM c);\n\n"
            "-- +downgrade\nDROP TABLE u;\n"));
    }

    void cleanup() { QFile::remove(ProfileStore::defaultFilePath()); }

    // Today's fault: a revision selected on dev, then production clicked, and Downgrade armed
    // a ten-step production downgrade.
    void switchingProfilesClearsTheSelectionAndThePlan()
    {
        MainWindow w;
        const Profile dev =
            sqliteProfile(QStringLiteral("dev"), QStringLiteral("Development"), m_example);
        const Profile prod =
            sqliteProfile(QStringLiteral("prod"), QStringLiteral("Production"), m_example);
        VERIFY_OK(upgradeDatabase(m_example, dev.url(), QStringLiteral("heads")));
        VERIFY_OK(upgradeDatabase(m_example, prod.url(), QStringLiteral("heads")));
        w.saveProfile(dev);
        w.saveProfile(prod);
        w.selectProfile(dev.name);
        waitForSnapshot(w, dev.name);
        waitForSnapshot(w, prod.name);
        QTRY_COMPARE_WITH_TIMEOUT(w.historyModel()->rowCount(), 11, 20000);

        selectRevision(w, QStringLiteral("1a0c3e5b7d01"));
        QVERIFY(action(w, "actionDowngradeSelected")->isEnabled());
        // A double-click plans towards the revision in the Pending tab.
        QSignalSpy previews(&w, &MainWindow::previewUpdated);
        auto *view = w.findChild<QTableView *>(QStringLiteral("historyView"));
        Q_EMIT view->doubleClicked(view->currentIndex());
        QTRY_COMPARE_WITH_TIMEOUT(w.planModel()->rowCount(), 10, 20000);

        w.selectProfile(prod.name);
        QCOMPARE(selectedRevision(w), QString());
        QVERIFY(!action(w, "actionDowngradeSelected")->isEnabled());
        QVERIFY(!action(w, "actionUpgradeSelected")->isEnabled());
        action(w, "actionDowngradeSelected")->trigger();
        QTest::qWait(200);
        QVERIFY(!w.findChild<ConfirmRunDialog *>());
        // Production's Pending tab plans towards its heads, not dev's chosen revision.
        QTRY_VERIFY_WITH_TIMEOUT(!previews.isEmpty() && previews.last().at(0) == prod.name, 20000);
        QCOMPARE(w.planModel()->rowCount(), 0);

        // Back on dev: nothing is still chosen there either.
        w.selectProfile(dev.name);
        QCOMPARE(selectedRevision(w), QString());
        QVERIFY(!action(w, "actionDowngradeSelected")->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(previews.last().at(0) == dev.name, 20000);
        QCOMPARE(w.planModel()->rowCount(), 0);
    }

    // Today's fault: staging's run showed its progress and Cancel under production's banner, and
    // the whole toolbar was off for every profile.
    void aJobsProgressShowsOnlyUnderItsOwnProfile()
    {
        MainWindow w;
        const Profile staging =
            sqliteProfile(QStringLiteral("staging"), QStringLiteral("Staging"), m_slow);
        const Profile prod =
            sqliteProfile(QStringLiteral("prod"), QStringLiteral("Production"), m_example);
        w.saveProfile(staging);
        w.saveProfile(prod);
        waitForSnapshot(w, staging.name);
        waitForSnapshot(w, prod.name);
        w.selectProfile(staging.name);

        QSignalSpy finished(&w, &MainWindow::runFinished);
        test::whenDialogOpens<ConfirmRunDialog>([](ConfirmRunDialog *d) { test::clickOk(d); });
        action(w, "actionUpgradeHeads")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(progressText(w).contains(QStringLiteral("Step 2 of 2")), 20000);
        QWidget *panel = child(w, "progressPanel");
        QWidget *cancel = child(w, "cancelButton");
        QVERIFY(panel->isVisibleTo(&w) && cancel->isEnabled());
        QVERIFY(!action(w, "actionUpgradeHeads")->isEnabled()); // staging's own job holds it

        // Production: none of staging's progress, and its own actions usable.
        w.selectProfile(prod.name);
        QVERIFY(!panel->isVisibleTo(&w));
        QVERIFY(!cancel->isVisibleTo(&w));
        QVERIFY(!w.jobPanel()->isBusy(prod.name));
        QVERIFY(action(w, "actionUpgradeHeads")->isEnabled());
        QVERIFY(action(w, "actionStamp")->isEnabled());
        QVERIFY(action(w, "actionEditProfile")->isEnabled());
        QVERIFY(action(w, "actionGenerateSql")->isEnabled());
        QVERIFY(action(w, "actionRefresh")->isEnabled());
        // STRATA_SCREENSHOT_DIR set: production selected while staging runs, as a PNG there.
        if (const QString dir = qEnvironmentVariable("STRATA_SCREENSHOT_DIR"); !dir.isEmpty()) {
            w.resize(1280, 800);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            QTest::qWait(300);
            w.grab().save(
                QDir(dir).filePath(QStringLiteral("run-on-staging-production-selected.png")));
            w.selectProfile(staging.name);
            QTest::qWait(300);
            w.grab().save(
                QDir(dir).filePath(QStringLiteral("run-on-staging-staging-selected.png")));
            w.selectProfile(prod.name);
        }
        // ... and it runs while staging's job goes on, with its own progress.
        QVERIFY(prod.isProtected);
        test::whenDialogOpens<ConfirmRunDialog>([&prod](ConfirmRunDialog *d) {
            d->findChild<QLineEdit *>(QStringLiteral("typedEdit"))->setText(prod.databaseName());
            test::clickOk(d);
        });
        action(w, "actionUpgradeHeads")->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        QCOMPARE(finished.first().at(0).toString(), prod.name);
        QVERIFY(finished.first().at(1).toBool());
        QVERIFY(!panel->isVisibleTo(&w));
        QTRY_VERIFY_WITH_TIMEOUT(w.snapshot(prod.name)->pending.isEmpty(), 20000);
        QVERIFY(w.jobPanel()->isBusy(staging.name));

        // Back on staging: its own job, still running, with its Cancel.
        w.selectProfile(staging.name);
        QVERIFY(panel->isVisibleTo(&w));
        QVERIFY2(progressText(w).contains(QStringLiteral("Step 2 of 2")),
                 qPrintable(progressText(w)));
        QVERIFY(cancel->isEnabled());
        static_cast<QPushButton *>(cancel)->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 20000);
        QCOMPARE(finished.last().at(0).toString(), staging.name);
        QCOMPARE(finished.last().at(1).toBool(), false);
        QVERIFY(!panel->isVisibleTo(&w));
        QTRY_VERIFY_WITH_TIMEOUT(action(w, "actionUpgradeHeads")->isEnabled(), 20000);
    }

    // Today's fault: a second Upgrade click while the plan waited behind a held lock queued a
    // second production confirmation.
    void aSecondClickWhilePlanningOpensNoSecondConfirmation()
    {
        MainWindow w;
        const Profile prod =
            sqliteProfile(QStringLiteral("prod"), QStringLiteral("Production"), m_example);
        w.saveProfile(prod);
        waitForSnapshot(w, prod.name);
        QTRY_VERIFY_WITH_TIMEOUT(action(w, "actionUpgradeHeads")->isEnabled(), 20000);

        HeldLock lock(prod.sqliteFile);
        QVERIFY(lock.held());
        action(w, "actionUpgradeHeads")->trigger();
        // Planning shows itself under the profile, with a Cancel, and holds the run actions.
        QVERIFY(child(w, "progressPanel")->isVisibleTo(&w));
        QVERIFY2(progressText(w).contains(QStringLiteral("Planning")), qPrintable(progressText(w)));
        QVERIFY(child(w, "cancelButton")->isEnabled());
        QVERIFY(w.runsController()->isBusy(prod.name));
        QVERIFY(!action(w, "actionUpgradeHeads")->isEnabled());
        // A second click (a shortcut gets past a disabled button) asks for nothing.
        QVERIFY(!w.runsController()->request(prod.name, PlanRequest::Kind::Upgrade,
                                             QStringLiteral("heads")));
        action(w, "actionUpgradeHeads")->trigger();
        lock.release();

        QTRY_COMPARE_WITH_TIMEOUT(confirmations(w), 1, 20000);
        QVERIFY(!child(w, "progressPanel")->isVisibleTo(&w));
        // While it is open, asking again raises the same one.
        QVERIFY(!w.runsController()->request(prod.name, PlanRequest::Kind::Upgrade,
                                             QStringLiteral("heads")));
        QCOMPARE(confirmations(w), 1);
        ConfirmRunDialog *open = w.runsController()->confirmation(prod.name);
        QVERIFY(open && open->isVisible());
        open->reject();
        QTRY_COMPARE_WITH_TIMEOUT(confirmations(w), 0, 20000);
        QVERIFY(!w.runsController()->isBusy(prod.name));
        QTest::qWait(300); // nothing queued behind it opens now
        QCOMPARE(confirmations(w), 0);
        QVERIFY(action(w, "actionUpgradeHeads")->isEnabled());
    }

    void planningCanBeCancelled()
    {
        MainWindow w;
        const Profile prod =
            sqliteProfile(QStringLiteral("prod"), QStringLiteral("Production"), m_example);
        w.saveProfile(prod);
        waitForSnapshot(w, prod.name);
        QTRY_VERIFY_WITH_TIMEOUT(action(w, "actionUpgradeHeads")->isEnabled(), 20000);

        HeldLock lock(prod.sqliteFile);
        QVERIFY(lock.held());
        action(w, "actionUpgradeHeads")->trigger();
        auto *cancel = static_cast<QPushButton *>(child(w, "cancelButton"));
        QVERIFY(cancel->isVisibleTo(&w) && cancel->isEnabled());
        cancel->click();
        QVERIFY(!cancel->isEnabled()); // "Cancelling…" until the worker answers
        lock.release();
        QTRY_VERIFY_WITH_TIMEOUT(!w.runsController()->isBusy(prod.name), 20000);
        QVERIFY(!child(w, "progressPanel")->isVisibleTo(&w));
        QCOMPARE(confirmations(w), 0);
        QVERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("cancelled")));
        QVERIFY(action(w, "actionUpgradeHeads")->isEnabled());
    }

    // Leaving a profile while its plan for a run is being made cancels that plan: no
    // confirmation of the last profile pops up over the next one.
    void switchingProfilesCancelsAPlanBeingMade()
    {
        MainWindow w;
        const Profile dev =
            sqliteProfile(QStringLiteral("dev"), QStringLiteral("Development"), m_example);
        const Profile prod =
            sqliteProfile(QStringLiteral("prod"), QStringLiteral("Production"), m_example);
        w.saveProfile(dev);
        w.saveProfile(prod);
        waitForSnapshot(w, dev.name);
        waitForSnapshot(w, prod.name);
        w.selectProfile(dev.name);
        QTRY_VERIFY_WITH_TIMEOUT(action(w, "actionUpgradeHeads")->isEnabled(), 20000);

        HeldLock lock(dev.sqliteFile);
        QVERIFY(lock.held());
        action(w, "actionUpgradeHeads")->trigger();
        QVERIFY(w.runsController()->isBusy(dev.name));
        w.selectProfile(prod.name);
        QVERIFY(!child(w, "progressPanel")->isVisibleTo(&w));
        lock.release();
        QTRY_VERIFY_WITH_TIMEOUT(!w.runsController()->isBusy(dev.name), 20000);
        QTest::qWait(300);
        QCOMPARE(confirmations(w), 0);
    }

    // The issue's own example: production's plan waits behind a lock another session holds on
    // the version table. A second click asks for nothing; Cancel interrupts the waiting query
    // (not only a queued job) while the lock is still held.
    void planningBehindAHeldPostgresLockCanBeCancelled()
    {
        QString why;
        auto server = test::PgServer::start(&why);
        QVERIFY2(server, qPrintable(why));
        QVERIFY(server->psql(QStringLiteral("CREATE DATABASE gui_planning")));
        VERIFY_OK(upgradeDatabase(m_example, server->conninfo(QStringLiteral("gui_planning")),
                                  QStringLiteral("5e4a7c9f1b05")));

        MainWindow w;
        Profile prod = Profile::forEnvironment(QStringLiteral("Production"));
        prod.name = QStringLiteral("prod pg");
        prod.engine = Profile::Engine::Postgres;
        prod.host = server->socketDir(); // over TCP the server wants a password
        prod.port = server->port();
        prod.database = QStringLiteral("gui_planning");
        prod.user = QStringLiteral("postgres");
        prod.projectDir = m_example;
        QSignalSpy previews(&w, &MainWindow::previewUpdated);
        w.saveProfile(prod);
        QTRY_VERIFY_WITH_TIMEOUT(w.snapshot(prod.name) && w.snapshot(prod.name)->reachable, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!previews.isEmpty(), 20000); // the worker is idle again
        QTRY_VERIFY_WITH_TIMEOUT(action(w, "actionUpgradeHeads")->isEnabled(), 20000);

        const QString lockName = QStringLiteral("held-pg-lock");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), lockName);
            db.setHostName(server->socketDir());
            db.setPort(server->port());
            db.setDatabaseName(QStringLiteral("gui_planning"));
            db.setUserName(QStringLiteral("postgres"));
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            QVERIFY(db.transaction());
            QSqlQuery lock(db);
            QVERIFY2(
                lock.exec(QStringLiteral("LOCK TABLE strata_version IN ACCESS EXCLUSIVE MODE")),
                qPrintable(lock.lastError().text()));
        }

        action(w, "actionUpgradeHeads")->trigger();
        QVERIFY2(progressText(w).contains(QStringLiteral("Planning")), qPrintable(progressText(w)));
        action(w, "actionUpgradeHeads")->trigger();
        QVERIFY(!w.runsController()->request(prod.name, PlanRequest::Kind::Upgrade,
                                             QStringLiteral("heads")));
        // The plan's query waits on the lock.
        auto waiting = [&server] {
            QString out;
            server->psql(QStringLiteral("SELECT 'waiting:' || count(*) FROM pg_stat_activity "
                                        "WHERE datname = 'gui_planning' AND wait_event_type = "
                                        "'Lock'"),
                         &out);
            return out.contains(QStringLiteral("waiting:1"));
        };
        QTRY_VERIFY_WITH_TIMEOUT(waiting(), 20000);
        QVERIFY(w.runsController()->isBusy(prod.name));
        QCOMPARE(confirmations(w), 0);

        auto *cancel = static_cast<QPushButton *>(child(w, "cancelButton"));
        cancel->click();
        // Answered while the lock is still held: the waiting query was interrupted.
        QTRY_VERIFY_WITH_TIMEOUT(!w.runsController()->isBusy(prod.name), 20000);
        QCOMPARE(confirmations(w), 0);
        QVERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("cancelled")));
        {
            QSqlDatabase db = QSqlDatabase::database(lockName);
            db.rollback();
            db.close();
        }
        QSqlDatabase::removeDatabase(lockName);
        QTest::qWait(300);
        QCOMPARE(confirmations(w), 0);
        QTRY_VERIFY_WITH_TIMEOUT(action(w, "actionUpgradeHeads")->isEnabled(), 20000);
    }
};

QTEST_MAIN(TestRunsController)
#include "tst_runscontroller.moc"
