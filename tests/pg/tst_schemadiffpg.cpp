// The schema diff's relation rules on a real PostgreSQL server: for each pair of schemas the
// generated upgrade applies to A with seeded rows, the result inspects equal to B, diffing again
// finds nothing, the downgrade gives back A, and the rows survive unless deleting them was
// flagged (prove()); beside that, the statements and hazards each rule is meant to produce.

#include "drivers/postgres/postgresdriver.h"
#include "pgserver.h"
#include "schema/inspector.h"
#include "schema/proof.h"
#include "schema/schemadiff.h"

#include <QTest>

using strata::PostgresDriver;
using strata::test::PgServer;
using namespace strata::schema;

class TestSchemaDiffPg : public QObject
{
    Q_OBJECT

    std::unique_ptr<PgServer> m_server;
    int m_databases = 0;

    // A new database holding `sql`; its name, empty on failure (message in *error).
    QString load(const QString &sql, QString *error)
    {
        const QString name = QStringLiteral("diffpg_%1").arg(++m_databases);
        if (!m_server->psql(QStringLiteral("CREATE DATABASE %1").arg(name), error))
            return {};
        if (!sql.isEmpty() && !m_server->psql(sql, error, name))
            return {};
        return name;
    }

    std::optional<SchemaModel> inspectDatabase(const QString &database, QString *error)
    {
        PostgresDriver driver(m_server->conninfo(database), database);
        if (auto opened = driver.open(); !opened) {
            *error = opened.error().message;
            return std::nullopt;
        }
        auto model = inspect(driver);
        driver.close();
        if (!model) {
            *error = model.error().message;
            return std::nullopt;
        }
        return *model;
    }

    // A and B loaded into databases of their own and inspected; A's database is the one the
    // migration then runs on.
    struct Pair
    {
        QString databaseA;
        SchemaModel a;
        SchemaModel b;
    };
    std::optional<Pair> loadPair(const QString &a, const QString &b, QString *error)
    {
        Pair pair;
        pair.databaseA = load(a, error);
        const QString databaseB = pair.databaseA.isEmpty() ? QString() : load(b, error);
        if (databaseB.isEmpty())
            return std::nullopt;
        const auto modelA = inspectDatabase(pair.databaseA, error);
        const auto modelB = modelA ? inspectDatabase(databaseB, error) : std::nullopt;
        if (!modelB)
            return std::nullopt;
        pair.a = *modelA;
        pair.b = *modelB;
        return pair;
    }

    static QString describe(const QList<ObjectChange> &changes)
    {
        QStringList lines;
        for (const ObjectChange &change : changes)
            lines.append(change.object + QLatin1Char(' ') + changeName(change.change) +
                         QLatin1Char(' ') + change.detail);
        return lines.join(QLatin1Char('\n'));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        m_server = PgServer::start(&error);
        QVERIFY2(m_server, qPrintable(error));
        QVERIFY(m_server->psql(QStringLiteral("ALTER SYSTEM SET fsync = off")));
        QVERIFY(m_server->psql(QStringLiteral("SELECT pg_reload_conf()")));
    }

    void cleanupTestCase() { m_server.reset(); }

    void proven_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<int>("seedRows");
        QTest::addColumn<QStringList>("statements"); // in the upgrade, in this order
        QTest::addColumn<QStringList>("hazards");    // flagged somewhere in the upgrade

        QTest::newRow("column type under a view")
            << "CREATE TABLE film (id integer PRIMARY KEY, title varchar(20));"
               "CREATE VIEW film_titles AS SELECT id, title FROM film;"
            << "CREATE TABLE film (id integer PRIMARY KEY, title text);"
               "CREATE VIEW film_titles AS SELECT id, title FROM film;"
            << 3
            << QStringList{QStringLiteral("DROP VIEW public.film_titles"),
                           QStringLiteral("ALTER TABLE public.film ALTER COLUMN title TYPE text"),
                           QStringLiteral("CREATE")}
            << QStringList{QStringLiteral("downgrade_loses_data")};
        QTest::newRow("key type under a foreign key, an index and a view")
            << "CREATE TABLE film (id integer PRIMARY KEY);"
               "CREATE TABLE actor (id integer PRIMARY KEY, film_id integer REFERENCES film);"
               "CREATE INDEX actor_film_idx ON actor (film_id);"
               "CREATE VIEW films AS SELECT f.id, count(a.id) FROM film f LEFT JOIN actor a ON "
               "a.film_id = f.id GROUP BY f.id;"
            << "CREATE TABLE film (id bigint PRIMARY KEY);"
               "CREATE TABLE actor (id integer PRIMARY KEY, film_id bigint REFERENCES film);"
               "CREATE INDEX actor_film_idx ON actor (film_id);"
               "CREATE VIEW films AS SELECT f.id, count(a.id) FROM film f LEFT JOIN actor a ON "
               "a.film_id = f.id GROUP BY f.id;"
            << 0
            << QStringList{QStringLiteral("DROP VIEW public.films"),
                           QStringLiteral("ALTER TABLE public.film ALTER COLUMN id TYPE bigint")}
            << QStringList{QStringLiteral("rewrites_table")};
        QTest::newRow("serial to identity")
            << "CREATE TABLE t (id serial PRIMARY KEY, x integer);"
            << "CREATE TABLE t (id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, x "
               "integer);"
            << 3
            << QStringList{QStringLiteral("ALTER TABLE public.t ALTER COLUMN id DROP DEFAULT"),
                           QStringLiteral("ALTER TABLE public.t ALTER COLUMN id ADD GENERATED "
                                          "BY DEFAULT AS IDENTITY"),
                           QStringLiteral("DROP SEQUENCE public.t_id_seq")}
            << QStringList{};
        QTest::newRow("identity options")
            << "CREATE TABLE t (id integer GENERATED ALWAYS AS IDENTITY, x integer);"
            << "CREATE TABLE t (id integer GENERATED BY DEFAULT AS IDENTITY (INCREMENT BY 5), x "
               "integer);"
            << 3
            << QStringList{QStringLiteral("ALTER TABLE public.t ALTER COLUMN id SET GENERATED BY "
                                          "DEFAULT")}
            << QStringList{};
        QTest::newRow("generated expression changed")
            << "CREATE TABLE t (a integer, b integer GENERATED ALWAYS AS (a * 2) STORED);"
            << "CREATE TABLE t (a integer, b integer GENERATED ALWAYS AS (a * 3) STORED);" << 3
            << QStringList{QStringLiteral("ALTER TABLE public.t DROP COLUMN b"),
                           QStringLiteral("ALTER TABLE public.t ADD COLUMN b integer GENERATED")}
            << QStringList{};
        QTest::newRow("generated to plain")
            << "CREATE TABLE t (a integer, b integer GENERATED ALWAYS AS (a * 2) STORED);"
            << "CREATE TABLE t (a integer, b integer);" << 3
            << QStringList{QStringLiteral("ALTER TABLE public.t ALTER COLUMN b DROP EXPRESSION")}
            << QStringList{QStringLiteral("downgrade_loses_data")};
        QTest::newRow("defaults, not null, collation")
            << "CREATE TABLE t (a integer DEFAULT 1, b text, c text NOT NULL DEFAULT '');"
            << "CREATE TABLE t (a integer NOT NULL DEFAULT 2, b text COLLATE \"C\" DEFAULT 'x', "
               "c text);"
            << 3
            << QStringList{QStringLiteral("ALTER TABLE public.t ALTER COLUMN a SET DEFAULT 2"),
                           QStringLiteral("ALTER TABLE public.t ALTER COLUMN a SET NOT NULL")}
            << QStringList{QStringLiteral("validates_constraint")};
        QTest::newRow("columns added and dropped")
            << "CREATE TABLE t (id serial, a integer, gone text);"
            << "CREATE TABLE t (a integer, b uuid DEFAULT gen_random_uuid(), c integer NOT NULL "
               "DEFAULT 0);"
            << 3
            << QStringList{QStringLiteral("ALTER TABLE public.t DROP COLUMN gone"),
                           QStringLiteral("ALTER TABLE public.t ADD COLUMN b uuid")}
            << QStringList{QStringLiteral("deletes_data"), QStringLiteral("rewrites_table"),
                           QStringLiteral("downgrade_loses_data")};
        QTest::newRow("varchar narrowed")
            << "CREATE TABLE t (a varchar(40));"
            << "CREATE TABLE t (a varchar(10));" << 3
            << QStringList{QStringLiteral("ALTER TABLE public.t ALTER COLUMN a TYPE character "
                                          "varying(10) USING a::character varying(10)")}
            << QStringList{QStringLiteral("deletes_data")};
        QTest::newRow("constraints added to tables")
            << "CREATE TABLE film (id integer PRIMARY KEY, title text);"
               "CREATE TABLE actor (id integer PRIMARY KEY, film_id integer);"
            << "CREATE TABLE film (id integer PRIMARY KEY, title text UNIQUE);"
               "CREATE TABLE actor (id integer PRIMARY KEY CHECK (id > 0), film_id integer "
               "REFERENCES film);"
            << 0
            << QStringList{QStringLiteral("ALTER TABLE public.film ADD CONSTRAINT film_title_key"),
                           QStringLiteral("ALTER TABLE public.actor VALIDATE CONSTRAINT "
                                          "actor_film_id_fkey")}
            << QStringList{QStringLiteral("builds_index")};
        QTest::newRow("a referenced key changed")
            << "CREATE TABLE film (id integer, CONSTRAINT film_key UNIQUE (id));"
               "CREATE TABLE actor (film_id integer REFERENCES film (id));"
            << "CREATE TABLE film (id integer, CONSTRAINT film_key PRIMARY KEY (id));"
               "CREATE TABLE actor (film_id integer REFERENCES film (id));"
            << 0
            << QStringList{QStringLiteral("ALTER TABLE public.actor DROP CONSTRAINT"),
                           QStringLiteral("ALTER TABLE public.film DROP CONSTRAINT film_key"),
                           QStringLiteral("ALTER TABLE public.film ADD CONSTRAINT film_key"),
                           QStringLiteral("ALTER TABLE public.actor ADD CONSTRAINT")}
            << QStringList{};
        QTest::newRow("partitions")
            << "CREATE TABLE log (id integer, at date) PARTITION BY RANGE (at);"
               "CREATE TABLE log_2020 PARTITION OF log FOR VALUES FROM ('2020-01-01') TO "
               "('2021-01-01');"
               "CREATE TABLE log_old PARTITION OF log FOR VALUES FROM ('2000-01-01') TO "
               "('2001-01-01');"
               "CREATE INDEX log_at_idx ON log (at);"
            << "CREATE TABLE log (id integer, at date) PARTITION BY RANGE (at);"
               "CREATE TABLE log_2020 PARTITION OF log FOR VALUES FROM ('2020-01-01') TO "
               "('2022-01-01');"
               "CREATE TABLE log_2023 PARTITION OF log FOR VALUES FROM ('2023-01-01') TO "
               "('2024-01-01');"
               "CREATE INDEX log_at_idx ON log (at);"
               "CREATE INDEX log_id_idx ON log (id);"
               "CREATE INDEX log_2020_own_idx ON log_2020 (id);"
            << 0
            << QStringList{QStringLiteral("DROP TABLE public.log_old"),
                           QStringLiteral("ALTER TABLE public.log DETACH PARTITION "
                                          "public.log_2020"),
                           QStringLiteral("CREATE TABLE public.log_2023 PARTITION OF public.log"),
                           QStringLiteral("CREATE INDEX log_id_idx ON public.log"),
                           QStringLiteral("CREATE INDEX log_2020_own_idx")}
            << QStringList{QStringLiteral("validates_constraint")};
        QTest::newRow("partition key changed")
            << "CREATE TABLE log (id integer, at date) PARTITION BY RANGE (at);"
               "CREATE TABLE log_2020 PARTITION OF log FOR VALUES FROM ('2020-01-01') TO "
               "('2021-01-01');"
            << "CREATE TABLE log (id integer, at date) PARTITION BY LIST (id);"
               "CREATE TABLE log_2020 PARTITION OF log FOR VALUES IN (1, 2);"
            << 0
            << QStringList{QStringLiteral("DROP TABLE public.log_2020"),
                           QStringLiteral("DROP TABLE public.log"),
                           QStringLiteral("CREATE TABLE public.log"),
                           QStringLiteral("CREATE TABLE public.log_2020 PARTITION OF")}
            << QStringList{QStringLiteral("deletes_data")};
        QTest::newRow("table properties")
            << "CREATE TABLE t (a integer) WITH (autovacuum_enabled = false);"
               "CREATE TABLE parent (a integer); CREATE TABLE child (a integer, b integer);"
            << "CREATE UNLOGGED TABLE t (a integer) WITH (fillfactor = 70);"
               "ALTER TABLE t ENABLE ROW LEVEL SECURITY; ALTER TABLE t FORCE ROW LEVEL SECURITY;"
               "CREATE TABLE parent (a integer); CREATE TABLE child (a integer, b integer);"
               "ALTER TABLE child INHERIT parent;"
            << 3
            << QStringList{QStringLiteral("ALTER TABLE public.child INHERIT public.parent"),
                           QStringLiteral("ALTER TABLE public.t SET UNLOGGED"),
                           QStringLiteral("ALTER TABLE public.t RESET (autovacuum_enabled)"),
                           QStringLiteral("ALTER TABLE public.t ENABLE ROW LEVEL SECURITY")}
            << QStringList{QStringLiteral("rewrites_table")};
        QTest::newRow("column type under a materialized view and its index")
            << "CREATE TABLE film (id integer PRIMARY KEY, title varchar(20));"
               "CREATE MATERIALIZED VIEW film_titles AS SELECT id, title FROM film;"
               "CREATE UNIQUE INDEX film_titles_id ON film_titles (id);"
               "CREATE VIEW film_titles_2 AS SELECT title FROM film_titles;"
            << "CREATE TABLE film (id integer PRIMARY KEY, title varchar(40));"
               "CREATE MATERIALIZED VIEW film_titles AS SELECT id, title FROM film;"
               "CREATE UNIQUE INDEX film_titles_id ON film_titles (id);"
               "CREATE VIEW film_titles_2 AS SELECT title FROM film_titles;"
            << 3
            << QStringList{QStringLiteral("DROP VIEW public.film_titles_2"),
                           QStringLiteral("DROP MATERIALIZED VIEW public.film_titles"),
                           QStringLiteral("ALTER TABLE public.film ALTER COLUMN title TYPE"),
                           QStringLiteral("CREATE UNIQUE INDEX film_titles_id")}
            << QStringList{};
        QTest::newRow("column dropped from under a view")
            << "CREATE TABLE t (a integer, b integer); CREATE VIEW v AS SELECT a, b FROM t;"
            << "CREATE TABLE t (a integer); CREATE VIEW v AS SELECT a FROM t;" << 3
            << QStringList{QStringLiteral("ALTER TABLE public.t DROP COLUMN b")}
            << QStringList{QStringLiteral("deletes_data")};
        QTest::newRow("table dropped from under a changed view")
            << "CREATE TABLE t (a integer); CREATE TABLE u (a integer);"
               "CREATE VIEW v AS SELECT a FROM t UNION SELECT a FROM u;"
            << "CREATE TABLE t (a integer); CREATE VIEW v AS SELECT a FROM t;" << 3
            << QStringList{QStringLiteral("DROP TABLE public.u")}
            << QStringList{QStringLiteral("deletes_data")};
        // Without rows: the downgrade cannot give back the rows the foreign key needs.
        QTest::newRow("serial column of a dropped table")
            << "CREATE TABLE t (id serial PRIMARY KEY, a integer);"
               "CREATE TABLE u (t_id integer REFERENCES t);"
            << "CREATE TABLE u (t_id integer);" << 0
            << QStringList{QStringLiteral("ALTER TABLE public.u DROP CONSTRAINT"),
                           QStringLiteral("DROP TABLE public.t")}
            << QStringList{QStringLiteral("deletes_data")};
        // The child's column comes only from the parent: made its own by NO INHERIT, it could
        // not be given back, so the table is dropped and created (and flagged). No rows: the
        // proof counts a parent's rows with its children's.
        QTest::newRow("inheritance removed from a child taking its columns")
            << "CREATE TABLE parent (a integer); CREATE TABLE child (b integer) INHERITS (parent);"
            << "CREATE TABLE parent (a integer); CREATE TABLE child (a integer, b integer);" << 0
            << QStringList{QStringLiteral("DROP TABLE public.child"),
                           QStringLiteral("CREATE TABLE public.child")}
            << QStringList{QStringLiteral("deletes_data")};
        QTest::newRow("inheritance given to a child taking its columns")
            << "CREATE TABLE parent (a integer); CREATE TABLE child (a integer, b integer);"
            << "CREATE TABLE parent (a integer); CREATE TABLE child (b integer) INHERITS (parent);"
            << 0
            << QStringList{QStringLiteral("DROP TABLE public.child"),
                           QStringLiteral("CREATE TABLE public.child")}
            << QStringList{QStringLiteral("deletes_data")};
        QTest::newRow("inheritance removed from a child with columns of its own")
            << "CREATE TABLE parent (a integer); CREATE TABLE child (a integer, b integer);"
               "ALTER TABLE child INHERIT parent;"
            << "CREATE TABLE parent (a integer); CREATE TABLE child (a integer, b integer);" << 0
            << QStringList{QStringLiteral("ALTER TABLE public.child NO INHERIT public.parent")}
            << QStringList{};
        QTest::newRow("serial to bigserial")
            << "CREATE TABLE t (id serial PRIMARY KEY, a integer[]);"
            << "CREATE TABLE t (id bigserial PRIMARY KEY, a bigint[]);" << 3
            << QStringList{QStringLiteral("ALTER TABLE public.t ALTER COLUMN id TYPE bigint")}
            << QStringList{QStringLiteral("rewrites_table")};
        QTest::newRow("text column to a new enum type")
            << "CREATE TABLE t (mood text);"
            << "CREATE TYPE mood AS ENUM ('sad', 'happy'); CREATE TABLE t (mood mood);" << 0
            << QStringList{QStringLiteral("CREATE TYPE public.mood"),
                           QStringLiteral("ALTER TABLE public.t ALTER COLUMN mood TYPE "
                                          "public.mood USING mood::text::public.mood")}
            << QStringList{};
        QTest::newRow("unique constraint to a unique index of the same name")
            << "CREATE TABLE t (a integer, b integer, CONSTRAINT t_a_key UNIQUE (a));"
            << "CREATE TABLE t (a integer, b integer CHECK (b > 0));"
               "CREATE UNIQUE INDEX t_a_key ON t (a, b);"
            << 0
            << QStringList{QStringLiteral("ALTER TABLE public.t DROP CONSTRAINT t_a_key"),
                           QStringLiteral("CREATE UNIQUE INDEX t_a_key")}
            << QStringList{};
        QTest::newRow("column added with its check and index, another dropped with its own")
            << "CREATE TABLE t (a integer, b integer CHECK (b > 0)); CREATE INDEX t_b ON t (a, b);"
            << "CREATE TABLE t (a integer, c integer CHECK (c > 0)); CREATE INDEX t_c ON t (c);"
            << 3
            << QStringList{QStringLiteral("ALTER TABLE public.t DROP COLUMN b"),
                           QStringLiteral("ALTER TABLE public.t ADD COLUMN c"),
                           QStringLiteral("CREATE INDEX t_c")}
            << QStringList{QStringLiteral("deletes_data")};
        QTest::newRow("identity widened, another made plain")
            << "CREATE TABLE t (id integer GENERATED ALWAYS AS IDENTITY, n smallint GENERATED BY "
               "DEFAULT AS IDENTITY (START WITH 10));"
            << "CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY, n smallint NOT NULL);" << 3
            << QStringList{QStringLiteral("ALTER TABLE public.t ALTER COLUMN id TYPE bigint"),
                           QStringLiteral("ALTER TABLE public.t ALTER COLUMN n DROP IDENTITY")}
            << QStringList{QStringLiteral("rewrites_table")};
        QTest::newRow("dropped table with comments on it and its index")
            << "CREATE TABLE t (a integer CONSTRAINT t_a_check CHECK (a > 0));"
               "CREATE INDEX t_a ON t (a); COMMENT ON INDEX t_a IS 'by a';"
               "COMMENT ON TABLE t IS 'the t'; COMMENT ON COLUMN t.a IS 'the a';"
               "COMMENT ON CONSTRAINT t_a_check ON t IS 'positive';"
            << "" << 3 << QStringList{QStringLiteral("DROP TABLE public.t")}
            << QStringList{QStringLiteral("deletes_data")};
        QTest::newRow("column storage, compression and statistics")
            << "CREATE TABLE t (a text, b text, c integer);"
               "ALTER TABLE t ALTER COLUMN b SET STORAGE MAIN;"
               "ALTER TABLE t ALTER COLUMN c SET STATISTICS 500;"
            << "CREATE TABLE t (a text, b text, c integer, d text);"
               "ALTER TABLE t ALTER COLUMN a SET STORAGE EXTERNAL;"
               "ALTER TABLE t ALTER COLUMN a SET COMPRESSION pglz;"
               "ALTER TABLE t ALTER COLUMN d SET STATISTICS 50;"
               "CREATE TABLE u (x text); ALTER TABLE u ALTER COLUMN x SET STORAGE PLAIN;"
            << 3
            << QStringList{QStringLiteral("ALTER TABLE public.t ALTER COLUMN a SET STORAGE "
                                          "EXTERNAL"),
                           QStringLiteral("DO $$BEGIN EXECUTE")}
            << QStringList{};
        QTest::newRow("replica identity")
            << "CREATE TABLE t (id integer PRIMARY KEY, u integer NOT NULL);"
               "CREATE TABLE s (a integer);"
            << "CREATE TABLE t (id integer PRIMARY KEY, u integer NOT NULL);"
               "CREATE UNIQUE INDEX t_u ON t (u);"
               "ALTER TABLE t REPLICA IDENTITY USING INDEX t_u;"
               "CREATE TABLE s (a integer); ALTER TABLE s REPLICA IDENTITY FULL;"
               "CREATE TABLE n (id integer PRIMARY KEY);"
               "ALTER TABLE n REPLICA IDENTITY USING INDEX n_pkey;"
            << 3
            << QStringList{QStringLiteral("ALTER TABLE public.s REPLICA IDENTITY FULL"),
                           QStringLiteral("ALTER TABLE public.n REPLICA IDENTITY USING INDEX "
                                          "n_pkey"),
                           QStringLiteral("ALTER TABLE public.t REPLICA IDENTITY USING INDEX "
                                          "t_u")}
            << QStringList{};
        QTest::newRow("column options and a clustered index")
            << "CREATE TABLE t (a integer, b text); CREATE INDEX t_a ON t (a);"
            << "CREATE TABLE t (a integer, b text); CREATE INDEX t_a ON t (a);"
               "ALTER TABLE t ALTER COLUMN a SET (n_distinct = 100); ALTER TABLE t CLUSTER ON t_a;"
            << 3
            << QStringList{QStringLiteral(
                               "ALTER TABLE public.t ALTER COLUMN a SET (n_distinct=100)"),
                           QStringLiteral("ALTER TABLE public.t CLUSTER ON t_a")}
            << QStringList{};
        QTest::newRow("column options reset and changed, the cluster moved")
            << "CREATE TABLE t (a integer, b text); CREATE INDEX t_a ON t (a);"
               "CREATE INDEX t_b ON t (b); ALTER TABLE t ALTER COLUMN a SET (n_distinct = 100, "
               "n_distinct_inherited = 5); ALTER TABLE t ALTER COLUMN b SET (n_distinct = -0.5);"
               "ALTER TABLE t CLUSTER ON t_a;"
            << "CREATE TABLE t (a integer, b text); CREATE INDEX t_a ON t (a);"
               "CREATE INDEX t_b ON t (b); ALTER TABLE t ALTER COLUMN a SET (n_distinct = 50);"
               "ALTER TABLE t CLUSTER ON t_b;"
            << 3
            << QStringList{QStringLiteral("ALTER TABLE public.t ALTER COLUMN a RESET "
                                          "(n_distinct_inherited)"),
                           QStringLiteral(
                               "ALTER TABLE public.t ALTER COLUMN a SET (n_distinct=50)"),
                           QStringLiteral("ALTER TABLE public.t ALTER COLUMN b RESET (n_distinct)"),
                           QStringLiteral("ALTER TABLE public.t CLUSTER ON t_b")}
            << QStringList{};
        QTest::newRow("cluster cleared")
            << "CREATE TABLE t (a integer); CREATE INDEX t_a ON t (a); CLUSTER t USING t_a;"
            << "CREATE TABLE t (a integer); CREATE INDEX t_a ON t (a);" << 3
            << QStringList{QStringLiteral("ALTER TABLE public.t SET WITHOUT CLUSTER")}
            << QStringList{};
        QTest::newRow("table, column and clustered index created")
            << "CREATE TABLE u (id integer);"
            << "CREATE TABLE u (id integer, x integer); ALTER TABLE u ALTER COLUMN x SET "
               "(n_distinct = 10);"
               "CREATE TABLE t (a integer, b text); CREATE INDEX t_a ON t (a);"
               "ALTER TABLE t ALTER COLUMN b SET (n_distinct = 7); ALTER TABLE t CLUSTER ON t_a;"
               "CREATE MATERIALIZED VIEW m AS SELECT a FROM t; CREATE INDEX m_a ON m (a);"
               "ALTER MATERIALIZED VIEW m CLUSTER ON m_a;"
            << 3
            << QStringList{QStringLiteral("ALTER TABLE public.t ALTER COLUMN b SET (n_distinct=7)"),
                           QStringLiteral("CREATE INDEX t_a ON public.t"),
                           QStringLiteral("ALTER TABLE public.t CLUSTER ON t_a"),
                           QStringLiteral("ALTER MATERIALIZED VIEW public.m CLUSTER ON m_a")}
            << QStringList{};
        QTest::newRow("clustered index redefined and another taking the mark")
            << "CREATE TABLE t (a integer, b text); CREATE INDEX t_a ON t (a);"
               "CREATE INDEX t_b ON t (b); CLUSTER t USING t_a;"
               "CREATE TABLE u (a integer); CREATE INDEX u_a ON u (a); CLUSTER u USING u_a;"
            << "CREATE TABLE t (a integer, b text); CREATE INDEX t_a ON t (a, b);"
               "CREATE INDEX t_b ON t (b); ALTER TABLE t CLUSTER ON t_a;"
               "CREATE TABLE u (a integer); CREATE INDEX u_a ON u (a);"
               "CREATE INDEX u_a2 ON u (a DESC); ALTER TABLE u CLUSTER ON u_a2;"
            << 3
            << QStringList{QStringLiteral("DROP INDEX public.t_a"),
                           QStringLiteral("CREATE INDEX t_a ON public.t"),
                           QStringLiteral("ALTER TABLE public.t CLUSTER ON t_a")}
            << QStringList{QStringLiteral("builds_index")};
        QTest::newRow("sequences")
            << "CREATE SEQUENCE s; CREATE TABLE t (a integer); CREATE SEQUENCE gone;"
            << "CREATE SEQUENCE s AS integer INCREMENT BY 5 CACHE 10 CYCLE;"
               "CREATE TABLE t (a integer DEFAULT nextval('s')); ALTER SEQUENCE s OWNED BY t.a;"
               "CREATE TABLE u (id serial, v integer);"
            << 3
            << QStringList{QStringLiteral("DROP SEQUENCE public.gone"),
                           QStringLiteral("ALTER SEQUENCE public.s AS integer"),
                           QStringLiteral("CREATE SEQUENCE public.u_id_seq"),
                           QStringLiteral("CREATE TABLE public.u"),
                           QStringLiteral("ALTER SEQUENCE public.u_id_seq OWNED BY public.u.id")}
            << QStringList{};
    }

    // The upgrade runs on A with seeded rows, gives B, gives nothing more to do, and its
    // downgrade gives A back.
    void proven()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(int, seedRows);
        QFETCH(QStringList, statements);
        QFETCH(QStringList, hazards);
        QString error;
        const auto pair = loadPair(a, b, &error);
        QVERIFY2(pair, qPrintable(error));
        const QString &databaseA = pair->databaseA;
        const SchemaModel *modelA = &pair->a;
        const SchemaModel *modelB = &pair->b;

        const SchemaDiff generated = diff(*modelA, *modelB);
        QVERIFY2(generated.refused.isEmpty(),
                 qPrintable(generated.refused.join(QLatin1Char('\n'))));
        const QString upgrade = generated.upgradeSql();
        qsizetype from = 0;
        for (const QString &statement : statements) {
            const qsizetype found = upgrade.indexOf(statement, from);
            QVERIFY2(
                found >= 0,
                qPrintable(
                    QStringLiteral("\"%1\" not found in order in:\n%2").arg(statement, upgrade)));
            from = found + 1;
        }
        for (const QString &hazard : hazards)
            QVERIFY2(
                upgrade.contains(QStringLiteral("-- hazard: ") +
                                 [&] {
                                     for (Hazard h :
                                          {Hazard::DeletesData, Hazard::RewritesTable,
                                           Hazard::AccessExclusiveLock, Hazard::BuildsIndex,
                                           Hazard::ValidatesConstraint, Hazard::NotInTransaction,
                                           Hazard::UntrackedDependency, Hazard::DowngradeLosesData})
                                         if (hazardName(h) == hazard)
                                             return hazardText(h);
                                     return hazard;
                                 }()),
                qPrintable(hazard + QStringLiteral(" not flagged in:\n") + upgrade));

        PostgresDriver scratch(m_server->conninfo(databaseA), databaseA);
        auto report = prove(scratch, *modelA, *modelB, generated, {}, seedRows);
        scratch.close();
        QVERIFY2(report, report ? "" : qPrintable(report.error().message));
        QVERIFY2(report->ok(),
                 qPrintable(report->failure + QStringLiteral("\n\nupgrade:\n") + upgrade +
                            QStringLiteral("\ndowngrade:\n") + generated.downgradeSql()));
    }

    // Declared renames keep the rows: the table and the column are renamed, not dropped, and
    // the downgrade renames them back.
    void renamesKeepRows()
    {
        QString error;
        const auto pair = loadPair(
            QStringLiteral("CREATE TABLE film (id serial CONSTRAINT film_pkey PRIMARY KEY, "
                           "title text CONSTRAINT film_title_check CHECK (title <> ''));"
                           "CREATE INDEX film_title_idx ON film (title);"
                           "CREATE VIEW film_titles AS SELECT title FROM film;"
                           "CREATE TABLE actor (film_id integer CONSTRAINT actor_film_id_fkey "
                           "REFERENCES film (id));"
                           "COMMENT ON COLUMN film.title IS 'as released';"
                           "INSERT INTO film (title) VALUES ('Alien');"
                           "INSERT INTO actor VALUES (1);"),
            QStringLiteral("CREATE SEQUENCE film_id_seq AS integer;"
                           "CREATE TABLE movie (id integer NOT NULL DEFAULT "
                           "nextval('film_id_seq') CONSTRAINT film_pkey PRIMARY KEY, "
                           "name text CONSTRAINT film_title_check CHECK (name <> ''));"
                           "ALTER SEQUENCE film_id_seq OWNED BY movie.id;"
                           "CREATE INDEX film_title_idx ON movie (name);"
                           "CREATE VIEW film_titles AS SELECT name FROM movie;"
                           "CREATE TABLE actor (film_id integer CONSTRAINT actor_film_id_fkey "
                           "REFERENCES movie (id));"
                           "COMMENT ON COLUMN movie.name IS 'as released';"),
            &error);
        QVERIFY2(pair, qPrintable(error));
        const QString &databaseA = pair->databaseA;
        const SchemaModel *modelA = &pair->a;
        const SchemaModel *modelB = &pair->b;

        DiffOptions options;
        SchemaObject movie;
        movie.kind = ObjectKind::Table;
        movie.schema = QStringLiteral("public");
        movie.name = QStringLiteral("movie");
        SchemaObject name;
        name.kind = ObjectKind::Column;
        name.schema = QStringLiteral("public");
        name.table = QStringLiteral("movie");
        name.name = QStringLiteral("name");
        options.renames.insert(movie.key(), QStringLiteral("film"));
        options.renames.insert(name.key(), QStringLiteral("title"));
        const SchemaDiff generated = diff(*modelA, *modelB, options);
        QVERIFY2(generated.refused.isEmpty(),
                 qPrintable(generated.refused.join(QLatin1Char('\n'))));
        const QString upgrade = generated.upgradeSql();
        QVERIFY2(!upgrade.contains(QStringLiteral("DROP TABLE")), qPrintable(upgrade));
        QVERIFY2(upgrade.contains(QStringLiteral("ALTER TABLE public.film RENAME TO movie;")),
                 qPrintable(upgrade));
        QVERIFY2(upgrade.contains(
                     QStringLiteral("ALTER TABLE public.movie RENAME COLUMN title TO name;")),
                 qPrintable(upgrade));
        QVERIFY(!upgrade.contains(QStringLiteral("-- hazard: ") + hazardText(Hazard::DeletesData)));

        QString out;
        QVERIFY2(m_server->psql(QStringLiteral("BEGIN;\n") + upgrade + QStringLiteral("COMMIT;"),
                                &out, databaseA),
                 qPrintable(out + QStringLiteral("\n") + upgrade));
        QVERIFY(
            m_server->psql(QStringLiteral("SELECT name FROM movie WHERE id = 1"), &out, databaseA));
        QVERIFY2(out.contains(QStringLiteral("Alien")), qPrintable(out));
        const auto upgraded = inspectDatabase(databaseA, &error);
        QVERIFY2(upgraded, qPrintable(error));
        QVERIFY2(compare(*modelB, *upgraded).isEmpty(),
                 qPrintable(describe(compare(*modelB, *upgraded))));
        QVERIFY(diff(*upgraded, *modelB).isEmpty());

        QVERIFY2(m_server->psql(QStringLiteral("BEGIN;\n") + generated.downgradeSql() +
                                    QStringLiteral("COMMIT;"),
                                &out, databaseA),
                 qPrintable(out + QStringLiteral("\n") + generated.downgradeSql()));
        QVERIFY(
            m_server->psql(QStringLiteral("SELECT title FROM film WHERE id = 1"), &out, databaseA));
        QVERIFY2(out.contains(QStringLiteral("Alien")), qPrintable(out));
        const auto downgraded = inspectDatabase(databaseA, &error);
        QVERIFY2(downgraded, qPrintable(error));
        QVERIFY2(compare(*modelA, *downgraded).isEmpty(),
                 qPrintable(describe(compare(*modelA, *downgraded))));
    }

    // A renamed table's key, check, index and serial sequence named after it in the desired
    // schema are renamed with it (matched by definition), never dropped: the sequence goes on
    // where it was.
    void renamesCarryDerivedNames()
    {
        QString error;
        const auto pair = loadPair(
            QStringLiteral("CREATE TABLE usr (id serial PRIMARY KEY, name text CHECK (name <> "
                           "''));"
                           "CREATE INDEX usr_name_idx ON usr (name);"
                           "CREATE TABLE post (usr_id integer REFERENCES usr);"
                           "INSERT INTO usr (name) VALUES ('ada'), ('bob');"),
            QStringLiteral("CREATE TABLE client (id serial PRIMARY KEY, name text CHECK (name <> "
                           "''));"
                           "CREATE INDEX client_name_idx ON client (name);"
                           "CREATE TABLE post (usr_id integer REFERENCES client);"),
            &error);
        QVERIFY2(pair, qPrintable(error));
        SchemaObject client;
        client.kind = ObjectKind::Table;
        client.schema = QStringLiteral("public");
        client.name = QStringLiteral("client");
        DiffOptions options;
        options.renames.insert(client.key(), QStringLiteral("usr"));
        const SchemaDiff generated = diff(pair->a, pair->b, options);
        QVERIFY2(generated.refused.isEmpty(),
                 qPrintable(generated.refused.join(QLatin1Char('\n'))));
        const QString upgrade = generated.upgradeSql();
        for (const QString &statement :
             {QStringLiteral("ALTER TABLE public.usr RENAME TO client;"),
              QStringLiteral(
                  "ALTER TABLE public.client RENAME CONSTRAINT usr_pkey TO client_pkey;"),
              QStringLiteral("ALTER TABLE public.client RENAME CONSTRAINT usr_name_check TO "
                             "client_name_check;"),
              QStringLiteral("ALTER INDEX public.usr_name_idx RENAME TO client_name_idx;"),
              QStringLiteral("ALTER SEQUENCE public.usr_id_seq RENAME TO client_id_seq;")})
            QVERIFY2(upgrade.contains(statement),
                     qPrintable(statement + QLatin1Char('\n') + upgrade));
        QVERIFY2(!upgrade.contains(QStringLiteral("DROP")), qPrintable(upgrade));
        PostgresDriver scratch(m_server->conninfo(pair->databaseA), pair->databaseA);
        auto report = prove(scratch, pair->a, pair->b, generated, {}, 3);
        scratch.close();
        QVERIFY2(report, report ? "" : qPrintable(report.error().message));
        QVERIFY2(report->ok(), qPrintable(report->failure + QLatin1Char('\n') + upgrade));
    }

    // CONCURRENTLY on request, for indexes and for the indexes of new keys: the migration is
    // then not transactional and still proven.
    void concurrentIndexes()
    {
        QString error;
        const auto pair = loadPair(
            QStringLiteral("CREATE TABLE t (a integer, b text); CREATE TABLE u (id integer NOT "
                           "NULL, c integer, d integer);"),
            QStringLiteral("CREATE TABLE t (a integer, b text);"
                           "CREATE UNIQUE INDEX t_a_idx ON t (a);"
                           "CREATE TABLE u (id integer CONSTRAINT u_pkey PRIMARY KEY, c integer, "
                           "d integer, CONSTRAINT u_c_key UNIQUE (c) INCLUDE (d) DEFERRABLE "
                           "INITIALLY DEFERRED);"),
            &error);
        QVERIFY2(pair, qPrintable(error));
        const QString &databaseA = pair->databaseA;
        const SchemaModel *modelA = &pair->a;
        const SchemaModel *modelB = &pair->b;
        DiffOptions options;
        options.concurrentIndexes = true;
        const SchemaDiff generated = diff(*modelA, *modelB, options);
        QVERIFY(!generated.transactional());
        const QString upgrade = generated.upgradeSql();
        for (const QString &statement :
             {QStringLiteral("CREATE UNIQUE INDEX CONCURRENTLY t_a_idx ON public.t"),
              QStringLiteral("CREATE UNIQUE INDEX CONCURRENTLY u_pkey ON public.u USING btree "
                             "(id);"),
              QStringLiteral("ALTER TABLE public.u ADD CONSTRAINT u_pkey PRIMARY KEY USING INDEX "
                             "u_pkey;"),
              QStringLiteral("CREATE UNIQUE INDEX CONCURRENTLY u_c_key ON public.u USING btree "
                             "(c) INCLUDE (d);"),
              QStringLiteral("ALTER TABLE public.u ADD CONSTRAINT u_c_key UNIQUE USING INDEX "
                             "u_c_key DEFERRABLE INITIALLY DEFERRED;")})
            QVERIFY2(upgrade.contains(statement),
                     qPrintable(statement + QLatin1Char('\n') + upgrade));
        PostgresDriver scratch(m_server->conninfo(databaseA), databaseA);
        auto report = prove(scratch, *modelA, *modelB, generated, {}, 0);
        scratch.close();
        QVERIFY2(report, report ? "" : qPrintable(report.error().message));
        QVERIFY2(report->ok(), qPrintable(report->failure));
    }

    // An index a failed CREATE INDEX CONCURRENTLY left invalid: in FROM it is built again
    // (REINDEX); in TO it cannot be produced, and the diff refuses naming it.
    void invalidIndexes()
    {
        const QString schema =
            QStringLiteral("CREATE TABLE t (a integer, b text); CREATE INDEX t_a ON t (a);"
                           "INSERT INTO t VALUES (1, 'x');");
        const QString invalidate = QStringLiteral(
            "UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'public.t_a'::regclass;");
        QString error;
        const auto pair = loadPair(schema + invalidate, schema, &error);
        QVERIFY2(pair, qPrintable(error));
        QCOMPARE(pair->a.find(QStringLiteral("index|public|t|t_a|"))
                     ->property(QStringLiteral("invalid")),
                 QStringLiteral("true"));

        const SchemaDiff refused = diff(pair->b, pair->a);
        QCOMPARE(refused.refused.size(), 1);
        QVERIFY2(refused.refused[0].contains(QStringLiteral("index public.t_a")) &&
                     refused.refused[0].contains(QStringLiteral("CREATE INDEX CONCURRENTLY")),
                 qPrintable(refused.refused[0]));

        const SchemaDiff repaired = diff(pair->a, pair->b);
        QVERIFY2(repaired.refused.isEmpty(), qPrintable(repaired.refused.join(QLatin1Char('\n'))));
        const QString upgrade = repaired.upgradeSql();
        QVERIFY2(upgrade.contains(QStringLiteral("REINDEX INDEX public.t_a;")) &&
                     !upgrade.contains(QStringLiteral("DROP INDEX")) &&
                     upgrade.contains(hazardText(Hazard::BuildsIndex)),
                 qPrintable(upgrade));
        QString out;
        QVERIFY2(m_server->psql(upgrade, &out, pair->databaseA), qPrintable(out));
        const auto upgraded = inspectDatabase(pair->databaseA, &error);
        QVERIFY2(upgraded, qPrintable(error));
        QVERIFY2(compare(pair->b, *upgraded).isEmpty(),
                 qPrintable(describe(compare(pair->b, *upgraded))));
        QVERIFY(diff(*upgraded, pair->b).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSchemaDiffPg)
#include "tst_schemadiffpg.moc"
