#pragma once

#include "error.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace strata {

class Project;

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
};

} // namespace strata
