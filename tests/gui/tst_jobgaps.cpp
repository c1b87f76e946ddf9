// Every profile's job is visible and accounted for: the profile list marks a profile whose job
// runs while another is selected, an action refused because a profile is busy says why (naming
// the profile and its job), the quit prompt lists every job of every profile and quitting
// cancels them and waits, and History's Graph column fits its header.

#include "appenvironment.h"
#include "backups/restoredialog.h"
#include "dialogs.h"
#include "files.h"
#include "history/historymodel.h"
#include "jobs/confirmrundialog.h"
#include "jobs/jobpanel.h"
#include "jobs/runscontroller.h"
#include "mainwindow.h"
#include "profiles/profiledock.h"
#include "profiles/profilestore.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

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

QString progressText(MainWindow &w)
{
    return w.findChild<QLabel *>(QStringLiteral("progressLabel"))->text();
}

// The profile list's State column for the profile, as shown (role: its text or tooltip).
QString shownState(MainWindow &w, const QString &profile, int role = Qt::DisplayRole)
{
    const QTreeWidget *tree = w.profileDock()->tree();
    for (int g = 0; g < tree->topLevelItemCount(); ++g) {
        const QTreeWidgetItem *group = tree->topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i) {
            if (group->child(i)->text(0) == profile)
                return group->child(i)->data(1, role).toString();
        }
    }
    return {};
}

// Another session holding the SQLite file's write lock: a plan waits behind it.
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

QStringList tables(const QString &file)
{
    QStringList names;
    const QString connection = QStringLiteral("tables-check");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(file);
        if (db.open()) {
            QSqlQuery q(db);
            q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'"));
            while (q.next())
                names << q.value(0).toString();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return names;
}

} // namespace

class TestJobGaps : public QObject
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

    // Starts the slow project's upgrade on `profile` (selected) and waits for its slow step.
    static void startSlowRun(MainWindow &w, const QString &profile)
    {
        w.selectProfile(profile);
        QTRY_VERIFY_WITH_TIMEOUT(action(w, "actionUpgradeHeads")->isEnabled(), 20000);
        test::whenDialogOpens<ConfirmRunDialog>([](ConfirmRunDialog *d) { test::clickOk(d); });
        action(w, "actionUpgradeHeads")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(progressText(w).contains(QStringLiteral("Step 2 of 2")), 20000);
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

    // Every kind of job has its words in the profile list, and the badge comes back after it.
    void everyKindOfJobIsNamedInTheProfileList()
    {
        QWidget panel;
        auto *label = new QLabel(&panel);
        auto *bar = new QProgressBar(&panel);
        auto *cancel = new QPushButton(&panel);
        JobPanel jobs(&panel, label, bar, cancel, [](const QString &) { return nullptr; });
        ProfileDock dock;
        Profile p = Profile::forEnvironment(QStringLiteral("Staging"));
        p.name = QStringLiteral("staging");
        dock.setProfiles({p});
        dock.setBadge(p.name, ProfileDock::Badge::UpToDate);
        connect(&jobs, &JobPanel::jobChanged, &dock,
                [&](const QString &name) { dock.setJob(name, jobs.summary(name)); });
        const QList<std::pair<JobPanel::Kind, QString>> kinds{
            {JobPanel::Kind::Planning, QStringLiteral("planning")},
            {JobPanel::Kind::Run, QStringLiteral("running")},
            {JobPanel::Kind::Backup, QStringLiteral("backing up")},
            {JobPanel::Kind::Restore, QStringLiteral("restoring")},
            {JobPanel::Kind::Trial, QStringLiteral("trying")}};
        for (const auto &[kind, words] : kinds) {
            jobs.begin(p.name, kind, 1, QStringLiteral("…"));
            QVERIFY2(dock.jobText(p.name).startsWith(words), qPrintable(dock.jobText(p.name)));
            QVERIFY2(jobs.refusal(p.name).contains(p.name) && jobs.refusal(p.name).contains(words),
                     qPrintable(jobs.refusal(p.name)));
            jobs.end(p.name);
            QVERIFY(dock.jobText(p.name).isEmpty());
            QCOMPARE(dock.badgeText(p.name), QStringLiteral("up to date"));
        }
        JobProgress progress;
        progress.step = 2;
        progress.stepCount = 5;
        progress.direction = Direction::Up;
        jobs.begin(p.name, JobPanel::Kind::Run, 1, QStringLiteral("…"), 5);
        jobs.setProgress(p.name, progress);
        QCOMPARE(dock.jobText(p.name), QStringLiteral("running: upgrade, step 2 of 5"));
        // The badge set meanwhile is kept for when the job ends.
        dock.setBadge(p.name, ProfileDock::Badge::Pending, 3);
        QCOMPARE(dock.jobText(p.name), QStringLiteral("running: upgrade, step 2 of 5"));
        jobs.end(p.name);
        QCOMPARE(dock.badgeText(p.name), QStringLiteral("3 pending"));
    }

    // Today's fault: staging's run showed nowhere while production was selected.
    void aJobOfAnotherProfileIsMarkedInTheProfileList()
    {
        MainWindow w;
        const Profile staging =
            sqliteProfile(QStringLiteral("staging"), QStringLiteral("Staging"), m_slow);
        const Profile dev =
            sqliteProfile(QStringLiteral("dev"), QStringLiteral("Development"), m_example);
        w.saveProfile(staging);
        w.saveProfile(dev);
        waitForSnapshot(w, staging.name);
        waitForSnapshot(w, dev.name);
        QSignalSpy finished(&w, &MainWindow::runFinished);
        startSlowRun(w, staging.name);

        w.selectProfile(dev.name);
        QVERIFY(!w.findChild<QWidget *>(QStringLiteral("progressPanel"))->isVisibleTo(&w));
        QCOMPARE(shownState(w, staging.name), QStringLiteral("running 2/2"));
        const QString tip = shownState(w, staging.name, Qt::ToolTipRole);
        QVERIFY2(tip.contains(QStringLiteral("running: upgrade, step 2 of 2")), qPrintable(tip));
        QVERIFY(w.profileDock()->jobText(staging.name).startsWith(QStringLiteral("running: ")));
        QVERIFY(w.profileDock()->jobText(dev.name).isEmpty());
        // STRATA_SCREENSHOT_DIR set: the profile list with staging's job, dev selected.
        if (const QString dir = qEnvironmentVariable("STRATA_SCREENSHOT_DIR"); !dir.isEmpty()) {
            w.resize(1024, 700);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            QTest::qWait(300);
            w.grab().save(QDir(dir).filePath(QStringLiteral("job-marked-in-profile-list.png")));
        }

        // Planning on dev shows there too, and ends with its plan.
        {
            HeldLock lock(dev.sqliteFile);
            QVERIFY(lock.held());
            action(w, "actionUpgradeHeads")->trigger();
            QVERIFY2(shownState(w, dev.name).startsWith(QStringLiteral("planning")),
                     qPrintable(shownState(w, dev.name)));
            w.jobPanel()->cancel(dev.name);
        }
        QTRY_VERIFY_WITH_TIMEOUT(w.profileDock()->jobText(dev.name).isEmpty(), 20000);

        // A plan previewed on staging meanwhile says why it is not made.
        QSignalSpy previewFailed(w.runsController(), &RunsController::previewFailed);
        PlanRequest preview;
        preview.kind = PlanRequest::Kind::Upgrade;
        preview.targets = {QStringLiteral("heads")};
        w.runsController()->preview(staging.name, preview);
        QCOMPARE(previewFailed.size(), 1);
        const QString why = previewFailed.first().at(2).value<Error>().message;
        QVERIFY2(why.contains(QStringLiteral("staging is busy (running: upgrade")),
                 qPrintable(why));

        w.jobPanel()->cancel(staging.name);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        QVERIFY(w.profileDock()->jobText(staging.name).isEmpty());
        QVERIFY(!shownState(w, staging.name).contains(QStringLiteral("running")));
    }

    // Today's fault: a second request while planning was dropped without a word.
    void aRequestRefusedWhileBusySaysWhy()
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
        QVERIFY(w.runsController()->isBusy(prod.name));
        QVERIFY(!w.runsController()->request(prod.name, PlanRequest::Kind::Stamp,
                                             QStringLiteral("heads")));
        const QString message = w.statusBar()->currentMessage();
        QVERIFY2(message.contains(QStringLiteral("prod is busy (planning")), qPrintable(message));
        // Stamp and the guided rollback say so before their dialogs, not after.
        int opened = 0;
        const auto closeAnyDialog = [&opened] {
            if (auto *d = qobject_cast<QDialog *>(QApplication::activeModalWidget())) {
                ++opened;
                d->reject();
            }
        };
        w.statusBar()->clearMessage();
        QTimer::singleShot(200, this, closeAnyDialog);
        w.runsController()->stamp(prod.name, {});
        QVERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("prod is busy")));
        w.statusBar()->clearMessage();
        QTimer::singleShot(200, this, closeAnyDialog);
        w.runsController()->rollbackWizard(prod.name);
        QVERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("prod is busy")));
        QTest::qWait(300);
        QCOMPARE(opened, 0);
        w.jobPanel()->cancel(prod.name);
        lock.release();
        QTRY_VERIFY_WITH_TIMEOUT(!w.runsController()->isBusy(prod.name), 20000);
    }

    // Today's fault: a restore into a profile that was planning or running was refused only
    // after its dialog closed, silently. The dialog says so and offers no Restore for it.
    void aRestoreIntoABusyProfileSaysSoBefore()
    {
        Profile dev =
            sqliteProfile(QStringLiteral("dev"), QStringLiteral("Development"), m_example);
        Profile test = sqliteProfile(QStringLiteral("test"), QStringLiteral("Test"), m_example);
        BackupInfo backup;
        backup.path = m_home.filePath(QStringLiteral("dev.sqlite.bak"));
        backup.engine = QStringLiteral("sqlite");
        RestoreDialog dialog(backup, {dev, test}, dev.name);
        QString busyJob = QStringLiteral("dev is busy (running: upgrade, step 2 of 5); try again "
                                         "when its job ends.");
        dialog.setBusyReason([&busyJob](const QString &name) {
            return name == QLatin1String("dev") ? busyJob : QString();
        });
        auto *box = dialog.findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"));
        auto *warning = dialog.findChild<QLabel *>(QStringLiteral("warningLabel"));
        QVERIFY(box && warning);
        QVERIFY(!box->button(QDialogButtonBox::Ok)->isEnabled());
        QVERIFY2(warning->text().contains(QStringLiteral("dev is busy (running: upgrade")),
                 qPrintable(warning->text()));
        // Another target that is idle can be chosen.
        auto *combo = dialog.findChild<QComboBox *>(QStringLiteral("targetCombo"));
        QVERIFY(combo);
        combo->setCurrentIndex(combo->findData(test.name));
        QVERIFY(!warning->text().contains(QStringLiteral("busy")));
        // The job ends while the dialog is open: refreshed, dev can take the restore.
        combo->setCurrentIndex(combo->findData(dev.name));
        busyJob.clear();
        dialog.refresh();
        QVERIFY(!warning->text().contains(QStringLiteral("busy")));
    }

    // Today's fault: the quit prompt counted runs, backups and restores only. It lists every
    // profile's job, and quitting cancels them all and waits for each to stop.
    void quittingListsEveryJobAndStopsThemAll()
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
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy finished(&w, &MainWindow::runFinished);
        startSlowRun(w, staging.name);

        w.selectProfile(prod.name);
        QTRY_VERIFY_WITH_TIMEOUT(action(w, "actionUpgradeHeads")->isEnabled(), 20000);
        HeldLock lock(prod.sqliteFile);
        QVERIFY(lock.held());
        action(w, "actionUpgradeHeads")->trigger(); // planning, behind the lock
        QVERIFY(w.jobPanel()->isBusy(prod.name));
        const QStringList jobs = w.runningJobs();
        QCOMPARE(jobs.size(), 2);
        QVERIFY2(jobs.at(0).startsWith(QStringLiteral("prod: planning")), qPrintable(jobs.at(0)));
        QVERIFY2(jobs.at(1).startsWith(QStringLiteral("staging: running: upgrade")),
                 qPrintable(jobs.at(1)));

        // "No": nothing is cancelled and the window stays.
        QString asked;
        test::whenDialogOpens<QMessageBox>([&asked](QMessageBox *box) {
            asked = box->text();
            box->button(QMessageBox::No)->click();
        });
        QVERIFY(!w.close());
        QVERIFY2(asked.contains(jobs.at(0)) && asked.contains(jobs.at(1)), qPrintable(asked));
        QVERIFY(w.isVisible());
        QVERIFY(w.jobPanel()->isBusy(staging.name) && !w.jobPanel()->isCancelling(staging.name));

        // "Yes": every job is cancelled, and the window closes once each has stopped.
        test::whenDialogOpens<QMessageBox>(
            [](QMessageBox *box) { box->button(QMessageBox::Yes)->click(); });
        QVERIFY(!w.close()); // it waits for the jobs
        QVERIFY(w.jobPanel()->isCancelling(staging.name));
        QVERIFY(w.jobPanel()->isCancelling(prod.name));
        lock.release();
        QTRY_VERIFY_WITH_TIMEOUT(!w.isVisible(), 30000);
        QVERIFY(!w.isRunning());
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(1).toBool(), false);
        // The slow step was rolled back: nothing half-done.
        QVERIFY(!tables(staging.sqliteFile).contains(QStringLiteral("u")));
    }

    // Today's fault: the Graph column's header was cut to "Grap" at the default size.
    void historyGraphColumnFitsItsHeader()
    {
        MainWindow w;
        const Profile dev =
            sqliteProfile(QStringLiteral("dev"), QStringLiteral("Development"), m_example);
        w.saveProfile(dev);
        waitForSnapshot(w, dev.name);
        w.selectProfile(dev.name);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto *view = w.findChild<QTableView *>(QStringLiteral("historyView"));
        QHeaderView *header = view->horizontalHeader();
        const int needed = header->sectionSizeHint(HistoryModel::Graph);
        QVERIFY2(
            view->columnWidth(HistoryModel::Graph) >= needed,
            qPrintable(
                QStringLiteral("%1 < %2").arg(view->columnWidth(HistoryModel::Graph)).arg(needed)));
        const int text = header->fontMetrics().horizontalAdvance(
            view->model()->headerData(HistoryModel::Graph, Qt::Horizontal).toString());
        QVERIFY(view->columnWidth(HistoryModel::Graph) > text);
    }
};

QTEST_MAIN(TestJobGaps)
#include "tst_jobgaps.moc"
