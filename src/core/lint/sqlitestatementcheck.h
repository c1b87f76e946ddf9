#pragma once

#include "lint/linter.h"

#include <QList>

namespace strata {

struct Migration;

// SQLite's own check of a migration's statements: each statement of both sections is prepared
// (compiled, never run) by SQLite itself on a private in-memory database, so what SQLite's
// grammar refuses is found while typing, at its file line and column (sqlite3_error_offset).
// The scratch database holds no tables, so a statement naming a table, column, index or
// function of the project's schema fails to resolve there; such errors (no such table ...) are
// left to the run, which meets the real schema. Everything else SQLite refuses to compile is an
// Error finding with rule MigrationChecker::syntaxRule ("syntax").
// Part of Linter::lint() for SQLite, so `strata lint`, the editor and the lint policy of
// protected profiles all ask it. A pure function of the migration, safe on any thread (each
// call opens its own database).
class SqliteStatementCheck
{
public:
    static QList<LintFinding> check(const Migration &migration);
};

} // namespace strata
