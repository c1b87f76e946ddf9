#pragma once

#include "error.h"
#include "schema/schemamodel.h"

#include <QList>
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

// The same for SQLite models (proofseed_sqlite.cpp): values by each column's type affinity
// (SQLite's "Datatypes In SQLite", 3.1; a STRICT table's exact types), NOT NULL columns always
// given one, defaults, generated columns and rowid aliases left to SQLite, foreign keys filled
// from the rows their parent took (or left NULL when it took none); a guess a CHECK refuses is
// retried with other values, else the row is skipped. Rows `to` would refuse (its CHECKs, new
// NOT NULLs, unique constraints and foreign keys) are then deleted. One transaction, an
// attempt per savepoint, statements one at a time. Errors: only a failing scratch database.
Result<QMap<QString, int>> seedSqliteRows(Driver &scratch, const SchemaModel &from,
                                          const SchemaModel &to, int rows);

// What both engines' seeders share: one transaction; tables filled in passes until no table
// takes a row (a table whose foreign keys find no parent row yet takes its rows after its
// parents), each row tried with every combination of nullableToo and big until one takes; then
// the rows TO would refuse repaired or deleted (referencing tables first), and each table's
// rows counted as the proof counts them. Engines give the pieces.
class SeederBase
{
public:
    SeederBase(Driver &scratch, const SchemaModel &from, const SchemaModel &to)
        : m_scratch(scratch), m_from(from), m_to(to)
    {
    }
    virtual ~SeederBase() = default;
    SeederBase(const SeederBase &) = delete;
    SeederBase &operator=(const SeederBase &) = delete;
    // Table key -> rows it holds afterwards (tables left empty are absent). Errors: only a
    // failing scratch database.
    Result<QMap<QString, int>> run(int rows);

protected:
    // The tables to fill, parents first where the order is known.
    virtual QList<SchemaObject> tables() const = 0;
    // One INSERT for row `row` (1-based); `nullableToo`: nullable columns get a value too;
    // `big`: numbers from 2001 up. Empty when no row can be made.
    virtual QString insertSql(const SchemaObject &table, int row, bool nullableToo,
                              bool big) const = 0;
    // Runs one statement under a savepoint: whether it took (false: rolled back).
    virtual Result<bool> attemptInsert(const QString &sql, const SchemaObject &table) = 0;
    // Repairs or deletes the rows of `table` that TO would refuse.
    virtual Status conform(const SchemaObject &table) = 0;
    // SQL counting the rows of `table`.
    virtual QString countSql(const SchemaObject &table) const = 0;

    Driver &m_scratch;
    const SchemaModel &m_from;
    const SchemaModel &m_to;
};

// SQL counting the rows `table` holds itself (run through Driver::catalogQuery). PostgreSQL:
// FROM ONLY, so plain-inheritance children's rows are not counted on the parent, except for a
// partitioned table, whose rows are all in its partitions; SQLite: every row. `table` as the
// model of the moment describes it; `sqlName` its name as SQL text.
QString ownRowsSql(const SchemaObject &table, const QString &sqlName,
                   Engine engine = Engine::PostgreSQL);

} // namespace strata::schema::detail
