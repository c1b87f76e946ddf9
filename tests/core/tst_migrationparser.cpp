// MigrationParser: the file format, and every defect reported with its file and line.

#include "project/migrationparser.h"

#include <QTest>

using namespace strata;

class TestMigrationParser : public QObject
{
    Q_OBJECT

    static Result<Migration> parse(const char *text)
    {
        return MigrationParser::parse(QStringLiteral("versions/x.sql"), QByteArray(text));
    }

private Q_SLOTS:
    void fullFile()
    {
        auto m = parse("-- revision: m1\n"
                       "-- down_revision: a1, b2\n"
                       "-- message: merge the two lines\n"
                       "-- create_date: 2026-11-20 10:00:00\n"
                       "-- branch_labels: main, web\n"
                       "-- depends_on: lib1\n"
                       "-- transactional: false\n"
                       "-- a plain comment is ignored\n"
                       "\n"
                       "-- +upgrade\n"
                       "CREATE INDEX CONCURRENTLY i ON t (c);\n"
                       "-- +downgrade\n"
                       "DROP INDEX i;\n");
        QVERIFY2(m.ok(), m.ok() ? "" : qPrintable(m.error().toString()));
        QCOMPARE(m->revision, QStringLiteral("m1"));
        QCOMPARE(m->downRevisions, (QStringList{QStringLiteral("a1"), QStringLiteral("b2")}));
        QCOMPARE(m->message, QStringLiteral("merge the two lines"));
        QCOMPARE(m->createDate, QStringLiteral("2026-11-20 10:00:00"));
        QCOMPARE(m->branchLabels, (QStringList{QStringLiteral("main"), QStringLiteral("web")}));
        QCOMPARE(m->dependsOn, QStringList{QStringLiteral("lib1")});
        QCOMPARE(m->transactional, false);
        QCOMPARE(m->headerLine, 1);
        QCOMPARE(m->downRevisionsLine, 2);
        QCOMPARE(m->branchLabelsLine, 5);
        QCOMPARE(m->dependsOnLine, 6);
        QCOMPARE(m->upgradeLine, 11);
        QCOMPARE(m->upgradeSql, QStringLiteral("CREATE INDEX CONCURRENTLY i ON t (c);\n"));
        QVERIFY(m->hasDowngrade);
        QCOMPARE(m->downgradeLine, 13);
        QCOMPARE(m->downgradeSql, QStringLiteral("DROP INDEX i;\n"));
    }

    void minimalAndIrreversible()
    {
        auto m = parse(
            "-- revision: base_1\n-- down_revision:\n-- +upgrade\nCREATE TABLE t (id INTEGER);");
        QVERIFY(m.ok());
        QVERIFY(m->downRevisions.isEmpty());
        QVERIFY(!m->hasDowngrade);
        QVERIFY(m->transactional);
        QCOMPARE(m->upgradeSql, QStringLiteral("CREATE TABLE t (id INTEGER);"));
    }

    void crlfAndBom()
    {
        auto m = parse("\xEF\xBB\xBF-- revision: r1\r\n-- message: hi\r\n-- +upgrade\r\nSELECT "
                       "1;\r\n-- +downgrade\r\nSELECT 2;\r\n");
        QVERIFY2(m.ok(), m.ok() ? "" : qPrintable(m.error().toString()));
        QCOMPARE(m->revision, QStringLiteral("r1"));
        QCOMPARE(m->message, QStringLiteral("hi"));
        QCOMPARE(m->upgradeLine, 4);
        QCOMPARE(m->downgradeLine, 6);
        auto lf = parse(
            "-- revision: r1\n-- message: hi\n-- +upgrade\nSELECT 1;\n-- +downgrade\nSELECT 2;\n");
        QVERIFY(lf.ok());
        QCOMPARE(m->upgradeChecksum(), lf->upgradeChecksum());
    }

    void checksum()
    {
        auto a = parse("-- revision: r1\n-- +upgrade\nSELECT 1;\n-- +downgrade\nSELECT 2;\n");
        auto b = parse("-- revision: r1\n-- +upgrade\nSELECT 1;\n-- +downgrade\nSELECT 3;\n");
        auto c = parse("-- revision: r1\n-- +upgrade\nSELECT 11;\n-- +downgrade\nSELECT 2;\n");
        QVERIFY(a.ok() && b.ok() && c.ok());
        QCOMPARE(a->upgradeChecksum().size(), 64);
        QCOMPARE(a->upgradeChecksum(), b->upgradeChecksum()); // the downgrade does not count
        QVERIFY(a->upgradeChecksum() != c->upgradeChecksum());
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("word");
        QTest::newRow("missing upgrade")
            << QByteArray("-- revision: r1\n-- message: m\nSELECT 1;\n") << 3
            << QStringLiteral("before the '-- +upgrade'");
        QTest::newRow("no upgrade at all")
            << QByteArray("-- revision: r1\n-- message: m\n") << 2 << QStringLiteral("+upgrade");
        QTest::newRow("unknown key")
            << QByteArray("-- revision: r1\n-- colour: blue\n-- +upgrade\n") << 2
            << QStringLiteral("colour");
        QTest::newRow("duplicate key")
            << QByteArray("-- revision: r1\n-- message: a\n-- message: b\n-- +upgrade\n") << 3
            << QStringLiteral("twice");
        QTest::newRow("no revision") << QByteArray("-- message: a\n-- +upgrade\nSELECT 1;\n") << 1
                                     << QStringLiteral("revision");
        QTest::newRow("bad character")
            << QByteArray("-- message: a\n-- revision: ab-cd\n-- +upgrade\n") << 2
            << QStringLiteral("'-'");
        QTest::newRow("33 characters")
            << QByteArray("-- revision: abcdefghijabcdefghijabcdefghijabc\n-- +upgrade\n") << 1
            << QStringLiteral("at most 32");
        QTest::newRow("empty list entry")
            << QByteArray("-- revision: r1\n-- down_revision: a, , b\n-- +upgrade\n") << 2
            << QStringLiteral("empty entry");
        QTest::newRow("self loop")
            << QByteArray("-- revision: r1\n-- down_revision: r1\n-- +upgrade\n") << 2
            << QStringLiteral("itself");
        QTest::newRow("self dependency")
            << QByteArray("-- revision: r1\n\n-- depends_on: r1\n-- +upgrade\n") << 3
            << QStringLiteral("itself");
        QTest::newRow("non-UTF-8")
            << QByteArray("-- revision: r1\n-- +upgrade\nSELECT 1;\nSELECT '\xff';\n") << 4
            << QStringLiteral("UTF-8");
        QTest::newRow("overlong UTF-8")
            << QByteArray("-- revision: r1\n-- message: \xc0\xaf\n-- +upgrade\n") << 2
            << QStringLiteral("UTF-8");
        QTest::newRow("transactional value")
            << QByteArray("-- revision: r1\n-- transactional: maybe\n-- +upgrade\n") << 2
            << QStringLiteral("maybe");
        QTest::newRow("second upgrade")
            << QByteArray("-- revision: r1\n-- +upgrade\nSELECT 1;\n-- +upgrade\n") << 4
            << QStringLiteral("second");
        QTest::newRow("downgrade first")
            << QByteArray("-- revision: r1\n-- +downgrade\nSELECT 1;\n") << 2
            << QStringLiteral("before");
        QTest::newRow("unknown marker")
            << QByteArray("-- revision: r1\n-- +upgrade\n-- +rollback\n") << 3
            << QStringLiteral("rollback");
    }

    void errors()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, line);
        QFETCH(QString, word);
        auto m = MigrationParser::parse(QStringLiteral("versions/bad.sql"), text);
        QVERIFY(!m.ok());
        QCOMPARE(m.error().file, QStringLiteral("versions/bad.sql"));
        QCOMPARE(m.error().line, line);
        QVERIFY2(m.error().message.contains(word), qPrintable(m.error().message));
        QVERIFY(m.error().toString().startsWith(QStringLiteral("versions/bad.sql:%1: ").arg(line)));
    }

    void idRules()
    {
        QVERIFY(MigrationParser::revisionIdProblem(QStringLiteral("abc_DEF_123")).isEmpty());
        QVERIFY(MigrationParser::revisionIdProblem(QString(32, QLatin1Char('a'))).isEmpty());
        QVERIFY(!MigrationParser::revisionIdProblem(QString(33, QLatin1Char('a'))).isEmpty());
        QVERIFY(!MigrationParser::revisionIdProblem(QString()).isEmpty());
        QVERIFY(!MigrationParser::revisionIdProblem(QStringLiteral("a@b")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestMigrationParser)
#include "tst_migrationparser.moc"
