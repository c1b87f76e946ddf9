#pragma once

#include "drivers/driver.h"
#include "error.h"

#include <QList>
#include <QString>

// Checks of a SQLite desired-state file once applied to a scratch database: what SQLite accepts
// when the file runs but fails later, when the objects are used.
namespace strata::schema {

// After `statements` (the file `file`, split as run) were applied to the SQLite database of
// `driver`, which nothing else uses: an error naming file:line of the CREATE statement for
//  - a foreign key referencing a table the file does not define ("c.pid references table p,
//    which the desired state does not define"; SQLite accepts it and fails each write);
//  - a view that cannot be read (SELECT * FROM it LIMIT 0 fails: "no such table: nosuch");
//  - a trigger (or view) naming a table or column that does not exist, as SQLite's own schema
//    check finds it (an ALTER TABLE RENAME of a probe table, rolled back).
// The first problem is the message, later ones go into details. Errors of the driver itself
// (the checks' own queries failing) are returned as they are.
Status checkSqliteDesired(Driver &driver, const QList<Statement> &statements, const QString &file);

} // namespace strata::schema
