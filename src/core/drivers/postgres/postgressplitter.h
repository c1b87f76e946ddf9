#pragma once

#include "drivers/driver.h"
#include "error.h"

namespace strata {

// Splits a migration section into PostgreSQL statements with PostgreSQL's own parser
// (libpg_query), so dollar quotes, nested comments and function bodies split as the server
// would read them. A syntax error comes back with the file line the parser points at.
class PostgresSplitter
{
public:
    static Result<QList<Statement>> split(const QString &sql, int firstLine,
                                          const QString &file = {});
};

} // namespace strata
