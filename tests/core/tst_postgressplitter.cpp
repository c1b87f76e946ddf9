// PostgresSplitter: statements as PostgreSQL's parser reads them, with their file lines.

#include "drivers/postgres/postgressplitter.h"

#include <QTest>

using namespace strata;

class TestPostgresSplitter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statementsAndLines()
    {
        const QString sql =
            QStringLiteral("-- leading comment; with a semicolon\n"          // 20
                           "CREATE TABLE t (id bigserial PRIMARY KEY);\n"    // 21
                           "\n"                                              // 22
                           "CREATE FUNCTION touch() RETURNS trigger AS $$\n" // 23
                           "BEGIN\n"
                           "  NEW.updated_at := now(); RETURN NEW;\n"
                           "END;\n"
                           "$$ LANGUAGE plpgsql;\n"
                           "/* nested /* comment; */ still; */ SELECT 'a;b'; SELECT 2\n"); // 28
        auto statements = PostgresSplitter::split(sql, 20, QStringLiteral("v/x.sql"));
        QVERIFY2(statements.ok(), statements.ok() ? "" : qPrintable(statements.error().toString()));
        QCOMPARE(statements->size(), 4);
        QCOMPARE(statements->at(0).text,
                 QStringLiteral("CREATE TABLE t (id bigserial PRIMARY KEY)"));
        QCOMPARE(statements->at(0).line, 21);
        QVERIFY(statements->at(1).text.startsWith(QStringLiteral("CREATE FUNCTION touch()")));
        QVERIFY(statements->at(1).text.contains(QStringLiteral("RETURN NEW;")));
        QCOMPARE(statements->at(1).line, 23);
        QCOMPARE(statements->at(2).text, QStringLiteral("SELECT 'a;b'"));
        QCOMPARE(statements->at(2).line, 28);
        QCOMPARE(statements->at(3).text, QStringLiteral("SELECT 2"));
        QCOMPARE(statements->at(3).line, 28);
    }

    void concurrentlyAndUtf8()
    {
        auto statements =
            PostgresSplitter::split(QStringLiteral("COMMENT ON TABLE t IS 'Größe; Maß';\nCREATE "
                                                   "INDEX CONCURRENTLY t_idx ON t (id);\n"),
                                    1);
        QVERIFY(statements.ok());
        QCOMPARE(statements->size(), 2);
        QCOMPARE(statements->at(0).text, QStringLiteral("COMMENT ON TABLE t IS 'Größe; Maß'"));
        QCOMPARE(statements->at(1).line, 2);
    }

    void syntaxErrorNamesTheLine()
    {
        auto statements = PostgresSplitter::split(
            QStringLiteral("CREATE TABLE a (id int);\n\nCREATE TABLE b (id int,,);\n"), 40,
            QStringLiteral("v/bad.sql"));
        QVERIFY(!statements.ok());
        QCOMPARE(statements.error().file, QStringLiteral("v/bad.sql"));
        QCOMPARE(statements.error().line, 42);
        QVERIFY2(statements.error().message.contains(QStringLiteral("syntax error")),
                 qPrintable(statements.error().message));
    }

    void syntaxErrorNamesTheColumn()
    {
        // "CREATE TABLE b (id int,,);": the parser points at the second comma, column 24; a
        // multi-byte character earlier on the line counts as one column.
        auto statements =
            PostgresSplitter::split(QStringLiteral("SELECT 'ä';\nCREATE TABLE b (id int,,);\n"), 1);
        QVERIFY(!statements.ok());
        QCOMPARE(statements.error().line, 2);
        QCOMPARE(statements.error().column, 24);
        auto first = PostgresSplitter::split(QStringLiteral("SELEC 1;"), 7);
        QVERIFY(!first.ok());
        QCOMPARE(first.error().line, 7);
        QCOMPARE(first.error().column, 1);
    }

    void emptySection()
    {
        auto statements = PostgresSplitter::split(QStringLiteral("\n-- nothing to do\n"), 5);
        QVERIFY(statements.ok());
        QVERIFY(statements->isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPostgresSplitter)
#include "tst_postgressplitter.moc"
