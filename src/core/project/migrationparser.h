#pragma once

#include "error.h"
#include "project/migration.h"

#include <QByteArray>
#include <QString>

namespace strata {

// Reads one migration file: `-- key: value` header lines, then `-- +upgrade` and an optional
// `-- +downgrade` section. Every defect is an Error naming the file and line.
class MigrationParser
{
public:
    static Result<Migration> parse(const QString &filePath, const QByteArray &bytes);

    // [A-Za-z0-9_], 1 to 32 characters; an empty string when valid, else why not.
    static QString revisionIdProblem(const QString &id);
};

} // namespace strata
