// Planner and HeadMaintainer against the behaviour of Alembic 1.8: every expected step set
// and final version-row set below was obtained by running Alembic on the same topology.

#include "revision/planner.h"
#include "revision/revisiongraph.h"
#include "topologies.h"

#include <QTest>

using namespace strata;
using namespace strata::test;

class TestPlanner : public QObject
{
    Q_OBJECT

    // Upgrade steps must come after their parents (and dependencies) within the plan;
    // downgrade steps before them.
    static bool orderIsValid(const RevisionGraph &graph, const Plan &plan)
    {
        QStringList done;
        for (const PlanStep &step : plan.steps) {
            const int i = graph.indexOf(step.revision);
            for (const PlanStep &other : plan.steps) {
                const int j = graph.indexOf(other.revision);
                const bool otherIsParent = graph.normalizedDownRevisions(i).contains(j);
                const bool otherIsChild = graph.normalizedDownRevisions(j).contains(i);
                if (step.direction == Direction::Up && otherIsParent &&
                    !done.contains(other.revision))
                    return false;
                if (step.direction == Direction::Down && otherIsChild &&
                    !done.contains(other.revision))
                    return false;
            }
            done.append(step.revision);
        }
        return true;
    }

private Q_SLOTS:
    void plans_data()
    {
        QTest::addColumn<QString>("topology");
        QTest::addColumn<QStringList>("current");
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QStringList>("steps"); // in order when `ordered`, else as a set
        QTest::addColumn<bool>("ordered");
        QTest::addColumn<QStringList>("rows");
        QTest::addColumn<QString>("error"); // a word the error must contain; empty: success

        auto add = [](const char *tag, const char *topo, const char *cur, const char *cmd,
                      const char *target, const char *steps, bool ordered, const char *rows,
                      const char *error = "") {
            QTest::newRow(tag) << QString::fromLatin1(topo) << ids(cur) << QString::fromLatin1(cmd)
                               << QString::fromLatin1(target) << ids(steps) << ordered << ids(rows)
                               << QString::fromLatin1(error);
        };
        add("branched: upgrade heads", "branched", "", "upgrade", "heads", "a b c2 d2 c1 d1", false,
            "d1 d2");
        add("branched: upgrade one branch", "branched", "", "upgrade", "d1", "a b c1 d1", true,
            "d1");
        add("branched: upgrade the other branch", "branched", "d1", "upgrade", "d2", "c2 d2", true,
            "d1 d2");
        add("branched: downgrade to the branch point", "branched", "d1 d2", "downgrade", "b",
            "d1 c1 d2 c2", false, "b");
        add("branched: downgrade one branch", "branched", "d1 d2", "downgrade", "c2", "d2", true,
            "c2 d1");
        add("branched: downgrade base", "branched", "d1 d2", "downgrade", "base", "d1 c1 d2 c2 b a",
            false, "");
        add("branched: REV+1", "branched", "b", "upgrade", "c1+1", "c1 d1", true, "d1");
        add("branched: +1 past the branch point is ambiguous", "branched", "b", "upgrade", "+1", "",
            false, "", "ambiguous");
        add("branched: head with two heads", "branched", "", "upgrade", "head", "", false, "",
            "several heads");
        add("branched: not applied", "branched", "d1", "downgrade", "c2", "", false, "",
            "not a valid downgrade target");
        add("multibase: LABEL@head", "multibase", "", "upgrade", "abranch@head", "a1 b1 c1", true,
            "c1");
        add("multibase: LABEL@+1 starts a branch", "multibase", "c1", "upgrade", "bbranch@+1", "a2",
            true, "a2 c1");
        add("multibase: LABEL@base", "multibase", "c1 c2", "downgrade", "bbranch@base", "c2 b2 a2",
            true, "c1");
        add("multibase: LABEL@-1", "multibase", "c1 c2", "downgrade", "abranch@-1", "c1", true,
            "b1 c2");
        add("multibase: heads", "multibase", "", "upgrade", "heads", "a1 b1 c1 a2 b2 c2", false,
            "c1 c2");
        add("multibase: -1 from two heads is refused", "multibase", "c1 c2", "downgrade", "-1", "",
            false, "", "several current heads");
        add("twinmerge: upgrade heads", "twinmerge", "", "upgrade", "heads", "a b c2 c1 d e", false,
            "e");
        add("twinmerge: unmerge", "twinmerge", "e", "downgrade", "c1", "e d", true, "c1 c2");
        add("twinmerge: below the fork", "twinmerge", "e", "downgrade", "b", "e d c1 c2", false,
            "b");
        add("twinmerge: merge", "twinmerge", "c1 c2", "upgrade", "e", "d e", true, "e");
        add("twinmerge: merge pulls the other side", "twinmerge", "c1", "upgrade", "d", "c2 d",
            true, "d");
        add("twinmerge: -2 across the merge is ambiguous", "twinmerge", "e", "downgrade", "-2", "",
            false, "", "ambiguous");
        add("twinmerge: overshoot", "twinmerge", "e", "downgrade", "a-2", "", false, "",
            "past the end");
        add("crossdep: dependency pulled in", "crossdep", "", "upgrade", "b2", "a1 b1 a2 b2", false,
            "b2");
        add("crossdep: reverting a dependency reverts its dependents", "crossdep", "c1 c2",
            "downgrade", "a1", "c2 b2 c1 b1", false, "a1 a2");
        add("crossdep: LABEL@head", "crossdep", "", "upgrade", "lbl2@head", "a1 b1 a2 b2 c2", false,
            "c2");
        add("crossdep: from the dependency", "crossdep", "b1", "upgrade", "c2", "a2 b2 c2", true,
            "c2");
        add("crossdep: LABEL@base", "crossdep", "c2 c1", "downgrade", "lbl2@base", "c2 b2 a2", true,
            "c1");
        add("depmerge: dependency as second parent", "depmerge", "", "upgrade", "c", "a b2 b1 c",
            false, "c");
        add("depmerge: a dependency only is not a downgrade target", "depmerge", "c", "downgrade",
            "b2", "", false, "", "not a valid downgrade target");
        add("depmerge: downgrade below both", "depmerge", "c", "downgrade", "a", "c b1 b2", false,
            "a");
        add("depmerge: from the dependency", "depmerge", "b2", "upgrade", "c", "b1 c", true, "c");
        add("unknown target", "branched", "", "upgrade", "zzzzzz", "", false, "",
            "unknown revision");
        add("version row not in the project", "branched", "ghost1", "upgrade", "heads", "", false,
            "", "not in the project");
    }

    void plans()
    {
        QFETCH(QString, topology);
        QFETCH(QStringList, current);
        QFETCH(QString, command);
        QFETCH(QString, target);
        QFETCH(QStringList, steps);
        QFETCH(bool, ordered);
        QFETCH(QStringList, rows);
        QFETCH(QString, error);

        auto graph = RevisionGraph::build(strata::test::topology(topology));
        QVERIFY(graph.ok());
        Planner planner(*graph);
        const Result<Plan> plan = command == QLatin1String("upgrade")
                                      ? planner.upgrade(current, target)
                                      : planner.downgrade(current, target);
        if (!error.isEmpty()) {
            QVERIFY2(!plan.ok(), "a plan where an error was expected");
            QVERIFY2(plan.error().message.contains(error, Qt::CaseInsensitive),
                     qPrintable(plan.error().message));
            return;
        }
        QVERIFY2(plan.ok(), plan.ok() ? "" : qPrintable(plan.error().toString()));
        QStringList got;
        for (const PlanStep &s : plan->steps) {
            got.append(s.revision);
            QCOMPARE(s.direction,
                     command == QLatin1String("upgrade") ? Direction::Up : Direction::Down);
        }
        if (ordered) {
            QCOMPARE(got, steps);
        } else {
            QStringList a = got, b = steps;
            a.sort();
            b.sort();
            QCOMPARE(a, b);
        }
        QVERIFY(orderIsValid(*graph, *plan));
        QStringList end = plan->endHeads;
        end.sort();
        rows.sort();
        QCOMPARE(end, rows);
    }

    // Version-row changes step by step, where HeadMaintainer's choice is unambiguous.
    void versionChanges()
    {
        auto graph = RevisionGraph::build(strata::test::topology(QStringLiteral("twinmerge")));
        QVERIFY(graph.ok());
        Planner planner(*graph);
        auto up = planner.upgrade({}, QStringLiteral("c1"));
        QVERIFY(up.ok());
        QCOMPARE(up->steps[0].versionChanges,
                 QList<VersionChange>{VersionChange::insert(QStringLiteral("a"))});
        QCOMPARE(up->steps[1].versionChanges, QList<VersionChange>{VersionChange::update(
                                                  QStringLiteral("a"), QStringLiteral("b"))});

        auto unmerge = planner.downgrade({QStringLiteral("d")}, QStringLiteral("c1"));
        QVERIFY(unmerge.ok());
        QCOMPARE(unmerge->steps.size(), 1);
        const QList<VersionChange> changes = unmerge->steps[0].versionChanges;
        QCOMPARE(changes.size(), 2); // insert one side, update d to the other
        QCOMPARE(changes[0].kind, VersionChange::Kind::Insert);
        QCOMPARE(changes[1].kind, VersionChange::Kind::Update);
        QCOMPARE(changes[1].from, QStringLiteral("d"));

        auto merge =
            planner.upgrade({QStringLiteral("c1"), QStringLiteral("c2")}, QStringLiteral("d"));
        QVERIFY(merge.ok());
        const QList<VersionChange> m = merge->steps[0].versionChanges;
        QCOMPARE(m.size(), 2); // delete one side, update the other to d
        QCOMPARE(m[0].kind, VersionChange::Kind::Delete);
        QCOMPARE(m[1].kind, VersionChange::Kind::Update);
        QCOMPARE(m[1].to, QStringLiteral("d"));

        auto base = planner.downgrade({QStringLiteral("a")}, QStringLiteral("base"));
        QVERIFY(base.ok());
        QCOMPARE(base->steps[0].versionChanges,
                 QList<VersionChange>{VersionChange::remove(QStringLiteral("a"))});
    }

    void stamps_data()
    {
        QTest::addColumn<QString>("topology");
        QTest::addColumn<QStringList>("current");
        QTest::addColumn<QStringList>("targets");
        QTest::addColumn<bool>("purge");
        QTest::addColumn<QStringList>("rows");
        QTest::newRow("down to a branch point from two heads")
            << QStringLiteral("branched") << ids("c1 c2") << ids("b") << false << ids("b");
        QTest::newRow("a branch not represented gets a row")
            << QStringLiteral("branched") << ids("d1") << ids("c2") << false << ids("c2 d1");
        QTest::newRow("upward") << QStringLiteral("branched") << ids("b") << ids("d1") << false
                                << ids("d1");
        QTest::newRow("base deletes")
            << QStringLiteral("branched") << ids("d1 d2") << ids("base") << false << ids("");
        QTest::newRow("purge") << QStringLiteral("branched") << ids("ghost") << ids("c1") << true
                               << ids("c1");
        QTest::newRow("two targets")
            << QStringLiteral("multibase") << ids("") << ids("b1 c2") << false << ids("b1 c2");
        QTest::newRow("heads") << QStringLiteral("multibase") << ids("a1") << ids("heads") << false
                               << ids("c1 c2");
    }

    void stamps()
    {
        QFETCH(QString, topology);
        QFETCH(QStringList, current);
        QFETCH(QStringList, targets);
        QFETCH(bool, purge);
        QFETCH(QStringList, rows);
        auto graph = RevisionGraph::build(strata::test::topology(topology));
        QVERIFY(graph.ok());
        auto plan = Planner(*graph).stamp(current, targets, purge);
        QVERIFY2(plan.ok(), plan.ok() ? "" : qPrintable(plan.error().toString()));
        for (const PlanStep &s : plan->steps)
            QVERIFY(s.stamp);
        QStringList end = plan->endHeads;
        end.sort();
        QCOMPARE(end, rows);
        QCOMPARE(plan->purge, purge);
    }

    void irreversibleIsListed()
    {
        QList<Migration> migrations = strata::test::topology(QStringLiteral("branched"));
        migrations[3].hasDowngrade = false; // d1
        auto graph = RevisionGraph::build(migrations);
        QVERIFY(graph.ok());
        auto plan = Planner(*graph).downgrade({QStringLiteral("d1"), QStringLiteral("d2")},
                                              QStringLiteral("base"));
        QVERIFY(plan.ok());
        QCOMPARE(plan->irreversible, QStringList{QStringLiteral("d1")});
    }
};

QTEST_GUILESS_MAIN(TestPlanner)
#include "tst_planner.moc"
