// Finishing touches a user met in the reworked app: the run-result dialog's counts read as
// sentences for none, one and many steps.

#include "settings/translations.h"
#include "status/runresultdialog.h"

#include <QApplication>
#include <QTest>

using namespace strata;
using namespace strata::gui;

class TestPolish : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { installTranslations(QStringLiteral("en"), this); }

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
