#pragma once

#include "error.h"
#include "project/migration.h"

#include <QByteArray>
#include <QString>

namespace strata {

// Reads one migration file: `-- key: value` header lines, then `-- +upgrade` and an optional
// `-- +downgrade` section. Every defect is an Error naming the file and line.
// In the header, `-- word:` with word in [a-z_]+ is a key (an unknown one is an error, so a typo
// is never ignored); any other `--` line is a comment, and anything else is refused as SQL before
// the first marker. A UTF-8 BOM and CRLF line endings are accepted.
class MigrationParser
{
public:
    static Result<Migration> parse(const QString &filePath, const QByteArray &bytes);

    // [A-Za-z0-9_], 1 to 32 characters; an empty string when valid, else why not, naming the
    // id as `what` ("revision id", "branch label") and the first character not allowed.
    static QString revisionIdProblem(const QString &id,
                                     const QString &what = QStringLiteral("revision id"));
};

} // namespace strata
