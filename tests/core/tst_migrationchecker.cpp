// MigrationChecker: what the editor underlines while someone types, at the right line and column.

#include "lint/migrationchecker.h"

#include <QTest>

using namespace strata;

class TestMigrationChecker : public QObject
{
    Q_OBJECT

    static CheckContext context(bool postgres = true)
    {
        CheckContext c;
        c.revisions.insert(QStringLiteral("aaaa01"),
                           QStringLiteral("/p/versions/aaaa01_first.sql"));
        c.revisions.insert(QStringLiteral("bbbb02"),
                           QStringLiteral("/p/versions/bbbb02_second.sql"));
        c.branchLabels.append(QStringLiteral("billing"));
        c.postgres = postgres;
        return c;
    }

    static QString file(const QString &header, const QString &upgrade,
                        const QString &downgrade = QStringLiteral("SELECT 1;\n"))
    {
        return header + QStringLiteral("-- +upgrade\n") + upgrade +
               QStringLiteral("-- +downgrade\n") + downgrade;
    }

    static QStringList summary(const QList<LintFinding> &problems)
    {
        QStringList out;
        for (const LintFinding &p : problems)
            out << QStringLiteral("%1@%2:%3").arg(p.rule).arg(p.line).arg(p.column);
        return out;
    }

    static const QString path;

private Q_SLOTS:
    void cleanFileHasNoProblems()
    {
        const QString text =
            file(QStringLiteral("-- revision: cccc03\n-- down_revision: bbbb02\n"),
                 QStringLiteral("CREATE TABLE audit (id bigint PRIMARY KEY, note text);\n"),
                 QStringLiteral("DROP TABLE audit;\n"));
        QCOMPARE(summary(MigrationChecker::check(path, text, context())), QStringList{});
    }

    void headerErrorAtItsLine()
    {
        const QString text = file(QStringLiteral("-- revision: cccc03\n-- down_revison: bbbb02\n"),
                                  QStringLiteral("SELECT 1;\n"));
        const auto problems = MigrationChecker::check(path, text, context());
        QCOMPARE(summary(problems), QStringList{QStringLiteral("header@2:0")});
        QCOMPARE(problems.first().severity, LintFinding::Severity::Error);
        QVERIFY2(problems.first().message.contains(QStringLiteral("down_revison")),
                 qPrintable(problems.first().message));
    }

    void unknownParentDependencyAndDuplicateId()
    {
        const QString text = file(QStringLiteral("-- revision: aaaa01\n-- down_revision: nosuch\n"
                                                 "-- depends_on: billing, ghost\n"),
                                  QStringLiteral("SELECT 1;\n"));
        QCOMPARE(
            summary(MigrationChecker::check(path, text, context())),
            (QStringList{QStringLiteral("duplicate-id@1:0"), QStringLiteral("unknown-parent@2:0"),
                         QStringLiteral("unknown-dependency@3:0")}));
        // The file that owns the id is not its own duplicate.
        const QString own =
            file(QStringLiteral("-- revision: aaaa01\n"), QStringLiteral("SELECT 1;\n"));
        QCOMPARE(summary(MigrationChecker::check(QStringLiteral("/p/versions/aaaa01_first.sql"),
                                                 own, context())),
                 QStringList{});
    }

    void syntaxErrorAtLineAndColumn()
    {
        // Line 5 is "CREATE TABLE b (id int,,);": the parser stops at the second comma.
        const QString text =
            file(QStringLiteral("-- revision: cccc03\n-- down_revision: bbbb02\n"),
                 QStringLiteral("CREATE TABLE a (id int);\nCREATE TABLE b (id int,,);\n"),
                 QStringLiteral("DROP TABLE b;\nDROP TABLE a;\n"));
        const auto problems = MigrationChecker::check(path, text, context());
        QCOMPARE(summary(problems), QStringList{QStringLiteral("syntax@5:24")});
        QVERIFY(problems.first().message.contains(QStringLiteral("syntax error")));
        // The downgrade is checked too.
        const QString down =
            file(QStringLiteral("-- revision: cccc03\n-- down_revision: bbbb02\n"),
                 QStringLiteral("CREATE TABLE a (id int);\n"), QStringLiteral("DROP TABEL a;\n"));
        QCOMPARE(summary(MigrationChecker::check(path, down, context())),
                 QStringList{QStringLiteral("syntax@6:6")});
    }

    void lintFindingsComeAlong()
    {
        const QString text = file(
            QStringLiteral("-- revision: cccc03\n-- down_revision: bbbb02\n"),
            QStringLiteral("SET lock_timeout = '5s';\nALTER TABLE orders DROP COLUMN note;\n"));
        QCOMPARE(summary(MigrationChecker::check(path, text, context())),
                 QStringList{QStringLiteral("data-loss@5:0")});
    }

    void sqliteGetsHeaderChecksAndSqliteRules()
    {
        // SQLite's grammar, not PostgreSQL's: what SQLite refuses to compile, at its column.
        const QString text = file(QStringLiteral("-- revision: cccc03\n-- down_revision: nosuch\n"),
                                  QStringLiteral("CREATE TABLE b (id int,,);\n"));
        QCOMPARE(
            summary(MigrationChecker::check(path, text, context(false))),
            (QStringList{QStringLiteral("unknown-parent@2:0"), QStringLiteral("syntax@4:24")}));
        // SQLite-only statements do not stop the checks that hold for SQLite.
        const QString rules = file(
            QStringLiteral("-- revision: cccc03\n-- down_revision: bbbb02\n"),
            QStringLiteral("CREATE TABLE c (id INTEGER PRIMARY KEY AUTOINCREMENT, k TEXT) STRICT;\n"
                           "DELETE FROM orders;\n"),
            QStringLiteral("DROP TABLE c;\nCOMMIT;\n"));
        QCOMPARE(summary(MigrationChecker::check(path, rules, context(false))),
                 (QStringList{QStringLiteral("missing-where@5:0"),
                              QStringLiteral("transaction-control@8:0")}));
    }

    void sqliteCompilesEveryStatementItself()
    {
        // Each statement compiled by SQLite on a scratch database: grammar errors at their
        // line and column in both sections; names of the project's schema are not errors.
        const QString text =
            file(QStringLiteral("-- revision: cccc03\n-- down_revision: bbbb02\n"),
                 QStringLiteral("ALTER TABLE orders ADD COLUMN note TEXT;\n" // unknown here: fine
                                "CREAT TABLE x (id INTEGER);\n"
                                "CREATE TABLE y (id INTEGER PRIMARY KEY AUTOINCREMENT)\n"
                                "  WITHOUT ROWID;\n"
                                "SELECT lower();\n"
                                "UPDATE orders SET note = 'x' WHERE id IN (SELECT id FROM t\n"
                                "  WHERE id = = 1);\n"),
                 QStringLiteral("DROP TABLE x;\nCREATE TABLE z (id INTEGER\n"));
        const auto problems = MigrationChecker::check(path, text, context(false));
        QCOMPARE(summary(problems),
                 (QStringList{QStringLiteral("syntax@5:1"), QStringLiteral("syntax@6:0"),
                              QStringLiteral("syntax@8:8"), QStringLiteral("syntax@10:14"),
                              QStringLiteral("syntax@13:0")}));
        for (const LintFinding &p : problems) {
            QCOMPARE(p.severity, LintFinding::Severity::Error);
            QCOMPARE(p.file, path);
            QVERIFY2(p.message.startsWith(QStringLiteral("SQLite: ")), qPrintable(p.message));
        }
        QVERIFY(problems[0].message.contains(QStringLiteral("near \"CREAT\"")));
        QVERIFY(problems[1].message.contains(QStringLiteral("AUTOINCREMENT")));
        QVERIFY(problems[2].message.contains(QStringLiteral("lower")));
        QVERIFY(problems[4].message.contains(QStringLiteral("incomplete input")));
        // The same text on PostgreSQL is PostgreSQL's parser's business.
        QVERIFY(!summary(MigrationChecker::check(path, text, context(true)))
                     .contains(QStringLiteral("syntax@6:0")));
    }

    void checksSayWhatIsLookedAt()
    {
        QCOMPARE(MigrationChecker::checks(SqlDialect::SQLite),
                 (QStringList{QStringLiteral("header"), QStringLiteral("parents"),
                              QStringLiteral("sqlite-compile"), QStringLiteral("lint")}));
        QCOMPARE(MigrationChecker::checks(SqlDialect::PostgreSQL).at(2),
                 QStringLiteral("postgresql-parser"));
    }

    void transactionControlInTheDowngrade()
    {
        const QString text = file(QStringLiteral("-- revision: cccc03\n-- down_revision: bbbb02\n"),
                                  QStringLiteral("CREATE TABLE a (id int);\n"),
                                  QStringLiteral("DROP TABLE a;\nVACUUM;\nEND;\n"));
        QCOMPARE(summary(MigrationChecker::check(path, text, context())),
                 (QStringList{QStringLiteral("no-transaction-block@7:0"),
                              QStringLiteral("transaction-control@8:0")}));
    }
};

const QString TestMigrationChecker::path = QStringLiteral("/p/versions/cccc03_new.sql");

QTEST_GUILESS_MAIN(TestMigrationChecker)
#include "tst_migrationchecker.moc"
