#pragma once

#include "error.h"
#include "revision/plan.h"

#include <QStringList>

namespace strata {

class RevisionGraph;

// Tracks the version rows (one per current head) through a plan and says which rows each step
// inserts, updates or deletes: the rules of Alembic's HeadMaintainer (runtime/migration.py),
// so that a Strata-managed version table can stand beside an Alembic-managed one.
class HeadMaintainer
{
public:
    HeadMaintainer(const RevisionGraph &graph, QStringList heads)
        : m_graph(graph), m_heads(std::move(heads))
    {
    }

    const QStringList &heads() const { return m_heads; }

    // Running revision `index` up or down.
    Result<QList<VersionChange>> revisionStep(int index, Direction direction);

    // A stamp moving rows `from` to `to` without running SQL; `branchMove` creates or deletes
    // a branch's row instead of moving one.
    Result<QList<VersionChange>> stampStep(const QStringList &from, const QStringList &to,
                                           bool isUpgrade, bool branchMove);

private:
    Status insert(const QString &to, QList<VersionChange> &changes);
    Status remove(const QString &from, QList<VersionChange> &changes);
    Status update(const QString &from, const QString &to, QList<VersionChange> &changes);
    QStringList unmergeTargets(int index) const;

    const RevisionGraph &m_graph;
    QStringList m_heads;
};

} // namespace strata
