#include "revision/revisiongraph.h"

#include <QSet>

#include <algorithm>

namespace strata {

namespace {

struct Node
{
    QList<int> down;           // down_revision ("versioned")
    QList<int> resolvedDeps;   // depends_on resolved to revisions
    QList<int> allDown;        // down + resolvedDeps, deduplicated
    QList<int> normalizedDeps; // resolvedDeps minus deps already declared by an ancestor
    QList<int> normalizedDown; // down + normalizedDeps, deduplicated
    QList<int> children;       // revisions naming this one in down_revision
    QList<int> allChildren;    // ... or in depends_on
    QStringList labels;        // own and propagated branch labels, sorted
};

void appendUnique(QList<int> &list, int value)
{
    if (!list.contains(value))
        list.append(value);
}

} // namespace

struct RevisionGraph::Data
{
    QList<Migration> migrations;
    QList<Node> nodes;
    QHash<QString, int> index;
    QHash<QString, int> labels; // label -> revision declaring it
    QList<int> heads, realHeads, bases, realBases;

    // Depth-first walk in the manner of Alembic's _iterate_related_revisions: each node once,
    // in discovery order, following `next` from every start node.
    template <typename Next> QList<int> walk(const QList<int> &from, Next next) const
    {
        QList<int> out;
        std::vector<char> seen(nodes.size(), 0);
        std::vector<int> todo;
        for (int start : from) {
            todo.push_back(start);
            while (!todo.empty()) {
                const int rev = todo.back();
                todo.pop_back();
                if (seen[rev])
                    continue;
                seen[rev] = 1;
                for (int n : next(rev))
                    todo.push_back(n);
                out.append(rev);
            }
        }
        return out;
    }
};

RevisionGraph::RevisionGraph() : d(std::make_unique<Data>()) {}
RevisionGraph::~RevisionGraph() = default;
RevisionGraph::RevisionGraph(RevisionGraph &&) noexcept = default;
RevisionGraph &RevisionGraph::operator=(RevisionGraph &&) noexcept = default;

namespace {

// Strongly connected components of size > 1 among `members` (Tarjan, iterative), for naming
// the revisions of a cycle rather than everything downstream of it.
QList<QList<int>> cyclesAmong(const QList<Node> &nodes, const QList<int> &members)
{
    const int n = int(nodes.size());
    std::vector<char> inSet(n, 0);
    for (int m : members)
        inSet[m] = 1;
    std::vector<int> index(n, -1), low(n, 0);
    std::vector<char> onStack(n, 0);
    std::vector<int> stack;
    QList<QList<int>> result;
    int counter = 0;

    struct Frame
    {
        int node;
        int edge;
    };
    for (int root : members) {
        if (index[root] >= 0)
            continue;
        std::vector<Frame> frames{{root, 0}};
        index[root] = low[root] = counter++;
        stack.push_back(root);
        onStack[root] = 1;
        while (!frames.empty()) {
            Frame &frame = frames.back();
            const QList<int> &edges = nodes[frame.node].allDown;
            if (frame.edge < edges.size()) {
                const int next = edges[frame.edge++];
                if (!inSet[next])
                    continue;
                if (index[next] < 0) {
                    index[next] = low[next] = counter++;
                    stack.push_back(next);
                    onStack[next] = 1;
                    frames.push_back({next, 0});
                } else if (onStack[next]) {
                    low[frame.node] = std::min(low[frame.node], index[next]);
                }
                continue;
            }
            const int node = frame.node;
            frames.pop_back();
            if (!frames.empty())
                low[frames.back().node] = std::min(low[frames.back().node], low[node]);
            if (low[node] == index[node]) {
                QList<int> component;
                int member;
                do {
                    member = stack.back();
                    stack.pop_back();
                    onStack[member] = 0;
                    component.append(member);
                } while (member != node);
                if (component.size() > 1)
                    result.append(component);
            }
        }
    }
    return result;
}

} // namespace

Result<RevisionGraph> RevisionGraph::build(QList<Migration> migrations)
{
    RevisionGraph graph;
    Data &g = *graph.d;
    g.migrations = std::move(migrations);
    const int n = int(g.migrations.size());
    g.nodes.resize(n);
    g.index.reserve(n);

    QList<Error> errors;

    for (int i = 0; i < n; ++i) {
        const Migration &m = g.migrations[i];
        auto existing = g.index.constFind(m.revision);
        if (existing != g.index.constEnd()) {
            const Migration &first = g.migrations[*existing];
            Error error = Error::at(m.filePath, m.headerLine,
                                    QStringLiteral("duplicate revision %1, also declared in %2:%3")
                                        .arg(m.revision, first.filePath)
                                        .arg(first.headerLine));
            errors.append(error);
            continue;
        }
        g.index.insert(m.revision, i);
    }

    for (int i = 0; i < n; ++i) {
        const Migration &m = g.migrations[i];
        for (const QString &label : m.branchLabels) {
            const int line = m.branchLabelsLine > 0 ? m.branchLabelsLine : m.headerLine;
            if (auto other = g.labels.constFind(label); other != g.labels.constEnd()) {
                errors.append(Error::at(
                    m.filePath, line,
                    QStringLiteral(
                        "branch label '%1' of revision %2 is already used by revision %3 (%4)")
                        .arg(label, m.revision, g.migrations[*other].revision,
                             g.migrations[*other].filePath)));
                continue;
            }
            if (g.index.contains(label)) {
                errors.append(Error::at(
                    m.filePath, line,
                    QStringLiteral("branch label '%1' of revision %2 is also a revision id")
                        .arg(label, m.revision)));
                continue;
            }
            g.labels.insert(label, i);
        }
    }

    for (int i = 0; i < n; ++i) {
        const Migration &m = g.migrations[i];
        Node &node = g.nodes[i];
        for (const QString &down : m.downRevisions) {
            const int line = m.downRevisionsLine > 0 ? m.downRevisionsLine : m.headerLine;
            if (down == m.revision) {
                errors.append(
                    Error::at(m.filePath, line,
                              QStringLiteral("revision %1 names itself as its down_revision")
                                  .arg(m.revision)));
                continue;
            }
            const int target = g.index.value(down, -1);
            if (target < 0) {
                errors.append(Error::at(
                    m.filePath, line,
                    QStringLiteral("down_revision %1 of revision %2 is not in the project")
                        .arg(down, m.revision)));
                continue;
            }
            appendUnique(node.down, target);
        }
        for (const QString &dep : m.dependsOn) {
            const int line = m.dependsOnLine > 0 ? m.dependsOnLine : m.headerLine;
            int target = g.index.value(dep, -1);
            if (target < 0)
                target = g.labels.value(dep, -1);
            if (target < 0) {
                errors.append(Error::at(m.filePath, line,
                                        QStringLiteral("depends_on %1 of revision %2 is neither a "
                                                       "revision nor a branch label of the project")
                                            .arg(dep, m.revision)));
                continue;
            }
            if (target == i) {
                errors.append(
                    Error::at(m.filePath, line,
                              QStringLiteral("revision %1 depends on itself").arg(m.revision)));
                continue;
            }
            appendUnique(node.resolvedDeps, target);
        }
        node.allDown = node.down;
        for (int dep : node.resolvedDeps)
            appendUnique(node.allDown, dep);
    }

    if (!errors.isEmpty()) {
        Error first = errors.takeFirst();
        for (const Error &other : errors)
            first.details.append(other.toString());
        return first;
    }

    for (int i = 0; i < n; ++i) {
        for (int down : g.nodes[i].allDown) {
            Node &parent = g.nodes[down];
            parent.allChildren.append(i);
            if (g.nodes[i].down.contains(down))
                parent.children.append(i);
        }
    }

    // Cycles: peel revisions whose parents are all placed (Kahn); what remains holds a cycle.
    {
        std::vector<int> pending(n);
        std::vector<int> ready;
        for (int i = 0; i < n; ++i) {
            pending[i] = int(g.nodes[i].allDown.size());
            if (pending[i] == 0)
                ready.push_back(i);
        }
        int placed = 0;
        while (!ready.empty()) {
            const int rev = ready.back();
            ready.pop_back();
            ++placed;
            for (int child : g.nodes[rev].allChildren)
                if (--pending[child] == 0)
                    ready.push_back(child);
        }
        if (placed < n) {
            QList<int> remaining;
            for (int i = 0; i < n; ++i)
                if (pending[i] > 0)
                    remaining.append(i);
            const QList<QList<int>> cycles = cyclesAmong(g.nodes, remaining);
            QList<int> members = cycles.isEmpty() ? remaining : cycles.first();
            std::sort(members.begin(), members.end());
            const Migration &m = g.migrations[members.first()];
            return Error::at(m.filePath,
                             m.downRevisionsLine > 0 ? m.downRevisionsLine : m.headerLine,
                             QStringLiteral("cycle among revisions %1")
                                 .arg(graph.ids(members).join(QLatin1String(", "))));
        }
    }

    for (int i = 0; i < n; ++i) {
        const Node &node = g.nodes[i];
        const Migration &m = g.migrations[i];
        if (node.children.isEmpty())
            g.heads.append(i);
        if (node.allChildren.isEmpty())
            g.realHeads.append(i);
        if (m.downRevisions.isEmpty())
            g.bases.append(i);
        if (m.downRevisions.isEmpty() && m.dependsOn.isEmpty())
            g.realBases.append(i);
    }

    // depends_on normalised as Alembic does: a dependency already declared by an ancestor
    // (through down_revision) is not an immediate down revision of this one.
    for (int i = 0; i < n; ++i) {
        Node &node = g.nodes[i];
        if (node.resolvedDeps.isEmpty()) {
            node.normalizedDown = node.down;
            continue;
        }
        QList<int> normalized = node.resolvedDeps;
        const QList<int> ancestors = g.walk({i}, [&](int r) { return g.nodes[r].down; });
        for (int ancestor : ancestors) {
            if (ancestor == i)
                continue;
            for (int dep : g.nodes[ancestor].resolvedDeps)
                normalized.removeAll(dep);
        }
        node.normalizedDeps = normalized;
        node.normalizedDown = node.down;
        for (int dep : normalized)
            appendUnique(node.normalizedDown, dep);
    }

    // Branch labels name their branch: every descendant, and the ancestors down to the
    // nearest branch point or merge point. The downward walk starts where Alembic's does, at
    // the last descendant found, so labels resolve the same way they do there.
    for (int i = 0; i < n; ++i) {
        const QStringList &own = g.migrations[i].branchLabels;
        if (own.isEmpty())
            continue;
        const QList<int> descendants = g.walk({i}, [&](int r) { return g.nodes[r].children; });
        for (int node : descendants)
            g.nodes[node].labels.append(own);
        int parent = descendants.isEmpty() ? i : descendants.last();
        while (parent >= 0 && g.nodes[parent].allChildren.size() <= 1 &&
               g.nodes[parent].down.size() <= 1) {
            g.nodes[parent].labels.append(own);
            parent = g.nodes[parent].down.isEmpty() ? -1 : g.nodes[parent].down.first();
        }
    }
    for (Node &node : g.nodes) {
        node.labels.sort();
        node.labels.removeDuplicates();
    }

    return graph;
}

int RevisionGraph::size() const
{
    return int(d->migrations.size());
}
const Migration &RevisionGraph::migration(int index) const
{
    return d->migrations[index];
}
int RevisionGraph::indexOf(const QString &revision) const
{
    return d->index.value(revision, -1);
}

QStringList RevisionGraph::ids(const QList<int> &indexes) const
{
    QStringList out;
    out.reserve(indexes.size());
    for (int i : indexes)
        out.append(d->migrations[i].revision);
    return out;
}

QList<int> RevisionGraph::heads() const
{
    return d->heads;
}
QList<int> RevisionGraph::realHeads() const
{
    return d->realHeads;
}
QList<int> RevisionGraph::bases() const
{
    return d->bases;
}
QList<int> RevisionGraph::realBases() const
{
    return d->realBases;
}
bool RevisionGraph::isHead(int index) const
{
    return d->nodes[index].children.isEmpty();
}
bool RevisionGraph::isBase(int index) const
{
    return d->nodes[index].down.isEmpty();
}
bool RevisionGraph::isBranchPoint(int index) const
{
    return d->nodes[index].children.size() > 1;
}
bool RevisionGraph::isRealBranchPoint(int index) const
{
    return d->nodes[index].allChildren.size() > 1;
}
bool RevisionGraph::isMergePoint(int index) const
{
    return d->nodes[index].down.size() > 1;
}
QStringList RevisionGraph::branchLabels(int index) const
{
    return d->nodes[index].labels;
}
const QList<int> &RevisionGraph::children(int index) const
{
    return d->nodes[index].children;
}
const QList<int> &RevisionGraph::allChildren(int index) const
{
    return d->nodes[index].allChildren;
}
const QList<int> &RevisionGraph::downRevisions(int index) const
{
    return d->nodes[index].down;
}
const QList<int> &RevisionGraph::resolvedDependencies(int index) const
{
    return d->nodes[index].resolvedDeps;
}
const QList<int> &RevisionGraph::normalizedDownRevisions(int index) const
{
    return d->nodes[index].normalizedDown;
}

QList<int> RevisionGraph::ancestors(const QList<int> &from, bool includeDependencies) const
{
    if (includeDependencies)
        return d->walk(from, [this](int r) { return d->nodes[r].normalizedDown; });
    return d->walk(from, [this](int r) { return d->nodes[r].down; });
}

QList<int> RevisionGraph::descendants(const QList<int> &from, bool includeDependencies) const
{
    if (includeDependencies)
        return d->walk(from, [this](int r) { return d->nodes[r].allChildren; });
    return d->walk(from, [this](int r) { return d->nodes[r].children; });
}

bool RevisionGraph::sharesLineage(int index, const QList<int> &others,
                                  bool includeDependencies) const
{
    if (others.isEmpty())
        return true;
    for (int related : descendants({index}, includeDependencies))
        if (others.contains(related))
            return true;
    for (int related : ancestors({index}, includeDependencies))
        if (others.contains(related))
            return true;
    return false;
}

QList<int> RevisionGraph::topologicalOrder() const
{
    const int n = size();
    QList<int> order;
    order.reserve(n);
    std::vector<char> state(n, 0);
    auto visit = [&](int root) {
        if (state[root])
            return;
        std::vector<std::pair<int, int>> stack{{root, 0}};
        state[root] = 1;
        while (!stack.empty()) {
            auto &[node, edge] = stack.back();
            const QList<int> &parents = d->nodes[node].allDown;
            if (edge < parents.size()) {
                const int p = parents[edge++];
                if (!state[p]) {
                    state[p] = 1;
                    stack.push_back({p, 0});
                }
                continue;
            }
            order.append(node);
            stack.pop_back();
        }
    };
    for (int head : d->realHeads)
        visit(head);
    for (int i = 0; i < n; ++i)
        visit(i);
    return order;
}

int RevisionGraph::labelRevision(const QString &label) const
{
    return d->labels.value(label, -1);
}

namespace {

QString candidateList(const RevisionGraph &graph, const QList<int> &candidates)
{
    QStringList ids = graph.ids(candidates);
    ids.sort();
    return ids.join(QLatin1String(", "));
}

} // namespace

// A text that is all digits: likely a relative step typed without its sign ("1" for "-1").
static bool isNumber(const QString &text)
{
    return !text.isEmpty() &&
           std::all_of(text.begin(), text.end(), [](QChar c) { return c.isDigit(); });
}

Error RevisionGraph::unknownIdentifier(const QString &ident)
{
    QString message = QStringLiteral("unknown revision or branch label '%1'").arg(ident);
    QStringList hints;
    if (ident.size() < kMinimumPrefix)
        hints.append(QStringLiteral("a partial id needs at least four characters"));
    if (isNumber(ident))
        hints.append(QStringLiteral("for a relative step write -%1 (down) or +%1 (up)").arg(ident));
    if (!hints.isEmpty())
        message += QStringLiteral(" (%1)").arg(hints.join(QLatin1String("; ")));
    return Error::failure(message).with(Error::Code::NotFound);
}

QList<int> RevisionGraph::prefixMatches(const QString &ident) const
{
    QList<int> out;
    const auto exact = d->index.constFind(ident);
    if (exact != d->index.constEnd())
        return {*exact};
    if (ident.size() < kMinimumPrefix)
        return out;
    for (int i = 0; i < size(); ++i)
        if (id(i).startsWith(ident))
            out.append(i);
    return out;
}

// A single identifier: a full id, a branch label, or a unique prefix of an id.
static Result<int> resolveIdentifier(const RevisionGraph &graph, const QString &ident,
                                     const QString &branch)
{
    int found = graph.indexOf(ident);
    if (found < 0)
        found = graph.labelRevision(ident);
    if (found < 0) {
        QList<int> candidates = graph.prefixMatches(ident);
        if (!branch.isEmpty() && candidates.size() > 1) {
            const int branchRev = graph.labelRevision(branch) >= 0 ? graph.labelRevision(branch)
                                                                   : graph.indexOf(branch);
            if (branchRev >= 0) {
                QList<int> filtered;
                for (int c : candidates)
                    if (graph.sharesLineage(c, {branchRev}))
                        filtered.append(c);
                candidates = filtered;
            }
        }
        if (candidates.isEmpty())
            return RevisionGraph::unknownIdentifier(ident);
        if (candidates.size() > 1) {
            return Error::failure(QStringLiteral("ambiguous revision prefix '%1' matches %2")
                                      .arg(ident, candidateList(graph, candidates)));
        }
        found = candidates.first();
    }
    if (!branch.isEmpty()) {
        int branchRev = graph.labelRevision(branch);
        if (branchRev < 0) {
            auto resolved = resolveIdentifier(graph, branch, {});
            if (!resolved)
                return Error::failure(QStringLiteral("no such branch '%1'").arg(branch))
                    .with(Error::Code::NotFound);
            branchRev = *resolved;
        }
        if (!graph.sharesLineage(found, {branchRev}))
            return Error::failure(QStringLiteral("revision %1 is not a member of branch '%2'")
                                      .arg(graph.id(found), branch));
    }
    return found;
}

// Heads (or any revisions) that share lineage with the revision or label `against`.
static Result<QList<int>> filterForLineage(const RevisionGraph &graph, const QList<int> &targets,
                                           const QString &against)
{
    auto against_ = resolveIdentifier(graph, against, {});
    if (!against_)
        return Error::failure(QStringLiteral("no such branch '%1'").arg(against))
            .with(Error::Code::NotFound);
    QList<int> out;
    for (int t : targets)
        if (graph.sharesLineage(t, {*against_}))
            out.append(t);
    return out;
}

Result<QList<int>> RevisionGraph::resolve(const QString &target) const
{
    QString branch;
    QString ident = target;
    if (const int at = target.indexOf(QLatin1Char('@')); at >= 0) {
        branch = target.left(at);
        ident = target.mid(at + 1);
    }
    if (ident == QLatin1String("heads")) {
        if (branch.isEmpty())
            return d->realHeads;
        return filterForLineage(*this, d->heads, branch);
    }
    if (ident == QLatin1String("head")) {
        QList<int> candidates = d->heads;
        if (!branch.isEmpty()) {
            auto filtered = filterForLineage(*this, candidates, branch);
            if (!filtered)
                return filtered.error();
            candidates = *filtered;
        }
        if (candidates.size() > 1) {
            return Error::failure(
                QStringLiteral("'%1' is ambiguous: the project has several heads "
                               "(%2); name one, or use '%3heads'")
                    .arg(target, candidateList(*this, candidates),
                         branch.isEmpty() ? QString() : branch + QLatin1Char('@')));
        }
        return candidates;
    }
    if (ident == QLatin1String("base") || ident.isEmpty())
        return QList<int>{};
    auto one = resolveIdentifier(*this, ident, branch);
    if (!one)
        return one.error();
    return QList<int>{*one};
}

Result<int> RevisionGraph::resolveOne(const QString &target) const
{
    auto all = resolve(target);
    if (!all)
        return all.error();
    if (all->size() > 1)
        return Error::failure(QStringLiteral("'%1' names several revisions (%2); name one")
                                  .arg(target, candidateList(*this, *all)));
    if (all->isEmpty())
        return Error::failure(QStringLiteral("'%1' names no revision").arg(target));
    return all->first();
}

} // namespace strata
