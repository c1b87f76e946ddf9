#pragma once

#include "error.h"
#include "schema/schemamodel.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace strata {
class Driver;
}

// Reading a PostgreSQL database into a SchemaModel: one catalog query per kind of object, the
// server's own pg_get_*def functions and format_type, with search_path set to '' for the
// reading so every name comes schema-qualified whatever either side's search_path is
// (PostgreSQL's "System Catalogs" and "System Information Functions" pages). No pg_dump text.
namespace strata::schema {

// What inspection reads.
struct InspectOptions
{
    // Whether owners and grants are meant to be compared (off by default: they differ between
    // environments by design). Inspection reads them either way, so a diff can give an object
    // it drops and creates again the grants it had; CompareOptions::ownersAndGrants and
    // DiffOptions::ownersAndGrants decide whether differences count.
    bool ownersAndGrants = false;
    // Tables left out with everything on them: Strata's version table and its history table
    // ("strata_version", "strata_version_history"; unqualified names match in any schema).
    QStringList excludeTables;
    // Schemas left out besides pg_catalog, information_schema, pg_toast and pg_temp_*.
    QStringList excludeSchemas;
};

// Runs one query and returns its rows, each column as text (NULL as a null QString).
using Query = std::function<Result<QList<QStringList>>(const QString &sql)>;

// The schema of the database `query` reads. Objects that belong to an extension (pg_depend
// deptype 'e') are left out; objects of kinds Strata does not model are listed in
// SchemaModel::unsupported. Errors: the server's, reworded to say what was being read.
Result<SchemaModel> inspectPostgres(const Query &query, const InspectOptions &options = {});

// The schema of the SQLite database `query` reads (its main database), into a model with
// engine Engine::SQLite and the properties schemamodel.h lists for SQLite: sqlite_schema, and
// the pragma functions pragma_table_xinfo, pragma_index_list, pragma_index_xinfo and
// pragma_foreign_key_list (SQLite's "PRAGMA Statements" page); CHECK clauses, generated
// columns' expressions, COLLATE and CONSTRAINT names from the CREATE TABLE text, tokenised
// (sqltokens.h). Tables named sqlite_* and InspectOptions::excludeTables are left out;
// virtual tables are listed in SchemaModel::unsupported. Errors: SQLite's, reworded to say
// what was being read.
Result<SchemaModel> inspectSqlite(const Query &query, const InspectOptions &options = {});

// The same through an open driver, PostgreSQL or SQLite (Driver::catalogQuery); other engines
// refuse with a usage error.
Result<SchemaModel> inspect(Driver &driver, const InspectOptions &options = {});

} // namespace strata::schema
