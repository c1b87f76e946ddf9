#include "cli.h"

#include "loadedproject.h"
#include "project/project.h"
#include "project/revisionwriter.h"
#include "revision/revisiongraph.h"

#include <QDir>
#include <QJsonObject>

namespace strata::cli {

int Cli::init()
{
    const QString dir = m_inv.arguments.first();
    if (auto status = Project::init(dir); !status)
        return fail(status.error());
    const QString shown = QDir::cleanPath(dir);
    if (m_inv.json)
        printJson({{QStringLiteral("project"), QDir(dir).absolutePath()}});
    say(QStringLiteral("Created %1/strata.ini and %1/versions/").arg(shown));
    say(QStringLiteral("Next: `strata -d %1 revision -m \"first migration\"`").arg(shown));
    return Success;
}

int Cli::revision()
{
    if (m_inv.autogenerate)
        return autogenerate();
    if (m_inv.message.isEmpty())
        return fail(
            Error::usage(QStringLiteral("a new revision needs a message: -m \"what it does\"")));
    auto loaded = LoadedProject::load(m_inv.projectDir);
    if (!loaded)
        return fail(loaded.error());
    RevisionRequest request;
    request.message = m_inv.message;
    request.heads = m_inv.heads;
    request.splice = m_inv.splice;
    request.branchLabels = m_inv.branchLabels;
    request.dependsOn = m_inv.dependsOn;
    request.revisionId = m_inv.revId;
    auto path = RevisionWriter::create(*loaded, request);
    if (!path)
        return fail(path.error());
    if (m_inv.json)
        printJson({{QStringLiteral("path"), *path}});
    say(QStringLiteral("Generated %1").arg(pathForUser(*path)));
    return Success;
}

int Cli::merge()
{
    auto loaded = LoadedProject::load(m_inv.projectDir);
    if (!loaded)
        return fail(loaded.error());
    MergeRequest request;
    request.message = m_inv.message;
    request.targets = m_inv.arguments;
    request.branchLabels = m_inv.branchLabels;
    request.revisionId = m_inv.revId;
    auto path = RevisionWriter::merge(*loaded, request);
    if (!path)
        return fail(path.error());
    if (m_inv.json)
        printJson({{QStringLiteral("path"), *path}});
    say(QStringLiteral("Generated %1").arg(pathForUser(*path)));
    return Success;
}

} // namespace strata::cli
