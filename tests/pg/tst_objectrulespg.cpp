// The object rules on a real PostgreSQL server: for each kind beside tables, a schema A and a
// schema B are loaded into two databases and inspected; the diff A -> B is applied to A's
// database, which must then inspect equal to B (compare()) and diff empty against it; the
// downgrade must give back A. Enum values added in the middle and removed (rows holding the
// other values surviving) are among the cases.

#include "drivers/postgres/postgresdriver.h"
#include "pgserver.h"
#include "schema/inspector.h"
#include "schema/schemadiff.h"

#include <QTemporaryFile>
#include <QTest>

using strata::PostgresDriver;
using strata::test::PgServer;
using namespace strata::schema;

namespace {

QString describe(const QList<ObjectChange> &changes)
{
    QStringList lines;
    for (const ObjectChange &change : changes)
        lines.append(QStringLiteral("%1 %2: %3")
                         .arg(change.object, changeName(change.change), change.detail));
    return lines.join(QLatin1Char('\n'));
}

bool hasKind(const SchemaDiff &diff, const QString &kind)
{
    for (const Operation &op : diff.operations) {
        if (op.kind == kind)
            return true;
    }
    return false;
}

bool hasHazard(const SchemaDiff &diff, Hazard hazard)
{
    for (const Operation &op : diff.operations) {
        if (op.hazards.contains(hazard))
            return true;
    }
    return false;
}

struct Case
{
    QString a;
    QString b;
    QStringList kinds;     // operation kinds the diff A -> B must hold
    QList<Hazard> hazards; // hazards it must flag
    bool ownersAndGrants = false;
    // Whether the upgrade must run in a transaction (unset: either).
    std::optional<bool> transactional;
    // A query run after the upgrade, and what it must answer (rows kept).
    QString check;
    QString expected;
};

Case pairCase(const QString &a, const QString &b, std::initializer_list<const char *> kinds,
              const QList<Hazard> &hazards = {})
{
    Case c;
    c.a = a;
    c.b = b;
    c.hazards = hazards;
    for (const char *kind : kinds)
        c.kinds.append(QString::fromUtf8(kind));
    return c;
}

} // namespace

Q_DECLARE_METATYPE(Case)

class TestObjectRulesPg : public QObject
{
    Q_OBJECT

    std::unique_ptr<PgServer> m_server;
    int m_databases = 0;

    // Runs a script with psql, statement by statement (as a non-transactional migration runs).
    bool run(const QString &database, const QString &sql, QString *output)
    {
        QTemporaryFile file;
        if (!file.open())
            return false;
        file.write(sql.toUtf8());
        file.flush();
        return m_server->psql(QStringLiteral("\\i ") + file.fileName(), output, database);
    }

    // A new database holding `sql`; its name, empty on failure (the reason in *error).
    QString database(const QString &sql, QString *error)
    {
        const QString name = QStringLiteral("objects_%1").arg(++m_databases);
        if (!m_server->psql(QStringLiteral("CREATE DATABASE %1").arg(name), error))
            return {};
        if (!sql.isEmpty() && !run(name, sql, error))
            return {};
        return name;
    }

    std::optional<SchemaModel> inspected(const QString &database, bool ownersAndGrants,
                                         QString *error)
    {
        PostgresDriver driver(m_server->conninfo(database), database);
        if (auto opened = driver.open(); !opened) {
            *error = opened.error().message;
            return std::nullopt;
        }
        InspectOptions options;
        options.ownersAndGrants = ownersAndGrants;
        auto model = inspect(driver, options);
        driver.close();
        if (!model) {
            *error = model.error().message;
            return std::nullopt;
        }
        return *model;
    }

    QString scalar(const QString &database, const QString &sql)
    {
        QString out;
        if (!m_server->psql(sql, &out, database))
            return QStringLiteral("ERROR: ") + out;
        return out;
    }

    // A -> B applied to A's database, checked, and back; `between` runs after the upgrade.
    void roundTrip(const Case &c, const std::function<void(const QString &)> &between = {})
    {
        QString error;
        const QString from = database(c.a, &error);
        QVERIFY2(!from.isEmpty(), qPrintable(error));
        const QString to = database(c.b, &error);
        QVERIFY2(!to.isEmpty(), qPrintable(error));
        const auto a = inspected(from, c.ownersAndGrants, &error);
        QVERIFY2(a, qPrintable(error));
        const auto b = inspected(to, c.ownersAndGrants, &error);
        QVERIFY2(b, qPrintable(error));

        DiffOptions diffOptions;
        diffOptions.ownersAndGrants = c.ownersAndGrants;
        CompareOptions compareOptions;
        compareOptions.ownersAndGrants = c.ownersAndGrants;
        const SchemaDiff generated = diff(*a, *b, diffOptions);
        QVERIFY2(generated.refused.isEmpty(),
                 qPrintable(generated.refused.join(QLatin1Char('\n'))));
        const QString upgrade = generated.upgradeSql();
        if (qEnvironmentVariableIsSet("STRATA_PRINT_SQL"))
            qInfo("%s\n-- downgrade\n%s", qPrintable(upgrade),
                  qPrintable(generated.downgradeSql()));
        for (const QString &kind : c.kinds)
            QVERIFY2(hasKind(generated, kind),
                     qPrintable(kind + QStringLiteral(" not in:\n") + upgrade));
        for (Hazard hazard : c.hazards)
            QVERIFY2(hasHazard(generated, hazard),
                     qPrintable(hazardName(hazard) + QStringLiteral(" not flagged:\n") + upgrade));

        if (c.transactional)
            QCOMPARE(generated.transactional(), *c.transactional);
        QString output;
        QVERIFY2(run(from, upgrade, &output), qPrintable(upgrade + QStringLiteral("\n") + output));
        if (between)
            between(from);
        const auto upgraded = inspected(from, c.ownersAndGrants, &error);
        QVERIFY2(upgraded, qPrintable(error));
        const QList<ObjectChange> left = compare(*b, *upgraded, compareOptions);
        QVERIFY2(left.isEmpty(),
                 qPrintable(describe(left) + QStringLiteral("\nafter:\n") + upgrade));
        const SchemaDiff again = diff(*upgraded, *b, diffOptions);
        QVERIFY2(again.isEmpty(), qPrintable(again.upgradeSql()));

        const QString downgrade = generated.downgradeSql();
        QVERIFY2(run(from, downgrade, &output),
                 qPrintable(downgrade + QStringLiteral("\n") + output));
        const auto back = inspected(from, c.ownersAndGrants, &error);
        QVERIFY2(back, qPrintable(error));
        const QList<ObjectChange> differences = compare(*a, *back, compareOptions);
        QVERIFY2(differences.isEmpty(),
                 qPrintable(describe(differences) + QStringLiteral("\nafter:\n") + downgrade));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        m_server = PgServer::start(&error);
        QVERIFY2(m_server, qPrintable(error));
        QVERIFY(m_server->psql(QStringLiteral("ALTER SYSTEM SET fsync = off")));
        QVERIFY(m_server->psql(QStringLiteral("SELECT pg_reload_conf()")));
        QVERIFY(m_server->psql(QStringLiteral("CREATE ROLE objects_reader")));
        QVERIFY(m_server->psql(QStringLiteral("CREATE ROLE \"Objects Owner\"")));
    }

    void cleanupTestCase() { m_server.reset(); }

    void pair_data()
    {
        QTest::addColumn<Case>("c");
        const QString table = QStringLiteral("CREATE TABLE t (a integer, b integer, c integer);\n");
        const QString emp =
            QStringLiteral("CREATE TABLE emp (name text, changed timestamp);\n"
                           "CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                           "NEW.changed := now(); RETURN NEW; END $$;\n");
        const QString accounts =
            QStringLiteral("CREATE TABLE accounts (manager text);\n"
                           "ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;\n");
        auto row = [](const char *name, const Case &c) { QTest::newRow(name) << c; };

        row("schema",
            pairCase(QString(), QStringLiteral("CREATE SCHEMA sales;"), {"create schema"}, {}));
        row("extension version",
            pairCase(
                QStringLiteral("CREATE EXTENSION pg_trgm VERSION '1.3';"),
                QStringLiteral("CREATE EXTENSION pg_trgm VERSION '1.4'; CREATE EXTENSION citext;"),
                {"update extension", "create extension"}, {}));
        row("extension version back",
            pairCase(QStringLiteral("CREATE EXTENSION pg_trgm VERSION '1.4';"),
                     QStringLiteral("CREATE EXTENSION pg_trgm VERSION '1.3';"),
                     {"update extension"}, {}));
        row("collation",
            pairCase(QStringLiteral("CREATE COLLATION posix FROM \"POSIX\";"),
                     QStringLiteral("CREATE COLLATION \"numeric\" (provider = icu, locale = "
                                    "'en-u-kn-true');"),
                     {"create collation", "drop collation"}, {}));
        Case middle = pairCase(
            QStringLiteral("CREATE TYPE mood AS ENUM ('sad', 'happy');\n"
                           "CREATE TABLE person (name text, current mood DEFAULT 'sad');\n"
                           "CREATE VIEW happy AS SELECT * FROM person WHERE current = 'happy';\n"
                           "INSERT INTO person VALUES ('a', 'sad'), ('b', 'happy');"),
            QStringLiteral("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');\n"
                           "CREATE TABLE person (name text, current mood DEFAULT 'sad');\n"
                           "CREATE VIEW happy AS SELECT * FROM person WHERE current = 'happy';"),
            {"add enum value"});
        // Nothing uses the new value: the migration keeps its transaction.
        middle.transactional = true;
        row("enum value in the middle", middle);
        // The new value is used at once (a default), and the downgrade's rebuild takes the
        // default away with the value.
        Case usedAtOnce =
            pairCase(QStringLiteral("CREATE TYPE mood AS ENUM ('sad', 'happy');\n"
                                    "CREATE TABLE m (id integer, v mood);\n"
                                    "INSERT INTO m VALUES (1, 'happy');"),
                     QStringLiteral("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');\n"
                                    "CREATE TABLE m (id integer, v mood DEFAULT 'ok');"),
                     {"add enum value"}, {Hazard::NotInTransaction});
        usedAtOnce.transactional = false;
        row("enum value used by a new default", usedAtOnce);
        row("enum value removed under an index and a check",
            pairCase(QStringLiteral("CREATE TYPE st AS ENUM ('a', 'b', 'c');\n"
                                    "CREATE TABLE j (id integer, s st CHECK (s <> 'c'));\n"
                                    "CREATE INDEX j_a ON j (id) WHERE s = 'a';\n"
                                    "CREATE INDEX j_s ON j (s);\n"
                                    "INSERT INTO j VALUES (1, 'a'), (2, 'b');"),
                     QStringLiteral("CREATE TYPE st AS ENUM ('a', 'c');\n"
                                    "CREATE TABLE j (id integer, s st CHECK (s <> 'c'));\n"
                                    "CREATE INDEX j_a ON j (id) WHERE s = 'a';\n"
                                    "CREATE INDEX j_s ON j (s);"),
                     {"rebuild enum type"}, {Hazard::DeletesData}));
        // The column keeps its values: a new collation is made beside the old one, the
        // column moved to it, the old one dropped and the new one renamed.
        Case collated =
            pairCase(QStringLiteral("CREATE COLLATION sorted (provider = icu, locale = 'en');\n"
                                    "CREATE TABLE words (w text COLLATE sorted);\n"
                                    "CREATE INDEX words_w ON words (w);\n"
                                    "CREATE INDEX words_lower ON words ((lower(w) COLLATE "
                                    "sorted));\n"
                                    "CREATE VIEW sorted_words AS SELECT w FROM words;\n"
                                    "INSERT INTO words VALUES ('b'), ('a');"),
                     QStringLiteral("CREATE COLLATION sorted (provider = icu, locale = 'de');\n"
                                    "CREATE TABLE words (w text COLLATE sorted);\n"
                                    "CREATE INDEX words_w ON words (w);\n"
                                    "CREATE INDEX words_lower ON words ((lower(w) COLLATE "
                                    "sorted));\n"
                                    "CREATE VIEW sorted_words AS SELECT w FROM words;"),
                     {"alter collation"});
        collated.check = QStringLiteral("SELECT string_agg(w, ',' ORDER BY w) FROM words");
        collated.expected = QStringLiteral("a,b");
        row("collation changed under a column", collated);
        // Added, removed and kept labels at once, under a default, an array and a function.
        Case relabelled = pairCase(
            QStringLiteral("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy', 'ecstatic');\n"
                           "CREATE TABLE person (id integer PRIMARY KEY, m mood DEFAULT 'ok', "
                           "ms mood[]);\nCREATE FUNCTION is_happy(p mood) RETURNS boolean "
                           "LANGUAGE sql AS $$ SELECT p >= 'happy' $$;\n"
                           "INSERT INTO person VALUES (1, 'sad', '{sad,ok}'), (2, 'ok', NULL), "
                           "(3, 'ecstatic', '{happy,ecstatic}');"),
            QStringLiteral("CREATE TYPE mood AS ENUM ('sad', 'meh', 'ok', 'happy');\n"
                           "CREATE TABLE person (id integer PRIMARY KEY, m mood DEFAULT 'ok', "
                           "ms mood[]);\nCREATE FUNCTION is_happy(p mood) RETURNS boolean "
                           "LANGUAGE sql AS $$ SELECT p >= 'happy' $$;"),
            {"rebuild enum type"}, {Hazard::DeletesData, Hazard::DowngradeLosesData});
        relabelled.check = QStringLiteral(
            "SELECT string_agg(id || ':' || coalesce(m::text, '-') || ':' || coalesce(ms::text, "
            "'-'), ',' ORDER BY id) FROM person");
        relabelled.expected = QStringLiteral("1:sad:{sad,ok},2:ok:-,3:-:{happy}");
        row("enum labels added and removed at once", relabelled);
        row("domain",
            pairCase(QStringLiteral("CREATE DOMAIN year AS integer CONSTRAINT year_check CHECK "
                                    "(VALUE >= 1901);\nCREATE TABLE film (y year);"),
                     QStringLiteral("CREATE DOMAIN year AS integer DEFAULT 2000 NOT NULL "
                                    "CONSTRAINT year_check CHECK (VALUE >= 1900) CONSTRAINT "
                                    "year_max CHECK (VALUE <= 2155);\nCREATE TABLE film (y year);"),
                     {"alter domain default", "alter domain not null", "alter domain check",
                      "add domain check"},
                     {Hazard::ValidatesConstraint}));
        row("domain base type", pairCase(QStringLiteral("CREATE DOMAIN code AS integer;"),
                                         QStringLiteral("CREATE DOMAIN code AS bigint;"),
                                         {"drop domain", "create domain"}, {}));
        Case retyped =
            pairCase(QStringLiteral("CREATE DOMAIN code AS integer DEFAULT 1 CHECK (VALUE > 0);\n"
                                    "CREATE TABLE items (id integer, c code DEFAULT 5);\n"
                                    "CREATE VIEW item_codes AS SELECT c FROM items;\n"
                                    "INSERT INTO items VALUES (1, 7), (2, 9);"),
                     QStringLiteral("CREATE DOMAIN code AS bigint DEFAULT 1 CHECK (VALUE > 0);\n"
                                    "CREATE TABLE items (id integer, c code DEFAULT 5);\n"
                                    "CREATE VIEW item_codes AS SELECT c FROM items;"),
                     {"alter domain type"});
        retyped.check = QStringLiteral("SELECT string_agg(id || ':' || c, ',' ORDER BY id) FROM "
                                       "items");
        retyped.expected = QStringLiteral("1:7,2:9");
        row("domain base type under a column", retyped);
        row("composite type",
            pairCase(QStringLiteral("CREATE TYPE pair AS (a integer, b text);"),
                     QStringLiteral("CREATE TYPE pair AS (a integer, b text, c date);"),
                     {"alter composite type"}, {}));
        Case pairs =
            pairCase(QStringLiteral("CREATE TYPE pair AS (a integer, b text);\n"
                                    "CREATE TABLE pairs (id integer, p pair);\n"
                                    "INSERT INTO pairs VALUES (1, ROW(1, 'x')), (2, NULL);"),
                     QStringLiteral("CREATE TYPE pair AS (a bigint, n date, b text);\n"
                                    "CREATE TABLE pairs (id integer, p pair);"),
                     {"rebuild composite type"});
        pairs.check = QStringLiteral("SELECT string_agg(id || ':' || coalesce(p::text, '-'), ',' "
                                     "ORDER BY id) FROM pairs");
        pairs.expected = QStringLiteral("1:(1,,x),2:-");
        row("composite type under a column", pairs);
        row("view definition",
            pairCase(table + QStringLiteral("CREATE VIEW v AS SELECT a FROM t;\n"
                                            "CREATE VIEW top AS SELECT * FROM v;"),
                     table + QStringLiteral("CREATE VIEW v AS SELECT b AS a FROM t;\n"
                                            "CREATE VIEW top AS SELECT * FROM v;"),
                     {"replace view definition"}, {}));
        row("view trailing column",
            pairCase(table + QStringLiteral("CREATE VIEW v AS SELECT a FROM t;"),
                     table + QStringLiteral("CREATE VIEW v AS SELECT a, b FROM t;"),
                     {"replace view definition"}, {}));
        row("view middle column",
            pairCase(table + QStringLiteral("CREATE VIEW v AS SELECT a, c FROM t;\n"
                                            "CREATE VIEW top AS SELECT * FROM v;"),
                     table + QStringLiteral("CREATE VIEW v AS SELECT a, b, c FROM t;\n"
                                            "CREATE VIEW top AS SELECT * FROM v;"),
                     {"drop view", "create view"}, {}));
        row("view options",
            pairCase(
                table + QStringLiteral("CREATE VIEW v AS SELECT a FROM t;"),
                table + QStringLiteral("CREATE VIEW v WITH (security_barrier) AS SELECT a FROM t;"),
                {"alter view options"}, {}));
        row("materialized view",
            pairCase(table + QStringLiteral("CREATE MATERIALIZED VIEW mv AS SELECT a FROM t;\n"
                                            "CREATE INDEX mv_a ON mv (a);"),
                     table + QStringLiteral("CREATE MATERIALIZED VIEW mv AS SELECT a, b FROM t;\n"
                                            "CREATE INDEX mv_a ON mv (a);"),
                     {"drop materialized view", "create materialized view"}, {}));
        const QString plpgsql = QStringLiteral(
            "CREATE FUNCTION twice(i integer) RETURNS %1 LANGUAGE plpgsql AS $$ BEGIN RETURN %2; "
            "END $$;");
        row("function body",
            pairCase(plpgsql.arg(QStringLiteral("integer"), QStringLiteral("i + i")),
                     plpgsql.arg(QStringLiteral("integer"), QStringLiteral("2 * i")),
                     {"replace function"}, {Hazard::UntrackedDependency}));
        row("function return type",
            pairCase(plpgsql.arg(QStringLiteral("integer"), QStringLiteral("i + i")),
                     plpgsql.arg(QStringLiteral("bigint"), QStringLiteral("i + i")),
                     {"drop function", "create function"}, {}));
        row("function parameter renamed",
            pairCase(QStringLiteral("CREATE FUNCTION half(i integer) RETURNS integer LANGUAGE sql "
                                    "IMMUTABLE RETURN i / 2;"),
                     QStringLiteral("CREATE FUNCTION half(n integer) RETURNS integer LANGUAGE sql "
                                    "IMMUTABLE RETURN n / 2;"),
                     {"drop function", "create function"}));
        row("function return type under an index and a check",
            pairCase(QStringLiteral("CREATE FUNCTION twice(i integer) RETURNS integer LANGUAGE "
                                    "sql IMMUTABLE RETURN i * 2;\nCREATE TABLE n (i integer "
                                    "CHECK (twice(i) < 100));\nCREATE INDEX n_twice ON n "
                                    "(twice(i));\nINSERT INTO n VALUES (3);"),
                     QStringLiteral("CREATE FUNCTION twice(i integer) RETURNS bigint LANGUAGE "
                                    "sql IMMUTABLE RETURN i * 2;\nCREATE TABLE n (i integer "
                                    "CHECK (twice(i) < 100));\nCREATE INDEX n_twice ON n "
                                    "(twice(i));"),
                     {"recreate function"}));
        row("function default removed under a view",
            pairCase(QStringLiteral("CREATE FUNCTION pick(i integer DEFAULT 1) RETURNS integer "
                                    "LANGUAGE sql IMMUTABLE RETURN i;\n"
                                    "CREATE VIEW picked AS SELECT pick(2) AS p;"),
                     QStringLiteral("CREATE FUNCTION pick(i integer) RETURNS integer "
                                    "LANGUAGE sql IMMUTABLE RETURN i;\n"
                                    "CREATE VIEW picked AS SELECT pick(2) AS p;"),
                     {"drop function", "create function"}));
        row("function return type under a column default",
            pairCase(QStringLiteral("CREATE FUNCTION next_code() RETURNS integer LANGUAGE sql "
                                    "RETURN 7;\nCREATE TABLE codes (id integer, code bigint "
                                    "DEFAULT next_code());\nINSERT INTO codes VALUES (1, 5);"),
                     QStringLiteral("CREATE FUNCTION next_code() RETURNS bigint LANGUAGE sql "
                                    "RETURN 7;\nCREATE TABLE codes (id integer, code bigint "
                                    "DEFAULT next_code());"),
                     {"recreate function"}));
        row("sql function before its table",
            pairCase(
                QString(),
                QStringLiteral("SET check_function_bodies = off;\n"
                               "CREATE FUNCTION count_later() RETURNS bigint LANGUAGE sql AS $$ "
                               "SELECT count(*) FROM later $$;\nCREATE TABLE later (a integer);"),
                {"create function"}, {Hazard::UntrackedDependency}));
        row("sql standard body",
            pairCase(table,
                     table + QStringLiteral("CREATE FUNCTION count_t() RETURNS bigint LANGUAGE "
                                            "sql BEGIN ATOMIC SELECT count(*) FROM t; END;"),
                     {"create function"}, {}));
        row("procedure",
            pairCase(
                table + QStringLiteral("CREATE PROCEDURE clear() LANGUAGE sql AS $$ DELETE FROM t "
                                       "$$;"),
                table + QStringLiteral("CREATE PROCEDURE clear() LANGUAGE sql AS $$ DELETE FROM t "
                                       "WHERE a > 0 $$;"),
                {"replace procedure"}, {}));
        row("aggregate",
            pairCase(
                QStringLiteral(
                    "CREATE AGGREGATE total(integer) (SFUNC = int4pl, STYPE = integer);"),
                QStringLiteral("CREATE AGGREGATE total(integer) (SFUNC = int4pl, STYPE = integer, "
                               "INITCOND = '0');"),
                {"drop aggregate", "create aggregate"}, {}));
        row("trigger",
            pairCase(
                emp + QStringLiteral("CREATE TRIGGER stamp BEFORE INSERT OR UPDATE ON emp FOR EACH "
                                     "ROW EXECUTE FUNCTION stamp();"),
                emp +
                    QStringLiteral("CREATE TRIGGER stamp BEFORE UPDATE ON emp FOR EACH ROW "
                                   "EXECUTE FUNCTION stamp();\nCREATE TRIGGER stamp_insert BEFORE "
                                   "INSERT ON emp FOR EACH ROW EXECUTE FUNCTION stamp();\nALTER "
                                   "TABLE emp DISABLE TRIGGER stamp_insert;"),
                {"replace trigger", "create trigger"}, {}));
        row("trigger enabled",
            pairCase(emp + QStringLiteral("CREATE TRIGGER stamp BEFORE UPDATE ON emp FOR EACH ROW "
                                          "EXECUTE FUNCTION stamp();"),
                     emp +
                         QStringLiteral("CREATE TRIGGER stamp BEFORE UPDATE ON emp FOR EACH ROW "
                                        "EXECUTE FUNCTION stamp();\nALTER TABLE emp ENABLE ALWAYS "
                                        "TRIGGER stamp;"),
                     {"alter trigger enabled"}, {}));
        row("rule",
            pairCase(table +
                         QStringLiteral("CREATE RULE keep AS ON DELETE TO t DO INSTEAD NOTHING;"),
                     table + QStringLiteral("CREATE RULE keep AS ON DELETE TO t WHERE old.a > 0 "
                                            "DO INSTEAD NOTHING;"),
                     {"replace rule"}, {}));
        row("policy roles and expression",
            pairCase(
                accounts + QStringLiteral("CREATE POLICY managers ON accounts USING (manager = "
                                          "current_user);"),
                accounts + QStringLiteral("CREATE POLICY managers ON accounts TO objects_reader "
                                          "USING (true);"),
                {"alter policy"}, {}));
        row("policy restrictive",
            pairCase(accounts + QStringLiteral("CREATE POLICY managers ON accounts USING (true);"),
                     accounts +
                         QStringLiteral("CREATE POLICY managers ON accounts AS RESTRICTIVE USING "
                                        "(true);"),
                     {"drop policy", "create policy"}, {}));
        row("comments",
            pairCase(
                emp + QStringLiteral("CREATE TRIGGER stamp BEFORE UPDATE ON emp FOR EACH ROW "
                                     "EXECUTE FUNCTION stamp();\nCREATE TYPE mood AS ENUM ('ok');\n"
                                     "CREATE VIEW names AS SELECT name FROM emp;\n"
                                     "COMMENT ON TABLE emp IS 'old';"),
                emp + QStringLiteral("CREATE TRIGGER stamp BEFORE UPDATE ON emp FOR EACH ROW "
                                     "EXECUTE FUNCTION stamp();\nCREATE TYPE mood AS ENUM ('ok');\n"
                                     "CREATE VIEW names AS SELECT name FROM emp;\n"
                                     "COMMENT ON TABLE emp IS 'it''s new';\n"
                                     "COMMENT ON COLUMN emp.name IS 'who';\n"
                                     "COMMENT ON TRIGGER stamp ON emp IS 'when';\n"
                                     "COMMENT ON FUNCTION stamp() IS 'how';\n"
                                     "COMMENT ON TYPE mood IS 'feeling';\n"
                                     "COMMENT ON VIEW names IS 'names';"),
                {"comment on table", "comment on column", "comment on trigger",
                 "comment on function", "comment on enum type", "comment on view"},
                {}));
        Case grants = pairCase(table,
                               table + QStringLiteral("GRANT SELECT ON t TO objects_reader;\n"
                                                      "GRANT UPDATE (a) ON t TO objects_reader;\n"
                                                      "ALTER TABLE t OWNER TO \"Objects Owner\";"),
                               {"grant", "alter owner"});
        grants.ownersAndGrants = true;
        row("owner and grants", grants);
    }

    void pair()
    {
        QFETCH(Case, c);
        if (c.check.isEmpty()) {
            roundTrip(c);
            return;
        }
        roundTrip(
            c, [&](const QString &database) { QCOMPARE(scalar(database, c.check), c.expected); });
    }

    // A removed enum value rebuilds the type: rows holding the other values keep them, a value
    // holding the removed one becomes NULL (left out of an array), and the column's default
    // (which casts to the type) is set back.
    void enumValueRemoved()
    {
        const QString type = QStringLiteral("CREATE TYPE status AS ENUM (%1);\n"
                                            "CREATE TABLE job (id integer, s status DEFAULT "
                                            "'new', h status[]);\n");
        Case c;
        c.a = type.arg(QStringLiteral("'new', 'old', 'done'")) +
              QStringLiteral("INSERT INTO job VALUES (1, 'new', '{new,done}'), (2, 'done', '{}'), "
                             "(3, 'old', '{old,new}');");
        c.b = type.arg(QStringLiteral("'new', 'done'"));
        c.kinds = {QStringLiteral("rebuild enum type")};
        c.hazards = {Hazard::DeletesData};
        roundTrip(c, [this](const QString &database) {
            QCOMPARE(scalar(database,
                            QStringLiteral("SELECT string_agg(id || ':' || coalesce(s::text, '-') "
                                           "|| ':' || h::text, ',' ORDER BY id) FROM job")),
                     QStringLiteral("1:new:{new,done},2:done:{},3:-:{new}"));
            QCOMPARE(scalar(database, QStringLiteral("INSERT INTO job (id) VALUES (4) "
                                                     "RETURNING s")),
                     QStringLiteral("new"));
        });
    }
};

QTEST_GUILESS_MAIN(TestObjectRulesPg)
#include "tst_objectrulespg.moc"
