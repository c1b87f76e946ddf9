#pragma once

#include "drivers/driver.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <functional>

// Reading a PostgreSQL database's catalog for Strata: the objects `strata verify` compares, the
// names the editor completes, and the indexes left INVALID. Plain queries on pg_catalog and
// the server's own pg_get_*def functions (PostgreSQL's "System Catalogs" and "System
// Information Functions" pages); PostgresDriver runs them through its session.
namespace strata::pgcatalog {

// Runs one query and returns its rows, each column as text (NULL as a null QString).
using Query = std::function<Result<QList<QStringList>>(const QString &sql)>;

// Indexes pg_index marks not valid (indisvalid false: left by a failed CREATE INDEX
// CONCURRENTLY or REINDEX CONCURRENTLY, or being built now), as "schema.index", sorted.
Result<QStringList> invalidIndexes(const Query &query);

// Every object of the user's schemas as "kind schema.name" -> its definition as the server
// prints it (columns, relations, constraints, indexes, views, functions, enum types, triggers,
// schemas); Strata's version and history tables and what belongs to them left out.
// display: the database as shown to people, for errors.
Result<QMap<QString, QString>> schemaObjects(const Query &query, const QString &display,
                                             const QString &versionTable);

// Tables and views with their columns in table order, and user-defined function names, for
// completion; Strata's own two tables left out.
Result<SchemaCatalog> catalog(const Query &query, const QString &display,
                              const QString &versionTable);

} // namespace strata::pgcatalog
