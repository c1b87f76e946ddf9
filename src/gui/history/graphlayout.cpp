#include "history/graphlayout.h"

#include <QHash>

#include <algorithm>

namespace strata::gui {

namespace {

// A lane of one row's bottom edge: the row it waits for (-1: free) and the chain of first
// parents its line belongs to.
struct Lane
{
    int waits = -1;
    int chain = -1;
    bool reserved = false; // kept free for the trunk until its head is drawn
};

int freeLane(QList<Lane> &lanes)
{
    for (int k = 0; k < lanes.size(); ++k)
        if (lanes[k].waits < 0 && !lanes[k].reserved)
            return k;
    lanes.append(Lane{});
    return int(lanes.size()) - 1;
}

// The rows' known parents as row numbers, first parent first.
QList<QList<int>> parentRows(const QStringList &ids, const QList<QStringList> &parents)
{
    QHash<QString, int> rowOf;
    for (int i = 0; i < ids.size(); ++i)
        rowOf.insert(ids[i], i);
    QList<QList<int>> out(ids.size());
    for (int i = 0; i < ids.size() && i < parents.size(); ++i)
        for (const QString &parent : parents[i])
            if (const auto it = rowOf.constFind(parent); it != rowOf.constEnd() && *it > i)
                out[i].append(*it);
    return out;
}

// Chains of first parents: chain[i] for every row, the trunk being chain 0.
QList<int> firstParentChains(const QList<QList<int>> &up, const QList<QStringList> &labels)
{
    const int n = int(up.size());
    QList<bool> hasChild(n, false);
    for (const QList<int> &ps : up)
        for (int p : ps)
            hasChild[p] = true;
    struct Head
    {
        int row;
        qsizetype labels;
        int length;
    };
    QList<Head> heads;
    for (int i = 0; i < n; ++i) {
        if (hasChild[i])
            continue;
        int length = 0;
        for (int r = i; r >= 0; r = up[r].isEmpty() ? -1 : up[r].first())
            ++length;
        heads.append({i, i < labels.size() ? labels[i].size() : 0, length});
    }
    std::stable_sort(heads.begin(), heads.end(), [](const Head &a, const Head &b) {
        if (a.labels != b.labels)
            return a.labels < b.labels;
        return a.length > b.length;
    });
    QList<int> chain(n, -1);
    int next = 0;
    auto claim = [&](int from) {
        for (int r = from; r >= 0 && chain[r] < 0; r = up[r].isEmpty() ? -1 : up[r].first())
            chain[r] = next;
        ++next;
    };
    for (const Head &head : std::as_const(heads))
        claim(head.row);
    for (int i = 0; i < n; ++i) // reached only through a merge's other parents
        if (chain[i] < 0)
            claim(i);
    return chain;
}

} // namespace

QList<GraphRow> layoutGraph(const QStringList &ids, const QList<QStringList> &parents,
                            const QList<QStringList> &labels)
{
    const QList<QList<int>> up = parentRows(ids, parents);
    const QList<int> chain = firstParentChains(up, labels);
    QList<Lane> lanes;
    if (!ids.isEmpty())
        lanes.append(Lane{-1, 0, true}); // the trunk's, from the top
    QHash<int, int> chainLane;           // chain -> the lane its line is drawn in
    auto waitingFor = [&](int row, int preferredChain) {
        const int own = chainLane.value(preferredChain, -1);
        if (own >= 0 && own < lanes.size() && lanes[own].waits == row)
            return own;
        int any = -1;
        for (int k = 0; k < lanes.size(); ++k) {
            if (lanes[k].waits != row)
                continue;
            if (lanes[k].chain == preferredChain)
                return k;
            if (any < 0)
                any = k;
        }
        return any;
    };

    QList<GraphRow> rows;
    rows.reserve(ids.size());
    for (int i = 0; i < ids.size(); ++i) {
        GraphRow row;
        const int c = chain[i];

        // The node: on its chain's line when that line comes down to it; else on any line that
        // does (it is a branch point, its own line bends in); else a head starts a lane.
        int node = waitingFor(i, c);
        if (node < 0) {
            if (c == 0 && !lanes.isEmpty() && lanes[0].reserved) {
                node = 0;
                lanes[0].reserved = false;
            } else {
                node = freeLane(lanes);
            }
        }
        row.node = node;
        for (int k = 0; k < lanes.size(); ++k) {
            if (lanes[k].waits < 0)
                continue;
            row.upper.append({k, lanes[k].waits == i ? node : k});
        }
        for (Lane &lane : lanes)
            if (lane.waits == i)
                lane = Lane{-1, -1, lane.reserved};
        chainLane.insert(c, node);

        // Lines below: lanes still waiting pass by. The first parent of the same chain keeps
        // the node's lane; another parent joins a lane already waiting for it, or opens one.
        QList<int> waiting;
        for (int k = 0; k < lanes.size(); ++k)
            if (lanes[k].waits >= 0)
                waiting.append(k);
        for (int j = 0; j < up[i].size(); ++j) {
            const int parent = up[i][j];
            int lane = -1;
            if (j == 0 && chain[parent] == c) {
                lane = node;
                lanes[lane] = Lane{parent, c, false};
            } else if ((lane = waitingFor(parent, chain[parent])) < 0) {
                // The branch's last revision keeps its own lane down to the branch point; a
                // merge's other parent opens a lane for that parent's line.
                lane = j == 0 && lanes[node].waits < 0 ? node : freeLane(lanes);
                lanes[lane] = Lane{parent, j == 0 ? c : chain[parent], false};
            }
            row.lower.append({node, lane});
        }
        for (int k : std::as_const(waiting))
            row.lower.append({k, k});

        while (!lanes.isEmpty() && lanes.constLast().waits < 0 && !lanes.constLast().reserved)
            lanes.removeLast();
        row.width = node + 1;
        for (const auto *list : {&row.upper, &row.lower}) {
            for (const GraphSegment &s : *list)
                row.width = std::max({row.width, s.from + 1, s.to + 1});
        }
        rows.append(row);
    }
    return rows;
}

QList<QStringList> shownBranchLabels(const QStringList &ids, const QList<QStringList> &parents,
                                     const QList<QStringList> &carried,
                                     const QList<QStringList> &own)
{
    const QList<QList<int>> up = parentRows(ids, parents);
    QList<QStringList> shown(ids.size());
    // Parents first (they come after their children in display order).
    for (qsizetype i = ids.size() - 1; i >= 0; --i) {
        const QStringList labels = carried.value(i);
        for (const QString &label : labels) {
            bool show = own.value(i).contains(label) || up[i].isEmpty();
            if (!show && up[i].size() == 1) {
                // The branch's next revision, or the first one above its branch point.
                const int parent = up[i].first();
                show = shown[parent].contains(label) || !carried.value(parent).contains(label);
            } else if (!show) {
                // A merge shows the label only when it joins revisions of that branch alone.
                show = std::all_of(up[i].cbegin(), up[i].cend(),
                                   [&](int parent) { return shown[parent].contains(label); });
            }
            if (show)
                shown[i].append(label);
        }
    }
    return shown;
}

} // namespace strata::gui
