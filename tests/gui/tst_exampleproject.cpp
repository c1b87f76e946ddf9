// "Open the example project": the profile points at a writable copy in the user's data folder,
// never into the install tree, and the app says where it is.

#include "log/logdock.h"
#include "mainwindow.h"
#include "profiles/exampleproject.h"
#include "profiles/profilestore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPushButton>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using namespace strata::gui;

class TestExampleProject : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("STRATA_CONFIG_DIR", m_home.filePath(QStringLiteral("config")).toUtf8());
        qputenv("STRATA_AUDIT_LOG", m_home.filePath(QStringLiteral("audit.jsonl")).toUtf8());
        qputenv("STRATA_NO_KEYCHAIN", "1");
        qputenv("STRATA_LOG_DIR", m_home.filePath(QStringLiteral("logs")).toUtf8());
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("xdg-config")).toUtf8());
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("xdg-data")).toUtf8());
        QCoreApplication::setApplicationName(QStringLiteral("strata-test"));
        QCoreApplication::setOrganizationName(QStringLiteral("Strata"));
    }

    void theProfilePointsAtAWritableCopy()
    {
        const QString shipped = ExampleProject::shipped();
        QVERIFY(!shipped.isEmpty());
        MainWindow w;
        w.findChild<QPushButton *>(QStringLiteral("openExampleButton"))->click();
        QCOMPARE(w.profiles().size(), 1);
        const Profile p = w.profiles().first();
        const QString copy = ExampleProject::defaultCopyDir();
        QVERIFY(copy.startsWith(m_home.filePath(QStringLiteral("xdg-data"))));
        QCOMPARE(p.projectDir, copy);
        QVERIFY(!p.projectDir.startsWith(shipped));
        QVERIFY(!p.sqliteFile.startsWith(shipped));
        // Every shipped migration is there, and writable.
        const QStringList versions =
            QDir(shipped + QStringLiteral("/versions")).entryList(QDir::Files);
        QVERIFY(!versions.isEmpty());
        for (const QString &f : versions) {
            const QFileInfo info(copy + QStringLiteral("/versions/") + f);
            QVERIFY2(info.exists() && info.isWritable(), qPrintable(info.filePath()));
        }
        QVERIFY(QFileInfo(copy + QStringLiteral("/strata.ini")).isWritable());
        // The app says where.
        QVERIFY2(w.statusBar()->currentMessage().contains(copy),
                 qPrintable(w.statusBar()->currentMessage()));
        QTRY_VERIFY(w.logDock()->text().contains(copy));
        QTRY_VERIFY_WITH_TIMEOUT(w.snapshot(p.name) != nullptr, 20000);
        QCOMPARE(w.snapshot(p.name)->pending.size(), versions.size());
    }

    // A second time, the copy is kept as the person left it: their own migrations stay.
    void aSecondOpenKeepsThePersonsWork()
    {
        const QString copy = ExampleProject::defaultCopyDir();
        const QString mine = copy + QStringLiteral("/versions/ff0000000001_mine.sql");
        QFile f(mine);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("-- revision: ff0000000001\n-- down_revision: be0a3c5f7b11\n-- message: mine\n\n"
                "-- +upgrade\nSELECT 1;\n\n-- +downgrade\nSELECT 1;\n");
        f.close();
        auto again = ExampleProject::copyTo(copy);
        QVERIFY(again);
        QCOMPARE(*again, copy);
        QVERIFY(QFileInfo::exists(mine));
    }

    void aFolderThatCannotBeWrittenIsNamed()
    {
        // A file where the folder should be: no one, root included, can write below it.
        const QString blocked = m_home.filePath(QStringLiteral("blocked"));
        QFile file(blocked);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        auto copied = ExampleProject::copyTo(blocked + QStringLiteral("/shop"));
        QVERIFY(!copied);
        QVERIFY2(copied.error().message.contains(blocked), qPrintable(copied.error().message));
    }
};

QTEST_MAIN(TestExampleProject)
#include "tst_exampleproject.moc"
