#pragma once

#include "error.h"
#include "schema/schemamodel.h"

#include <QMap>
#include <QString>

namespace strata {
class Driver;
}

// Inside prove(): rows put into FROM before the upgrade, so the proof shows they survive.
namespace strata::schema::detail {

// Inserts up to `rows` rows into each table of `from` (in `scratch`, which holds FROM) that
// takes made-up values: each type gets a value it accepts, enum labels that `to` keeps too,
// foreign keys a referenced row, partitioned tables a key one partition takes; a table whose
// inserts all fail is left empty. Rows `to` would refuse (its CHECK constraints, NOT NULL
// columns and foreign keys on the same columns) are then repaired or deleted, since no
// migration could carry them. Everything runs in one transaction, an attempt per savepoint.
// Returns table key -> rows the table holds afterwards (tables left empty are absent).
// Errors: only a failing scratch database (connection lost).
Result<QMap<QString, int>> seedRows(Driver &scratch, const SchemaModel &from, const SchemaModel &to,
                                    int rows);

// SQL counting the rows `table` holds itself: FROM ONLY, so plain-inheritance children's rows
// are not counted on the parent, except for a partitioned table, whose rows are all in its
// partitions. `table` as the model of the moment describes it; `sqlName` its name as SQL text.
QString ownRowsSql(const SchemaObject &table, const QString &sqlName);

} // namespace strata::schema::detail
