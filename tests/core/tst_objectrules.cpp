// The diff rules for schemas, extensions, collations, types, views, routines, triggers, rules
// and policies on hand-built models: the SQL each rule gives, its inverse, its hazards, and when
// it asks diff() to replace the object instead (comments, owners and grants: tst_objectgrants).

#include "objectmodels.h"

#include <QTest>

using namespace strata::test::objectmodels;

class TestObjectRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void servesEveryOtherKind()
    {
        for (ObjectKind kind : {ObjectKind::Table, ObjectKind::Column, ObjectKind::Constraint,
                                ObjectKind::Index, ObjectKind::Sequence})
            QVERIFY(!objectRules(kind));
        for (ObjectKind kind :
             {ObjectKind::Schema, ObjectKind::Extension, ObjectKind::Collation,
              ObjectKind::EnumType, ObjectKind::Domain, ObjectKind::CompositeType, ObjectKind::View,
              ObjectKind::MaterializedView, ObjectKind::Function, ObjectKind::Aggregate,
              ObjectKind::Trigger, ObjectKind::Rule, ObjectKind::Policy}) {
            const KindRules *found = objectRules(kind);
            QVERIFY(found && found->create && found->drop && found->alter);
        }
    }

    void schemas()
    {
        const SchemaObject s = object(ObjectKind::Schema, {}, QStringLiteral("Sales"));
        const Operation made = create(s);
        QCOMPARE(made.sql, list({"CREATE SCHEMA \"Sales\""}));
        QCOMPARE(made.inverseSql, list({"DROP SCHEMA \"Sales\""}));
        QCOMPARE(made.object, QStringLiteral("schema Sales"));
        const Operation gone = drop(s);
        QCOMPARE(gone.sql, made.inverseSql);
        QCOMPARE(gone.inverseSql, made.sql);
    }

    void extensions()
    {
        const SchemaObject v13 = object(ObjectKind::Extension, {}, QStringLiteral("pg_trgm"),
                                        {{"version", "1.3"}, {"schema", "public"}});
        const Operation made = create(v13);
        QCOMPARE(made.sql, list({"CREATE EXTENSION pg_trgm WITH SCHEMA public VERSION '1.3'"}));
        QCOMPARE(made.inverseSql, list({"DROP EXTENSION pg_trgm"}));
        QCOMPARE(drop(v13).inverseSql, made.sql);

        // Update scripts go forward only: back is a drop and a create at the old version.
        SchemaObject v14 = v13;
        v14.properties[QStringLiteral("version")] = QStringLiteral("1.4");
        const AlterPlan up = alter(v13, v14);
        QVERIFY(!up.replace);
        QCOMPARE(up.operations.size(), 1);
        QCOMPARE(up.operations[0].sql, list({"ALTER EXTENSION pg_trgm UPDATE TO '1.4'"}));
        QCOMPARE(up.operations[0].inverseSql,
                 list({"DROP EXTENSION pg_trgm",
                       "CREATE EXTENSION pg_trgm WITH SCHEMA public VERSION '1.3'"}));
        const AlterPlan down = alter(v14, v13);
        QCOMPARE(down.operations[0].sql, up.operations[0].inverseSql);
        QCOMPARE(down.operations[0].inverseSql, up.operations[0].sql);

        // 1.10 comes after 1.9.
        SchemaObject v19 = v13, v110 = v13;
        v19.properties[QStringLiteral("version")] = QStringLiteral("1.9");
        v110.properties[QStringLiteral("version")] = QStringLiteral("1.10");
        QCOMPARE(alter(v19, v110).operations[0].sql,
                 list({"ALTER EXTENSION pg_trgm UPDATE TO '1.10'"}));

        SchemaObject moved = v13;
        moved.properties[QStringLiteral("schema")] = QStringLiteral("ext");
        const AlterPlan relocated = alter(v13, moved);
        QCOMPARE(relocated.operations[0].sql, list({"ALTER EXTENSION pg_trgm SET SCHEMA ext"}));
        QCOMPARE(relocated.operations[0].inverseSql,
                 list({"ALTER EXTENSION pg_trgm SET SCHEMA public"}));
    }

    void collations()
    {
        const SchemaObject icu =
            object(ObjectKind::Collation, "public", "numeric",
                   {{"provider", "i"}, {"locale", "en-u-kn-true"}, {"deterministic", "false"}});
        QCOMPARE(create(icu).sql,
                 list({"CREATE COLLATION public.\"numeric\" (provider = icu, locale = "
                       "'en-u-kn-true', deterministic = false)"}));
        const SchemaObject libc = object(ObjectKind::Collation, "public", "posix",
                                         {{"provider", "c"},
                                          {"lc_collate", "POSIX"},
                                          {"lc_ctype", "POSIX"},
                                          {"deterministic", "true"}});
        QCOMPARE(create(libc).sql, list({"CREATE COLLATION public.posix (provider = libc, "
                                         "lc_collate = 'POSIX', lc_ctype = 'POSIX')"}));
        QCOMPARE(drop(libc).sql, list({"DROP COLLATION public.posix"}));
        SchemaObject changed = libc;
        changed.properties[QStringLiteral("lc_collate")] = QStringLiteral("C");
        QVERIFY(alter(libc, changed).replace);

        // Used by a column: swapped under it, so its values stay.
        Models m;
        for (SchemaModel *model : {&m.from, &m.to}) {
            model->add(table("words"));
            SchemaObject w = column("words", "w", "text");
            w.properties[QStringLiteral("collation")] = QStringLiteral("public.posix");
            model->add(w);
        }
        const AlterPlan swap = alter(libc, changed, m);
        QVERIFY(!swap.replace);
        QVERIFY(swap.rebuildDependants);
        QCOMPARE(swap.operations[0].sql,
                 list({"CREATE COLLATION public.posix__strata_new (provider = libc, lc_collate = "
                       "'C', lc_ctype = 'POSIX')",
                       "ALTER TABLE public.words ALTER COLUMN w TYPE text COLLATE "
                       "public.posix__strata_new",
                       "DROP COLLATION public.posix",
                       "ALTER COLLATION public.posix__strata_new RENAME TO posix"}));
        QCOMPARE(swap.operations[0].inverseSql[0],
                 QStringLiteral("CREATE COLLATION public.posix__strata_new (provider = libc, "
                                "lc_collate = 'POSIX', lc_ctype = 'POSIX')"));
    }

    void enumCreateAndDrop()
    {
        const SchemaObject e =
            object(ObjectKind::EnumType, "public", "mood", {{"values", "sad\nit's ok\nhappy"}});
        QCOMPARE(create(e).sql,
                 list({"CREATE TYPE public.mood AS ENUM ('sad', 'it''s ok', 'happy')"}));
        QCOMPARE(create(e).inverseSql, list({"DROP TYPE public.mood"}));
        QCOMPARE(drop(e).inverseSql, create(e).sql);
    }

    void enumValuesAddedInPlace()
    {
        const SchemaObject from =
            object(ObjectKind::EnumType, "public", "status", {{"values", "b\nd"}});
        SchemaObject to = from;
        to.properties[QStringLiteral("values")] = QStringLiteral("a\nb\nc\nd\ne");
        const AlterPlan plan = alter(from, to);
        QVERIFY(!plan.replace);
        QVERIFY(!plan.rebuildDependants); // no column uses it
        QCOMPARE(plan.operations.size(), 1);
        const Operation &op = plan.operations[0];
        QCOMPARE(op.kind, QStringLiteral("add enum value"));
        QCOMPARE(op.sql, list({"ALTER TYPE public.status ADD VALUE 'a' BEFORE 'b'",
                               "ALTER TYPE public.status ADD VALUE 'c' AFTER 'b'",
                               "ALTER TYPE public.status ADD VALUE 'e' AFTER 'd'"}));
        // Nothing uses the new values: it runs inside the migration's transaction.
        QVERIFY(op.transactional);
        QVERIFY(op.inverseTransactional);
        QVERIFY(op.hazards.isEmpty());
        // PostgreSQL cannot drop an enum value: the way back is a rebuild.
        QCOMPARE(op.inverseSql, list({"ALTER TYPE public.status RENAME TO status__strata_old",
                                      "CREATE TYPE public.status AS ENUM ('b', 'd')",
                                      "DROP TYPE public.status__strata_old"}));
    }

    void enumValueUsedInTheSameMigration()
    {
        const SchemaObject from =
            object(ObjectKind::EnumType, "public", "mood", {{"values", "sad"}});
        SchemaObject to = from;
        to.properties[QStringLiteral("values")] = QStringLiteral("sad\nok");
        Models used;
        used.to.add(column("m", "v", "public.mood", "'ok'::public.mood"));
        const Operation op = alter(from, to, used).operations[0];
        QVERIFY(!op.transactional);
        QVERIFY(op.hazards.contains(Hazard::NotInTransaction));
        // An old value in a new default is no reason; neither is another type's 'ok'.
        Models unused;
        unused.to.add(column("m", "v", "public.mood", "'sad'::public.mood"));
        unused.to.add(column("m", "w", "public.other", "'ok'::public.other"));
        QVERIFY(alter(from, to, unused).operations[0].transactional);
        // PostgreSQL 11 refuses ADD VALUE in a transaction block.
        Models old;
        old.from.serverVersion = QStringLiteral("PostgreSQL 11.22");
        QVERIFY(!alter(from, to, old).operations[0].transactional);
    }

    void enumRebuildConvertsColumns()
    {
        Models m;
        for (SchemaModel *model : {&m.from, &m.to}) {
            model->add(table(QStringLiteral("orders")));
            model->add(column("orders", "status", "public.status", "'a'::public.status"));
            model->add(column("orders", "history", "public.status[]"));
            model->add(column("orders", "kind", "public.status_domain"));
            model->add(column("orders", "note", "text"));
            model->add(object(ObjectKind::Domain, "public", "status_domain",
                              {{"type", "public.status"}, {"not_null", "false"}}));
        }
        // A column the diff drops is not converted.
        m.from.add(column("orders", "dropped", "public.status"));
        const SchemaObject from =
            object(ObjectKind::EnumType, "public", "status", {{"values", "a\nb\nc"}});
        SchemaObject to = from;
        to.properties[QStringLiteral("values")] = QStringLiteral("a\nc");
        const AlterPlan plan = alter(from, to, m);
        QVERIFY(!plan.replace);
        QVERIFY(plan.rebuildDependants);
        QCOMPARE(plan.operations.size(), 1);
        const Operation &op = plan.operations[0];
        QCOMPARE(op.kind, QStringLiteral("rebuild enum type"));
        QCOMPARE(op.sql,
                 list({"ALTER TYPE public.status RENAME TO status__strata_old",
                       "CREATE TYPE public.status AS ENUM ('a', 'c')",
                       "ALTER TABLE public.orders ALTER COLUMN status DROP DEFAULT",
                       "ALTER TABLE public.orders ALTER COLUMN kind TYPE text USING kind::text",
                       "DROP DOMAIN public.status_domain",
                       "CREATE DOMAIN public.status_domain AS public.status",
                       "-- removed label 'b' of public.status: a value holding it becomes NULL, "
                       "an array loses it\n"
                       "ALTER TABLE public.orders ALTER COLUMN history TYPE public.status[] USING "
                       "array_remove(history::text[], 'b')::public.status[], ALTER COLUMN kind "
                       "TYPE public.status_domain USING CASE WHEN kind IN ('a', 'c') THEN "
                       "kind::public.status_domain END, ALTER COLUMN status TYPE public.status "
                       "USING CASE WHEN status::text IN ('a', 'c') THEN "
                       "status::text::public.status END",
                       "ALTER TABLE public.orders ALTER COLUMN status SET DEFAULT "
                       "'a'::public.status",
                       "DROP TYPE public.status__strata_old"}));
        QVERIFY(op.transactional);
        QCOMPARE(op.hazards, (QList<Hazard>{Hazard::DeletesData, Hazard::RewritesTable,
                                            Hazard::AccessExclusiveLock}));
        // Back: 'b' returns, nothing is removed.
        QVERIFY(op.inverseSql.contains(
            QStringLiteral("CREATE TYPE public.status AS ENUM ('a', 'b', 'c')")));
        QVERIFY(op.inverseSql.contains(
            QStringLiteral("ALTER TABLE public.orders ALTER COLUMN history TYPE public.status[] "
                           "USING history::text[]::public.status[], ALTER COLUMN kind TYPE "
                           "public.status_domain USING kind::public.status_domain, ALTER COLUMN "
                           "status TYPE public.status USING status::text::public.status")));
        QCOMPARE(op.inverseHazards,
                 (QList<Hazard>{Hazard::RewritesTable, Hazard::AccessExclusiveLock}));

        // Reordering loses nothing but still rebuilds.
        SchemaObject reordered = from;
        reordered.properties[QStringLiteral("values")] = QStringLiteral("c\nb\na");
        const AlterPlan moved = alter(from, reordered, m);
        QCOMPARE(moved.operations[0].kind, QStringLiteral("rebuild enum type"));
        QVERIFY(!moved.operations[0].hazards.contains(Hazard::DeletesData));

        // Adding values to a used type: the downgrade's rebuild loses the new values' rows.
        SchemaObject added = from;
        added.properties[QStringLiteral("values")] = QStringLiteral("a\nb\nc\nd");
        const AlterPlan grown = alter(from, added, m);
        QVERIFY(grown.rebuildDependants);
        QCOMPARE(grown.operations[0].hazards, QList<Hazard>{Hazard::DowngradeLosesData});
        QVERIFY(grown.operations[0].inverseHazards.contains(Hazard::DeletesData));
    }

    void enumRebuildRemakesIndexesAndChecksNamingIt()
    {
        Models m;
        for (SchemaModel *model : {&m.from, &m.to}) {
            model->add(table("orders"));
            model->add(column("orders", "status", "public.status"));
            model->add(onTable(
                ObjectKind::Constraint, "orders", "no_c",
                {{"type", "check"}, {"definition", "CHECK ((status <> 'c'::public.status))"}}));
            // Another type whose name starts with this one's is not this one.
            model->add(onTable(ObjectKind::Constraint, "orders", "other",
                               {{"type", "check"},
                                {"definition", "CHECK ((status::text <> 'x'::public.statuses))"}}));
            SchemaObject index = object(
                ObjectKind::Index, "public", "orders_a",
                {{"definition",
                  "CREATE INDEX %INDEX% ON public.orders USING btree (status) WHERE (status = "
                  "'a'::public.status)"}});
            index.table = QStringLiteral("orders");
            model->add(index);
        }
        const SchemaObject from =
            object(ObjectKind::EnumType, "public", "status", {{"values", "a\nb\nc"}});
        SchemaObject to = from;
        to.properties[QStringLiteral("values")] = QStringLiteral("c\na");
        const QStringList sql = alter(from, to, m).operations[0].sql;
        const QString dropCheck = QStringLiteral("ALTER TABLE public.orders DROP CONSTRAINT no_c");
        const QString dropIndex = QStringLiteral("DROP INDEX public.orders_a");
        const QString convert = sql.filter(QStringLiteral("ALTER COLUMN status TYPE")).value(0);
        const QString makeIndex =
            QStringLiteral("CREATE INDEX orders_a ON public.orders USING "
                           "btree (status) WHERE (status = 'a'::public.status)");
        QVERIFY(!convert.isEmpty());
        QVERIFY(sql.indexOf(dropCheck) >= 0 && sql.indexOf(dropCheck) < sql.indexOf(convert));
        QVERIFY(sql.indexOf(dropIndex) >= 0 && sql.indexOf(dropIndex) < sql.indexOf(convert));
        QVERIFY(sql.indexOf(makeIndex) > sql.indexOf(convert));
        QVERIFY(sql.filter(QStringLiteral("ADD CONSTRAINT no_c")).size() == 1);
        QVERIFY(sql.filter(QStringLiteral("other")).isEmpty());
        QCOMPARE(sql.last(), QStringLiteral("DROP TYPE public.status__strata_old"));
    }

    void enumSetAsideNameFitsIdentifierLimit()
    {
        const QString longName(60, QLatin1Char('e'));
        const SchemaObject from =
            object(ObjectKind::EnumType, "public", longName, {{"values", "a\nb"}});
        SchemaObject to = from;
        to.properties[QStringLiteral("values")] = QStringLiteral("b");
        const QString rename = alter(from, to).operations[0].sql.first();
        const QString aside = rename.section(QLatin1Char(' '), -1);
        QCOMPARE(aside.size(), 63);
        QVERIFY(aside.endsWith(QLatin1String("__strata_old")));
    }

    void domains()
    {
        const SchemaObject d =
            object(ObjectKind::Domain, "public", "year",
                   {{"type", "integer"},
                    {"default", "2000"},
                    {"not_null", "true"},
                    {"checks", "year_check: CHECK (VALUE >= 1901)\nyear_max: CHECK (VALUE <= 2155) "
                               "NOT VALID"}});
        const Operation made = create(d);
        QCOMPARE(made.sql,
                 list({"CREATE DOMAIN public.year AS integer DEFAULT 2000 NOT NULL CONSTRAINT "
                       "year_check CHECK (VALUE >= 1901)",
                       "ALTER DOMAIN public.year ADD CONSTRAINT year_max CHECK (VALUE <= 2155) "
                       "NOT VALID"}));
        QCOMPARE(made.inverseSql, list({"DROP DOMAIN public.year"}));

        SchemaObject to = d;
        to.properties[QStringLiteral("default")] = QString();
        to.properties[QStringLiteral("not_null")] = QStringLiteral("false");
        to.properties[QStringLiteral("checks")] =
            QStringLiteral("year_check: CHECK (VALUE >= 1900)\nyear_min: CHECK (VALUE > 0)");
        const AlterPlan plan = alter(d, to);
        QVERIFY(!plan.replace);
        QCOMPARE(plan.operations.size(), 5);
        QCOMPARE(plan.operations[0].sql, list({"ALTER DOMAIN public.year DROP DEFAULT"}));
        QCOMPARE(plan.operations[0].inverseSql,
                 list({"ALTER DOMAIN public.year SET DEFAULT 2000"}));
        QCOMPARE(plan.operations[1].sql, list({"ALTER DOMAIN public.year DROP NOT NULL"}));
        QCOMPARE(plan.operations[1].inverseHazards, QList<Hazard>{Hazard::ValidatesConstraint});
        QCOMPARE(
            plan.operations[2].sql,
            list({"ALTER DOMAIN public.year DROP CONSTRAINT year_check",
                  "ALTER DOMAIN public.year ADD CONSTRAINT year_check CHECK (VALUE >= 1900)"}));
        QCOMPARE(
            plan.operations[2].inverseSql,
            list({"ALTER DOMAIN public.year DROP CONSTRAINT year_check",
                  "ALTER DOMAIN public.year ADD CONSTRAINT year_check CHECK (VALUE >= 1901)"}));
        QCOMPARE(plan.operations[3].sql,
                 list({"ALTER DOMAIN public.year DROP CONSTRAINT year_max"}));
        QVERIFY(plan.operations[3].inverseHazards.isEmpty()); // it comes back NOT VALID
        QCOMPARE(plan.operations[4].sql,
                 list({"ALTER DOMAIN public.year ADD CONSTRAINT year_min CHECK (VALUE > 0)"}));
        QCOMPARE(plan.operations[4].hazards, QList<Hazard>{Hazard::ValidatesConstraint});

        SchemaObject retyped = d;
        retyped.properties[QStringLiteral("type")] = QStringLiteral("bigint");
        QVERIFY(alter(d, retyped).replace);
        // Used by a column: swapped under it, so its values stay.
        Models m;
        for (SchemaModel *model : {&m.from, &m.to}) {
            model->add(table("film"));
            model->add(column("film", "y", "public.year"));
        }
        const AlterPlan swap = alter(d, retyped, m);
        QVERIFY(!swap.replace);
        QVERIFY(swap.rebuildDependants);
        const QStringList sql = swap.operations[0].sql;
        QVERIFY(sql.first().startsWith(
            QLatin1String("CREATE DOMAIN public.year__strata_new AS bigint DEFAULT 2000")));
        QVERIFY(sql.contains(QStringLiteral("ALTER TABLE public.film ALTER COLUMN y TYPE "
                                            "public.year__strata_new USING "
                                            "y::bigint::public.year__strata_new")));
        QCOMPARE(sql.mid(sql.size() - 2),
                 list({"DROP DOMAIN public.year",
                       "ALTER DOMAIN public.year__strata_new RENAME TO year"}));
    }

    void compositeTypes()
    {
        const SchemaObject from = object(ObjectKind::CompositeType, "public", "pair",
                                         {{"attributes", "a integer\n\"B c\" text\nold text"}});
        QCOMPARE(create(from).sql,
                 list({"CREATE TYPE public.pair AS (a integer, \"B c\" text, old text)"}));
        SchemaObject to = from;
        to.properties[QStringLiteral("attributes")] =
            QStringLiteral("a bigint\n\"B c\" text\nz date");
        const AlterPlan plan = alter(from, to);
        QVERIFY(!plan.replace);
        QCOMPARE(plan.operations[0].sql,
                 list({"ALTER TYPE public.pair ALTER ATTRIBUTE a TYPE bigint",
                       "ALTER TYPE public.pair DROP ATTRIBUTE old",
                       "ALTER TYPE public.pair ADD ATTRIBUTE z date"}));
        QCOMPARE(plan.operations[0].inverseSql,
                 list({"ALTER TYPE public.pair DROP ATTRIBUTE z",
                       "ALTER TYPE public.pair ADD ATTRIBUTE old text",
                       "ALTER TYPE public.pair ALTER ATTRIBUTE a TYPE integer"}));
        // A new attribute in the middle cannot be placed by ADD ATTRIBUTE.
        SchemaObject middle = from;
        middle.properties[QStringLiteral("attributes")] =
            QStringLiteral("a integer\nnew text\n\"B c\" text\nold text");
        QVERIFY(alter(from, middle).replace);
        // Used by a column: dropping an attribute deletes its values.
        Models m;
        m.from.add(column("t", "p", "public.pair"));
        QVERIFY(alter(from, middle, m).replace); // not a table's column
        m.from.add(table("t"));
        m.to = m.from;
        const AlterPlan retyped = alter(from, to, m);
        QVERIFY(!retyped.replace);
        QVERIFY(retyped.operations[0].hazards.contains(Hazard::DeletesData));
        // ALTER ATTRIBUTE ... TYPE is refused under a column, ADD ATTRIBUTE cannot place one in
        // the middle: the type is swapped under the column, field by field.
        QCOMPARE(retyped.operations[0].kind, QStringLiteral("rebuild composite type"));
        const AlterPlan swapped = alter(from, middle, m);
        QVERIFY(!swapped.replace);
        QVERIFY(swapped.rebuildDependants);
        QCOMPARE(
            swapped.operations[0].sql,
            list({"CREATE TYPE public.pair__strata_new AS (a integer, new text, \"B c\" "
                  "text, old text)",
                  "ALTER TABLE public.t ALTER COLUMN p TYPE public.pair__strata_new USING "
                  "CASE WHEN p::text IS NULL THEN NULL ELSE ROW((p).a::integer, NULL::text, "
                  "(p).\"B c\"::text, (p).old::text)::public.pair__strata_new END",
                  "DROP TYPE public.pair", "ALTER TYPE public.pair__strata_new RENAME TO pair"}));
        QVERIFY(swapped.operations[0].inverseHazards.contains(Hazard::DeletesData));
    }

    void views()
    {
        const SchemaObject v = object(ObjectKind::View, "public", "v",
                                      {{"definition", " SELECT t.a\n   FROM public.t;"},
                                       {"columns", "a integer"},
                                       {"options", "security_barrier=true"}});
        QCOMPARE(create(v).sql, list({"CREATE VIEW public.v WITH (security_barrier='true') AS\n"
                                      "SELECT t.a\n   FROM public.t"}));
        QCOMPARE(drop(v).sql, list({"DROP VIEW public.v"}));

        SchemaObject body = v;
        body.properties[QStringLiteral("definition")] =
            QStringLiteral(" SELECT t.a\n   FROM public.u;");
        const AlterPlan same = alter(v, body);
        QVERIFY(!same.replace);
        QVERIFY(same.operations[0].sql[0].startsWith(QLatin1String("CREATE OR REPLACE VIEW")));
        QVERIFY(same.operations[0].inverseSql[0].contains(QLatin1String("FROM public.t")));

        SchemaObject wider = v;
        wider.properties[QStringLiteral("definition")] =
            QStringLiteral(" SELECT t.a, t.b\n   FROM public.t;");
        wider.properties[QStringLiteral("columns")] = QStringLiteral("a integer\nb text");
        const AlterPlan appended = alter(v, wider);
        QVERIFY(!appended.replace);
        QVERIFY(appended.operations[0].sql[0].startsWith(QLatin1String("CREATE OR REPLACE VIEW")));
        QCOMPARE(appended.operations[0].inverseSql.first(), QStringLiteral("DROP VIEW public.v"));

        // With a view on top, going back cannot drop it: replaced, dependants rebuilt.
        Models m;
        SchemaObject top = object(ObjectKind::View, "public", "top");
        top.dependsOn = {v.key()};
        m.from.add(top);
        m.to.add(top);
        QVERIFY(alter(v, wider, m).replace);

        SchemaObject narrower = wider;
        narrower.properties[QStringLiteral("columns")] = QStringLiteral("b text\na integer");
        QVERIFY(alter(v, narrower).replace);

        SchemaObject options = v;
        options.properties[QStringLiteral("options")] = QStringLiteral("security_invoker=true");
        const AlterPlan set = alter(v, options);
        QCOMPARE(set.operations[0].sql,
                 list({"ALTER VIEW public.v RESET (security_barrier)",
                       "ALTER VIEW public.v SET (security_invoker='true')"}));
        QCOMPARE(set.operations[0].inverseSql,
                 list({"ALTER VIEW public.v RESET (security_invoker)",
                       "ALTER VIEW public.v SET (security_barrier='true')"}));
    }

    void materializedViews()
    {
        const SchemaObject mv =
            object(ObjectKind::MaterializedView, "public", "mv",
                   {{"definition", " SELECT 1 AS a;"}, {"columns", "a integer"}});
        QCOMPARE(create(mv).sql,
                 list({"CREATE MATERIALIZED VIEW public.mv AS\nSELECT 1 AS a\nWITH DATA"}));
        QCOMPARE(drop(mv).sql, list({"DROP MATERIALIZED VIEW public.mv"}));
        SchemaObject body = mv;
        body.properties[QStringLiteral("definition")] = QStringLiteral(" SELECT 2 AS a;");
        QVERIFY(alter(mv, body).replace);
        SchemaObject options = mv;
        options.properties[QStringLiteral("options")] = QStringLiteral("fillfactor=70");
        const AlterPlan set = alter(mv, options);
        QVERIFY(!set.replace);
        QCOMPARE(set.operations[0].sql,
                 list({"ALTER MATERIALIZED VIEW public.mv SET (fillfactor='70')"}));
        QCOMPARE(set.operations[0].inverseSql,
                 list({"ALTER MATERIALIZED VIEW public.mv RESET (fillfactor)"}));
    }

    void functions()
    {
        const SchemaObject f = function(kPlpgsql);
        const Operation made = create(f);
        QCOMPARE(made.sql, QStringList{kPlpgsql.trimmed()});
        QCOMPARE(made.inverseSql, list({"DROP FUNCTION public.f(i integer)"}));
        QCOMPARE(made.hazards, QList<Hazard>{Hazard::UntrackedDependency});
        const Operation gone = drop(f);
        QCOMPARE(gone.sql, made.inverseSql);
        QCOMPARE(gone.inverseHazards, QList<Hazard>{Hazard::UntrackedDependency});

        // A quoted SQL body may name tables created later: checked bodies off meanwhile.
        const QString quotedSql = QStringLiteral(
            "CREATE OR REPLACE FUNCTION public.f(i integer)\n RETURNS integer\n LANGUAGE sql\n"
            "AS $function$ select count(*) from public.later $function$\n");
        QCOMPARE(create(function(quotedSql)).sql,
                 (QStringList{QStringLiteral("SET check_function_bodies = off"),
                              quotedSql.trimmed(), QStringLiteral("RESET check_function_bodies")}));
        // A SQL-standard body is tracked by the catalog.
        const QString atomic = QStringLiteral(
            "CREATE OR REPLACE FUNCTION public.f(i integer)\n RETURNS integer\n LANGUAGE sql\n"
            "BEGIN ATOMIC\n SELECT (i + 1);\nEND\n");
        QVERIFY(create(function(atomic)).hazards.isEmpty());
        QCOMPARE(create(function(atomic)).sql.size(), 1);
        const QString returnBody =
            QStringLiteral("CREATE OR REPLACE FUNCTION public.f(i integer)\n RETURNS integer\n "
                           "LANGUAGE sql\n IMMUTABLE\nRETURN (i + 1)\n");
        QVERIFY(create(function(returnBody)).hazards.isEmpty());
        QCOMPARE(create(function(returnBody)).sql.size(), 1);
        // A quoted body's own RETURN line does not make it tracked.
        const QString plpgsqlReturn = QStringLiteral(
            "CREATE OR REPLACE FUNCTION public.f(i integer)\n RETURNS integer\n LANGUAGE "
            "plpgsql\nAS $function$\nBEGIN\nRETURN i;\nEND $function$\n");
        QCOMPARE(create(function(plpgsqlReturn)).hazards,
                 QList<Hazard>{Hazard::UntrackedDependency});

        QString edited = kPlpgsql;
        edited.replace(QLatin1String("return i"), QLatin1String("return i + 1"));
        const AlterPlan body = alter(f, function(edited));
        QVERIFY(!body.replace);
        QCOMPARE(body.operations[0].kind, QStringLiteral("replace function"));
        QCOMPARE(body.operations[0].sql, QStringList{edited.trimmed()});
        QCOMPARE(body.operations[0].inverseSql, QStringList{kPlpgsql.trimmed()});
        QCOMPARE(body.operations[0].hazards, QList<Hazard>{Hazard::UntrackedDependency});

        auto returnsBigint = [] {
            return QString(kPlpgsql).replace(QLatin1String("RETURNS integer"),
                                             QLatin1String("RETURNS bigint"));
        };
        QVERIFY(alter(f, function(returnsBigint(), "bigint")).replace);
        // A column default calls it: taken off and put back around the drop, not the column.
        Models m;
        for (SchemaModel *model : {&m.from, &m.to}) {
            model->add(table("codes"));
            SchemaObject code = column("codes", "code", "integer", "public.f(1)");
            code.dependsOn = {f.key()};
            model->add(code);
        }
        const AlterPlan recreated = alter(f, function(returnsBigint(), "bigint"), m);
        QVERIFY(!recreated.replace);
        QVERIFY(recreated.rebuildDependants);
        QCOMPARE(recreated.operations[0].kind, QStringLiteral("recreate function"));
        QCOMPARE(recreated.operations[0].sql.mid(0, 2),
                 list({"ALTER TABLE public.codes ALTER COLUMN code DROP DEFAULT",
                       "DROP FUNCTION public.f(i integer)"}));
        QCOMPARE(
            recreated.operations[0].sql.last(),
            QStringLiteral("ALTER TABLE public.codes ALTER COLUMN code SET DEFAULT public.f(1)"));

        QString withDefault = kPlpgsql;
        withDefault.replace(QLatin1String("(i integer)"), QLatin1String("(i integer DEFAULT 1)"));
        QVERIFY(alter(f, function(withDefault)).replace);

        SchemaObject procedure = function(QStringLiteral(
            "CREATE OR REPLACE PROCEDURE public.f(i integer)\n LANGUAGE plpgsql\nAS $procedure$ "
            "begin end $procedure$\n"));
        procedure.properties[QStringLiteral("kind")] = QStringLiteral("procedure");
        QCOMPARE(drop(procedure).sql, list({"DROP PROCEDURE public.f(i integer)"}));
        QCOMPARE(create(procedure).kind, QStringLiteral("create procedure"));
        QVERIFY(alter(f, procedure).replace);
    }

    void aggregates()
    {
        SchemaObject a = object(ObjectKind::Aggregate, "public", "total",
                                {{"definition", "CREATE AGGREGATE public.total(integer) (SFUNC = "
                                                "int4pl, STYPE = integer);"}});
        a.arguments = QStringLiteral("integer");
        QCOMPARE(create(a).sql, list({"CREATE AGGREGATE public.total(integer) (SFUNC = int4pl, "
                                      "STYPE = integer)"}));
        QCOMPARE(drop(a).sql, list({"DROP AGGREGATE public.total(integer)"}));
        SchemaObject star = a;
        star.arguments.clear();
        QCOMPARE(drop(star).sql, list({"DROP AGGREGATE public.total(*)"}));
        SchemaObject changed = a;
        changed.properties[QStringLiteral("definition")] += QStringLiteral(" ");
        QVERIFY(alter(a, changed).replace);
    }

    void triggers()
    {
        const QString definition =
            QStringLiteral("CREATE TRIGGER stamp BEFORE INSERT ON public.emp FOR EACH ROW EXECUTE "
                           "FUNCTION public.stamp()");
        const SchemaObject t = onTable(ObjectKind::Trigger, "emp", "stamp",
                                       {{"definition", definition}, {"enabled", "D"}});
        QCOMPARE(create(t).sql,
                 (QStringList{definition,
                              QStringLiteral("ALTER TABLE public.emp DISABLE TRIGGER stamp")}));
        QCOMPARE(create(t).inverseSql, list({"DROP TRIGGER stamp ON public.emp"}));

        SchemaObject enabled = t;
        enabled.properties[QStringLiteral("enabled")] = QStringLiteral("A");
        const AlterPlan flip = alter(t, enabled);
        QCOMPARE(flip.operations[0].sql,
                 list({"ALTER TABLE public.emp ENABLE ALWAYS TRIGGER stamp"}));
        QCOMPARE(flip.operations[0].inverseSql,
                 list({"ALTER TABLE public.emp DISABLE TRIGGER stamp"}));

        SchemaObject redefined = enabled;
        redefined.properties[QStringLiteral("enabled")] = QStringLiteral("O");
        redefined.properties[QStringLiteral("definition")] =
            QString(definition).replace(QLatin1String("INSERT"), QLatin1String("UPDATE"));
        const AlterPlan plan = alter(t, redefined);
        QVERIFY(!plan.replace);
        QCOMPARE(plan.operations[0].sql,
                 (QStringList{QStringLiteral("DROP TRIGGER stamp ON public.emp"),
                              redefined.property(QStringLiteral("definition"))}));
        QCOMPARE(plan.operations[0].inverseSql,
                 (QStringList{QStringLiteral("DROP TRIGGER stamp ON public.emp"), definition,
                              QStringLiteral("ALTER TABLE public.emp DISABLE TRIGGER stamp")}));
    }

    void rules_()
    {
        const SchemaObject r =
            onTable(ObjectKind::Rule, "t", "no_delete",
                    {{"definition",
                      "CREATE RULE no_delete AS\n    ON DELETE TO public.t DO INSTEAD NOTHING;"}});
        QCOMPARE(create(r).sql,
                 list({"CREATE RULE no_delete AS\n    ON DELETE TO public.t DO INSTEAD NOTHING"}));
        QCOMPARE(drop(r).sql, list({"DROP RULE no_delete ON public.t"}));
        SchemaObject changed = r;
        changed.properties[QStringLiteral("definition")] = QStringLiteral(
            "CREATE RULE no_delete AS\n    ON UPDATE TO public.t DO INSTEAD NOTHING;");
        const AlterPlan plan = alter(r, changed);
        QCOMPARE(plan.operations[0].sql,
                 list({"CREATE OR REPLACE RULE no_delete AS\n    ON UPDATE TO public.t DO INSTEAD "
                       "NOTHING"}));
        QVERIFY(plan.operations[0].inverseSql[0].contains(QLatin1String("ON DELETE")));
    }

    void policies()
    {
        const SchemaObject p = onTable(ObjectKind::Policy, "accounts", "managers",
                                       {{"permissive", "PERMISSIVE"},
                                        {"command", "ALL"},
                                        {"roles", "public"},
                                        {"using", "(manager = CURRENT_USER)"},
                                        {"with_check", ""}});
        QCOMPARE(create(p).sql,
                 list({"CREATE POLICY managers ON public.accounts AS PERMISSIVE FOR ALL TO PUBLIC "
                       "USING ((manager = CURRENT_USER))"}));
        QCOMPARE(drop(p).sql, list({"DROP POLICY managers ON public.accounts"}));

        SchemaObject roles = p;
        roles.properties[QStringLiteral("roles")] = QStringLiteral("Auditor,reader");
        roles.properties[QStringLiteral("using")] = QStringLiteral("true");
        const AlterPlan plan = alter(p, roles);
        QVERIFY(!plan.replace);
        QCOMPARE(plan.operations[0].sql, list({"ALTER POLICY managers ON public.accounts TO "
                                               "\"Auditor\", reader USING (true)"}));
        QCOMPARE(plan.operations[0].inverseSql,
                 list({"ALTER POLICY managers ON public.accounts TO PUBLIC USING ((manager = "
                       "CURRENT_USER))"}));

        SchemaObject restrictive = p;
        restrictive.properties[QStringLiteral("permissive")] = QStringLiteral("RESTRICTIVE");
        QVERIFY(alter(p, restrictive).replace);
        SchemaObject select = p;
        select.properties[QStringLiteral("command")] = QStringLiteral("r");
        QVERIFY(alter(p, select).replace);
        QVERIFY(create(select).sql[0].contains(QLatin1String("FOR SELECT")));
        SchemaObject checked = p;
        checked.properties[QStringLiteral("with_check")] = QStringLiteral("true");
        QVERIFY(alter(p, checked).replace); // ALTER POLICY cannot take it away again
    }
};

QTEST_GUILESS_MAIN(TestObjectRules)
#include "tst_objectrules.moc"
