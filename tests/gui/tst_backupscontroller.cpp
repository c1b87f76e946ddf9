// The Backups tab as its own controller: each profile's backups, Back Up Now, and a restore
// into another profile, which is that profile's job (its progress shown under it, not under
// the profile whose tab started it).

#include "appenvironment.h"
#include "backups/backupmodel.h"
#include "backups/restoredialog.h"
#include "database.h"
#include "dialogs.h"
#include "files.h"
#include "jobs/jobpanel.h"
#include "mainwindow.h"
#include "migrator.h"
#include "profiles/profilestore.h"
#include "verify.h"

#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using namespace strata::gui;

class TestBackupsController : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;
    QString m_example;
    int m_databases = 0;

    Profile sqliteProfile(const QString &name, const QString &environment)
    {
        Profile p = Profile::forEnvironment(environment);
        p.name = name;
        p.sqliteFile = m_home.filePath(QStringLiteral("db%1.sqlite").arg(++m_databases));
        p.projectDir = m_example;
        return p;
    }

    static QStringList current(const Profile &p)
    {
        return test::currentRows(p.projectDir, p.url());
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
    }

    void cleanup() { QFile::remove(ProfileStore::defaultFilePath()); }

    void eachProfileHasItsBackupsAndARestoreIsTheTargetsJob()
    {
        MainWindow w;
        const Profile staging = sqliteProfile(QStringLiteral("staging"), QStringLiteral("Staging"));
        const Profile dev = sqliteProfile(QStringLiteral("dev"), QStringLiteral("Development"));
        VERIFY_OK(upgradeDatabase(m_example, staging.url(), QStringLiteral("heads")));
        w.saveProfile(staging);
        w.saveProfile(dev);
        w.selectProfile(staging.name);
        QTRY_VERIFY_WITH_TIMEOUT(w.snapshot(staging.name) && w.snapshot(dev.name), 20000);
        auto *tabs = w.findChild<QTabWidget *>(QStringLiteral("tabs"));
        tabs->setCurrentWidget(w.findChild<QWidget *>(QStringLiteral("backupsTab")));
        auto *backupNow = w.findChild<QPushButton *>(QStringLiteral("backupNowButton"));
        QTRY_VERIFY_WITH_TIMEOUT(backupNow->isEnabled(), 20000);

        backupNow->click();
        QVERIFY(w.jobPanel()->kind(staging.name) == JobPanel::Kind::Backup);
        QTRY_COMPARE_WITH_TIMEOUT(w.backupModel()->rowCount(), 1, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!w.jobPanel()->isBusy(staging.name), 20000);
        QVERIFY(w.findChild<QLabel *>(QStringLiteral("backupStatus"))
                    ->text()
                    .contains(QStringLiteral("Backed up")));

        // Dev's tab lists dev's backups: none.
        w.selectProfile(dev.name);
        QCOMPARE(w.backupModel()->rowCount(), 0);
        w.selectProfile(staging.name);
        QCOMPARE(w.backupModel()->rowCount(), 1);

        // Restore staging's backup into dev: dev's job, shown under dev only.
        auto *view = w.findChild<QTableView *>(QStringLiteral("backupsView"));
        view->setCurrentIndex(w.backupModel()->index(0, 0));
        test::whenDialogOpens<RestoreDialog>([&dev](RestoreDialog *d) {
            auto *combo = d->findChild<QComboBox *>(QStringLiteral("targetCombo"));
            const int at = combo->findText(dev.name, Qt::MatchStartsWith);
            QVERIFY(at >= 0);
            combo->setCurrentIndex(at);
            QCOMPARE(d->target(), dev.name);
            test::clickOk(d);
        });
        w.findChild<QPushButton *>(QStringLiteral("restoreBackupButton"))->click();
        QCOMPARE(w.jobPanel()->kind(dev.name), JobPanel::Kind::Restore);
        QVERIFY(!w.jobPanel()->isBusy(staging.name));
        QVERIFY(!w.findChild<QWidget *>(QStringLiteral("progressPanel"))->isVisibleTo(&w));
        QVERIFY(backupNow->isEnabled()); // staging stays usable
        QTRY_VERIFY_WITH_TIMEOUT(!w.jobPanel()->isBusy(dev.name), 20000);
        QCOMPARE(current(dev), current(staging));
        QTRY_COMPARE_WITH_TIMEOUT(w.snapshot(dev.name)->current, current(staging), 20000);
    }
};

QTEST_MAIN(TestBackupsController)
#include "tst_backupscontroller.moc"
