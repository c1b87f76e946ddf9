// layoutGraph: the lanes of the History tab's graph column, as `git log --graph` draws them.

#include "history/graphlayout.h"

#include <QTest>

using namespace strata::gui;

namespace {

QStringList words(const char *text)
{
    return QString::fromLatin1(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

// A topology in display order, newest first: "child:parent1,parent2" per revision.
struct Topology
{
    QStringList ids;
    QList<QStringList> parents;
    explicit Topology(const char *spec)
    {
        for (const QString &entry : words(spec)) {
            const QStringList parts = entry.split(QLatin1Char(':'));
            ids << parts[0];
            parents << (parts.size() > 1 ? parts[1].split(QLatin1Char(','), Qt::SkipEmptyParts)
                                         : QStringList());
        }
    }
    int row(const char *id) const { return int(ids.indexOf(QLatin1String(id))); }
};

// Every line that leaves a row's bottom edge enters the next row's top edge in the same lane,
// and every revision's node is reached from each of its children: nothing is drawn broken.
bool linesJoin(const QList<GraphRow> &rows, QString *why)
{
    for (qsizetype i = 1; i < rows.size(); ++i) {
        QList<int> bottom, top;
        for (const GraphSegment &s : rows[i - 1].lower)
            if (!bottom.contains(s.to))
                bottom << s.to;
        for (const GraphSegment &s : rows[i].upper)
            if (!top.contains(s.from))
                top << s.from;
        std::sort(bottom.begin(), bottom.end());
        std::sort(top.begin(), top.end());
        if (bottom != top) {
            *why = QStringLiteral("row %1: lanes below the row above do not meet the lanes above")
                       .arg(i);
            return false;
        }
    }
    return true;
}

QList<int> nodes(const QList<GraphRow> &rows, const Topology &t, const char *ids)
{
    QList<int> out;
    for (const QString &id : words(ids))
        out << rows[t.ids.indexOf(id)].node;
    return out;
}

} // namespace

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

    void theTrunkKeepsItsLaneWhenTheLabelledBranchIsShownFirst()
    {
        // The branch "feature" (x, y) is newer, so it is listed first; the trunk c-b-a still
        // keeps lane 0 straight through the branch point a, and the branch bends into it.
        const Topology t("y:x x:a c:b b:a a");
        QList<QStringList> labels(t.ids.size());
        labels[t.row("y")] = labels[t.row("x")] = QStringList{QStringLiteral("feature")};
        const auto rows = layoutGraph(t.ids, t.parents, labels);
        QString why;
        QVERIFY2(linesJoin(rows, &why), qPrintable(why));
        QCOMPARE(nodes(rows, t, "c b a"), (QList<int>{0, 0, 0}));
        QCOMPARE(nodes(rows, t, "y x"), (QList<int>{1, 1}));
        QCOMPARE(rows[t.row("a")].upper, (QList<GraphSegment>{{0, 0}, {1, 0}}));
        // Without labels, the longer line of first parents is the trunk.
        const Topology longer("y:x x:a d:c c:b b:a a");
        const auto unlabelled = layoutGraph(longer.ids, longer.parents);
        QVERIFY2(linesJoin(unlabelled, &why), qPrintable(why));
        QCOMPARE(nodes(unlabelled, longer, "d c b a"), (QList<int>{0, 0, 0, 0}));
    }

    void aMergeKeepsItsFirstParentsLane()
    {
        // n follows the merge m of the trunk c and the branch y; the branch is listed first
        // below the merge. m's first parent c continues m's lane down to the root.
        const Topology t("n:m m:c,y y:x x:a c:b b:a a");
        const auto rows = layoutGraph(t.ids, t.parents);
        QString why;
        QVERIFY2(linesJoin(rows, &why), qPrintable(why));
        QCOMPARE(nodes(rows, t, "n m c b a"), (QList<int>{0, 0, 0, 0, 0}));
        QCOMPARE(nodes(rows, t, "y x"), (QList<int>{1, 1}));
        QCOMPARE(rows[t.row("m")].lower, (QList<GraphSegment>{{0, 0}, {0, 1}}));
    }

    void twoBranchPointsBendIntoTheTrunk()
    {
        // Trunk d-c-b-a; "one" branches at b (x), "two" at c (y), both listed first.
        const Topology t("x:b y:c d:c c:b b:a a");
        QList<QStringList> labels(t.ids.size());
        labels[t.row("x")] = QStringList{QStringLiteral("one")};
        labels[t.row("y")] = QStringList{QStringLiteral("two")};
        const auto rows = layoutGraph(t.ids, t.parents, labels);
        QString why;
        QVERIFY2(linesJoin(rows, &why), qPrintable(why));
        QCOMPARE(nodes(rows, t, "d c b a"), (QList<int>{0, 0, 0, 0}));
        QVERIFY(rows[t.row("x")].node > 0);
        QVERIFY(rows[t.row("y")].node > 0);
        QVERIFY(rows[t.row("x")].node != rows[t.row("y")].node);
        QCOMPARE(rows[t.row("c")].upper.size(), 3); // y bends in at c; x's line passes by
    }

    void aMergeOfThreeOpensALanePerOtherParent()
    {
        const Topology t("m:p1,p2,p3 p3:r p2:r p1:r r");
        const auto rows = layoutGraph(t.ids, t.parents);
        QString why;
        QVERIFY2(linesJoin(rows, &why), qPrintable(why));
        QCOMPARE(rows[t.row("m")].lower, (QList<GraphSegment>{{0, 0}, {0, 1}, {0, 2}}));
        QCOMPARE(nodes(rows, t, "m p1 r"), (QList<int>{0, 0, 0}));
        QCOMPARE(nodes(rows, t, "p2 p3"), (QList<int>{1, 2}));
        QCOMPARE(rows[t.row("r")].width, 3);
    }

    void aLabelMarksOnlyItsOwnBranch()
    {
        // "feature" is declared by x. Alembic's labels reach every descendant (y, and the
        // merge m and n after it); History shows it from x up to the merge only.
        const Topology t("n:m m:c,y y:x x:a c:b b:a a");
        const QStringList feature{QStringLiteral("feature")};
        QList<QStringList> carried(t.ids.size()), own(t.ids.size());
        for (const char *id : {"n", "m", "y", "x"})
            carried[t.row(id)] = feature;
        own[t.row("x")] = feature;
        const auto shown = shownBranchLabels(t.ids, t.parents, carried, own);
        QCOMPARE(shown[t.row("x")], feature);
        QCOMPARE(shown[t.row("y")], feature);
        for (const char *id : {"n", "m", "c", "b", "a"})
            QVERIFY2(shown[t.row(id)].isEmpty(), id);
    }

    void aLabelStaysOnAMergeInsideItsBranchAndOnItsAncestorsAboveTheBranchPoint()
    {
        // "feature" declared by y2; Alembic also marks its ancestor x (up to the branch point
        // a). Inside the branch, x splits into y1 and y2 and the merge z joins them; z is still
        // the branch. The labelled revision may itself be a merge: w declares "join".
        const Topology t("w:c,z z:y1,y2 y2:x y1:x x:a c:a a");
        const QStringList feature{QStringLiteral("feature")};
        QList<QStringList> carried(t.ids.size()), own(t.ids.size());
        for (const char *id : {"z", "y2", "y1", "x"})
            carried[t.row(id)] = feature;
        carried[t.row("w")] = QStringList{QStringLiteral("feature"), QStringLiteral("join")};
        own[t.row("y2")] = feature;
        own[t.row("w")] = QStringList{QStringLiteral("join")};
        const auto shown = shownBranchLabels(t.ids, t.parents, carried, own);
        for (const char *id : {"z", "y2", "y1", "x"})
            QCOMPARE(shown[t.row(id)], feature);
        QCOMPARE(shown[t.row("w")], QStringList{QStringLiteral("join")});
        QVERIFY(shown[t.row("a")].isEmpty());
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
