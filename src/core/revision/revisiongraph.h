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
    // An empty list means base. Errors (Error::Kind::Failure, exit 1: the command line is well
    // formed, the project lacks the revision) name the target: unknown (Code::NotFound),
    // ambiguous prefix (with the candidates), several heads for "head".
    // The one prefix rule of the project: see prefixMatches().
    Result<QList<int>> resolve(const QString &target) const;
    Result<int> resolveOne(const QString &target) const; // a single revision, not base
    int labelRevision(const QString &label) const;       // revision declaring the label, or -1

    // A partial id must have at least this many characters (as the README promises); a full
    // id may be shorter (DESIGN.md: 1 to 32 characters), and then matches only exactly. Unlike
    // Alembic, which lets "5" match any id of four or more characters starting with 5: there
    // `downgrade 1`, a typo for `-1`, quietly reverts to some revision starting with 1.
    static constexpr int kMinimumPrefix = 4; // "four" in the messages
    // The revisions `ident` names as an id: the one whose id it is exactly, else (when it has
    // kMinimumPrefix characters or more) every id starting with it. Labels are not looked at.
    QList<int> prefixMatches(const QString &ident) const;
    // The error for an identifier that names nothing: Code::NotFound, saying why a short
    // prefix does not count and suggesting -N / +N for a bare number.
    static Error unknownIdentifier(const QString &ident);

private:
    struct Data;
    std::unique_ptr<Data> d;
};

} // namespace strata
