// Comments, owners and grants on hand-built models: COMMENT ON for every kind, ALTER ... OWNER
// TO, GRANT and REVOKE from the models' "grantee:PRIVILEGE[*]" lists, for objects changed,
// created, dropped and created again, with their inverses.

#include "objectmodels.h"

#include <QTest>

using namespace strata::test::objectmodels;

class TestObjectGrants : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void commentsOnEveryKind()
    {
        Models m;
        const DiffContext context = m.context();
        auto commentSql = [&](SchemaObject o) {
            o.comment = QStringLiteral("it's");
            return single(commentAndGrantOperations(nullptr, &o, context)).sql.value(0);
        };
        QCOMPARE(commentSql(object(ObjectKind::Schema, {}, "s")),
                 QStringLiteral("COMMENT ON SCHEMA s IS 'it''s'"));
        QCOMPARE(commentSql(object(ObjectKind::Extension, {}, "hstore")),
                 QStringLiteral("COMMENT ON EXTENSION hstore IS 'it''s'"));
        QCOMPARE(commentSql(object(ObjectKind::EnumType, "public", "e")),
                 QStringLiteral("COMMENT ON TYPE public.e IS 'it''s'"));
        QCOMPARE(commentSql(object(ObjectKind::Domain, "public", "d")),
                 QStringLiteral("COMMENT ON DOMAIN public.d IS 'it''s'"));
        QCOMPARE(commentSql(table("film")),
                 QStringLiteral("COMMENT ON TABLE public.film IS 'it''s'"));
        QCOMPARE(commentSql(column("film", "Title", "text")),
                 QStringLiteral("COMMENT ON COLUMN public.film.\"Title\" IS 'it''s'"));
        QCOMPARE(commentSql(onTable(ObjectKind::Constraint, "film", "film_pkey")),
                 QStringLiteral("COMMENT ON CONSTRAINT film_pkey ON public.film IS 'it''s'"));
        SchemaObject index = object(ObjectKind::Index, "public", "film_idx");
        index.table = QStringLiteral("film");
        QCOMPARE(commentSql(index), QStringLiteral("COMMENT ON INDEX public.film_idx IS 'it''s'"));
        QCOMPARE(commentSql(object(ObjectKind::MaterializedView, "public", "mv")),
                 QStringLiteral("COMMENT ON MATERIALIZED VIEW public.mv IS 'it''s'"));
        QCOMPARE(commentSql(function(kPlpgsql)),
                 QStringLiteral("COMMENT ON FUNCTION public.f(i integer) IS 'it''s'"));
        QCOMPARE(commentSql(object(ObjectKind::Aggregate, "public", "total")),
                 QStringLiteral("COMMENT ON AGGREGATE public.total(*) IS 'it''s'"));
        QCOMPARE(commentSql(onTable(ObjectKind::Trigger, "film", "stamp")),
                 QStringLiteral("COMMENT ON TRIGGER stamp ON public.film IS 'it''s'"));
        QCOMPARE(commentSql(onTable(ObjectKind::Rule, "film", "r")),
                 QStringLiteral("COMMENT ON RULE r ON public.film IS 'it''s'"));
        QCOMPARE(commentSql(onTable(ObjectKind::Policy, "film", "p")),
                 QStringLiteral("COMMENT ON POLICY p ON public.film IS 'it''s'"));
    }

    void commentChangesAndInverses()
    {
        Models m;
        SchemaObject before = table("film");
        before.comment = QStringLiteral("old");
        SchemaObject after = before;
        after.comment = QStringLiteral("new");
        const Operation changed = single(commentAndGrantOperations(&before, &after, m.context()));
        QCOMPARE(changed.sql, list({"COMMENT ON TABLE public.film IS 'new'"}));
        QCOMPARE(changed.inverseSql, list({"COMMENT ON TABLE public.film IS 'old'"}));
        SchemaObject none = before;
        none.comment.clear();
        QCOMPARE(single(commentAndGrantOperations(&before, &none, m.context())).sql,
                 list({"COMMENT ON TABLE public.film IS NULL"}));
        // Created: the drop undoes it. Dropped: nothing to run; the downgrade puts it back.
        const Operation created = single(commentAndGrantOperations(nullptr, &after, m.context()));
        QVERIFY(created.inverseSql.isEmpty());
        const Operation dropped = single(commentAndGrantOperations(&before, nullptr, m.context()));
        QVERIFY(dropped.sql.isEmpty());
        QCOMPARE(dropped.inverseSql, list({"COMMENT ON TABLE public.film IS 'old'"}));
        QVERIFY(commentAndGrantOperations(&before, &before, m.context()).isEmpty());
    }

    void grantsPutBackOnRecreatedObjects()
    {
        // A view rebuilt around a change beneath it keeps its reader's SELECT, although owners
        // and grants are not compared.
        Models m;
        SchemaObject v = object(ObjectKind::View, "public", "v");
        v.grants = {QStringLiteral("reader:SELECT")};
        m.from.add(v);
        SchemaObject rebuilt = v;
        rebuilt.grants.clear(); // not compared: the desired side may not have read them
        m.to.add(rebuilt);
        const Operation after = single(regrantOperations(nullptr, &rebuilt, m.context()));
        QCOMPARE(after.sql, list({"GRANT SELECT ON TABLE public.v TO reader"}));
        QVERIFY(after.inverseSql.isEmpty());
        const Operation before = single(regrantOperations(&v, nullptr, m.context()));
        QVERIFY(before.sql.isEmpty());
        QCOMPARE(before.inverseSql, after.sql);
        // With owners and grants compared, commentAndGrantOperations() carries them.
        m.options.ownersAndGrants = true;
        QVERIFY(regrantOperations(nullptr, &rebuilt, m.context()).isEmpty());
    }

    void ownersAndGrants()
    {
        Models m;
        SchemaObject before = table("film");
        before.owner = QStringLiteral("app");
        before.grants = {QStringLiteral("reader:SELECT"), QStringLiteral("writer:INSERT*")};
        SchemaObject after = before;
        after.owner = QStringLiteral("Owner");
        after.grants = {QStringLiteral("PUBLIC:SELECT"), QStringLiteral("writer:INSERT")};
        // Off by default: owners and grants differ between environments by design.
        QVERIFY(commentAndGrantOperations(&before, &after, m.context()).isEmpty());

        m.options.ownersAndGrants = true;
        const QList<Operation> ops = commentAndGrantOperations(&before, &after, m.context());
        QCOMPARE(ops.size(), 2);
        QCOMPARE(ops[0].sql, list({"ALTER TABLE public.film OWNER TO \"Owner\""}));
        QCOMPARE(ops[0].inverseSql, list({"ALTER TABLE public.film OWNER TO app"}));
        QCOMPARE(ops[1].sql, list({"REVOKE SELECT ON TABLE public.film FROM reader",
                                   "REVOKE INSERT ON TABLE public.film FROM writer",
                                   "GRANT SELECT ON TABLE public.film TO PUBLIC",
                                   "GRANT INSERT ON TABLE public.film TO writer"}));
        QCOMPARE(ops[1].inverseSql,
                 list({"REVOKE SELECT ON TABLE public.film FROM PUBLIC",
                       "REVOKE INSERT ON TABLE public.film FROM writer",
                       "GRANT SELECT ON TABLE public.film TO reader",
                       "GRANT INSERT ON TABLE public.film TO writer WITH GRANT OPTION"}));

        // A sequence owned by a column follows its table's owner.
        SchemaObject owned =
            object(ObjectKind::Sequence, "public", "film_id_seq", {{"owned_by", "public.film.id"}});
        owned.owner = QStringLiteral("app");
        SchemaObject reowned = owned;
        reowned.owner = QStringLiteral("other");
        QVERIFY(commentAndGrantOperations(&owned, &reowned, m.context()).isEmpty());

        SchemaObject col = column("film", "title", "text");
        col.grants = {QStringLiteral("reader:UPDATE")};
        QCOMPARE(single(commentAndGrantOperations(nullptr, &col, m.context())).sql,
                 list({"GRANT UPDATE (title) ON TABLE public.film TO reader"}));
        // A function whose PUBLIC EXECUTE was revoked: created again by the downgrade, it has
        // the default privileges until the revoke runs again.
        SchemaObject f = function(kPlpgsql);
        f.owner = QStringLiteral("app");
        f.grants = {QStringLiteral("app:EXECUTE")};
        const QList<Operation> dropped = commentAndGrantOperations(&f, nullptr, m.context());
        QCOMPARE(dropped.size(), 2);
        QVERIFY(dropped[1].sql.isEmpty());
        QCOMPARE(dropped[1].inverseSql,
                 list({"REVOKE EXECUTE ON FUNCTION public.f(i integer) FROM PUBLIC"}));
        // A created type with the default privileges needs no GRANT.
        SchemaObject e = object(ObjectKind::EnumType, "public", "e");
        e.owner = QStringLiteral("app");
        e.grants = {QStringLiteral("PUBLIC:USAGE"), QStringLiteral("app:USAGE")};
        QCOMPARE(single(commentAndGrantOperations(nullptr, &e, m.context())).sql,
                 list({"ALTER TYPE public.e OWNER TO app"}));
    }
};

QTEST_GUILESS_MAIN(TestObjectGrants)
#include "tst_objectgrants.moc"
