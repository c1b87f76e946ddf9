#pragma once

#include "error.h"
#include "revision/plan.h"

namespace strata {

class RevisionGraph;

// Turns a target ("head", "ae10+2", "base", ...) and the database's current version rows into
// a Plan, with Alembic's semantics: upgrade runs ancestors(target) minus ancestors(current),
// parents first; downgrade reverts every applied descendant of the target, children first;
// version rows change as Alembic's HeadMaintainer changes them.
class Planner
{
public:
    explicit Planner(const RevisionGraph &graph) : m_graph(graph) {}

    Result<Plan> upgrade(const QStringList &currentHeads, const QString &target) const;
    Result<Plan> downgrade(const QStringList &currentHeads, const QString &target) const;
    Result<Plan> stamp(const QStringList &currentHeads, const QStringList &targets,
                       bool purge) const;

private:
    const RevisionGraph &m_graph;
};

} // namespace strata
