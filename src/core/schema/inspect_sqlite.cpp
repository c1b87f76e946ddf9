// Reading a SQLite database into a SchemaModel (schemamodel.h's SQLite properties): the objects
// from sqlite_schema, columns, indexes, unique constraints and foreign keys from the pragma
// functions (one query each for the whole database, joined to sqlite_schema), and what only the
// statement text holds (checks, generated columns, COLLATE, AUTOINCREMENT, CONSTRAINT names,
// deferrable foreign keys) from the CREATE TABLE reader of inspect_sqlite_text.cpp.
#include "drivers/driver.h"
#include "schema/inspect_sqlite_p.h"
#include "schema/inspector.h"

#include <QCryptographicHash>
#include <QHash>
#include <QSet>

#include <algorithm>

namespace strata::schema {

namespace {

using Rows = QList<QStringList>;
using namespace sqlitetext;

QString quoteText(const QString &text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QLatin1String("''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

SchemaObject object(ObjectKind kind, const QString &table, const QString &name)
{
    SchemaObject made;
    made.kind = kind;
    made.table = table;
    made.name = name;
    return made;
}

QString keyOf(ObjectKind kind, const QString &table, const QString &name)
{
    return object(kind, table, name).key();
}

QString trueOrEmpty(bool value)
{
    return value ? QStringLiteral("true") : QString();
}

// What is read of one table before its objects are made.
struct TableInfo
{
    QString name; // as sqlite_schema spells it
    QString sql;
    CreateTable text;
    // pragma_table_xinfo rows: cid, name, type, notnull, dflt_value, pk, hidden.
    Rows columns;
    // The key columns of the index SQLite made for the primary key (index_list origin 'pk'):
    // "a collate nocase desc" where they differ from the column, else "a". Empty when the
    // primary key is the rowid (an INTEGER PRIMARY KEY column, but not one declared DESC).
    QStringList primaryKeyIndex;
    bool hasPrimaryKeyIndex = false;
    // The primary key's columns in key order, normalizedName()s.
    QStringList primaryKey() const
    {
        QList<std::pair<int, QString>> keyed;
        for (const QStringList &row : columns)
            if (row[5].toInt() > 0)
                keyed.append({row[5].toInt(), normalizedName(row[1])});
        std::sort(keyed.begin(), keyed.end());
        QStringList names;
        for (const auto &entry : keyed)
            names.append(entry.second);
        return names;
    }
    // An index's key column as constraints write it: "a", "a collate nocase desc" (the
    // collation only where it is not the column's own), from index_xinfo's name, desc, coll.
    QString keyColumn(const QString &name, const QString &desc, const QString &coll) const
    {
        QString definition = normalizedName(name);
        if (!name.isNull() && coll.toUpper() != collation(normalizedName(name)))
            definition += QStringLiteral(" collate ") + normalizedName(coll);
        if (desc.toInt() != 0)
            definition += QStringLiteral(" desc");
        return definition;
    }
    // The declared collation of a column (normalizedName()), "BINARY" when none.
    QString collation(const QString &column) const
    {
        const ColumnClause *clause = text.column(column);
        return clause && !clause->collation.isEmpty() ? clause->collation
                                                      : QStringLiteral("BINARY");
    }
};

class SqliteReader
{
public:
    SqliteReader(const Query &query, const InspectOptions &options)
        : m_query(query), m_options(options)
    {
        for (const QString &table : options.excludeTables)
            m_excluded.insert(asciiLower(table.section(QLatin1Char('.'), -1)));
    }

    Result<SchemaModel> read();

private:
    Result<Rows> rows(const QString &what, const QString &sql);
    Status readObjects();
    Status readColumns();
    Status readPrimaryKeyIndexes();
    Status readIndexes();
    Status readForeignKeys();
    void addChecks();
    void addViewsAndTriggers();
    // Each view's result column names as SQLite gives them to a query (quoted, in order, ASCII
    // lower-cased as every name in the model), by
    // lower-cased view name; a view SQLite cannot prepare (a table it names is gone) has none.
    QHash<QString, QString> viewColumns() const;
    // Keys of the tables and views among `names` (lower-cased), leaving out `self`.
    QStringList relationKeys(const QSet<QString> &names, const QString &self) const;
    // "m.name IN ('a', 'b')" for the tables read.
    QString tableFilter() const;
    void addConstraint(const QString &table, const QString &type, const QString &name,
                       const QString &definition, const QString &constraintName,
                       const QStringList &dependsOn);

    const Query &m_query;
    const InspectOptions &m_options;
    SchemaModel m_model;
    QSet<QString> m_excluded;            // lower-cased names of excluded tables
    QHash<QString, TableInfo> m_tables;  // by lower-cased name: tables modelled
    QHash<QString, TableInfo> m_parents; // excluded tables, read only to resolve references
    QStringList m_tableOrder;            // sqlite_schema names of the tables to read
    Rows m_views;                        // name, sql
    QSet<QString> m_viewNames;           // lower-cased
    Rows m_triggers;                     // name, tbl_name, sql
    Rows m_indexes;                      // name, tbl_name, sql
};

Result<Rows> SqliteReader::rows(const QString &what, const QString &sql)
{
    auto result = m_query(sql);
    if (!result)
        return reworded(result.error(),
                        QStringLiteral("cannot read %1: %2").arg(what, result.error().message));
    return result;
}

QString SqliteReader::tableFilter() const
{
    QStringList quoted;
    quoted.reserve(m_tableOrder.size());
    for (const QString &name : m_tableOrder)
        quoted.append(quoteText(name));
    return QStringLiteral("m.type = 'table' AND m.name IN (%1)")
        .arg(quoted.join(QLatin1String(", ")));
}

Status SqliteReader::readObjects()
{
    auto objects = rows(QStringLiteral("the schema"),
                        QStringLiteral("SELECT type, name, tbl_name, sql FROM main.sqlite_master "
                                       "ORDER BY type, name"));
    if (!objects)
        return objects.error();
    // Shadow tables of virtual tables (FTS, R-Tree) as SQLite itself knows them (3.37 and
    // later); before that, by their modules' documented name suffixes.
    QSet<QString> shadows;
    auto listed = m_query(QStringLiteral(
        "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'shadow'"));
    const bool knowsShadows = bool(listed);
    if (listed)
        for (const QStringList &row : *listed)
            shadows.insert(asciiLower(row[0]));
    QStringList virtualTables;
    for (const QStringList &row : *objects)
        if (row[0] == QLatin1String("table") &&
            row[3].startsWith(QLatin1String("CREATE VIRTUAL"), Qt::CaseInsensitive))
            virtualTables.append(asciiLower(row[1]));
    static const QStringList suffixes = {
        QStringLiteral("content"), QStringLiteral("segments"), QStringLiteral("segdir"),
        QStringLiteral("docsize"), QStringLiteral("stat"),     QStringLiteral("data"),
        QStringLiteral("idx"),     QStringLiteral("config"),   QStringLiteral("node"),
        QStringLiteral("rowid"),   QStringLiteral("parent")};
    auto isShadow = [&](const QString &lower) {
        if (knowsShadows)
            return shadows.contains(lower);
        for (const QString &table : virtualTables)
            for (const QString &suffix : suffixes)
                if (lower == table + QLatin1Char('_') + suffix)
                    return true;
        return false;
    };
    QSet<QString> skipped; // tables whose indexes and triggers are left out with them
    for (const QStringList &row : *objects) {
        const QString &type = row[0];
        const QString lower = asciiLower(row[1]);
        if (type == QLatin1String("table")) {
            if (lower.startsWith(QLatin1String("sqlite_")) || isShadow(lower)) {
                skipped.insert(lower);
            } else if (virtualTables.contains(lower)) {
                skipped.insert(lower);
                const QByteArray hash = QCryptographicHash::hash(normalizeSql(row[3]).toUtf8(),
                                                                 QCryptographicHash::Md5);
                m_model.unsupported.append(
                    QStringLiteral("virtual table %1 (kind not supported) definition %2")
                        .arg(lower, QString::fromLatin1(hash.toHex().left(8))));
            } else {
                TableInfo info;
                info.name = row[1];
                info.sql = row[3];
                info.text = readCreateTable(row[3]);
                m_tableOrder.append(row[1]);
                if (m_excluded.contains(lower)) {
                    skipped.insert(lower);
                    m_parents.insert(lower, info);
                } else {
                    m_tables.insert(lower, info);
                }
            }
        } else if (type == QLatin1String("view")) {
            m_views.append({row[1], row[3]});
            m_viewNames.insert(lower);
        }
    }
    for (const QStringList &row : *objects) {
        if (skipped.contains(asciiLower(row[2])) || row[3].isNull())
            continue; // on a left-out table, or made by a constraint (sqlite_autoindex_*)
        if (row[0] == QLatin1String("index"))
            m_indexes.append({row[1], row[2], row[3]});
        else if (row[0] == QLatin1String("trigger"))
            m_triggers.append({row[1], row[2], row[3]});
    }
    return {};
}

Status SqliteReader::readColumns()
{
    auto columns = rows(QStringLiteral("columns"),
                        QStringLiteral("SELECT m.name, p.cid, p.name, p.type, p.\"notnull\", "
                                       "p.dflt_value, p.pk, p.hidden FROM main.sqlite_master m "
                                       "JOIN pragma_table_xinfo(m.name, 'main') p WHERE %1 "
                                       "ORDER BY m.name, p.cid")
                            .arg(tableFilter()));
    if (!columns)
        return columns.error();
    for (const QStringList &row : *columns) {
        const QString lower = asciiLower(row[0]);
        TableInfo *info = m_tables.contains(lower) ? &m_tables[lower] : &m_parents[lower];
        info->columns.append(row.mid(1));
    }
    if (Status status = readPrimaryKeyIndexes(); !status)
        return status;
    for (auto it = m_tables.cbegin(); it != m_tables.cend(); ++it) {
        const TableInfo &info = it.value();
        SchemaObject table = object(ObjectKind::Table, {}, it.key());
        table.properties.insert(QStringLiteral("sql"), info.sql);
        table.properties.insert(QStringLiteral("without_rowid"),
                                trueOrEmpty(info.text.withoutRowid));
        table.properties.insert(QStringLiteral("strict"), trueOrEmpty(info.text.strict));
        const ConstraintClause *primaryKey = info.text.primaryKey();
        table.properties.insert(QStringLiteral("primary_key_on_conflict"),
                                primaryKey ? primaryKey->onConflict : QString());
        // Only what the columns do not say already: a collation or a descending order.
        const QStringList keyColumns = info.primaryKey();
        table.properties.insert(QStringLiteral("primary_key_index"),
                                info.primaryKeyIndex == keyColumns
                                    ? QString()
                                    : info.primaryKeyIndex.join(QLatin1String(", ")));
        // SQLite's rowid alias: a rowid table whose one-column primary key got no index of its
        // own (INTEGER PRIMARY KEY; not INT, not INTEGER PRIMARY KEY DESC).
        const QString rowidAlias =
            !info.text.withoutRowid && keyColumns.size() == 1 && !info.hasPrimaryKeyIndex
                ? keyColumns.first()
                : QString();
        m_model.add(table);
        // A table-level PRIMARY KEY (a AUTOINCREMENT).
        QString autoincrementColumn;
        for (const ConstraintClause &clause : info.text.constraints)
            if (clause.type == ConstraintClause::Type::PrimaryKey && clause.autoincrement &&
                clause.columns.size() == 1)
                autoincrementColumn = clause.columns.first();
        for (const QStringList &row : info.columns) {
            // cid, name, type, notnull, dflt_value, pk, hidden
            const QString normalized = normalizedName(row[1]);
            const ColumnClause *clause = info.text.column(normalized);
            SchemaObject column = object(ObjectKind::Column, it.key(), asciiLower(row[1]));
            auto &p = column.properties;
            p.insert(QStringLiteral("type"), canonicalType(row[2]));
            // A rowid alias is never NULL (NULL stands for "the next rowid"): NOT NULL on it
            // changes nothing.
            const bool alias = normalized == rowidAlias;
            const bool notNull = row[3].toInt() != 0 && !alias;
            p.insert(QStringLiteral("not_null"),
                     notNull ? QStringLiteral("true") : QStringLiteral("false"));
            p.insert(QStringLiteral("not_null_on_conflict"),
                     notNull && clause ? clause->notNullOnConflict : QString());
            p.insert(QStringLiteral("rowid_alias"), trueOrEmpty(alias));
            const int hidden = row[6].toInt();
            p.insert(QStringLiteral("default"),
                     row[4].isNull() || hidden >= 2 ? QString() : canonicalDefault(row[4]));
            p.insert(QStringLiteral("primary_key"), row[5].toInt() > 0 ? row[5] : QString());
            p.insert(QStringLiteral("autoincrement"),
                     trueOrEmpty((clause && clause->autoincrement) ||
                                 (row[5].toInt() > 0 && autoincrementColumn == normalized)));
            QString generated;
            if (hidden == 2 || hidden == 3)
                generated = (hidden == 2 ? QStringLiteral("virtual ") : QStringLiteral("stored ")) +
                            (clause ? clause->generatedExpression : QString());
            p.insert(QStringLiteral("generated"), generated);
            const QString collation = clause ? clause->collation : QString();
            p.insert(QStringLiteral("collation"),
                     collation == QLatin1String("BINARY") ? QString() : collation);
            p.insert(QStringLiteral("position"), row[0]);
            m_model.add(column);
        }
    }
    return {};
}

Status SqliteReader::readPrimaryKeyIndexes()
{
    auto indexed = rows(QStringLiteral("primary key indexes"),
                        QStringLiteral("SELECT m.name, ix.name, ix.\"desc\", ix.coll FROM "
                                       "main.sqlite_master m JOIN pragma_index_list(m.name, "
                                       "'main') il JOIN pragma_index_xinfo(il.name, 'main') ix "
                                       "WHERE %1 AND il.origin = 'pk' AND ix.\"key\" = 1 "
                                       "ORDER BY m.name, ix.seqno")
                            .arg(tableFilter()));
    if (!indexed)
        return indexed.error();
    for (const QStringList &row : *indexed) {
        const QString lower = asciiLower(row[0]);
        if (!m_tables.contains(lower))
            continue;
        TableInfo &info = m_tables[lower];
        info.hasPrimaryKeyIndex = true;
        info.primaryKeyIndex.append(info.keyColumn(row[1], row[2], row[3]));
    }
    return {};
}

void SqliteReader::addConstraint(const QString &table, const QString &type, const QString &name,
                                 const QString &definition, const QString &constraintName,
                                 const QStringList &dependsOn)
{
    SchemaObject constraint = object(ObjectKind::Constraint, table, name);
    // Two constraints on the same columns that differ only in what the name leaves out (a
    // collation, actions): the second is told apart by its whole definition.
    if (m_model.find(constraint.key()))
        constraint.name = definition;
    constraint.properties.insert(QStringLiteral("type"), type);
    constraint.properties.insert(QStringLiteral("definition"), definition);
    constraint.properties.insert(QStringLiteral("constraint_name"), constraintName);
    constraint.dependsOn = dependsOn;
    m_model.add(constraint);
}

Status SqliteReader::readIndexes()
{
    auto indexed = rows(QStringLiteral("indexes"),
                        QStringLiteral("SELECT m.name, il.name, il.\"unique\", il.origin, "
                                       "il.partial, ix.name, ix.\"desc\", ix.coll FROM "
                                       "main.sqlite_master m JOIN pragma_index_list(m.name, "
                                       "'main') il JOIN pragma_index_xinfo(il.name, 'main') ix "
                                       "WHERE %1 AND ix.\"key\" = 1 ORDER BY m.name, il.name, "
                                       "ix.seqno")
                            .arg(tableFilter()));
    if (!indexed)
        return indexed.error();
    // Per index: table, unique, origin, partial, and its key columns.
    struct IndexInfo
    {
        QString table;
        bool unique = false;
        QString origin;
        bool partial = false;
        QStringList names;       // normalizedName()s
        QStringList definitions; // "a collate nocase desc"
    };
    QHash<QString, IndexInfo> indexes;
    QStringList order;
    for (const QStringList &row : *indexed) {
        const QString table = asciiLower(row[0]);
        if (!m_tables.contains(table))
            continue;
        if (!indexes.contains(row[1]))
            order.append(row[1]);
        IndexInfo &info = indexes[row[1]];
        info.table = table;
        info.unique = row[2].toInt() != 0;
        info.origin = row[3];
        info.partial = row[4].toInt() != 0;
        info.names.append(normalizedName(row[5]));
        info.definitions.append(m_tables[table].keyColumn(row[5], row[6], row[7]));
    }
    for (const QString &name : order) {
        const IndexInfo &info = indexes[name];
        if (info.origin != QLatin1String("u"))
            continue;
        const TableInfo &table = m_tables[info.table];
        QString constraintName;
        QString conflict;
        for (const ConstraintClause &clause : table.text.constraints) {
            if (clause.type == ConstraintClause::Type::Unique && clause.columns == info.names) {
                constraintName = clause.name;
                conflict = clause.onConflict;
                break;
            }
        }
        const QString columns = info.names.join(QLatin1String(", "));
        QString definition =
            QStringLiteral("unique (%1)").arg(info.definitions.join(QLatin1String(", ")));
        if (!conflict.isEmpty())
            definition += QStringLiteral(" on conflict ") + conflict;
        addConstraint(info.table, QStringLiteral("unique"),
                      QStringLiteral("unique (%1)").arg(columns), definition, constraintName,
                      {keyOf(ObjectKind::Table, {}, info.table)});
    }
    for (const QStringList &row : m_indexes) {
        const QString table = asciiLower(row[1]);
        const IndexInfo info = indexes.value(row[0]);
        SchemaObject index = object(ObjectKind::Index, table, asciiLower(row[0]));
        QHash<QString, QString> collations;
        if (m_tables.contains(table))
            for (const ColumnClause &column : m_tables[table].text.columns)
                if (!column.collation.isEmpty())
                    collations.insert(column.name, column.collation);
        index.properties.insert(QStringLiteral("definition"), indexDefinition(row[2], collations));
        index.properties.insert(QStringLiteral("unique"),
                                info.unique ? QStringLiteral("true") : QStringLiteral("false"));
        index.properties.insert(QStringLiteral("partial"), trueOrEmpty(info.partial));
        index.properties.insert(QStringLiteral("sql"), row[2]);
        if (m_tables.contains(table))
            index.dependsOn = {keyOf(ObjectKind::Table, {}, table)};
        m_model.add(index);
    }
    return {};
}

Status SqliteReader::readForeignKeys()
{
    auto keys = rows(QStringLiteral("foreign keys"),
                     QStringLiteral("SELECT m.name, f.id, f.\"table\", f.\"from\", f.\"to\", "
                                    "f.on_update, f.on_delete, f.\"match\" FROM main.sqlite_master "
                                    "m JOIN pragma_foreign_key_list(m.name, 'main') f WHERE %1 "
                                    "ORDER BY m.name, f.id, f.seq")
                         .arg(tableFilter()));
    if (!keys)
        return keys.error();
    // Grouped by (table, id), in the order read.
    QList<Rows> groups;
    for (const QStringList &row : *keys) {
        if (!m_tables.contains(asciiLower(row[0])))
            continue;
        if (groups.isEmpty() || groups.last().first()[0] != row[0] ||
            groups.last().first()[1] != row[1])
            groups.append(Rows{});
        groups.last().append(row);
    }
    for (const Rows &group : groups) {
        const QString table = asciiLower(group.first()[0]);
        const QString parent = asciiLower(group.first()[2]);
        QStringList from;
        QStringList to;
        for (const QStringList &row : group) {
            from.append(normalizedName(row[3]));
            if (!row[4].isEmpty())
                to.append(normalizedName(row[4]));
        }
        // REFERENCES parent without a column list means the parent's primary key.
        if (to.isEmpty()) {
            const TableInfo *info = m_tables.contains(parent)    ? &m_tables[parent]
                                    : m_parents.contains(parent) ? &m_parents[parent]
                                                                 : nullptr;
            if (info)
                to = info->primaryKey();
        }
        const QString parentName = normalizedName(parent);
        bool deferred = false;
        QString constraintName;
        for (const ConstraintClause &clause : m_tables[table].text.constraints) {
            if (clause.type == ConstraintClause::Type::ForeignKey && clause.columns == from &&
                clause.parent == parentName) {
                deferred = clause.deferred;
                constraintName = clause.name;
                break;
            }
        }
        const QString name =
            QStringLiteral("foreign key (%1) references %2")
                .arg(from.join(QLatin1String(", ")), parentName) +
            (to.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(to.join(QLatin1String(", "))));
        const QStringList &first = group.first();
        QString definition =
            QStringLiteral("%1 on update %2 on delete %3 match %4")
                .arg(name, asciiLower(first[5]), asciiLower(first[6]), asciiLower(first[7]));
        if (deferred)
            definition += QStringLiteral(" deferrable initially deferred");
        QStringList dependsOn = {keyOf(ObjectKind::Table, {}, table)};
        if (m_tables.contains(parent) && parent != table)
            dependsOn.append(keyOf(ObjectKind::Table, {}, parent));
        addConstraint(table, QStringLiteral("foreign key"), name, definition, constraintName,
                      dependsOn);
    }
    return {};
}

void SqliteReader::addChecks()
{
    for (auto it = m_tables.cbegin(); it != m_tables.cend(); ++it) {
        for (const ConstraintClause &clause : it.value().text.constraints) {
            if (clause.type != ConstraintClause::Type::Check)
                continue;
            const QString definition = QStringLiteral("check (%1)").arg(clause.expression);
            addConstraint(it.key(), QStringLiteral("check"), definition, definition, clause.name,
                          {keyOf(ObjectKind::Table, {}, it.key())});
        }
    }
}

QStringList SqliteReader::relationKeys(const QSet<QString> &names, const QString &self) const
{
    QStringList keys;
    for (const QString &name : names) {
        if (name == self)
            continue;
        if (m_tables.contains(name))
            keys.append(keyOf(ObjectKind::Table, {}, name));
        else if (m_viewNames.contains(name))
            keys.append(keyOf(ObjectKind::View, {}, name));
    }
    keys.sort();
    return keys;
}

QHash<QString, QString> SqliteReader::viewColumns() const
{
    auto quoted = [](const QString &name) {
        QString text = name;
        text.replace(QLatin1Char('"'), QLatin1String("\"\""));
        return QLatin1Char('"') + text + QLatin1Char('"');
    };
    QHash<QString, QStringList> names;
    auto all = m_query(QStringLiteral("SELECT m.name, p.name FROM main.sqlite_master m JOIN "
                                      "pragma_table_xinfo(m.name, 'main') p WHERE m.type = "
                                      "'view' ORDER BY m.name, p.cid"));
    if (all) {
        for (const QStringList &row : *all)
            names[asciiLower(row[0])].append(quoted(asciiLower(row[1])));
    } else {
        // One view SQLite cannot prepare fails the whole query: each on its own.
        for (const QStringList &view : m_views) {
            auto rows = m_query(QStringLiteral("SELECT name FROM pragma_table_xinfo(%1, 'main') "
                                               "ORDER BY cid")
                                    .arg(quoteText(view[0])));
            if (rows)
                for (const QStringList &row : *rows)
                    names[asciiLower(view[0])].append(quoted(asciiLower(row[0])));
        }
    }
    QHash<QString, QString> out;
    for (auto it = names.cbegin(); it != names.cend(); ++it)
        out.insert(it.key(), it.value().join(QLatin1String(", ")));
    return out;
}

void SqliteReader::addViewsAndTriggers()
{
    const QHash<QString, QString> columns =
        m_views.isEmpty() ? QHash<QString, QString>() : viewColumns();
    for (const QStringList &row : m_views) {
        const QString name = asciiLower(row[0]);
        SchemaObject view = object(ObjectKind::View, {}, name);
        view.properties.insert(QStringLiteral("columns"), columns.value(name));
        view.properties.insert(QStringLiteral("definition"), normalizedStatement(row[1]));
        view.properties.insert(QStringLiteral("sql"), row[1]);
        view.dependsOn = relationKeys(referencedNames(sqlTokenList(row[1])), name);
        m_model.add(view);
    }
    for (const QStringList &row : m_triggers) {
        const QString table = asciiLower(row[1]);
        SchemaObject trigger = object(ObjectKind::Trigger, table, asciiLower(row[0]));
        trigger.properties.insert(QStringLiteral("definition"), triggerDefinition(row[2]));
        trigger.properties.insert(QStringLiteral("sql"), row[2]);
        QSet<QString> names = referencedNames(sqlTokenList(row[2]));
        names.insert(table);
        // A trigger is no relation: one named like a table still depends on it.
        trigger.dependsOn = relationKeys(names, {});
        m_model.add(trigger);
    }
}

Result<SchemaModel> SqliteReader::read()
{
    auto version =
        rows(QStringLiteral("the SQLite version"), QStringLiteral("SELECT sqlite_version()"));
    if (!version)
        return version.error();
    m_model.engine = Engine::SQLite;
    if (!version->isEmpty() && !version->first().isEmpty())
        m_model.serverVersion = QStringLiteral("SQLite ") + version->first().first();
    if (Status status = readObjects(); !status)
        return status.error();
    if (!m_tableOrder.isEmpty()) {
        if (Status status = readColumns(); !status)
            return status.error();
        if (Status status = readIndexes(); !status)
            return status.error();
        if (Status status = readForeignKeys(); !status)
            return status.error();
    }
    addChecks();
    addViewsAndTriggers();
    m_model.unsupported.sort();
    return m_model;
}

} // namespace

Result<SchemaModel> inspectSqlite(const Query &query, const InspectOptions &options)
{
    SqliteReader reader(query, options);
    return reader.read();
}

} // namespace strata::schema
