#pragma once

#include "error.h"

// When drift may be checked without a person asking for it: the rule the desktop app's
// background drift checks follow (one home for it, beside the checks themselves).
namespace strata::schema {

class SchemaWorkbench;

// Whether SchemaWorkbench::drift() may run unasked (a background check) on the workbench's
// configured database. A drift check replays the project in a scratch database; on PostgreSQL
// that database is created on the dev server (WorkbenchOptions::devUrl, else strata.ini's
// dev_url), else on the configured database's own server. Strata never creates databases
// unasked on a protected profile's server: without a dev server, a protected PostgreSQL
// database is refused (Error::Code::Refused, saying how to allow it: dev_url, or a check asked
// for from the Schema tab or `strata check --drift`). SQLite databases are always allowed:
// their scratch databases are temporary files. protectedDatabase: the profile's protection
// (Profile::isProtected).
Status unattendedDriftAllowed(SchemaWorkbench &workbench, bool protectedDatabase);

} // namespace strata::schema
