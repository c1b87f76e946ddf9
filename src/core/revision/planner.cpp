#include "revision/planner.h"

#include "revision/headmaintainer.h"
#include "revision/revisiongraph.h"

#include <QSet>

#include <optional>

namespace strata {

namespace {

constexpr int kBase = -1; // a walk or target that ends below every revision
constexpr int kNone = -2; // a walk that went past the end of the graph

// "+2", "-1", "ae10+2", "label@+1", "label@head-1": Alembic's relative destination.
struct Relative
{
    QString branch;
    QString symbol;
    int steps = 0;
};

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_');
}

std::optional<Relative> parseRelative(const QString &target)
{
    Relative out;
    QString rest = target;
    if (const int at = target.indexOf(QLatin1Char('@')); at > 0) {
        out.branch = target.left(at);
        rest = target.mid(at + 1);
    }
    qsizetype sign = rest.size() - 1;
    while (sign >= 0 && rest[sign].isDigit())
        --sign;
    if (sign < 0 || sign == rest.size() - 1)
        return std::nullopt;
    if (rest[sign] != QLatin1Char('+') && rest[sign] != QLatin1Char('-'))
        return std::nullopt;
    out.symbol = rest.left(sign);
    for (QChar c : out.symbol)
        if (!isWordChar(c))
            return std::nullopt;
    bool ok = false;
    out.steps = rest.mid(sign).toInt(&ok);
    if (!ok)
        return std::nullopt;
    return out;
}

class PlanBuilder
{
public:
    explicit PlanBuilder(const RevisionGraph &graph) : g(graph) {}

    Result<QList<int>> current(const QStringList &heads) const
    {
        QList<int> out;
        for (const QString &head : heads) {
            const int i = g.indexOf(head);
            if (i < 0)
                return Error::failure(
                    QStringLiteral(
                        "the version table holds revision %1, which is not in the project; "
                        "restore its migration file or stamp the database")
                        .arg(head));
            if (!out.contains(i))
                out.append(i);
        }
        return out;
    }

    // A single revision, or kBase for "base".
    Result<int> getRevision(const QString &target) const
    {
        auto all = g.resolve(target);
        if (!all)
            return all.error();
        if (all->size() > 1)
            return Error::failure(QStringLiteral("'%1' names several revisions (%2)")
                                      .arg(target, g.ids(*all).join(QLatin1String(", "))));
        return all->isEmpty() ? kBase : all->first();
    }

    Result<QList<int>> filterForLineage(const QList<int> &revs, const QString &branch,
                                        bool includeDependencies = false) const
    {
        auto against = g.resolve(branch);
        if (!against)
            return against.error();
        QList<int> out;
        for (int r : revs)
            if (g.sharesLineage(r, *against, includeDependencies))
                out.append(r);
        return out;
    }

    // Alembic's _walk: `steps` up (positive) or down (negative) from `start`.
    Result<int> walk(int start, int steps, const QString &branch) const
    {
        int at = start;
        for (int step = 0; step < std::abs(steps); ++step) {
            QList<int> next;
            if (steps > 0) {
                next = at == kBase ? g.bases() : g.children(at);
                if (!branch.isEmpty()) {
                    auto filtered = filterForLineage(next, branch);
                    if (!filtered)
                        return filtered.error();
                    next = *filtered;
                }
                if (next.isEmpty())
                    return kNone;
            } else {
                if (at == kBase)
                    return kNone;
                next = g.downRevisions(at);
                if (next.isEmpty())
                    next = {kBase};
            }
            if (next.size() > 1) {
                return Error::failure(
                    QStringLiteral(
                        "ambiguous walk from %1: %2 leads to %3; name the revision instead")
                        .arg(at == kBase ? QStringLiteral("base") : g.id(at),
                             steps > 0 ? QStringLiteral("one step up")
                                       : QStringLiteral("one step down"),
                             g.ids(next).join(QLatin1String(", "))));
            }
            at = next.first();
        }
        return at;
    }

    static Error overshoot(int steps)
    {
        return Error::failure(
            QStringLiteral("relative revision %1%2 goes past the end of the history")
                .arg(steps > 0 ? QStringLiteral("+") : QString())
                .arg(steps));
    }

    Error severalHeads(const QString &target, const QList<int> &current) const
    {
        return Error::failure(
            QStringLiteral("'%1' is relative to the current revision, but the database has several "
                           "current heads (%2); use REV%3 or LABEL@%3 instead")
                .arg(target, g.ids(current).join(QLatin1String(", ")),
                     target.mid(target.indexOf(QLatin1Char('@')) + 1)));
    }

    Result<QList<int>> upgradeTargets(const QList<int> &current, const QString &target) const
    {
        const std::optional<Relative> rel = parseRelative(target);
        if (!rel) {
            auto all = g.resolve(target);
            return all;
        }
        int result = kNone;
        if (rel->steps > 0) {
            if (rel->symbol.isEmpty()) {
                QList<int> start = current;
                if (!rel->branch.isEmpty()) {
                    auto onBranch = filterForLineage(current, rel->branch);
                    if (!onBranch)
                        return onBranch.error();
                    start = *onBranch;
                    if (start.isEmpty()) {
                        // The branch has no current head: start from its newest applied revision.
                        auto active = filterForLineage(g.ancestors(current), rel->branch);
                        if (!active)
                            return active.error();
                        QSet<int> below;
                        for (int r : *active)
                            for (int d : g.normalizedDownRevisions(r))
                                below.insert(d);
                        for (int r : *active)
                            if (!below.contains(r))
                                start.append(r);
                    }
                }
                if (start.size() > 1)
                    return severalHeads(target, start);
                auto walked =
                    walk(start.isEmpty() ? kBase : start.first(), rel->steps, rel->branch);
                if (!walked)
                    return walked.error();
                result = *walked;
            } else {
                auto from = getRevision(rel->symbol);
                if (!from)
                    return from.error();
                auto walked = walk(*from, rel->steps, rel->branch);
                if (!walked)
                    return walked.error();
                result = *walked;
            }
        } else {
            if (rel->symbol.isEmpty())
                return Error::usage(
                    QStringLiteral("cannot upgrade to '%1': a downward step needs downgrade")
                        .arg(target));
            auto from = getRevision(
                rel->branch.isEmpty() ? rel->symbol : rel->branch + QLatin1Char('@') + rel->symbol);
            if (!from)
                return from.error();
            auto walked = walk(*from, rel->steps, {});
            if (!walked)
                return walked.error();
            result = *walked;
        }
        if (result == kNone)
            return overshoot(rel->steps);
        if (result == kBase)
            return QList<int>{};
        return QList<int>{result};
    }

    struct DowngradeTarget
    {
        QString branch;
        int revision = kBase;
    };

    Result<DowngradeTarget> downgradeTarget(const QList<int> &current, const QString &target) const
    {
        const std::optional<Relative> rel = parseRelative(target);
        if (!rel) {
            DowngradeTarget out;
            QString symbol = target;
            if (const int at = target.lastIndexOf(QLatin1Char('@')); at >= 0) {
                out.branch = target.left(at);
                symbol = target.mid(at + 1);
            }
            auto rev = getRevision(symbol);
            if (!rev)
                return rev.error();
            out.revision = *rev;
            return out;
        }
        if (rel->steps >= 0) {
            if (rel->symbol.isEmpty())
                return Error::usage(
                    QStringLiteral("cannot downgrade to '%1': an upward step needs upgrade")
                        .arg(target));
            auto from = getRevision(rel->symbol);
            if (!from)
                return from.error();
            auto walked = walk(*from, rel->steps, rel->branch);
            if (!walked)
                return walked.error();
            if (*walked == kNone)
                return overshoot(rel->steps);
            return DowngradeTarget{rel->branch, *walked};
        }
        QString branch = rel->branch;
        QString symbol = rel->symbol;
        const bool fromCurrent = symbol.isEmpty();
        if (fromCurrent) {
            if (!branch.isEmpty()) {
                auto onBranch = filterForLineage(current, branch);
                if (!onBranch)
                    return onBranch.error();
                QList<int> symbols = *onBranch;
                if (symbols.isEmpty()) {
                    auto all = filterForLineage(allCurrent(current), branch);
                    if (!all)
                        return all.error();
                    symbols = *all;
                }
                if (symbols.isEmpty())
                    return Error::failure(
                        QStringLiteral("branch '%1' has nothing applied to step down from")
                            .arg(branch));
                if (symbols.size() > 1)
                    return severalHeads(target, symbols);
                symbol = g.id(symbols.first());
            } else {
                if (current.isEmpty())
                    return Error::failure(
                        QStringLiteral("cannot step down %1 from base: nothing is applied")
                            .arg(target));
                if (current.size() > 1)
                    return severalHeads(target, current);
                symbol = g.id(current.first());
                branch = symbol;
            }
        }
        auto from = getRevision(branch.isEmpty() ? symbol : branch + QLatin1Char('@') + symbol);
        if (!from)
            return from.error();
        auto walked = walk(*from, rel->steps, {});
        if (!walked)
            return walked.error();
        if (*walked == kNone)
            return overshoot(rel->steps);
        return DowngradeTarget{branch, *walked};
    }

    // The heads of everything applied, dependencies included (Alembic's _get_all_current).
    QList<int> allCurrent(const QList<int> &current) const
    {
        const QList<int> top = g.ancestors(current);
        QSet<int> topSet(top.begin(), top.end());
        QList<int> out;
        for (int r : top) {
            bool hasDescendantInSet = false;
            for (int desc : g.descendants({r}, false))
                if (desc != r && topSet.contains(desc)) {
                    hasDescendantInSet = true;
                    break;
                }
            if (!hasDescendantInSet)
                out.append(r);
        }
        return out;
    }

    // Fails when one requested revision is an ancestor of another: the request makes no sense
    // (and for version rows, the table is inconsistent).
    Status checkNoOverlap(const QList<int> &revs, const QString &what) const
    {
        for (int r : revs) {
            const QList<int> anc = g.ancestors({r});
            for (int other : revs)
                if (other != r && anc.contains(other))
                    return Error::failure(
                        QStringLiteral("%1 %2 and %3 overlap: %3 is an ancestor of %2")
                            .arg(what, g.id(r), g.id(other)));
        }
        return {};
    }

    // Version rows where one is a down_revision ancestor of another contradict each other (the
    // lower row is implied by the upper one). A row that is only a dependency of another, as in
    // Alembic's MultipleBranchEffectiveHead, heads a branch of its own and is consistent.
    Status checkRowsConsistent(const QList<int> &rows) const
    {
        for (int r : rows) {
            const QList<int> anc = g.ancestors({r}, false);
            for (int other : rows)
                if (other != r && anc.contains(other))
                    return Error::failure(
                        QStringLiteral("version rows %1 and %2 overlap: %2 is an ancestor of %1")
                            .arg(g.id(r), g.id(other)));
        }
        return {};
    }

    // Parents before children, each branch kept together where the graph allows.
    QList<int> parentsFirst(const QSet<int> &set, const QList<int> &starts) const
    {
        QList<int> order;
        order.reserve(set.size());
        std::vector<char> state(g.size(), 0); // 0 new, 1 open, 2 done
        auto visit = [&](int root) {
            if (!set.contains(root) || state[root])
                return;
            std::vector<std::pair<int, int>> stack{{root, 0}};
            state[root] = 1;
            while (!stack.empty()) {
                auto &[node, edge] = stack.back();
                const QList<int> &parents = g.normalizedDownRevisions(node);
                if (edge < parents.size()) {
                    const int p = parents[edge++];
                    if (set.contains(p) && !state[p]) {
                        state[p] = 1;
                        stack.push_back({p, 0});
                    }
                    continue;
                }
                state[node] = 2;
                order.append(node);
                stack.pop_back();
            }
        };
        for (int s : starts)
            visit(s);
        QList<int> rest(set.begin(), set.end());
        std::sort(rest.begin(), rest.end());
        for (int r : rest)
            visit(r);
        return order;
    }

    Result<Plan> finish(const QStringList &startHeads, const QList<int> &order,
                        Direction direction) const
    {
        Plan plan;
        plan.startHeads = startHeads;
        HeadMaintainer heads(g, startHeads);
        for (int rev : order) {
            PlanStep step;
            step.revision = g.id(rev);
            step.direction = direction;
            const QStringList down = g.ids(g.downRevisions(rev));
            step.fromRevisions = direction == Direction::Up ? down : QStringList{step.revision};
            step.toRevisions = direction == Direction::Up ? QStringList{step.revision} : down;
            auto changes = heads.revisionStep(rev, direction);
            if (!changes)
                return changes.error();
            step.versionChanges = *changes;
            if (direction == Direction::Down && !g.migration(rev).hasDowngrade)
                plan.irreversible.append(step.revision);
            plan.steps.append(step);
        }
        plan.endHeads = heads.heads();
        return plan;
    }

    const RevisionGraph &g;
};

} // namespace

Result<Plan> Planner::upgrade(const QStringList &currentHeads, const QString &target) const
{
    PlanBuilder b(m_graph);
    auto current = b.current(currentHeads);
    if (!current)
        return current.error();
    if (auto overlap = b.checkRowsConsistent(*current); !overlap)
        return Error::failure(overlap.error().message +
                              QStringLiteral("; the version table contradicts itself, so no plan "
                                             "from it can be trusted: `strata check` shows the "
                                             "rows, `strata stamp` sets them right"))
            .with(Error::Code::Refused);
    auto targets = b.upgradeTargets(*current, target);
    if (!targets)
        return targets.error();
    if (auto overlap = b.checkNoOverlap(*targets, QStringLiteral("requested revisions")); !overlap)
        return overlap.error();

    const QList<int> required = m_graph.ancestors(*targets);
    const QList<int> applied = m_graph.ancestors(*current);
    QSet<int> needs(required.begin(), required.end());
    for (int r : applied)
        needs.remove(r);
    auto plan = b.finish(currentHeads, b.parentsFirst(needs, *targets), Direction::Up);
    if (plan) {
        plan->request = Plan::Request::Upgrade;
        plan->targets = {target};
    }
    return plan;
}

Result<Plan> Planner::downgrade(const QStringList &currentHeads, const QString &target) const
{
    PlanBuilder b(m_graph);
    auto current = b.current(currentHeads);
    if (!current)
        return current.error();
    if (auto overlap = b.checkRowsConsistent(*current); !overlap)
        return Error::failure(overlap.error().message +
                              QStringLiteral("; the version table contradicts itself, so no plan "
                                             "from it can be trusted: `strata check` shows the "
                                             "rows, `strata stamp` sets them right"))
            .with(Error::Code::Refused);
    auto parsed = b.downgradeTarget(*current, target);
    if (!parsed)
        return parsed.error();

    QList<int> roots;
    if (parsed->revision == kBase) {
        roots = m_graph.bases();
    } else {
        roots = m_graph.children(parsed->revision);
    }
    if (!parsed->branch.isEmpty() && roots.size() > 1) {
        auto branchRev = m_graph.resolveOne(parsed->branch);
        if (!branchRev)
            return branchRev.error();
        const QList<int> onBranch = m_graph.ancestors({*branchRev}, false);
        QList<int> filtered;
        for (int r : roots)
            if (onBranch.contains(r))
                filtered.append(r);
        if (filtered.isEmpty())
            return Error::failure(
                QStringLiteral("'%1' is not a valid downgrade target from the current heads (%2)")
                    .arg(target, currentHeads.join(QLatin1String(", "))));
        roots = filtered;
    }

    const QList<int> dropped = m_graph.descendants(roots);
    const QList<int> active = m_graph.ancestors(*current);
    const QSet<int> activeSet(active.begin(), active.end());
    QSet<int> revert;
    for (int r : dropped)
        if (activeSet.contains(r))
            revert.insert(r);
    if (parsed->revision != kBase && revert.isEmpty() && !current->contains(parsed->revision)) {
        return Error::failure(
            QStringLiteral("'%1' is not a valid downgrade target from the current "
                           "heads (%2): it is not applied")
                .arg(target, currentHeads.isEmpty() ? QStringLiteral("base")
                                                    : currentHeads.join(QLatin1String(", "))));
    }
    QList<int> order = b.parentsFirst(revert, *current);
    std::reverse(order.begin(), order.end());
    auto plan = b.finish(currentHeads, order, Direction::Down);
    if (plan) {
        plan->request = Plan::Request::Downgrade;
        plan->targets = {target};
    }
    return plan;
}

Result<Plan> Planner::stamp(const QStringList &currentHeads, const QStringList &targets,
                            bool purge) const
{
    PlanBuilder b(m_graph);
    const QStringList startHeads = purge ? QStringList{} : currentHeads;
    auto current = b.current(startHeads);
    if (!current)
        return current.error();

    QList<int> filteredHeads;
    QList<int> dests;
    bool toBase = false;
    for (const QString &target : targets) {
        auto resolved = m_graph.resolve(target);
        if (!resolved)
            return resolved.error();
        // The heads this target concerns: those sharing lineage with the branch named before
        // the '@' and with what the target resolves to; every head for a plain "base".
        QList<int> shares = *resolved;
        if (const qsizetype at = target.indexOf(QLatin1Char('@')); at > 0) {
            auto branch = m_graph.resolveOne(target.left(at));
            if (!branch)
                return branch.error();
            shares.append(*branch);
        }
        for (int r : *current)
            if (m_graph.sharesLineage(r, shares, true) && !filteredHeads.contains(r))
                filteredHeads.append(r);
        for (int r : *resolved)
            if (!dests.contains(r))
                dests.append(r);
    }
    if (dests.isEmpty())
        toBase = true;
    // One row per head: targets of one lineage would write rows that contradict each other.
    if (auto overlap = b.checkNoOverlap(dests, QStringLiteral("stamp targets")); !overlap)
        return Error::failure(overlap.error().message +
                              QStringLiteral("; stamp the upper one alone, it implies the other"))
            .with(Error::Code::Refused);

    Plan plan;
    plan.purge = purge;
    plan.startHeads = currentHeads;
    HeadMaintainer heads(m_graph, startHeads);
    auto addStep = [&](const QStringList &from, const QStringList &to, bool isUpgrade,
                       bool branchMove) -> Status {
        PlanStep step;
        step.stamp = true;
        step.direction = isUpgrade ? Direction::Up : Direction::Down;
        step.fromRevisions = from;
        step.toRevisions = to;
        step.revision = to.isEmpty() ? from.value(0) : to.first();
        auto changes = heads.stampStep(from, to, isUpgrade, branchMove);
        if (!changes)
            return changes.error();
        step.versionChanges = *changes;
        plan.steps.append(step);
        return {};
    };

    // Rows that are ancestors of other rows break the rule of one row per head (a table edited
    // by hand, or written by two tools): they are deleted first, as rows the stamp sets anew.
    // Alembic would fail here, deleting such a row twice.
    for (int row : *current) {
        bool implied = false;
        for (int other : *current)
            implied = implied || (other != row && m_graph.ancestors({other}).contains(row));
        if (!implied)
            continue;
        if (auto s = addStep({m_graph.id(row)}, {}, false, true); !s)
            return s.error();
        filteredHeads.removeOne(row);
    }

    if (toBase) {
        for (int head : filteredHeads)
            if (auto s = addStep({m_graph.id(head)}, {}, false, true); !s)
                return s.error();
    }
    for (int dest : dests) {
        if (filteredHeads.contains(dest) && heads.heads().contains(m_graph.id(dest)))
            continue;
        const QList<int> below = m_graph.ancestors({dest});
        const QList<int> above = m_graph.descendants({dest});
        // Each destination moves the rows of its own lineage that are still there: an earlier
        // destination may have moved a row both share (Alembic moves every filtered head for
        // each destination and then fails on a row deleted twice).
        QStringList from;
        bool headAbove = false, headBelow = false;
        for (int h : std::as_const(filteredHeads)) {
            if (!heads.heads().contains(m_graph.id(h)))
                continue;
            const bool isAbove = above.contains(h), isBelow = below.contains(h);
            if (!isAbove && !isBelow && !m_graph.sharesLineage(h, {dest}, true))
                continue;
            from.append(m_graph.id(h));
            headAbove = headAbove || isAbove;
            headBelow = headBelow || isBelow;
        }
        Status s;
        if (headAbove)
            s = addStep(from, {m_graph.id(dest)}, false, false);
        else if (headBelow)
            s = addStep(from, {m_graph.id(dest)}, true, false);
        else if (!heads.heads().contains(m_graph.id(dest)))
            s = addStep({}, {m_graph.id(dest)}, true, true);
        if (!s)
            return s.error();
    }
    plan.endHeads = heads.heads();
    plan.request = Plan::Request::Stamp;
    plan.targets = targets;
    return plan;
}

} // namespace strata
