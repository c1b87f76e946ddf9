#include "history/graphlayout.h"

#include <QSet>

#include <algorithm>

namespace strata::gui {

namespace {

int freeLane(QStringList &lanes)
{
    int lane = int(lanes.indexOf(QString()));
    if (lane < 0) {
        lane = int(lanes.size());
        lanes.append(QString());
    }
    return lane;
}

} // namespace

QList<GraphRow> layoutGraph(const QStringList &ids, const QList<QStringList> &parents)
{
    const QSet<QString> known(ids.cbegin(), ids.cend());
    QStringList lanes; // the revision each lane waits for; empty: free
    QList<GraphRow> rows;
    rows.reserve(ids.size());
    for (int i = 0; i < ids.size(); ++i) {
        const QString &id = ids[i];
        GraphRow row;

        // Lines from above: children's lanes converge on the node; other lanes pass by.
        int node = -1;
        for (int k = 0; k < lanes.size(); ++k) {
            if (lanes[k] == id && node < 0)
                node = k;
        }
        if (node < 0)
            node = freeLane(lanes); // nothing above points here: a head starts its lane
        row.node = node;
        for (int k = 0; k < lanes.size(); ++k) {
            if (lanes[k].isEmpty())
                continue;
            row.upper.append({k, lanes[k] == id ? node : k});
        }
        for (QString &lane : lanes) {
            if (lane == id)
                lane.clear();
        }

        // Lines below: lanes still waiting pass by; the node joins a lane already waiting for
        // a parent, or opens one (its own lane first).
        QList<int> waiting;
        for (int k = 0; k < lanes.size(); ++k) {
            if (!lanes[k].isEmpty())
                waiting.append(k);
        }
        const QStringList &ps = i < parents.size() ? parents[i] : QStringList();
        for (const QString &parent : ps) {
            if (!known.contains(parent))
                continue;
            int lane = int(lanes.indexOf(parent));
            if (lane < 0) {
                lane = lanes[node].isEmpty() ? node : freeLane(lanes);
                lanes[lane] = parent;
            }
            row.lower.append({node, lane});
        }
        for (int k : std::as_const(waiting))
            row.lower.append({k, k});

        while (!lanes.isEmpty() && lanes.constLast().isEmpty())
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

} // namespace strata::gui
