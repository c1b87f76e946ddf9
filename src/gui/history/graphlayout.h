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
// are ignored. labels[i], when given, are the branch labels row i carries (Alembic's: a label
// reaches every descendant of the revision that declares it).
//
// Each revision and its first parent share a lane, so a line of first parents never leaves its
// lane: a merge's first parent continues the merge's lane, and at a branch point the branch
// bends into the trunk, never the trunk into the branch. The trunk (lane 0) is the head whose
// line of first parents carries the fewest branch labels, then the longest such line, then the
// head shown first. A lane freed by a branch's end is reused, so a long history with
// short-lived branches stays narrow.
QList<GraphRow> layoutGraph(const QStringList &ids, const QList<QStringList> &parents,
                            const QList<QStringList> &labels = {});

// The branch labels each row shows: a label marks its own branch only, the revisions carrying it
// (carried[i], Alembic's semantics) from the branch point up to the merge that joins the branch
// into another line, not the merge and what follows it. own[i] are the labels row i's file
// declares; ids and parents as for layoutGraph().
QList<QStringList> shownBranchLabels(const QStringList &ids, const QList<QStringList> &parents,
                                     const QList<QStringList> &carried,
                                     const QList<QStringList> &own);

} // namespace strata::gui
