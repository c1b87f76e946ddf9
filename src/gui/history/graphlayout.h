#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace strata::gui {

// A line within one table row of the graph column, between two lanes.
struct GraphSegment
{
    int from = 0;
    int to = 0;
    bool operator==(const GraphSegment &) const = default;
};

// How one revision's row draws: its node's lane, the lines from the row's top edge to the
// node's height (upper) and from there to the bottom edge (lower), as `git log --graph` does.
struct GraphRow
{
    int node = 0;
    QList<GraphSegment> upper; // top edge lane -> middle lane
    QList<GraphSegment> lower; // middle lane -> bottom edge lane
    int width = 1;             // lanes in use in this row
};

// Lays revisions out in lanes. ids are in display order, newest first (children before their
// parents); parents[i] are row i's down revisions, first parent first. Parents not among ids
// are ignored. A lane freed by a branch's end is reused, so a long history with short-lived
// branches stays narrow.
QList<GraphRow> layoutGraph(const QStringList &ids, const QList<QStringList> &parents);

} // namespace strata::gui
