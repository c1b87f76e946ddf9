// RevisionGraph: structure, labels, resolution and build errors, as Alembic's RevisionMap.

#include "revision/revisiongraph.h"
#include "topologies.h"

#include <QTest>

using namespace strata;
using namespace strata::test;

class TestRevisionGraph : public QObject
{
    Q_OBJECT

    static RevisionGraph build(const QList<Migration> &migrations)
    {
        auto graph = RevisionGraph::build(migrations);
        if (!graph)
            qFatal("unexpected build error: %s", qPrintable(graph.error().toString()));
        return std::move(graph).value();
    }
    static QStringList sorted(QStringList list)
    {
        list.sort();
        return list;
    }

private Q_SLOTS:
    void structure()
    {
        const RevisionGraph g = build(topology(QStringLiteral("twinmerge")));
        QCOMPARE(g.ids(g.heads()), ids("e"));
        QCOMPARE(g.ids(g.bases()), ids("a"));
        QVERIFY(g.isBranchPoint(g.indexOf(QStringLiteral("b"))));
        QVERIFY(!g.isBranchPoint(g.indexOf(QStringLiteral("c1"))));
        QVERIFY(g.isMergePoint(g.indexOf(QStringLiteral("d"))));
        QVERIFY(g.isHead(g.indexOf(QStringLiteral("e"))));
        QVERIFY(g.isBase(g.indexOf(QStringLiteral("a"))));
        QCOMPARE(sorted(g.ids(g.ancestors({g.indexOf(QStringLiteral("d"))}))), ids("a b c1 c2 d"));
        QCOMPARE(sorted(g.ids(g.descendants({g.indexOf(QStringLiteral("c2"))}))), ids("c2 d e"));
        // Every revision after its parents.
        const QStringList order = g.ids(g.topologicalOrder());
        QVERIFY(order.indexOf(QStringLiteral("b")) < order.indexOf(QStringLiteral("c1")));
        QVERIFY(order.indexOf(QStringLiteral("c2")) < order.indexOf(QStringLiteral("d")));
    }

    void dependenciesAndRealHeads()
    {
        // b2 depends on b1: b1 stays a head (nothing names it as down_revision) but is not a
        // "real" head; a2 is a base but not a real base only when it has dependencies.
        const RevisionGraph g = build({rev("a1<"), rev("b1<a1"), rev("a2<"), rev("b2<a2|b1")});
        QCOMPARE(sorted(g.ids(g.heads())), ids("b1 b2"));
        QCOMPARE(g.ids(g.realHeads()), ids("b2"));
        QCOMPARE(sorted(g.ids(g.bases())), ids("a1 a2"));
        QCOMPARE(sorted(g.ids(g.realBases())), ids("a1 a2"));
        QCOMPARE(g.ids(g.normalizedDownRevisions(g.indexOf(QStringLiteral("b2")))), ids("a2 b1"));
        const RevisionGraph h = build({rev("a<"), rev("x<|a")});
        QCOMPARE(h.ids(h.bases()), ids("a x"));
        QCOMPARE(h.ids(h.realBases()), ids("a"));
        QVERIFY(!h.isRealBranchPoint(h.indexOf(QStringLiteral("a"))));
    }

    void dependencyNormalisation()
    {
        // c depends on a dependency that its parent already declares: not an extra parent.
        const RevisionGraph g = build({rev("x<"), rev("a<"), rev("b<a|x"), rev("c<b|x")});
        QCOMPARE(g.ids(g.normalizedDownRevisions(g.indexOf(QStringLiteral("c")))), ids("b"));
        QCOMPARE(g.ids(g.resolvedDependencies(g.indexOf(QStringLiteral("c")))), ids("x"));
    }

    void labelsPropagate()
    {
        // A label on the first revision of a branch names the whole branch, down to the
        // branch point and up to its heads.
        const RevisionGraph g =
            build({rev("a<"), rev("b<a"), rev("c<b||feature"), rev("d<c"), rev("x<b")});
        QCOMPARE(g.branchLabels(g.indexOf(QStringLiteral("c"))), ids("feature"));
        QCOMPARE(g.branchLabels(g.indexOf(QStringLiteral("d"))), ids("feature"));
        QVERIFY(g.branchLabels(g.indexOf(QStringLiteral("b"))).isEmpty()); // the branch point
        QVERIFY(g.branchLabels(g.indexOf(QStringLiteral("x"))).isEmpty());
        // On a straight line the label reaches the base.
        const RevisionGraph line = build({rev("a<"), rev("b<a||mine"), rev("c<b")});
        QCOMPARE(line.branchLabels(line.indexOf(QStringLiteral("a"))), ids("mine"));
        QCOMPARE(line.branchLabels(line.indexOf(QStringLiteral("c"))), ids("mine"));
        auto head = g.resolve(QStringLiteral("feature@head"));
        QVERIFY(head.ok());
        QCOMPARE(g.ids(*head), ids("d"));
        auto byLabel = g.resolve(QStringLiteral("feature"));
        QVERIFY(byLabel.ok());
        QCOMPARE(g.ids(*byLabel), ids("c"));
        auto outside = g.resolve(QStringLiteral("feature@x"));
        QVERIFY(!outside.ok());
        QVERIFY(outside.error().message.contains(QStringLiteral("not a member of branch")));
    }

    void resolution()
    {
        const RevisionGraph g = build({rev("abcd01<"), rev("abcd02<abcd01"), rev("ffff03<abcd01")});
        auto heads = g.resolve(QStringLiteral("heads"));
        QVERIFY(heads.ok());
        QCOMPARE(sorted(g.ids(*heads)), ids("abcd02 ffff03"));
        auto base = g.resolve(QStringLiteral("base"));
        QVERIFY(base.ok() && base->isEmpty());
        auto prefix = g.resolve(QStringLiteral("ffff"));
        QVERIFY(prefix.ok());
        QCOMPARE(g.ids(*prefix), ids("ffff03"));
        auto ambiguous = g.resolve(QStringLiteral("abcd"));
        QVERIFY(!ambiguous.ok());
        QVERIFY(ambiguous.error().message.contains(QStringLiteral("abcd01")));
        QVERIFY(ambiguous.error().message.contains(QStringLiteral("abcd02")));
        auto head = g.resolve(QStringLiteral("head"));
        QVERIFY(!head.ok());
        QVERIFY(head.error().message.contains(QStringLiteral("several heads")));
        auto unknown = g.resolve(QStringLiteral("nothere"));
        QVERIFY(!unknown.ok());
        QVERIFY(unknown.error().message.contains(QStringLiteral("nothere")));
        auto tooShort = g.resolve(QStringLiteral("zz"));
        QVERIFY(!tooShort.ok());
        QVERIFY(tooShort.error().message.contains(QStringLiteral("four characters")));
    }

    void buildErrors_data()
    {
        QTest::addColumn<QList<Migration>>("migrations");
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("line");
        QTest::addColumn<QStringList>("words");
        QTest::newRow("duplicate id names both files")
            << QList<Migration>{rev("a<"),
                                [] {
                                    Migration m = rev("a<");
                                    m.filePath = QStringLiteral("versions/copy.sql");
                                    return m;
                                }()}
            << QStringLiteral("versions/copy.sql") << 1 << ids("duplicate versions/a.sql");
        QTest::newRow("unknown parent") << QList<Migration>{rev("a<"), rev("b<zz")}
                                        << QStringLiteral("versions/b.sql") << 2 << ids("zz");
        QTest::newRow("unknown dependency") << QList<Migration>{rev("a<"), rev("b<a|zz")}
                                            << QStringLiteral("versions/b.sql") << 3 << ids("zz");
        QTest::newRow("self loop") << QList<Migration>{rev("a<a")}
                                   << QStringLiteral("versions/a.sql") << 2 << ids("itself");
        QTest::newRow("cycle lists its members")
            << QList<Migration>{rev("root<"), rev("a<c"), rev("b<a"), rev("c<b"), rev("d<c")}
            << QStringLiteral("versions/a.sql") << 2 << ids("cycle a, b, c");
        QTest::newRow("dependency cycle") << QList<Migration>{rev("a<|b"), rev("b<a")}
                                          << QStringLiteral("versions/a.sql") << 2 << ids("cycle");
        QTest::newRow("duplicate label")
            << QList<Migration>{rev("a<||lbl"), rev("b<||lbl")} << QStringLiteral("versions/b.sql")
            << 4 << ids("lbl already");
    }

    void buildErrors()
    {
        QFETCH(QList<Migration>, migrations);
        QFETCH(QString, file);
        QFETCH(int, line);
        QFETCH(QStringList, words);
        auto graph = RevisionGraph::build(migrations);
        QVERIFY(!graph.ok());
        QCOMPARE(graph.error().file, file);
        QCOMPARE(graph.error().line, line);
        const QString text = graph.error().toString();
        for (const QString &word : words)
            QVERIFY2(text.contains(word), qPrintable(text));
    }

    void largeGraphIsLinear()
    {
        // 10,000 revisions with a fork and merge every 10: building and walking stay fast
        // enough for the CLI's 100 ms budget (the benchmark measures it; this guards against
        // quadratic work sneaking in by checking the result, not the time).
        QList<Migration> migrations;
        QString last;
        for (int i = 0; i < 10000; ++i) {
            Migration m;
            m.revision = QStringLiteral("r%1").arg(i, 5, 10, QLatin1Char('0'));
            if (!last.isEmpty())
                m.downRevisions = {last};
            if (i % 10 == 9 && i >= 2)
                m.downRevisions = {QStringLiteral("r%1").arg(i - 1, 5, 10, QLatin1Char('0')),
                                   QStringLiteral("r%1").arg(i - 2, 5, 10, QLatin1Char('0'))};
            if (i % 10 == 8)
                m.downRevisions = {QStringLiteral("r%1").arg(i - 2, 5, 10, QLatin1Char('0'))};
            m.hasDowngrade = true;
            migrations.append(m);
            last = m.revision;
        }
        auto graph = RevisionGraph::build(migrations);
        QVERIFY2(graph.ok(), graph.ok() ? "" : qPrintable(graph.error().toString()));
        QCOMPARE(graph->ids(graph->heads()), ids("r09999"));
        QCOMPARE(graph->topologicalOrder().size(), 10000);
    }
};

QTEST_GUILESS_MAIN(TestRevisionGraph)
#include "tst_revisiongraph.moc"
