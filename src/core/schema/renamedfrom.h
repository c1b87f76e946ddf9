#pragma once

#include "error.h"
#include "schema/schemamodel.h"

#include <QHash>
#include <QList>
#include <QString>

// `-- strata:renamed-from OLD_NAME` in a desired-state schema file: the only way a diff learns
// of a rename (renames are never guessed). Above a CREATE TABLE it renames the table; on its own
// line inside a CREATE TABLE, above a column's line, it renames that column.
namespace strata::schema {

struct RenameDeclaration
{
    ObjectKind kind = ObjectKind::Table; // Table or Column
    QString key;                         // SchemaObject::key() of the new table or column
    QString object;                      // SchemaObject::display() of it
    QString oldName;                     // unqualified, as PostgreSQL folds it
    int line = 0;                        // of the comment, 1-based
};

// Every declaration in `sql`, the text of `file` (named in errors), in file order. Names are
// folded as PostgreSQL folds them (unquoted to lower case); a table without a schema is in the
// first schema of the file's last `SET search_path` before it, else public.
// Errors, naming file:line: a declaration that stands above neither a CREATE TABLE nor a column
// of one, a malformed old name, two declarations for one object, and SQL that does not parse.
Result<QList<RenameDeclaration>> parseRenames(const QString &sql, const QString &file);

// The same for a SQLite schema file, read with SQLite's tokenizer (sqltokens.h): keys without a
// schema, quoted names as SQLite quotes them; the keys and old names in ASCII lower case, as
// SQLite matches names and as its model (inspectSqlite) keeps them; `object` as written.
// Errors as parseRenames()'s, naming file:line.
Result<QList<RenameDeclaration>> parseSqliteRenames(const QString &sql, const QString &file);

// DiffOptions::renames from the declarations: new key -> old name.
QHash<QString, QString> renameMap(const QList<RenameDeclaration> &declarations);

// Checks the declarations of `file` (whose schema is `to`) against the side they rename from,
// `from` (named `fromName` in errors: "heads", "the project at its head"). An error naming
// file:line and the old name for a declaration whose old name is no table of `from` (or no
// column of the table there) while the new name is not there either, and for one whose old and
// new names are both there: either way the rename could not happen, and the diff would drop
// and create the object, losing its data. A declaration already carried out (only the new name
// in `from`) is fine. All problems are reported: the first in the message, the others in
// details.
Status checkRenames(const QList<RenameDeclaration> &declarations, const QString &file,
                    const SchemaModel &from, const SchemaModel &to, const QString &fromName);

} // namespace strata::schema
