// Planner against Alembic 1.8.1 on the topologies of Alembic's own tests
// (tests/data/alembic/topologies.txt; confirm_with_alembic.py ran every plan there through
// Alembic's upgrade, downgrade and stamp commands on SQLite and read back the steps that ran
// and the version rows). Where several orders are valid the steps are compared as a set and
// Strata's order is checked for validity; the version rows are compared as sets after the
// plan, and after each step where Alembic's order is the only one.

#include "alembictopologies.h"
#include "revision/planner.h"
#include "revision/revisiongraph.h"

#include <QTest>

#include <optional>

using namespace strata;
using namespace strata::test;

namespace {

QString describe(const QList<VersionChange> &changes)
{
    QStringList out;
    for (const VersionChange &c : changes) {
        switch (c.kind) {
        case VersionChange::Kind::Insert:
            out.append(QStringLiteral("insert %1").arg(c.to));
            break;
        case VersionChange::Kind::Delete:
            out.append(QStringLiteral("delete %1").arg(c.from));
            break;
        case VersionChange::Kind::Update:
            out.append(QStringLiteral("update %1 to %2").arg(c.from, c.to));
            break;
        }
    }
    return out.join(QLatin1String("; "));
}

QString stepIds(const Plan &plan)
{
    QStringList ids;
    for (const PlanStep &s : plan.steps)
        ids.append(s.revision);
    return ids.join(QLatin1Char(','));
}

// Applies one step's version-row changes to `rows` as the version table would, refusing what
// the table would refuse (a duplicate row, a missing row). Returns an empty string or what
// went wrong.
QString applyChanges(QStringList &rows, const QList<VersionChange> &changes)
{
    for (const VersionChange &c : changes) {
        if (c.kind != VersionChange::Kind::Insert && !rows.contains(c.from))
            return QStringLiteral("row %1 is not there (%2)").arg(c.from, describe(changes));
        if (c.kind != VersionChange::Kind::Delete && rows.contains(c.to))
            return QStringLiteral("row %1 is already there (%2)").arg(c.to, describe(changes));
        if (c.kind == VersionChange::Kind::Insert)
            rows.append(c.to);
        else if (c.kind == VersionChange::Kind::Delete)
            rows.removeOne(c.from);
        else
            rows[rows.indexOf(c.from)] = c.to;
    }
    return {};
}

} // namespace

class TestPlanner : public QObject
{
    Q_OBJECT

    struct Built
    {
        const Topology *topology = nullptr;
        std::optional<RevisionGraph> graph;
    };

    static Built build(const QString &name)
    {
        Built out;
        out.topology = topologyFile().find(name);
        if (!out.topology)
            qFatal("no topology %s", qPrintable(name));
        auto graph = RevisionGraph::build(out.topology->migrations);
        if (!graph)
            qFatal("topology %s does not build: %s", qPrintable(name),
                   qPrintable(graph.error().toString()));
        out.graph.emplace(std::move(graph).value());
        return out;
    }

    // Upgrade: every revision after its down revisions and dependencies in the plan.
    // Downgrade: every revision before them.
    static QString orderProblem(const Topology &topology, const Plan &plan, Direction direction)
    {
        const QHash<QString, QSet<QString>> parents = topology.parents();
        QStringList order;
        for (const PlanStep &s : plan.steps)
            order.append(s.revision);
        for (int k = 0; k < order.size(); ++k) {
            for (const QString &parent : parents.value(order[k])) {
                const int at = int(order.indexOf(parent));
                if (at < 0)
                    continue;
                if (direction == Direction::Up && at > k)
                    return QStringLiteral("%1 runs before its parent %2").arg(order[k], parent);
                if (direction == Direction::Down && at < k)
                    return QStringLiteral("%1 is reverted after its parent %2")
                        .arg(order[k], parent);
            }
        }
        return {};
    }

    static Result<Plan> plan(const Built &b, const QString &command, const QStringList &current,
                             const QString &target, bool purge = false)
    {
        Planner planner(*b.graph);
        if (command == QLatin1String("upgrade"))
            return planner.upgrade(current, target);
        if (command == QLatin1String("downgrade"))
            return planner.downgrade(current, target);
        return planner.stamp(current, idList(target), purge);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(topologyFile().error.isEmpty(), qPrintable(topologyFile().error));
    }

    void plans_data()
    {
        QTest::addColumn<TopologyCase>("c");
        for (const TopologyCase &c : topologyFile().cases)
            if (c.kind == QLatin1String("upgrade") || c.kind == QLatin1String("downgrade") ||
                c.kind == QLatin1String("stamp"))
                QTest::addRow("%s", qPrintable(c.tag())) << c;
    }

    void plans()
    {
        QFETCH(TopologyCase, c);
        const Built b = build(c.topology);
        const QStringList current = idList(c.arg(0));
        const bool isStamp = c.kind == QLatin1String("stamp");
        const Direction direction =
            c.kind == QLatin1String("downgrade") ? Direction::Down : Direction::Up;
        const Result<Plan> result = plan(b, c.kind, current, c.arg(1), c.has("purge"));

        if (c.has("error")) {
            if (result.ok())
                QFAIL(qPrintable(QStringLiteral("a plan (%1) where an error is expected")
                                     .arg(stepIds(*result))));
            QString missing;
            QVERIFY2(
                containsWords(result.error().message, c.opt("error"), &missing),
                qPrintable(QStringLiteral("'%1' not in: %2").arg(missing, result.error().message)));
            return;
        }
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error().toString()));
        const Plan &p = *result;
        QCOMPARE(p.startHeads, current);
        QCOMPARE(p.purge, c.has("purge"));

        // The steps: Alembic's set, in a valid order; Alembic's exact list where it is the
        // only valid order.
        QStringList steps;
        for (const PlanStep &s : p.steps) {
            steps.append(s.revision);
            QCOMPARE(s.stamp, isStamp);
            if (!isStamp)
                QCOMPARE(directionName(s.direction), directionName(direction));
        }
        if (!isStamp) {
            // "[a,b]": this order and no other; "{a,b}": a set; "-": nothing to run.
            QString spec = c.opt("steps");
            const bool ordered = spec.startsWith(QLatin1Char('['));
            if (ordered || spec.startsWith(QLatin1Char('{')))
                spec = spec.mid(1).chopped(1);
            const QStringList expected = idList(spec);
            QCOMPARE(steps.size(), idSet(steps).size());
            if (ordered)
                QCOMPARE(steps.join(QLatin1Char(',')), expected.join(QLatin1Char(',')));
            else
                QCOMPARE(sortedJoin(steps), sortedJoin(expected));
            const QString problem = orderProblem(*b.topology, p, direction);
            QVERIFY2(problem.isEmpty(), qPrintable(problem + QLatin1String(" in ") + stepIds(p)));
        }

        // The version rows, step by step: each change possible on the table as it stands,
        // an upgraded revision always has a row afterwards and a reverted one never does.
        QStringList rows = p.purge ? QStringList{} : p.startHeads;
        const QStringList after = c.opt("after").split(QLatin1Char('|'), Qt::SkipEmptyParts);
        if (!after.isEmpty())
            QCOMPARE(after.size(), p.steps.size());
        for (int k = 0; k < p.steps.size(); ++k) {
            const PlanStep &s = p.steps[k];
            const QString problem = applyChanges(rows, s.versionChanges);
            QVERIFY2(problem.isEmpty(), qPrintable(s.revision + QLatin1String(": ") + problem));
            if (!isStamp) {
                QVERIFY2(rows.contains(s.revision) == (direction == Direction::Up),
                         qPrintable(s.revision + QLatin1String(": ") + describe(s.versionChanges)));
            }
            if (!after.isEmpty())
                QCOMPARE(sortedJoin(rows) + QLatin1String(" after ") + s.revision,
                         sortedJoin(idList(after[k])) + QLatin1String(" after ") + s.revision);
        }
        QCOMPARE(sortedJoin(rows), sortedJoin(p.endHeads));
        QCOMPARE(p.endHeads.size(), idSet(p.endHeads).size());
        QCOMPARE(sortedJoin(p.endHeads), sortedJoin(idList(c.opt("rows"))));

        // Downgrade plans say up front which steps cannot be reverted.
        QStringList irreversible;
        if (direction == Direction::Down && !isStamp)
            for (const QString &id : steps)
                if (!b.graph->migration(b.graph->indexOf(id)).hasDowngrade)
                    irreversible.append(id);
        QCOMPARE(sortedJoin(p.irreversible), sortedJoin(irreversible));
    }

    // The exact version-row statements where Alembic's HeadMaintainer has only one choice.
    void versionChangesAlongAChain()
    {
        const Built b = build(QStringLiteral("linear"));
        auto up = plan(b, QStringLiteral("upgrade"), {}, QStringLiteral("c"));
        QVERIFY(up.ok());
        QCOMPARE(up->steps.size(), 3);
        QCOMPARE(describe(up->steps[0].versionChanges), QStringLiteral("insert a"));
        QCOMPARE(describe(up->steps[1].versionChanges), QStringLiteral("update a to b"));
        QCOMPARE(describe(up->steps[2].versionChanges), QStringLiteral("update b to c"));

        auto down =
            plan(b, QStringLiteral("downgrade"), {QStringLiteral("c")}, QStringLiteral("base"));
        QVERIFY(down.ok());
        QCOMPARE(down->steps.size(), 3);
        QCOMPARE(describe(down->steps[0].versionChanges), QStringLiteral("update c to b"));
        QCOMPARE(describe(down->steps[1].versionChanges), QStringLiteral("update b to a"));
        QCOMPARE(describe(down->steps[2].versionChanges), QStringLiteral("delete a"));
    }

    // A revision whose parent has no row starts a branch: INSERT, then UPDATE along it.
    void newBranchInsertsARow()
    {
        const Built b = build(QStringLiteral("branched"));
        auto p = plan(b, QStringLiteral("upgrade"), {QStringLiteral("d1")}, QStringLiteral("d2"));
        QVERIFY(p.ok());
        QCOMPARE(p->steps.size(), 2);
        QCOMPARE(describe(p->steps[0].versionChanges), QStringLiteral("insert c2"));
        QCOMPARE(describe(p->steps[1].versionChanges), QStringLiteral("update c2 to d2"));

        // Reverting a branch down to its branch point, whose row another branch implies,
        // deletes the branch's row.
        auto back =
            plan(b, QStringLiteral("downgrade"), {QStringLiteral("d1"), QStringLiteral("c2")},
                 QStringLiteral("c2branch@b"));
        QVERIFY(back.ok());
        QCOMPARE(back->steps.size(), 1);
        QCOMPARE(describe(back->steps[0].versionChanges), QStringLiteral("delete c2"));
    }

    // A merge deletes all but one of the merged rows and updates the last to the merge
    // revision (which one is deleted is Alembic's set order: only the kinds are fixed).
    void mergeDeletesThenUpdates()
    {
        const Built b = build(QStringLiteral("diamond"));
        auto p = plan(b, QStringLiteral("upgrade"), {QStringLiteral("b1"), QStringLiteral("b2")},
                      QStringLiteral("c"));
        QVERIFY(p.ok());
        QCOMPARE(p->steps.size(), 1);
        const QList<VersionChange> changes = p->steps[0].versionChanges;
        QCOMPARE(changes.size(), 2);
        QCOMPARE(changes[0].kind, VersionChange::Kind::Delete);
        QCOMPARE(changes[1].kind, VersionChange::Kind::Update);
        QCOMPARE(changes[1].to, QStringLiteral("c"));
        QCOMPARE(sortedJoin({changes[0].from, changes[1].from}), QStringLiteral("b1,b2"));
    }

    // Reverting a merge inserts a row for all but one parent and updates the merge row to the
    // last (Alembic's unmerge).
    void unmergeInsertsThenUpdates()
    {
        const Built b = build(QStringLiteral("merged"));
        auto p = plan(b, QStringLiteral("downgrade"), {QStringLiteral("e")}, QStringLiteral("d1"));
        QVERIFY(p.ok());
        QCOMPARE(p->steps.size(), 1);
        const QList<VersionChange> changes = p->steps[0].versionChanges;
        QCOMPARE(changes.size(), 2);
        QCOMPARE(changes[0].kind, VersionChange::Kind::Insert);
        QCOMPARE(changes[1].kind, VersionChange::Kind::Update);
        QCOMPARE(changes[1].from, QStringLiteral("e"));
        QCOMPARE(sortedJoin({changes[0].to, changes[1].to}), QStringLiteral("d1,d2"));
    }

    // depends_on counts as a parent for the rows (Alembic's _normalized_down_revisions): c2
    // depends on c1, so upgrading to c2 from c1 merges c1's row, and reverting c2 gives c1 its
    // row back.
    void dependenciesCountForRows()
    {
        const Built b = build(QStringLiteral("dependsone"));
        auto up = plan(b, QStringLiteral("upgrade"), {QStringLiteral("c1")}, QStringLiteral("c2"));
        QVERIFY(up.ok());
        QCOMPARE(stepIds(*up), QStringLiteral("a2,b2,c2"));
        QCOMPARE(describe(up->steps[0].versionChanges), QStringLiteral("insert a2"));
        QCOMPARE(describe(up->steps[1].versionChanges), QStringLiteral("update a2 to b2"));
        const QList<VersionChange> merge = up->steps[2].versionChanges;
        QCOMPARE(merge.size(), 2);
        QCOMPARE(merge[0].kind, VersionChange::Kind::Delete);
        QCOMPARE(merge[1].kind, VersionChange::Kind::Update);
        QCOMPARE(merge[1].to, QStringLiteral("c2"));

        auto down =
            plan(b, QStringLiteral("downgrade"), {QStringLiteral("c2")}, QStringLiteral("b1"));
        QVERIFY(down.ok());
        QCOMPARE(stepIds(*down), QStringLiteral("c2,c1"));
        const QList<VersionChange> unmerge = down->steps[0].versionChanges;
        QCOMPARE(unmerge.size(), 2);
        QCOMPARE(unmerge[0].kind, VersionChange::Kind::Insert);
        QCOMPARE(unmerge[1].kind, VersionChange::Kind::Update);
        QCOMPARE(describe(down->steps[1].versionChanges), QStringLiteral("update c1 to b1"));
    }

    // Stamps change rows only: update along a line, delete for base, insert for a branch the
    // table does not hold yet; --purge starts from an empty table.
    void stampChanges()
    {
        const Built line = build(QStringLiteral("linear"));
        auto down = plan(line, QStringLiteral("stamp"), {QStringLiteral("d")}, QStringLiteral("b"));
        QVERIFY(down.ok());
        QCOMPARE(down->steps.size(), 1);
        QVERIFY(down->steps[0].stamp);
        QCOMPARE(describe(down->steps[0].versionChanges), QStringLiteral("update d to b"));

        auto base =
            plan(line, QStringLiteral("stamp"), {QStringLiteral("d")}, QStringLiteral("base"));
        QVERIFY(base.ok());
        QCOMPARE(base->steps.size(), 1);
        QCOMPARE(describe(base->steps[0].versionChanges), QStringLiteral("delete d"));

        auto purge = plan(line, QStringLiteral("stamp"), {QStringLiteral("ghost")},
                          QStringLiteral("c"), true);
        QVERIFY(purge.ok());
        QVERIFY(purge->purge);
        QCOMPARE(purge->steps.size(), 1);
        QCOMPARE(describe(purge->steps[0].versionChanges), QStringLiteral("insert c"));
        QCOMPARE(purge->endHeads, QStringList{QStringLiteral("c")});

        auto unchanged =
            plan(line, QStringLiteral("stamp"), {QStringLiteral("e")}, QStringLiteral("heads"));
        QVERIFY(unchanged.ok());
        QVERIFY(unchanged->steps.isEmpty()); // ForestTest: no moves needed

        const Built branched = build(QStringLiteral("branched"));
        auto insert =
            plan(branched, QStringLiteral("stamp"), {QStringLiteral("d1")}, QStringLiteral("c2"));
        QVERIFY(insert.ok());
        QCOMPARE(insert->steps.size(), 1);
        QCOMPARE(describe(insert->steps[0].versionChanges), QStringLiteral("insert c2"));

        // Down to a branch point from two heads: one row goes, the other becomes b.
        auto toBranchPoint =
            plan(branched, QStringLiteral("stamp"), {QStringLiteral("d1"), QStringLiteral("c2")},
                 QStringLiteral("b"));
        QVERIFY(toBranchPoint.ok());
        QCOMPARE(toBranchPoint->steps.size(), 1);
        const QList<VersionChange> changes = toBranchPoint->steps[0].versionChanges;
        QCOMPARE(changes.size(), 2);
        QCOMPARE(changes[0].kind, VersionChange::Kind::Delete);
        QCOMPARE(changes[1].kind, VersionChange::Kind::Update);
        QCOMPARE(changes[1].to, QStringLiteral("b"));
    }

    void irreversibleStepsAreListed()
    {
        const Built b = build(QStringLiteral("irreversible"));
        auto down =
            plan(b, QStringLiteral("downgrade"), {QStringLiteral("c")}, QStringLiteral("base"));
        QVERIFY(down.ok());
        QCOMPARE(down->irreversible, QStringList{QStringLiteral("b")});
        auto up = plan(b, QStringLiteral("upgrade"), {}, QStringLiteral("heads"));
        QVERIFY(up.ok());
        QVERIFY(up->irreversible.isEmpty());
    }

    // Strata's one deliberate difference from Alembic: a relative step from several current
    // heads is refused, naming them, where Alembic warns and steps down the first row.
    void relativeStepFromSeveralHeadsNamesThem()
    {
        const Built b = build(QStringLiteral("twobranches"));
        const QStringList heads{QStringLiteral("c1"), QStringLiteral("c2")};
        for (const QString &target : {QStringLiteral("-1"), QStringLiteral("+1")}) {
            auto p = target.startsWith(QLatin1Char('-'))
                         ? plan(b, QStringLiteral("downgrade"), heads, target)
                         : plan(b, QStringLiteral("upgrade"), heads, target);
            QVERIFY(!p.ok());
            QVERIFY2(p.error().message.contains(QStringLiteral("c1")) &&
                         p.error().message.contains(QStringLiteral("c2")),
                     qPrintable(p.error().message));
        }
        // Naming the branch makes it unambiguous.
        auto labelled = plan(b, QStringLiteral("downgrade"), heads, QStringLiteral("abranch@-1"));
        QVERIFY(labelled.ok());
        QCOMPARE(stepIds(*labelled), QStringLiteral("c1"));
    }

    // Alembic's EmptyMapTest: nothing to run on an empty project.
    void emptyProject()
    {
        auto graph = RevisionGraph::build({});
        QVERIFY(graph.ok());
        Planner planner(*graph);
        auto up = planner.upgrade({}, QStringLiteral("heads"));
        QVERIFY2(up.ok(), up.ok() ? "" : qPrintable(up.error().toString()));
        QVERIFY(up->steps.isEmpty());
        auto down = planner.downgrade({}, QStringLiteral("base"));
        QVERIFY2(down.ok(), down.ok() ? "" : qPrintable(down.error().toString()));
        QVERIFY(down->steps.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPlanner)
#include "tst_planner.moc"
