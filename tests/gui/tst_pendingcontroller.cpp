// The Pending tab as its own controller: the selected profile's plan towards its heads or a
// chosen revision, each step's SQL, the script to export only when there is one, and a plan
// that cannot be made said as such.

#include "appenvironment.h"
#include "files.h"
#include "mainwindow.h"
#include "pending/pendingcontroller.h"
#include "pending/planmodel.h"
#include "pending/sqlview.h"
#include "profiles/profilestore.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using namespace strata::gui;

class TestPendingController : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;
    QString m_example;

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

    void showsThePlanItsSqlAndWhyThereIsNone()
    {
        MainWindow w;
        Profile dev = Profile::forEnvironment(QStringLiteral("Development"));
        dev.name = QStringLiteral("dev");
        dev.sqliteFile = m_home.filePath(QStringLiteral("dev.sqlite"));
        dev.projectDir = m_example;
        w.saveProfile(dev);
        auto *pending = w.findChild<PendingController *>();
        QVERIFY(pending);
        auto *exportSql = w.findChild<QPushButton *>(QStringLiteral("exportSqlButton"));
        auto *summary = w.findChild<QLabel *>(QStringLiteral("pendingSummary"));
        auto *sql = w.findChild<SqlView *>(QStringLiteral("pendingSql"));

        QTRY_COMPARE_WITH_TIMEOUT(w.planModel()->rowCount(), 11, 20000);
        QVERIFY(exportSql->isEnabled());
        QVERIFY2(summary->text().contains(QStringLiteral("11 step")), qPrintable(summary->text()));
        QVERIFY(sql->text().contains(QStringLiteral("CREATE TABLE customers")));

        // Towards a chosen revision.
        QSignalSpy updated(pending, &PendingController::previewUpdated);
        PlanRequest towards;
        towards.targets = {QStringLiteral("2b1d4f6c8e02")};
        pending->planTowards(towards);
        QTRY_COMPARE_WITH_TIMEOUT(w.planModel()->rowCount(), 2, 20000);

        // A target that does not exist: no plan, and the summary says why.
        updated.clear();
        towards.targets = {QStringLiteral("zzzz")};
        pending->planTowards(towards);
        QTRY_VERIFY_WITH_TIMEOUT(!updated.isEmpty(), 20000);
        QCOMPARE(w.planModel()->rowCount(), 0);
        QVERIFY2(summary->text().startsWith(QStringLiteral("No plan")),
                 qPrintable(summary->text()));
        QVERIFY(!exportSql->isEnabled());
    }
};

QTEST_MAIN(TestPendingController)
#include "tst_pendingcontroller.moc"
