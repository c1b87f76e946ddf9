// RevisionGraph against Alembic's RevisionMap: heads, real heads, bases, branch and merge
// points, branch labels, normalised dependencies, target resolution and build errors, on the
// topologies of Alembic's own tests (tests/data/alembic/topologies.txt, every expectation
// confirmed by running Alembic 1.8.1 with confirm_with_alembic.py).

#include "alembictopologies.h"
#include "revision/revisiongraph.h"

#include <QTest>

using namespace strata;
using namespace strata::test;

class TestRevisionGraph : public QObject
{
    Q_OBJECT

    // Rows for every case of the given kinds.
    static void addCaseRows(const QStringList &kinds)
    {
        QTest::addColumn<TopologyCase>("c");
        for (const TopologyCase &c : topologyFile().cases)
            if (kinds.contains(c.kind))
                QTest::addRow("%s", qPrintable(c.tag())) << c;
    }

    static Result<RevisionGraph> buildTopology(const QString &name)
    {
        const Topology *t = topologyFile().find(name);
        if (!t)
            return Error::failure(QStringLiteral("no topology %1").arg(name));
        return RevisionGraph::build(t->migrations);
    }

    static QStringList sorted(QStringList list)
    {
        list.sort();
        return list;
    }

    static QStringList where(const RevisionGraph &g, bool (RevisionGraph::*test)(int) const)
    {
        QStringList out;
        for (int i = 0; i < g.size(); ++i)
            if ((g.*test)(i))
                out.append(g.id(i));
        return out;
    }

    static bool builds(const Topology &t)
    {
        for (const TopologyCase &c : topologyFile().cases)
            if (c.topology == t.name && c.kind == QLatin1String("builderror"))
                return false;
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(topologyFile().error.isEmpty(), qPrintable(topologyFile().error));
        QVERIFY(topologyFile().topologies.size() >= 30);
        QVERIFY(topologyFile().cases.size() >= 300);
    }

    // heads, realheads, bases, realbases, branchpoints, realbranchpoints, mergepoints,
    // labels, normalized: each compared as a set with Alembic's.
    void facts_data()
    {
        addCaseRows({QStringLiteral("heads"), QStringLiteral("realheads"), QStringLiteral("bases"),
                     QStringLiteral("realbases"), QStringLiteral("branchpoints"),
                     QStringLiteral("realbranchpoints"), QStringLiteral("mergepoints"),
                     QStringLiteral("labels"), QStringLiteral("normalized")});
    }

    void facts()
    {
        QFETCH(TopologyCase, c);
        auto built = buildTopology(c.topology);
        QVERIFY2(built.ok(), built.ok() ? "" : qPrintable(built.error().toString()));
        const RevisionGraph &g = *built;

        QStringList got;
        QString expected;
        if (c.kind == QLatin1String("labels") || c.kind == QLatin1String("normalized")) {
            const int index = g.indexOf(c.arg(0));
            QVERIFY2(index >= 0, qPrintable(c.arg(0)));
            got = c.kind == QLatin1String("labels") ? g.branchLabels(index)
                                                    : g.ids(g.normalizedDownRevisions(index));
            expected = c.arg(1);
        } else {
            expected = c.arg(0);
            if (c.kind == QLatin1String("heads"))
                got = g.ids(g.heads());
            else if (c.kind == QLatin1String("realheads"))
                got = g.ids(g.realHeads());
            else if (c.kind == QLatin1String("bases"))
                got = g.ids(g.bases());
            else if (c.kind == QLatin1String("realbases"))
                got = g.ids(g.realBases());
            else if (c.kind == QLatin1String("branchpoints"))
                got = where(g, &RevisionGraph::isBranchPoint);
            else if (c.kind == QLatin1String("realbranchpoints"))
                got = where(g, &RevisionGraph::isRealBranchPoint);
            else if (c.kind == QLatin1String("mergepoints"))
                got = where(g, &RevisionGraph::isMergePoint);
        }
        QCOMPARE(sortedJoin(got), sortedJoin(idList(expected)));
        QCOMPARE(got.size(), idSet(got).size()); // no duplicates
    }

    // Full ids, prefixes (four characters or more: Strata refuses shorter ones that Alembic
    // takes, marked alembic=resolves), head, heads,
    // base, LABEL, LABEL@head, LABEL@heads, LABEL@base, LABEL@REV, REV@REV, and their errors.
    void resolution_data() { addCaseRows({QStringLiteral("resolve")}); }

    void resolution()
    {
        QFETCH(TopologyCase, c);
        auto built = buildTopology(c.topology);
        QVERIFY2(built.ok(), built.ok() ? "" : qPrintable(built.error().toString()));
        const Result<QList<int>> resolved = built->resolve(c.arg(0));
        if (c.has("error")) {
            if (resolved.ok())
                QFAIL(qPrintable(QStringLiteral("resolved to %1 where an error is expected")
                                     .arg(sortedJoin(built->ids(*resolved)))));
            QString missing;
            QVERIFY2(containsWords(resolved.error().message, c.opt("error"), &missing),
                     qPrintable(
                         QStringLiteral("'%1' not in: %2").arg(missing, resolved.error().message)));
            return;
        }
        QVERIFY2(resolved.ok(), resolved.ok() ? "" : qPrintable(resolved.error().toString()));
        QCOMPARE(sortedJoin(built->ids(*resolved)), sortedJoin(idList(c.arg(1))));
    }

    // Duplicate ids (both files named), unknown parents and dependencies (the file and the
    // line of the key at fault), self-loops, cycles (their members named), duplicate labels.
    void buildErrors_data() { addCaseRows({QStringLiteral("builderror")}); }

    void buildErrors()
    {
        QFETCH(TopologyCase, c);
        const Topology *t = topologyFile().find(c.topology);
        QVERIFY(t);
        const Result<RevisionGraph> built = RevisionGraph::build(t->migrations);
        QVERIFY2(!built.ok(), "the graph was built where an error is expected");
        const Error &error = built.error();
        if (c.has("file")) {
            QCOMPARE(error.file, c.opt("file"));
            QCOMPARE(error.line, c.opt("line").toInt());
        } else {
            // A cycle: any of its members' files will do, on the down_revision line.
            QStringList memberFiles;
            for (const QString &member : idList(c.opt("error")))
                memberFiles.append(QStringLiteral("versions/%1.sql").arg(member));
            QVERIFY2(memberFiles.contains(error.file), qPrintable(error.toString()));
            QVERIFY(error.line > 0);
        }
        QString missing;
        QVERIFY2(containsWords(error.message, c.opt("error"), &missing),
                 qPrintable(QStringLiteral("'%1' not in: %2").arg(missing, error.message)));
    }

    // Everything the graph reports agrees with the migrations it was built from, on every
    // topology of the file: ids and indexes, parents and children, heads and bases, the
    // ancestor and descendant closures, and a topological order.
    void structureAgreesWithMigrations_data()
    {
        QTest::addColumn<QString>("name");
        for (const Topology &t : topologyFile().topologies)
            if (builds(t))
                QTest::addRow("%s", qPrintable(t.name)) << t.name;
    }

    void structureAgreesWithMigrations()
    {
        QFETCH(QString, name);
        const Topology &t = *topologyFile().find(name);
        auto built = RevisionGraph::build(t.migrations);
        QVERIFY2(built.ok(), built.ok() ? "" : qPrintable(built.error().toString()));
        const RevisionGraph &g = *built;
        const QHash<QString, QSet<QString>> parents = t.parents();

        QCOMPARE(g.size(), t.migrations.size());
        QVERIFY(!g.isEmpty());
        QCOMPARE(g.indexOf(QStringLiteral("no_such_revision")), -1);
        QStringList heads, realHeads, bases, realBases;
        for (int i = 0; i < g.size(); ++i) {
            const Migration &m = t.migrations[i];
            QCOMPARE(g.id(i), m.revision);
            QCOMPARE(g.indexOf(m.revision), i);
            QCOMPARE(g.migration(i).filePath, m.filePath);
            QCOMPARE(g.ids(g.downRevisions(i)), m.downRevisions);

            QStringList children, allChildren;
            for (const Migration &other : t.migrations) {
                if (other.downRevisions.contains(m.revision))
                    children.append(other.revision);
                if (parents.value(other.revision).contains(m.revision))
                    allChildren.append(other.revision);
            }
            QCOMPARE(sortedJoin(g.ids(g.children(i))), sortedJoin(children));
            QCOMPARE(sortedJoin(g.ids(g.allChildren(i))), sortedJoin(allChildren));
            QStringList allParents = g.ids(g.downRevisions(i)) + g.ids(g.resolvedDependencies(i));
            allParents.removeDuplicates();
            QCOMPARE(sortedJoin(allParents), sortedJoin(parents.value(m.revision).values()));
            // Normalised parents are a subset of all parents that keeps every down_revision.
            const QSet<QString> normalized = idSet(g.ids(g.normalizedDownRevisions(i)));
            QVERIFY(normalized.contains(idSet(m.downRevisions)));
            QVERIFY(parents.value(m.revision).contains(normalized));

            QCOMPARE(g.isHead(i), children.isEmpty());
            QCOMPARE(g.isBase(i), m.downRevisions.isEmpty());
            QCOMPARE(g.isBranchPoint(i), children.size() > 1);
            QCOMPARE(g.isRealBranchPoint(i), allChildren.size() > 1);
            QCOMPARE(g.isMergePoint(i), m.downRevisions.size() > 1);
            if (children.isEmpty())
                heads.append(m.revision);
            if (allChildren.isEmpty())
                realHeads.append(m.revision);
            if (m.downRevisions.isEmpty())
                bases.append(m.revision);
            if (m.downRevisions.isEmpty() && m.dependsOn.isEmpty())
                realBases.append(m.revision);

            // The closures hold the start, are closed under parents/children, and mirror
            // each other.
            const QSet<QString> up = idSet(g.ids(g.ancestors({i})));
            QVERIFY(up.contains(m.revision));
            for (const QString &member : up)
                for (const QString &p : g.ids(g.normalizedDownRevisions(g.indexOf(member))))
                    QVERIFY2(up.contains(p), qPrintable(p));
            const QSet<QString> down = idSet(g.ids(g.descendants({i})));
            QVERIFY(down.contains(m.revision));
            for (int j = 0; j < g.size(); ++j) {
                const bool jAbove = idSet(g.ids(g.ancestors({j}))).contains(m.revision);
                QCOMPARE(down.contains(g.id(j)), jAbove);
            }
            const QSet<QString> versionedUp = idSet(g.ids(g.ancestors({i}, false)));
            QVERIFY(up.contains(versionedUp));
            QVERIFY(g.sharesLineage(i, {i}));
        }
        QCOMPARE(g.ids(g.heads()), heads);
        QCOMPARE(g.ids(g.realHeads()), realHeads);
        QCOMPARE(g.ids(g.bases()), bases);
        QCOMPARE(g.ids(g.realBases()), realBases);

        const QStringList order = g.ids(g.topologicalOrder());
        QStringList all;
        for (const Migration &m : t.migrations)
            all.append(m.revision);
        QCOMPARE(sortedJoin(order), sortedJoin(all));
        QCOMPARE(order.size(), g.size());
        QCOMPARE(sortedJoin(g.ids(g.ancestors(g.realHeads()))), sortedJoin(all));
        for (int k = 0; k < order.size(); ++k)
            for (const QString &p : parents.value(order[k]))
                QVERIFY2(order.indexOf(p) < k,
                         qPrintable(order[k] + QLatin1String(" before ") + p));
    }

    void resolveOneWantsExactlyOneRevision()
    {
        auto g = buildTopology(QStringLiteral("branched"));
        QVERIFY(g.ok());
        auto one = g->resolveOne(QStringLiteral("c1branch@head"));
        QVERIFY(one.ok());
        QCOMPARE(g->id(*one), QStringLiteral("d1"));
        auto several = g->resolveOne(QStringLiteral("heads"));
        QVERIFY(!several.ok());
        QVERIFY(several.error().message.contains(QStringLiteral("d1")));
        QVERIFY(several.error().message.contains(QStringLiteral("d2")));
        QVERIFY(!g->resolveOne(QStringLiteral("base")).ok());
        QVERIFY(!g->resolveOne(QStringLiteral("nothere")).ok());
    }

    void labelRevisionNamesTheDeclaringRevision()
    {
        auto g = buildTopology(QStringLiteral("labeled"));
        QVERIFY(g.ok());
        QCOMPARE(g->labelRevision(QStringLiteral("ebranch")), g->indexOf(QStringLiteral("e")));
        QCOMPARE(g->labelRevision(QStringLiteral("abranch")), g->indexOf(QStringLiteral("a")));
        QCOMPARE(g->labelRevision(QStringLiteral("nolabel")), -1);
        // A label also names its branch's ancestors below the labelled revision.
        QVERIFY(
            g->branchLabels(g->indexOf(QStringLiteral("d"))).contains(QStringLiteral("ebranch")));
    }

    // Alembic's EmptyMapTest: an empty map has no heads and no bases, and "heads" names
    // nothing.
    void emptyGraph()
    {
        auto g = RevisionGraph::build({});
        QVERIFY2(g.ok(), g.ok() ? "" : qPrintable(g.error().toString()));
        QVERIFY(g->isEmpty());
        QVERIFY(g->heads().isEmpty());
        QVERIFY(g->bases().isEmpty());
        QVERIFY(g->topologicalOrder().isEmpty());
        auto heads = g->resolve(QStringLiteral("heads"));
        QVERIFY(heads.ok());
        QVERIFY(heads->isEmpty());
    }

    // Several defects in one project: the first is the error, the others follow as details,
    // so one run shows them all.
    void severalDefectsAreAllReported()
    {
        QList<Migration> migrations{makeMigration(QStringLiteral("a")),
                                    makeMigration(QStringLiteral("b"), {QStringLiteral("zz1")}),
                                    makeMigration(QStringLiteral("c"), {QStringLiteral("zz2")})};
        auto g = RevisionGraph::build(migrations);
        QVERIFY(!g.ok());
        QVERIFY(g.error().toString().contains(QStringLiteral("zz1")));
        QVERIFY2(g.error().toString().contains(QStringLiteral("zz2")),
                 qPrintable(g.error().toString()));
    }

    // One prefix rule for every command: a partial id needs four characters, a full id of any
    // length matches exactly, and an unknown target is a failure (exit 1) with Code::NotFound
    // that suggests -N / +N for a bare number.
    void prefixRule()
    {
        auto g = RevisionGraph::build(
            {makeMigration(QStringLiteral("1")),
             makeMigration(QStringLiteral("1a2b3c"), {QStringLiteral("1")}),
             makeMigration(QStringLiteral("2aa"), {QStringLiteral("1a2b3c")})});
        QVERIFY2(g.ok(), g.ok() ? "" : qPrintable(g.error().toString()));
        QCOMPARE(g->ids(g->prefixMatches(QStringLiteral("1"))), QStringList{QStringLiteral("1")});
        QCOMPARE(g->ids(g->prefixMatches(QStringLiteral("2aa"))),
                 QStringList{QStringLiteral("2aa")});
        QVERIFY(g->prefixMatches(QStringLiteral("1a2")).isEmpty());
        QCOMPARE(g->ids(g->prefixMatches(QStringLiteral("1a2b"))),
                 QStringList{QStringLiteral("1a2b3c")});
        QVERIFY(g->prefixMatches(QStringLiteral("2a")).isEmpty());
        auto shortOne = g->resolve(QStringLiteral("1a2"));
        QVERIFY(!shortOne.ok());
        QCOMPARE(shortOne.error().kind, Error::Kind::Failure);
        QCOMPARE(shortOne.error().code, Error::Code::NotFound);
        QVERIFY(shortOne.error().message.contains(QStringLiteral("four characters")));
        auto number = g->resolve(QStringLiteral("3"));
        QVERIFY(!number.ok());
        QVERIFY2(number.error().message.contains(QStringLiteral("-3")) &&
                     number.error().message.contains(QStringLiteral("+3")),
                 qPrintable(number.error().message));
        auto longNumber = g->resolve(QStringLiteral("12345"));
        QVERIFY(!longNumber.ok());
        QVERIFY(longNumber.error().message.contains(QStringLiteral("-12345")));
        QVERIFY(!longNumber.error().message.contains(QStringLiteral("four characters")));
        QCOMPARE(g->resolve(QStringLiteral("nothere")).error().code, Error::Code::NotFound);
    }

    void largeGraphIsLinear()
    {
        // 10,000 revisions with a fork and a merge every 10: building and walking must stay
        // linear (the benchmark measures the time; this checks the results on that shape).
        QList<Migration> migrations;
        QString last;
        for (int i = 0; i < 10000; ++i) {
            auto id = [](int n) { return QStringLiteral("r%1").arg(n, 5, 10, QLatin1Char('0')); };
            QStringList down;
            if (i % 10 == 9)
                down = {id(i - 1), id(i - 2)};
            else if (i % 10 == 8)
                down = {id(i - 2)};
            else if (!last.isEmpty())
                down = {last};
            migrations.append(makeMigration(id(i), down));
            last = id(i);
        }
        auto graph = RevisionGraph::build(migrations);
        QVERIFY2(graph.ok(), graph.ok() ? "" : qPrintable(graph.error().toString()));
        QCOMPARE(graph->ids(graph->heads()), QStringList{QStringLiteral("r09999")});
        QCOMPARE(graph->ids(graph->bases()), QStringList{QStringLiteral("r00000")});
        QCOMPARE(graph->topologicalOrder().size(), 10000);
        QCOMPARE(graph->ancestors(graph->heads()).size(), 10000);
        QVERIFY(graph->isMergePoint(graph->indexOf(QStringLiteral("r00019"))));
        QVERIFY(graph->isBranchPoint(graph->indexOf(QStringLiteral("r00016"))));
    }
};

QTEST_GUILESS_MAIN(TestRevisionGraph)
#include "tst_revisiongraph.moc"
