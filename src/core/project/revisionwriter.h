#pragma once

#include "error.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace strata {

class Project;
struct LoadedProject;

// What `strata revision` (and the app's New Migration dialog) asks for, before parents and
// dependencies are resolved against the graph.
struct RevisionRequest
{
    QString message;
    QStringList heads;   // parents as targets (ids, prefixes, labels); empty: the single head
    bool splice = false; // allow a parent that is not a head (starts a branch)
    QStringList branchLabels;
    QStringList dependsOn; // revisions or labels; a label stays a label
    QString revisionId;    // empty: random
    bool transactional = true;
};

// What `strata merge` (and the app's Merge Heads dialog) asks for.
struct MergeRequest
{
    QString message;
    QStringList targets; // ids, prefixes, labels or "heads"; two or more revisions in all
    QStringList branchLabels;
    QString revisionId; // empty: random
};

struct NewRevision
{
    QString revisionId; // empty: a random 12-character id
    QString message;
    QStringList downRevisions;
    QStringList branchLabels;
    QStringList dependsOn;
    bool transactional = true;
    QDateTime createDate; // invalid: now
    QString upgradeSql;
    QString downgradeSql;
};

// Writes new migration files, as `strata revision` and `strata merge` (and the editor) do.
class RevisionWriter
{
public:
    static QString generateRevisionId();
    // Returns the path of the file written. Refuses a used or malformed id and an existing file.
    static Result<QString> write(const Project &project, const NewRevision &spec);
    // Resolves the request's parents and dependencies (a parent that is not a head needs
    // splice) and writes the file; returns its path.
    static Result<QString> create(const LoadedProject &loaded, const RevisionRequest &request);
    // Resolves the targets to two or more revisions, none an ancestor of another, and writes a
    // migration joining them (no SQL of its own); returns its path.
    static Result<QString> merge(const LoadedProject &loaded, const MergeRequest &request);
};

} // namespace strata
