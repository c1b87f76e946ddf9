// Plans, confirmations and runs belong to their profile: switching profiles clears what was
// chosen on the last one, a job's progress and Cancel show only under its own profile while
// the others stay usable, one confirmation at a time per profile, and planning can be cancelled.

#include "files.h"
#include "history/historymodel.h"
#include "jobs/confirmrundialog.h"
#include "mainwindow.h"
#include "migrator.h"
#include "pending/planmodel.h"
#include "profiles/profilestore.h"
#include "verify.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
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
        qputenv("STRATA_CONFIG_DIR", m_home.filePath(QStringLiteral("config")).toUtf8());
        qputenv("STRATA_AUDIT_LOG", m_home.filePath(QStringLiteral("audit.jsonl")).toUtf8());
        qputenv("STRATA_NO_KEYCHAIN", "1");
        qputenv("STRATA_LOG_DIR", m_home.filePath(QStringLiteral("logs")).toUtf8());
        qputenv("STRATA_BACKUP_DIR", m_home.filePath(QStringLiteral("backups")).toUtf8());
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("xdg-config")).toUtf8());
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("xdg-data")).toUtf8());
        QCoreApplication::setApplicationName(QStringLiteral("strata-test"));
        QCoreApplication::setOrganizationName(QStringLiteral("Strata"));

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
};

QTEST_MAIN(TestRunsController)
#include "tst_runscontroller.moc"
