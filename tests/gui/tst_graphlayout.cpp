// layoutGraph: the lanes of the History tab's graph column, as `git log --graph` draws them.

#include "history/graphlayout.h"

#include <QTest>

using namespace strata::gui;

class TestGraphLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void linearHistoryIsOneLane()
    {
        const auto rows =
            layoutGraph({QStringLiteral("c"), QStringLiteral("b"), QStringLiteral("a")},
                        {{QStringLiteral("b")}, {QStringLiteral("a")}, {}});
        QCOMPARE(rows.size(), 3);
        for (const GraphRow &row : rows) {
            QCOMPARE(row.node, 0);
            QCOMPARE(row.width, 1);
        }
        QVERIFY(rows[0].upper.isEmpty()); // the head: nothing above
        QCOMPARE(rows[0].lower, (QList<GraphSegment>{{0, 0}}));
        QCOMPARE(rows[1].upper, (QList<GraphSegment>{{0, 0}}));
        QVERIFY(rows[2].lower.isEmpty()); // the root: nothing below
    }

    void branchAndMergeUseTwoLanes()
    {
        // m merges x and y, both children of a:   m
        //                                         |\      (rows: m, y, x, a)
        //                                         y x
        //                                         |/
        //                                         a
        const QStringList ids{QStringLiteral("m"), QStringLiteral("y"), QStringLiteral("x"),
                              QStringLiteral("a")};
        const QList<QStringList> parents{{QStringLiteral("y"), QStringLiteral("x")},
                                         {QStringLiteral("a")},
                                         {QStringLiteral("a")},
                                         {}};
        const auto rows = layoutGraph(ids, parents);
        QCOMPARE(rows[0].node, 0);
        QCOMPARE(rows[0].lower, (QList<GraphSegment>{{0, 0}, {0, 1}})); // the merge opens lane 1
        QCOMPARE(rows[1].node, 0);
        QCOMPARE(rows[1].lower, (QList<GraphSegment>{{0, 0}, {1, 1}})); // x's lane passes by
        QCOMPARE(rows[2].node, 1);
        QCOMPARE(rows[2].lower, (QList<GraphSegment>{{1, 0}, {0, 0}})); // x joins a's lane
        QCOMPARE(rows[3].node, 0);
        QCOMPARE(rows[3].upper, (QList<GraphSegment>{{0, 0}}));
        QCOMPARE(rows[2].width, 2);
        QCOMPARE(rows[3].width, 1);
    }

    void twoHeadsStartTwoLanes()
    {
        const auto rows =
            layoutGraph({QStringLiteral("h1"), QStringLiteral("h2"), QStringLiteral("a")},
                        {{QStringLiteral("a")}, {QStringLiteral("a")}, {}});
        QCOMPARE(rows[0].node, 0);
        QCOMPARE(rows[1].node, 1); // lane 0 is still waiting for a
        // h2 joins the lane already waiting for a, below its own node.
        QCOMPARE(rows[1].lower, (QList<GraphSegment>{{1, 0}, {0, 0}}));
        QCOMPARE(rows[2].node, 0);
        QCOMPARE(rows[2].upper, (QList<GraphSegment>{{0, 0}}));
    }

    void parentsOutsideTheListAreIgnored()
    {
        const auto rows = layoutGraph({QStringLiteral("b")}, {{QStringLiteral("gone")}});
        QCOMPARE(rows.size(), 1);
        QVERIFY(rows[0].lower.isEmpty());
    }

    void shortBranchesReuseLanesOverALongHistory()
    {
        // 10,000 revisions: a main line where every tenth revision is a two-step branch merged
        // back at once. Lanes freed by a merge are reused, so the graph stays two lanes wide.
        QStringList ids;
        QList<QStringList> parents;
        QStringList reversedIds;
        QList<QStringList> reversedParents;
        QString previous;
        for (int i = 0; i < 10000; ++i) {
            const QString id = QStringLiteral("r%1").arg(i);
            if (i % 10 == 9 && !previous.isEmpty()) {
                const QString side = QStringLiteral("s%1").arg(i);
                reversedIds << side;
                reversedParents << QStringList{previous};
                reversedIds << id;
                reversedParents << QStringList{previous, side};
            } else {
                reversedIds << id;
                reversedParents << (previous.isEmpty() ? QStringList() : QStringList{previous});
            }
            previous = id;
        }
        for (qsizetype i = reversedIds.size() - 1; i >= 0; --i) {
            ids << reversedIds[i];
            parents << reversedParents[i];
        }
        const auto rows = layoutGraph(ids, parents);
        QCOMPARE(rows.size(), ids.size());
        int widest = 0;
        for (const GraphRow &row : rows)
            widest = std::max(widest, row.width);
        QCOMPARE(widest, 2);
    }
};

QTEST_GUILESS_MAIN(TestGraphLayout)
#include "tst_graphlayout.moc"
