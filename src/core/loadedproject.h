#pragma once

#include "error.h"
#include "project/project.h"
#include "revision/revisiongraph.h"

namespace strata {

// A project read from disk with its revision graph built: what every command starts from.
struct LoadedProject
{
    Project project;
    RevisionGraph graph;

    // projectDir empty: the working folder; either way the folder holding strata.ini is
    // searched upward. Errors name the file and line at fault.
    static Result<LoadedProject> load(const QString &projectDir);
};

} // namespace strata
