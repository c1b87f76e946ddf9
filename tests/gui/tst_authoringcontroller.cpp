// Authoring as its own controller: Try it is the profile's job (its progress and Cancel shown
// under that profile only, its run actions held meanwhile), and a Cancel stops it with nothing
// kept.

#include "appenvironment.h"
#include "authoring/editorarea.h"
#include "authoring/migrationeditor.h"
#include "database.h"
#include "files.h"
#include "jobs/jobpanel.h"
#include "mainwindow.h"
#include "migrator.h"
#include "profiles/profilestore.h"
#include "verify.h"

#include <QAction>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using namespace strata::gui;

class TestAuthoringController : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;
    QString m_slow; // aaaa is quick, bbbb counts for minutes unless cancelled
    int m_databases = 0;

    Profile sqliteProfile(const QString &name)
    {
        Profile p = Profile::forEnvironment(QStringLiteral("Development"));
        p.name = name;
        p.sqliteFile = m_home.filePath(QStringLiteral("db%1.sqlite").arg(++m_databases));
        p.projectDir = m_slow;
        return p;
    }

    static QStringList current(const Profile &p)
    {
        return test::currentRows(p.projectDir, p.url());
    }

    static QAction *action(MainWindow &w, const char *name)
    {
        return w.findChild<QAction *>(QLatin1String(name));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        test::isolateApp(m_home.path());
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

    void tryItIsItsProfilesJobAndCanBeCancelled()
    {
        MainWindow w;
        const Profile dev = sqliteProfile(QStringLiteral("dev"));
        const Profile other = sqliteProfile(QStringLiteral("other"));
        VERIFY_OK(upgradeDatabase(m_slow, dev.url(), QStringLiteral("aaaa")));
        w.saveProfile(dev);
        w.saveProfile(other);
        w.selectProfile(dev.name);
        QTRY_VERIFY_WITH_TIMEOUT(w.snapshot(dev.name) && w.snapshot(other.name), 20000);

        w.openInEditor(m_slow + QStringLiteral("/versions/bbbb_slow.sql"));
        QVERIFY(w.editorArea()->current());
        QAction *tryIt = w.editorArea()->tryAction();
        QTRY_VERIFY_WITH_TIMEOUT(tryIt->isEnabled(), 20000);
        QSignalSpy tried(&w, &MainWindow::trialFinished);
        tryIt->trigger();
        QCOMPARE(w.jobPanel()->kind(dev.name), JobPanel::Kind::Trial);
        auto *panel = w.findChild<QWidget *>(QStringLiteral("progressPanel"));
        auto *cancel = w.findChild<QPushButton *>(QStringLiteral("cancelButton"));
        QVERIFY(panel->isVisibleTo(&w) && cancel->isEnabled());
        QVERIFY(w.findChild<QLabel *>(QStringLiteral("progressLabel"))
                    ->text()
                    .contains(QStringLiteral("Trying bbbb")));
        // The same worker runs it: dev's run actions wait, Try it too.
        QVERIFY(!action(w, "actionUpgradeHeads")->isEnabled());
        QVERIFY(!tryIt->isEnabled());

        // Another profile: none of dev's job, its own actions usable.
        w.selectProfile(other.name);
        QVERIFY(!panel->isVisibleTo(&w));
        QTRY_VERIFY_WITH_TIMEOUT(action(w, "actionUpgradeHeads")->isEnabled(), 20000);
        QVERIFY(tryIt->isEnabled());

        w.selectProfile(dev.name);
        QVERIFY(panel->isVisibleTo(&w));
        cancel->click();
        QVERIFY(tried.wait(20000) || !tried.isEmpty());
        QCOMPARE(tried.first().at(1).toBool(), false);
        QVERIFY(!panel->isVisibleTo(&w));
        QCOMPARE(current(dev), QStringList{QStringLiteral("aaaa")});
        QVERIFY2(w.editorArea()->current()->bannerText().contains(QStringLiteral("rolled back")),
                 qPrintable(w.editorArea()->current()->bannerText()));
        QVERIFY(w.editorArea()->closeAll());
    }
};

QTEST_MAIN(TestAuthoringController)
#include "tst_authoringcontroller.moc"
