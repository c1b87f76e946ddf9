// Finishing touches a user met in the reworked app: the run-result dialog's counts read as
// sentences for none, one and many steps; the main window fits the screen it opens on.

#include "layout/screenfit.h"
#include "mainwindow.h"
#include "settings/translations.h"
#include "status/problemlog.h"
#include "status/runresultdialog.h"

#include <QApplication>
#include <QScreen>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using namespace strata::gui;

class TestPolish : public QObject
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
        QCoreApplication::setOrganizationName(QStringLiteral("Strata"));
        QCoreApplication::setApplicationName(QStringLiteral("strata-gui-polish"));
        installTranslations(QStringLiteral("en"), this);
    }

    // The designed 1440x880 on a 1024x700 screen: first run fits and centres; a geometry
    // restored from a larger screen shrinks and moves inside; one that fits stays.
    void windowFitsTheScreen()
    {
        const QRect small(0, 0, 1024, 700);
        QCOMPARE(fitToScreen(QRect(0, 0, 1440, 880), small, false), small);
        QCOMPARE(fitToScreen(QRect(0, 0, 800, 600), small, false), QRect(112, 50, 800, 600));
        QCOMPARE(fitToScreen(QRect(1800, 900, 1440, 880), small, true), small);
        QCOMPARE(fitToScreen(QRect(500, 400, 800, 600), small, true), QRect(224, 100, 800, 600));
        QCOMPARE(fitToScreen(QRect(10, 20, 800, 600), small, true), QRect(10, 20, 800, 600));
        const QRect offset(1920, 24, 1024, 676); // a second screen, a top panel
        QCOMPARE(fitToScreen(QRect(0, 0, 1440, 880), offset, true), offset);
    }

    // The main window itself, on the (offscreen) screen it opens on: never larger than it.
    void mainWindowOpensOnScreen()
    {
        QSettings().remove(QStringLiteral("window/geometry"));
        MainWindow w;
        const QRect available = w.screen()->availableGeometry();
        QVERIFY2(available.contains(w.geometry()), qPrintable(QStringLiteral("%1x%2 on %3x%4")
                                                                  .arg(w.width())
                                                                  .arg(w.height())
                                                                  .arg(available.width())
                                                                  .arg(available.height())));
    }

    // A lost server while the app reconnects: libpq's multi-line text every retry is one
    // Activity line when it starts, none while it repeats, one when reads succeed again.
    void reconnectingLogsEachChangeOnce()
    {
        const QString refused = QStringLiteral(
            "connection to server at \"127.0.0.1\", port 58102 failed: Connection refused\n"
            "\tIs the server running on that host and accepting TCP/IP connections?");
        QCOMPARE(ProblemLog::firstLine(refused),
                 QStringLiteral("connection to server at \"127.0.0.1\", port 58102 failed: "
                                "Connection refused"));
        ProblemLog log;
        QCOMPARE(log.note({}), ProblemLog::Change::None);
        QCOMPARE(log.note(refused), ProblemLog::Change::Started);
        for (int retry = 0; retry < 5; ++retry)
            QCOMPARE(log.note(refused), ProblemLog::Change::None);
        QCOMPARE(log.note({}), ProblemLog::Change::Ended);
        QCOMPARE(log.note({}), ProblemLog::Change::None);
        QCOMPARE(log.note(refused), ProblemLog::Change::Started);
        QCOMPARE(log.note(QStringLiteral("password authentication failed")),
                 ProblemLog::Change::Started);
    }

    // "0 steps before it applied." read as a broken sentence: each count has its own words.
    void stepsBeforeReadAsSentences_data()
    {
        QTest::addColumn<int>("before");
        QTest::addColumn<int>("done");
        QTest::addColumn<QString>("expected");
        QTest::newRow("first") << 0 << 0 << QStringLiteral("It was the run's first step.");
        QTest::newRow("one-none") << 1 << 0
                                  << QStringLiteral("The step before it is not in effect.");
        QTest::newRow("many-none")
            << 3 << 0 << QStringLiteral("None of the 3 steps before it is in effect.");
        QTest::newRow("one-all") << 1 << 1
                                 << QStringLiteral(
                                        "The step before it completed and is in effect.");
        QTest::newRow("many-all") << 2 << 2
                                  << QStringLiteral(
                                         "The 2 steps before it completed and are in effect.");
        QTest::newRow("some") << 3 << 1 << QStringLiteral("Steps before it in effect: 1 of 3.");
    }
    void stepsBeforeReadAsSentences()
    {
        QFETCH(int, before);
        QFETCH(int, done);
        QFETCH(QString, expected);
        QCOMPARE(RunResultDialog::stepsBefore(before, done), expected);
    }

    void finishedBeforeReadAsSentences_data()
    {
        QTest::addColumn<int>("before");
        QTest::addColumn<int>("finished");
        QTest::addColumn<QString>("expected");
        QTest::newRow("first") << 0 << 0 << QStringLiteral("It was the run's first step.");
        QTest::newRow("none") << 2 << 0 << QStringLiteral("No step had finished before it.");
        QTest::newRow("one") << 2 << 1 << QStringLiteral("One step had finished before it.");
        QTest::newRow("many") << 4 << 3 << QStringLiteral("3 steps had finished before it.");
    }
    void finishedBeforeReadAsSentences()
    {
        QFETCH(int, before);
        QFETCH(int, finished);
        QFETCH(QString, expected);
        QCOMPARE(RunResultDialog::finishedBefore(before, finished), expected);
        QVERIFY(!RunResultDialog::finishedBefore(before, finished).contains(QLatin1String("(s)")));
    }
};

QTEST_MAIN(TestPolish)
#include "tst_polish.moc"
