// Linter: every rule fires on SQL a team would write, and stays quiet on the safe form and
// when silenced with `-- strata:allow RULE`.

#include "lint/linter.h"
#include "project/migration.h"

#include <QTest>

using namespace strata;


class TestLinter : public QObject
{
    Q_OBJECT

    static Migration migration(const QString &upgrade, bool transactional = true,
                               bool hasDowngrade = true)
    {
        Migration m;
        m.revision = QStringLiteral("abc123");
        m.filePath = QStringLiteral("versions/abc123_x.sql");
        m.headerLine = 1;
        m.upgradeLine = 5;
        m.upgradeSql = upgrade;
        m.transactional = transactional;
        m.hasDowngrade = hasDowngrade;
        m.downgradeSql = hasDowngrade ? QStringLiteral("SELECT 1;") : QString();
        return m;
    }

    static QStringList rulesOf(const Migration &m)
    {
        auto found = Linter::lint(m);
        if (!found)
            return {QStringLiteral("ERROR: ") + found.error().toString()};
        QStringList out;
        for (const LintFinding &f : *found)
            out << QStringLiteral("%1@%2").arg(f.rule).arg(f.line);
        return out;
    }

private Q_SLOTS:
    void rules_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<bool>("transactional");
        QTest::addColumn<QStringList>("expected"); // rule@line, line 5 is the section's first
        const QString lt = QStringLiteral("SET lock_timeout = '5s';\n");

        QTest::newRow("index on an existing table")
            << QStringLiteral("CREATE INDEX orders_placed ON orders (placed_at);") << true
            << QStringList{QStringLiteral("index-not-concurrent@5")};
        QTest::newRow("index on a table created here")
            << QStringLiteral("CREATE TABLE audit (id bigint);\nCREATE INDEX audit_id ON audit "
                              "(id);")
            << true << QStringList{};
        QTest::newRow("concurrently, outside a transaction")
            << QStringLiteral("CREATE INDEX CONCURRENTLY orders_placed ON orders (placed_at);")
            << false << QStringList{};
        QTest::newRow("concurrently inside a transaction")
            << QStringLiteral("CREATE INDEX CONCURRENTLY orders_placed ON orders (placed_at);")
            << true << QStringList{QStringLiteral("concurrently-in-transaction@5")};
        QTest::newRow("not null column without default")
            << lt + QStringLiteral("ALTER TABLE customers ADD COLUMN tier text NOT NULL;") << true
            << QStringList{QStringLiteral("add-column-not-null-no-default@6")};
        QTest::newRow("not null column with default")
            << lt + QStringLiteral("ALTER TABLE customers ADD COLUMN tier text NOT NULL DEFAULT "
                                   "'basic';")
            << true << QStringList{};
        QTest::newRow("nullable column")
            << lt + QStringLiteral("ALTER TABLE customers ADD COLUMN nickname text;") << true
            << QStringList{};
        QTest::newRow("column type change")
            << lt + QStringLiteral("ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2);")
            << true << QStringList{QStringLiteral("alter-column-type@6")};
        QTest::newRow("set not null")
            << lt + QStringLiteral("ALTER TABLE orders ALTER COLUMN placed_at SET NOT NULL;")
            << true << QStringList{QStringLiteral("set-not-null@6")};
        QTest::newRow("foreign key validated at once")
            << lt + QStringLiteral("ALTER TABLE orders ADD CONSTRAINT orders_customer FOREIGN KEY "
                                   "(customer_id) REFERENCES customers (id);")
            << true << QStringList{QStringLiteral("constraint-not-valid@6")};
        QTest::newRow("foreign key not valid, validated later")
            << lt + QStringLiteral("ALTER TABLE orders ADD CONSTRAINT orders_customer FOREIGN KEY "
                                   "(customer_id) REFERENCES customers (id) NOT VALID;\n"
                                   "ALTER TABLE orders VALIDATE CONSTRAINT orders_customer;")
            << true << QStringList{};
        QTest::newRow("check validated at once")
            << lt + QStringLiteral("ALTER TABLE orders ADD CONSTRAINT positive CHECK (total >= 0);")
            << true << QStringList{QStringLiteral("constraint-not-valid@6")};
        QTest::newRow("drop table")
            << lt + QStringLiteral("DROP TABLE legacy_orders;") << true
            << QStringList{QStringLiteral("data-loss@6")};
        QTest::newRow("drop column")
            << lt + QStringLiteral("ALTER TABLE customers DROP COLUMN fax;") << true
            << QStringList{QStringLiteral("data-loss@6")};
        QTest::newRow("truncate")
            << lt + QStringLiteral("TRUNCATE sessions;") << true
            << QStringList{QStringLiteral("data-loss@6")};
        QTest::newRow("drop index is not data loss")
            << QStringLiteral("DROP INDEX CONCURRENTLY IF EXISTS orders_old;") << false
            << QStringList{};
        QTest::newRow("rename column")
            << lt + QStringLiteral("ALTER TABLE customers RENAME COLUMN name TO full_name;") << true
            << QStringList{QStringLiteral("rename@6")};
        QTest::newRow("rename table")
            << lt + QStringLiteral("ALTER TABLE customers RENAME TO clients;") << true
            << QStringList{QStringLiteral("rename@6")};
        QTest::newRow("access exclusive without lock_timeout, once per migration")
            << QStringLiteral("ALTER TABLE orders ADD COLUMN note text;\nALTER TABLE customers "
                              "ADD COLUMN note text;")
            << true << QStringList{QStringLiteral("lock-timeout@5")};
        QTest::newRow("new tables need no lock_timeout")
            << QStringLiteral("CREATE TABLE t (id int);\nALTER TABLE t ADD COLUMN note text NOT "
                              "NULL;")
            << true << QStringList{};
        QTest::newRow("silenced on the statement and above it")
            << lt + QStringLiteral("-- strata:allow data-loss (the table was emptied in 2.3)\n"
                                   "DROP TABLE legacy_orders;\n"
                                   "TRUNCATE sessions; -- strata:allow data-loss\n"
                                   "ALTER TABLE orders ALTER COLUMN total TYPE bigint;")
            << true << QStringList{QStringLiteral("alter-column-type@9")};
        QTest::newRow("silencing names the rule, not any rule")
            << lt + QStringLiteral("-- strata:allow rename\nDROP TABLE legacy_orders;") << true
            << QStringList{QStringLiteral("data-loss@7")};
        QTest::newRow("words in a string are not statements")
            << QStringLiteral("INSERT INTO notes (body) VALUES ('DROP TABLE orders; TRUNCATE x');")
            << true << QStringList{};
    }

    void rules()
    {
        QFETCH(QString, sql);
        QFETCH(bool, transactional);
        QFETCH(QStringList, expected);
        QCOMPARE(rulesOf(migration(sql, transactional)), expected);
    }

    void missingDowngrade()
    {
        QCOMPARE(rulesOf(migration(QStringLiteral("CREATE TABLE t (id int);"), true, false)),
                 QStringList{QStringLiteral("missing-downgrade@1")});
    }

    void findingsCarryWhyAndTheSaferWay()
    {
        auto found = Linter::lint(migration(QStringLiteral("CREATE INDEX i ON orders (a);")));
        QVERIFY(found.ok());
        QCOMPARE(found->size(), 1);
        const LintFinding &f = found->first();
        QCOMPARE(f.revision, QStringLiteral("abc123"));
        QCOMPARE(f.file, QStringLiteral("versions/abc123_x.sql"));
        QCOMPARE(f.severity, LintFinding::Severity::Warning);
        QVERIFY(f.message.contains(QStringLiteral("blocks every write")));
        QVERIFY(f.message.contains(QStringLiteral("CONCURRENTLY")));
        for (const Linter::Rule &r : Linter::rules())
            QVERIFY(qstrlen(r.name) > 0);
        QCOMPARE(Linter::rules().size(), 10);
    }

    void syntaxErrorNamesFileAndLine()
    {
        auto found = Linter::lint(
            migration(QStringLiteral("CREATE TABLE ok (id int);\nCREATE TABLE bad (id int,);")));
        QVERIFY(!found.ok());
        QCOMPARE(found.error().file, QStringLiteral("versions/abc123_x.sql"));
        QCOMPARE(found.error().line, 6);
    }

    void downgradeDataLossIsListed()
    {
        Migration m = migration(QStringLiteral("CREATE TABLE audit (id bigint);"));
        m.downgradeLine = 9;
        m.downgradeSql = QStringLiteral("ALTER TABLE orders DROP COLUMN note;\nDROP INDEX x;\n"
                                        "DROP TABLE audit;\nTRUNCATE events;\nSELECT 1;\n");
        auto found = Linter::downgradeDataLoss(m);
        QVERIFY(found.ok());
        QStringList lines;
        for (const LintFinding &f : *found) {
            QCOMPARE(f.rule, QStringLiteral("data-loss"));
            lines << QString::number(f.line);
        }
        QCOMPARE(lines, (QStringList{QStringLiteral("9"), QStringLiteral("11"),
                                     QStringLiteral("12")}));
        QVERIFY(found->first().message.contains(QStringLiteral("drops a column")));
        m.hasDowngrade = false;
        QVERIFY(Linter::downgradeDataLoss(m)->isEmpty());
        m.hasDowngrade = true;
        m.downgradeSql = QStringLiteral("DROP TABEL audit;");
        QVERIFY(!Linter::downgradeDataLoss(m).ok());
    }
};

QTEST_GUILESS_MAIN(TestLinter)
#include "tst_linter.moc"
