// compare() (schema/schemadiff.h) on hand-built models: what counts as added, removed and
// changed, the detail lines, ignore patterns (and what is on an ignored relation), comments,
// owners and grants, and column positions left out.

#include "schema/schemadiff.h"

#include <QTest>

using namespace strata::schema;

namespace {

SchemaObject make(ObjectKind kind, const QString &schema, const QString &table, const QString &name,
                  const QMap<QString, QString> &properties = {})
{
    SchemaObject object;
    object.kind = kind;
    object.schema = schema;
    object.table = table;
    object.name = name;
    object.properties = properties;
    return object;
}

QString describe(const QList<ObjectChange> &changes)
{
    QStringList text;
    for (const ObjectChange &change : changes)
        text << changeName(change.change) + QLatin1Char(' ') + change.object +
                    (change.detail.isEmpty() ? QString() : QStringLiteral(": ") + change.detail);
    return text.join(QLatin1Char('\n'));
}

// A table public.orders with columns id and note, an index and a view.
SchemaModel base()
{
    SchemaModel model;
    const QString pub = QStringLiteral("public");
    const QString orders = QStringLiteral("orders");
    model.add(make(ObjectKind::Table, pub, {}, orders));
    model.add(make(ObjectKind::Column, pub, orders, QStringLiteral("id"),
                   {{QStringLiteral("type"), QStringLiteral("integer")},
                    {QStringLiteral("position"), QStringLiteral("1")}}));
    model.add(make(ObjectKind::Column, pub, orders, QStringLiteral("note"),
                   {{QStringLiteral("type"), QStringLiteral("text")},
                    {QStringLiteral("default"), QStringLiteral("'a'::text")},
                    {QStringLiteral("position"), QStringLiteral("2")}}));
    model.add(make(ObjectKind::Index, pub, orders, QStringLiteral("orders_note"),
                   {{QStringLiteral("definition"),
                     QStringLiteral("CREATE INDEX %INDEX% ON public.orders USING btree (note)")}}));
    model.add(make(ObjectKind::View, pub, {}, QStringLiteral("recent"),
                   {{QStringLiteral("definition"), QStringLiteral(" SELECT 1;")}}));
    return model;
}

} // namespace

class TestSchemaCompare : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameModelHasNoChanges()
    {
        QVERIFY(compare(base(), base()).isEmpty());
        QVERIFY(compare(SchemaModel(), SchemaModel()).isEmpty());
    }

    void addedRemovedAndChangedSortedByKindAndKey()
    {
        SchemaModel actual = base();
        actual.add(make(ObjectKind::Column, QStringLiteral("public"), QStringLiteral("orders"),
                        QStringLiteral("note"),
                        {{QStringLiteral("type"), QStringLiteral("character varying(20)")},
                         {QStringLiteral("position"), QStringLiteral("2")}}));
        actual.add(make(ObjectKind::Column, QStringLiteral("public"), QStringLiteral("orders"),
                        QStringLiteral("added")));
        SchemaModel expected = base();
        expected.add(
            make(ObjectKind::Sequence, QStringLiteral("public"), {}, QStringLiteral("gone_seq")));
        const QList<ObjectChange> changes = compare(expected, actual);
        QCOMPARE(describe(changes),
                 QStringLiteral("removed sequence public.gone_seq\n"
                                "added column public.orders.added\n"
                                "changed column public.orders.note: default: 'a'::text -> (none)\n"
                                "type: text -> character varying(20)"));
        QCOMPARE(changes[0].kind, ObjectKind::Sequence);
        QCOMPARE(changes[0].change, ObjectChange::Change::Removed);
        QCOMPARE(changes[1].change, ObjectChange::Change::Added);
        QCOMPARE(changes[2].change, ObjectChange::Change::Changed);
        QCOMPARE(changeName(ObjectChange::Change::Changed), QStringLiteral("changed"));
    }

    void columnPositionsAreNotCompared()
    {
        SchemaModel actual = base();
        SchemaObject id = *actual.find(make(ObjectKind::Column, QStringLiteral("public"),
                                            QStringLiteral("orders"), QStringLiteral("id"))
                                           .key());
        id.properties[QStringLiteral("position")] = QStringLiteral("7");
        actual.add(id);
        QVERIFY(compare(base(), actual).isEmpty());
    }

    void commentsUnlessTurnedOffOwnersAndGrantsOnlyWhenAsked()
    {
        SchemaModel actual = base();
        SchemaObject view = *actual.find(
            make(ObjectKind::View, QStringLiteral("public"), {}, QStringLiteral("recent")).key());
        view.comment = QStringLiteral("last week");
        view.owner = QStringLiteral("app");
        view.grants = {QStringLiteral("reader:SELECT")};
        actual.add(view);
        QCOMPARE(describe(compare(base(), actual)),
                 QStringLiteral("changed view public.recent: comment: (none) -> last week"));
        CompareOptions options;
        options.comments = false;
        QVERIFY(compare(base(), actual, options).isEmpty());
        options.ownersAndGrants = true;
        QCOMPARE(describe(compare(base(), actual, options)),
                 QStringLiteral("changed view public.recent: owner: (none) -> app\n"
                                "grants: (none) -> reader:SELECT"));
    }

    void ignoredObjectsAndWhatIsOnAnIgnoredRelationAreSkipped()
    {
        SchemaModel actual;
        SchemaModel expected = base();
        CompareOptions options;
        options.ignore = {QStringLiteral("table public.ord*")};
        // The table, its columns and its index go; the view stays.
        QCOMPARE(describe(compare(expected, actual, options)),
                 QStringLiteral("removed view public.recent"));
        options.ignore = {QStringLiteral("public.orders")};
        QCOMPARE(compare(expected, actual, options).size(), 1);
        options.ignore = {QStringLiteral("view *"), QStringLiteral("public.orders")};
        QVERIFY(compare(expected, actual, options).isEmpty());
        // A pattern on a column's own name leaves the rest of the table.
        options.ignore = {QStringLiteral("public.orders.note")};
        QCOMPARE(compare(expected, actual, options).size(), 4);
        options.ignore = {QStringLiteral("column public.orders.*"), QStringLiteral("index *")};
        QCOMPARE(describe(compare(expected, actual, options)),
                 QStringLiteral("removed table public.orders\nremoved view public.recent"));
        // Ignoring a schema ignores what is in it.
        expected.add(make(ObjectKind::Schema, {}, {}, QStringLiteral("public")));
        options.ignore = {QStringLiteral("schema public")};
        QVERIFY(compare(expected, actual, options).isEmpty());
        options.ignore = {QStringLiteral("schema pub")};
        QCOMPARE(compare(expected, actual, options).size(), 6);
        // Quoted names as SQL writes them match too.
        SchemaModel mixed;
        mixed.add(make(ObjectKind::Table, QStringLiteral("public"), {}, QStringLiteral("Tmp")));
        options.ignore = {QStringLiteral("public.\"Tmp\"")};
        QVERIFY(compare(SchemaModel(), mixed, options).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSchemaCompare)
#include "tst_schemacompare.moc"
