// MigrationParser: the file format, and every defect reported with its file and line.

#include "project/migrationparser.h"

#include <QTest>

using namespace strata;

class TestMigrationParser : public QObject
{
    Q_OBJECT

    static Result<Migration> parse(const QByteArray &text)
    {
        return MigrationParser::parse(QStringLiteral("versions/x.sql"), text);
    }

private Q_SLOTS:
    void fullFile()
    {
        auto m = parse("-- revision: m1\n"
                       "-- down_revision: a1, b2\n"
                       "-- message: merge the two lines: web and api\n"
                       "-- create_date: 2026-11-20 10:00:00\n"
                       "-- branch_labels: main, web\n"
                       "-- depends_on: lib1\n"
                       "-- transactional: false\n"
                       "-- a plain comment is ignored\n"
                       "-- Note: so is a capitalised word with a colon\n"
                       "\n"
                       "-- +upgrade\n"
                       "CREATE INDEX CONCURRENTLY i ON t (c);\n"
                       "-- +downgrade\n"
                       "DROP INDEX i;\n");
        QVERIFY2(m.ok(), m.ok() ? "" : qPrintable(m.error().toString()));
        QCOMPARE(m->revision, QStringLiteral("m1"));
        QCOMPARE(m->downRevisions, (QStringList{QStringLiteral("a1"), QStringLiteral("b2")}));
        QCOMPARE(m->message, QStringLiteral("merge the two lines: web and api"));
        QCOMPARE(m->createDate, QStringLiteral("2026-11-20 10:00:00"));
        QCOMPARE(m->branchLabels, (QStringList{QStringLiteral("main"), QStringLiteral("web")}));
        QCOMPARE(m->dependsOn, QStringList{QStringLiteral("lib1")});
        QCOMPARE(m->transactional, false);
        QCOMPARE(m->filePath, QStringLiteral("versions/x.sql"));
        QCOMPARE(m->headerLine, 1);
        QCOMPARE(m->downRevisionsLine, 2);
        QCOMPARE(m->branchLabelsLine, 5);
        QCOMPARE(m->dependsOnLine, 6);
        QCOMPARE(m->upgradeLine, 12);
        QCOMPARE(m->upgradeSql, QStringLiteral("CREATE INDEX CONCURRENTLY i ON t (c);\n"));
        QVERIFY(m->hasDowngrade);
        QCOMPARE(m->downgradeLine, 14);
        QCOMPARE(m->downgradeSql, QStringLiteral("DROP INDEX i;\n"));
    }

    void keyLinesInAnyOrder()
    {
        auto m = parse("-- message: late revision\n"
                       "--depends_on:lib\n"
                       "  --  revision :  r9  \n"
                       "-- +upgrade\n"
                       "SELECT 1;\n");
        QVERIFY2(m.ok(), m.ok() ? "" : qPrintable(m.error().toString()));
        QCOMPARE(m->revision, QStringLiteral("r9"));
        QCOMPARE(m->headerLine, 3);
        QCOMPARE(m->dependsOn, QStringList{QStringLiteral("lib")});
        QCOMPARE(m->dependsOnLine, 2);
        QCOMPARE(m->downRevisionsLine, 0);
        QCOMPARE(m->branchLabelsLine, 0);
        QCOMPARE(m->upgradeLine, 5);
    }

    void baseAndIrreversible()
    {
        auto m = parse("-- revision: base_1\n-- down_revision:\n-- +upgrade\nCREATE TABLE t (id "
                       "INTEGER);");
        QVERIFY2(m.ok(), m.ok() ? "" : qPrintable(m.error().toString()));
        QVERIFY(m->downRevisions.isEmpty());
        QCOMPARE(m->downRevisionsLine, 2);
        QVERIFY(!m->hasDowngrade);
        QCOMPARE(m->downgradeLine, 0);
        QVERIFY(m->downgradeSql.isEmpty());
        QVERIFY(m->transactional);
        QCOMPARE(m->upgradeSql, QStringLiteral("CREATE TABLE t (id INTEGER);"));
        QCOMPARE(m->upgradeLine, 4);
    }

    void emptySections()
    {
        auto m = parse("-- revision: r1\n-- +upgrade\n-- +downgrade");
        QVERIFY2(m.ok(), m.ok() ? "" : qPrintable(m.error().toString()));
        QVERIFY(m->upgradeSql.isEmpty());
        QVERIFY(m->hasDowngrade);
        QVERIFY(m->downgradeSql.isEmpty());
        QCOMPARE(m->upgradeLine, 3);
        QCOMPARE(m->downgradeLine, 4);
    }

    void commentsInsideSectionsAreSql()
    {
        auto m = parse("-- revision: r1\n-- +upgrade\n-- +1 for this approach\n-- colour: blue\n"
                       "SELECT 1; -- +upgrade\n  --+downgrade\nSELECT 2;\n");
        QVERIFY2(m.ok(), m.ok() ? "" : qPrintable(m.error().toString()));
        QCOMPARE(
            m->upgradeSql,
            QStringLiteral("-- +1 for this approach\n-- colour: blue\nSELECT 1; -- +upgrade\n"));
        QCOMPARE(m->downgradeSql, QStringLiteral("SELECT 2;\n"));
        QCOMPARE(m->downgradeLine, 7);
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
        QCOMPARE(m->upgradeSql, QStringLiteral("SELECT 1;\r\n"));
        auto lf = parse(
            "-- revision: r1\n-- message: hi\n-- +upgrade\nSELECT 1;\n-- +downgrade\nSELECT 2;\n");
        QVERIFY(lf.ok());
        QCOMPARE(m->upgradeChecksum(), lf->upgradeChecksum());
    }

    void errorLinesWithCrlfAndBom()
    {
        auto m = parse("\xEF\xBB\xBF-- revision: r1\r\n\r\n-- colour: blue\r\n-- +upgrade\r\n");
        QVERIFY(!m.ok());
        QCOMPARE(m.error().line, 3);
        QVERIFY(m.error().message.contains(QStringLiteral("'colour'")));
    }

    void checksum()
    {
        auto a = parse("-- revision: r1\n-- +upgrade\nSELECT 1;\n-- +downgrade\nSELECT 2;\n");
        auto b = parse("-- revision: r2\n-- message: other header\n-- +upgrade\nSELECT 1;\n"
                       "-- +downgrade\nSELECT 3;\n");
        auto c = parse("-- revision: r1\n-- +upgrade\nSELECT 11;\n-- +downgrade\nSELECT 2;\n");
        QVERIFY(a.ok() && b.ok() && c.ok());
        // A known value: sha256("SELECT 1;\n").
        QCOMPARE(a->upgradeChecksum(),
                 QByteArray("b4e0497804e46e0a0b0b8c31975b062152d551bac49c3c2e80932567b4085dcd"));
        QCOMPARE(a->upgradeChecksum(), b->upgradeChecksum()); // header and downgrade do not count
        QVERIFY(a->upgradeChecksum() != c->upgradeChecksum());
    }

    // Adding a downgrade section to an applied migration that had none puts a blank line before
    // the new marker; that blank line, and any others around the section, are layout.
    void addingADowngradeKeepsTheChecksum()
    {
        auto before = parse("-- revision: r1\n-- +upgrade\nCREATE TABLE a (id int);\n");
        auto after = parse("-- revision: r1\n-- +upgrade\nCREATE TABLE a (id int);\n\n"
                           "-- +downgrade\nDROP TABLE a;\n");
        auto spaced = parse("-- revision: r1\n-- +upgrade\n\n  \nCREATE TABLE a (id int);\n\n\n\n"
                            "-- +downgrade\nDROP TABLE a;\n");
        auto edited = parse("-- revision: r1\n-- +upgrade\nCREATE TABLE a (id bigint);\n\n"
                            "-- +downgrade\nDROP TABLE a;\n");
        auto inner = parse("-- revision: r1\n-- +upgrade\nCREATE TABLE a\n\n(id int);\n");
        QVERIFY(before.ok() && after.ok() && spaced.ok() && edited.ok() && inner.ok());
        QCOMPARE(after->upgradeChecksum(), before->upgradeChecksum());
        QCOMPARE(spaced->upgradeChecksum(), before->upgradeChecksum());
        QVERIFY(edited->upgradeChecksum() != before->upgradeChecksum());
        QVERIFY(inner->upgradeChecksum() != before->upgradeChecksum()); // blank lines inside count
        QVERIFY(after->checksumMatches(QString::fromLatin1(before->upgradeChecksum())));
        QVERIFY(!edited->checksumMatches(QString::fromLatin1(before->upgradeChecksum())));
    }

    // Checksums recorded by Strata 0.1.0 (which hashed the raw section) keep matching the same
    // SQL, before and after a downgrade section is added; an edit still shows.
    void checksumsRecordedBeforeKeepMatching()
    {
        // Recorded by Strata 0.1.0 for "-- +upgrade\nCREATE TABLE a (id int);\n\n-- +downgrade"
        const QString a =
            QStringLiteral("a0549674196b7e17d4ccc2e1f0c9f3f4133212c9995ed8e5d0fd3446a8eec064");
        // ... and for "-- +upgrade\n\nCREATE TABLE b (id int);\n\n\n" at the end of a file.
        const QString b =
            QStringLiteral("f78ded18d601a57b10bbe6a9bf2ce974a016ae39b723cc29d22a7811ce545efd");
        auto aSame = parse("-- revision: a1\n-- +upgrade\nCREATE TABLE a (id int);\n\n"
                           "-- +downgrade\nDROP TABLE a;\n");
        auto aTight = parse("-- revision: a1\n-- +upgrade\nCREATE TABLE a (id int);\n"
                            "-- +downgrade\nDROP TABLE a;\n");
        auto bSame = parse("-- revision: b2\n-- +upgrade\n\nCREATE TABLE b (id int);\n\n\n");
        auto bWithDowngrade = parse("-- revision: b2\n-- +upgrade\n\nCREATE TABLE b (id int);\n"
                                    "\n-- +downgrade\nDROP TABLE b;\n");
        auto bEdited = parse("-- revision: b2\n-- +upgrade\n\nCREATE TABLE b (id text);\n");
        QVERIFY(aSame.ok() && aTight.ok() && bSame.ok() && bWithDowngrade.ok() && bEdited.ok());
        QVERIFY(aSame->checksumMatches(a));
        QVERIFY(aTight->checksumMatches(a));
        QVERIFY(bSame->checksumMatches(b));
        QVERIFY(bWithDowngrade->checksumMatches(b));
        QVERIFY(!bEdited->checksumMatches(b));
        QVERIFY(!aSame->checksumMatches(b));
        QVERIFY(!aSame->checksumMatches(QString()));
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("word");
        QTest::newRow("SQL before the first marker")
            << QByteArray("-- revision: r1\n-- message: m\nSELECT 1;\n-- +upgrade\n") << 3
            << QStringLiteral("before the first section marker");
        QTest::newRow("no upgrade marker") << QByteArray("-- revision: r1\n-- message: m\n") << 2
                                           << QStringLiteral("no '-- +upgrade'");
        QTest::newRow("only a downgrade")
            << QByteArray("-- revision: r1\n-- +downgrade\nSELECT 1;\n") << 2
            << QStringLiteral("before '-- +upgrade'");
        QTest::newRow("unknown key")
            << QByteArray("-- revision: r1\n-- colour: blue\n-- +upgrade\n") << 2
            << QStringLiteral("'colour'");
        QTest::newRow("capitalised key")
            << QByteArray("-- revision: r1\n-- Down_Revision: a\n-- +upgrade\n") << 2
            << QStringLiteral("lower case");
        QTest::newRow("duplicate key")
            << QByteArray("-- revision: r1\n-- message: a\n-- message: b\n-- +upgrade\n") << 3
            << QStringLiteral("twice");
        QTest::newRow("duplicate revision key")
            << QByteArray("-- revision: r1\n-- revision: r2\n-- +upgrade\n") << 2
            << QStringLiteral("twice");
        QTest::newRow("no revision") << QByteArray("-- message: a\n-- +upgrade\nSELECT 1;\n") << 1
                                     << QStringLiteral("revision");
        QTest::newRow("empty file") << QByteArray() << 1 << QStringLiteral("revision");
        QTest::newRow("empty revision")
            << QByteArray("-- revision:\n-- +upgrade\n") << 1 << QStringLiteral("empty");
        QTest::newRow("bad character")
            << QByteArray("-- message: a\n-- revision: ab-cd\n-- +upgrade\n") << 2
            << QStringLiteral("'-'");
        QTest::newRow("bad character in a parent")
            << QByteArray("-- revision: r1\n-- down_revision: a1, b.2\n-- +upgrade\n") << 2
            << QStringLiteral("'.'");
        QTest::newRow("bad character in a label")
            << QByteArray("-- revision: r1\n-- branch_labels: web@x\n-- +upgrade\n") << 2
            << QStringLiteral("branch label 'web@x' contains '@'");
        QTest::newRow("33 characters")
            << QByteArray("-- revision: abcdefghijabcdefghijabcdefghijabc\n-- +upgrade\n") << 1
            << QStringLiteral("at most 32");
        QTest::newRow("33 characters in depends_on")
            << QByteArray("-- revision: r1\n-- depends_on: abcdefghijabcdefghijabcdefghijabc\n"
                          "-- +upgrade\n")
            << 2 << QStringLiteral("at most 32");
        QTest::newRow("empty list entry")
            << QByteArray("-- revision: r1\n-- down_revision: a, , b\n-- +upgrade\n") << 2
            << QStringLiteral("empty entry");
        QTest::newRow("trailing comma")
            << QByteArray("-- revision: r1\n-- depends_on: a,\n-- +upgrade\n") << 2
            << QStringLiteral("empty entry in the depends_on list");
        QTest::newRow("parent listed twice")
            << QByteArray("-- revision: r1\n-- down_revision: a, a\n-- +upgrade\n") << 2
            << QStringLiteral("'a' twice");
        QTest::newRow("self loop")
            << QByteArray("-- revision: r1\n-- down_revision: r0, r1\n-- +upgrade\n") << 2
            << QStringLiteral("itself in down_revision");
        QTest::newRow("self loop before the revision line")
            << QByteArray("-- down_revision: r1\n-- revision: r1\n-- +upgrade\n") << 1
            << QStringLiteral("itself");
        QTest::newRow("self dependency")
            << QByteArray("-- revision: r1\n\n-- depends_on: r1\n-- +upgrade\n") << 3
            << QStringLiteral("itself in depends_on");
        QTest::newRow("non-UTF-8")
            << QByteArray("-- revision: r1\n-- +upgrade\nSELECT 1;\nSELECT '\xff';\n") << 4
            << QStringLiteral("UTF-8");
        QTest::newRow("non-UTF-8 on the last line")
            << QByteArray("-- revision: r1\n-- +upgrade\nSELECT '\xe2\x82'") << 3
            << QStringLiteral("UTF-8");
        QTest::newRow("overlong UTF-8")
            << QByteArray("-- revision: r1\n-- message: \xc0\xaf\n-- +upgrade\n") << 2
            << QStringLiteral("UTF-8");
        QTest::newRow("UTF-16 surrogate in UTF-8")
            << QByteArray("-- revision: r1\n-- +upgrade\n\n-- \xed\xa0\x80\n") << 4
            << QStringLiteral("UTF-8");
        QTest::newRow("transactional value")
            << QByteArray("-- revision: r1\n-- transactional: maybe\n-- +upgrade\n") << 2
            << QStringLiteral("'maybe'");
        QTest::newRow("second upgrade")
            << QByteArray("-- revision: r1\n-- +upgrade\nSELECT 1;\n-- +upgrade\n") << 4
            << QStringLiteral("second '-- +upgrade'");
        QTest::newRow("second downgrade")
            << QByteArray("-- revision: r1\n-- +upgrade\n-- +downgrade\nA;\n-- +downgrade\n") << 5
            << QStringLiteral("second '-- +downgrade'");
        QTest::newRow("upgrade after downgrade")
            << QByteArray("-- revision: r1\n-- +downgrade\n-- +upgrade\n") << 2
            << QStringLiteral("before '-- +upgrade'");
        QTest::newRow("unknown marker")
            << QByteArray("-- revision: r1\n-- +upgrade\nSELECT 1;\n-- +rollback\n") << 4
            << QStringLiteral("'-- +rollback'");
        QTest::newRow("capitalised marker")
            << QByteArray("-- revision: r1\n-- +Upgrade\nSELECT 1;\n") << 2
            << QStringLiteral("'-- +Upgrade'");
        QTest::newRow("text after a marker")
            << QByteArray("-- revision: r1\n-- +upgrade CREATE TABLE t (a);\n") << 2
            << QStringLiteral("text after the section marker");
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
        QVERIFY(MigrationParser::revisionIdProblem(QStringLiteral("a@b"))
                    .contains(QStringLiteral("'@'")));
        QVERIFY(!MigrationParser::revisionIdProblem(QStringLiteral("caf\u00e9")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestMigrationParser)
#include "tst_migrationparser.moc"
