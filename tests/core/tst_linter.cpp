// Linter: every rule fires on SQL a team would write, and stays quiet on the safe form and
// when silenced with `-- strata:allow RULE`.

#include "lint/linter.h"
#include "lint/transactionrules.h"
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

    static QStringList rulesOf(const Migration &m, SqlDialect dialect = SqlDialect::PostgreSQL)
    {
        auto found = Linter::lint(m, dialect);
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
            << true << QStringList{QStringLiteral("no-transaction-block@5")};
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
        QTest::newRow("drop table") << lt + QStringLiteral("DROP TABLE legacy_orders;") << true
                                    << QStringList{QStringLiteral("data-loss@6")};
        QTest::newRow("drop column")
            << lt + QStringLiteral("ALTER TABLE customers DROP COLUMN fax;") << true
            << QStringList{QStringLiteral("data-loss@6")};
        QTest::newRow("truncate") << lt + QStringLiteral("TRUNCATE sessions;") << true
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

    // Issue 13, section 1: whatever ends, starts or replaces the run's transaction, in either
    // section, in every spelling; savepoints nest inside it and stay allowed.
    void transactionControl_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<int>("dialect"); // 0 PostgreSQL, 1 SQLite
        QTest::addColumn<bool>("transactional");
        QTest::addColumn<bool>("downgrade"); // the SQL stands in the downgrade section
        QTest::addColumn<QStringList>("expected");
        const QString c = QStringLiteral("transaction-control@%1");
        const QString r = QStringLiteral("no-transaction-block@%1");
        const QString create = QStringLiteral("CREATE TABLE a (id int);\n");
        struct Case
        {
            const char *name;
            const char *sql;
        };
        const Case pgControl[] = {
            {"COMMIT", "COMMIT;"},
            {"commit work, lower case", "commit work;"},
            {"END", "END;"},
            {"END TRANSACTION", "end transaction;"},
            {"ROLLBACK", "ROLLBACK;"},
            {"ABORT", "ABORT;"},
            {"BEGIN", "BEGIN;"},
            {"BEGIN ISOLATION LEVEL", "BEGIN ISOLATION LEVEL SERIALIZABLE;"},
            {"START TRANSACTION", "START TRANSACTION;"},
            {"COMMIT AND CHAIN", "COMMIT AND CHAIN;"},
            {"ROLLBACK AND CHAIN", "ROLLBACK AND CHAIN;"},
            {"PREPARE TRANSACTION", "PREPARE TRANSACTION 'x';"},
            {"behind comments", "/* done */ CoMmIt; -- now"},
        };
        for (const Case &k : pgControl) {
            const QString sql =
                create + QLatin1String(k.sql) + QStringLiteral("\nCREATE TABLE b (id int);");
            QTest::addRow("postgresql upgrade: %s", k.name)
                << sql << 0 << true << false << QStringList{c.arg(6)};
            QTest::addRow("postgresql downgrade: %s", k.name)
                << sql << 0 << true << true << QStringList{c.arg(6)};
        }
        const Case pgRefused[] = {
            {"VACUUM", "VACUUM;"},
            {"VACUUM ANALYZE a table", "VACUUM (ANALYZE) a;"},
            {"CLUSTER without a table", "CLUSTER;"},
            {"CREATE DATABASE", "CREATE DATABASE other;"},
            {"DROP DATABASE", "DROP DATABASE IF EXISTS other;"},
            {"ALTER DATABASE SET TABLESPACE", "ALTER DATABASE d SET TABLESPACE fast;"},
            {"CREATE TABLESPACE", "CREATE TABLESPACE fast LOCATION '/srv/fast';"},
            {"DROP TABLESPACE", "DROP TABLESPACE fast;"},
            {"ALTER SYSTEM", "ALTER SYSTEM SET work_mem = '64MB';"},
            {"CREATE INDEX CONCURRENTLY", "CREATE UNIQUE INDEX CONCURRENTLY i ON a (id);"},
            {"DROP INDEX CONCURRENTLY", "DROP INDEX CONCURRENTLY i;"},
            {"REINDEX CONCURRENTLY", "REINDEX TABLE CONCURRENTLY a;"},
            {"REINDEX (CONCURRENTLY)", "REINDEX (CONCURRENTLY) INDEX i;"},
            {"REINDEX SCHEMA", "REINDEX SCHEMA public;"},
            {"REINDEX DATABASE", "REINDEX DATABASE d;"},
            {"REINDEX SYSTEM", "REINDEX SYSTEM d;"},
            {"DETACH PARTITION CONCURRENTLY", "ALTER TABLE a DETACH PARTITION c CONCURRENTLY;"},
            {"DISCARD ALL", "DISCARD ALL;"},
            {"COMMIT PREPARED", "COMMIT PREPARED 'x';"},
            {"ROLLBACK PREPARED", "ROLLBACK PREPARED 'x';"},
            {"CREATE SUBSCRIPTION", "CREATE SUBSCRIPTION s CONNECTION 'host=x' PUBLICATION p;"},
            {"ALTER SUBSCRIPTION REFRESH", "ALTER SUBSCRIPTION s REFRESH PUBLICATION;"},
            {"ALTER SUBSCRIPTION SET PUBLICATION", "ALTER SUBSCRIPTION s SET PUBLICATION p;"},
        };
        for (const Case &k : pgRefused) {
            const QString sql = create + QLatin1String(k.sql);
            QTest::addRow("postgresql upgrade refuses %s", k.name)
                << sql << 0 << true << false << QStringList{r.arg(6)};
            QTest::addRow("postgresql downgrade refuses %s", k.name)
                << sql << 0 << true << true << QStringList{r.arg(6)};
            QTest::addRow("postgresql, not transactional: %s", k.name)
                << sql << 0 << false << true << QStringList{};
        }
        const Case pgFine[] = {
            {"SAVEPOINT, RELEASE, ROLLBACK TO",
             "SAVEPOINT s;\nRELEASE SAVEPOINT s;\nSAVEPOINT t;\nROLLBACK TO SAVEPOINT t;"},
            {"ANALYZE", "ANALYZE a;"},
            {"CLUSTER a table", "CLUSTER a USING a_pkey;"},
            {"REFRESH MATERIALIZED VIEW CONCURRENTLY", "REFRESH MATERIALIZED VIEW CONCURRENTLY m;"},
            {"ALTER TYPE ADD VALUE (allowed since PostgreSQL 12)",
             "ALTER TYPE mood ADD VALUE 'meh';"},
            {"DISCARD PLANS", "DISCARD PLANS;"},
            {"ALTER DATABASE SET a setting", "ALTER DATABASE d SET work_mem = '8MB';"},
            {"subscription without a slot",
             "CREATE SUBSCRIPTION s CONNECTION 'host=x' PUBLICATION p WITH (connect = false);"},
            {"SET PUBLICATION without refresh",
             "ALTER SUBSCRIPTION s SET PUBLICATION p WITH (refresh = false);"},
            {"words in a string", "INSERT INTO notes VALUES ('COMMIT; VACUUM');"},
            {"a function body", "CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$ SELECT 1 $$;"},
        };
        for (const Case &k : pgFine)
            QTest::addRow("postgresql allows %s", k.name)
                << create + QLatin1String(k.sql) << 0 << true << true << QStringList{};
        QTest::newRow("postgresql, not transactional: COMMIT and BEGIN are the author's")
            << create + QStringLiteral("BEGIN;\nUPDATE a SET id = 1 WHERE id = 0;\nCOMMIT;") << 0
            << false << true << QStringList{};

        const Case sqliteControl[] = {
            {"BEGIN", "BEGIN;"},
            {"BEGIN TRANSACTION", "BEGIN TRANSACTION;"},
            {"BEGIN DEFERRED", "begin deferred;"},
            {"BEGIN IMMEDIATE TRANSACTION", "BEGIN IMMEDIATE TRANSACTION;"},
            {"BEGIN EXCLUSIVE", "Begin Exclusive;"},
            {"COMMIT", "COMMIT;"},
            {"COMMIT TRANSACTION", "commit transaction;"},
            {"END", "END;"},
            {"END TRANSACTION", "END TRANSACTION;"},
            {"ROLLBACK", "ROLLBACK;"},
            {"ROLLBACK TRANSACTION", "rollback transaction;"},
            {"behind comments", "/* done */ COMMIT -- now\n;"},
        };
        for (const Case &k : sqliteControl) {
            const QString sql =
                create + QLatin1String(k.sql) + QStringLiteral("\nCREATE TABLE b (id int);");
            QTest::addRow("sqlite upgrade: %s", k.name)
                << sql << 1 << true << false << QStringList{c.arg(6)};
            QTest::addRow("sqlite downgrade: %s", k.name)
                << sql << 1 << true << true << QStringList{c.arg(6)};
            // SQLite runs `transactional: false` in the step's transaction all the same.
            QTest::addRow("sqlite, not transactional: %s", k.name)
                << sql << 1 << false << true << QStringList{c.arg(6)};
        }
        QTest::newRow("sqlite refuses VACUUM")
            << create + QStringLiteral("VACUUM;") << 1 << true << true << QStringList{r.arg(6)};
        QTest::newRow("sqlite refuses ATTACH")
            << create + QStringLiteral("ATTACH DATABASE 'x.db' AS x;") << 1 << true << true
            << QStringList{r.arg(6)};
        QTest::newRow("sqlite ignores PRAGMA foreign_keys in a transaction")
            << create + QStringLiteral("PRAGMA foreign_keys = OFF;\nPRAGMA main.foreign_keys=ON;")
            << 1 << true << false << QStringList{r.arg(6), r.arg(7)};
        QTest::newRow("sqlite: other pragmas are fine")
            << create + QStringLiteral("PRAGMA defer_foreign_keys = ON;\nPRAGMA user_version = 3;")
            << 1 << true << false << QStringList{};
        QTest::newRow("sqlite allows savepoints")
            << create + QStringLiteral("SAVEPOINT s;\nRELEASE s;\nSAVEPOINT t;\nROLLBACK TO t;\n"
                                       "rollback transaction to savepoint t;")
            << 1 << true << true << QStringList{};
        QTest::newRow("sqlite: a comment is not a statement")
            << create + QStringLiteral("-- COMMIT;\nSELECT 'COMMIT';") << 1 << true << false
            << QStringList{};
    }

    void transactionControl()
    {
        QFETCH(QString, sql);
        QFETCH(int, dialect);
        QFETCH(bool, transactional);
        QFETCH(bool, downgrade);
        QFETCH(QStringList, expected);
        Migration m = migration(downgrade ? QStringLiteral("SELECT 1;") : sql, transactional);
        if (downgrade) {
            m.downgradeSql = sql;
            m.downgradeLine = 5; // so the expected lines hold for either section
            m.upgradeLine = 1;
        }
        QCOMPARE(rulesOf(m, dialect ? SqlDialect::SQLite : SqlDialect::PostgreSQL), expected);
    }

    // Issue 13, section 9: what the migration created holds no data, and columns whose values
    // the server supplies do not fail on tables with rows.
    void noFalseAlarms_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QStringList>("expected");
        const QString lt = QStringLiteral("SET lock_timeout = '5s';\n");
        QTest::newRow("temporary table dropped")
            << QStringLiteral("CREATE TEMP TABLE t (id int);\nINSERT INTO t VALUES (1);\n"
                              "DROP TABLE t;")
            << QStringList{};
        QTest::newRow("table created, emptied and dropped, qualified or not")
            << QStringLiteral("CREATE TABLE app.staging (id int);\nTRUNCATE staging;\n"
                              "DROP TABLE IF EXISTS app.staging;")
            << QStringList{};
        QTest::newRow("CREATE TABLE AS, then dropped")
            << QStringLiteral("CREATE TABLE copy AS SELECT 1 AS id;\nDROP TABLE copy;")
            << QStringList{};
        QTest::newRow("another schema's table of that name is not it")
            << lt + QStringLiteral("CREATE TABLE app.t (id int);\nDROP TABLE old.t;")
            << QStringList{QStringLiteral("data-loss@7")};
        QTest::newRow("one of two tables created here")
            << lt + QStringLiteral("CREATE TABLE t (id int);\nDROP TABLE t, orders;")
            << QStringList{QStringLiteral("data-loss@7")};
        QTest::newRow("column added and dropped")
            << lt + QStringLiteral("ALTER TABLE orders ADD COLUMN tmp int;\n"
                                   "ALTER TABLE orders DROP COLUMN tmp;")
            << QStringList{};
        QTest::newRow("created table renamed")
            << QStringLiteral("CREATE TABLE t (id int);\nALTER TABLE t RENAME TO u;")
            << QStringList{};
        QTest::newRow("created table renamed, then dropped")
            << QStringLiteral("CREATE TABLE t (id int);\nALTER TABLE t RENAME TO u;\nDROP TABLE u;")
            << QStringList{};
        QTest::newRow("column added here renamed, then dropped")
            << lt + QStringLiteral("ALTER TABLE orders ADD COLUMN tmp int;\nALTER TABLE orders "
                                   "RENAME COLUMN tmp TO tmp2;\nALTER TABLE orders DROP COLUMN "
                                   "tmp2;")
            << QStringList{};
        QTest::newRow("CREATE TABLE IF NOT EXISTS may find an old table")
            << lt + QStringLiteral("CREATE TABLE IF NOT EXISTS t (id int);\nDROP TABLE t;")
            << QStringList{QStringLiteral("data-loss@7")};
        QTest::newRow("pg_catalog.serial")
            << lt + QStringLiteral("ALTER TABLE orders ADD COLUMN n pg_catalog.serial8 NOT NULL;")
            << QStringList{};
        QTest::newRow("allow naming nothing")
            << QStringLiteral("SELECT 1; -- strata:allow (we know)")
            << QStringList{QStringLiteral("unknown-rule@5")};
        QTest::newRow("generated stored column")
            << lt + QStringLiteral("ALTER TABLE orders ADD COLUMN c int NOT NULL GENERATED ALWAYS "
                                   "AS (id * 2) STORED;")
            << QStringList{};
        QTest::newRow("identity by default")
            << lt + QStringLiteral("ALTER TABLE orders ADD COLUMN n bigint NOT NULL GENERATED BY "
                                   "DEFAULT AS IDENTITY;")
            << QStringList{};
        QTest::newRow("identity always")
            << lt + QStringLiteral("ALTER TABLE orders ADD COLUMN n int GENERATED ALWAYS AS "
                                   "IDENTITY NOT NULL;")
            << QStringList{};
        QTest::newRow("serial types")
            << lt + QStringLiteral("ALTER TABLE orders ADD COLUMN a serial NOT NULL, ADD COLUMN b "
                                   "bigserial NOT NULL, ADD COLUMN c smallserial NOT NULL;")
            << QStringList{};
        QTest::newRow("default then not null")
            << lt + QStringLiteral("ALTER TABLE orders ADD COLUMN d int DEFAULT 0 NOT NULL;")
            << QStringList{};
        QTest::newRow("a primary key column has no value for old rows")
            << lt + QStringLiteral("ALTER TABLE orders ADD COLUMN k int PRIMARY KEY;")
            << QStringList{QStringLiteral("add-column-not-null-no-default@6")};
        QTest::newRow("UPDATE without WHERE") << QStringLiteral("UPDATE orders SET total = 0;")
                                              << QStringList{QStringLiteral("missing-where@5")};
        QTest::newRow("DELETE without WHERE") << QStringLiteral("DELETE FROM sessions;")
                                              << QStringList{QStringLiteral("missing-where@5")};
        QTest::newRow("UPDATE and DELETE with WHERE")
            << QStringLiteral("UPDATE orders SET total = 0 WHERE total IS NULL;\nDELETE FROM "
                              "sessions WHERE expires < now();")
            << QStringList{};
        QTest::newRow("filling a table created here")
            << QStringLiteral(
                   "CREATE TABLE t (id int, v int);\nUPDATE t SET v = 1;\nDELETE FROM t;")
            << QStringList{};
        QTest::newRow("UPDATE without WHERE, allowed")
            << QStringLiteral("UPDATE orders SET total = 0; -- strata:allow missing-where (tiny)")
            << QStringList{};
        QTest::newRow("allow naming no rule")
            << QStringLiteral("-- strata:allow data-los\nSELECT 1;")
            << QStringList{QStringLiteral("unknown-rule@5")};
        QTest::newRow("allow with a reason in words")
            << QStringLiteral("SELECT 1; -- strata:allow rename because we must")
            << QStringList{QStringLiteral("unknown-rule@5"), QStringLiteral("unknown-rule@5"),
                           QStringLiteral("unknown-rule@5")};
    }

    void noFalseAlarms()
    {
        QFETCH(QString, sql);
        QFETCH(QStringList, expected);
        QCOMPARE(rulesOf(migration(sql)), expected);
    }

    void unknownAllowRuleInTheDowngradeToo()
    {
        Migration m = migration(QStringLiteral("SELECT 1;"));
        m.downgradeLine = 9;
        m.downgradeSql = QStringLiteral("SELECT 2;\n-- strata:allow nothing-such\nSELECT 3;");
        auto found = Linter::lint(m);
        QVERIFY(found.ok());
        QCOMPARE(found->size(), 1);
        QCOMPARE(found->first().rule, QStringLiteral("unknown-rule"));
        QCOMPARE(found->first().line, 10);
        QCOMPARE(found->first().severity, LintFinding::Severity::Error);
        QVERIFY(found->first().message.contains(QStringLiteral("nothing-such")));
    }

    // On a SQLite project the SQLite-only statements do not stop the lint, and the rules that
    // hold for SQLite still run around them.
    void sqliteProjectsAreCheckedWithSqliteRules()
    {
        Migration m = migration(
            QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT) STRICT;\n"
                           "INSERT OR REPLACE INTO t (v) VALUES ('x');\n"
                           "CREATE INDEX t_v ON t (v);\n"
                           "ALTER TABLE customers ADD COLUMN tier TEXT NOT NULL;\n"
                           "DROP TABLE legacy;\n"
                           "PRAGMA foreign_keys = OFF;\n"
                           "DELETE FROM sessions;\n"
                           "COMMIT;"));
        int unread = -1;
        auto found = Linter::lint(m, SqlDialect::SQLite, &unread);
        QVERIFY2(found.ok(), qPrintable(found.ok() ? QString() : found.error().toString()));
        QStringList rules;
        for (const LintFinding &f : *found)
            rules << QStringLiteral("%1@%2").arg(f.rule).arg(f.line);
        QCOMPARE(rules, (QStringList{QStringLiteral("add-column-not-null-no-default@8"),
                                     QStringLiteral("data-loss@9"),
                                     QStringLiteral("no-transaction-block@10"),
                                     QStringLiteral("missing-where@11"),
                                     QStringLiteral("transaction-control@12")}));
        QVERIFY(unread >= 1); // the STRICT table at least
        QVERIFY(Linter::rulesFor(SqlDialect::SQLite).contains(QStringLiteral("data-loss")));
        QVERIFY(!Linter::rulesFor(SqlDialect::SQLite).contains(QStringLiteral("lock-timeout")));
        // The same file read as PostgreSQL stops at its first SQLite-only statement.
        QVERIFY(!Linter::lint(m, SqlDialect::PostgreSQL).ok());
    }

    void sqliteCompilesEachStatementItself()
    {
        // One home for SQLite's grammar: `strata lint`, the editor and the lint policy of
        // protected profiles all get what SQLite refuses to compile, at its line.
        Migration m = migration(QStringLiteral("CREATE TABLE t (id INTEGER,,);\n"
                                               "SET lock_timeout = '5s';\n"
                                               "ALTER TABLE elsewhere ADD COLUMN note TEXT;"));
        auto found = Linter::lint(m, SqlDialect::SQLite);
        QVERIFY(found.ok());
        QStringList rules;
        for (const LintFinding &f : *found)
            if (f.rule == QLatin1String("syntax"))
                rules << QStringLiteral("%1@%2:%3").arg(f.rule).arg(f.line).arg(f.column);
        // The table of another migration is no error: the scratch database has no schema.
        QCOMPARE(rules, (QStringList{QStringLiteral("syntax@5:28"), QStringLiteral("syntax@6:1")}));
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
        QCOMPARE(Linter::rules().size(), 15);
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
        QCOMPARE(lines,
                 (QStringList{QStringLiteral("9"), QStringLiteral("11"), QStringLiteral("12")}));
        QVERIFY(found->first().message.contains(QStringLiteral("drops a column")));
        m.hasDowngrade = false;
        QVERIFY(Linter::downgradeDataLoss(m)->isEmpty());
        m.hasDowngrade = true;
        m.downgradeSql = QStringLiteral("DROP TABEL audit;");
        QVERIFY(!Linter::downgradeDataLoss(m).ok());
    }

    // A transaction control statement is named as its text spells it, on both engines: `end;`
    // is END on PostgreSQL too, never its synonym COMMIT.
    void transactionControlIsNamedAsWritten_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("expected");
        QTest::newRow("end") << QStringLiteral("end;") << QStringLiteral("END");
        QTest::newRow("end transaction")
            << QStringLiteral("End Transaction;") << QStringLiteral("END TRANSACTION");
        QTest::newRow("abort") << QStringLiteral("ABORT;") << QStringLiteral("ABORT");
        QTest::newRow("abort work")
            << QStringLiteral("abort work;") << QStringLiteral("ABORT WORK");
        QTest::newRow("commit and chain, behind a comment")
            << QStringLiteral("/* x */ commit and chain;") << QStringLiteral("COMMIT AND CHAIN");
        QTest::newRow("begin with options")
            << QStringLiteral("BEGIN ISOLATION LEVEL SERIALIZABLE;") << QStringLiteral("BEGIN");
        QTest::newRow("start transaction") << QStringLiteral("start transaction read write;")
                                           << QStringLiteral("START TRANSACTION");
    }
    void transactionControlIsNamedAsWritten()
    {
        QFETCH(QString, sql);
        QFETCH(QString, expected);
        auto pg = TransactionRules::classify(sql, SqlDialect::PostgreSQL);
        QVERIFY(pg);
        QCOMPARE(pg->what, expected);
        // SQLite knows BEGIN, COMMIT, END and ROLLBACK; its name is the same text.
        if (auto lite = TransactionRules::classify(sql, SqlDialect::SQLite))
            QCOMPARE(lite->what, expected);
        else
            QVERIFY(expected.startsWith(QLatin1String("ABORT")) ||
                    expected.startsWith(QLatin1String("START")));
    }

    // COMMIT or ROLLBACK inside a DO block (in a migration that runs in a transaction) or any
    // function body, in '...' or $$ quoting; psql meta-commands; statements making the
    // transaction read-only.
    void bodiesMetaCommandsAndReadOnly_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<bool>("transactional");
        QTest::addColumn<QStringList>("expected");
        const QString c = QStringLiteral("transaction-control@%1");
        QTest::newRow("DO block commits")
            << QStringLiteral("DO $$\nBEGIN\n  INSERT INTO t VALUES (1);\n  COMMIT;\nEND $$;")
            << true << QStringList{c.arg(8)};
        QTest::newRow("DO block with a tag rolls back")
            << QStringLiteral("DO $body$ BEGIN IF true THEN ROLLBACK; END IF; END $body$;") << true
            << QStringList{c.arg(5)};
        QTest::newRow("DO block in quotes, lower case")
            << QStringLiteral("do 'begin\n  update t set a = 1 where a = 0;\n  commit;\nend';")
            << true << QStringList{c.arg(7)};
        QTest::newRow("DO block outside a transaction may commit")
            << QStringLiteral("DO $$ BEGIN COMMIT; END $$;") << false << QStringList{};
        QTest::newRow("function body commits")
            << QStringLiteral("CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$\nBEGIN\n"
                              "  COMMIT;\nEND $$;")
            << false << QStringList{c.arg(7)};
        QTest::newRow("function body in quotes")
            << QStringLiteral("CREATE OR REPLACE FUNCTION f() RETURNS void AS 'BEGIN ROLLBACK; "
                              "END' LANGUAGE plpgsql;")
            << true << QStringList{c.arg(5)};
        QTest::newRow("words only in comments, strings and names")
            << QStringLiteral("DO $$\nDECLARE \"commit\" int;\nBEGIN\n  -- COMMIT;\n  /* ROLLBACK; "
                              "*/\n  RAISE NOTICE 'COMMIT;';\n  PERFORM commit_log();\nEND $$;")
            << true << QStringList{};
        QTest::newRow("procedure may commit when CALLed outside a transaction")
            << QStringLiteral("CREATE PROCEDURE p() LANGUAGE plpgsql AS $$ BEGIN COMMIT; END $$;")
            << true << QStringList{};
        const QString m = QStringLiteral("psql-meta-command@%1");
        QTest::newRow("pg_dump's restrict lines")
            << QStringLiteral("\\restrict abc123\n\nSET statement_timeout = 0;\nCREATE TABLE t (id "
                              "int);\n\n\\unrestrict abc123\n")
            << true << QStringList{m.arg(5), m.arg(10)};
        QTest::newRow("indented connect")
            << QStringLiteral("CREATE TABLE t (id int);\n  \\connect other\nCREATE TABLE u (id "
                              "int);")
            << false << QStringList{m.arg(6)};
        QTest::newRow("backslash in a string or body is no meta-command")
            << QStringLiteral("INSERT INTO t VALUES (E'a\n\\\\b');\nDO $$ BEGIN RAISE NOTICE "
                              "'x';\n\\n END $$;")
            << true << QStringList{};
        const QString r = QStringLiteral("read-only-transaction@%1");
        for (const char *sql :
             {"SET TRANSACTION READ ONLY;",
              "set transaction isolation level serializable, read "
              "only;",
              "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY;",
              "SET default_transaction_read_only = on;", "SET LOCAL transaction_read_only TO true;",
              "set default_transaction_read_only to 1;"})
            QTest::addRow("read only: %s", sql)
                << QStringLiteral("CREATE TABLE t (id int);\n") + QLatin1String(sql) << true
                << QStringList{r.arg(6)};
        for (const char *sql :
             {"SET TRANSACTION READ WRITE;", "SET default_transaction_read_only = off;",
              "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;"})
            QTest::addRow("not read only: %s", sql)
                << QStringLiteral("CREATE TABLE t (id int);\n") + QLatin1String(sql) << true
                << QStringList{};
    }
    void bodiesMetaCommandsAndReadOnly()
    {
        QFETCH(QString, sql);
        QFETCH(bool, transactional);
        QFETCH(QStringList, expected);
        QCOMPARE(rulesOf(migration(sql, transactional)), expected);
    }
};

QTEST_GUILESS_MAIN(TestLinter)
#include "tst_linter.moc"
