// English counts for the CLI's and the core's messages: "1 migration", "11 migrations", never
// "migration(s)".

#include "text/englishcount.h"

#include <QTest>

using namespace strata;

class TestEnglishCount : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void counts()
    {
        QCOMPARE(countOf(0, QStringLiteral("finding")), QStringLiteral("0 findings"));
        QCOMPARE(countOf(1, QStringLiteral("migration")), QStringLiteral("1 migration"));
        QCOMPARE(countOf(11, QStringLiteral("migration")), QStringLiteral("11 migrations"));
        QCOMPARE(countOf(3, QStringLiteral("entry"), QStringLiteral("entries")),
                 QStringLiteral("3 entries"));
        QCOMPARE(countOf(1, QStringLiteral("entry"), QStringLiteral("entries")),
                 QStringLiteral("1 entry"));
    }
    void nounsAndVerbs()
    {
        QCOMPARE(nounFor(1, QStringLiteral("revision")), QStringLiteral("revision"));
        QCOMPARE(nounFor(2, QStringLiteral("revision")), QStringLiteral("revisions"));
        QCOMPARE(isOrAre(1), QStringLiteral("is"));
        QCOMPARE(isOrAre(0), QStringLiteral("are"));
        QCOMPARE(hasOrHave(1), QStringLiteral("has"));
        QCOMPARE(hasOrHave(2), QStringLiteral("have"));
    }
};

QTEST_GUILESS_MAIN(TestEnglishCount)
#include "tst_englishcount.moc"
