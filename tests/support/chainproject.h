#pragma once

// A migration project written for a test: strata.ini and one migration per step, each the child
// of the one before (revisions r1, r2, ...).

#include "files.h"

#include <QDir>
#include <QList>
#include <QString>

#include <utility>

namespace strata::test {

// Writes the project into `dir`: `steps` are (upgrade, downgrade) SQL, `ini` lines added to the
// [strata] section. Returns `dir`, or an empty string when a file could not be written.
inline QString writeChainProject(const QString &dir,
                                 const QList<std::pair<QString, QString>> &steps,
                                 const QString &ini = {})
{
    bool ok = writeFile(dir + QStringLiteral("/strata.ini"),
                        (QStringLiteral("[strata]\nversions = versions\n") + ini).toUtf8());
    QDir(dir).mkpath(QStringLiteral("versions"));
    for (int i = 0; i < steps.size(); ++i)
        ok = ok && writeFile(dir + QStringLiteral("/versions/r%1.sql").arg(i + 1),
                             QStringLiteral("-- revision: r%1\n-- down_revision: %2\n-- +upgrade\n"
                                            "%3\n-- +downgrade\n%4\n")
                                 .arg(i + 1)
                                 .arg(i == 0 ? QString() : QStringLiteral("r%1").arg(i))
                                 .arg(steps[i].first, steps[i].second)
                                 .toUtf8());
    return ok ? dir : QString();
}

} // namespace strata::test
