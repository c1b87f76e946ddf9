#pragma once

#include "drivers/driver.h"
#include "schema/schemadiff.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

// Inside diffSqlite(): reading SQLite's statement text (its tokens, the parts of a CREATE
// TABLE), quoting names the SQLite way, and one direction of a diff (the renames read from the
// side being changed to the side wanted), which plans a table's change as ALTER TABLE
// statements or says that it needs the table-rebuild procedure.
namespace strata::schema::sqlite_detail {

// One token of SQLite text with where it stands in the text ([start, end)).
struct Token
{
    enum class Type { Word, QuotedName, String, Number, Symbol };
    Type type = Type::Word;
    QString text;
    qsizetype start = 0;
    qsizetype end = 0;
    // A name as SQLite reads it: quotes removed ("a""b" -> a"b), for words and quoted names;
    // the text otherwise.
    QString name() const;
    // name() lower-cased for words and quoted names (SQLite's names ignore ASCII case).
    QString folded() const;
    bool isName() const { return type == Type::Word || type == Type::QuotedName; }
    bool is(const char *word) const; // a word, case-insensitively
};

// The tokens of `sql`, without whitespace and comments.
QList<Token> scan(const QString &sql);

// The folded names (Token::folded()) that `sql` mentions, as a set.
QSet<QString> mentionedNames(const QString &sql);

// Names and literals as SQL text: drivers/driver.h's quoteIdentifier() (SQLite's keywords
// quoted) and quoteLiteral().
inline QString quote(const QString &name)
{
    return quoteIdentifier(name);
}
inline QString literal(const QString &text)
{
    return quoteLiteral(text);
}

// An object with only its identity (`kind`, `table`, `name`), whose key() SchemaModel::find()
// takes.
SchemaObject probe(ObjectKind kind, const QString &table, const QString &name);

// The parts of a CREATE TABLE statement between its outer parentheses.
struct TableText
{
    QStringList columnNames; // as written, unquoted
    QStringList columnDefinitions;
    QStringList tableConstraints;
    // The column definition of `column` (case-insensitive), or empty.
    QString definitionOf(const QString &column) const;
    // `column` as the statement spells it ("Quantity" for quantity), else as given.
    QString spelling(const QString &column) const;
};
TableText readCreateTable(const QString &sql);
// A table's `name` as its CREATE TABLE statement `sql` spells it, else as given.
QString spelledTableName(const QString &sql, const QString &name);

// `text` (a normalised definition) with its names replaced through `names` (folded old name
// -> new name), token by token, the tokens joined by single spaces. Used to read an object of
// the side being changed with the names of the side wanted.
QString renameTokens(const QString &text, const QHash<QString, QString> &names);
// `text` tokenised and joined by single spaces, for comparing two normalised texts.
QString tokenText(const QString &text);

// Indexes 0..n-1 in an order where each comes after the indexes waitsFor[i] lists; a cycle is
// broken at its first index.
QList<qsizetype> dependencyOrder(const QList<QList<qsizetype>> &waitsFor);

// Renames from the side being changed ("source") to the side wanted ("target").
struct Renames
{
    QHash<QString, QString> tables;  // target table -> source table
    QHash<QString, QString> columns; // target table + '\n' + target column -> source column
};

// What the diff looks up in one model, read once: each table's columns (in position order),
// constraints and indexes, the tables its foreign keys reference (folded names; apart, those
// with an ON DELETE action), and the tables by folded name.
struct ModelIndex
{
    explicit ModelIndex(const SchemaModel &indexed);
    const SchemaModel &model;
    QHash<ObjectKind, QHash<QString, QList<SchemaObject>>> children;
    QHash<QString, QStringList> parents;
    QHash<QString, QStringList> actingParents; // those with an ON DELETE action
    QHash<QString, QString> tables;
};

// One direction of the diff: `source` is the schema the statements run on, `target` the
// schema they produce.
class Direction
{
public:
    Direction(const ModelIndex &source, const ModelIndex &target, Renames renames);

    const SchemaModel &source() const { return m_source; }
    const SchemaModel &target() const { return m_target; }

    // The source table a target table is (its old name when renamed, else its own name when the
    // source has it), or empty when it is new.
    QString sourceTable(const QString &targetTable) const;
    // The target table a source table becomes, or empty when it is dropped.
    QString targetTable(const QString &sourceTable) const;
    // The source column a target column is, or empty when the column is new.
    QString sourceColumn(const QString &targetTable, const QString &targetColumn) const;

    // The columns (in position order), constraints or indexes of a table of `model` (the
    // source or the target).
    QList<SchemaObject> children(const SchemaModel &model, ObjectKind kind,
                                 const QString &table) const;
    static const SchemaObject *table(const SchemaModel &model, const QString &name);

    // A source object's text read with the target's names: renamed tables everywhere and the
    // renamed columns of `table` (and, in a foreign key, of the table it references).
    QString mapped(const SchemaObject &sourceObject, const QString &property) const;

    // The tables a table's foreign keys reference in `model` (the source or the target; folded
    // names).
    // `acting`: only those whose foreign key has an ON DELETE action (see readForeignKey()).
    QStringList parents(const SchemaModel &model, const QString &table, bool acting = false) const;
    // Indexes into `names` (tables of `model`) in an order where each table comes after its
    // parents, or with `childrenFirst` after the tables that reference it; a cycle is broken
    // in the given order.
    QList<qsizetype> ordered(const SchemaModel &model, const QStringList &names,
                             bool childrenFirst) const;

    // ALTER TABLE statements turning the source table into `targetTable`, or a reason why
    // ALTER TABLE cannot (then the table needs the rebuild procedure).
    struct AlterPlan
    {
        QStringList statements;
        QList<Hazard> hazards;
        QString rebuildBecause; // non-empty: ALTER TABLE cannot do it
    };
    AlterPlan planAlter(const QString &targetTable) const;

    // The rebuild procedure for `members` (target names of tables both sides have), as one
    // list of statements, with its hazards. `serial` numbers the TEMP copies. `dropAlso`
    // (source tables the members reference that go) are dropped once the members are, and
    // `createAlso` (target tables the members reference that are new) created with them.
    AlterPlan planRebuild(const QStringList &members, int serial, const QStringList &dropAlso = {},
                          const QStringList &createAlso = {}) const;

private:
    // Whether the target table has a constraint or a primary key the source table has not, a
    // key column under another collation, or becomes STRICT (the copied rows are checked
    // against it: duplicates, violations or values of another type fail the rebuild).
    bool addsKeyOrConstraint(const QString &sourceTable, const QString &targetTable) const;
    QHash<QString, QString> tableNameMap() const; // folded source name -> target name
    QHash<QString, QString> columnNameMap(const QString &sourceTable) const;
    QString whyNotAdd(const SchemaObject &column, const QString &definition,
                      const QList<SchemaObject> &newConstraints) const;
    QString whyNotDrop(const QString &sourceTable, const SchemaObject &column) const;

    const SchemaModel &m_source;
    const SchemaModel &m_target;
    const ModelIndex &m_sourceIndex;
    const ModelIndex &m_targetIndex;
    Renames m_renames;
    QHash<QString, QString> m_targetBySource; // source table -> target table
    QHash<QString, QString> m_tableNames;     // folded source name -> target name, renamed ones
    mutable QHash<QString, QHash<QString, QString>> m_columnNames; // columnNameMap()'s
};

} // namespace strata::schema::sqlite_detail
