#pragma once

#include "schema/sqltokens.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

// What inspectSqlite() reads from statement text where SQLite's pragmas say nothing: a CREATE
// TABLE statement's column clauses and table constraints (SQLite's "CREATE TABLE" syntax
// diagrams: column-def, column-constraint, table-constraint, foreign-key-clause,
// table-options), and the names a view's or trigger's text refers to.
namespace strata::schema::sqlitetext {

// What one column definition says beyond pragma_table_xinfo.
struct ColumnClause
{
    QString name;      // normalizedName() of the column's name
    QString collation; // COLLATE name, upper-cased, as written; empty when none
    bool autoincrement = false;
    QString generated;           // "virtual" or "stored" (empty when not generated)
    QString generatedExpression; // normalized, without the parentheses
    QString notNullOnConflict;   // NOT NULL's ON CONFLICT resolution, lower-cased; empty when
                                 // none or ABORT (the default)
};

// One constraint, whether written on a column or on the table.
struct ConstraintClause
{
    enum class Type { PrimaryKey, Unique, Check, ForeignKey };
    Type type = Type::Check;
    QString name;              // the CONSTRAINT name as written (quotes removed); empty when none
    QStringList columns;       // normalizedName()s: of the key, the unique or the referencing side
    QString expression;        // a check's expression, normalized, without the parentheses
    QString parent;            // a foreign key's referenced table, normalizedName()
    QStringList parentColumns; // normalizedName()s; empty when written without a column list
    bool deferred = false;     // DEFERRABLE INITIALLY DEFERRED (SQLite's only deferred form)
    QString onConflict;        // "replace", "ignore" ... lower-cased; empty when none or ABORT
                               // (the default, so the same constraint either way)
    bool autoincrement = false;
};

// What a CREATE TABLE statement says.
struct CreateTable
{
    QString name; // normalizedName()
    QList<ColumnClause> columns;
    QList<ConstraintClause> constraints;
    bool withoutRowid = false;
    bool strict = false;
    // The PRIMARY KEY clause (on a column or on the table), or nullptr.
    const ConstraintClause *primaryKey() const;

    const ColumnClause *column(const QString &normalized) const;
};

// Reads the text SQLite keeps for a table (sqlite_schema.sql). Text it does not understand is
// skipped, never guessed at: what is not found stays empty.
CreateTable readCreateTable(const QString &sql);

// The names `tokens` may refer to relations by (identifiers that are neither a function being
// called nor a column after "table."), quotes removed and ASCII lower-cased. Keywords are among
// them: the caller keeps the names of relations it knows.
QSet<QString> referencedNames(const QList<SqlToken> &tokens);

// The name a token holding one stands for: quotes removed, including a string literal's
// (SQLite takes 'name' as an identifier where one is expected).
QString identifier(const SqlToken &token);

// Tokens [from, to) normalized and joined by single spaces (normalizeSql()'s form).
QString normalizedRange(const QList<SqlToken> &tokens, qsizetype from, qsizetype to);

// The same for an expression, without parentheses that enclose all of it ("((a))" -> "a") or
// that its grammar makes redundant (withoutRedundantParentheses()).
QString normalizedExpression(const QList<SqlToken> &tokens, qsizetype from, qsizetype to);

// `tokens` without the parentheses SQLite's grammar makes redundant, so that two texts SQLite
// reads as one expression compare equal: around a whole condition (WHERE (a = 1)), list item or
// argument, around an operand ((a) + 1, doubled ((a + b))) and around an operation that binds
// tighter than the operators beside it (a OR (b AND c), (a * b) + c). Parentheses that change
// the meaning stay (a AND (b OR c), (a + b) * c, x IN (a), subqueries, row values, lists).
QList<SqlToken> withoutRedundantParentheses(QList<SqlToken> tokens);

// A declared type as the model keeps it: upper-cased, spaces only between words
// ("varchar ( 20 , 3 )" -> "VARCHAR(20,3)", "unsigned  big int" -> "UNSIGNED BIG INT").
QString canonicalType(const QString &type);

// A default's text (pragma_table_xinfo's dflt_value) normalized; a lone double-quoted,
// bracketed or back-quoted word is the string SQLite takes it for ('...'); NULL is no default
// (empty) and +1 is 1.
QString canonicalDefault(const QString &text);

// A statement (a view's) normalized, without redundant parentheses.
QString normalizedStatement(const QString &sql);

// The statement normalized with the index's own name replaced by "%INDEX%" (and "ASC" after an
// indexed column left out: it is the default).
// `collations` maps a column's normalizedName() to its declared collation, upper-cased (no
// entry: BINARY); "a COLLATE x" where x is a's own collation is written "a" (the same index).
QString indexDefinition(const QString &sql, const QHash<QString, QString> &collations = {});

// The statement normalized as one spelling of the trigger: BEFORE where no time is written,
// FOR EACH ROW left out (SQLite has only row triggers), IF NOT EXISTS and a schema name left out.
QString triggerDefinition(const QString &sql);

} // namespace strata::schema::sqlitetext
