#include "loadedproject.h"

#include <QDir>

namespace strata {

Result<LoadedProject> LoadedProject::load(const QString &projectDir)
{
    auto root = Project::findRoot(projectDir.isEmpty() ? QDir::currentPath() : projectDir);
    if (!root)
        return root.error();
    auto project = Project::open(*root);
    if (!project)
        return project.error();
    auto graph = RevisionGraph::build(project->migrations());
    if (!graph)
        return graph.error();
    return LoadedProject{std::move(project).value(), std::move(graph).value()};
}

} // namespace strata
