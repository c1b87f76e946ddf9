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
    say(QStringLiteral("Generated %1")
            .arg(QDir(loaded->project.rootDir()).relativeFilePath(*path)));
    return Success;
}

int Cli::merge()
{
    if (m_inv.message.isEmpty())
        return fail(Error::usage(QStringLiteral("a merge needs a message: -m \"merge ...\"")));
    auto loaded = LoadedProject::load(m_inv.projectDir);
    if (!loaded)
        return fail(loaded.error());
    const RevisionGraph &graph = loaded->graph;
    QStringList parents;
    for (const QString &target : m_inv.arguments) {
        auto resolved = graph.resolve(target);
        if (!resolved)
            return fail(resolved.error());
        for (int i : *resolved)
            if (!parents.contains(graph.id(i)))
                parents.append(graph.id(i));
    }
    if (parents.size() < 2)
        return fail(Error::usage(
            QStringLiteral("nothing to merge: %1 names a single revision (%2)")
                .arg(m_inv.arguments.join(QLatin1Char(' ')), parents.join(QLatin1String(", ")))));
    for (const QString &a : parents) {
        const QList<int> below = graph.ancestors({graph.indexOf(a)});
        for (const QString &b : parents)
            if (a != b && below.contains(graph.indexOf(b)))
                return fail(Error::usage(
                    QStringLiteral("cannot merge %1 with its own ancestor %2").arg(a, b)));
    }
    NewRevision spec;
    spec.revisionId = m_inv.revId;
    spec.message = m_inv.message;
    spec.downRevisions = parents;
    spec.branchLabels = m_inv.branchLabels;
    auto path = RevisionWriter::write(loaded->project, spec);
    if (!path)
        return fail(path.error());
    if (m_inv.json)
        printJson({{QStringLiteral("path"), *path}});
    say(QStringLiteral("Generated %1")
            .arg(QDir(loaded->project.rootDir()).relativeFilePath(*path)));
    return Success;
}

} // namespace strata::cli
