#include "schema/driftpolicy.h"

#include "connection/connectioninfo.h"
#include "project/project.h"
#include "schema/schemaworkbench.h"

namespace strata::schema {

Status unattendedDriftAllowed(SchemaWorkbench &workbench, bool protectedDatabase)
{
    if (!protectedDatabase)
        return {};
    Migrator &migrator = workbench.migrator();
    if (migrator.connectionInfo().engine != ConnectionInfo::Engine::Postgres)
        return {};
    if (!workbench.options().devUrl.isEmpty() || !migrator.project().config().devUrl.isEmpty())
        return {};
    return Error::failure(
               QStringLiteral(
                   "not checked in the background: a drift check replays the project in a "
                   "scratch database, and without a dev server it would create that database "
                   "on %1, which is protected. Set dev_url in strata.ini to a development "
                   "server for scratch databases, or check drift from the Schema tab or with "
                   "strata check --drift")
                   .arg(migrator.databaseDisplay()))
        .with(Error::Code::Refused);
}

} // namespace strata::schema
