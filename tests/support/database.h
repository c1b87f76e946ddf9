#pragma once

// Reading a database's state the way the command line does, for tests that check what a run
// left behind.

#include "migrator.h"

#include <QString>
#include <QStringList>

namespace strata::test {

// The version rows of the database at `url` for the project, or one line "error: ..." when
// they could not be read.
inline QStringList currentRows(const QString &projectDir, const QString &url)
{
    MigratorOptions options;
    options.projectDir = projectDir;
    options.url = url;
    auto m = Migrator::open(options);
    if (!m)
        return {QStringLiteral("error: ") + m.error().toString()};
    auto rows = (*m)->current();
    return rows ? *rows : QStringList{QStringLiteral("error: ") + rows.error().toString()};
}

} // namespace strata::test
