// Reading a real PostgreSQL database into the schema model (schema/inspector.h) and comparing
// two models (compare() of schema/schemadiff.h): every kind read with its documented
// properties, no differences between two spellings of one schema, a dump-and-restore copy
// equal to its original, extension objects and Strata's own tables left out, and the corpus
// of schema pairs read with only genuinely unmodelled objects listed as unsupported.

#include "schemainspectfixture.h"
#include "schemainspectscripts.h"

#include <QDir>
#include <QTest>

using strata::test::kindsScript;
using strata::test::PgServer;
using strata::test::relationsScript;
using namespace strata::schema;

class TestSchemaInspect : public QObject, public strata::test::SchemaInspectFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        m_server = PgServer::start(&error);
        QVERIFY2(m_server, qPrintable(error));
        QVERIFY(m_home.isValid());
        // The roles the corpus's RLS and privileges fixtures name (roles are cluster-wide).
        QVERIFY(m_server->psql(QStringLiteral("CREATE ROLE schemainspect_test_role")));
    }

    void relationsReadWithTheirProperties()
    {
        const QString db = newDatabase();
        QString error;
        QVERIFY2(load(db, relationsScript(), &error), qPrintable(error));
        auto model = read(db);
        QVERIFY2(model, qPrintable(model ? QString() : model.error().message));
        QVERIFY(model->serverVersion.startsWith(QStringLiteral("PostgreSQL ")));
        const QString app = QStringLiteral("app");

        QVERIFY(object(*model, ObjectKind::Schema, {}, {}, app));
        const SchemaObject *customer =
            object(*model, ObjectKind::Table, app, {}, QStringLiteral("customer"));
        QVERIFY(customer);
        QCOMPARE(customer->comment, QStringLiteral("who buys"));
        QCOMPARE(customer->property(QStringLiteral("row_security")), QStringLiteral("true"));
        QCOMPARE(customer->property(QStringLiteral("force_row_security")), QStringLiteral("true"));
        QCOMPARE(customer->property(QStringLiteral("persistence")), QStringLiteral("permanent"));
        QCOMPARE(object(*model, ObjectKind::Table, app, {}, QStringLiteral("scratch"))
                     ->property(QStringLiteral("persistence")),
                 QStringLiteral("unlogged"));
        QCOMPARE(object(*model, ObjectKind::Table, app, {}, QStringLiteral("orders"))
                     ->property(QStringLiteral("options")),
                 QStringLiteral("fillfactor=70"));

        const SchemaObject *id = object(*model, ObjectKind::Column, app, QStringLiteral("customer"),
                                        QStringLiteral("id"));
        QVERIFY(id);
        QCOMPARE(id->property(QStringLiteral("type")), QStringLiteral("bigint"));
        QCOMPARE(id->property(QStringLiteral("identity")), QStringLiteral("always"));
        QVERIFY2(id->property(QStringLiteral("identity_options"))
                     .startsWith(QStringLiteral("START WITH 10 INCREMENT BY 1")),
                 qPrintable(id->property(QStringLiteral("identity_options"))));
        QCOMPARE(id->property(QStringLiteral("not_null")), QStringLiteral("true"));
        const SchemaObject *email = object(*model, ObjectKind::Column, app,
                                           QStringLiteral("customer"), QStringLiteral("email"));
        QCOMPARE(email->property(QStringLiteral("collation")), QStringLiteral("pg_catalog.\"C\""));
        QCOMPARE(email->comment, QStringLiteral("address"));
        QCOMPARE(email->property(QStringLiteral("storage")), QStringLiteral("external"));
        QCOMPARE(email->property(QStringLiteral("compression")), QStringLiteral("pglz"));
        QCOMPARE(email->property(QStringLiteral("statistics")), QString());
        QCOMPARE(id->property(QStringLiteral("storage")), QString());
        QCOMPARE(
            object(*model, ObjectKind::Column, app, QStringLiteral("scratch"), QStringLiteral("a"))
                ->property(QStringLiteral("statistics")),
            QStringLiteral("500"));
        QCOMPARE(object(*model, ObjectKind::Table, app, {}, QStringLiteral("scratch"))
                     ->property(QStringLiteral("replica_identity")),
                 QStringLiteral("full"));
        QCOMPARE(customer->property(QStringLiteral("replica_identity")), QString());
        const SchemaObject *name = object(*model, ObjectKind::Column, app,
                                          QStringLiteral("customer"), QStringLiteral("name"));
        QCOMPARE(name->property(QStringLiteral("type")), QStringLiteral("character varying(40)"));
        QCOMPARE(name->property(QStringLiteral("default")),
                 QStringLiteral("'x'::character varying"));
        const SchemaObject *total = object(*model, ObjectKind::Column, app,
                                           QStringLiteral("customer"), QStringLiteral("total"));
        QCOMPARE(total->property(QStringLiteral("generated")), QStringLiteral("0"));
        QCOMPARE(total->property(QStringLiteral("default")), QString());
        const SchemaObject *ordersId =
            object(*model, ObjectKind::Column, app, QStringLiteral("orders"), QStringLiteral("id"));
        QCOMPARE(ordersId->property(QStringLiteral("default")),
                 QStringLiteral("nextval('app.orders_id_seq'::regclass)"));

        // Identity sequences are the column's; serial's sequence is a sequence OWNED BY.
        QVERIFY(!object(*model, ObjectKind::Sequence, app, {}, QStringLiteral("customer_id_seq")));
        const SchemaObject *serialSeq =
            object(*model, ObjectKind::Sequence, app, {}, QStringLiteral("orders_id_seq"));
        QVERIFY(serialSeq);
        QCOMPARE(serialSeq->property(QStringLiteral("owned_by")), QStringLiteral("app.orders.id"));
        QVERIFY(ordersId->dependsOn.contains(serialSeq->key()));
        const SchemaObject *counter =
            object(*model, ObjectKind::Sequence, app, {}, QStringLiteral("counter"));
        QCOMPARE(counter->property(QStringLiteral("type")), QStringLiteral("integer"));
        QCOMPARE(counter->property(QStringLiteral("increment")), QStringLiteral("5"));
        QCOMPARE(counter->property(QStringLiteral("min")), QStringLiteral("0"));
        QCOMPARE(counter->property(QStringLiteral("max")), QStringLiteral("1000"));
        QCOMPARE(counter->property(QStringLiteral("cycle")), QStringLiteral("true"));
        QCOMPARE(counter->property(QStringLiteral("owned_by")),
                 QStringLiteral("app.orders.placed"));

        const SchemaObject *check = object(*model, ObjectKind::Constraint, app,
                                           QStringLiteral("customer"), QStringLiteral("email_ok"));
        QVERIFY(check);
        QCOMPARE(check->property(QStringLiteral("type")), QStringLiteral("check"));
        QCOMPARE(check->property(QStringLiteral("validated")), QStringLiteral("false"));
        QVERIFY(
            check->property(QStringLiteral("definition")).endsWith(QStringLiteral("NOT VALID")));
        const SchemaObject *fk =
            object(*model, ObjectKind::Constraint, app, QStringLiteral("orders"),
                   QStringLiteral("orders_customer_id_fkey"));
        QVERIFY(fk);
        QCOMPARE(fk->property(QStringLiteral("definition")),
                 QStringLiteral("FOREIGN KEY (customer_id) REFERENCES app.customer(id) "
                                "DEFERRABLE INITIALLY DEFERRED"));
        const SchemaObject *pk =
            object(*model, ObjectKind::Constraint, app, QStringLiteral("customer"),
                   QStringLiteral("customer_pkey"));
        QVERIFY(pk);
        QCOMPARE(pk->property(QStringLiteral("type")), QStringLiteral("primary key"));
        QVERIFY2(fk->dependsOn.contains(pk->key()), qPrintable(fk->dependsOn.join(u' ')));
        QCOMPARE(object(*model, ObjectKind::Constraint, app, QStringLiteral("orders"),
                        QStringLiteral("orders_id_excl"))
                     ->property(QStringLiteral("type")),
                 QStringLiteral("exclusion"));

        // Indexes behind constraints are the constraints'; the others carry %INDEX%.
        QVERIFY(!object(*model, ObjectKind::Index, app, QStringLiteral("customer"),
                        QStringLiteral("customer_pkey")));
        const SchemaObject *partial =
            object(*model, ObjectKind::Index, app, QStringLiteral("orders"),
                   QStringLiteral("orders_placed"));
        QVERIFY(partial);
        QCOMPARE(partial->property(QStringLiteral("definition")),
                 QStringLiteral("CREATE UNIQUE INDEX %INDEX% ON app.orders USING btree (placed) "
                                "WHERE (placed IS NOT NULL)"));
        QCOMPARE(partial->property(QStringLiteral("unique")), QStringLiteral("true"));
        QVERIFY(object(*model, ObjectKind::Index, app, QStringLiteral("orders"),
                       QStringLiteral("orders_lower")));
        QVERIFY(partial->dependsOn.contains(
            object(*model, ObjectKind::Table, app, {}, QStringLiteral("orders"))->key()));

        // Partitions: bound and parent; the partition's index through the parent index.
        const SchemaObject *events =
            object(*model, ObjectKind::Table, app, {}, QStringLiteral("events"));
        QCOMPARE(events->property(QStringLiteral("partition_key")), QStringLiteral("RANGE (at)"));
        const SchemaObject *partition =
            object(*model, ObjectKind::Table, app, {}, QStringLiteral("events_2026"));
        QCOMPARE(partition->property(QStringLiteral("partition_of")), QStringLiteral("app.events"));
        QCOMPARE(partition->property(QStringLiteral("partition_bound")),
                 QStringLiteral("FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')"));
        QVERIFY(partition->dependsOn.contains(events->key()));
        QVERIFY(!object(*model, ObjectKind::Column, app, QStringLiteral("events_2026"),
                        QStringLiteral("at")));
        const SchemaObject *attached =
            object(*model, ObjectKind::Index, app, QStringLiteral("events_2026"),
                   QStringLiteral("app.events_at"));
        QVERIFY(attached);
        QCOMPARE(attached->property(QStringLiteral("parent")), QStringLiteral("app.events_at"));
        QCOMPARE(attached->property(QStringLiteral("definition")),
                 QStringLiteral("CREATE INDEX %INDEX% ON app.events_2026 USING btree (at)"));

        // Plain inheritance: the inherited column and check are the parent's.
        const SchemaObject *child =
            object(*model, ObjectKind::Table, app, {}, QStringLiteral("child"));
        QCOMPARE(child->property(QStringLiteral("inherits")), QStringLiteral("app.base"));
        QVERIFY(
            !object(*model, ObjectKind::Column, app, QStringLiteral("child"), QStringLiteral("a")));
        QVERIFY(
            object(*model, ObjectKind::Column, app, QStringLiteral("child"), QStringLiteral("b")));
        QCOMPARE(model->children(*child, ObjectKind::Constraint).size(), 0);
        QVERIFY(model->unsupported.isEmpty());
    }

    void viewsFunctionsAndOtherKinds()
    {
        const QString db = newDatabase();
        QString error;
        QVERIFY2(load(db, kindsScript(), &error), qPrintable(error));
        auto model = read(db);
        QVERIFY2(model, qPrintable(model ? QString() : model.error().message));
        const QString pub = QStringLiteral("public");
        const SchemaObject *mood =
            object(*model, ObjectKind::EnumType, pub, {}, QStringLiteral("mood"));
        QVERIFY(mood);
        QCOMPARE(mood->property(QStringLiteral("values")), QStringLiteral("sad\nok\nhappy"));
        const SchemaObject *posint =
            object(*model, ObjectKind::Domain, pub, {}, QStringLiteral("posint"));
        QVERIFY(posint);
        QCOMPARE(posint->property(QStringLiteral("type")), QStringLiteral("integer"));
        QCOMPARE(posint->property(QStringLiteral("default")), QStringLiteral("1"));
        QCOMPARE(posint->property(QStringLiteral("not_null")), QStringLiteral("true"));
        QCOMPARE(posint->property(QStringLiteral("checks")),
                 QStringLiteral("positive: CHECK ((VALUE > 0))"));
        const SchemaObject *pair =
            object(*model, ObjectKind::CompositeType, pub, {}, QStringLiteral("pair"));
        QVERIFY(pair);
        QCOMPARE(pair->property(QStringLiteral("attributes")), QStringLiteral("a integer\nb text"));
        const SchemaObject *nocase =
            object(*model, ObjectKind::Collation, pub, {}, QStringLiteral("nocase"));
        QVERIFY(nocase);
        QCOMPARE(nocase->property(QStringLiteral("provider")), QStringLiteral("i"));
        QCOMPARE(nocase->property(QStringLiteral("deterministic")), QStringLiteral("false"));
        QCOMPARE(nocase->property(QStringLiteral("locale")), QStringLiteral("und-u-ks-level2"));

        // Columns depend on their types.
        const SchemaObject *m =
            object(*model, ObjectKind::Column, pub, QStringLiteral("t"), QStringLiteral("m"));
        QVERIFY(m->dependsOn.contains(mood->key()));
        QVERIFY(object(*model, ObjectKind::Column, pub, QStringLiteral("t"), QStringLiteral("id"))
                    ->dependsOn.contains(posint->key()));

        const SchemaObject *view = object(*model, ObjectKind::View, pub, {}, QStringLiteral("v"));
        QVERIFY(view);
        QCOMPARE(view->comment, QStringLiteral("happy ones"));
        QCOMPARE(view->property(QStringLiteral("columns")),
                 QStringLiteral("id public.posint\nm public.mood"));
        QVERIFY(view->property(QStringLiteral("definition"))
                    .contains(QStringLiteral("'sad'::public.mood")));
        QVERIFY2(view->dependsOn.contains(m->key()), qPrintable(view->dependsOn.join(u' ')));
        const SchemaObject *mv =
            object(*model, ObjectKind::MaterializedView, pub, {}, QStringLiteral("mv"));
        QVERIFY(mv);
        QVERIFY(
            object(*model, ObjectKind::Index, pub, QStringLiteral("mv"), QStringLiteral("mv_c")));

        const SchemaObject *add =
            object(*model, ObjectKind::Function, pub, {}, QStringLiteral("add"),
                   QStringLiteral("a integer, b integer"));
        QVERIFY(add);
        QCOMPARE(add->property(QStringLiteral("kind")), QStringLiteral("function"));
        QCOMPARE(add->property(QStringLiteral("returns")), QStringLiteral("integer"));
        QVERIFY(add->property(QStringLiteral("definition"))
                    .startsWith(QStringLiteral("CREATE OR REPLACE FUNCTION public.add(")));
        QCOMPARE(add->comment, QStringLiteral("sum"));
        QCOMPARE(object(*model, ObjectKind::Function, pub, {}, QStringLiteral("touch"),
                        QStringLiteral("IN x text"))
                     ->property(QStringLiteral("kind")),
                 QStringLiteral("procedure"));
        const SchemaObject *total = object(*model, ObjectKind::Aggregate, pub, {},
                                           QStringLiteral("total"), QStringLiteral("integer"));
        QVERIFY(total);
        QCOMPARE(total->property(QStringLiteral("definition")),
                 QStringLiteral("CREATE AGGREGATE public.total(integer) (\n    SFUNC = "
                                "public.add,\n    STYPE = integer,\n    INITCOND = '0'\n)"));
        QVERIFY(total->dependsOn.contains(add->key()));

        const SchemaObject *trigger = object(*model, ObjectKind::Trigger, pub, QStringLiteral("t"),
                                             QStringLiteral("t_stamp"));
        QVERIFY(trigger);
        QCOMPARE(trigger->property(QStringLiteral("definition")),
                 QStringLiteral("CREATE TRIGGER t_stamp BEFORE INSERT ON public.t FOR EACH ROW "
                                "EXECUTE FUNCTION public.stamp()"));
        QCOMPARE(trigger->property(QStringLiteral("enabled")), QStringLiteral("O"));
        QVERIFY(trigger->dependsOn.contains(
            object(*model, ObjectKind::Function, pub, {}, QStringLiteral("stamp"), {})->key()));
        const SchemaObject *rule =
            object(*model, ObjectKind::Rule, pub, QStringLiteral("t"), QStringLiteral("no_delete"));
        QVERIFY(rule);
        QVERIFY(rule->property(QStringLiteral("definition"))
                    .contains(QStringLiteral("DO INSTEAD NOTHING")));
        QVERIFY(
            !object(*model, ObjectKind::Rule, pub, QStringLiteral("v"), QStringLiteral("_RETURN")));
        const SchemaObject *policy =
            object(*model, ObjectKind::Policy, pub, QStringLiteral("t"), QStringLiteral("mine"));
        QVERIFY(policy);
        QCOMPARE(policy->property(QStringLiteral("permissive")), QStringLiteral("false"));
        QCOMPARE(policy->property(QStringLiteral("command")), QStringLiteral("SELECT"));
        QCOMPARE(policy->property(QStringLiteral("roles")), QStringLiteral("public"));
        QCOMPARE(policy->property(QStringLiteral("using")), QStringLiteral("((id)::integer > 1)"));
        QCOMPARE(policy->property(QStringLiteral("with_check")), QString());
        const SchemaObject *plpgsql =
            object(*model, ObjectKind::Extension, {}, {}, QStringLiteral("plpgsql"));
        QVERIFY(plpgsql);
        QCOMPARE(plpgsql->property(QStringLiteral("schema")), QStringLiteral("pg_catalog"));
        QVERIFY(model->unsupported.isEmpty());
    }

    void sameSchemaSpelledDifferentlyComparesEqual()
    {
        // Aliases, serial, defaults written differently, volatile defaults, and a different
        // search_path at creation: the server stores the same, so nothing differs.
        const QString a = newDatabase();
        const QString b = newDatabase();
        QString error;
        QVERIFY2(load(a,
                      QStringLiteral(
                          "CREATE SCHEMA app;\n"
                          "SET search_path = app, public;\n"
                          "CREATE TYPE state AS ENUM ('on', 'off');\n"
                          "CREATE TABLE item (id serial PRIMARY KEY, n int4 DEFAULT 2, "
                          "price float8 DEFAULT 0, label varchar DEFAULT 'a', "
                          "s state DEFAULT 'on', made timestamptz DEFAULT now(), u uuid "
                          "DEFAULT gen_random_uuid(), flag bool DEFAULT TRUE);\n"
                          "CREATE INDEX item_n ON item USING btree (n ASC NULLS LAST) WHERE n "
                          "> 0;\n"
                          "CREATE VIEW item_view AS SELECT id, s FROM item WHERE s = 'on';\n"
                          "CREATE FUNCTION twice(x int4) RETURNS int4 LANGUAGE sql AS "
                          "'SELECT x * 2';\n"
                          "CREATE TABLE opts (a int) WITH (fillfactor = 70, "
                          "autovacuum_enabled = false);\n"
                          "CREATE INDEX opts_a ON opts (a) WITH (fillfactor = 70, "
                          "deduplicate_items = off);\n"
                          "CREATE TABLE more (id bigserial PRIMARY KEY, at timestamp, amount "
                          "decimal(10,2) CHECK (amount > 0), parent int8 REFERENCES more ON "
                          "DELETE NO ACTION, code char(3), tag varchar(8) COLLATE \"C\");\n"
                          "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql STRICT AS "
                          "$$BEGIN RETURN NEW; END$$;\n"
                          "CREATE TRIGGER more_touch BEFORE UPDATE ON more FOR EACH ROW EXECUTE "
                          "PROCEDURE touch();\n"
                          "GRANT ALL ON more TO PUBLIC;\n"),
                      &error),
                 qPrintable(error));
        QVERIFY2(load(b,
                      QStringLiteral(
                          "CREATE SCHEMA app;\n"
                          "CREATE TYPE app.state AS ENUM ('on', 'off');\n"
                          "CREATE SEQUENCE app.item_id_seq AS integer;\n"
                          "CREATE TABLE app.item (id integer NOT NULL DEFAULT "
                          "nextval('app.item_id_seq'), n integer DEFAULT (2), price double "
                          "precision DEFAULT 0, label character varying DEFAULT "
                          "'a'::varchar, s app.state DEFAULT "
                          "'on'::app.state, made timestamp with time zone DEFAULT now(), u "
                          "uuid DEFAULT pg_catalog.gen_random_uuid(), flag boolean DEFAULT true, "
                          "CONSTRAINT item_pkey PRIMARY KEY (id));\n"
                          "ALTER SEQUENCE app.item_id_seq OWNED BY app.item.id;\n"
                          "CREATE INDEX item_n ON app.item (n) WHERE (n > 0);\n"
                          "CREATE VIEW app.item_view AS SELECT item.id, item.s FROM app.item "
                          "WHERE item.s = 'on'::app.state;\n"
                          "CREATE FUNCTION app.twice(x integer) RETURNS integer LANGUAGE sql AS "
                          "'SELECT x * 2';\n"
                          "CREATE TABLE app.opts (a integer) WITH (autovacuum_enabled = off);\n"
                          "ALTER TABLE app.opts SET (fillfactor = 70);\n"
                          "CREATE INDEX opts_a ON app.opts (a) WITH (deduplicate_items = "
                          "false, fillfactor = 70);\n"
                          "CREATE TABLE app.more (id bigint NOT NULL, at timestamp without "
                          "time zone, amount numeric(10,2), parent bigint, code character(3), "
                          "tag character varying(8) COLLATE pg_catalog.\"C\");\n"
                          "CREATE SEQUENCE app.more_id_seq OWNED BY app.more.id;\n"
                          "ALTER TABLE app.more ALTER id SET DEFAULT "
                          "nextval('app.more_id_seq'::regclass), ADD PRIMARY KEY (id), ADD "
                          "CONSTRAINT more_amount_check CHECK ((amount > (0)::numeric)), ADD "
                          "CONSTRAINT more_parent_fkey FOREIGN KEY (parent) REFERENCES "
                          "app.more(id) MATCH SIMPLE;\n"
                          "CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql "
                          "RETURNS NULL ON NULL INPUT AS $$BEGIN RETURN NEW; END$$;\n"
                          "CREATE TRIGGER more_touch BEFORE UPDATE ON app.more FOR EACH ROW "
                          "EXECUTE FUNCTION app.touch();\n"
                          "GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER "
                          "ON app.more TO PUBLIC;\n"),
                      &error),
                 qPrintable(error));
        InspectOptions withGrants;
        withGrants.ownersAndGrants = true;
        auto left = read(a, withGrants);
        auto right = read(b, withGrants);
        QVERIFY2(left && right, "inspection failed");
        CompareOptions compareGrants;
        compareGrants.ownersAndGrants = true;
        const QList<ObjectChange> changes = compare(*left, *right, compareGrants);
        QVERIFY2(changes.isEmpty(), qPrintable(describe(changes)));
        QVERIFY(left->size() > 10);
    }

    void compareReportsEachChange()
    {
        const QString a = newDatabase();
        const QString b = newDatabase();
        const QString common =
            QStringLiteral("CREATE TABLE t (id int PRIMARY KEY, n text DEFAULT 'a', gone int);\n"
                           "CREATE INDEX t_n ON t (n);\n"
                           "CREATE TABLE tmp_scratch (x int);\n");
        QString error;
        QVERIFY2(load(a, common + QStringLiteral("COMMENT ON TABLE t IS 'one';\n"), &error),
                 qPrintable(error));
        QVERIFY2(load(b,
                      common + QStringLiteral("ALTER TABLE t ALTER n SET DEFAULT 'b', DROP gone, "
                                              "ADD extra int;\nDROP INDEX t_n;\n"
                                              "ALTER TABLE tmp_scratch ADD y int;\n"),
                      &error),
                 qPrintable(error));
        auto left = read(a);
        auto right = read(b);
        QVERIFY2(left && right, "inspection failed");
        CompareOptions options;
        options.ignore = {QStringLiteral("public.tmp_*")};
        const QList<ObjectChange> changes = compare(*left, *right, options);
        QCOMPARE(describe(changes),
                 QStringLiteral("changed table public.t: comment: one -> (none)\n"
                                "added column public.t.extra\n"
                                "removed column public.t.gone\n"
                                "changed column public.t.n: default: 'a'::text -> 'b'::text\n"
                                "removed index public.t_n"));
        options.comments = false;
        QCOMPARE(compare(*left, *right, options).size(), 4);
        options.ignore = {QStringLiteral("column public.t.*"), QStringLiteral("table public.tmp_*"),
                          QStringLiteral("index *")};
        QCOMPARE(compare(*left, *right, options).size(), 0);
        // Without ignore patterns the scratch table's new column shows.
        QCOMPARE(compare(*left, *right).size(), 6);
    }

    void ownersAndGrantsAlwaysReadComparedOnlyWhenAsked()
    {
        const QString granted = newDatabase();
        const QString plain = newDatabase();
        const QString table = QStringLiteral("CREATE TABLE t (id int, secret text);\n");
        QString error;
        QVERIFY2(load(granted,
                      QStringLiteral("CREATE ROLE inspect_reader;\n") + table +
                          QStringLiteral("GRANT SELECT ON t TO inspect_reader;\n"
                                         "GRANT UPDATE (secret) ON t TO inspect_reader;\n"),
                      &error),
                 qPrintable(error));
        QVERIFY2(load(plain, table, &error), qPrintable(error));
        // Read either way, so a diff can give a rebuilt object its grants back.
        auto withGrants = read(granted);
        auto without = read(plain);
        QVERIFY(withGrants && without);
        const QString pub = QStringLiteral("public");
        const SchemaObject *t =
            object(*withGrants, ObjectKind::Table, pub, {}, QStringLiteral("t"));
        QCOMPARE(t->owner, QStringLiteral("postgres"));
        QVERIFY2(t->grants.contains(QStringLiteral("inspect_reader:SELECT")),
                 qPrintable(t->grants.join(u',')));
        QCOMPARE(object(*withGrants, ObjectKind::Column, pub, QStringLiteral("t"),
                        QStringLiteral("secret"))
                     ->grants,
                 QStringList{QStringLiteral("inspect_reader:UPDATE")});
        QVERIFY(!object(*without, ObjectKind::Table, pub, {}, QStringLiteral("t"))
                     ->grants.contains(QStringLiteral("inspect_reader:SELECT")));
        // Compared only when asked.
        QVERIFY(compare(*without, *withGrants).isEmpty());
        CompareOptions compareGrants;
        compareGrants.ownersAndGrants = true;
        QCOMPARE(describe(compare(*without, *withGrants, compareGrants)),
                 QStringLiteral("changed table public.t: grants: postgres:DELETE,"
                                "postgres:INSERT,postgres:REFERENCES,postgres:SELECT,"
                                "postgres:TRIGGER,postgres:TRUNCATE,postgres:UPDATE -> "
                                "inspect_reader:SELECT,postgres:DELETE,postgres:INSERT,"
                                "postgres:REFERENCES,postgres:SELECT,postgres:TRIGGER,"
                                "postgres:TRUNCATE,postgres:UPDATE\n"
                                "changed column public.t.secret: grants: (none) -> "
                                "inspect_reader:UPDATE"));
        QVERIFY(
            m_server->psql(QStringLiteral("DROP OWNED BY inspect_reader; DROP ROLE inspect_reader"),
                           nullptr, granted));
    }

    void invalidClusteredAndColumnOptionsRead()
    {
        const QString db = newDatabase();
        QString error;
        QVERIFY2(load(db,
                      QStringLiteral("CREATE TABLE t (a int, b int);\n"
                                     "INSERT INTO t VALUES (1, 1), (1, 2);\n"
                                     "CREATE INDEX t_b ON t (b);\n"
                                     "CLUSTER t USING t_b;\n"
                                     "ALTER TABLE t ALTER b SET (n_distinct = 100);\n"),
                      &error),
                 qPrintable(error));
        // A failed CREATE INDEX CONCURRENTLY leaves an invalid index behind.
        QVERIFY(!m_server->psql(QStringLiteral("CREATE UNIQUE INDEX CONCURRENTLY t_a ON t (a)"),
                                nullptr, db));
        auto model = read(db);
        QVERIFY2(model, qPrintable(model ? QString() : model.error().message));
        const QString pub = QStringLiteral("public");
        const QString t = QStringLiteral("t");
        const SchemaObject *invalid =
            object(*model, ObjectKind::Index, pub, t, QStringLiteral("t_a"));
        QVERIFY(invalid);
        QCOMPARE(invalid->property(QStringLiteral("invalid")), QStringLiteral("true"));
        QCOMPARE(invalid->property(QStringLiteral("clustered")), QString());
        const SchemaObject *clustered =
            object(*model, ObjectKind::Index, pub, t, QStringLiteral("t_b"));
        QCOMPARE(clustered->property(QStringLiteral("invalid")), QString());
        QCOMPARE(clustered->property(QStringLiteral("clustered")), QStringLiteral("true"));
        QCOMPARE(object(*model, ObjectKind::Column, pub, t, QStringLiteral("b"))
                     ->property(QStringLiteral("options")),
                 QStringLiteral("n_distinct=100"));
        // Rebuilt, the index is valid again: that is a change drift reports.
        QVERIFY(m_server->psql(QStringLiteral("REINDEX INDEX t_a"), nullptr, db) ||
                m_server->psql(QStringLiteral("DROP INDEX t_a; CREATE INDEX t_a ON t (a)"), nullptr,
                               db));
        auto after = read(db);
        QVERIFY(after);
        QCOMPARE(describe(compare(*model, *after)),
                 QStringLiteral("changed index public.t_a: definition: CREATE UNIQUE INDEX "
                                "%INDEX% ON public.t USING btree (a) -> CREATE INDEX %INDEX% ON "
                                "public.t USING btree (a)\ninvalid: true -> (none)\nunique: "
                                "true -> false"));
    }

    void extensionObjectsAndExcludedTablesLeftOut()
    {
        const QString db = newDatabase();
        QString error;
        QVERIFY2(load(db,
                      QStringLiteral("CREATE EXTENSION citext;\n"
                                     "CREATE EXTENSION hstore;\n"
                                     "CREATE TABLE person (name public.citext, tags public.hstore, "
                                     "aliases public.citext[]);\n"
                                     "CREATE TABLE strata_version (version_num varchar(32) NOT "
                                     "NULL CONSTRAINT strata_version_pkc PRIMARY KEY);\n"
                                     "CREATE TABLE strata_version_history (id bigserial PRIMARY "
                                     "KEY, revision text);\n"
                                     "CREATE INDEX strata_version_history_rev ON "
                                     "strata_version_history (revision);\n"
                                     "CREATE SCHEMA scratch;\n"
                                     "CREATE TABLE scratch.t (a serial);\n"),
                      &error),
                 qPrintable(error));
        InspectOptions options;
        options.excludeTables = {QStringLiteral("strata_version"),
                                 QStringLiteral("strata_version_history")};
        options.excludeSchemas = {QStringLiteral("scratch")};
        auto model = read(db, options);
        QVERIFY2(model, qPrintable(model ? QString() : model.error().message));
        const QList<SchemaObject> all = model->objects();
        QStringList shown;
        for (const SchemaObject &o : all)
            shown << o.display();
        QCOMPARE(shown, (QStringList{
                            QStringLiteral("schema public"), QStringLiteral("extension citext"),
                            QStringLiteral("extension hstore"), QStringLiteral("extension plpgsql"),
                            QStringLiteral("table public.person"),
                            QStringLiteral("column public.person.aliases"),
                            QStringLiteral("column public.person.name"),
                            QStringLiteral("column public.person.tags")}));
        QVERIFY(model->unsupported.isEmpty());
        const SchemaObject *name = object(*model, ObjectKind::Column, QStringLiteral("public"),
                                          QStringLiteral("person"), QStringLiteral("name"));
        QCOMPARE(name->property(QStringLiteral("type")), QStringLiteral("public.citext"));
        const QString citext =
            object(*model, ObjectKind::Extension, {}, {}, QStringLiteral("citext"))->key();
        QCOMPARE(name->dependsOn, QStringList{citext});
        QCOMPARE(object(*model, ObjectKind::Column, QStringLiteral("public"),
                        QStringLiteral("person"), QStringLiteral("aliases"))
                     ->dependsOn,
                 QStringList{citext});
    }

    void dumpAndRestoreCopyComparesEqual()
    {
        const QString source = newDatabase();
        QString error;
        const QStringList files =
            QDir(corpusDir() + QStringLiteral("/pagila"))
                .entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
        QVERIFY(!files.isEmpty());
        QFile last(corpusDir() + QStringLiteral("/pagila/") + files.last());
        QVERIFY(last.open(QIODevice::ReadOnly));
        QVERIFY2(load(source, QString::fromUtf8(last.readAll()), &error), qPrintable(error));
        // Beside Pagila, every kind the model reads, with comments, grants and a disabled
        // trigger, so the round trip covers them all.
        QVERIFY2(load(source,
                      relationsScript() + kindsScript() +
                          QStringLiteral(
                              "COMMENT ON TABLE public.actor IS 'cast';\n"
                              "CREATE ROLE inspect_dump_reader;\n"
                              "GRANT SELECT ON public.v TO inspect_dump_reader;\n"
                              "GRANT USAGE ON SCHEMA app TO inspect_dump_reader;\n"
                              "GRANT UPDATE (n) ON public.t TO inspect_dump_reader;\n"
                              "REVOKE EXECUTE ON FUNCTION public.add(integer, integer) FROM "
                              "PUBLIC;\n"
                              "ALTER TABLE public.t DISABLE TRIGGER t_stamp;\n"
                              "COMMENT ON INDEX app.orders_placed IS 'by day';\n"
                              "COMMENT ON CONSTRAINT email_ok ON app.customer IS 'not empty';\n"
                              "COMMENT ON POLICY mine ON public.t IS 'own rows';\n"
                              "COMMENT ON TRIGGER t_stamp ON public.t IS 'stamps';\n"
                              "COMMENT ON SCHEMA app IS 'the app';\n"
                              "COMMENT ON TYPE public.mood IS 'feelings';\n"
                              "COMMENT ON SEQUENCE app.counter IS 'counts';\n"
                              "COMMENT ON AGGREGATE public.total(integer) IS 'sum up';\n"
                              "ALTER TYPE public.mood ADD VALUE 'meh' BEFORE 'ok';\n"
                              "CREATE TABLE app.gone_cols (a int, b int, c int);\n"
                              "ALTER TABLE app.gone_cols DROP COLUMN b;\n"),
                      &error),
                 qPrintable(error));
        const QString copy = newDatabase();
        const QString dump = m_home.filePath(QStringLiteral("copy.dump"));
        QVERIFY2(run(m_server->binDir() + QStringLiteral("/pg_dump"),
                     {QStringLiteral("-Fc"), QStringLiteral("-f"), dump, QStringLiteral("-d"),
                      m_server->conninfo(source)},
                     &error),
                 qPrintable(error));
        QVERIFY2(run(m_server->binDir() + QStringLiteral("/pg_restore"),
                     {QStringLiteral("--exit-on-error"), QStringLiteral("-d"),
                      m_server->conninfo(copy), dump},
                     &error),
                 qPrintable(error));
        InspectOptions options;
        options.ownersAndGrants = true;
        auto original = read(source, options);
        auto restored = read(copy, options);
        QVERIFY2(original && restored, "inspection failed");
        QVERIFY(original->size() > 100);
        CompareOptions compareOptions;
        compareOptions.ownersAndGrants = true;
        const QList<ObjectChange> changes = compare(*original, *restored, compareOptions);
        QVERIFY2(changes.isEmpty(), qPrintable(describe(changes)));
        QCOMPARE(original->size(), restored->size());
        QVERIFY(m_server->psql(QStringLiteral("DROP DATABASE %1").arg(source)));
        QVERIFY(m_server->psql(QStringLiteral("DROP DATABASE %1").arg(copy)));
        QVERIFY(m_server->psql(QStringLiteral("DROP ROLE inspect_dump_reader")));
    }

    void readsInsideTheCallersTransactionAndKeepsItsSearchPath()
    {
        const QString db = newDatabase();
        strata::PostgresDriver driver(m_server->conninfo(db), db);
        QVERIFY(driver.open());
        QVERIFY(driver.begin());
        QVERIFY(driver.execute({QStringLiteral("CREATE SCHEMA app"), 1}));
        QVERIFY(driver.execute({QStringLiteral("SET search_path = app"), 1}));
        QVERIFY(driver.execute({QStringLiteral("CREATE TABLE pending (a int)"), 1}));
        auto model = inspect(driver);
        QVERIFY2(model, qPrintable(model ? QString() : model.error().message));
        QVERIFY(object(*model, ObjectKind::Table, QStringLiteral("app"), {},
                       QStringLiteral("pending")));
        auto path = driver.catalogQuery(QStringLiteral("SELECT current_setting('search_path')"));
        QVERIFY(path);
        QCOMPARE(path->first().first(), QStringLiteral("app"));
        QVERIFY(driver.rollback());
        // Outside a transaction it opens and ends its own, read only.
        QCOMPARE(driver.transactionState(), strata::Driver::TransactionState::Idle);
        auto after = inspect(driver);
        QVERIFY(after);
        QVERIFY(!object(*after, ObjectKind::Table, QStringLiteral("app"), {},
                        QStringLiteral("pending")));
        QCOMPARE(driver.transactionState(), strata::Driver::TransactionState::Idle);
    }

    void unmodelledKindsListedAsUnsupported()
    {
        const QString db = newDatabase();
        QString error;
        QVERIFY2(load(db,
                      QStringLiteral(
                          "CREATE SCHEMA x;\n"
                          "CREATE TYPE x.span AS RANGE (subtype = integer);\n"
                          "CREATE FUNCTION x.eq(integer, text) RETURNS boolean LANGUAGE sql "
                          "IMMUTABLE AS 'SELECT $1::text = $2';\n"
                          "CREATE OPERATOR x.=== (LEFTARG = integer, RIGHTARG = text, FUNCTION = "
                          "x.eq);\n"
                          "CREATE FOREIGN DATA WRAPPER dummy;\n"
                          "CREATE SERVER elsewhere FOREIGN DATA WRAPPER dummy;\n"
                          "CREATE FOREIGN TABLE x.remote (a int) SERVER elsewhere;\n"
                          "CREATE TABLE x.t (a int, b int);\n"
                          "CREATE STATISTICS x.t_ab ON a, b FROM x.t;\n"
                          "CREATE TYPE x.shape AS (w int, h int);\n"
                          "CREATE TABLE x.shapes OF x.shape;\n"
                          "CREATE TEXT SEARCH CONFIGURATION x.simple2 (COPY = pg_catalog.simple);\n"
                          "CREATE FUNCTION x.on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS "
                          "$$BEGIN END$$;\n"
                          "CREATE EVENT TRIGGER on_ddl ON ddl_command_end EXECUTE FUNCTION "
                          "x.on_ddl();\n"
                          "CREATE EXTENSION btree_gist;\n"),
                      &error),
                 qPrintable(error));
        auto model = read(db);
        QVERIFY2(model, qPrintable(model ? QString() : model.error().message));
        // Each entry: kind, name, then a fingerprint of its definition.
        const auto identities = [](const QStringList &entries) {
            QStringList out;
            for (const QString &entry : entries) {
                const qsizetype at = entry.indexOf(QLatin1String(" definition "));
                out << entry.left(at);
                if (at < 0 || entry.size() != at + 12 + 8)
                    out << QStringLiteral("no fingerprint: ") + entry;
            }
            return out;
        };
        QCOMPARE(
            identities(model->unsupported),
            (QStringList{QStringLiteral("event trigger on_ddl (kind not supported)"),
                         QStringLiteral("foreign table x.remote (kind not supported)"),
                         QStringLiteral("foreign-data wrapper dummy (kind not supported)"),
                         QStringLiteral("operator x.===(integer,text) (kind not supported)"),
                         QStringLiteral("range type x.span (kind not supported)"),
                         QStringLiteral("server elsewhere (kind not supported)"),
                         QStringLiteral("statistics object x.t_ab (kind not supported)"),
                         QStringLiteral("text search configuration x.simple2 (kind not supported)"),
                         QStringLiteral("typed table x.shapes (kind not supported)")}));
        // Read again: the same entries. Changed by hand: the changed ones differ, so a diff
        // refuses and drift reports them.
        auto again = read(db);
        QVERIFY(again);
        QCOMPARE(again->unsupported, model->unsupported);
        QVERIFY(m_server->psql(QStringLiteral("ALTER FOREIGN TABLE x.remote ADD COLUMN b text; "
                                              "DROP STATISTICS x.t_ab; CREATE STATISTICS x.t_ab "
                                              "(ndistinct) ON a, b FROM x.t"),
                               nullptr, db));
        auto changed = read(db);
        QVERIFY(changed);
        QCOMPARE(identities(changed->unsupported), identities(model->unsupported));
        QStringList differing;
        for (const QString &entry : changed->unsupported) {
            if (!model->unsupported.contains(entry))
                differing << entry.left(entry.indexOf(QLatin1String(" (kind")));
        }
        QCOMPARE(differing, (QStringList{QStringLiteral("foreign table x.remote"),
                                         QStringLiteral("statistics object x.t_ab")}));
        // What the range type brings with it (its multirange, constructor functions) is not
        // listed or modelled on its own; btree_gist's operators are the extension's.
        QVERIFY(!object(*model, ObjectKind::Function, QStringLiteral("x"), {},
                        QStringLiteral("span"), QStringLiteral("integer, integer")));
        QVERIFY(object(*model, ObjectKind::Function, QStringLiteral("x"), {}, QStringLiteral("eq"),
                       QStringLiteral("integer, text")));
        QVERIFY(m_server->psql(QStringLiteral("DROP EVENT TRIGGER on_ddl"), nullptr, db));
    }

    // Every file of the corpus loads and inspects. The corpus holds only kinds Strata models
    // (no range types, operators, foreign tables...), so nothing lands in `unsupported`.
    void corpusFilesInspect_data()
    {
        QTest::addColumn<QString>("file");
        const QDir pagila(corpusDir() + QStringLiteral("/pagila"));
        const QStringList pagilaFiles =
            pagila.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
        QCOMPARE(pagilaFiles.size(), 22);
        for (const QString &file : pagilaFiles)
            QTest::newRow(qPrintable(QStringLiteral("pagila/") + file)) << pagila.filePath(file);
        const QDir migra(corpusDir() + QStringLiteral("/migra"));
        const QStringList pairs = migra.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        QCOMPARE(pairs.size(), 26);
        for (const QString &pair : pairs) {
            for (const QString &side : {QStringLiteral("a.sql"), QStringLiteral("b.sql")}) {
                const QString name = pair + QLatin1Char('/') + side;
                QTest::newRow(qPrintable(QStringLiteral("migra/") + name)) << migra.filePath(name);
            }
        }
    }

    void corpusFilesInspect()
    {
        QFETCH(QString, file);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString db = newDatabase();
        QString error;
        QVERIFY2(load(db, QString::fromUtf8(f.readAll()), &error), qPrintable(error));
        auto model = read(db);
        QVERIFY2(model, qPrintable(model ? QString() : model.error().message));
        QVERIFY(!model->isEmpty());
        QVERIFY2(model->unsupported.isEmpty(), qPrintable(model->unsupported.join(u'\n')));
        // Reading twice gives the same model.
        auto again = read(db);
        QVERIFY(again);
        QVERIFY(compare(*model, *again).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSchemaInspect)
#include "tst_schemainspect.moc"
