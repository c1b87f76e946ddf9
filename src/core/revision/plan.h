#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace strata {

enum class Direction { Up, Down };

inline QString directionName(Direction direction)
{
    return direction == Direction::Up ? QStringLiteral("up") : QStringLiteral("down");
}

// One change to the version table, in the order Alembic's HeadMaintainer makes it.
struct VersionChange
{
    enum class Kind { Insert, Delete, Update };
    Kind kind = Kind::Insert;
    QString from; // Delete, Update: the row that goes
    QString to;   // Insert, Update: the row that comes

    static VersionChange insert(QString to) { return {Kind::Insert, {}, std::move(to)}; }
    static VersionChange remove(QString from) { return {Kind::Delete, std::move(from), {}}; }
    static VersionChange update(QString from, QString to)
    {
        return {Kind::Update, std::move(from), std::move(to)};
    }
    bool operator==(const VersionChange &) const = default;
};

// One step of a plan: run a migration's upgrade or downgrade section (or, for a stamp, no SQL
// at all), then change the version rows as listed, all in one transaction.
struct PlanStep
{
    QString revision; // the migration run; for a stamp step, the first destination or source
    Direction direction = Direction::Up;
    bool stamp = false;        // true: only the version rows change
    QStringList fromRevisions; // version rows this step moves away from (informational)
    QStringList toRevisions;   // version rows this step moves to (informational)
    QList<VersionChange> versionChanges;
};

struct Plan
{
    QStringList startHeads;   // version rows before the first step
    QList<PlanStep> steps;    // in run order
    QStringList endHeads;     // version rows after the last step
    bool purge = false;       // stamp --purge: every version row is deleted before the steps
    QStringList irreversible; // downgrade plans: revisions in the plan without a downgrade section

    // What was asked for (set by the Planner), so the plan can be made again if the rows move
    // before it runs.
    enum class Request { None, Upgrade, Downgrade, Stamp };
    Request request = Request::None;
    QStringList targets;
};

} // namespace strata
