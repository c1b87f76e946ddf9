#pragma once

#include "error.h"
#include "project/migration.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace strata {

// The revisions of a project and how they connect, with Alembic's semantics (script/revision.py):
// heads and "real" heads (which also ignore depends_on targets), bases, branch points, merge
// points, branch labels propagated along their branch, and depends_on resolved and normalised.
// Revisions are addressed by index (0..size()-1, in the order given to build()).
class RevisionGraph
{
public:
    RevisionGraph();
    ~RevisionGraph();
    RevisionGraph(RevisionGraph &&) noexcept;
    RevisionGraph &operator=(RevisionGraph &&) noexcept;

    // Checks what the parser cannot see in one file: duplicate ids (both files named), unknown
    // parents and depends_on, self-loops, cycles (members listed), duplicate branch labels.
    static Result<RevisionGraph> build(QList<Migration> migrations);

    int size() const;
    bool isEmpty() const { return size() == 0; }
    const Migration &migration(int index) const;
    const QString &id(int index) const { return migration(index).revision; }
    int indexOf(const QString &revision) const; // -1 when absent
    QStringList ids(const QList<int> &indexes) const;

    // Structure. Lists keep build() order.
    QList<int> heads() const;     // no child through down_revision
    QList<int> realHeads() const; // no child through down_revision or depends_on
    QList<int> bases() const;     // no down_revision
    QList<int> realBases() const; // no down_revision and no depends_on
    bool isHead(int index) const;
    bool isBase(int index) const;
    bool isBranchPoint(int index) const;       // two or more children through down_revision
    bool isRealBranchPoint(int index) const;   // counting depends_on children too
    bool isMergePoint(int index) const;        // two or more down_revisions
    QStringList branchLabels(int index) const; // including labels propagated from the branch

    const QList<int> &children(int index) const;      // via down_revision ("nextrev")
    const QList<int> &allChildren(int index) const;   // via down_revision or depends_on
    const QList<int> &downRevisions(int index) const; // down_revision only
    const QList<int> &resolvedDependencies(int index) const;
    const QList<int> &normalizedDownRevisions(int index) const; // down_revision + normalised deps

    // Closure including the starting nodes, in discovery order.
    QList<int> ancestors(const QList<int> &from, bool includeDependencies = true) const;
    QList<int> descendants(const QList<int> &from, bool includeDependencies = true) const;
    bool sharesLineage(int index, const QList<int> &others, bool includeDependencies = false) const;
    // Every revision, parents (and dependencies) before children, branches kept together.
    QList<int> topologicalOrder() const;

    // Target resolution, in the words the CLI takes: full id, unique prefix, "head", "heads",
    // "base", "LABEL@head", "LABEL@base", "LABEL@REV". Relative targets are the Planner's.
    // An empty list means base. Errors name the target: unknown, ambiguous prefix (with the
    // candidates), several heads for "head".
    Result<QList<int>> resolve(const QString &target) const;
    Result<int> resolveOne(const QString &target) const; // a single revision, not base
    int labelRevision(const QString &label) const;       // revision declaring the label, or -1

private:
    struct Data;
    std::unique_ptr<Data> d;
};

} // namespace strata
